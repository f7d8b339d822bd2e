// `mpyts freeze`: turns .py files, folders and manifest.py files into (a) an ES module that embeds
// the compiled .mpy bytes (or source, for freeze_as_str) and registers them with the mpyts VM as
// frozen modules, or (b) with --c, the C file tools/mpy-tool.py -f makes for a firmware build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { compile, compileModule } from '../compile/index.js';
import { formatCompileFailure } from '../cross-args.js';
import { writeMpy } from '../mpy/writer.js';
import { runMpyTool } from '../tool/index.js';
import { parseCommandArgs, type OptionSpec } from './args.js';
import { writeFileAtomic } from './fs-util.js';
import { runManifest, type FreezeEntry } from './manifest.js';
import { createNodeHost } from './node-host.js';
import type { CliIO } from './tool.js';

const SPECS: OptionSpec[] = [
  { names: ['-o', '--output'], key: 'output', takesValue: true },
  { names: ['--c'], key: 'c', takesValue: false },
  { names: ['--import-from'], key: 'import-from', takesValue: true },
  { names: ['--lib'], key: 'lib', takesValue: true },
  { names: ['--var'], key: 'var', takesValue: true },
  { names: ['-O'], key: 'O', takesValue: true },
  { names: ['-march'], key: 'march', takesValue: true },
  { names: ['-msmall-int-bits'], key: 'small-int-bits', takesValue: true },
  { names: ['-h', '--help'], key: 'help', takesValue: false },
];

const USAGE = `usage: mpyts freeze [-o OUT] [--c] [--import-from SPEC] [--lib MICROPYTHON_LIB] [--var NAME=PATH]
                    [-O=N] [-march=ARCH] [-msmall-int-bits=N] INPUT...

INPUT is a .py file (frozen as its file name), a folder (every .py below it, by relative path) or a
manifest file (*manifest*.py: freeze(), module(), package(), include(), require(), options).
Writes an ES module that registers the frozen modules with the mpyts VM (import it before creating
the VM), or with --c the C source tools/mpy-tool.py -f would write.
  --import-from SPEC   where the generated module imports registerFrozenModules from (default mpyts/vm)
  --lib DIR            micropython-lib checkout for require() ($(MPY_LIB_DIR))
  --var NAME=PATH      a $(NAME) for manifest paths (MPY_DIR, PORT_DIR, BOARD_DIR...)
`;

function collect(inputs: readonly string[], vars: Record<string, string>): FreezeEntry[] {
  const entries: FreezeEntry[] = [];
  const host = createNodeHost();
  const compileFn = (source: string, fileName: string, mode?: 'exec' | 'eval' | 'single') =>
    writeMpy(compileModule(source, { fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode }));
  for (const input of inputs) {
    const st = statSync(input);
    if (st.isDirectory()) {
      entries.push(...folderEntries(input));
    } else if (/manifest[^/]*\.py$/.test(basename(input))) {
      entries.push(...runManifest(input, host, { vars, compile: compileFn }));
    } else {
      entries.push({ name: basename(input), path: input, kind: 'mpy' });
    }
  }
  // A later input's module of the same name wins, as a later freeze() in a manifest does.
  const byName = new Map<string, FreezeEntry>();
  for (const e of entries) byName.set(e.name, e);
  return [...byName.values()];
}

/** Every .py file below a folder, named by its path relative to that folder (sorted, for stable output). */
function folderEntries(dir: string): FreezeEntry[] {
  const out: FreezeEntry[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.py')) out.push({ name: relative(dir, p).split('\\').join('/'), path: p, kind: 'mpy' });
    }
  };
  walk(dir);
  return out;
}

/** A Uint8Array literal as base64 text (compact, and decodable in browsers and Node alike). */
function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number);
  return btoa(bin);
}

export function freezeCommand(argv: readonly string[], io: CliIO): number {
  const args = parseCommandArgs(argv, SPECS, USAGE, 'mpyts freeze', io, 'no input');
  if (typeof args === 'number') return args;
  const one = (k: string) => args.values.get(k)?.at(-1);
  const vars: Record<string, string> = {};
  const lib = one('lib');
  if (lib !== undefined) vars['MPY_LIB_DIR'] = resolve(lib);
  for (const v of args.values.get('var') ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) {
      io.stderr(`mpyts freeze: error: --var wants NAME=PATH, got '${v}'\n`);
      return 2;
    }
    vars[v.slice(0, eq)] = resolve(v.slice(eq + 1));
  }
  const optimize = Number(one('O') ?? 0);
  const smallIntBits = Number(one('small-int-bits') ?? 31);
  const arch = one('march');

  let entries: FreezeEntry[];
  try {
    entries = collect(args.positional, vars);
  } catch (e) {
    io.stderr(`mpyts freeze: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }

  const compiled: { entry: FreezeEntry; mpy?: Uint8Array; source?: string }[] = [];
  let failed = false;
  for (const entry of entries) {
    const source = readFileSync(entry.path);
    if (entry.kind === 'str') {
      compiled.push({ entry, source: new TextDecoder().decode(source) });
      continue;
    }
    try {
      const mpy = compile(source, { fileName: entry.name, optimize: entry.opt ?? optimize, smallIntBits, ...(arch !== undefined ? { arch } : {}) });
      compiled.push({ entry, mpy });
    } catch (e) {
      const text = formatCompileFailure(e);
      if (text === undefined) throw e;
      io.stderr(text);
      failed = true;
    }
  }
  if (failed) return 1;

  let output: string;
  if (args.flags.has('c')) {
    const strs = compiled.filter((c) => c.mpy === undefined);
    if (strs.length) {
      io.stderr(`mpyts freeze: --c freezes .mpy only; frozen-as-str modules: ${strs.map((s) => s.entry.name).join(', ')}\n`);
      return 1;
    }
    const res = runMpyTool(compiled.map((c) => ({ path: c.entry.name.replace(/\.py$/, '.mpy'), data: c.mpy as Uint8Array })), { freeze: {} });
    if (res.exitCode !== 0) {
      io.stderr(res.stderr);
      return res.exitCode;
    }
    output = String(res.stdout);
  } else {
    const from = one('import-from') ?? 'mpyts/vm';
    const lines = [
      '// Generated by `mpyts freeze`: frozen modules for the mpyts VM (import this before creating a VM).',
      `import { registerFrozenModules } from ${JSON.stringify(from)};`,
      '',
      'const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));',
      '',
      '/** The frozen modules; .mpy bytes execute in place from these arrays. */',
      'export const modules = [',
      ...compiled.map((c) =>
        c.mpy !== undefined
          ? `  { name: ${JSON.stringify(c.entry.name)}, mpy: b64(${JSON.stringify(base64(c.mpy))}) },`
          : `  { name: ${JSON.stringify(c.entry.name)}, source: ${JSON.stringify(c.source)} },`,
      ),
      '];',
      '',
      'registerFrozenModules(modules);',
      '',
    ];
    output = lines.join('\n');
  }
  const out = one('output');
  if (out === undefined) io.stdout(output);
  else writeFileAtomic(out, output);
  return 0;
}
