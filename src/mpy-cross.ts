// `mpyts/mpy-cross`: a drop-in for @pybricks/mpy-cross-v6. Same call, same result shape, same
// semantics (arguments as mpy-cross takes them, output captured as lines), but no wasm file to locate:
// `wasmPath` is accepted and ignored. Browser-safe: no Node APIs on this path.
import { crossOptions, formatCompileFailure, parseCrossArgs } from './cross-args.js';
import { compile as compileSource } from './compile/index.js';

export interface CompileResult {
  /** The mpy-cross exit status. */
  status: number;
  /** The compiled .mpy on success. */
  mpy?: Uint8Array;
  /** Captured stdout, one entry per line. */
  out: string[];
  /** Captured stderr, one entry per line. */
  err: string[];
}

function lines(text: string | undefined): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/**
 * Compiles `fileContents` as the file `fileName` with mpy-cross command-line `options`.
 * Resolves (never rejects) with the status and captured output, as the wasm package does.
 */
export async function compile(fileName: string, fileContents: string, options?: string[], wasmPath?: string): Promise<CompileResult> {
  void wasmPath;
  const parsed = parseCrossArgs([...(options ?? []), fileName]);
  if (!('args' in parsed)) return { status: parsed.exit, out: lines(parsed.stdout), err: lines(parsed.stderr) };
  try {
    const mpy = compileSource(new TextEncoder().encode(fileContents), crossOptions(parsed.args, fileName));
    return { status: 0, mpy, out: [], err: [] };
  } catch (e) {
    const text = formatCompileFailure(e);
    if (text === undefined) throw e;
    return { status: 1, out: [], err: lines(text) };
  }
}
