// 32-bit x86 assembler for the native emitter (the encodings upstream's py/asmx86.c produces).
// cdecl: the native function's own arguments are on the C stack (fetched with movArgToReg); calls into
// mp_fun_table push their arguments, so every call site knows the callee's argument count.
import { Assembler, signedFit8, type RegisterRoles } from './asm.js';
import { FunId } from './funtable.js';

const EAX = 0;
const ECX = 1;
const EDX = 2;
const EBX = 3;
const ESP = 4;
const EBP = 5;
const ESI = 6;
const EDI = 7;

const modrmReg = (r: number): number => r << 3;
const MODRM_DISP8 = 0x40;
const MODRM_DISP32 = 0x80;
const MODRM_REG = 0xc0;

const CC_E = 0x4;
const CC_NE = 0x5;
const COMPARE_CC = [0x2, 0x7, 0x4, 0x6, 0x3, 0x5, 0xc, 0xf, 0x4, 0xe, 0xd, 0x5];

const WORD = 4;

const ROLES: RegisterRoles = {
  RET: EAX,
  ARG_1: EAX,
  ARG_2: ECX,
  ARG_3: EDX,
  ARG_4: EBX,
  TEMP0: EAX,
  TEMP1: ECX,
  TEMP2: EDX,
  LOCAL_1: EBX,
  LOCAL_2: ESI,
  LOCAL_3: EDI,
  FUN_TABLE: EBP,
  PARENT_RET: EAX,
  PARENT_ARG_1: EAX,
  PARENT_ARG_2: ECX,
  PARENT_ARG_3: EDX,
  PARENT_ARG_4: EBX,
};

/** Number of arguments of each mp_fun_table entry a native function calls (emitnx86.c's table). */
const FUN_N_ARGS: Partial<Record<FunId, number>> = {
  [FunId.CONVERT_OBJ_TO_NATIVE]: 2,
  [FunId.CONVERT_NATIVE_TO_OBJ]: 2,
  [FunId.NATIVE_SWAP_GLOBALS]: 1,
  [FunId.LOAD_NAME]: 1,
  [FunId.LOAD_GLOBAL]: 1,
  [FunId.LOAD_BUILD_CLASS]: 0,
  [FunId.LOAD_ATTR]: 2,
  [FunId.LOAD_METHOD]: 3,
  [FunId.LOAD_SUPER_METHOD]: 2,
  [FunId.STORE_NAME]: 2,
  [FunId.STORE_GLOBAL]: 2,
  [FunId.STORE_ATTR]: 3,
  [FunId.OBJ_SUBSCR]: 3,
  [FunId.OBJ_IS_TRUE]: 1,
  [FunId.UNARY_OP]: 2,
  [FunId.BINARY_OP]: 3,
  [FunId.BUILD_TUPLE]: 2,
  [FunId.BUILD_LIST]: 2,
  [FunId.BUILD_MAP]: 1,
  [FunId.BUILD_SET]: 2,
  [FunId.STORE_SET]: 2,
  [FunId.LIST_APPEND]: 2,
  [FunId.STORE_MAP]: 3,
  [FunId.MAKE_FUNCTION_FROM_PROTO_FUN]: 3,
  [FunId.NATIVE_CALL_FUNCTION_N_KW]: 3,
  [FunId.CALL_METHOD_N_KW]: 3,
  [FunId.CALL_METHOD_N_KW_VAR]: 3,
  [FunId.NATIVE_GETITER]: 2,
  [FunId.NATIVE_ITERNEXT]: 1,
  [FunId.NLR_PUSH]: 1,
  [FunId.NLR_POP]: 0,
  [FunId.NATIVE_RAISE]: 1,
  [FunId.IMPORT_NAME]: 3,
  [FunId.IMPORT_FROM]: 2,
  [FunId.IMPORT_ALL]: 1,
  [FunId.NEW_SLICE]: 3,
  [FunId.UNPACK_SEQUENCE]: 3,
  [FunId.UNPACK_EX]: 3,
  [FunId.DELETE_NAME]: 1,
  [FunId.DELETE_GLOBAL]: 1,
  [FunId.NEW_CLOSURE]: 3,
  [FunId.ARG_CHECK_NUM_SIG]: 3,
  [FunId.SETUP_CODE_STATE]: 4,
  [FunId.SMALL_INT_FLOOR_DIVIDE]: 2,
  [FunId.SMALL_INT_MODULO]: 2,
  [FunId.NATIVE_YIELD_FROM]: 3,
  [FunId.SETJMP]: 1,
};

export class AsmX86 extends Assembler {
  readonly wordSize = WORD;
  readonly reg = ROLES;
  readonly nlrBufNumRegs = 6;
  readonly nlrBufIdxLocal1 = 5;
  override readonly argsOnStack = true;
  override readonly shiftCountReg = ECX;
  override readonly storeValueInFixedReg = true;
  private numLocals = 0;

  private rDisp(r: number, base: number, disp: number): void {
    let mod: number;
    if (disp === 0 && base !== EBP) mod = 0;
    else if (signedFit8(disp)) mod = MODRM_DISP8;
    else mod = MODRM_DISP32;
    this.bytes(modrmReg(r) | mod | base);
    if (base === ESP) this.bytes(0x24);
    if (mod === MODRM_DISP8) this.bytes(disp & 0xff);
    else if (mod === MODRM_DISP32) this.word32(disp);
  }

  private rr(dest: number, src: number, op: number): void {
    this.bytes(op, modrmReg(src) | MODRM_REG | dest);
  }

  private load32(dest: number, base: number, disp: number): void {
    this.bytes(0x8b);
    this.rDisp(dest, base, disp);
  }

  private store32(src: number, base: number, disp: number): void {
    this.bytes(0x89);
    this.rDisp(src, base, disp);
  }

  private addImm(dest: number, imm: number): void {
    if (signedFit8(imm)) {
      this.bytes(0x83, modrmReg(0) | MODRM_REG | dest, imm & 0xff);
    } else {
      this.bytes(0x81, modrmReg(0) | MODRM_REG | dest);
      this.word32(imm);
    }
  }

  private subImm(dest: number, imm: number): void {
    if (signedFit8(imm)) {
      this.bytes(0x83, modrmReg(5) | MODRM_REG | dest, imm & 0xff);
    } else {
      this.bytes(0x81, modrmReg(5) | MODRM_REG | dest);
      this.word32(imm);
    }
  }

  private testRr(a: number, b: number, boolTest: boolean): void {
    if (boolTest) this.bytes(0x84, modrmReg(a) | MODRM_REG | b);
    else this.rr(b, a, 0x85);
  }

  private jcc(cc: number, label: number): void {
    const dest = this.labelDest(label);
    const rel = dest - this.codePos;
    if (dest !== -1 && rel < 0 && signedFit8(rel - 2)) {
      this.bytes(0x70 | cc, (rel - 2) & 0xff);
      return;
    }
    this.bytes(0x0f, 0x80 | cc);
    this.word32(rel - 6);
  }

  entry(numLocals: number): void {
    this.bytes(0x50 | EBP, 0x50 | EBX, 0x50 | ESI, 0x50 | EDI);
    // with the 4 pushes and the return address this keeps 16-byte alignment
    numLocals |= 3;
    this.subImm(ESP, numLocals * WORD);
    this.numLocals = numLocals;
  }

  exit(): void {
    this.subImm(ESP, -this.numLocals * WORD);
    this.bytes(0x58 | EDI, 0x58 | ESI, 0x58 | EBX, 0x58 | EBP, 0xc3);
  }

  override movArgToReg(argNum: number, dest: number): void {
    // above ESP: the locals, 4 saved registers, the return address, then the arguments
    this.load32(dest, ESP, (this.numLocals + 4 + 1 + argNum) * WORD);
  }

  jump(label: number): void {
    const dest = this.labelDest(label);
    const rel = dest - this.codePos;
    if (dest !== -1 && rel < 0 && signedFit8(rel - 2)) {
      this.bytes(0xeb, (rel - 2) & 0xff);
      return;
    }
    this.bytes(0xe9);
    this.word32(rel - 5);
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
    const nArgs = FUN_N_ARGS[funId as FunId] ?? 0;
    // keep ESP 16-byte aligned at the call
    const align = ((nArgs + 3) & ~3) - nArgs;
    if (align) this.subImm(ESP, align * WORD);
    const argRegs = [EAX, ECX, EDX, EBX];
    for (let i = nArgs - 1; i >= 0; i--) this.bytes(0x50 | (argRegs[i] as number));
    this.load32(EAX, EBP, funId * WORD);
    this.bytes(0xff, modrmReg(2) | MODRM_REG | EAX);
    // cdecl: the caller pops the arguments
    if (nArgs > 0) this.addImm(ESP, (nArgs + align) * WORD);
  }

  movLocalReg(local: number, src: number): void {
    this.store32(src, ESP, local * WORD);
  }

  movRegImm(dest: number, imm: bigint): void {
    this.bytes(0xb8 | dest);
    this.word32(Number(BigInt.asIntN(32, imm)));
  }

  movRegLocal(dest: number, local: number): void {
    this.load32(dest, ESP, local * WORD);
  }

  movRegReg(dest: number, src: number): void {
    this.rr(dest, src, 0x89);
  }

  movRegLocalAddr(dest: number, local: number): void {
    const offset = local * WORD;
    if (offset === 0) {
      this.movRegReg(dest, ESP);
    } else {
      this.bytes(0x8d);
      this.rDisp(dest, ESP, offset);
    }
  }

  movRegPcrel(dest: number, label: number): void {
    // call +0; pop dest; add dest, label - (address after the call)
    this.bytes(0xe8);
    this.word32(0);
    const rel = this.labelDest(label) - this.codePos;
    this.bytes(0x58 | dest);
    this.bytes(0x81, modrmReg(0) | MODRM_REG | dest);
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
    this.bytes(0x0f, 0xaf, modrmReg(dest) | MODRM_REG | src);
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
    this.load32(dest, base, wordOffset * WORD);
  }
  storeRegRegOffset(src: number, base: number, wordOffset: number): void {
    this.store32(src, base, wordOffset * WORD);
  }
  override load8RegRegOffset(dest: number, base: number, offset: number): void {
    this.bytes(0x0f, 0xb6);
    this.rDisp(dest, base, offset);
  }
  load16RegRegOffset(dest: number, base: number, offset: number): void {
    this.bytes(0x0f, 0xb7);
    this.rDisp(dest, base, 2 * offset);
  }
  override load32RegRegOffset(dest: number, base: number, offset: number): void {
    this.load32(dest, base, 4 * offset);
  }
  override store8RegRegOffset(src: number, base: number, offset: number): void {
    this.bytes(0x88);
    this.rDisp(src, base, offset);
  }
  override store16RegRegOffset(src: number, base: number, offset: number): void {
    this.bytes(0x66, 0x89);
    this.rDisp(src, base, 2 * offset);
  }
  override store32RegRegOffset(src: number, base: number, offset: number): void {
    this.store32(src, base, 4 * offset);
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
