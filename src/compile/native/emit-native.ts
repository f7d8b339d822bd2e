// The native emitter (upstream's py/emitnative.c model), shared by every architecture: it turns the
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
  ScopeKind,
  SCOPE_FLAG_ALL_SIG,
  SCOPE_FLAG_GENERATOR,
  SCOPE_FLAG_HASCONSTS,
  SCOPE_FLAG_REFGLOBALS,
  SCOPE_FLAG_VARARGS,
  SCOPE_FLAG_VARKEYWORDS,
} from '../scope.js';
import { Tok } from '../tokens.js';
import type { Assembler } from './asm.js';
import type { Emitter, PassNumber } from './emitter-api.js';
import { FunId } from './funtable.js';

const PASS_EMIT = 4;

// Layout of runtime structures, in words (identical on 32- and 64-bit targets).
const SIZEOF_CODE_STATE = 5;
const OFFSETOF_CODE_STATE_STATE = 5;
const OFFSETOF_CODE_STATE_FUN_BC = 0;
const OFFSETOF_CODE_STATE_IP = 1;
const OFFSETOF_CODE_STATE_SP = 2;
const OFFSETOF_CODE_STATE_N_STATE = 3;
const OFFSETOF_OBJ_FUN_BC_CONTEXT = 1;
const OFFSETOF_OBJ_FUN_BC_CHILD_TABLE = 2;
const OFFSETOF_MODULE_CONTEXT_QSTR_TABLE = 2;
const OFFSETOF_MODULE_CONTEXT_OBJ_TABLE = 3;
const OFFSETOF_MODULE_CONTEXT_GLOBALS = 1;
const NLR_BUF_IDX_RET_VAL = 1;

const MP_OBJ_SENTINEL = 4n;
const ITER_BUF_NSLOTS = 4;
const VM_RETURN_NORMAL = 0n;
const VM_RETURN_YIELD = 1n;
const VM_RETURN_EXCEPTION = 2n;
const BREAK_FROM_FOR = 0x8000;

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

function vtypeName(t: VType): string {
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

const enum SKind {
  Value = 0,
  Reg = 1,
  Imm = 2,
}

interface StackInfo {
  vtype: VType;
  kind: SKind;
  reg: number;
  imm: bigint;
}

const UNWIND_LABEL_UNUSED = 0x7fff;
const UNWIND_LABEL_DO_FINAL_UNWIND = 0x7ffe;

interface ExcStackEntry {
  label: number;
  isFinally: boolean;
  unwindLabel: number;
  isActive: boolean;
}

/** Reports a compile-time error; the compiler keeps the last one, as upstream's error slot does. */
export type NativeErrorSink = (type: 'ViperTypeError', message: string) => void;

const MAX_REGS_FOR_LOCAL_VARS = 2;

export class NativeEmitter implements Emitter {
  private pass: PassNumber = 2;
  private doViperTypes = false;
  private scope!: Scope;
  private localVtype: VType[] = [];
  private stack: StackInfo[] = [];
  private stackSize = 0;
  private savedStackVtype: VType = VType.PyObj;
  private excStack: ExcStackEntry[] = [];
  private exitLabel = 0;
  private preludeOffset = 0;
  private preludePtrIndex = 0;
  private startOffset = 0;
  private nState = 0;
  private codeStateStart = 0;
  private stackStart = 0;
  private nInfo = 0;
  private nCell = 0;
  private children: Scope[] = [];
  /** scopes with a bare `raise` (found in their STACK_SIZE pass): they keep handled exceptions */
  private readonly reraiseScopes = new WeakSet<Scope>();
  /** frame slots for the exceptions being handled, one per handler nesting level (0 if unneeded) */
  private reraiseSlots = 0;
  /** except-handler regions open at the current point (start/endExceptHandler) */
  private handlerDepth = 0;
  // register roles, cached from the assembler
  private readonly R: Assembler['reg'];
  private readonly regLocalTable: readonly number[];
  private readonly regGeneratorState: number;
  private readonly regQstrTable: number;
  private readonly regLocalLast: number;
  private readonly sizeofNlrBuf: number;

  constructor(
    private readonly common: EmitCommon,
    readonly as: Assembler,
    /** the compiler's next free label (upstream's label_slot): labels reserved for native use */
    private readonly labelSlot: () => number,
    private readonly onError: NativeErrorSink,
  ) {
    this.R = as.reg;
    this.regLocalTable = [as.reg.LOCAL_1, as.reg.LOCAL_2];
    // with .mpy output qstrs go through the module's qstr table, held in REG_LOCAL_3
    this.regGeneratorState = as.reg.LOCAL_2;
    this.regQstrTable = as.reg.LOCAL_3;
    this.regLocalLast = as.reg.LOCAL_2;
    this.sizeofNlrBuf = 2 + as.nlrBufNumRegs + 1;
  }

  setMaxNumLabels(n: number): void {
    this.as.setMaxNumLabels(n);
  }

  // ---- frame layout ----------------------------------------------------------------------------

  private get isGenerator(): boolean {
    return (this.scope.scopeFlags & SCOPE_FLAG_GENERATOR) !== 0;
  }
  private needFunObj(): boolean {
    return this.scope.excStackSize > 0 || (this.scope.scopeFlags & (SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS)) !== 0;
  }
  private needGlobalExcHandler(): boolean {
    return this.scope.excStackSize > 0 || (this.scope.scopeFlags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_REFGLOBALS)) !== 0;
  }
  /** Locals may live in registers only when no nlr jump can restore registers behind our back. */
  private canUseRegsForLocals(): boolean {
    return this.scope.excStackSize === 0 && !this.isGenerator;
  }
  private get idxExcVal(): number {
    return NLR_BUF_IDX_RET_VAL;
  }
  private get idxExcHandlerPc(): number {
    return this.as.nlrBufIdxLocal1;
  }
  private get idxExcHandlerUnwind(): number {
    return this.sizeofNlrBuf + 1;
  }
  private get idxThrowVal(): number {
    return this.sizeofNlrBuf + 2;
  }
  private get idxRetVal(): number {
    return this.sizeofNlrBuf;
  }
  private get idxFunObj(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_FUN_BC;
  }
  private get idxOldGlobals(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_IP;
  }
  private get idxGenPc(): number {
    return this.codeStateStart + OFFSETOF_CODE_STATE_IP;
  }
  private idxLocalVar(localNum: number): number {
    return this.stackStart + this.nState - 1 - localNum;
  }

  private error(message: string): void {
    this.onError('ViperTypeError', message);
  }

  // ---- state access (in the C frame, or in the generator object) ------------------------------

  private movRegConst(dest: number, funId: number): void {
    this.as.loadRegRegOffset(dest, this.R.FUN_TABLE, funId);
  }
  private movStateReg(local: number, src: number): void {
    if (this.isGenerator) this.as.storeRegRegOffset(src, this.regGeneratorState, local);
    else this.as.movLocalReg(local, src);
  }
  private movRegState(dest: number, local: number): void {
    if (this.isGenerator) this.as.loadRegRegOffset(dest, this.regGeneratorState, local);
    else this.as.movRegLocal(dest, local);
  }
  private movRegStateAddr(dest: number, local: number): void {
    if (this.isGenerator) {
      this.as.movRegImm(dest, BigInt(local * this.as.wordSize));
      this.as.addRegReg(dest, this.regGeneratorState);
    } else {
      this.as.movRegLocalAddr(dest, local);
    }
  }
  private movRegQstr(dest: number, q: string): void {
    this.as.load16RegRegOffset(dest, this.regQstrTable, this.common.useQstr(q));
  }
  private movStateImmVia(local: number, imm: bigint, regTemp: number): void {
    this.as.movRegImm(regTemp, imm);
    this.movStateReg(local, regTemp);
  }
  /** Stores MP_OBJ_NULL into a frame slot (no zero register on x86/x64: clear a temporary). */
  private movLocalNull(local: number, regTemp: number): void {
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
        numLocalsInRegs = Math.min(scope.numLocals, MAX_REGS_FOR_LOCAL_VARS);
        // REG_LOCAL_LAST holds the argument array while the arguments are unpacked
        if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1) numLocalsInRegs--;
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
          i < MAX_REGS_FOR_LOCAL_VARS &&
          this.canUseRegsForLocals() &&
          (i !== MAX_REGS_FOR_LOCAL_VARS - 1 || scope.numPosArgs === MAX_REGS_FOR_LOCAL_VARS)
        ) {
          as.movRegReg(this.regLocalTable[i] as number, r);
        } else {
          this.movStateReg(this.idxLocalVar(i), r);
        }
      }
      if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1 && this.canUseRegsForLocals()) {
        as.movRegLocal(this.regLocalLast, this.idxLocalVar(MAX_REGS_FOR_LOCAL_VARS - 1));
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
        as.callInd(FunId.SETUP_CODE_STATE);
      }

      this.globalExcEntry();

      if (this.canUseRegsForLocals()) {
        for (let i = 0; i < MAX_REGS_FOR_LOCAL_VARS && i < scope.numLocals; i++) {
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

  private writeQstr(q: string): void {
    const tmp: number[] = [];
    encodeUint(tmp, this.common.useQstr(q));
    for (const b of tmp) this.as.data(1, b);
  }

  // ---- the value-stack model -------------------------------------------------------------------

  private ensureStack(n: number): void {
    while (this.stack.length < n) this.stack.push({ vtype: VType.Unbound, kind: SKind.Value, reg: 0, imm: 0n });
  }

  private si(i: number): StackInfo {
    return this.stack[i] as StackInfo;
  }

  private adjustStack(delta: number): void {
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

  private peek(depth: number): StackInfo {
    return this.si(this.stackSize - 1 - depth);
  }

  private peekVtype(depth: number): VType {
    // in native (non-viper) code every value is an object, whatever is held at compile time
    return this.doViperTypes ? this.peek(depth).vtype : VType.PyObj;
  }

  /** Frees `reg` by settling every stack entry held in it, except the one at `skipPos` (1 = TOS). */
  private needRegSingle(reg: number, skipPos: number): void {
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

  private needRegAll(): void {
    for (let i = 0; i < this.stackSize; i++) {
      const si = this.si(i);
      if (si.kind === SKind.Reg) {
        si.kind = SKind.Value;
        this.movStateReg(this.stackStart + i, si.reg);
      }
    }
  }

  private loadRegStackImm(dest: number, si: StackInfo, convertToPyObj: boolean): VType {
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
  private needStackSettled(): void {
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
  private accessStack(pos: number, dest: number): VType {
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
  private foldStackTop(dest: number): void {
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
  private prePopRegFlexible(dest: number, notR1: number, notR2: number): { vtype: VType; reg: number } {
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

  private prePopDiscard(): void {
    this.adjustStack(-1);
  }

  private prePopReg(dest: number): VType {
    const t = this.accessStack(1, dest);
    this.adjustStack(-1);
    return t;
  }

  private pushReg(vtype: VType, reg: number): void {
    this.ensureStack(this.stackSize + 1);
    const si = this.si(this.stackSize);
    si.vtype = vtype;
    si.kind = SKind.Reg;
    si.reg = reg;
    this.adjustStack(1);
  }

  private pushImm(vtype: VType, imm: bigint): void {
    this.ensureStack(this.stackSize + 1);
    const si = this.si(this.stackSize);
    si.vtype = vtype;
    si.kind = SKind.Imm;
    si.imm = imm;
    this.adjustStack(1);
  }

  private call(funId: FunId): void {
    this.needRegAll();
    this.as.callInd(funId);
  }

  private callWithImmArg(funId: FunId, val: bigint, reg: number): void {
    this.needRegAll();
    this.as.movRegImm(reg, val);
    this.as.callInd(funId);
  }

  private callWith2ImmArgs(funId: FunId, v1: bigint, r1: number, v2: bigint, r2: number): void {
    this.needRegAll();
    this.as.movRegImm(r1, v1);
    this.as.movRegImm(r2, v2);
    this.as.callInd(funId);
  }

  private callWithQstrArg(funId: FunId, q: string, reg: number): void {
    this.needRegAll();
    this.movRegQstr(reg, q);
    this.as.callInd(funId);
  }

  /**
   * Makes the top n entries objects in their C-stack slots, pops them, and points `dest` at them.
   * Conversions of typed values use REG_ARG_1, REG_ARG_2 and REG_RET.
   */
  private stackPointerForPop(dest: number, nPop: number): void {
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

  /** Reserves n object entries on the C stack and points `dest` at them. */
  private stackPointerForPush(dest: number, nPush: number): void {
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

  private pushExcStack(label: number, isFinally: boolean): void {
    this.excStack.push({ label, isFinally, unwindLabel: UNWIND_LABEL_UNUSED, isActive: true });
    this.as.movRegPcrel(this.R.RET, label);
    this.as.movLocalReg(this.idxExcHandlerPc, this.R.RET);
  }

  private leaveExcStack(startOfHandler: boolean): void {
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

  private popExcStack(): ExcStackEntry {
    return this.excStack.pop() as ExcStackEntry;
  }

  // ---- objects from the module's tables --------------------------------------------------------

  /** Loads a constant object via fun_obj->context->obj_table (clobbers REG_TEMP0). */
  private loadRegWithObject(reg: number, obj: ConstValue): void {
    this.scope.scopeFlags |= SCOPE_FLAG_HASCONSTS;
    const off = this.common.useConst(obj);
    this.movRegState(this.R.TEMP0, this.idxFunObj);
    this.as.loadRegRegOffset(this.R.TEMP0, this.R.TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
    this.as.loadRegRegOffset(this.R.TEMP0, this.R.TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
    this.as.loadRegRegOffset(reg, this.R.TEMP0, off);
  }

  private loadRegWithChild(reg: number, child: Scope): void {
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
    if (isFinally) this.leaveExcStack(false);
  }

  private globalExcEntry(): void {
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
      as.jumpIfRegZero(R.RET, startLabel, true);
    } else {
      this.movLocalNull(this.idxExcHandlerUnwind, R.TEMP0);
      // nlr.ret_val is passed to mp_native_raise whether or not there was an exception
      as.movLocalReg(this.idxExcVal, R.TEMP0);
      as.movRegPcrel(R.LOCAL_1, startLabel);
      // every exception comes back here and resumes at the current handler's PC
      this.labelAssign(nlrLabel);
      as.movRegLocalAddr(R.ARG_1, 0);
      this.call(FunId.NLR_PUSH);
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

  private globalExcExit(): void {
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
    if (localNum < MAX_REGS_FOR_LOCAL_VARS && this.canUseRegsForLocals()) {
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
    if (localNum < MAX_REGS_FOR_LOCAL_VARS && this.canUseRegsForLocals()) {
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
      switch (vtypeBase) {
        case VType.Ptr8: as.load8RegRegOffset(R.RET, p.reg, index); break;
        case VType.Ptr16: as.load16RegRegOffset(R.RET, p.reg, index); break;
        case VType.Ptr32: as.load32RegRegOffset(R.RET, p.reg, index); break;
        default: this.error(`can't load from '${vtypeName(vtypeBase)}'`);
      }
    } else {
      const idx = this.prePopRegFlexible(R.ARG_2, R.ARG_1, R.ARG_1);
      vtypeBase = this.prePopReg(R.ARG_1);
      this.needRegSingle(R.RET, 0);
      if (idx.vtype !== VType.Int && idx.vtype !== VType.Uint) {
        this.error(`can't load with '${vtypeName(idx.vtype)}' index`);
      }
      // no indexed addressing in the generic API: add the scaled index to the base
      switch (vtypeBase) {
        case VType.Ptr8:
          as.addRegReg(R.ARG_1, idx.reg);
          as.load8RegRegOffset(R.RET, R.ARG_1, 0);
          break;
        case VType.Ptr16:
          as.addRegReg(R.ARG_1, idx.reg);
          as.addRegReg(R.ARG_1, idx.reg);
          as.load16RegRegOffset(R.RET, R.ARG_1, 0);
          break;
        case VType.Ptr32:
          for (let i = 0; i < 4; i++) as.addRegReg(R.ARG_1, idx.reg);
          as.load32RegRegOffset(R.RET, R.ARG_1, 0);
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
      switch (vtypeBase) {
        case VType.Ptr8: as.store8RegRegOffset(regValue, b.reg, index); break;
        case VType.Ptr16: as.store16RegRegOffset(regValue, b.reg, index); break;
        case VType.Ptr32: as.store32RegRegOffset(regValue, b.reg, index); break;
        default: this.error(`can't store to '${vtypeName(vtypeBase)}'`);
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
          as.addRegReg(R.ARG_1, idx.reg);
          as.store8RegRegOffset(regValue, R.ARG_1, 0);
          break;
        case VType.Ptr16:
          as.addRegReg(R.ARG_1, idx.reg);
          as.addRegReg(R.ARG_1, idx.reg);
          as.store16RegRegOffset(regValue, R.ARG_1, 0);
          break;
        case VType.Ptr32:
          for (let i = 0; i < 4; i++) as.addRegReg(R.ARG_1, idx.reg);
          as.store32RegRegOffset(regValue, R.ARG_1, 0);
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
    as.movRegLocal(R.ARG_1, this.idxExcVal);
    this.call(FunId.NATIVE_RAISE);
    const e = this.popExcStack();
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
        const p = this.prePopRegFlexible(R.RET, R.RET, R.RET);
        this.as.notReg(p.reg);
        this.pushReg(p.vtype, p.reg);
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
    this.prePopReg(R.ARG_2);
    this.prePopReg(R.ARG_3);
    this.prePopReg(R.ARG_1);
    this.call(FunId.STORE_MAP);
    this.pushReg(VType.PyObj, R.RET);
  }

  storeComp(kind: ScopeKind, collectionStackIndex: number): void {
    const R = this.R;
    let f: FunId;
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
    this.prePopReg(R.ARG_1);
    this.stackPointerForPush(R.ARG_3, n);
    this.callWithImmArg(FunId.UNPACK_SEQUENCE, BigInt(n), R.ARG_2);
  }

  unpackEx(nLeft: number, nRight: number): void {
    const R = this.R;
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
        this.needRegAll();
        this.movRegState(R.ARG_1, this.reraiseSlot(this.handlerDepth - 1));
        this.as.callInd(FunId.NATIVE_RAISE);
        this.as.suppressCode();
        return;
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

  /** Frame slot of the exception handled at nesting level `depth` (after the value stack). */
  private reraiseSlot(depth: number): number {
    return this.stackStart + this.scope.stackSize + depth;
  }
}
