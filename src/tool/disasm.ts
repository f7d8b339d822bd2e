// mpy-tool -d: the disassembly listing, line for line as tools/mpy-tool.py prints it (with -j, the
// same lines annotated with source lines, jump links and labels).
import { Format, isMakeFunction, Op, OPCODES, opcodeFormat } from '../bytecode/opcodes.js';
import { sourceLineAt } from '../core/prelude.js';
import { CodeKind, NATIVE_ARCH_NAMES, MPY_FEATURE_ARCH_FLAGS, type MpyFile } from '../mpy/types.js';
import type { NamedModule, NamedRawCode } from './names.js';
import type { Annotations, Printer } from './printer.js';
import { reprBytes, reprConst, reprStrList } from './pyrepr.js';

/** Bytes as "aa:bb:cc" (binascii.hexlify with ':' separator). */
export function hexColon(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ':' : '') + (b[i] as number).toString(16).padStart(2, '0');
  return s;
}

/** Length in code points, as Python's len() counts a str. */
function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** One decoded instruction, with the operand as mpy-tool's decoder yields it. */
export interface DecodedOp {
  readonly op: number;
  readonly format: Format;
  readonly size: number;
  /** Operand value (signed for LOAD_CONST_SMALL_INT and signed jumps); undefined when none. */
  readonly arg: number | undefined;
}

/** Decodes the instruction at `ip` (reads past the end as zero bytes, like a lenient reader). */
export function decodeOp(bc: Uint8Array, ip: number): DecodedOp {
  const start = ip;
  const op = bc[ip++] ?? 0;
  const format = opcodeFormat(op);
  let arg: number | undefined;
  if (format === Format.Qstr || format === Format.VarUint) {
    let b = bc[ip] ?? 0;
    arg = b & 0x7f;
    if (op === Op.LOAD_CONST_SMALL_INT && arg & 0x40) arg -= 0x80;
    while (b & 0x80) {
      ip++;
      b = bc[ip] ?? 0;
      arg = arg * 128 + (b & 0x7f);
    }
    ip++;
  } else if (format === Format.Offset) {
    const b = bc[ip] ?? 0;
    const signed = OPCODES[op]?.operand === 'jump';
    if ((b & 0x80) === 0) {
      arg = b - (signed ? 0x40 : 0);
      ip += 1;
    } else {
      arg = ((b & 0x7f) | ((bc[ip + 1] ?? 0) << 7)) - (signed ? 0x4000 : 0);
      ip += 2;
    }
  }
  if ((op & 0x9e) === 0) ip++; // extra byte
  return { op, format, size: ip - start, arg };
}

function label(rc: NamedRawCode, ip?: number): string {
  return ip === undefined ? rc.escapedName : `${rc.escapedName}.${ip}`;
}

function printChildren(p: Printer, rc: NamedRawCode): void {
  const labels = [`${rc.escapedName}.children`];
  const annotationLabels: Annotations[] = [];
  let out = '  children: [';
  rc.children.forEach((child, i) => {
    if (i) out += ', ';
    const startCol = pyLen(out) + 1;
    out += child.simpleName;
    const name = `${rc.escapedName}.child${i}`;
    labels.push(name);
    annotationLabels.push({ name, target: label(child), range: { startCol, endCol: pyLen(out) + 1 } });
  });
  out += ']';
  p.line(out, { labels: annotationLabels }, labels);
}

function disassembleRawCode(p: Printer, file: MpyFile, rc: NamedRawCode): void {
  const data = rc.rc.funData;
  const qstr = (i: number): string => file.qstrs[i]?.str ?? '?';
  const pre = rc.prelude;
  p.line(`simple_name: ${rc.simpleName}`, undefined, [label(rc)]);
  if (rc.rc.kind !== CodeKind.Bytecode) {
    const head = hexColon(data.subarray(0, 32));
    p.line(`  raw data: ${data.length} ${head} ${data.length > 32 ? '...' : ''}`);
    if (rc.rc.kind !== CodeKind.NativePy || !pre) return;
    p.line(`  prelude: (${pre.nState}, ${pre.nExcStack}, ${pre.scopeFlags}, ${pre.nPosArgs}, ${pre.nKwonlyArgs}, ${pre.nDefPosArgs})`);
    p.line(`  args: ${reprStrList(pre.names.slice(1).map(qstr))}`);
    p.line(`  line info: ${reprBytes(data.subarray(pre.offsetLineInfo, pre.offsetOpcodes))}`);
    // A corrupt prelude offset past the data would make upstream print empty lines forever.
    const codeEnd = Math.min(rc.rc.preludeOffset, data.length);
    for (let ip = 0; ip < codeEnd; ip += 16) p.line(`  ${hexColon(data.subarray(ip, Math.min(ip + 16, codeEnd)))}`);
  } else if (pre) {
    p.line(`  raw bytecode: ${data.length} ${hexColon(data)}`);
    p.line(`  prelude: (${pre.nState}, ${pre.nExcStack}, ${pre.scopeFlags}, ${pre.nPosArgs}, ${pre.nKwonlyArgs}, ${pre.nDefPosArgs})`);
    p.line(`  args: ${reprStrList(pre.names.slice(1).map(qstr))}`);
    p.line(`  line info: ${hexColon(data.subarray(pre.offsetLineInfo, pre.offsetOpcodes))}`);
    for (let ip = pre.offsetOpcodes; ip < data.length; ) {
      const d = decodeOp(data, ip);
      let argText: string;
      if (d.op === Op.LOAD_CONST_OBJ) {
        const o = file.objects[d.arg ?? 0];
        argText = o ? reprConst(o) : '?';
      } else if (d.format === Format.Qstr) argText = qstr(d.arg ?? 0);
      else if (d.format === Format.Byte) argText = '';
      else argText = String(d.arg);
      const preArg = `  ${hexColon(data.subarray(ip, ip + d.size)).padEnd(11)} ${OPCODES[d.op]?.name ?? 'unknown'}`;
      const annotations: Annotations = {
        source: { file: null, line: sourceLineAt(data, pre.offsetLineInfo, pre.offsetOpcodes, ip - pre.offsetOpcodes) },
        disassembly: OPCODES[d.op]?.name ?? 'unknown',
      };
      const argPos = pyLen(preArg) + 1;
      const argLen = pyLen(argText);
      const range = { startCol: argPos + 1, endCol: argPos + argLen + 1 };
      if (d.format === Format.Offset) {
        const to = ip + (d.arg ?? 0) + d.size;
        annotations['link'] = { offset: argPos, length: argLen, to };
        annotations['labels'] = [{ name: label(rc, ip), target: label(rc, to), range }];
      } else if (isMakeFunction(d.op)) {
        const child = rc.children[d.arg ?? 0];
        annotations['labels'] = [{ name: label(rc, ip), target: child ? label(child) : `${rc.escapedName}.children`, range }];
      }
      p.line(`${preArg} ${argText}`, annotations, [label(rc, ip)]);
      ip += d.size;
    }
  }
  printChildren(p, rc);
  for (const c of rc.children) disassembleRawCode(p, file, c);
}

/** The -d listing of one module; `mpyPath` is the file name as given on the command line. */
export function disassembleModule(p: Printer, mod: NamedModule, mpyPath: string): void {
  const f = mod.file;
  p.line(`mpy_source_file: ${mpyPath}`);
  p.line(`source_file: ${f.qstrs[0]?.str ?? ''}`);
  p.line(`header: ${hexColon(new Uint8Array([0x4d, f.version, f.featureByte, f.smallIntBits]))}`);
  const arch = (f.featureByte >> 2) & 0x2f;
  p.line(`arch: ${NATIVE_ARCH_NAMES[arch] ?? 'UNKNOWN'}`);
  if (f.featureByte & MPY_FEATURE_ARCH_FLAGS) p.line(`arch_flags: 0x${(f.archFlags ?? 0).toString(16)}`);
  p.line(`qstr_table[${f.qstrs.length}]:`);
  for (const q of f.qstrs) p.line(`    ${q.str}`);
  p.line(`obj_table: [${f.objects.map(reprConst).join(', ')}]`);
  disassembleRawCode(p, f, mod.root);
}
