// framebuf (extmod/modframebuf.c): drawing into a byte buffer in the seven pixel formats.
//
// Pixels are addressed through one get/set pair per format; the rectangle fills upstream writes per
// format touch exactly the pixels a per-pixel loop does, so fills here are per-pixel loops. Colours
// are truncated to 32 bits as the C uint32_t parameters do; coordinates of fill_rect to C ints. The
// buffer is looked up again on every call (a bytearray may have been reallocated since).
// FrameBuffer subclasses get their native part from super().__init__(...) or, when __init__ does not
// call it, from the constructor arguments afterwards (objtype.c's rule, nativeInit in type.ts).
import { bufferOf, PyBytes, PyMemoryView } from '../objects/bytes.js';
import { excMsg, typeError, valueError, ValueErrorType } from '../objects/exceptions.js';
import {
  defMethod, NoneObj, ObjectType, PyBuiltin, PyList, PyObject, PyTuple, PyType, typeOf, type KwArgs, type PyObj,
} from '../objects/object.js';
import { markNativeInited, nativeInit } from '../objects/type.js';
import { getTyped, itemSize } from '../objects/typed.js';
import { isTrue } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { checkArgs, fixed, readBuf, wordBig, wordInt } from './_util.js';

const MVLSB = 0;
const RGB565 = 1;
const GS4_HMSB = 2;
const MHLSB = 3;
const MHMSB = 4;
const GS2_HMSB = 5;
const GS8 = 6;

// The 8x8 font of characters 32..127 (upstream's petme128): one string per glyph, 8 hex bytes, each
// byte a column of pixels with the top row in bit 0.
const FONT_HEX: readonly string[] = [
  '0000000000000000', '0000004f4f000000', '0007070000070700', '147f7f14147f7f14', // ' ' '!' '"' '#'
  '00242e6b6b3a1200', '006333180c666300', '00327f4d4d777250', '0000000406030100', // '$' '%' '&' "'"
  '00001c3e63410000', '000041633e1c0000', '082a3e1c1c3e2a08', '0008083e3e080800', // '(' ')' '*' '+'
  '000080e060000000', '0008080808080800', '0000006060000000', '00406030180c0602', // ',' '-' '.' '/'
  '003e7f49457f3e00', '0040447f7f404000', '00627351494f4600', '00226349497f3600', // '0' '1' '2' '3'
  '00181814167f7f10', '00276745457d3900', '003e7f49497b3200', '000303797d070300', // '4' '5' '6' '7'
  '00367f49497f3600', '00266f49497f3e00', '0000002424000000', '000080e464000000', // '8' '9' ':' ';'
  '00081c3663414100', '0014141414141400', '00414163361c0800', '00020351590f0600', // '<' '=' '>' '?'
  '003e7f414d4f2e00', '007c7e0b0b7e7c00', '007f7f49497f3600', '003e7f4141632200', // '@' 'A' 'B' 'C'
  '007f7f41633e1c00', '007f7f4949414100', '007f7f0909010100', '003e7f41497b3a00', // 'D' 'E' 'F' 'G'
  '007f7f08087f7f00', '0000417f7f410000', '002060417f3f0100', '007f7f1c36634100', // 'H' 'I' 'J' 'K'
  '007f7f4040404000', '007f7f060c067f7f', '007f7f0e1c7f7f00', '003e7f41417f3e00', // 'L' 'M' 'N' 'O'
  '007f7f09090f0600', '001e3f21617f5e00', '007f7f19396f4600', '00266f49497b3200', // 'P' 'Q' 'R' 'S'
  '0001017f7f010100', '003f7f40407f3f00', '001f3f60603f1f00', '007f7f3018307f7f', // 'T' 'U' 'V' 'W'
  '0063771c1c776300', '00070f78780f0700', '006171594d474300', '00007f7f41410000', // 'X' 'Y' 'Z' '['
  '0002060c18306040', '000041417f7f0000', '00080c06060c0800', 'c0c0c0c0c0c0c0c0', // '\\' ']' '^' '_'
  '0000010306040000', '00207454547c7800', '007f7f44447c3800', '00387c44446c2800', // '`' 'a' 'b' 'c'
  '00387c44447f7f00', '00387c54545c5800', '00087e7f09030200', '0098bca4a4fc7c00', // 'd' 'e' 'f' 'g'
  '007f7f04047c7800', '0000007d7d000000', '0040c08080fd7d00', '007f7f30386c4400', // 'h' 'i' 'j' 'k'
  '0000417f7f400000', '007c7c1830187c7c', '007c7c04047c7800', '00387c44447c3800', // 'l' 'm' 'n' 'o'
  '00fcfc24243c1800', '00183c2424fcfc00', '007c7c04040c0800', '00485c5454742000', // 'p' 'q' 'r' 's'
  '04043f7f44642000', '003c7c40407c3c00', '001c3c60603c1c00', '001c7c3018307c1c', // 't' 'u' 'v' 'w'
  '00446c38386c4400', '009cbca0a0fc7c00', '004464745c4c4400', '0008083e77414100', // 'x' 'y' 'z' '{'
  '000000ffff000000', '004141773e080800', '0002030103020301', 'aa55aa55aa55aa55', // '|' '}' '~' DEL
];
const FONT = new Uint8Array(FONT_HEX.length * 8);
FONT_HEX.forEach((g, i) => {
  for (let j = 0; j < 8; j++) FONT[i * 8 + j] = parseInt(g.slice(j * 2, j * 2 + 2), 16);
});

/** The state of a framebuffer (also what blit builds from a (buffer, w, h, format[, stride]) tuple). */
interface Fb {
  bufObj: PyObj;
  width: number;
  height: number;
  stride: number;
  format: number;
}

export class PyFrameBuffer extends PyObject implements Fb {
  bufObj: PyObj = NoneObj;
  width = 0;
  height = 0;
  stride = 0;
  format = MVLSB;
  constructor(type: PyType) {
    super(type);
  }
  /** The buffer protocol hands out the underlying buffer, typecode included (memoryview reads it). */
  get code(): string {
    const c = typeof this.bufObj === 'object' ? (this.bufObj as { code?: unknown }).code : undefined;
    return typeof c === 'string' ? c : 'B';
  }
}
export const FrameBufferType = new PyType('FrameBuffer', [ObjectType]);

function bytesOf(fb: Fb): Uint8Array {
  return bufferOf(fb.bufObj) ?? new Uint8Array(0);
}

function setPixel(fb: Fb, b: Uint8Array, x: number, y: number, col: number): void {
  switch (fb.format) {
    case MVLSB: {
      const i = (y >> 3) * fb.stride + x;
      const bit = 1 << (y & 7);
      b[i] = col !== 0 ? (b[i] as number) | bit : (b[i] as number) & ~bit;
      return;
    }
    case MHLSB:
    case MHMSB: {
      const i = (x + y * fb.stride) >> 3;
      const bit = 1 << (fb.format === MHMSB ? x & 7 : 7 - (x & 7));
      b[i] = col !== 0 ? (b[i] as number) | bit : (b[i] as number) & ~bit;
      return;
    }
    case RGB565: {
      const i = (x + y * fb.stride) * 2;
      b[i] = col & 0xff;
      b[i + 1] = (col >> 8) & 0xff;
      return;
    }
    case GS2_HMSB: {
      const i = (x + y * fb.stride) >> 2;
      const shift = (x & 3) << 1;
      b[i] = ((col & 3) << shift) | ((b[i] as number) & ~(3 << shift));
      return;
    }
    case GS4_HMSB: {
      const i = (x + y * fb.stride) >> 1;
      b[i] = x & 1 ? (col & 0x0f) | ((b[i] as number) & 0xf0) : ((col << 4) & 0xf0) | ((b[i] as number) & 0x0f);
      return;
    }
    default:
      b[x + y * fb.stride] = col & 0xff;
  }
}

/** A pixel's value; bytes past the end of the buffer read as 0 (C would read beyond it). */
function getPixel(fb: Fb, b: Uint8Array, x: number, y: number): number {
  switch (fb.format) {
    case MVLSB:
      return ((b[(y >> 3) * fb.stride + x] ?? 0) >> (y & 7)) & 1;
    case MHLSB:
    case MHMSB:
      return ((b[(x + y * fb.stride) >> 3] ?? 0) >> (fb.format === MHMSB ? x & 7 : 7 - (x & 7))) & 1;
    case RGB565: {
      const i = (x + y * fb.stride) * 2;
      return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
    }
    case GS2_HMSB:
      return ((b[(x + y * fb.stride) >> 2] ?? 0) >> ((x & 3) << 1)) & 3;
    case GS4_HMSB: {
      const v = b[(x + y * fb.stride) >> 1] ?? 0;
      return x & 1 ? v & 0x0f : v >> 4;
    }
    default:
      return b[x + y * fb.stride] ?? 0;
  }
}

function setChecked(fb: Fb, b: Uint8Array, x: number, y: number, col: number, mask: number): void {
  if (mask && x >= 0 && x < fb.width && y >= 0 && y < fb.height) setPixel(fb, b, x, y, col);
}

/** Fills the part of a rectangle inside the framebuffer (C int coordinates). */
function fillRect(fb: Fb, b: Uint8Array, x: number, y: number, w: number, h: number, col: number): void {
  x |= 0;
  y |= 0;
  w |= 0;
  h |= 0;
  if (h < 1 || w < 1 || x + w <= 0 || y + h <= 0 || y >= fb.height || x >= fb.width) return;
  const xend = Math.min(fb.width, x + w);
  const yend = Math.min(fb.height, y + h);
  for (let yy = Math.max(y, 0); yy < yend; yy++) for (let xx = Math.max(x, 0); xx < xend; xx++) setPixel(fb, b, xx, yy, col);
}

/** mp_obj_get_int passed on as a C uint32_t colour. */
const colour = (o: PyObj): number => Number(BigInt.asUintN(32, wordBig(o)));

/** A buffer that may be written (bytes and read-only memoryviews refuse MP_BUFFER_WRITE). */
function writableBuf(o: PyObj): Uint8Array {
  if (typeof o === 'string' || o instanceof PyBytes || (o instanceof PyMemoryView && o.readonly)) {
    throw typeError('object with buffer protocol required');
  }
  if (o instanceof PyFrameBuffer) writableBuf(o.bufObj);
  return readBuf(o);
}

/** framebuf_make_new_helper: validates the geometry against the buffer and fills in fb. */
function initFb(fb: Fb, args: PyObj[], write: boolean): void {
  const width = wordInt(args[1] as PyObj);
  const height = wordInt(args[2] as PyObj);
  const format = wordInt(args[3] as PyObj);
  let stride = args.length >= 5 ? wordInt(args[4] as PyObj) : width;
  if (width < 1 || height < 1 || width > 0xffff || height > 0xffff || stride > 0xffff || stride < width) {
    throw excMsg(ValueErrorType);
  }
  let bpp = 1;
  let heightRequired = height;
  let widthRequired = width;
  let stridesRequired = height - 1;
  switch (format) {
    case MVLSB:
      heightRequired = (height + 7) & ~7;
      stridesRequired = heightRequired - 8;
      break;
    case MHLSB:
    case MHMSB:
      stride = (stride + 7) & ~7;
      widthRequired = (width + 7) & ~7;
      break;
    case GS2_HMSB:
      stride = (stride + 3) & ~3;
      widthRequired = (width + 3) & ~3;
      bpp = 2;
      break;
    case GS4_HMSB:
      stride = (stride + 1) & ~1;
      widthRequired = (width + 1) & ~1;
      bpp = 4;
      break;
    case GS8:
      bpp = 8;
      break;
    case RGB565:
      bpp = 16;
      break;
    default:
      throw valueError('invalid format');
  }
  const buf = write ? writableBuf(args[0] as PyObj) : readBuf(args[0] as PyObj);
  const need = Math.floor(((stridesRequired * stride + (heightRequired - stridesRequired) * widthRequired) * bpp) / 8);
  if (need > buf.length) throw excMsg(ValueErrorType);
  fb.bufObj = args[0] as PyObj;
  fb.width = width;
  fb.height = height;
  fb.format = format;
  // the C struct keeps the stride in a uint16_t
  fb.stride = stride & 0xffff;
}

FrameBufferType.make = (cls, args, kw) => {
  const fb = new PyFrameBuffer(cls);
  // a subclass with its own __init__ is created blank; super().__init__() or nativeInit fills it in
  if (cls !== FrameBufferType && args.length === 0) return fb;
  checkArgs(args, kw, 4, 5, false);
  initFb(fb, args, true);
  return fb;
};
FrameBufferType.print = () => '<FrameBuffer>';
FrameBufferType.buffer = (o) => bytesOf(o as PyFrameBuffer);
function nativeInitFb(o: PyObj, args: PyObj[], kw: KwArgs | undefined): void {
  checkArgs(args, kw, 4, 5, false);
  initFb(o as PyFrameBuffer, args, true);
}
nativeInit.set(FrameBufferType, nativeInitFb);
FrameBufferType.dict.set('__init__', Object.assign(new PyBuiltin('__init__', (a, kw) => {
  nativeInitFb(a[0] as PyObj, a.slice(1), kw);
  markNativeInited(a[0] as PyObj);
  return NoneObj;
}), { isMethod: true }));

const self = (a: PyObj[]): PyFrameBuffer => a[0] as PyFrameBuffer;
const ints = (a: PyObj[], n: number): number[] => a.slice(1, n + 1).map((o) => wordInt(o));
/** Methods: arity includes self, as upstream's MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN. */
function method(name: string, min: number, max: number, fn: (a: PyObj[]) => void): void {
  defMethod(FrameBufferType, name, fixed(min, max, (a) => {
    fn(a);
    return NoneObj;
  }));
}

method('fill', 2, 2, (a) => {
  const fb = self(a);
  fillRect(fb, bytesOf(fb), 0, 0, fb.width, fb.height, colour(a[1] as PyObj));
});
method('fill_rect', 6, 6, (a) => {
  const [x, y, w, h] = ints(a, 4) as [number, number, number, number];
  const fb = self(a);
  fillRect(fb, bytesOf(fb), x, y, w, h, colour(a[5] as PyObj));
});
defMethod(FrameBufferType, 'pixel', fixed(3, 4, (a) => {
  const fb = self(a);
  const x = wordInt(a[1] as PyObj);
  const y = wordInt(a[2] as PyObj);
  if (x >= 0 && x < fb.width && y >= 0 && y < fb.height) {
    if (a.length === 3) return getPixel(fb, bytesOf(fb), x, y);
    setPixel(fb, bytesOf(fb), x, y, colour(a[3] as PyObj));
  }
  return NoneObj;
}));
method('hline', 5, 5, (a) => {
  const [x, y, w] = ints(a, 3) as [number, number, number];
  const fb = self(a);
  fillRect(fb, bytesOf(fb), x, y, w, 1, colour(a[4] as PyObj));
});
method('vline', 5, 5, (a) => {
  const [x, y, h] = ints(a, 3) as [number, number, number];
  const fb = self(a);
  fillRect(fb, bytesOf(fb), x, y, 1, h, colour(a[4] as PyObj));
});
method('rect', 6, 7, (a) => {
  const [x, y, w, h] = ints(a, 4) as [number, number, number, number];
  const col = colour(a[5] as PyObj);
  const fb = self(a);
  const b = bytesOf(fb);
  if (a.length > 6 && isTrue(a[6] as PyObj)) {
    fillRect(fb, b, x, y, w, h, col);
  } else {
    fillRect(fb, b, x, y, w, 1, col);
    fillRect(fb, b, x, y + h - 1, w, 1, col);
    fillRect(fb, b, x, y, 1, h, col);
    fillRect(fb, b, x + w - 1, y, 1, h, col);
  }
});

/** Bresenham's line, always drawing the end point (upstream's stepping). */
function line(fb: Fb, b: Uint8Array, x1: number, y1: number, x2: number, y2: number, col: number): void {
  let dx = x2 - x1;
  let sx = 1;
  if (dx <= 0) {
    dx = -dx;
    sx = -1;
  }
  let dy = y2 - y1;
  let sy = 1;
  if (dy <= 0) {
    dy = -dy;
    sy = -1;
  }
  const steep = dy > dx;
  if (steep) {
    [x1, y1] = [y1, x1];
    [dx, dy] = [dy, dx];
    [sx, sy] = [sy, sx];
  }
  let e = 2 * dy - dx;
  for (let i = 0; i < dx; ++i) {
    if (steep) {
      if (y1 >= 0 && y1 < fb.width && x1 >= 0 && x1 < fb.height) setPixel(fb, b, y1, x1, col);
    } else if (x1 >= 0 && x1 < fb.width && y1 >= 0 && y1 < fb.height) setPixel(fb, b, x1, y1, col);
    while (e >= 0) {
      y1 += sy;
      e -= 2 * dx;
    }
    x1 += sx;
    e += 2 * dy;
  }
  setChecked(fb, b, x2, y2, col, 1);
}

method('line', 6, 6, (a) => {
  const [x1, y1, x2, y2] = ints(a, 4) as [number, number, number, number];
  const fb = self(a);
  line(fb, bytesOf(fb), x1, y1, x2, y2, colour(a[5] as PyObj));
});

// ellipse quadrant mask: Q2 Q1 over Q3 Q4, plus the fill flag
const MASK_FILL = 0x10;
const MASK_ALL = 0x0f;

function ellipsePoints(fb: Fb, b: Uint8Array, cx: number, cy: number, x: number, y: number, col: number, mask: number): void {
  if (mask & MASK_FILL) {
    if (mask & 1) fillRect(fb, b, cx, cy - y, x + 1, 1, col);
    if (mask & 2) fillRect(fb, b, cx - x, cy - y, x + 1, 1, col);
    if (mask & 4) fillRect(fb, b, cx - x, cy + y, x + 1, 1, col);
    if (mask & 8) fillRect(fb, b, cx, cy + y, x + 1, 1, col);
  } else {
    setChecked(fb, b, cx + x, cy - y, col, mask & 1);
    setChecked(fb, b, cx - x, cy - y, col, mask & 2);
    setChecked(fb, b, cx - x, cy + y, col, mask & 4);
    setChecked(fb, b, cx + x, cy + y, col, mask & 8);
  }
}

method('ellipse', 6, 8, (a) => {
  const [cx, cy, rx, ry] = ints(a, 4) as [number, number, number, number];
  const col = colour(a[5] as PyObj);
  let mask = a.length > 6 && isTrue(a[6] as PyObj) ? MASK_FILL : 0;
  mask |= a.length > 7 ? Number(BigInt.asUintN(8, wordBig(a[7] as PyObj))) & MASK_ALL : MASK_ALL;
  const fb = self(a);
  const b = bytesOf(fb);
  if (rx === 0 && ry === 0) {
    setChecked(fb, b, cx, cy, col, mask & MASK_ALL);
    return;
  }
  // midpoint algorithm in two regions: where the slope is above -1, then below
  const twoA2 = 2 * rx * rx;
  const twoB2 = 2 * ry * ry;
  let x = rx;
  let y = 0;
  let xchange = ry * ry * (1 - 2 * rx);
  let ychange = rx * rx;
  let err = 0;
  let stopx = twoB2 * rx;
  let stopy = 0;
  while (stopx >= stopy) {
    ellipsePoints(fb, b, cx, cy, x, y, col, mask);
    y += 1;
    stopy += twoA2;
    err += ychange;
    ychange += twoA2;
    if (2 * err + xchange > 0) {
      x -= 1;
      stopx -= twoB2;
      err += xchange;
      xchange += twoB2;
    }
  }
  x = 0;
  y = ry;
  xchange = ry * ry;
  ychange = rx * rx * (1 - 2 * ry);
  err = 0;
  stopx = 0;
  stopy = twoA2 * ry;
  while (stopx <= stopy) {
    ellipsePoints(fb, b, cx, cy, x, y, col, mask);
    x += 1;
    stopx += twoB2;
    err += xchange;
    xchange += twoB2;
    if (2 * err + ychange > 0) {
      y -= 1;
      stopy -= twoA2;
      err += ychange;
      ychange += twoA2;
    }
  }
});

/** Integer division truncating toward zero, as C's. */
const cdiv = (p: number, q: number): number => Math.trunc(p / q);

method('poly', 5, 6, (a) => {
  const fb = self(a);
  const x = wordInt(a[1] as PyObj);
  const y = wordInt(a[2] as PyObj);
  const src = a[3] as PyObj;
  const data = readBuf(src);
  // the buffer's typecode: arrays and memoryviews carry theirs, other buffers are bytes
  const own = typeof src === 'object' ? (src as { code?: unknown }).code : undefined;
  let code = typeof own === 'string' ? own : 'B';
  if (code === 'P' || code === 'S') code = 'Q';
  // an odd number of values rounds down to whole points
  const nPoly = Math.floor(data.length / (itemSize(code) * 2));
  if (nPoly === 0) return;
  const at = (i: number): number => wordInt(getTyped(data, i, code));
  const col = colour(a[4] as PyObj);
  const fill = a.length > 5 && isTrue(a[5] as PyObj);
  const b = bytesOf(fb);
  if (!fill) {
    let px1 = at(0);
    let py1 = at(1);
    let i = nPoly * 2 - 1;
    do {
      const py2 = at(i--);
      const px2 = at(i--);
      line(fb, b, x + px1, y + py1, x + px2, y + py2, col);
      px1 = px2;
      py1 = py2;
    } while (i >= 0);
    return;
  }
  // scan-line fill: the x positions where each row crosses the edges, filled between pairs
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < nPoly; i++) {
    const py = at(i * 2 + 1);
    yMin = Math.min(yMin, py);
    yMax = Math.max(yMax, py);
  }
  for (let row = yMin; row <= yMax; row++) {
    const nodes: number[] = [];
    let px1 = at(0);
    let py1 = at(1);
    let i = nPoly * 2 - 1;
    do {
      const py2 = at(i--);
      const px2 = at(i--);
      // the bottom pixel of an edge is left out so a shared vertex is not counted twice
      if (py1 !== py2 && ((py1 > row && py2 <= row) || (py1 <= row && py2 > row))) {
        nodes.push(cdiv(32 * px1 + cdiv(32 * (px2 - px1) * (row - py1), py2 - py1) + 16, 32));
      } else if (row === Math.max(py1, py2)) {
        // local minima that the rule above misses
        if (py1 < py2) setChecked(fb, b, x + px2, y + py2, col, 1);
        else if (py2 < py1) setChecked(fb, b, x + px1, y + py1, col, 1);
        else line(fb, b, x + px1, y + py1, x + px2, y + py2, col);
      }
      px1 = px2;
      py1 = py2;
    } while (i >= 0);
    if (nodes.length === 0) continue;
    nodes.sort((p, q) => p - q);
    for (let k = 0; k < nodes.length; k += 2) {
      const n0 = nodes[k] as number;
      // an odd node count pairs the last node with whatever follows it in C's array (here: none)
      const n1 = nodes[k + 1];
      if (n1 === undefined) continue;
      fillRect(fb, b, x + n0, y + row, n1 - n0 + 1, 1, col);
    }
  }
});

/** A framebuffer instance, or a (buffer, width, height, format[, stride]) tuple or list. */
function readonlyFb(o: PyObj): Fb {
  if (o instanceof PyFrameBuffer) return o;
  if (!(o instanceof PyTuple || o instanceof PyList)) throw typeError(`object '${typeOf(o).name}' isn't a tuple or list`);
  const items = o.items;
  if (items.length < 4 || items.length > 5) throw excMsg(ValueErrorType);
  const fb: Fb = { bufObj: NoneObj, width: 0, height: 0, stride: 0, format: 0 };
  initFb(fb, items, false);
  return fb;
}

method('blit', 4, 6, (a) => {
  const fb = self(a);
  const src = readonlyFb(a[1] as PyObj);
  const x = wordInt(a[2] as PyObj);
  const y = wordInt(a[3] as PyObj);
  const key = a.length > 4 ? colour(a[4] as PyObj) : 0xffffffff;
  const pal = a.length > 5 && a[5] !== NoneObj ? readonlyFb(a[5] as PyObj) : undefined;
  if (x >= fb.width || y >= fb.height || -x >= src.width || -y >= src.height) return;
  const b = bytesOf(fb);
  const sb = bytesOf(src);
  const pb = pal ? bytesOf(pal) : undefined;
  const x0 = Math.max(0, x);
  const x1 = Math.max(0, -x);
  let y1 = Math.max(0, -y);
  const x0end = Math.min(fb.width, x + src.width);
  const y0end = Math.min(fb.height, y + src.height);
  for (let y0 = Math.max(0, y); y0 < y0end; ++y0, ++y1) {
    let cx1 = x1;
    for (let cx0 = x0; cx0 < x0end; ++cx0, ++cx1) {
      let col = getPixel(src, sb, cx1, y1);
      if (pal && pb) col = getPixel(pal, pb, col, 0);
      if (col !== key) setPixel(fb, b, cx0, y0, col);
    }
  }
});

/** Walk order for scrolling by `step` along an axis of `size` pixels: copy from the far end towards the
 * direction of motion so sources are read before they are overwritten; undefined when all moves out. */
function scrollSpan(step: number, size: number): [start: number, end: number, d: number] | undefined {
  if (step < 0) return -step >= size ? undefined : [0, size + step, 1];
  return step >= size ? undefined : [size - 1, step - 1, -1];
}

method('scroll', 3, 3, (a) => {
  const fb = self(a);
  const xstep = wordInt(a[1] as PyObj);
  const ystep = wordInt(a[2] as PyObj);
  const xs = scrollSpan(xstep, fb.width);
  const ys = scrollSpan(ystep, fb.height);
  if (xs === undefined || ys === undefined) return;
  const [sx, xend, dx] = xs;
  const [sy, yend, dy] = ys;
  const b = bytesOf(fb);
  for (let y = sy; y !== yend; y += dy) {
    for (let x = sx; x !== xend; x += dx) setPixel(fb, b, x, y, getPixel(fb, b, x - xstep, y - ystep));
  }
});

method('text', 4, 5, (a) => {
  const fb = self(a);
  const s = a[1] as PyObj;
  let bytes: Uint8Array;
  if (typeof s === 'string') bytes = new TextEncoder().encode(s);
  else if (s instanceof PyBytes) bytes = s.data;
  else throw typeError(`can't convert '${typeOf(s).name}' object to str implicitly`);
  let x0 = wordInt(a[2] as PyObj);
  const y0 = wordInt(a[3] as PyObj);
  const col = a.length >= 5 ? colour(a[4] as PyObj) : 1;
  const b = bytesOf(fb);
  for (const c of bytes) {
    // the string ends at a NUL, as the C string upstream walks
    if (c === 0) break;
    const ch = c < 32 || c > 127 ? 127 : c;
    for (let j = 0; j < 8; j++, x0++) {
      if (x0 < 0 || x0 >= fb.width) continue;
      let column = FONT[(ch - 32) * 8 + j] as number;
      for (let y = y0; column; column >>= 1, y++) {
        if (column & 1 && y >= 0 && y < fb.height) setPixel(fb, b, x0, y, col);
      }
    }
  }
});

/** FrameBuffer1(buffer, width, height[, stride]): the old MONO_VLSB-only constructor. */
function frameBuffer1(a: PyObj[]): PyObj {
  return FrameBufferType.make?.(FrameBufferType, [a[0] as PyObj, a[1] as PyObj, a[2] as PyObj, MVLSB, (a[3] ?? a[1]) as PyObj], undefined) as PyObj;
}

registerNativeModule('framebuf', () => makeModule('framebuf', {
  FrameBuffer: FrameBufferType,
  FrameBuffer1: fixed(3, 4, frameBuffer1),
  MVLSB,
  MONO_VLSB: MVLSB,
  RGB565,
  GS2_HMSB,
  GS4_HMSB,
  GS8,
  MONO_HLSB: MHLSB,
  MONO_HMSB: MHMSB,
}));
