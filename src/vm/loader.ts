// Turns a parsed .mpy (MpyFile) into runnable Code objects. Bytecode stays in the caller's buffer:
// only the module's qstr strings and constant objects are materialised.
import { decodePrelude } from '../core/prelude.js';
import { MpytsError } from '../core/errors.js';
import { readMpy } from '../mpy/reader.js';
import { CodeKind, featureArch, type MpyConst, type MpyFile, type MpyRawCode } from '../mpy/types.js';
import { PyBytes } from '../objects/bytes.js';
import { newComplex } from '../objects/complex.js';
import { excMsg, RuntimeErrorType, valueError } from '../objects/exceptions.js';
import { normBig } from '../objects/int.js';
import { EllipsisObj, NoneObj, PyFloat, PyTuple, type PyObj } from '../objects/object.js';
import type { Code, ModuleContext } from './code.js';
import { buildJsTierCode } from './jstier.js';
import { isCompilerOutput, linkCodeTree } from './trace.js';
import { vmState } from './state.js';

function constToObj(c: MpyConst): PyObj {
  switch (c.kind) {
    case 'none': return NoneObj;
    case 'false': return false;
    case 'true': return true;
    case 'ellipsis': return EllipsisObj;
    case 'str': return c.value;
    case 'bytes': return new PyBytes(c.value);
    case 'int': return normBig(c.value);
    case 'float': return new PyFloat(c.value);
    case 'complex': return newComplex(c.real, c.imag);
    case 'tuple': return new PyTuple(c.items.map(constToObj));
    case 'funtable': return NoneObj;
  }
}

function buildCode(rc: MpyRawCode, ctx: ModuleContext, trusted: boolean): Code {
  // viper code from the VM's own compiler is JavaScript (the JS tier); from anywhere else it's foreign
  if (rc.kind === CodeKind.NativeViper && trusted) return buildJsTierCode(rc.funData, ctx, rc.children.map((ch) => buildCode(ch, ctx, trusted)));
  // and its native code is bytecode, marked as native (see compile.ts rawCodeOf)
  const native = rc.kind === CodeKind.NativePy && trusted;
  if (rc.kind !== CodeKind.Bytecode && !native) throw valueError('incompatible .mpy file');
  const bc = rc.funData;
  const p = decodePrelude(bc, 0);
  const q = (i: number): string => ctx.qstrs[i] ?? '?';
  const cellLocals: number[] = [];
  for (let i = p.offsetClosureInfo; i < p.offsetOpcodes; i++) cellLocals.push(bc[i] as number);
  return {
    bc,
    ctx,
    children: rc.children.map((ch) => buildCode(ch, ctx, trusted)),
    name: q(p.names[0] ?? 0),
    nState: p.nState,
    nExcStack: p.nExcStack,
    scopeFlags: p.scopeFlags,
    nPosArgs: p.nPosArgs,
    nKwonlyArgs: p.nKwonlyArgs,
    nDefPosArgs: p.nDefPosArgs,
    argNames: p.names.slice(1).map(q),
    codeStart: p.offsetOpcodes,
    lineInfoStart: p.offsetLineInfo,
    lineInfoEnd: p.offsetClosureInfo,
    cellLocals,
    cache: undefined,
    ...(native ? { native } : {}),
  };
}

/** Loads .mpy bytes; any malformed or foreign file raises ValueError('incompatible .mpy file'). */
export function loadMpy(bytes: Uint8Array): Code {
  let file: MpyFile;
  try {
    file = readMpy(bytes, { noLayout: true });
  } catch (e) {
    if (e instanceof MpytsError) throw valueError('incompatible .mpy file');
    throw e;
  }
  // Native code for another architecture (or any native code: this VM only runs bytecode).
  const arch = featureArch(file.featureByte);
  if (arch !== 0 && hasNative(file.rawCode)) throw valueError('incompatible .mpy file');
  // interning each qstr enforces upstream's 255-byte limit (compiled source and .mpy files alike)
  for (const q of file.qstrs) {
    if (q.bytes === undefined) continue;
    if (q.bytes.length > 255) throw excMsg(RuntimeErrorType, 'name too long');
    if (!vmState.qstrPool.has(q.str) && !vmState.isFirmwareName(q.str)) vmState.qstrPool.add(q.str);
  }
  const ctx: ModuleContext = {
    qstrs: file.qstrs.map((q) => q.str),
    consts: file.objects.map(constToObj),
    file: file.qstrs[0]?.str ?? '<unknown>',
  };
  // parent links (sys.settrace's line_of_definition, debugger local names)
  return linkCodeTree(buildCode(file.rawCode, ctx, arch === 0 && isCompilerOutput(bytes)));
}

function hasNative(rc: MpyRawCode): boolean {
  return rc.kind !== CodeKind.Bytecode || rc.children.some(hasNative);
}
