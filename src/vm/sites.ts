// The dispatch loop's out-of-line helpers for its fast paths (interp.ts keeps the loop itself):
// per-site inline caches (LOAD_GLOBAL slots, LOAD_METHOD lookups), multi-byte operands, and binary
// operations that call a user instance's special method straight from the value stack.
import { BINARY_OP_NAMES } from '../bytecode/opcodes.js';
import { excMsg, NameErrorType } from '../objects/exceptions.js';
import { PyFunction } from '../objects/fun.js';
import {
  Binary, currentTypeEpoch, NotImplementedObj, PyBuiltin, PyInstance, PyModule, PyType, typeOf, type PyObj,
} from '../objects/object.js';
import { loadMethodInto } from './attr.js';
import type { MpMap } from '../objects/map.js';
import { SCOPE_GENERATOR } from './code.js';
import { setupFrameFromStack, type Frame } from './frame.js';
import { runFrame } from './interp.js';
import { binaryAfterLhs, binaryOp } from './runtime.js';
import { vmState } from './state.js';

// Var-uint operands of 128 and more are rare: they are decoded out of line so that each opcode's
// operand costs one load and one test in the dispatch loop (smaller loop, less to JIT-compile).
export let tailIp = 0;
/** A whole var-uint operand at ip (for cold paths; hot ones inline the one-byte case): the ip after it is left in tailIp. */
export function readUint(bc: Uint8Array, ip: number): number {
  const first = bc[ip] as number;
  if (first & 0x80) return uintTail(bc, ip + 1, first);
  tailIp = ip + 1;
  return first;
}
/** A jump label operand (one or two bytes, unsigned) at ip, for cold paths; the ip after it is left in tailIp. */
export function readLabel(bc: Uint8Array, ip: number): number {
  const b0 = bc[ip] as number;
  if (b0 & 0x80) {
    tailIp = ip + 2;
    return (b0 & 0x7f) | ((bc[ip + 1] as number) << 7);
  }
  tailIp = ip + 1;
  return b0;
}
/** A signed jump label operand (biased by 0x40 / 0x4000) at ip; the ip after it is left in tailIp. */
export function readSignedLabel(bc: Uint8Array, ip: number): number {
  const u = readLabel(bc, ip);
  return u - (tailIp - ip === 2 ? 0x4000 : 0x40);
}
export function uintTail(bc: Uint8Array, ipIn: number, first: number): number {
  let ip = ipIn;
  let u = first & 0x7f;
  let b: number;
  do {
    b = bc[ip++] as number;
    u = u * 128 + (b & 0x7f);
  } while (b & 0x80);
  tailIp = ip;
  return u;
}

/**
 * LOAD_GLOBAL's slow path. A hit in the globals table is remembered by slot (interp.ts checks that the
 * slot still holds the name); a builtin is remembered with the globals' str-key count, since it stays
 * shadow-free until a str key is added to the globals.
 */
export function lookupGlobalCaching(f: Frame, name: string, ic: unknown[], opIp: number): PyObj {
  const gm = f.globals.mpmap;
  if (gm.ordered) return lookupGlobal(f, name);
  const slot = gm.find(name);
  if (slot >= 0) {
    ic[opIp] = slot;
    return gm.values[slot] as PyObj;
  }
  const bm = vmState.builtins.mpmap;
  const bslot = bm.ordered ? -1 : bm.find(name);
  if (bslot < 0) return lookupGlobal(f, name);
  ic[opIp] = new BuiltinSite(gm, bslot);
  return bm.values[bslot] as PyObj;
}

/** A LOAD_GLOBAL site that found a builtin: valid for these globals while they gain no str key. */
export class BuiltinSite {
  declare globals: MpMap;
  declare adds: number;
  declare slot: number;
  constructor(globals: MpMap, slot: number) {
    this.globals = globals;
    this.adds = globals.strAdds;
    this.slot = slot;
  }
}

/** LOAD_METHOD's per-site cache: what `t.lookup(name)` returned, valid while no class changes. */
export class MethodSite {
  declare t: PyType;
  declare m: PyObj | undefined;
  declare epoch: number;
  constructor(t: PyType, m: PyObj | undefined) {
    this.t = t;
    this.m = m;
    this.epoch = currentTypeEpoch();
  }
}

function lookupGlobal(f: Frame, name: string): PyObj {
  let v = f.globals.mpmap.get(name);
  if (v !== undefined) return v;
  v = vmState.builtins.mpmap.get(name);
  if (v !== undefined) return v;
  throw excMsg(NameErrorType, `name '${name}' isn't defined`);
}

/**
 * LOAD_METHOD on anything but a user instance (interp.ts handles those): a builtin type's method
 * (str.upper, list.append ...) is remembered per site and type like MethodSite. Instances of builtin
 * types carry no attribute dict (only user subclasses do), so the class's method is the answer;
 * classes, modules and attrFirst types (super) take loadMethodInto's general path.
 */
/** `t.lookup(name)` remembered at the call site `opIp` until any class changes (the type epoch moves on). */
export function siteLookup(t: PyType, name: string, ic: unknown[], opIp: number): PyObj | undefined {
  const c = ic[opIp];
  if (c instanceof MethodSite && c.t === t && c.epoch === currentTypeEpoch()) return c.m;
  const m = t.lookup(name);
  ic[opIp] = new MethodSite(t, m);
  return m;
}

export function loadMethodCached(state: (PyObj | undefined)[], sp: number, o: PyObj, name: string, ic: unknown[], opIp: number): void {
  const t = typeOf(o);
  if (!t.isUser && !t.attrFirst && !(o instanceof PyType) && !(o instanceof PyModule)) {
    const m = siteLookup(t, name, ic, opIp);
    if (m instanceof PyFunction || (m instanceof PyBuiltin && m.isMethod)) {
      state[sp] = m;
      state[sp + 1] = o;
      return;
    }
  }
  loadMethodInto(state, sp, o, name);
}

/**
 * The Python function `a op b` calls first when a is an instance of a user class (what userBinary
 * would look up): __op__, or for an in-place op without __iop__ the plain __op__. Undefined when the
 * generic path must decide (==/!= semantics, non-function methods, generators, builtin bases).
 */
function userBinaryMethod(a: PyInstance, op: Binary): PyFunction | undefined {
  const t = a.type;
  if (!t.isUser || op === Binary.EQ || op === Binary.NE || (op > Binary.NE && op < Binary.IOR)) return undefined;
  let bop = op;
  if (op >= Binary.IOR && op <= Binary.IPOW) {
    if (t.lookupUser((BINARY_OP_NAMES as readonly string[])[op] as string) !== undefined) return undefined;
    bop = op + (Binary.OR - Binary.IOR);
  }
  const m = t.lookupUser((BINARY_OP_NAMES as readonly string[])[bop] as string);
  return m instanceof PyFunction && (m.code.scopeFlags & SCOPE_GENERATOR) === 0 ? m : undefined;
}

/**
 * BINARY_OP when no inline fast path applied. A user instance's __op__ runs straight from the value
 * stack (state[sp] = a, state[sp + 1] = b are its two arguments): no argument array, no dispatch
 * through the type slot; NotImplemented continues as binaryOp would, with b's reflected method.
 */
export function binaryAny(f: Frame, state: (PyObj | undefined)[], sp: number, op: Binary, opIp: number, a: PyObj, b: PyObj): PyObj {
  if (a instanceof PyInstance) {
    const m = userBinaryMethod(a, op);
    if (m !== undefined) {
      f.ip = opIp;
      const nf = setupFrameFromStack(m, state, sp, 2);
      runFrame(nf, undefined);
      const r = nf.state[nf.sp] as PyObj;
      if (r !== NotImplementedObj) return r;
      return binaryAfterLhs(op >= Binary.IOR && op <= Binary.IPOW ? op + (Binary.OR - Binary.IOR) : op, a, b);
    }
  }
  return binaryOp(op, a, b);
}
