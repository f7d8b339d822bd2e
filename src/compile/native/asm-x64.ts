// x86-64 assembler for the native emitter (the encodings upstream's py/asmx64.c produces).
// SysV calling convention: arguments in RDI, RSI, RDX, RCX; result in RAX; RBX, RBP, R12, R13 are
// callee-saved and hold the function's long-lived values (RBP = mp_fun_table, R13 = qstr table).
import { Assembler, signedFit8, type RegisterRoles } from './asm.js';

const RAX = 0;
const RCX = 1;
const RDX = 2;
const RBX = 3;
const RSP = 4;
const RBP = 5;
const RSI = 6;
const RDI = 7;
const R12 = 12;
const R13 = 13;

const REX = 0x40;
const REX_W = 0x08;
const rexR = (r: number): number => (r >> 1) & 0x04;
const rexB = (r: number): number => (r >> 3) & 0x01;
const modrmReg = (r: number): number => (r & 7) << 3;
const MODRM_DISP8 = 0x40;
const MODRM_DISP32 = 0x80;
const MODRM_REG = 0xc0;

/** Condition codes of jcc/setcc, for the comparison table (unsigned then signed). */
const CC_B = 0x2;
const CC_AE = 0x3;
const CC_E = 0x4;
const CC_NE = 0x5;
const CC_BE = 0x6;
const CC_A = 0x7;
const CC_L = 0xc;
const CC_GE = 0xd;
const CC_LE = 0xe;
const CC_G = 0xf;
const COMPARE_CC = [CC_B, CC_A, CC_E, CC_BE, CC_AE, CC_NE, CC_L, CC_G, CC_E, CC_LE, CC_GE, CC_NE];

const WORD = 8;

const ROLES: RegisterRoles = {
  RET: RAX,
  ARG_1: RDI,
  ARG_2: RSI,
  ARG_3: RDX,
  ARG_4: RCX,
  TEMP0: RAX,
  TEMP1: RDI,
  TEMP2: RSI,
  LOCAL_1: RBX,
  LOCAL_2: R12,
  LOCAL_3: R13,
  FUN_TABLE: RBP,
  PARENT_RET: RAX,
  PARENT_ARG_1: RDI,
  PARENT_ARG_2: RSI,
  PARENT_ARG_3: RDX,
  PARENT_ARG_4: RCX,
};

export class AsmX64 extends Assembler {
  readonly wordSize = WORD;
  readonly reg = ROLES;
  // mpy-cross reserves room for the larger (Windows) register set so one .mpy runs on both ABIs
  readonly nlrBufNumRegs = 10;
  readonly nlrBufIdxLocal1 = 5;
  override readonly shiftCountReg = RCX;
  override readonly storeValueInFixedReg = true;
  private numLocals = 0;

  /** ModRM (+SIB for RSP/R12) and displacement of a [base + disp] operand. */
  private rDisp(r: number, base: number, disp: number): void {
    let mod: number;
    if (disp === 0 && (base & 7) !== RBP) mod = 0;
    else if (signedFit8(disp)) mod = MODRM_DISP8;
    else mod = MODRM_DISP32;
    this.bytes(modrmReg(r) | mod | (base & 7));
    if ((base & 7) === RSP) this.bytes(0x24);
    if (mod === MODRM_DISP8) this.bytes(disp & 0xff);
    else if (mod === MODRM_DISP32) this.word32(disp);
  }

  /** A 64-bit reg/reg operation `op rm=dest, reg=src`. */
  private rr(dest: number, src: number, op: number): void {
    this.bytes(REX | REX_W | rexR(src) | rexB(dest), op, modrmReg(src) | MODRM_REG | (dest & 7));
  }

  private push(r: number): void {
    if (r < 8) this.bytes(0x50 | r);
    else this.bytes(REX | 0x01, 0x50 | (r & 7));
  }

  private pop(r: number): void {
    if (r < 8) this.bytes(0x58 | r);
    else this.bytes(REX | 0x01, 0x58 | (r & 7));
  }

  /** Opcode bytes of a sized access, with REX only when an extended register is involved. */
  private sized(r: number, base: number, ...op: number[]): void {
    if (r < 8 && base < 8) this.bytes(...op);
    else this.bytes(REX | rexR(r) | rexB(base), ...op);
  }

  private load64(dest: number, base: number, disp: number): void {
    this.bytes(REX | REX_W | rexR(dest) | rexB(base), 0x8b);
    this.rDisp(dest, base, disp);
  }

  private store64(src: number, base: number, disp: number): void {
    this.bytes(REX | REX_W | rexR(src) | rexB(base), 0x89);
    this.rDisp(src, base, disp);
  }

  private subImm(dest: number, imm: number): void {
    if (signedFit8(imm)) {
      this.bytes(REX | REX_W, 0x83, modrmReg(5) | MODRM_REG | dest);
      this.bytes(imm & 0xff);
    } else {
      this.bytes(REX | REX_W, 0x81, modrmReg(5) | MODRM_REG | dest);
      this.word32(imm);
    }
  }

  private testRr(a: number, b: number, boolTest: boolean): void {
    if (boolTest) this.bytes(0x84, modrmReg(a) | MODRM_REG | b);
    else this.rr(b, a, 0x85);
  }

  private jcc(cc: number, label: number): void {
    const dest = this.labelDest(label);
    let rel = dest - this.codePos;
    if (dest !== -1 && rel < 0 && signedFit8(rel - 2)) {
      // a backward jump's size is known in every pass
      this.bytes(0x70 | cc, (rel - 2) & 0xff);
      return;
    }
    rel -= 6;
    this.bytes(0x0f, 0x80 | cc);
    this.word32(rel);
  }

  entry(numLocals: number): void {
    this.push(RBP);
    this.push(RBX);
    this.push(R12);
    this.push(R13);
    // an odd number of words keeps the stack 16-byte aligned for calls
    numLocals |= 1;
    this.subImm(RSP, numLocals * WORD);
    this.numLocals = numLocals;
  }

  exit(): void {
    this.subImm(RSP, -this.numLocals * WORD);
    this.pop(R13);
    this.pop(R12);
    this.pop(RBX);
    this.pop(RBP);
    this.bytes(0xc3);
  }

  jump(label: number): void {
    const dest = this.labelDest(label);
    let rel = dest - this.codePos;
    if (dest !== -1 && rel < 0 && signedFit8(rel - 2)) {
      this.bytes(0xeb, (rel - 2) & 0xff);
      return;
    }
    rel -= 5;
    this.bytes(0xe9);
    this.word32(rel);
  }

  jumpIfRegZero(reg: number, label: number, boolTest: boolean): void {
    this.testRr(reg, reg, boolTest);
    this.jcc(CC_E, label);
  }

  jumpIfRegNonzero(reg: number, label: number, boolTest: boolean): void {
    this.testRr(reg, reg, boolTest);
    this.jcc(CC_NE, label);
  }

  jumpIfRegEq(reg1: number, reg2: number, label: number): void {
    this.rr(reg2, reg1, 0x39);
    this.jcc(CC_E, label);
  }

  jumpReg(reg: number): void {
    this.bytes(0xff, modrmReg(4) | MODRM_REG | reg);
  }

  callInd(funId: number): void {
    this.load64(RAX, RBP, funId * WORD);
    this.bytes(0xff, modrmReg(2) | MODRM_REG | RAX);
  }

  movLocalReg(local: number, src: number): void {
    this.store64(src, RSP, local * WORD);
  }

  movRegImm(dest: number, imm: bigint): void {
    const u = BigInt.asUintN(64, imm);
    if (u <= 0xffffffffn) {
      // 32-bit move, zero-extended by the CPU
      if (dest < 8) this.bytes(0xb8 | dest);
      else this.bytes(REX | 0x01, 0xb8 | (dest & 7));
      this.word32(Number(u));
    } else {
      this.bytes(REX | REX_W | (dest < 8 ? 0 : 0x01), 0xb8 | (dest & 7));
      this.word64(u);
    }
  }

  movRegLocal(dest: number, local: number): void {
    this.load64(dest, RSP, local * WORD);
  }

  movRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x89);
  }

  movRegLocalAddr(dest: number, local: number): void {
    const offset = local * WORD;
    if (offset === 0) {
      this.movRegReg(dest, RSP);
    } else {
      this.bytes(REX | REX_W | rexR(dest) | rexB(RSP), 0x8d);
      this.rDisp(dest, RSP, offset);
    }
  }

  movRegPcrel(dest: number, label: number): void {
    // lea dest, [rip + rel32]
    const rel = this.labelDest(label) - (this.codePos + 7);
    this.bytes(REX | REX_W | rexR(dest), 0x8d, modrmReg(dest) | 5);
    this.word32(rel);
  }

  override notReg(reg: number): void {
    this.rr(reg, 2, 0xf7);
  }
  negReg(reg: number): void {
    this.rr(reg, 3, 0xf7);
  }
  override lslReg(reg: number): void {
    this.rr(reg, 4, 0xd3);
  }
  override lsrReg(reg: number): void {
    this.rr(reg, 5, 0xd3);
  }
  override asrReg(reg: number): void {
    this.rr(reg, 7, 0xd3);
  }
  orRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x09);
  }
  xorRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x31);
  }
  andRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x21);
  }
  addRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x01);
  }
  subRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x29);
  }
  mulRegReg(dest: number, src: number): void {
    // imul dest, src
    this.bytes(REX | REX_W | rexR(dest) | rexB(src), 0x0f, 0xaf, modrmReg(dest) | MODRM_REG | (src & 7));
  }
  clrReg(dest: number): void {
    this.xorRegReg(dest, dest);
  }

  setccRegRegReg(opIdx: number, dest: number, lhs: number, rhs: number): void {
    this.xorRegReg(dest, dest);
    this.rr(lhs, rhs, 0x39);
    this.bytes(0x0f, 0x90 | (COMPARE_CC[opIdx] as number), MODRM_REG | dest);
  }

  loadRegRegOffset(dest: number, base: number, wordOffset: number): void {
    this.load64(dest, base, wordOffset * WORD);
  }
  storeRegRegOffset(src: number, base: number, wordOffset: number): void {
    this.store64(src, base, wordOffset * WORD);
  }
  override load8RegRegOffset(dest: number, base: number, offset: number): void {
    this.sized(dest, base, 0x0f, 0xb6);
    this.rDisp(dest, base, offset);
  }
  load16RegRegOffset(dest: number, base: number, offset: number): void {
    this.sized(dest, base, 0x0f, 0xb7);
    this.rDisp(dest, base, 2 * offset);
  }
  override load32RegRegOffset(dest: number, base: number, offset: number): void {
    this.sized(dest, base, 0x8b);
    this.rDisp(dest, base, 4 * offset);
  }
  override store8RegRegOffset(src: number, base: number, offset: number): void {
    this.sized(src, base, 0x88);
    this.rDisp(src, base, offset);
  }
  override store16RegRegOffset(src: number, base: number, offset: number): void {
    // the operand-size prefix comes before REX
    if (src < 8 && base < 8) this.bytes(0x66, 0x89);
    else this.bytes(0x66, REX | rexR(src) | rexB(base), 0x89);
    this.rDisp(src, base, 2 * offset);
  }
  override store32RegRegOffset(src: number, base: number, offset: number): void {
    this.sized(src, base, 0x89);
    this.rDisp(src, base, 4 * offset);
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
}

export { RAX, RCX, RDX, RBX, RSI, RDI };
