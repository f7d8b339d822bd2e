// mpy-tool -f: freezes .mpy modules into C source for a firmware build (constant qstr pool, bytecode
// and machine code as byte arrays, constant objects as static C objects, the frozen-module table),
// line for line as tools/mpy-tool.py writes it.
import { Format, OPCODES } from '../bytecode/opcodes.js';
import { MpytsError } from '../core/errors.js';
import { decodePrelude } from '../core/prelude.js';
import { qstrEscape } from '../core/qstr-escape.js';
import { STATIC_QSTRS } from '../core/static-qstrs.js';
import { CodeKind, featureArch, SCOPE_FLAG_GENERATOR, type MpyConst } from '../mpy/types.js';
import { decodeOp } from './disasm.js';
import type { NamedModule, NamedRawCode } from './names.js';
import type { Printer } from './printer.js';
import { reprStr } from './pyrepr.js';

/** Strings shorter than this (in characters) are frozen as qstrs rather than str objects. */
const PERSISTENT_STR_INTERN_THRESHOLD = 25;

export type LongIntImpl = 'none' | 'longlong' | 'mpz';

export interface FreezeOptions {
  readonly longIntImpl?: LongIntImpl;
  readonly mpzDigSize?: number;
  /** Contents of a qstr header (-q): its QCFG values and Q(...) entries the firmware already has. */
  readonly qstrHeader?: string;
}

/** A freezing failure, reported as mpy-tool does: "error while freezing <file>: <msg>". */
export class FreezeError extends MpytsError {
  override name = 'FreezeError';
}

const utf8 = new TextEncoder();

/** The qstr hash of makeqstrdata.py: djb2-xor, masked to the configured bytes, never 0. */
export function qstrHash(bytes: Uint8Array, bytesInHash: number): number {
  let h = 5381;
  for (const b of bytes) h = (Math.imul(h, 33) ^ b) >>> 0;
  const bits = 8 * (bytesInHash || 2);
  const masked = bits >= 32 ? h : h & ((1 << bits) - 1);
  return masked || 1;
}

/** C/Python "%.16g". */
export function formatG16(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [m = '', e = '0'] = x.toExponential(15).split('e');
  const exp = Number(e);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 16) return strip(m) + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  return strip(x.toFixed(15 - exp));
}

/** Code-point order, as Python sorts str. */
function comparePy(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d) return d;
  }
}

function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** makeqstrdata.py escape_bytes: printable ASCII as is, anything else as \xNN for every byte. */
function escapeBytes(s: string, bytes: Uint8Array): string {
  if ([...s].every((c) => c >= ' ' && c <= '~' && c !== '\\' && c !== '"')) return s;
  return Array.from(bytes, (b) => '\\x' + b.toString(16).padStart(2, '0')).join('');
}

interface HeaderInfo {
  bytesInLen: number;
  bytesInHash: number;
  idents: Set<string>;
}

function parseQstrHeader(text: string): HeaderInfo {
  const cfg = new Map<string, string>();
  const idents = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const c = /^QCFG\((.+), (.+)\)/.exec(line);
    if (c) {
      let v = c[2] as string;
      if (v.startsWith('(') && v.endsWith(')')) v = v.slice(1, -1);
      cfg.set(c[1] as string, v);
      continue;
    }
    const q = /^Q\((.*)\)$/.exec(line);
    if (!q) continue;
    let s = q[1] as string;
    if (s === '\\n') s = '\n';
    else if (s === '\\r\\n') s = '\r\n';
    idents.add(qstrEscape(s));
  }
  if (cfg.size === 0) throw new MpytsError('ERROR: Empty preprocessor output - check for errors above');
  return { bytesInLen: Number.parseInt(cfg.get('BYTES_IN_LEN') ?? '1', 10), bytesInHash: Number.parseInt(cfg.get('BYTES_IN_HASH') ?? '1', 10), idents };
}

interface Stats {
  bc: number;
  constStr: number;
  constInt: number;
  constObj: number;
  constTablePtr: number;
  rawCodeCount: number;
  rawCodeContent: number;
}

/** The global qstr list mpy-tool builds while reading: statics, then each file's qstrs and short strs. */
class GlobalQstrs {
  readonly list: string[] = [...STATIC_QSTRS];
  private readonly index = new Map<string, number>();
  constructor() {
    this.list.forEach((s, i) => this.index.has(s) || this.index.set(s, i));
  }
  add(s: string): void {
    if (!this.index.has(s)) this.index.set(s, this.list.length);
    this.list.push(s);
  }
  has(s: string): boolean {
    return this.index.has(s);
  }
}

/** Emits the frozen C for the given modules (named together, so escaped names are unique). */
export function freezeModules(p: Printer, mods: readonly NamedModule[], mpyPaths: readonly string[], opts: FreezeOptions = {}): void {
  const longIntImpl = opts.longIntImpl ?? 'mpz';
  const mpzDigSize = opts.mpzDigSize ?? 16;
  const header = opts.qstrHeader !== undefined ? parseQstrHeader(opts.qstrHeader) : undefined;
  const bytesInHash = header?.bytesInHash ?? 1;
  const bytesInLen = header?.bytesInLen ?? 1;
  const firmware = new Set(STATIC_QSTRS.map(qstrEscape));
  for (const id of header?.idents ?? []) firmware.add(id);

  const globals = new GlobalQstrs();
  const addConstStrs = (o: MpyConst): void => {
    if (o.kind === 'str' && pyLen(o.value) < PERSISTENT_STR_INTERN_THRESHOLD && !globals.has(o.value)) globals.add(o.value);
    else if (o.kind === 'tuple') o.items.forEach(addConstStrs);
  };
  let nativeArch = 0;
  for (const m of mods) {
    for (const q of m.file.qstrs) if (q.staticIndex === undefined) globals.add(q.str);
    m.file.objects.forEach(addConstStrs);
    nativeArch ||= featureArch(m.file.featureByte);
  }

  const fresh = new Map<string, string>();
  for (const s of globals.list) {
    const esc = qstrEscape(s);
    if (!firmware.has(esc) && !fresh.has(esc)) fresh.set(esc, s);
  }
  const newQstrs = [...fresh.entries()].sort((a, b) => comparePy(a[1], b[1]));

  p.line('#include "py/mpconfig.h"');
  p.line('#include "py/objint.h"');
  p.line('#include "py/objstr.h"');
  p.line('#include "py/emitglue.h"');
  p.line('#include "py/nativeglue.h"');
  p.line('');
  const implNum = { none: 0, longlong: 1, mpz: 2 }[longIntImpl];
  p.line(`#if MICROPY_LONGINT_IMPL != ${implNum}`);
  p.line('#error "incompatible MICROPY_LONGINT_IMPL"');
  p.line('#endif');
  p.line('');
  if (longIntImpl === 'mpz') {
    p.line(`#if MPZ_DIG_SIZE != ${mpzDigSize}`);
    p.line('#error "incompatible MPZ_DIG_SIZE"');
    p.line('#endif');
    p.line('');
  }
  for (const l of [
    '#if MICROPY_PY_BUILTINS_FLOAT', 'typedef struct _mp_obj_float_t {', '    mp_obj_base_t base;', '    mp_float_t value;',
    '} mp_obj_float_t;', '#endif', '', '#if MICROPY_PY_BUILTINS_COMPLEX', 'typedef struct _mp_obj_complex_t {',
    '    mp_obj_base_t base;', '    mp_float_t real;', '    mp_float_t imag;', '} mp_obj_complex_t;', '#endif', '',
  ]) p.line(l);
  if (newQstrs.length) {
    p.line('enum {');
    newQstrs.forEach(([esc], i) => p.line(i === 0 ? `    MP_QSTR_${esc} = MP_QSTRnumber_of,` : `    MP_QSTR_${esc},`));
    p.line('};');
  }
  let qstrContent = 0;
  if (bytesInHash) {
    p.line('');
    p.line('const qstr_hash_t mp_qstr_frozen_const_hashes[] = {');
    for (const [, s] of newQstrs) {
      p.line(`    ${qstrHash(utf8.encode(s), bytesInHash)},`);
      qstrContent += bytesInHash;
    }
    p.line('};');
  }
  p.line('');
  p.line('const qstr_len_t mp_qstr_frozen_const_lengths[] = {');
  for (const [, s] of newQstrs) {
    const n = utf8.encode(s).length;
    p.line(`    ${n},`);
    qstrContent += bytesInLen + n + 1;
  }
  p.line('};');
  p.line('');
  p.line('extern const qstr_pool_t mp_qstr_const_pool;');
  p.line('const qstr_pool_t mp_qstr_frozen_const_pool = {');
  p.line('    &mp_qstr_const_pool, // previous pool');
  p.line('    MP_QSTRnumber_of, // previous pool size');
  p.line('    true, // is_sorted');
  p.line(`    ${Math.min(newQstrs.length, 10)}, // allocated entries`);
  p.line(`    ${newQstrs.length}, // used entries`);
  if (bytesInHash) p.line('    (qstr_hash_t *)mp_qstr_frozen_const_hashes,');
  p.line('    (qstr_len_t *)mp_qstr_frozen_const_lengths,');
  p.line('    {');
  for (const [, s] of newQstrs) p.line(`        "${escapeBytes(s, utf8.encode(s))}",`);
  p.line('    },');
  p.line('};');

  const stats: Stats = { bc: 0, constStr: 0, constInt: 0, constObj: 0, constTablePtr: 0, rawCodeCount: 0, rawCodeContent: 0 };
  const ctx: FreezeContext = { p, globals, stats, longIntImpl, mpzDigSize, bytesInHash, nativeArch };
  mods.forEach((m, i) => freezeModule(ctx, m, mpyPaths[i] ?? ''));

  p.line('');
  p.line('/'.repeat(80));
  p.line('// collection of all frozen modules');
  p.line('');
  p.line('const char mp_frozen_names[] = {');
  p.line('    #ifdef MP_FROZEN_STR_NAMES');
  p.line('    MP_FROZEN_STR_NAMES');
  p.line('    #endif');
  let namesContent = 1;
  for (const m of mods) {
    const name = m.file.qstrs[0]?.str ?? '';
    p.line(`    "${name}\\0"`);
    namesContent += pyLen(name) + 1;
  }
  p.line('    "\\0"');
  p.line('};');
  p.line('');
  p.line('const mp_frozen_module_t *const mp_frozen_mpy_content[] = {');
  for (const m of mods) p.line(`    &frozen_module_${m.escapedName},`);
  p.line('};');
  const contentSize = mods.length * 4;
  p.line('');
  p.line('#ifdef MICROPY_FROZEN_LIST_ITEM');
  for (const m of mods) {
    const name = m.file.qstrs[0]?.str ?? '';
    const short = name.endsWith('/__init__.py') ? name.slice(0, -'/__init__.py'.length) : name.slice(0, -3);
    p.line(`MICROPY_FROZEN_LIST_ITEM("${short}", "${name}")`);
  }
  p.line('#endif');
  p.line('');
  const total = qstrContent + stats.bc + stats.constStr + stats.constInt + stats.constObj + stats.constTablePtr * 4 + stats.rawCodeContent + namesContent + contentSize;
  for (const l of [
    '/*', 'byte sizes:', `qstr content: ${newQstrs.length} unique, ${qstrContent} bytes`, `bc content: ${stats.bc}`,
    `const str content: ${stats.constStr}`, `const int content: ${stats.constInt}`, `const obj content: ${stats.constObj}`,
    'const table qstr content: 0 entries, 0 bytes', `const table ptr content: ${stats.constTablePtr} entries, ${stats.constTablePtr * 4} bytes`,
    `raw code content: ${stats.rawCodeCount} * 4 = ${stats.rawCodeContent}`, `mp_frozen_mpy_names_content: ${namesContent}`,
    `mp_frozen_mpy_content_size: ${contentSize}`, `total: ${total}`, '*/',
  ]) p.line(l);
}

interface FreezeContext {
  readonly p: Printer;
  readonly globals: GlobalQstrs;
  readonly stats: Stats;
  readonly longIntImpl: LongIntImpl;
  readonly mpzDigSize: number;
  readonly bytesInHash: number;
  readonly nativeArch: number;
}

function freezeModule(ctx: FreezeContext, m: NamedModule, mpyPath: string): void {
  const { p } = ctx;
  const f = m.file;
  const source = f.qstrs[0]?.str ?? '';
  p.line('');
  p.line('/'.repeat(80));
  p.line(`// frozen module ${m.escapedName}`);
  p.line(`// - original source file: ${mpyPath}`);
  p.line(`// - frozen file name: ${source}`);
  p.line(`// - .mpy header: ${[0x4d, f.version, f.featureByte, f.smallIntBits].map((b) => b.toString(16).padStart(2, '0')).join(':')}`);
  p.line('');
  freezeRawCode(ctx, m, m.root);
  p.line('');
  freezeConstants(ctx, m, source);
  p.line('');
  p.line(`static const mp_frozen_module_t frozen_module_${m.escapedName} = {`);
  p.line('    .constants = {');
  p.line(f.qstrs.length ? `        .qstr_table = (qstr_short_t *)&const_qstr_table_data_${m.escapedName},` : '        .qstr_table = NULL,');
  p.line(f.objects.length ? `        .obj_table = (mp_obj_t *)&const_obj_table_data_${m.escapedName},` : '        .obj_table = NULL,');
  p.line('    },');
  p.line(`    .proto_fun = &proto_fun_${m.root.escapedName},`);
  p.line('};');
}

const hex2 = (b: number) => '0x' + b.toString(16).padStart(2, '0');

function freezeRawCode(ctx: FreezeContext, m: NamedModule, rc: NamedRawCode): void {
  const { p } = ctx;
  const data = rc.rc.funData;
  const qstr = (i: number) => m.file.qstrs[i]?.str ?? '?';
  const source = qstr(0);
  if (rc.rc.kind === CodeKind.Bytecode) {
    const pre = rc.prelude;
    if (!pre) throw new FreezeError(`error while freezing ${source}: missing prelude`);
    p.line(`// frozen bytecode for file ${source}, scope ${rc.escapedName}`);
    p.line(`static const byte fun_data_${rc.escapedName}[${data.length}] = {`);
    const run = (a: number, b: number) => Array.from(data.subarray(a, b), (x) => hex2(x) + ',').join('');
    p.line(`    ${run(0, pre.offsetSourceInfo)} // prelude`);
    p.line(`    ${run(pre.offsetSourceInfo, pre.offsetLineInfo)} // names: ${pre.names.map(qstr).join(', ')}`);
    p.line(`    ${run(pre.offsetLineInfo, pre.offsetOpcodes)} // code info`);
    for (let ip = pre.offsetOpcodes; ip < data.length; ) {
      const d = decodeOp(data, ip);
      let name = OPCODES[d.op]?.name ?? 'unknown';
      if (d.format === Format.Qstr) name += ' ' + reprStr(qstr(d.arg ?? 0));
      else if (d.format === Format.VarUint || d.format === Format.Offset) name += ' ' + String(d.arg);
      p.line(`    ${Array.from(data.subarray(ip, ip + d.size), hex2).join(',')}, // ${name}`);
      ip += d.size;
    }
    p.line('};');
    freezeChildren(ctx, m, rc, undefined);
    freezeProtoFun(ctx, rc, undefined, 0);
    ctx.stats.bc += data.length;
    return;
  }
  const scopeFlags = nativeScopeFlags(rc);
  if (scopeFlags & ~0x0f) throw new FreezeError(`error while freezing ${source}: unable to freeze code with relocations`);
  const arch = ctx.nativeArch;
  // x86/x64/xtensa/riscv take '#' as the assembler comment character, ARM takes '@'.
  let attrs = [1, 2, 9, 10, 11, 12].includes(arch)
    ? '__attribute__((section(".text,\\"ax\\",@progbits # ")))'
    : '__attribute__((section(".text,\\"ax\\",%progbits @ ")))';
  if (arch === 3 || arch === 9 || arch === 10) attrs += ' __attribute__ ((aligned (4)))';
  else if ((arch >= 4 && arch <= 8) || arch === 11 || arch === 12) attrs += ' __attribute__ ((aligned (2)))';
  p.line('');
  p.line(`// frozen native code for file ${source}, scope ${rc.escapedName}`);
  p.line(`static const byte fun_data_${rc.escapedName}[${data.length}] ${attrs} = {`);
  for (let i = 0; i < data.length; i += 16) {
    p.line('   ' + Array.from(data.subarray(i, Math.min(i + 16, data.length)), (b) => ' ' + hex2(b) + ',').join(''));
  }
  p.line('};');
  let preludePtr: string | undefined;
  if (rc.rc.kind === CodeKind.NativePy) {
    const off = rc.preludeOffset;
    preludePtr = `fun_data_${rc.escapedName}_prelude_macro`;
    p.line('#if MICROPY_EMIT_NATIVE_PRELUDE_SEPARATE_FROM_MACHINE_CODE');
    const n = data.length - off;
    p.line(`static const byte fun_data_${rc.escapedName}_prelude[${n}] = {` + Array.from(data.subarray(off), (b) => ' ' + hex2(b) + ',').join('') + '};');
    p.line(`#define ${preludePtr} &fun_data_${rc.escapedName}_prelude[0]`);
    p.line('#else');
    p.line(`#define ${preludePtr} &fun_data_${rc.escapedName}[${off}]`);
    p.line('#endif');
  }
  freezeChildren(ctx, m, rc, preludePtr);
  freezeProtoFun(ctx, rc, preludePtr, rc.rc.kind === CodeKind.NativeAsm ? rc.rc.typeSig : 0);
}

/** Scope flags of native code, from the real prelude (which mpy-cross may point to wrongly, see names.ts). */
function nativeScopeFlags(rc: NamedRawCode): number {
  if (rc.rc.kind === CodeKind.NativePy) return decodePrelude(rc.rc.funData, rc.preludeOffset).scopeFlags;
  return rc.rc.kind === CodeKind.Bytecode ? 0 : rc.rc.scopeFlags;
}

function freezeChildren(ctx: FreezeContext, m: NamedModule, rc: NamedRawCode, preludePtr: string | undefined): void {
  const { p } = ctx;
  if (!rc.children.length) return;
  for (const c of rc.children) {
    p.line(`// child of ${rc.escapedName}`);
    freezeRawCode(ctx, m, c);
    p.line('');
  }
  p.line(`static const mp_raw_code_t *const children_${rc.escapedName}[] = {`);
  for (const c of rc.children) p.line(`    (const mp_raw_code_t *)&proto_fun_${c.escapedName},`);
  if (preludePtr) p.line(`    (void *)${preludePtr},`);
  p.line('};');
  p.line('');
}

const KIND_NAMES: Record<number, string> = {
  [CodeKind.Bytecode]: 'MP_CODE_BYTECODE', [CodeKind.NativePy]: 'MP_CODE_NATIVE_PY',
  [CodeKind.NativeViper]: 'MP_CODE_NATIVE_VIPER', [CodeKind.NativeAsm]: 'MP_CODE_NATIVE_ASM',
};

function freezeProtoFun(ctx: FreezeContext, rc: NamedRawCode, preludePtr: string | undefined, typeSig: number): void {
  const { p } = ctx;
  const r = rc.rc;
  const type = r.kind === CodeKind.NativeAsm ? 'mp_raw_code_t' : 'mp_raw_code_truncated_t';
  const minimal = r.kind === CodeKind.Bytecode && rc.children.length === 0 && preludePtr === undefined;
  const scopeFlags = r.kind === CodeKind.Bytecode ? (rc.prelude?.scopeFlags ?? 0) : nativeScopeFlags(rc);
  if (minimal) p.line('#if MICROPY_PERSISTENT_CODE_SAVE');
  p.line(`static const ${type} proto_fun_${rc.escapedName} = {`);
  p.line('    .proto_fun_indicator[0] = MP_PROTO_FUN_INDICATOR_RAW_CODE_0,');
  p.line('    .proto_fun_indicator[1] = MP_PROTO_FUN_INDICATOR_RAW_CODE_1,');
  p.line(`    .kind = ${KIND_NAMES[r.kind]},`);
  p.line(`    .is_generator = ${scopeFlags & SCOPE_FLAG_GENERATOR ? 1 : 0},`);
  p.line(`    .fun_data = fun_data_${rc.escapedName},`);
  if (rc.children.length) p.line(`    .children = (void *)&children_${rc.escapedName},`);
  else if (preludePtr) p.line(`    .children = (void *)${preludePtr},`);
  else p.line('    .children = NULL,');
  p.line('    #if MICROPY_PERSISTENT_CODE_SAVE');
  p.line(`    .fun_data_len = ${r.funData.length},`);
  p.line(`    .n_children = ${rc.children.length},`);
  p.line('    #if MICROPY_EMIT_MACHINE_CODE');
  p.line(`    .prelude_offset = ${rc.preludeOffset},`);
  p.line('    #endif');
  const pre = rc.prelude;
  if (r.kind === CodeKind.Bytecode && pre) {
    p.line('    #if MICROPY_PY_SYS_SETTRACE');
    p.line('    .line_of_definition = 0,');
    p.line('    .prelude = {');
    p.line(`        .n_state = ${pre.nState},`);
    p.line(`        .n_exc_stack = ${pre.nExcStack},`);
    p.line(`        .scope_flags = ${pre.scopeFlags},`);
    p.line(`        .n_pos_args = ${pre.nPosArgs},`);
    p.line(`        .n_kwonly_args = ${pre.nKwonlyArgs},`);
    p.line(`        .n_def_pos_args = ${pre.nDefPosArgs},`);
    p.line(`        .qstr_block_name_idx = ${pre.names[0] ?? 0},`);
    p.line(`        .line_info = fun_data_${rc.escapedName} + ${pre.offsetLineInfo},`);
    p.line(`        .line_info_top = fun_data_${rc.escapedName} + ${pre.offsetClosureInfo},`);
    p.line(`        .opcodes = fun_data_${rc.escapedName} + ${pre.offsetOpcodes},`);
    p.line('    },');
    p.line('    #endif');
  }
  p.line('    #endif');
  if (r.kind === CodeKind.NativeAsm) {
    p.line(`    .asm_n_pos_args = ${r.nPosArgs},`);
    p.line(`    .asm_type_sig = ${typeSig},`);
  }
  p.line('};');
  if (minimal) {
    p.line('#else');
    p.line(`#define proto_fun_${rc.escapedName} fun_data_${rc.escapedName}[0]`);
    p.line('#endif');
  }
  ctx.stats.rawCodeCount++;
  ctx.stats.rawCodeContent += 16;
}

function freezeConstants(ctx: FreezeContext, m: NamedModule, source: string): void {
  const { p } = ctx;
  const f = m.file;
  if (f.qstrs.length) {
    p.line(`static const qstr_short_t const_qstr_table_data_${m.escapedName}[${f.qstrs.length}] = {`);
    for (const q of f.qstrs) p.line(`    MP_QSTR_${qstrEscape(q.str)},`);
    p.line('};');
  }
  if (!f.objects.length) return;
  p.line('');
  p.line('// constants');
  const refs = f.objects.map((o, i) => freezeConstObj(ctx, source, `const_obj_${m.escapedName}_${i}`, o));
  p.line('');
  p.line('// constant table');
  p.line(`static const mp_rom_obj_t const_obj_table_data_${m.escapedName}[${f.objects.length}] = {`);
  for (const r of refs) p.line(`    ${r},`);
  p.line('};');
  ctx.stats.constTablePtr += f.objects.length;
}

function freezeConstObj(ctx: FreezeContext, source: string, name: string, o: MpyConst): string {
  const { p, stats } = ctx;
  switch (o.kind) {
    case 'funtable': return '&mp_fun_table';
    case 'none': return 'MP_ROM_NONE';
    case 'false': return 'MP_ROM_FALSE';
    case 'true': return 'MP_ROM_TRUE';
    case 'ellipsis': return 'MP_ROM_PTR(&mp_const_ellipsis_obj)';
    case 'str':
    case 'bytes': {
      const bytes = o.kind === 'str' ? o.bytes : o.value;
      if (bytes.length === 0) return o.kind === 'str' ? 'MP_ROM_QSTR(MP_QSTR_)' : 'MP_ROM_PTR(&mp_const_empty_bytes_obj)';
      if (o.kind === 'str' && ctx.globals.has(o.value)) return `MP_ROM_QSTR(MP_QSTR_${qstrEscape(o.value)})`;
      const type = o.kind === 'str' ? 'mp_type_str' : 'mp_type_bytes';
      const esc = Array.from(bytes, (b) => '\\x' + b.toString(16).padStart(2, '0')).join('');
      p.line(`static const mp_obj_str_t ${name} = {{&${type}}, ${qstrHash(bytes, ctx.bytesInHash)}, ${bytes.length}, (const byte*)"${esc}"};`);
      stats.constStr += bytes.length;
      stats.constObj += 16;
      return `MP_ROM_PTR(&${name})`;
    }
    case 'int': {
      const v = o.value;
      if (v >= -0x2000n && v <= 0x1fffn) return `MP_ROM_INT(${v})`;
      if (ctx.longIntImpl === 'none') throw new FreezeError(`error while freezing ${source}: target does not support long int`);
      if (ctx.longIntImpl === 'longlong') {
        p.line(`static const mp_obj_int_t ${name} = {{&mp_type_int}, ${v}};`);
        return `MP_ROM_PTR(&${name})`;
      }
      const neg = v < 0n ? 1 : 0;
      let z = v < 0n ? -v : v;
      const bits = BigInt(ctx.mpzDigSize);
      const mask = (1n << bits) - 1n;
      const digs: string[] = [];
      while (z) {
        const d = z & mask;
        digs.push('0x' + d.toString(16));
        z >>= bits;
      }
      const sz = ctx.mpzDigSize;
      p.line(`static const mp_obj_int_t ${name} = {{&mp_type_int}, {.neg=${neg}, .fixed_dig=1, .alloc=${digs.length}, .len=${digs.length}, .dig=(uint${sz}_t*)(const uint${sz}_t[]){${digs.join(',')}}}};`);
      stats.constInt += (digs.length * sz) >> 3;
      stats.constObj += 16;
      return `MP_ROM_PTR(&${name})`;
    }
    case 'float': {
      const macro = `${name}_macro`;
      p.line('#if MICROPY_OBJ_REPR == MICROPY_OBJ_REPR_A || MICROPY_OBJ_REPR == MICROPY_OBJ_REPR_B');
      p.line(`static const mp_obj_float_t ${name} = {{&mp_type_float}, (mp_float_t)${formatG16(o.value)}};`);
      p.line(`#define ${macro} MP_ROM_PTR(&${name})`);
      p.line('#elif MICROPY_OBJ_REPR == MICROPY_OBJ_REPR_C');
      const f32 = new DataView(new ArrayBuffer(8));
      f32.setFloat32(0, o.value, true);
      const n32 = (((f32.getUint32(0, true) & ~3) | 2) >>> 0) + 0x80800000;
      p.line(`#define ${macro} ((mp_rom_obj_t)(0x${n32.toString(16).padStart(8, '0')}))`);
      p.line('#elif MICROPY_OBJ_REPR == MICROPY_OBJ_REPR_D');
      f32.setFloat64(0, o.value, true);
      const n64 = f32.getBigUint64(0, true) + 0x8004000000000000n;
      p.line(`#define ${macro} ((mp_rom_obj_t)(0x${n64.toString(16).padStart(16, '0')}))`);
      p.line('#endif');
      stats.constObj += 12;
      return macro;
    }
    case 'complex':
      p.line(`static const mp_obj_complex_t ${name} = {{&mp_type_complex}, (mp_float_t)${formatG16(o.real)}, (mp_float_t)${formatG16(o.imag)}};`);
      return `MP_ROM_PTR(&${name})`;
    case 'tuple': {
      if (!o.items.length) return 'MP_ROM_PTR(&mp_const_empty_tuple_obj)';
      const refs = o.items.map((item, i) => freezeConstObj(ctx, source, `${name}_${i}`, item));
      p.line(`static const mp_rom_obj_tuple_t ${name} = {{&mp_type_tuple}, ${o.items.length}, {`);
      for (const r of refs) p.line(`    ${r},`);
      p.line('}};');
      return `MP_ROM_PTR(&${name})`;
    }
  }
}
