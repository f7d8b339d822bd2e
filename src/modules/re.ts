// re module (extmod/modre.c over re1.5) as the unix port builds it: compile, match, search, sub and
// compiled-pattern split; match objects have only group(). Patterns are compiled to re1.5's byte code
// and run by a backtracking matcher with the same semantics:
// - everything works on UTF-8 bytes ('.' and classes match one byte; positions are byte offsets);
// - syntax: literals, '.', [...] / [^...] with ranges and \d \w \s (and upper-case forms), groups,
//   (?:...), ? * + and their lazy forms, |, ^ (start of the whole string), $; '{' is a literal; a
//   backslash before any other character makes it literal (so '\n' in a raw pattern is 'n');
// - errors: an unbalanced ')' is ValueError('error in regex'); every other problem (trailing '\',
//   '(' without ')', nothing to repeat, unterminated class, jumps beyond re1.5's 8-bit offsets) is
//   ValueError('regex too complex');
// - the matcher recurses per backtracking point and fails with RuntimeError('maximum recursion
//   depth exceeded') where the unix port's C stack check does ('.*' over ~990 characters).
import { PyBytes } from '../objects/bytes.js';
import { excArgs, excMsg, IndexErrorType, NotImplementedErrorType, RuntimeErrorType, typeError, UnicodeErrorType, ValueErrorType } from '../objects/exceptions.js';
import { NoneObj, ObjectType, objectId, PyList, PyObject, PyType, typeOf, type PyObj } from '../objects/object.js';
import { call, isCallable } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { fixed, nativeClass, wordInt } from './_util.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// re1.5 opcodes
const CHAR = 1;
const ANY = 2;
const CLASS = 3;
const CLASSNOT = 4;
const NAMEDCLASS = 5;
const BOL = 0x50;
const EOL = 0x51;
const JMP = 0x60;
const SPLIT = 0x61;
const RSPLIT = 0x62;
const SAVE = 0x7e;
const MATCH = 0x7f;
const ASSERTS = 0x50;
/** Bytes of the unanchored-search prefix (rsplit, any, jmp) skipped for match(). */
const NON_ANCHORED_PREFIX = 5;
/** Recursion depth the unix port's stack allows the matcher at module level (see the header). */
const MAX_DEPTH = 990;

const isNamedClassChar = (c: number): boolean => (c | 0x20) === 0x64 || (c | 0x24) === 0x77; // dDsSwW
const s8 = (b: number): number => (b << 24) >> 24;

class CompileFail extends Error {
  constructor(public kind: 'complex' | 'error') {
    super(kind);
  }
}

/** The compiler: code is a byte list; offsets are relative and must fit a signed byte. */
class Compiler {
  code: number[] = [];
  sub = 0;
  constructor(private readonly re: Uint8Array) {}

  private at(i: number): number {
    return i < this.re.length ? (this.re[i] as number) : 0;
  }

  private checked(v: number): number {
    if (v !== s8(v)) throw new CompileFail('complex');
    return v & 0xff;
  }

  /** Compiles from i up to an unmatched ')' or the end; returns the index it stopped at. */
  compile(iIn: number): number {
    const code = this.code;
    let i = iIn;
    const start = code.length;
    let term = code.length;
    let altLabel = -1;
    for (; this.at(i) !== 0 && this.at(i) !== 0x29; i++) {
      const c = this.at(i);
      switch (c) {
        case 0x5c: { // backslash
          i++;
          const e = this.at(i);
          if (e === 0) throw new CompileFail('complex');
          term = code.length;
          if (isNamedClassChar(e)) code.push(NAMEDCLASS, e);
          else code.push(CHAR, e);
          break;
        }
        case 0x2e: // .
          term = code.length;
          code.push(ANY);
          break;
        case 0x5b: { // [
          term = code.length;
          i++;
          if (this.at(i) === 0x5e) {
            code.push(CLASSNOT);
            i++;
          } else code.push(CLASS);
          const cntAt = code.length;
          code.push(0);
          let cnt = 0;
          for (; this.at(i) !== 0x5d; i++, cnt++) {
            let ch = this.at(i);
            if (ch === 0x5c) {
              i++;
              ch = this.at(i);
              if (isNamedClassChar(ch)) {
                code.push(0, ch);
                continue;
              }
            }
            if (ch === 0) throw new CompileFail('complex');
            if (this.at(i + 1) === 0x2d && this.at(i + 2) !== 0x5d) i += 2;
            if (i >= this.re.length) throw new CompileFail('complex');
            code.push(ch, this.at(i));
          }
          code[cntAt] = this.checked(cnt);
          break;
        }
        case 0x28: { // (
          term = code.length;
          const capture = this.at(i + 1) !== 0x3f || this.at(i + 2) !== 0x3a;
          let sub = 0;
          if (capture) {
            sub = ++this.sub;
            code.push(SAVE, this.checked(2 * sub));
          } else i += 2;
          i = this.compile(i + 1);
          if (this.at(i) !== 0x29) throw new CompileFail('complex');
          if (capture) code.push(SAVE, this.checked(2 * sub + 1));
          break;
        }
        case 0x3f: { // ?
          if (code.length === term) throw new CompileFail('complex');
          code.splice(term, 0, 0, 0);
          if (this.at(i + 1) === 0x3f) {
            code[term] = RSPLIT;
            i++;
          } else code[term] = SPLIT;
          code[term + 1] = this.checked(code.length - term - 2);
          term = code.length;
          break;
        }
        case 0x2a: { // *
          if (code.length === term) throw new CompileFail('complex');
          code.splice(term, 0, 0, 0);
          const pc = code.length;
          code.push(JMP, this.checked(term - pc - 2));
          if (this.at(i + 1) === 0x3f) {
            code[term] = RSPLIT;
            i++;
          } else code[term] = SPLIT;
          code[term + 1] = this.checked(code.length - term - 2);
          term = code.length;
          break;
        }
        case 0x2b: { // +
          if (code.length === term) throw new CompileFail('complex');
          const pc = code.length;
          if (this.at(i + 1) === 0x3f) {
            code.push(SPLIT);
            i++;
          } else code.push(RSPLIT);
          code.push(this.checked(term - pc - 2));
          term = code.length;
          break;
        }
        case 0x7c: { // |
          if (altLabel >= 0) code[altLabel] = this.checked(code.length - altLabel - 2 + 1);
          code.splice(start, 0, 0, 0);
          code.push(JMP);
          altLabel = code.length;
          code.push(0);
          code[start] = SPLIT;
          code[start + 1] = this.checked(code.length - start - 2);
          term = code.length;
          break;
        }
        case 0x5e: // ^
          code.push(BOL);
          term = code.length;
          break;
        case 0x24: // $
          code.push(EOL);
          term = code.length;
          break;
        default:
          term = code.length;
          code.push(CHAR, c);
      }
    }
    if (altLabel >= 0) code[altLabel] = this.checked(code.length - altLabel - 2 + 1);
    return i;
  }
}

interface Prog {
  code: Uint8Array;
  sub: number;
}

function compileBytes(re: Uint8Array): Prog {
  // a C string: the pattern ends at its first NUL
  const z = re.indexOf(0);
  const src = z < 0 ? re : re.subarray(0, z);
  const c = new Compiler(src);
  c.code.push(RSPLIT, 3, ANY, JMP, 0xfb, SAVE, 0);
  let end: number;
  try {
    end = c.compile(0);
  } catch (e) {
    if (e instanceof CompileFail) throw excMsg(ValueErrorType, 'regex too complex');
    throw e;
  }
  if (end < src.length) throw excMsg(ValueErrorType, 'error in regex');
  c.code.push(SAVE, 1, MATCH);
  return { code: Uint8Array.from(c.code), sub: c.sub };
}

// ---- matcher ----

function namedClassMatch(name: number, b: number): boolean {
  const sb = s8(b);
  let off = (name >> 5) & 1;
  const l = name | 0x20;
  let inClass: boolean;
  if (l === 0x64) inClass = sb >= 0x30 && sb <= 0x39;
  else if (l === 0x73) inClass = sb === 0x20 || (sb >= 9 && sb <= 13);
  else inClass = (sb >= 0x41 && sb <= 0x5a) || (sb >= 0x61 && sb <= 0x7a) || (sb >= 0x30 && sb <= 0x39) || sb === 0x5f;
  if (!inClass) off ^= 1;
  return off === 1;
}

function classMatch(code: Uint8Array, pc: number, b: number): boolean {
  const positive = code[pc - 1] === CLASS;
  let cnt = code[pc] as number;
  let p = pc + 1;
  const sb = s8(b);
  while (cnt--) {
    const lo = code[p] as number;
    if (lo === 0) {
      if (namedClassMatch(code[p + 1] as number, b)) return positive;
    } else if (sb >= s8(lo) && sb <= s8(code[p + 1] as number)) return positive;
    p += 2;
  }
  return !positive;
}

interface Subject {
  buf: Uint8Array;
  beginLine: number;
  begin: number;
  end: number;
}

function run(prog: Prog, subj: Subject, caps: (number | undefined)[], anchored: boolean): boolean {
  const code = prog.code;
  let depth = 0;
  const loop = (pcIn: number, spIn: number): boolean => {
    if (++depth > MAX_DEPTH) throw excMsg(RuntimeErrorType, 'maximum recursion depth exceeded');
    try {
      let pc = pcIn;
      let sp = spIn;
      for (;;) {
        const op = code[pc++] as number;
        if (op < ASSERTS && sp >= subj.end) return false;
        switch (op) {
          case CHAR:
            if (subj.buf[sp] !== code[pc++]) return false;
            sp++;
            continue;
          case ANY:
            sp++;
            continue;
          case CLASS:
          case CLASSNOT:
            if (!classMatch(code, pc, subj.buf[sp] as number)) return false;
            pc += (code[pc] as number) * 2 + 1;
            sp++;
            continue;
          case NAMEDCLASS:
            if (!namedClassMatch(code[pc] as number, subj.buf[sp] as number)) return false;
            pc++;
            sp++;
            continue;
          case MATCH:
            return true;
          case JMP: {
            const off = s8(code[pc++] as number);
            pc += off;
            continue;
          }
          case SPLIT: {
            const off = s8(code[pc++] as number);
            if (loop(pc, sp)) return true;
            pc += off;
            continue;
          }
          case RSPLIT: {
            const off = s8(code[pc++] as number);
            if (loop(pc + off, sp)) return true;
            continue;
          }
          case SAVE: {
            const n = code[pc++] as number;
            if (n >= caps.length) continue;
            const old = caps[n];
            caps[n] = sp;
            if (loop(pc, sp)) return true;
            caps[n] = old;
            return false;
          }
          case BOL:
            if (sp !== subj.beginLine) return false;
            continue;
          case EOL:
            if (sp !== subj.end) return false;
            continue;
          default:
            throw new Error('re: bad opcode');
        }
      }
    } finally {
      depth--;
    }
  };
  try {
    return loop(anchored ? NON_ANCHORED_PREFIX : 0, subj.begin);
  } catch (e) {
    // a pattern whose recursion outruns even the JS stack before our limit
    if (e instanceof RangeError) throw excMsg(RuntimeErrorType, 'maximum recursion depth exceeded');
    throw e;
  }
}

// ---- objects ----

class PyRe extends PyObject {
  constructor(public prog: Prog) {
    super(ReType);
  }
}

class PyMatch extends PyObject {
  constructor(public subject: PyObj, public buf: Uint8Array, public caps: (number | undefined)[]) {
    super(MatchType);
  }
}

/** mp_obj_str_get_data: the bytes of a str or bytes-like object. */
function dataOf(o: PyObj): Uint8Array {
  if (typeof o === 'string') return enc.encode(o);
  if (o instanceof PyBytes) return o.data;
  throw typeError(`can't convert '${typeOf(o).name}' object to str implicitly`);
}

/** mp_obj_new_str_of_type: a slice as the subject's type (str decodes the UTF-8 bytes). */
function sliceOf(subject: PyObj, buf: Uint8Array, from: number, to: number): PyObj {
  const b = buf.slice(from, to);
  if (typeof subject !== 'string') return new PyBytes(b);
  // a slice that cuts a UTF-8 sequence is not a valid str: upstream's constructor raises UnicodeError
  try {
    return strict.decode(b);
  } catch {
    throw excMsg(UnicodeErrorType);
  }
}
const strict = new TextDecoder('utf-8', { fatal: true });

function compilePattern(o: PyObj): PyRe {
  if (o instanceof PyRe) return o;
  return new PyRe(compileBytes(dataOf(o)));
}

function exec(anchored: boolean, a: PyObj[]): PyObj {
  const wasCompiled = a[0] instanceof PyRe;
  const re = compilePattern(a[0] as PyObj);
  const subject = a[1] as PyObj;
  const buf = dataOf(subject);
  const subj: Subject = { buf, beginLine: 0, begin: 0, end: buf.length };
  if (wasCompiled && a.length > 2) {
    // pos and endpos of a compiled pattern's match/search (module-level functions ignore flags)
    let start = wordInt(a[2] as PyObj);
    if (start > buf.length) start = buf.length;
    else if (start < 0) start = 0;
    subj.begin = start;
    if (a.length > 3) {
      let end = wordInt(a[3] as PyObj);
      if (end > buf.length) end = buf.length;
      else if (end < start) end = start;
      subj.end = end;
    }
  }
  const caps = new Array<number | undefined>((re.prog.sub + 1) * 2).fill(undefined);
  if (!run(re.prog, subj, caps, anchored)) return NoneObj;
  return new PyMatch(subject, buf, caps);
}

function sub(a: PyObj[]): PyObj {
  const re = compilePattern(a[0] as PyObj);
  const repl = a[1] as PyObj;
  const where = a[2] as PyObj;
  let count = a.length > 3 ? wordInt(a[3] as PyObj) : 0;
  const buf = dataOf(where);
  const subj: Subject = { buf, beginLine: 0, begin: 0, end: buf.length };
  const out: number[] = [];
  let any = false;
  for (;;) {
    const caps = new Array<number | undefined>((re.prog.sub + 1) * 2).fill(undefined);
    if (!run(re.prog, subj, caps, false) || caps[0] === caps[1]) break;
    any = true;
    const m0 = caps[0] as number;
    for (let k = subj.begin; k < m0; k++) out.push(buf[k] as number);
    const r = isCallable(repl) ? call(repl, [new PyMatch(where, buf, caps)]) : repl;
    const rb = dataOf(r);
    const rlen = rb.indexOf(0) < 0 ? rb.length : rb.indexOf(0);
    const at = (k: number): number => (k < rlen ? (rb[k] as number) : 0);
    for (let k = 0; k < rlen;) {
      if (at(k) !== 0x5c) {
        out.push(at(k++));
        continue;
      }
      k++;
      let g = false;
      if (at(k) === 0x67 && at(k + 1) === 0x3c) {
        k += 2;
        g = true;
      }
      if (at(k) >= 0x30 && at(k) <= 0x39) {
        let n = 0;
        do n = n * 10 + (at(k++) - 0x30);
        while (at(k) >= 0x30 && at(k) <= 0x39);
        if (g && at(k) === 0x3e) k++;
        if (n >= caps.length / 2) throw excArgs(IndexErrorType, [n]);
        const s = caps[n * 2];
        if (s !== undefined) for (let q = s; q < (caps[n * 2 + 1] as number); q++) out.push(buf[q] as number);
      } else if (at(k) === 0x5c) out.push(at(k++));
    }
    subj.begin = caps[1] as number;
    if (count > 0 && --count === 0) break;
  }
  if (!any) return where;
  for (let k = subj.begin; k < subj.end; k++) out.push(buf[k] as number);
  const bytes = Uint8Array.from(out);
  return typeof where === 'string' ? dec.decode(bytes) : new PyBytes(bytes);
}

const ReType: PyType = nativeClass('re', {
  match: fixed(2, 4, (a) => exec(true, a)),
  search: fixed(2, 4, (a) => exec(false, a)),
  split: fixed(2, 3, (a) => {
    const re = a[0] as PyRe;
    const subject = a[1] as PyObj;
    const buf = dataOf(subject);
    const subj: Subject = { buf, beginLine: 0, begin: 0, end: buf.length };
    let maxsplit = a.length > 2 ? wordInt(a[2] as PyObj) : 0;
    const out: PyObj[] = [];
    for (;;) {
      const caps = new Array<number | undefined>((re.prog.sub + 1) * 2).fill(undefined);
      if (!run(re.prog, subj, caps, false) || caps[0] === caps[1]) break;
      out.push(sliceOf(subject, buf, subj.begin, caps[0] as number));
      if (re.prog.sub > 0) throw excMsg(NotImplementedErrorType, 'splitting with sub-captures');
      subj.begin = caps[1] as number;
      if (maxsplit > 0 && --maxsplit === 0) break;
    }
    out.push(sliceOf(subject, buf, subj.begin, subj.end));
    return new PyList(out);
  }),
  sub: fixed(3, 5, sub),
});
ReType.print = (o) => `<re ${objectId(o).toString(16)}>`;

const MatchType: PyType = nativeClass('match', {
  group: fixed(2, 2, (a) => {
    const m = a[0] as PyMatch;
    const noIn = a[1] as PyObj;
    const no = wordInt(noIn);
    if (no < 0 || no >= m.caps.length / 2) throw excArgs(IndexErrorType, [noIn]);
    const s = m.caps[no * 2];
    if (s === undefined) return NoneObj;
    return sliceOf(m.subject, m.buf, s, m.caps[no * 2 + 1] as number);
  }),
});
MatchType.print = (o) => `<match num=${(o as PyMatch).caps.length / 2}>`;
void ObjectType;

registerNativeModule('re', () => makeModule('re', {
  compile: fixed(1, 2, (a) => compilePattern(a[0] as PyObj)),
  match: fixed(2, 4, (a) => exec(true, a)),
  search: fixed(2, 4, (a) => exec(false, a)),
  sub: fixed(3, 5, sub),
}));
