// The identifiers mpy-tool derives for each raw code ("escaped names"): module name with '/' → '_',
// then parent name + '_' + escaped simple name, made unique across all files of one run by a numeric
// suffix. They appear in -j labels and in frozen C symbol names.
import { qstrEscape } from '../core/qstr-escape.js';
import { decodePrelude, effectivePreludeOffset, type Prelude } from '../core/prelude.js';
import { CodeKind, type MpyFile, type MpyRawCode } from '../mpy/types.js';

export interface NamedRawCode {
  readonly rc: MpyRawCode;
  /** Where the prelude really is (native code: see effectivePreludeOffset); 0 for bytecode. */
  readonly preludeOffset: number;
  readonly escapedName: string;
  /** Qstr text of the function's simple name ('?' when the index is out of range). */
  readonly simpleName: string;
  /** Decoded prelude for bytecode and native-Python code, as mpy-tool decodes it (see below). */
  readonly prelude?: Prelude;
  readonly children: readonly NamedRawCode[];
}

export interface NamedModule {
  readonly file: MpyFile;
  readonly escapedName: string;
  readonly root: NamedRawCode;
}

/** Names every raw code of a module; `used` is shared across the modules of one run. */
export function nameModule(file: MpyFile, used: Set<string>): NamedModule {
  const source = file.qstrs[0]?.str ?? '';
  const moduleName = source.replace(/\//g, '_').slice(0, -3);
  const visit = (rc: MpyRawCode, parentName: string): NamedRawCode => {
    let prelude: Prelude | undefined;
    let nameIdx = 0;
    const preludeOffset = rc.kind === CodeKind.NativePy ? effectivePreludeOffset(rc.funData, rc.preludeOffset) : 0;
    if (rc.kind === CodeKind.Bytecode || rc.kind === CodeKind.NativePy) {
      // mpy-tool decodes at the stored offset, even a wrong one, and its listing shows that; only where
      // it would crash (no such qstr) is the real prelude used.
      prelude = decodePrelude(rc.funData, rc.kind === CodeKind.NativePy ? rc.preludeOffset : 0);
      if ((prelude.names[0] ?? 0) >= file.qstrs.length) prelude = decodePrelude(rc.funData, preludeOffset);
      nameIdx = prelude.names[0] ?? 0;
    }
    const simpleName = file.qstrs[nameIdx]?.str ?? '?';
    const base = parentName + '_' + qstrEscape(simpleName);
    let escapedName = base;
    for (let i = 2; used.has(escapedName); i++) escapedName = base + String(i);
    used.add(escapedName);
    const childParent = escapedName.endsWith('_lt_module_gt_') ? parentName : escapedName;
    const children = rc.children.map((c) => visit(c, childParent));
    return { rc, preludeOffset, escapedName, simpleName, ...(prelude ? { prelude } : {}), children };
  };
  return { file, escapedName: moduleName, root: visit(file.rawCode, moduleName) };
}

