// @micropython.asm_rv32: the RV32IMC instruction parser (upstream's emitinlinerv32.c syntax and
// messages). Each instruction is described by its operands (register, compressed-window register,
// immediate with its valid bit mask, label) and an encoder; loads and stores take `offset(base)`.
// sh1add/sh2add/sh3add need -march-flags=zba.
//
// Beyond upstream: mpy-cross range-checks a label not yet defined in the CODE_SIZE pass against
// memory past its label table (an out-of-bounds read), so a forward c_beqz/c_bnez/c_j can fail with
// "out of range" depending on the heap layout; mpyts checks labels once their offsets are known.
import { Rule } from '../grammar.js';
import { isId, isStruct, isStructKind, isTokenKind, type ParseNode } from '../parse-node.js';
import { Tok } from '../tokens.js';
import {
  AsmRv32,
  cbOffset,
  encB,
  encCA,
  encCB,
  encCI,
  encCIW,
  encCJ,
  encCL,
  encCR,
  encCSS,
  encCsrI,
  encI,
  encJ,
  encR,
  encS,
  encU,
  RV32_EXT_ZBA,
  splitImmediate,
} from './asm-rv32.js';
import { argInt, InlineAsmEmitter } from './inline-asm.js';

// operand kinds
const N = 0;
const R = 1;
const I = 2;
const L = 3;
const C = 4; // register: a compressed-window one (x8-x15), encoded as 0-7
const U = 4; // immediate: unsigned
const Z = 8; // immediate: not zero
const RC = R | C;
const IU = I | U;
const IZ = I | Z;
const IUZ = I | U | Z;

const REGISTER_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

/** Register number of a name (ABI or xN), or -1. */
function registerNumber(pn: ParseNode): number {
  if (!isId(pn)) return -1;
  const i = REGISTER_NAMES.indexOf(pn.name);
  if (i >= 0) return i;
  const m = /^x([0-9]|[12][0-9]|3[01])$/.exec(pn.name);
  return m ? Number(m[1]) : -1;
}

type Emit = (as: AsmRv32, a: number, b: number, c: number) => void;

/** How the parsed operands are passed to the encoder. */
const enum Conv {
  Plain, // in order
  RegOffsetBase, // "rd, offset(base)": the encoder takes (rd, base, offset)
}

interface Opcode {
  /** valid bits of each operand (register set, or immediate/displacement bits) */
  masks: readonly [number, number, number];
  nodes: number;
  kinds: readonly [number, number, number];
  shifts: readonly [number, number, number];
  ext: number;
  conv: Conv;
  emit: Emit;
}

const w = (as: AsmRv32, op: number): void => as.op32(op);
const h = (as: AsmRv32, op: number): void => as.op16(op);
const rType = (f3: number, f7: number): Emit => (as, rd, rs1, rs2) => w(as, encR(0x33, f3, f7, rd, rs1, rs2));
const iType = (op: number, f3: number): Emit => (as, rd, rs, imm) => w(as, encI(op, f3, rd, rs, imm));
const branch = (f3: number): Emit => (as, rs1, rs2, off) => w(as, encB(0x63, f3, rs1, rs2, off));
const store = (f3: number): Emit => (as, src, base, off) => w(as, encS(0x23, f3, base, src, off));
const spOffset = (o: number): number => ((o & 0xc0) >> 6) | (o & 0x3c);

const ALL = 0xffffffff;
const op = (
  masks: readonly [number, number, number],
  nodes: number,
  kinds: readonly [number, number, number],
  emit: Emit,
  extra: { shifts?: readonly [number, number, number]; ext?: number; conv?: Conv } = {},
): Opcode => ({ masks, nodes, kinds, shifts: extra.shifts ?? [0, 0, 0], ext: extra.ext ?? 0, conv: extra.conv ?? Conv.Plain, emit });

const RRR3: readonly [number, number, number] = [ALL, ALL, ALL];
const KRRR: readonly [number, number, number] = [R, R, R];
const rrr = (f3: number, f7: number, ext = 0): Opcode => op(RRR3, 3, KRRR, rType(f3, f7), { ext });
const rri = (f3: number, kind = I): Opcode => op([ALL, ALL, 0xfff], 3, [R, R, kind], iType(0x13, f3));
const bcc = (f3: number): Opcode => op([ALL, ALL, 0x1ffe], 3, [R, R, L], branch(f3));
const load = (f3: number): Opcode => op([ALL, 0xfff, ALL], 2, [R, I, R], iType(0x03, f3), { conv: Conv.RegOffsetBase });
const csr = (f3: number): Opcode => op([ALL, ALL, 0xfff], 3, [R, R, IU], iType(0x73, f3));
const csri = (f3: number): Opcode => op([ALL, 0xfff, 0x1f], 3, [R, IU, IU], (as, rd, c, imm) => w(as, encCsrI(0x73, f3, rd, c, imm)));
const ca = (f2: number): Opcode => op([0xff00, 0xff00, 0], 2, [RC, RC, N], (as, rd, rs) => h(as, encCA(1, 0x23, f2, rd, rs)));
const cbz = (f3: number): Opcode => op([0xff00, 0x1fe, 0], 2, [RC, L, N], (as, rs, off) => h(as, encCB(1, f3, rs, cbOffset(off))));

const OPCODES = new Map<string, Opcode>([
  ['add', rrr(0, 0)],
  ['addi', rri(0)],
  ['and_', rrr(7, 0)],
  ['andi', rri(7)],
  ['auipc', op([ALL, 0xfffff000, 0], 2, [R, I, N], (as, rd, imm) => w(as, encU(0x17, rd, imm)), { shifts: [0, 12, 0] })],
  ['beq', bcc(0)],
  ['bge', bcc(5)],
  ['bgeu', bcc(7)],
  ['blt', bcc(4)],
  ['bltu', bcc(6)],
  ['bne', bcc(1)],
  ['csrrc', csr(3)],
  ['csrrs', csr(2)],
  ['csrrw', csr(1)],
  ['csrrci', csri(7)],
  ['csrrsi', csri(6)],
  ['csrrwi', csri(5)],
  ['c_add', op([0xfffffffe, 0xfffffffe, 0], 2, [R, R, N], (as, rd, rs) => h(as, encCR(2, 9, rd, rs)))],
  ['c_addi', op([0xfffffffe, 0x3f, 0], 2, [R, IZ, N], (as, rd, imm) => h(as, encCI(1, 0, rd, imm)))],
  ['c_addi4spn', op([0xff00, 0x3fc, 0], 2, [R, IUZ, N], (as, rd, imm) => h(as, encCIW(0, 0, rd, imm)))],
  ['c_and', ca(3)],
  ['c_andi', op([0xff00, 0x3f, 0], 2, [RC, I, N], (as, rd, imm) => h(as, encCB(1, 4, rd, ((imm & 0x20) << 2) | (imm & 0x1f) | 0x40)))],
  ['c_beqz', cbz(6)],
  ['c_bnez', cbz(7)],
  ['c_ebreak', op([0, 0, 0], 0, [N, N, N], (as) => h(as, 0x9002))],
  ['c_j', op([0xffe, 0, 0], 1, [L, N, N], (as, off) => h(as, encCJ(1, 5, off)))],
  ['c_jal', op([0xffe, 0, 0], 1, [L, N, N], (as, off) => h(as, encCJ(1, 1, off)))],
  ['c_jalr', op([0xfffffffe, 0, 0], 1, [R, N, N], (as, rs) => h(as, encCR(2, 9, rs, 0)))],
  ['c_jr', op([0xfffffffe, 0, 0], 1, [R, N, N], (as, rs) => h(as, encCR(2, 8, rs, 0)))],
  ['c_li', op([0xfffffffe, 0x3f, 0], 2, [R, I, N], (as, rd, imm) => h(as, encCI(1, 2, rd, imm)))],
  ['c_lui', op([0xfffffffa, 0x1f800, 0], 2, [R, IUZ, N], (as, rd, imm) => h(as, encCI(1, 3, rd, imm >> 12)), { shifts: [0, 12, 0] })],
  ['c_lw', op([0xff00, 0x7c, 0xff00], 2, [RC, I, RC], (as, rd, rs, off) => h(as, encCL(0, 2, rd, rs, off)), { conv: Conv.RegOffsetBase })],
  ['c_lwsp', op([0xfffffffe, 0xfc, 0], 2, [R, I, N], (as, rd, off) => h(as, encCI(2, 2, rd, spOffset(off))))],
  ['c_mv', op([0xfffffffe, 0xfffffffe, 0], 2, [R, R, N], (as, rd, rs) => h(as, encCR(2, 8, rd, rs)))],
  ['c_nop', op([0, 0, 0], 0, [N, N, N], (as) => h(as, 0x0001))],
  ['c_or', ca(2)],
  ['c_slli', op([0xfffffffe, 0x1f, 0], 2, [R, IU, N], (as, rd, imm) => h(as, encCI(2, 0, rd, imm)))],
  ['c_srai', op([0xff00, 0x1f, 0], 2, [RC, IU, N], (as, rd, imm) => h(as, encCB(1, 4, rd, ((imm & 0x20) << 2) | (imm & 0x1f) | 0x20)))],
  ['c_srli', op([0xff00, 0x1f, 0], 2, [RC, IU, N], (as, rd, imm) => h(as, encCB(1, 4, rd, ((imm & 0x20) << 2) | (imm & 0x1f))))],
  ['c_sub', ca(0)],
  ['c_sw', op([0xff00, 0x7c, 0xff00], 2, [RC, I, RC], (as, src, base, off) => h(as, encCL(0, 6, src, base, off)), { conv: Conv.RegOffsetBase })],
  ['c_swsp', op([ALL, 0xfc, 0], 2, [R, I, N], (as, rs, off) => h(as, encCSS(2, 6, rs, spOffset(off))))],
  ['c_xor', ca(1)],
  ['div', rrr(4, 1)],
  ['divu', rrr(5, 1)],
  ['ebreak', op([0, 0, 0], 0, [N, N, N], (as) => w(as, 0x100073))],
  ['ecall', op([0, 0, 0], 0, [N, N, N], (as) => w(as, 0x73))],
  ['jal', op([ALL, 0x1ffffe, 0], 2, [R, L, N], (as, rd, off) => w(as, encJ(0x6f, rd, off)))],
  ['jalr', op([ALL, ALL, 0xfff], 3, [R, R, I], iType(0x67, 0))],
  [
    'la',
    op([ALL, ALL, 0], 2, [R, L, N], (as, rd, disp) => {
      // always auipc + addi, so that label addresses do not move between passes
      const { upper, lower } = splitImmediate(disp);
      w(as, encU(0x17, rd, upper));
      w(as, encI(0x13, 0, rd, rd, lower));
    }),
  ],
  ['lb', load(0)],
  ['lbu', load(4)],
  ['lh', load(1)],
  ['lhu', load(5)],
  ['li', op([ALL, ALL, 0], 2, [R, I, N], (as, rd, imm) => as.loadImmediate(rd, imm))],
  ['lui', op([ALL, 0xfffff000, 0], 2, [R, I, N], (as, rd, imm) => w(as, encU(0x37, rd, imm)), { shifts: [0, 12, 0] })],
  ['lw', load(2)],
  ['mv', op([ALL, ALL, 0], 2, [R, R, N], (as, rd, rs) => h(as, encCR(2, 8, rd, rs)))],
  ['mul', rrr(0, 1)],
  ['mulh', rrr(1, 1)],
  ['mulhsu', rrr(2, 1)],
  ['mulhu', rrr(3, 1)],
  ['or_', rrr(6, 0)],
  ['ori', op([ALL, ALL, 0xfff], 3, [R, R, I], iType(0x13, 6))],
  ['rem', rrr(6, 1)],
  ['remu', rrr(7, 1)],
  ['sb', op([ALL, 0xfff, ALL], 2, [R, I, R], store(0), { conv: Conv.RegOffsetBase })],
  ['sh', op([ALL, 0xfff, ALL], 2, [R, I, R], store(1), { conv: Conv.RegOffsetBase })],
  ['sh1add', rrr(2, 0x10, RV32_EXT_ZBA)],
  ['sh2add', rrr(4, 0x10, RV32_EXT_ZBA)],
  ['sh3add', rrr(6, 0x10, RV32_EXT_ZBA)],
  ['sll', rrr(1, 0)],
  ['slli', op([ALL, ALL, 0x1f], 3, [R, R, IU], (as, rd, rs, imm) => w(as, encI(0x13, 1, rd, rs, imm & 0x1f)))],
  ['slt', rrr(2, 0)],
  ['slti', rri(2)],
  ['sltiu', rri(3)],
  ['sltu', rrr(3, 0)],
  ['sra', rrr(5, 0x20)],
  ['srai', op([ALL, ALL, 0x1f], 3, [R, R, IU], (as, rd, rs, imm) => w(as, encI(0x13, 5, rd, rs, (imm & 0x1f) | 0x400)))],
  ['srl', rrr(5, 0)],
  ['srli', op([ALL, ALL, 0x1f], 3, [R, R, IU], (as, rd, rs, imm) => w(as, encI(0x13, 5, rd, rs, imm & 0x1f)))],
  ['sub', rrr(0, 0x20)],
  ['sw', op([ALL, 0xfff, ALL], 2, [R, I, R], store(2), { conv: Conv.RegOffsetBase })],
  ['xor', rrr(4, 0)],
  ['xori', rri(4)],
]);

/** Whether a (32-bit) value fits a contiguous signed bit mask (upstream's is_in_signed_mask). */
function inSignedMask(mask: number, value: number): boolean {
  const lz = Math.clz32(mask);
  if (lz === 0) return true;
  const v = value >>> 0;
  const positive = ~(mask & ~(1 << (31 - lz))) >>> 0;
  if (((v & positive) >>> 0) === 0) return true;
  let negative = ~(mask >>> 1) >>> 0;
  const tz = 31 - Math.clz32(mask & -mask);
  if (tz > 0) {
    const trailing = (1 << tz) - 1;
    if ((v & trailing) !== 0) return false;
    negative = (negative & ~trailing) >>> 0;
  }
  return ((v & negative) >>> 0) === negative;
}

/** Unsigned check on the full 64-bit value (a negative number never fits). */
const inUnsignedMask = (mask: number, value: bigint): boolean => (value & ~BigInt(mask >>> 0) & 0xffffffffffffffffn) === 0n;

export class InlineRv32 extends InlineAsmEmitter {
  readonly as: AsmRv32;

  constructor(private readonly extensions: number) {
    super();
    this.as = new AsmRv32(extensions);
  }

  protected entry(): void {
    // no prologue: the function is entered as is and returns with c.jr ra
  }
  protected exit(): void {
    this.as.op16(encCR(2, 8, 1, 0));
  }

  countParams(params: readonly ParseNode[]): number {
    if (params.length > 4) {
      this.fail('can only have up to 4 parameters for RV32 assembly');
      return 0;
    }
    for (let i = 0; i < params.length; i++) {
      if (registerNumber(params[i] ?? null) !== 10 + i) {
        this.fail('parameters must be registers in sequence a0 to a3');
        return 0;
      }
    }
    return params.length;
  }

  /** Checks one operand; undefined (with the error set) when it is not valid. */
  private operand(name: string, o: Opcode, pn: ParseNode, index: number): number | undefined {
    const kind = o.kinds[index] as number;
    const mask = o.masks[index] as number;
    const arg = index + 1;
    switch (kind & 3) {
      case R: {
        const r = registerNumber(pn);
        if (r < 0) return this.bad(`opcode '${name}' argument ${arg}: expecting register`);
        if ((mask & (1 << r)) === 0) return this.bad(`opcode '${name}' argument ${arg}: unknown register`);
        return kind & C ? r - 8 : r;
      }
      case I: {
        const v = argInt(pn);
        if (v === undefined) return this.bad(`opcode '${name}' argument ${arg}: expecting integer`);
        return this.immediate(name, arg, BigInt.asUintN(64, v << BigInt(o.shifts[index] as number)), mask, kind);
      }
      case L: {
        if (!isId(pn)) return this.bad(`opcode '${name}' argument ${arg}: expecting label`);
        const label = this.findLabel(pn.name);
        if (label < 0) {
          if (this.emitting) return this.bad(`opcode '${name}' argument ${arg}: undefined label '${pn.name}'`);
          // a forward label in the CODE_SIZE pass: only the instruction's size matters here
          return 0;
        }
        const disp = (this.as.labelOffset(label) - this.as.codePos) | 0;
        const fits = kind & U ? inUnsignedMask(mask, BigInt.asUintN(64, BigInt(disp))) : inSignedMask(mask, disp);
        return fits ? disp : this.bad(`opcode '${name}' argument ${arg}: out of range`);
      }
      default:
        return 0;
    }
  }

  /** Range (and non-zero) checks of an immediate given as a 64-bit value. */
  private immediate(name: string, arg: number, imm: bigint, mask: number, kind: number): number | undefined {
    const low = Number(BigInt.asIntN(32, imm));
    const fits = kind & U ? inUnsignedMask(mask, imm) : inSignedMask(mask, low);
    if (!fits) return this.bad(`opcode '${name}' argument ${arg}: out of range`);
    if (kind & Z && imm === 0n) return this.bad(`opcode '${name}' argument ${arg}: must not be zero`);
    return low;
  }

  private bad(message: string): undefined {
    this.fail(message);
    return undefined;
  }

  /** "offset(base)", or "-offset(base)": [offset, base]. */
  private regOffset(name: string, o: Opcode, pn: ParseNode): [number, number] | undefined {
    let node = pn;
    let negative = false;
    if (isStructKind(node, Rule.factor_2)) {
      const sign = node.nodes[0] ?? null;
      if (isTokenKind(sign, Tok.OP_MINUS)) negative = true;
      else if (!isTokenKind(sign, Tok.OP_PLUS)) return this.bad(`opcode '${name}' argument 2: expecting offset`);
      node = node.nodes[1] ?? null;
      if (!isStructKind(node, Rule.atom_expr_normal)) return this.bad(`opcode '${name}' argument 2: expecting offset`);
    } else if (!isStructKind(node, Rule.atom_expr_normal)) {
      return this.bad(`opcode '${name}' argument 2: expecting offset`);
    }
    let offset: number | undefined;
    if (negative) {
      // the parser left the minus outside the call: negate, then check like a plain operand
      const v = argInt(node.nodes[0] ?? null);
      if (v === undefined) return this.bad(`opcode '${name}' argument 2: expecting integer`);
      const value = BigInt.asUintN(64, -v);
      const checked = this.immediate(name, 2, BigInt.asUintN(64, value << BigInt(o.shifts[1])), o.masks[1], o.kinds[1]);
      if (checked === undefined) {
        // (the zero check does not apply here upstream; only the range error is reported)
        if (this.error?.endsWith('must not be zero') === true) this.fail(`opcode '${name}' argument 2: out of range`);
        return undefined;
      }
      offset = Number(BigInt.asIntN(32, value));
    } else {
      offset = this.operand(name, o, node.nodes[0] ?? null, 1);
      if (offset === undefined) return undefined;
    }
    const trailer = node.nodes[1] ?? null;
    const baseNode = isStruct(trailer) ? (trailer.nodes[0] ?? null) : null;
    const base = this.operand(name, o, baseNode, 2);
    if (base === undefined) return undefined;
    return [offset, base];
  }

  op(name: string, args: readonly ParseNode[]): void {
    const o = OPCODES.get(name);
    if (o === undefined || (this.extensions & o.ext) !== o.ext) {
      this.fail(`invalid RV32 instruction '${name}'`);
      return;
    }
    if (args.length !== o.nodes) {
      this.fail(`opcode '${name}': expecting ${o.nodes} arguments`);
      return;
    }
    const v: [number, number, number] = [0, 0, 0];
    if (o.nodes >= 1) {
      const a0 = this.operand(name, o, args[0] ?? null, 0);
      if (a0 === undefined) return;
      v[0] = a0;
    }
    if (o.conv === Conv.RegOffsetBase) {
      const ob = this.regOffset(name, o, args[1] ?? null);
      if (ob === undefined) return;
      // the encoder takes (reg, base, offset)
      o.emit(this.as, v[0], ob[1], ob[0]);
      return;
    }
    for (let i = 1; i < o.nodes; i++) {
      const x = this.operand(name, o, args[i] ?? null, i);
      if (x === undefined) return;
      v[i] = x;
    }
    o.emit(this.as, v[0], v[1], v[2]);
  }
}
