// `micropython -v -v`: the unix port's bytecode dump (upstream's debug printer, py/showbc.c) of every
// function of a compiled module, in the order upstream's compiler finishes them (breadth-first over the
// scope tree). Addresses (descriptors, bytecode pointers, child functions) are printed as the unix port
// prints pointers; upstream's tests match them with wildcards. Mnemonics come from the opcode table.
import { Format, Op, OPCODES } from '../bytecode/opcodes.js';
import { decodeLineInfoEntry, decodePrelude } from '../core/prelude.js';
import { readMpy } from '../mpy/reader.js';
import { CodeKind, type MpyConst, type MpyFile, type MpyRawCode } from '../mpy/types.js';
import { decodeOp } from '../tool/disasm.js';
import { reprConst } from '../tool/pyrepr.js';

/** A stand-in for a C pointer: stable per object within one dump. */
function pointers(): (o: object) => string {
  const ids = new Map<object, number>();
  return (o) => {
    let id = ids.get(o);
    if (id === undefined) {
      id = 0x7f0000001000 + ids.size * 0x40;
      ids.set(o, id);
    }
    return id.toString(16);
  };
}

function printRawCode(file: MpyFile, rc: MpyRawCode, out: (s: string) => void, ptr: (o: object) => string): void {
  const data = rc.funData;
  const p = decodePrelude(data, 0);
  const qstr = (i: number) => file.qstrs[i]?.str ?? '?';
  out(`File ${qstr(0)}, code block '${qstr(p.names[0] ?? 0)}' (descriptor: ${ptr(rc)}, bytecode @${ptr(data)} ${data.length} bytes)\n`);
  const preludeSize = p.offsetOpcodes;
  out(`Raw bytecode (code_info_size=${preludeSize}, bytecode_size=${data.length - preludeSize}):\n`);
  let raw = '';
  for (let i = 0; i < data.length; i++) raw += (i > 0 && i % 16 === 0 ? '\n' : '') + ' ' + (data[i] as number).toString(16).padStart(2, '0');
  out(raw + '\n');
  out('arg names:' + p.names.slice(1).map((n) => ' ' + qstr(n)).join('') + '\n');
  out(`(N_STATE ${p.nState})\n(N_EXC_STACK ${p.nExcStack})\n`);
  for (let i = p.offsetClosureInfo; i < p.offsetOpcodes; i++) out(`(INIT_CELL ${data[i] as number})\n`);
  let bcOff = 0;
  let line = 1;
  out(`  bc=${bcOff} line=${line}\n`);
  for (let ci = p.offsetLineInfo; ci < p.offsetClosureInfo; ) {
    const e = decodeLineInfoEntry(data, ci);
    ci += e.size;
    bcOff += e.bytes;
    line += e.lines;
    out(`  bc=${bcOff} line=${line}\n`);
  }
  const bc = data.subarray(p.offsetOpcodes);
  for (let ip = 0; ip < bc.length; ) {
    const start = ip;
    const d = decodeOp(bc, ip);
    ip += d.size;
    const op = d.op;
    const arg = d.arg ?? 0;
    // mpy-tool labels the operators without a special method <not>, <in>, <is>, <exception match>;
    // the VM's own printer shows their (empty) method name.
    const name = (OPCODES[op]?.name ?? 'unknown').replace(/<[^>]*>$/, '');
    let text = name;
    if (d.format === Format.Qstr) {
      const quoted = op === Op.LOAD_CONST_STRING || op === Op.IMPORT_NAME || op === Op.IMPORT_FROM;
      text = quoted ? `${name} '${qstr(arg)}'` : `${name} ${qstr(arg)}`;
    } else if (d.format === Format.Offset) {
      // Targets are absolute: relative to the end of the offset bytes (before UNWIND_JUMP's extra byte).
      const extra = op === Op.UNWIND_JUMP;
      text = `${name} ${ip - (extra ? 1 : 0) + arg}` + (extra ? ` ${bc[ip - 1] ?? 0}` : '');
    } else if (d.format === Format.VarUint) {
      switch (op) {
        case Op.LOAD_CONST_SMALL_INT:
          text = `${name} ${arg}`;
          break;
        case Op.LOAD_CONST_OBJ: {
          const o = file.objects[arg] as MpyConst | undefined;
          text = `${name} ${o ? ptr(o) : '0'}=${o ? reprConst(o) : '?'}`;
          break;
        }
        case Op.MAKE_FUNCTION: case Op.MAKE_FUNCTION_DEFARGS:
          text = `${name} ${ptr(rc.children[arg] ?? rc)}`;
          break;
        case Op.MAKE_CLOSURE: case Op.MAKE_CLOSURE_DEFARGS:
          text = `${name} ${ptr(rc.children[arg] ?? rc)} ${bc[ip - 1] ?? 0}`;
          break;
        case Op.CALL_FUNCTION: case Op.CALL_FUNCTION_VAR_KW: case Op.CALL_METHOD: case Op.CALL_METHOD_VAR_KW:
          text = `${name} n=${arg & 0xff} nkw=${(arg >> 8) & 0xff}`;
          break;
        default:
          text = `${name} ${arg}`;
      }
    }
    out(`${String(start).padStart(2, '0')} ${text}\n`);
  }
}

/** Prints every bytecode function of a .mpy as `micropython -v -v` does, breadth-first. */
export function showBytecode(mpy: Uint8Array, out: (s: string) => void): void {
  const file = readMpy(mpy, { noLayout: true });
  const ptr = pointers();
  const queue: MpyRawCode[] = [file.rawCode];
  for (let i = 0; i < queue.length; i++) {
    const rc = queue[i] as MpyRawCode;
    if (rc.kind === CodeKind.Bytecode) printRawCode(file, rc, out, ptr);
    queue.push(...rc.children);
  }
}
