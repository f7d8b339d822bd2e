// .mpy 6.3 writer: the inverse of readMpy, byte for byte for every file upstream tools produce.
import { encodeUint } from '../core/varint.js';
import { CodeKind, MPY_FEATURE_ARCH_FLAGS, ObjTag, SCOPE_FLAG_VIPERBSS, SCOPE_FLAG_VIPERRODATA, SCOPE_FLAG_VIPERRELOC, type MpyConst, type MpyFile, type MpyRawCode } from './types.js';

const utf8 = new TextEncoder();

/** Growable byte sink; cheaper than number[] for large files. */
class Sink {
  buf = new Uint8Array(1024);
  len = 0;
  private tmp: number[] = [];
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  uint(v: number): void {
    this.tmp.length = 0;
    encodeUint(this.tmp, v);
    for (const b of this.tmp) this.byte(b);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export function writeMpy(file: MpyFile): Uint8Array {
  const s = new Sink();
  s.byte(0x4d);
  s.byte(file.version);
  s.byte(file.featureByte);
  s.byte(file.smallIntBits);
  if (file.featureByte & MPY_FEATURE_ARCH_FLAGS) s.uint(file.archFlags ?? 0);
  s.uint(file.qstrs.length);
  s.uint(file.objects.length);
  for (const q of file.qstrs) {
    if (q.staticIndex !== undefined) {
      s.uint(q.staticIndex * 2 + 1);
    } else {
      const bytes = q.bytes ?? utf8.encode(q.str);
      s.uint(bytes.length * 2);
      s.bytes(bytes);
      s.byte(0);
    }
  }
  for (const o of file.objects) writeObj(s, o);
  writeRawCode(s, file.rawCode);
  return s.result();
}

function writeObj(s: Sink, o: MpyConst): void {
  switch (o.kind) {
    case 'funtable': s.byte(ObjTag.FunTable); return;
    case 'none': s.byte(ObjTag.None); return;
    case 'false': s.byte(ObjTag.False); return;
    case 'true': s.byte(ObjTag.True); return;
    case 'ellipsis': s.byte(ObjTag.Ellipsis); return;
    case 'tuple':
      s.byte(ObjTag.Tuple);
      s.uint(o.items.length);
      for (const item of o.items) writeObj(s, item);
      return;
    case 'str':
    case 'bytes': {
      const bytes = o.kind === 'str' ? o.bytes : o.value;
      s.byte(o.kind === 'str' ? ObjTag.Str : ObjTag.Bytes);
      s.uint(bytes.length);
      s.bytes(bytes);
      s.byte(0);
      return;
    }
    case 'int': case 'float': case 'complex': {
      s.byte(o.kind === 'int' ? ObjTag.Int : o.kind === 'float' ? ObjTag.Float : ObjTag.Complex);
      s.uint(o.text.length);
      for (let i = 0; i < o.text.length; i++) s.byte(o.text.charCodeAt(i) & 0xff);
      return;
    }
  }
}

function writeRawCode(s: Sink, rc: MpyRawCode): void {
  s.uint(rc.funData.length * 8 + (rc.children.length > 0 ? 4 : 0) + (rc.kind - CodeKind.Bytecode));
  s.bytes(rc.funData);
  if (rc.kind === CodeKind.NativePy) {
    s.uint(rc.preludeOffset);
  } else if (rc.kind === CodeKind.NativeAsm) {
    s.uint(rc.scopeFlags);
    s.uint(rc.nPosArgs);
    s.uint(rc.typeSig);
  } else if (rc.kind === CodeKind.NativeViper) {
    s.uint(rc.scopeFlags);
    if (rc.scopeFlags & SCOPE_FLAG_VIPERRODATA) s.uint(rc.rodata?.length ?? 0);
    if (rc.scopeFlags & SCOPE_FLAG_VIPERBSS) s.uint(rc.bssSize ?? 0);
    if (rc.scopeFlags & SCOPE_FLAG_VIPERRODATA && rc.rodata) s.bytes(rc.rodata);
  }
  if (rc.children.length > 0) {
    s.uint(rc.children.length);
    for (const c of rc.children) writeRawCode(s, c);
  }
  if (rc.kind === CodeKind.NativeViper && rc.scopeFlags & SCOPE_FLAG_VIPERRELOC) {
    s.bytes(rc.relocations ?? new Uint8Array([0xff]));
  }
}
