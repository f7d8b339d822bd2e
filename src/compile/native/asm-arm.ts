// ARM (A32) assembler for the native emitter on -march=armv6 (the encodings upstream's py/asmarm.c
// produces). Every instruction is one little-endian word, mostly with the "always" condition.
// AAPCS as on Thumb: arguments r0-r3, result r0; r4/r5 locals, r6 qstr table, r7 mp_fun_table; r8 is
// the scratch register of far offsets. Constants that no mov/mvn immediate holds are placed inline
// (ldr rd, [pc]; b over the word).
import { Assembler, type RegisterRoles } from './asm.js';

const R0 = 0;
const R7 = 7;
const R8 = 8;
const SP = 13;
const LR = 14;
const PC = 15;

const CC_EQ = 0x0 << 28;
const CC_NE = 0x1 << 28;
const CC_AL = 0xe << 28;
/** Condition codes of the comparison table (unsigned then signed), in bits 28-31. */
const COMPARE_CC = [0x3, 0x8, 0x0, 0x9, 0x2, 0x1, 0xb, 0xc, 0x0, 0xd, 0xa, 0x1].map((c) => c << 28);

const ROLES: RegisterRoles = {
  RET: R0,
  ARG_1: R0,
  ARG_2: 1,
  ARG_3: 2,
  ARG_4: 3,
  TEMP0: R0,
  TEMP1: 1,
  TEMP2: 2,
  LOCAL_1: 4,
  LOCAL_2: 5,
  LOCAL_3: 6,
  FUN_TABLE: R7,
  PARENT_RET: R0,
  PARENT_ARG_1: R0,
  PARENT_ARG_2: 1,
  PARENT_ARG_3: 2,
  PARENT_ARG_4: 3,
};

/** r1-r8 are pushed with lr: r1-r3 give room for three locals without moving sp. */
const PUSH_REGLIST = 0x1fe;

export class AsmArm extends Assembler {
  readonly wordSize = 4;
  readonly reg = ROLES;
  readonly nlrBufNumRegs = 16;
  readonly nlrBufIdxLocal1 = 3;
  private stackAdjust = 0;

  private word(op: number): void {
    this.word32(op >>> 0);
  }
  private al(op: number): void {
    this.word((op | CC_AL) >>> 0);
  }

  private movImm(rd: number, imm: number): number {
    return 0x3a00000 | (rd << 12) | imm;
  }

  /** The shortest way to load a 32-bit constant. */
  private movRegI32Optimised(rd: number, imm: number): void {
    imm |= 0;
    if ((imm & 0xff) === imm) {
      this.al(this.movImm(rd, imm));
    } else if (imm < 0 && imm >= -256) {
      // mvn: move not
      this.al(0x3e00000 | (rd << 12) | ~imm);
    } else {
      this.al(0x59f0000 | (rd << 12)); // ldr rd, [pc]
      this.al(0xa000000); // b over the word
      this.word(imm);
    }
  }

  /** A load or store with a byte offset: the immediate form, or the offset through r8. */
  private withOffset(immOp: number, regOp: number, rd: number, rn: number, offset: number, limit: number, split: boolean): void {
    if (offset < limit) {
      const imm = split ? ((offset & 0xf0) << 4) | (offset & 0xf) : offset;
      this.al(immOp | (rn << 16) | (rd << 12) | imm);
    } else {
      this.movRegI32Optimised(R8, offset);
      this.al(regOp | (rn << 16) | (rd << 12) | R8);
    }
  }

  private bcc(cond: number, label: number): void {
    // pc reads 8 bytes ahead; the offset is in words
    const rel = (this.labelDest(label) - this.codePos - 8) >> 2;
    this.word((cond | 0xa000000 | (rel & 0xffffff)) >>> 0);
  }

  // ---- the generic API -------------------------------------------------------------------------

  entry(numLocals: number): void {
    this.stackAdjust = 0;
    if (numLocals > 3) {
      // 8-byte aligned
      this.stackAdjust = numLocals * 4 + (numLocals & 1 ? 4 : 0);
    }
    this.al(0x92d0000 | PUSH_REGLIST | (1 << LR));
    if (this.stackAdjust > 0) {
      if (this.stackAdjust < 0x100) this.al(0x2400000 | (SP << 16) | (SP << 12) | (this.stackAdjust & 0xff));
      else {
        this.movRegI32Optimised(R8, this.stackAdjust);
        this.al(0x0400000 | (SP << 16) | (SP << 12) | R8);
      }
    }
  }

  exit(): void {
    if (this.stackAdjust > 0) {
      if (this.stackAdjust < 0x100) this.al(0x2800000 | (SP << 16) | (SP << 12) | (this.stackAdjust & 0xff));
      else {
        this.movRegI32Optimised(R8, this.stackAdjust);
        this.al(0x0800000 | (SP << 16) | (SP << 12) | R8);
      }
    }
    this.al(0x8bd0000 | PUSH_REGLIST | (1 << PC));
  }

  jump(label: number): void {
    this.bcc(CC_AL, label);
  }
  jumpIfRegZero(reg: number, label: number): void {
    this.al(0x3500000 | (reg << 16)); // cmp reg, #0
    this.bcc(CC_EQ, label);
  }
  jumpIfRegNonzero(reg: number, label: number): void {
    this.al(0x3500000 | (reg << 16));
    this.bcc(CC_NE, label);
  }
  jumpIfRegEq(reg1: number, reg2: number, label: number): void {
    this.al(0x1500000 | (reg1 << 16) | reg2); // cmp reg1, reg2
    this.bcc(CC_EQ, label);
  }
  jumpReg(reg: number): void {
    this.al(0x012fff10 | reg); // bx
  }
  callInd(funId: number): void {
    // mov lr, pc; ldr pc, [r7, #funId*4]
    this.al(0x1a00000 | (LR << 12) | PC);
    this.al(0x597f000 | (funId << 2));
  }
  movLocalReg(local: number, src: number): void {
    this.al(0x58d0000 | (src << 12) | (local << 2));
  }
  movRegLocal(dest: number, local: number): void {
    this.al(0x59d0000 | (dest << 12) | (local << 2));
  }
  movRegImm(dest: number, imm: bigint): void {
    this.movRegI32Optimised(dest, Number(BigInt.asIntN(32, imm)));
  }
  movRegReg(dest: number, src: number): void {
    this.al(0x1a00000 | (dest << 12) | src);
  }
  movRegLocalAddr(dest: number, local: number): void {
    if (local >= 0x40) {
      this.movRegI32Optimised(R8, local << 2);
      this.al(0x0800000 | (SP << 16) | (dest << 12) | R8);
    } else {
      this.al(0x2800000 | (SP << 16) | (dest << 12) | ((local << 2) & 0xff));
    }
  }
  movRegPcrel(dest: number, label: number): void {
    // rel is loaded from an inline word, then pc (8 ahead of the add) is added
    const rel = this.labelDest(label) - this.codePos - (12 + 8);
    this.al(0x59f0000 | (dest << 12));
    this.al(0xa000000);
    this.word(rel);
    this.al(0x0800000 | (dest << 16) | (dest << 12) | PC);
  }

  override notReg(reg: number): void {
    this.al(0x1e00000 | (reg << 12) | reg);
  }
  negReg(reg: number): void {
    this.al(0x2600000 | (reg << 16) | (reg << 12)); // rsb reg, reg, #0
  }
  override lslRegReg(dest: number, src: number): void {
    this.al(0x1a00010 | (dest << 12) | (src << 8) | dest);
  }
  override lsrRegReg(dest: number, src: number): void {
    this.al(0x1a00030 | (dest << 12) | (src << 8) | dest);
  }
  override asrRegReg(dest: number, src: number): void {
    this.al(0x1a00050 | (dest << 12) | (src << 8) | dest);
  }
  orRegReg(dest: number, src: number): void {
    this.al(0x1800000 | (dest << 16) | (dest << 12) | src);
  }
  xorRegReg(dest: number, src: number): void {
    this.al(0x0200000 | (dest << 16) | (dest << 12) | src);
  }
  andRegReg(dest: number, src: number): void {
    this.al(0x0000000 | (dest << 16) | (dest << 12) | src);
  }
  addRegReg(dest: number, src: number): void {
    this.al(0x0800000 | (dest << 16) | (dest << 12) | src);
  }
  subRegReg(dest: number, src: number): void {
    this.al(0x0400000 | (dest << 16) | (dest << 12) | src);
  }
  mulRegReg(dest: number, src: number): void {
    // mul dest, src, dest (the destination must differ from the first operand)
    this.al(0x0000090 | (dest << 16) | (dest << 8) | src);
  }
  clrReg(dest: number): void {
    this.xorRegReg(dest, dest);
  }

  setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void {
    const cond = COMPARE_CC[opIdx] as number;
    this.al(0x1500000 | (lhs << 16) | rhs);
    // mov<cc> dest, #1; mov<!cc> dest, #0
    this.word((this.movImm(dest, 1) | cond) >>> 0);
    this.word((this.movImm(dest, 0) | (cond ^ (1 << 28))) >>> 0);
  }

  loadRegRegOffset(dest: number, base: number, wordOffset: number): void {
    this.load32RegRegOffset(dest, base, wordOffset);
  }
  storeRegRegOffset(src: number, base: number, wordOffset: number): void {
    this.store32RegRegOffset(src, base, wordOffset);
  }
  override load8RegRegOffset(dest: number, base: number, offset: number): void {
    this.withOffset(0x5d00000, 0x7d00000, dest, base, offset, 0x1000, false);
  }
  load16RegRegOffset(dest: number, base: number, offset: number): void {
    this.withOffset(0x1d000b0, 0x19000b0, dest, base, 2 * offset, 0x100, true);
  }
  override load32RegRegOffset(dest: number, base: number, offset: number): void {
    this.withOffset(0x5900000, 0x7900000, dest, base, 4 * offset, 0x1000, false);
  }
  override store8RegRegOffset(src: number, base: number, offset: number): void {
    this.withOffset(0x5c00000, 0x7c00000, src, base, offset, 0x1000, false);
  }
  override store16RegRegOffset(src: number, base: number, offset: number): void {
    this.withOffset(0x1c000b0, 0x18000b0, src, base, 2 * offset, 0x100, true);
  }
  override store32RegRegOffset(src: number, base: number, offset: number): void {
    this.withOffset(0x5800000, 0x7800000, src, base, 4 * offset, 0x1000, false);
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
    this.al(0x7d00000 | (base << 16) | (dest << 12) | index);
  }
  override load16RegRegReg(dest: number, base: number, index: number): void {
    // ldrh has no scaled index: r8 = index << 1
    this.al(0x1a00080 | (R8 << 12) | index);
    this.al(0x19000b0 | (base << 16) | (dest << 12) | R8);
  }
  override load32RegRegReg(dest: number, base: number, index: number): void {
    this.al(0x7900100 | (base << 16) | (dest << 12) | index);
  }
  override store8RegRegReg(src: number, base: number, index: number): void {
    this.al(0x7c00000 | (base << 16) | (src << 12) | index);
  }
  override store16RegRegReg(src: number, base: number, index: number): void {
    this.al(0x1a00080 | (R8 << 12) | index);
    this.al(0x18000b0 | (base << 16) | (src << 12) | R8);
  }
  override store32RegRegReg(src: number, base: number, index: number): void {
    this.al(0x7800100 | (base << 16) | (src << 12) | index);
  }
}
