// The MicroPython v1.28.0 grammar as data, in grammar.h's order, with mpy-cross's build options
// resolved: MICROPY_PY_ASYNC_AWAIT, MICROPY_PY_ASSIGN_EXPR, MICROPY_PY_BUILTINS_SLICE and
// MICROPY_PY_BUILTINS_SET are all on (mpy-cross uses the CORE_FEATURES ROM level, which enables them).
//
// Rule numbering follows parse.c exactly, because the back-end (compile.c's logic) and the
// parser's folding both compare rule ids and because the numbers are upstream's contract:
//   - first every rule that has a compile function (DEF_RULE, "c(...)"), in grammar order: 0..57
//   - then the special RULE_const_object: 58
//   - then every rule without a compile function (DEF_RULE_NC), in grammar order: 59..175
// The table below is written in grammar.h's textual order (C and NC rules interleaved) so it can be
// compared with upstream line by line; ids come from the `Rule` enum, and a unit test re-derives the
// numbering from the textual order to prove the two agree.
//
// API stable for compile.ts: only additions, never renames.

import { Tok } from './tokens.js';

/** Rule ids, numbered as parse.c numbers RULE_xxx. */
export const enum Rule {
  file_input = 0,
  file_input_2 = 1,
  decorated = 2,
  funcdef = 3,
  simple_stmt_2 = 4,
  expr_stmt = 5,
  testlist_star_expr = 6,
  del_stmt = 7,
  pass_stmt = 8,
  break_stmt = 9,
  continue_stmt = 10,
  return_stmt = 11,
  yield_stmt = 12,
  raise_stmt = 13,
  import_name = 14,
  import_from = 15,
  global_stmt = 16,
  nonlocal_stmt = 17,
  assert_stmt = 18,
  async_stmt = 19,
  if_stmt = 20,
  while_stmt = 21,
  for_stmt = 22,
  try_stmt = 23,
  with_stmt = 24,
  suite_block_stmts = 25,
  namedexpr_test = 26,
  test_if_expr = 27,
  lambdef = 28,
  lambdef_nocond = 29,
  or_test = 30,
  and_test = 31,
  not_test_2 = 32,
  comparison = 33,
  star_expr = 34,
  expr = 35,
  xor_expr = 36,
  and_expr = 37,
  shift_expr = 38,
  arith_expr = 39,
  term = 40,
  factor_2 = 41,
  power = 42,
  atom_expr_await = 43,
  atom_expr_normal = 44,
  atom_paren = 45,
  atom_bracket = 46,
  atom_brace = 47,
  trailer_paren = 48,
  trailer_bracket = 49,
  trailer_period = 50,
  subscriptlist = 51,
  subscript_2 = 52,
  subscript_3 = 53,
  testlist = 54,
  dictorsetmaker_item = 55,
  classdef = 56,
  yield_expr = 57,
  const_object = 58,
  generic_colon_test = 59,
  generic_equal_test = 60,
  single_input = 61,
  file_input_3 = 62,
  eval_input = 63,
  eval_input_2 = 64,
  decorator = 65,
  decorators = 66,
  decorated_body = 67,
  async_funcdef = 68,
  funcdefrettype = 69,
  typedargslist = 70,
  typedargslist_item = 71,
  typedargslist_name = 72,
  typedargslist_star = 73,
  typedargslist_dbl_star = 74,
  tfpdef = 75,
  varargslist = 76,
  varargslist_item = 77,
  varargslist_name = 78,
  varargslist_star = 79,
  varargslist_dbl_star = 80,
  vfpdef = 81,
  stmt = 82,
  simple_stmt = 83,
  small_stmt = 84,
  expr_stmt_2 = 85,
  expr_stmt_augassign = 86,
  expr_stmt_assign_list = 87,
  expr_stmt_assign = 88,
  expr_stmt_6 = 89,
  testlist_star_expr_2 = 90,
  annassign = 91,
  augassign = 92,
  flow_stmt = 93,
  raise_stmt_arg = 94,
  raise_stmt_from = 95,
  import_stmt = 96,
  import_from_2 = 97,
  import_from_2b = 98,
  import_from_3 = 99,
  import_as_names_paren = 100,
  one_or_more_period_or_ellipsis = 101,
  period_or_ellipsis = 102,
  import_as_name = 103,
  dotted_as_name = 104,
  as_name = 105,
  import_as_names = 106,
  dotted_as_names = 107,
  dotted_name = 108,
  name_list = 109,
  assert_stmt_extra = 110,
  compound_stmt = 111,
  async_stmt_2 = 112,
  if_stmt_elif_list = 113,
  if_stmt_elif = 114,
  try_stmt_2 = 115,
  try_stmt_except_and_more = 116,
  try_stmt_except = 117,
  try_stmt_as_name = 118,
  try_stmt_except_list = 119,
  try_stmt_finally = 120,
  else_stmt = 121,
  with_stmt_list = 122,
  with_item = 123,
  with_item_as = 124,
  suite = 125,
  suite_block = 126,
  namedexpr_test_2 = 127,
  test = 128,
  test_if_else = 129,
  test_nocond = 130,
  not_test = 131,
  comp_op = 132,
  comp_op_not_in = 133,
  comp_op_is = 134,
  comp_op_is_not = 135,
  shift_op = 136,
  arith_op = 137,
  term_op = 138,
  factor = 139,
  factor_op = 140,
  atom_expr = 141,
  atom_expr_trailers = 142,
  power_dbl_star = 143,
  atom = 144,
  atom_2b = 145,
  testlist_comp = 146,
  testlist_comp_2 = 147,
  testlist_comp_3 = 148,
  testlist_comp_3b = 149,
  testlist_comp_3c = 150,
  trailer = 151,
  subscript = 152,
  subscript_3b = 153,
  subscript_3c = 154,
  subscript_3d = 155,
  sliceop = 156,
  exprlist = 157,
  exprlist_2 = 158,
  dictorsetmaker = 159,
  dictorsetmaker_tail = 160,
  dictorsetmaker_list = 161,
  dictorsetmaker_list2 = 162,
  classdef_2 = 163,
  arglist = 164,
  arglist_2 = 165,
  arglist_star = 166,
  arglist_dbl_star = 167,
  argument = 168,
  argument_2 = 169,
  argument_3 = 170,
  comp_iter = 171,
  comp_for = 172,
  comp_if = 173,
  yield_arg = 174,
  yield_arg_from = 175,
}

/** Number of rule ids (0 .. RULE_COUNT-1), including const_object. */
export const RULE_COUNT = 176;

/** Number of rules that have a compile function; they are numbered 0 .. FIRST_NC_RULE-2, const_object is FIRST_NC_RULE-1. */
export const FIRST_NC_RULE = 59;

/** How a rule combines its arguments (grammar.h's or/and/and_ident/and_blank/one_or_more/list/list_with_end). */
export type RuleKind = 'or' | 'and' | 'and_ident' | 'and_blank' | 'one_or_more' | 'list' | 'list_with_end';

/** One argument of a rule: a token to match, a sub-rule, or an optional sub-rule. */
export type RuleArg =
  | { readonly kind: 'tok'; readonly tok: Tok }
  | { readonly kind: 'rule'; readonly rule: Rule }
  | { readonly kind: 'opt_rule'; readonly rule: Rule };

export interface RuleDef {
  readonly id: Rule;
  readonly name: string;
  /** upstream's compile-function name (`c(xxx)` → 'xxx'), or null for DEF_RULE_NC rules */
  readonly compile: string | null;
  readonly kind: RuleKind;
  /**
   * upstream's 4-bit argument count: for or/and rules the number of args; for list rules
   * 1 = list (item (sep item)*), 2 = one_or_more (item+), 3 = list_with_end (item (sep item)* [sep])
   */
  readonly n: number;
  readonly args: readonly RuleArg[];
}

const tok = (t: Tok): RuleArg => ({ kind: 'tok', tok: t });
const rule = (r: Rule): RuleArg => ({ kind: 'rule', rule: r });
const opt_rule = (r: Rule): RuleArg => ({ kind: 'opt_rule', rule: r });

type Spec = readonly [id: Rule, name: string, compile: string | null, kind: RuleKind, args: readonly RuleArg[]];

// grammar.h, textual order.
const SPECS: readonly Spec[] = [
  [Rule.generic_colon_test, 'generic_colon_test', null, 'and_ident', [tok(Tok.DEL_COLON), rule(Rule.test)]],
  [Rule.generic_equal_test, 'generic_equal_test', null, 'and_ident', [tok(Tok.DEL_EQUAL), rule(Rule.test)]],
  [Rule.single_input, 'single_input', null, 'or', [tok(Tok.NEWLINE), rule(Rule.simple_stmt), rule(Rule.compound_stmt)]],
  [Rule.file_input, 'file_input', 'generic_all_nodes', 'and_ident', [opt_rule(Rule.file_input_2)]],
  [Rule.file_input_2, 'file_input_2', 'generic_all_nodes', 'one_or_more', [rule(Rule.file_input_3)]],
  [Rule.file_input_3, 'file_input_3', null, 'or', [tok(Tok.NEWLINE), rule(Rule.stmt)]],
  [Rule.eval_input, 'eval_input', null, 'and_ident', [rule(Rule.testlist), opt_rule(Rule.eval_input_2)]],
  [Rule.eval_input_2, 'eval_input_2', null, 'and', [tok(Tok.NEWLINE)]],
  [Rule.decorator, 'decorator', null, 'and', [tok(Tok.OP_AT), rule(Rule.dotted_name), opt_rule(Rule.trailer_paren), tok(Tok.NEWLINE)]],
  [Rule.decorators, 'decorators', null, 'one_or_more', [rule(Rule.decorator)]],
  [Rule.decorated, 'decorated', 'decorated', 'and_ident', [rule(Rule.decorators), rule(Rule.decorated_body)]],
  [Rule.decorated_body, 'decorated_body', null, 'or', [rule(Rule.classdef), rule(Rule.funcdef), rule(Rule.async_funcdef)]],
  [Rule.async_funcdef, 'async_funcdef', null, 'and', [tok(Tok.KW_ASYNC), rule(Rule.funcdef)]],
  [Rule.funcdef, 'funcdef', 'funcdef', 'and_blank', [tok(Tok.KW_DEF), tok(Tok.NAME), tok(Tok.DEL_PAREN_OPEN), opt_rule(Rule.typedargslist), tok(Tok.DEL_PAREN_CLOSE), opt_rule(Rule.funcdefrettype), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.funcdefrettype, 'funcdefrettype', null, 'and_ident', [tok(Tok.DEL_MINUS_MORE), rule(Rule.test)]],
  [Rule.typedargslist, 'typedargslist', null, 'list_with_end', [rule(Rule.typedargslist_item), tok(Tok.DEL_COMMA)]],
  [Rule.typedargslist_item, 'typedargslist_item', null, 'or', [rule(Rule.typedargslist_name), rule(Rule.typedargslist_star), rule(Rule.typedargslist_dbl_star)]],
  [Rule.typedargslist_name, 'typedargslist_name', null, 'and_ident', [tok(Tok.NAME), opt_rule(Rule.generic_colon_test), opt_rule(Rule.generic_equal_test)]],
  [Rule.typedargslist_star, 'typedargslist_star', null, 'and', [tok(Tok.OP_STAR), opt_rule(Rule.tfpdef)]],
  [Rule.typedargslist_dbl_star, 'typedargslist_dbl_star', null, 'and', [tok(Tok.OP_DBL_STAR), tok(Tok.NAME), opt_rule(Rule.generic_colon_test)]],
  [Rule.tfpdef, 'tfpdef', null, 'and', [tok(Tok.NAME), opt_rule(Rule.generic_colon_test)]],
  [Rule.varargslist, 'varargslist', null, 'list_with_end', [rule(Rule.varargslist_item), tok(Tok.DEL_COMMA)]],
  [Rule.varargslist_item, 'varargslist_item', null, 'or', [rule(Rule.varargslist_name), rule(Rule.varargslist_star), rule(Rule.varargslist_dbl_star)]],
  [Rule.varargslist_name, 'varargslist_name', null, 'and_ident', [tok(Tok.NAME), opt_rule(Rule.generic_equal_test)]],
  [Rule.varargslist_star, 'varargslist_star', null, 'and', [tok(Tok.OP_STAR), opt_rule(Rule.vfpdef)]],
  [Rule.varargslist_dbl_star, 'varargslist_dbl_star', null, 'and', [tok(Tok.OP_DBL_STAR), tok(Tok.NAME)]],
  [Rule.vfpdef, 'vfpdef', null, 'and_ident', [tok(Tok.NAME)]],
  [Rule.stmt, 'stmt', null, 'or', [rule(Rule.compound_stmt), rule(Rule.simple_stmt)]],
  [Rule.simple_stmt, 'simple_stmt', null, 'and_ident', [rule(Rule.simple_stmt_2), tok(Tok.NEWLINE)]],
  [Rule.simple_stmt_2, 'simple_stmt_2', 'generic_all_nodes', 'list_with_end', [rule(Rule.small_stmt), tok(Tok.DEL_SEMICOLON)]],
  [Rule.small_stmt, 'small_stmt', null, 'or', [rule(Rule.del_stmt), rule(Rule.pass_stmt), rule(Rule.flow_stmt), rule(Rule.import_stmt), rule(Rule.global_stmt), rule(Rule.nonlocal_stmt), rule(Rule.assert_stmt), rule(Rule.expr_stmt)]],
  [Rule.expr_stmt, 'expr_stmt', 'expr_stmt', 'and', [rule(Rule.testlist_star_expr), opt_rule(Rule.expr_stmt_2)]],
  [Rule.expr_stmt_2, 'expr_stmt_2', null, 'or', [rule(Rule.annassign), rule(Rule.expr_stmt_augassign), rule(Rule.expr_stmt_assign_list)]],
  [Rule.expr_stmt_augassign, 'expr_stmt_augassign', null, 'and_ident', [rule(Rule.augassign), rule(Rule.expr_stmt_6)]],
  [Rule.expr_stmt_assign_list, 'expr_stmt_assign_list', null, 'one_or_more', [rule(Rule.expr_stmt_assign)]],
  [Rule.expr_stmt_assign, 'expr_stmt_assign', null, 'and_ident', [tok(Tok.DEL_EQUAL), rule(Rule.expr_stmt_6)]],
  [Rule.expr_stmt_6, 'expr_stmt_6', null, 'or', [rule(Rule.yield_expr), rule(Rule.testlist_star_expr)]],
  [Rule.testlist_star_expr, 'testlist_star_expr', 'generic_tuple', 'list_with_end', [rule(Rule.testlist_star_expr_2), tok(Tok.DEL_COMMA)]],
  [Rule.testlist_star_expr_2, 'testlist_star_expr_2', null, 'or', [rule(Rule.star_expr), rule(Rule.test)]],
  [Rule.annassign, 'annassign', null, 'and', [tok(Tok.DEL_COLON), rule(Rule.test), opt_rule(Rule.expr_stmt_assign)]],
  [Rule.augassign, 'augassign', null, 'or', [tok(Tok.DEL_PLUS_EQUAL), tok(Tok.DEL_MINUS_EQUAL), tok(Tok.DEL_STAR_EQUAL), tok(Tok.DEL_AT_EQUAL), tok(Tok.DEL_SLASH_EQUAL), tok(Tok.DEL_PERCENT_EQUAL), tok(Tok.DEL_AMPERSAND_EQUAL), tok(Tok.DEL_PIPE_EQUAL), tok(Tok.DEL_CARET_EQUAL), tok(Tok.DEL_DBL_LESS_EQUAL), tok(Tok.DEL_DBL_MORE_EQUAL), tok(Tok.DEL_DBL_STAR_EQUAL), tok(Tok.DEL_DBL_SLASH_EQUAL)]],
  [Rule.del_stmt, 'del_stmt', 'del_stmt', 'and', [tok(Tok.KW_DEL), rule(Rule.exprlist)]],
  [Rule.pass_stmt, 'pass_stmt', 'generic_all_nodes', 'and', [tok(Tok.KW_PASS)]],
  [Rule.flow_stmt, 'flow_stmt', null, 'or', [rule(Rule.break_stmt), rule(Rule.continue_stmt), rule(Rule.return_stmt), rule(Rule.raise_stmt), rule(Rule.yield_stmt)]],
  [Rule.break_stmt, 'break_stmt', 'break_cont_stmt', 'and', [tok(Tok.KW_BREAK)]],
  [Rule.continue_stmt, 'continue_stmt', 'break_cont_stmt', 'and', [tok(Tok.KW_CONTINUE)]],
  [Rule.return_stmt, 'return_stmt', 'return_stmt', 'and', [tok(Tok.KW_RETURN), opt_rule(Rule.testlist)]],
  [Rule.yield_stmt, 'yield_stmt', 'yield_stmt', 'and', [rule(Rule.yield_expr)]],
  [Rule.raise_stmt, 'raise_stmt', 'raise_stmt', 'and', [tok(Tok.KW_RAISE), opt_rule(Rule.raise_stmt_arg)]],
  [Rule.raise_stmt_arg, 'raise_stmt_arg', null, 'and_ident', [rule(Rule.test), opt_rule(Rule.raise_stmt_from)]],
  [Rule.raise_stmt_from, 'raise_stmt_from', null, 'and_ident', [tok(Tok.KW_FROM), rule(Rule.test)]],
  [Rule.import_stmt, 'import_stmt', null, 'or', [rule(Rule.import_name), rule(Rule.import_from)]],
  [Rule.import_name, 'import_name', 'import_name', 'and', [tok(Tok.KW_IMPORT), rule(Rule.dotted_as_names)]],
  [Rule.import_from, 'import_from', 'import_from', 'and', [tok(Tok.KW_FROM), rule(Rule.import_from_2), tok(Tok.KW_IMPORT), rule(Rule.import_from_3)]],
  [Rule.import_from_2, 'import_from_2', null, 'or', [rule(Rule.dotted_name), rule(Rule.import_from_2b)]],
  [Rule.import_from_2b, 'import_from_2b', null, 'and_ident', [rule(Rule.one_or_more_period_or_ellipsis), opt_rule(Rule.dotted_name)]],
  [Rule.import_from_3, 'import_from_3', null, 'or', [tok(Tok.OP_STAR), rule(Rule.import_as_names_paren), rule(Rule.import_as_names)]],
  [Rule.import_as_names_paren, 'import_as_names_paren', null, 'and_ident', [tok(Tok.DEL_PAREN_OPEN), rule(Rule.import_as_names), tok(Tok.DEL_PAREN_CLOSE)]],
  [Rule.one_or_more_period_or_ellipsis, 'one_or_more_period_or_ellipsis', null, 'one_or_more', [rule(Rule.period_or_ellipsis)]],
  [Rule.period_or_ellipsis, 'period_or_ellipsis', null, 'or', [tok(Tok.DEL_PERIOD), tok(Tok.ELLIPSIS)]],
  [Rule.import_as_name, 'import_as_name', null, 'and', [tok(Tok.NAME), opt_rule(Rule.as_name)]],
  [Rule.dotted_as_name, 'dotted_as_name', null, 'and_ident', [rule(Rule.dotted_name), opt_rule(Rule.as_name)]],
  [Rule.as_name, 'as_name', null, 'and_ident', [tok(Tok.KW_AS), tok(Tok.NAME)]],
  [Rule.import_as_names, 'import_as_names', null, 'list_with_end', [rule(Rule.import_as_name), tok(Tok.DEL_COMMA)]],
  [Rule.dotted_as_names, 'dotted_as_names', null, 'list', [rule(Rule.dotted_as_name), tok(Tok.DEL_COMMA)]],
  [Rule.dotted_name, 'dotted_name', null, 'list', [tok(Tok.NAME), tok(Tok.DEL_PERIOD)]],
  [Rule.global_stmt, 'global_stmt', 'global_nonlocal_stmt', 'and', [tok(Tok.KW_GLOBAL), rule(Rule.name_list)]],
  [Rule.nonlocal_stmt, 'nonlocal_stmt', 'global_nonlocal_stmt', 'and', [tok(Tok.KW_NONLOCAL), rule(Rule.name_list)]],
  [Rule.name_list, 'name_list', null, 'list', [tok(Tok.NAME), tok(Tok.DEL_COMMA)]],
  [Rule.assert_stmt, 'assert_stmt', 'assert_stmt', 'and', [tok(Tok.KW_ASSERT), rule(Rule.test), opt_rule(Rule.assert_stmt_extra)]],
  [Rule.assert_stmt_extra, 'assert_stmt_extra', null, 'and_ident', [tok(Tok.DEL_COMMA), rule(Rule.test)]],
  [Rule.compound_stmt, 'compound_stmt', null, 'or', [rule(Rule.if_stmt), rule(Rule.while_stmt), rule(Rule.for_stmt), rule(Rule.try_stmt), rule(Rule.with_stmt), rule(Rule.funcdef), rule(Rule.classdef), rule(Rule.decorated), rule(Rule.async_stmt)]],
  [Rule.async_stmt, 'async_stmt', 'async_stmt', 'and', [tok(Tok.KW_ASYNC), rule(Rule.async_stmt_2)]],
  [Rule.async_stmt_2, 'async_stmt_2', null, 'or', [rule(Rule.funcdef), rule(Rule.with_stmt), rule(Rule.for_stmt)]],
  [Rule.if_stmt, 'if_stmt', 'if_stmt', 'and', [tok(Tok.KW_IF), rule(Rule.namedexpr_test), tok(Tok.DEL_COLON), rule(Rule.suite), opt_rule(Rule.if_stmt_elif_list), opt_rule(Rule.else_stmt)]],
  [Rule.if_stmt_elif_list, 'if_stmt_elif_list', null, 'one_or_more', [rule(Rule.if_stmt_elif)]],
  [Rule.if_stmt_elif, 'if_stmt_elif', null, 'and', [tok(Tok.KW_ELIF), rule(Rule.namedexpr_test), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.while_stmt, 'while_stmt', 'while_stmt', 'and', [tok(Tok.KW_WHILE), rule(Rule.namedexpr_test), tok(Tok.DEL_COLON), rule(Rule.suite), opt_rule(Rule.else_stmt)]],
  [Rule.for_stmt, 'for_stmt', 'for_stmt', 'and', [tok(Tok.KW_FOR), rule(Rule.exprlist), tok(Tok.KW_IN), rule(Rule.testlist), tok(Tok.DEL_COLON), rule(Rule.suite), opt_rule(Rule.else_stmt)]],
  [Rule.try_stmt, 'try_stmt', 'try_stmt', 'and', [tok(Tok.KW_TRY), tok(Tok.DEL_COLON), rule(Rule.suite), rule(Rule.try_stmt_2)]],
  [Rule.try_stmt_2, 'try_stmt_2', null, 'or', [rule(Rule.try_stmt_except_and_more), rule(Rule.try_stmt_finally)]],
  [Rule.try_stmt_except_and_more, 'try_stmt_except_and_more', null, 'and_ident', [rule(Rule.try_stmt_except_list), opt_rule(Rule.else_stmt), opt_rule(Rule.try_stmt_finally)]],
  [Rule.try_stmt_except, 'try_stmt_except', null, 'and', [tok(Tok.KW_EXCEPT), opt_rule(Rule.try_stmt_as_name), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.try_stmt_as_name, 'try_stmt_as_name', null, 'and_ident', [rule(Rule.test), opt_rule(Rule.as_name)]],
  [Rule.try_stmt_except_list, 'try_stmt_except_list', null, 'one_or_more', [rule(Rule.try_stmt_except)]],
  [Rule.try_stmt_finally, 'try_stmt_finally', null, 'and', [tok(Tok.KW_FINALLY), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.else_stmt, 'else_stmt', null, 'and_ident', [tok(Tok.KW_ELSE), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.with_stmt, 'with_stmt', 'with_stmt', 'and', [tok(Tok.KW_WITH), rule(Rule.with_stmt_list), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.with_stmt_list, 'with_stmt_list', null, 'list', [rule(Rule.with_item), tok(Tok.DEL_COMMA)]],
  [Rule.with_item, 'with_item', null, 'and_ident', [rule(Rule.test), opt_rule(Rule.with_item_as)]],
  [Rule.with_item_as, 'with_item_as', null, 'and_ident', [tok(Tok.KW_AS), rule(Rule.expr)]],
  [Rule.suite, 'suite', null, 'or', [rule(Rule.suite_block), rule(Rule.simple_stmt)]],
  [Rule.suite_block, 'suite_block', null, 'and_ident', [tok(Tok.NEWLINE), tok(Tok.INDENT), rule(Rule.suite_block_stmts), tok(Tok.DEDENT)]],
  [Rule.suite_block_stmts, 'suite_block_stmts', 'generic_all_nodes', 'one_or_more', [rule(Rule.stmt)]],
  [Rule.namedexpr_test, 'namedexpr_test', 'namedexpr', 'and_ident', [rule(Rule.test), opt_rule(Rule.namedexpr_test_2)]],
  [Rule.namedexpr_test_2, 'namedexpr_test_2', null, 'and_ident', [tok(Tok.OP_ASSIGN), rule(Rule.test)]],
  [Rule.test, 'test', null, 'or', [rule(Rule.lambdef), rule(Rule.test_if_expr)]],
  [Rule.test_if_expr, 'test_if_expr', 'test_if_expr', 'and_ident', [rule(Rule.or_test), opt_rule(Rule.test_if_else)]],
  [Rule.test_if_else, 'test_if_else', null, 'and', [tok(Tok.KW_IF), rule(Rule.or_test), tok(Tok.KW_ELSE), rule(Rule.test)]],
  [Rule.test_nocond, 'test_nocond', null, 'or', [rule(Rule.lambdef_nocond), rule(Rule.or_test)]],
  [Rule.lambdef, 'lambdef', 'lambdef', 'and_blank', [tok(Tok.KW_LAMBDA), opt_rule(Rule.varargslist), tok(Tok.DEL_COLON), rule(Rule.test)]],
  [Rule.lambdef_nocond, 'lambdef_nocond', 'lambdef', 'and_blank', [tok(Tok.KW_LAMBDA), opt_rule(Rule.varargslist), tok(Tok.DEL_COLON), rule(Rule.test_nocond)]],
  [Rule.or_test, 'or_test', 'or_and_test', 'list', [rule(Rule.and_test), tok(Tok.KW_OR)]],
  [Rule.and_test, 'and_test', 'or_and_test', 'list', [rule(Rule.not_test), tok(Tok.KW_AND)]],
  [Rule.not_test, 'not_test', null, 'or', [rule(Rule.not_test_2), rule(Rule.comparison)]],
  [Rule.not_test_2, 'not_test_2', 'not_test_2', 'and', [tok(Tok.KW_NOT), rule(Rule.not_test)]],
  [Rule.comparison, 'comparison', 'comparison', 'list', [rule(Rule.expr), rule(Rule.comp_op)]],
  [Rule.comp_op, 'comp_op', null, 'or', [tok(Tok.OP_LESS), tok(Tok.OP_MORE), tok(Tok.OP_DBL_EQUAL), tok(Tok.OP_LESS_EQUAL), tok(Tok.OP_MORE_EQUAL), tok(Tok.OP_NOT_EQUAL), tok(Tok.KW_IN), rule(Rule.comp_op_not_in), rule(Rule.comp_op_is)]],
  [Rule.comp_op_not_in, 'comp_op_not_in', null, 'and', [tok(Tok.KW_NOT), tok(Tok.KW_IN)]],
  [Rule.comp_op_is, 'comp_op_is', null, 'and', [tok(Tok.KW_IS), opt_rule(Rule.comp_op_is_not)]],
  [Rule.comp_op_is_not, 'comp_op_is_not', null, 'and', [tok(Tok.KW_NOT)]],
  [Rule.star_expr, 'star_expr', 'star_expr', 'and', [tok(Tok.OP_STAR), rule(Rule.expr)]],
  [Rule.expr, 'expr', 'binary_op', 'list', [rule(Rule.xor_expr), tok(Tok.OP_PIPE)]],
  [Rule.xor_expr, 'xor_expr', 'binary_op', 'list', [rule(Rule.and_expr), tok(Tok.OP_CARET)]],
  [Rule.and_expr, 'and_expr', 'binary_op', 'list', [rule(Rule.shift_expr), tok(Tok.OP_AMPERSAND)]],
  [Rule.shift_expr, 'shift_expr', 'term', 'list', [rule(Rule.arith_expr), rule(Rule.shift_op)]],
  [Rule.shift_op, 'shift_op', null, 'or', [tok(Tok.OP_DBL_LESS), tok(Tok.OP_DBL_MORE)]],
  [Rule.arith_expr, 'arith_expr', 'term', 'list', [rule(Rule.term), rule(Rule.arith_op)]],
  [Rule.arith_op, 'arith_op', null, 'or', [tok(Tok.OP_PLUS), tok(Tok.OP_MINUS)]],
  [Rule.term, 'term', 'term', 'list', [rule(Rule.factor), rule(Rule.term_op)]],
  [Rule.term_op, 'term_op', null, 'or', [tok(Tok.OP_STAR), tok(Tok.OP_AT), tok(Tok.OP_SLASH), tok(Tok.OP_PERCENT), tok(Tok.OP_DBL_SLASH)]],
  [Rule.factor, 'factor', null, 'or', [rule(Rule.factor_2), rule(Rule.power)]],
  [Rule.factor_2, 'factor_2', 'factor_2', 'and_ident', [rule(Rule.factor_op), rule(Rule.factor)]],
  [Rule.factor_op, 'factor_op', null, 'or', [tok(Tok.OP_PLUS), tok(Tok.OP_MINUS), tok(Tok.OP_TILDE)]],
  [Rule.power, 'power', 'power', 'and_ident', [rule(Rule.atom_expr), opt_rule(Rule.power_dbl_star)]],
  [Rule.atom_expr, 'atom_expr', null, 'or', [rule(Rule.atom_expr_await), rule(Rule.atom_expr_normal)]],
  [Rule.atom_expr_await, 'atom_expr_await', 'atom_expr_await', 'and', [tok(Tok.KW_AWAIT), rule(Rule.atom), opt_rule(Rule.atom_expr_trailers)]],
  [Rule.atom_expr_normal, 'atom_expr_normal', 'atom_expr_normal', 'and_ident', [rule(Rule.atom), opt_rule(Rule.atom_expr_trailers)]],
  [Rule.atom_expr_trailers, 'atom_expr_trailers', null, 'one_or_more', [rule(Rule.trailer)]],
  [Rule.power_dbl_star, 'power_dbl_star', null, 'and_ident', [tok(Tok.OP_DBL_STAR), rule(Rule.factor)]],
  [Rule.atom, 'atom', null, 'or', [tok(Tok.NAME), tok(Tok.INTEGER), tok(Tok.FLOAT_OR_IMAG), tok(Tok.STRING), tok(Tok.BYTES), tok(Tok.ELLIPSIS), tok(Tok.KW_NONE), tok(Tok.KW_TRUE), tok(Tok.KW_FALSE), rule(Rule.atom_paren), rule(Rule.atom_bracket), rule(Rule.atom_brace)]],
  [Rule.atom_paren, 'atom_paren', 'atom_paren', 'and', [tok(Tok.DEL_PAREN_OPEN), opt_rule(Rule.atom_2b), tok(Tok.DEL_PAREN_CLOSE)]],
  [Rule.atom_2b, 'atom_2b', null, 'or', [rule(Rule.yield_expr), rule(Rule.testlist_comp)]],
  [Rule.atom_bracket, 'atom_bracket', 'atom_bracket', 'and', [tok(Tok.DEL_BRACKET_OPEN), opt_rule(Rule.testlist_comp), tok(Tok.DEL_BRACKET_CLOSE)]],
  [Rule.atom_brace, 'atom_brace', 'atom_brace', 'and', [tok(Tok.DEL_BRACE_OPEN), opt_rule(Rule.dictorsetmaker), tok(Tok.DEL_BRACE_CLOSE)]],
  [Rule.testlist_comp, 'testlist_comp', null, 'and_ident', [rule(Rule.testlist_comp_2), opt_rule(Rule.testlist_comp_3)]],
  [Rule.testlist_comp_2, 'testlist_comp_2', null, 'or', [rule(Rule.star_expr), rule(Rule.namedexpr_test)]],
  [Rule.testlist_comp_3, 'testlist_comp_3', null, 'or', [rule(Rule.comp_for), rule(Rule.testlist_comp_3b)]],
  [Rule.testlist_comp_3b, 'testlist_comp_3b', null, 'and_ident', [tok(Tok.DEL_COMMA), opt_rule(Rule.testlist_comp_3c)]],
  [Rule.testlist_comp_3c, 'testlist_comp_3c', null, 'list_with_end', [rule(Rule.testlist_comp_2), tok(Tok.DEL_COMMA)]],
  [Rule.trailer, 'trailer', null, 'or', [rule(Rule.trailer_paren), rule(Rule.trailer_bracket), rule(Rule.trailer_period)]],
  [Rule.trailer_paren, 'trailer_paren', 'trailer_paren', 'and', [tok(Tok.DEL_PAREN_OPEN), opt_rule(Rule.arglist), tok(Tok.DEL_PAREN_CLOSE)]],
  [Rule.trailer_bracket, 'trailer_bracket', 'trailer_bracket', 'and', [tok(Tok.DEL_BRACKET_OPEN), rule(Rule.subscriptlist), tok(Tok.DEL_BRACKET_CLOSE)]],
  [Rule.trailer_period, 'trailer_period', 'trailer_period', 'and', [tok(Tok.DEL_PERIOD), tok(Tok.NAME)]],
  [Rule.subscriptlist, 'subscriptlist', 'generic_tuple', 'list_with_end', [rule(Rule.subscript), tok(Tok.DEL_COMMA)]],
  [Rule.subscript, 'subscript', null, 'or', [rule(Rule.subscript_3), rule(Rule.subscript_2)]],
  [Rule.subscript_2, 'subscript_2', 'subscript', 'and_ident', [rule(Rule.test), opt_rule(Rule.subscript_3)]],
  [Rule.subscript_3, 'subscript_3', 'subscript', 'and', [tok(Tok.DEL_COLON), opt_rule(Rule.subscript_3b)]],
  [Rule.subscript_3b, 'subscript_3b', null, 'or', [rule(Rule.subscript_3c), rule(Rule.subscript_3d)]],
  [Rule.subscript_3c, 'subscript_3c', null, 'and', [tok(Tok.DEL_COLON), opt_rule(Rule.test)]],
  [Rule.subscript_3d, 'subscript_3d', null, 'and_ident', [rule(Rule.test), opt_rule(Rule.sliceop)]],
  [Rule.sliceop, 'sliceop', null, 'and', [tok(Tok.DEL_COLON), opt_rule(Rule.test)]],
  [Rule.exprlist, 'exprlist', null, 'list_with_end', [rule(Rule.exprlist_2), tok(Tok.DEL_COMMA)]],
  [Rule.exprlist_2, 'exprlist_2', null, 'or', [rule(Rule.star_expr), rule(Rule.expr)]],
  [Rule.testlist, 'testlist', 'generic_tuple', 'list_with_end', [rule(Rule.test), tok(Tok.DEL_COMMA)]],
  [Rule.dictorsetmaker, 'dictorsetmaker', null, 'and_ident', [rule(Rule.dictorsetmaker_item), opt_rule(Rule.dictorsetmaker_tail)]],
  [Rule.dictorsetmaker_item, 'dictorsetmaker_item', 'dictorsetmaker_item', 'and_ident', [rule(Rule.test), opt_rule(Rule.generic_colon_test)]],
  [Rule.dictorsetmaker_tail, 'dictorsetmaker_tail', null, 'or', [rule(Rule.comp_for), rule(Rule.dictorsetmaker_list)]],
  [Rule.dictorsetmaker_list, 'dictorsetmaker_list', null, 'and', [tok(Tok.DEL_COMMA), opt_rule(Rule.dictorsetmaker_list2)]],
  [Rule.dictorsetmaker_list2, 'dictorsetmaker_list2', null, 'list_with_end', [rule(Rule.dictorsetmaker_item), tok(Tok.DEL_COMMA)]],
  [Rule.classdef, 'classdef', 'classdef', 'and_blank', [tok(Tok.KW_CLASS), tok(Tok.NAME), opt_rule(Rule.classdef_2), tok(Tok.DEL_COLON), rule(Rule.suite)]],
  [Rule.classdef_2, 'classdef_2', null, 'and_ident', [tok(Tok.DEL_PAREN_OPEN), opt_rule(Rule.arglist), tok(Tok.DEL_PAREN_CLOSE)]],
  [Rule.arglist, 'arglist', null, 'list_with_end', [rule(Rule.arglist_2), tok(Tok.DEL_COMMA)]],
  [Rule.arglist_2, 'arglist_2', null, 'or', [rule(Rule.arglist_star), rule(Rule.arglist_dbl_star), rule(Rule.argument)]],
  [Rule.arglist_star, 'arglist_star', null, 'and', [tok(Tok.OP_STAR), rule(Rule.test)]],
  [Rule.arglist_dbl_star, 'arglist_dbl_star', null, 'and', [tok(Tok.OP_DBL_STAR), rule(Rule.test)]],
  [Rule.argument, 'argument', null, 'and_ident', [rule(Rule.test), opt_rule(Rule.argument_2)]],
  [Rule.argument_2, 'argument_2', null, 'or', [rule(Rule.comp_for), rule(Rule.generic_equal_test), rule(Rule.argument_3)]],
  [Rule.argument_3, 'argument_3', null, 'and', [tok(Tok.OP_ASSIGN), rule(Rule.test)]],
  [Rule.comp_iter, 'comp_iter', null, 'or', [rule(Rule.comp_for), rule(Rule.comp_if)]],
  [Rule.comp_for, 'comp_for', null, 'and_blank', [tok(Tok.KW_FOR), rule(Rule.exprlist), tok(Tok.KW_IN), rule(Rule.or_test), opt_rule(Rule.comp_iter)]],
  [Rule.comp_if, 'comp_if', null, 'and', [tok(Tok.KW_IF), rule(Rule.test_nocond), opt_rule(Rule.comp_iter)]],
  [Rule.yield_expr, 'yield_expr', 'yield_expr', 'and', [tok(Tok.KW_YIELD), opt_rule(Rule.yield_arg)]],
  [Rule.yield_arg, 'yield_arg', null, 'or', [rule(Rule.yield_arg_from), rule(Rule.testlist)]],
  [Rule.yield_arg_from, 'yield_arg_from', null, 'and', [tok(Tok.KW_FROM), rule(Rule.test)]],
];
function nFor(kind: RuleKind, args: readonly RuleArg[]): number {
  switch (kind) {
    case 'list':
      return 1;
    case 'one_or_more':
      return 2;
    case 'list_with_end':
      return 3;
    default:
      return args.length;
  }
}

function buildTable(): { table: readonly RuleDef[]; names: readonly string[] } {
  const table: RuleDef[] = new Array<RuleDef>(RULE_COUNT);
  const names: string[] = new Array<string>(RULE_COUNT).fill('');
  table[Rule.const_object] = { id: Rule.const_object, name: 'const_object', compile: null, kind: 'and', n: 0, args: [] };
  names[Rule.const_object] = 'const_object';
  for (const [id, name, compile, kind, args] of SPECS) {
    table[id] = Object.freeze({ id, name, compile, kind, n: nFor(kind, args), args: Object.freeze(args) });
    names[id] = name;
  }
  return { table: Object.freeze(table), names: Object.freeze(names) };
}

const BUILT = buildTable();

/** Rule definitions indexed by rule id (RULE_TABLE[Rule.funcdef].compile === 'funcdef'). */
export const RULE_TABLE: readonly RuleDef[] = BUILT.table;

/** Rule names indexed by rule id ('' never occurs; const_object is named 'const_object'). */
export const RULE_NAMES: readonly string[] = BUILT.names;

/** Rules in grammar.h's textual order (for tests and debugging). */
export const RULES_IN_SOURCE_ORDER: readonly Rule[] = SPECS.map((s) => s[0]);

export function ruleName(r: Rule): string {
  return RULE_NAMES[r] ?? `rule(${r as number})`;
}

/** Name → id lookup, for tools and tests that work from upstream rule names. */
export function ruleByName(name: string): Rule | undefined {
  const i = RULE_NAMES.indexOf(name);
  return i < 0 ? undefined : (i as Rule);
}
