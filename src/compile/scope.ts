// Scopes and identifier analysis (upstream's py/scope.c plus the scope bookkeeping of compile.c).
//
// A Scope is one code block: the module, a class body, a function, a lambda or a comprehension. Each
// keeps its identifiers in first-seen order (that order decides local numbering, closure order and the
// argument-name list in the prelude, so it must match upstream exactly) plus a Map for O(1) lookup.
import type { CodeKind } from '../mpy/types.js';
import type { ParseNode } from './parse-node.js';

export const enum IdKind {
  Undecided = 0,
  GlobalImplicit = 1,
  /** assigned at module/class level: a global that must never be closed over */
  GlobalImplicitAssigned = 2,
  GlobalExplicit = 3,
  /** in a function f, written and only referenced by f */
  Local = 4,
  /** in a function f, read/written by children of f */
  Cell = 5,
  /** in a function f, belongs to a parent of f */
  Free = 6,
}

export const ID_FLAG_IS_PARAM = 0x01;
export const ID_FLAG_IS_STAR_PARAM = 0x02;
export const ID_FLAG_IS_DBL_STAR_PARAM = 0x04;

/** Scope kinds, in upstream's order (the order matters: "func-like" and "comp-like" are ranges). */
export const enum ScopeKind {
  Module = 0,
  Class = 1,
  Lambda = 2,
  ListComp = 3,
  DictComp = 4,
  SetComp = 5,
  GenExpr = 6,
  Function = 7,
}

export function isFuncLike(k: ScopeKind): boolean {
  return k >= ScopeKind.Lambda;
}

export function isCompLike(k: ScopeKind): boolean {
  return k >= ScopeKind.ListComp && k <= ScopeKind.GenExpr;
}

/** Emit options a scope is compiled with (upstream's MP_EMIT_OPT_xxx). */
export const enum EmitOpt {
  None = 0,
  Bytecode = 1,
  NativePython = 2,
  Viper = 3,
  Asm = 4,
}

/** Viper type names from `int` on (mp_native_type_from_qstr >= MP_NATIVE_TYPE_INT): cast operators. */
const VIPER_CAST_NAMES = new Set(['int', 'uint', 'ptr', 'ptr8', 'ptr16', 'ptr32']);

export const SCOPE_FLAG_ALL_SIG = 0x0f;
export const SCOPE_FLAG_GENERATOR = 0x01;
export const SCOPE_FLAG_VARKEYWORDS = 0x02;
export const SCOPE_FLAG_VARARGS = 0x04;
export const SCOPE_FLAG_DEFKWARGS = 0x08;
export const SCOPE_FLAG_REFGLOBALS = 0x10;
export const SCOPE_FLAG_HASCONSTS = 0x20;

export class IdInfo {
  kind: IdKind;
  flags = 0;
  /** local slot: for LOCAL a fast local, for CELL/FREE the slot holding the cell */
  localNum = 0;
  constructor(readonly qst: string, kind: IdKind) {
    this.kind = kind;
  }
}

const SIMPLE_NAMES: Partial<Record<ScopeKind, string>> = {
  [ScopeKind.Module]: '<module>',
  [ScopeKind.Lambda]: '<lambda>',
  [ScopeKind.ListComp]: '<listcomp>',
  [ScopeKind.DictComp]: '<dictcomp>',
  [ScopeKind.SetComp]: '<setcomp>',
  [ScopeKind.GenExpr]: '<genexpr>',
};

/** What the emitter produced for a scope (filled in by its final pass). */
export interface ScopeOutput {
  funData: Uint8Array;
  /** children raw codes, by the scope that produced them, in MAKE_FUNCTION index order */
  children: Scope[];
  /** native emitter output: the raw-code kind and where the prelude starts in funData */
  kind?: CodeKind.NativePy | CodeKind.NativeViper | CodeKind.NativeAsm;
  preludeOffset?: number;
  /** inline assembler output: argument count and return type (MP_NATIVE_TYPE_xxx) */
  asmNPosArgs?: number;
  asmTypeSig?: number;
}

export class Scope {
  parent: Scope | null = null;
  readonly simpleName: string;
  scopeFlags = 0;
  numPosArgs = 0;
  numKwonlyArgs = 0;
  numDefPosArgs = 0;
  numLocals = 0;
  stackSize = 0;
  excStackSize = 0;
  readonly ids: IdInfo[] = [];
  private readonly idMap = new Map<string, IdInfo>();
  output: ScopeOutput | null = null;

  constructor(
    readonly kind: ScopeKind,
    /** the parse node the scope compiles (funcdef, classdef, lambdef, comprehension or module root) */
    readonly pn: ParseNode,
    public emitOptions: EmitOpt,
    /** the def/class name; ignored for other kinds */
    name?: string,
  ) {
    this.simpleName = kind === ScopeKind.Function || kind === ScopeKind.Class ? (name ?? '') : (SIMPLE_NAMES[kind] ?? '');
  }

  find(qst: string): IdInfo | undefined {
    return this.idMap.get(qst);
  }

  findOrAdd(qst: string, kind: IdKind): IdInfo {
    let id = this.idMap.get(qst);
    if (id === undefined) {
      // new ids go to the end: function arguments come first only because they are added first
      id = new IdInfo(qst, kind);
      this.ids.push(id);
      this.idMap.set(qst, id);
    }
    return id;
  }

  findGlobal(qst: string): IdInfo | undefined {
    let s: Scope = this;
    while (s.parent !== null) s = s.parent;
    return s.find(qst);
  }

  /** Swaps two entries of the id list (the Map keeps pointing at the same objects). */
  swapIds(i: number, j: number): void {
    const a = this.ids[i] as IdInfo;
    this.ids[i] = this.ids[j] as IdInfo;
    this.ids[j] = a;
  }
}

/** Marks `qst` free in every scope between `scope` and the scope that owns it (which becomes a cell). */
function closeOverInParents(scope: Scope, qst: string): void {
  for (let s = scope.parent; s !== null; s = s.parent) {
    const id = s.findOrAdd(qst, IdKind.Undecided);
    if (id.kind === IdKind.Undecided) {
      // not declared in this scope: it passes through as a free variable
      id.kind = IdKind.Free;
    } else {
      if (id.kind === IdKind.Local) id.kind = IdKind.Cell;
      // FREE or CELL: already closed over
      return;
    }
  }
}

/** If an implicitly-global id is in fact bound by an enclosing function, turn it into a free variable. */
export function checkToCloseOver(scope: Scope, id: IdInfo): void {
  if (scope.parent === null) return;
  // the module scope (the one without a parent) is never searched
  for (let s: Scope = scope.parent; s.parent !== null; s = s.parent) {
    const id2 = s.find(id.qst);
    if (id2 !== undefined) {
      if (id2.kind === IdKind.Local || id2.kind === IdKind.Cell || id2.kind === IdKind.Free) {
        id.kind = IdKind.Free;
        closeOverInParents(scope, id.qst);
      }
      return;
    }
  }
}

/** The id for a name being read (upstream's mp_emit_common_get_id_for_load). */
export function idForLoad(scope: Scope, qst: string): void {
  scope.findOrAdd(qst, IdKind.GlobalImplicit);
}

/** The id for a name being bound or deleted (mp_emit_common_get_id_for_modification). */
export function idForModification(scope: Scope, qst: string): IdInfo {
  const id = scope.findOrAdd(qst, IdKind.GlobalImplicit);
  if (id.kind === IdKind.GlobalImplicit) {
    // in a function a bound name is a local; elsewhere it stays global but may not be closed over
    id.kind = isFuncLike(scope.kind) ? IdKind.Local : IdKind.GlobalImplicitAssigned;
  }
  return id;
}

/**
 * Final layout of a scope's locals (upstream's scope_compute_things): *args moves after the other
 * parameters, implicit globals of functions become explicit, then slots are numbered: parameters and
 * locals, then cells, and free variables (in the parent's order) are put in front of everything.
 */
export function computeScopeLayout(scope: Scope): void {
  if (scope.scopeFlags & SCOPE_FLAG_VARARGS) {
    let paramIdx = -1;
    for (let i = scope.ids.length - 1; i >= 0; i--) {
      const id = scope.ids[i] as IdInfo;
      if (id.flags & ID_FLAG_IS_STAR_PARAM) {
        if (paramIdx >= 0) scope.swapIds(paramIdx, i);
        break;
      } else if (paramIdx < 0 && id.flags === ID_FLAG_IS_PARAM) {
        paramIdx = i;
      }
    }
  }

  scope.numLocals = 0;
  const funcLike = isFuncLike(scope.kind);
  for (const id of scope.ids) {
    // a class's __class__ is not a local; if it is used it becomes a cell
    if (scope.kind === ScopeKind.Class && id.qst === '__class__') continue;
    if (funcLike && id.kind === IdKind.GlobalImplicit) id.kind = IdKind.GlobalExplicit;
    // in viper, int(x)/ptr8(x)/... are casts, not references to globals
    if (id.kind === IdKind.GlobalExplicit && !(scope.emitOptions === EmitOpt.Viper && VIPER_CAST_NAMES.has(id.qst))) {
      scope.scopeFlags |= SCOPE_FLAG_REFGLOBALS;
    }
    // parameters always take a slot, even when they are cells
    if (id.kind === IdKind.Local || id.flags & ID_FLAG_IS_PARAM) id.localNum = scope.numLocals++;
  }

  // cells follow the fast locals (cell parameters keep their parameter slot)
  for (const id of scope.ids) {
    if (id.kind === IdKind.Cell && !(id.flags & ID_FLAG_IS_PARAM)) id.localNum = scope.numLocals++;
  }

  // free variables come first, in the order the parent declares them
  const parent = scope.parent;
  if (parent !== null) {
    let numFree = 0;
    for (const pid of parent.ids) {
      if (pid.kind !== IdKind.Cell && pid.kind !== IdKind.Free) continue;
      const id = scope.find(pid.qst);
      if (id !== undefined && id.kind === IdKind.Free) id.localNum = numFree++;
    }
    if (numFree > 0) {
      for (const id of scope.ids) {
        if (id.kind !== IdKind.Free || id.flags & ID_FLAG_IS_PARAM) id.localNum += numFree;
      }
      // free variables are passed in like arguments
      scope.numPosArgs += numFree;
      scope.numLocals += numFree;
    }
  }
}
