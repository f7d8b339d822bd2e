// Native code (-X emit=native, @micropython.native/viper) against the real mpy-cross v1.28.0, for x64
// and x86: every pyodide stdlib source under the native-x64 and native-x86 option sets, and the corpus
// option sets march-x64 (decorated functions) and native-x64 (whole programs).
//
// Where the golden is a SyntaxError .err the text must match. Where it starts with `exit -6`, mpy-cross
// aborted (an assertion on `raise` with other than one argument, i.e. bare `raise` and `raise X from
// Y`): mpyts must compile those files, and the output must read back and its native preludes decode.
// Whether such code runs right was checked with the reference unix port (see docs/ARCHITECTURE.md).
//
// tests/golden/native-known-mismatches.txt lists files allowed to differ (one `optset/path` per line);
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
import { GOLDEN, REPO_ROOT, SHARED, sharedMissing } from '../helpers/paths.js';
import { readZip } from '../helpers/zip.js';

const ZIP = join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip');
const FILTER = process.env['MPYTS_NATIVE_FILTER'];
const SHOW = Number(process.env['MPYTS_COMPILE_SHOW'] ?? '20');

const KNOWN = new Set(
  readFileSync(join(REPO_ROOT, 'tests', 'golden', 'native-known-mismatches.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#')),
);

type Outcome = { mpy: Uint8Array } | { err: string };

function run(source: Uint8Array, fileName: string, opts: CompileOptions): Outcome {
  try {
    return { mpy: compile(source, { fileName, ...opts }) };
  } catch (e) {
    if (e instanceof CompileError) return { err: `exit 1\n${e.format()}` };
    return { err: `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** Checks an output beyond upstream: it reads back, names the architecture, has machine code, and every
 * native prelude decodes. */
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

/** Compares one output with its golden; records the result under `key` (optset/path). */
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
      // mpy-cross aborted: mpyts compiles these
      t.beyondTotal++;
      why = 'err' in out ? `compile failed: ${out.err.split('\n').slice(0, 4).join(' | ')}` : checkReadable(out.mpy, arch);
      if (why === undefined) t.beyond++;
      else if (KNOWN.has(key)) return;
      else t.mismatches.push(`${key}: ${why}`);
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

function report(label: string, t: Tally): void {
  const beyond = t.beyondTotal > 0 ? `; ${t.beyond}/${t.beyondTotal} files mpy-cross aborts on compile and read back` : '';
  console.log(`native ${label}: ${t.identical}/${t.total} identical${beyond}`);
  for (const m of t.mismatches.slice(0, SHOW)) console.log(`  ${m}`);
}

const newTally = (): Tally => ({ identical: 0, total: 0, beyond: 0, beyondTotal: 0, mismatches: [], nowMatching: [] });

const stdlibSkip = sharedMissing('golden/pyodide-stdlib/mpy/native-x64') ?? (existsSync(ZIP) ? undefined : `${ZIP} is absent (npm install pyodide@314.0.7)`);

test('native x64/x86: compile() matches mpy-cross on the pyodide stdlib', { skip: stdlibSkip }, () => {
  const sources = readZip(new Uint8Array(readFileSync(ZIP))).filter((e) => e.name.endsWith('.py'));
  const failures: string[] = [];
  for (const [optset, arch, archNum] of [['native-x64', 'x64', 2], ['native-x86', 'x86', 1]] as const) {
    const t = newTally();
    const t0 = performance.now();
    for (const { name, data } of sources) {
      if (FILTER !== undefined && !name.includes(FILTER)) continue;
      const out = run(data, name, { emit: 'native', arch });
      check(t, `${optset}/${name}`, out, join(GOLDEN, 'mpy', optset, name.slice(0, -3)), archNum);
    }
    report(`stdlib ${optset} (${Math.round(performance.now() - t0)} ms)`, t);
    failures.push(...t.mismatches, ...t.nowMatching.map((k) => `${k}: matches now, remove it from native-known-mismatches.txt`));
    if (FILTER === undefined) assert.ok(t.total > 400, `${optset}: expected the golden files, found ${t.total}`);
  }
  assert.deepEqual(failures, []);
});

const corpusSkip = sharedMissing('corpus/mpy/native-x64');

test('native x64: compile() matches mpy-cross on the corpus (march-x64, native-x64)', { skip: corpusSkip }, () => {
  const corpus = join(SHARED, 'corpus');
  const failures: string[] = [];
  const sets: [string, CompileOptions][] = [
    ['march-x64', { arch: 'x64' }],
    ['native-x64', { arch: 'x64', emit: 'native' }],
  ];
  for (const [optset, opts] of sets) {
    const t = newTally();
    for (const folder of ['features', 'syntax_errors']) {
      for (const f of readdirSync(join(corpus, folder)).sort()) {
        if (!f.endsWith('.py')) continue;
        const name = `${folder}/${f}`;
        if (FILTER !== undefined && !name.includes(FILTER)) continue;
        const base = join(corpus, 'mpy', optset, folder, f.slice(0, -3));
        if (!existsSync(base + '.mpy') && !existsSync(base + '.err')) continue;
        check(t, `${optset}/${name}`, run(new Uint8Array(readFileSync(join(corpus, name))), name, opts), base, 2);
      }
    }
    report(`corpus ${optset}`, t);
    failures.push(...t.mismatches, ...t.nowMatching.map((k) => `${k}: matches now, remove it from native-known-mismatches.txt`));
  }
  assert.deepEqual(failures, []);
});

test('native x64: mpyts tool -d on mpyts output equals the golden disassembly', { skip: stdlibSkip }, () => {
  const dir = join(GOLDEN, 'mpy-tool-d', 'native-x64');
  const sources = new Map(readZip(new Uint8Array(readFileSync(ZIP))).map((e) => [e.name, e.data]));
  let total = 0;
  const failures: string[] = [];
  const names = [...sources.keys()].filter((n) => n.endsWith('.py') && existsSync(join(dir, n.slice(0, -3) + '.txt'))).sort();
  for (const name of names) {
    if (FILTER !== undefined && !name.includes(FILTER)) continue;
    const rel = name.slice(0, -3);
    const out = run(sources.get(name) as Uint8Array, name, { emit: 'native', arch: 'x64' });
    if ('err' in out) {
      failures.push(`${name}: ${out.err}`);
      continue;
    }
    total++;
    const res = runMpyTool([{ path: rel + '.mpy', data: out.mpy }], { disassemble: true });
    if (res.exitCode !== 0 || Buffer.compare(Buffer.from(res.stdout), readFileSync(join(dir, rel + '.txt'))) !== 0) failures.push(name);
  }
  console.log(`native x64 tool -d: ${total - failures.length}/${total} listings identical`);
  assert.deepEqual(failures, []);
});

test('native x64/x86: compile() matches mpy-cross on the repo own native cases (tests/data/native)', () => {
  const dir = join(REPO_ROOT, 'tests', 'data', 'native');
  const sets: [string, CompileOptions, number][] = [
    ['march-x64', { arch: 'x64' }, 2],
    ['march-x86', { arch: 'x86' }, 1],
    ['native-x64', { arch: 'x64', emit: 'native' }, 2],
    ['native-x86', { arch: 'x86', emit: 'native' }, 1],
  ];
  const t = newTally();
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.py') || (FILTER !== undefined && !f.includes(FILTER))) continue;
    const src = new Uint8Array(readFileSync(join(dir, f)));
    for (const [optset, opts, arch] of sets) {
      check(t, `data/native/${f} ${optset}`, run(src, f, opts), join(dir, `${f.slice(0, -3)}.${optset}`), arch);
    }
  }
  report('tests/data/native', t);
  assert.ok(t.total >= 90, `expected the native cases, found ${t.total}`);
  assert.deepEqual([...t.mismatches, ...t.nowMatching], []);
});
