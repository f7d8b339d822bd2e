// The native emitter's operations (upstream's emit_native_xxx functions, one method per compiler
// call): loads and stores, attributes and subscripts (typed pointer access in viper), stack
// shuffles, jumps, with/try, iteration, operators, builders, calls, return, raise and yield. The
// frame layout and the value-stack model they build on are in emit-native-base.ts.
import { CompileError } from '../errors.js';
import type { ConstValue } from '../parse-node.js';
import { type Scope, ScopeKind, SCOPE_FLAG_GENERATOR } from '../scope.js';
import { Tok } from '../tokens.js';
import {
  BREAK_FROM_FOR,
  type ExcStackEntry,
  ITER_BUF_NSLOTS,
  MP_OBJ_SENTINEL,
  NativeEmitterBase,
  nativeTypeFromName,
  OFFSETOF_CODE_STATE_SP,
  OFFSETOF_OBJ_FUN_BC_CONTEXT,
  SCOPE_FLAG_VIPERRET_POS,
  SKind,
  UNWIND_LABEL_DO_FINAL_UNWIND,
  UNWIND_LABEL_UNUSED,
  VM_RETURN_NORMAL,
  VM_RETURN_YIELD,
  VType,
  vtypeName,
} from './emit-native-base.js';
import type { Emitter } from './emitter-api.js';
import { FunId } from './funtable.js';

export { ID_FLAG_VIPER_TYPE_POS, nativeTypeFromName, type NativeErrorSink, SCOPE_FLAG_VIPERRET_POS } from './emit-native-base.js';

export class NativeEmitter extends NativeEmitterBase implements Emitter {
  // ---- names -----------------------------------------------------------------------------------

  import(q: string, kind: number): void {
    const R = this.R;
    if (kind === 0) {
      // fromlist and level must be objects even in viper code
      const viper = this.doViperTypes;
      this.doViperTypes = false;
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_3);
      this.doViperTypes = viper;
      this.callWithQstrArg(FunId.IMPORT_NAME, q, R.ARG_1);
      this.pushReg(VType.PyObj, R.RET);
    } else if (kind === 1) {
      this.accessStack(1, R.ARG_1);
      this.callWithQstrArg(FunId.IMPORT_FROM, q, R.ARG_2);
      this.pushReg(VType.PyObj, R.RET);
    } else {
      this.prePopReg(R.ARG_1);
      this.call(FunId.IMPORT_ALL);
    }
  }

  loadConstTok(tok: Tok): void {
    if (tok === Tok.ELLIPSIS) this.loadConstObj({ type: 'ellipsis' });
    else if (tok === Tok.KW_NONE) this.pushImm(VType.PtrNone, 0n);
    else this.pushImm(VType.Bool, tok === Tok.KW_FALSE ? 0n : 1n);
  }

  loadConstSmallInt(v: number | bigint): void {
    this.pushImm(VType.Int, BigInt(v));
  }

  loadConstStr(q: string): void {
    this.needRegSingle(this.R.TEMP0, 0);
    this.loadRegWithObject(this.R.TEMP0, { type: 'str', value: q });
    this.pushReg(VType.PyObj, this.R.TEMP0);
  }

  loadConstObj(v: ConstValue): void {
    this.needRegSingle(this.R.TEMP0, 0);
    this.loadRegWithObject(this.R.TEMP0, v);
    this.pushReg(VType.PyObj, this.R.TEMP0);
  }

  loadNull(): void {
    this.pushImm(VType.PyObj, 0n);
  }

  private loadFast(q: string, localNum: number): void {
    const vtype = this.localVtype[localNum] as VType;
    if (vtype === VType.Unbound) this.error(`local '${q}' used before type known`);
    if (localNum < this.maxRegLocals && this.canUseRegsForLocals()) {
      this.pushReg(vtype, this.regLocalTable[localNum] as number);
    } else {
      this.needRegSingle(this.R.TEMP0, 0);
      this.movRegState(this.R.TEMP0, this.idxLocalVar(localNum));
      this.pushReg(vtype, this.R.TEMP0);
    }
  }

  loadLocal(localNum: number, kind: number, qst = ''): void {
    if (kind === 0) {
      this.loadFast(qst, localNum);
      return;
    }
    // a cell: load it, then its contents (closed-over values are always objects)
    this.needRegSingle(this.R.RET, 0);
    this.loadFast(qst, localNum);
    const { reg } = this.prePopRegFlexible(this.R.RET, -1, -1);
    this.as.loadRegRegOffset(this.R.RET, reg, 1);
    this.pushReg(VType.PyObj, this.R.RET);
  }

  loadGlobal(q: string, kind: number): void {
    if (kind === 1 && this.doViperTypes) {
      // int(x), ptr8(x), ...: casts, resolved at compile time
      const t = nativeTypeFromName(q);
      if (t >= 1) {
        this.pushImm(VType.BuiltinCast, BigInt(t));
        return;
      }
    }
    this.callWithQstrArg(kind === 0 ? FunId.LOAD_NAME : FunId.LOAD_GLOBAL, q, this.R.ARG_1);
    this.pushReg(VType.PyObj, this.R.RET);
  }

  private storeFast(q: string, localNum: number): void {
    let vtype: VType;
    if (localNum < this.maxRegLocals && this.canUseRegsForLocals()) {
      vtype = this.prePopReg(this.regLocalTable[localNum] as number);
    } else {
      vtype = this.prePopReg(this.R.TEMP0);
      this.movStateReg(this.idxLocalVar(localNum), this.R.TEMP0);
    }
    const cur = this.localVtype[localNum] as VType;
    if (cur === VType.Unbound) {
      // the first store decides the local's type
      this.localVtype[localNum] = vtype;
    } else if (cur !== vtype) {
      this.error(`local '${q}' has type '${vtypeName(cur)}' but source is '${vtypeName(vtype)}'`);
    }
  }

  storeLocal(localNum: number, kind: number, qst = ''): void {
    if (kind === 0) {
      this.storeFast(qst, localNum);
      return;
    }
    const R = this.R;
    this.needRegSingle(R.TEMP0, 0);
    this.needRegSingle(R.TEMP1, 0);
    this.loadFast(qst, localNum);
    const base = this.prePopRegFlexible(R.TEMP0, -1, -1).reg;
    const src = this.prePopRegFlexible(R.TEMP1, base, base).reg;
    this.as.storeRegRegOffset(src, base, 1);
  }

  storeGlobal(q: string, kind: number): void {
    const R = this.R;
    if (kind === 0) {
      this.objectifyTop(1);
      this.prePopReg(R.ARG_2);
    } else {
      const vtype = this.peekVtype(0);
      if (vtype === VType.PyObj) {
        this.prePopReg(R.ARG_2);
      } else {
        this.prePopReg(R.ARG_1);
        this.callWithImmArg(FunId.CONVERT_NATIVE_TO_OBJ, BigInt(vtype), R.ARG_2);
        this.as.movRegReg(R.ARG_2, R.RET);
      }
    }
    this.callWithQstrArg(kind === 0 ? FunId.STORE_NAME : FunId.STORE_GLOBAL, q, R.ARG_1);
  }

  deleteLocal(localNum: number, kind: number, qst = ''): void {
    // deleting a fast local just stores None (so the GC can reclaim); cells are left alone
    if (kind === 0) {
      this.loadConstTok(Tok.KW_NONE);
      this.storeFast(qst, localNum);
    }
  }

  deleteGlobal(q: string, kind: number): void {
    this.callWithQstrArg(kind === 0 ? FunId.DELETE_NAME : FunId.DELETE_GLOBAL, q, this.R.ARG_1);
  }

  // ---- attributes, methods, subscripts ---------------------------------------------------------

  attr(q: string, kind: number): void {
    const R = this.R;
    // the base (TOS) must be an object; a stored value is converted below
    this.objectifyTop(1);
    if (kind === 0) {
      this.prePopReg(R.ARG_1);
      this.callWithQstrArg(FunId.LOAD_ATTR, q, R.ARG_2);
      this.pushReg(VType.PyObj, R.RET);
    } else if (kind === 1) {
      const vtypeVal = this.peekVtype(1);
      if (vtypeVal === VType.PyObj) {
        this.prePopReg(R.ARG_1);
        this.prePopReg(R.ARG_3);
      } else {
        const t = this.accessStack(2, R.ARG_1);
        this.callWithImmArg(FunId.CONVERT_NATIVE_TO_OBJ, BigInt(t), R.ARG_2);
        this.as.movRegReg(R.ARG_3, R.RET);
        this.prePopReg(R.ARG_1);
        this.adjustStack(-1);
      }
      this.callWithQstrArg(FunId.STORE_ATTR, q, R.ARG_2);
    } else {
      this.prePopReg(R.ARG_1);
      this.as.clrReg(R.ARG_3);
      this.callWithQstrArg(FunId.STORE_ATTR, q, R.ARG_2);
    }
  }

  loadMethod(q: string, isSuper: boolean): void {
    const R = this.R;
    if (isSuper) {
      this.stackPointerForPop(R.ARG_2, 3);
      this.stackPointerForPush(R.ARG_2, 2);
      this.callWithQstrArg(FunId.LOAD_SUPER_METHOD, q, R.ARG_1);
    } else {
      this.objectifyTop(1);
      this.prePopReg(R.ARG_1);
      this.stackPointerForPush(R.ARG_3, 2);
      this.callWithQstrArg(FunId.LOAD_METHOD, q, R.ARG_2);
    }
  }

  loadBuildClass(): void {
    this.call(FunId.LOAD_BUILD_CLASS);
    this.pushReg(VType.PyObj, this.R.RET);
  }

  subscr(kind: number): void {
    if (kind === 0) this.loadSubscr();
    else if (kind === 1) this.storeSubscr();
    else {
      const R = this.R;
      this.objectifyTop(2);
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_1);
      this.callWithImmArg(FunId.OBJ_SUBSCR, 0n, R.ARG_3);
    }
  }

  private loadSubscr(): void {
    const R = this.R;
    const as = this.as;
    let vtypeBase = this.peekVtype(1);
    if (vtypeBase === VType.PyObj) {
      const vtypeIndex = this.peekVtype(0);
      if (vtypeIndex === VType.PyObj) {
        this.prePopReg(R.ARG_2);
      } else {
        this.prePopReg(R.ARG_1);
        this.callWithImmArg(FunId.CONVERT_NATIVE_TO_OBJ, BigInt(vtypeIndex), R.ARG_2);
        as.movRegReg(R.ARG_2, R.RET);
      }
      this.prePopReg(R.ARG_1);
      this.callWithImmArg(FunId.OBJ_SUBSCR, MP_OBJ_SENTINEL, R.ARG_3);
      this.pushReg(VType.PyObj, R.RET);
      return;
    }
    // viper: a load through a typed pointer
    const top = this.peek(0);
    if (top.vtype === VType.Int && top.kind === SKind.Imm) {
      const index = Number(top.imm);
      this.prePopDiscard();
      const p = this.prePopRegFlexible(R.ARG_1, R.ARG_2, R.ARG_2);
      vtypeBase = p.vtype;
      this.needRegSingle(R.RET, 0);
      // without an offset form: base + scaled index into the index register, then load from it
      const viaIndex = (scale: number): number => {
        if (index === 0) return p.reg;
        this.needRegSingle(R.ARG_2, 0);
        as.movRegImm(R.ARG_2, BigInt(index * scale));
        as.addRegReg(R.ARG_2, p.reg);
        return R.ARG_2;
      };
      switch (vtypeBase) {
        case VType.Ptr8:
          if (as.load8RegRegOffset) as.load8RegRegOffset(R.RET, p.reg, index);
          else as.load8RegReg(R.RET, viaIndex(1));
          break;
        case VType.Ptr16:
          as.load16RegRegOffset(R.RET, p.reg, index);
          break;
        case VType.Ptr32:
          if (as.load32RegRegOffset) as.load32RegRegOffset(R.RET, p.reg, index);
          else as.load32RegReg(R.RET, viaIndex(4));
          break;
        default:
          this.error(`can't load from '${vtypeName(vtypeBase)}'`);
      }
    } else {
      const idx = this.prePopRegFlexible(R.ARG_2, R.ARG_1, R.ARG_1);
      vtypeBase = this.prePopReg(R.ARG_1);
      this.needRegSingle(R.RET, 0);
      if (idx.vtype !== VType.Int && idx.vtype !== VType.Uint) {
        this.error(`can't load with '${vtypeName(idx.vtype)}' index`);
      }
      // without indexed addressing the scaled index is added to the base, one add per byte of size
      switch (vtypeBase) {
        case VType.Ptr8:
          if (as.load8RegRegReg) as.load8RegRegReg(R.RET, R.ARG_1, idx.reg);
          else {
            as.addRegReg(R.ARG_1, idx.reg);
            as.load8RegReg(R.RET, R.ARG_1);
          }
          break;
        case VType.Ptr16:
          if (as.load16RegRegReg) as.load16RegRegReg(R.RET, R.ARG_1, idx.reg);
          else {
            for (let i = 0; i < 2; i++) as.addRegReg(R.ARG_1, idx.reg);
            as.load16RegReg(R.RET, R.ARG_1);
          }
          break;
        case VType.Ptr32:
          if (as.load32RegRegReg) as.load32RegRegReg(R.RET, R.ARG_1, idx.reg);
          else {
            for (let i = 0; i < 4; i++) as.addRegReg(R.ARG_1, idx.reg);
            as.load32RegReg(R.RET, R.ARG_1);
          }
          break;
        default:
          this.error(`can't load from '${vtypeName(vtypeBase)}'`);
      }
    }
    this.pushReg(VType.Int, R.RET);
  }

  private storeSubscr(): void {
    const R = this.R;
    const as = this.as;
    let vtypeBase = this.peekVtype(1);
    if (vtypeBase === VType.PyObj) {
      const vtypeIndex = this.peekVtype(0);
      const vtypeValue = this.peekVtype(2);
      if (vtypeIndex !== VType.PyObj || vtypeValue !== VType.PyObj) {
        // convert the typed operands in place, then pop them as objects
        this.stackPointerForPop(R.ARG_1, 3);
        this.adjustStack(3);
      }
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_1);
      this.prePopReg(R.ARG_3);
      this.call(FunId.OBJ_SUBSCR);
      return;
    }
    const top = this.peek(0);
    if (top.vtype === VType.Int && top.kind === SKind.Imm) {
      const index = Number(top.imm);
      this.prePopDiscard();
      const regIndex = R.ARG_2;
      let regValue = R.ARG_3;
      const b = this.prePopRegFlexible(R.ARG_1, regIndex, regValue);
      vtypeBase = b.vtype;
      let vtypeValue: VType;
      if (this.as.storeValueInFixedReg) {
        vtypeValue = this.prePopReg(regValue);
      } else {
        const v = this.prePopRegFlexible(regValue, b.reg, regIndex);
        vtypeValue = v.vtype;
        regValue = v.reg;
      }
      if (vtypeValue !== VType.Bool && vtypeValue !== VType.Int && vtypeValue !== VType.Uint) {
        this.error(`can't store '${vtypeName(vtypeValue)}'`);
      }
      // without an offset form: base + scaled index into the index register, then store there
      const viaIndex = (scale: number): number => {
        if (index === 0) return b.reg;
        as.movRegImm(regIndex, BigInt(index * scale));
        as.addRegReg(regIndex, b.reg);
        return regIndex;
      };
      switch (vtypeBase) {
        case VType.Ptr8:
          if (as.store8RegRegOffset) as.store8RegRegOffset(regValue, b.reg, index);
          else as.store8RegReg(regValue, viaIndex(1));
          break;
        case VType.Ptr16:
          if (as.store16RegRegOffset) as.store16RegRegOffset(regValue, b.reg, index);
          else as.store16RegReg(regValue, viaIndex(2));
          break;
        case VType.Ptr32:
          if (as.store32RegRegOffset) as.store32RegRegOffset(regValue, b.reg, index);
          else as.store32RegReg(regValue, viaIndex(4));
          break;
        default:
          this.error(`can't store to '${vtypeName(vtypeBase)}'`);
      }
    } else {
      let regValue = R.ARG_3;
      const idx = this.prePopRegFlexible(R.ARG_2, R.ARG_1, regValue);
      vtypeBase = this.prePopReg(R.ARG_1);
      if (idx.vtype !== VType.Int && idx.vtype !== VType.Uint) {
        this.error(`can't store with '${vtypeName(idx.vtype)}' index`);
      }
      let vtypeValue: VType;
      if (this.as.storeValueInFixedReg) {
        vtypeValue = this.prePopReg(regValue);
      } else {
        const v = this.prePopRegFlexible(regValue, R.ARG_1, idx.reg);
        vtypeValue = v.vtype;
        regValue = v.reg;
      }
      if (vtypeValue !== VType.Bool && vtypeValue !== VType.Int && vtypeValue !== VType.Uint) {
        this.error(`can't store '${vtypeName(vtypeValue)}'`);
      }
      switch (vtypeBase) {
        case VType.Ptr8:
          if (as.store8RegRegReg) as.store8RegRegReg(regValue, R.ARG_1, idx.reg);
          else {
            as.addRegReg(R.ARG_1, idx.reg);
            as.store8RegReg(regValue, R.ARG_1);
          }
          break;
        case VType.Ptr16:
          if (as.store16RegRegReg) as.store16RegRegReg(regValue, R.ARG_1, idx.reg);
          else {
            for (let i = 0; i < 2; i++) as.addRegReg(R.ARG_1, idx.reg);
            as.store16RegReg(regValue, R.ARG_1);
          }
          break;
        case VType.Ptr32:
          if (as.store32RegRegReg) as.store32RegRegReg(regValue, R.ARG_1, idx.reg);
          else {
            for (let i = 0; i < 4; i++) as.addRegReg(R.ARG_1, idx.reg);
            as.store32RegReg(regValue, R.ARG_1);
          }
          break;
        default:
          this.error(`can't store to '${vtypeName(vtypeBase)}'`);
      }
    }
  }

  // ---- stack shuffles --------------------------------------------------------------------------

  dupTop(): void {
    const { vtype, reg } = this.prePopRegFlexible(this.R.TEMP0, -1, -1);
    this.pushReg(vtype, reg);
    this.pushReg(vtype, reg);
  }

  dupTopTwo(): void {
    const R = this.R;
    const t0 = this.prePopReg(R.TEMP0);
    const t1 = this.prePopReg(R.TEMP1);
    this.pushReg(t1, R.TEMP1);
    this.pushReg(t0, R.TEMP0);
    this.pushReg(t1, R.TEMP1);
    this.pushReg(t0, R.TEMP0);
  }

  popTop(): void {
    this.prePopDiscard();
  }

  rotTwo(): void {
    const R = this.R;
    const t0 = this.prePopReg(R.TEMP0);
    const t1 = this.prePopReg(R.TEMP1);
    this.pushReg(t0, R.TEMP0);
    this.pushReg(t1, R.TEMP1);
  }

  rotThree(): void {
    const R = this.R;
    const t0 = this.prePopReg(R.TEMP0);
    const t1 = this.prePopReg(R.TEMP1);
    const t2 = this.prePopReg(R.TEMP2);
    this.pushReg(t0, R.TEMP0);
    this.pushReg(t2, R.TEMP2);
    this.pushReg(t1, R.TEMP1);
  }

  // ---- jumps -----------------------------------------------------------------------------------

  jump(label: number): void {
    this.needStackSettled();
    this.as.jump(label);
    this.as.suppressCode();
  }

  private jumpHelper(cond: boolean, label: number, pop: boolean): void {
    const R = this.R;
    let vtype = this.peekVtype(0);
    if (vtype === VType.PyObj) {
      this.prePopReg(R.ARG_1);
      if (!pop) this.adjustStack(1);
      this.call(FunId.OBJ_IS_TRUE);
    } else {
      vtype = this.prePopReg(R.RET);
      if (!pop) this.adjustStack(1);
      if (!(vtype === VType.Bool || vtype === VType.Int || vtype === VType.Uint)) {
        this.error(`can't implicitly convert '${vtypeName(vtype)}' to 'bool'`);
      }
    }
    // the kept value's type, for adjustStackSize at the jump target
    if (!pop) this.savedStackVtype = vtype;
    this.needStackSettled();
    if (cond) this.as.jumpIfRegNonzero(R.RET, label, vtype === VType.PyObj);
    else this.as.jumpIfRegZero(R.RET, label, vtype === VType.PyObj);
    if (!pop) this.adjustStack(-1);
  }

  popJumpIf(cond: boolean, label: number): void {
    this.jumpHelper(cond, label, true);
  }

  jumpIfOrPop(cond: boolean, label: number): void {
    this.jumpHelper(cond, label, false);
  }

  unwindJump(label: number, exceptDepth: number): void {
    const R = this.R;
    if (exceptDepth > 0) {
      let firstFinally: ExcStackEntry | undefined;
      let prevFinally: ExcStackEntry | undefined;
      let i = this.excStack.length - 1;
      for (; exceptDepth > 0; exceptDepth--, i--) {
        const e = this.excStack[i] as ExcStackEntry;
        if (e.isFinally && e.isActive) {
          firstFinally ??= e;
          // the previous finally must continue the unwind to this one
          if (prevFinally !== undefined) prevFinally.unwindLabel = e.label;
          prevFinally = e;
        }
      }
      if (prevFinally === undefined) {
        // no finally in the way: restore the handler PC of the block jumped to, then jump
        const e = this.excStack[i];
        if (e === undefined) this.as.clrReg(R.RET);
        else this.as.movRegPcrel(R.RET, e.label);
        this.as.movLocalReg(this.idxExcHandlerPc, R.RET);
      } else {
        // the outermost finally makes the final jump; go through the innermost one first
        prevFinally.unwindLabel = UNWIND_LABEL_DO_FINAL_UNWIND;
        this.as.movRegPcrel(R.RET, label & ~BREAK_FROM_FOR);
        this.as.movLocalReg(this.idxExcHandlerUnwind, R.RET);
        // cancel any active exception (see popExceptJump)
        this.as.movRegImm(R.RET, 0n);
        this.as.movLocalReg(this.idxExcVal, R.RET);
        label = (firstFinally as ExcStackEntry).label;
      }
    }
    this.jump(label & ~BREAK_FROM_FOR);
  }

  // ---- with / try --------------------------------------------------------------------------------

  setupBlock(label: number, kind: number): void {
    if (kind === 0) {
      this.setupWith(label);
    } else {
      this.needStackSettled();
      this.pushExcStack(label, kind === 2);
    }
  }

  private setupWith(label: number): void {
    const R = this.R;
    // stack: (..., ctx_mgr)
    this.objectifyTop(1);
    this.accessStack(1, R.ARG_1);
    this.stackPointerForPush(R.ARG_3, 2);
    this.callWithQstrArg(FunId.LOAD_METHOD, '__exit__', R.ARG_2);
    // stack: (..., ctx_mgr, __exit__, self)
    this.prePopReg(R.ARG_3);
    this.prePopReg(R.ARG_2);
    const vtype = this.prePopReg(R.ARG_1);
    this.pushReg(vtype, R.ARG_2);
    this.pushReg(vtype, R.ARG_3);
    // stack: (..., __exit__, self); REG_ARG_1 = ctx_mgr
    this.stackPointerForPush(R.ARG_3, 2);
    this.callWithQstrArg(FunId.LOAD_METHOD, '__enter__', R.ARG_2);
    this.stackPointerForPop(R.ARG_3, 2);
    this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW, 0n, R.ARG_1, 0n, R.ARG_2);
    this.pushReg(VType.PyObj, R.RET);
    // stack: (..., __exit__, self, as_value)
    this.needStackSettled();
    this.pushExcStack(label, true);
    this.dupTop();
  }

  withCleanup(label: number): void {
    const R = this.R;
    const as = this.as;
    const slot = this.labelSlot();
    // stack: (..., __exit__, self, as_value)
    this.leaveExcStack(false);
    this.adjustStack(-1);
    // an unwind jump through the with block calls __exit__ from here
    this.labelAssign(slot + 2);
    this.pushImm(VType.PtrNone, 0n);
    this.pushImm(VType.PtrNone, 0n);
    this.pushImm(VType.PtrNone, 0n);
    this.stackPointerForPop(R.ARG_3, 5);
    this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW, 3n, R.ARG_1, 0n, R.ARG_2);
    this.jump(slot);

    // the exception handler: not a real finally label, so no stack settling
    as.labelAssign(label);
    this.leaveExcStack(true);
    // __exit__ and self (the as_value above them is dropped)
    this.adjustStackSize(2);
    as.movRegLocal(R.ARG_1, this.idxExcVal);
    as.jumpIfRegZero(R.ARG_1, slot + 2, false);
    as.loadRegRegOffset(R.ARG_2, R.ARG_1, 0);
    this.pushReg(VType.PyObj, R.ARG_2);
    this.pushReg(VType.PyObj, R.ARG_1);
    this.pushImm(VType.PtrNone, 0n);
    // stack: (..., __exit__, self, type(exc), exc, traceback)
    this.stackPointerForPop(R.ARG_3, 5);
    this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW, 3n, R.ARG_1, 0n, R.ARG_2);
    // a true result swallows the exception
    if (R.ARG_1 !== R.RET) as.movRegReg(R.ARG_1, R.RET);
    this.call(FunId.OBJ_IS_TRUE);
    as.jumpIfRegZero(R.RET, slot + 1, true);
    this.labelAssign(slot);
    this.movLocalNull(this.idxExcVal, R.TEMP0);
    this.labelAssign(slot + 1);
    // the exception (or NULL) stays in nlr_buf.ret_val
    this.adjustStack(1);
  }

  asyncWithSetupFinally(labelAexitNoExc: number, labelFinallyBlock: number, labelRetUnwindJump: number): void {
    const R = this.R;
    // Stack: (..., ctx_mgr); make it look like the path at labelAexitNoExc expects
    this.adjustStackSize(1);
    this.rotTwo();
    this.loadConstTok(Tok.KW_NONE);
    this.rotTwo();
    // Stack: (..., <dummy>, None, ctx_mgr)
    this.jump(labelAexitNoExc);
    this.adjustStackSize(-1);
    // the finally block, entered by an exception, a return or an unwind jump
    this.labelAssign(labelFinallyBlock);
    this.prePopDiscard();
    this.as.movRegLocal(R.ARG_1, this.idxExcVal);
    this.pushReg(VType.PyObj, R.ARG_1);
    this.as.jumpIfRegZero(R.ARG_1, labelRetUnwindJump, false);
  }

  endFinally(): void {
    const R = this.R;
    const as = this.as;
    // raise the pending exception, if any (mp_native_raise ignores NULL and None)
    this.prePopDiscard();
    const top = this.excStack[this.excStack.length - 1];
    if (top?.savesReraise === true && this.handlerDepth <= this.reraiseSlots) {
      // a scope with a bare `raise` kept the value at the finally's entry, which an except handler
      // inside the finally cannot clear (upstream reads nlr_buf.ret_val and loses it then)
      this.movRegState(R.ARG_1, this.reraiseSlot(this.handlerDepth - 1));
    } else {
      as.movRegLocal(R.ARG_1, this.idxExcVal);
    }
    this.call(FunId.NATIVE_RAISE);
    const e = this.popExcStack();
    // the end of a finally region entered through labelAssign (see there)
    if (e.savesReraise === true) this.handlerDepth--;
    if (e.unwindLabel !== UNWIND_LABEL_UNUSED) {
      const slot = this.labelSlot();
      as.movRegLocal(R.RET, this.idxExcHandlerUnwind);
      as.jumpIfRegZero(R.RET, slot, false);
      if (e.unwindLabel === UNWIND_LABEL_DO_FINAL_UNWIND) as.jumpReg(R.RET);
      else this.jump(e.unwindLabel);
      this.labelAssign(slot);
    }
  }

  // ---- iteration -------------------------------------------------------------------------------

  getIter(useStack: boolean): void {
    const R = this.R;
    this.objectifyTop(1);
    this.prePopReg(R.ARG_1);
    if (useStack) {
      this.stackPointerForPush(R.ARG_2, ITER_BUF_NSLOTS);
      this.call(FunId.NATIVE_GETITER);
    } else {
      // the iterator buffer is then allocated on the heap
      this.as.movRegImm(R.ARG_2, 0n);
      this.call(FunId.NATIVE_GETITER);
      this.pushReg(VType.PyObj, R.RET);
    }
  }

  forIter(label: number): void {
    const R = this.R;
    this.stackPointerForPop(R.ARG_1, ITER_BUF_NSLOTS);
    this.adjustStack(ITER_BUF_NSLOTS);
    this.call(FunId.NATIVE_ITERNEXT);
    // MP_OBJ_STOP_ITERATION is NULL
    this.as.jumpIfRegZero(R.RET, label, false);
    this.pushReg(VType.PyObj, R.RET);
  }

  forIterEnd(): void {
    this.adjustStack(-ITER_BUF_NSLOTS);
  }

  popExceptJump(label: number, withinExcHandler = false): void {
    if (withinExcHandler) this.movLocalNull(this.idxExcVal, this.R.TEMP0);
    else this.leaveExcStack(false);
    this.jump(label);
  }

  // ---- operators -------------------------------------------------------------------------------

  unaryOp(op: number): void {
    const R = this.R;
    let vtype = this.peekVtype(0);
    if (vtype === VType.Int || vtype === VType.Uint) {
      if (op === 0) {
        // +x: nothing to do
      } else if (op === 1) {
        const p = this.prePopRegFlexible(R.RET, R.RET, R.RET);
        this.as.negReg(p.reg);
        this.pushReg(p.vtype, p.reg);
      } else if (op === 2) {
        if (this.as.notReg) {
          const p = this.prePopRegFlexible(R.RET, R.RET, R.RET);
          this.as.notReg(p.reg);
          this.pushReg(p.vtype, p.reg);
        } else {
          // x ^ -1
          const p = this.prePopRegFlexible(R.RET, R.ARG_1, R.RET);
          this.as.movRegImm(R.ARG_1, -1n);
          this.as.xorRegReg(p.reg, R.ARG_1);
          this.pushReg(p.vtype, p.reg);
        }
      } else {
        this.error("'not' not implemented");
      }
    } else if (vtype === VType.PyObj) {
      vtype = this.prePopReg(R.ARG_2);
      this.callWithImmArg(FunId.UNARY_OP, BigInt(op), R.ARG_1);
      this.pushReg(VType.PyObj, R.RET);
    } else {
      this.error(`can't do unary op of '${vtypeName(vtype)}'`);
    }
  }

  binaryOp(op: number): void {
    const R = this.R;
    const as = this.as;
    let vtypeLhs = this.peekVtype(1);
    let vtypeRhs = this.peekVtype(0);
    const isIntLike = (t: VType): boolean => t === VType.Int || t === VType.Uint;
    if (isIntLike(vtypeLhs) && isIntLike(vtypeRhs)) {
      // for integers the in-place ops are the plain ops
      if (op >= 9 && op <= 21) op += 22 - 9;
      const OR = 22, XOR = 23, AND = 24, LSHIFT = 25, RSHIFT = 26, ADD = 27, SUB = 28, MUL = 29;
      const FLOORDIV = 31, MOD = 33;
      if ((op === LSHIFT || op === RSHIFT) && as.shiftCountReg !== undefined) {
        vtypeRhs = this.prePopReg(as.shiftCountReg);
        vtypeLhs = this.prePopReg(R.RET);
        if (op === LSHIFT) as.lslReg(R.RET);
        else if (vtypeLhs === VType.Uint) as.lsrReg(R.RET);
        else as.asrReg(R.RET);
        this.pushReg(vtypeLhs, R.RET);
        return;
      }
      if (op === FLOORDIV || op === MOD) {
        vtypeRhs = this.prePopReg(R.ARG_2);
        vtypeLhs = this.prePopReg(R.ARG_1);
        if (vtypeLhs !== VType.Int) this.error('div/mod not implemented for uint');
        this.call(op === FLOORDIV ? FunId.SMALL_INT_FLOOR_DIVIDE : FunId.SMALL_INT_MODULO);
        this.pushReg(VType.Int, R.RET);
        return;
      }
      const rhs = this.prePopRegFlexible(R.ARG_3, R.RET, R.ARG_2);
      vtypeRhs = rhs.vtype;
      vtypeLhs = this.prePopReg(R.ARG_2);
      const regRhs = rhs.reg;
      if (op === LSHIFT || op === RSHIFT) {
        // architectures that shift by any register (x86/x64 took the CL path above)
        const shift = op === LSHIFT ? as.lslRegReg : vtypeLhs === VType.Uint ? as.lsrRegReg : as.asrRegReg;
        if (shift === undefined) throw new Error('internal: the assembler has no register shifts');
        shift.call(as, R.ARG_2, regRhs);
        this.pushReg(vtypeLhs, R.ARG_2);
        return;
      }
      if (op === OR) as.orRegReg(R.ARG_2, regRhs);
      else if (op === XOR) as.xorRegReg(R.ARG_2, regRhs);
      else if (op === AND) as.andRegReg(R.ARG_2, regRhs);
      else if (op === ADD) as.addRegReg(R.ARG_2, regRhs);
      else if (op === SUB) as.subRegReg(R.ARG_2, regRhs);
      else if (op === MUL) as.mulRegReg(R.ARG_2, regRhs);
      else if (op <= 5) {
        if (vtypeLhs !== vtypeRhs) this.error('comparison of int and uint');
        const opIdx = op + (vtypeLhs === VType.Uint ? 0 : 6);
        this.needRegSingle(R.RET, 0);
        as.setccRegRegReg(opIdx, R.RET, R.ARG_2, regRhs);
        this.pushReg(VType.Bool, R.RET);
        return;
      } else {
        // other operators are not implemented for native integers (the op's name is unknown to
        // mpy-cross, hence the empty name in the message)
        this.adjustStack(1);
        this.error('binary op  not implemented');
        return;
      }
      this.pushReg(vtypeLhs, R.ARG_2);
    } else if (vtypeLhs === VType.PyObj && vtypeRhs === VType.PyObj) {
      this.prePopReg(R.ARG_3);
      this.prePopReg(R.ARG_2);
      let invert = false;
      if (op === 100) {
        invert = true;
        op = 6;
      } else if (op === 101) {
        invert = true;
        op = 7;
      }
      this.callWithImmArg(FunId.BINARY_OP, BigInt(op), R.ARG_1);
      if (invert) {
        as.movRegReg(R.ARG_2, R.RET);
        this.callWithImmArg(FunId.UNARY_OP, 3n, R.ARG_1);
      }
      this.pushReg(VType.PyObj, R.RET);
    } else {
      this.adjustStack(-1);
      this.error(`can't do binary op between '${vtypeName(vtypeLhs)}' and '${vtypeName(vtypeRhs)}'`);
    }
  }

  // ---- builders --------------------------------------------------------------------------------

  build(n: number, kind: number): void {
    const R = this.R;
    if (kind === 4) {
      this.buildSlice(n);
      return;
    }
    if (kind === 0 || kind === 1 || kind === 3) this.stackPointerForPop(R.ARG_2, n);
    this.callWithImmArg(FunId.BUILD_TUPLE + kind, BigInt(n), R.ARG_1);
    this.pushReg(VType.PyObj, R.RET);
  }

  private buildSlice(n: number): void {
    const R = this.R;
    this.objectifyTop(n);
    if (n === 2) {
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_1);
      this.movRegConst(R.ARG_3, FunId.CONST_NONE_OBJ);
    } else {
      this.prePopReg(R.ARG_3);
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_1);
    }
    this.call(FunId.NEW_SLICE);
    this.pushReg(VType.PyObj, R.RET);
  }

  storeMap(): void {
    const R = this.R;
    this.objectifyTop(3);
    this.prePopReg(R.ARG_2);
    this.prePopReg(R.ARG_3);
    this.prePopReg(R.ARG_1);
    this.call(FunId.STORE_MAP);
    this.pushReg(VType.PyObj, R.RET);
  }

  storeComp(kind: ScopeKind, collectionStackIndex: number): void {
    const R = this.R;
    let f: FunId;
    this.objectifyTop(kind === ScopeKind.DictComp ? 2 : 1);
    if (kind === ScopeKind.ListComp) {
      this.prePopReg(R.ARG_2);
      f = FunId.LIST_APPEND;
    } else if (kind === ScopeKind.SetComp) {
      this.prePopReg(R.ARG_2);
      f = FunId.STORE_SET;
    } else {
      this.prePopReg(R.ARG_2);
      this.prePopReg(R.ARG_3);
      f = FunId.STORE_MAP;
    }
    this.accessStack(collectionStackIndex, R.ARG_1);
    this.call(f);
  }

  unpackSequence(n: number): void {
    const R = this.R;
    this.objectifyTop(1);
    this.prePopReg(R.ARG_1);
    this.stackPointerForPush(R.ARG_3, n);
    this.callWithImmArg(FunId.UNPACK_SEQUENCE, BigInt(n), R.ARG_2);
  }

  unpackEx(nLeft: number, nRight: number): void {
    const R = this.R;
    this.objectifyTop(1);
    this.prePopReg(R.ARG_1);
    this.stackPointerForPush(R.ARG_3, nLeft + nRight + 1);
    this.callWithImmArg(FunId.UNPACK_EX, BigInt(nLeft | (nRight << 8)), R.ARG_2);
  }

  // ---- functions and calls ---------------------------------------------------------------------

  makeFunction(child: Scope, nPosDefaults: number, nKwDefaults: number): void {
    const R = this.R;
    this.movRegState(R.ARG_2, this.idxFunObj);
    this.as.loadRegRegOffset(R.ARG_2, R.ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
    if (nPosDefaults === 0 && nKwDefaults === 0) {
      this.needRegAll();
      this.as.movRegImm(R.ARG_3, 0n);
    } else {
      this.stackPointerForPop(R.ARG_3, 2);
      this.needRegAll();
    }
    this.loadRegWithChild(R.ARG_1, child);
    this.as.callInd(FunId.MAKE_FUNCTION_FROM_PROTO_FUN);
    this.pushReg(VType.PyObj, R.RET);
  }

  makeClosure(child: Scope, nClosedOver: number, nPosDefaults: number, nKwDefaults: number): void {
    const R = this.R;
    const hasDefaults = nPosDefaults !== 0 || nKwDefaults !== 0;
    this.movRegState(R.ARG_2, this.idxFunObj);
    this.as.loadRegRegOffset(R.ARG_2, R.ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
    if (!hasDefaults) {
      this.needRegAll();
      this.as.movRegImm(R.ARG_3, 0n);
    } else {
      // the defaults are below the closed-over values
      this.stackPointerForPop(R.ARG_3, 2 + nClosedOver);
      this.adjustStack(2 + nClosedOver);
      this.needRegAll();
    }
    this.loadRegWithChild(R.ARG_1, child);
    this.as.callInd(FunId.MAKE_FUNCTION_FROM_PROTO_FUN);
    if (R.ARG_1 !== R.RET) this.as.movRegReg(R.ARG_1, R.RET);
    this.as.movRegImm(R.ARG_2, BigInt(nClosedOver));
    this.stackPointerForPop(R.ARG_3, nClosedOver);
    if (hasDefaults) this.adjustStack(-2);
    this.as.callInd(FunId.NEW_CLOSURE);
    this.pushReg(VType.PyObj, R.RET);
  }

  callFunction(nPositional: number, nKeyword: number, starFlags: number): void {
    const R = this.R;
    const vtypeFun = this.peekVtype(nPositional + 2 * nKeyword);
    if (vtypeFun === VType.BuiltinCast) {
      // a viper cast: int(x), ptr8(x), ...
      const vtypeCast = Number(this.peek(1).imm) as VType;
      switch (this.peekVtype(0)) {
        case VType.PyObj:
          this.prePopReg(R.ARG_1);
          this.prePopDiscard();
          this.callWithImmArg(FunId.CONVERT_OBJ_TO_NATIVE, BigInt(vtypeCast), R.ARG_2);
          this.pushReg(vtypeCast, R.RET);
          break;
        case VType.Bool:
        case VType.Int:
        case VType.Uint:
        case VType.Ptr:
        case VType.Ptr8:
        case VType.Ptr16:
        case VType.Ptr32:
        case VType.PtrNone:
          this.foldStackTop(R.ARG_1);
          this.peek(0).vtype = vtypeCast;
          break;
        default:
          // a cast of a cast: int(int)
          throw new CompileError('NotImplementedError', 'casting', undefined, undefined);
      }
      return;
    }
    if (starFlags) {
      this.stackPointerForPop(R.ARG_3, nPositional + 2 * nKeyword + 2);
      this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW_VAR, 0n, R.ARG_1, BigInt(nPositional | (nKeyword << 8)), R.ARG_2);
    } else {
      // calling a typed value (e.g. an int): box it like the arguments
      if (vtypeFun !== VType.PyObj) this.objectifyTop(nPositional + 2 * nKeyword + 1);
      if (nPositional !== 0 || nKeyword !== 0) this.stackPointerForPop(R.ARG_3, nPositional + 2 * nKeyword);
      this.prePopReg(R.ARG_1);
      this.callWithImmArg(FunId.NATIVE_CALL_FUNCTION_N_KW, BigInt(nPositional | (nKeyword << 8)), R.ARG_2);
    }
    this.pushReg(VType.PyObj, R.RET);
  }

  callMethod(nPositional: number, nKeyword: number, starFlags: number): void {
    const R = this.R;
    if (starFlags) {
      this.stackPointerForPop(R.ARG_3, nPositional + 2 * nKeyword + 3);
      this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW_VAR, 1n, R.ARG_1, BigInt(nPositional | (nKeyword << 8)), R.ARG_2);
    } else {
      this.stackPointerForPop(R.ARG_3, 2 + nPositional + 2 * nKeyword);
      this.callWith2ImmArgs(FunId.CALL_METHOD_N_KW, BigInt(nPositional), R.ARG_1, BigInt(nKeyword), R.ARG_2);
    }
    this.pushReg(VType.PyObj, R.RET);
  }

  returnValue(): void {
    const R = this.R;
    const as = this.as;
    if (this.isGenerator) {
      // the caller finds the return value through code_state.sp
      this.stackPointerForPop(R.TEMP0, 1);
      this.movStateReg(OFFSETOF_CODE_STATE_SP, R.TEMP0);
      as.movRegImm(R.TEMP0, VM_RETURN_NORMAL);
      as.movLocalReg(this.idxRetVal, R.TEMP0);
      this.unwindJump(this.exitLabel, this.excStack.length);
      return;
    }
    if (this.doViperTypes) {
      const retType = ((this.scope.scopeFlags >> SCOPE_FLAG_VIPERRET_POS) & 7) as VType;
      if (this.peekVtype(0) === VType.PtrNone) {
        this.prePopDiscard();
        if (retType === VType.PyObj) this.movRegConst(R.PARENT_RET, FunId.CONST_NONE_OBJ);
        else as.movRegImm(R.ARG_1, 0n);
      } else {
        const vtype = this.prePopReg(retType === VType.PyObj ? R.PARENT_RET : R.ARG_1);
        if (vtype !== retType) this.error(`return expected '${vtypeName(retType)}' but got '${vtypeName(vtype)}'`);
      }
      if (retType !== VType.PyObj) {
        this.callWithImmArg(FunId.CONVERT_NATIVE_TO_OBJ, BigInt(retType), R.ARG_2);
        if (R.RET !== R.PARENT_RET) as.movRegReg(R.PARENT_RET, R.RET);
      }
    } else {
      this.prePopReg(R.PARENT_RET);
    }
    if (this.needGlobalExcHandler()) as.movLocalReg(this.idxRetVal, R.PARENT_RET);
    this.unwindJump(this.exitLabel, this.excStack.length);
  }

  raiseVarargs(nArgs: number): void {
    const R = this.R;
    if (nArgs === 2) {
      // `raise X from Y`: MicroPython does not chain exceptions, the cause is dropped (as the VM
      // does); mpy-cross 1.28 aborts here instead
      this.prePopDiscard();
    }
    if (nArgs === 0) {
      // bare `raise` (mpy-cross 1.28 aborts on it): re-raise the exception of the innermost handler
      // being run, saved by startExceptHandler; outside handlers raise RuntimeError as the VM does
      this.reraiseScopes.add(this.scope);
      if (this.handlerDepth > 0 && this.handlerDepth <= this.reraiseSlots) {
        // innermost first; a finally entered without an exception holds None (mp_native_raise
        // returns), so the search goes on outwards
        this.needRegAll();
        for (let d = this.handlerDepth - 1; d >= 0; d--) {
          this.movRegState(R.ARG_1, this.reraiseSlot(d));
          this.as.callInd(FunId.NATIVE_RAISE);
        }
      }
      this.loadGlobal('RuntimeError', 1);
      this.loadConstStr('no active exception to reraise');
      this.callFunction(1, 0, 0);
    }
    const vtype = this.prePopReg(R.ARG_1);
    if (vtype !== VType.PyObj) this.error('must raise an object');
    this.call(FunId.NATIVE_RAISE);
    this.as.suppressCode();
  }

  yield(kind: number): void {
    const R = this.R;
    const as = this.as;
    const slot = this.labelSlot();
    if (this.doViperTypes) throw new CompileError('NotImplementedError', 'native yield', undefined, undefined);
    this.scope.scopeFlags |= SCOPE_FLAG_GENERATOR;
    this.needStackSettled();

    if (kind === 1) {
      // yield from: a loop `for item in delegate: yield item`, entered at its bottom
      this.jump(slot + 2);
      this.labelAssign(slot + 1);
    }

    // the caller finds the yielded value through code_state.sp
    this.stackPointerForPop(R.TEMP0, 1);
    this.movStateReg(OFFSETOF_CODE_STATE_SP, R.TEMP0);
    as.movRegImm(R.TEMP0, VM_RETURN_YIELD);
    as.movLocalReg(this.idxRetVal, R.TEMP0);
    // resume at `slot` next time
    as.movRegPcrel(R.TEMP0, slot);
    this.movStateReg(this.idxGenPc, R.TEMP0);
    as.jump(this.exitLabel);
    as.labelAssign(slot);

    // re-arm the innermost active exception handler
    for (let i = this.excStack.length - 1; i >= 0; i--) {
      const e = this.excStack[i] as ExcStackEntry;
      if (e.isActive) {
        as.movRegPcrel(R.RET, e.label);
        as.movLocalReg(this.idxExcHandlerPc, R.RET);
        break;
      }
    }

    // the value sent in
    this.adjustStackSize(1);

    if (kind === 0) {
      as.movRegLocal(R.ARG_1, this.idxThrowVal);
      this.movLocalNull(this.idxThrowVal, R.ARG_2);
      this.call(FunId.NATIVE_RAISE);
    } else {
      this.labelAssign(slot + 2);
      as.movRegLocal(R.ARG_3, this.idxThrowVal);
      as.movRegImm(R.ARG_2, 0n);
      as.movLocalReg(this.idxThrowVal, R.ARG_2);
      this.prePopReg(R.ARG_2);
      this.accessStack(1, R.ARG_1);
      this.pushReg(VType.PyObj, R.ARG_3);
      this.stackPointerForPop(R.ARG_3, 1);
      this.call(FunId.NATIVE_YIELD_FROM);
      as.jumpIfRegNonzero(R.RET, slot + 1, true);
      // the delegate is done: replace it with its return value
      this.adjustStackSize(1);
      this.foldStackTop(R.ARG_1);
    }
  }

  startExceptHandler(): void {
    this.leaveExcStack(true);
    this.as.movRegLocal(this.R.TEMP0, this.idxExcVal);
    // keep the exception for a bare `raise` in the handler (only in scopes that have one)
    if (this.handlerDepth < this.reraiseSlots) this.movStateReg(this.reraiseSlot(this.handlerDepth), this.R.TEMP0);
    this.handlerDepth++;
    this.pushReg(VType.PyObj, this.R.TEMP0);
  }

  endExceptHandler(): void {
    // the handler's stack entries are accounted for by the compiler's calls
    this.handlerDepth--;
  }
}
