// The parser against MicroPython v1.28.0: grammar numbering, tree shapes (including the rule-specific
// collapsing), constant folding, const(), constant tuples, string interning and SyntaxError texts.
// Tree expectations were checked against mpy-cross v1.28.0 built with MICROPY_DEBUG_PRINTERS (its
// mp_parse_node_print output), then written in a compact s-expression form:
//   (rule child...)  struct node;  _ NULL;  123 small int;  name  ID;  "s" interned STRING;
//   TOKEN_KIND  token leaf;  {value} const_object (ints end in n, (...) is a tuple, b[...] bytes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompileError } from '../../src/compile/errors.js';
import { FIRST_NC_RULE, RULE_COUNT, RULE_NAMES, RULE_TABLE, RULES_IN_SOURCE_ORDER, Rule, ruleByName } from '../../src/compile/grammar.js';
import {
  type ConstValue,
  type ParseNode,
  extractArgs,
  isConstFalse,
  isConstTrue,
  isStructKind,
  newSmallInt,
  newToken,
  utf8Length,
} from '../../src/compile/parse-node.js';
import { parse, type ParseOptions } from '../../src/compile/parser.js';
import { TOK_NAMES, Tok } from '../../src/compile/tokens.js';

function cv(v: ConstValue): string {
  switch (v.type) {
    case 'int':
      return `${v.value}n`;
    case 'float':
      return Object.is(v.value, -0) ? '-0.0' : String(v.value);
    case 'complex':
      return `${v.real}+${v.imag}j`;
    case 'str':
      return JSON.stringify(v.value);
    case 'bytes':
      return `b[${[...v.value].join(',')}]`;
    case 'tuple':
      return `(${v.items.map(cv).join(' ')})`;
    case 'bool':
      return String(v.value);
    default:
      return v.type;
  }
}

function sx(pn: ParseNode): string {
  if (pn === null) return '_';
  switch (pn.kind) {
    case 'int':
      return String(pn.value);
    case 'id':
      return pn.name;
    case 'str':
      return JSON.stringify(pn.value);
    case 'tok':
      return TOK_NAMES[pn.tok] ?? '?';
    case 'struct':
      if (pn.rule === Rule.const_object) return `{${cv(pn.value)}}`;
      return `(${RULE_NAMES[pn.rule]}${pn.nodes.map((n) => ' ' + sx(n)).join('')})`;
  }
}

function tree(src: string, opts: ParseOptions = {}): string {
  return sx(parse(src, 't.py', 'file', opts).root);
}

function errorText(src: string, mode: 'file' | 'single' | 'eval' = 'file'): string {
  try {
    parse(src, 'x.py', mode);
  } catch (e) {
    if (e instanceof CompileError) return e.format();
    throw e;
  }
  return 'no error';
}

test('rule ids are numbered as parse.c numbers them', () => {
  assert.equal(RULE_COUNT, 176);
  assert.equal(Rule.file_input, 0);
  assert.equal(Rule.const_object, FIRST_NC_RULE - 1);
  assert.equal(Rule.const_object, 58);
  // compile-function rules first in grammar order, then const_object, then the others in grammar order
  let c = 0;
  let nc = FIRST_NC_RULE;
  for (const r of RULES_IN_SOURCE_ORDER) {
    const def = RULE_TABLE[r];
    assert.ok(def);
    assert.equal(r, def.compile !== null ? c++ : nc++, def.name);
  }
  assert.equal(c, FIRST_NC_RULE - 1);
  assert.equal(nc, RULE_COUNT);
  assert.equal(ruleByName('atom_paren'), Rule.atom_paren);
  assert.equal(RULE_TABLE[Rule.funcdef]?.kind, 'and_blank');
  assert.equal(RULE_TABLE[Rule.funcdef]?.n, 8);
  assert.equal(RULE_TABLE[Rule.testlist_comp_3c]?.kind, 'list_with_end');
  assert.equal(RULE_TABLE[Rule.shift_expr]?.compile, 'term');
  assert.equal(RULE_TABLE[Rule.atom]?.args.length, 12);
});

const TREES: Array<[string, string, ParseOptions?]> = [
  ["x = 1 + 2 * y\n", "(expr_stmt x (arith_expr 1 OP_PLUS (term 2 OP_STAR y)))"],
  ["def f(a, b=2, *c, d, **e) -> int:\n    return a\n", "(funcdef f (typedargslist a (typedargslist_name b _ 2) (typedargslist_star (tfpdef c _)) d (typedargslist_dbl_star e _)) int (return_stmt a) _)"],
  ["class C(B, metaclass=M):\n    pass\n", "(classdef C (arglist B (argument metaclass M)) (pass_stmt) _)"],
  ["@d\nasync def f():\n    await x\n", "(decorated (decorator d _) (async_funcdef (funcdef f _ _ (expr_stmt (atom_expr_await x _) _) _)))"],
  ["x = (1, 2)\ny = (a, b)\nz = (1,)\nw = ()\nv = [1, 2]\nu = 1, 2\n", "(file_input_2 (expr_stmt x {(1n 2n)}) (expr_stmt y (atom_paren (testlist_comp a b))) (expr_stmt z {(1n)}) (expr_stmt w (atom_paren _)) (expr_stmt v (atom_bracket (testlist_comp 1 2))) (expr_stmt u {(1n 2n)}))"],
  ["x = (a)\ny = (a,)\nz = (a for a in b)\n", "(file_input_2 (expr_stmt x a) (expr_stmt y (atom_paren (testlist_comp a))) (expr_stmt z (atom_paren (testlist_comp a (comp_for a b _ _)))))"],
  ["x = [i for i in a if i]\n", "(expr_stmt x (atom_bracket (testlist_comp i (comp_for i a (comp_if i _) _))))"],
  ["x = 1 if 0 else 2\n", "(expr_stmt x (test_if_expr 1 (test_if_else 0 2)))"],
  ["x = 2**10, -(1 << 70), 7 // -2, -7 % 3, 7 / 2, ~5, 1 / 0, 2 ** -1\n", "(expr_stmt x (testlist_star_expr 1024 {-1180591620717411303424n} -4 2 {3.5} -6 (term 1 OP_SLASH 0) {0.5}))"],
  ["x = 1 << 40\n", "(expr_stmt x {1099511627776n})"],
  ["x = 1 << 40\n", "(expr_stmt x 1099511627776)", {smallIntBits: 63}],
  ["x = 0 or y\nz = 1 and 0 and w\nq = not ()\nr = a or 0 or b\n", "(file_input_2 (expr_stmt x y) (expr_stmt z 0) (expr_stmt q KW_TRUE) (expr_stmt r (or_test a b)))"],
  ["X = const(3)\n_Y = const(X * 4)\nprint(X, _Y)\n", "(file_input_2 (expr_stmt X 3) (pass_stmt) (expr_stmt (atom_expr_normal print (trailer_paren (arglist 3 12))) _))"],
  ["print(math.pi, math.nan, math.sqrt)\n", "(expr_stmt (atom_expr_normal print (trailer_paren (arglist {3.141592653589793} {NaN} (atom_expr_normal math (trailer_period sqrt))))) _)"],
  ["\"doc\"\n1\nx\n", "(file_input_2 (pass_stmt) (pass_stmt) (expr_stmt x _))"],
  ["x = \"short\"\ny = \"a long string value\"\nlong_identifier_x = 1\nz = \"long_identifier_x\"\nw = \"NotImplementedError\"\n", "(file_input_2 (expr_stmt x \"short\") (expr_stmt y {\"a long string value\"}) (expr_stmt long_identifier_x 1) (expr_stmt z \"long_identifier_x\") (expr_stmt w \"NotImplementedError\"))"],
  ["x = f\"a{b!r:>{w}} {c=}\"\n", "(expr_stmt x (atom_expr_normal {\"a{!r:>{}} c={}\"} (atom_expr_trailers (trailer_period format) (trailer_paren (arglist b w c)))))"],
  ["x = t\"hi {name}!\"\n", "(expr_stmt x (atom_expr_normal __template__ (trailer_paren (arglist {(\"hi \" \"!\")} name \"name\" KW_NONE \"\"))))"],
  ["x = b\"ab\" + 1.5 + 2j + 1e400\n", "(expr_stmt x (arith_expr {b[97,98]} OP_PLUS {1.5} OP_PLUS {0+2j} OP_PLUS {Infinity}))"],
  ["if (n := 10) > 5: pass\n", "(if_stmt (comparison (namedexpr_test n 10) OP_MORE 5) (pass_stmt) _ _)"],
  ["x[1:2, ::3] = y\n", "(expr_stmt (atom_expr_normal x (trailer_bracket (subscriptlist (subscript_2 1 (subscript_3 2)) (subscript_3 (subscript_3c 3))))) y)"],
  ["from . import (a, b as c)\nimport d.e as f\n", "(file_input_2 (import_from DEL_PERIOD (import_as_names (import_as_name a _) (import_as_name b c))) (import_name (dotted_as_name (dotted_name d e) f)))"],
  ["try:\n    pass\nexcept E as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n", "(try_stmt (pass_stmt) (try_stmt_except_and_more (try_stmt_except (try_stmt_as_name E e) (pass_stmt)) (pass_stmt) (try_stmt_finally (pass_stmt))))"],
  ["x = __debug__\n", "(expr_stmt x KW_TRUE)"],
  ["x = __debug__\n", "(expr_stmt x KW_FALSE)", {optimize: 1}],
  ["x = -(-(2**62))\n", "(expr_stmt x {4611686018427387904n})", {smallIntBits: 63}],
  ["x = -(2**62)\n", "(expr_stmt x {-4611686018427387904n})", {smallIntBits: 63}],
  ["x = 2**62 - 2**62 - 2**62\n", "(expr_stmt x -4611686018427387904)", {smallIntBits: 63}],
  ["x = (1, None, True, ..., \"s\", b\"b\", ())\n", "(expr_stmt x {(1n none true ellipsis \"s\" b[98] ())})"],
  ["X = const(\"abc\")\nY = const((1, 2))\nprint(X, Y)\n", "(file_input_2 (expr_stmt X \"abc\") (expr_stmt Y {(1n 2n)}) (expr_stmt (atom_expr_normal print (trailer_paren (arglist {\"abc\"} {(1n 2n)}))) _))"],
  ["x = 1.0 % -2, -7.5 // 2, 5 % -0.0, 2.0 ** 0.5, (-8.0) ** 0.5, 0.0 ** -1, 1 | 1.0\n", "(expr_stmt x (testlist_star_expr {-1} {-4} (term 5 OP_PERCENT {-0.0}) {1.4142135623730951} (power {-8} {0.5}) (power {0} -1) (expr 1 {1})))"],
  ["lambda x, *y, **z: 0\n", "(expr_stmt (lambdef (varargslist x (varargslist_star y) (varargslist_dbl_star z)) 0 _) _)"],
  ["with a as b, c: pass\n", "(with_stmt (with_stmt_list (with_item a b) c) (pass_stmt))"],
  ["for x, in y: pass\nelse: pass\n", "(for_stmt (exprlist x) y (pass_stmt) (pass_stmt))"],
  ["x: int = 1\n", "(expr_stmt x (annassign int 1))"],
  ["x += 1\na = b = c\n", "(file_input_2 (expr_stmt x (expr_stmt_augassign DEL_PLUS_EQUAL 1)) (expr_stmt a (expr_stmt_assign_list b c)))"],
  ["del a, b[0]\n", "(del_stmt (exprlist a (atom_expr_normal b (trailer_bracket 0))))"],
  ["raise X from Y\n", "(raise_stmt (raise_stmt_arg X Y))"],
  ["f(a, *b, c=1, **d)\n", "(expr_stmt (atom_expr_normal f (trailer_paren (arglist a (arglist_star b) (argument c 1) (arglist_dbl_star d)))) _)"],
  ["x = a.b[c](d)\n", "(expr_stmt x (atom_expr_normal a (atom_expr_trailers (trailer_period b) (trailer_bracket c) (trailer_paren d))))"],
  ["x = a < b is not c not in d\n", "(expr_stmt x (comparison a OP_LESS b (comp_op_is (comp_op_is_not)) c (comp_op_not_in) d))"],
  ["x = yield\n", "(expr_stmt x (yield_expr _))"],
];

test('tree shapes, folding and interning match mpy-cross', () => {
  for (const [src, expected, opts] of TREES) {
    assert.equal(tree(src, opts), expected, src);
  }
});

test('nodes carry source lines; folded nodes get line 0', () => {
  const r = parse('x = 1\n\ndef f():\n    return (a,\n  b)\n', 't.py');
  const root = r.root;
  assert.ok(isStructKind(root, Rule.file_input_2));
  const f = root.nodes[1] ?? null;
  assert.ok(isStructKind(f, Rule.funcdef));
  assert.equal(f.line, 3);
  const folded = parse('x = 2**70\n', 't.py').root;
  assert.ok(isStructKind(folded, Rule.expr_stmt));
  const c = folded.nodes[1] ?? null;
  assert.ok(isStructKind(c, Rule.const_object));
  assert.equal(c.line, 0);
  assert.deepEqual(c.value, { type: 'int', value: 2n ** 70n });
});

test('interning: a long string is a STRING leaf only if that qstr already exists', () => {
  const r = parse('x = "a long string!"\n', 'm.py', 'file', { internedNames: ['a long string!'] });
  assert.equal(sx(r.root), '(expr_stmt x "a long string!")');
  // the file name is a qstr
  assert.equal(tree('x = "some/long/file.py"\n'), '(expr_stmt x {"some/long/file.py"})');
  assert.equal(sx(parse('x = "some/long/file.py"\n', 'some/long/file.py').root), '(expr_stmt x "some/long/file.py")');
  // 10 UTF-8 bytes is the limit, not 10 characters
  assert.equal(tree('x = "ééééé"\n'), '(expr_stmt x "ééééé")');
  assert.equal(tree('x = "éééééé"\n'), '(expr_stmt x {"éééééé"})');
  assert.ok(parse('abc = 1\n', 't.py').qstrs.has('abc'));
});

test('constant identity: math.nan and +x share one object, folded NaNs are fresh', () => {
  const root = parse('f(math.nan, math.nan, +math.nan, -math.nan, 1e400 * 0)\n', 't').root;
  assert.ok(isStructKind(root, Rule.expr_stmt));
  const call = root.nodes[0] ?? null;
  assert.ok(isStructKind(call, Rule.atom_expr_normal));
  const paren = call.nodes[1] ?? null;
  assert.ok(isStructKind(paren, Rule.trailer_paren));
  const values = extractArgs(paren.nodes[0] ?? null, Rule.arglist).map((pn) => {
    assert.ok(isStructKind(pn, Rule.const_object));
    return pn.value;
  });
  assert.equal(values.length, 5);
  assert.ok(values[0] === values[1] && values[1] === values[2]);
  assert.ok(values[3] !== values[0] && values[4] !== values[0]);
});

test('strings whose bytes are not valid UTF-8 keep them in `raw`', () => {
  const r = parse("x = '\\ud800\\udc00'\ny = '\\\u00e9'\nz = 'ok'\n", 't').root;
  assert.ok(isStructKind(r, Rule.file_input_2));
  const value = (i: number): ParseNode => {
    const st = r.nodes[i] ?? null;
    assert.ok(isStructKind(st, Rule.expr_stmt));
    return st.nodes[1] ?? null;
  };
  const a = value(0);
  assert.ok(a !== null && a.kind === 'str');
  // two 3-byte surrogate encodings, not one 4-byte character
  assert.deepEqual([...(a.raw ?? [])], [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]);
  const b = value(1);
  assert.ok(b !== null && b.kind === 'str');
  // unknown escape before a multi-byte character: backslash, U+00C3 as UTF-8, then the lone 0xA9
  assert.deepEqual([...(b.raw ?? [])], [0x5c, 0xc3, 0x83, 0xa9]);
  const c = value(2);
  assert.ok(c !== null && c.kind === 'str' && c.raw === undefined);
});

test('single and eval modes', () => {
  // eval_input keeps its (empty) eval_input_2 node for the trailing NEWLINE
  assert.equal(sx(parse('1 + x\n', 't', 'eval').root), '(eval_input (arith_expr 1 OP_PLUS x) (eval_input_2))');
  // docstring-like statements are kept in single mode (the REPL prints them)
  assert.equal(sx(parse('"s"\n', 't', 'single').root), '(expr_stmt "s" _)');
  assert.equal(sx(parse('x = 1\n', 't', 'single').root), '(expr_stmt x 1)');
});

test('syntax errors: message, type and line as mpy-cross prints them', () => {
  const tb = (line: number, msg: string): string => `Traceback (most recent call last):\n  File "x.py", line ${line}\n${msg}\n`;
  assert.equal(errorText('x = (1,\n'), tb(2, 'SyntaxError: invalid syntax'));
  assert.equal(errorText('print(a b)\n'), tb(1, 'SyntaxError: invalid syntax'));
  assert.equal(errorText('def f():\n    x = 1\n      y = 2\n'), tb(3, 'IndentationError: unexpected indent'));
  assert.equal(errorText('if x:\n    a\n  b\n'), tb(2, "IndentationError: unindent doesn't match any outer indent level"));
  assert.equal(errorText('  x = 1\n'), tb(1, 'IndentationError: unexpected indent'));
  assert.equal(errorText("x = f'{}'\n"), tb(1, 'SyntaxError: malformed f-string'));
  assert.equal(errorText("x = 1\ns = 'abc\n"), tb(2, 'SyntaxError: invalid syntax'));
  assert.equal(errorText('y = 0o8\n'), tb(1, "SyntaxError: invalid syntax for integer with base 8: '8'"));
  assert.equal(errorText('y = 1.2.3\n'), tb(1, 'SyntaxError: invalid syntax for number'));
  assert.equal(errorText('X = const(x)\n'), tb(1, 'SyntaxError: not a constant'));
  assert.equal(errorText('x = {1: 2, **d}\n'), tb(1, 'SyntaxError: invalid syntax'));
  assert.equal(errorText('a := 1\n'), tb(1, 'SyntaxError: invalid syntax'));
  assert.equal(errorText('try:\n    pass\n'), tb(3, 'SyntaxError: invalid syntax'));
  assert.equal(errorText("x = '\\N{DASH}'\n"), 'NotImplementedError: unicode name escapes\n');
  assert.equal(errorText('x' + 'y'.repeat(300) + ' = 1\n'), 'RuntimeError: name too long\n');
  const e = (() => {
    try {
      parse('x = $\n', 'f.py');
    } catch (err) {
      return err;
    }
    return undefined;
  })();
  assert.ok(e instanceof CompileError);
  assert.equal(e.excType, 'SyntaxError');
  assert.equal(e.message, 'invalid syntax');
  assert.equal(e.fileName, 'f.py');
  assert.equal(e.line, 1);
  assert.equal(e.block, undefined);
});

test('empty and blank sources: as upstream, a lone NEWLINE token can be the root', () => {
  assert.equal(tree(''), '(file_input _)');
  assert.equal(tree('\n\n# c\n   \n'), 'NEWLINE');
  assert.equal(tree('\nx = 1\n'), '(file_input_2 NEWLINE (expr_stmt x 1))');
});

test('parse-node helpers follow upstream macros', () => {
  assert.deepEqual(extractArgs(null, Rule.arglist), []);
  const call = parse('f(a, b)\n', 't').root;
  assert.ok(isStructKind(call, Rule.expr_stmt));
  const expr = call.nodes[0] ?? null;
  assert.ok(isStructKind(expr, Rule.atom_expr_normal));
  const paren = expr.nodes[1] ?? null;
  assert.ok(isStructKind(paren, Rule.trailer_paren));
  assert.equal(extractArgs(paren.nodes[0] ?? null, Rule.arglist).length, 2);
  assert.equal(extractArgs(newSmallInt(3), Rule.arglist).length, 1);
  assert.ok(isConstTrue(newToken(Tok.KW_TRUE)));
  assert.ok(isConstFalse(newSmallInt(0)));
  assert.ok(isConstTrue(newToken(Tok.ELLIPSIS)));
  assert.ok(!isConstTrue(newToken(Tok.KW_NONE)) && isConstFalse(newToken(Tok.KW_NONE)));
  assert.equal(utf8Length('aé😀'), 1 + 2 + 4);
});
