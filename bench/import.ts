// bench/import: what importing a large module costs in time and retained memory, loaded three ways —
// from .py source (compiled at import), from a .mpy file read from the file system, and frozen (.mpy
// bytes already resident, executed in place) — in one run. Measures the load step the seed idea is
// about (building the module's code objects, qstr table and constants); the module body's execution is
// the same in all three. Run with GC exposed for stable heap numbers:
//   npm run build && node --expose-gc build/bench/import.js
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../src/compile/index.js';
import { loadMpy } from '../src/vm/loader.js';
import { REPO_ROOT } from '../tests/helpers/paths.js';
import { readZip } from '../tests/helpers/zip.js';

const gc = (globalThis as { gc?: () => void }).gc;
const zip = readZip(new Uint8Array(readFileSync(join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip'))));
// The biggest stdlib source that compiles.
const candidates = zip.filter((e) => e.name.endsWith('.py')).sort((a, b) => b.data.length - a.data.length);
let pick: { name: string; source: Uint8Array; mpy: Uint8Array } | undefined;
for (const e of candidates) {
  try {
    pick = { name: e.name, source: e.data, mpy: compile(e.data, { fileName: e.name }) };
    break;
  } catch {
    // next biggest
  }
}
if (!pick) throw new Error('no stdlib file compiles');
const dir = mkdtempSync(join(tmpdir(), 'mpyts-import-'));
const mpyPath = join(dir, 'mod.mpy');
const pyPath = join(dir, 'mod.py');
writeFileSync(mpyPath, pick.mpy);
writeFileSync(pyPath, pick.source);
const frozenBytes = pick.mpy.slice(); // resident, as frozen data would be

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

interface Result {
  ms: number;
  bytes: number;
}

function measure(load: () => unknown): Result {
  // Warm the code paths, then time the best of five and measure one retained load.
  for (let i = 0; i < 2; i++) load();
  let ms = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    load();
    ms = Math.min(ms, performance.now() - t0);
  }
  // Retained memory: keep several loads alive and average, so GC noise is small against the signal.
  const copies = 20;
  const before = heap();
  const kept: unknown[] = [];
  for (let i = 0; i < copies; i++) kept.push(load());
  const bytes = (heap() - before) / copies;
  if (kept.length !== copies) throw new Error('nothing loaded');
  return { ms, bytes };
}

const fromPy = measure(() => loadMpy(compile(readFileSync(pyPath), { fileName: pick.name })));
const fromMpy = measure(() => loadMpy(new Uint8Array(readFileSync(mpyPath))));
const frozen = measure(() => loadMpy(frozenBytes));

console.log(`module: ${pick.name} (${pick.source.length} bytes of source, ${pick.mpy.length} bytes of .mpy)${gc ? '' : '  [run with --expose-gc for stable heap numbers]'}`);
console.log('load from          time ms   retained KiB   vs .py time   vs .py memory');
for (const [label, r] of [['.py source', fromPy], ['.mpy file', fromMpy], ['frozen .mpy', frozen]] as const) {
  console.log(`${label.padEnd(16)} ${r.ms.toFixed(2).padStart(9)} ${(r.bytes / 1024).toFixed(1).padStart(14)} ${(r.ms / fromPy.ms).toFixed(3).padStart(13)} ${(r.bytes / fromPy.bytes).toFixed(3).padStart(15)}`);
}
