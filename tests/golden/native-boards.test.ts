// Native code for the board architectures against the real mpy-cross v1.28.0: Thumb (armv6m, armv7m,
// armv7emdp), Xtensa (xtensa = ESP8266 call0 ABI, xtensawin = ESP32 windowed ABI) and RV32IMC, over every
// pyodide stdlib source of the native-ARCH option sets (-X emit=native -march=ARCH), and the repo's own
// cases in tests/data/native-boards (made by its make.sh; they include tests/data/native's programs and
// the rv32imc -march-flags variants zba/zcmp, and armv6, whose ARM-state back-end has no stdlib golden set),
// and `mpyts tool -d` against mpy-tool.py's listings of board and inline-assembler outputs (tool-d/).
//
// As in native-x64.test.ts: a golden .mpy must be byte-identical, a golden SyntaxError .err must have the
// same text, and where the golden .err starts with `exit -6` (mpy-cross aborted on bare `raise` or
// `raise X from Y`) mpyts must compile the file and the output must read back (and `mpyts tool -d` it).
// Identical bytes also make `mpyts tool -d` agree with mpy-tool's listing of the golden file.
//
// native-armv7m/html/entities.mpy has more than 64 KiB of machine code in one function: mpy-cross writes
// its prelude offset truncated to 16 bits, and so does mpyts (emit-native-base.ts endPass); the reader
// recovers the real offset (src/core/prelude.ts effectivePreludeOffset).
//
// tests/golden/native-boards-known-mismatches.txt lists files allowed to differ (`optset/path` per line);
// a listed file that now matches fails the test, so the list can only shrink.
// MPYTS_NATIVE_FILTER=<substring> limits the files; MPYTS_COMPILE_SHOW=<n> lists n mismatches.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodePrelude } from '../../src/core/prelude.js';
import { compile, type CompileOptions } from '../../src/compile/index.js';
import { CompileError } from '../../src/compile/errors.js';
import { readMpy } from '../../src/mpy/reader.js';
import { CodeKind, featureArch, type MpyRawCode } from '../../src/mpy/types.js';
import { runMpyTool } from '../../src/tool/index.js';
import { GOLDEN, REPO_ROOT, sharedMissing } from '../helpers/paths.js';
import { readZip } from '../helpers/zip.js';

const ZIP = join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip');
const FILTER = process.env['MPYTS_NATIVE_FILTER'];
const SHOW = Number(process.env['MPYTS_COMPILE_SHOW'] ?? '20');

const KNOWN = new Set(
  readFileSync(join(REPO_ROOT, 'tests', 'golden', 'native-boards-known-mismatches.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#')),
);

/** Architecture numbers as the .mpy header stores them. */
const ARCH_NUM: Record<string, number> = {
  armv6: 3, armv6m: 4, armv7m: 5, armv7em: 6, armv7emsp: 7, armv7emdp: 8, xtensa: 9, xtensawin: 10, rv32imc: 11,
};

/** Compile options of an option-set name: [native-|march-]ARCH[-zba][-zcmp] (march- or none: -march only). */
function optionsOfSet(optset: string): CompileOptions {
  const parts = optset.split('-');
  const native = parts[0] === 'native';
  if (native || parts[0] === 'march') parts.shift();
  const opts: CompileOptions = { arch: parts[0] ?? '', ...(native ? { emit: 'native' as const } : {}) };
  const archFlags = (parts.includes('zba') ? 1 : 0) | (parts.includes('zcmp') ? 2 : 0);
  if (archFlags !== 0) opts.archFlags = archFlags;
  return opts;
}

type Outcome = { mpy: Uint8Array } | { err: string };

function run(source: Uint8Array, fileName: string, opts: CompileOptions): Outcome {
  try {
    return { mpy: compile(source, { fileName, ...opts }) };
  } catch (e) {
    if (e instanceof CompileError) return { err: `exit 1\n${e.format()}` };
    return { err: `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** For files mpy-cross aborts on: the output reads back, names the architecture, has machine code whose
 * preludes decode, and disassembles. */
function checkReadable(mpy: Uint8Array, arch: number): string | undefined {
  try {
    const file = readMpy(mpy);
    if (featureArch(file.featureByte) !== arch) return `header names architecture ${featureArch(file.featureByte)}`;
    let nativeCount = 0;
    const walk = (rc: MpyRawCode): void => {
      if (rc.kind === CodeKind.NativePy) decodePrelude(rc.funData, rc.preludeOffset);
      if (rc.kind === CodeKind.NativePy || rc.kind === CodeKind.NativeViper) nativeCount++;
      rc.children.forEach(walk);
    };
    walk(file.rawCode);
    if (nativeCount === 0) return 'no native code';
    const dis = runMpyTool([{ path: 'x.mpy', data: mpy }], { disassemble: true });
    if (dis.exitCode !== 0) return `mpyts tool -d failed: ${dis.stderr}`;
    return undefined;
  } catch (e) {
    return `does not read back: ${e instanceof Error ? e.message : String(e)}`;
  }
}

interface Tally {
  identical: number;
  total: number;
  beyond: number;
  beyondTotal: number;
  mismatches: string[];
  nowMatching: string[];
}

const newTally = (): Tally => ({ identical: 0, total: 0, beyond: 0, beyondTotal: 0, mismatches: [], nowMatching: [] });

function check(t: Tally, key: string, out: Outcome, goldenBase: string, arch: number): void {
  let why: string | undefined;
  if (existsSync(goldenBase + '.mpy')) {
    t.total++;
    const want = new Uint8Array(readFileSync(goldenBase + '.mpy'));
    if ('err' in out) why = `expected .mpy, got error: ${out.err.split('\n').slice(0, 4).join(' | ')}`;
    else if (Buffer.compare(Buffer.from(out.mpy), Buffer.from(want)) !== 0) {
      let i = 0;
      while (i < want.length && out.mpy[i] === want[i]) i++;
      why = `bytes differ at ${i} (got ${out.mpy.length} bytes, want ${want.length})`;
    }
  } else {
    const want = readFileSync(goldenBase + '.err', 'utf8');
    if (want.startsWith('exit -6')) {
      t.beyondTotal++;
      why = 'err' in out ? `compile failed: ${out.err.split('\n').slice(0, 4).join(' | ')}` : checkReadable(out.mpy, arch);
      if (why === undefined) {
        t.beyond++;
        if (KNOWN.has(key)) t.nowMatching.push(key);
      } else if (!KNOWN.has(key)) t.mismatches.push(`${key}: ${why}`);
      return;
    }
    t.total++;
    if ('mpy' in out) why = `expected error, compiled: ${want.split('\n').slice(-2).join(' ')}`;
    else if (out.err !== want) why = `error text differs: got ${JSON.stringify(out.err)} want ${JSON.stringify(want)}`;
  }
  if (why === undefined) {
    t.identical++;
    if (KNOWN.has(key)) t.nowMatching.push(key);
  } else if (!KNOWN.has(key)) {
    t.mismatches.push(`${key}: ${why}`);
  }
}

function report(label: string, t: Tally): string[] {
  const beyond = t.beyondTotal > 0 ? `; ${t.beyond}/${t.beyondTotal} files mpy-cross aborts on compile and read back` : '';
  console.log(`native ${label}: ${t.identical}/${t.total} identical${beyond}`);
  for (const m of t.mismatches.slice(0, SHOW)) console.log(`  ${m}`);
  return [...t.mismatches, ...t.nowMatching.map((k) => `${k}: matches now, remove it from native-boards-known-mismatches.txt`)];
}

const stdlibSkip = sharedMissing('golden/pyodide-stdlib/mpy/native-armv7m') ?? (existsSync(ZIP) ? undefined : `${ZIP} is absent (npm install pyodide@314.0.7)`);

test('native boards: compile() matches mpy-cross on the pyodide stdlib (armv6m, armv7m, armv7emdp, xtensa, xtensawin, rv32imc)', { skip: stdlibSkip }, () => {
  const sources = readZip(new Uint8Array(readFileSync(ZIP))).filter((e) => e.name.endsWith('.py'));
  const failures: string[] = [];
  for (const arch of ['armv6m', 'armv7m', 'armv7emdp', 'xtensa', 'xtensawin', 'rv32imc']) {
    const optset = `native-${arch}`;
    const t = newTally();
    const t0 = performance.now();
    for (const { name, data } of sources) {
      if (FILTER !== undefined && !name.includes(FILTER)) continue;
      const out = run(data, name, { emit: 'native', arch });
      check(t, `${optset}/${name}`, out, join(GOLDEN, 'mpy', optset, name.slice(0, -3)), ARCH_NUM[arch] as number);
    }
    failures.push(...report(`stdlib ${optset} (${Math.round(performance.now() - t0)} ms)`, t));
    if (FILTER === undefined) assert.ok(t.total > 400, `${optset}: expected the golden files, found ${t.total}`);
  }
  assert.deepEqual(failures, []);
});

test('native boards: compile() matches mpy-cross on the repo own cases (tests/data/native-boards)', () => {
  const dir = join(REPO_ROOT, 'tests', 'data', 'native-boards');
  const srcDirs = [join(REPO_ROOT, 'tests', 'data', 'native'), dir];
  const optsets: string[] = [];
  for (const f of readdirSync(dir)) {
    const m = /^viper_boards\.(.+)\.(mpy|err)$/.exec(f);
    if (m) optsets.push(m[1] as string);
  }
  optsets.sort();
  const t = newTally();
  for (const srcDir of srcDirs) {
    for (const f of readdirSync(srcDir).sort()) {
      if (!f.endsWith('.py') || (FILTER !== undefined && !f.includes(FILTER))) continue;
      const src = new Uint8Array(readFileSync(join(srcDir, f)));
      const name = srcDir === dir ? f : `../native/${f}`;
      for (const optset of optsets) {
        const opts = optionsOfSet(optset);
        check(t, `data/native-boards/${f} ${optset}`, run(src, name, opts), join(dir, `${f.slice(0, -3)}.${optset}`), ARCH_NUM[opts.arch ?? ''] as number);
      }
    }
  }
  const failures = report(`tests/data/native-boards (${optsets.length} option sets)`, t);
  assert.ok(t.total >= 400, `expected the native-boards cases, found ${t.total}`);
  assert.deepEqual(failures, []);
});

test('native boards: rv64imc has no native emitter (as mpy-cross: NotImplementedError)', () => {
  const out = run(new TextEncoder().encode('def f(x):\n    return x\n'), 't.py', { emit: 'native', arch: 'rv64imc' });
  assert.deepEqual(out, {
    err: 'exit 1\nTraceback (most recent call last):\n  File "t.py", line 1, in f\nNotImplementedError: cannot emit native code for this architecture\n',
  });
});

test('native boards: mpyts tool -d on mpyts output equals mpy-tool.py listings (tests/data/native-boards/tool-d)', () => {
  const dir = join(REPO_ROOT, 'tests', 'data', 'native-boards', 'tool-d');
  const dataDir = join(REPO_ROOT, 'tests', 'data');
  const failures: string[] = [];
  let total = 0;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    // NAME.OPTSET.txt; the source is in native-boards/ or inline-asm/
    const [name, ...rest] = f.slice(0, -4).split('.');
    const optset = rest.join('.');
    const srcDir = existsSync(join(dataDir, 'native-boards', `${name}.py`)) ? 'native-boards' : 'inline-asm';
    const opts = optionsOfSet(optset);
    total++;
    const out = run(new Uint8Array(readFileSync(join(dataDir, srcDir, `${name}.py`))), `${name}.py`, opts);
    if ('err' in out) {
      failures.push(`${f}: ${out.err}`);
      continue;
    }
    const res = runMpyTool([{ path: `${name}.${optset}.mpy`, data: out.mpy }], { disassemble: true });
    if (res.exitCode !== 0 || Buffer.compare(Buffer.from(res.stdout), readFileSync(join(dir, f))) !== 0) failures.push(f);
  }
  console.log(`native boards tool -d: ${total - failures.length}/${total} listings identical`);
  assert.ok(total >= 40, `expected the listings, found ${total}`);
  assert.deepEqual(failures, []);
});
