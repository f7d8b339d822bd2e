// RISC-V RV32IMC assembler for the native emitter (the encodings upstream's py/asmrv32.c produces),
// with the optional Zba (sh1add/sh2add for scaled indexing) and Zcmp (cm.push/cm.popret frames)
// extensions that -march-flags enables.
//
// Calling convention: arguments a0-a3, result a0; s1 = mp_fun_table, s2/s3 locals, s4 qstr table;
// t1-t3 temporaries (t3 also the scratch of long jumps and far offsets); x0 reads as zero.
// Compressed (RVC) forms are used whenever the registers are in the x8-x15 window and the offset fits.
//
// The callee-saved register set grows as the code needs registers (ra once a call is made, s0 once a
// call uses the compressed load through it). The set lives in the assembler for the whole compilation,
// as upstream's does, so each function's frame has the registers known when its entry is emitted.
import { Assembler, type RegisterRoles } from './asm.js';

export const ZERO = 0;
export const RA = 1;
export const SP = 2;
const S0 = 8;
const A0 = 10;
const T1 = 6;
const T2 = 7;
const T3 = 28;
const S1 = 9;
const S2 = 18;
const S3 = 19;
const S4 = 20;

/** -march-flags bits (asm_rv32_backend_options_t.allowed_extensions). */
export const RV32_EXT_ZBA = 1;
export const RV32_EXT_ZCMP = 2;

// ---- instruction encodings (32-bit and compressed) ------------------------------------------------

export const encB = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  (op & 0x7f) | ((f3 & 7) << 12) | ((imm & 0x800) >> 4) | ((imm & 0x1e) << 7) | ((rs1 & 0x1f) << 15) |
  ((rs2 & 0x1f) << 20) | ((imm & 0x7e0) << 20) | ((imm & 0x1000) << 19);
export const encCsrI = (op: number, f3: number, rd: number, csr: number, imm: number): number =>
  (op & 0x7f) | ((rd & 0x1f) << 7) | ((f3 & 7) << 12) | ((csr & 0xfff) << 20) | ((imm & 0x1f) << 15);
export const encI = (op: number, f3: number, rd: number, rs: number, imm: number): number =>
  (op & 0x7f) | ((rd & 0x1f) << 7) | ((f3 & 7) << 12) | ((rs & 0x1f) << 15) | ((imm & 0xfff) << 20);
export const encJ = (op: number, rd: number, imm: number): number =>
  (op & 0x7f) | ((rd & 0x1f) << 7) | (imm & 0xff000) | ((imm & 0x800) << 9) | ((imm & 0x7fe) << 20) | ((imm & 0x100000) << 11);
export const encR = (op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  (op & 0x7f) | ((rd & 0x1f) << 7) | ((f3 & 7) << 12) | ((rs1 & 0x1f) << 15) | ((rs2 & 0x1f) << 20) | ((f7 & 0x7f) << 25);
export const encS = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  (op & 0x7f) | ((imm & 0x1f) << 7) | ((f3 & 7) << 12) | ((rs1 & 0x1f) << 15) | ((rs2 & 0x1f) << 20) | ((imm & 0xfe0) << 20);
export const encU = (op: number, rd: number, imm: number): number => (op & 0x7f) | ((rd & 0x1f) << 7) | (imm & 0xfffff000);
export const encCA = (op: number, f6: number, f2: number, rd: number, rs: number): number =>
  (op & 3) | ((f6 & 0x3f) << 10) | ((f2 & 3) << 5) | ((rd & 3) << 7) | ((rs & 3) << 2);
export const encCB = (op: number, f3: number, rs: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((rs & 7) << 7) | ((imm & 0xe0) << 5) | ((imm & 0x1f) << 2);
export const encCI = (op: number, f3: number, rd: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((rd & 0x1f) << 7) | ((imm & 0x20) << 7) | ((imm & 0x1f) << 2);
export const encCIW = (op: number, f3: number, rd: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((rd & 7) << 2) | ((imm & 0x3c0) << 1) | ((imm & 0x30) << 7) | ((imm & 0x08) << 2) | ((imm & 0x04) << 4);
export const encCJ = (op: number, f3: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((imm & 0x0e) << 2) | ((imm & 0x300) << 1) | ((imm & 0x800) << 1) | ((imm & 0x400) >> 2) |
  ((imm & 0x80) >> 1) | ((imm & 0x40) << 1) | ((imm & 0x20) >> 3) | ((imm & 0x10) << 7);
export const encCL = (op: number, f3: number, rd: number, rs: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((rd & 7) << 2) | ((rs & 7) << 7) | ((imm & 0x40) >> 1) | ((imm & 0x38) << 7) | ((imm & 0x04) << 4);
export const encCMPP = (op: number, f6: number, f2: number, rlist: number, imm: number): number =>
  (op & 3) | ((f6 & 0x3f) << 10) | ((f2 & 3) << 8) | ((rlist & 0xf) << 4) | ((imm & 3) << 2);
export const encCR = (op: number, f4: number, rs1: number, rs2: number): number =>
  (op & 3) | ((rs2 & 0x1f) << 2) | ((rs1 & 0x1f) << 7) | ((f4 & 0xf) << 12);
export const encCSS = (op: number, f3: number, rs: number, imm: number): number =>
  (op & 3) | ((f3 & 7) << 13) | ((rs & 0x1f) << 2) | ((imm & 0x3f) << 7);
/** The branch-offset scramble of c.beqz/c.bnez. */
export const cbOffset = (o: number): number =>
  ((o & 0x100) >> 1) | ((o & 0xc0) >> 3) | ((o & 0x20) >> 5) | ((o & 0x18) << 2) | (o & 0x06);
/** The offset scramble of c.lwsp/c.swsp. */
const spOffset = (o: number): number => ((o & 0xc0) >> 6) | (o & 0x3c);

/** upstream's FIT_SIGNED/FIT_UNSIGNED look at bits up to 31 only (32-bit masks) */
export const fitSigned = (v: number, bits: number): boolean => {
  const mask = ~((1 << (bits - 1)) - 1) >>> 0;
  const m = (v & mask) >>> 0;
  return m === 0 || m === mask;
};
export const fitUnsigned = (v: number, bits: number): boolean => ((v & ~((1 << bits) - 1)) >>> 0) === 0;

export const inCWindow = (r: number): boolean => r >= 8 && r <= 15;

/** Upper (lui/auipc, compensated for the sign of the low part) and lower 12 bits of a 32-bit value. */
export function splitImmediate(v: number): { upper: number; lower: number } {
  let upper = (v & 0xfffff000) >>> 0;
  const lower = v & 0xfff;
  // (can reach 2^32 for small negative values: the lui/auipc field then wraps to 0)
  if (lower & 0x800) upper += 0x1000;
  return { upper, lower };
}

const ROLES: RegisterRoles = {
  RET: A0,
  ARG_1: A0,
  ARG_2: 11,
  ARG_3: 12,
  ARG_4: 13,
  TEMP0: T1,
  TEMP1: T2,
  TEMP2: T3,
  LOCAL_1: S3,
  LOCAL_2: S2,
  LOCAL_3: S4,
  FUN_TABLE: S1,
  PARENT_RET: A0,
  PARENT_ARG_1: A0,
  PARENT_ARG_2: 11,
  PARENT_ARG_3: 12,
  PARENT_ARG_4: 13,
};

const popcount = (x: number): number => {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
};

export class AsmRv32 extends Assembler {
  readonly wordSize = 4;
  readonly reg = ROLES;
  readonly nlrBufNumRegs = 14;
  readonly nlrBufIdxLocal1 = 6;
  override readonly zeroReg = ZERO;
  private savedRegs = 0;
  private localsCount = 0;
  private stackSize = 0;
  private localsStackOffset = 0;

  constructor(readonly extensions = 0) {
    super();
  }

  get zba(): boolean {
    return (this.extensions & RV32_EXT_ZBA) !== 0;
  }
  get zcmp(): boolean {
    return (this.extensions & RV32_EXT_ZCMP) !== 0;
  }

  // ---- raw encoders ----------------------------------------------------------------------------

  op32(w: number): void {
    this.bytes(w, w >> 8, w >> 16, w >>> 24);
  }
  op16(w: number): void {
    this.bytes(w, w >> 8);
  }

  cAdd(rd: number, rs: number): void {
    this.op16(encCR(2, 9, rd, rs));
  }
  cLi(rd: number, imm: number): void {
    this.op16(encCI(1, 2, rd, imm));
  }
  cAddi(rd: number, imm: number): void {
    this.op16(encCI(1, 0, rd, imm));
  }
  addi(rd: number, rs: number, imm: number): void {
    this.op32(encI(0x13, 0, rd, rs, imm));
  }
  lw(rd: number, rs: number, off: number): void {
    this.op32(encI(0x03, 2, rd, rs, off));
  }
  sw(rs2: number, rs1: number, off: number): void {
    this.op32(encS(0x23, 2, rs1, rs2, off));
  }
  auipc(rd: number, imm: number): void {
    this.op32(encU(0x17, rd, imm));
  }
  jalr(rd: number, rs: number, off: number): void {
    this.op32(encI(0x67, 0, rd, rs, off));
  }
  private rType(f3: number, f7: number, rd: number, rs1: number, rs2: number): void {
    this.op32(encR(0x33, f3, f7, rd, rs1, rs2));
  }

  private loadUpperImmediate(rd: number, imm: number): void {
    // (imm >> 12 as a 64-bit value: imm may be 2^32 after the sign compensation)
    const hi = Math.floor(imm / 4096);
    if (fitSigned(imm, 17) && hi !== 0) this.op16(encCI(1, 3, rd, hi));
    else this.op32(encU(0x37, rd, imm));
  }

  private loadLowerImmediate(rd: number, imm: number): void {
    if (imm === 0) return;
    if (fitSigned(imm, 6)) this.cAddi(rd, imm);
    else this.addi(rd, rd, imm);
  }

  private loadFullImmediate(rd: number, imm: number): void {
    const { upper, lower } = splitImmediate(imm);
    this.loadUpperImmediate(rd, upper);
    this.loadLowerImmediate(rd, lower);
  }

  loadImmediate(rd: number, imm: number): void {
    if (fitSigned(imm, 6)) this.cLi(rd, imm);
    else if (fitSigned(imm, 12)) this.addi(rd, ZERO, imm);
    else this.loadFullImmediate(rd, imm);
  }

  private adjustStack(size: number): void {
    if (size === 0) return;
    if (fitSigned(size, 6)) this.cAddi(SP, size);
    else if (fitSigned(size, 12)) this.addi(SP, SP, size);
    else {
      this.loadFullImmediate(T1, size);
      this.cAdd(SP, T1);
    }
  }

  /** Number of registers cm.push/cm.popret must handle for the set (ra, s0, s1, s2.. in order). */
  private zcmpSequenceLength(regs: number): number {
    const bits = ((regs & 0x2) >>> 1) | ((regs & 0x300) >>> 7) | ((regs & 0x0ffc0000) >>> 15);
    const length = 32 - Math.clz32(bits);
    // s10 cannot be pushed without s11
    return length === 12 ? 13 : length;
  }

  // ---- the generic API -------------------------------------------------------------------------

  entry(numLocals: number): void {
    this.localsCount = numLocals;
    this.savedRegs |= (1 << S1) | (1 << S3) | (1 << S2) | (1 << S4);
    if (this.zcmp) {
      const seq = this.zcmpSequenceLength(this.savedRegs);
      const allocated = (seq + 3) & -4;
      const tailSlack = allocated - seq;
      let localsLeft = numLocals < tailSlack ? 0 : numLocals - tailSlack;
      const chunks = Math.min(3, Math.floor(localsLeft / 4));
      localsLeft -= chunks * 4;
      const size = localsLeft * 4;
      this.op16(encCMPP(2, 0x2e, 0, Math.min(3 + seq, 15), chunks)); // cm.push
      this.adjustStack(-size);
      this.stackSize = size | chunks;
      return;
    }
    const count = popcount(this.savedRegs);
    this.stackSize = (count + numLocals) * 4;
    this.adjustStack(-this.stackSize);
    let off = 0;
    for (let r = 0; r < 32; r++) {
      if (this.savedRegs & (1 << r)) {
        this.op16(encCSS(2, 6, r, spOffset(off))); // c.swsp
        off += 4;
      }
    }
    this.localsStackOffset = count * 4;
  }

  exit(): void {
    if (this.zcmp) {
      const seq = this.zcmpSequenceLength(this.savedRegs);
      this.adjustStack(this.stackSize & ~3);
      this.op16(encCMPP(2, 0x2f, 2, Math.min(3 + seq, 15), this.stackSize & 3)); // cm.popret
      return;
    }
    let off = 0;
    for (let r = 0; r < 32; r++) {
      if (this.savedRegs & (1 << r)) {
        this.op16(encCI(2, 2, r, spOffset(off))); // c.lwsp
        off += 4;
      }
    }
    this.adjustStack(this.stackSize);
    this.op16(encCR(2, 8, RA, 0)); // c.jr ra
  }

  /** Byte distance to a label, and whether it is a known backward target. */
  private displacement(label: number): { short: boolean; d: number } {
    const dest = this.labelDest(label);
    const d = dest - this.codePos;
    return { short: dest !== -1 && d < 0, d };
  }

  /** auipc t3 + jalr: a jump anywhere */
  private longJump(d: number): void {
    const { upper, lower } = splitImmediate(d);
    this.auipc(T3, upper);
    this.jalr(ZERO, T3, lower);
  }

  jump(label: number): void {
    const { short, d } = this.displacement(label);
    if (short && fitSigned(d, 12)) {
      this.op16(encCJ(1, 5, d));
      return;
    }
    this.longJump(d);
  }

  jumpIfRegEq(rs1: number, rs2: number, label: number): void {
    const { short, d } = this.displacement(label);
    if (short && fitSigned(d, 13)) {
      this.op32(encB(0x63, 0, rs1, rs2, d));
      return;
    }
    // bne over the long jump
    this.op32(encB(0x63, 1, rs1, rs2, 12));
    this.longJump(d - 4);
  }

  jumpIfRegZero(reg: number, label: number): void {
    this.jumpIfRegEq(reg, ZERO, label);
  }

  jumpIfRegNonzero(rs: number, label: number): void {
    let { short, d } = this.displacement(label);
    if (short && fitSigned(d, 8) && inCWindow(rs)) {
      this.op16(encCB(1, 7, rs - 8, cbOffset(d)));
      return;
    }
    if (short && fitSigned(d, 13)) {
      this.op32(encB(0x63, 1, rs, ZERO, d));
      return;
    }
    if (short && inCWindow(rs)) {
      this.op16(encCB(1, 6, rs - 8, cbOffset(10)));
      d -= 2;
    } else {
      this.op32(encB(0x63, 0, rs, ZERO, 12));
      d -= 4;
    }
    this.longJump(d);
  }

  jumpReg(reg: number): void {
    this.op16(encCR(2, 8, reg, 0));
  }

  callInd(funId: number): void {
    const offset = funId * 4;
    this.savedRegs |= 1 << RA;
    if (fitUnsigned(offset, 6)) {
      // c.lw s0, offset(s1); c.jalr s0
      this.savedRegs |= 1 << S0;
      this.op16(encCL(0, 2, S0 - 8, S1 - 8, offset));
      this.op16(encCR(2, 9, S0, 0));
      return;
    }
    if (fitUnsigned(offset, 11)) {
      this.lw(T3, S1, offset);
      this.op16(encCR(2, 9, T3, 0));
      return;
    }
    const { upper, lower } = splitImmediate(offset);
    this.loadUpperImmediate(T3, upper);
    this.cAdd(T3, S1);
    this.lw(T3, T3, lower);
    this.op16(encCR(2, 9, T3, 0));
  }

  movLocalReg(local: number, src: number): void {
    const offset = this.localsStackOffset + local * 4;
    if (fitUnsigned(offset >>> 2, 6)) {
      this.op16(encCSS(2, 6, src, spOffset(offset)));
    } else if (fitUnsigned(offset, 11)) {
      this.sw(src, SP, offset);
    } else {
      const { upper, lower } = splitImmediate(offset);
      this.loadUpperImmediate(T3, upper);
      this.cAdd(T3, SP);
      this.sw(src, T3, lower);
    }
  }

  movRegLocal(dest: number, local: number): void {
    const offset = this.localsStackOffset + local * 4;
    if (fitUnsigned(offset >>> 2, 6)) {
      this.op16(encCI(2, 2, dest, spOffset(offset)));
    } else if (fitUnsigned(offset, 11)) {
      this.lw(dest, SP, offset);
    } else {
      const { upper, lower } = splitImmediate(offset);
      this.loadUpperImmediate(dest, upper);
      this.cAdd(dest, SP);
      this.lw(dest, dest, lower);
    }
  }

  movRegImm(dest: number, imm: bigint): void {
    this.loadImmediate(dest, Number(BigInt.asIntN(32, imm)));
  }
  movRegReg(dest: number, src: number): void {
    this.op16(encCR(2, 8, dest, src)); // c.mv
  }
  movRegLocalAddr(dest: number, local: number): void {
    const offset = this.localsStackOffset + local * 4;
    if (fitUnsigned(offset, 10) && offset !== 0 && inCWindow(dest)) {
      this.op16(encCIW(0, 0, dest - 8, offset)); // c.addi4spn
    } else if (fitUnsigned(offset, 11)) {
      this.addi(dest, SP, offset);
    } else {
      this.loadFullImmediate(dest, offset);
      this.cAdd(dest, SP);
    }
  }
  movRegPcrel(dest: number, label: number): void {
    const { upper, lower } = splitImmediate(this.labelDest(label) - this.codePos);
    this.auipc(dest, upper);
    this.addi(dest, dest, lower);
  }

  override notReg(reg: number): void {
    this.op32(encI(0x13, 4, reg, reg, -1)); // xori reg, reg, -1
  }
  negReg(reg: number): void {
    this.rType(0, 0x20, reg, ZERO, reg);
  }
  override lslRegReg(dest: number, src: number): void {
    this.rType(1, 0, dest, dest, src);
  }
  override lsrRegReg(dest: number, src: number): void {
    this.rType(5, 0, dest, dest, src);
  }
  override asrRegReg(dest: number, src: number): void {
    this.rType(5, 0x20, dest, dest, src);
  }
  orRegReg(dest: number, src: number): void {
    this.rType(6, 0, dest, dest, src);
  }
  xorRegReg(dest: number, src: number): void {
    if (src === dest) this.cLi(dest, 0);
    else this.rType(4, 0, dest, dest, src);
  }
  andRegReg(dest: number, src: number): void {
    this.rType(7, 0, dest, src, dest);
  }
  addRegReg(dest: number, src: number): void {
    this.cAdd(dest, src);
  }
  subRegReg(dest: number, src: number): void {
    this.rType(0, 0x20, dest, dest, src);
  }
  mulRegReg(dest: number, src: number): void {
    this.rType(0, 1, dest, dest, src);
  }
  clrReg(dest: number): void {
    this.xorRegReg(dest, dest);
  }

  /** slt/sltu rd, rs1, rs2 */
  private lessThan(rs1: number, rs2: number, rd: number, unsigned: boolean): void {
    this.rType(unsigned ? 3 : 2, 0, rd, rs1, rs2);
  }

  setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void {
    const unsigned = opIdx < 6;
    switch (opIdx % 6) {
      case 0: // <
        this.lessThan(lhs, rhs, dest, unsigned);
        break;
      case 1: // >
        this.lessThan(rhs, lhs, dest, unsigned);
        break;
      case 2: // ==: (lhs - rhs) <u 1
        this.rType(0, 0x20, dest, lhs, rhs);
        this.op32(encI(0x13, 3, dest, dest, 1));
        break;
      case 3: // <=: !(rhs < lhs)
        this.lessThan(rhs, lhs, dest, unsigned);
        this.op32(encI(0x13, 4, dest, dest, 1));
        break;
      case 4: // >=: !(lhs < rhs)
        this.lessThan(lhs, rhs, dest, unsigned);
        this.op32(encI(0x13, 4, dest, dest, 1));
        break;
      default: // !=: 0 <u (rhs - lhs)
        this.rType(0, 0x20, dest, rhs, lhs);
        this.rType(3, 0, dest, ZERO, dest);
    }
  }

  /** lbu/lhu/lw rd, offset(rs) by access size 0..2 (offset in units of the size) */
  loadSized(rd: number, rs: number, offset: number, size: number): void {
    const scaled = (offset << size) | 0;
    const f3 = [4, 5, 2][size] as number;
    if (scaled >= 0 && size === 2 && inCWindow(rd) && inCWindow(rs) && scaled < 64) {
      this.op16(encCL(0, 2, rd - 8, rs - 8, scaled));
    } else if (fitSigned(scaled, 12)) {
      this.op32(encI(0x03, f3, rd, rs, scaled));
    } else {
      const { upper, lower } = splitImmediate(scaled);
      this.loadUpperImmediate(rd, upper);
      this.cAdd(rd, rs);
      this.op32(encI(0x03, f3, rd, rd, lower));
    }
  }

  /** sb/sh/sw rd, offset(rs) by access size 0..2 */
  storeSized(rd: number, rs: number, offset: number, size: number): void {
    const scaled = (offset << size) | 0;
    if (scaled >= 0 && size === 2 && inCWindow(rd) && inCWindow(rs) && scaled < 64) {
      this.op16(encCL(0, 6, rd - 8, rs - 8, scaled));
    } else if (fitSigned(scaled, 12)) {
      this.op32(encS(0x23, size, rs, rd, scaled));
    } else {
      const { upper, lower } = splitImmediate(scaled);
      this.loadUpperImmediate(T3, upper);
      this.cAdd(T3, rs);
      this.op32(encS(0x23, size, T3, rd, lower));
    }
  }

  /** t3 = base + (index << size) (sh1add/sh2add with Zba) */
  private scaledAddress(base: number, index: number, size: number): void {
    if (size > 0 && this.zba) {
      this.rType(1 << size, 0x10, T3, index, base);
    } else if (size > 0) {
      this.op32(encI(0x13, 1, T3, index, size & 0x1f)); // slli
      this.cAdd(T3, base);
    } else {
      this.rType(0, 0, T3, base, index);
    }
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
  override load8RegRegReg(dest: number, base: number, index: number): void {
    this.scaledAddress(base, index, 0);
    this.loadSized(dest, T3, 0, 0);
  }
  override load16RegRegReg(dest: number, base: number, index: number): void {
    this.scaledAddress(base, index, 1);
    this.loadSized(dest, T3, 0, 1);
  }
  override load32RegRegReg(dest: number, base: number, index: number): void {
    this.scaledAddress(base, index, 2);
    this.loadSized(dest, T3, 0, 2);
  }
  override store8RegRegReg(src: number, base: number, index: number): void {
    this.scaledAddress(base, index, 0);
    this.storeSized(src, T3, 0, 0);
  }
  override store16RegRegReg(src: number, base: number, index: number): void {
    this.scaledAddress(base, index, 1);
    this.storeSized(src, T3, 0, 1);
  }
  override store32RegRegReg(src: number, base: number, index: number): void {
    this.scaledAddress(base, index, 2);
    this.storeSized(src, T3, 0, 2);
  }
}
