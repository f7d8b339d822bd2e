// binascii (extmod/modbinascii.c): hexlify/unhexlify as bytes.hex/bytes.fromhex, lenient base64
// decoding with upstream's padding rule ('incorrect padding'), b2a_base64(newline=True), crc32.
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { typeError, valueError } from '../objects/exceptions.js';
import { normBig } from '../objects/int.js';
import { typeOf, type KwArgs, type PyObj } from '../objects/object.js';
import { checkArgs, fixed, parseArgs, truncatedU64 } from './_util.js';
import { isTrue } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

function buf(o: PyObj | undefined): Uint8Array {
  const b = o === undefined ? undefined : bufferOf(o);
  if (!b) throw typeError('object with buffer protocol required');
  return b;
}
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
let crcTable: Uint32Array | undefined;
function crc32(data: Uint8Array, init: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (init ^ 0xffffffff) >>> 0;
  for (const b of data) c = ((crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8)) >>> 0;
  return (c ^ 0xffffffff) >>> 0;
}

/** mp_obj_bytes_hex: two lower-case digits per byte, the separator's first character between. */
function hexlify(a: PyObj[]): PyObj {
  const d = buf(a[0]);
  if (d.length === 0) return new PyBytes(new Uint8Array(0));
  // a separator is a C string: its first byte, or the terminating NUL when it is empty
  const sep = a.length > 1 ? (sepBytes(a[1] as PyObj)[0] ?? 0) : -1;
  const out: number[] = [];
  const digit = (v: number): number => (v > 9 ? v + 0x57 : v + 0x30);
  for (let i = 0; i < d.length; i++) {
    const b = d[i] as number;
    out.push(digit(b >> 4), digit(b & 15));
    if (sep >= 0 && i !== d.length - 1) out.push(sep);
  }
  return new PyBytes(Uint8Array.from(out));
}

function sepBytes(o: PyObj): Uint8Array {
  if (typeof o === 'string') return new TextEncoder().encode(o);
  if (o instanceof PyBytes) return o.data;
  throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
}

const isSpace = (c: number): boolean => c === 0x20 || (c >= 9 && c <= 13);
const xdigit = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;

/** mp_obj_bytes_fromhex: digit pairs, whitespace allowed between pairs. */
function unhexlify(a: PyObj[]): PyObj {
  const d = buf(a[0]);
  const out: number[] = [];
  for (let i = 0; i < d.length;) {
    const c1 = d[i++] as number;
    if (isSpace(c1)) continue;
    if (i === d.length || xdigit(c1) < 0 || xdigit(d[i] as number) < 0) throw valueError('non-hex digit');
    out.push((xdigit(c1) << 4) | xdigit(d[i++] as number));
  }
  return new PyBytes(Uint8Array.from(out));
}

function sextet(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/** Non-alphabet bytes are skipped; padding ends the data where it completes a group. */
function a2bBase64(a: PyObj[]): PyObj {
  const d = buf(a[0]);
  const out: number[] = [];
  let shift = 0;
  let nbits = 0;
  let hadpad = false;
  for (let i = 0; i < d.length; i++) {
    const c = d[i] as number;
    if (c === 0x3d) {
      if (nbits === 2 || (nbits === 4 && hadpad)) {
        nbits = 0;
        break;
      }
      hadpad = true;
    }
    const v = sextet(c);
    if (v < 0) continue;
    hadpad = false;
    shift = ((shift << 6) | v) & 0xffffff;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push((shift >> nbits) & 0xff);
    }
  }
  if (nbits) throw valueError('incorrect padding');
  return new PyBytes(Uint8Array.from(out));
}

function b2aBase64(a: PyObj[], kw: KwArgs | undefined): PyObj {
  checkArgs(a, undefined, 1, Infinity, true);
  const [nl] = parseArgs(a.slice(1), kw, [{ name: 'newline', def: true }]);
  const d = buf(a[0]);
  let s = '';
  for (let i = 0; i < d.length; i += 3) {
    const n = ((d[i] as number) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] as string;
    s += B64[(n >> 12) & 63] as string;
    s += i + 1 < d.length ? (B64[(n >> 6) & 63] as string) : '=';
    s += i + 2 < d.length ? (B64[n & 63] as string) : '=';
  }
  if (isTrue(nl as PyObj)) s += '\n';
  return new PyBytes(new TextEncoder().encode(s));
}

registerNativeModule('binascii', () => makeModule('binascii', {
  hexlify: fixed(1, 2, hexlify),
  unhexlify: fixed(1, 1, unhexlify),
  a2b_base64: fixed(1, 1, a2bBase64),
  b2a_base64: b2aBase64,
  // the initial value is taken modulo 2^32 (mp_obj_get_int_truncated)
  crc32: fixed(1, 2, (a) => normBig(BigInt(crc32(buf(a[0]), a.length > 1 ? Number(truncatedU64(a[1] as PyObj) & 0xffffffffn) : 0)))),
}));
