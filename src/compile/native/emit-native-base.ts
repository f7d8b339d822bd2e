// The native emitter's core (upstream's py/emitnative.c model), shared by every architecture: it turns the
// compiler's stack-machine calls into machine code through an `Assembler`, for @micropython.native
// (Python semantics, every value an object) and @micropython.viper (typed: int/uint/bool/ptr*).
//
// The Python value stack is modelled at compile time: each entry is either settled in its C-stack
// slot (Value), still in a register (Reg) or a known immediate (Imm). Values are only written to the
// C stack when needed (a call, a jump, a label), which is what gives upstream's exact instruction
// sequences, so the order of every register move below matters for byte-identical output.
//
// C stack frame (word slots from the stack pointer):
//   [nlr_buf_t, return value, unwind-PC/throw-value]   only with the global exception handler
//   code_state_start: mp_code_state_native_t (viper: fun_obj, old_globals as needed)
//   stack_start: Python value stack, then the locals in reverse (local 0 last)
// A generator keeps its code state and locals in the generator object (REG_GENERATOR_STATE).
import { encodePreludeSignature, encodePreludeSize } from '../../core/prelude.js';
import { encodeUint } from '../../core/varint.js';
import { CodeKind } from '../../mpy/types.js';
import type { EmitCommon } from '../emit-common.js';
import { CompileError } from '../errors.js';
import type { ConstValue } from '../parse-node.js';
import {
  EmitOpt,
  ID_FLAG_IS_PARAM,
  IdKind,
  type Scope,
  SCOPE_FLAG_ALL_SIG,
  SCOPE_FLAG_GENERATOR,
  SCOPE_FLAG_HASCONSTS,
  SCOPE_FLAG_REFGLOBALS,
  SCOPE_FLAG_VARARGS,
  SCOPE_FLAG_VARKEYWORDS,
} from '../scope.js';
import type { Assembler } from './asm.js';
import type { PassNumber } from './emitter-api.js';
import { FunId } from './funtable.js';

export const PASS_EMIT = 4;

// Layout of runtime structures, in words (identical on 32- and 64-bit targets).
export const SIZEOF_CODE_STATE = 5;
export const OFFSETOF_CODE_STATE_STATE = 5;
export const OFFSETOF_CODE_STATE_FUN_BC = 0;
export const OFFSETOF_CODE_STATE_IP = 1;
export const OFFSETOF_CODE_STATE_SP = 2;
export const OFFSETOF_CODE_STATE_N_STATE = 3;
export const OFFSETOF_OBJ_FUN_BC_CONTEXT = 1;
export const OFFSETOF_OBJ_FUN_BC_CHILD_TABLE = 2;
export const OFFSETOF_MODULE_CONTEXT_QSTR_TABLE = 2;
export const OFFSETOF_MODULE_CONTEXT_OBJ_TABLE = 3;
export const OFFSETOF_MODULE_CONTEXT_GLOBALS = 1;
export const NLR_BUF_IDX_RET_VAL = 1;

export const MP_OBJ_SENTINEL = 4n;
export const ITER_BUF_NSLOTS = 4;
export const VM_RETURN_NORMAL = 0n;
export const VM_RETURN_YIELD = 1n;
export const VM_RETURN_EXCEPTION = 2n;
export const BREAK_FROM_FOR = 0x8000;

/** Viper flag positions (scope.h / runtime0.h). */
export const ID_FLAG_VIPER_TYPE_POS = 4;
export const SCOPE_FLAG_VIPERRET_POS = 6;

/** Value types; the low bits are MP_NATIVE_TYPE_xxx. */
export const enum VType {
  PyObj = 0,
  Bool = 1,
  Int = 2,
  Uint = 3,
  Ptr = 4,
  Ptr8 = 5,
  Ptr16 = 6,
  Ptr32 = 7,
  PtrNone = 0x54,
  Unbound = 0x60,
  BuiltinCast = 0x70,
}

/** Native type of a viper annotation or cast name (mp_native_type_from_qstr), or -1. */
export function nativeTypeFromName(q: string): number {
  const i = ['object', 'bool', 'int', 'uint', 'ptr', 'ptr8', 'ptr16', 'ptr32'].indexOf(q);
  return i;
}

export function vtypeName(t: VType): string {
  switch (t) {
    case VType.PyObj: return 'object';
    case VType.Bool: return 'bool';
    case VType.Int: return 'int';
    case VType.Uint: return 'uint';
    case VType.Ptr: return 'ptr';
    case VType.Ptr8: return 'ptr8';
    case VType.Ptr16: return 'ptr16';
    case VType.Ptr32: return 'ptr32';
    default: return 'None';
  }
}

/** Where a value-stack entry is at this point of the code. */
export const enum SKind {
  Value = 0,
  Reg = 1,
  Imm = 2,
}

/** One entry of the compile-time value stack (reg for Reg, imm for Imm). */
export interface StackInfo {
  vtype: VType;
  kind: SKind;
  reg: number;
  imm: bigint;
}

/** A finally's unwindLabel: not an unwind target / the one that makes the final jump (via its PC slot). */
export const UNWIND_LABEL_UNUSED = 0x7fff;
export const UNWIND_LABEL_DO_FINAL_UNWIND = 0x7ffe;

/** An active or finished try block (handler label, and where an unwind jump through it continues). */
export interface ExcStackEntry {
  label: number;
  isFinally: boolean;
  unwindLabel: number;
  isActive: boolean;
  /** its finally region counts in handlerDepth (entered through labelAssign) */
  savesReraise?: boolean;
}

/** What the JS tier reads of the native emitter's compile-time state (see NativeEmitterBase.typeView). */
export interface ViperTypeView {
  readonly stackSize: number;
  vtype(depth: number): VType;
  /** the value of an immediate entry (viper casts keep their target type there) */
  imm(depth: number): bigint | undefined;
  localVtype(n: number): VType;
  /** the local whose register holds this entry (it is the local itself, not a copy), or -1 */
  localInReg(depth: number): number;
  readonly excStack: readonly ExcStackEntry[];
  readonly childCount: number;
}

/** Reports a compile-time error; the compiler keeps the last one, as upstream's error slot does. */
export type NativeErrorSink = (type: 'ViperTypeError', message: string) => void;

/** Locals 0 and 1 may live in REG_LOCAL_1/2 (REG_LOCAL_3 holds the qstr table when saving .mpy). */
export const MAX_REGS_FOR_LOCAL_VARS = 2;

/** Frame layout, the value-stack model, passes and exception handling; the operations are in
 * NativeEmitter (emit-native.ts). */
export abstract class NativeEmitterBase {
  protected pass: PassNumber = 2;
  protected doViperTypes = false;
  protected scope!: Scope;
  protected localVtype: VType[] = [];
  protected stack: StackInfo[] = [];
  protected stackSize = 0;
  protected savedStackVtype: VType = VType.PyObj;
  protected excStack: ExcStackEntry[] = [];
  protected exitLabel = 0;
  protected preludeOffset = 0;
  protected preludePtrIndex = 0;
  protected startOffset = 0;
  protected nState = 0;
  protected codeStateStart = 0;
  protected stackStart = 0;
  protected nInfo = 0;
  protected nCell = 0;
  protected children: Scope[] = [];
  /** scopes with a bare `raise` (found in their STACK_SIZE pass): they keep handled exceptions */
  protected readonly reraiseScopes = new WeakSet<Scope>();
  /** frame slots for the exceptions being handled, one per handler nesting level (0 if unneeded) */
  protected reraiseSlots = 0;
  /** except-handler and finally regions open at this point of the code (their nesting depth) */
  protected handlerDepth = 0;
  // register roles, cached from the assembler
  protected readonly R: Assembler['reg'];
  /** how many locals may live in registers (upstream's MAX_REGS_FOR_LOCAL_VARS) */
  protected readonly maxRegLocals: number;
  protected readonly regLocalTable: readonly number[];
  protected readonly regGeneratorState: number;
  protected readonly regQstrTable: number;
  protected readonly regLocalLast: number;
  protected readonly sizeofNlrBuf: number;

  constructor(
    protected readonly common: EmitCommon,
    readonly as: Assembler,
    /** the compiler's next free label (upstream's label_slot): labels reserved for native use */
    protected readonly labelSlot: () => number,
    protected readonly onError: NativeErrorSink,
    /**
     * Upstream's runtime compiler (no MICROPY_PERSISTENT_CODE_SAVE, as the unix port): qstrs need no
     * table register, so a third local lives in REG_LOCAL_3. Only the VM's JS tier asks for this (it
     * reads the register allocation, never runs the machine code); .mpy output never uses it.
     */
    runtimeRegs = false,
  ) {
    this.R = as.reg;
    this.maxRegLocals = runtimeRegs ? 3 : MAX_REGS_FOR_LOCAL_VARS;
    this.regLocalTable = runtimeRegs ? [as.reg.LOCAL_1, as.reg.LOCAL_2, as.reg.LOCAL_3] : [as.reg.LOCAL_1, as.reg.LOCAL_2];
    // with .mpy output qstrs go through the module's qstr table, held in REG_LOCAL_3
    this.regGeneratorState = as.reg.LOCAL_2;
    this.regQstrTable = as.reg.LOCAL_3;
    this.regLocalLast = this.regLocalTable[this.regLocalTable.length - 1] as number;
    this.sizeofNlrBuf = 2 + as.nlrBufNumRegs + 1;
  }

  /**
   * Read-only view of the viper type analysis at this point of the code, for the VM's JS tier
   * (src/compile/js/), which drives this emitter alongside its own so types and errors are upstream's.
   */
  get typeView(): ViperTypeView {
    return {
      stackSize: this.stackSize,
      vtype: (depth) => this.peekVtype(depth),
      imm: (depth) => (this.peek(depth).kind === SKind.Imm ? this.peek(depth).imm : undefined),
      localVtype: (n) => this.localVtype[n] as VType,
      localInReg: (depth) => {
        const si = this.peek(depth);
        return si.kind === SKind.Reg && this.canUseRegsForLocals() ? this.regLocalTable.indexOf(si.reg) : -1;
      },
      excStack: this.excStack,
      childCount: this.children.length,
    };
  }

  setMaxNumLabels(n: number): void {
    this.as.setMaxNumLabels(n);
  }

  // ---- frame layout ----------------------------------------------------------------------------

  protected get isGenerator(): boolean {
    return (this.scope.scopeFlags & SCOPE_FLAG_GENERATOR) !== 0;
  }
  protected needFunObj(): boolean {
    return this.scope.excStackSize > 0 || (this.scope.scopeFlags & (SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS)) !== 0;
  }
  protected needGlobalExcHandler(): boolean {
    return this.scope.excStackSize > 0 || (this.scope.scopeFlags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_REFGLOBALS)) !== 0;
  }
  /** Locals may live in registers only when no nlr jump can restore registers behind our back. */
  protected canUseRegsForLocals(): boolean {
    return this.scope.excStackSize === 0 && !this.isGenerator;
  }
  protected get idxExcVal(): number {
    return NLR_BUF_IDX_RET_VAL;
  }
  protected get idxExcHandlerPc(): number {
    return this.as.nlrBufIdxLocal1;
  }
  protected get idxExcHandlerUnwind(): number {
    return this.sizeofNlrBuf + 1;
  }
  protected get idxThrowVal(): number {
    return this.sizeofNlrBuf + 2;
  }
  protected get idxRetVal(): number {
    return this.sizeofNlrBuf;
  }
  protected get idxFunObj(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_FUN_BC;
  }
  protected get idxOldGlobals(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_IP;
  }
  protected get idxGenPc(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_IP;
  }
  protected idxLocalVar(localNum: number): number {
    return this.stackStart + this.nState - 1 - localNum;
  }

  protected error(message: string): void {
    this.onError('ViperTypeError', message);
  }

  // ---- state access (in the C frame, or in the generator object) ------------------------------

  protected movRegConst(dest: number, funId: number): void {
    this.as.loadRegRegOffset(dest, this.R.FUN_TABLE, funId);
  }
  protected movStateReg(local: number, src: number): void {
    if (this.isGenerator) this.as.storeRegRegOffset(src, this.regGeneratorState, local);
    else this.as.movLocalReg(local, src);
  }
  protected movRegState(dest: number, local: number): void {
    if (this.isGenerator) this.as.loadRegRegOffset(dest, this.regGeneratorState, local);
    else this.as.movRegLocal(dest, local);
  }
  protected movRegStateAddr(dest: number, local: number): void {
    if (this.isGenerator) {
      this.as.movRegImm(dest, BigInt(local * this.as.wordSize));
      this.as.addRegReg(dest, this.regGeneratorState);
    } else {
      this.as.movRegLocalAddr(dest, local);
    }
  }
  protected movRegQstr(dest: number, q: string): void {
    this.as.load16RegRegOffset(dest, this.regQstrTable, this.common.useQstr(q));
  }
  protected movStateImmVia(local: number, imm: bigint, regTemp: number): void {
    this.as.movRegImm(regTemp, imm);
    this.movStateReg(local, regTemp);
  }
  /** Stores MP_OBJ_NULL into a frame slot (without a zero register: clear the temporary). */
  protected movLocalNull(local: number, regTemp: number): void {
    if (this.as.zeroReg !== undefined) {
      this.as.movLocalReg(local, this.as.zeroReg);
      return;
    }
    this.as.clrReg(regTemp);
    this.as.movLocalReg(local, regTemp);
  }

  // ---- passes ----------------------------------------------------------------------------------

  startPass(pass: PassNumber, scope: Scope): void {
    const as = this.as;
    const R = this.R;
    this.pass = pass;
    this.doViperTypes = scope.emitOptions === EmitOpt.Viper;
    this.stackSize = 0;
    this.scope = scope;
    this.children = [];
    this.handlerDepth = 0;
    this.reraiseSlots = this.reraiseScopes.has(scope) ? scope.excStackSize : 0;

    let numArgs = scope.numPosArgs + scope.numKwonlyArgs;
    if (scope.scopeFlags & SCOPE_FLAG_VARARGS) numArgs++;
    if (scope.scopeFlags & SCOPE_FLAG_VARKEYWORDS) numArgs++;
    const lv = (this.localVtype = new Array<VType>(Math.max(scope.numLocals, numArgs)));
    for (let i = 0; i < numArgs; i++) lv[i] = VType.PyObj;
    if (this.doViperTypes) {
      for (const id of scope.ids) {
        if (id.flags & ID_FLAG_IS_PARAM) lv[id.localNum] = (id.flags >> ID_FLAG_VIPER_TYPE_POS) as VType;
      }
    }
    for (let i = numArgs; i < lv.length; i++) lv[i] = this.doViperTypes ? VType.Unbound : VType.PyObj;
    for (const si of this.stack) {
      si.kind = SKind.Value;
      si.vtype = VType.Unbound;
    }

    as.startPass(pass === PASS_EMIT);

    this.codeStateStart = 0;
    if (this.needGlobalExcHandler()) {
      this.codeStateStart = this.sizeofNlrBuf + 1;
      if (this.isGenerator) this.codeStateStart += 2;
      else if (scope.excStackSize > 0) this.codeStateStart += 1;
    }

    const funTableOff = this.common.useFunTable();
    const slot = this.labelSlot();

    if (this.doViperTypes) {
      this.nState = scope.numLocals + scope.stackSize + this.reraiseSlots;
      let numLocalsInRegs = 0;
      if (this.canUseRegsForLocals()) {
        numLocalsInRegs = Math.min(scope.numLocals, this.maxRegLocals);
        // REG_LOCAL_LAST holds the argument array while the arguments are unpacked
        if (scope.numPosArgs >= this.maxRegLocals + 1) numLocalsInRegs--;
      }
      if (this.needGlobalExcHandler()) this.stackStart = this.codeStateStart + 2;
      else if (scope.scopeFlags & SCOPE_FLAG_HASCONSTS) this.stackStart = this.codeStateStart + 1;
      else this.stackStart = this.codeStateStart;

      as.entry(this.stackStart + this.nState - numLocalsInRegs);
      if (as.argsOnStack) as.movArgToReg(0, R.PARENT_ARG_1);

      as.loadRegRegOffset(R.FUN_TABLE, R.PARENT_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
      as.loadRegRegOffset(this.regQstrTable, R.FUN_TABLE, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
      as.loadRegRegOffset(R.FUN_TABLE, R.FUN_TABLE, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
      as.loadRegRegOffset(R.FUN_TABLE, R.FUN_TABLE, funTableOff);

      if (this.needFunObj()) as.movLocalReg(this.idxFunObj, R.PARENT_ARG_1);

      // n_args, n_kw and the argument array
      if (as.argsOnStack) {
        as.movArgToReg(1, R.ARG_1);
        as.movArgToReg(2, R.ARG_2);
        as.movArgToReg(3, this.regLocalLast);
      } else {
        as.movRegReg(R.ARG_1, R.PARENT_ARG_2);
        as.movRegReg(R.ARG_2, R.PARENT_ARG_3);
        as.movRegReg(this.regLocalLast, R.PARENT_ARG_4);
      }

      // a call with keywords or the wrong count goes to mp_arg_check_num_sig (which raises)
      as.jumpIfRegNonzero(R.ARG_2, slot + 4, true);
      as.movRegImm(R.ARG_3, BigInt(scope.numPosArgs));
      as.jumpIfRegEq(R.ARG_1, R.ARG_3, slot + 5);
      as.labelAssign(slot + 4);
      as.movRegImm(R.ARG_3, BigInt(((scope.numPosArgs << 17) | (scope.numPosArgs << 1)) >>> 0));
      as.callInd(FunId.ARG_CHECK_NUM_SIG);
      as.labelAssign(slot + 5);

      for (let i = 0; i < scope.numPosArgs; i++) {
        let r = R.ARG_1;
        as.loadRegRegOffset(R.ARG_1, this.regLocalLast, i);
        const t = lv[i] as VType;
        if (t !== VType.PyObj) {
          this.callWithImmArg(FunId.CONVERT_OBJ_TO_NATIVE, BigInt(t), R.ARG_2);
          r = R.RET;
        }
        if (
          i < this.maxRegLocals &&
          this.canUseRegsForLocals() &&
          (i !== this.maxRegLocals - 1 || scope.numPosArgs === this.maxRegLocals)
        ) {
          as.movRegReg(this.regLocalTable[i] as number, r);
        } else {
          this.movStateReg(this.idxLocalVar(i), r);
        }
      }
      if (scope.numPosArgs >= this.maxRegLocals + 1 && this.canUseRegsForLocals()) {
        as.movRegLocal(this.regLocalLast, this.idxLocalVar(this.maxRegLocals - 1));
      }

      this.globalExcEntry();
    } else {
      this.nState = scope.numLocals + scope.stackSize + this.reraiseSlots;
      // first word: the index in the child table where the prelude pointer is found at run time
      as.data(as.wordSize, this.preludePtrIndex);

      if (this.isGenerator) {
        as.data(as.wordSize, this.startOffset);
        as.entry(this.codeStateStart);
        // from here on the state is the generator's, pointed to by REG_GENERATOR_STATE
        this.codeStateStart = 0;
        this.stackStart = SIZEOF_CODE_STATE;
        if (as.argsOnStack) as.movArgToReg(0, this.regGeneratorState);
        else as.movRegReg(this.regGeneratorState, R.PARENT_ARG_1);
        // the value thrown into the generator, checked at each resumption
        if (as.argsOnStack) as.movArgToReg(1, R.PARENT_ARG_2);
        as.movLocalReg(this.idxThrowVal, R.PARENT_ARG_2);
        as.loadRegRegOffset(R.TEMP0, this.regGeneratorState, this.idxFunObj);
        as.loadRegRegOffset(R.TEMP0, R.TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        as.loadRegRegOffset(this.regQstrTable, R.TEMP0, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
        as.loadRegRegOffset(R.TEMP0, R.TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        as.loadRegRegOffset(R.FUN_TABLE, R.TEMP0, funTableOff);
      } else {
        this.stackStart = this.codeStateStart + SIZEOF_CODE_STATE;
        as.entry(this.stackStart + this.nState);
        if (as.argsOnStack) {
          as.movArgToReg(0, R.PARENT_ARG_1);
          as.movArgToReg(1, R.PARENT_ARG_2);
          as.movArgToReg(2, R.PARENT_ARG_3);
          as.movArgToReg(3, R.PARENT_ARG_4);
        }
        as.loadRegRegOffset(R.FUN_TABLE, R.PARENT_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        as.loadRegRegOffset(this.regQstrTable, R.FUN_TABLE, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
        as.loadRegRegOffset(R.FUN_TABLE, R.FUN_TABLE, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        as.loadRegRegOffset(R.FUN_TABLE, R.FUN_TABLE, funTableOff);
        as.movLocalReg(this.idxFunObj, R.PARENT_ARG_1);
        // code_state.n_state is a uint16_t: storing the whole word is fine on little-endian targets
        this.movStateImmVia(this.codeStateStart + OFFSETOF_CODE_STATE_N_STATE, BigInt(this.nState), R.ARG_1);
        as.movRegLocalAddr(R.ARG_1, this.codeStateStart);
        if (R.ARG_2 !== R.PARENT_ARG_2) as.movRegReg(R.ARG_2, R.PARENT_ARG_2);
        if (R.ARG_3 !== R.PARENT_ARG_3) as.movRegReg(R.ARG_3, R.PARENT_ARG_3);
        if (R.ARG_4 !== R.PARENT_ARG_4) as.movRegReg(R.ARG_4, R.PARENT_ARG_4);
        as.callIndSetupCodeState(FunId.SETUP_CODE_STATE);
      }

      this.globalExcEntry();

      if (this.canUseRegsForLocals()) {
        for (let i = 0; i < this.maxRegLocals && i < scope.numLocals; i++) {
          as.movRegLocal(this.regLocalTable[i] as number, this.idxLocalVar(i));
        }
      }
      for (const id of scope.ids) {
        if (id.kind === IdKind.Cell) lv[id.localNum] = VType.PyObj;
      }
    }
  }

  endPass(): boolean {
    const as = this.as;
    const scope = this.scope;
    this.globalExcExit();

    if (!this.doViperTypes) {
      this.preludeOffset = as.codePos;
      this.preludePtrIndex = this.children.length;
      const tmp: number[] = [];
      encodePreludeSignature(tmp, {
        // n_state is 0 only in the STACK_SIZE pass, whose prelude bytes are never used
        nState: Math.max(1, this.nState),
        nExcStack: 0,
        scopeFlags: scope.scopeFlags & SCOPE_FLAG_ALL_SIG,
        nPosArgs: scope.numPosArgs,
        nKwonlyArgs: scope.numKwonlyArgs,
        nDefPosArgs: scope.numDefPosArgs,
      });
      encodePreludeSize(tmp, this.nInfo, this.nCell);
      for (const b of tmp) as.data(1, b);

      const infoStart = as.codePos;
      this.writeQstr(scope.simpleName);
      const nArgs = scope.numPosArgs + scope.numKwonlyArgs;
      for (let i = 0; i < nArgs; i++) {
        let q = '*';
        for (const id of scope.ids) {
          if (id.flags & ID_FLAG_IS_PARAM && id.localNum === i) {
            q = id.qst;
            break;
          }
        }
        this.writeQstr(q);
      }
      this.nInfo = as.codePos - infoStart;

      const cellStart = as.codePos;
      for (const id of scope.ids) {
        if (id.kind === IdKind.Cell) as.data(1, id.localNum);
      }
      this.nCell = as.codePos - cellStart;
    }

    as.endPass();

    if (this.pass === PASS_EMIT) {
      // the buffer was sized by CODE_SIZE; the passes must agree byte for byte (upstream asserts so)
      if (as.codePos !== as.getCode().length) throw new Error('internal: native code size changed between passes');
      scope.output = {
        funData: as.getCode(),
        children: this.children,
        kind: this.doViperTypes ? CodeKind.NativeViper : CodeKind.NativePy,
        // upstream passes the offset through a uint16_t, so code over 64 KiB gets it truncated; the
        // .mpy reader recovers the real offset (effectivePreludeOffset)
        preludeOffset: this.preludeOffset & 0xffff,
      };
    }
    return true;
  }

  protected writeQstr(q: string): void {
    const tmp: number[] = [];
    encodeUint(tmp, this.common.useQstr(q));
    for (const b of tmp) this.as.data(1, b);
  }

  // ---- the value-stack model -------------------------------------------------------------------

  protected ensureStack(n: number): void {
    while (this.stack.length < n) this.stack.push({ vtype: VType.Unbound, kind: SKind.Value, reg: 0, imm: 0n });
  }

  protected si(i: number): StackInfo {
    return this.stack[i] as StackInfo;
  }

  protected adjustStack(delta: number): void {
    this.stackSize += delta;
    if (this.stackSize > this.scope.stackSize) this.scope.stackSize = this.stackSize;
  }

  adjustStackSize(delta: number): void {
    if (delta > 0) this.ensureStack(this.stackSize + delta);
    // entries pushed here are reached by a jump, so the stack was settled: they are in memory
    for (let i = 0; i < delta; i++) {
      const si = this.si(this.stackSize + i);
      si.kind = SKind.Value;
      // the vtype is unknown; a single entry is the value kept by a multi-comparison jump
      si.vtype = delta === 1 ? this.savedStackVtype : VType.PyObj;
    }
    this.adjustStack(delta);
  }

  setSourceLine(_line: number): void {
    // native code carries no line-number table
  }

  protected peek(depth: number): StackInfo {
    return this.si(this.stackSize - 1 - depth);
  }

  protected peekVtype(depth: number): VType {
    // in native (non-viper) code every value is an object, whatever is held at compile time
    return this.doViperTypes ? this.peek(depth).vtype : VType.PyObj;
  }

  /** Frees `reg` by settling every stack entry held in it, except the one at `skipPos` (1 = TOS). */
  protected needRegSingle(reg: number, skipPos: number): void {
    const skip = this.stackSize - skipPos;
    for (let i = 0; i < this.stackSize; i++) {
      if (i === skip) continue;
      const si = this.si(i);
      if (si.kind === SKind.Reg && si.reg === reg) {
        si.kind = SKind.Value;
        this.movStateReg(this.stackStart + i, si.reg);
      }
    }
  }

  protected needRegAll(): void {
    for (let i = 0; i < this.stackSize; i++) {
      const si = this.si(i);
      if (si.kind === SKind.Reg) {
        si.kind = SKind.Value;
        this.movStateReg(this.stackStart + i, si.reg);
      }
    }
  }

  protected loadRegStackImm(dest: number, si: StackInfo, convertToPyObj: boolean): VType {
    if (!convertToPyObj && this.doViperTypes) {
      this.as.movRegImm(dest, si.imm);
      return si.vtype;
    }
    if (si.vtype === VType.PyObj) {
      this.as.movRegImm(dest, si.imm);
    } else if (si.vtype === VType.Bool) {
      this.movRegConst(dest, FunId.CONST_FALSE_OBJ + Number(si.imm));
    } else if (si.vtype === VType.Int || si.vtype === VType.Uint) {
      this.as.movRegImm(dest, (si.imm << 1n) | 1n);
    } else if (si.vtype === VType.PtrNone) {
      this.movRegConst(dest, FunId.CONST_NONE_OBJ);
    } else {
      throw new CompileError('NotImplementedError', 'conversion to object', undefined, undefined);
    }
    return VType.PyObj;
  }

  /** Writes every register and immediate entry to the C stack (may clobber REG_TEMP1). */
  protected needStackSettled(): void {
    this.needRegAll();
    for (let i = 0; i < this.stackSize; i++) {
      const si = this.si(i);
      if (si.kind === SKind.Imm) {
        si.kind = SKind.Value;
        si.vtype = this.loadRegStackImm(this.R.TEMP1, si, false);
        this.movStateReg(this.stackStart + i, this.R.TEMP1);
      }
    }
  }

  /** Loads the entry at `pos` (1 = TOS) into `dest`; returns its type. */
  protected accessStack(pos: number, dest: number): VType {
    this.needRegSingle(dest, pos);
    const si = this.si(this.stackSize - pos);
    let vtype = si.vtype;
    switch (si.kind) {
      case SKind.Value:
        this.movRegState(dest, this.stackStart + this.stackSize - pos);
        break;
      case SKind.Reg:
        if (si.reg !== dest) this.as.movRegReg(dest, si.reg);
        break;
      case SKind.Imm:
        vtype = this.loadRegStackImm(dest, si, false);
        break;
    }
    return vtype;
  }

  /** X = pop(); pop(); push(X), keeping X in a register. */
  protected foldStackTop(dest: number): void {
    const a = this.si(this.stackSize - 2);
    const b = this.si(this.stackSize - 1);
    a.vtype = b.vtype;
    a.kind = b.kind;
    a.reg = b.reg;
    a.imm = b.imm;
    if (a.kind === SKind.Value) {
      this.movRegState(dest, this.stackStart + this.stackSize - 1);
      a.kind = SKind.Reg;
      a.reg = dest;
    }
    this.adjustStack(-1);
  }

  /** Pops TOS into a register: its own register if it is in one other than notR1/notR2, else `dest`. */
  protected prePopRegFlexible(dest: number, notR1: number, notR2: number): { vtype: VType; reg: number } {
    const si = this.peek(0);
    let r = dest;
    let vtype: VType;
    if (si.kind === SKind.Reg && si.reg !== notR1 && si.reg !== notR2) {
      vtype = si.vtype;
      r = si.reg;
      this.needRegSingle(r, 1);
    } else {
      vtype = this.accessStack(1, dest);
    }
    this.adjustStack(-1);
    return { vtype, reg: r };
  }

  protected prePopDiscard(): void {
    this.adjustStack(-1);
  }

  protected prePopReg(dest: number): VType {
    const t = this.accessStack(1, dest);
    this.adjustStack(-1);
    return t;
  }

  protected pushReg(vtype: VType, reg: number): void {
    this.ensureStack(this.stackSize + 1);
    const si = this.si(this.stackSize);
    si.vtype = vtype;
    si.kind = SKind.Reg;
    si.reg = reg;
    this.adjustStack(1);
  }

  protected pushImm(vtype: VType, imm: bigint): void {
    this.ensureStack(this.stackSize + 1);
    const si = this.si(this.stackSize);
    si.vtype = vtype;
    si.kind = SKind.Imm;
    si.imm = imm;
    this.adjustStack(1);
  }

  protected call(funId: FunId): void {
    this.needRegAll();
    this.as.callInd(funId);
  }

  protected callWithImmArg(funId: FunId, val: bigint, reg: number): void {
    this.needRegAll();
    this.as.movRegImm(reg, val);
    this.as.callInd(funId);
  }

  protected callWith2ImmArgs(funId: FunId, v1: bigint, r1: number, v2: bigint, r2: number): void {
    this.needRegAll();
    this.as.movRegImm(r1, v1);
    this.as.movRegImm(r2, v2);
    this.as.callInd(funId);
  }

  protected callWithQstrArg(funId: FunId, q: string, reg: number): void {
    this.needRegAll();
    this.movRegQstr(reg, q);
    this.as.callInd(funId);
  }

  /**
   * Makes the top n entries objects in their C-stack slots, pops them, and points `dest` at them.
   * Conversions of typed values use REG_ARG_1, REG_ARG_2 and REG_RET.
   */
  protected stackPointerForPop(dest: number, nPop: number): void {
    this.needRegAll();
    for (let i = 0; i < nPop; i++) {
      const si = this.si(this.stackSize - 1 - i);
      if (si.kind === SKind.Imm) {
        si.kind = SKind.Value;
        si.vtype = this.loadRegStackImm(dest, si, true);
        this.movStateReg(this.stackStart + this.stackSize - 1 - i, dest);
      }
    }
    for (let i = 0; i < nPop; i++) {
      const si = this.si(this.stackSize - 1 - i);
      if (si.vtype !== VType.PyObj) {
        const local = this.stackStart + this.stackSize - 1 - i;
        this.movRegState(this.R.ARG_1, local);
        this.callWithImmArg(FunId.CONVERT_NATIVE_TO_OBJ, BigInt(si.vtype), this.R.ARG_2);
        this.movStateReg(local, this.R.RET);
        si.vtype = VType.PyObj;
      }
    }
    this.adjustStack(-nPop);
    this.movRegStateAddr(dest, this.stackStart + this.stackSize);
  }

  /**
   * Beyond upstream: where a viper value is used as an object (an attribute of an int, `with` on a
   * pointer, ...) mpy-cross 1.28 stops on an assertion; mpyts boxes the top n entries in place (the
   * conversion the runtime calls make), so the operation then behaves as on that object. Valid
   * programs never get here, so their code stays upstream's.
   */
  protected objectifyTop(n: number): void {
    if (!this.doViperTypes) return;
    for (let i = 0; i < n; i++) {
      if (this.peek(i).vtype !== VType.PyObj) {
        this.stackPointerForPop(this.R.ARG_1, n);
        this.adjustStack(n);
        return;
      }
    }
  }

  /** Reserves n object entries on the C stack and points `dest` at them. */
  protected stackPointerForPush(dest: number, nPush: number): void {
    this.needRegAll();
    this.ensureStack(this.stackSize + nPush);
    for (let i = 0; i < nPush; i++) {
      const si = this.si(this.stackSize + i);
      si.kind = SKind.Value;
      si.vtype = VType.PyObj;
    }
    this.movRegStateAddr(dest, this.stackStart + this.stackSize);
    this.adjustStack(nPush);
  }

  // ---- exception-handler stack -----------------------------------------------------------------

  protected pushExcStack(label: number, isFinally: boolean): void {
    this.excStack.push({ label, isFinally, unwindLabel: UNWIND_LABEL_UNUSED, isActive: true });
    this.as.movRegPcrel(this.R.RET, label);
    this.as.movLocalReg(this.idxExcHandlerPc, this.R.RET);
  }

  protected leaveExcStack(startOfHandler: boolean): void {
    const top = this.excStack.length - 1;
    (this.excStack[top] as ExcStackEntry).isActive = false;
    let i = top - 1;
    while (i >= 0 && !(this.excStack[i] as ExcStackEntry).isActive) i--;
    if (i < 0) {
      // the global handler already cleared the handler PC on the way into a handler
      if (startOfHandler) return;
      this.as.clrReg(this.R.RET);
    } else {
      this.as.movRegPcrel(this.R.RET, (this.excStack[i] as ExcStackEntry).label);
    }
    this.as.movLocalReg(this.idxExcHandlerPc, this.R.RET);
  }

  protected popExcStack(): ExcStackEntry {
    return this.excStack.pop() as ExcStackEntry;
  }

  // ---- objects from the module's tables --------------------------------------------------------

  /** Loads a constant object via fun_obj->context->obj_table (clobbers REG_TEMP0). */
  protected loadRegWithObject(reg: number, obj: ConstValue): void {
    this.scope.scopeFlags |= SCOPE_FLAG_HASCONSTS;
    const off = this.common.useConst(obj);
    this.movRegState(this.R.TEMP0, this.idxFunObj);
    this.as.loadRegRegOffset(this.R.TEMP0, this.R.TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
    this.as.loadRegRegOffset(this.R.TEMP0, this.R.TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
    this.as.loadRegRegOffset(reg, this.R.TEMP0, off);
  }

  protected loadRegWithChild(reg: number, child: Scope): void {
    const off = this.children.length;
    this.children.push(child);
    this.movRegState(this.R.TEMP0, this.idxFunObj);
    this.as.loadRegRegOffset(this.R.TEMP0, this.R.TEMP0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
    this.as.loadRegRegOffset(reg, this.R.TEMP0, off);
  }

  // ---- labels and the function-wide exception handler ------------------------------------------

  labelAssign(l: number): void {
    let isFinally = false;
    const top = this.excStack[this.excStack.length - 1];
    if (top !== undefined) isFinally = top.isFinally && top.label === l;
    if (isFinally) {
      // entering a finally handler: TOS is the exception (or None), keep it in the exception slot
      this.accessStack(1, this.R.TEMP0);
      this.as.movLocalReg(this.idxExcVal, this.R.TEMP0);
    }
    // control can arrive here from elsewhere, so the stack must be in memory
    this.needStackSettled();
    this.as.labelAssign(l);
    if (isFinally) {
      this.leaveExcStack(false);
      // a bare `raise` in the finally re-raises what is propagating (None when nothing is): both
      // paths into the finally leave it in the exception slot
      if (this.handlerDepth < this.reraiseSlots) {
        this.as.movRegLocal(this.R.TEMP0, this.idxExcVal);
        this.movStateReg(this.reraiseSlot(this.handlerDepth), this.R.TEMP0);
      }
      (top as ExcStackEntry).savesReraise = true;
      this.handlerDepth++;
    }
  }

  /** Frame slot of the exception handled at nesting level `depth` (after the value stack). */
  protected reraiseSlot(depth: number): number {
    return this.stackStart + this.scope.stackSize + depth;
  }


  protected globalExcEntry(): void {
    const as = this.as;
    const R = this.R;
    const slot = this.labelSlot();
    this.exitLabel = slot;
    if (!this.needGlobalExcHandler()) return;

    const nlrLabel = slot + 1;
    const startLabel = slot + 2;
    const globalExceptLabel = slot + 3;

    if (!this.isGenerator) {
      // switch to the function's globals; the old ones (or NULL if unchanged) are restored on exit
      this.movRegState(R.ARG_1, this.idxFunObj);
      as.loadRegRegOffset(R.ARG_1, R.ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
      as.loadRegRegOffset(R.ARG_1, R.ARG_1, OFFSETOF_MODULE_CONTEXT_GLOBALS);
      this.call(FunId.NATIVE_SWAP_GLOBALS);
      this.movStateReg(this.idxOldGlobals, R.RET);
    }

    if (this.scope.excStackSize === 0) {
      // no handlers: if the globals did not change there is nothing to undo, so no nlr context
      if (!this.isGenerator) as.jumpIfRegZero(R.RET, startLabel, false);
      as.movRegLocalAddr(R.ARG_1, 0);
      this.call(FunId.NLR_PUSH);
      this.nlrSetjmp();
      as.jumpIfRegZero(R.RET, startLabel, true);
    } else {
      this.movLocalNull(this.idxExcHandlerUnwind, R.TEMP0);
      // nlr.ret_val is passed to mp_native_raise whether or not there was an exception (REG_ZERO, or
      // the temporary just cleared)
      as.movLocalReg(this.idxExcVal, as.zeroReg ?? R.TEMP0);
      as.movRegPcrel(R.LOCAL_1, startLabel);
      // every exception comes back here and resumes at the current handler's PC
      this.labelAssign(nlrLabel);
      as.movRegLocalAddr(R.ARG_1, 0);
      this.call(FunId.NLR_PUSH);
      this.nlrSetjmp();
      as.jumpIfRegNonzero(R.RET, globalExceptLabel, true);
      this.movLocalNull(this.idxExcHandlerPc, R.TEMP0);
      as.jumpReg(R.LOCAL_1);
      this.labelAssign(globalExceptLabel);
      as.movRegLocal(R.LOCAL_1, this.idxExcHandlerPc);
      as.jumpIfRegNonzero(R.LOCAL_1, nlrLabel, false);
    }

    if (!this.isGenerator) {
      this.movRegState(R.ARG_1, this.idxOldGlobals);
      this.call(FunId.NATIVE_SWAP_GLOBALS);
    }

    if (this.isGenerator) {
      // the exception is the generator's result: state[0] = exception, return EXCEPTION
      as.movRegLocal(R.TEMP0, this.idxExcVal);
      as.storeRegRegOffset(R.TEMP0, this.regGeneratorState, OFFSETOF_CODE_STATE_STATE);
      as.movRegImm(R.PARENT_RET, VM_RETURN_EXCEPTION);
      as.exit();
    } else {
      as.movRegLocal(R.ARG_1, this.idxExcVal);
      this.call(FunId.NATIVE_RAISE);
    }

    this.labelAssign(startLabel);

    if (this.isGenerator) {
      // resume where the last yield left off (the first entry point is just below)
      this.movRegState(R.TEMP0, this.idxGenPc);
      as.jumpReg(R.TEMP0);
      this.startOffset = as.codePos;
      as.movRegLocal(R.ARG_1, this.idxThrowVal);
      this.movLocalNull(this.idxThrowVal, R.ARG_2);
      this.call(FunId.NATIVE_RAISE);
    }
  }

  /** Where nlr is setjmp-based (Xtensa windowed) the jmp_buf inside the nlr buffer is set up too. */
  private nlrSetjmp(): void {
    if (!this.as.nlrSetjmp) return;
    this.as.movRegLocalAddr(this.R.ARG_1, 2);
    this.call(FunId.SETJMP);
  }

  protected globalExcExit(): void {
    const as = this.as;
    const R = this.R;
    this.labelAssign(this.exitLabel);
    if (this.needGlobalExcHandler()) {
      if (!this.isGenerator) {
        this.movRegState(R.ARG_1, this.idxOldGlobals);
        if (this.scope.excStackSize === 0) as.jumpIfRegZero(R.ARG_1, this.exitLabel + 1, false);
        this.call(FunId.NATIVE_SWAP_GLOBALS);
      }
      this.call(FunId.NLR_POP);
      if (!this.isGenerator && this.scope.excStackSize === 0) this.labelAssign(this.exitLabel + 1);
      as.movRegLocal(R.PARENT_RET, this.idxRetVal);
    }
    as.exit();
  }
}
