// MicroPython v1.28.0's tokeniser (py/lexer.c semantics), with mpy-cross's options: f-strings and
// t-strings on, async/await on, unicode str on.
//
// Why it looks the way it does:
// - It works on bytes, not JS strings, because upstream does: columns (hence indentation) count bytes,
//   a tab advances to the next multiple of 8, qstr length limits are in bytes, and any byte >= 0x80
//   may appear in an identifier.
// - It keeps upstream's 3-byte look-ahead window fed by a reader that can be preempted by an
//   "injection" buffer. f-strings and t-strings are not special tokens: like upstream, the lexer
//   rewrites them into ordinary Python text at lex time (f'a{x}' → 'a{}'.format((x),), and
//   t'a{x}' → __template__(('a','',),(x),'x',None,'',)) and pushes that text back into the character
//   stream, so every oddity of upstream's rewrite (line numbers, what is accepted inside braces,
//   error tokens) is reproduced by construction.
// - It is pull-based: the parser asks for one token at a time. That matters for *which* error is
//   reported: upstream raises from the lexer (e.g. NotImplementedError for \N{...}) only when the
//   parser gets that far.
// - Error tokens (INVALID, DEDENT_MISMATCH, LONELY_STRING_OPEN, MALFORMED_FSTRING) are returned as
//   tokens; the parser turns them into SyntaxError/IndentationError, as parse.c does.
//
// Number literals are converted here too (parseIntegerLiteral / parseDecimalLiteral), with upstream's
// exact algorithms: in particular decimal → double goes through an x87 80-bit long double computation
// on the reference (x86-64 Linux, MICROPY_FLOAT_FORMAT_IMPL_EXACT), which is emulated bit-exactly.

import { CompileError } from './errors.js';
import { ByteStrings } from './byte-strings.js';
import { Tok } from './tokens.js';

export { ByteStrings, decodeTokenBytes, qstrKey, type DecodedBytes } from './byte-strings.js';

const TAB_SIZE = 8;
const EOF = 0; // MP_LEXER_EOF
const INVALID_BYTE = 1; // a NUL in the input, so it is not taken for end-of-input

const CH_NL = 0x0a;
const CH_CR = 0x0d;
const CH_TAB = 0x09;
const CH_SQUOTE = 0x27;
const CH_DQUOTE = 0x22;
const CH_BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isXDigit(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}
function xdigitValue(c: number): number {
  return isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10;
}
function ch(s: string): number {
  return s.charCodeAt(0);
}

/** A growable byte buffer (upstream's vstr). */
class Bytes {
  buf = new Uint8Array(32);
  len = 0;
  ensure(extra: number): void {
    if (this.len + extra > this.buf.length) {
      const nb = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
      nb.set(this.buf.subarray(0, this.len));
      this.buf = nb;
    }
  }
  reset(): void {
    this.len = 0;
  }
  /** room for n bytes from the start (contents are then rewritten by the caller) */
  reserve(n: number): void {
    if (n > this.buf.length) this.buf = new Uint8Array(Math.max(this.buf.length * 2, n));
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
  }
  /** vstr_add_char: append a code point as (generalised) UTF-8; surrogates are encoded like any other. */
  char(c: number): void {
    if (c < 0x80) this.byte(c);
    else if (c < 0x800) {
      this.byte(0xc0 | (c >> 6));
      this.byte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      this.byte(0xe0 | (c >> 12));
      this.byte(0x80 | ((c >> 6) & 0x3f));
      this.byte(0x80 | (c & 0x3f));
    } else {
      this.byte(0xf0 | (c >> 18));
      this.byte(0x80 | ((c >> 12) & 0x3f));
      this.byte(0x80 | ((c >> 6) & 0x3f));
      this.byte(0x80 | (c & 0x3f));
    }
  }
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  insert(at: number, b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.copyWithin(at + b.length, at, this.len);
    this.buf.set(b, at);
    this.len += b.length;
  }
  at(i: number): number {
    return this.buf[i] ?? 0;
  }
  view(start = 0, end = this.len): Uint8Array {
    return this.buf.subarray(start, end);
  }
  copy(start = 0, end = this.len): Uint8Array {
    return this.buf.slice(start, end);
  }
}

/** Operators and delimiters, longest first per leading byte (equivalent to lexer.c's tok_enc walk). */
const OPERATORS: ReadonlyArray<readonly [string, Tok]> = [
  ['(', Tok.DEL_PAREN_OPEN], [')', Tok.DEL_PAREN_CLOSE], ['[', Tok.DEL_BRACKET_OPEN],
  [']', Tok.DEL_BRACKET_CLOSE], ['{', Tok.DEL_BRACE_OPEN], ['}', Tok.DEL_BRACE_CLOSE],
  [',', Tok.DEL_COMMA], [';', Tok.DEL_SEMICOLON], ['~', Tok.OP_TILDE],
  [':=', Tok.OP_ASSIGN], [':', Tok.DEL_COLON],
  ['<<=', Tok.DEL_DBL_LESS_EQUAL], ['<<', Tok.OP_DBL_LESS], ['<=', Tok.OP_LESS_EQUAL], ['<', Tok.OP_LESS],
  ['>>=', Tok.DEL_DBL_MORE_EQUAL], ['>>', Tok.OP_DBL_MORE], ['>=', Tok.OP_MORE_EQUAL], ['>', Tok.OP_MORE],
  ['**=', Tok.DEL_DBL_STAR_EQUAL], ['**', Tok.OP_DBL_STAR], ['*=', Tok.DEL_STAR_EQUAL], ['*', Tok.OP_STAR],
  ['+=', Tok.DEL_PLUS_EQUAL], ['+', Tok.OP_PLUS],
  ['-=', Tok.DEL_MINUS_EQUAL], ['->', Tok.DEL_MINUS_MORE], ['-', Tok.OP_MINUS],
  ['&=', Tok.DEL_AMPERSAND_EQUAL], ['&', Tok.OP_AMPERSAND],
  ['|=', Tok.DEL_PIPE_EQUAL], ['|', Tok.OP_PIPE],
  ['//=', Tok.DEL_DBL_SLASH_EQUAL], ['//', Tok.OP_DBL_SLASH], ['/=', Tok.DEL_SLASH_EQUAL], ['/', Tok.OP_SLASH],
  ['%=', Tok.DEL_PERCENT_EQUAL], ['%', Tok.OP_PERCENT],
  ['^=', Tok.DEL_CARET_EQUAL], ['^', Tok.OP_CARET],
  ['@=', Tok.DEL_AT_EQUAL], ['@', Tok.OP_AT],
  ['==', Tok.OP_DBL_EQUAL], ['=', Tok.DEL_EQUAL],
  ['!=', Tok.OP_NOT_EQUAL],
  ['...', Tok.ELLIPSIS], ['.', Tok.DEL_PERIOD],
];

/** Operator tokens by their ASCII bytes, 1 and 2 long (0 = none), indexed by 7-bit codes. */
const OP1 = new Uint8Array(1 << 7);
const OP2 = new Uint8Array(1 << 14);
/** three-byte operators are XX= (by X) and '...' (checked in lexOperator) */
const OP3_EQ = new Uint8Array(1 << 7);
for (const [text, t] of OPERATORS) {
  const c = Array.from(text, (x) => x.charCodeAt(0));
  if (c.length === 1) OP1[c[0] as number] = t;
  else if (c.length === 2) OP2[((c[0] as number) << 7) | (c[1] as number)] = t;
  else if (text === '...') continue;
  else if (c[0] === c[1] && c[2] === 0x3d) OP3_EQ[c[0] as number] = t;
  else throw new Error(`lexer: unexpected operator ${text}`);
}

const KEYWORDS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  ['False', Tok.KW_FALSE], ['None', Tok.KW_NONE], ['True', Tok.KW_TRUE], ['__debug__', Tok.KW___DEBUG__],
  ['and', Tok.KW_AND], ['as', Tok.KW_AS], ['assert', Tok.KW_ASSERT], ['async', Tok.KW_ASYNC],
  ['await', Tok.KW_AWAIT], ['break', Tok.KW_BREAK], ['class', Tok.KW_CLASS], ['continue', Tok.KW_CONTINUE],
  ['def', Tok.KW_DEF], ['del', Tok.KW_DEL], ['elif', Tok.KW_ELIF], ['else', Tok.KW_ELSE],
  ['except', Tok.KW_EXCEPT], ['finally', Tok.KW_FINALLY], ['for', Tok.KW_FOR], ['from', Tok.KW_FROM],
  ['global', Tok.KW_GLOBAL], ['if', Tok.KW_IF], ['import', Tok.KW_IMPORT], ['in', Tok.KW_IN],
  ['is', Tok.KW_IS], ['lambda', Tok.KW_LAMBDA], ['nonlocal', Tok.KW_NONLOCAL], ['not', Tok.KW_NOT],
  ['or', Tok.KW_OR], ['pass', Tok.KW_PASS], ['raise', Tok.KW_RAISE], ['return', Tok.KW_RETURN],
  ['try', Tok.KW_TRY], ['while', Tok.KW_WHILE], ['with', Tok.KW_WITH], ['yield', Tok.KW_YIELD],
]);

/** The shared cache (a pure function of the bytes, so sharing it across compilations is safe). */
export const BYTE_STRINGS = new ByteStrings(KEYWORDS);

/** identifier bytes: letters, digits, '_' and every byte >= 0x80 */
const IDENT = new Uint8Array(256);
for (let c = 0; c < 256; c++) IDENT[c] = isAlpha(c) || isDigit(c) || c === 0x5f || c >= 0x80 ? 1 : 0;
/** How a token's first byte is dispatched in next(). */
const S_OTHER = 0;
const S_NAME = 1; // identifier head that cannot start a string literal
const S_PREFIX = 2; // r u b f t: a string prefix or an identifier head
const S_QUOTE = 3;
const S_DIGIT = 4;
const START_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  if (c === CH_SQUOTE || c === CH_DQUOTE) START_CLASS[c] = S_QUOTE;
  else if (c === 0x72 || c === 0x75 || c === 0x62 || c === 0x66 || c === 0x74) START_CLASS[c] = S_PREFIX;
  else if (isAlpha(c) || c === 0x5f || c >= 0x80) START_CLASS[c] = S_NAME;
  else if (isDigit(c)) START_CLASS[c] = S_DIGIT;
  else START_CLASS[c] = S_OTHER;
}

/** bytes nextChar passes through with nothing but a column step: all but NUL, tab, LF and CR */
const PLAIN = new Uint8Array(256).fill(1);
PLAIN[0] = PLAIN[CH_TAB] = PLAIN[CH_NL] = PLAIN[CH_CR] = 0;
/** bytes nextChar loads into the window unchanged: all but NUL and CR */
const NO_CR_NUL = new Uint8Array(256).fill(1);
NO_CR_NUL[0] = NO_CR_NUL[CH_CR] = 0;
/** bytes a plain string literal's text may run through (takeStringRun), without / with newlines */
const STR_RUN = PLAIN.slice();
STR_RUN[CH_SQUOTE] = STR_RUN[CH_DQUOTE] = STR_RUN[CH_BACKSLASH] = 0;
const STR_RUN_NL = STR_RUN.slice();
STR_RUN_NL[CH_NL] = 1;

export interface LexerOptions {
  /** mpy-cross's -O level (mp_optimise_value): `__debug__` lexes as True when 0, else False. */
  readonly optimize?: number;
}

/** A token as seen by tests and tools (the parser reads the Lexer's fields directly). */
export interface Token {
  readonly kind: Tok;
  readonly line: number;
  readonly column: number;
  /** token text bytes: name, decoded str/bytes contents, or number text ('_' removed); empty otherwise */
  readonly data: Uint8Array;
}

/**
 * Pull tokenizer. After construction the first token is loaded; call next() to advance. The current
 * token is (tokKind, tokLine, tokColumn, tokData()).
 */
export class Lexer {
  readonly sourceName: string;
  private readonly src: Uint8Array;
  private pos = 0;
  private readonly optimize: number;

  private chr0 = 0;
  private chr1 = 0;
  private chr2 = 0;

  private line = 1;
  private column = -2; // three dummy bytes are shifted in by the constructor, leaving column 1

  private emitDent = 0;
  private nestedBracketLevel = 0;
  private readonly indentLevels: number[] = [0];

  tokLine = 1;
  tokColumn = 1;
  tokKind: Tok = Tok.END;
  /** for a NAME token: its BYTE_STRINGS entry (text, raw bytes, qstr key) */
  tokEntry = 0;
  private readonly vstr = new Bytes();

  // f-string / t-string rewriting
  private readonly injectChrs = new Bytes();
  private injectIdx = 0;
  private readonly fstringArgs = new Bytes();

  constructor(source: Uint8Array, sourceName: string, options: LexerOptions = {}) {
    this.src = source;
    this.sourceName = sourceName;
    this.optimize = options.optimize ?? 0;
    this.nextChar();
    this.nextChar();
    this.nextChar();
    this.next();
    // The first token must start in column 1 unless it is a newline; otherwise pretend it is an
    // INDENT so the parser reports "unexpected indent".
    if (this.tokColumn !== 1 && this.tokKind !== Tok.NEWLINE) {
      this.tokKind = Tok.INDENT;
    }
  }

  /** The current token's bytes (valid until next()). */
  tokData(): Uint8Array {
    return this.vstr.view();
  }
  /** The buffer holding the current token's bytes at [0, tokDataLength()) (valid until next()). */
  tokBuffer(): Uint8Array {
    return this.vstr.buf;
  }
  tokDataLength(): number {
    return this.vstr.len;
  }

  // ---- character stream --------------------------------------------------------------------------

  private readByte(): number {
    if (this.pos >= this.src.length) return EOF;
    const b = this.src[this.pos++] ?? EOF;
    return b === EOF ? INVALID_BYTE : b;
  }

  private nextChar(): void {
    if (this.chr0 === CH_NL) {
      this.line += 1;
      this.column = 1;
    } else if (this.chr0 === CH_TAB) {
      this.column = Math.floor((this.column - 1 + TAB_SIZE) / TAB_SIZE) * TAB_SIZE + 1;
    } else {
      this.column += 1;
    }
    this.chr0 = this.chr1;
    this.chr1 = this.chr2;

    let c: number;
    for (;;) {
      if (this.injectIdx > 0) {
        c = this.injectChrs.at(this.injectIdx++);
        if (this.injectIdx >= this.injectChrs.len) {
          this.injectChrs.reset();
          this.injectIdx = 0;
        }
      } else {
        c = this.readByte();
      }
      if (this.chr1 === CH_CR) {
        // CR is a newline; CR LF is a single newline
        this.chr1 = CH_NL;
        if (c === CH_NL) continue;
      }
      break;
    }
    // a file not ending in a newline gets one
    if (c === EOF && this.chr1 !== EOF && this.chr1 !== CH_NL) c = CH_NL;
    this.chr2 = c;
  }

  private isEnd(): boolean {
    return this.chr0 === EOF;
  }
  private is(c: number): boolean {
    return this.chr0 === c;
  }
  private isAnd(c0: number, c1: number): boolean {
    return this.chr0 === c0 && this.chr1 === c1;
  }

  private isStringOrBytes(): boolean {
    const c0 = this.chr0;
    const q1 = this.chr1 === CH_SQUOTE || this.chr1 === CH_DQUOTE;
    const q2 = this.chr2 === CH_SQUOTE || this.chr2 === CH_DQUOTE;
    if (c0 === CH_SQUOTE || c0 === CH_DQUOTE) return true;
    if (q1 && (c0 === ch('r') || c0 === ch('u') || c0 === ch('b') || c0 === ch('f') || c0 === ch('t'))) return true;
    if (!q2) return false;
    const c1 = this.chr1;
    return (
      (c0 === ch('r') && (c1 === ch('f') || c1 === ch('t') || c1 === ch('b'))) ||
      ((c0 === ch('f') || c0 === ch('t') || c0 === ch('b')) && c1 === ch('r'))
    );
  }

  /** Skips spaces, comments and line continuations; returns true when stopped at a newline that ends a logical line. */
  private skipWhitespace(stopAtNewline: boolean): boolean {
    while (!this.isEnd()) {
      if (this.chr0 === CH_NL) {
        if (stopAtNewline && this.nestedBracketLevel === 0) return true;
        this.nextChar();
      } else if (isSpace(this.chr0)) {
        if (this.chr0 === 0x20 && this.chr1 === 0x20 && this.chr2 === 0x20 && this.injectIdx === 0) {
          // a run of spaces (indentation): skip all but the last three in one step
          const src = this.src;
          let end = this.pos;
          while (end < src.length && src[end] === 0x20) end++;
          if (end > this.pos) this.skipAhead(end);
        }
        this.nextChar();
      } else if (this.chr0 === ch('#')) {
        if (this.injectIdx === 0 && PLAIN[this.chr1] === 1 && PLAIN[this.chr2] === 1) {
          const src = this.src;
          let end = this.pos;
          while (end < src.length && PLAIN[src[end] as number] === 1) end++;
          if (end > this.pos) this.skipAhead(end);
        }
        this.nextChar();
        while (!this.isEnd() && this.chr0 !== CH_NL) this.nextChar();
      } else if (this.isAnd(CH_BACKSLASH, CH_NL)) {
        this.nextChar();
        this.nextChar();
      } else {
        break;
      }
    }
    return false;
  }

  // ---- tokens ------------------------------------------------------------------------------------

  /** mp_lexer_to_next */
  next(): void {
    this.vstr.reset();
    const hadNewline = this.skipWhitespace(true);
    this.tokLine = this.line;
    this.tokColumn = this.column;

    if (this.emitDent < 0) {
      this.tokKind = Tok.DEDENT;
      this.emitDent += 1;
    } else if (this.emitDent > 0) {
      this.tokKind = Tok.INDENT;
      this.emitDent -= 1;
    } else if (hadNewline) {
      this.skipWhitespace(false);
      this.tokKind = Tok.NEWLINE;
      const numSpaces = this.column - 1;
      const top = (): number => this.indentLevels[this.indentLevels.length - 1] ?? 0;
      if (numSpaces > top()) {
        this.indentLevels.push(numSpaces);
        this.emitDent += 1;
      } else if (numSpaces < top()) {
        while (numSpaces < top()) {
          this.indentLevels.pop();
          this.emitDent -= 1;
        }
        if (numSpaces !== top()) this.tokKind = Tok.DEDENT_MISMATCH;
      }
    } else if (this.isEnd()) {
      this.tokKind = Tok.END;
    } else {
      // in lexer.c's order: string, name, number, operator (only quotes and the prefix letters can
      // start a string, so other identifier bytes go straight to lexName)
      const cls = START_CLASS[this.chr0] as number;
      if (cls === S_NAME) this.lexName();
      else if ((cls === S_PREFIX || cls === S_QUOTE) && this.isStringOrBytes()) this.lexStrings();
      else if (cls === S_PREFIX) this.lexName();
      else if (cls === S_DIGIT || (this.chr0 === ch('.') && isDigit(this.chr1))) this.lexNumber();
      else this.lexOperator();
    }
  }

  private lexName(): void {
    const vstr = this.vstr;
    if (this.injectIdx === 0 && IDENT[this.chr1] === 1 && IDENT[this.chr2] === 1) {
      // Fast path: the name continues from the window into the source bytes, which contain no
      // newline/CR/tab/NUL (they are identifier bytes), so nextChar's bookkeeping reduces to counting.
      const src = this.src;
      let end = this.pos;
      while (end < src.length && IDENT[src[end] as number] === 1) end++;
      const m = end - this.pos;
      vstr.reserve(3 + m);
      const buf = vstr.buf;
      buf[0] = this.chr0;
      buf[1] = this.chr1;
      buf[2] = this.chr2;
      for (let j = this.pos, k = 3; j < end; j++, k++) buf[k] = src[j] as number;
      vstr.len = 3 + m;
      if (end + 3 <= src.length && NO_CR_NUL[src[end] as number] === 1 && NO_CR_NUL[src[end + 1] as number] === 1 && NO_CR_NUL[src[end + 2] as number] === 1) {
        // the next three bytes need no conversion either: load them as the window directly
        this.chr0 = src[end] as number;
        this.chr1 = src[end + 1] as number;
        this.chr2 = src[end + 2] as number;
        this.pos = end + 3;
        this.column += 3 + m;
      } else {
        if (m > 0) this.skipAhead(end);
        this.nextChar();
        this.nextChar();
        this.nextChar();
      }
    } else {
      vstr.byte(this.chr0);
      this.nextChar();
      while (!this.isEnd() && IDENT[this.chr0] === 1) {
        vstr.byte(this.chr0);
        this.nextChar();
      }
    }
    this.setName();
  }

  /** The current token is the name in vstr: look it up (keywords included). */
  private setName(): void {
    const e = BYTE_STRINGS.lookup(this.vstr.buf, 0, this.vstr.len);
    this.tokEntry = e;
    const kw = BYTE_STRINGS.tok[e] as Tok;
    // __debug__ is folded here so that e.g. `x.__debug__` is a syntax error, as upstream
    this.tokKind = kw === Tok.KW___DEBUG__ ? (this.optimize === 0 ? Tok.KW_TRUE : Tok.KW_FALSE) : kw;
  }

  /**
   * Advances to source offset `end` as (end - pos) calls of nextChar would, when the window bytes and
   * src[pos, end) are all plain bytes (not NUL, tab, LF or CR) and no injection is under way.
   */
  private skipAhead(end: number): void {
    const src = this.src;
    const m = end - this.pos;
    if (m >= 3) {
      this.chr0 = src[end - 3] as number;
      this.chr1 = src[end - 2] as number;
      this.chr2 = src[end - 1] as number;
    } else if (m === 2) {
      this.chr0 = this.chr2;
      this.chr1 = src[end - 2] as number;
      this.chr2 = src[end - 1] as number;
    } else if (m === 1) {
      this.chr0 = this.chr1;
      this.chr1 = this.chr2;
      this.chr2 = src[end - 1] as number;
    }
    this.column += m;
    this.pos = end;
  }

  private lexNumber(): void {
    let forcedInteger = false;
    if (this.chr0 === ch('.')) {
      this.tokKind = Tok.FLOAT_OR_IMAG;
    } else {
      this.tokKind = Tok.INTEGER;
      const b = this.chr1 | 0x20;
      if (this.chr0 === ch('0') && (b === ch('b') || b === ch('o') || b === ch('x'))) forcedInteger = true;
    }
    this.vstr.byte(this.chr0);
    this.nextChar();
    while (!this.isEnd()) {
      if (!forcedInteger && (this.chr0 === ch('e') || this.chr0 === ch('E'))) {
        this.tokKind = Tok.FLOAT_OR_IMAG;
        this.vstr.byte(ch('e'));
        this.nextChar();
        if (this.chr0 === ch('+') || this.chr0 === ch('-')) {
          this.vstr.byte(this.chr0);
          this.nextChar();
        }
      } else if (isAlpha(this.chr0) || isDigit(this.chr0) || this.chr0 === ch('.')) {
        if (this.chr0 === ch('.') || this.chr0 === ch('j') || this.chr0 === ch('J')) this.tokKind = Tok.FLOAT_OR_IMAG;
        this.vstr.byte(this.chr0);
        this.nextChar();
      } else if (this.chr0 === ch('_')) {
        this.nextChar();
      } else {
        break;
      }
    }
  }

  private lexOperator(): void {
    const c0 = this.chr0;
    const c1 = this.chr1;
    const c2 = this.chr2;
    // longest match first, as lexer.c's tok_enc walk
    let tok: number;
    let len = 3;
    if (c1 === c0 && c0 < 0x80 && (tok = c2 === 0x3d ? (OP3_EQ[c0] as number) : c0 === 0x2e && c2 === 0x2e ? Tok.ELLIPSIS : 0) !== 0) {
      len = 3; // <<= >>= **= //= ...
    } else if (c0 < 0x80 && c1 < 0x80 && (tok = OP2[(c0 << 7) | c1] as number) !== 0) {
      len = 2;
    } else if (c0 < 0x80 && (tok = OP1[c0] as number) !== 0) {
      len = 1;
    } else {
      // not an operator (or '!' without '='): it is consumed and is invalid
      this.nextChar();
      this.tokKind = Tok.INVALID;
      return;
    }
    for (let i = 0; i < len; i++) this.nextChar();
    this.tokKind = tok;
    if (tok === Tok.DEL_PAREN_OPEN || tok === Tok.DEL_BRACKET_OPEN || tok === Tok.DEL_BRACE_OPEN) {
      this.nestedBracketLevel += 1;
    } else if (tok === Tok.DEL_PAREN_CLOSE || tok === Tok.DEL_BRACKET_CLOSE || tok === Tok.DEL_BRACE_CLOSE) {
      this.nestedBracketLevel -= 1;
    }
  }

  /** Adjacent string/bytes literals are concatenated into one token here, as upstream does. */
  private lexStrings(): void {
    // END marks "no literal seen yet"
    this.tokKind = Tok.END;
    let hadTstring = false;
    do {
      let isRaw = false;
      let isF = false;
      let isT = false;
      let kind: Tok = Tok.STRING;
      let nChar = 0;
      const c0 = this.chr0;
      const c1 = this.chr1;
      if (c0 === ch('u')) {
        nChar = 1;
      } else if (c0 === ch('b')) {
        kind = Tok.BYTES;
        nChar = 1;
        if (c1 === ch('r')) {
          isRaw = true;
          nChar = 2;
        }
      } else if (c0 === ch('r')) {
        isRaw = true;
        nChar = 1;
        if (c1 === ch('b')) {
          kind = Tok.BYTES;
          nChar = 2;
        } else if (c1 === ch('f')) {
          isF = true;
          nChar = 2;
        } else if (c1 === ch('t')) {
          isT = true;
          nChar = 2;
        }
      } else if (c0 === ch('f')) {
        isF = true;
        nChar = 1;
        if (c1 === ch('r')) {
          isRaw = true;
          nChar = 2;
        }
      } else if (c0 === ch('t')) {
        isT = true;
        nChar = 1;
        if (c1 === ch('r')) {
          isRaw = true;
          nChar = 2;
        }
      }
      if (isT) hadTstring = true;

      if (this.tokKind === Tok.END) {
        this.tokKind = kind;
      } else if (this.tokKind !== kind) {
        // str and bytes do not concatenate: stop here, the next token starts at this literal
        break;
      }
      for (let i = 0; i < nChar; i++) this.nextChar();
      this.lexStringLiteral(isRaw, isF, isT);
      this.skipWhitespace(true);
    } while (this.isStringOrBytes());

    if (hadTstring) {
      this.vstr.ascii(',),');
      this.fstringArgs.insert(0, this.vstr.copy());
      if (this.tokKind > Tok.MALFORMED_FSTRING) {
        // the literal becomes a call: __template__(<strings tuple>, <interpolations>...)
        this.vstr.reset();
        this.vstr.ascii('__template__');
        this.setName();
      }
    }

    if (this.fstringArgs.len > 0) {
      // the f-string is complete: inject its .format(...) arguments into the character stream
      this.fstringArgs.byte(ch(')'));
      if (this.injectIdx === 0) {
        this.injectChrs.byte(this.chr0);
        this.injectChrs.byte(this.chr1);
        this.injectChrs.byte(this.chr2);
      } else {
        // already injecting: the three cached bytes came from the injection buffer, rewind over them
        this.injectIdx -= 3;
      }
      this.injectChrs.insert(this.injectIdx, this.fstringArgs.copy());
      this.fstringArgs.reset();
      this.chr0 = this.injectChrs.at(this.injectIdx++);
      this.chr1 = this.injectChrs.at(this.injectIdx++);
      this.chr2 = this.injectChrs.at(this.injectIdx++);
    }
  }

  private getHex(numDigits: number): number | undefined {
    let num = 0;
    for (let i = 0; i < numDigits; i++) {
      this.nextChar();
      const c = this.chr0;
      if (!isXDigit(c)) return undefined;
      num = num * 16 + xdigitValue(c);
    }
    return num;
  }

  /** One literal (after its prefix letters), appended to the token's bytes. */
  private lexStringLiteral(isRaw: boolean, isF: boolean, isT: boolean): void {
    const quote = this.chr0 === CH_DQUOTE ? CH_DQUOTE : CH_SQUOTE;
    this.nextChar();
    let numQuotes = 1;
    if (this.isAnd(quote, quote)) {
      this.nextChar();
      this.nextChar();
      numQuotes = 3;
    }
    const vstr = this.vstr;
    const args = this.fstringArgs;

    if (isF && args.len === 0) args.ascii('.format(');
    if (isT && args.len === 0) {
      vstr.ascii('((');
      for (let q = 0; q < numQuotes; q++) vstr.byte(quote);
    }

    let nClosing = 0;
    let tInterpolations = 0;
    let endOfFormatIndex = 0;
    let nestedFormatting = 0; // >0 while inside the format spec of a t-string interpolation
    let nestedNeedsF = false;

    // plain literal text (no f/t rewriting) can be taken in runs, see takeStringRun
    const runOk = isF || isT ? null : numQuotes > 1 ? STR_RUN_NL : STR_RUN;
    while (!this.isEnd() && (numQuotes > 1 || this.chr0 !== CH_NL) && nClosing < numQuotes) {
      if (
        runOk !== null &&
        this.injectIdx === 0 &&
        runOk[this.chr0] === 1 &&
        runOk[this.chr1] === 1 &&
        runOk[this.chr2] === 1 &&
        this.takeStringRun(runOk)
      ) {
        nClosing = 0;
      }
      let advance = true;
      if (this.chr0 === quote) {
        nClosing += 1;
        vstr.byte(this.chr0);
      } else if (isT && this.chr0 === CH_NL) {
        // the t-string's text is re-lexed as a string, so a raw newline becomes an escape
        vstr.ascii('\\n');
      } else {
        nClosing = 0;
        if ((isF || isT) && this.chr0 === ch('{') && !(isT && nestedFormatting > 0)) {
          if (this.fstringBrace(isT, quote, numQuotes)) {
            // a t-string field: what follows up to the matching '}' is its format spec
            nestedFormatting = 1;
            endOfFormatIndex = vstr.len;
          }
          vstr.byte(ch('{'));
          advance = false;
        } else {
          if (isT && this.chr0 === ch('{')) {
            // a '{' inside a t-string format spec: nested replacement field
            nestedFormatting += 1;
          }
          if (isT && this.chr0 === CH_BACKSLASH) {
            // kept verbatim: the text is lexed again as a string literal
            vstr.byte(CH_BACKSLASH);
            if (isRaw) {
              vstr.byte(CH_BACKSLASH);
            } else {
              this.nextChar();
              vstr.byte(this.chr0);
            }
          } else if (this.chr0 === CH_BACKSLASH) {
            this.lexEscape(isRaw);
          } else if (isT && nestedFormatting > 0 && this.chr0 === ch('}')) {
            nestedFormatting -= 1;
            if (nestedFormatting > 0) {
              nestedNeedsF = true;
              vstr.byte(this.chr0);
            } else {
              // end of this interpolation: its format spec becomes a string argument
              tInterpolations += 1;
              if (nestedNeedsF) {
                args.byte(ch('f'));
                nestedNeedsF = false;
              }
              args.byte(quote);
              args.bytes(vstr.copy(endOfFormatIndex + 1, vstr.len));
              vstr.len = endOfFormatIndex;
              args.byte(quote);
              args.byte(ch(','));
            }
          } else {
            // raw byte: stays 8-bit clean, so UTF-8 passes through unchanged
            vstr.byte(this.chr0);
            if (isT && this.isAnd(ch('}'), ch('}'))) {
              this.nextChar();
            } else if (isT && this.chr0 === ch('}')) {
              this.tokKind = Tok.MALFORMED_FSTRING;
            }
          }
        }
      }
      if (advance) this.nextChar();
    }

    if (nClosing < numQuotes) this.tokKind = Tok.LONELY_STRING_OPEN;

    if (isT) {
      if (nestedFormatting > 0) this.tokKind = Tok.MALFORMED_FSTRING;
      if (1 + tInterpolations * 4 > 255) {
        // too many call arguments: pass the interpolations as one tuple
        args.insert(0, Uint8Array.of(ch('(')));
        args.byte(ch(')'));
      }
    } else {
      vstr.len -= nClosing; // drop the closing quotes
    }
  }

  /**
   * String-literal fast path. The window bytes are in `ok` (a table without NUL, tab, CR, backslash
   * or quotes); the source bytes after it that are too are consumed with them, as nextChar would
   * consume them, each appended to the token (the last three stay in the window). False when the
   * run is too short to bother.
   */
  private takeStringRun(ok: Uint8Array): boolean {
    const src = this.src;
    const start = this.pos;
    let end = start;
    while (end < src.length && ok[src[end] as number] === 1) end++;
    if (end - start < 3) return false;
    const vstr = this.vstr;
    vstr.ensure(end - start);
    const buf = vstr.buf;
    let len = vstr.len;
    let line = this.line;
    let column = this.column;
    // consumed: the window, then src[start, end - 3)
    const c0 = this.chr0;
    const c1 = this.chr1;
    const c2 = this.chr2;
    buf[len++] = c0;
    buf[len++] = c1;
    buf[len++] = c2;
    if (c0 === CH_NL) {
      line++;
      column = 1;
    } else column++;
    if (c1 === CH_NL) {
      line++;
      column = 1;
    } else column++;
    if (c2 === CH_NL) {
      line++;
      column = 1;
    } else column++;
    for (let j = start; j < end - 3; j++) {
      const c = src[j] as number;
      buf[len++] = c;
      if (c === CH_NL) {
        line++;
        column = 1;
      } else column++;
    }
    vstr.len = len;
    this.line = line;
    this.column = column;
    this.chr0 = src[end - 3] as number;
    this.chr1 = src[end - 2] as number;
    this.chr2 = src[end - 1] as number;
    this.pos = end;
    return true;
  }

  /**
   * At a '{' of an f/t-string: either '{{' or a replacement field whose expression is moved to the
   * .format() argument list. Leaves the cursor on the character after the field's expression (or
   * after '{{'); the caller then appends the '{'. Returns true when a t-string field's format spec
   * starts here.
   */
  private fstringBrace(isT: boolean, quote: number, numQuotes: number): boolean {
    const vstr = this.vstr;
    const args = this.fstringArgs;
    this.nextChar();
    if (this.chr0 === ch('{')) {
      // '{{' is left for str.format (f-string); a t-string keeps a single literal '{'
      if (!isT) vstr.byte(ch('{'));
      this.nextChar();
      return false;
    }
    // each argument is wrapped in (): f"{a,b,}, {c}" → "{}, {}".format((a,b,), (c),)
    args.byte(ch('('));
    const start = args.len;
    // Upstream is unaware of Python syntax here: the expression ends at the first ':' or '}' outside
    // [] and {}, or at '!' followed by r/s and then ':' or '}'. It does not stop at a quote or a newline.
    let level = 0;
    while (!this.isEnd()) {
      if (level === 0) {
        if (this.chr0 === ch(':') || this.chr0 === ch('}')) break;
        if (
          this.chr0 === ch('!') &&
          (this.chr1 === ch('r') || this.chr1 === ch('s')) &&
          (this.chr2 === ch(':') || this.chr2 === ch('}'))
        ) {
          break;
        }
      }
      const c = this.chr0;
      if (c === ch('[') || c === ch('{')) level += 1;
      else if (c === ch(']') || c === ch('}')) level -= 1;
      args.byte(c);
      this.nextChar();
    }
    let wasDebug = false;
    if (args.at(args.len - 1) === ch('=')) {
      // f'{a=}' → 'a={}'.format(a)
      vstr.bytes(args.copy(start, args.len));
      args.len -= 1;
      wasDebug = true;
    }
    if (isT) {
      while (args.len > 0 && isSpace(args.at(args.len - 1))) args.len -= 1;
    }
    if (args.len === start) {
      // empty expression, e.g. f'{}'
      this.tokKind = Tok.MALFORMED_FSTRING;
    }
    args.byte(ch(')'));
    args.byte(ch(','));
    if (!isT) return false;

    // t-string: also pass the expression's source text, the conversion and (later) the format spec
    args.byte(quote);
    const exprLen = args.len - start - 3;
    for (let j = 0; j < exprLen; j++) {
      const b = args.at(start + j);
      if (b === quote || b === CH_BACKSLASH) args.byte(CH_BACKSLASH);
      args.byte(b);
    }
    args.byte(quote);
    args.byte(ch(','));
    // the literal text continues as the next element of the strings tuple
    for (let q = 0; q < numQuotes; q++) vstr.byte(quote);
    vstr.byte(ch(','));
    for (let q = 0; q < numQuotes; q++) vstr.byte(quote);
    if (this.chr0 === ch('!')) {
      this.nextChar();
      args.byte(quote);
      args.byte(this.chr0);
      this.nextChar();
      args.byte(quote);
      args.byte(ch(','));
    } else if (wasDebug && this.chr0 !== ch(':')) {
      args.ascii("'r',");
    } else {
      args.ascii('None,');
    }
    if (this.chr0 === ch(':')) this.nextChar();
    return true;
  }

  /**
   * A backslash escape in a non-t-string literal; the cursor is on the backslash. Leaves the cursor
   * on the escape's last character (an escaped newline appends nothing).
   */
  private lexEscape(isRaw: boolean): void {
    const vstr = this.vstr;
    this.nextChar();
    let c = this.chr0;
    if (isRaw) {
      // raw literals may escape quotes, but keep the backslash
      vstr.char(CH_BACKSLASH);
    } else {
      switch (c) {
        case CH_NL:
          return; // line continuation inside the literal
        case CH_BACKSLASH:
        case CH_SQUOTE:
        case CH_DQUOTE:
          break;
        case ch('a'):
          c = 0x07;
          break;
        case ch('b'):
          c = 0x08;
          break;
        case ch('t'):
          c = 0x09;
          break;
        case ch('n'):
          c = 0x0a;
          break;
        case ch('v'):
          c = 0x0b;
          break;
        case ch('f'):
          c = 0x0c;
          break;
        case ch('r'):
          c = 0x0d;
          break;
        case ch('u'):
        case ch('U'):
        case ch('x'): {
          if (c !== ch('x') && this.tokKind === Tok.BYTES) {
            // b'\u1234' is b'\\u1234'
            vstr.char(CH_BACKSLASH);
            break;
          }
          const num = this.getHex(c === ch('x') ? 2 : c === ch('u') ? 4 : 8);
          if (num === undefined) {
            this.tokKind = Tok.INVALID;
            c = 0;
          } else {
            c = num;
          }
          break;
        }
        case ch('N'):
          // upstream raises this straight from the lexer, without traceback information
          throw new CompileError('NotImplementedError', 'unicode name escapes', undefined, undefined);
        default:
          if (c >= ch('0') && c <= ch('7')) {
            let digits = 3;
            let num = c - ch('0');
            while (this.chr1 >= ch('0') && this.chr1 <= ch('7') && --digits !== 0) {
              this.nextChar();
              num = num * 8 + (this.chr0 - ch('0'));
            }
            c = num;
          } else {
            // unknown escape: kept verbatim, backslash included
            vstr.char(CH_BACKSLASH);
          }
          break;
      }
    }
    if (c < 0x110000 && this.tokKind === Tok.STRING) {
      vstr.char(c);
    } else if (c < 0x100 && this.tokKind === Tok.BYTES) {
      vstr.byte(c);
    } else {
      // out of range for str/bytes (or an earlier error token): a generic SyntaxError
      this.tokKind = Tok.INVALID;
    }
  }
}

/** Tokenizes a whole source (for tests/tools): every token up to and including END. */
export function tokenize(source: string | Uint8Array, sourceName = '<stdin>', options: LexerOptions = {}): Token[] {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  const lex = new Lexer(bytes, sourceName, options);
  const out: Token[] = [];
  for (let guard = 0; guard < 10_000_000; guard++) {
    out.push({ kind: lex.tokKind, line: lex.tokLine, column: lex.tokColumn, data: lex.tokData().slice() });
    if (lex.tokKind === Tok.END) break;
    lex.next();
  }
  return out;
}

// ---- number literals (py/parsenum.c semantics) -----------------------------------------------------

/** Largest value of the host's (x86-64) small int; bigger parsed ints are mpz objects upstream. */
export const HOST_SMALL_INT_MAX = (1n << 62n) - 1n;
export const HOST_SMALL_INT_MIN = -(1n << 62n);

export type IntLiteral = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

/**
 * mp_parse_num_integer with base 0, as the parser calls it on an INTEGER token's bytes. On failure
 * returns upstream's message, e.g. "invalid syntax for integer with base 8: '8'".
 */
export function parseIntegerLiteral(text: Uint8Array): IntLiteral {
  let i = 0;
  const top = text.length;
  while (i < top && isSpace(text[i] ?? 0)) i++;
  let neg = false;
  if (i < top && text[i] === ch('+')) i++;
  else if (i < top && text[i] === ch('-')) {
    i++;
    neg = true;
  }
  // base prefix: 0x 0o 0b; a leading 0 otherwise means "base 1", which only admits zeros
  let base = 10;
  if (top - i > 1 && text[i] === ch('0')) {
    const c = (text[i + 1] ?? 0) | 0x20;
    if (c === ch('x')) base = 16;
    else if (c === ch('o')) base = 8;
    else if (c === ch('b')) base = 2;
    else base = 1;
    if (base !== 1) i += 2;
  }
  const valStart = i;
  let value = 0n;
  const bigBase = BigInt(base);
  // accumulate in a Number while exact, then in a BigInt
  let acc = 0;
  let accDigits = 0;
  const flush = (): void => {
    if (accDigits > 0) {
      value = value * bigBase ** BigInt(accDigits) + BigInt(acc);
      acc = 0;
      accDigits = 0;
    }
  };
  for (; i < top; i++) {
    let dig = text[i] ?? 0;
    if (dig >= 0x30 && dig <= 0x39) dig -= 0x30;
    else if (dig === ch('_')) continue;
    else {
      dig |= 0x20;
      if (dig >= 0x61 && dig <= 0x7a) dig -= 0x61 - 10;
      else break;
    }
    if (dig >= base) break;
    acc = acc * base + dig;
    if (++accDigits === 10) flush();
  }
  flush();
  if (i === valStart || (() => {
    let j = i;
    while (j < top && isSpace(text[j] ?? 0)) j++;
    return j !== top;
  })()) {
    const shownBase = base === 1 ? 0 : base;
    return { ok: false, message: `invalid syntax for integer with base ${shownBase}: ${quoteBytes(text.subarray(valStart, top))}` };
  }
  return { ok: true, value: neg ? -value : value };
}

/** mp_str_print_quoted(..., is_bytes=true) */
function quoteBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === CH_SQUOTE) hasSingle = true;
    else if (c === CH_DQUOTE) {
      hasDouble = true;
      break;
    }
  }
  const q = hasSingle && !hasDouble ? CH_DQUOTE : CH_SQUOTE;
  let s = String.fromCharCode(q);
  for (const c of b) {
    if (c === q) s += '\\' + String.fromCharCode(q);
    else if (c === CH_BACKSLASH) s += '\\\\';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else if (c === CH_NL) s += '\\n';
    else if (c === CH_CR) s += '\\r';
    else if (c === CH_TAB) s += '\\t';
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + String.fromCharCode(q);
}

export type DecimalLiteral =
  | { readonly ok: true; readonly type: 'float'; readonly value: number }
  | { readonly ok: true; readonly type: 'complex'; readonly real: number; readonly imag: number }
  | { readonly ok: false; readonly message: string };

/**
 * mp_parse_num_float(text, allow_imag=true): a FLOAT_OR_IMAG token's bytes → float or imaginary
 * complex. Failure message is upstream's "invalid syntax for number".
 */
export function parseDecimalLiteral(text: Uint8Array, allowImag = true): DecimalLiteral {
  const top = text.length;
  let i = 0;
  while (i < top && isSpace(text[i] ?? 0)) i++;
  let neg = false;
  if (i < top && text[i] === ch('+')) i++;
  else if (i < top && text[i] === ch('-')) {
    i++;
    neg = true;
  }
  const valStart = i;
  const lower = (k: number): number => (text[k] ?? 0) | 0x20;
  let val: number;
  if (i + 2 < top && lower(i) === ch('i') && lower(i + 1) === ch('n') && lower(i + 2) === ch('f')) {
    i += 3;
    val = Infinity;
    if (i + 4 < top && lower(i) === ch('i') && lower(i + 1) === ch('n') && lower(i + 2) === ch('i') && lower(i + 3) === ch('t') && lower(i + 4) === ch('y')) {
      i += 5;
    }
  } else if (i + 2 < top && lower(i) === ch('n') && lower(i + 1) === ch('a') && lower(i + 2) === ch('n')) {
    i += 3;
    val = NaN;
  } else {
    const r = parseFloatInternal(text, i, top);
    if (r === undefined) return { ok: false, message: 'invalid syntax for number' };
    val = r.value;
    i = r.end;
  }
  let imag = false;
  if (allowImag && i < top && lower(i) === ch('j')) {
    if (i === valStart) val = 1;
    i++;
    imag = true;
  }
  if (neg) val = -val;
  if (i === valStart) return { ok: false, message: 'invalid syntax for number' };
  while (i < top && isSpace(text[i] ?? 0)) i++;
  if (i !== top) return { ok: false, message: 'invalid syntax for number' };
  return imag ? { ok: true, type: 'complex', real: 0, imag: val } : { ok: true, type: 'float', value: val };
}

const MANTISSA_MAX = 0x1999999999999998n;

/** mp_parse_float_internal: unsigned decimal → double; undefined when an exponent has no digits. */
function parseFloatInternal(text: Uint8Array, start: number, top: number): { value: number; end: number } | undefined {
  const IN_INTG = 0;
  const IN_FRAC = 1;
  const IN_EXP = 2;
  let where = IN_INTG;
  let expNeg = false;
  let mantissa = 0n;
  let expVal = 0;
  let expExtra = 0;
  let zerosIntg = 0;
  let zerosFrac = 0;
  const EXP_CAP = Math.trunc((Math.trunc(2147483647 / 2) - 9) / 10);
  const accept = (dig: number, inPart: number): void => {
    if (mantissa < MANTISSA_MAX) {
      if (inPart === IN_FRAC) expExtra -= 1;
      mantissa = mantissa * 10n + BigInt(dig);
    } else if (inPart === IN_INTG) {
      expExtra += 1;
    }
  };
  let i = start;
  while (i < top) {
    const c = text[i++] ?? 0;
    if (c >= 0x30 && c <= 0x39) {
      const dig = c - 0x30;
      if (where === IN_EXP) {
        if (expVal < EXP_CAP) expVal = 10 * expVal + dig;
      } else if (dig === 0 || mantissa >= MANTISSA_MAX) {
        // zeros are deferred: trailing ones must not cost precision
        if (where === IN_INTG) zerosIntg++;
        else zerosFrac++;
      } else {
        for (; zerosIntg > 0; zerosIntg--) accept(0, IN_INTG);
        for (; zerosFrac > 0; zerosFrac--) accept(0, IN_FRAC);
        accept(dig, where);
      }
    } else if (where === IN_INTG && c === ch('.')) {
      where = IN_FRAC;
    } else if (where !== IN_EXP && (c | 0x20) === ch('e')) {
      where = IN_EXP;
      if (i < top) {
        if (text[i] === ch('+')) i++;
        else if (text[i] === ch('-')) {
          i++;
          expNeg = true;
        }
      }
      if (i === top) return undefined;
    } else if (c === ch('_')) {
      continue;
    } else {
      i--;
      break;
    }
  }
  if (expNeg) expVal = -expVal;
  expVal += expExtra + zerosIntg;
  return { value: decimalExp(mantissa, expVal), end: i };
}

// ---- x87 80-bit extended precision, just enough for mp_decimal_exp -------------------------------
// A positive finite extended value is m * 2^e with 2^63 <= m < 2^64; null stands for +0, and
// 'inf' for +infinity. Only values arising from parsing (positive) are needed.

type Ext = { readonly m: bigint; readonly e: number } | 'inf' | null;

const EXT_MAX_EXP = 16383; // largest unbiased exponent of a long double
const EXT_MIN_EXP = -16382;
const TWO64 = 1n << 64n;

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** Round a positive integer x (times 2^e) to 64 significant bits, nearest-even; `sticky` = lower nonzero bits were dropped before. */
function extRound(x: bigint, e: number, sticky = false): Ext {
  const len = bitLength(x);
  let m = x;
  let exp = e;
  if (len > 64) {
    const shift = len - 64;
    const bigShift = BigInt(shift);
    const rem = x & ((1n << bigShift) - 1n);
    const half = 1n << (bigShift - 1n);
    m = x >> bigShift;
    exp += shift;
    if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) {
      m += 1n;
      if (m === TWO64) {
        m >>= 1n;
        exp += 1;
      }
    }
  } else if (len < 64) {
    m = x << BigInt(64 - len);
    exp -= 64 - len;
  }
  const top = exp + 63;
  if (top > EXT_MAX_EXP) return 'inf';
  if (top < EXT_MIN_EXP) return null; // far below any double; flushing is exact enough here
  return { m, e: exp };
}

function extMul(a: Ext, b: Ext): Ext {
  if (a === null || b === null) return null;
  if (a === 'inf' || b === 'inf') return 'inf';
  return extRound(a.m * b.m, a.e + b.e);
}

function extDiv(a: Ext, b: Ext): Ext {
  if (a === null || b === 'inf') return null;
  if (a === 'inf') return 'inf';
  if (b === null) return 'inf';
  const num = a.m << 66n;
  const q = num / b.m;
  const r = num % b.m;
  return extRound(q, a.e - b.e - 66, r !== 0n);
}

/** Multiply a double by 2^n exactly (the caller guarantees the result is representable or overflows). */
function ldexp(x: number, n: number): number {
  let v = x;
  let k = n;
  while (k > 1000) {
    v *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    v *= 2 ** -1000;
    k += 1000;
  }
  return v * 2 ** k;
}

/** (double) of an extended value: round to nearest-even at double precision, subnormals included. */
function extToDouble(x: Ext): number {
  if (x === null) return 0;
  if (x === 'inf') return Infinity;
  const topExp = x.e + 63;
  if (topExp > 1023) return Infinity;
  const lsbExp = Math.max(topExp - 52, -1074);
  const shift = lsbExp - x.e; // >= 11
  if (shift >= 66) return 0; // below half the smallest subnormal
  const bigShift = BigInt(shift);
  let q = x.m >> bigShift;
  const rem = x.m & ((1n << bigShift) - 1n);
  const half = 1n << (bigShift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  return ldexp(Number(q), lsbExp);
}

/** mp_decimal_exp with MICROPY_FLOAT_FORMAT_IMPL_EXACT: num * 10^decExp in long double, then (double). */
function decimalExp(num: bigint, decExp: number): number {
  if (decExp === 0 || num === 0n) return Number(num);
  const neg = decExp < 0;
  let k = Math.abs(decExp);
  let res = extRound(num, 0);
  let expo = extRound(10n, 0);
  while (k !== 0) {
    if (k & 1) res = neg ? extDiv(res, expo) : extMul(res, expo);
    k = Math.floor(k / 2);
    if (k !== 0) expo = extMul(expo, expo);
  }
  return extToDouble(res);
}
