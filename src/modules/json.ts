// json: dumps/dump/loads/load as extmod/modjson.c: output via MicroPython's repr rules (floats as
// repr, non-ASCII kept), keys of any printable type quoted, a lenient parser (commas optional).
import { PyDict, newDict } from '../objects/dict.js';
import { typeError, valueError } from '../objects/exceptions.js';
import { floatRepr } from '../objects/float.js';
import { normBig } from '../objects/int.js';
import { NoneObj, PyFloat, PyList, PyTuple, type PyObj } from '../objects/object.js';
import { call, repr, str, typeName } from '../vm/runtime.js';
import { loadAttr } from '../vm/attr.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20) out += ch;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
}

function dumps(o: PyObj, itemSep: string, keySep: string): string {
  if (o === NoneObj) return 'null';
  if (o === true) return 'true';
  if (o === false) return 'false';
  if (typeof o === 'number' || typeof o === 'bigint') return String(o);
  if (typeof o === 'string') return quote(o);
  if (o instanceof PyFloat) return floatRepr(o.v);
  if (o instanceof PyList || o instanceof PyTuple) return '[' + o.items.map((x) => dumps(x, itemSep, keySep)).join(itemSep) + ']';
  if (o instanceof PyDict) {
    const parts: string[] = [];
    for (const [k, v] of o.mpmap.entries()) {
      const ks = typeof k === 'string' ? quote(k) : quote(str(k));
      parts.push(ks + keySep + dumps(v, itemSep, keySep));
    }
    return '{' + parts.join(itemSep) + '}';
  }
  // other objects print as their repr (upstream prints everything through PRINT_JSON)
  void typeName;
  return repr(o);
}

function loads(text: string): PyObj {
  let i = 0;
  const fail = (): never => {
    throw valueError('syntax error in JSON');
  };
  const ws = (): void => {
    while (i < text.length && /[ \t\n\r]/.test(text[i] as string)) i++;
  };
  const value = (): PyObj => {
    ws();
    const c = text[i];
    if (c === undefined) fail();
    if (c === '{') {
      i++;
      const d = newDict();
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return d;
        }
        if (text[i] === ',') {
          i++;
          continue;
        }
        const k = value();
        ws();
        if (text[i] !== ':') fail();
        i++;
        d.mpmap.set(k, value());
      }
    }
    if (c === '[') {
      i++;
      const items: PyObj[] = [];
      for (;;) {
        ws();
        if (text[i] === ']') {
          i++;
          return new PyList(items);
        }
        if (i >= text.length) fail();
        if (text[i] === ',') {
          i++;
          continue;
        }
        items.push(value());
      }
    }
    if (c === '"') {
      i++;
      let s = '';
      for (;;) {
        const ch = text[i++];
        if (ch === undefined) fail();
        if (ch === '"') return s;
        if (ch === '\\') {
          const e = text[i++];
          switch (e) {
            case 'n': s += '\n'; break;
            case 't': s += '\t'; break;
            case 'r': s += '\r'; break;
            case 'b': s += '\b'; break;
            case 'f': s += '\f'; break;
            case 'u': {
              s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
              i += 4;
              break;
            }
            default: s += e ?? '';
          }
        } else s += ch;
      }
    }
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      if (m[1] === undefined && m[2] === undefined) return normBig(BigInt(m[0]));
      return new PyFloat(Number(m[0]));
    }
    for (const [w, v] of [['true', true], ['false', false], ['null', NoneObj]] as const) {
      if (text.startsWith(w, i)) {
        i += w.length;
        return v;
      }
    }
    return fail();
  };
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}

function seps(kw: Map<string, PyObj> | undefined): [string, string] {
  const s = kw?.get('separators');
  if (s instanceof PyTuple || s instanceof PyList) return [str(s.items[0] as PyObj), str(s.items[1] as PyObj)];
  return [', ', ': '];
}

registerNativeModule('json', () => makeModule('json', {
  dumps: (a, kw) => {
    const [is, ks] = seps(kw);
    return dumps(a[0] as PyObj, is, ks);
  },
  dump: (a, kw) => {
    const [is, ks] = seps(kw);
    call(loadAttr(a[1] as PyObj, 'write'), [dumps(a[0] as PyObj, is, ks)]);
    return NoneObj;
  },
  loads: (a) => {
    const s = a[0] as PyObj;
    return loads(typeof s === 'string' ? s : str(s));
  },
  load: (a) => loads(str(call(loadAttr(a[0] as PyObj, 'read'), []))),
}));
