// Parse-tree types: MicroPython v1.28.0's mp_parse_node_t, as plain TypeScript objects.
//
// ============================================================================================
//  API stable for compile.ts — the back-end codes against this file. Only add, never rename.
// ============================================================================================
//
// Representation (one-to-one with upstream's tagged mp_parse_node_t, see py/parse.h):
//
//   upstream                          here
//   ---------------------------------  ------------------------------------------------------------
//   MP_PARSE_NODE_NULL                 `null`
//   small-int leaf                     { kind: 'int', value: bigint }
//                                      value fits the *target's* small int (31 bits by default,
//                                      -msmall-int-bits=N changes it), so it is bigint to stay exact
//                                      up to 63 bits; Number(value) is safe for the 31-bit default.
//   ID leaf (qstr)                     { kind: 'id', name: string }
//   STRING leaf (interned qstr)        { kind: 'str', value: string }
//   TOKEN leaf (mp_token_kind_t)       { kind: 'tok', tok: Tok }   (only KW_NONE/TRUE/FALSE, ELLIPSIS,
//                                      operators and the like ever appear, as upstream)
//   mp_parse_node_struct_t             { kind: 'struct', rule: Rule, line: number, nodes: ParseNode[] }
//   struct of kind RULE_const_object   { kind: 'struct', rule: Rule.const_object, line, nodes: [],
//                                        value: ConstValue }
//
// A const_object node is a struct node (isStruct() is true for it, as MP_PARSE_NODE_IS_STRUCT is
// upstream) whose mp_obj_t lives in `value` instead of nodes[0]. ConstValue is exact:
//   { type: 'int', value: bigint }      any int that did not become a small-int leaf (beyond the
//                                       target's small-int range, or a folded/const() result)
//   { type: 'float', value: number }    IEEE double, bit-exact with what upstream computed
//   { type: 'complex', real, imag }     from imaginary literals such as 2j (never from folding)
//   { type: 'str', value: string }      str that was not interned (long strings, see parser.ts)
//   { type: 'bytes', value: Uint8Array }
//   { type: 'tuple', items: ConstValue[] }   MICROPY_COMP_CONST_TUPLE: constant tuples built by the
//                                       parser, e.g. `x = (1, 'a', None)`
//   { type: 'none' } | { type: 'bool', value } | { type: 'ellipsis' }   only inside tuples, or as the
//                                       value of a `const()` name that was substituted
//
// Strings (qstr names, str values) are JS strings decoded from the source's UTF-8 bytes. Their byte
// length (what upstream's limits are about) is utf8Length(s). Upstream keeps raw bytes, which need not
// be valid UTF-8 (e.g. '\\ud800' escapes are encoded as 3-byte surrogates, and an unknown escape before
// a non-ASCII character splits it). When the JS string cannot reproduce the bytes, the node/value also
// carries `raw` (the exact bytes): writers must use `raw ?? utf8(value)`. `raw` is absent otherwise.
//
// At run time every node is one class (see the constructors below), so fields of other kinds exist
// with filler values; code must only read the fields of the node's own kind, as typed here.
//
// Line numbers are 1-based source lines as upstream records them (the line of the first token of the
// rule). Nodes produced by constant folding carry line 0, exactly as upstream does.

import { Rule } from './grammar.js';
import { Tok } from './tokens.js';

export type ConstValue =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'complex'; readonly real: number; readonly imag: number }
  | { readonly type: 'str'; readonly value: string; readonly raw?: Uint8Array }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'tuple'; readonly items: readonly ConstValue[] }
  | { readonly type: 'none' }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'ellipsis' };

export interface SmallIntNode {
  readonly kind: 'int';
  readonly value: bigint;
}

export interface IdNode {
  readonly kind: 'id';
  readonly name: string;
  /** exact bytes, only when `name` cannot reproduce them (see the header) */
  readonly raw?: Uint8Array;
}

export interface StringNode {
  readonly kind: 'str';
  readonly value: string;
  /** exact bytes, only when `value` cannot reproduce them (see the header) */
  readonly raw?: Uint8Array;
}

export interface TokenNode {
  readonly kind: 'tok';
  readonly tok: Tok;
}

export type RuleId = Exclude<Rule, Rule.const_object>;

export interface RuleNode {
  readonly kind: 'struct';
  /** mutable only inside the parser (upstream rewrites testlist_comp_3c into testlist_comp) */
  rule: RuleId;
  readonly line: number;
  readonly nodes: ParseNode[];
}

export interface ConstNode {
  readonly kind: 'struct';
  readonly rule: Rule.const_object;
  readonly line: number;
  readonly nodes: readonly [];
  readonly value: ConstValue;
}

export type StructNode = RuleNode | ConstNode;
export type LeafNode = SmallIntNode | IdNode | StringNode | TokenNode;
export type ParseNode = null | LeafNode | StructNode;

// ---- constructors --------------------------------------------------------------------------------
//
// Every node is a PNode: one hidden class (V8 "map") for all node kinds, so that `pn.kind`,
// `pn.rule`, `pn.nodes` reads in the parser and the back-end stay monomorphic. Fields a kind does not
// use hold a fixed filler (0, undefined, an empty array). The exported interfaces above are what
// callers see; PNode only exists at run time.

// Every `nodes` array has V8's PACKED_ELEMENTS kind (not SMI, holey or frozen), so that `pns.nodes[i]`
// stays monomorphic in the back-end: this shared empty one is made by popping an element.
function emptyNodes(): ParseNode[] {
  const a: ParseNode[] = [null];
  a.pop();
  return a;
}
const NO_NODES = emptyNodes() as readonly ParseNode[] as readonly [];
const NO_ARGS: readonly ParseNode[] = NO_NODES;

class PNode {
  constructor(
    readonly kind: 'int' | 'id' | 'str' | 'tok' | 'struct',
    public rule: Rule,
    readonly line: number,
    readonly nodes: ParseNode[] | readonly [],
    readonly value: unknown,
    readonly name: string | undefined,
    readonly tok: Tok,
    readonly raw: Uint8Array | undefined,
  ) {}
}

export function newSmallInt(value: bigint | number): SmallIntNode {
  return new PNode('int', 0, 0, NO_NODES, typeof value === 'bigint' ? value : BigInt(value), undefined, 0, undefined) as unknown as SmallIntNode;
}
export function newId(name: string, raw?: Uint8Array): IdNode {
  return new PNode('id', 0, 0, NO_NODES, undefined, name, 0, raw) as unknown as IdNode;
}
export function newString(value: string, raw?: Uint8Array): StringNode {
  return new PNode('str', 0, 0, NO_NODES, value, undefined, 0, raw) as unknown as StringNode;
}
export function newToken(tok: Tok): TokenNode {
  return new PNode('tok', 0, 0, NO_NODES, undefined, undefined, tok, undefined) as unknown as TokenNode;
}
export function newStruct(rule: RuleId, line: number, nodes: ParseNode[]): RuleNode {
  return new PNode('struct', rule, line, nodes, undefined, undefined, 0, undefined) as unknown as RuleNode;
}
export function newConst(value: ConstValue, line: number): ConstNode {
  return new PNode('struct', Rule.const_object, line, NO_NODES, value, undefined, 0, undefined) as unknown as ConstNode;
}

// ---- predicates, named after upstream's macros ----------------------------------------------------

/** MP_PARSE_NODE_IS_NULL */
export function isNull(pn: ParseNode): pn is null {
  return pn === null;
}
/** MP_PARSE_NODE_IS_LEAF */
export function isLeaf(pn: ParseNode): pn is LeafNode {
  return pn !== null && pn.kind !== 'struct';
}
/** MP_PARSE_NODE_IS_STRUCT (true for const_object nodes too) */
export function isStruct(pn: ParseNode): pn is StructNode {
  return pn !== null && pn.kind === 'struct';
}
/** The node type isStructKind(pn, R) narrows to. */
export type StructOfKind<R extends Rule> = R extends Rule.const_object ? ConstNode : RuleNode & { rule: R };

/**
 * MP_PARSE_NODE_IS_STRUCT_KIND. Narrows to a node whose `rule` is R; a false result narrows nothing
 * away (other RuleNodes remain possible).
 */
export function isStructKind<R extends Rule>(pn: ParseNode, rule: R): pn is StructOfKind<R>;
export function isStructKind(pn: ParseNode, rule: Rule): boolean {
  return pn !== null && pn.kind === 'struct' && pn.rule === rule;
}
/** the RULE_const_object case of MP_PARSE_NODE_IS_STRUCT_KIND */
export function isConstObject(pn: ParseNode): pn is ConstNode {
  return pn !== null && pn.kind === 'struct' && pn.rule === Rule.const_object;
}
/** MP_PARSE_NODE_IS_SMALL_INT */
export function isSmallInt(pn: ParseNode): pn is SmallIntNode {
  return pn !== null && pn.kind === 'int';
}
/** MP_PARSE_NODE_IS_ID */
export function isId(pn: ParseNode): pn is IdNode {
  return pn !== null && pn.kind === 'id';
}
/** MP_PARSE_NODE_IS_ID(pn) && LEAF_ARG(pn) == name */
export function isIdNamed(pn: ParseNode, name: string): pn is IdNode {
  return pn !== null && pn.kind === 'id' && pn.name === name;
}
/** leaf kind MP_PARSE_NODE_STRING */
export function isString(pn: ParseNode): pn is StringNode {
  return pn !== null && pn.kind === 'str';
}
/** MP_PARSE_NODE_IS_TOKEN */
export function isToken(pn: ParseNode): pn is TokenNode {
  return pn !== null && pn.kind === 'tok';
}
/** MP_PARSE_NODE_IS_TOKEN_KIND */
export function isTokenKind(pn: ParseNode, tok: Tok): pn is TokenNode {
  return pn !== null && pn.kind === 'tok' && pn.tok === tok;
}

/** MP_PARSE_NODE_LEAF_SMALL_INT; throws if pn is not a small-int leaf. */
export function leafSmallInt(pn: ParseNode): bigint {
  if (pn === null || pn.kind !== 'int') throw new TypeError('parse node is not a small int');
  return pn.value;
}

/** MP_PARSE_NODE_STRUCT_KIND, or undefined for null/leaf nodes. */
export function structKind(pn: ParseNode): Rule | undefined {
  return pn !== null && pn.kind === 'struct' ? pn.rule : undefined;
}

/** MP_PARSE_NODE_STRUCT_NUM_NODES (upstream counts 1 for const_object; here nodes is empty). */
export function structNumNodes(pns: StructNode): number {
  return pns.rule === Rule.const_object ? 1 : pns.nodes.length;
}

/** mp_parse_node_extract_const_object */
export function extractConstObject(pns: ConstNode): ConstValue {
  return pns.value;
}

/**
 * mp_parse_node_extract_list: null → [], a struct of kind `rule` → its children, anything else →
 * [pn]. The returned array is the node's own children array when pn is of kind `rule` (do not mutate).
 */
export function extractArgs(pn: ParseNode, rule: Rule): readonly ParseNode[] {
  if (pn === null) return NO_ARGS;
  if (pn.kind === 'struct' && pn.rule === rule && pn.rule !== Rule.const_object) return pn.nodes;
  return [pn];
}
/** Alias with upstream's name. */
export const extractList = extractArgs;

// ---- constants, as mp_parse_node_is_const / mp_parse_node_convert_to_obj ---------------------------

/**
 * mp_parse_node_is_const (MICROPY_COMP_CONST_TUPLE || MICROPY_COMP_CONST): small ints, strings, None,
 * True, False, Ellipsis, const objects and the empty tuple `()`.
 */
export function isConstNode(pn: ParseNode): boolean {
  if (pn === null) return false;
  switch (pn.kind) {
    case 'int':
    case 'str':
      return true;
    case 'tok':
      return pn.tok === Tok.KW_NONE || pn.tok === Tok.KW_FALSE || pn.tok === Tok.KW_TRUE || pn.tok === Tok.ELLIPSIS;
    case 'id':
      return false;
    case 'struct':
      if (pn.rule === Rule.const_object) return true;
      return pn.rule === Rule.atom_paren && pn.nodes[0] === null;
  }
}

/** mp_parse_node_convert_to_obj; pn must satisfy isConstNode. */
export function constNodeValue(pn: ParseNode): ConstValue {
  if (pn !== null) {
    switch (pn.kind) {
      case 'int':
        return { type: 'int', value: pn.value };
      case 'str':
        return pn.raw === undefined ? { type: 'str', value: pn.value } : { type: 'str', value: pn.value, raw: pn.raw };
      case 'tok':
        if (pn.tok === Tok.KW_NONE) return { type: 'none' };
        if (pn.tok === Tok.KW_FALSE) return { type: 'bool', value: false };
        if (pn.tok === Tok.KW_TRUE) return { type: 'bool', value: true };
        if (pn.tok === Tok.ELLIPSIS) return { type: 'ellipsis' };
        break;
      case 'struct':
        if (pn.rule === Rule.const_object) return pn.value;
        if (pn.rule === Rule.atom_paren && pn.nodes[0] === null) return { type: 'tuple', items: [] };
        break;
      case 'id':
        break;
    }
  }
  throw new TypeError('parse node is not a constant');
}

/** mp_obj_is_true for a constant value. */
export function constTruthy(v: ConstValue): boolean {
  switch (v.type) {
    case 'int':
      return v.value !== 0n;
    case 'float':
      return v.value !== 0; // NaN is true, as in C
    case 'complex':
      return v.real !== 0 || v.imag !== 0;
    case 'str':
      return v.value.length !== 0 || (v.raw !== undefined && v.raw.length !== 0);
    case 'bytes':
      return v.value.length !== 0;
    case 'tuple':
      return v.items.length !== 0;
    case 'none':
      return false;
    case 'bool':
      return v.value;
    case 'ellipsis':
      return true;
  }
}

/** mp_parse_node_is_const_false */
export function isConstFalse(pn: ParseNode): boolean {
  return isConstNode(pn) && !constTruthy(constNodeValue(pn));
}

/** mp_parse_node_is_const_true */
export function isConstTrue(pn: ParseNode): boolean {
  return isConstNode(pn) && constTruthy(constNodeValue(pn));
}

/**
 * mp_parse_node_get_int_maybe (used by the inline assemblers): the integer value of a small-int leaf
 * or an int const object, else undefined.
 */
export function getIntMaybe(pn: ParseNode): bigint | undefined {
  if (pn === null) return undefined;
  if (pn.kind === 'int') return pn.value;
  if (pn.kind === 'struct' && pn.rule === Rule.const_object && pn.value.type === 'int') return pn.value.value;
  return undefined;
}

/** Number of UTF-8 bytes of a string (qstr lengths and limits are in bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
