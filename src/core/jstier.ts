// The contract between the compiler's JS tier (src/compile/js/) and the VM (src/vm/jstier.ts) for
// @micropython.viper code. The compiler never imports the VM: it writes JavaScript source that calls
// the helpers named here, and the VM supplies an object implementing them. Objects are opaque to the
// compiler (`unknown`); typed viper values (int, uint, bool, ptr, ptr8/16/32) are 64-bit machine words
// held as BigInts in two's complement, signed range (BigInt.asIntN(64, ...)), as on the unix x64 port.

/** A JS-tier function travels inside the compiler's in-memory .mpy as a viper raw code whose data is
 * this JSON record (UTF-8). The VM accepts it only from its own injected compiler (never from files). */
export interface JsTierRecord {
  /** format marker and version */
  mpytsJs: 1;
  name: string;
  /** closed-over variables (passed first), then the declared positional parameters */
  nFree: number;
  nPosArgs: number;
  /** native type (MP_NATIVE_TYPE_xxx, 0 = object) of each parameter, free variables excluded */
  argTypes: number[];
  /** native type of the result (the return annotation) */
  retType: number;
  /** JavaScript source of `function (rt, K, C) { return function (G, args) {...} }`'s body */
  body: string;
}

/** Native types as numbered by upstream (runtime0.h MP_NATIVE_TYPE_xxx); 0x54 is viper's typed None. */
export const NATIVE_TYPE_OBJ = 0;
export const NATIVE_TYPE_BOOL = 1;
export const NATIVE_TYPE_INT = 2;
export const NATIVE_TYPE_UINT = 3;
export const NATIVE_TYPE_PTR = 4;
export const NATIVE_TYPE_PTR8 = 5;
export const NATIVE_TYPE_PTR16 = 6;
export const NATIVE_TYPE_PTR32 = 7;
export const NATIVE_TYPE_PTR_NONE = 0x54;

/**
 * What generated code calls. O is the VM's object type; K is the module's constant table and C the
 * function's children (code objects) as the VM loaded them.
 */
export interface JsTierRuntime<O = unknown, C = unknown, G = unknown> {
  readonly none: O;
  /** a typed word as an object (mp_convert_native_to_obj) */
  toObj(w: bigint, type: number): O;
  /** an object as a typed word (mp_convert_obj_to_native: truthiness, truncated int, buffer address) */
  fromObj(o: O, type: number): bigint;
  truthy(o: O): boolean;
  /** anything thrown by the VM or the host, as the exception object to handle */
  exc(e: unknown): O;
  /** raise `o` (mp_make_raise_obj), or `o` from `cause` */
  raise(o: O, cause?: O): never;
  /** upstream mp_native_raise: raise unless null/None */
  nativeRaise(o: O | null): void;
  /** bare `raise`: the exception being handled, or RuntimeError */
  reraise(o: O | null): never;
  checkArgs(nGiven: number, nExpected: number, hasKw: boolean): void;
  loadGlobal(g: G, name: string): O;
  storeGlobal(g: G, name: string, v: O): void;
  deleteGlobal(g: G, name: string): void;
  loadBuildClass(): O;
  importName(name: string, fromList: O, level: O, g: G): O;
  importFrom(module: O, name: string): O;
  importStar(module: O, g: G): void;
  loadAttr(o: O, name: string): O;
  storeAttr(o: O, name: string, v: O): void;
  deleteAttr(o: O, name: string): void;
  /** [method or attribute, self or undefined] (LOAD_METHOD) */
  loadMethod(o: O, name: string): [O, O | undefined];
  loadSuperMethod(name: string, cls: O, self: O): [O, O | undefined];
  subscr(o: O, index: O): O;
  storeSubscr(o: O, index: O, v: O): void;
  deleteSubscr(o: O, index: O): void;
  /** operators numbered as upstream's MP_UNARY_OP_xxx / MP_BINARY_OP_xxx */
  unaryOp(op: number, a: O): O;
  binaryOp(op: number, a: O, b: O): O;
  getIter(o: O): O;
  /** the next item, or undefined when the iterator is exhausted */
  iterNext(it: O): O | undefined;
  /** kw: alternating names and values */
  call(fn: O, args: O[], kw: O[] | undefined): O;
  callMethod(fn: O, self: O | undefined, args: O[], kw: O[] | undefined): O;
  /** *args/**kwargs call: slots are positional args, keyword pairs, then the star mask, as the VM's */
  callVar(fn: O, self: O | undefined, slots: O[], nPos: number, nKw: number): O;
  buildTuple(items: O[]): O;
  buildList(items: O[]): O;
  buildMap(n: number): O;
  buildSet(items: O[]): O;
  buildSlice(start: O, stop: O, step: O): O;
  storeMap(map: O, key: O, value: O): void;
  listAppend(list: O, v: O): void;
  setAdd(set: O, v: O): void;
  /** items in order (the caller pushes them last-first) */
  unpackSequence(o: O, n: number): O[];
  /** [left items..., list of the middle, right items...] */
  unpackEx(o: O, nLeft: number, nRight: number): O[];
  makeFunction(code: C, g: G, posDefaults: O | undefined, kwDefaults: O | undefined, closed: O[] | undefined): O;
  newCell(v: O | undefined): O;
  cellGet(cell: O): O;
  cellSet(cell: O, v: O): void;
  typeOf(o: O): O;
  /** viper integer division and modulo (Python's floor semantics on machine words) */
  floorDiv(a: bigint, b: bigint): bigint;
  modulo(a: bigint, b: bigint): bigint;
  /** memory through viper pointers: see the VM's address model */
  load(addr: bigint, size: 1 | 2 | 4 | 8): bigint;
  store(addr: bigint, size: 1 | 2 | 4 | 8, v: bigint): void;
  /** pending host interrupts and scheduled callbacks, at backward jumps */
  poll(): void;
}
