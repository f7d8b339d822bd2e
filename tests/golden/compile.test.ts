// compile() against the real mpy-cross v1.28.0: every stdlib source of pyodide's python_stdlib.zip
// under the option sets default, -O1, -O3 and -msmall-int-bits=63, and every corpus program, must give
// the identical .mpy bytes (or, where mpy-cross failed, the identical error text and exit status).
//
// Environment knobs for development: MPYTS_COMPILE_FILTER=<substring> limits the files compiled,
// MPYTS_COMPILE_SHOW=<n> lists up to n mismatches per option set (default 20).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { CompileError } from '../../src/compile/errors.js';
import { GOLDEN, REPO_ROOT, SHARED, sharedMissing } from '../helpers/paths.js';
import { readZip } from '../helpers/zip.js';

const ZIP = join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip');
const FILTER = process.env['MPYTS_COMPILE_FILTER'];
const SHOW = Number(process.env['MPYTS_COMPILE_SHOW'] ?? '20');

interface CompileOpts {
  optimize?: number;
  smallIntBits?: number;
}

const OPTSETS: Record<string, CompileOpts> = {
  default: {},
  O1: { optimize: 1 },
  O3: { optimize: 3 },
  smallint63: { smallIntBits: 63 },
};

/** What compiling gave: .mpy bytes, or the text expected in a .err file ("exit N\n" + stderr). */
type Outcome = { mpy: Uint8Array } | { err: string };

function run(source: Uint8Array, fileName: string, opts: CompileOpts): Outcome {
  try {
    return { mpy: compile(source, { fileName, ...opts }) };
  } catch (e) {
    if (e instanceof CompileError) return { err: `exit 1\n${e.format()}` };
    return { err: `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

/** Compares one outcome with the golden file; returns a mismatch description or undefined. */
function compare(out: Outcome, goldenBase: string): string | undefined {
  if (existsSync(goldenBase + '.mpy')) {
    const want = new Uint8Array(readFileSync(goldenBase + '.mpy'));
    if ('err' in out) return `expected .mpy, got error: ${out.err.split('\n').slice(0, 4).join(' | ')}`;
    if (Buffer.compare(Buffer.from(out.mpy), Buffer.from(want)) === 0) return undefined;
    let i = 0;
    while (i < want.length && out.mpy[i] === want[i]) i++;
    return `bytes differ at ${i} (got ${out.mpy.length} bytes, want ${want.length})`;
  }
  const want = readFileSync(goldenBase + '.err', 'latin1');
  if ('mpy' in out) return `expected error, compiled: ${want.split('\n').slice(-2).join(' ')}`;
  // the .err holds mpy-cross's stderr bytes; compare as UTF-8 text
  const wantText = Buffer.from(want, 'latin1').toString('utf8');
  return out.err === wantText ? undefined : `error text differs: got ${JSON.stringify(out.err)} want ${JSON.stringify(wantText)}`;
}

function report(label: string, total: number, mismatches: string[]): void {
  console.log(`compile ${label}: ${total - mismatches.length}/${total} identical`);
  for (const m of mismatches.slice(0, SHOW)) console.log(`  ${m}`);
}

const stdlibSkip = sharedMissing('golden/pyodide-stdlib/mpy') ?? (existsSync(ZIP) ? undefined : `${ZIP} is absent (npm install pyodide@314.0.7)`);

test('compile() matches mpy-cross on the pyodide stdlib', { skip: stdlibSkip }, () => {
  const sources = readZip(new Uint8Array(readFileSync(ZIP))).filter((e) => e.name.endsWith('.py'));
  const manifest = JSON.parse(readFileSync(join(GOLDEN, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  assert.equal(sources.length, Object.keys(manifest.files).length, 'stdlib zip and golden manifest disagree');
  const failures: string[] = [];
  for (const [optset, opts] of Object.entries(OPTSETS)) {
    const mismatches: string[] = [];
    let total = 0;
    const t0 = performance.now();
    for (const { name, data } of sources) {
      if (FILTER !== undefined && !name.includes(FILTER)) continue;
      total++;
      const why = compare(run(data, name, opts), join(GOLDEN, 'mpy', optset, name.slice(0, -3)));
      if (why !== undefined) mismatches.push(`${name}: ${why}`);
    }
    report(`stdlib ${optset} (${Math.round(performance.now() - t0)} ms)`, total, mismatches);
    failures.push(...mismatches.map((m) => `${optset}: ${m}`));
  }
  assert.equal(failures.length, 0, `${failures.length} stdlib mismatches`);
});

const corpusSkip = sharedMissing('corpus/mpy');

test('compile() matches mpy-cross on the corpus', { skip: corpusSkip }, () => {
  const corpus = join(SHARED, 'corpus');
  const failures: string[] = [];
  for (const [optset, opts] of [['default', {}], ['O3', { optimize: 3 }]] as const) {
    const mismatches: string[] = [];
    let total = 0;
    for (const folder of ['features', 'syntax_errors']) {
      for (const f of readdirSync(join(corpus, folder)).sort()) {
        if (!f.endsWith('.py')) continue;
        const name = `${folder}/${f}`;
        if (FILTER !== undefined && !name.includes(FILTER)) continue;
        const base = join(corpus, 'mpy', optset, folder, f.slice(0, -3));
        if (!existsSync(base + '.mpy') && !existsSync(base + '.err')) continue;
        total++;
        const why = compare(run(new Uint8Array(readFileSync(join(corpus, name))), name, opts), base);
        if (why !== undefined) mismatches.push(`${name}: ${why}`);
      }
    }
    report(`corpus ${optset}`, total, mismatches);
    failures.push(...mismatches.map((m) => `${optset}: ${m}`));
  }

  // syntax_errors/*.err were made with the name relative to syntax_errors/
  const mismatches: string[] = [];
  let total = 0;
  for (const f of readdirSync(join(corpus, 'syntax_errors')).sort()) {
    if (!f.endsWith('.py') || (FILTER !== undefined && !f.includes(FILTER))) continue;
    total++;
    const src = new Uint8Array(readFileSync(join(corpus, 'syntax_errors', f)));
    const why = compare(run(src, f, {}), join(corpus, 'syntax_errors', f.slice(0, -3)));
    if (why !== undefined) mismatches.push(`${f}: ${why}`);
  }
  report('corpus syntax_errors', total, mismatches);
  failures.push(...mismatches);
  assert.equal(failures.length, 0, `${failures.length} corpus mismatches`);
});

test('compile() matches mpy-cross on the repo own compiler cases (tests/data/compile)', () => {
  const dir = join(REPO_ROOT, 'tests', 'data', 'compile');
  const mismatches: string[] = [];
  let total = 0;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.py') || (FILTER !== undefined && !f.includes(FILTER))) continue;
    const src = new Uint8Array(readFileSync(join(dir, f)));
    for (const [optset, opts] of Object.entries({ default: {}, O3: { optimize: 3 }, smallint63: { smallIntBits: 63 } })) {
      total++;
      const why = compare(run(src, f, opts), join(dir, `${f.slice(0, -3)}.${optset}`));
      if (why !== undefined) mismatches.push(`${f} ${optset}: ${why}`);
    }
  }
  report('tests/data/compile', total, mismatches);
  assert.ok(total >= 100, `expected the compiler cases, found ${total}`);
  assert.deepEqual(mismatches, []);
});
