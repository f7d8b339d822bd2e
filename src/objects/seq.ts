// Helpers shared by list and tuple (and bytes): lexicographic comparison, repetition, index/count.
import { binaryOp, checkAlloc, isTrue, pyEquals } from '../vm/runtime.js';
import { checkInt } from './int.js';
import { Binary, type PyObj } from './object.js';
import { valueError } from './exceptions.js';

/** Compares two item arrays with op (LT/GT/LE/GE/EQ/NE) like upstream's mp_seq_cmp_objs. */
export function seqCompare(op: Binary, a: PyObj[], b: PyObj[]): boolean {
  if (op === Binary.EQ || op === Binary.NE) {
    let eq = a.length === b.length;
    if (eq) {
      for (let i = 0; i < a.length; i++) {
        if (!pyEquals(a[i] as PyObj, b[i] as PyObj)) {
          eq = false;
          break;
        }
      }
    }
    return op === Binary.EQ ? eq : !eq;
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as PyObj;
    const y = b[i] as PyObj;
    if (!pyEquals(x, y)) {
      return isTrue(binaryOp(op === Binary.LE ? Binary.LT : op === Binary.GE ? Binary.GT : op, x, y));
    }
  }
  switch (op) {
    case Binary.LT: return a.length < b.length;
    case Binary.GT: return a.length > b.length;
    case Binary.LE: return a.length <= b.length;
    case Binary.GE: return a.length >= b.length;
    default: return false;
  }
}

export function repeatCount(n: PyObj): number | undefined {
  if (typeof n !== 'number' && typeof n !== 'boolean' && typeof n !== 'bigint') return undefined;
  const v = Number(checkInt(n));
  return v < 0 ? 0 : v;
}

export function repeatItems(items: PyObj[], n: number): PyObj[] {
  checkAlloc(items.length * n * 8);
  const out: PyObj[] = [];
  for (let i = 0; i < n; i++) for (const x of items) out.push(x);
  return out;
}

export function seqIndexOf(items: PyObj[], x: PyObj, start = 0, end = items.length): number {
  for (let i = Math.max(0, start); i < Math.min(end, items.length); i++) if (pyEquals(items[i] as PyObj, x)) return i;
  throw valueError('object not in sequence');
}

export function seqCount(items: PyObj[], x: PyObj): number {
  let n = 0;
  for (const y of items) if (pyEquals(y, x)) n++;
  return n;
}

/** Converts optional start/end arguments of index() relative to len. */
export function relIndex(o: PyObj | undefined, len: number, dflt: number): number {
  if (o === undefined) return dflt;
  let v = Number(checkInt(o));
  if (v < 0) {
    v += len;
    if (v < 0) v = 0;
  } else if (v > len) v = len;
  return v;
}
