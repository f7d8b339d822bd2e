// Entry points of the native back-end for the compiler: an emitter for an architecture number (as
// .mpy headers number them), and the viper annotation rule compile.c applies to parameters and
// return types.
import type { EmitCommon } from '../emit-common.js';
import { isId, isNull, type ParseNode } from '../parse-node.js';
import type { Assembler } from './asm.js';
import { AsmArm } from './asm-arm.js';
import type { InlineAsmEmitter } from './inline-asm.js';
import { InlineRv32 } from './inline-rv32.js';
import { InlineThumb } from './inline-thumb.js';
import { InlineXtensa } from './inline-xtensa.js';
import { AsmThumb } from './asm-thumb.js';
import { AsmRv32 } from './asm-rv32.js';
import { AsmX64 } from './asm-x64.js';
import { AsmXtensa } from './asm-xtensa.js';
import { AsmX86 } from './asm-x86.js';
import { NativeEmitter, nativeTypeFromName, type NativeErrorSink } from './emit-native.js';

export { ID_FLAG_VIPER_TYPE_POS, SCOPE_FLAG_VIPERRET_POS } from './emit-native.js';
export type { Emitter } from './emitter-api.js';
export { assembleInlineAsm, compileInlineAsmScope, type InlineAsmEmitter } from './inline-asm.js';

/** The inline assembler of architecture `arch` (3..8 Thumb, 9/10 Xtensa, 11 RV32). */
export function newInlineAsmEmitter(arch: number, maxNumLabels: number, archFlags: number): InlineAsmEmitter {
  let em: InlineAsmEmitter;
  if (arch >= 3 && arch <= 8) em = new InlineThumb(arch);
  else if (arch === 9 || arch === 10) em = new InlineXtensa(arch === 10);
  else if (arch === 11) em = new InlineRv32(archFlags);
  else throw new Error('internal: no inline assembler for this architecture');
  em.setMaxNumLabels(maxNumLabels);
  return em;
}

/** Xtensa sizes its l32r constant table from the previous pass, so it needs two CODE_SIZE passes. */
export function inlineAsmNeedsSecondSizePass(arch: number): boolean {
  return arch === 9 || arch === 10;
}

/** The assembler of architecture `arch` (.mpy numbering), or undefined when mpyts has none. */
function newAssembler(arch: number, archFlags: number): Assembler | undefined {
  switch (arch) {
    case 1: return new AsmX86();
    case 2: return new AsmX64();
    // armv6 runs ARM (A32) code; armv6m is Thumb-1 only; armv7m, armv7em, armv7emsp, armv7emdp have Thumb-2
    case 3: return new AsmArm();
    case 4: return new AsmThumb(false);
    case 5: case 6: case 7: case 8: return new AsmThumb(true);
    case 9: return new AsmXtensa(false);
    case 10: return new AsmXtensa(true);
    case 11: return new AsmRv32(archFlags);
    default: return undefined;
  }
}

/** A native emitter for architecture `arch` (1 = x86, 2 = x64), or undefined when there is none yet. */
export function newNativeEmitter(
  arch: number,
  common: EmitCommon,
  maxNumLabels: number,
  labelSlot: () => number,
  onError: NativeErrorSink,
  /** -march-flags (RV32: Zba/Zcmp extension bits) */
  archFlags = 0,
  /** register allocation of upstream's runtime compiler (see NativeEmitterBase) */
  runtimeRegs = false,
): NativeEmitter | undefined {
  const as = newAssembler(arch, archFlags);
  if (as === undefined) return undefined;
  as.setMaxNumLabels(maxNumLabels);
  return new NativeEmitter(common, as, labelSlot, onError, runtimeRegs);
}

/**
 * The native type an annotation names (compile.c's compile_viper_type_annotation): none means object;
 * an unknown name or a non-identifier is reported through the callbacks (and counts as object).
 */
export function viperAnnotationType(
  pn: ParseNode,
  unknownType: (name: string) => void,
  notAnIdentifier: (pn: ParseNode) => void,
): number {
  if (isNull(pn)) return 0;
  if (isId(pn)) {
    const t = nativeTypeFromName(pn.name);
    if (t < 0) {
      unknownType(pn.name);
      return 0;
    }
    return t;
  }
  notAnIdentifier(pn);
  return 0;
}
