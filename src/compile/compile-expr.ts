// Expressions (the expression half of upstream's compile.c): conditions, operators, calls, displays,
// comprehensions, lambdas and function-object creation.
import { Rule } from './grammar.js';
import {
  AttrKind,
  BinaryOp,
  BuildKind,
  SubscrKind,
  UnaryOp,
  YieldKind,
} from './emitbc.js';
import type { Compiler } from './compile.js';
import {
  extractArgs,
  isConstFalse,
  isConstTrue,
  isId,
  isNull,
  isStruct,
  isStructKind,
  isToken,
  type ParseNode,
  type RuleNode,
} from './parse-node.js';
import {
  IdKind,
  isCompLike,
  type Scope,
  ScopeKind,
  SCOPE_FLAG_DEFKWARGS,
  SCOPE_FLAG_HASCONSTS,
  SCOPE_FLAG_REFGLOBALS,
  ID_FLAG_IS_PARAM,
  idForModification,
} from './scope.js';
import { Tok } from './tokens.js';
import { Pass } from './emitbc.js';
import { compileDeclareGlobalOrNonlocal } from './compile-stmt.js';

const STAR_FLAG_SINGLE = 0x01;
const STAR_FLAG_DOUBLE = 0x02;

function node(pns: RuleNode, i: number): ParseNode {
  return pns.nodes[i] ?? null;
}

/** testlist_comp with a comp_for: a comprehension rather than a tuple/list */
export function testlistCompHasCompFor(pns: RuleNode): boolean {
  return pns.nodes.length === 2 && isStructKind(pns.nodes[1] ?? null, Rule.comp_for);
}

export function compileGenericTuple(c: Compiler, pns: RuleNode): void {
  for (const n of pns.nodes) c.compileNode(n);
  c.emit.build(pns.nodes.length, BuildKind.Tuple);
}

/** Jumps to `label` when the condition's truth equals `jumpIf`, short-circuiting and/or/not. */
export function cIfCond(c: Compiler, pn: ParseNode, jumpIf: boolean, label: number): void {
  if (isConstFalse(pn)) {
    if (!jumpIf) c.emit.jump(label);
    return;
  } else if (isConstTrue(pn)) {
    if (jumpIf) c.emit.jump(label);
    return;
  } else if (isStruct(pn) && pn.rule !== Rule.const_object) {
    const n = pn.nodes.length;
    // or with jump-if-false and and with jump-if-true need a local exit label
    const orTest = pn.rule === Rule.or_test;
    if (orTest || pn.rule === Rule.and_test) {
      if (orTest !== jumpIf) {
        const label2 = c.newLabel();
        for (let i = 0; i < n - 1; i++) cIfCond(c, pn.nodes[i] ?? null, !jumpIf, label2);
        cIfCond(c, pn.nodes[n - 1] ?? null, jumpIf, label);
        c.emit.labelAssign(label2);
      } else {
        for (let i = 0; i < n; i++) cIfCond(c, pn.nodes[i] ?? null, jumpIf, label);
      }
      return;
    } else if (pn.rule === Rule.not_test_2) {
      cIfCond(c, pn.nodes[0] ?? null, !jumpIf, label);
      return;
    }
  }
  // nothing special: evaluate and jump
  c.compileNode(pn);
  c.emit.popJumpIf(jumpIf, label);
}

// ---- function objects --------------------------------------------------------------------------

/**
 * Makes a function or closure object for `thisScope`. Defaults, if any, are already on the stack
 * (positional tuple above keyword dict). Closed-over variables are loaded in the order the current
 * scope declares them, to agree with CPython.
 */
export function closeOverVariablesEtc(c: Compiler, thisScope: Scope, nPosDefaults: number, nKwDefaults: number): void {
  if (nKwDefaults > 0) thisScope.scopeFlags |= SCOPE_FLAG_DEFKWARGS;
  thisScope.numDefPosArgs = nPosDefaults;
  // creating a function takes a reference to the current globals (used by the native emitter)
  c.scopeCur.scopeFlags |= SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS;

  let nFree = 0;
  if (c.scopeCur.kind !== ScopeKind.Module) {
    for (const id of c.scopeCur.ids) {
      if (id.kind !== IdKind.Cell && id.kind !== IdKind.Free) continue;
      const id2 = thisScope.find(id.qst);
      if (id2 !== undefined && id2.kind === IdKind.Free) {
        // closures are loaded with LOAD_FAST: the cell object itself
        c.loadFast(id.qst, id.localNum);
        nFree++;
      }
    }
  }
  if (nFree === 0) c.emit.makeFunction(thisScope, nPosDefaults, nKwDefaults);
  else c.emit.makeClosure(thisScope, nFree, nPosDefaults, nKwDefaults);
}

function compileFuncdefLambdefParam(c: Compiler, pn: ParseNode): void {
  const kind = isId(pn) ? -1 : isStruct(pn) ? pn.rule : -2;
  if (kind === Rule.typedargslist_star || kind === Rule.varargslist_star) {
    c.haveStar = true;
    return;
  }
  if (kind === Rule.typedargslist_dbl_star || kind === Rule.varargslist_dbl_star) return;

  let pnId: ParseNode;
  let pnEqual: ParseNode;
  if (kind === -1) {
    pnId = pn;
    pnEqual = null;
  } else if (kind === Rule.typedargslist_name) {
    const pns = pn as RuleNode;
    pnId = node(pns, 0);
    pnEqual = node(pns, 2);
  } else {
    const pns = pn as RuleNode;
    pnId = node(pns, 0);
    pnEqual = node(pns, 1);
  }

  if (isNull(pnEqual)) {
    // the parser allows a non-default parameter after a default one; Python does not
    if (!c.haveStar && c.numDefaultParams !== 0) {
      c.syntaxError(pn, 'non-default argument follows default argument');
    }
    return;
  }
  if (c.haveStar) {
    c.numDictParams++;
    // keyword-only defaults go into a dict built by the bytecode; the positional defaults tuple
    // (or a NULL meaning none) must be made first so it sits below the dict
    if (c.numDictParams === 1) {
      if (c.numDefaultParams > 0) c.emit.build(c.numDefaultParams, BuildKind.Tuple);
      else c.emit.loadNull();
      c.emit.build(0, BuildKind.Map);
    }
    c.compileNode(pnEqual);
    c.emit.loadConstStr(isId(pnId) ? pnId.name : '');
    c.emit.storeMap();
  } else {
    c.numDefaultParams++;
    c.compileNode(pnEqual);
  }
}

export function compileFuncdefLambdef(c: Compiler, scope: Scope, pnParams: ParseNode, listRule: Rule): void {
  // default values may contain lambdas, which come back here: save the state
  const origHaveStar = c.haveStar;
  const origNumDictParams = c.numDictParams;
  const origNumDefaultParams = c.numDefaultParams;

  c.haveStar = false;
  c.numDictParams = 0;
  c.numDefaultParams = 0;
  c.applyToSingleOrList(pnParams, listRule, (p) => compileFuncdefLambdefParam(c, p));
  if (c.error !== null) return;

  // positional defaults go in a tuple; if no keyword defaults made it already, make it now
  if (c.numDefaultParams > 0 && c.numDictParams === 0) {
    c.emit.build(c.numDefaultParams, BuildKind.Tuple);
    c.emit.loadNull();
  }
  closeOverVariablesEtc(c, scope, c.numDefaultParams, c.numDictParams);

  c.haveStar = origHaveStar;
  c.numDictParams = origNumDictParams;
  c.numDefaultParams = origNumDefaultParams;
}

export function compileLambdef(c: Compiler, pns: RuleNode): void {
  if (c.pass === Pass.Scope) {
    c.scopeOf.set(pns, c.newScope(ScopeKind.Lambda, pns, c.scopeCur.emitOptions));
  }
  compileFuncdefLambdef(c, c.scopeFor(pns), node(pns, 0), Rule.varargslist);
}

// ---- simple expressions ------------------------------------------------------------------------

export function compileTestIfExpr(c: Compiler, pns: RuleNode): void {
  const pnsTestIfElse = node(pns, 1) as RuleNode;
  const lFail = c.newLabel();
  const lEnd = c.newLabel();
  cIfCond(c, node(pnsTestIfElse, 0), false, lFail);
  c.compileNode(node(pns, 0));
  c.emit.jump(lEnd);
  c.emit.labelAssign(lFail);
  c.emit.adjustStackSize(-1);
  c.compileNode(node(pnsTestIfElse, 1));
  c.emit.labelAssign(lEnd);
}

export function compileNamedexprHelper(c: Compiler, pnName: ParseNode, pnExpr: ParseNode): void {
  if (!isId(pnName)) c.syntaxError(pnName, "can't assign to expression");
  c.compileNode(pnExpr);
  c.emit.dupTop();
  if (!isId(pnName)) return;
  const target = pnName.name;

  // a := in a comprehension binds in the enclosing scope, honouring its global/nonlocal declarations
  const cur = c.scopeCur;
  if (c.pass === Pass.Scope && isCompLike(cur.kind) && cur.parent !== null) {
    const idParent = idForModification(cur.parent, target);
    if (idParent.kind === IdKind.GlobalExplicit) {
      cur.findOrAdd(target, IdKind.GlobalExplicit);
    } else {
      const id = cur.findOrAdd(target, IdKind.Undecided);
      const isGlobal = cur.parent.parent === null;
      if (!isGlobal && id.kind === IdKind.GlobalImplicit) {
        // already referenced, but must now be closed over
        id.kind = IdKind.Undecided;
      }
      compileDeclareGlobalOrNonlocal(c, pnName, id, isGlobal);
    }
  }
  c.storeId(target);
}

export function compileNamedexpr(c: Compiler, pns: RuleNode): void {
  compileNamedexprHelper(c, node(pns, 0), node(pns, 1));
}

export function compileOrAndTest(c: Compiler, pns: RuleNode): void {
  const cond = pns.rule === Rule.or_test;
  const lEnd = c.newLabel();
  const n = pns.nodes.length;
  for (let i = 0; i < n; i++) {
    c.compileNode(node(pns, i));
    if (i + 1 < n) c.emit.jumpIfOrPop(cond, lEnd);
  }
  c.emit.labelAssign(lEnd);
}

export function compileNotTest2(c: Compiler, pns: RuleNode): void {
  c.compileNode(node(pns, 0));
  c.emit.unaryOp(UnaryOp.Not);
}

export function compileComparison(c: Compiler, pns: RuleNode): void {
  const n = pns.nodes.length;
  c.compileNode(node(pns, 0));
  const multi = n > 3;
  const lFail = multi ? c.newLabel() : 0;
  for (let i = 1; i + 1 < n; i += 2) {
    c.compileNode(node(pns, i + 1));
    if (i + 2 < n) {
      c.emit.dupTop();
      c.emit.rotThree();
    }
    const opNode = node(pns, i);
    if (isToken(opNode)) {
      const tok = opNode.tok;
      c.emit.binaryOp(tok === Tok.KW_IN ? BinaryOp.In : ((BinaryOp.Less + (tok - Tok.OP_LESS)) as BinaryOp));
    } else {
      const pns2 = opNode as RuleNode;
      if (pns2.rule === Rule.comp_op_not_in) c.emit.binaryOp(BinaryOp.NotIn);
      else c.emit.binaryOp(isNull(node(pns2, 0)) ? BinaryOp.Is : BinaryOp.IsNot);
    }
    if (i + 2 < n) c.emit.jumpIfOrPop(false, lFail);
  }
  if (multi) {
    const lEnd = c.newLabel();
    c.emit.jump(lEnd);
    c.emit.labelAssign(lFail);
    c.emit.adjustStackSize(1);
    c.emit.rotTwo();
    c.emit.popTop();
    c.emit.labelAssign(lEnd);
  }
}

export function compileStarExpr(c: Compiler, pns: RuleNode): void {
  c.syntaxError(pns, '*x must be assignment target');
}

export function compileBinaryOp(c: Compiler, pns: RuleNode): void {
  const op = (BinaryOp.Or + (pns.rule - Rule.expr)) as BinaryOp;
  c.compileNode(node(pns, 0));
  for (let i = 1; i < pns.nodes.length; i++) {
    c.compileNode(node(pns, i));
    c.emit.binaryOp(op);
  }
}

export function compileTerm(c: Compiler, pns: RuleNode): void {
  const n = pns.nodes.length;
  c.compileNode(node(pns, 0));
  for (let i = 1; i + 1 < n; i += 2) {
    c.compileNode(node(pns, i + 1));
    const tokNode = node(pns, i);
    const tok = isToken(tokNode) ? tokNode.tok : Tok.OP_PLUS;
    c.emit.binaryOp((BinaryOp.Lshift + (tok - Tok.OP_DBL_LESS)) as BinaryOp);
  }
}

export function compileFactor2(c: Compiler, pns: RuleNode): void {
  c.compileNode(node(pns, 1));
  const tokNode = node(pns, 0);
  const tok = isToken(tokNode) ? tokNode.tok : Tok.OP_PLUS;
  if (tok === Tok.OP_TILDE) c.emit.unaryOp(UnaryOp.Invert);
  else c.emit.unaryOp(tok === Tok.OP_PLUS ? UnaryOp.Positive : UnaryOp.Negative);
}

export function compilePower(c: Compiler, pns: RuleNode): void {
  c.compileGenericAllNodes(pns);
  c.emit.binaryOp(BinaryOp.Power);
}

// ---- atoms and trailers ------------------------------------------------------------------------

export function compileAtomExprNormal(c: Compiler, pns: RuleNode): void {
  c.compileNode(node(pns, 0));
  const pn1 = node(pns, 1);
  // await may call us with no trailers
  if (isNull(pn1)) return;

  let trailers: readonly ParseNode[] = [pn1];
  if (isStructKind(pn1, Rule.atom_expr_trailers)) trailers = pn1.nodes;
  const trail = (i: number): RuleNode => trailers[i] as RuleNode;
  const numTrail = trailers.length;
  let i = 0;

  const base = node(pns, 0);
  if (
    c.scopeCur.kind === ScopeKind.Function &&
    isId(base) &&
    base.name === 'super' &&
    trail(0).rule === Rule.trailer_paren &&
    isNull(node(trail(0), 0))
  ) {
    // super() in a method: load __class__ and the first argument ("self")
    c.loadId('__class__');
    let found = false;
    for (const id of c.scopeCur.ids) {
      if (id.flags & ID_FLAG_IS_PARAM) {
        c.loadId(id.qst);
        found = true;
        break;
      }
    }
    if (!found) {
      c.syntaxError(trail(0), "super() can't find self");
      return;
    }
    if (numTrail >= 3 && trail(1).rule === Rule.trailer_period && trail(2).rule === Rule.trailer_paren) {
      // super().f(...) without creating the super object
      const q = node(trail(1), 0);
      c.emit.loadMethod(isId(q) ? q.name : '', true);
      compileTrailerParenHelper(c, node(trail(2), 0), true, 0);
      i = 3;
    } else {
      c.emit.callFunction(2, 0, 0);
      i = 1;
    }
  } else if (
    c.opts.orderedDictLiteral === true &&
    isId(base) &&
    base.name === 'OrderedDict' &&
    trail(0).rule === Rule.trailer_paren &&
    isStructKind(node(trail(0), 0), Rule.atom_brace)
  ) {
    // OrderedDict({...}): make the empty OrderedDict, then store the items straight into it
    c.emit.callFunction(0, 0, 0);
    compileAtomBraceHelper(c, node(trail(0), 0) as RuleNode, false);
    i = 1;
  }

  for (; i < numTrail; i++) {
    if (i + 1 < numTrail && trail(i).rule === Rule.trailer_period && trail(i + 1).rule === Rule.trailer_paren) {
      // a.f(...) as a method call
      const q = node(trail(i), 0);
      c.emit.loadMethod(isId(q) ? q.name : '', false);
      compileTrailerParenHelper(c, node(trail(i + 1), 0), true, 0);
      i++;
    } else {
      c.compileNode(trail(i));
    }
  }
}

export function compileAtomExprAwait(c: Compiler, pns: RuleNode): void {
  const k = c.scopeCur.kind;
  if (k !== ScopeKind.Function && k !== ScopeKind.Lambda) {
    c.syntaxError(pns, "'await' outside function");
    return;
  }
  compileAtomExprNormal(c, pns);
  compileYieldFrom(c);
}

export function compileYieldFrom(c: Compiler): void {
  c.emit.getIter(false);
  c.emit.loadConstTok(Tok.KW_NONE);
  c.emit.yield(YieldKind.From);
  c.reserveLabelsForNative(3);
}

/** Compiles call arguments and the call; the callable (or method and self) is already on the stack. */
export function compileTrailerParenHelper(c: Compiler, pnArglist: ParseNode, isMethodCall: boolean, nPositionalExtra: number): void {
  const args = extractArgs(pnArglist, Rule.arglist);
  let nPositional = nPositionalExtra;
  let nKeyword = 0;
  let starFlags = 0;
  let starArgs = 0n;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? null;
    if (isStruct(arg) && arg.rule !== Rule.const_object) {
      if (arg.rule === Rule.arglist_star) {
        if (starFlags & STAR_FLAG_DOUBLE) {
          c.syntaxError(arg, '* arg after **');
          return;
        }
        // the positions of *args are passed as a small-int bitmap
        if (i >= c.opts.smallIntBits - 1) {
          c.syntaxError(arg, 'too many args');
          return;
        }
        starFlags |= STAR_FLAG_SINGLE;
        starArgs |= 1n << BigInt(i);
        c.compileNode(node(arg, 0));
        nPositional++;
        continue;
      } else if (arg.rule === Rule.arglist_dbl_star) {
        starFlags |= STAR_FLAG_DOUBLE;
        // **kwargs are passed as a keyword argument with a NULL key
        c.emit.loadNull();
        c.compileNode(node(arg, 0));
        nKeyword++;
        continue;
      } else if (arg.rule === Rule.argument) {
        const a1 = node(arg, 1);
        if (isStructKind(a1, Rule.argument_3)) {
          compileNamedexprHelper(c, node(arg, 0), node(a1, 0));
          nPositional++;
        } else if (!isStructKind(a1, Rule.comp_for)) {
          const a0 = node(arg, 0);
          if (!isId(a0)) {
            c.syntaxError(arg, 'LHS of keyword arg must be an id');
            return;
          }
          c.emit.loadConstStr(a0.name);
          c.compileNode(a1);
          nKeyword++;
        } else {
          compileComprehension(c, arg, ScopeKind.GenExpr);
          nPositional++;
        }
        continue;
      }
    }
    // a normal positional argument
    if (starFlags & STAR_FLAG_DOUBLE) {
      c.syntaxError(arg, 'positional arg after **');
      return;
    }
    if (nKeyword > 0) {
      c.syntaxError(arg, 'positional arg after keyword arg');
      return;
    }
    c.compileNode(arg);
    nPositional++;
  }

  if (starFlags !== 0) c.emit.loadConstSmallInt(starArgs);
  if (isMethodCall) c.emit.callMethod(nPositional, nKeyword, starFlags);
  else c.emit.callFunction(nPositional, nKeyword, starFlags);
}

/** pns has 2 nodes: the element expression and a comp_for. */
export function compileComprehension(c: Compiler, pns: RuleNode, kind: ScopeKind): void {
  const pnsCompFor = node(pns, 1) as RuleNode;
  if (c.pass === Pass.Scope) {
    c.scopeOf.set(pnsCompFor, c.newScope(kind, pns, c.scopeCur.emitOptions));
  }
  const thisScope = c.scopeFor(pnsCompFor);
  closeOverVariablesEtc(c, thisScope, 0, 0);
  // the outermost iterable is evaluated here and passed as the argument
  c.compileNode(node(pnsCompFor, 1));
  if (kind === ScopeKind.GenExpr) c.emit.getIter(false);
  c.emit.callFunction(1, 0, 0);
}

/** The loops and conditions of a comprehension, inside its own scope. */
export function compileScopeCompIter(c: Compiler, pnsCompFor: RuleNode, pnInnerExpr: ParseNode, forDepth: number): void {
  const lTop = c.newLabel();
  const lEnd = c.newLabel();
  c.emit.labelAssign(lTop);
  c.emit.forIter(lEnd);
  cAssign(c, node(pnsCompFor, 0), AssignKind.Store);
  let pnIter = node(pnsCompFor, 2);
  for (;;) {
    if (isNull(pnIter)) {
      // innermost: the element
      c.compileNode(pnInnerExpr);
      if (c.scopeCur.kind === ScopeKind.GenExpr) {
        c.emit.yield(YieldKind.Value);
        c.reserveLabelsForNative(1);
        c.emit.popTop();
      } else {
        c.emit.storeComp(c.scopeCur.kind, 4 * forDepth + 5);
      }
      break;
    }
    const pnsIter = pnIter as RuleNode;
    if (pnsIter.rule === Rule.comp_if) {
      cIfCond(c, node(pnsIter, 0), false, lTop);
      pnIter = node(pnsIter, 1);
      continue;
    }
    // a nested for
    c.compileNode(node(pnsIter, 1));
    c.emit.getIter(true);
    compileScopeCompIter(c, pnsIter, pnInnerExpr, forDepth + 1);
    break;
  }
  c.emit.jump(lTop);
  c.emit.labelAssign(lEnd);
  c.emit.forIterEnd();
}

export function compileAtomParen(c: Compiler, pns: RuleNode): void {
  const n0 = node(pns, 0);
  if (isNull(n0)) {
    c.emit.build(0, BuildKind.Tuple);
    return;
  }
  const pns0 = n0 as RuleNode;
  if (testlistCompHasCompFor(pns0)) compileComprehension(c, pns0, ScopeKind.GenExpr);
  else compileGenericTuple(c, pns0);
}

export function compileAtomBracket(c: Compiler, pns: RuleNode): void {
  const n0 = node(pns, 0);
  if (isNull(n0)) {
    c.emit.build(0, BuildKind.List);
  } else if (isStructKind(n0, Rule.testlist_comp)) {
    if (testlistCompHasCompFor(n0)) {
      compileComprehension(c, n0, ScopeKind.ListComp);
    } else {
      c.compileGenericAllNodes(n0);
      c.emit.build(n0.nodes.length, BuildKind.List);
    }
  } else {
    c.compileNode(n0);
    c.emit.build(1, BuildKind.List);
  }
}

export function compileAtomBraceHelper(c: Compiler, pns: RuleNode, createMap: boolean): void {
  const pn = node(pns, 0);
  if (isNull(pn)) {
    if (createMap) c.emit.build(0, BuildKind.Map);
    return;
  }
  if (isStruct(pn) && pn.rule !== Rule.const_object) {
    if (pn.rule === Rule.dictorsetmaker_item) {
      // dict with one element
      if (createMap) c.emit.build(1, BuildKind.Map);
      c.compileNode(pn);
      c.emit.storeMap();
      return;
    }
    if (pn.rule === Rule.dictorsetmaker) {
      const pns1 = node(pn, 1) as RuleNode;
      const first = node(pn, 0);
      const firstIsItem = isStructKind(first, Rule.dictorsetmaker_item);
      if (pns1.rule === Rule.dictorsetmaker_list) {
        // dict/set with several elements: the first decides which
        const nodes = extractArgs(node(pns1, 0), Rule.dictorsetmaker_list2);
        const isDict = firstIsItem;
        if (isDict) {
          if (createMap) c.emit.build(1 + nodes.length, BuildKind.Map);
          c.compileNode(first);
          c.emit.storeMap();
        } else {
          c.compileNode(first);
        }
        for (const pnI of nodes) {
          const isKeyValue = isStructKind(pnI, Rule.dictorsetmaker_item);
          c.compileNode(pnI);
          if (isDict) {
            if (!isKeyValue) {
              c.syntaxError(pn, 'expecting key:value for dict');
              return;
            }
            c.emit.storeMap();
          } else if (isKeyValue) {
            c.syntaxError(pn, 'expecting just a value for set');
            return;
          }
        }
        if (!isDict) c.emit.build(1 + nodes.length, BuildKind.Set);
      } else {
        // dict/set comprehension
        compileComprehension(c, pn, firstIsItem ? ScopeKind.DictComp : ScopeKind.SetComp);
      }
      return;
    }
  }
  // set with one element
  c.compileNode(pn);
  c.emit.build(1, BuildKind.Set);
}

export function compileTrailerBracket(c: Compiler, pns: RuleNode): void {
  c.compileNode(node(pns, 0));
  c.emit.subscr(SubscrKind.Load);
}

export function compileTrailerPeriod(c: Compiler, pns: RuleNode): void {
  const q = node(pns, 0);
  c.emit.attr(isId(q) ? q.name : '', AttrKind.Load);
}

export function compileSubscript(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  if (pns.rule === Rule.subscript_2) {
    c.compileNode(node(pns, 0));
    pns = node(pns, 1) as RuleNode;
  } else {
    // subscript_3: no start
    e.loadConstTok(Tok.KW_NONE);
  }
  const pn = node(pns, 0);
  if (isNull(pn)) {
    // [?:]
    e.loadConstTok(Tok.KW_NONE);
    e.build(2, BuildKind.Slice);
  } else if (isStructKind(pn, Rule.subscript_3c)) {
    e.loadConstTok(Tok.KW_NONE);
    const step = node(pn, 0);
    if (isNull(step)) {
      // [?::]
      e.build(2, BuildKind.Slice);
    } else {
      // [?::x]
      c.compileNode(step);
      e.build(3, BuildKind.Slice);
    }
  } else if (isStructKind(pn, Rule.subscript_3d)) {
    c.compileNode(node(pn, 0));
    const sliceop = node(pn, 1) as RuleNode;
    const step = node(sliceop, 0);
    if (isNull(step)) {
      // [?:x:]
      e.build(2, BuildKind.Slice);
    } else {
      // [?:x:x]
      c.compileNode(step);
      e.build(3, BuildKind.Slice);
    }
  } else {
    // [?:x]
    c.compileNode(pn);
    e.build(2, BuildKind.Slice);
  }
}

export function compileDictorsetmakerItem(c: Compiler, pns: RuleNode): void {
  // value first, then key: the order STORE_MAP wants
  c.compileNode(node(pns, 1));
  c.compileNode(node(pns, 0));
}

export function compileYieldExpr(c: Compiler, pns: RuleNode): void {
  const k = c.scopeCur.kind;
  if (k !== ScopeKind.Function && k !== ScopeKind.Lambda) {
    c.syntaxError(pns, "'yield' outside function");
    return;
  }
  const n0 = node(pns, 0);
  if (isNull(n0)) {
    c.emit.loadConstTok(Tok.KW_NONE);
    c.emit.yield(YieldKind.Value);
    c.reserveLabelsForNative(1);
  } else if (isStructKind(n0, Rule.yield_arg_from)) {
    c.compileNode(node(n0, 0));
    compileYieldFrom(c);
  } else {
    c.compileNode(n0);
    c.emit.yield(YieldKind.Value);
    c.reserveLabelsForNative(1);
  }
}

// ---- assignment targets ------------------------------------------------------------------------

export const enum AssignKind {
  Store = 0,
  AugLoad = 1,
  AugStore = 2,
}

function cAssignAtomExpr(c: Compiler, pns: RuleNode, kind: AssignKind): void {
  if (kind !== AssignKind.AugStore) c.compileNode(node(pns, 0));
  const n1 = node(pns, 1);
  if (isStruct(n1) && n1.rule !== Rule.const_object) {
    let pns1: RuleNode = n1;
    if (pns1.rule === Rule.atom_expr_trailers) {
      const n = pns1.nodes.length;
      if (kind !== AssignKind.AugStore) {
        for (let i = 0; i < n - 1; i++) c.compileNode(node(pns1, i));
      }
      pns1 = node(pns1, n - 1) as RuleNode;
    }
    if (pns1.rule === Rule.trailer_bracket) {
      if (kind === AssignKind.AugStore) {
        c.emit.rotThree();
        c.emit.subscr(SubscrKind.Store);
      } else {
        c.compileNode(node(pns1, 0));
        if (kind === AssignKind.AugLoad) {
          c.emit.dupTopTwo();
          c.emit.subscr(SubscrKind.Load);
        } else {
          c.emit.subscr(SubscrKind.Store);
        }
      }
      return;
    } else if (pns1.rule === Rule.trailer_period) {
      const q = node(pns1, 0);
      const name = isId(q) ? q.name : '';
      if (kind === AssignKind.AugLoad) {
        c.emit.dupTop();
        c.emit.attr(name, AttrKind.Load);
      } else {
        if (kind === AssignKind.AugStore) c.emit.rotTwo();
        c.emit.attr(name, AttrKind.Store);
      }
      return;
    }
  }
  c.syntaxError(pns, "can't assign to expression");
}

function cAssignTuple(c: Compiler, nodes: readonly ParseNode[]): void {
  const num = nodes.length;
  let haveStarIndex = -1;
  for (let i = 0; i < num; i++) {
    if (isStructKind(nodes[i] ?? null, Rule.star_expr)) {
      if (haveStarIndex === -1) {
        c.emit.unpackEx(i, num - i - 1);
        haveStarIndex = i;
      } else {
        c.syntaxError(nodes[i] ?? null, 'multiple *x in assignment');
        return;
      }
    }
  }
  if (haveStarIndex === -1) c.emit.unpackSequence(num);
  for (let i = 0; i < num; i++) {
    const n = nodes[i] ?? null;
    if (i === haveStarIndex) cAssign(c, node(n as RuleNode, 0), AssignKind.Store);
    else cAssign(c, n, AssignKind.Store);
  }
}

/** Assigns the top of the stack to the target `pn`. */
export function cAssign(c: Compiler, pn: ParseNode, kind: AssignKind): void {
  if (pn === null) return;
  if (pn.kind !== 'struct') {
    if (pn.kind === 'id') {
      if (kind === AssignKind.AugLoad) c.loadId(pn.name);
      else c.storeId(pn.name);
      return;
    }
    c.syntaxError(pn, "can't assign to expression");
    return;
  }
  let seq: RuleNode | null = null;
  switch (pn.rule) {
    case Rule.atom_expr_normal:
      cAssignAtomExpr(c, pn, kind);
      return;
    case Rule.testlist_star_expr:
    case Rule.exprlist:
      if (kind !== AssignKind.Store) break;
      cAssignTuple(c, pn.nodes);
      return;
    case Rule.atom_paren: {
      const n0 = pn.nodes[0] ?? null;
      // () is not assignable
      if (isNull(n0) || kind !== AssignKind.Store) break;
      seq = n0 as RuleNode;
      break;
    }
    case Rule.atom_bracket: {
      if (kind !== AssignKind.Store) break;
      const n0 = pn.nodes[0] ?? null;
      if (isNull(n0)) {
        // [] = x is allowed
        cAssignTuple(c, []);
        return;
      } else if (isStructKind(n0, Rule.testlist_comp)) {
        seq = n0;
        break;
      }
      cAssignTuple(c, [n0]);
      return;
    }
    default:
      break;
  }
  if (seq !== null && !testlistCompHasCompFor(seq)) {
    cAssignTuple(c, seq.nodes);
    return;
  }
  c.syntaxError(pn, "can't assign to expression");
}
