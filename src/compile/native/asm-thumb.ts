// Thumb / Thumb-2 assembler for the native emitter (the encodings upstream's py/asmthumb.c produces),
// for ARMv6-M (Thumb-1 only: Cortex-M0) and ARMv7-M and later (Thumb-2: movw/movt, wide branches, IT).
// AAPCS: arguments in r0-r3, result in r0; r4-r7 are callee-saved and hold the long-lived values
// (r4/r5 locals, r6 = qstr table, r7 = mp_fun_table). Every emitter register is a low register.
//
// The encoders are also the building blocks of the inline assembler (@micropython.asm_thumb), which
// is why most of them are public.
import { CompileError } from '../errors.js';
import { Assembler, type RegisterRoles } from './asm.js';

export const R0 = 0;
export const R1 = 1;
export const R2 = 2;
export const R3 = 3;
export const R4 = 4;
export const R7 = 7;
export const SP = 13;
export const PC = 15;

export const enum Cc {
  EQ = 0x0,
  NE = 0x1,
  CS = 0x2,
  CC = 0x3,
  MI = 0x4,
  PL = 0x5,
  VS = 0x6,
  VC = 0x7,
  HI = 0x8,
  LS = 0x9,
  GE = 0xa,
  LT = 0xb,
  GT = 0xc,
  LE = 0xd,
}

export const OP_NOP = 0xbf00;
export const OP_MOVW = 0xf240;
export const OP_MOVT = 0xf2c0;

// 16-bit formats (numbered as the ARM7TDMI data sheet does, like upstream)
export const F1_LSL = 0x0000;
export const F1_LSR = 0x0800;
export const F1_ASR = 0x1000;
export const F2_ADD = 0x1800;
export const F2_SUB = 0x1a00;
export const F2_IMM = 0x0400;
export const F3_MOV = 0x2000;
export const F3_CMP = 0x2800;
export const F3_ADD = 0x3000;
export const F3_SUB = 0x3800;
export const F3_LDR = 0x4800;
export const F4_AND = 0x4000;
export const F4_EOR = 0x4040;
export const F4_LSL = 0x4080;
export const F4_LSR = 0x40c0;
export const F4_ASR = 0x4100;
export const F4_CMP = 0x4280;
export const F4_NEG = 0x4240;
export const F4_ORR = 0x4300;
export const F4_MUL = 0x4340;
export const F4_MVN = 0x43c0;
export const F5_ADD = 0x4400;
export const F5_BX = 0x4700;
export const F7_LDR = 0x5800;
export const F7_STR = 0x5000;
export const F7_BYTE = 0x0400;
export const F8_LDRH = 0x5a00;
export const F8_STRH = 0x5200;
const F11_SXTH = 0xb200;

const unsignedFit7 = (x: number): boolean => x >>> 0 < 128;
const unsignedFit8 = (x: number): boolean => (x & 0xffffff00) === 0;
const unsignedFit16 = (x: number): boolean => (x & 0xffff0000) === 0;
export const signedFit9 = (x: number): boolean => {
  const m = (x & 0xffffff00) >>> 0;
  return m === 0 || m === 0xffffff00;
};
export const signedFit12 = (x: number): boolean => {
  const m = (x & 0xfffff800) >>> 0;
  return m === 0 || m === 0xfffff800;
};
export const signedFit23 = (x: number): boolean => {
  const m = (x & 0xffc00000) >>> 0;
  return m === 0 || m === 0xffc00000;
};

const opBN = (rel: number): number => 0xe000 | ((rel >> 1) & 0x07ff);
const opBccN = (cond: number, rel: number): number => 0xd000 | (cond << 8) | ((rel >> 1) & 0x00ff);
const opBccWHi = (cond: number, rel: number): number => 0xf000 | (cond << 6) | ((rel >> 10) & 0x0400) | ((rel >> 12) & 0x003f);
const opBccWLo = (rel: number): number => 0x8000 | ((rel >> 5) & 0x2000) | ((rel >> 8) & 0x0800) | ((rel >> 1) & 0x07ff);
const opBwHi = (rel: number): number => 0xf000 | ((rel >> 12) & 0x07ff);
const opBwLo = (rel: number): number => 0xb800 | ((rel >> 1) & 0x07ff);
const opPush = (rlist: number): number => 0xb400 | rlist;
const opPop = (rlist: number): number => 0xbc00 | rlist;

/** Leading/trailing zero counts of a 32-bit value. */
const clz32 = (x: number): number => Math.clz32(x);
const ctz32 = (x: number): number => (x === 0 ? 32 : 31 - Math.clz32(x & -x));

/** T1 load/store opcodes by access size (byte, halfword, word); | 1 makes the load. */
const LDR_STR_T1 = [0x0e, 0x10, 0x0c];

const ROLES: RegisterRoles = {
  RET: R0,
  ARG_1: R0,
  ARG_2: R1,
  ARG_3: R2,
  ARG_4: R3,
  TEMP0: R0,
  TEMP1: R1,
  TEMP2: R2,
  LOCAL_1: R4,
  LOCAL_2: 5,
  LOCAL_3: 6,
  FUN_TABLE: R7,
  PARENT_RET: R0,
  PARENT_ARG_1: R0,
  PARENT_ARG_2: R1,
  PARENT_ARG_3: R2,
  PARENT_ARG_4: R3,
};

/** ITE <cc> opcodes for the comparison table (unsigned then signed). */
const COMPARE_CC = [Cc.CC, Cc.HI, Cc.EQ, Cc.LS, Cc.CS, Cc.NE, Cc.LT, Cc.GT, Cc.EQ, Cc.LE, Cc.GE, Cc.NE];

export class AsmThumb extends Assembler {
  readonly wordSize = 4;
  readonly reg = ROLES;
  // mpy-cross reserves the larger FP register set for every ARM target so code runs on all of them
  readonly nlrBufNumRegs = 16;
  readonly nlrBufIdxLocal1 = 3;
  private pushReglist = 0;
  private stackAdjust = 0;

  /**
   * @param armv7m Thumb-2 available (armv7m, armv7em, armv7emsp, armv7emdp)
   * @param armStatePrelude armv6 (ARM state): functions start with a switch to Thumb state
   */
  constructor(
    readonly armv7m: boolean,
    private readonly armStatePrelude = false,
  ) {
    super();
  }

  // ---- raw encoders ----------------------------------------------------------------------------

  op16(op: number): void {
    const at = this.reserve(2);
    if (at >= 0) this.put16(at, op);
  }

  op32(op1: number, op2: number): void {
    const at = this.reserve(4);
    if (at >= 0) {
      this.put16(at, op1);
      this.put16(at + 2, op2);
    }
  }

  private put16(at: number, op: number): void {
    const code = this.getCode();
    code[at] = op & 0xff;
    code[at + 1] = (op >> 8) & 0xff;
  }

  format1(op: number, dest: number, src: number, offset: number): void {
    this.op16(op | (offset << 6) | (src << 3) | dest);
  }
  format2(op: number, dest: number, src: number, b: number): void {
    this.op16(op | (b << 6) | (src << 3) | dest);
  }
  format3(op: number, rlo: number, i8: number): void {
    this.op16(op | (rlo << 8) | i8);
  }
  format4(op: number, dest: number, src: number): void {
    this.op16(op | (src << 3) | dest);
  }
  format5(op: number, dest: number, src: number): void {
    this.op16(op | ((dest << 4) & 0x80) | (src << 3) | (dest & 7));
  }
  format78(op: number, dest: number, base: number, index: number): void {
    this.op16(op | (index << 6) | (base << 3) | dest);
  }
  format910(op: number, dest: number, base: number, offset: number): void {
    this.op16(op | ((offset << 6) & 0x07c0) | (base << 3) | dest);
  }

  movRlo8(rlo: number, i8: number): void {
    this.format3(F3_MOV, rlo, i8);
  }
  private lslI5(dest: number, src: number, shift: number): void {
    this.format1(F1_LSL, dest, src, shift);
  }
  private addRloI8(rlo: number, i8: number): void {
    this.format3(F3_ADD, rlo, i8);
  }
  private addRloRloRlo(dest: number, a: number, b: number): void {
    this.format2(F2_ADD, dest, a, b);
  }

  /** mov (any registers, format 5 high-register form) */
  movRegRegAny(dest: number, src: number): void {
    let lo = src < 8 ? src << 3 : 0x40 | ((src - 8) << 3);
    lo |= dest < 8 ? dest : 0x80 | (dest - 8);
    this.op16(0x4600 | lo);
  }

  /** movw/movt dest, #i16 (movw zero-extends) */
  movRegI16(movOp: number, dest: number, i16: number): void {
    this.op32(movOp | ((i16 >> 1) & 0x0400) | ((i16 >> 12) & 0xf), ((i16 << 4) & 0x7000) | (dest << 8) | (i16 & 0xff));
  }

  private movRloI16(dest: number, i16: number): void {
    this.movRlo8(dest, (i16 >> 8) & 0xff);
    this.lslI5(dest, dest, 8);
    this.addRloI8(dest, i16 & 0xff);
  }

  /** b.n to a label; false when out of range in the emit pass */
  bNLabel(label: number): boolean {
    const rel = this.labelDest(label) - this.codePos - 4;
    this.op16(opBN(rel));
    return !this.emittingPass || signedFit12(rel);
  }

  /** b<cc>.n / b<cc>.w to a label; false when out of range (or wide on ARMv6-M) */
  bccNwLabel(cond: number, label: number, wide: boolean): boolean {
    const rel = this.labelDest(label) - this.codePos - 4;
    if (!wide) {
      this.op16(opBccN(cond, rel));
      return !this.emittingPass || signedFit9(rel);
    }
    if (this.armv7m) {
      this.op32(opBccWHi(cond, rel), opBccWLo(rel));
      return true;
    }
    return false;
  }

  /** bl to a label; false when out of range */
  blLabel(label: number): boolean {
    const rel = this.labelDest(label) - this.codePos - 4;
    this.op32(0xf000 | ((rel >> 12) & 0x07ff), 0xf800 | ((rel >> 1) & 0x07ff));
    return !this.emittingPass || signedFit23(rel);
  }

  /** A full 32-bit constant: movw+movt, or (ARMv6-M) a pc-relative load of an inline word. */
  movRegI32(dest: number, i32: number): void {
    if (this.armv7m) {
      this.movRegI16(OP_MOVW, dest, i32);
      this.movRegI16(OP_MOVT, dest, i32 >>> 16);
    } else {
      // ldr dest, [pc, #0]; b over the word (aligned so that the load finds it)
      if (this.codePos & 2) this.op16(OP_NOP);
      this.format3(F3_LDR, dest, 0);
      this.op16(opBN(2));
      this.op16(i32 & 0xffff);
      this.op16(i32 >>> 16);
    }
  }

  /** The shortest sequence that loads a 32-bit constant. */
  movRegI32Optimised(dest: number, i32: number): void {
    i32 |= 0;
    if (dest < 8 && unsignedFit8(i32)) {
      this.movRlo8(dest, i32);
    } else if (this.armv7m) {
      if (unsignedFit16(i32)) this.movRegI16(OP_MOVW, dest, i32);
      else this.movRegI32(dest, i32);
    } else {
      // Thumb-1: a shifted byte, a 16-bit build-up, or the literal word; negated where shorter
      let negate = i32 < 0 && ((i32 + i32) | 0) !== 0;
      if (negate) i32 = -i32 | 0;
      const clz = clz32(i32);
      const ctz = i32 !== 0 ? ctz32(i32) : 0;
      if (clz + ctz >= 24) {
        this.movRlo8(dest, (i32 >>> ctz) & 0xff);
        this.lslI5(dest, dest, ctz);
      } else if (unsignedFit16(i32)) {
        this.movRloI16(dest, i32);
      } else {
        if (negate) {
          negate = false;
          i32 = -i32 | 0;
        }
        this.movRegI32(dest, i32);
      }
      if (negate) this.format4(F4_NEG, dest, dest);
    }
  }

  /** reg_dest = reg_base + (offset << shift), for offsets the load/store forms cannot hold */
  private addRegRegOffset(dest: number, base: number, offset: number, shift: number): void {
    const scaled = (offset << shift) >>> 0;
    if (scaled < 256) {
      if (dest !== base) this.movRegRegAny(dest, base);
      this.addRloI8(dest, scaled);
    } else if (unsignedFit8(offset) && dest !== base) {
      this.movRlo8(dest, offset);
      this.lslI5(dest, dest, shift);
      this.addRloRloRlo(dest, dest, base);
    } else if (dest !== base) {
      this.movRegI32Optimised(dest, scaled);
      this.addRloRloRlo(dest, dest, base);
    } else {
      const other = dest ^ 7;
      this.op16(opPush(1 << other));
      this.movRegI32Optimised(other, scaled);
      this.addRloRloRlo(dest, dest, other);
      this.op16(opPop(1 << other));
    }
  }

  /** ldr/ldrh/ldrb dest, [base, #offset] (offset in units of the access size, 0..2 = 8/16/32-bit) */
  loadRegRegOffsetSized(dest: number, base: number, offset: number, size: number): void {
    const t1 = LDR_STR_T1[size] as number;
    if (offset >>> 0 < 32 && dest < 8 && base < 8) {
      this.op16(((t1 | 1) << 11) | (offset << 6) | (base << 3) | dest);
    } else if (this.armv7m && (offset << size) >>> 0 < 4096) {
      this.op32(0xf880 | (size << 5) | base | 0x10, (dest << 12) | (offset << size));
    } else {
      this.addRegRegOffset(dest, base, offset - 31, size);
      this.op16(((t1 | 1) << 11) | (31 << 6) | (dest << 3) | dest);
    }
  }

  storeRegRegOffsetSized(src: number, base: number, offset: number, size: number): void {
    const t1 = LDR_STR_T1[size] as number;
    if (offset >>> 0 < 32 && src < 8 && base < 8) {
      this.op16((t1 << 11) | (offset << 6) | (base << 3) | src);
    } else if (this.armv7m && (offset << size) >>> 0 < 4096) {
      this.op32(0xf880 | (size << 5) | base, (src << 12) | (offset << size));
    } else {
      this.op16(opPush(1 << base));
      this.addRegRegOffset(base, base, offset - 31, size);
      this.op16((t1 << 11) | (31 << 6) | (base << 3) | src);
      this.op16(opPop(1 << base));
    }
  }

  /** b<cc> with a byte offset from this instruction (fixed-size local branches) */
  bccRel9(cond: number, rel: number): void {
    this.op16(opBccN(cond, rel - 4));
  }
  bRel12(rel: number): void {
    this.op16(opBN(rel - 4));
  }

  // ---- the generic API -------------------------------------------------------------------------

  entry(numLocals: number): void {
    if (this.armStatePrelude) {
      // run from ARM state: switch to Thumb for the duration of the function
      this.op32(0x4010, 0xe92d); // push {r4, lr}
      this.op32(0xe009, 0xe28f); // add lr, pc, 8 + 1
      this.op32(0xff3e, 0xe12f); // blx lr
      this.op32(0x4010, 0xe8bd); // pop {r4, lr}
      this.op32(0xff1e, 0xe12f); // bx lr
    }
    // push r1-r3 as well (never r0, the return value) so that small frames need no sp adjustment;
    // the frame stays 8-byte aligned
    let reglist: number;
    let stackAdjust = 0;
    if (numLocals <= 1) reglist = 0xf2;
    else if (numLocals <= 3) reglist = 0xfe;
    else {
      reglist = 0xfe;
      stackAdjust = (numLocals - 3 + 1) & ~1;
    }
    this.op16(opPush(reglist) | 0x100);
    if (stackAdjust > 0) this.adjustSp(0xb080, 0xf2a0, stackAdjust);
    this.pushReglist = reglist;
    this.stackAdjust = stackAdjust;
  }

  /** sub/add sp by a number of words (16-bit forms only on ARMv6-M) */
  private adjustSp(op16: number, opW: number, words: number): void {
    if (this.armv7m) {
      if (unsignedFit7(words)) this.op16(op16 | words);
      else {
        const imm = words * 4;
        this.op32(opW | SP, ((imm << 4) & 0x7000) | (SP << 8) | (imm & 0xff));
      }
    } else {
      let adj = words;
      while (!unsignedFit7(adj)) {
        this.op16(op16 | 127);
        adj -= 127;
      }
      this.op16(op16 | adj);
    }
  }

  exit(): void {
    if (this.stackAdjust > 0) this.adjustSp(0xb000, 0xf200, this.stackAdjust);
    this.op16(opPop(this.pushReglist) | 0x100);
  }

  jump(label: number): void {
    const dest = this.labelDest(label);
    let rel = dest - this.codePos - 4;
    if (dest !== -1 && rel <= -4 && signedFit12(rel)) {
      // a backward jump's size is known in every pass
      this.op16(opBN(rel));
      return;
    }
    if (this.armv7m) {
      this.op32(opBwHi(rel), opBwLo(rel));
      return;
    }
    // Thumb-1: the same size whatever rel is (forward targets are unknown in the compute passes)
    const needAlign = (this.codePos & 2) !== 0;
    if (signedFit12(rel)) {
      this.op16(opBN(rel));
      this.op16(OP_NOP);
      this.op16(OP_NOP);
      this.op16(OP_NOP);
      if (needAlign) this.op16(OP_NOP);
    } else {
      // ldr r1, [pc, #0]; add pc, r1; .word rel (r0 may hold the return value)
      rel -= 2;
      if (needAlign) {
        this.op16(OP_NOP);
        rel -= 2;
      }
      this.format3(F3_LDR, R1, 0);
      this.format5(F5_ADD, PC, R1);
      this.op16(rel & 0xffff);
      this.op16((rel >> 16) & 0xffff);
    }
  }

  /** Conditional branch to a label (Thumb-1: an inverted short branch over a long jump). */
  bccLabel(cond: number, label: number): void {
    const dest = this.labelDest(label);
    const rel = dest - this.codePos - 4;
    if (dest !== -1 && rel <= -4 && signedFit9(rel)) {
      this.op16(opBccN(cond, rel));
      return;
    }
    if (this.armv7m) {
      this.op32(opBccWHi(cond, rel), opBccWLo(rel));
      return;
    }
    const start = this.codePos;
    const at = this.reserve(2);
    this.jump(label);
    const skip = this.codePos - start;
    if (at >= 0) this.put16(at, opBccN(cond ^ 1, skip - 4));
  }

  jumpIfRegZero(reg: number, label: number): void {
    this.format3(F3_CMP, reg, 0);
    this.bccLabel(Cc.EQ, label);
  }
  jumpIfRegNonzero(reg: number, label: number): void {
    this.format3(F3_CMP, reg, 0);
    this.bccLabel(Cc.NE, label);
  }
  jumpIfRegEq(reg1: number, reg2: number, label: number): void {
    this.format4(F4_CMP, reg1, reg2);
    this.bccLabel(Cc.EQ, label);
  }
  jumpReg(reg: number): void {
    this.format5(F5_BX, 0, reg);
  }

  /** blx through mp_fun_table[funId], the address loaded into `temp` */
  blInd(funId: number, temp: number): void {
    this.loadRegRegOffsetSized(temp, R7, funId, 2);
    this.op16(0x4780 | (temp << 3));
  }
  callInd(funId: number): void {
    this.blInd(funId, R3);
  }
  override callIndSetupCodeState(funId: number): void {
    // r3 holds the fourth argument of mp_setup_code_state
    this.blInd(funId, R4);
  }

  private checkLocal(wordOffset: number): void {
    if (this.emittingPass && !unsignedFit8(wordOffset)) {
      throw new CompileError('NotImplementedError', 'too many locals for native method', undefined, undefined);
    }
  }
  movLocalReg(local: number, src: number): void {
    this.checkLocal(local);
    this.op16(0x9000 | (src << 8) | (local & 0xff));
  }
  movRegLocal(dest: number, local: number): void {
    this.checkLocal(local);
    this.op16(0x9800 | (dest << 8) | (local & 0xff));
  }
  movRegImm(dest: number, imm: bigint): void {
    this.movRegI32Optimised(dest, Number(BigInt.asIntN(32, imm)));
  }
  movRegReg(dest: number, src: number): void {
    this.movRegRegAny(dest, src);
  }
  movRegLocalAddr(dest: number, local: number): void {
    this.op16(0xa800 | (dest << 8) | (local & 0xff));
  }
  movRegPcrel(dest: number, label: number): void {
    // bit 0 set: stay in Thumb state when jumping to the address
    let rel = (this.labelDest(label) - this.codePos) | 1;
    if (this.armv7m) {
      rel -= 6 + 4;
      this.movRegI16(OP_MOVW, dest, rel);
    } else {
      rel -= 8 + 4;
      this.movRloI16(dest, rel);
    }
    // (sign-extension keeps every variant the same size)
    this.op16(F11_SXTH | (dest << 3) | dest);
    this.format5(F5_ADD, dest, PC);
  }

  override notReg(reg: number): void {
    this.format4(F4_MVN, reg, reg);
  }
  negReg(reg: number): void {
    this.format4(F4_NEG, reg, reg);
  }
  override lslRegReg(dest: number, src: number): void {
    this.format4(F4_LSL, dest, src);
  }
  override lsrRegReg(dest: number, src: number): void {
    this.format4(F4_LSR, dest, src);
  }
  override asrRegReg(dest: number, src: number): void {
    this.format4(F4_ASR, dest, src);
  }
  orRegReg(dest: number, src: number): void {
    this.format4(F4_ORR, dest, src);
  }
  xorRegReg(dest: number, src: number): void {
    this.format4(F4_EOR, dest, src);
  }
  andRegReg(dest: number, src: number): void {
    this.format4(F4_AND, dest, src);
  }
  addRegReg(dest: number, src: number): void {
    this.addRloRloRlo(dest, dest, src);
  }
  subRegReg(dest: number, src: number): void {
    this.format2(F2_SUB, dest, dest, src);
  }
  mulRegReg(dest: number, src: number): void {
    this.format4(F4_MUL, dest, src);
  }
  clrReg(dest: number): void {
    this.movRlo8(dest, 0);
  }

  setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void {
    const cc = COMPARE_CC[opIdx] as number;
    this.format4(F4_CMP, lhs, rhs);
    if (this.armv7m) {
      // ite <cc>; mov dest, #1; mov dest, #0
      this.op16(0xbf00 | (cc << 4) | ((~cc & 1) << 3) | 0x4);
      this.movRlo8(dest, 1);
      this.movRlo8(dest, 0);
    } else {
      this.bccRel9(cc, 6);
      this.movRlo8(dest, 0);
      this.bRel12(4);
      this.movRlo8(dest, 1);
    }
  }

  loadRegRegOffset(dest: number, base: number, wordOffset: number): void {
    this.loadRegRegOffsetSized(dest, base, wordOffset, 2);
  }
  storeRegRegOffset(src: number, base: number, wordOffset: number): void {
    this.storeRegRegOffsetSized(src, base, wordOffset, 2);
  }
  override load8RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadRegRegOffsetSized(dest, base, offset, 0);
  }
  load16RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadRegRegOffsetSized(dest, base, offset, 1);
  }
  override load32RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadRegRegOffsetSized(dest, base, offset, 2);
  }
  override store8RegRegOffset(src: number, base: number, offset: number): void {
    this.storeRegRegOffsetSized(src, base, offset, 0);
  }
  override store16RegRegOffset(src: number, base: number, offset: number): void {
    this.storeRegRegOffsetSized(src, base, offset, 1);
  }
  override store32RegRegOffset(src: number, base: number, offset: number): void {
    this.storeRegRegOffsetSized(src, base, offset, 2);
  }
  load8RegReg(dest: number, base: number): void {
    this.load8RegRegOffset(dest, base, 0);
  }
  load16RegReg(dest: number, base: number): void {
    this.load16RegRegOffset(dest, base, 0);
  }
  load32RegReg(dest: number, base: number): void {
    this.load32RegRegOffset(dest, base, 0);
  }
  store8RegReg(src: number, base: number): void {
    this.store8RegRegOffset(src, base, 0);
  }
  store16RegReg(src: number, base: number): void {
    this.store16RegRegOffset(src, base, 0);
  }
  store32RegReg(src: number, base: number): void {
    this.store32RegRegOffset(src, base, 0);
  }
  override load8RegRegReg(dest: number, base: number, index: number): void {
    this.format78(F7_LDR | F7_BYTE, dest, base, index);
  }
  override load16RegRegReg(dest: number, base: number, index: number): void {
    // the scaled index goes through REG_TEMP2
    this.lslI5(R2, index, 1);
    this.format78(F8_LDRH, dest, base, R2);
  }
  override load32RegRegReg(dest: number, base: number, index: number): void {
    this.lslI5(R2, index, 2);
    this.format78(F7_LDR, dest, base, R2);
  }
  override store8RegRegReg(src: number, base: number, index: number): void {
    this.format78(F7_STR | F7_BYTE, src, base, index);
  }
  override store16RegRegReg(src: number, base: number, index: number): void {
    // the index register is scaled in place, so it is saved around the store
    this.op16(opPush(1 << index));
    this.lslI5(index, index, 1);
    this.format78(F8_STRH, src, base, index);
    this.op16(opPop(1 << index));
  }
  override store32RegRegReg(src: number, base: number, index: number): void {
    this.op16(opPush(1 << index));
    this.lslI5(index, index, 2);
    this.format78(F7_STR, src, base, index);
    this.op16(opPop(1 << index));
  }
}
