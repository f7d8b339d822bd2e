// `mpyts tool`: tools/mpy-tool.py's command line over src/tool.
import { readFileSync } from 'node:fs';
import { runMpyTool } from '../tool/index.js';
import { parseCommandArgs, type CommandIO, type OptionSpec } from './args.js';
import { writeFileAtomic } from './fs-util.js';

const SPECS: OptionSpec[] = [
  { names: ['-x', '--hexdump'], key: 'hexdump', takesValue: false },
  { names: ['-d', '--disassemble'], key: 'disassemble', takesValue: false },
  { names: ['-f', '--freeze'], key: 'freeze', takesValue: false },
  { names: ['-j', '--json'], key: 'json', takesValue: false },
  { names: ['--merge'], key: 'merge', takesValue: false },
  { names: ['-e', '--extract'], key: 'extract', takesValue: true },
  { names: ['--extract-only'], key: 'extract-only', takesValue: true },
  { names: ['-q', '--qstr-header'], key: 'qstr-header', takesValue: true },
  { names: ['-mlongint-impl'], key: 'mlongint-impl', takesValue: true },
  { names: ['-mmpz-dig-size'], key: 'mmpz-dig-size', takesValue: true },
  { names: ['-march-flags'], key: 'march-flags', takesValue: true },
  { names: ['-o', '--output'], key: 'output', takesValue: true },
  { names: ['-h', '--help'], key: 'help', takesValue: false },
];

const USAGE = `usage: mpyts tool [-h] [-x] [-d] [-f] [-j] [--merge] [-e BASE] [--extract-only KIND[,...]] [-q QSTR_HEADER]
                  [-mlongint-impl {none,longlong,mpz}] [-mmpz-dig-size N] [-march-flags F] [-o OUTPUT]
                  files [files ...]

A tool to work with MicroPython .mpy files (tools/mpy-tool.py of MicroPython v1.28.0).
`;

/** The console a subcommand writes to. */
export type CliIO = CommandIO;

export function toolCommand(argv: readonly string[], io: CliIO): number {
  const args = parseCommandArgs(argv, SPECS, USAGE, 'mpyts tool', io, 'the following arguments are required: files');
  if (typeof args === 'number') return args;
  const one = (k: string) => args.values.get(k)?.at(-1);
  const longIntImpl = one('mlongint-impl') ?? 'mpz';
  if (longIntImpl !== 'none' && longIntImpl !== 'longlong' && longIntImpl !== 'mpz') {
    io.stderr(USAGE + `mpyts tool: error: argument -mlongint-impl: invalid choice: '${longIntImpl}' (choose from 'none', 'longlong', 'mpz')\n`);
    return 2;
  }
  const digText = one('mmpz-dig-size') ?? '16';
  if (!/^[-+]?\d+$/.test(digText)) {
    io.stderr(USAGE + `mpyts tool: error: argument -mmpz-dig-size: invalid int value: '${digText}'\n`);
    return 2;
  }
  const qstrHeaderPath = one('qstr-header');
  let qstrHeader: string | undefined;
  if (qstrHeaderPath !== undefined) {
    try {
      qstrHeader = readFileSync(qstrHeaderPath, 'utf8');
    } catch (e) {
      io.stderr(`mpyts tool: cannot read ${qstrHeaderPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  const archFlagsText = one('march-flags');
  let archFlags: number | undefined;
  if (archFlagsText !== undefined) {
    archFlags = Number.parseInt(archFlagsText, 10);
    if (!/^[-+]?\d+$/.test(archFlagsText)) {
      io.stderr(USAGE + `mpyts tool: error: argument -march-flags: invalid int value: '${archFlagsText}'\n`);
      return 2;
    }
  }
  const inputs = [];
  for (const path of args.positional) {
    try {
      inputs.push({ path, data: new Uint8Array(readFileSync(path)) });
    } catch (e) {
      io.stderr(`mpyts tool: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 1;
    }
  }
  const extractOnly = one('extract-only');
  const extract = one('extract');
  const res = runMpyTool(inputs, {
    hexdump: args.flags.has('hexdump'),
    disassemble: args.flags.has('disassemble'),
    json: args.flags.has('json'),
    merge: args.flags.has('merge'),
    ...(extract !== undefined ? { extract } : {}),
    ...(extractOnly !== undefined ? { extractOnly } : {}),
    ...(archFlags !== undefined ? { archFlags } : {}),
    ...(args.flags.has('freeze') ? { freeze: { longIntImpl, mpzDigSize: Number(digText), ...(qstrHeader !== undefined ? { qstrHeader } : {}) } } : {}),
  }, one('output'));

  const output = one('output');
  // Upstream's -o names only the --merge output; mpyts also lets it take the -d/-x/-f text, written atomically.
  if (output !== undefined && !args.flags.has('merge') && res.exitCode === 0) writeFileAtomic(output, res.stdout);
  else if (res.stdout.length) io.stdout(res.stdout);
  if (res.stderr) io.stderr(res.stderr);
  for (const f of res.files) {
    if (f.path === undefined) io.stdout(f.data);
    else writeFileAtomic(f.path, f.data);
  }
  return res.exitCode;
}
