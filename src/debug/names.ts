// Local-variable names for the debugger. Bytecode addresses fast locals by number only (the .mpy
// prelude keeps just the argument names), so for code the VM compiled from source the names are
// recovered from the compiler's scope analysis: the same source is compiled again (lazily, the first
// time a frame of that module is inspected) and its scope tree is walked in step with the code tree
// the VM loaded — both list children in MAKE_FUNCTION index order. The VM remembers which loaded code
// came from its compiler and with which source (src/vm/trace.ts sourceOf). The result is a sidecar map
// keyed by code object, so the VM's Code stays untouched and costs nothing when no debugger is attached.
import { Compiler } from '../compile/compile.js';
import { parse } from '../compile/parser.js';
import { EmitOpt, IdKind, type Scope } from '../compile/scope.js';
import type { Code } from '../vm/code.js';
import { sourceOf } from '../vm/trace.js';

/** local number -> name (holes for numbers the scope does not name) */
const names = new WeakMap<Code, (string | undefined)[]>();
/** roots already analysed (or that failed) */
const analysed = new WeakSet<Code>();

function zip(code: Code, scope: Scope): void {
  const byNum: (string | undefined)[] = [];
  for (const id of scope.ids) {
    if (id.kind === IdKind.Local || id.kind === IdKind.Cell || id.kind === IdKind.Free) byNum[id.localNum] = id.qst;
  }
  names.set(code, byNum);
  const kids = scope.output?.children ?? [];
  for (let i = 0; i < code.children.length && i < kids.length; i++) zip(code.children[i] as Code, kids[i] as Scope);
}

function analyse(root: Code, source: string, fileName: string): void {
  if (analysed.has(root)) return;
  analysed.add(root);
  try {
    const { root: tree } = parse(source, fileName, 'file', { optimize: 0, smallIntBits: 31 });
    const c = new Compiler({ fileName, optimize: 0, smallIntBits: 31, emitOpt: EmitOpt.None, nativeArch: 0, settrace: true });
    zip(root, c.compileModule(tree));
  } catch {
    // eval/single-mode sources (exec, the REPL) keep their names in dicts; numbers are shown otherwise
  }
}

/**
 * Names of the fast locals of `code` by local number, or undefined when the source is unknown
 * (code loaded from a .mpy): then only the argument names from the prelude are known.
 */
export function localNames(code: Code): readonly (string | undefined)[] | undefined {
  let n = names.get(code);
  if (n === undefined) {
    const src = sourceOf(code);
    if (src !== undefined) analyse(src.root, src.source, src.fileName);
    n = names.get(code);
  }
  return n;
}
