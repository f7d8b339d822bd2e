// json module (extmod/modjson.c). dumps/dump print the object the way MicroPython's PRINT_JSON mode
// does: None/True/False as null/true/false, str and bytes as JSON strings (only '"', '\\' and control
// characters escaped, everything else kept as is), lists and tuples as arrays, dicts (OrderedDict too)
// as objects whose non-string keys are printed and quoted, floats as repr, and anything else as its
// repr (a user class's __repr__ output, array('i', ...), {1} ...). separators=(item, key) is keyword-only.
//
// loads/load are upstream's lenient one-pass parser: ',' ':' and whitespace are interchangeable between
// tokens, brackets are not checked for matching kinds, a NUL byte ends the input, and every failure is
// ValueError('syntax error in JSON') except number conversion errors, which keep int()/float()'s text.
import { bufferOf, PyBytes } from '../objects/bytes.js';
import { PyDict, newDict } from '../objects/dict.js';
import { excMsg, PyException, typeError, UnicodeErrorType, valueError } from '../objects/exceptions.js';
import { floatRepr, parseFloat as parseFloatText } from '../objects/float.js';
import { parseInt as parseIntText } from '../objects/int.js';
import {
  NoneObj, ObjectType, PrintKind, PyFloat, PyList, PyTuple, typeOf, unbox, type KwArgs, type PyObj, type PyType,
} from '../objects/object.js';
import { printObj } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { checkReadable, checkWritable, readByte, writeBytes } from './_stream.js';
import { PyStream } from './io.js';
import { checkArgs, parseArgs } from './_util.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// ------------------------------------------------------------------ dumps

/** The first Python class in the MRO that defines name, if it comes before the native base. */
function userDefines(t: PyType, name: string): boolean {
  for (const c of t.mro) {
    if (!c.isUser) return false;
    if (c.dict.has(name)) return true;
  }
  return false;
}

function isStrOrBytes(o: PyObj): boolean {
  return typeof o === 'string' || (o instanceof PyBytes && !typeOf(o).isUser);
}

/**
 * Prints in PRINT_JSON mode into the pieces upstream hands its printer one call at a time (a stream
 * given to json.dump sees one write per piece: '"', each byte of a string, '\\u', '000', '1', ...).
 */
class JsonPrinter {
  readonly pieces: Uint8Array[] = [];
  constructor(private readonly itemSep: string, private readonly keySep: string) {}

  private put(s: string): void {
    this.pieces.push(enc.encode(s));
  }

  /** mp_str_print_json over the UTF-8 bytes of a str or the bytes of a bytes object. */
  private quote(b: Uint8Array): void {
    this.put('"');
    for (const c of b) {
      if (c === 0x22 || c === 0x5c) {
        this.put('\\');
        this.pieces.push(Uint8Array.of(c));
      } else if (c >= 0x20) this.pieces.push(Uint8Array.of(c));
      else if (c === 10) this.put('\\n');
      else if (c === 13) this.put('\\r');
      else if (c === 9) this.put('\\t');
      else {
        // "\\u%04x": the literal, then the zero padding, then the digits, each a separate piece
        const hex = c.toString(16);
        this.put('\\u');
        this.put('0'.repeat(4 - hex.length));
        this.put(hex);
      }
    }
    this.put('"');
  }

  print(oIn: PyObj): void {
    let o = oIn;
    if (typeof o === 'object' && o.type.isUser) {
      // instance_print: a Python __repr__ wins; otherwise the native base prints the value
      const t = o.type;
      if (userDefines(t, '__repr__') || t.native === ObjectType) {
        this.put(printObj(o, PrintKind.REPR));
        return;
      }
      if (o instanceof PyException) {
        this.put(t.name);
        this.seq(o.args.items);
        return;
      }
      o = unbox(o);
    }
    if (o === NoneObj) this.put('null');
    else if (o === true) this.put('true');
    else if (o === false) this.put('false');
    else if (typeof o === 'number' || typeof o === 'bigint') this.put(String(o));
    else if (typeof o === 'string') this.quote(enc.encode(o));
    else if (o instanceof PyFloat) this.put(floatRepr(o.v));
    else if (o instanceof PyBytes) this.quote(o.data);
    else if (o instanceof PyList || o instanceof PyTuple) this.seq(o.items);
    else if (o instanceof PyDict) {
      this.put('{');
      let first = true;
      for (const [k, v] of o.mpmap.entries()) {
        if (!first) this.put(this.itemSep);
        first = false;
        const q = !isStrOrBytes(k);
        if (q) this.put('"');
        this.print(k);
        if (q) this.put('"');
        this.put(this.keySep);
        this.print(v);
      }
      this.put('}');
    } else if (o instanceof PyException) this.seq(o.args.items);
    else this.put(printObj(o, PrintKind.REPR));
  }

  private seq(items: PyObj[]): void {
    this.put('[');
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.put(this.itemSep);
      this.print(items[i] as PyObj);
    }
    this.put(']');
  }

  bytes(): Uint8Array {
    let n = 0;
    for (const p of this.pieces) n += p.length;
    const out = new Uint8Array(n);
    n = 0;
    for (const p of this.pieces) {
      out.set(p, n);
      n += p.length;
    }
    return out;
  }
}

/** mp_obj_str_get_str: str (or bytes) as text. */
function sepText(o: PyObj): string {
  if (typeof o === 'string') return o;
  if (o instanceof PyBytes) return dec.decode(o.data);
  throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
}

function separators(pos: PyObj[], kw: KwArgs | undefined): [string, string] {
  const [sep] = parseArgs(pos, kw, [{ name: 'separators', kwOnly: true }]);
  if (sep === undefined || sep === NoneObj) return [', ', ': '];
  // mp_obj_get_array_fixed_n
  if (!(sep instanceof PyTuple || sep instanceof PyList)) throw typeError(`object '${typeOf(sep).name}' isn't a tuple or list`);
  if (sep.items.length !== 2) throw valueError(`requested length 2 but object has length ${sep.items.length}`);
  return [sepText(sep.items[0] as PyObj), sepText(sep.items[1] as PyObj)];
}

function dumps(a: PyObj[], kw: KwArgs | undefined): PyObj {
  checkArgs(a, undefined, 1, Infinity, true);
  const [is, ks] = separators(a.slice(1), kw);
  const p = new JsonPrinter(is, ks);
  p.print(a[0] as PyObj);
  return dec.decode(p.bytes());
}

function dump(a: PyObj[], kw: KwArgs | undefined): PyObj {
  checkArgs(a, undefined, 2, Infinity, true);
  const [is, ks] = separators(a.slice(2), kw);
  const stream = a[1] as PyObj;
  checkWritable(stream);
  const p = new JsonPrinter(is, ks);
  p.print(a[0] as PyObj);
  // in-memory streams cannot tell one write from many; other streams get upstream's pieces
  if (stream instanceof PyStream) writeBytes(stream, p.bytes());
  else for (const piece of p.pieces) writeBytes(stream, piece);
  return NoneObj;
}

// ------------------------------------------------------------------ loads

function fail(): never {
  throw valueError('syntax error in JSON');
}

/** utf8_check then decode; code points of any value (lone surrogates included) pass, as upstream. */
function strFromUtf8(b: number[]): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i++] as number;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      continue;
    }
    if (c < 0xc0 || c >= 0xf8) throw excMsg(UnicodeErrorType);
    const need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    let cp = c & (0x3f >> need);
    for (let k = 0; k < need; k++) {
      const d = b[i++];
      if (d === undefined || (d & 0xc0) !== 0x80) throw excMsg(UnicodeErrorType);
      cp = (cp << 6) | (d & 0x3f);
    }
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** vstr_add_char: the UTF-8 encoding of a code point (surrogates included, as upstream encodes them). */
function addChar(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** \b \f \n \r \t; any other escaped byte stands for itself. */
const ESCAPES: Record<number, number> = { 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9 };

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The parser over a byte source; next() returns 0 at the end (a NUL byte ends the input too). */
function parse(next: () => number): PyObj {
  let cur = next();
  const adv = (): number => (cur = next());
  const stack: (PyList | PyDict)[] = [];
  let top: PyObj | undefined;
  let key: PyObj | undefined;
  for (;;) {
    if (cur === 0) fail();
    let value: PyObj;
    let enter = false;
    const c = cur;
    adv();
    switch (c) {
      case 0x2c: // ,
      case 0x3a: // :
      case 0x20:
      case 0x09:
      case 0x0a:
      case 0x0d:
        continue;
      case 0x6e: // null
        if (cur === 0x75 && adv() === 0x6c && adv() === 0x6c) {
          adv();
          value = NoneObj;
        } else fail();
        break;
      case 0x66: // false
        if (cur === 0x61 && adv() === 0x6c && adv() === 0x73 && adv() === 0x65) {
          adv();
          value = false;
        } else fail();
        break;
      case 0x74: // true
        if (cur === 0x72 && adv() === 0x75 && adv() === 0x65) {
          adv();
          value = true;
        } else fail();
        break;
      case 0x22: {
        const bytes: number[] = [];
        while (cur !== 0 && cur !== 0x22) {
          let b = cur;
          if (b === 0x5c) {
            b = adv();
            if (b === 0x75) {
              // \uXXXX with upstream's unchecked hex arithmetic on bytes (non-hex digits give garbage)
              let num = 0;
              for (let i = 0; i < 4; i++) {
                let d = ((adv() | 0x20) - 0x30) & 0xff;
                if (d > 9) d = (d - 39) & 0xff;
                num = (num << 4) | d;
              }
              addChar(bytes, num);
              adv();
              continue;
            }
            b = ESCAPES[b] ?? b;
          }
          bytes.push(b);
          adv();
        }
        if (cur === 0) fail();
        adv();
        value = strFromUtf8(bytes);
        break;
      }
      case 0x2d: // -
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: case 0x38: case 0x39: {
        let text = String.fromCharCode(c);
        let flt = false;
        for (;;) {
          if (cur === 0x2e || cur === 0x45 || cur === 0x65) flt = true;
          else if (!(cur === 0x2b || cur === 0x2d || isDigit(cur))) break;
          text += String.fromCharCode(cur);
          adv();
        }
        value = flt ? new PyFloat(parseFloatText(text)) : parseIntText(text, 10);
        break;
      }
      case 0x5b:
        value = new PyList([]);
        enter = true;
        break;
      case 0x7b:
        value = newDict();
        enter = true;
        break;
      case 0x5d:
      case 0x7d: {
        if (top === undefined) fail();
        const up = stack.pop();
        if (up === undefined) return finish(top);
        top = up;
        continue;
      }
      default:
        fail();
    }
    if (top === undefined) {
      top = value;
      if (!enter) return finish(top);
    } else {
      if (top instanceof PyList) top.items.push(value);
      else if (key === undefined) {
        key = value;
        if (enter) fail();
      } else {
        (top as PyDict).mpmap.set(key, value);
        key = undefined;
      }
      if (enter) {
        stack.push(top as PyList | PyDict);
        top = value;
      }
    }
  }

  function finish(v: PyObj): PyObj {
    // trailing whitespace (unichar_isspace), then the input must be over
    while (cur === 0x20 || (cur >= 0x09 && cur <= 0x0d)) adv();
    if (cur !== 0) fail();
    if (stack.length !== 0) fail();
    return v;
  }
}

function loads(a: PyObj[]): PyObj {
  const src = a[0] as PyObj;
  const buf = bufferOf(src);
  if (buf === undefined) throw typeError('object with buffer protocol required');
  let i = 0;
  return parse(() => (i < buf.length ? (buf[i++] as number) : 0));
}

function load(a: PyObj[]): PyObj {
  const stream = a[0] as PyObj;
  checkReadable(stream);
  return parse(() => {
    const b = readByte(stream);
    return b < 0 ? 0 : b;
  });
}

const one = (f: (a: PyObj[]) => PyObj) => (a: PyObj[], kw: KwArgs | undefined): PyObj => {
  checkArgs(a, kw, 1, 1, false);
  return f(a);
};

registerNativeModule('json', () => makeModule('json', {
  dump,
  dumps,
  load: one(load),
  loads: one(loads),
}));
