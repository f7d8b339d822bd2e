// MicroPython's hash table (py/map.c): open addressing with linear probing, no load factor (a table
// grows only when completely full), growth through a fixed size sequence, deleted slots as tombstones
// unless the next slot is empty. Iteration is slot order, which is why dict/set printing order differs
// from CPython and must be reproduced exactly.
//
// Speed: string keys additionally live in a JS Map from key to slot, so looking up an existing str key
// never recomputes its hash or probes (globals, attribute dicts, kwargs).
import { hashOf, pyEquals } from '../vm/runtime.js';
import type { PyObj } from './object.js';

const SIZES = [
  0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521, 691, 919, 1223,
  1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907,
];

export function allocAtLeast(x: number): number {
  for (const s of SIZES) if (s >= x) return s;
  return (x + Math.floor(x / 2)) | 1;
}

/** Marks a deleted slot (MP_OBJ_SENTINEL). */
export const TOMB: unique symbol = Symbol('tomb');
export type Slot = PyObj | typeof TOMB | undefined;

const two64ModCache = new Map<number, number>();
function two64Mod(alloc: number): number {
  let v = two64ModCache.get(alloc);
  if (v === undefined) {
    v = Number((1n << 64n) % BigInt(alloc));
    two64ModCache.set(alloc, v);
  }
  return v;
}

/** hash % alloc with the hash taken as an unsigned machine word, as upstream does. */
export function hashPos(h: number | bigint, alloc: number): number {
  if (typeof h === 'number') {
    if (h >= 0) return h % alloc;
    const m = h % alloc; // in (-alloc, 0]
    return (m + alloc + two64Mod(alloc)) % alloc;
  }
  return Number(BigInt.asUintN(64, h) % BigInt(alloc));
}

function keysEqual(a: PyObj, b: PyObj): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string' && tb === 'string') return false;
  if (ta === 'number' && tb === 'number') return false;
  return pyEquals(a, b);
}

export class MpMap {
  keys: Slot[] = [];
  values: (PyObj | undefined)[] = [];
  alloc = 0;
  used = 0;
  /** str key -> slot */
  sidx = new Map<string, number>();
  /** Insertion-ordered linear table (upstream's is_ordered map, used by OrderedDict). */
  ordered = false;
  /** Counts str keys added: "name is absent" stays true while it is unchanged (VM global caches). */
  strAdds = 0;

  constructor(n = 0) {
    if (n > 0) {
      this.alloc = n;
      this.keys = new Array<Slot>(n).fill(undefined);
      this.values = new Array<PyObj | undefined>(n).fill(undefined);
    }
  }

  get size(): number {
    return this.used;
  }

  /** Slot of `key`, or -1. */
  find(key: PyObj): number {
    if (this.ordered) {
      for (let i = 0; i < this.used; i++) if (keysEqual(this.keys[i] as PyObj, key)) return i;
      return -1;
    }
    if (typeof key === 'string') {
      const p = this.sidx.get(key);
      return p === undefined ? -1 : p;
    }
    if (this.alloc === 0) return -1;
    const alloc = this.alloc;
    let pos = hashPos(hashOf(key), alloc);
    const start = pos;
    const keys = this.keys;
    for (;;) {
      const k = keys[pos];
      if (k === undefined) return -1;
      if (k !== TOMB && keysEqual(k, key)) return pos;
      pos = (pos + 1) % alloc;
      if (pos === start) return -1;
    }
  }

  get(key: PyObj): PyObj | undefined {
    const p = this.find(key);
    return p < 0 ? undefined : this.values[p];
  }

  has(key: PyObj): boolean {
    return this.find(key) >= 0;
  }

  /** Inserts or replaces (keeping the existing key object, as upstream does). */
  set(key: PyObj, value: PyObj): void {
    if (this.ordered) {
      const p = this.find(key);
      if (p >= 0) this.values[p] = value;
      else {
        this.keys[this.used] = key;
        this.values[this.used] = value;
        this.used++;
        this.alloc = this.used;
      }
      return;
    }
    if (typeof key === 'string') {
      const p = this.sidx.get(key);
      if (p !== undefined) {
        this.values[p] = value;
        return;
      }
    }
    const h = hashOf(key);
    for (;;) {
      if (this.alloc === 0) this.rehash();
      const alloc = this.alloc;
      let pos = hashPos(h, alloc);
      const start = pos;
      let avail = -1;
      const keys = this.keys;
      for (;;) {
        const k = keys[pos];
        if (k === undefined) {
          if (avail < 0) avail = pos;
          this.place(avail, key, value);
          return;
        }
        if (k === TOMB) {
          if (avail < 0) avail = pos;
        } else if (keysEqual(k, key)) {
          this.values[pos] = value;
          return;
        }
        pos = (pos + 1) % alloc;
        if (pos === start) {
          if (avail >= 0) {
            this.place(avail, key, value);
            return;
          }
          this.rehash();
          break;
        }
      }
    }
  }

  private place(pos: number, key: PyObj, value: PyObj): void {
    this.keys[pos] = key;
    this.values[pos] = value;
    this.used++;
    if (typeof key === 'string') {
      this.sidx.set(key, pos);
      this.strAdds++;
    }
  }

  /** Removes `key`; returns its value or undefined. */
  delete(key: PyObj): PyObj | undefined {
    const p = this.find(key);
    if (p < 0) return undefined;
    return this.deleteAt(p);
  }

  deleteAt(p: number): PyObj | undefined {
    if (this.ordered) {
      const v = this.values[p];
      this.keys.splice(p, 1);
      this.values.splice(p, 1);
      this.used--;
      this.alloc = this.used;
      return v;
    }
    const k = this.keys[p];
    const v = this.values[p];
    this.used--;
    this.keys[p] = this.keys[(p + 1) % this.alloc] === undefined ? undefined : TOMB;
    this.values[p] = undefined;
    if (typeof k === 'string') this.sidx.delete(k);
    return v;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const n = allocAtLeast(this.alloc + 1);
    this.alloc = n;
    this.used = 0;
    this.keys = new Array<Slot>(n).fill(undefined);
    this.values = new Array<PyObj | undefined>(n).fill(undefined);
    this.sidx = new Map();
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined && k !== TOMB) this.set(k, oldValues[i] as PyObj);
    }
  }

  clear(): void {
    this.keys.length = 0;
    this.keys = [];
    this.values = [];
    this.alloc = 0;
    this.used = 0;
    this.sidx = new Map();
  }

  /** Next filled slot at or after `pos`, or -1. */
  next(pos: number): number {
    const keys = this.keys;
    for (let i = pos; i < this.alloc; i++) {
      const k = keys[i];
      if (k !== undefined && k !== TOMB) return i;
    }
    return -1;
  }

  *entries(): Generator<[PyObj, PyObj]> {
    for (let i = this.next(0); i >= 0; i = this.next(i + 1)) yield [this.keys[i] as PyObj, this.values[i] as PyObj];
  }

  copy(): MpMap {
    const m = new MpMap();
    m.keys = this.keys.slice();
    m.values = this.values.slice();
    m.alloc = this.alloc;
    m.used = this.used;
    m.sidx = new Map(this.sidx);
    m.ordered = this.ordered;
    return m;
  }
}
