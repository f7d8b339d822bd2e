// The in-memory model of a .mpy 6.3 file. Field names follow upstream's (py/persistentcode.c,
// tools/mpy-tool.py). Byte arrays read from a file are views on the caller's buffer, never copies:
// that is what lets the VM run bytecode in place.

export const MPY_VERSION = 6;
export const MPY_SUB_VERSION = 3;
/** Feature-byte bit saying a var-uint of architecture flags follows the header. */
export const MPY_FEATURE_ARCH_FLAGS = 0x40;

/** Native architectures, numbered as in .mpy headers. */
export const NATIVE_ARCH_NAMES = [
  'NONE', 'X86', 'X64', 'ARMV6', 'ARMV6M', 'ARMV7M', 'ARMV7EM', 'ARMV7EMSP', 'ARMV7EMDP', 'XTENSA',
  'XTENSAWIN', 'RV32IMC', 'RV64IMC',
] as const;
export type NativeArchName = (typeof NATIVE_ARCH_NAMES)[number];

/** Raw-code kinds as stored (kind_len & 3) plus 2, as upstream numbers MP_CODE_*. */
export const enum CodeKind {
  Bytecode = 2,
  NativePy = 3,
  NativeViper = 4,
  NativeAsm = 5,
}

export const SCOPE_FLAG_GENERATOR = 0x01;
export const SCOPE_FLAG_VIPERRELOC = 0x10;
export const SCOPE_FLAG_VIPERRODATA = 0x20;
export const SCOPE_FLAG_VIPERBSS = 0x40;

/** Tags of the constant-object table entries. */
export const enum ObjTag {
  FunTable = 0,
  None = 1,
  False = 2,
  True = 3,
  Ellipsis = 4,
  Str = 5,
  Bytes = 6,
  Int = 7,
  Float = 8,
  Complex = 9,
  Tuple = 10,
}

/** One entry of a module's qstr table: either an index into the static table or inline UTF-8 bytes. */
export interface MpyQstr {
  /** Decoded text (invalid UTF-8 is replaced; `bytes` keeps the exact data). */
  readonly str: string;
  /** Index into STATIC_QSTRS + 1 (upstream's qstr number) when stored as a static reference. */
  readonly staticIndex?: number;
  /** Exact stored bytes of an inline qstr (without the NUL terminator). */
  readonly bytes?: Uint8Array;
}

export type MpyConst =
  | { readonly kind: 'funtable' }
  | { readonly kind: 'none' }
  | { readonly kind: 'false' }
  | { readonly kind: 'true' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'str'; readonly value: string; readonly bytes: Uint8Array }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  /** Numbers are stored as text (their MicroPython repr); `text` is kept so writing reproduces it. */
  | { readonly kind: 'int'; readonly value: bigint; readonly text: string }
  | { readonly kind: 'float'; readonly value: number; readonly text: string }
  | { readonly kind: 'complex'; readonly real: number; readonly imag: number; readonly text: string }
  | { readonly kind: 'tuple'; readonly items: readonly MpyConst[] };

interface RawCodeCommon {
  /** The function's data: bytecode (prelude + opcodes) or machine code (with an embedded prelude). */
  readonly funData: Uint8Array;
  readonly children: readonly MpyRawCode[];
}

export interface MpyBytecode extends RawCodeCommon {
  readonly kind: CodeKind.Bytecode;
}

export interface MpyNativePy extends RawCodeCommon {
  readonly kind: CodeKind.NativePy;
  /** Offset of the bytecode-style prelude inside funData. */
  readonly preludeOffset: number;
}

export interface MpyNativeViper extends RawCodeCommon {
  readonly kind: CodeKind.NativeViper;
  readonly scopeFlags: number;
  /** Read-only data (when SCOPE_FLAG_VIPERRODATA). */
  readonly rodata?: Uint8Array;
  /** Size of zero-initialised data (when SCOPE_FLAG_VIPERBSS). */
  readonly bssSize?: number;
  /** Relocation records, raw, including the 0xff terminator (when SCOPE_FLAG_VIPERRELOC). */
  readonly relocations?: Uint8Array;
}

export interface MpyNativeAsm extends RawCodeCommon {
  readonly kind: CodeKind.NativeAsm;
  readonly scopeFlags: number;
  readonly nPosArgs: number;
  readonly typeSig: number;
}

export type MpyRawCode = MpyBytecode | MpyNativePy | MpyNativeViper | MpyNativeAsm;

export interface MpyFile {
  readonly version: number;
  /** Header byte 2: sub-version (bits 0-1), architecture (bits 2-7 less the flags bit), arch-flags bit. */
  readonly featureByte: number;
  readonly smallIntBits: number;
  /** Architecture-specific flags (present when featureByte has MPY_FEATURE_ARCH_FLAGS). */
  readonly archFlags?: number;
  /** qstr table; entry 0 is the source file name. */
  readonly qstrs: readonly MpyQstr[];
  readonly objects: readonly MpyConst[];
  readonly rawCode: MpyRawCode;
  /** Where each part lies in the file it was read from (absent on files built in memory). */
  readonly layout?: MpyLayout;
}

/** The kinds of region mpy-tool's hex dump and extractor distinguish. */
export const enum SegmentKind {
  Meta = 0,
  Qstr = 1,
  Obj = 2,
  Code = 3,
}

export interface MpySegment {
  readonly kind: SegmentKind;
  /** Label: the qstr or simple name, or the constant object itself. */
  readonly name: string | MpyConst;
  readonly start: number;
  readonly end: number;
}

export interface MpyLayout {
  readonly qstrTableOffset: number;
  readonly objTableOffset: number;
  readonly rawCodeOffset: number;
  /** Segments in file order, as tools/mpy-tool.py records them. */
  readonly segments: readonly MpySegment[];
}

/** The architecture number encoded in a feature byte. */
export function featureArch(featureByte: number): number {
  return (featureByte >> 2) & 0x2f;
}

/** The feature byte upstream writes for a module with the given architecture and flags. */
export function makeFeatureByte(arch: number, archFlags = 0): number {
  return (archFlags !== 0 ? MPY_FEATURE_ARCH_FLAGS : 0) | (arch !== 0 ? (arch << 2) | MPY_SUB_VERSION : 0);
}
