// The assembler layer under the native emitter (upstream's py/asmbase.c plus the ASM_* macro API that
// each asmXXX.h exports). The emitter only ever talks to an `Assembler`: every architecture supplies
// the same generic operations (move, load/store with word offsets, call through mp_fun_table, jumps to
// labels) and states the few facts the emitter must branch on (register roles, word size, whether
// arguments arrive on the C stack). x64, x86, Thumb, ARM, Xtensa and RV32 implement it; the inline
// assemblers drive the same classes directly.
//
// Passes: the native emitter runs STACK_SIZE and CODE_SIZE as "compute" passes (only sizes and label
// offsets are recorded; label offsets start unknown, so forward jumps take their long form) and EMIT
// writes the bytes. Label offsets from the last compute pass stay valid in EMIT, which is how backward
// and forward jumps end up with exactly the sizes upstream picks.

/** Register roles, as upstream's REG_xxx macros name them. */
export interface RegisterRoles {
  readonly RET: number;
  readonly ARG_1: number;
  readonly ARG_2: number;
  readonly ARG_3: number;
  readonly ARG_4: number;
  readonly TEMP0: number;
  readonly TEMP1: number;
  readonly TEMP2: number;
  readonly LOCAL_1: number;
  readonly LOCAL_2: number;
  readonly LOCAL_3: number;
  readonly FUN_TABLE: number;
  /** registers the caller passes arguments in (differ from ARG_x only on Xtensa windowed ABI) */
  readonly PARENT_RET: number;
  readonly PARENT_ARG_1: number;
  readonly PARENT_ARG_2: number;
  readonly PARENT_ARG_3: number;
  readonly PARENT_ARG_4: number;
}

/** Label offset meaning "not assigned in this pass". */
const UNASSIGNED = -1;

export abstract class Assembler {
  abstract readonly wordSize: number;
  abstract readonly reg: RegisterRoles;
  /** registers kept in nlr_buf_t (sets its size: 2 + this + 1 words, as mpy-cross reserves) */
  abstract readonly nlrBufNumRegs: number;
  /** word index in nlr_buf_t where REG_LOCAL_1 is saved (the native code's exception-handler PC) */
  abstract readonly nlrBufIdxLocal1: number;
  /** x86: arguments of the native function are on the C stack and must be fetched (movArgToReg) */
  readonly argsOnStack: boolean = false;
  /** x86/x64: shifts take their count in CL (emitter pops the count into this register) */
  readonly shiftCountReg: number | undefined = undefined;
  /** x86/x64: byte stores need the value in a low register, so the value is always popped to ARG_3 */
  readonly storeValueInFixedReg: boolean = false;
  /** Xtensa windowed: nlr_push is followed by a setjmp on the nlr buffer's jmp_buf (N_NLR_SETJMP) */
  readonly nlrSetjmp: boolean = false;
  /** a register that always reads 0 (REG_ZERO), where the architecture has one */
  readonly zeroReg: number | undefined = undefined;

  // ---- buffer and passes (asmbase.c) -----------------------------------------------------------

  private emitting = false;
  private suppress = false;
  private offset = 0;
  private code = new Uint8Array(0);
  private labelOffsets: number[] = [];

  /** Keep label offsets from pass to pass (the inline assembler's relaxation, see inline-asm.ts). */
  keepLabelOffsets = false;
  /** Set in the EMIT pass when a label lands elsewhere than in the last compute pass (where
   * mpy-cross's assertion fails: the code would be inconsistent). */
  labelsMoved = false;

  startPass(emit: boolean): void {
    // compute passes forget labels so that unknown (forward) targets can be told apart
    if (!emit) {
      if (!this.keepLabelOffsets) this.labelOffsets.fill(UNASSIGNED);
    } else {
      this.code = new Uint8Array(this.offset);
      this.labelsMoved = false;
    }
    this.emitting = emit;
    this.suppress = false;
    this.offset = 0;
  }

  setMaxNumLabels(n: number): void {
    if (this.labelOffsets.length < n) {
      const old = this.labelOffsets.length;
      this.labelOffsets.length = n;
      this.labelOffsets.fill(UNASSIGNED, old);
    }
  }

  /** True in the EMIT pass (bytes are written; every label offset is known). */
  protected get emittingPass(): boolean {
    return this.emitting;
  }

  /** Current code position. */
  get codePos(): number {
    return this.offset;
  }

  /** The code of the EMIT pass. */
  getCode(): Uint8Array {
    return this.code;
  }

  /** Reserves n bytes; returns where to write them, or -1 when nothing is to be written. */
  protected reserve(n: number): number {
    if (this.suppress) return -1;
    const at = this.emitting ? this.offset : -1;
    this.offset += n;
    return at;
  }

  protected bytes(...b: number[]): void {
    const at = this.reserve(b.length);
    if (at >= 0) for (let i = 0; i < b.length; i++) this.code[at + i] = (b[i] as number) & 0xff;
  }

  protected word32(v: number): void {
    const at = this.reserve(4);
    if (at >= 0) {
      for (let i = 0; i < 4; i++) this.code[at + i] = (v >>> (8 * i)) & 0xff;
    }
  }

  protected word64(v: bigint): void {
    const at = this.reserve(8);
    if (at >= 0) {
      let x = BigInt.asUintN(64, v);
      for (let i = 0; i < 8; i++) {
        this.code[at + i] = Number(x & 0xffn);
        x >>= 8n;
      }
    }
  }

  /** Little-endian data of `size` bytes (mp_asm_base_data). */
  data(size: number, val: number): void {
    const at = this.reserve(size);
    if (at >= 0) {
      let x = val;
      for (let i = 0; i < size; i++) {
        this.code[at + i] = x & 0xff;
        x = Math.floor(x / 256);
      }
    }
  }

  /** Little-endian data from an integer truncated to 64 bits (inline assembler `data`). */
  dataBig(size: number, val: bigint): void {
    const at = this.reserve(size);
    if (at >= 0) {
      let x = BigInt.asUintN(64, val);
      for (let i = 0; i < size; i++) {
        this.code[at + i] = Number(x & 0xffn);
        x >>= 8n;
      }
    }
  }

  /** Rounds the code position up to a multiple of `n` (a power of 2); the gap is not written. */
  align(n: number): void {
    this.offset = (this.offset + n - 1) & ~(n - 1);
  }

  /** Offset of a label as the assembler last saw it (-1 when unknown). */
  labelOffset(label: number): number {
    return this.labelDest(label);
  }

  labelAssign(label: number): void {
    // a label ends any dead-code region
    this.suppress = false;
    if (!this.emitting) this.labelOffsets[label] = this.offset;
    else if (this.labelOffsets[label] !== this.offset) this.labelsMoved = true;
  }

  /** The label offsets of the last compute pass. */
  labelOffsetsSnapshot(): number[] {
    return this.labelOffsets.slice();
  }

  /** Offset of a label, or -1 when it is not known yet in this pass. */
  protected labelDest(label: number): number {
    return this.labelOffsets[label] ?? UNASSIGNED;
  }

  /** Code after an unconditional jump is dead until the next label. */
  suppressCode(): void {
    this.suppress = true;
  }

  // ---- the generic API (ASM_xxx macros) --------------------------------------------------------

  abstract entry(numLocals: number): void;
  abstract exit(): void;
  abstract jump(label: number): void;
  /** jump if reg is zero; boolTest tests only the low byte (a C bool result) */
  abstract jumpIfRegZero(reg: number, label: number, boolTest: boolean): void;
  abstract jumpIfRegNonzero(reg: number, label: number, boolTest: boolean): void;
  abstract jumpIfRegEq(reg1: number, reg2: number, label: number): void;
  abstract jumpReg(reg: number): void;
  /** call entry `funId` of mp_fun_table (held in REG_FUN_TABLE) */
  abstract callInd(funId: number): void;
  abstract movLocalReg(local: number, src: number): void;
  abstract movRegImm(dest: number, imm: bigint): void;
  abstract movRegLocal(dest: number, local: number): void;
  abstract movRegReg(dest: number, src: number): void;
  abstract movRegLocalAddr(dest: number, local: number): void;
  abstract movRegPcrel(dest: number, label: number): void;
  /** x86 only: load argument `argNum` of the native function from the C stack */
  movArgToReg(_argNum: number, _dest: number): void {
    throw new Error('internal: arguments are in registers on this architecture');
  }
  /** bitwise not; without it the emitter xors with -1 (upstream's fallback) */
  notReg?(reg: number): void;
  abstract negReg(reg: number): void;
  /** shifts by a register (architectures without shiftCountReg) */
  lslRegReg?(dest: number, src: number): void;
  lsrRegReg?(dest: number, src: number): void;
  asrRegReg?(dest: number, src: number): void;
  /** x86/x64 shift by CL; other architectures shift by a register (lslRegReg etc.) */
  lslReg(_reg: number): void {
    throw new Error('internal: no shift-by-CL');
  }
  lsrReg(_reg: number): void {
    throw new Error('internal: no shift-by-CL');
  }
  asrReg(_reg: number): void {
    throw new Error('internal: no shift-by-CL');
  }
  abstract orRegReg(dest: number, src: number): void;
  abstract xorRegReg(dest: number, src: number): void;
  abstract andRegReg(dest: number, src: number): void;
  abstract addRegReg(dest: number, src: number): void;
  abstract subRegReg(dest: number, src: number): void;
  abstract mulRegReg(dest: number, src: number): void;
  abstract clrReg(dest: number): void;
  /** dest = 1 if (lhs OP rhs) else 0, OP by index: unsigned < > == <= >= !=, then signed (0..11) */
  abstract setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void;
  /** word loads/stores with the offset in words */
  abstract loadRegRegOffset(dest: number, base: number, wordOffset: number): void;
  abstract storeRegRegOffset(src: number, base: number, wordOffset: number): void;
  /** 16-bit zero-extended load, offset in halfwords (every architecture has it: qstrs are read so) */
  abstract load16RegRegOffset(dest: number, base: number, offset: number): void;
  /** sized accesses at [base] */
  abstract load8RegReg(dest: number, base: number): void;
  abstract load16RegReg(dest: number, base: number): void;
  abstract load32RegReg(dest: number, base: number): void;
  abstract store8RegReg(src: number, base: number): void;
  abstract store16RegReg(src: number, base: number): void;
  abstract store32RegReg(src: number, base: number): void;
  // Optional forms: with an immediate offset (in units of the access size) or an index register
  // (scaled by the access size). Without them the emitter computes the address as upstream does.
  load8RegRegOffset?(dest: number, base: number, offset: number): void;
  load32RegRegOffset?(dest: number, base: number, offset: number): void;
  store8RegRegOffset?(src: number, base: number, offset: number): void;
  store16RegRegOffset?(src: number, base: number, offset: number): void;
  store32RegRegOffset?(src: number, base: number, offset: number): void;
  load8RegRegReg?(dest: number, base: number, index: number): void;
  load16RegRegReg?(dest: number, base: number, index: number): void;
  load32RegRegReg?(dest: number, base: number, index: number): void;
  store8RegRegReg?(src: number, base: number, index: number): void;
  store16RegRegReg?(src: number, base: number, index: number): void;
  store32RegRegReg?(src: number, base: number, index: number): void;
  /** the call to mp_setup_code_state (Thumb/ARM use a long call through a scratch register) */
  callIndSetupCodeState(funId: number): void {
    this.callInd(funId);
  }
  endPass(): void {
    // nothing to flush by default (Xtensa records its constant-table size here)
  }
}

/** True when x fits a sign-extended byte the way upstream's SIGNED_FIT8 tests it (low 32 bits). */
export function signedFit8(x: number): boolean {
  const m = (x & 0xffffff80) >>> 0;
  return m === 0 || m === 0xffffff80;
}
