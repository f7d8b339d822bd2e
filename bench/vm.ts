// bench/vm: runs each program of bench/vm/*.py (compiled once by mpyts to .mpy) through the mpyts VM and
// through the official wasm MicroPython, in one process, and prints per-benchmark time ratios
// (mpyts / wasm; lower is better) and their geometric mean. Each side runs the same .mpy; the best of
// three runs counts; interpreter start-up is excluded on both sides.
// Run: npm run build && node build/bench/vm.js [name ...]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../src/compile/index.js';
import { createVM } from '../src/vm/index.js';
import { REPO_ROOT } from '../tests/helpers/paths.js';

interface WasmMicroPython {
  FS: { writeFile(path: string, data: Uint8Array): void };
  runPython(code: string): unknown;
}
type Loader = (o: { stdout: (l: string) => void; stderr: (l: string) => void; linebuffer: boolean; heapsize: number }) => Promise<WasmMicroPython>;

const RUNS = 3;
const dir = join(REPO_ROOT, 'bench', 'vm');
const only = process.argv.slice(2);
const programs = readdirSync(dir).filter((f) => f.endsWith('.py') && (only.length === 0 || only.includes(f.slice(0, -3)))).sort();
const spec = '@micropython/micropython-webassembly-pyscript/micropython.mjs';
const { loadMicroPython } = (await import(spec)) as { loadMicroPython: Loader };

function runMpyts(mpy: Uint8Array, name: string): { ms: number; out: string } {
  let out = '';
  const vm = createVM({
    host: { stdout: (t) => (out += t), stderr: (t) => (out += t), readFile: () => undefined, stat: () => undefined },
    argv: [name],
  });
  const t0 = performance.now();
  vm.runMpy(mpy, name + '.mpy');
  return { ms: performance.now() - t0, out };
}

async function runWasm(mpy: Uint8Array, name: string): Promise<{ ms: number; out: string }> {
  let out = '';
  const mp = await loadMicroPython({ stdout: (l) => (out += l + '\n'), stderr: (l) => (out += l + '\n'), linebuffer: true, heapsize: 64 * 1024 * 1024 });
  mp.FS.writeFile(`/${name}.mpy`, mpy);
  mp.runPython("import sys\nsys.path.insert(0, '/')");
  const t0 = performance.now();
  try {
    mp.runPython(`import ${name}`);
  } catch (e) {
    out += String(e instanceof Error ? e.message : e);
  }
  return { ms: performance.now() - t0, out };
}

const ratios: number[] = [];
console.log('benchmark        mpyts ms    wasm ms   mpyts/wasm');
for (const file of programs) {
  const name = file.slice(0, -3);
  const mpy = compile(readFileSync(join(dir, file)), { fileName: file });
  let best = Infinity;
  let bestWasm = Infinity;
  let out = '';
  let wasmOut = '';
  let failed = '';
  for (let i = 0; i < RUNS; i++) {
    try {
      const r = runMpyts(mpy, name);
      best = Math.min(best, r.ms);
      out = r.out;
    } catch (e) {
      failed = e instanceof Error ? e.message : String(e);
    }
    const w = await runWasm(mpy, name);
    bestWasm = Math.min(bestWasm, w.ms);
    wasmOut = w.out;
  }
  const same = out === wasmOut;
  if (failed || !same) {
    console.log(`${name.padEnd(14)} ${'-'.padStart(9)} ${bestWasm.toFixed(1).padStart(10)}   ${failed ? 'error: ' + failed.slice(0, 60) : 'output differs: ' + JSON.stringify(out.slice(0, 60))}`);
    continue;
  }
  const ratio = best / bestWasm;
  ratios.push(ratio);
  console.log(`${name.padEnd(14)} ${best.toFixed(1).padStart(9)} ${bestWasm.toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(10)}x`);
}
const geomean = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / Math.max(1, ratios.length));
console.log(`geomean over ${ratios.length}/${programs.length} benchmarks: ${geomean.toFixed(2)}x the wasm time (target <= 1.0x)`);
