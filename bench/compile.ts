// bench/compile: compile the 559 stdlib sources of pyodide's python_stdlib.zip in one process with
// mpyts and with @pybricks/mpy-cross-v6 (mpy-cross compiled to wasm), in the same run, and print the
// time ratio. With MPY_CROSS=/path/to/mpy-cross it also times one native process per file.
// Run: npm run build && node build/bench/compile.js
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compile } from '../src/compile/index.js';
import { REPO_ROOT } from '../tests/helpers/paths.js';
import { readZip } from '../tests/helpers/zip.js';

interface PybricksResult {
  status: number;
}
type PybricksCompile = (fileName: string, contents: string, options?: string[]) => Promise<PybricksResult>;

const zip = readZip(new Uint8Array(readFileSync(join(REPO_ROOT, 'node_modules', 'pyodide', 'python_stdlib.zip'))));
const sources = zip.filter((e) => e.name.endsWith('.py'));
const decoder = new TextDecoder();

function timeMpyts(): { ms: number; ok: number } {
  const t0 = performance.now();
  let ok = 0;
  for (const s of sources) {
    try {
      compile(s.data, { fileName: s.name });
      ok++;
    } catch {
      // SyntaxErrors are part of the workload (79 files use syntax MicroPython lacks).
    }
  }
  return { ms: performance.now() - t0, ok };
}

async function timeWasm(): Promise<{ ms: number; ok: number }> {
  const mod = (await import('@pybricks/mpy-cross-v6')) as unknown as { compile: PybricksCompile; default?: { compile: PybricksCompile } };
  const wasmCompile = mod.compile ?? mod.default?.compile;
  // The package's Emscripten loader would fetch() its .wasm by path, which Node's fetch rejects; without
  // a global fetch it reads the file with fs instead.
  const savedFetch = globalThis.fetch;
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    const t0 = performance.now();
    let ok = 0;
    for (const s of sources) {
      // Its in-memory FS has no folders, so nested names are flattened (same work, other file name).
      const r = await wasmCompile(s.name.replace(/\//g, '_'), decoder.decode(s.data));
      if (r.status === 0) ok++;
    }
    return { ms: performance.now() - t0, ok };
  } finally {
    globalThis.fetch = savedFetch;
  }
}

function timeNative(bin: string): { ms: number; ok: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-bench-'));
  for (const s of sources) {
    mkdirSync(dirname(join(dir, s.name)), { recursive: true });
    writeFileSync(join(dir, s.name), s.data);
  }
  const t0 = performance.now();
  let ok = 0;
  for (const s of sources) if (spawnSync(bin, ['-o', '/dev/null', s.name], { cwd: dir }).status === 0) ok++;
  return { ms: performance.now() - t0, ok };
}

// Warm up the JIT once, as a long-running build tool or IDE would be (the cold run is reported too).
const cold = timeMpyts();
const mine = timeMpyts();
const wasm = await timeWasm();
console.log(`files: ${sources.length}`);
console.log(`mpyts (in-process):              ${mine.ms.toFixed(0)} ms, ${mine.ok} compiled (cold first run: ${cold.ms.toFixed(0)} ms)`);
console.log(`@pybricks/mpy-cross-v6 (wasm):   ${wasm.ms.toFixed(0)} ms, ${wasm.ok} compiled`);
console.log(`ratio wasm/mpyts: ${(wasm.ms / mine.ms).toFixed(2)}x (target >= 9x)`);
const native = process.env['MPY_CROSS'];
if (native) {
  const n = timeNative(native);
  console.log(`native mpy-cross, one process per file: ${n.ms.toFixed(0)} ms, ${n.ok} compiled`);
  console.log(`ratio mpyts/native-per-file: ${(mine.ms / n.ms).toFixed(2)}x (target <= 0.33x)`);
}
