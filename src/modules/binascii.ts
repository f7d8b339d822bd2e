// binascii: hexlify/unhexlify, base64 and crc32 (extmod/modbinascii.c behaviour).
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { typeError, valueError } from '../objects/exceptions.js';
import { checkInt, normBig } from '../objects/int.js';
import { NoneObj, type PyObj } from '../objects/object.js';
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

registerNativeModule('binascii', () => makeModule('binascii', {
  hexlify: (a) => {
    const d = buf(a[0]);
    const sep = a.length > 1 && a[1] !== NoneObj ? buf(a[1]) : undefined;
    const parts = Array.from(d, (x) => x.toString(16).padStart(2, '0'));
    const s = sep ? parts.join(String.fromCharCode(...sep)) : parts.join('');
    return new PyBytes(new TextEncoder().encode(s));
  },
  unhexlify: (a) => {
    const s = new TextDecoder().decode(buf(a[0]));
    if (s.length % 2) throw valueError('non-hex digit');
    if (/[^0-9a-fA-F]/.test(s)) throw valueError('non-hex digit');
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return new PyBytes(out);
  },
  b2a_base64: (a, kw) => {
    const d = buf(a[0]);
    let s = '';
    for (let i = 0; i < d.length; i += 3) {
      const n = ((d[i] as number) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0);
      s += B64[(n >> 18) & 63] as string;
      s += B64[(n >> 12) & 63] as string;
      s += i + 1 < d.length ? (B64[(n >> 6) & 63] as string) : '=';
      s += i + 2 < d.length ? (B64[n & 63] as string) : '=';
    }
    const nl = kw?.get('newline');
    if (nl === undefined || isTrue(nl)) s += '\n';
    return new PyBytes(new TextEncoder().encode(s));
  },
  a2b_base64: (a) => {
    const s = new TextDecoder().decode(buf(a[0])).replace(/[^A-Za-z0-9+/]/g, '');
    const out: number[] = [];
    let acc = 0;
    let bits = 0;
    for (const c of s) {
      acc = (acc << 6) | B64.indexOf(c);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 0xff);
      }
    }
    return new PyBytes(Uint8Array.from(out));
  },
  crc32: (a) => normBig(BigInt(crc32(buf(a[0]), a.length > 1 ? Number(BigInt.asUintN(32, BigInt(checkInt(a[1] as PyObj)))) : 0))),
}));
