// `mpyts cross`: mpy-cross's command line (cross-args.ts), plus several input files per run (each .mpy
// next to its source, or under --outdir keeping relative paths), a progress line on a terminal, and
// atomic output files (never a partial .mpy).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { crossOptions, formatCompileFailure, parseCrossArgs, type CrossCompile } from '../cross-args.js';
import { writeFileAtomic } from './fs-util.js';
import type { CliIO } from './tool.js';

export interface CrossIO extends CliIO {
  stdin?: () => Uint8Array;
  isTTY?: boolean;
}

export function crossCommand(argv: readonly string[], io: CrossIO, compile: CrossCompile): number {
  const parsed = parseCrossArgs(argv);
  if (!('args' in parsed)) {
    if (parsed.stdout) io.stdout(parsed.stdout);
    if (parsed.stderr) io.stderr(parsed.stderr);
    return parsed.exit;
  }
  const args = parsed.args;
  const progress = io.isTTY === true && args.inputs.length > 1;
  let failed = 0;
  args.inputs.forEach((file, i) => {
    if (progress) io.stderr(`\r[${i + 1}/${args.inputs.length}] ${file}\x1b[K`);
    let source: Uint8Array;
    try {
      source = file === '-' ? (io.stdin?.() ?? new Uint8Array()) : new Uint8Array(readFileSync(file));
    } catch {
      // mpy-cross reports an unreadable input as an uncaught OSError.
      io.stderr('OSError: [Errno 2] ENOENT\n');
      failed++;
      return;
    }
    let mpy: Uint8Array;
    try {
      mpy = compile(source, crossOptions(args, file));
    } catch (e) {
      const text = formatCompileFailure(e);
      if (text === undefined) throw e;
      if (progress) io.stderr('\n');
      io.stderr(text);
      failed++;
      return;
    }
    if (args.output === '-' || (args.output === undefined && file === '-')) {
      io.stdout(mpy);
      return;
    }
    let target = args.output ?? file.slice(0, -2) + 'mpy';
    if (args.outdir !== undefined && args.output === undefined) {
      const rel = relative(process.cwd(), resolve(file));
      const inside = rel.startsWith('..') ? file.replace(/^(\.\.\/)+|^\//, '') : rel;
      target = join(args.outdir, inside.slice(0, -2) + 'mpy');
      mkdirSync(dirname(target), { recursive: true });
    }
    writeFileAtomic(target, mpy);
  });
  if (progress) io.stderr(`\r\x1b[K${args.inputs.length - failed}/${args.inputs.length} compiled\n`);
  return failed ? 1 : 0;
}
