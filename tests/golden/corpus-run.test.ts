// Runs every corpus program's precompiled .mpy (../shared/corpus/mpy/default/features) through the VM
// as `micropython -m NNN_name` would and compares stdout+stderr and the exit code with the real
// MicroPython's NNN_name.exp / NNN_name.exit. Programs owned by other work (settrace 101-110,
// native/viper 121-126, 119 which runs as source) are skipped.
//
// tests/golden/corpus-known-failures.txt lists programs that do not pass yet: they are reported but do
// not fail the test; a listed program that passes DOES fail it, so the list can only shrink.
//
// The .mpy files were compiled with the source name "features/NNN_name.py" while the .exp files come
// from running "NNN_name.py" in features/, so traceback file names are compared without "features/".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: $MPYTS_REPO, or the nearest ancestor (of this file, then of cwd) with package.json + tests/golden. */
function findRepoRoot(): string {
  if (process.env.MPYTS_REPO) return process.env.MPYTS_REPO;
  for (const start of [here, process.cwd()]) {
    let d = start;
    for (let i = 0; i < 8; i++) {
      if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'tests/golden'))) return d;
      d = path.dirname(d);
    }
  }
  return path.resolve(here, '../../..');
}
const repo = findRepoRoot();
const sharedDir = process.env.MPYTS_SHARED ?? path.resolve(repo, '../shared');
const featuresDir = path.join(sharedDir, 'corpus/features');
const mpyDir = path.join(sharedDir, 'corpus/mpy/default/features');
const knownFile = path.join(repo, 'tests/golden/corpus-known-failures.txt');
const child = path.join(here, '../helpers/run-mpy-child.js');

function owned(name: string): boolean {
  const n = Number(name.slice(0, 3));
  return name.includes('_settrace_') || (n >= 121 && n <= 126) || n === 119;
}

/** Programs that need the compiler injected (eval/exec of source). */
const NEEDS_COMPILER = new Set(['120_eval_exec']);
async function compilerAvailable(): Promise<boolean> {
  try {
    await import('../../src/compile/index.js');
    return true;
  } catch {
    return false;
  }
}

test('corpus programs run from .mpy match MicroPython', { skip: !fs.existsSync(mpyDir) && `no corpus at ${mpyDir}` }, async () => {
  const haveCompiler = await compilerAvailable();
  if (!haveCompiler) console.log(`compiler not loadable: skipping ${[...NEEDS_COMPILER].join(' ')}`);
  const known = new Set(
    fs.existsSync(knownFile)
      ? fs.readFileSync(knownFile, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
      : [],
  );
  const names = fs.readdirSync(featuresDir).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3))
    .filter((n) => !owned(n) && (haveCompiler || !NEEDS_COMPILER.has(n))).sort();
  const pass: string[] = [];
  const fail: string[] = [];
  for (const name of names) {
    const expected = fs.readFileSync(path.join(featuresDir, `${name}.exp`), 'utf8');
    const exitFile = path.join(featuresDir, `${name}.exit`);
    const expectedCode = fs.existsSync(exitFile) ? Number(/exit (\d+)/.exec(fs.readFileSync(exitFile, 'utf8'))?.[1] ?? 0) : 0;
    const r = spawnSync(process.execPath, [child, name], {
      cwd: mpyDir, encoding: 'utf8', timeout: 20000, input: '',
    });
    // The child writes stderr into stdout, like the `2>&1` the .exp files were made with.
    const got = (r.stdout ?? '').replace(/File "features\//g, 'File "') + (r.stderr ?? '');
    const ok = got === expected && r.status === expectedCode;
    (ok ? pass : fail).push(name);
  }
  const unexpectedPass = pass.filter((n) => known.has(n));
  const newFail = fail.filter((n) => !known.has(n));
  console.log(`corpus: ${pass.length}/${names.length} pass; failing: ${fail.join(' ')}`);
  if (unexpectedPass.length) throw new Error(`now passing, remove from corpus-known-failures.txt: ${unexpectedPass.join(' ')}`);
  if (newFail.length) throw new Error(`failing (not in known-failures list): ${newFail.join(' ')}`);
});
