// A small argparse-like scanner shared by the subcommands: long options with `=` or a separate value,
// short flags that may be combined (-xd), and upstream's single-dash long options (-march=, -O3).

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface OptionSpec {
  /** All spellings, e.g. ['-o', '--output']. */
  readonly names: readonly string[];
  readonly key: string;
  readonly takesValue: boolean;
}

export interface ParsedArgs {
  readonly values: Map<string, string[]>;
  readonly flags: Set<string>;
  readonly positional: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const byName = new Map<string, OptionSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const setValue = (s: OptionSpec, v: string) => values.set(s.key, [...(values.get(s.key) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const spec = byName.get(name);
    if (spec) {
      if (spec.takesValue) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`argument ${name}: expected one argument`);
        setValue(spec, v);
      } else if (eq > 0) throw new UsageError(`argument ${name}: ignored explicit argument '${a.slice(eq + 1)}'`);
      else flags.add(spec.key);
      continue;
    }
    // Combined short flags such as -xd or -jd.
    if (!a.startsWith('--') && a.length > 2) {
      const chars = [...a.slice(1)];
      const all = chars.map((c) => byName.get('-' + c));
      if (all.every((s) => s !== undefined && !s.takesValue)) {
        for (const s of all) flags.add((s as OptionSpec).key);
        continue;
      }
      // A short option with its value attached: -oFILE
      const first = byName.get(a.slice(0, 2));
      if (first?.takesValue) {
        setValue(first, a.slice(2));
        continue;
      }
    }
    throw new UsageError(`unrecognized arguments: ${a}`);
  }
  return { values, flags, positional };
}

/** What a subcommand needs from the console. */
export interface CommandIO {
  stdout(data: string | Uint8Array): void;
  stderr(data: string): void;
}

/**
 * argparse's front matter for a subcommand: parses `argv`, answers -h, and reports usage errors and a
 * missing positional argument as argparse does (usage, then "PROG: error: ...", exit 2). Returns the
 * parsed arguments, or the exit code when the command should stop.
 */
export function parseCommandArgs(
  argv: readonly string[], specs: readonly OptionSpec[], usage: string, prog: string, io: CommandIO, missingPositional: string,
): ParsedArgs | number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, specs);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(usage + `${prog}: error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.flags.has('help')) {
    io.stdout(usage);
    return 0;
  }
  if (args.positional.length === 0) {
    io.stderr(usage + `${prog}: error: ${missingPositional}\n`);
    return 2;
  }
  return args;
}
