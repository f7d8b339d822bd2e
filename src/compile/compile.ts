// The compiler proper (upstream's py/compile.c): walks the parse tree of each scope once per emitter
// pass, driving the bytecode emitter. This file holds the compiler state, the node dispatcher, the
// per-scope drivers and the module-level entry; statements and expressions live in compile-stmt.ts
// and compile-expr.ts as functions of the Compiler (the split is by topic only).
//
// Errors follow upstream's model: the first error is recorded (with the line of the nearest struct
// node) and compilation of the current scope carries on harmlessly, so the reported line and scope
// name come out exactly as mpy-cross prints them.
import { CodeKind, makeFeatureByte, MPY_VERSION, type MpyFile, type MpyRawCode } from '../mpy/types.js';
import { EmitCommon } from './emit-common.js';
import {
  BytecodeEmitter,
  BytecodeOverflow,
  BuildKind,
  IdOpGlobal,
  IdOpLocal,
  Pass,
} from './emitbc.js';
import { CompileError, type CompileExcType } from './errors.js';
import { Rule } from './grammar.js';
import {
  isId,
  isNull,
  isStruct,
  isStructKind,
  type ParseNode,
  type RuleNode,
  type StructNode,
} from './parse-node.js';
import {
  checkToCloseOver,
  computeScopeLayout,
  EmitOpt,
  ID_FLAG_IS_DBL_STAR_PARAM,
  ID_FLAG_IS_PARAM,
  ID_FLAG_IS_STAR_PARAM,
  idForLoad,
  idForModification,
  IdKind,
  isCompLike,
  isFuncLike,
  Scope,
  ScopeKind,
  SCOPE_FLAG_GENERATOR,
  SCOPE_FLAG_VARARGS,
  SCOPE_FLAG_VARKEYWORDS,
} from './scope.js';
import { Tok } from './tokens.js';
import * as S from './compile-stmt.js';
import * as E from './compile-expr.js';
import { JsTierEmitter } from './js/emit-js.js';
import {
  assembleInlineAsm,
  compileInlineAsmScope,
  ID_FLAG_VIPER_TYPE_POS,
  inlineAsmNeedsSecondSizePass,
  newInlineAsmEmitter,
  newNativeEmitter,
  SCOPE_FLAG_VIPERRET_POS,
  viperAnnotationType,
  type Emitter,
  type InlineAsmEmitter,
} from './native/index.js';

export const INVALID_LABEL = 0xffff;

export interface BackendOptions {
  /** source-file name stored as qstr 0 and used in error tracebacks */
  fileName: string;
  /** -O level (0..3) */
  optimize: number;
  /** bits of the target's small int */
  smallIntBits: number;
  /** default emitter for the module (upstream's -X emit=...) */
  emitOpt: EmitOpt;
  /** native architecture number (0 = none given, as mpy-cross without -march) */
  nativeArch: number;
  /** -march-flags (rv32imc extensions); a nonzero value is recorded in the .mpy header */
  archFlags?: number;
  /** REPL input: module-level expression statements print their value via __repl_print__ */
  isRepl?: boolean;
  /**
   * The unix port's own compiler (not mpy-cross): MICROPY_COMP_CONST_LITERAL with
   * MICROPY_PY_COLLECTIONS_ORDEREDDICT compiles OrderedDict({...}) without building a dict first.
   */
  orderedDictLiteral?: boolean;
  /** MICROPY_PY_SYS_SETTRACE builds: extra line entries at each except clause and class body */
  settrace?: boolean;
  /** for the mpyts VM: native scopes as bytecode, viper scopes as JS-tier code */
  forVm?: boolean;
}

interface PendingError {
  type: CompileExcType;
  message: string;
}

export class Compiler {
  pass: Pass = Pass.Scope;
  scopeCur!: Scope;
  readonly scopes: Scope[] = [];
  /** the emitter of the scope being compiled: bytecode, or native per the scope's emit option */
  emit: Emitter;
  readonly bc: BytecodeEmitter;
  private nativeEmit: Emitter | undefined;
  private jsTier: JsTierEmitter | undefined;
  private inlineAsm: InlineAsmEmitter | undefined;
  private maxNumLabels = 0;
  readonly common: EmitCommon;
  nextLabel = 0;

  // function-definition parameter state (saved/restored around nested lambdas)
  haveStar = false;
  numDictParams = 0;
  numDefaultParams = 0;

  breakLabel = INVALID_LABEL;
  continueLabel = INVALID_LABEL;
  curExceptLevel = 0;
  breakContinueExceptLevel = 0;

  error: PendingError | null = null;
  errorLine = 0;

  /** the scope created for a funcdef/classdef/lambdef/comp_for node (upstream stores it in the node) */
  readonly scopeOf = new WeakMap<StructNode, Scope>();

  constructor(readonly opts: BackendOptions) {
    this.common = new EmitCommon(opts.fileName);
    this.bc = new BytecodeEmitter(this.common, opts.optimize, opts.smallIntBits);
    this.emit = this.bc;
  }

  // ---- errors ----------------------------------------------------------------------------------

  setErrorLine(pn: ParseNode): void {
    if (this.errorLine === 0 && isStruct(pn)) this.errorLine = pn.line;
  }

  syntaxError(pn: ParseNode, message: string): void {
    this.raise('SyntaxError', pn, message);
  }

  raise(type: CompileExcType, pn: ParseNode, message: string): void {
    // only the first error counts
    if (this.error === null) {
      this.error = { type, message };
      this.setErrorLine(pn);
    }
  }

  // ---- labels and exception levels -------------------------------------------------------------

  newLabel(): number {
    return this.nextLabel++;
  }

  /** upstream reserves labels for the native emitter unless the scope is explicitly bytecode */
  reserveLabelsForNative(n: number): void {
    if (this.scopeCur.emitOptions !== EmitOpt.Bytecode) this.nextLabel += n;
  }

  increaseExceptLevel(label: number, kind: number): void {
    this.emit.setupBlock(label, kind);
    this.curExceptLevel++;
    if (this.curExceptLevel > this.scopeCur.excStackSize) this.scopeCur.excStackSize = this.curExceptLevel;
  }

  decreaseExceptLevel(): void {
    this.curExceptLevel--;
    this.emit.endFinally();
    this.reserveLabelsForNative(1);
  }

  // ---- scopes and identifiers ------------------------------------------------------------------

  newScope(kind: ScopeKind, pn: StructNode, emitOptions: EmitOpt, name?: string): Scope {
    const scope = new Scope(kind, pn, emitOptions, name);
    scope.parent = this.scopes.length > 0 ? this.scopeCur : null;
    this.scopes.push(scope);
    return scope;
  }

  /** The scope attached to a node in the SCOPE pass. */
  scopeFor(pn: StructNode): Scope {
    const s = this.scopeOf.get(pn);
    if (s === undefined) throw new Error('internal: scope missing for node');
    return s;
  }

  loadId(q: string): void {
    if (this.pass === Pass.Scope) idForLoad(this.scopeCur, q);
    else this.idOp(q, 0);
  }

  storeId(q: string): void {
    if (this.pass === Pass.Scope) idForModification(this.scopeCur, q);
    else this.idOp(q, 1);
  }

  deleteId(q: string): void {
    if (this.pass === Pass.Scope) idForModification(this.scopeCur, q);
    else this.idOp(q, 2);
  }

  /** Emits a load (0), store (1) or delete (2) of a name according to its kind in the scope. */
  private idOp(q: string, op: 0 | 1 | 2): void {
    const id = this.scopeCur.find(q);
    if (id === undefined) throw new Error(`internal: id ${q} not found`);
    const e = this.emit;
    switch (id.kind) {
      case IdKind.GlobalImplicit:
      case IdKind.GlobalImplicitAssigned:
      case IdKind.GlobalExplicit: {
        const kind = id.kind === IdKind.GlobalExplicit ? IdOpGlobal.Global : IdOpGlobal.Name;
        if (op === 0) e.loadGlobal(q, kind);
        else if (op === 1) e.storeGlobal(q, kind);
        else e.deleteGlobal(q, kind);
        return;
      }
      default: {
        const kind = id.kind === IdKind.Local ? IdOpLocal.Fast : IdOpLocal.Deref;
        if (op === 0) e.loadLocal(id.localNum, kind, q);
        else if (op === 1) e.storeLocal(id.localNum, kind, q);
        else e.deleteLocal(id.localNum, kind, q);
      }
    }
  }

  /** LOAD_FAST of a local slot (closures load cells this way). */
  loadFast(q: string, localNum: number): void {
    this.emit.loadLocal(localNum, IdOpLocal.Fast, q);
  }

  // ---- node dispatch ---------------------------------------------------------------------------

  compileNode(pn: ParseNode): void {
    if (pn === null) return;
    switch (pn.kind) {
      case 'int':
        this.emit.loadConstSmallInt(pn.value);
        return;
      case 'id':
        this.loadId(pn.name);
        return;
      case 'str':
        this.emit.loadConstStr(pn.value);
        return;
      case 'tok':
        // a NEWLINE leaf can be let through by file_input; it compiles to nothing
        if (pn.tok !== Tok.NEWLINE) this.emit.loadConstTok(pn.tok);
        return;
      case 'struct':
        break;
    }
    this.emit.setSourceLine(pn.line);
    if (pn.rule === Rule.const_object) {
      this.emit.loadConstObj(pn.value);
      return;
    }
    this.compileRule(pn);
  }

  private compileRule(pns: RuleNode): void {
    switch (pns.rule) {
      case Rule.file_input:
      case Rule.file_input_2:
      case Rule.simple_stmt_2:
      case Rule.pass_stmt:
      case Rule.suite_block_stmts:
        this.compileGenericAllNodes(pns);
        return;
      case Rule.decorated: return S.compileDecorated(this, pns);
      case Rule.funcdef: return S.compileFuncdef(this, pns);
      case Rule.expr_stmt: return S.compileExprStmt(this, pns);
      case Rule.testlist_star_expr:
      case Rule.subscriptlist:
      case Rule.testlist:
        return E.compileGenericTuple(this, pns);
      case Rule.del_stmt: return S.compileDelStmt(this, pns);
      case Rule.break_stmt:
      case Rule.continue_stmt:
        return S.compileBreakContStmt(this, pns);
      case Rule.return_stmt: return S.compileReturnStmt(this, pns);
      case Rule.yield_stmt: return S.compileYieldStmt(this, pns);
      case Rule.raise_stmt: return S.compileRaiseStmt(this, pns);
      case Rule.import_name: return S.compileImportName(this, pns);
      case Rule.import_from: return S.compileImportFrom(this, pns);
      case Rule.global_stmt:
      case Rule.nonlocal_stmt:
        return S.compileGlobalNonlocalStmt(this, pns);
      case Rule.assert_stmt: return S.compileAssertStmt(this, pns);
      case Rule.async_stmt: return S.compileAsyncStmt(this, pns);
      case Rule.if_stmt: return S.compileIfStmt(this, pns);
      case Rule.while_stmt: return S.compileWhileStmt(this, pns);
      case Rule.for_stmt: return S.compileForStmt(this, pns);
      case Rule.try_stmt: return S.compileTryStmt(this, pns);
      case Rule.with_stmt: return S.compileWithStmt(this, pns);
      case Rule.namedexpr_test: return E.compileNamedexpr(this, pns);
      case Rule.test_if_expr: return E.compileTestIfExpr(this, pns);
      case Rule.lambdef:
      case Rule.lambdef_nocond:
        return E.compileLambdef(this, pns);
      case Rule.or_test:
      case Rule.and_test:
        return E.compileOrAndTest(this, pns);
      case Rule.not_test_2: return E.compileNotTest2(this, pns);
      case Rule.comparison: return E.compileComparison(this, pns);
      case Rule.star_expr: return E.compileStarExpr(this, pns);
      case Rule.expr:
      case Rule.xor_expr:
      case Rule.and_expr:
        return E.compileBinaryOp(this, pns);
      case Rule.shift_expr:
      case Rule.arith_expr:
      case Rule.term:
        return E.compileTerm(this, pns);
      case Rule.factor_2: return E.compileFactor2(this, pns);
      case Rule.power: return E.compilePower(this, pns);
      case Rule.atom_expr_await: return E.compileAtomExprAwait(this, pns);
      case Rule.atom_expr_normal: return E.compileAtomExprNormal(this, pns);
      case Rule.atom_paren: return E.compileAtomParen(this, pns);
      case Rule.atom_bracket: return E.compileAtomBracket(this, pns);
      case Rule.atom_brace: return E.compileAtomBraceHelper(this, pns, true);
      case Rule.trailer_paren: return E.compileTrailerParenHelper(this, pns.nodes[0] ?? null, false, 0);
      case Rule.trailer_bracket: return E.compileTrailerBracket(this, pns);
      case Rule.trailer_period: return E.compileTrailerPeriod(this, pns);
      case Rule.subscript_2:
      case Rule.subscript_3:
        return E.compileSubscript(this, pns);
      case Rule.dictorsetmaker_item: return E.compileDictorsetmakerItem(this, pns);
      case Rule.classdef: return S.compileClassdef(this, pns);
      case Rule.yield_expr: return E.compileYieldExpr(this, pns);
      default:
        // rules without a compile function never reach here in a well-formed tree
        throw new Error(`internal: no compile function for rule ${pns.rule}`);
    }
  }

  compileGenericAllNodes(pns: RuleNode): void {
    for (const n of pns.nodes) {
      this.compileNode(n);
      if (this.error !== null) {
        // give the error a line if it has none yet
        this.setErrorLine(n);
        return;
      }
    }
  }

  /** upstream's apply_to_single_or_list */
  applyToSingleOrList(pn: ParseNode, listRule: Rule, f: (pn: ParseNode) => void): void {
    if (isStructKind(pn, listRule)) {
      for (const n of pn.nodes) f(n);
    } else if (!isNull(pn)) {
      f(pn);
    }
  }

  // ---- per-scope drivers -----------------------------------------------------------------------

  /** Compiles one scope for one pass; false asks for another EMIT pass. */
  compileScope(scope: Scope, pass: Pass): boolean {
    this.pass = pass;
    this.scopeCur = scope;
    this.nextLabel = 0;
    this.emit.startPass(pass, scope);
    this.reserveLabelsForNative(6);

    if (pass === Pass.Scope) {
      // maximum stack sizes are measured afresh from the next pass on
      scope.stackSize = 0;
      scope.excStackSize = 0;
    }

    const e = this.emit;
    const pn = scope.pn;
    if (scope.kind === ScopeKind.Module) {
      if (isStructKind(pn, Rule.eval_input)) {
        this.compileNode(pn.nodes[0] ?? null);
        e.returnValue();
      } else {
        this.compileNode(pn);
        e.loadConstTok(Tok.KW_NONE);
        e.returnValue();
      }
    } else if (scope.kind === ScopeKind.Function) {
      const pns = pn as RuleNode;
      // parameters are added first so that they get the first local slots
      if (pass === Pass.Scope) {
        this.haveStar = false;
        this.applyToSingleOrList(pns.nodes[1] ?? null, Rule.typedargslist, (p) =>
          this.compileScopeParam(p, Rule.typedargslist_name, Rule.typedargslist_star, Rule.typedargslist_dbl_star),
        );
        // a viper function's return annotation (node 2) types its result
        if (scope.emitOptions === EmitOpt.Viper) {
          scope.scopeFlags |= this.viperType(pns.nodes[2] ?? null) << SCOPE_FLAG_VIPERRET_POS;
        }
      }
      this.compileNode(pns.nodes[3] ?? null);
      e.loadConstTok(Tok.KW_NONE);
      e.returnValue();
    } else if (scope.kind === ScopeKind.Lambda) {
      const pns = pn as RuleNode;
      e.setSourceLine(pns.line);
      if (pass === Pass.Scope) {
        this.haveStar = false;
        this.applyToSingleOrList(pns.nodes[0] ?? null, Rule.varargslist, (p) =>
          this.compileScopeParam(p, Rule.varargslist_name, Rule.varargslist_star, Rule.varargslist_dbl_star),
        );
      }
      this.compileNode(pns.nodes[1] ?? null);
      // a generator lambda returns None, not its expression
      if (scope.scopeFlags & SCOPE_FLAG_GENERATOR) {
        e.popTop();
        e.loadConstTok(Tok.KW_NONE);
      }
      e.returnValue();
    } else if (isCompLike(scope.kind)) {
      const pns = pn as RuleNode;
      const pnsCompFor = pns.nodes[1] as RuleNode;
      // the iterator argument needs a name no user variable can clash with: the empty qstr
      const qstrArg = '';
      if (pass === Pass.Scope) {
        scope.findOrAdd(qstrArg, IdKind.Local);
        scope.numPosArgs = 1;
      }
      e.setSourceLine(pns.line);
      if (scope.kind === ScopeKind.ListComp) e.build(0, BuildKind.List);
      else if (scope.kind === ScopeKind.DictComp) e.build(0, BuildKind.Map);
      else if (scope.kind === ScopeKind.SetComp) e.build(0, BuildKind.Set);
      // a generator keeps its iterator in the 4 iter_buf slots, the first NULL meaning "object in slot 2"
      if (scope.kind === ScopeKind.GenExpr) {
        e.loadNull();
        this.loadId(qstrArg);
        e.loadNull();
        e.loadNull();
      } else {
        this.loadId(qstrArg);
        e.getIter(true);
      }
      E.compileScopeCompIter(this, pnsCompFor, pns.nodes[0] ?? null, 0);
      if (scope.kind === ScopeKind.GenExpr) e.loadConstTok(Tok.KW_NONE);
      e.returnValue();
    } else {
      // class body
      const pns = pn as RuleNode;
      if (pass === Pass.Scope) scope.findOrAdd('__class__', IdKind.Local);
      if (this.opts.settrace === true) e.setSourceLine(pns.line);
      this.loadId('__name__');
      this.storeId('__module__');
      const nameNode = pns.nodes[0] ?? null;
      e.loadConstStr(isId(nameNode) ? nameNode.name : '');
      this.storeId('__qualname__');
      this.compileNode(pns.nodes[2] ?? null);
      const id = scope.find('__class__');
      if (id === undefined || id.kind === IdKind.Local) e.loadConstTok(Tok.KW_NONE);
      else this.loadFast('__class__', id.localNum);
      e.returnValue();
    }

    return e.endPass();
  }

  /** Declares one parameter of a def or lambda (upstream's compile_scope_func_lambda_param). */
  private compileScopeParam(pn: ParseNode, pnName: Rule, pnStar: Rule, pnDblStar: Rule): void {
    const scope = this.scopeCur;
    // **kwargs must be last
    if (scope.scopeFlags & SCOPE_FLAG_VARKEYWORDS) {
      this.syntaxError(pn, 'invalid syntax');
      return;
    }
    let paramName: string | null = null;
    let paramFlag = ID_FLAG_IS_PARAM;
    if (isId(pn)) {
      paramName = pn.name;
      if (this.haveStar) scope.numKwonlyArgs++;
      else scope.numPosArgs++;
    } else if (isStruct(pn)) {
      const pns = pn as RuleNode;
      if (pns.rule === pnName) {
        const n0 = pns.nodes[0] ?? null;
        paramName = isId(n0) ? n0.name : null;
        if (this.haveStar) scope.numKwonlyArgs++;
        else scope.numPosArgs++;
      } else if (pns.rule === pnStar) {
        if (this.haveStar) {
          // more than one star
          this.syntaxError(pn, 'invalid syntax');
          return;
        }
        this.haveStar = true;
        paramFlag = ID_FLAG_IS_PARAM | ID_FLAG_IS_STAR_PARAM;
        const n0 = pns.nodes[0] ?? null;
        if (isNull(n0)) {
          // bare star: only marks the start of keyword-only parameters
        } else if (isId(n0)) {
          scope.scopeFlags |= SCOPE_FLAG_VARARGS;
          paramName = n0.name;
        } else {
          // named star with an annotation (tfpdef)
          scope.scopeFlags |= SCOPE_FLAG_VARARGS;
          const t0 = (n0 as RuleNode).nodes[0] ?? null;
          paramName = isId(t0) ? t0.name : null;
        }
      } else if (pns.rule === pnDblStar) {
        const n0 = pns.nodes[0] ?? null;
        paramName = isId(n0) ? n0.name : null;
        paramFlag = ID_FLAG_IS_PARAM | ID_FLAG_IS_DBL_STAR_PARAM;
        scope.scopeFlags |= SCOPE_FLAG_VARKEYWORDS;
      }
    }
    if (paramName !== null) {
      const id = scope.findOrAdd(paramName, IdKind.Undecided);
      if (id.kind !== IdKind.Undecided) {
        this.syntaxError(pn, 'argument name reused');
        return;
      }
      id.kind = IdKind.Local;
      id.flags = paramFlag;
      if (scope.emitOptions === EmitOpt.Viper && pnName === Rule.typedargslist_name && isStruct(pn)) {
        id.flags |= this.viperType((pn as RuleNode).nodes[1] ?? null) << ID_FLAG_VIPER_TYPE_POS;
      }
    }
  }

  /** Type of a viper annotation; bad ones are reported as compile.c does. */
  private viperType(pn: ParseNode): number {
    return viperAnnotationType(
      pn,
      (name) => this.nativeError('ViperTypeError', `unknown type '${name}'`),
      (bad) => this.syntaxError(bad, 'annotation must be an identifier'),
    );
  }

  /** Errors from the native emitter replace any earlier one (upstream writes its error slot). */
  private nativeError(type: CompileExcType, message: string): void {
    this.error = { type, message };
  }

  // ---- module driver ---------------------------------------------------------------------------

  /** Compiles the whole module; returns the module scope (throws CompileError on bad source). */
  compileModule(root: ParseNode): Scope {
    const moduleScope = this.newScope(ScopeKind.Module, root as StructNode, this.opts.emitOpt);
    try {
      this.runPasses();
    } catch (err) {
      if (err instanceof BytecodeOverflow) {
        throw new CompileError('RuntimeError', 'bytecode overflow', undefined, undefined);
      }
      // errors upstream raises directly (not recorded) win over a recorded one
      if (err instanceof CompileError) throw err;
      // after a recorded error the rest of the scope is compiled in a possibly inconsistent state;
      // anything that breaks there is a consequence of the recorded error
      if (this.error === null) throw err;
    }
    if (this.error !== null) {
      this.setErrorLine(this.scopeCur.pn);
      throw new CompileError(this.error.type, this.error.message, this.opts.fileName, this.errorLine, this.scopeCur.simpleName);
    }
    return moduleScope;
  }

  /** Picks the scope's emitter (upstream's per-scope method table); false after an error. */
  private selectEmitter(s: Scope): boolean {
    if (s.emitOptions !== EmitOpt.NativePython && s.emitOptions !== EmitOpt.Viper) {
      this.emit = this.bc;
      return true;
    }
    if (this.opts.forVm) {
      // The VM runs native code as bytecode (same semantics; upstream differs only in tracebacks) and
      // viper functions through its JS tier; module and class bodies (`-X emit=viper`) stay bytecode.
      if (s.emitOptions === EmitOpt.NativePython || !isFuncLike(s.kind) || s.kind === ScopeKind.Module) {
        this.emit = this.bc;
        return true;
      }
      if (this.jsTier === undefined) {
        // x64: the unix port's word size, and its native emitter gives the type analysis and errors
        const nat = newNativeEmitter(2, this.common, this.maxNumLabels, () => this.nextLabel, (t, m) => this.nativeError(t, m), 0, true);
        if (nat === undefined) throw new Error('internal: no x64 native emitter');
        this.jsTier = new JsTierEmitter(nat, this.common);
      }
      this.emit = this.jsTier;
      return true;
    }
    if (this.nativeEmit === undefined) {
      const arch = this.opts.nativeArch;
      this.nativeEmit = newNativeEmitter(arch, this.common, this.maxNumLabels, () => this.nextLabel, (t, m) => this.nativeError(t, m), this.opts.archFlags ?? 0);
      if (this.nativeEmit === undefined) {
        // mpy-cross (and mpyts) have emitters for x86 .. rv32imc only
        const message = arch === 0 || arch > 11 ? 'cannot emit native code for this architecture' : 'native code emission for this architecture is not supported yet';
        this.raise('NotImplementedError', null, message);
        return false;
      }
    }
    this.emit = this.nativeEmit;
    return true;
  }

  /** True once a scope was compiled to machine code (the .mpy header then names the architecture). */
  get hasNative(): boolean {
    return this.nativeEmit !== undefined || this.inlineAsm !== undefined;
  }

  /** An @micropython.asm_xxx function: CODE_SIZE (twice on Xtensa), then EMIT. */
  private compileInlineAsm(s: Scope): void {
    this.inlineAsm ??= newInlineAsmEmitter(this.opts.nativeArch, this.maxNumLabels, this.opts.archFlags ?? 0);
    assembleInlineAsm(this, s, this.inlineAsm, inlineAsmNeedsSecondSizePass(this.opts.nativeArch));
  }

  private runPasses(): void {
    // SCOPE pass over every scope; the list grows as nested scopes are found
    let maxLabels = 0;
    for (let i = 0; i < this.scopes.length && this.error === null; i++) {
      const s = this.scopes[i] as Scope;
      if (s.emitOptions === EmitOpt.Asm) {
        compileInlineAsmScope(this, s, Pass.Scope, undefined);
        if (this.nextLabel > maxLabels) maxLabels = this.nextLabel;
        continue;
      }
      this.compileScope(s, Pass.Scope);
      // implicitly global names may really belong to an enclosing function
      for (const id of s.ids) {
        if (id.kind === IdKind.GlobalImplicit) checkToCloseOver(s, id);
      }
      if (this.nextLabel > maxLabels) maxLabels = this.nextLabel;
    }
    if (this.error !== null) return;
    for (const s of this.scopes) computeScopeLayout(s);
    this.bc.setMaxNumLabels(maxLabels);
    this.maxNumLabels = maxLabels;

    for (const s of this.scopes) {
      if (this.error !== null) return;
      if (s.emitOptions === EmitOpt.Asm) {
        this.compileInlineAsm(s);
        continue;
      }
      if (!this.selectEmitter(s)) return;
      this.compileScope(s, Pass.StackSize);
      if (this.error === null) this.compileScope(s, Pass.CodeSize);
      if (this.error === null) while (!this.compileScope(s, Pass.Emit));
    }
  }
}

/** The raw-code tree of a compiled scope. */
function rawCodeOf(scope: Scope, forVm: boolean): MpyRawCode {
  const out = scope.output;
  if (out === null) throw new Error('internal: scope was not emitted');
  const children = out.children.map((ch) => rawCodeOf(ch, forVm));
  // for the VM, native scopes are bytecode kept under the native kind (it drops their traceback lines)
  if (forVm && out.kind === undefined && scope.emitOptions === EmitOpt.NativePython) {
    return { kind: CodeKind.NativePy, funData: out.funData, children, preludeOffset: 0 };
  }
  if (out.kind === CodeKind.NativeAsm) {
    return { kind: out.kind, funData: out.funData, children, scopeFlags: 0, nPosArgs: out.asmNPosArgs ?? 0, typeSig: out.asmTypeSig ?? 0 };
  }
  if (out.kind === CodeKind.NativePy) return { kind: out.kind, funData: out.funData, children, preludeOffset: out.preludeOffset ?? 0 };
  // mpy-cross saves viper functions with scope flags 0 and no rodata/bss/relocations
  if (out.kind === CodeKind.NativeViper) return { kind: out.kind, funData: out.funData, children, scopeFlags: 0 };
  return { kind: CodeKind.Bytecode, funData: out.funData, children };
}

/** Compiles a parse tree into an in-memory .mpy. */
export function compileTree(root: ParseNode, opts: BackendOptions): MpyFile {
  const c = new Compiler(opts);
  const moduleScope = c.compileModule(root);
  return {
    version: MPY_VERSION,
    featureByte: makeFeatureByte(c.hasNative ? opts.nativeArch : 0, opts.archFlags ?? 0),
    ...(opts.archFlags ? { archFlags: opts.archFlags } : {}),
    smallIntBits: opts.smallIntBits,
    qstrs: c.common.mpyQstrs(),
    objects: c.common.mpyConsts(),
    rawCode: rawCodeOf(moduleScope, opts.forVm === true),
  };
}

