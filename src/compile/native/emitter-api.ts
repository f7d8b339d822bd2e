// The emitter interface the compiler drives (upstream's emit_method_table_t). The bytecode emitter
// (emitbc.ts) and the native emitter (emit-native.ts) both satisfy it; compile.ts picks one per scope
// by the scope's emit option, as upstream's compile.c does with its method tables.
//
// A few arguments exist only for the native emitter: the identifier name of a local (viper type
// errors name it) and whether a pop-except jump happens inside an exception handler. The bytecode
// emitter ignores them, which TypeScript allows since its methods take a prefix of the parameters.
import type { ConstValue } from '../parse-node.js';
import type { Scope, ScopeKind } from '../scope.js';
import type { Tok } from '../tokens.js';

/** The compiler's pass numbers (same values as emitbc.ts's Pass). */
export type PassNumber = 1 | 2 | 3 | 4;

export interface Emitter {
  startPass(pass: PassNumber, scope: Scope): void;
  endPass(): boolean;
  setMaxNumLabels(n: number): void;
  adjustStackSize(delta: number): void;
  setSourceLine(line: number): void;
  labelAssign(l: number): void;
  loadLocal(localNum: number, kind: number, qst?: string): void;
  loadGlobal(q: string, kind: number): void;
  storeLocal(localNum: number, kind: number, qst?: string): void;
  storeGlobal(q: string, kind: number): void;
  deleteLocal(localNum: number, kind: number, qst?: string): void;
  deleteGlobal(q: string, kind: number): void;
  import(q: string, kind: number): void;
  loadConstTok(tok: Tok): void;
  loadConstSmallInt(v: number | bigint): void;
  loadConstStr(q: string): void;
  loadConstObj(v: ConstValue): void;
  loadNull(): void;
  loadMethod(q: string, isSuper: boolean): void;
  loadBuildClass(): void;
  subscr(kind: number): void;
  attr(q: string, kind: number): void;
  dupTop(): void;
  dupTopTwo(): void;
  popTop(): void;
  rotTwo(): void;
  rotThree(): void;
  jump(label: number): void;
  popJumpIf(cond: boolean, label: number): void;
  jumpIfOrPop(cond: boolean, label: number): void;
  unwindJump(label: number, exceptDepth: number): void;
  setupBlock(label: number, kind: number): void;
  withCleanup(label: number): void;
  asyncWithSetupFinally(labelAexitNoExc: number, labelFinallyBlock: number, labelRetUnwindJump: number): void;
  endFinally(): void;
  getIter(useStack: boolean): void;
  forIter(label: number): void;
  forIterEnd(): void;
  popExceptJump(label: number, withinExcHandler?: boolean): void;
  unaryOp(op: number): void;
  binaryOp(op: number): void;
  build(n: number, kind: number): void;
  storeMap(): void;
  storeComp(kind: ScopeKind, collectionStackIndex: number): void;
  unpackSequence(n: number): void;
  unpackEx(nLeft: number, nRight: number): void;
  makeFunction(child: Scope, nPosDefaults: number, nKwDefaults: number): void;
  makeClosure(child: Scope, nClosedOver: number, nPosDefaults: number, nKwDefaults: number): void;
  callFunction(nPositional: number, nKeyword: number, starFlags: number): void;
  callMethod(nPositional: number, nKeyword: number, starFlags: number): void;
  returnValue(): void;
  raiseVarargs(nArgs: number): void;
  yield(kind: number): void;
  startExceptHandler(): void;
  endExceptHandler(): void;
}
