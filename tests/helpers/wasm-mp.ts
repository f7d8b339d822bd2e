// The official wasm MicroPython (@micropython/micropython-webassembly-pyscript, v1.27) as a reference
// runtime for differential tests and benchmarks: run a source text or a .mpy and collect its output.
// A fresh interpreter per run keeps programs from seeing each other's modules.

interface WasmMicroPython {
  FS: { writeFile(path: string, data: string | Uint8Array): void; mkdirTree?(path: string): void };
  runPython(code: string): unknown;
}

type Loader = (options: {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  linebuffer: boolean;
  heapsize?: number;
}) => Promise<WasmMicroPython>;

let loader: Loader | undefined;

async function load(): Promise<Loader> {
  if (!loader) {
    const spec = '@micropython/micropython-webassembly-pyscript/micropython.mjs';
    const mod = (await import(spec)) as { loadMicroPython: Loader };
    loader = mod.loadMicroPython;
  }
  return loader;
}

/** The heap the wasm interpreter gets (differential tests give the mpyts VM the same). */
export const WASM_HEAP = 16 * 1024 * 1024;

export interface WasmRun {
  /** stdout and stderr interleaved, as lines end (the wasm port is line-buffered). */
  readonly output: string;
  /** The uncaught Python exception's traceback text, if any (the wasm port raises it to JS). */
  readonly error: string | undefined;
}

/** Runs `program` (source text, or .mpy bytes imported as module `name`) in a fresh wasm MicroPython. */
export async function runInWasm(program: string | Uint8Array, name = 'prog'): Promise<WasmRun> {
  const loadMicroPython = await load();
  let output = '';
  const mp = await loadMicroPython({ stdout: (l) => (output += l + '\n'), stderr: (l) => (output += l + '\n'), linebuffer: true, heapsize: WASM_HEAP });
  let error: string | undefined;
  try {
    if (typeof program === 'string') mp.runPython(program);
    else {
      mp.FS.writeFile(`/${name}.mpy`, program);
      mp.runPython(`import sys\nsys.path.insert(0, '/')\nimport ${name}`);
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { output, error };
}
