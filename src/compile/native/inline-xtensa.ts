// @micropython.asm_xtensa: the Xtensa instruction parser (upstream's emitinlinextensa.c syntax and
// messages; mpy-cross leaves out the "uncommon" opcodes such as rsr/wsr). Registers are a0-a15;
// integers are range-checked; `movi` always loads through the l32r constant table.
import { CompileError } from '../errors.js';
import { isId, type ParseNode } from '../parse-node.js';
import { AsmXtensa, encCall, encRRI8, encRRR, encRRRN, encRI16, signedFit18, signedFit8 } from './asm-xtensa.js';
import { argInt, InlineAsmEmitter } from './inline-asm.js';

// operand positions in the table: RRR_Rn = argument n (1-based) goes in that field
const A_1 = 16;
const A_2 = 32;
const A_3 = 48;
const RRR = 0;
const RRI8 = 1;
const RRRN = 2;

/** name → [operand count, op2, op1, op0, r, s, t, immediate shift (RRI8), kind] */
type Entry = readonly [number, number, number, number, number, number, number, number, number];
const OPCODES = new Map<string, Entry>([
  ['abs_', [2, 6, 0, 0, A_1, 1, A_2, 0, RRR]],
  ['add', [3, 8, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['add_n', [3, 0, 0, 10, A_1, A_2, A_3, 0, RRRN]],
  ['addi', [3, 0, 0, 2, 12, A_2, A_1, 0, RRI8]],
  ['addx2', [3, 9, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['addx4', [3, 10, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['addx8', [3, 11, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['and_', [3, 1, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['callx0', [1, 0, 0, 0, 0, A_1, 12, 0, RRR]],
  ['jx', [1, 0, 0, 0, 0, A_1, 10, 0, RRR]],
  ['l16si', [3, 0, 0, 2, 9, A_2, A_1, 3, RRI8]],
  ['l16ui', [3, 0, 0, 2, 1, A_2, A_1, 3, RRI8]],
  ['l32i', [3, 0, 0, 2, 2, A_2, A_1, 5, RRI8]],
  ['l8ui', [3, 0, 0, 2, 0, A_2, A_1, 1, RRI8]],
  ['mov', [2, 0, 0, 13, 0, A_2, A_1, 0, RRRN]],
  ['mov_n', [2, 0, 0, 13, 0, A_2, A_1, 0, RRRN]],
  ['mull', [3, 8, 2, 0, A_1, A_2, A_3, 0, RRR]],
  ['neg', [2, 6, 0, 0, A_1, 0, A_2, 0, RRR]],
  ['nop', [0, 0, 0, 0, 2, 0, 15, 0, RRR]],
  ['nop_n', [0, 0, 0, 13, 15, 0, 3, 0, RRRN]],
  ['nsa', [2, 4, 0, 0, 14, A_2, A_1, 0, RRR]],
  ['nsau', [2, 4, 0, 0, 15, A_2, A_1, 0, RRR]],
  ['or_', [3, 2, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['ret', [0, 0, 0, 13, 15, 0, 0, 0, RRRN]],
  ['ret_n', [0, 0, 0, 13, 15, 0, 0, 0, RRRN]],
  ['s16i', [3, 0, 0, 2, 5, A_2, A_1, 3, RRI8]],
  ['s32i', [3, 0, 0, 2, 6, A_2, A_1, 5, RRI8]],
  ['s8i', [3, 0, 0, 2, 4, A_2, A_1, 1, RRI8]],
  ['sll', [2, 10, 1, 0, A_1, A_2, 0, 0, RRR]],
  ['sra', [2, 11, 1, 0, A_1, 0, A_2, 0, RRR]],
  ['src', [3, 8, 1, 0, A_1, A_2, A_3, 0, RRR]],
  ['srl', [2, 9, 1, 0, A_1, 0, A_2, 0, RRR]],
  ['ssa8b', [1, 4, 0, 0, 3, A_1, 0, 0, RRR]],
  ['ssa8l', [1, 4, 0, 0, 2, A_1, 0, 0, RRR]],
  ['ssl', [1, 4, 0, 0, 1, A_1, 0, 0, RRR]],
  ['ssr', [1, 4, 0, 0, 0, A_1, 0, 0, RRR]],
  ['sub', [3, 12, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['subx2', [3, 13, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['subx4', [3, 14, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['subx8', [3, 15, 0, 0, A_1, A_2, A_3, 0, RRR]],
  ['xor', [3, 3, 0, 0, A_1, A_2, A_3, 0, RRR]],
]);

/** Two-register branches by condition number (bcc). */
const BRANCHES = new Map(
  ['bnone', 'beq', 'blt', 'bltu', 'ball', 'bbc', '', '', 'bany', 'bne', 'bge', 'bgeu', 'bnall', 'bbs']
    .map((name, cond): [string, number] => [name, cond])
    .filter(([name]) => name !== ''),
);
/** Compare-with-zero branches; the low two bits of the index are the condition (the _n forms are
 * assembled as the wide ones). */
const BCCZ = ['beqz', 'bnez', 'bltz', 'bgez', 'beqz_n', 'bnez_n'];

const runtimeError = (message: string): CompileError => new CompileError('RuntimeError', message, undefined, undefined);

export class InlineXtensa extends InlineAsmEmitter {
  readonly as: AsmXtensa;

  constructor(readonly windowed: boolean) {
    super();
    this.as = new AsmXtensa(windowed);
  }

  protected entry(): void {
    this.as.entry(0);
  }
  protected exit(): void {
    this.as.exit();
  }

  countParams(params: readonly ParseNode[]): number {
    if (params.length > 4) {
      this.fail('can only have up to 4 parameters to Xtensa assembly');
      return 0;
    }
    for (let i = 0; i < params.length; i++) {
      const p = params[i] ?? null;
      if (!isId(p) || p.name !== `a${i + 2}`) {
        this.fail('parameters must be registers in sequence a2 to a5');
        return 0;
      }
    }
    return params.length;
  }

  private reg(op: string, pn: ParseNode): number {
    if (isId(pn)) {
      const m = /^a([0-9]|1[0-5])$/.exec(pn.name);
      if (m) return Number(m[1]);
    }
    this.fail(`'${op}' expects a register`);
    return 0;
  }

  /** An integer in min..max (no check when min === max); as a uint32. */
  private int(op: string, pn: ParseNode, min: number, max: number): number {
    const v = argInt(pn);
    if (v === undefined) {
      this.fail(`'${op}' expects an integer`);
      return 0;
    }
    const i = Number(BigInt.asIntN(32, v));
    if (min !== max && (i < min || i > max)) {
      this.fail(`'${op}' integer ${i} isn't within range ${min}..${max}`);
      return 0;
    }
    return i >>> 0;
  }

  private labelArg(op: string, pn: ParseNode): number {
    if (!isId(pn)) {
      this.fail(`'${op}' expects a label`);
      return 0;
    }
    const n = this.findLabel(pn.name);
    if (n >= 0) return n;
    if (this.emitting) this.fail(`label '${pn.name}' not defined`);
    return 0;
  }

  op(op: string, args: readonly ParseNode[]): void {
    const n = args.length;
    const a = (i: number): ParseNode => args[i] ?? null;
    const as = this.as;
    const unknown = (): void => this.fail(`unsupported Xtensa instruction '${op}' with ${n} arguments`);

    const entry = OPCODES.get(op);
    if (entry !== undefined) {
      const [operands, op2, op1, op0, r, s, t, shift0, kind] = entry;
      if (n !== operands) return unknown();
      let code = ((r & 0x0f) << 12) | ((s & 0x0f) << 8) | ((t & 0x0f) << 4) | op0;
      if (kind === RRR) {
        code |= (op2 << 20) | (op1 << 16);
      } else if (kind === RRI8) {
        // loads/stores take a scaled unsigned offset, addi a signed byte
        let min = 0;
        let max = 0;
        let shift = shift0;
        if (shift > 0) {
          shift >>= 1;
          max = 0xff << shift;
        } else {
          min = -128;
          max = 127;
        }
        const imm = this.int(op, a(2), min, max);
        code |= ((imm >>> shift) & 0xff) << 16;
      }
      if (r >= A_1) code |= this.reg(op, a((r >> 4) - 1)) << 12;
      if (s >= A_1) code |= this.reg(op, a((s >> 4) - 1)) << 8;
      if (t >= A_1) code |= this.reg(op, a((t >> 4) - 1)) << 4;
      if (kind === RRRN) as.op16(code & 0xffff);
      else as.op24(code >>> 0);
      return;
    }

    if (n === 1) {
      if (op === 'j') {
        as.jump(this.labelArg(op, a(0)));
      } else if (op === 'ssai') {
        const sa = this.int(op, a(0), 0, 31);
        as.op24(encRRR(0, 0, 4, 4, sa & 0x0f, (sa >> 4) & 0x01));
      } else if (op === 'call0') {
        this.call0(this.labelArg(op, a(0)));
      } else {
        unknown();
      }
    } else if (n === 2) {
      // (the first operand is read before the instruction is known)
      const r0 = this.reg(op, a(0));
      const cond = BCCZ.indexOf(op);
      if (cond >= 0) {
        as.bcczLabel(cond & 3, r0, this.labelArg(op, a(1)));
      } else if (op === 'movi') {
        as.movRegI32(r0, this.int(op, a(1), 0, 0));
      } else if (op === 'l32r') {
        this.l32r(r0, this.labelArg(op, a(1)));
      } else if (op === 'movi_n') {
        as.opMoviN(r0, this.int(op, a(1), -32, 95) | 0);
      } else {
        unknown();
      }
    } else if (n === 3) {
      const cond = BRANCHES.get(op);
      if (cond !== undefined) {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        as.bccLabel(cond, r0, r1, this.labelArg(op, a(2)));
      } else if (op === 'addi_n') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const imm4 = this.int(op, a(2), -1, 15) | 0;
        // (upstream passes -1 for 0 and lets it spill over the register fields, kept as is)
        as.op16(encRRRN(11, r0, r1, imm4 !== 0 ? imm4 : -1) & 0xffff);
      } else if (op === 'addmi') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const imm = this.int(op, a(2), -128 * 256, 127 * 256) | 0;
        if ((imm & 0xff) !== 0) this.fail(`${imm} is not a multiple of 256`);
        else as.op24(encRRI8(2, 13, r1, r0, imm >> 8) & 0xffffff);
      } else if (op === 'bbci' || op === 'bbsi') {
        const r0 = this.reg(op, a(0));
        const bit = this.int(op, a(1), 0, 31);
        this.bitBranch(r0, bit, this.labelArg(op, a(2)), op === 'bbci' ? 6 : 14);
      } else if (op === 'slli') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const bits = 32 - this.int(op, a(2), 1, 31);
        as.op24(encRRR(0, 1, (bits >> 4) & 0x01, r0, r1, bits & 0x0f));
      } else if (op === 'srai') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const bits = this.int(op, a(2), 0, 31);
        as.op24(encRRR(0, 1, 2 | ((bits >> 4) & 0x01), r0, bits & 0x0f, r1));
      } else if (op === 'srli') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const bits = this.int(op, a(2), 0, 15);
        as.op24(encRRR(0, 1, 4, r0, bits, r1));
      } else if (op === 'l32i_n' || op === 's32i_n') {
        const r0 = this.reg(op, a(0));
        const r1 = this.reg(op, a(1));
        const imm = this.int(op, a(2), 0, 60);
        if ((imm & 3) !== 0) this.fail(`${imm} is not a multiple of 4`);
        else if (op === 'l32i_n') as.opL32iN(r0, r1, imm >> 2);
        else as.opS32iN(r0, r1, imm >> 2);
      } else {
        unknown();
      }
    } else {
      unknown();
    }
  }

  /** call0 to a label (word-aligned, checked when emitting). */
  private call0(label: number): void {
    const dest = this.as.labelOffset(label) >>> 0;
    const rel = (dest - this.as.codePos - 3) | 0;
    if (this.emitting) {
      if ((dest & 3) !== 0) throw runtimeError('ERROR: call0 target not word-aligned');
      if ((rel & 3) !== 0) throw runtimeError('ERROR: call0 location not word-aligned');
      if (!signedFit18(rel)) throw runtimeError('ERROR: xtensa call0 out of range');
    }
    this.as.op24(encCall(5, 0, rel & 0x3ffff));
  }

  /** l32r from a label before this instruction. */
  private l32r(reg: number, label: number): void {
    const dest = this.as.labelOffset(label) >>> 0;
    const pos = this.as.codePos;
    const rel = (dest - pos) | 0;
    if (this.emitting) {
      if ((dest & 3) !== 0) throw runtimeError('ERROR: l32r target not word-aligned');
      if ((rel & 3) !== 0) throw runtimeError('ERROR: l32r location not word-aligned');
      if (!signedFit18(rel) || rel >= 0) throw runtimeError('ERROR: xtensa l32r out of range');
    }
    this.as.op24(encRI16(1, reg, (((dest - ((pos + 3) & ~3)) >>> 0) >>> 2) & 0xffff));
  }

  /** bbci/bbsi: branch on a bit (8-bit range). */
  private bitBranch(reg: number, bit: number, label: number, cond: number): void {
    const rel = (this.as.labelOffset(label) - this.as.codePos - 4) | 0;
    if (this.emitting && !signedFit8(rel)) throw runtimeError('ERROR: xtensa bit_branch out of range');
    this.as.op24(encRRI8(7, cond | ((bit >> 4) & 0x01), reg, bit & 0x0f, rel & 0xff));
  }
}
