// @micropython.asm_thumb: the Thumb instruction parser (upstream's emitinlinethumb.c syntax and
// messages). Arguments are registers (r0-r15, sl, fp, sp, lr, pc), integers (checked against the
// field's bit mask), labels, addresses `[rN, offset]` and register lists `{r0, r1, ...}`.
// ARMv7-M adds the Thumb-2 forms (movw/movt, wide branches, it, clz, sdiv, ldrex, ...); armv7emsp and
// armv7emdp add the single-precision VFP instructions (v...).
import { Rule } from '../grammar.js';
import { extractArgs, isId, isStructKind, type ParseNode } from '../parse-node.js';
import {
  AsmThumb,
  Cc,
  F1_ASR,
  F1_LSL,
  F1_LSR,
  F2_ADD,
  F2_IMM,
  F2_SUB,
  F3_ADD,
  F3_CMP,
  F3_MOV,
  F3_SUB,
  F4_AND,
  OP_MOVT,
  OP_MOVW,
  OP_NOP,
} from './asm-thumb.js';
import { argInt, argStr, InlineAsmEmitter } from './inline-asm.js';

const REG_NAMES: readonly [string, number][] = [
  ...Array.from({ length: 16 }, (_, i): [string, number] => [`r${i}`, i]),
  ['sl', 10], ['fp', 11], ['sp', 13], ['lr', 14], ['pc', 15],
];
const SPECIAL_REGS = new Map([['IPSR', 5], ['BASEPRI', 17]]);

const CC_NAMES: readonly [string, number][] = [
  ['eq', Cc.EQ], ['ne', Cc.NE], ['cs', Cc.CS], ['cc', Cc.CC], ['mi', Cc.MI], ['pl', Cc.PL], ['vs', Cc.VS],
  ['vc', Cc.VC], ['hi', Cc.HI], ['ls', Cc.LS], ['ge', Cc.GE], ['lt', Cc.LT], ['gt', Cc.GT], ['le', Cc.LE],
];

/** Two-register ALU instructions (format 4), by name. */
const FORMAT_4 = new Map(Object.entries({
  eor: 0x4040, lsl: 0x4080, lsr: 0x40c0, asr: 0x4100, adc: 0x4140, sbc: 0x4180, ror: 0x41c0, tst: 0x4200,
  neg: 0x4240, cmp: 0x4280, cmn: 0x42c0, orr: 0x4300, mul: 0x4340, bic: 0x4380, mvn: 0x43c0,
}));

/** Load/store with an immediate offset (formats 9 and 10), by name. */
const FORMAT_9_10 = new Map(Object.entries({
  ldr: 0x6800, ldrb: 0x7800, ldrh: 0x8800, str: 0x6000, strb: 0x7000, strh: 0x8000,
}));
const F9_BYTE = 0x1000;
const F10_HALF = 0x8000;

/** VFP three-register arithmetic: opcode nibbles (hi | lo). */
const VFP_ARITH = new Map(Object.entries({ add: 0x30, sub: 0x34, mul: 0x20, div: 0x80 }));

const hex = (x: number): string => (x >>> 0).toString(16);

export class InlineThumb extends InlineAsmEmitter {
  readonly as: AsmThumb;
  private readonly armv7m: boolean;
  private readonly float: boolean;

  /** @param arch 3 armv6 (code entered in ARM state), 4 armv6m, 5..8 armv7m..armv7emdp */
  constructor(arch: number) {
    super();
    this.armv7m = arch >= 5;
    this.float = arch === 7 || arch === 8;
    this.as = new AsmThumb(this.armv7m, arch === 3);
  }

  protected entry(): void {
    this.as.entry(0);
  }
  protected exit(): void {
    this.as.exit();
  }

  countParams(params: readonly ParseNode[]): number {
    if (params.length > 4) {
      this.fail('can only have up to 4 parameters to Thumb assembly');
      return 0;
    }
    for (let i = 0; i < params.length; i++) {
      const p = params[i] ?? null;
      if (!isId(p) || p.name !== `r${i}`) {
        this.fail('parameters must be registers in sequence r0 to r3');
        return 0;
      }
    }
    return params.length;
  }

  // ---- arguments -------------------------------------------------------------------------------

  private reg(op: string, pn: ParseNode, maxReg: number): number {
    const s = argStr(pn);
    for (const [name, r] of REG_NAMES) {
      if (s === name) {
        if (r > maxReg) {
          this.fail(`'${op}' expects at most r${maxReg}`);
          return 0;
        }
        return r;
      }
    }
    this.fail(`'${op}' expects a register`);
    return 0;
  }

  private specialReg(op: string, pn: ParseNode): number {
    const r = SPECIAL_REGS.get(argStr(pn));
    if (r !== undefined) return r;
    this.fail(`'${op}' expects a special register`);
    return 0;
  }

  private vfpReg(op: string, pn: ParseNode): number {
    const s = argStr(pn);
    if (s[0] === 's' && s.length > 1 && /^[0-9]+$/.test(s.slice(1))) {
      const n = Number(s.slice(1));
      if (n > 31) {
        this.fail(`'${op}' expects at most r31`);
        return 0;
      }
      return n;
    }
    this.fail(`'${op}' expects an FPU register`);
    return 0;
  }

  /** {r0, r1, ...}: a Python set display of registers. */
  private regList(op: string, pn: ParseNode): number {
    const bad = (): number => {
      this.fail(`'${op}' expects {r0, r1, ...}`);
      return 0;
    };
    if (!isStructKind(pn, Rule.atom_brace)) return bad();
    const inner = pn.nodes[0] ?? null;
    if (isId(inner)) return 1 << this.reg(op, inner, 15);
    if (!isStructKind(inner, Rule.dictorsetmaker)) return bad();
    const tail = inner.nodes[1] ?? null;
    if (!isStructKind(tail, Rule.dictorsetmaker_list)) return bad();
    let list = 1 << this.reg(op, inner.nodes[0] ?? null, 15);
    for (const n of extractArgs(tail.nodes[0] ?? null, Rule.dictorsetmaker_list2)) list |= 1 << this.reg(op, n, 15);
    return list;
  }

  /** An integer whose bits must all be inside `mask`. */
  private int(op: string, pn: ParseNode, mask: number): number {
    const v = argInt(pn);
    if (v === undefined) {
      this.fail(`'${op}' expects an integer`);
      return 0;
    }
    const i = Number(BigInt.asUintN(32, v));
    if ((i & ~mask) !== 0) {
      this.fail(`'${op}' integer 0x${hex(i)} doesn't fit in mask 0x${hex(mask)}`);
      return 0;
    }
    return i;
  }

  /** [base, offset] */
  private addr(op: string, pn: ParseNode): [ParseNode, ParseNode] | undefined {
    if (isStructKind(pn, Rule.atom_bracket)) {
      const inner = pn.nodes[0] ?? null;
      if (isStructKind(inner, Rule.testlist_comp) && inner.nodes.length === 2) return [inner.nodes[0] ?? null, inner.nodes[1] ?? null];
    }
    this.fail(`'${op}' expects an address of the form [a, b]`);
    return undefined;
  }

  private labelArg(op: string, pn: ParseNode): number {
    if (!isId(pn)) {
      this.fail(`'${op}' expects a label`);
      return 0;
    }
    const n = this.findLabel(pn.name);
    if (n >= 0) return n;
    // forward labels are only known once the CODE_SIZE pass has seen them
    if (this.emitting) this.fail(`label '${pn.name}' not defined`);
    return 0;
  }

  // ---- instructions ----------------------------------------------------------------------------

  op(op: string, args: readonly ParseNode[]): void {
    const n = args.length;
    const a = (i: number): ParseNode => args[i] ?? null;
    const as = this.as;
    const unknown = (): void => this.fail(`unsupported Thumb instruction '${op}' with ${n} arguments`);
    const rangeError = (): void => this.fail('branch not in range');

    if (this.float && op[0] === 'v') {
      this.vfp(op, args, unknown);
      return;
    }

    if (n === 0) {
      if (op === 'nop') as.op16(OP_NOP);
      else if (op === 'wfi') as.op16(0xbf30);
      else unknown();
    } else if (n === 1) {
      if (op === 'b') {
        if (!as.bNLabel(this.labelArg(op, a(0)))) rangeError();
      } else if (op === 'bl') {
        if (!as.blLabel(this.labelArg(op, a(0)))) rangeError();
      } else if (op === 'bx') {
        as.op16(0x4700 | (this.reg(op, a(0), 15) << 3));
      } else if (op[0] === 'b' && (op.length === 3 || (op.length === 5 && op[3] === '_' && (op[4] === 'n' || (this.armv7m && op[4] === 'w'))))) {
        const cc = CC_NAMES.find(([name]) => name === op.slice(1, 3))?.[1];
        if (cc === undefined) return unknown();
        const label = this.labelArg(op, a(0));
        const wide = op.length === 5 && op[4] === 'w';
        if (!as.bccNwLabel(cc, label, wide)) rangeError();
      } else if (this.armv7m && op[0] === 'i' && op[1] === 't') {
        // it[t|e]{0,3} <cc>
        const cc = CC_NAMES.find(([name]) => name === argStr(a(0)))?.[1];
        if (cc === undefined || op.length > 5) return unknown();
        let mask = 8;
        for (let i = op.length - 1; i >= 2; i--) {
          mask >>= 1;
          if (op[i] === 't') mask |= (cc & 1) << 3;
          else if (op[i] === 'e') mask |= (~cc & 1) << 3;
          else return unknown();
        }
        as.op16(0xbf00 | (cc << 4) | mask);
      } else if (op === 'cpsid') {
        as.op16(0xb672);
      } else if (op === 'cpsie') {
        as.op16(0xb662);
      } else if (op === 'push') {
        const list = this.regList(op, a(0));
        if ((list & 0xbf00) === 0) {
          // low registers, and lr in the 16-bit form
          if ((list & (1 << 14)) === 0) as.op16(0xb400 | list);
          else as.op16(0xb500 | (list & 0xff));
        } else {
          if (!this.armv7m) return unknown();
          as.op32(0xe92d, list);
        }
      } else if (op === 'pop') {
        const list = this.regList(op, a(0));
        if ((list & 0x7f00) === 0) {
          if ((list & (1 << 15)) === 0) as.op16(0xbc00 | list);
          else as.op16(0xbd00 | (list & 0xff));
        } else {
          if (!this.armv7m) return unknown();
          as.op32(0xe8bd, list);
        }
      } else {
        unknown();
      }
    } else if (n === 2) {
      if (isId(a(1))) {
        // the second argument is a register
        if (op === 'mov') {
          const dest = this.reg(op, a(0), 15);
          as.movRegRegAny(dest, this.reg(op, a(1), 15));
        } else if (this.armv7m && (op === 'clz' || op === 'rbit')) {
          const [hi, lo] = op === 'clz' ? [0xfab0, 0xf080] : [0xfa90, 0xf0a0];
          const rd = this.reg(op, a(0), 15);
          const rm = this.reg(op, a(1), 15);
          as.op32(hi | rm, lo | (rd << 8) | rm);
        } else if (this.armv7m && op === 'mrs') {
          const dest = this.reg(op, a(0), 12);
          const src = this.specialReg(op, a(1));
          as.op32(0xf3ef, 0x8000 | (dest << 8) | src);
        } else {
          const code = op === 'and_' ? F4_AND : FORMAT_4.get(op);
          if (code === undefined) return unknown();
          const dest = this.reg(op, a(0), 7);
          as.format4(code, dest, this.reg(op, a(1), 7));
        }
      } else if (op === 'mov' || op === 'cmp' || op === 'add' || op === 'sub') {
        const code = op === 'mov' ? F3_MOV : op === 'cmp' ? F3_CMP : op === 'add' ? F3_ADD : F3_SUB;
        const rlo = this.reg(op, a(0), 7);
        as.format3(code, rlo, this.int(op, a(1), 0xff));
      } else if (this.armv7m && (op === 'movw' || op === 'movt')) {
        const dest = this.reg(op, a(0), 15);
        as.movRegI16(op === 'movw' ? OP_MOVW : OP_MOVT, dest, this.int(op, a(1), 0xffff));
      } else if (this.armv7m && op === 'movwt') {
        // convenience: movw + movt of a 32-bit value
        const dest = this.reg(op, a(0), 15);
        const i = this.int(op, a(1), 0xffffffff);
        as.movRegI16(OP_MOVW, dest, i & 0xffff);
        as.movRegI16(OP_MOVT, dest, (i >>> 16) & 0xffff);
      } else if (this.armv7m && op === 'ldrex') {
        const dest = this.reg(op, a(0), 15);
        const ad = this.addr(op, a(1));
        if (ad !== undefined) {
          const base = this.reg(op, ad[0], 15);
          const i8 = this.int(op, ad[1], 0xff) >> 2;
          as.op32(0xe850 | base, 0x0f00 | (dest << 12) | i8);
        }
      } else {
        const code = FORMAT_9_10.get(op);
        if (code === undefined) return unknown();
        const dest = this.reg(op, a(0), 7);
        const ad = this.addr(op, a(1));
        // (a malformed address ends as "unsupported instruction", as upstream's table search does)
        if (ad === undefined) return unknown();
        const base = this.reg(op, ad[0], 7);
        let i5: number;
        if (code & F9_BYTE) i5 = this.int(op, ad[1], 0x1f);
        else if (code & F10_HALF) i5 = this.int(op, ad[1], 0x3e) >> 1;
        else i5 = this.int(op, ad[1], 0x7c) >> 2;
        as.format910(code, dest, base, i5);
      }
    } else if (n === 3) {
      if (op === 'lsl' || op === 'lsr' || op === 'asr') {
        const code = op === 'lsl' ? F1_LSL : op === 'lsr' ? F1_LSR : F1_ASR;
        const dest = this.reg(op, a(0), 7);
        const src = this.reg(op, a(1), 7);
        as.format1(code, dest, src, this.int(op, a(2), 0x1f));
      } else if (op === 'add' || op === 'sub') {
        let code = op === 'add' ? F2_ADD : F2_SUB;
        const dest = this.reg(op, a(0), 7);
        const src = this.reg(op, a(1), 7);
        let b: number;
        if (isId(a(2))) b = this.reg(op, a(2), 7);
        else {
          code |= F2_IMM;
          b = this.int(op, a(2), 0x7);
        }
        as.format2(code, dest, src, b);
      } else if (this.armv7m && (op === 'sdiv' || op === 'udiv')) {
        const hi = op === 'sdiv' ? 0xfb90 : 0xfbb0;
        const rd = this.reg(op, a(0), 15);
        const rn = this.reg(op, a(1), 15);
        const rm = this.reg(op, a(2), 15);
        as.op32(hi | rn, 0xf0f0 | (rd << 8) | rm);
      } else if (this.armv7m && op === 'strex') {
        const dest = this.reg(op, a(0), 15);
        const src = this.reg(op, a(1), 15);
        const ad = this.addr(op, a(2));
        if (ad !== undefined) {
          const base = this.reg(op, ad[0], 15);
          const i8 = this.int(op, ad[1], 0xff) >> 2;
          as.op32(0xe840 | base, (src << 12) | (dest << 8) | i8);
        }
      } else {
        unknown();
      }
    } else {
      unknown();
    }
  }

  /** Single-precision VFP instructions (armv7emsp/armv7emdp). */
  private vfp(op: string, args: readonly ParseNode[], unknown: () => void): void {
    const a = (i: number): ParseNode => args[i] ?? null;
    const as = this.as;
    if (args.length === 2) {
      const twoRegs = (hi: number, lo: number): void => {
        const vd = this.vfpReg(op, a(0));
        const vm = this.vfpReg(op, a(1));
        as.op32(hi | ((vd & 1) << 6), lo | ((vd & 0x1e) << 11) | ((vm & 1) << 5) | ((vm & 0x1e) >> 1));
      };
      const loadStore = (hi: number): void => {
        const vd = this.vfpReg(op, a(0));
        const ad = this.addr(op, a(1));
        if (ad !== undefined) {
          const base = this.reg(op, ad[0], 7);
          const i8 = this.int(op, ad[1], 0x3fc) >> 2;
          as.op32(hi | base | ((vd & 1) << 6), 0x0a00 | ((vd & 0x1e) << 11) | i8);
        }
      };
      if (op === 'vcmp') twoRegs(0xeeb4, 0x0ac0);
      else if (op === 'vsqrt') twoRegs(0xeeb1, 0x0ac0);
      else if (op === 'vneg') twoRegs(0xeeb1, 0x0a40);
      else if (op === 'vcvt_f32_s32') twoRegs(0xeeb8, 0x0ac0);
      else if (op === 'vcvt_s32_f32') twoRegs(0xeebd, 0x0ac0);
      else if (op === 'vmrs') {
        const dest = argStr(a(0)) === 'APSR_nzcv' ? 15 : this.reg(op, a(0), 15);
        if (argStr(a(1)) === 'FPSCR') as.op32(0xeef1, 0x0a10 | (dest << 12));
        else unknown();
      } else if (op === 'vmov') {
        let hi = 0xee00;
        let rArm: number;
        let vm: number;
        if (argStr(a(0))[0] === 'r') {
          // core register <- VFP register
          rArm = this.reg(op, a(0), 15);
          vm = this.vfpReg(op, a(1));
          hi |= 0x10;
        } else {
          vm = this.vfpReg(op, a(0));
          rArm = this.reg(op, a(1), 15);
        }
        as.op32(hi | ((vm & 0x1e) >> 1), 0x0a10 | (rArm << 12) | ((vm & 1) << 7));
      } else if (op === 'vldr') loadStore(0xed90);
      else if (op === 'vstr') loadStore(0xed80);
      else unknown();
    } else if (args.length === 3) {
      const code = op.length === 4 ? VFP_ARITH.get(op.slice(1)) : undefined;
      if (code === undefined) return unknown();
      const hi = 0xee00 | (code & 0xf0);
      const lo = 0x0a00 | ((code & 0x0f) << 4);
      const vd = this.vfpReg(op, a(0));
      const vn = this.vfpReg(op, a(1));
      const vm = this.vfpReg(op, a(2));
      as.op32(hi | ((vd & 1) << 6) | (vn >> 1), lo | (vm >> 1) | ((vm & 1) << 5) | ((vd & 0x1e) << 11) | ((vn & 1) << 7));
    } else {
      unknown();
    }
  }
}
