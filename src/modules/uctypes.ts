// uctypes (extmod/moductypes.c as the 64-bit unix port builds it): C-like structures over memory.
//
// Descriptors are plain Python values, decoded on every access as upstream does: a dict (or
// OrderedDict) of fields, a tuple (offset|agg_type, ...) for STRUCT/PTR/ARRAY aggregates, or an int
// that packs a scalar type and offset (type in bits 27..30, bitfield position/length above the 17-bit
// offset). Only the low 31 bits of a descriptor int matter, so they are read as int32 here.
// Memory is the simulated address space of _memory.ts; the machine word is 64-bit little-endian
// (pointers are 8 bytes, NATIVE layout aligns the struct size to its largest field).
// Upstream quirks kept: an array index is only checked against the upper bound; `del S.f` reads the
// field and succeeds; a non-native bitfield is read big-endian for any layout value but 0 and written
// big-endian only for BIG_ENDIAN (1).
import { ByteArrayType, PyByteArray, PyBytes } from '../objects/bytes.js';
import { dictGetItem, DictType, PyDict } from '../objects/dict.js';
import { excMsg, IndexErrorType, typeError, TypeErrorType } from '../objects/exceptions.js';
import { checkFloatArg } from '../objects/float.js';
import { checkInt, normBig } from '../objects/int.js';
import {
  DELETE, ObjectType, PyFloat, PyObject, PyTuple, PyType, TupleType, Unary, type PyObj,
} from '../objects/object.js';
import { checkAlloc } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { checkArgs, fixed, readBuf, truncatedU64, wordBig, wordInt } from './_util.js';
import { addressOf, alias, load, store, strBuffer } from './_memory.js';

const LITTLE_ENDIAN = 0;
const BIG_ENDIAN = 1;
const NATIVE = 2;

// scalar value types (4 bits); bit 0 is "signed", bits 1..2 the log2 of the size
const UINT8 = 0, INT8 = 1, UINT64 = 6, INT64 = 7;
const BFUINT8 = 8, BFINT32 = 13, FLOAT32 = 14, FLOAT64 = 15;
// aggregate types (2 bits)
const STRUCT = 0, PTR = 1, ARRAY = 2;

const VAL_TYPE_BITS = 4;
const AGG_TYPE_BITS = 2;
const OFFSET_BITS = 17;
const LEN_BITS = OFFSET_BITS + 5;

/** A type number placed in the top bits of a 31-bit value (sign bit set for the upper half). */
const typeConst = (t: number, nbits: number): number => (t << (32 - nbits)) >> 1;
const getType = (x: number, nbits: number): number => (x >> (31 - nbits)) & ((1 << nbits) - 1);
const valueMask = (nbits: number): number => ~(0x80000000 >> nbits);
const scalarSize = (valType: number): number => (valType === FLOAT32 ? 4 : 1 << ((valType & 7) >> 1));

function syntaxError(): never {
  throw typeError('syntax error in uctypes descriptor');
}

/** A descriptor int as upstream reads it (MP_OBJ_SMALL_INT_VALUE: only the low 31 bits count here). */
function smallInt(o: PyObj | undefined): number | undefined {
  if (typeof o === 'number') return o | 0;
  if (typeof o === 'bigint' && o >= -(2n ** 62n) && o < 2n ** 62n) return Number(BigInt.asIntN(32, o));
  return undefined;
}

function isDictDesc(o: PyObj): o is PyDict {
  return o instanceof PyDict && (o.type === DictType || (o.type.name === 'OrderedDict' && !o.type.isUser));
}
function isTupleDesc(o: PyObj): o is PyTuple {
  return o instanceof PyTuple && o.type === TupleType;
}
/** First item of an aggregate tuple (offset | agg_type). */
function aggHead(t: PyTuple): number {
  const v = smallInt(t.items[0]);
  if (v === undefined) syntaxError();
  return v;
}

interface SizeState {
  maxField: number;
}

function aggSize(t: PyTuple, layout: number, st: SizeState): number {
  if (t.items.length === 0) syntaxError();
  const head = aggHead(t);
  switch (getType(head, AGG_TYPE_BITS)) {
    case STRUCT:
      if (t.items.length !== 2) syntaxError();
      return structSize(t.items[1] as PyObj, layout, st);
    case PTR:
      // the pointed-to type is ignored but must be there
      if (t.items.length !== 2) syntaxError();
      if (st.maxField < 8) st.maxField = 8;
      return 8;
    case ARRAY: {
      let n = smallInt(t.items[1]) ?? 0;
      const valType = getType(n, VAL_TYPE_BITS);
      n &= valueMask(VAL_TYPE_BITS);
      let item: number;
      if (t.items.length === 2) {
        item = scalarSize(valType);
        if (item > st.maxField) st.maxField = item;
      } else if (t.items.length === 3) {
        item = structSize(t.items[2] as PyObj, layout, st);
      } else syntaxError();
      return item * n;
    }
    default:
      return syntaxError();
  }
}

function structSize(desc: PyObj, layout: number, st: SizeState): number {
  if (!isDictDesc(desc)) {
    if (isTupleDesc(desc)) return aggSize(desc, layout, st);
    if (smallInt(desc) !== undefined) throw typeError("can't unambiguously get sizeof scalar");
    syntaxError();
  }
  let total = 0;
  for (const [, v] of desc.mpmap.entries()) {
    const sv = smallInt(v);
    if (sv !== undefined) {
      const valType = getType(sv, VAL_TYPE_BITS);
      let offset = sv & valueMask(VAL_TYPE_BITS);
      if (valType >= BFUINT8 && valType <= BFINT32) offset &= (1 << OFFSET_BITS) - 1;
      const s = scalarSize(valType);
      if (s > st.maxField) st.maxField = s;
      if (offset + s > total) total = offset + s;
    } else {
      if (!isTupleDesc(v)) syntaxError();
      const offset = aggHead(v) & valueMask(AGG_TYPE_BITS);
      const s = aggSize(v, layout, st);
      if (offset + s > total) total = offset + s;
    }
  }
  if (layout === NATIVE && st.maxField > 0) total = Math.ceil(total / st.maxField) * st.maxField;
  return total;
}

const sizeOfDesc = (desc: PyObj, layout: number): number => structSize(desc, layout, { maxField: 0 });

// ------------------------------------------------------------------ scalar access

function getScalar(valType: number, addr: bigint, bigEndian: boolean): PyObj {
  if (valType >= BFUINT8 && valType < FLOAT32) syntaxError();
  const size = scalarSize(valType);
  const b = load(addr, size);
  const dv = new DataView(b.buffer, b.byteOffset, size);
  const le = !bigEndian;
  switch (valType) {
    case UINT8: return dv.getUint8(0);
    case INT8: return dv.getInt8(0);
    case 2: return dv.getUint16(0, le);
    case 3: return dv.getInt16(0, le);
    case 4: return dv.getUint32(0, le);
    case 5: return dv.getInt32(0, le);
    case UINT64: return normBig(dv.getBigUint64(0, le));
    case INT64: return normBig(dv.getBigInt64(0, le));
    case FLOAT32: return new PyFloat(dv.getFloat32(0, le));
    default: return new PyFloat(dv.getFloat64(0, le));
  }
}

function setScalar(valType: number, addr: bigint, bigEndian: boolean, v: PyObj): void {
  if (valType >= BFUINT8 && valType < FLOAT32) syntaxError();
  const size = scalarSize(valType);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  if (valType === FLOAT32) dv.setFloat32(0, checkFloatArg(v), !bigEndian);
  else if (valType === FLOAT64) dv.setFloat64(0, checkFloatArg(v), !bigEndian);
  else {
    // ints of any size are truncated to the field (two's complement)
    let n = BigInt.asUintN(size * 8, BigInt(checkInt(v)));
    for (let i = 0; i < size; i++) {
      out[bigEndian ? size - 1 - i : i] = Number(n & 0xffn);
      n >>= 8n;
    }
  }
  store(addr, out);
}

function getUint(addr: bigint, size: number, bigEndian: boolean): number {
  const b = load(addr, size);
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (b[bigEndian ? i : size - 1 - i] as number);
  return v;
}

function setUint(addr: bigint, size: number, bigEndian: boolean, v: number): void {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    out[bigEndian ? size - 1 - i : i] = v % 256;
    v = Math.floor(v / 256);
  }
  store(addr, out);
}

// ------------------------------------------------------------------ struct objects

export class PyStruct extends PyObject {
  constructor(public desc: PyObj, public addr: bigint, public layout: number) {
    super(StructType);
  }
}
export const StructType = new PyType('struct', [ObjectType]);
StructType.baseable = false;
StructType.unhashable = true;

const at = (s: PyStruct, offset: number): bigint => BigInt.asUintN(64, s.addr + BigInt(offset));

StructType.make = (_cls, args, kw) => {
  checkArgs(args, kw, 2, 3, false);
  const addr = truncatedU64(args[0] as PyObj);
  const layout = args.length === 3 ? wordInt(args[2] as PyObj) : NATIVE;
  return new PyStruct(args[1] as PyObj, addr, layout);
};

StructType.print = (o) => {
  const s = o as PyStruct;
  let name = 'unk';
  if (isDictDesc(s.desc)) name = 'STRUCT';
  else if (isTupleDesc(s.desc)) {
    const agg = getType(smallInt(s.desc.items[0]) ?? 0, AGG_TYPE_BITS);
    if (agg === PTR) name = 'PTR';
    else if (agg === ARRAY) name = 'ARRAY';
  } else name = 'ERROR';
  return `<struct ${name} ${s.addr.toString(16)}>`;
};

/** Loads (value undefined) or stores a field. */
function fieldOp(s: PyStruct, name: string, value: PyObj | undefined): PyObj {
  if (!isDictDesc(s.desc)) throw typeError('struct: no fields');
  const deref = dictGetItem(s.desc, name);
  const sv = smallInt(deref);
  if (sv !== undefined) {
    const valType = getType(sv, VAL_TYPE_BITS);
    let offset = sv & valueMask(VAL_TYPE_BITS);
    if (valType <= INT64 || valType === FLOAT32 || valType === FLOAT64) {
      const big = s.layout !== NATIVE && s.layout !== LITTLE_ENDIAN;
      if (value === undefined) return getScalar(valType, at(s, offset), big);
      setScalar(valType, at(s, offset), big, value);
      return value;
    }
    // bitfield over an unsigned 8/16/32-bit word
    const bitOffset = (offset >> OFFSET_BITS) & 31;
    const bitLen = (offset >> LEN_BITS) & 31;
    offset &= (1 << OFFSET_BITS) - 1;
    const size = scalarSize(valType & 7);
    const addr = at(s, offset);
    const word = getUint(addr, size, s.layout !== NATIVE && s.layout !== LITTLE_ENDIAN);
    const mask = 2 ** bitLen - 1;
    if (value === undefined) return Math.floor(word / 2 ** bitOffset) % 2 ** bitLen;
    const nv = BigInt.asUintN(64, wordBig(value));
    const bits = (BigInt(word) & ~(BigInt(mask) << BigInt(bitOffset))) | ((nv & BigInt(mask)) << BigInt(bitOffset));
    setUint(addr, size, s.layout === BIG_ENDIAN, Number(BigInt.asUintN(size * 8, bits)));
    return value;
  }
  if (!isTupleDesc(deref)) syntaxError();
  // aggregates cannot be assigned to
  if (value !== undefined) syntaxError();
  const head = aggHead(deref);
  const offset = head & valueMask(AGG_TYPE_BITS);
  switch (getType(head, AGG_TYPE_BITS)) {
    case STRUCT:
      return new PyStruct(deref.items[1] as PyObj, at(s, offset), s.layout);
    case ARRAY: {
      const n = smallInt(deref.items[1]);
      // arrays of UINT8 come back as bytearrays over the memory (INT8 ones do not: different range)
      if (deref.items.length === 2 && n !== undefined && getType(n, VAL_TYPE_BITS) === UINT8) {
        return new PyByteArray(alias(at(s, offset), aggSize(deref, s.layout, { maxField: 0 })), ByteArrayType);
      }
      return new PyStruct(deref, at(s, offset), s.layout);
    }
    case PTR:
      return new PyStruct(deref, at(s, offset), s.layout);
    default:
      return syntaxError();
  }
}

StructType.attr = (o, name) => fieldOp(o as PyStruct, name, undefined);
StructType.setattr = (o, name, value) => {
  // `del S.f` goes through the load path upstream, so it succeeds without changing anything
  fieldOp(o as PyStruct, name, value === DELETE ? undefined : value);
  return true;
};

/** The address a PTR field holds (a native 64-bit word whatever the layout). */
const pointee = (s: PyStruct): bigint => load(s.addr, 8).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);

StructType.subscr = (o, index, value) => {
  const s = o as PyStruct;
  if (value === DELETE) return undefined;
  if (!isTupleDesc(s.desc)) throw typeError("struct: can't index");
  const t = s.desc;
  const agg = getType(aggHead(t), AGG_TYPE_BITS);
  const i = smallInt(index) ?? Number(checkInt(index));
  if (agg === ARRAY) {
    let n = smallInt(t.items[1]) ?? 0;
    const valType = getType(n, VAL_TYPE_BITS);
    n &= valueMask(VAL_TYPE_BITS);
    if (i >= n) throw excMsg(IndexErrorType, 'struct: index out of range');
    if (t.items.length === 2) {
      const addr = at(s, scalarSize(valType) * i);
      const big = s.layout !== NATIVE && s.layout !== LITTLE_ENDIAN;
      if (value === undefined) return getScalar(valType, addr, big);
      setScalar(valType, addr, big, value);
      return value;
    }
    if (value !== undefined) return undefined;
    const size = sizeOfDesc(t.items[2] as PyObj, s.layout);
    return new PyStruct(t.items[2] as PyObj, at(s, size * i), s.layout);
  }
  if (agg === PTR) {
    // a store through a pointer reads the element and reports success, writing nothing (as upstream)
    const p = pointee(s);
    const target = t.items[1] as PyObj;
    const tv = smallInt(target);
    if (tv !== undefined) {
      const valType = getType(tv, VAL_TYPE_BITS);
      return getScalar(valType, BigInt.asUintN(64, p + BigInt(scalarSize(valType) * i)), false);
    }
    const size = sizeOfDesc(target, s.layout);
    return new PyStruct(target, BigInt.asUintN(64, p + BigInt(size * i)), s.layout);
  }
  return syntaxError();
};

StructType.unary = (op, o) => {
  const s = o as PyStruct;
  if (op === Unary.INT && isTupleDesc(s.desc) && getType(smallInt(s.desc.items[0]) ?? 0, AGG_TYPE_BITS) === PTR) {
    return normBig(pointee(s));
  }
  return undefined;
};

StructType.buffer = (o) => {
  const s = o as PyStruct;
  return alias(s.addr, sizeOfDesc(s.desc, s.layout));
};

// ------------------------------------------------------------------ module functions

function sizeofFn(a: PyObj[]): PyObj {
  let obj = a[0] as PyObj;
  if (obj instanceof PyByteArray && obj.type === ByteArrayType) return obj.data.length;
  let layout = NATIVE;
  if (obj instanceof PyStruct) {
    if (a.length !== 1) throw excMsg(TypeErrorType);
    layout = obj.layout;
    obj = obj.desc;
  } else if (a.length === 2) layout = wordInt(a[1] as PyObj);
  return sizeOfDesc(obj, layout);
}

const addr = (o: PyObj): bigint => truncatedU64(o);
/** A size argument as mp_obj_int_get_truncated reads it (a huge one fails to allocate). */
function sizeArg(o: PyObj): number {
  const n = Number(BigInt.asIntN(64, truncatedU64(o)));
  checkAlloc(n < 0 ? Number.MAX_SAFE_INTEGER : n);
  return n;
}

registerNativeModule('uctypes', () => {
  const T = (t: number): number => typeConst(t, VAL_TYPE_BITS);
  return makeModule('uctypes', {
    struct: StructType,
    sizeof: fixed(1, 2, sizeofFn),
    addressof: fixed(1, 1, (a) => {
      const o = a[0] as PyObj;
      return normBig(addressOf(typeof o === 'string' ? strBuffer(o) : readBuf(o)));
    }),
    bytes_at: fixed(2, 2, (a) => new PyBytes(load(addr(a[0] as PyObj), sizeArg(a[1] as PyObj)).slice())),
    bytearray_at: fixed(2, 2, (a) => new PyByteArray(alias(addr(a[0] as PyObj), sizeArg(a[1] as PyObj)))),
    NATIVE,
    LITTLE_ENDIAN,
    BIG_ENDIAN,
    VOID: T(UINT8),
    UINT8: T(UINT8),
    INT8: T(INT8),
    UINT16: T(2),
    INT16: T(3),
    UINT32: T(4),
    INT32: T(5),
    UINT64: T(UINT64),
    INT64: T(INT64),
    BFUINT8: T(BFUINT8),
    BFINT8: T(9),
    BFUINT16: T(10),
    BFINT16: T(11),
    BFUINT32: T(12),
    BFINT32: T(BFINT32),
    BF_POS: OFFSET_BITS,
    BF_LEN: LEN_BITS,
    FLOAT32: T(FLOAT32),
    FLOAT64: T(FLOAT64),
    // C type aliases of the x64 unix port (LP64)
    SHORT: T(3),
    USHORT: T(2),
    INT: T(5),
    UINT: T(4),
    LONG: T(INT64),
    ULONG: T(UINT64),
    LONGLONG: T(INT64),
    ULONGLONG: T(UINT64),
    PTR: typeConst(PTR, AGG_TYPE_BITS),
    ARRAY: typeConst(ARRAY, AGG_TYPE_BITS),
  });
});
