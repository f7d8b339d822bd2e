// Argument binding with Python-function semantics for the asyncio API. Upstream writes these functions
// and methods in Python, so they accept parameters by keyword and fail with the bytecode calling
// convention's messages (py/bc.c), not a native function's: "sleep() takes 1 positional arguments but
// 0 were given", "unexpected keyword argument 'x'", "function missing required positional argument #1".
// Native parts of upstream (Task, TaskQueue, ticks) keep the native checks (_util.fixed/checkArgs).
import { typeError } from '../../objects/exceptions.js';
import { defMethod, type KwArgs, type NativeFn, type PyObj, type PyType } from '../../objects/object.js';

export interface Sig {
  /** Parameter names in order (methods include self). */
  params: readonly string[];
  /** Defaults of the last params. */
  defaults?: readonly PyObj[];
  /** Keyword-only parameters with their defaults (after *args). */
  kwOnly?: Readonly<Record<string, PyObj>>;
  /** Accepts *args (passed on after the bound params). */
  varargs?: boolean;
}

/** Binds args/kw to sig as a Python call would: the bound params, then any extra positionals. */
export function bind(name: string, sig: Sig, args: PyObj[], kw: KwArgs | undefined): PyObj[] {
  const p = sig.params;
  const defs = sig.defaults ?? [];
  const n = args.length;
  if (n > p.length && !sig.varargs) throw typeError(`${name}() takes ${p.length} positional arguments but ${n} were given`);
  const out: (PyObj | undefined)[] = args.slice(0, p.length);
  const kwOnly = sig.kwOnly === undefined ? undefined : { ...sig.kwOnly };
  if (kw !== undefined) {
    for (const [k, v] of kw) {
      if (kwOnly !== undefined && k in kwOnly) {
        kwOnly[k] = v;
        continue;
      }
      const i = p.indexOf(k);
      if (i < 0) throw typeError(`unexpected keyword argument '${k}'`);
      if (i < n) throw typeError(`function got multiple values for argument '${k}'`);
      out[i] = v;
    }
  }
  const required = p.length - defs.length;
  if ((kw === undefined || kw.size === 0) && n < required) {
    throw typeError(`${name}() takes ${required} positional arguments but ${n} were given`);
  }
  for (let i = p.length - 1; i >= 0; i--) {
    if (out[i] !== undefined) continue;
    if (i >= required) out[i] = defs[i - required] as PyObj;
    else throw typeError(`function missing required positional argument #${i}`);
  }
  const bound = out as PyObj[];
  if (kwOnly !== undefined) for (const k of Object.keys(kwOnly)) bound.push(kwOnly[k] as PyObj);
  if (sig.varargs) for (let i = p.length; i < n; i++) bound.push(args[i] as PyObj);
  return bound;
}

/** A NativeFn taking its arguments as a Python function with signature sig would. */
export function pyFn(name: string, sig: Sig, fn: (a: PyObj[]) => PyObj): NativeFn {
  return (args, kw) => fn(bind(name, sig, args, kw));
}

/** A method (self first) with Python-function argument semantics; fnName when upstream aliases one. */
export function pyMethod(t: PyType, name: string, sig: Sig, fn: (a: PyObj[]) => PyObj, fnName = name): void {
  defMethod(t, name, pyFn(fnName, sig, fn));
}
