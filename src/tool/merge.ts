// mpy-tool --merge: several .mpy files become one whose module code calls each original module's code
// in turn. Qstr and constant tables are concatenated; every module but the first has its bytecode
// rewritten to the shifted table indices (jumps re-sized until stable), as upstream does.
import { Format, Op, isSignedJump } from '../bytecode/opcodes.js';
import { MpytsError } from '../core/errors.js';
import { decodePrelude, encodePreludeSize } from '../core/prelude.js';
import { encodeUint, encodeSint } from '../core/varint.js';
import { CodeKind, featureArch, makeFeatureByte, MPY_VERSION, type MpyFile, type MpyRawCode } from '../mpy/types.js';
import { decodeOp } from './disasm.js';

export interface MergeInput {
  readonly file: MpyFile;
  /** The whole file the MpyFile was read from (its layout offsets index into it). */
  readonly data: Uint8Array;
}

export interface MergeOptions {
  /** -march-flags: replaces the architecture flags (0 strips them). */
  readonly archFlags?: number;
}

export function mergeMpy(inputs: readonly MergeInput[], options: MergeOptions = {}): Uint8Array {
  const first = inputs[0];
  if (!first) throw new MpytsError('no input files');
  if (inputs.length === 1) return first.data.slice();
  const mods = [...inputs];
  let mainIdx: number | undefined;
  let archFlags = 0;
  let arch = 0;
  mods.forEach((m, i) => {
    const a = featureArch(m.file.featureByte);
    if (a) {
      if (mainIdx !== undefined) throw new MpytsError("can't merge files when more than one contains native code");
      mainIdx = i;
      arch = a;
      archFlags = m.file.archFlags ?? 0;
    }
  });
  if (mainIdx !== undefined) mods.unshift(...mods.splice(mainIdx, 1));
  if (options.archFlags !== undefined) archFlags = options.archFlags;

  const out: number[] = [0x4d, MPY_VERSION, arch ? makeFeatureByte(arch, archFlags) : 0, inputs[inputs.length - 1]?.file.smallIntBits ?? 0];
  if (archFlags !== 0) encodeUint(out, archFlags);
  let nQstr = 0;
  let nObj = 0;
  for (const m of mods) {
    nQstr += m.file.qstrs.length;
    nObj += m.file.objects.length;
  }
  encodeUint(out, nQstr);
  encodeUint(out, nObj);
  const layoutOf = (m: MergeInput) => {
    if (!m.file.layout) throw new MpytsError('merge needs files read with their layout');
    return m.file.layout;
  };
  for (const m of mods) pushRange(out, m.data, layoutOf(m).qstrTableOffset, layoutOf(m).objTableOffset);
  for (const m of mods) pushRange(out, m.data, layoutOf(m).objTableOffset, layoutOf(m).rawCodeOffset);

  // The new module body: MAKE_FUNCTION i; CALL_FUNCTION 0; POP_TOP for each input, then return None.
  const body: number[] = [0x00, 0x02, 0x00]; // signature, size (n_info=1), simple name = qstr 0
  mods.forEach((_, i) => {
    body.push(Op.MAKE_FUNCTION);
    encodeUint(body, i);
    body.push(Op.CALL_FUNCTION, 0, Op.POP_TOP);
  });
  body.push(Op.LOAD_CONST_NONE, Op.RETURN_VALUE);
  encodeUint(out, body.length * 8 + 4);
  out.push(...body);
  encodeUint(out, mods.length);

  let qstrBase = 0;
  let objBase = 0;
  for (const m of mods) {
    if (qstrBase === 0 && objBase === 0) pushRange(out, m.data, layoutOf(m).rawCodeOffset, m.data.length);
    else rewriteRawCode(out, m.file.rawCode, qstrBase, objBase);
    qstrBase += m.file.qstrs.length;
    objBase += m.file.objects.length;
  }
  return Uint8Array.from(out);
}

function pushRange(out: number[], data: Uint8Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out.push(data[i] as number);
}

interface Instr {
  offset: number;
  op: number;
  format: Format;
  arg: number;
  extra: number | undefined;
  target?: Instr;
}

function rewriteRawCode(out: number[], rc: MpyRawCode, qstrBase: number, objBase: number): void {
  if (rc.kind !== CodeKind.Bytecode) throw new MpytsError('can only rewrite bytecode');
  const data = rc.funData;
  const pre = decodePrelude(data, 0);
  const sourceInfo: number[] = [];
  for (const n of pre.names) encodeUint(sourceInfo, qstrBase + n);
  const closureInfo = data.subarray(pre.offsetClosureInfo, pre.offsetOpcodes);
  const code = rewriteBytecode(data.subarray(pre.offsetOpcodes), qstrBase, objBase);
  const fun: number[] = Array.from(data.subarray(0, pre.offsetPreludeSize));
  encodePreludeSize(fun, sourceInfo.length, closureInfo.length);
  fun.push(...sourceInfo, ...closureInfo, ...code);
  encodeUint(out, fun.length * 8 + (rc.children.length ? 4 : 0));
  out.push(...fun);
  if (rc.children.length) {
    encodeUint(out, rc.children.length);
    for (const c of rc.children) rewriteRawCode(out, c, qstrBase, objBase);
  }
}

function rewriteBytecode(bc: Uint8Array, qstrBase: number, objBase: number): number[] {
  const instrs: Instr[] = [];
  const byOffset = new Map<number, Instr>();
  for (let ip = 0; ip < bc.length; ) {
    const d = decodeOp(bc, ip);
    const ins: Instr = {
      offset: ip, op: d.op, format: d.format, arg: d.arg ?? 0,
      extra: (d.op & 0x9e) === 0 ? bc[ip + d.size - 1] : undefined,
    };
    if (d.format === Format.Offset) ins.arg += ip + d.size;
    instrs.push(ins);
    byOffset.set(ip, ins);
    ip += d.size;
  }
  for (const ins of instrs) {
    if (ins.format === Format.Offset) {
      const t = byOffset.get(ins.arg);
      if (!t) throw new MpytsError('bytecode jump target is not an instruction');
      ins.target = t;
    } else if (ins.format === Format.Qstr) ins.arg += qstrBase;
    else if (ins.op === Op.LOAD_CONST_OBJ) ins.arg += objBase;
  }
  // Jump encodings only grow, so this settles; the cap guards against corrupt input.
  for (let pass = 0; pass < 64; pass++) {
    const outBytes: number[] = [];
    let changed = false;
    let overflow = false;
    for (const ins of instrs) {
      if (ins.offset !== outBytes.length) {
        changed = true;
        ins.offset = outBytes.length;
      }
      outBytes.push(ins.op);
      if (ins.format === Format.Qstr || ins.format === Format.VarUint) {
        if (ins.op === Op.LOAD_CONST_SMALL_INT) encodeSint(outBytes, ins.arg);
        else encodeUint(outBytes, ins.arg);
      } else if (ins.format === Format.Offset) {
        const signed = isSignedJump(ins.op);
        let rel = (ins.target as Instr).offset - ins.offset - 2;
        if ((signed && rel >= -64 && rel <= 63) || (!signed && rel <= 127)) {
          if (signed) rel += 0x40;
          if (rel < 0 || rel > 0x7f) overflow = true;
          outBytes.push(rel & 0x7f);
        } else {
          rel -= 1;
          if (signed) rel += 0x4000;
          if (rel < 0 || rel > 0x7fff) overflow = true;
          outBytes.push(0x80 | (rel & 0x7f), (rel >> 7) & 0xff);
        }
      }
      if (ins.extra !== undefined) outBytes.push(ins.extra);
    }
    if (!changed) {
      if (overflow) throw new MpytsError('bytecode overflow');
      return outBytes;
    }
  }
  throw new MpytsError('bytecode overflow');
}
