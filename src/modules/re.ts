// re: MicroPython's re1.5-based subset, implemented by translating patterns to JS RegExp. Counted
// repetition ({m,n}) is not supported upstream and is matched literally; match objects only have
// group() (repr "<match num=N>"); bad patterns raise ValueError.
import { excMsg, typeError, valueError, ValueErrorType } from '../objects/exceptions.js';
import { checkInt } from '../objects/int.js';
import { NoneObj, ObjectType, PyList, PyObject, PyType, defMethod, type PyObj } from '../objects/object.js';
import { call, str } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

class PyPattern extends PyObject {
  constructor(public source: string, public re: RegExp, public sticky: RegExp) {
    super(PatternType);
  }
}
class PyMatch extends PyObject {
  constructor(public m: RegExpExecArray) {
    super(MatchType);
  }
}
const PatternType = new PyType('re', [ObjectType]);
const MatchType = new PyType('match', [ObjectType]);
MatchType.print = (o) => `<match num=${(o as PyMatch).m.length}>`;

/** Translates an upstream re pattern to JS source (braces are literal characters upstream). */
function translate(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === '{' || c === '}') {
      out += '\\' + c;
      continue;
    }
    out += c;
  }
  return out;
}

function compile(pattern: PyObj): PyPattern {
  if (pattern instanceof PyPattern) return pattern;
  const src = str(pattern);
  try {
    const t = translate(src);
    return new PyPattern(src, new RegExp(t, 'g'), new RegExp(t, 'y'));
  } catch {
    throw excMsg(ValueErrorType, 'Error in regex');
  }
}

function doMatch(p: PyPattern, s: string, search: boolean): PyObj {
  const re = search ? p.re : p.sticky;
  re.lastIndex = 0;
  const m = re.exec(s);
  return m ? new PyMatch(m) : NoneObj;
}

function expand(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\\(\d+)|\\g<(\d+)>|\\(.)/g, (all, d1: string | undefined, d2: string | undefined, other: string | undefined) => {
    const n = d1 ?? d2;
    if (n !== undefined) return m[Number(n)] ?? '';
    if (other === 'n') return '\n';
    if (other === 't') return '\t';
    return all;
  });
}

function sub(p: PyPattern, repl: PyObj, s: string, count: number): string {
  let out = '';
  let last = 0;
  let n = 0;
  p.re.lastIndex = 0;
  for (;;) {
    if (count > 0 && n >= count) break;
    const m = p.re.exec(s);
    if (!m) break;
    out += s.slice(last, m.index);
    out += typeof repl === 'string' ? expand(repl, m) : str(call(repl, [new PyMatch(m)]));
    last = m.index + m[0].length;
    if (m[0].length === 0) p.re.lastIndex++;
    n++;
  }
  return out + s.slice(last);
}

function split(p: PyPattern, s: string, max: number): PyObj {
  const out: PyObj[] = [];
  let last = 0;
  p.re.lastIndex = 0;
  for (;;) {
    if (max > 0 && out.length >= max) break;
    const m = p.re.exec(s);
    if (!m) break;
    if (m[0].length === 0) {
      p.re.lastIndex++;
      continue;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return new PyList(out);
}

defMethod(MatchType, 'group', (a) => {
  const m = (a[0] as PyMatch).m;
  const i = a.length > 1 ? Number(checkInt(a[1] as PyObj)) : 0;
  if (i < 0 || i >= m.length) throw excMsg(ValueErrorType, 'group index out of range');
  const g = m[i];
  return g === undefined ? NoneObj : g;
});
defMethod(PatternType, 'match', (a) => doMatch(a[0] as PyPattern, str(a[1] as PyObj), false));
defMethod(PatternType, 'search', (a) => doMatch(a[0] as PyPattern, str(a[1] as PyObj), true));
defMethod(PatternType, 'sub', (a) => sub(a[0] as PyPattern, a[1] as PyObj, str(a[2] as PyObj), a.length > 3 ? Number(checkInt(a[3] as PyObj)) : 0));
defMethod(PatternType, 'split', (a) => split(a[0] as PyPattern, str(a[1] as PyObj), a.length > 2 ? Number(checkInt(a[2] as PyObj)) : 0));

registerNativeModule('re', () => makeModule('re', {
  compile: (a) => compile(a[0] as PyObj),
  match: (a) => doMatch(compile(a[0] as PyObj), str(a[1] as PyObj), false),
  search: (a) => doMatch(compile(a[0] as PyObj), str(a[1] as PyObj), true),
  sub: (a) => sub(compile(a[0] as PyObj), a[1] as PyObj, str(a[2] as PyObj), a.length > 3 ? Number(checkInt(a[3] as PyObj)) : 0),
  split: (a) => split(compile(a[0] as PyObj), str(a[1] as PyObj), a.length > 2 ? Number(checkInt(a[2] as PyObj)) : 0),
}));
void typeError;
void valueError;
