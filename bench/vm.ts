// bench/vm: runs each program of bench/vm/*.py (compiled once by mpyts to .mpy) through the mpyts VM and
// through the official wasm MicroPython, and prints per-benchmark time ratios (mpyts / wasm; lower is
// better) and their geometric means, in two columns:
// - warm: both interpreters in this process, best of BENCH_RUNS (default 3) runs of the same .mpy;
//   every run is a fresh VM / wasm instance, but the JS engine has already compiled the hot code.
// - cold: the first run of the program in a fresh process (fresh VM, JIT and wasm tiers cold), as a user
//   running `mpyts run prog.mpy` sees it; best of BENCH_COLD (default 3) processes per side.
// Both columns time the import of the .mpy (loading its code objects and running the module body);
// interpreter start-up (createVM / loadMicroPython) is excluded and reported separately for cold runs.
// Outputs must agree between the two sides or the benchmark is reported as failed.
// BENCH_CPU=1 times process CPU time (all threads: JIT and wasm compilation included) instead of wall
// time; on a machine shared with other jobs it moves far less than wall time.
// Run: npm run build && node build/bench/vm.js [--no-cold] [name ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile/index.js';
import { createVM } from '../src/vm/index.js';
import { REPO_ROOT } from '../tests/helpers/paths.js';

interface WasmMicroPython {
  FS: { writeFile(path: string, data: Uint8Array): void };
  runPython(code: string): unknown;
}
type Loader = (o: { stdout: (l: string) => void; stderr: (l: string) => void; linebuffer: boolean; heapsize: number }) => Promise<WasmMicroPython>;
interface RunResult {
  ms: number;
  out: string;
  /** Interpreter start-up before the timed run (cold child runs only). */
  startMs?: number;
}

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const COLD_RUNS = Number(process.env['BENCH_COLD'] ?? 3);
const spec = '@micropython/micropython-webassembly-pyscript/micropython.mjs';
const CPU = process.env['BENCH_CPU'] === '1';
/** A clock in ms: wall time, or this process's CPU time with BENCH_CPU=1. */
function clock(): number {
  if (!CPU) return performance.now();
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function loadWasm(): Promise<Loader> {
  return ((await import(spec)) as { loadMicroPython: Loader }).loadMicroPython;
}

function runMpyts(mpy: Uint8Array, name: string): RunResult {
  let out = '';
  const s0 = clock();
  const vm = createVM({
    host: { stdout: (t) => (out += t), stderr: (t) => (out += t), readFile: () => undefined, stat: () => undefined },
    argv: [name],
  });
  const t0 = clock();
  try {
    vm.runMpy(mpy, name + '.mpy');
  } catch (e) {
    out += `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  return { ms: clock() - t0, out, startMs: t0 - s0 };
}

async function runWasm(load: Loader, mpy: Uint8Array, name: string): Promise<RunResult> {
  let out = '';
  const s0 = clock();
  const mp = await load({ stdout: (l) => (out += l + '\n'), stderr: (l) => (out += l + '\n'), linebuffer: true, heapsize: 64 * 1024 * 1024 });
  mp.FS.writeFile(`/${name}.mpy`, mpy);
  mp.runPython("import sys\nsys.path.insert(0, '/')");
  const t0 = clock();
  try {
    mp.runPython(`import ${name}`);
  } catch (e) {
    out += String(e instanceof Error ? e.message : e);
  }
  return { ms: clock() - t0, out, startMs: t0 - s0 };
}

// ------------------------------------------------------------------ cold child: one run, JSON to stdout
const childAt = process.argv.indexOf('--cold-child');
if (childAt >= 0) {
  const [side, file] = process.argv.slice(childAt + 1);
  const mpy = readFileSync(file as string);
  const name = (file as string).replace(/^.*\//, '').replace(/\.mpy$/, '');
  const r = side === 'wasm' ? await runWasm(await loadWasm(), mpy, name) : runMpyts(mpy, name);
  process.stdout.write(JSON.stringify(r));
  process.exit(0);
}

function coldRun(side: 'mpyts' | 'wasm', file: string): RunResult {
  const self = fileURLToPath(import.meta.url);
  const text = execFileSync(process.execPath, [self, '--cold-child', side, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(text) as RunResult;
}

// ------------------------------------------------------------------ main
const args = process.argv.slice(2);
const withCold = !args.includes('--no-cold');
const only = args.filter((a) => !a.startsWith('--'));
const dir = join(REPO_ROOT, 'bench', 'vm');
const programs = readdirSync(dir).filter((f) => f.endsWith('.py') && (only.length === 0 || only.includes(f.slice(0, -3)))).sort();
const load = await loadWasm();
const tmp = mkdtempSync(join(tmpdir(), 'mpyts-bench-'));
const geo = (xs: number[]): number => Math.exp(xs.reduce((a, r) => a + Math.log(r), 0) / Math.max(1, xs.length));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};
const fmt = (x: number, w: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-').padStart(w);

const warmRatios: number[] = [];
const coldRatios: number[] = [];
const startMpyts: number[] = [];
const startWasm: number[] = [];
console.log(`${CPU ? 'CPU' : 'wall'} ms; warm: best of ${RUNS} in-process runs; cold: best of ${withCold ? COLD_RUNS : 0} fresh processes (start-up excluded)`);
console.log('benchmark      mpyts ms    wasm ms   ratio  | cold mpyts  cold wasm   ratio');
try {
  for (const file of programs) {
    const name = file.slice(0, -3);
    const mpy = compile(readFileSync(join(dir, file)), { fileName: file });
    const mpyFile = join(tmp, name + '.mpy');
    writeFileSync(mpyFile, mpy);
    let best = Infinity;
    let bestWasm = Infinity;
    let out = '';
    let wasmOut = '';
    for (let i = 0; i < RUNS; i++) {
      const r = runMpyts(mpy, name);
      best = Math.min(best, r.ms);
      out = r.out;
      const w = await runWasm(load, mpy, name);
      bestWasm = Math.min(bestWasm, w.ms);
      wasmOut = w.out;
    }
    let cold = Infinity;
    let coldWasm = Infinity;
    let bad = out !== wasmOut ? `output differs: ${JSON.stringify(out.slice(0, 50))} vs ${JSON.stringify(wasmOut.slice(0, 50))}` : '';
    for (let i = 0; withCold && !bad && i < COLD_RUNS; i++) {
      const r = coldRun('mpyts', mpyFile);
      const w = coldRun('wasm', mpyFile);
      if (r.out !== out || w.out !== wasmOut) bad = 'cold output differs from warm output';
      cold = Math.min(cold, r.ms);
      coldWasm = Math.min(coldWasm, w.ms);
      startMpyts.push(r.startMs ?? NaN);
      startWasm.push(w.startMs ?? NaN);
    }
    if (bad) {
      console.log(`${name.padEnd(12)} ${fmt(best, 10)} ${fmt(bestWasm, 10)}   ${bad}`);
      continue;
    }
    const ratio = best / bestWasm;
    warmRatios.push(ratio);
    let coldText = '';
    if (withCold) {
      coldRatios.push(cold / coldWasm);
      coldText = `${fmt(cold, 10)} ${fmt(coldWasm, 10)} ${(cold / coldWasm).toFixed(2).padStart(6)}x`;
    }
    console.log(`${name.padEnd(12)} ${fmt(best, 10)} ${fmt(bestWasm, 10)} ${ratio.toFixed(2).padStart(6)}x  |${coldText}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`geomean over ${warmRatios.length}/${programs.length} benchmarks: warm ${geo(warmRatios).toFixed(2)}x` +
  (withCold ? `, cold ${geo(coldRatios).toFixed(2)}x` : '') + ' the wasm time (target <= 1.0x)');
if (withCold) {
  console.log(`cold start-up (excluded above), median: mpyts createVM ${median(startMpyts).toFixed(1)} ms, wasm loadMicroPython ${median(startWasm).toFixed(1)} ms`);
}
