// The VM's JS tier for @micropython.viper: an Emitter that writes JavaScript instead of machine code.
//
// It drives the x64 native emitter alongside itself (every call is forwarded), so the viper type
// analysis, the value-stack layout and every ViperTypeError are exactly the native emitter's; before
// and after each call it reads that emitter's compile-time state (typeView) and writes the
// statements that do the same thing on the VM's objects and on 64-bit words.
//
// Generated code model (one JS function per viper function):
// - `S[i]` is value-stack entry i and `L[n]` local n, at the native emitter's static positions;
//   typed entries hold BigInts (two's complement, signed range), objects hold VM objects.
// - control flow is `for (;;) try { switch (pc) { case <label>: ... } } catch`, jumps set `pc`.
// - exceptions follow the native emitter's model, not the bytecode VM's: one handler-PC variable
//   (HPC, -1 = none), the exception slot EXC (null = none), the unwind target UW and the return
//   value RET. A caught exception goes to HPC (cleared on the way), or leaves the function.
// The compiler only produces the text; src/vm/jstier.ts turns it into a function with `new Function`.
import type { JsTierRecord } from '../../core/jstier.js';
import { CodeKind } from '../../mpy/types.js';
import type { ConstValue } from '../parse-node.js';
import type { EmitCommon } from '../emit-common.js';
import { ID_FLAG_IS_PARAM, IdKind, type Scope, ScopeKind } from '../scope.js';
import { Tok } from '../tokens.js';
import { BREAK_FROM_FOR, ID_FLAG_VIPER_TYPE_POS, SCOPE_FLAG_VIPERRET_POS, UNWIND_LABEL_DO_FINAL_UNWIND, UNWIND_LABEL_UNUSED, VType, type ExcStackEntry, type ViperTypeView } from '../native/emit-native-base.js';
import type { NativeEmitter } from '../native/emit-native.js';
import type { Emitter, PassNumber } from '../native/emitter-api.js';

/** the label of the function's exit (a return after its finally blocks ran) */
const EXIT = -2;
/** labels of the JS tier's own (with-statement exits) start here, above any compiler label */
const OWN_LABELS = 1_000_000;

const utf8 = new TextEncoder();

function isWord(t: VType): boolean {
  return t !== VType.PyObj;
}

export class JsTierEmitter implements Emitter {
  private out: string[] = [];
  private pass: PassNumber = 1;
  private scope!: Scope;
  private ownLabel = OWN_LABELS;
  /** labels assigned so far in this pass: a jump to one of them goes backwards */
  private assigned = new Set<number>();

  constructor(private readonly nat: NativeEmitter, private readonly common: EmitCommon) {}

  private get v(): ViperTypeView {
    return this.nat.typeView;
  }

  private w(s: string): void {
    if (this.pass === 4) this.out.push(s);
  }

  /** Stack entry i (0-based from the bottom) as an object, given its type. */
  private obj(i: number, t: VType): string {
    return isWord(t) ? `rt.toObj(S[${i}], ${t})` : `S[${i}]`;
  }

  /** The top n entries as object expressions, bottom first. */
  private objs(n: number): string[] {
    const v = this.v;
    const r: string[] = [];
    for (let k = n - 1; k >= 0; k--) r.push(this.obj(v.stackSize - 1 - k, v.vtype(k)));
    return r;
  }

  /** The label of the innermost active handler left on the native emitter's stack (or -1). */
  private activeHandler(): number {
    const ex = this.v.excStack;
    for (let i = ex.length - 1; i >= 0; i--) if ((ex[i] as ExcStackEntry).isActive) return (ex[i] as ExcStackEntry).label;
    return -1;
  }

  // ---- passes ----------------------------------------------------------------------------------

  startPass(pass: PassNumber, scope: Scope): void {
    this.nat.startPass(pass, scope);
    this.pass = pass;
    this.scope = scope;
    this.out = [];
    this.ownLabel = OWN_LABELS;
    this.assigned.clear();
  }

  endPass(): boolean {
    const done = this.nat.endPass();
    if (this.pass !== 4) return done;
    const scope = this.scope;
    const nativeOut = scope.output;
    let nFree = 0;
    const argTypes: number[] = new Array<number>(scope.numPosArgs).fill(0);
    const cells: number[] = [];
    for (const id of scope.ids) {
      if (id.kind === IdKind.Free) nFree++;
    }
    for (const id of scope.ids) {
      if (id.flags & ID_FLAG_IS_PARAM && id.localNum - nFree < scope.numPosArgs && id.localNum >= nFree) {
        argTypes[id.localNum - nFree] = (id.flags >> ID_FLAG_VIPER_TYPE_POS) & 0xf;
      }
      if (id.kind === IdKind.Cell) cells.push(id.localNum);
    }
    const nLocals = Math.max(scope.numLocals + nFree, 1);
    const head: string[] = [
      `"use strict";`,
      `return function (G, args, hasKw) {`,
      `rt.checkArgs(args.length, ${nFree + scope.numPosArgs}, hasKw);`,
      `const L = new Array(${nLocals}); const S = new Array(${Math.max(scope.stackSize, 1)});`,
      `let pc = -1, HPC = -1, EXC = null, UW = -1, RET = rt.none;`,
    ];
    for (let i = 0; i < nFree; i++) head.push(`L[${i}] = args[${i}];`);
    argTypes.forEach((t, i) => head.push(t === 0 ? `L[${nFree + i}] = args[${nFree + i}];` : `L[${nFree + i}] = rt.fromObj(args[${nFree + i}], ${t});`));
    for (const n of cells) head.push(`L[${n}] = rt.newCell(L[${n}]);`);
    head.push('for (;;) { try { switch (pc) { case -1:');
    const tail = [`case ${EXIT}: return RET;`, 'default: throw new Error("JS tier: bad label " + pc);', '} } catch (e) { EXC = rt.exc(e); if (HPC === -1) throw EXC; pc = HPC; HPC = -1; } }', '};'];
    const record: JsTierRecord = {
      mpytsJs: 1,
      name: scope.simpleName,
      nFree,
      nPosArgs: scope.numPosArgs,
      argTypes,
      retType: (scope.scopeFlags >> SCOPE_FLAG_VIPERRET_POS) & 0xf,
      body: [...head, ...this.out, ...tail].join('\n'),
    };
    scope.output = {
      funData: utf8.encode(JSON.stringify(record)),
      children: nativeOut?.children ?? [],
      kind: CodeKind.NativeViper,
    };
    return done;
  }

  setMaxNumLabels(n: number): void {
    this.nat.setMaxNumLabels(n);
  }

  adjustStackSize(delta: number): void {
    this.nat.adjustStackSize(delta);
  }

  setSourceLine(line: number): void {
    this.nat.setSourceLine(line);
  }

  labelAssign(l: number): void {
    const ex = this.v.excStack;
    const top = ex[ex.length - 1];
    const isFinally = top !== undefined && top.isFinally && top.label === l;
    if (isFinally) {
      // the normal way into a finally: what TOS holds (None: nothing is propagating)
      const t = this.v.vtype(0);
      this.w(t === VType.PyObj ? `EXC = S[${this.v.stackSize - 1}];` : 'EXC = null;');
    }
    this.nat.labelAssign(l);
    this.assigned.add(l);
    this.w(`case ${l}:`);
    if (isFinally) this.w(`HPC = ${this.activeHandler()};`);
  }

  // ---- names -----------------------------------------------------------------------------------

  loadLocal(localNum: number, kind: number, qst?: string): void {
    const n = this.v.stackSize;
    this.nat.loadLocal(localNum, kind, qst);
    this.w(kind === 0 ? `S[${n}] = L[${localNum}];` : `S[${n}] = rt.cellGet(L[${localNum}]);`);
  }

  loadGlobal(q: string, kind: number): void {
    const n = this.v.stackSize;
    this.nat.loadGlobal(q, kind);
    // a viper cast (int, ptr8, ...) is resolved at compile time: nothing to load
    if (this.v.vtype(0) === VType.BuiltinCast) this.w(`S[${n}] = null;`);
    else this.w(`S[${n}] = rt.loadGlobal(G, ${JSON.stringify(q)});`);
  }

  storeLocal(localNum: number, kind: number, qst?: string): void {
    const n = this.v.stackSize;
    const t = this.v.vtype(0);
    this.nat.storeLocal(localNum, kind, qst);
    if (kind === 0) this.w(`L[${localNum}] = S[${n - 1}];`);
    else this.w(`rt.cellSet(L[${localNum}], ${this.obj(n - 1, t)});`);
  }

  storeGlobal(q: string, kind: number): void {
    const n = this.v.stackSize;
    const t = this.v.vtype(0);
    this.nat.storeGlobal(q, kind);
    this.w(`rt.storeGlobal(G, ${JSON.stringify(q)}, ${this.obj(n - 1, t)});`);
  }

  deleteLocal(localNum: number, kind: number, qst?: string): void {
    this.nat.deleteLocal(localNum, kind, qst);
    // as the native emitter: a fast local gets None (typed None is the word 0); cells stay
    if (kind === 0) this.w(`L[${localNum}] = ${isWord(this.v.localVtype(localNum)) ? '0n' : 'rt.none'};`);
  }

  deleteGlobal(q: string, kind: number): void {
    this.nat.deleteGlobal(q, kind);
    this.w(`rt.deleteGlobal(G, ${JSON.stringify(q)});`);
  }

  import(q: string, kind: number): void {
    const n = this.v.stackSize;
    const name = JSON.stringify(q);
    if (kind === 0) {
      const [level, fromList] = this.objs(2) as [string, string];
      this.nat.import(q, kind);
      this.w(`S[${n - 2}] = rt.importName(${name}, ${fromList}, ${level}, G);`);
    } else if (kind === 1) {
      this.nat.import(q, kind);
      this.w(`S[${n}] = rt.importFrom(S[${n - 1}], ${name});`);
    } else {
      this.nat.import(q, kind);
      this.w(`rt.importStar(S[${n - 1}], G);`);
    }
  }

  // ---- constants -------------------------------------------------------------------------------

  loadConstTok(tok: Tok): void {
    const n = this.v.stackSize;
    this.nat.loadConstTok(tok);
    if (tok === Tok.ELLIPSIS) this.w(`S[${n}] = K[${this.common.useConst({ type: 'ellipsis' })}];`);
    else this.w(`S[${n}] = ${tok === Tok.KW_TRUE ? '1n' : '0n'};`);
  }

  loadConstSmallInt(value: number | bigint): void {
    const n = this.v.stackSize;
    this.nat.loadConstSmallInt(value);
    this.w(`S[${n}] = ${BigInt.asIntN(64, BigInt(value))}n;`);
  }

  loadConstStr(q: string): void {
    const n = this.v.stackSize;
    this.nat.loadConstStr(q);
    this.w(`S[${n}] = ${JSON.stringify(q)};`);
  }

  loadConstObj(value: ConstValue): void {
    const n = this.v.stackSize;
    this.nat.loadConstObj(value);
    this.w(`S[${n}] = K[${this.common.useConst(value)}];`);
  }

  loadNull(): void {
    const n = this.v.stackSize;
    this.nat.loadNull();
    this.w(`S[${n}] = undefined;`);
  }

  // ---- attributes, methods, subscripts ---------------------------------------------------------

  loadMethod(q: string, isSuper: boolean): void {
    const n = this.v.stackSize;
    const name = JSON.stringify(q);
    if (isSuper) {
      this.nat.loadMethod(q, isSuper);
      this.w(`{ const m = rt.loadSuperMethod(${name}, S[${n - 2}], S[${n - 1}]); S[${n - 3}] = m[0]; S[${n - 2}] = m[1]; }`);
    } else {
      const o = this.obj(n - 1, this.v.vtype(0));
      this.nat.loadMethod(q, isSuper);
      this.w(`{ const m = rt.loadMethod(${o}, ${name}); S[${n - 1}] = m[0]; S[${n}] = m[1]; }`);
    }
  }

  loadBuildClass(): void {
    const n = this.v.stackSize;
    this.nat.loadBuildClass();
    this.w(`S[${n}] = rt.loadBuildClass();`);
  }

  subscr(kind: number): void {
    const v = this.v;
    const n = v.stackSize;
    const tBase = v.vtype(1);
    if (kind === 0) {
      const tIndex = v.vtype(0);
      this.nat.subscr(kind);
      if (!isWord(tBase)) this.w(`S[${n - 2}] = rt.subscr(S[${n - 2}], ${this.obj(n - 1, tIndex)});`);
      else this.w(`S[${n - 2}] = rt.load(${this.addr(tBase, n - 2, n - 1)}, ${this.size(tBase)});`);
    } else if (kind === 1) {
      const tIndex = v.vtype(0);
      const tValue = v.vtype(2);
      this.nat.subscr(kind);
      if (!isWord(tBase)) this.w(`rt.storeSubscr(S[${n - 2}], ${this.obj(n - 1, tIndex)}, ${this.obj(n - 3, tValue)});`);
      else this.w(`rt.store(${this.addr(tBase, n - 2, n - 1)}, ${this.size(tBase)}, S[${n - 3}]);`);
    } else {
      const [o, i] = this.objs(2) as [string, string];
      this.nat.subscr(kind);
      this.w(`rt.deleteSubscr(${o}, ${i});`);
    }
  }

  private size(t: VType): number {
    return t === VType.Ptr16 ? 2 : t === VType.Ptr32 ? 4 : t === VType.Ptr8 ? 1 : 8;
  }

  private addr(t: VType, base: number, index: number): string {
    const scale = this.size(t);
    return `BigInt.asIntN(64, S[${base}] + S[${index}]${scale === 1 ? '' : ` * ${scale}n`})`;
  }

  attr(q: string, kind: number): void {
    const v = this.v;
    const n = v.stackSize;
    const name = JSON.stringify(q);
    if (kind === 0) {
      const o = this.obj(n - 1, v.vtype(0));
      this.nat.attr(q, kind);
      this.w(`S[${n - 1}] = rt.loadAttr(${o}, ${name});`);
    } else if (kind === 1) {
      const o = this.obj(n - 1, v.vtype(0));
      const val = this.obj(n - 2, v.vtype(1));
      this.nat.attr(q, kind);
      this.w(`rt.storeAttr(${o}, ${name}, ${val});`);
    } else {
      const o = this.obj(n - 1, v.vtype(0));
      this.nat.attr(q, kind);
      this.w(`rt.deleteAttr(${o}, ${name});`);
    }
  }

  // ---- stack shuffles --------------------------------------------------------------------------

  dupTop(): void {
    const n = this.v.stackSize;
    this.nat.dupTop();
    this.w(`S[${n}] = S[${n - 1}];`);
  }

  dupTopTwo(): void {
    const n = this.v.stackSize;
    this.nat.dupTopTwo();
    this.w(`S[${n}] = S[${n - 2}]; S[${n + 1}] = S[${n - 1}];`);
  }

  popTop(): void {
    this.nat.popTop();
  }

  rotTwo(): void {
    const n = this.v.stackSize;
    this.nat.rotTwo();
    this.w(`{ const t = S[${n - 1}]; S[${n - 1}] = S[${n - 2}]; S[${n - 2}] = t; }`);
  }

  rotThree(): void {
    const n = this.v.stackSize;
    this.nat.rotThree();
    this.w(`{ const t = S[${n - 1}]; S[${n - 1}] = S[${n - 2}]; S[${n - 2}] = S[${n - 3}]; S[${n - 3}] = t; }`);
  }

  // ---- jumps -----------------------------------------------------------------------------------

  /** A jump; backward ones let the host interrupt a loop (KeyboardInterrupt), as the VM's loops do. */
  private goto(label: number): string {
    return `${this.assigned.has(label) ? 'rt.poll(); ' : ''}pc = ${label}; continue;`;
  }

  jump(label: number): void {
    this.nat.jump(label);
    this.w(this.goto(label));
  }

  private cond(i: number, t: VType): string {
    return isWord(t) ? `S[${i}] !== 0n` : `rt.truthy(S[${i}])`;
  }

  popJumpIf(cond: boolean, label: number): void {
    const n = this.v.stackSize;
    const c = this.cond(n - 1, this.v.vtype(0));
    this.nat.popJumpIf(cond, label);
    this.w(`if (${cond ? '' : '!'}(${c})) { ${this.goto(label)} }`);
  }

  jumpIfOrPop(cond: boolean, label: number): void {
    const n = this.v.stackSize;
    const c = this.cond(n - 1, this.v.vtype(0));
    this.nat.jumpIfOrPop(cond, label);
    this.w(`if (${cond ? '' : '!'}(${c})) { ${this.goto(label)} }`);
  }

  /** The code of an unwind jump through `depth` handlers to `target` (as the native emitter's). */
  private unwindTo(target: number, depth: number): string {
    const ex = this.v.excStack;
    let firstFinally: ExcStackEntry | undefined;
    let i = ex.length - 1;
    for (let d = depth; d > 0; d--, i--) {
      const e = ex[i] as ExcStackEntry;
      if (e.isFinally && e.isActive) firstFinally ??= e;
    }
    if (firstFinally === undefined) {
      if (depth === 0) return this.goto(target);
      const e = ex[i];
      return `HPC = ${e === undefined ? -1 : e.label}; ${this.goto(target)}`;
    }
    // through the finally blocks (each continues to the next, the last jumps to UW)
    return `UW = ${target}; EXC = null; ${this.goto(firstFinally.label)}`;
  }

  unwindJump(label: number, exceptDepth: number): void {
    const code = this.unwindTo(label & ~BREAK_FROM_FOR, exceptDepth);
    this.nat.unwindJump(label, exceptDepth);
    this.w(code);
  }

  // ---- with / try ------------------------------------------------------------------------------

  setupBlock(label: number, kind: number): void {
    const n = this.v.stackSize;
    if (kind === 0) {
      // (..., ctx) -> (..., __exit__, self, as_value, as_value)
      const ctx = this.obj(n - 1, this.v.vtype(0));
      this.nat.setupBlock(label, kind);
      this.w(
        `{ const c = ${ctx}; const x = rt.loadMethod(c, "__exit__"); const e = rt.loadMethod(c, "__enter__");` +
          ` S[${n - 1}] = x[0]; S[${n}] = x[1]; S[${n + 1}] = rt.callMethod(e[0], e[1], [], undefined); S[${n + 2}] = S[${n + 1}]; }`,
      );
    } else {
      this.nat.setupBlock(label, kind);
    }
    this.w(`HPC = ${label};`);
  }

  withCleanup(label: number): void {
    // stack: (..., __exit__, self, as_value)
    const n = this.v.stackSize;
    const exit = `S[${n - 3}]`;
    const self = `S[${n - 2}]`;
    this.nat.withCleanup(label);
    // the native emitter has left the with block's handler: HPC is the next active one
    const outer = this.activeHandler();
    const after = this.ownLabel++;
    const none3 = '[rt.none, rt.none, rt.none]';
    this.w(`HPC = ${outer}; EXC = null;`);
    // reached normally (EXC null), by an unwind jump (EXC null) or by an exception
    this.w(`case ${label}:`);
    if (outer !== -1) this.w(`HPC = ${outer};`);
    this.w(`if (EXC === null) rt.callMethod(${exit}, ${self}, ${none3}, undefined);`);
    this.w(`else if (rt.truthy(rt.callMethod(${exit}, ${self}, [rt.typeOf(EXC), EXC, rt.none], undefined))) EXC = null;`);
    this.w(`case ${after}:`);
  }

  asyncWithSetupFinally(labelAexitNoExc: number, labelFinallyBlock: number, labelRetUnwindJump: number): void {
    // async functions are never viper (yield is rejected first)
    this.nat.asyncWithSetupFinally(labelAexitNoExc, labelFinallyBlock, labelRetUnwindJump);
    this.w('throw new Error("JS tier: async with");');
  }

  endFinally(): void {
    const ex = this.v.excStack;
    const top = ex[ex.length - 1];
    this.nat.endFinally();
    this.w('rt.nativeRaise(EXC);');
    if (top !== undefined && top.unwindLabel !== UNWIND_LABEL_UNUSED) {
      const next = top.unwindLabel === UNWIND_LABEL_DO_FINAL_UNWIND ? 'pc = UW; continue;' : this.goto(top.unwindLabel);
      this.w(`if (UW !== -1) { ${next} }`);
    }
  }

  // ---- iteration -------------------------------------------------------------------------------

  getIter(useStack: boolean): void {
    const n = this.v.stackSize;
    const o = this.obj(n - 1, this.v.vtype(0));
    this.nat.getIter(useStack);
    this.w(`S[${n - 1}] = rt.getIter(${o});`);
  }

  forIter(label: number): void {
    // the iterator is the first of the 4 iter_buf entries
    const n = this.v.stackSize;
    this.nat.forIter(label);
    this.w(`{ const x = rt.iterNext(S[${n - 4}]); if (x === undefined) { ${this.goto(label)} } S[${n}] = x; }`);
  }

  forIterEnd(): void {
    this.nat.forIterEnd();
  }

  popExceptJump(label: number, withinExcHandler?: boolean): void {
    this.nat.popExceptJump(label, withinExcHandler);
    if (withinExcHandler === true) this.w('EXC = null;');
    else this.w(`HPC = ${this.activeHandler()};`);
    this.w(this.goto(label));
  }

  // ---- operators -------------------------------------------------------------------------------

  unaryOp(op: number): void {
    const n = this.v.stackSize;
    const t = this.v.vtype(0);
    // Upstream quirk kept: x64 negates/inverts in place, so when the operand is a local that lives
    // in a register (locals 0 and 1 of a function without try/with) `-x` and `~x` change x too.
    const inReg = this.v.localInReg(0);
    this.nat.unaryOp(op);
    const s = `S[${n - 1}]`;
    if (t === VType.Int || t === VType.Uint) {
      const local = inReg >= 0 && (op === 1 || op === 2) ? ` L[${inReg}] = ${s};` : '';
      if (op === 1) this.w(`${s} = BigInt.asIntN(64, -${s});${local}`);
      else if (op === 2) this.w(`${s} = ~${s};${local}`);
    } else if (t === VType.PyObj) {
      this.w(`${s} = rt.unaryOp(${op}, ${s});`);
    }
  }

  binaryOp(opIn: number): void {
    const v = this.v;
    const n = v.stackSize;
    const tl = v.vtype(1);
    const tr = v.vtype(0);
    this.nat.binaryOp(opIn);
    const a = `S[${n - 2}]`;
    const b = `S[${n - 1}]`;
    const intLike = (t: VType): boolean => t === VType.Int || t === VType.Uint;
    if (intLike(tl) && intLike(tr)) {
      let op = opIn;
      if (op >= 9 && op <= 21) op += 22 - 9;
      const wrap = (e: string): string => `${a} = BigInt.asIntN(64, ${e});`;
      const u = (e: string): string => `BigInt.asUintN(64, ${e})`;
      switch (op) {
        case 22: this.w(`${a} = ${a} | ${b};`); return;
        case 23: this.w(`${a} = ${a} ^ ${b};`); return;
        case 24: this.w(`${a} = ${a} & ${b};`); return;
        // x64 shifts take the count modulo 64
        case 25: this.w(wrap(`${a} << (${b} & 63n)`)); return;
        case 26: this.w(tl === VType.Uint ? wrap(`${u(a)} >> (${b} & 63n)`) : `${a} = ${a} >> (${b} & 63n);`); return;
        case 27: this.w(wrap(`${a} + ${b}`)); return;
        case 28: this.w(wrap(`${a} - ${b}`)); return;
        case 29: this.w(wrap(`${a} * ${b}`)); return;
        case 31: this.w(`${a} = rt.floorDiv(${a}, ${b});`); return;
        case 33: this.w(`${a} = rt.modulo(${a}, ${b});`); return;
        default:
          if (op <= 5) {
            const js = ['<', '>', '===', '<=', '>=', '!=='][op] as string;
            const [x, y] = tl === VType.Uint ? [u(a), u(b)] : [a, b];
            this.w(`${a} = (${x} ${js} ${y}) ? 1n : 0n;`);
          }
          return;
      }
    }
    if (tl === VType.PyObj && tr === VType.PyObj) {
      if (opIn === 100 || opIn === 101) this.w(`${a} = rt.unaryOp(3, rt.binaryOp(${opIn - 94}, ${a}, ${b}));`);
      else this.w(`${a} = rt.binaryOp(${opIn}, ${a}, ${b});`);
    }
  }

  // ---- builders --------------------------------------------------------------------------------

  build(count: number, kind: number): void {
    const n = this.v.stackSize;
    if (kind === 2) {
      this.nat.build(count, kind);
      this.w(`S[${n}] = rt.buildMap(${count});`);
      return;
    }
    const items = this.objs(count);
    this.nat.build(count, kind);
    const base = n - count;
    if (kind === 4) {
      this.w(`S[${base}] = rt.buildSlice(${items[0]}, ${items[1]}, ${count === 3 ? items[2] : 'rt.none'});`);
    } else {
      const f = kind === 0 ? 'buildTuple' : kind === 1 ? 'buildList' : 'buildSet';
      this.w(`S[${base}] = rt.${f}([${items.join(', ')}]);`);
    }
  }

  storeMap(): void {
    // (..., map, value, key)
    const n = this.v.stackSize;
    const [, value, key] = this.objs(3) as [string, string, string];
    this.nat.storeMap();
    this.w(`rt.storeMap(S[${n - 3}], ${key}, ${value});`);
  }

  storeComp(kind: ScopeKind, collectionStackIndex: number): void {
    const n = this.v.stackSize;
    if (kind === ScopeKind.DictComp) {
      const [value, key] = this.objs(2) as [string, string];
      this.nat.storeComp(kind, collectionStackIndex);
      this.w(`rt.storeMap(S[${n - 2 - collectionStackIndex}], ${key}, ${value});`);
    } else {
      const [item] = this.objs(1) as [string];
      this.nat.storeComp(kind, collectionStackIndex);
      this.w(`rt.${kind === ScopeKind.ListComp ? 'listAppend' : 'setAdd'}(S[${n - 1 - collectionStackIndex}], ${item});`);
    }
  }

  unpackSequence(count: number): void {
    const n = this.v.stackSize;
    const [o] = this.objs(1) as [string];
    this.nat.unpackSequence(count);
    this.w(`{ const a = rt.unpackSequence(${o}, ${count}); for (let i = 0; i < ${count}; i++) S[${n - 1} + i] = a[${count - 1} - i]; }`);
  }

  unpackEx(nLeft: number, nRight: number): void {
    const n = this.v.stackSize;
    const [o] = this.objs(1) as [string];
    this.nat.unpackEx(nLeft, nRight);
    const total = nLeft + nRight + 1;
    this.w(`{ const a = rt.unpackEx(${o}, ${nLeft}, ${nRight}); for (let i = 0; i < ${total}; i++) S[${n - 1} + i] = a[${total - 1} - i]; }`);
  }

  // ---- functions and calls ---------------------------------------------------------------------

  makeFunction(child: Scope, nPosDefaults: number, nKwDefaults: number): void {
    const n = this.v.stackSize;
    const idx = this.v.childCount;
    this.nat.makeFunction(child, nPosDefaults, nKwDefaults);
    if (nPosDefaults === 0 && nKwDefaults === 0) this.w(`S[${n}] = rt.makeFunction(C[${idx}], G, undefined, undefined, undefined);`);
    else this.w(`S[${n - 2}] = rt.makeFunction(C[${idx}], G, S[${n - 2}], S[${n - 1}], undefined);`);
  }

  makeClosure(child: Scope, nClosedOver: number, nPosDefaults: number, nKwDefaults: number): void {
    const n = this.v.stackSize;
    const idx = this.v.childCount;
    const closed = this.objs(nClosedOver);
    this.nat.makeClosure(child, nClosedOver, nPosDefaults, nKwDefaults);
    const hasDefaults = nPosDefaults !== 0 || nKwDefaults !== 0;
    const base = n - nClosedOver - (hasDefaults ? 2 : 0);
    const defs = hasDefaults ? `S[${base}], S[${base + 1}]` : 'undefined, undefined';
    this.w(`S[${base}] = rt.makeFunction(C[${idx}], G, ${defs}, [${closed.join(', ')}]);`);
  }

  callFunction(nPositional: number, nKeyword: number, starFlags: number): void {
    const v = this.v;
    const n = v.stackSize;
    const nArgs = nPositional + 2 * nKeyword;
    const base = n - nArgs - 1;
    if (v.vtype(nArgs) === VType.BuiltinCast) {
      // int(x), ptr8(x), ...: convert an object, re-type a word
      const castTo = Number(v.imm(1) ?? 0n);
      const t = v.vtype(0);
      this.nat.callFunction(nPositional, nKeyword, starFlags);
      this.w(t === VType.PyObj ? `S[${base}] = rt.fromObj(S[${n - 1}], ${castTo});` : `S[${base}] = S[${n - 1}];`);
      return;
    }
    if (starFlags) {
      // (..., fun, args..., star mask)
      const slots = this.objs(nArgs + 1);
      const fn = this.obj(base - 1, v.vtype(nArgs + 1));
      this.nat.callFunction(nPositional, nKeyword, starFlags);
      this.w(`S[${base - 1}] = rt.callVar(${fn}, undefined, [${slots.join(', ')}], ${nPositional}, ${nKeyword});`);
      return;
    }
    const all = this.objs(nArgs + 1);
    this.nat.callFunction(nPositional, nKeyword, starFlags);
    const fn = all[0] as string;
    const pos = all.slice(1, 1 + nPositional);
    const kw = nKeyword > 0 ? `[${all.slice(1 + nPositional).join(', ')}]` : 'undefined';
    this.w(`S[${base}] = rt.call(${fn}, [${pos.join(', ')}], ${kw});`);
  }

  callMethod(nPositional: number, nKeyword: number, starFlags: number): void {
    const v = this.v;
    const n = v.stackSize;
    const nArgs = nPositional + 2 * nKeyword;
    const base = n - nArgs - 2;
    if (starFlags) {
      // (..., fun, self, args..., star mask)
      const slots = this.objs(nArgs + 1);
      this.nat.callMethod(nPositional, nKeyword, starFlags);
      this.w(`S[${base - 1}] = rt.callVar(S[${base - 1}], S[${base}], [${slots.join(', ')}], ${nPositional}, ${nKeyword});`);
      return;
    }
    const args = this.objs(nArgs);
    this.nat.callMethod(nPositional, nKeyword, starFlags);
    const pos = args.slice(0, nPositional);
    const kw = nKeyword > 0 ? `[${args.slice(nPositional).join(', ')}]` : 'undefined';
    this.w(`S[${base}] = rt.callMethod(S[${base}], S[${base + 1}], [${pos.join(', ')}], ${kw});`);
  }

  returnValue(): void {
    const v = this.v;
    const n = v.stackSize;
    const t = v.vtype(0);
    const retType = ((this.scope.scopeFlags >> SCOPE_FLAG_VIPERRET_POS) & 7) as VType;
    let value: string;
    if (t === VType.PtrNone) value = retType === VType.PyObj ? 'rt.none' : `rt.toObj(0n, ${retType})`;
    else if (retType === VType.PyObj) value = this.obj(n - 1, t);
    else value = `rt.toObj(S[${n - 1}], ${retType})`;
    const code = this.unwindTo(EXIT, v.excStack.length);
    this.nat.returnValue();
    this.w(`RET = ${value}; ${code}`);
  }

  raiseVarargs(nArgs: number): void {
    const n = this.v.stackSize;
    const t = nArgs > 0 ? this.v.vtype(0) : VType.PyObj;
    this.nat.raiseVarargs(nArgs);
    if (nArgs === 0) this.w('rt.reraise(EXC);');
    else if (nArgs === 1) this.w(`rt.raise(${this.obj(n - 1, t)});`);
    else this.w(`rt.raise(S[${n - 2}], ${this.obj(n - 1, t)});`);
  }

  yield(kind: number): void {
    // viper has no generators: the native emitter raises NotImplementedError
    this.nat.yield(kind);
  }

  startExceptHandler(): void {
    const n = this.v.stackSize;
    this.nat.startExceptHandler();
    const outer = this.activeHandler();
    if (outer !== -1) this.w(`HPC = ${outer};`);
    this.w(`S[${n}] = EXC;`);
  }

  endExceptHandler(): void {
    this.nat.endExceptHandler();
  }
}
