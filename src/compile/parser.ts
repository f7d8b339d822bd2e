// MicroPython v1.28.0's parser (py/parse.c semantics) driven by the grammar table in grammar.ts.
//
// Why it is built this way:
// - It interprets RULE_TABLE with upstream's algorithm — an explicit rule stack and result stack, with
//   backtracking only until a rule has consumed a token — because the exact tree shape (which rules
//   collapse, where NULL children sit, which line a node records) and the exact point where a
//   SyntaxError is raised are what the back-end and the error messages depend on.
// - For speed the table is packed into typed arrays, and tables derived from it let the loop skip work
//   whose outcome is fixed by (rule, current token): rules that would fail without consuming anything
//   (FAILS), the chain of frames down to a rule's first token (computeDescent), returns that would be
//   no-ops (LIST_ENDS, OPT_ENDS) and useless backtracking frames (OR_LIVE). Each is exact: the tree,
//   the errors and the lines are those of the plain algorithm.
// - Tree simplifications and constant folding happen while nodes are built, exactly where parse.c does
//   them: atom_paren/testlist_comp rewriting, `or`/`and`/`not` folding, numeric folding (with
//   MicroPython's int/float semantics, including 63-bit host small ints vs mpz and long-double
//   float literals), `X = const(...)`, `math.pi`-style module constants, constant tuples, and the
//   discarding of bare constant statements (docstrings) as `pass`.
// - Strings follow upstream's interning rule: a str literal of at most 10 UTF-8 bytes is interned
//   (a STRING leaf); a longer one is a STRING leaf only if that exact qstr already exists at that point
//   (a static qstr of the mpy-cross build, the file name, or any name/short string seen earlier in the
//   file); otherwise it is a const_object str. This is order-dependent, as upstream.
// - Errors are CompileError with upstream's message and the line of the current token (no block).
//
// Verified by comparing mp_parse_node_print output of an mpy-cross v1.28.0 built with
// MICROPY_DEBUG_PRINTERS over the pyodide stdlib (559 files, default and -msmall-int-bits=63), the
// corpus, and fuzzed/mutated sources: identical trees, or identical error text.
//
// Deliberate deviations: folding results whose size would exceed ~1 MiB are not folded (upstream's
// outcome there depends on its GC heap); float `**` uses JS exponentiation, which may differ from
// glibc's pow in the last bit in rare cases.

import { CompileError } from './errors.js';
import { RULE_COUNT, RULE_TABLE, Rule, type RuleDef } from './grammar.js';
import {
  BYTE_STRINGS,
  ByteStrings,
  Lexer,
  HOST_SMALL_INT_MAX,
  HOST_SMALL_INT_MIN,
  decodeTokenBytes,
  parseDecimalLiteral,
  parseIntegerLiteral,
  qstrKey,
} from './lexer.js';
import {
  type ConstNode,
  type ConstValue,
  type LeafNode,
  type ParseNode,
  type RuleId,
  type StructNode,
  constNodeValue,
  isConstFalse,
  isConstNode,
  isConstTrue,
  isId,
  isStructKind,
  newConst,
  newId,
  newSmallInt,
  newString,
  newStruct,
  newToken,
} from './parse-node.js';
import { Tok } from './tokens.js';

export type ParseMode = 'file' | 'single' | 'eval';

export interface ParseOptions {
  /** mpy-cross -O level; `__debug__` is True only at 0 */
  readonly optimize?: number;
  /** target small-int width (mpy-cross -msmall-int-bits, default 31) */
  readonly smallIntBits?: number;
  /**
   * qstrs that exist before parsing starts besides the build's static ones. The file name is always
   * added (mpy-cross interns it when opening the file).
   */
  readonly internedNames?: Iterable<string>;
}

export interface ParseResult {
  readonly root: ParseNode;
  readonly sourceName: string;
  /**
   * every qstr that exists after parsing (static + interned while parsing), for tools and tests; a
   * qstr whose bytes are not valid UTF-8 appears as NUL + the bytes in latin1
   */
  readonly qstrs: ReadonlySet<string>;
}

/**
 * Static qstrs of the v1.28.0 mpy-cross build longer than MICROPY_ALLOC_PARSE_INTERN_STRING_LEN (10)
 * bytes: only these can make a long string literal a STRING leaf without it appearing earlier in the
 * file. Shorter static qstrs need not be listed, as short strings are always interned.
 */
const LONG_STATIC_QSTRS: readonly string[] = [
  '__delitem__', '__getattr__', '__getitem__', '__qualname__', '__setitem__', 'ArithmeticError',
  'AssertionError', 'AttributeError', 'BaseException', 'GeneratorExit', 'ImportError', 'IndentationError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'NotImplementedError', 'OverflowError', 'RuntimeError',
  'StopIteration', 'SyntaxError', 'ZeroDivisionError', 'classmethod', 'micropython', 'staticmethod',
  'Interpolation', 'StopAsyncIteration', 'UnicodeError', 'ViperTypeError', '__build_class__', '__complex__',
  '__contains__', '__repl_print__', '__reversed__', '__template__', '__traceback__', 'bound_method',
  'difference_update', 'format_spec', 'heap_unlock', 'interpolations', 'intersection', 'intersection_update',
  'maximum recursion depth exceeded', 'string.templatelib', 'symmetric_difference',
  'symmetric_difference_update', 'templatelib', 'unpack_from', 'vcvt_f32_s32', 'vcvt_s32_f32',
];

const INTERN_STRING_LEN = 10; // MICROPY_ALLOC_PARSE_INTERN_STRING_LEN
const QSTR_MAX_LEN = 255; // MICROPY_QSTR_BYTES_IN_LEN = 1
const FOLD_MAX_BITS = 8 * 1024 * 1024; // see the header: larger folds are left to runtime

export { decodeTokenBytes, type DecodedBytes } from './byte-strings.js';

/** decodeTokenBytes(b).text */
export function decodeUtf8(b: Uint8Array): string {
  return decodeTokenBytes(b).text;
}

// ---- numbers as upstream's folding sees them ------------------------------------------------------

/**
 * An int (with whether upstream holds it as an mpz rather than a host small int) or a float. A float
 * may carry the constant object it came from: upstream de-duplicates constants by identity for NaN,
 * so `math.nan` (one shared object) and `+x` (the same object) must keep theirs.
 */
type Num =
  | { readonly kind: 'int'; readonly v: bigint; readonly mpz: boolean }
  | { readonly kind: 'float'; readonly v: number; readonly obj?: ConstValue };

const enum BinOp {
  OR,
  XOR,
  AND,
  LSHIFT,
  RSHIFT,
  ADD,
  SUBTRACT,
  MULTIPLY,
  MAT_MULTIPLY,
  FLOOR_DIVIDE,
  TRUE_DIVIDE,
  MODULO,
  POWER,
}

function inHostRange(v: bigint): boolean {
  return v >= HOST_SMALL_INT_MIN && v <= HOST_SMALL_INT_MAX;
}

function intNum(v: bigint): Num {
  return { kind: 'int', v, mpz: !inHostRange(v) };
}

function bitLen(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).length;
}

/** mpz_as_float: accumulates 32-bit digits (MPZ_DIG_SIZE on x86-64) from the top, rounding each step. */
export function mpzAsFloat(v: bigint): number {
  const neg = v < 0n;
  let a = neg ? -v : v;
  if (a < 1n << 64n) return Number(v); // at most two digits: a single, correctly rounded step
  const digits: number[] = [];
  while (a > 0n) {
    digits.push(Number(a & 0xffffffffn));
    a >>= 32n;
  }
  let val = 0;
  for (let i = digits.length - 1; i >= 0; i--) val = val * 4294967296 + (digits[i] ?? 0);
  return neg ? -val : val;
}

function numToFloat(n: Num): number {
  return n.kind === 'float' ? n.v : mpzAsFloat(n.v);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function copysign0(y: number): number {
  return y < 0 || Object.is(y, -0) ? -0 : 0;
}

/** mp_obj_float_binary_op; undefined when upstream raises or the op is unsupported/complex. */
function floatBinaryOp(op: BinOp, x: number, y: number): number | undefined {
  switch (op) {
    case BinOp.ADD:
      return x + y;
    case BinOp.SUBTRACT:
      return x - y;
    case BinOp.MULTIPLY:
      return x * y;
    case BinOp.TRUE_DIVIDE:
      return y === 0 ? undefined : x / y;
    case BinOp.FLOOR_DIVIDE: {
      if (y === 0) return undefined;
      let mod = x % y;
      let div = (x - mod) / y;
      if (mod === 0) {
        mod = copysign0(y);
      } else if ((mod < 0) !== (y < 0)) {
        mod += y;
        div -= 1;
      }
      if (div === 0) return copysign0(x / y);
      let fd = Math.floor(div);
      if (div - fd > 0.5) fd += 1;
      return fd;
    }
    case BinOp.MODULO: {
      if (y === 0) return undefined;
      let r = x % y;
      if (r === 0) r = copysign0(y);
      else if ((r < 0) !== (y < 0)) r += y;
      return r;
    }
    case BinOp.POWER:
      if (x === 0 && y < 0 && Number.isFinite(y)) return undefined; // ZeroDivisionError
      if (x < 0 && y !== Math.floor(y) && !Number.isNaN(y)) return undefined; // complex result
      // C's pow differs from JS ** here: pow(1, y) is 1 for any y, pow(-1, ±inf) is 1
      if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
      return x ** y;
    default:
      return undefined;
  }
}

/** mp_binary_op on two numbers, as parse.c's binary_op_maybe sees it. */
function binaryOp(op: BinOp, a: Num, b: Num): Num | undefined {
  if (a.kind === 'float' || b.kind === 'float') {
    const r = floatBinaryOp(op, numToFloat(a), numToFloat(b));
    return r === undefined ? undefined : { kind: 'float', v: r };
  }
  const x = a.v;
  const y = b.v;
  switch (op) {
    case BinOp.OR:
      return intNum(x | y);
    case BinOp.XOR:
      return intNum(x ^ y);
    case BinOp.AND:
      return intNum(x & y);
    case BinOp.LSHIFT:
    case BinOp.RSHIFT: {
      if (y < 0n) return undefined; // ValueError: negative shift count
      if (a.mpz || b.mpz) {
        // mpz path: the count must fit a machine int (OverflowError otherwise)
        if (y > (1n << 63n) - 1n) return undefined;
      }
      // Exact in both of upstream's paths: a machine-word lhs shifted by >= 64 is capped at 63, which
      // gives the same 0 / -1 as the exact shift; a big-int lhs shifts by the full count.
      if (op === BinOp.RSHIFT) return intNum(x >> y);
      if (x === 0n) return intNum(0n);
      if (bitLen(x) + Number(y) > FOLD_MAX_BITS) return undefined;
      return intNum(x << y);
    }
    case BinOp.ADD:
      return intNum(x + y);
    case BinOp.SUBTRACT:
      return intNum(x - y);
    case BinOp.MULTIPLY:
      if (bitLen(x) + bitLen(y) > FOLD_MAX_BITS) return undefined;
      return intNum(x * y);
    case BinOp.FLOOR_DIVIDE:
      return y === 0n ? undefined : intNum(floorDiv(x, y));
    case BinOp.MODULO:
      return y === 0n ? undefined : intNum(floorMod(x, y));
    case BinOp.TRUE_DIVIDE:
      return y === 0n ? undefined : { kind: 'float', v: mpzAsFloat(x) / mpzAsFloat(y) };
    case BinOp.POWER: {
      if (y < 0n) {
        const r = floatBinaryOp(BinOp.POWER, mpzAsFloat(x), mpzAsFloat(y));
        return r === undefined ? undefined : { kind: 'float', v: r };
      }
      if (x === 0n || x === 1n || x === -1n) return intNum(y === 0n ? 1n : x === -1n && (y & 1n) === 0n ? 1n : x);
      if (y > BigInt(FOLD_MAX_BITS) || bitLen(x) * Number(y) > FOLD_MAX_BITS) return undefined;
      return intNum(x ** y);
    }
    case BinOp.MAT_MULTIPLY:
      return undefined;
  }
}

// ---- the parser ---------------------------------------------------------------------------------

/** The rule stack: parsing pushes and pops a frame (rule, argument index, line) per rule attempt. */
class RuleStack {
  rule = new Int32Array(256);
  argI = new Int32Array(256);
  line = new Int32Array(256);
  top = 0;
  push(rule: Rule, i: number, line: number): void {
    const t = this.top;
    if (t === this.rule.length) this.grow();
    this.rule[t] = rule;
    this.argI[t] = i;
    this.line[t] = line;
    this.top = t + 1;
  }
  private grow(): void {
    const n = this.rule.length * 2;
    const r = new Int32Array(n);
    const a = new Int32Array(n);
    const l = new Int32Array(n);
    r.set(this.rule);
    a.set(this.argI);
    l.set(this.line);
    this.rule = r;
    this.argI = a;
    this.line = l;
  }
  /** rule id `n` frames below the top (peek_rule) */
  peekRule(n: number): Rule | undefined {
    return this.top > n ? (this.rule[this.top - 1 - n] as Rule) : undefined;
  }
}

// The rule table packed into typed arrays for the hot loop, as upstream packs it: per rule a numeric
// kind, the 4-bit n and the offset of its arguments; each argument a 16-bit word tagged TOK/RULE/OPT.
const K_OR = 0;
const K_AND = 1;
const K_AND_IDENT = 2;
const K_AND_BLANK = 3;
const K_LIST = 4;
const A_TOK = 0x1000;
const A_RULE = 0x2000;
const A_OPT = 0x3000;
const A_TAG = 0xf000;
const A_VAL = 0x0fff;
const NUM_TOKS = 128; // > Tok.NUMBER_OF: row stride of FAILS

const R_KIND = new Uint8Array(RULE_COUNT);
const R_N = new Uint8Array(RULE_COUNT);
const R_ARGS = new Uint16Array(RULE_COUNT);
const ARGS: Uint16Array = (() => {
  const words: number[] = [];
  for (let r = 0; r < RULE_COUNT; r++) {
    const def = RULE_TABLE[r] as RuleDef;
    R_KIND[r] =
      def.kind === 'or' ? K_OR : def.kind === 'and' ? K_AND : def.kind === 'and_ident' ? K_AND_IDENT : def.kind === 'and_blank' ? K_AND_BLANK : K_LIST;
    R_N[r] = def.n;
    R_ARGS[r] = words.length;
    for (const a of def.args) words.push(a.kind === 'tok' ? A_TOK | a.tok : (a.kind === 'rule' ? A_RULE : A_OPT) | a.rule);
  }
  return Uint16Array.from(words);
})();

/**
 * FAILS[rule * NUM_TOKS + tok] is 1 when trying `rule` with `tok` as the current token fails without
 * consuming a token, pushing a result or raising, so the parser need not try it: skipping it gives the
 * same tree, the same errors and the same lines. Derived from the algorithm in run(): an `or` fails so
 * when every alternative does; an `and` or list rule when its first argument does (an optional first
 * argument never fails: it records NULL and the rule goes on). Anything unsure (recursion) is 0.
 */
const FAILS: Uint8Array = (() => {
  const memo = new Uint8Array(RULE_COUNT * NUM_TOKS); // 0 unknown, 1 in progress, 2 fails, 3 not
  const argFails = (arg: number, t: number): boolean => {
    const tag = arg & A_TAG;
    if (tag === A_TOK) return (arg & A_VAL) !== t;
    if (tag === A_OPT) return false;
    return fails(arg & A_VAL, t);
  };
  const fails = (r: number, t: number): boolean => {
    const k = r * NUM_TOKS + t;
    const m = memo[k] as number;
    if (m !== 0) return m === 2;
    memo[k] = 1;
    let result: boolean;
    const a0 = R_ARGS[r] as number;
    if (r === Rule.const_object) result = false;
    else if (R_KIND[r] === K_OR) {
      result = true;
      for (let i = 0; i < (R_N[r] as number); i++) {
        const arg = ARGS[a0 + i] as number;
        if ((arg & A_TAG) === A_OPT || !argFails(arg, t)) {
          result = false;
          break;
        }
      }
    } else {
      result = argFails(ARGS[a0] as number, t);
    }
    memo[k] = result ? 2 : 3;
    return result;
  };
  const out = new Uint8Array(RULE_COUNT * NUM_TOKS);
  for (let r = 0; r < RULE_COUNT; r++) for (let t = 0; t < Tok.NUMBER_OF; t++) out[r * NUM_TOKS + t] = fails(r, t) ? 1 : 0;
  return out;
})();

/**
 * OR_LIVE[argIndex * NUM_TOKS + tok] is 1 when some alternative of an `or` rule from argument
 * `argIndex` (an index into ARGS) on can match `tok`. The parser only pushes an `or` rule's
 * backtracking frame when this holds: an alternative that fails does so without consuming a token,
 * so the later ones would be tried on the same token, and if they all fail silently the frame only
 * passes the failure on.
 */
const OR_LIVE: Uint8Array = (() => {
  const out = new Uint8Array((ARGS.length + 1) * NUM_TOKS);
  for (let r = 0; r < RULE_COUNT; r++) {
    if (R_KIND[r] !== K_OR) continue;
    const a0 = R_ARGS[r] as number;
    const n = R_N[r] as number;
    for (let t = 0; t < Tok.NUMBER_OF; t++) {
      let live = 0;
      for (let i = n - 1; i >= 0; i--) {
        const arg = ARGS[a0 + i] as number;
        const v = arg & A_VAL;
        if ((arg & A_TAG) === A_TOK ? v === t : FAILS[v * NUM_TOKS + t] === 0) live = 1;
        out[(a0 + i) * NUM_TOKS + t] = live;
      }
    }
  }
  return out;
})();

/**
 * LIST_ENDS[rule * NUM_TOKS + tok] is 1 for a list rule whose first item has just been parsed when
 * `tok` cannot continue it (the separator token or rule cannot start there, or for item+ another
 * item cannot): the loop would then leave the single item unwrapped and do nothing else.
 */
const LIST_ENDS: Uint8Array = (() => {
  const out = new Uint8Array(RULE_COUNT * NUM_TOKS);
  for (let r = 0; r < RULE_COUNT; r++) {
    if (R_KIND[r] !== K_LIST || r === Rule.const_object) continue;
    const n = R_N[r] as number;
    const a0 = R_ARGS[r] as number;
    for (let t = 0; t < Tok.NUMBER_OF; t++) {
      let ends = false;
      if (n === 2) {
        const item = ARGS[a0] as number;
        ends = (item & A_TAG) === A_TOK ? (item & A_VAL) !== t : FAILS[(item & A_VAL) * NUM_TOKS + t] === 1;
      } else {
        const sep = ARGS[a0 + 1] as number;
        ends = (sep & A_TAG) === A_TOK ? (sep & A_VAL) !== t : FAILS[(sep & A_VAL) * NUM_TOKS + t] === 1;
      }
      out[r * NUM_TOKS + t] = ends ? 1 : 0;
    }
  }
  return out;
})();

/**
 * OPT_ENDS[rule * NUM_TOKS + tok] is 1 for an and_ident rule `X [Y]` (e.g. power: atom_expr
 * [** factor]) when `tok` cannot start Y: once X is parsed, and if its result is not NULL, the loop
 * would record NULL for Y and then pass X through, leaving the result stack as it was. (expr_stmt is
 * left out: its docstring check looks at that NULL.)
 */
const OPT_ENDS: Uint8Array = (() => {
  const out = new Uint8Array(RULE_COUNT * NUM_TOKS);
  for (let r = 0; r < RULE_COUNT; r++) {
    if (R_KIND[r] !== K_AND_IDENT || R_N[r] !== 2 || r === Rule.expr_stmt) continue;
    const a0 = R_ARGS[r] as number;
    const x = ARGS[a0] as number;
    const y = ARGS[a0 + 1] as number;
    if ((x & A_TAG) !== A_RULE || (y & A_TAG) !== A_OPT) continue;
    for (let t = 0; t < Tok.NUMBER_OF; t++) out[r * NUM_TOKS + t] = FAILS[(y & A_VAL) * NUM_TOKS + t] === 1 ? 1 : 0;
  }
  return out;
})();

/**
 * What the main loop does from pushing `rule` with `tok` current until it consumes that token is fixed
 * by (rule, tok) alone: a chain of frames (each rule with the argument index it resumes at) down to
 * the rule that matches the token. DESC_AT/descPool cache that chain, so the loop pushes it in one
 * go instead of popping and re-pushing a frame per level (test → or_test → … → atom is ~15 levels).
 *
 * Layout: [orRule, rule0, i0, rule1, i1, ...]. The frames are pushed in order, all with the current
 * token's line. orRule >= 0 means that `or` rule matches the token itself (the loop would push the
 * token and advance); otherwise the last frame is (rule, 0) and the loop goes on from there (an
 * `and`/list rule starting with a token or an optional rule, or anything unusual).
 */
// Descents are appended to one pool as [frame words, orRule, frames...]; DESC_AT[rule * NUM_TOKS +
// tok] is where a computed one starts (0: not computed yet), so a lookup touches two flat arrays.
const DESC_AT = new Int32Array(RULE_COUNT * NUM_TOKS);
let descPool = new Int32Array(1 << 12);
let descPoolLen = 1;

function addDescent(rule: number, tok: number): number {
  const d = computeDescent(rule, tok);
  const need = descPoolLen + d.length + 1;
  if (need > descPool.length) {
    const n = new Int32Array(Math.max(descPool.length * 2, need));
    n.set(descPool.subarray(0, descPoolLen));
    descPool = n;
  }
  const at = descPoolLen;
  descPool[at] = d.length - 1;
  descPool.set(d, at + 1);
  descPoolLen = need;
  DESC_AT[rule * NUM_TOKS + tok] = at;
  return at;
}

function computeDescent(rule: number, tok: number): Int32Array {
  const out: number[] = [-1];
  let cur = rule;
  for (let depth = 0; depth < 64; depth++) {
    const n = R_N[cur] as number;
    const a0 = R_ARGS[cur] as number;
    let next = -1;
    if (R_KIND[cur] === K_OR) {
      for (let i = 0; i < n; i++) {
        const arg = ARGS[a0 + i] as number;
        const v = arg & A_VAL;
        if ((arg & A_TAG) === A_TOK) {
          if (v === tok) {
            out[0] = cur;
            return Int32Array.from(out);
          }
        } else if (FAILS[v * NUM_TOKS + tok] === 0) {
          if (i + 1 < n && OR_LIVE[(a0 + i + 1) * NUM_TOKS + tok] === 1) out.push(cur, i + 1);
          next = v;
          break;
        }
      }
    } else {
      const arg = ARGS[a0] as number;
      const v = arg & A_VAL;
      if ((arg & A_TAG) === A_RULE && FAILS[v * NUM_TOKS + tok] === 0) {
        out.push(cur, 1);
        next = v;
      }
    }
    if (next < 0) break;
    cur = next;
  }
  out.push(cur, 0);
  return Int32Array.from(out);
}

/**
 * The value of a plain decimal literal of up to 15 digits ("0" or no leading zero, no '_'), which is
 * what parseIntegerLiteral would return for it; -1 for anything else (left to parseIntegerLiteral).
 */
function decimalTokenValue(b: Uint8Array, len: number): number {
  if (len === 0 || len > 15) return -1;
  const c0 = b[0] as number;
  if (c0 === 0x30) return len === 1 ? 0 : -1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    const c = (b[i] as number) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ID and STRING leaves are values upstream too (a tagged qstr), so the leaf for a byte string is made
 * once and shared, kept in its BYTE_STRINGS entry (slot 2e for the ID leaf, 2e + 1 for the STRING).
 */
function leafFor(e: number, kind: 'id' | 'str'): ParseNode {
  const k = kind === 'id' ? 2 * e : 2 * e + 1;
  let leaf = BYTE_STRINGS.slots[k] as LeafNode | undefined;
  if (leaf === undefined) {
    const text = BYTE_STRINGS.text[e] as string;
    const raw = BYTE_STRINGS.raw[e];
    leaf = kind === 'id' ? newId(text, raw) : newString(text, raw);
    BYTE_STRINGS.slots[k] = leaf;
  }
  return leaf;
}

/** Small-int leaves for literals 0..255, shared like the other value leaves. */
const SMALL_INT_LEAVES: readonly ParseNode[] = Array.from({ length: 256 }, (_, i) => newSmallInt(i));

/** TOKEN leaves are values upstream (tagged words), so one node per token kind is shared. */
const TOKEN_NODES: readonly ParseNode[] = Array.from({ length: Tok.NUMBER_OF }, (_, t) => newToken(t as Tok));

function sharedFloat(v: number): ConstValue {
  return Object.freeze({ type: 'float', value: v });
}

const MODULE_CONSTANTS: ReadonlyMap<string, ReadonlyMap<string, ConstValue>> = new Map([
  // MICROPY_COMP_MODULE_CONST with mpy-cross's options: only math (errno and uctypes are off). Each is
  // one object shared by every use, as the math module's constants are upstream.
  [
    'math',
    new Map([
      ['e', sharedFloat(Math.E)],
      ['pi', sharedFloat(Math.PI)],
      ['tau', sharedFloat(2 * Math.PI)],
      ['inf', sharedFloat(Infinity)],
      ['nan', sharedFloat(NaN)],
    ]),
  ],
]);

class Parser {
  private readonly lex: Lexer;
  private readonly sourceName: string;
  private readonly mode: ParseMode;
  private readonly smallIntBits: number;
  /** the target's small-int range */
  private readonly smallIntMax: bigint;
  private readonly smallIntMin: bigint;
  private readonly smallIntMaxNum: number;
  readonly qstrs: Set<string>;
  private readonly rules = new RuleStack();
  private readonly results: ParseNode[] = [];
  /** `NAME = const(value)` definitions; mpz marks an int upstream holds as an mpz */
  private readonly consts = new Map<string, { value: ConstValue; mpz: boolean }>();
  /** int const nodes whose upstream object is an mpz although the value fits a host small int */
  private readonly mpzConsts = new WeakSet<ConstNode>();
  /** BYTE_STRINGS stamp of this parse: an entry carrying it is already in qstrs */
  private readonly mark = BYTE_STRINGS.newMark();

  constructor(lex: Lexer, mode: ParseMode, options: ParseOptions) {
    this.lex = lex;
    this.sourceName = lex.sourceName;
    this.mode = mode;
    this.smallIntBits = options.smallIntBits ?? 31;
    this.smallIntMax = (1n << BigInt(this.smallIntBits - 1)) - 1n;
    this.smallIntMin = -(1n << BigInt(this.smallIntBits - 1));
    this.smallIntMaxNum = Number(this.smallIntMax);
    this.qstrs = new Set(LONG_STATIC_QSTRS);
    this.qstrs.add(lex.sourceName);
    for (const q of options.internedNames ?? []) this.qstrs.add(q);
  }

  private syntaxError(): CompileError {
    const tok = this.lex.tokKind;
    const line = this.lex.tokLine;
    if (tok === Tok.INDENT) return new CompileError('IndentationError', 'unexpected indent', this.sourceName, line);
    if (tok === Tok.DEDENT_MISMATCH) {
      return new CompileError('IndentationError', "unindent doesn't match any outer indent level", this.sourceName, line);
    }
    if (tok === Tok.MALFORMED_FSTRING) return new CompileError('SyntaxError', 'malformed f-string', this.sourceName, line);
    return new CompileError('SyntaxError', 'invalid syntax', this.sourceName, line);
  }

  private intern(key: string, byteLength: number): void {
    if (!this.qstrs.has(key)) {
      if (byteLength > QSTR_MAX_LEN) throw new CompileError('RuntimeError', 'name too long', undefined, undefined);
      this.qstrs.add(key);
    }
  }

  // -- result stack --

  private peek(pos: number): ParseNode {
    const n = this.results[this.results.length - 1 - pos];
    if (n === undefined) throw new Error('parser result stack underflow');
    return n;
  }

  private pop(): ParseNode {
    if (this.results.length === 0) throw new Error('parser result stack underflow');
    return this.results.pop() as ParseNode;
  }

  private push(pn: ParseNode): void {
    this.results.push(pn);
  }

  // -- constants --

  private fitsTarget(v: bigint): boolean {
    return v >= this.smallIntMin && v <= this.smallIntMax;
  }

  /** make_node_const_object_optimised */
  private makeOptimised(n: Num, line: number): ParseNode {
    if (n.kind === 'int') {
      if (!n.mpz && this.fitsTarget(n.v)) return newSmallInt(n.v);
      const node = newConst({ type: 'int', value: n.v }, line);
      if (n.mpz && inHostRange(n.v)) this.mpzConsts.add(node);
      return node;
    }
    return newConst(n.obj ?? { type: 'float', value: n.v }, line);
  }

  /** make_node_const_object_optimised for a value taken from the consts table */
  private makeOptimisedValue(value: ConstValue, mpz: boolean, line: number): ParseNode {
    if (value.type === 'int') return this.makeOptimised({ kind: 'int', v: value.value, mpz }, line);
    return newConst(value, line);
  }

  /** mp_parse_node_get_number_maybe (ints and floats only) */
  private numberOf(pn: ParseNode): Num | undefined {
    if (pn === null) return undefined;
    if (pn.kind === 'int') return { kind: 'int', v: pn.value, mpz: false };
    if (pn.kind === 'struct' && pn.rule === Rule.const_object) {
      const v = pn.value;
      if (v.type === 'int') return { kind: 'int', v: v.value, mpz: !inHostRange(v.value) || this.mpzConsts.has(pn) };
      if (v.type === 'float') return { kind: 'float', v: v.value, obj: v };
    }
    return undefined;
  }

  /** whether the (int) object behind a constant node is an mpz upstream */
  private isMpz(pn: ParseNode): boolean {
    if (pn !== null && pn.kind === 'struct' && pn.rule === Rule.const_object && pn.value.type === 'int') {
      return !inHostRange(pn.value.value) || this.mpzConsts.has(pn);
    }
    return false;
  }

  // -- leaves --

  /** push_result_token */
  private pushToken(rule: Rule): void {
    const lex = this.lex;
    const kind = lex.tokKind;
    let pn: ParseNode;
    switch (kind) {
      case Tok.NAME: {
        const e = lex.tokEntry;
        const key = BYTE_STRINGS.key[e] as string;
        if (BYTE_STRINGS.marks[e] !== this.mark) {
          // first time in this parse (the mark saves a Set lookup for every later use)
          this.intern(key, lex.tokDataLength());
          BYTE_STRINGS.marks[e] = this.mark;
        }
        const c = rule === Rule.atom && this.consts.size !== 0 ? this.consts.get(key) : undefined;
        if (c !== undefined) pn = this.makeOptimisedValue(c.value, c.mpz, lex.tokLine);
        else pn = leafFor(e, 'id');
        break;
      }
      case Tok.INTEGER: {
        const small = decimalTokenValue(lex.tokBuffer(), lex.tokDataLength());
        if (small >= 0) {
          pn =
            small < SMALL_INT_LEAVES.length && small <= this.smallIntMaxNum
              ? (SMALL_INT_LEAVES[small] as ParseNode)
              : this.makeOptimised({ kind: 'int', v: BigInt(small), mpz: false }, lex.tokLine);
          break;
        }
        const r = parseIntegerLiteral(lex.tokData());
        if (!r.ok) throw new CompileError('SyntaxError', r.message, this.sourceName, lex.tokLine);
        pn = this.makeOptimised(intNum(r.value), lex.tokLine);
        break;
      }
      case Tok.FLOAT_OR_IMAG: {
        const r = parseDecimalLiteral(lex.tokData(), true);
        if (!r.ok) throw new CompileError('SyntaxError', r.message, this.sourceName, lex.tokLine);
        pn = newConst(r.type === 'float' ? { type: 'float', value: r.value } : { type: 'complex', real: r.real, imag: r.imag }, lex.tokLine);
        break;
      }
      case Tok.STRING: {
        const len = lex.tokDataLength();
        let s: string;
        let raw: Uint8Array | undefined;
        let key: string;
        if (len <= ByteStrings.MAX_LEN) {
          const e = BYTE_STRINGS.lookup(lex.tokBuffer(), 0, len);
          s = BYTE_STRINGS.text[e] as string;
          raw = BYTE_STRINGS.raw[e];
          if (BYTE_STRINGS.marks[e] === this.mark) {
            this.results.push(leafFor(e, 'str')); // already a qstr of this parse
            return;
          }
          key = BYTE_STRINGS.key[e] as string;
          if (len <= INTERN_STRING_LEN) {
            BYTE_STRINGS.marks[e] = this.mark;
            this.qstrs.add(key);
            this.results.push(leafFor(e, 'str'));
            return;
          }
        } else {
          const d = decodeTokenBytes(lex.tokData());
          s = d.text;
          raw = d.raw;
          key = qstrKey(s, raw);
        }
        if (len <= INTERN_STRING_LEN) {
          this.qstrs.add(key);
          pn = newString(s, raw);
        } else if (this.qstrs.has(key)) {
          pn = newString(s, raw);
        } else {
          pn = newConst(raw === undefined ? { type: 'str', value: s } : { type: 'str', value: s, raw }, lex.tokLine);
        }
        break;
      }
      case Tok.BYTES:
        pn = newConst({ type: 'bytes', value: lex.tokData().slice() }, lex.tokLine);
        break;
      default:
        pn = TOKEN_NODES[kind] as ParseNode;
    }
    this.results.push(pn);
  }

  // -- building rules --

  /** push_result_rule: simplify, fold, or build a struct node from the top `numArgs` results. */
  private pushResultRule(line: number, rule: Rule, numArgs: number): void {
    let n = numArgs;
    if (rule === Rule.atom_paren) {
      const pn = this.peek(0);
      // parentheses only matter for () and (a, b, ...); around one expression they vanish
      if (pn !== null && !isStructKind(pn, Rule.testlist_comp)) return;
    } else if (rule === Rule.testlist_comp) {
      const pn = this.peek(0);
      if (pn !== null && pn.kind === 'struct') {
        if (pn.rule === Rule.testlist_comp_3b) {
          // one item with a trailing comma
          this.pop();
          n -= 1;
        } else if (pn.rule === Rule.testlist_comp_3c) {
          // several items: the 3c node already holds them all; it becomes the testlist_comp
          this.pop();
          pn.rule = Rule.testlist_comp;
          return;
        }
      }
    } else if (rule === Rule.testlist_comp_3c) {
      // steal the first item, which the enclosing testlist_comp pushed
      n += 1;
    }

    const logical = this.foldLogical(rule, n);
    if (logical === true) return;
    n = logical;
    if (this.foldConstants(rule, n)) return;
    if (this.buildTuple(line, rule, n)) return;

    // (built by push so the array is PACKED_ELEMENTS, see parse-node.ts; splice is slower)
    const results = this.results;
    const base = results.length - n;
    let nodes: ParseNode[];
    // exact-size literals for the common small counts (push from [] would reserve 17 slots)
    if (n === 2) nodes = [results[base] as ParseNode, results[base + 1] as ParseNode];
    else if (n === 3) nodes = [results[base] as ParseNode, results[base + 1] as ParseNode, results[base + 2] as ParseNode];
    else if (n === 1) nodes = [results[base] as ParseNode];
    else if (n === 4) {
      nodes = [results[base] as ParseNode, results[base + 1] as ParseNode, results[base + 2] as ParseNode, results[base + 3] as ParseNode];
    } else {
      nodes = [];
      for (let k = base; k < base + n; k++) nodes.push(results[k] as ParseNode);
    }
    for (let k = 0; k < n; k++) results.pop();
    const node = newStruct(rule as RuleId, line, nodes);
    if (rule === Rule.testlist_comp_3c) {
      // stands in for the stolen first item of the enclosing testlist_comp
      this.push(node);
    }
    this.push(node);
  }

  /** fold_logical_constants: returns true when fully folded, else the (possibly reduced) arg count. */
  private foldLogical(rule: Rule, numArgs: number): true | number {
    if (rule === Rule.or_test || rule === Rule.and_test) {
      const isOr = rule === Rule.or_test;
      const base = this.results.length - numArgs;
      const operands = this.results.slice(base);
      let kept = 0;
      for (let k = 0; k < operands.length; k++) {
        const pn = operands[k] ?? null;
        this.results[base + kept] = pn;
        if (k === operands.length - 1) {
          kept += 1; // the last operand is always kept
          break;
        }
        // a constant that decides the result ends the chain; one that cannot is dropped
        if (isOr ? isConstTrue(pn) : isConstFalse(pn)) {
          kept += 1;
          break;
        }
        if (!(isOr ? isConstFalse(pn) : isConstTrue(pn))) kept += 1;
      }
      this.results.length = base + kept;
      return kept === 1 ? true : kept;
    }
    if (rule === Rule.not_test_2) {
      const pn = this.peek(0);
      let r: ParseNode;
      if (isConstFalse(pn)) r = TOKEN_NODES[Tok.KW_TRUE] as ParseNode;
      else if (isConstTrue(pn)) r = TOKEN_NODES[Tok.KW_FALSE] as ParseNode;
      else return numArgs;
      this.pop();
      this.push(r);
      return true;
    }
    return numArgs;
  }

  /** fold_constants: arithmetic, const() definitions and module constants. */
  private foldConstants(rule: Rule, numArgs: number): boolean {
    let result: Num | undefined;
    switch (rule) {
      case Rule.expr:
      case Rule.xor_expr:
      case Rule.and_expr:
      case Rule.power: {
        const op =
          rule === Rule.expr ? BinOp.OR : rule === Rule.xor_expr ? BinOp.XOR : rule === Rule.and_expr ? BinOp.AND : BinOp.POWER;
        let acc = this.numberOf(this.peek(numArgs - 1));
        for (let i = numArgs - 2; i >= 0 && acc !== undefined; i--) {
          const rhs = this.numberOf(this.peek(i));
          acc = rhs === undefined ? undefined : binaryOp(op, acc, rhs);
        }
        result = acc;
        break;
      }
      case Rule.shift_expr:
      case Rule.arith_expr:
      case Rule.term: {
        let acc = this.numberOf(this.peek(numArgs - 1));
        for (let i = numArgs - 2; i >= 1 && acc !== undefined; i -= 2) {
          const rhs = this.numberOf(this.peek(i - 1));
          const opTok = this.peek(i);
          if (rhs === undefined || opTok === null || opTok.kind !== 'tok') {
            acc = undefined;
            break;
          }
          acc = binaryOp(BinOp.LSHIFT + (opTok.tok - Tok.OP_DBL_LESS), acc, rhs);
        }
        result = acc;
        break;
      }
      case Rule.factor_2: {
        const arg = this.numberOf(this.peek(0));
        const opTok = this.peek(1);
        if (arg === undefined || opTok === null || opTok.kind !== 'tok') return false;
        if (opTok.tok === Tok.OP_TILDE) {
          if (arg.kind !== 'int') return false;
          // an mpz stays an mpz through unary ops; a small int is re-normalised
          result = { kind: 'int', v: ~arg.v, mpz: arg.mpz || !inHostRange(~arg.v) };
        } else if (opTok.tok === Tok.OP_MINUS) {
          result = arg.kind === 'int' ? { kind: 'int', v: -arg.v, mpz: arg.mpz || !inHostRange(-arg.v) } : { kind: 'float', v: -arg.v };
        } else {
          result = arg;
        }
        break;
      }
      case Rule.expr_stmt:
        return this.foldConstDefinition();
      case Rule.atom_expr_normal: {
        const base = this.peek(1);
        const trailer = this.peek(0);
        if (!isId(base) || !isStructKind(trailer, Rule.trailer_period)) return false;
        const attr = trailer.nodes[0] ?? null;
        const table = MODULE_CONSTANTS.get(base.name);
        if (table === undefined || !isId(attr)) return false;
        const v = table.get(attr.name);
        if (v === undefined || v.type !== 'float') return false;
        result = { kind: 'float', v: v.value, obj: v };
        break;
      }
      default:
        return false;
    }
    if (result === undefined) return false;
    for (let i = 0; i < numArgs; i++) this.pop();
    this.push(this.makeOptimised(result, 0));
    return true;
  }

  /**
   * The MICROPY_COMP_CONST part of fold_constants: `NAME = const(value)`. Returns true when the whole
   * statement was replaced (a private `_NAME`), false when the expr_stmt is still to be built.
   */
  private foldConstDefinition(): boolean {
    const rhs = this.peek(0);
    if (rhs === null || isStructKind(rhs, Rule.expr_stmt_augassign) || isStructKind(rhs, Rule.expr_stmt_assign_list)) return false;
    const target = this.peek(1);
    if (!isId(target) || !isStructKind(rhs, Rule.atom_expr_normal)) return false;
    const callee = rhs.nodes[0] ?? null;
    const call = rhs.nodes[1] ?? null;
    if (!isId(callee) || callee.name !== 'const' || !isStructKind(call, Rule.trailer_paren)) return false;
    const valueNode = call.nodes[0] ?? null;
    if (!isConstNode(valueNode)) {
      throw new CompileError('SyntaxError', 'not a constant', this.sourceName, rhs.line);
    }
    this.consts.set(qstrKey(target.name, target.raw), { value: constNodeValue(valueNode), mpz: this.isMpz(valueNode) });
    if (target.name.startsWith('_')) {
      // private constant: no code is emitted to store it
      this.pop();
      this.pop();
      this.pushResultRule(0, Rule.pass_stmt, 0);
      return true;
    }
    // `X = const(v)` continues as `X = v`
    this.pop();
    this.push(valueNode);
    return false;
  }

  /** build_tuple (MICROPY_COMP_CONST_TUPLE) */
  private buildTuple(line: number, rule: Rule, numArgs: number): boolean {
    if (rule === Rule.testlist_comp) {
      if (this.rules.peekRule(0) === Rule.atom_paren) return this.buildTupleFromStack(line, numArgs); // (a,)
    }
    if (rule === Rule.testlist_comp_3c) {
      // the rule stack is [..., atom_paren?, testlist_comp, testlist_comp_3b]
      if (this.rules.peekRule(2) === Rule.atom_paren) {
        if (this.buildTupleFromStack(line, numArgs)) {
          this.rules.top -= 2; // testlist_comp_3b and testlist_comp are done
          return true;
        }
      }
    }
    if (rule === Rule.testlist_star_expr || rule === Rule.testlist || rule === Rule.subscriptlist) {
      return this.buildTupleFromStack(line, numArgs);
    }
    return false;
  }

  private buildTupleFromStack(line: number, numArgs: number): boolean {
    for (let i = 0; i < numArgs; i++) if (!isConstNode(this.peek(i))) return false;
    const items: ConstValue[] = new Array<ConstValue>(numArgs);
    for (let i = numArgs; i > 0; i--) items[i - 1] = constNodeValue(this.pop());
    this.push(newConst({ type: 'tuple', items }, line));
    return true;
  }

  // -- the main loop --

  /** Pushes `rule` for the current token: its whole descent at once (see computeDescent). */
  private descend(rule: number): void {
    const lex = this.lex;
    let at = DESC_AT[rule * NUM_TOKS + lex.tokKind] as number;
    if (at === 0) at = addDescent(rule, lex.tokKind);
    const d = descPool;
    const stack = this.rules;
    const line = lex.tokLine;
    const first = at + 2; // frames are d[first .. end) as (rule, i) pairs
    let end = first + (d[at] as number);
    const orRule = d[at + 1] as number;
    if (orRule >= 0) {
      this.pushToken(orRule);
      lex.next();
      // The frames would now be popped deepest first; those that are no-ops for the new token (see
      // LIST_ENDS, OPT_ENDS; an `or` frame once an alternative matched) need not be pushed at all.
      const t = lex.tokKind;
      while (end > first) {
        const r = d[end - 2] as number;
        const k = R_KIND[r] as number;
        if (k !== K_OR) {
          if (d[end - 1] !== 1) break;
          if ((k === K_LIST ? LIST_ENDS[r * NUM_TOKS + t] : OPT_ENDS[r * NUM_TOKS + t]) !== 1) break;
        }
        end -= 2;
      }
    }
    for (let j = first; j < end; j += 2) stack.push(d[j] as number, d[j + 1] as number, line);
  }

  run(): ParseNode {
    const lex = this.lex;
    const top = this.mode === 'single' ? Rule.single_input : this.mode === 'eval' ? Rule.eval_input : Rule.file_input;
    const stack = this.rules;
    const results = this.results;
    stack.push(top, 0, lex.tokLine);
    let backtrack = false;

    ruleLoop: while (stack.top > 0) {
      const sp = --stack.top;
      const rule = stack.rule[sp] as Rule;
      let i = stack.argI[sp] as number;
      const line = stack.line[sp] as number;
      const kind = R_KIND[rule] as number;
      const n = R_N[rule] as number;
      const a0 = R_ARGS[rule] as number;

      if (kind === K_OR) {
        if (i > 0 && !backtrack) continue ruleLoop; // an alternative matched
        backtrack = false;
        for (; i < n; i++) {
          const arg = ARGS[a0 + i] as number;
          const v = arg & A_VAL;
          if ((arg & A_TAG) === A_TOK) {
            if (lex.tokKind === v) {
              this.pushToken(rule);
              lex.next();
              continue ruleLoop;
            }
          } else if (FAILS[v * NUM_TOKS + lex.tokKind] === 0) {
            if (i + 1 < n && OR_LIVE[(a0 + i + 1) * NUM_TOKS + lex.tokKind] === 1) stack.push(rule, i + 1, line);
            this.descend(v);
            continue ruleLoop;
          }
          // (an alternative that cannot start with this token is skipped, as if tried)
        }
        backtrack = true;
        continue ruleLoop;
      }

      if (kind !== K_LIST) {
        if (i === 1 && !backtrack && OPT_ENDS[rule * NUM_TOKS + lex.tokKind] === 1 && results[results.length - 1] !== null) {
          continue ruleLoop; // X parsed, [Y] cannot follow: X passes through unchanged
        }
        if (backtrack) {
          if (((ARGS[a0 + i - 1] as number) & A_TAG) === A_OPT) {
            // an optional rule did not match: record NULL and go on
            results.push(null);
            backtrack = false;
          } else if (i > 1) {
            throw this.syntaxError(); // tokens were consumed: no way back
          } else {
            continue ruleLoop;
          }
        }
        for (; i < n; i++) {
          const arg = ARGS[a0 + i] as number;
          const v = arg & A_VAL;
          const tag = arg & A_TAG;
          if (tag === A_TOK) {
            if (lex.tokKind === v) {
              if (v === Tok.NAME) this.pushToken(rule);
              lex.next();
            } else if (i > 0) {
              throw this.syntaxError();
            } else {
              backtrack = true;
              continue ruleLoop;
            }
          } else if (FAILS[v * NUM_TOKS + lex.tokKind] === 0) {
            stack.push(rule, i + 1, line);
            this.descend(v);
            continue ruleLoop;
          } else if (tag === A_OPT) {
            results.push(null); // the optional rule cannot match here
          } else if (i > 0) {
            throw this.syntaxError();
          } else {
            backtrack = true;
            continue ruleLoop;
          }
        }

        // a lone constant expression statement (e.g. a docstring) compiles to nothing: make it `pass`
        if (rule === Rule.expr_stmt && this.mode !== 'single' && this.peek(0) === null) {
          const p = this.peek(1);
          if ((p !== null && p.kind !== 'struct' && p.kind !== 'id') || isStructKind(p, Rule.const_object)) {
            this.pop();
            this.pop();
            this.pushResultRule(line, Rule.pass_stmt, 0);
            continue ruleLoop;
          }
        }

        // tokens other than NAME are not kept; every rule argument left one result (maybe NULL)
        let count = 0;
        let notNil = 0;
        const rtop = results.length - 1;
        for (let x = n - 1; x >= 0; x--) {
          const arg = ARGS[a0 + x] as number;
          if ((arg & A_TAG) === A_TOK) {
            if ((arg & A_VAL) === Tok.NAME) {
              count++;
              notNil++;
            }
          } else {
            if (results[rtop - count] !== null) notNil++;
            count++;
          }
        }
        if (notNil === 1 && kind === K_AND_IDENT) {
          // pass the single meaningful child through instead of wrapping it
          let keep: ParseNode = null;
          for (let x = 0; x < count; x++) {
            const pn = results.pop() as ParseNode;
            if (pn !== null) keep = pn;
          }
          results.push(keep);
        } else {
          if (kind === K_AND_BLANK) {
            // an extra NULL slot that the compiler uses for its own data
            results.push(null);
            count++;
          }
          this.pushResultRule(line, rule, count);
        }
        continue ruleLoop;
      }

      // lists: n=1 item (sep item)*, n=2 item+, n=3 item (sep item)* [sep]
      if (i === 1 && !backtrack && LIST_ENDS[rule * NUM_TOKS + lex.tokKind] === 1) {
        continue ruleLoop; // one item and no more: nothing to build (the common case)
      }
      let hadTrailingSep = false;
      let failed = backtrack;
      if (!failed) {
        for (;;) {
          const sel = i & 1 & n;
          const arg = ARGS[a0 + sel] as number;
          const v = arg & A_VAL;
          if ((arg & A_TAG) === A_TOK) {
            if (lex.tokKind === v) {
              if (sel === 0) this.pushToken(rule); // separators that are tokens are dropped
              lex.next();
              i++;
            } else {
              i++;
              backtrack = true;
              failed = true;
              break;
            }
          } else if (FAILS[v * NUM_TOKS + lex.tokKind] === 0) {
            stack.push(rule, i + 1, line);
            this.descend(v);
            continue ruleLoop;
          } else {
            // the item cannot start here: as if it had been tried and failed
            i++;
            backtrack = true;
            failed = true;
            break;
          }
        }
      }
      if (failed) {
        if (i === 1) continue ruleLoop; // the first item failed: the list fails
        if (n !== 2 && (i & 1) === 1) {
          // an item after a separator failed
          if (n !== 3) throw this.syntaxError();
          hadTrailingSep = true;
        }
        backtrack = false;
      }
      let count = i - 1;
      if ((n & 1) === 1 && ((ARGS[a0 + 1] as number) & A_TAG) === A_TOK) count = (count + 1) >> 1;
      if (count === 1) {
        // a single item is not wrapped, unless it had a trailing separator
        if (hadTrailingSep) this.pushResultRule(line, rule, count);
      } else {
        this.pushResultRule(line, rule, count);
      }
    }

    if (lex.tokKind !== Tok.END || results.length === 0) throw this.syntaxError();
    return results[0] ?? null;
  }
}

/**
 * Parses MicroPython source (bytes are taken as UTF-8, a string is encoded as UTF-8) into upstream's
 * parse tree. Throws CompileError on lexer/parser errors, with mpy-cross's message and line.
 */
export function parse(
  source: string | Uint8Array,
  fileName: string,
  mode: ParseMode = 'file',
  options: ParseOptions = {},
): ParseResult {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  const lex = new Lexer(bytes, fileName, options.optimize === undefined ? {} : { optimize: options.optimize });
  const parser = new Parser(lex, mode, options);
  const root = parser.run();
  return { root, sourceName: fileName, qstrs: parser.qstrs };
}

export type { StructNode };
