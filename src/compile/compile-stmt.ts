// Statements (the statement half of upstream's compile.c): definitions, assignment, imports,
// declarations, control flow, exceptions and with-blocks.
import { Rule } from './grammar.js';
import {
  AttrKind,
  BinaryOp,
  BlockKind,
  BREAK_FROM_FOR,
  BuildKind,
  IdOpGlobal,
  ImportKind,
  Pass,
  SubscrKind,
} from './emitbc.js';
import { INVALID_LABEL, type Compiler } from './compile.js';
import {
  AssignKind,
  cAssign,
  cIfCond,
  closeOverVariablesEtc,
  compileFuncdefLambdef,
  compileTrailerParenHelper,
  compileYieldFrom,
} from './compile-expr.js';
import {
  extractArgs,
  isConstFalse,
  isConstTrue,
  isConstObject,
  isId,
  isLeaf,
  isNull,
  isSmallInt,
  isStruct,
  isStructKind,
  isToken,
  isTokenKind,
  leafSmallInt,
  newSmallInt,
  type ParseNode,
  type RuleNode,
  utf8Length,
} from './parse-node.js';
import { CompileError } from './errors.js';
import {
  checkToCloseOver,
  EmitOpt,
  IdKind,
  type IdInfo,
  ScopeKind,
  SCOPE_FLAG_GENERATOR,
} from './scope.js';
import { Tok } from './tokens.js';

function node(pns: RuleNode, i: number): ParseNode {
  return pns.nodes[i] ?? null;
}

function idName(pn: ParseNode): string {
  return isId(pn) ? pn.name : '';
}

// ---- definitions -------------------------------------------------------------------------------

/** Leaves the function object on the stack; returns its name. */
function compileFuncdefHelper(c: Compiler, pns: RuleNode, emitOptions: EmitOpt): string {
  if (c.pass === Pass.Scope) {
    c.scopeOf.set(pns, c.newScope(ScopeKind.Function, pns, emitOptions, idName(node(pns, 0))));
  }
  const fscope = c.scopeFor(pns);
  compileFuncdefLambdef(c, fscope, node(pns, 1), Rule.typedargslist);
  return fscope.simpleName;
}

/** Leaves the class object on the stack; returns its name. */
function compileClassdefHelper(c: Compiler, pns: RuleNode, emitOptions: EmitOpt): string {
  if (c.pass === Pass.Scope) {
    c.scopeOf.set(pns, c.newScope(ScopeKind.Class, pns, emitOptions, idName(node(pns, 0))));
  }
  c.emit.loadBuildClass();
  const cscope = c.scopeFor(pns);
  closeOverVariablesEtc(c, cscope, 0, 0);
  c.emit.loadConstStr(cscope.simpleName);
  // "class C():" arrives as an empty classdef_2
  let parents = node(pns, 1);
  if (isStructKind(parents, Rule.classdef_2)) parents = null;
  compileTrailerParenHelper(c, parents, false, 2);
  return cscope.simpleName;
}

/** @micropython.xxx decorators; returns true if it was one (even an invalid one). */
function compileBuiltInDecorator(c: Compiler, nameNodes: readonly ParseNode[], opts: { emit: EmitOpt }): boolean {
  if (idName(nameNodes[0] ?? null) !== 'micropython') return false;
  if (nameNodes.length !== 2) {
    c.syntaxError(nameNodes[0] ?? null, 'invalid micropython decorator');
    return true;
  }
  const attr = idName(nameNodes[1] ?? null);
  if (c.opts.forVm) {
    // the VM is the unix x64 port: native and viper run (as bytecode / the JS tier), no inline asm
    if (attr === 'bytecode') opts.emit = EmitOpt.Bytecode;
    else if (attr === 'native') opts.emit = EmitOpt.NativePython;
    else if (attr === 'viper') opts.emit = EmitOpt.Viper;
    else c.syntaxError(nameNodes[1] ?? null, 'invalid micropython decorator');
    return true;
  }
  if (attr === 'bytecode') opts.emit = EmitOpt.Bytecode;
  else if (attr === 'native') opts.emit = EmitOpt.NativePython;
  else if (attr === 'viper') opts.emit = EmitOpt.Viper;
  else if (attr === 'asm_thumb' || attr === 'asm_xtensa' || attr === 'asm_rv32') opts.emit = EmitOpt.Asm;
  else c.syntaxError(nameNodes[1] ?? null, 'invalid micropython decorator');

  // without -march mpy-cross has no native emitter; asm emitters also need an architecture that has one
  const arch = c.opts.nativeArch;
  if (opts.emit === EmitOpt.NativePython || opts.emit === EmitOpt.Viper) {
    // mpy-cross has native emitters for architectures 1..11 (x86 .. rv32imc) only
    if (arch === 0 || arch > 11) c.syntaxError(nameNodes[1] ?? null, 'invalid arch');
  } else if (opts.emit === EmitOpt.Asm) {
    // inline assemblers exist for the ARM family (3..8), Xtensa (9, 10) and RV32 (11)
    if (arch < 3 || arch > 11) c.syntaxError(nameNodes[1] ?? null, 'invalid arch');
  }
  return true;
}

export function compileDecorated(c: Compiler, pns: RuleNode): void {
  const decorators = extractArgs(node(pns, 0), Rule.decorators);
  const opts = { emit: c.scopeCur.emitOptions };
  let numBuiltIn = 0;
  for (const d of decorators) {
    const pnsDecorator = d as RuleNode;
    const nameNodes = extractArgs(node(pnsDecorator, 0), Rule.dotted_name);
    if (compileBuiltInDecorator(c, nameNodes, opts)) {
      numBuiltIn++;
      continue;
    }
    c.compileNode(nameNodes[0] ?? null);
    for (let j = 1; j < nameNodes.length; j++) c.emit.attr(idName(nameNodes[j] ?? null), AttrKind.Load);
    const args = node(pnsDecorator, 1);
    // call the decorator factory with its arguments, if any
    if (!isNull(args)) c.compileNode(args);
  }

  const body = node(pns, 1) as RuleNode;
  let bodyName: string;
  if (body.rule === Rule.funcdef) {
    bodyName = compileFuncdefHelper(c, body, opts.emit);
  } else if (body.rule === Rule.async_funcdef) {
    const pns0 = node(body, 0) as RuleNode;
    bodyName = compileFuncdefHelper(c, pns0, opts.emit);
    c.scopeFor(pns0).scopeFlags |= SCOPE_FLAG_GENERATOR;
  } else {
    bodyName = compileClassdefHelper(c, body, opts.emit);
  }
  for (let i = 0; i < decorators.length - numBuiltIn; i++) c.emit.callFunction(1, 0, 0);
  c.storeId(bodyName);
}

export function compileFuncdef(c: Compiler, pns: RuleNode): void {
  c.storeId(compileFuncdefHelper(c, pns, c.scopeCur.emitOptions));
}

export function compileClassdef(c: Compiler, pns: RuleNode): void {
  c.storeId(compileClassdefHelper(c, pns, c.scopeCur.emitOptions));
}

// ---- del, flow ---------------------------------------------------------------------------------

function cDelStmt(c: Compiler, pn: ParseNode): void {
  if (isId(pn)) {
    c.deleteId(pn.name);
    return;
  }
  if (isStructKind(pn, Rule.atom_expr_normal)) {
    c.compileNode(node(pn, 0));
    const n1 = node(pn, 1);
    if (isStruct(n1) && !isConstObject(n1)) {
      let pns1 = n1 as RuleNode;
      if (pns1.rule === Rule.atom_expr_trailers) {
        const n = pns1.nodes.length;
        for (let i = 0; i < n - 1; i++) c.compileNode(node(pns1, i));
        pns1 = node(pns1, n - 1) as RuleNode;
      }
      if (pns1.rule === Rule.trailer_bracket) {
        c.compileNode(node(pns1, 0));
        c.emit.subscr(SubscrKind.Delete);
        return;
      } else if (pns1.rule === Rule.trailer_period) {
        c.emit.attr(idName(node(pns1, 0)), AttrKind.Delete);
        return;
      }
    }
  } else if (isStructKind(pn, Rule.atom_paren)) {
    const n0 = node(pn, 0);
    if (!isNull(n0)) {
      const pns = n0 as RuleNode;
      if (!(pns.nodes.length === 2 && isStructKind(node(pns, 1), Rule.comp_for))) {
        for (const n of pns.nodes) cDelStmt(c, n);
        return;
      }
    }
  }
  c.syntaxError(pn, "can't delete expression");
}

export function compileDelStmt(c: Compiler, pns: RuleNode): void {
  c.applyToSingleOrList(node(pns, 0), Rule.exprlist, (pn) => cDelStmt(c, pn));
}

export function compileBreakContStmt(c: Compiler, pns: RuleNode): void {
  const label = pns.rule === Rule.break_stmt ? c.breakLabel : c.continueLabel;
  if (label === INVALID_LABEL) c.syntaxError(pns, "'break'/'continue' outside loop");
  c.emit.unwindJump(label, c.curExceptLevel - c.breakContinueExceptLevel);
}

export function compileReturnStmt(c: Compiler, pns: RuleNode): void {
  if (c.scopeCur.kind !== ScopeKind.Function) {
    c.syntaxError(pns, "'return' outside function");
    return;
  }
  const n0 = node(pns, 0);
  if (isNull(n0)) {
    c.emit.loadConstTok(Tok.KW_NONE);
  } else if (isStructKind(n0, Rule.test_if_expr)) {
    // return a if c else b: two returns, as CPython does
    const pnsTestIfElse = node(n0, 1) as RuleNode;
    const lFail = c.newLabel();
    cIfCond(c, node(pnsTestIfElse, 0), false, lFail);
    c.compileNode(node(n0, 0));
    c.emit.returnValue();
    c.emit.labelAssign(lFail);
    c.compileNode(node(pnsTestIfElse, 1));
  } else {
    c.compileNode(n0);
  }
  c.emit.returnValue();
}

export function compileYieldStmt(c: Compiler, pns: RuleNode): void {
  c.compileNode(node(pns, 0));
  c.emit.popTop();
}

export function compileRaiseStmt(c: Compiler, pns: RuleNode): void {
  const n0 = node(pns, 0);
  if (isNull(n0)) {
    c.emit.raiseVarargs(0);
  } else if (isStructKind(n0, Rule.raise_stmt_arg)) {
    c.compileNode(node(n0, 0));
    c.compileNode(node(n0, 1));
    c.emit.raiseVarargs(2);
  } else {
    c.compileNode(n0);
    c.emit.raiseVarargs(1);
  }
}

// ---- imports -----------------------------------------------------------------------------------

/** Emits IMPORT_NAME for a (dotted) name; returns the name to bind for "import a.b.c" (a) or "as". */
function doImportName(c: Compiler, pn: ParseNode): string {
  let isAs = false;
  let qBase = '';
  if (isStructKind(pn, Rule.dotted_as_name)) {
    qBase = idName(node(pn, 1));
    pn = node(pn, 0);
    isAs = true;
  }
  if (isNull(pn)) {
    // "from . import x": import the empty name
    c.emit.import('', ImportKind.Name);
    return '';
  }
  if (isId(pn)) {
    c.emit.import(pn.name, ImportKind.Name);
    return isAs ? qBase : pn.name;
  }
  const pns = pn as RuleNode;
  const parts = pns.nodes.map(idName);
  if (!isAs) qBase = parts[0] ?? '';
  const full = parts.join('.');
  // the dotted name becomes a new qstr, and qstrs are limited to 255 bytes: upstream raises at once
  if (utf8Length(full) > 255) throw new CompileError('RuntimeError', 'name too long', undefined, undefined);
  c.emit.import(full, ImportKind.Name);
  if (isAs) {
    for (let i = 1; i < parts.length; i++) c.emit.attr(parts[i] ?? '', AttrKind.Load);
  }
  return qBase;
}

function compileDottedAsName(c: Compiler, pn: ParseNode): void {
  c.emit.loadConstSmallInt(0); // level 0 import
  c.emit.loadConstTok(Tok.KW_NONE); // not importing from anything
  c.storeId(doImportName(c, pn));
}

export function compileImportName(c: Compiler, pns: RuleNode): void {
  c.applyToSingleOrList(node(pns, 0), Rule.dotted_as_names, (pn) => compileDottedAsName(c, pn));
}

export function compileImportFrom(c: Compiler, pns: RuleNode): void {
  let pnImportSource = node(pns, 0);

  // leading dots give the relative-import level
  let importLevel = 0;
  let pnRel: ParseNode = null;
  let relative = false;
  if (isToken(pnImportSource) || isStructKind(pnImportSource, Rule.one_or_more_period_or_ellipsis)) {
    pnRel = pnImportSource;
    pnImportSource = null;
    relative = true;
  } else if (isStructKind(pnImportSource, Rule.import_from_2b)) {
    pnRel = node(pnImportSource, 0);
    pnImportSource = node(pnImportSource, 1);
    relative = true;
  }
  if (relative) {
    for (const n of extractArgs(pnRel, Rule.one_or_more_period_or_ellipsis)) {
      importLevel += isTokenKind(n, Tok.DEL_PERIOD) ? 1 : 3;
    }
  }

  const e = c.emit;
  if (isTokenKind(node(pns, 1), Tok.OP_STAR)) {
    if (c.scopeCur.kind !== ScopeKind.Module) {
      c.syntaxError(pns, 'import * not at module level');
      return;
    }
    e.loadConstSmallInt(importLevel);
    e.loadConstStr('*');
    e.build(1, BuildKind.Tuple);
    doImportName(c, pnImportSource);
    e.import('', ImportKind.Star);
  } else {
    e.loadConstSmallInt(importLevel);
    const names = extractArgs(node(pns, 1), Rule.import_as_names);
    for (const n of names) e.loadConstStr(idName(node(n as RuleNode, 0)));
    e.build(names.length, BuildKind.Tuple);
    doImportName(c, pnImportSource);
    for (const n of names) {
      const pns3 = n as RuleNode;
      const id2 = idName(node(pns3, 0));
      e.import(id2, ImportKind.From);
      const asName = node(pns3, 1);
      c.storeId(isNull(asName) ? id2 : idName(asName));
    }
    e.popTop();
  }
}

// ---- global / nonlocal -------------------------------------------------------------------------

function compileDeclareGlobal(c: Compiler, pn: ParseNode, id: IdInfo): void {
  if (id.kind !== IdKind.Undecided && id.kind !== IdKind.GlobalExplicit) {
    c.syntaxError(pn, 'identifier redefined as global');
    return;
  }
  id.kind = IdKind.GlobalExplicit;
  // the module-level binding is explicit too
  const g = c.scopeCur.findGlobal(id.qst);
  if (g !== undefined) g.kind = IdKind.GlobalExplicit;
}

function compileDeclareNonlocal(c: Compiler, pn: ParseNode, id: IdInfo): void {
  if (id.kind === IdKind.Undecided) {
    id.kind = IdKind.GlobalImplicit;
    checkToCloseOver(c.scopeCur, id);
    if (id.kind === IdKind.GlobalImplicit) c.syntaxError(pn, 'no binding for nonlocal found');
  } else if (id.kind !== IdKind.Free) {
    c.syntaxError(pn, 'identifier redefined as nonlocal');
  }
}

export function compileDeclareGlobalOrNonlocal(c: Compiler, pn: ParseNode, id: IdInfo, isGlobal: boolean): void {
  if (isGlobal) compileDeclareGlobal(c, pn, id);
  else compileDeclareNonlocal(c, pn, id);
}

export function compileGlobalNonlocalStmt(c: Compiler, pns: RuleNode): void {
  if (c.pass !== Pass.Scope) return;
  const isGlobal = pns.rule === Rule.global_stmt;
  if (!isGlobal && c.scopeCur.kind === ScopeKind.Module) {
    c.syntaxError(pns, "can't declare nonlocal in outer code");
    return;
  }
  for (const n of extractArgs(node(pns, 0), Rule.name_list)) {
    const id = c.scopeCur.findOrAdd(idName(n), IdKind.Undecided);
    compileDeclareGlobalOrNonlocal(c, pns, id, isGlobal);
  }
}

export function compileAssertStmt(c: Compiler, pns: RuleNode): void {
  // -O and above drop assertions
  if (c.opts.optimize !== 0) return;
  const lEnd = c.newLabel();
  cIfCond(c, node(pns, 0), true, lEnd);
  // load_global rather than load_id, as CPython does
  c.emit.loadGlobal('AssertionError', IdOpGlobal.Global);
  const msg = node(pns, 1);
  if (!isNull(msg)) {
    c.compileNode(msg);
    c.emit.callFunction(1, 0, 0);
  }
  c.emit.raiseVarargs(1);
  c.emit.labelAssign(lEnd);
}

// ---- if / while / for --------------------------------------------------------------------------

export function compileIfStmt(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  const lEnd = c.newLabel();
  done: {
    // "if False" compiles to nothing
    if (!isConstFalse(node(pns, 0))) {
      const lFail = c.newLabel();
      cIfCond(c, node(pns, 0), false, lFail);
      c.compileNode(node(pns, 1));
      // "if True" skips everything else
      if (isConstTrue(node(pns, 0))) break done;
      // no jump over elif/else blocks that do not exist
      if (!(isNull(node(pns, 2)) && isNull(node(pns, 3)))) e.jump(lEnd);
      e.labelAssign(lFail);
    }
    for (const elif of extractArgs(node(pns, 2), Rule.if_stmt_elif_list)) {
      const pnsElif = elif as RuleNode;
      if (isConstFalse(node(pnsElif, 0))) continue;
      const lFail = c.newLabel();
      cIfCond(c, node(pnsElif, 0), false, lFail);
      c.compileNode(node(pnsElif, 1));
      if (isConstTrue(node(pnsElif, 0))) break done;
      e.jump(lEnd);
      e.labelAssign(lFail);
    }
    c.compileNode(node(pns, 3));
  }
  e.labelAssign(lEnd);
}

interface LoopLabels {
  breakLabel: number;
  continueLabel: number;
  oldBreak: number;
  oldContinue: number;
  oldExceptLevel: number;
}

function startBreakContinueBlock(c: Compiler): LoopLabels {
  const l: LoopLabels = {
    oldBreak: c.breakLabel,
    oldContinue: c.continueLabel,
    oldExceptLevel: c.breakContinueExceptLevel,
    breakLabel: c.newLabel(),
    continueLabel: c.newLabel(),
  };
  c.breakLabel = l.breakLabel;
  c.continueLabel = l.continueLabel;
  c.breakContinueExceptLevel = c.curExceptLevel;
  return l;
}

function endBreakContinueBlock(c: Compiler, l: LoopLabels): void {
  c.breakLabel = l.oldBreak;
  c.continueLabel = l.oldContinue;
  c.breakContinueExceptLevel = l.oldExceptLevel;
}

export function compileWhileStmt(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  const l = startBreakContinueBlock(c);
  const cond = node(pns, 0);
  // "while False" compiles to nothing but its else
  if (!isConstFalse(cond)) {
    const topLabel = c.newLabel();
    // "while True" needs no initial jump to the condition
    if (!isConstTrue(cond)) e.jump(l.continueLabel);
    e.labelAssign(topLabel);
    c.compileNode(node(pns, 1));
    e.labelAssign(l.continueLabel);
    cIfCond(c, cond, true, topLabel);
  }
  // break/continue in the else block belong to an outer loop
  endBreakContinueBlock(c, l);
  c.compileNode(node(pns, 2));
  e.labelAssign(l.breakLabel);
}

/**
 * for <var> in range(<start>, <end>[, <step>]) with a small-int step: an explicit counter on the
 * stack (plus <end> when it is not a small-int constant) instead of an iterator object.
 */
function compileForStmtOptimisedRange(
  c: Compiler,
  pnVar: ParseNode,
  pnStart: ParseNode,
  pnEnd: ParseNode,
  pnStep: ParseNode,
  pnBody: ParseNode,
  pnElse: ParseNode,
): void {
  const e = c.emit;
  const l = startBreakContinueBlock(c);
  const topLabel = c.newLabel();
  const entryLabel = c.newLabel();

  const endOnStack = !isSmallInt(pnEnd);
  if (endOnStack) c.compileNode(pnEnd);
  c.compileNode(pnStart);
  e.jump(entryLabel);
  e.labelAssign(topLabel);

  // store a copy of the counter into the loop variable
  e.dupTop();
  cAssign(c, pnVar, AssignKind.Store);
  c.compileNode(pnBody);
  e.labelAssign(l.continueLabel);

  // counter += step
  c.compileNode(pnStep);
  e.binaryOp(BinaryOp.InplaceAdd);
  e.labelAssign(entryLabel);

  // if counter < end (or > for a negative step): loop
  if (endOnStack) {
    e.dupTopTwo();
    e.rotTwo();
  } else {
    e.dupTop();
    c.compileNode(pnEnd);
  }
  e.binaryOp(leafSmallInt(pnStep) >= 0n ? BinaryOp.Less : BinaryOp.More);
  e.popJumpIf(true, topLabel);

  endBreakContinueBlock(c, l);

  // the else block runs with the counter popped, as it may break/continue an outer loop
  let endLabel = 0;
  if (!isNull(pnElse)) {
    e.popTop();
    if (endOnStack) e.popTop();
    c.compileNode(pnElse);
    endLabel = c.newLabel();
    e.jump(endLabel);
    e.adjustStackSize(1 + (endOnStack ? 1 : 0));
  }
  e.labelAssign(l.breakLabel);
  e.popTop();
  if (endOnStack) e.popTop();
  if (!isNull(pnElse)) e.labelAssign(endLabel);
}

/** A range() argument that can be compiled as a plain expression. */
function isPlainArg(pn: ParseNode): boolean {
  if (!isStruct(pn)) return true;
  const k = pn.rule;
  return k !== Rule.arglist_star && k !== Rule.arglist_dbl_star && k !== Rule.argument;
}

export function compileForStmt(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  const pnVar = node(pns, 0);
  const pnIter = node(pns, 1);
  if (isId(pnVar) && isStructKind(pnIter, Rule.atom_expr_normal)) {
    const itBase = node(pnIter, 0);
    const itTrailer = node(pnIter, 1);
    if (isId(itBase) && itBase.name === 'range' && isStructKind(itTrailer, Rule.trailer_paren)) {
      const args = extractArgs(node(itTrailer, 0), Rule.arglist);
      if (args.length >= 1 && args.length <= 3) {
        let start: ParseNode;
        let end: ParseNode;
        let step: ParseNode;
        let optimize = true;
        if (args.length === 1) {
          start = newSmallInt(0);
          end = args[0] ?? null;
          step = newSmallInt(1);
        } else if (args.length === 2) {
          start = args[0] ?? null;
          end = args[1] ?? null;
          step = newSmallInt(1);
        } else {
          start = args[0] ?? null;
          end = args[1] ?? null;
          step = args[2] ?? null;
          // the step must be a non-zero small-int constant
          if (!isSmallInt(step) || step.value === 0n) optimize = false;
        }
        if (optimize && isPlainArg(start) && isPlainArg(end)) {
          compileForStmtOptimisedRange(c, pnVar, start, end, step, node(pns, 2), node(pns, 3));
          return;
        }
      }
    }
  }

  const l = startBreakContinueBlock(c);
  // a break out of a for loop must also pop the iterator
  c.breakLabel |= BREAK_FROM_FOR;
  const popLabel = c.newLabel();
  c.compileNode(pnIter);
  e.getIter(true);
  e.labelAssign(l.continueLabel);
  e.forIter(popLabel);
  cAssign(c, pnVar, AssignKind.Store);
  c.compileNode(node(pns, 2));
  e.jump(l.continueLabel);
  e.labelAssign(popLabel);
  e.forIterEnd();
  endBreakContinueBlock(c, l);
  c.compileNode(node(pns, 3));
  e.labelAssign(l.breakLabel);
}

// ---- try / with --------------------------------------------------------------------------------

function compileTryExcept(c: Compiler, pnBody: ParseNode, excepts: readonly ParseNode[], pnElse: ParseNode): void {
  const e = c.emit;
  const l1 = c.newLabel();
  const successLabel = c.newLabel();
  c.increaseExceptLevel(l1, BlockKind.Except);
  c.compileNode(pnBody);
  e.popExceptJump(successLabel, false);

  // the handler starts with the raised exception on the stack
  e.labelAssign(l1);
  e.startExceptHandler();
  const l2 = c.newLabel();

  for (let i = 0; i < excepts.length; i++) {
    const pnsExcept = excepts[i] as RuleNode;
    let excLocal: string | null = null;
    const endFinallyLabel = c.newLabel();
    if (c.opts.settrace === true) e.setSourceLine(pnsExcept.line);
    const n0 = node(pnsExcept, 0);
    if (isNull(n0)) {
      // catch-all handler
      if (i + 1 !== excepts.length) {
        c.syntaxError(pnsExcept, "default 'except' must be last");
        c.decreaseExceptLevel();
        return;
      }
    } else {
      let excExpr: ParseNode = n0;
      if (isStructKind(n0, Rule.try_stmt_as_name)) {
        excExpr = node(n0, 0);
        excLocal = idName(node(n0, 1));
      }
      e.dupTop();
      c.compileNode(excExpr);
      e.binaryOp(BinaryOp.ExceptionMatch);
      e.popJumpIf(false, endFinallyLabel);
    }

    if (excLocal === null) e.popTop();
    else c.storeId(excLocal);

    // "except E as e": the body runs in a try/finally that deletes e afterwards
    let l3 = 0;
    if (excLocal !== null) {
      l3 = c.newLabel();
      c.increaseExceptLevel(l3, BlockKind.Finally);
    }
    c.compileNode(node(pnsExcept, 1));
    if (excLocal !== null) {
      e.loadConstTok(Tok.KW_NONE);
      e.labelAssign(l3);
      e.adjustStackSize(1); // possible return value
      e.loadConstTok(Tok.KW_NONE);
      c.storeId(excLocal);
      c.deleteId(excLocal);
      e.adjustStackSize(-1);
      c.decreaseExceptLevel();
    }
    e.popExceptJump(l2, true);
    e.labelAssign(endFinallyLabel);
    e.adjustStackSize(1); // the exception instance
  }

  c.decreaseExceptLevel();
  e.endExceptHandler();
  e.labelAssign(successLabel);
  c.compileNode(pnElse);
  e.labelAssign(l2);
}

function compileTryFinally(c: Compiler, pnBody: ParseNode, excepts: readonly ParseNode[], pnElse: ParseNode, pnFinally: ParseNode): void {
  const e = c.emit;
  const lFinallyBlock = c.newLabel();
  c.increaseExceptLevel(lFinallyBlock, BlockKind.Finally);
  if (excepts.length === 0) {
    e.adjustStackSize(3); // possible UNWIND_JUMP state
    c.compileNode(pnBody);
    e.adjustStackSize(-3);
  } else {
    compileTryExcept(c, pnBody, excepts, pnElse);
  }
  // None on the stack tells END_FINALLY the try part finished normally
  e.loadConstTok(Tok.KW_NONE);
  e.labelAssign(lFinallyBlock);
  // the finally may run during a return, with the return value on the stack
  e.adjustStackSize(1);
  c.compileNode(pnFinally);
  e.adjustStackSize(-1);
  c.decreaseExceptLevel();
}

export function compileTryStmt(c: Compiler, pns: RuleNode): void {
  const pns2 = node(pns, 1) as RuleNode;
  if (pns2.rule === Rule.try_stmt_finally) {
    compileTryFinally(c, node(pns, 0), [], null, node(pns2, 0));
  } else if (pns2.rule === Rule.try_stmt_except_and_more) {
    const excepts = extractArgs(node(pns2, 0), Rule.try_stmt_except_list);
    const fin = node(pns2, 2);
    if (isNull(fin)) compileTryExcept(c, node(pns, 0), excepts, node(pns2, 1));
    else compileTryFinally(c, node(pns, 0), excepts, node(pns2, 1), node(fin as RuleNode, 0));
  } else {
    compileTryExcept(c, node(pns, 0), extractArgs(pns2, Rule.try_stmt_except_list), null);
  }
}

function compileWithStmtHelper(c: Compiler, nodes: readonly ParseNode[], idx: number, body: ParseNode): void {
  if (idx === nodes.length) {
    c.compileNode(body);
    return;
  }
  const lEnd = c.newLabel();
  const item = nodes[idx] ?? null;
  if (isStructKind(item, Rule.with_item)) {
    // "a as b"
    c.compileNode(node(item, 0));
    c.increaseExceptLevel(lEnd, BlockKind.With);
    cAssign(c, node(item, 1), AssignKind.Store);
  } else {
    c.compileNode(item);
    c.increaseExceptLevel(lEnd, BlockKind.With);
    c.emit.popTop();
  }
  compileWithStmtHelper(c, nodes, idx + 1, body);
  c.emit.withCleanup(lEnd);
  c.reserveLabelsForNative(3);
  c.decreaseExceptLevel();
}

export function compileWithStmt(c: Compiler, pns: RuleNode): void {
  compileWithStmtHelper(c, extractArgs(node(pns, 0), Rule.with_stmt_list), 0, node(pns, 1));
}

// ---- async -------------------------------------------------------------------------------------

function compileAwaitObjectMethod(c: Compiler, method: string): void {
  c.emit.loadMethod(method, false);
  c.emit.callMethod(0, 0, 0);
  compileYieldFrom(c);
}

function compileAsyncForStmt(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  const whileElseLabel = c.newLabel();
  const tryExceptionLabel = c.newLabel();
  const tryElseLabel = c.newLabel();
  const tryFinallyLabel = c.newLabel();

  c.compileNode(node(pns, 1));
  e.loadMethod('__aiter__', false);
  e.callMethod(0, 0, 0);

  const l = startBreakContinueBlock(c);
  e.labelAssign(l.continueLabel);
  c.increaseExceptLevel(tryExceptionLabel, BlockKind.Except);
  e.dupTop();
  compileAwaitObjectMethod(c, '__anext__');
  cAssign(c, node(pns, 0), AssignKind.Store);
  e.popExceptJump(tryElseLabel, false);

  e.labelAssign(tryExceptionLabel);
  e.startExceptHandler();
  e.dupTop();
  e.loadGlobal('StopAsyncIteration', IdOpGlobal.Global);
  e.binaryOp(BinaryOp.ExceptionMatch);
  e.popJumpIf(false, tryFinallyLabel);
  e.popTop();
  e.popExceptJump(whileElseLabel, true);

  e.labelAssign(tryFinallyLabel);
  e.adjustStackSize(1); // the exception is on the stack when jumping here
  c.decreaseExceptLevel();
  e.endExceptHandler();

  e.labelAssign(tryElseLabel);
  c.compileNode(node(pns, 2));
  e.jump(l.continueLabel);
  endBreakContinueBlock(c, l);

  e.labelAssign(whileElseLabel);
  c.compileNode(node(pns, 3));
  e.labelAssign(l.breakLabel);
  e.popTop();
}

function compileAsyncWithStmtHelper(c: Compiler, nodes: readonly ParseNode[], idx: number, body: ParseNode): void {
  const e = c.emit;
  if (idx === nodes.length) {
    c.compileNode(body);
    return;
  }
  const lFinallyBlock = c.newLabel();
  const lAexitNoExc = c.newLabel();
  const lRetUnwindJump = c.newLabel();
  const lEnd = c.newLabel();

  const item = nodes[idx] ?? null;
  if (isStructKind(item, Rule.with_item)) {
    c.compileNode(node(item, 0));
    e.dupTop();
    compileAwaitObjectMethod(c, '__aenter__');
    cAssign(c, node(item, 1), AssignKind.Store);
  } else {
    c.compileNode(item);
    e.dupTop();
    compileAwaitObjectMethod(c, '__aenter__');
    e.popTop();
  }

  // __aexit__ is only loaded when needed, to keep the stack shallow
  c.increaseExceptLevel(lFinallyBlock, BlockKind.Finally);
  e.adjustStackSize(3); // possible UNWIND_JUMP state
  compileAsyncWithStmtHelper(c, nodes, idx + 1, body);
  e.adjustStackSize(-3);

  // case 1, normal exit: stack (..., ctx_mgr)
  e.asyncWithSetupFinally(lAexitNoExc, lFinallyBlock, lRetUnwindJump);

  // case 2, exception: call __aexit__(type(exc), exc, None), swallow or re-raise
  e.dupTop();
  e.rotThree();
  e.rotTwo();
  e.loadMethod('__aexit__', false);
  e.rotThree();
  e.rotThree();
  e.dupTop();
  e.attr('__class__', AttrKind.Load); // type(exc)
  e.rotTwo();
  e.loadConstTok(Tok.KW_NONE); // dummy traceback
  e.callMethod(3, 0, 0);
  compileYieldFrom(c);
  e.popJumpIf(false, lEnd);
  e.popTop(); // the exception
  e.loadConstTok(Tok.KW_NONE); // swallowed
  e.jump(lEnd);
  e.adjustStackSize(2);

  // case 3, return or unwind jump: stack (..., ctx_mgr, X, INT)
  e.labelAssign(lRetUnwindJump);
  e.rotThree();
  e.rotThree();
  e.labelAssign(lAexitNoExc);
  e.loadMethod('__aexit__', false);
  e.loadConstTok(Tok.KW_NONE);
  e.dupTop();
  e.dupTop();
  e.callMethod(3, 0, 0);
  compileYieldFrom(c);
  e.popTop();
  e.adjustStackSize(-1);

  e.labelAssign(lEnd);
  c.decreaseExceptLevel();
}

export function compileAsyncStmt(c: Compiler, pns: RuleNode): void {
  const pns0 = node(pns, 0) as RuleNode;
  if (pns0.rule === Rule.funcdef) {
    compileFuncdef(c, pns0);
    c.scopeFor(pns0).scopeFlags |= SCOPE_FLAG_GENERATOR;
    return;
  }
  // async for/with only inside an async function
  if (!(c.scopeCur.scopeFlags & SCOPE_FLAG_GENERATOR)) {
    c.syntaxError(pns0, 'async for/with outside async function');
    return;
  }
  if (pns0.rule === Rule.for_stmt) compileAsyncForStmt(c, pns0);
  else compileAsyncWithStmtHelper(c, extractArgs(node(pns0, 0), Rule.with_stmt_list), 0, node(pns0, 1));
}

// ---- expression statements ---------------------------------------------------------------------

export function compileExprStmt(c: Compiler, pns: RuleNode): void {
  const e = c.emit;
  const lhs = node(pns, 0);
  let pnRhs = node(pns, 1);
  if (isNull(pnRhs)) {
    if (c.opts.isRepl === true && c.scopeCur.kind === ScopeKind.Module) {
      // the REPL evaluates and prints the expression
      c.loadId('__repl_print__');
      c.compileNode(lhs);
      e.callFunction(1, 0, 0);
      e.popTop();
      return;
    }
    // an expression statement; a lonely constant compiles to nothing
    if ((isLeaf(lhs) && !isId(lhs)) || isConstObject(lhs)) return;
    c.compileNode(lhs);
    e.popTop();
    return;
  }
  if (isStruct(pnRhs) && !isConstObject(pnRhs)) {
    const pns1 = pnRhs as RuleNode;
    if (pns1.rule === Rule.annassign) {
      const value = node(pns1, 1);
      if (isNull(value)) {
        // "x: T" in a function declares x local; the annotation itself is ignored
        if (c.scopeCur.kind === ScopeKind.Function && isId(lhs)) c.scopeCur.findOrAdd(lhs.name, IdKind.Local);
        return;
      }
      pnRhs = value;
    } else if (pns1.rule === Rule.expr_stmt_augassign) {
      cAssign(c, lhs, AssignKind.AugLoad);
      c.compileNode(node(pns1, 1));
      const tokNode = node(pns1, 0);
      const tok = isToken(tokNode) ? tokNode.tok : Tok.DEL_PIPE_EQUAL;
      e.binaryOp((BinaryOp.InplaceOr + (tok - Tok.DEL_PIPE_EQUAL)) as BinaryOp);
      cAssign(c, lhs, AssignKind.AugStore);
      return;
    } else if (pns1.rule === Rule.expr_stmt_assign_list) {
      // a = b = c: store left-most first, as CPython
      const rhs = pns1.nodes.length - 1;
      c.compileNode(node(pns1, rhs));
      if (rhs > 0) e.dupTop();
      cAssign(c, lhs, AssignKind.Store);
      for (let i = 0; i < rhs; i++) {
        if (i + 1 < rhs) e.dupTop();
        cAssign(c, node(pns1, i), AssignKind.Store);
      }
      return;
    }
  }

  // plain assignment; a, b = c, d and a, b, c = d, e, f avoid building a tuple
  if (isStructKind(pnRhs, Rule.testlist_star_expr) && isStructKind(lhs, Rule.testlist_star_expr)) {
    const n = lhs.nodes.length;
    const starAt = (i: number): boolean => isStructKind(node(lhs, i), Rule.star_expr);
    if (
      n === pnRhs.nodes.length &&
      (n === 2 || n === 3) &&
      !starAt(0) &&
      !starAt(1) &&
      (n === 2 || !starAt(2))
    ) {
      c.compileNode(node(pnRhs, 0));
      c.compileNode(node(pnRhs, 1));
      if (n === 3) {
        c.compileNode(node(pnRhs, 2));
        e.rotThree();
      }
      e.rotTwo();
      cAssign(c, node(lhs, 0), AssignKind.Store);
      cAssign(c, node(lhs, 1), AssignKind.Store);
      if (n === 3) cAssign(c, node(lhs, 2), AssignKind.Store);
      return;
    }
  }
  c.compileNode(pnRhs);
  cAssign(c, lhs, AssignKind.Store);
}

