// Xtensa assembler for the native emitter (the encodings upstream's py/asmxtensa.c produces), in two
// ABIs: call0 (ESP8266, -march=xtensa) and windowed (ESP32, -march=xtensawin).
//
// call0: arguments in a2-a7, result in a2, return address in a0; a12-a15 are callee-saved (a12/a13
// locals, a14 = qstr table, a15 = mp_fun_table) and saved in the frame with a0.
// windowed (window size 8): the function's own arguments arrive in a2-a5 and a0-a7 are preserved by
// the window shift; calls (callx8) pass arguments in a10-a13 and find the result in a10. a4/a5 hold
// locals, a6 the qstr table, a7 mp_fun_table.
//
// Xtensa has no 32-bit immediate moves: constants that do not fit movi are placed in a table at the
// start of the function (jumped over) and loaded pc-relative with l32r. The table's size is the
// number of constants the previous pass used, so it is known when the entry code is emitted.
import { CompileError } from '../errors.js';
import { Assembler, type RegisterRoles } from './asm.js';

export const A0 = 0;
export const A1 = 1;
const A7 = 7;
const A8 = 8;
const A9 = 9;
const A11 = 11;
const A15 = 15;

/** Conditions of bcc/setcc. */
export const enum XCc {
  NONE = 0,
  EQ = 1,
  LT = 2,
  LTU = 3,
  ALL = 4,
  BC = 5,
  ANY = 8,
  NE = 9,
  GE = 10,
  GEU = 11,
  NALL = 12,
  BS = 13,
}
/** Conditions of bccz. */
export const enum XCcz {
  EQ = 0,
  NE = 1,
  LT = 2,
  GE = 3,
}

export const encRRR = (op0: number, op1: number, op2: number, r: number, s: number, t: number): number =>
  ((op2 << 20) | (op1 << 16) | (r << 12) | (s << 8) | (t << 4) | op0) >>> 0;
export const encRRI8 = (op0: number, r: number, s: number, t: number, imm8: number): number =>
  ((imm8 << 16) | (r << 12) | (s << 8) | (t << 4) | op0) >>> 0;
export const encRI16 = (op0: number, t: number, imm16: number): number => ((imm16 << 8) | (t << 4) | op0) >>> 0;
export const encCall = (op0: number, n: number, offset: number): number => ((offset << 6) | (n << 4) | op0) >>> 0;
export const encCallx = (op0: number, op1: number, op2: number, r: number, s: number, m: number, n: number): number =>
  ((op2 << 20) | (op1 << 16) | (r << 12) | (s << 8) | (m << 6) | (n << 4) | op0) >>> 0;
export const encBRI12 = (op0: number, s: number, m: number, n: number, imm12: number): number =>
  ((imm12 << 12) | (s << 8) | (m << 6) | (n << 4) | op0) >>> 0;
export const encRRRN = (op0: number, r: number, s: number, t: number): number => (r << 12) | (s << 8) | (t << 4) | op0;
export const encRI7 = (op0: number, s: number, imm7: number): number => ((imm7 & 0xf) << 12) | (s << 8) | (imm7 & 0x70) | op0;

const fits = (x: number, mask: number): boolean => {
  const m = (x & mask) >>> 0;
  return m === 0 || m === mask >>> 0;
};
export const signedFit8 = (x: number): boolean => fits(x, 0xffffff80);
export const signedFit12 = (x: number): boolean => fits(x, 0xfffff800);
export const signedFit18 = (x: number): boolean => fits(x, 0xfffe0000);

const CALL0_ROLES: RegisterRoles = {
  RET: 2,
  ARG_1: 2,
  ARG_2: 3,
  ARG_3: 4,
  ARG_4: 5,
  TEMP0: 2,
  TEMP1: 3,
  TEMP2: 4,
  LOCAL_1: 12,
  LOCAL_2: 13,
  LOCAL_3: 14,
  FUN_TABLE: A15,
  PARENT_RET: 2,
  PARENT_ARG_1: 2,
  PARENT_ARG_2: 3,
  PARENT_ARG_3: 4,
  PARENT_ARG_4: 5,
};

const WIN_ROLES: RegisterRoles = {
  RET: 10,
  ARG_1: 10,
  ARG_2: 11,
  ARG_3: 12,
  ARG_4: 13,
  TEMP0: 10,
  TEMP1: 11,
  TEMP2: 12,
  LOCAL_1: 4,
  LOCAL_2: 5,
  LOCAL_3: 6,
  FUN_TABLE: A7,
  PARENT_RET: 2,
  PARENT_ARG_1: 2,
  PARENT_ARG_2: 3,
  PARENT_ARG_3: 4,
  PARENT_ARG_4: 5,
};

/** Comparison conditions (unsigned then signed); 0x80 = swap the operands. */
const COMPARE_CC = [
  XCc.LTU, 0x80 | XCc.LTU, XCc.EQ, 0x80 | XCc.GEU, XCc.GEU, XCc.NE,
  XCc.LT, 0x80 | XCc.LT, XCc.EQ, 0x80 | XCc.GE, XCc.GE, XCc.NE,
];

export class AsmXtensa extends Assembler {
  readonly wordSize = 4;
  readonly reg: RegisterRoles;
  readonly nlrBufNumRegs: number;
  readonly nlrBufIdxLocal1: number;
  override readonly nlrSetjmp: boolean;
  /** words at the bottom of the frame holding saved registers (a0, and a12-a15 in call0) */
  private readonly numRegsSaved: number;
  /** internal scratch register of far stores (a6) */
  private readonly regTemp: number;
  private curConst = 0;
  private numConst = 0;
  private constTableOffset = -1;
  private stackAdjust = 0;

  constructor(readonly windowed: boolean) {
    super();
    this.reg = windowed ? WIN_ROLES : CALL0_ROLES;
    this.nlrBufNumRegs = windowed ? 17 : 10;
    this.nlrBufIdxLocal1 = windowed ? 2 + 4 : 8;
    this.nlrSetjmp = windowed;
    this.numRegsSaved = windowed ? 1 : 5;
    // upstream picks the windowed temporary (a12) with a macro that asmxtensa.c never sees, so far
    // stores use a6 in both ABIs (on xtensawin a6 is REG_LOCAL_3, the qstr table: kept as upstream)
    this.regTemp = 6;
  }

  // ---- raw encoders ----------------------------------------------------------------------------

  op16(op: number): void {
    this.bytes(op, op >> 8);
  }
  op24(op: number): void {
    this.bytes(op, op >> 8, op >> 16);
  }

  opAddN(dest: number, a: number, b: number): void {
    this.op16(encRRRN(10, dest, a, b));
  }
  opAddi(dest: number, src: number, imm8: number): void {
    this.op24(encRRI8(2, 12, src, dest, imm8 & 0xff));
  }
  opBcc(cond: number, r1: number, r2: number, rel8: number): void {
    this.op24(encRRI8(7, cond, r1, r2, rel8 & 0xff));
  }
  opBccz(cond: number, r: number, rel12: number): void {
    this.op24(encBRI12(6, r, cond, 1, rel12 & 0xfff));
  }
  opCall0(rel18: number): void {
    this.op24(encCall(5, 0, rel18 & 0x3ffff));
  }
  opJ(rel18: number): void {
    this.op24(encCall(6, 0, rel18 & 0x3ffff));
  }
  opL32iN(dest: number, base: number, off: number): void {
    this.op16(encRRRN(8, off & 0xf, base, dest));
  }
  opS32iN(src: number, base: number, off: number): void {
    this.op16(encRRRN(9, off & 0xf, base, src));
  }
  opL32r(dest: number, opOff: number, destOff: number): void {
    this.op24(encRI16(1, dest, ((destOff - ((opOff + 3) & ~3)) >>> 2) & 0xffff));
  }
  opMovi(dest: number, imm12: number): void {
    this.op24(encRRI8(2, 10, (imm12 >> 8) & 0xf, dest, imm12 & 0xff));
  }
  opMoviN(dest: number, imm7: number): void {
    this.op16(encRI7(12, dest, imm7));
  }
  private opRrr(op2: number, dest: number, a: number, b: number): void {
    this.op24(encRRR(0, 0, op2, dest, a, b));
  }

  /** A constant from the function's constant table (l32r). */
  movRegI32(dest: number, i32: number): void {
    const loc = this.constTableOffset + this.curConst * 4;
    this.opL32r(dest, this.codePos, loc);
    const at = this.constTableOffset + this.curConst * 4;
    if (this.emittingPass && this.constTableOffset >= 0) {
      const code = this.getCode();
      for (let i = 0; i < 4; i++) code[at + i] = (i32 >>> (8 * i)) & 0xff;
    }
    this.curConst++;
  }

  movRegI32Optimised(dest: number, i32: number): void {
    i32 |= 0;
    if (-32 <= i32 && i32 <= 95) this.opMoviN(dest, i32);
    else if (signedFit12(i32)) this.opMovi(dest, i32);
    else this.movRegI32(dest, i32);
  }

  /** Offset of a label relative to the next instruction's pc+4, or undefined when not known. */
  private backwardRel(label: number): { known: boolean; rel: number } {
    const dest = this.labelDest(label);
    const rel = dest - this.codePos - 4;
    return { known: dest !== -1 && rel < 0, rel };
  }

  bcczLabel(cond: number, reg: number, label: number): void {
    const { known, rel } = this.backwardRel(label);
    if (known && signedFit12(rel)) {
      this.opBccz(cond, reg, rel);
      return;
    }
    if (this.emittingPass && !signedFit18(rel - 6)) throw new CompileError('RuntimeError', 'ERROR: xtensa bccz out of range', undefined, undefined);
    // the inverted condition skips a j
    this.opBccz(cond ^ 1, reg, 6 - 4);
    this.opJ(rel - 3);
  }

  bccLabel(cond: number, r1: number, r2: number, label: number): void {
    const { known, rel } = this.backwardRel(label);
    if (known && signedFit8(rel)) {
      this.opBcc(cond, r1, r2, rel);
      return;
    }
    if (this.emittingPass && !signedFit18(rel - 6)) throw new CompileError('RuntimeError', 'ERROR: xtensa bcc out of range', undefined, undefined);
    this.opBcc(cond ^ 8, r1, r2, 6 - 4);
    this.opJ(rel - 3);
  }

  private l32iOptimised(dest: number, base: number, wordOffset: number): void {
    if (wordOffset < 16) this.opL32iN(dest, base, wordOffset);
    else if (wordOffset < 256) this.op24(encRRI8(2, 2, base, dest, wordOffset));
    else {
      this.movRegI32Optimised(dest, wordOffset * 4);
      this.opAddN(dest, base, dest);
      this.opL32iN(dest, dest, 0);
    }
  }

  /** l8ui/l16ui/l32i by access size 0..2 */
  loadSized(dest: number, base: number, offset: number, size: number): void {
    if (size === 2 && offset >>> 0 < 16) {
      this.opL32iN(dest, base, offset);
      return;
    }
    if (offset >>> 0 < 256) {
      this.op24(encRRI8(2, size, base, dest, offset));
      return;
    }
    this.movRegI32Optimised(dest, offset << size);
    this.opAddN(dest, base, dest);
    if (size === 2) this.opL32iN(dest, dest, 0);
    else this.op24(encRRI8(2, size, dest, dest, 0));
  }

  storeSized(src: number, base: number, offset: number, size: number): void {
    if (size === 2 && offset >>> 0 < 16) {
      this.opS32iN(src, base, offset);
      return;
    }
    if (offset >>> 0 < 256) {
      this.op24(encRRI8(2, 4 | size, base, src, offset));
      return;
    }
    const t = this.regTemp;
    this.movRegI32Optimised(t, offset << size);
    this.opAddN(t, base, t);
    if (size === 2) this.opS32iN(src, t, 0);
    else this.op24(encRRI8(2, 4 | size, t, src, 0));
  }

  // ---- the generic API -------------------------------------------------------------------------

  entry(numLocals: number): void {
    if (this.numConst > 0) {
      // jump over the constant table (after one padding byte, the table is word-aligned)
      this.opJ(this.numConst * 4 + 4 - 4);
      this.reserve(1);
      const at = this.reserve(this.numConst * 4);
      this.constTableOffset = at >= 0 ? at : this.codePos - this.numConst * 4;
    }
    if (this.windowed) {
      this.stackAdjust = 32 + (((this.numRegsSaved + numLocals) * 4 + 15) & ~15);
      this.op24(encBRI12(6, A1, 0, 3, (this.stackAdjust / 8) & 0xfff));
      this.opS32iN(A0, A1, 0);
      return;
    }
    // room for a0, a12-a15 and the locals, 16-byte aligned
    this.stackAdjust = ((this.numRegsSaved + numLocals) * 4 + 15) & ~15;
    if (signedFit8(-this.stackAdjust)) {
      this.opAddi(A1, A1, -this.stackAdjust);
    } else {
      this.opMovi(A9, this.stackAdjust);
      this.opRrr(12, A1, A1, A9);
    }
    this.opS32iN(A0, A1, 0);
    for (let i = 1; i < this.numRegsSaved; i++) this.opS32iN(A11 + i, A1, i);
  }

  exit(): void {
    if (this.windowed) {
      this.opL32iN(A0, A1, 0);
      this.op16(encRRRN(13, 15, 0, 1)); // retw.n
      return;
    }
    for (let i = this.numRegsSaved - 1; i >= 1; i--) this.opL32iN(A11 + i, A1, i);
    this.opL32iN(A0, A1, 0);
    if (signedFit8(this.stackAdjust)) {
      this.opAddi(A1, A1, this.stackAdjust);
    } else {
      this.opMovi(A9, this.stackAdjust);
      this.opAddN(A1, A1, A9);
    }
    this.op16(encRRRN(13, 15, 0, 0)); // ret.n
  }

  override endPass(): void {
    this.numConst = this.curConst;
    this.curConst = 0;
  }

  jump(label: number): void {
    this.opJ(this.labelDest(label) - this.codePos - 4);
  }
  jumpIfRegZero(reg: number, label: number): void {
    this.bcczLabel(XCcz.EQ, reg, label);
  }
  jumpIfRegNonzero(reg: number, label: number): void {
    this.bcczLabel(XCcz.NE, reg, label);
  }
  jumpIfRegEq(reg1: number, reg2: number, label: number): void {
    this.bccLabel(XCc.EQ, reg1, reg2, label);
  }
  jumpReg(reg: number): void {
    this.op24(encCallx(0, 0, 0, 0, reg, 2, 2)); // jx
  }
  callInd(funId: number): void {
    if (this.windowed) {
      this.l32iOptimised(A8, A7, funId);
      this.op24(encCallx(0, 0, 0, 0, A8, 3, 2)); // callx8
    } else {
      this.l32iOptimised(A0, A15, funId);
      this.op24(encCallx(0, 0, 0, 0, A0, 3, 0)); // callx0
    }
  }
  movLocalReg(local: number, src: number): void {
    this.op24(encRRI8(2, 6, A1, src, (this.numRegsSaved + local) & 0xff));
  }
  movRegLocal(dest: number, local: number): void {
    this.op24(encRRI8(2, 2, A1, dest, (this.numRegsSaved + local) & 0xff));
  }
  movRegImm(dest: number, imm: bigint): void {
    this.movRegI32Optimised(dest, Number(BigInt.asIntN(32, imm)));
  }
  movRegReg(dest: number, src: number): void {
    this.op16(encRRRN(13, 0, src, dest));
  }
  movRegLocalAddr(dest: number, local: number): void {
    const off = (this.numRegsSaved + local) * 4;
    if (signedFit8(off)) {
      this.opAddi(dest, A1, off);
    } else {
      this.opMovi(dest, off);
      this.opAddN(dest, dest, A1);
    }
  }
  movRegPcrel(dest: number, label: number): void {
    // movi dest, rel; call0 to the next aligned word (a0 = pc); add dest, dest, a0
    const rel = this.labelDest(label) - this.codePos - (3 + 3);
    this.opMovi(dest, rel);
    const off = (this.codePos >> 1) & 1;
    const pad = (5 - this.codePos) & 3;
    this.opCall0(off);
    this.reserve(pad);
    this.opAddN(dest, dest, A0);
  }

  negReg(reg: number): void {
    this.op24(encRRR(0, 0, 6, reg, 0, reg));
  }
  override lslRegReg(dest: number, src: number): void {
    this.op24(encRRR(0, 0, 4, 1, src, 0)); // ssl
    this.op24(encRRR(0, 1, 10, dest, dest, 0)); // sll
  }
  override lsrRegReg(dest: number, src: number): void {
    this.op24(encRRR(0, 0, 4, 0, src, 0)); // ssr
    this.op24(encRRR(0, 1, 9, dest, 0, dest)); // srl
  }
  override asrRegReg(dest: number, src: number): void {
    this.op24(encRRR(0, 0, 4, 0, src, 0)); // ssr
    this.op24(encRRR(0, 1, 11, dest, 0, dest)); // sra
  }
  orRegReg(dest: number, src: number): void {
    this.opRrr(2, dest, dest, src);
  }
  xorRegReg(dest: number, src: number): void {
    this.opRrr(3, dest, dest, src);
  }
  andRegReg(dest: number, src: number): void {
    this.opRrr(1, dest, dest, src);
  }
  addRegReg(dest: number, src: number): void {
    this.opAddN(dest, dest, src);
  }
  subRegReg(dest: number, src: number): void {
    this.opRrr(12, dest, dest, src);
  }
  mulRegReg(dest: number, src: number): void {
    this.op24(encRRR(0, 2, 8, dest, dest, src)); // mull
  }
  clrReg(dest: number): void {
    this.opMoviN(dest, 0);
  }

  setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void {
    const cc = COMPARE_CC[opIdx] as number;
    const [a, b] = (cc & 0x80) === 0 ? [lhs, rhs] : [rhs, lhs];
    // movi.n dest, 1; b<cc> a, b, +1 (skips the next movi.n); movi.n dest, 0
    this.opMoviN(dest, 1);
    this.opBcc(cc & 0x7f, a, b, 1);
    this.opMoviN(dest, 0);
  }

  loadRegRegOffset(dest: number, base: number, wordOffset: number): void {
    this.loadSized(dest, base, wordOffset, 2);
  }
  storeRegRegOffset(src: number, base: number, wordOffset: number): void {
    this.storeSized(src, base, wordOffset, 2);
  }
  override load8RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadSized(dest, base, offset, 0);
  }
  load16RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadSized(dest, base, offset, 1);
  }
  override load32RegRegOffset(dest: number, base: number, offset: number): void {
    this.loadSized(dest, base, offset, 2);
  }
  override store8RegRegOffset(src: number, base: number, offset: number): void {
    this.storeSized(src, base, offset, 0);
  }
  override store16RegRegOffset(src: number, base: number, offset: number): void {
    this.storeSized(src, base, offset, 1);
  }
  override store32RegRegOffset(src: number, base: number, offset: number): void {
    this.storeSized(src, base, offset, 2);
  }
  load8RegReg(dest: number, base: number): void {
    this.loadSized(dest, base, 0, 0);
  }
  load16RegReg(dest: number, base: number): void {
    this.loadSized(dest, base, 0, 1);
  }
  load32RegReg(dest: number, base: number): void {
    this.loadSized(dest, base, 0, 2);
  }
  store8RegReg(src: number, base: number): void {
    this.storeSized(src, base, 0, 0);
  }
  store16RegReg(src: number, base: number): void {
    this.storeSized(src, base, 0, 1);
  }
  store32RegReg(src: number, base: number): void {
    this.storeSized(src, base, 0, 2);
  }
  // indexed forms: the base register is advanced by the scaled index (addx2/addx4), then accessed
  override load8RegRegReg(dest: number, base: number, index: number): void {
    this.opAddN(base, index, base);
    this.op24(encRRI8(2, 0, base, dest, 0));
  }
  override load16RegRegReg(dest: number, base: number, index: number): void {
    this.opRrr(9, base, index, base);
    this.op24(encRRI8(2, 1, base, dest, 0));
  }
  override load32RegRegReg(dest: number, base: number, index: number): void {
    this.opRrr(10, base, index, base);
    this.opL32iN(dest, base, 0);
  }
  override store8RegRegReg(src: number, base: number, index: number): void {
    this.opAddN(base, index, base);
    this.op24(encRRI8(2, 4, base, src, 0));
  }
  override store16RegRegReg(src: number, base: number, index: number): void {
    this.opRrr(9, base, index, base);
    this.op24(encRRI8(2, 5, base, src, 0));
  }
  override store32RegRegReg(src: number, base: number, index: number): void {
    this.opRrr(10, base, index, base);
    this.opS32iN(src, base, 0);
  }
}
