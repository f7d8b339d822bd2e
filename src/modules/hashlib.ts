// hashlib: sha256, sha1 and md5 in pure TypeScript, with upstream's interface: update() and a single
// digest() (then the object is final: ValueError('hash is final')), no hexdigest(); str input is
// accepted through the buffer protocol.
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { typeError, valueError } from '../objects/exceptions.js';
import { checkArgs, fixed } from './_util.js';
import { defMethod, NoneObj, ObjectType, PyObject, PyType, type PyObj } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) of a complete message. */
export function sha256(msg: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const total = Math.ceil((msg.length + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const dv = new DataView(buf.buffer);
  dv.setUint32(total - 8, Math.floor((msg.length * 8) / 2 ** 32));
  dv.setUint32(total - 4, (msg.length * 8) >>> 0);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[] as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const vals = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (vals[i] as number)) >>> 0;
  }
  const out = new Uint8Array(32);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) odv.setUint32(4 * i, h[i] as number);
  return out;
}

/** SHA-1 (FIPS 180-4) of a complete message. */
export function sha1(msg: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const total = Math.ceil((msg.length + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const dv = new DataView(buf.buffer);
  dv.setUint32(total - 8, Math.floor((msg.length * 8) / 2 ** 32));
  dv.setUint32(total - 4, (msg.length * 8) >>> 0);
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + 4 * i);
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number), 1);
    let [a, b, c, d, e] = h as unknown as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (rotl(a, 5) + f + e + k + (w[i] as number)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
    h[4] = (h[4] as number) + e;
  }
  const out = new Uint8Array(20);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) odv.setUint32(4 * i, h[i] as number);
  return out;
}

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** MD5 (RFC 1321) of a complete message. */
export function md5(msg: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  const total = Math.ceil((msg.length + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[msg.length] = 0x80;
  const dv = new DataView(buf.buffer);
  dv.setUint32(total - 8, (msg.length * 8) >>> 0, true);
  dv.setUint32(total - 4, Math.floor((msg.length * 8) / 2 ** 32), true);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < total; off += 64) {
    let [a, b, c, d] = h as unknown as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      const r = i >> 4;
      if (r === 0) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (r === 1) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (r === 2) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const t = d;
      d = c;
      c = b;
      const x = (a + f + (MD5_K[i] as number) + dv.getUint32(off + 4 * g, true)) >>> 0;
      b = (b + rotl(x, MD5_S[(r << 2) | (i & 3)] as number)) >>> 0;
      a = t;
    }
    h[0] = (h[0] as number) + a;
    h[1] = (h[1] as number) + b;
    h[2] = (h[2] as number) + c;
    h[3] = (h[3] as number) + d;
  }
  const out = new Uint8Array(16);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) odv.setUint32(4 * i, h[i] as number, true);
  return out;
}

/** A hash object: data is collected and hashed once by digest(), after which it is final. */
class Hash extends PyObject {
  chunks: Uint8Array[] = [];
  final = false;
}

function data(o: PyObj): Uint8Array {
  const b = bufferOf(o);
  if (!b) throw typeError('object with buffer protocol required');
  return b.slice();
}

function hashType(name: string, fn: (m: Uint8Array) => Uint8Array): PyType {
  const t = new PyType(name, [ObjectType]);
  t.baseable = false;
  t.make = (_c, args, kw) => {
    checkArgs(args, kw, 0, 1, false);
    const h = new Hash(t);
    if (args.length) h.chunks.push(data(args[0] as PyObj));
    return h;
  };
  t.print = () => `<${name}>`;
  defMethod(t, 'update', fixed(2, 2, (a) => {
    const h = a[0] as Hash;
    // upstream's contexts are consumed by digest(): no partial digests, no updates after
    if (h.final) throw valueError('hash is final');
    h.chunks.push(data(a[1] as PyObj));
    return NoneObj;
  }));
  defMethod(t, 'digest', fixed(1, 1, (a) => {
    const h = a[0] as Hash;
    if (h.final) throw valueError('hash is final');
    h.final = true;
    const n = h.chunks.reduce((s, c) => s + c.length, 0);
    const all = new Uint8Array(n);
    let o = 0;
    for (const c of h.chunks) {
      all.set(c, o);
      o += c.length;
    }
    h.chunks = [];
    return new PyBytes(fn(all));
  }));
  return t;
}

// The unix port has sha256 always, and md5/sha1 only when built with its TLS library. The reference
// build mpyts is checked against has no TLS (the corpus checks hasattr(hashlib, 'md5') is False), so
// md5/sha1 are implemented and tested but only exposed when WITH_TLS_ALGORITHMS is switched on.
const WITH_TLS_ALGORITHMS = false;
export const Sha256Type = hashType('sha256', sha256);
export const Sha1Type = hashType('sha1', sha1);
export const Md5Type = hashType('md5', md5);

registerNativeModule('hashlib', () =>
  makeModule('hashlib', WITH_TLS_ALGORITHMS ? { sha256: Sha256Type, sha1: Sha1Type, md5: Md5Type } : { sha256: Sha256Type }));
