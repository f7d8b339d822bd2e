// Shared helpers for the native modules written for issue 6: argument checking with upstream's exact
// messages (py/argcheck.c), machine-word integer conversion (mp_obj_get_int on the 64-bit unix port) and
// a small builder for native classes. Kept here so each module file holds only its module's behaviour.
import { bufferOf } from '../objects/bytes.js';
import { excMsg, OverflowErrorType, typeError } from '../objects/exceptions.js';
import { checkInt } from '../objects/int.js';
import {
  defMethod, NoneObj, ObjectType, PyFloat, PyType, typeOf, Unary, type KwArgs, type NativeFn, type PyObj,
} from '../objects/object.js';

/** Wraps fn with mp_arg_check_num_sig: positional count between min and max, no keywords unless kwOk. */
export function fixed(min: number, max: number, fn: (a: PyObj[]) => PyObj): NativeFn {
  return (a, kw) => {
    checkArgs(a, kw, min, max, false);
    return fn(a);
  };
}

export function checkArgs(a: PyObj[], kw: KwArgs | undefined, min: number, max: number, kwOk: boolean): void {
  if (!kwOk && kw !== undefined && kw.size > 0) throw typeError("function doesn't take keyword arguments");
  const n = a.length;
  if (min === max) {
    if (n !== min) throw typeError(`function takes ${min} positional arguments but ${n} were given`);
  } else if (n < min) {
    throw typeError(`function missing ${min - n} required positional arguments`);
  } else if (n > max) {
    throw typeError(`function expected at most ${max} arguments, got ${n}`);
  }
}

/** One entry of an mp_arg_parse_all table. */
export interface ArgSpec {
  name: string;
  required?: boolean;
  kwOnly?: boolean;
  def?: PyObj;
}

/** mp_arg_parse_all: maps positional and keyword arguments onto specs, with upstream's messages. */
export function parseArgs(pos: PyObj[], kw: KwArgs | undefined, specs: readonly ArgSpec[]): PyObj[] {
  const out: PyObj[] = [];
  let posFound = 0;
  let kwFound = 0;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i] as ArgSpec;
    if (i < pos.length) {
      if (s.kwOnly) throw typeError('extra positional arguments given');
      posFound++;
      out.push(pos[i] as PyObj);
      continue;
    }
    const v = kw?.get(s.name);
    if (v === undefined) {
      if (s.required) throw typeError(`'${s.name}' argument required`);
      out.push(s.def ?? NoneObj);
    } else {
      kwFound++;
      out.push(v);
    }
  }
  if (posFound < pos.length) throw typeError('extra positional arguments given');
  if (kwFound < (kw?.size ?? 0)) throw typeError('extra keyword arguments given');
  return out;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** mp_obj_get_int into a signed machine word (int64 on the unix port). */
export function wordInt(o: PyObj): number {
  const v = checkInt(o);
  if (typeof v === 'number') return v;
  if (v < I64_MIN || v > I64_MAX) throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
  // Only reachable for |v| > 2^53: callers that care about exactness use wordBig.
  return Number(v);
}

/** mp_obj_get_int as a bigint (exact over the whole int64 range). */
export function wordBig(o: PyObj): bigint {
  const v = checkInt(o);
  const b = BigInt(v);
  if (b < I64_MIN || b > I64_MAX) throw excMsg(OverflowErrorType, 'overflow converting long int to machine word');
  return b;
}

/** mp_obj_get_int_truncated: the low 64 bits of any int, as an unsigned bigint. */
export function truncatedU64(o: PyObj): bigint {
  return BigInt.asUintN(64, BigInt(checkInt(o)));
}

/** mp_obj_get_float: ints, bools, floats, and instances of Python classes with __float__. */
export function floatArg(o: PyObj): number {
  if (o instanceof PyFloat) return o.v;
  if (typeof o === 'number') return o;
  if (typeof o === 'bigint') return Number(o);
  if (typeof o === 'boolean') return o ? 1 : 0;
  const t = typeOf(o);
  if (t.isUser) {
    const r = t.unary?.(Unary.FLOAT, o);
    if (r instanceof PyFloat) return r.v;
  }
  throw typeError(`can't convert ${t.name} to float`);
}

/** A read buffer (mp_get_buffer_raise). */
export function readBuf(o: PyObj): Uint8Array {
  const b = bufferOf(o);
  if (b === undefined) throw typeError('object with buffer protocol required');
  return b;
}

/** A native class: a PyType whose methods are NativeFns taking self as args[0] (bound on access). */
export function nativeClass(name: string, methods: Record<string, NativeFn>, base: PyType = ObjectType): PyType {
  const t = new PyType(name, [base]);
  for (const [k, f] of Object.entries(methods)) defMethod(t, k, f);
  return t;
}

export function isNoneArg(o: PyObj | undefined): boolean {
  return o === undefined || o === NoneObj;
}
