// The inline assemblers (@micropython.asm_thumb / asm_xtensa / asm_rv32): the per-scope driver that walks
// a function body of `op(args)` statements (upstream's compile_scope_inline_asm) and the base every
// architecture's instruction parser builds on (labels, errors, argument helpers).
//
// Passes: SCOPE only checks the statement shapes and counts labels; CODE_SIZE (twice on Xtensa, whose
// l32r constant table is sized by the previous pass) and EMIT run the instruction parser. Errors are
// SyntaxErrors; within one instruction the last problem found is the one reported (upstream
// overwrites its error slot), and the traceback line is the instruction's argument list.
//
// Which parser runs depends on -march, not on the decorator's name: @micropython.asm_thumb under
// -march=xtensa assembles Xtensa, as mpy-cross does.
import { CodeKind } from '../../mpy/types.js';
import type { CompileExcType } from '../errors.js';
import { Rule } from '../grammar.js';
import {
  extractArgs,
  getIntMaybe,
  isId,
  isNull,
  isSmallInt,
  isStruct,
  isStructKind,
  leafSmallInt,
  type ParseNode,
  type RuleNode,
} from '../parse-node.js';
import { type Scope, ScopeKind } from '../scope.js';
import type { Assembler } from './asm.js';
import type { PassNumber } from './emitter-api.js';

const PASS_SCOPE = 1;
const PASS_CODE_SIZE = 3;
const PASS_EMIT = 4;

/** Return types of an asm function (MP_NATIVE_TYPE_xxx); int when not annotated. */
const TYPE_SIG = new Map([['object', 0], ['bool', 1], ['int', 2], ['uint', 3]]);

/** What the driver needs from the compiler. */
export interface InlineAsmHost {
  scopeCur: Scope;
  nextLabel: number;
  errorLine: number;
  readonly error: unknown;
  raise(type: CompileExcType, pn: ParseNode, message: string): void;
}

/** The identifier text of an argument, or '' (upstream's get_arg_str). */
export function argStr(pn: ParseNode): string {
  return isId(pn) ? pn.name : '';
}

/** The instruction parser of one architecture (upstream's emit_inline_asm_method_table_t). */
export abstract class InlineAsmEmitter {
  /** the error of the current instruction (SyntaxError message); the last one set wins */
  error: string | undefined;
  /**
   * Relaxation (beyond upstream, see assembleInlineAsm): compute passes also know the labels defined
   * further down, with their offsets from the previous pass.
   */
  relaxed = false;
  protected pass: PassNumber = PASS_CODE_SIZE;
  private labelLookup: (string | undefined)[] = [];
  private definedThisPass = new Set<string>();

  abstract readonly as: Assembler;
  protected abstract entry(): void;
  protected abstract exit(): void;
  abstract countParams(params: readonly ParseNode[]): number;
  abstract op(name: string, args: readonly ParseNode[]): void;

  setMaxNumLabels(n: number): void {
    this.as.setMaxNumLabels(n);
    if (this.labelLookup.length < n) this.labelLookup.length = n;
  }

  startPass(pass: PassNumber): void {
    this.pass = pass;
    this.error = undefined;
    // label names are collected afresh in (each) CODE_SIZE pass and kept for EMIT
    if (pass === PASS_CODE_SIZE && !this.relaxed) this.labelLookup.fill(undefined);
    this.definedThisPass.clear();
    this.as.startPass(pass === PASS_EMIT);
    this.entry();
  }

  endPass(): void {
    this.exit();
    this.as.endPass();
  }

  /** Defines a label; false if the name is already used in this function. */
  label(num: number, name: string): boolean {
    if (this.pass === PASS_CODE_SIZE && (this.relaxed ? this.definedThisPass.has(name) : this.labelLookup.includes(name))) return false;
    this.definedThisPass.add(name);
    this.labelLookup[num] = name;
    this.as.labelAssign(num);
    return true;
  }

  /** Label number of a name, or -1 when it is not (yet) defined. */
  protected findLabel(name: string): number {
    return this.labelLookup.indexOf(name);
  }

  protected get emitting(): boolean {
    return this.pass === PASS_EMIT;
  }

  protected fail(message: string): void {
    this.error = message;
  }
}

/** Integer of an argument truncated to 64 bits as mp_obj_get_int_truncated does, or undefined. */
export function argInt(pn: ParseNode): bigint | undefined {
  const v = getIntMaybe(pn);
  return v === undefined ? undefined : BigInt.asIntN(64, v);
}

function notAnInstruction(c: InlineAsmHost, pn: ParseNode): void {
  c.raise('SyntaxError', pn, 'expecting an assembler instruction');
}

/**
 * Compiles the body of an inline-assembler function for one pass (`em` is needed from CODE_SIZE on).
 * In the EMIT pass the machine code becomes the scope's output.
 */
export function compileInlineAsmScope(c: InlineAsmHost, scope: Scope, pass: PassNumber, em: InlineAsmEmitter | undefined): void {
  c.scopeCur = scope;
  c.nextLabel = 0;
  if (scope.kind !== ScopeKind.Function) {
    c.raise('SyntaxError', null, 'inline assembler must be a function');
    return;
  }
  const active = pass > PASS_SCOPE ? em : undefined;
  if (pass > PASS_SCOPE && active === undefined) throw new Error('internal: no inline assembler');
  active?.startPass(pass);

  const pns = scope.pn as RuleNode;
  // an error in the parameters or the body is reported at this line (the function's, or the
  // instruction's argument list)
  const failAt = (line: number): void => {
    if (active?.error !== undefined && c.error === null) c.raise('SyntaxError', null, active.error);
    c.errorLine = line;
  };

  if (pass === PASS_CODE_SIZE && active !== undefined) {
    scope.numPosArgs = active.countParams(extractArgs(pns.nodes[1] ?? null, Rule.typedargslist));
    // (an error left by Xtensa's first CODE_SIZE pass also stops the second one here, so it is
    // reported at the function's line)
    if (c.error !== null || active.error !== undefined) {
      failAt(pns.line);
      return;
    }
  }

  let typeSig = 2;
  const annotation = pns.nodes[2] ?? null;
  if (!isNull(annotation)) {
    if (isId(annotation)) {
      const t = TYPE_SIG.get(annotation.name);
      if (t === undefined) {
        c.raise('SyntaxError', annotation, 'unknown type');
        return;
      }
      typeSig = t;
    } else {
      // (reported, but the body is still assembled)
      c.raise('SyntaxError', annotation, 'return annotation must be an identifier');
    }
  }

  for (const stmt of extractArgs(pns.nodes[3] ?? null, Rule.suite_block_stmts)) {
    if (!isStruct(stmt)) continue;
    if (stmt.rule === Rule.pass_stmt) continue;
    if (stmt.rule !== Rule.expr_stmt) return notAnInstruction(c, stmt);
    const call = stmt.nodes[0] ?? null;
    if (!isStruct(call) || !isNull(stmt.nodes[1] ?? null)) return notAnInstruction(c, stmt);
    if (call.rule !== Rule.atom_expr_normal) return notAnInstruction(c, stmt);
    const name = call.nodes[0] ?? null;
    const trailer = call.nodes[1] ?? null;
    if (!isId(name) || !isStructKind(trailer, Rule.trailer_paren)) return notAnInstruction(c, stmt);

    const op = name.name;
    const args = extractArgs(trailer.nodes[0] ?? null, Rule.arglist);
    if (op === 'label') {
      const arg = args[0] ?? null;
      if (!(args.length === 1 && isId(arg))) {
        c.raise('SyntaxError', stmt, "'label' requires 1 argument");
        return;
      }
      const lab = c.nextLabel++;
      if (active !== undefined && !active.label(lab, arg.name)) {
        c.raise('SyntaxError', stmt, 'label redefined');
        return;
      }
    } else if (op === 'align') {
      const arg = args[0] ?? null;
      if (!(args.length === 1 && isSmallInt(arg))) {
        c.raise('SyntaxError', stmt, "'align' requires 1 argument");
        return;
      }
      active?.as.align(Number(leafSmallInt(arg)));
    } else if (op === 'data') {
      const size = args[0] ?? null;
      if (!(args.length >= 2 && isSmallInt(size))) {
        c.raise('SyntaxError', stmt, "'data' requires at least 2 arguments");
        return;
      }
      if (active !== undefined) {
        const bytesize = Number(leafSmallInt(size));
        for (let j = 1; j < args.length; j++) {
          const v = argInt(args[j] ?? null);
          if (v === undefined) {
            c.raise('SyntaxError', stmt, "'data' requires integer arguments");
            return;
          }
          active.as.dataBig(bytesize, v);
        }
      }
    } else {
      active?.op(op, args);
    }
    if (c.error !== null || active?.error !== undefined) {
      failAt(trailer.line);
      return;
    }
  }

  if (active !== undefined) {
    active.endPass();
    if (pass === PASS_EMIT && c.error === null) {
      scope.output = {
        funData: active.as.getCode(),
        children: [],
        kind: CodeKind.NativeAsm,
        asmNPosArgs: scope.numPosArgs,
        asmTypeSig: typeSig,
      };
    }
  }
  if (c.error !== null) c.errorLine = pns.line;
}

/**
 * All passes of one inline-assembler function: CODE_SIZE (a second one when `twoSizePasses`: Xtensa's
 * constant table is sized by the previous pass), then EMIT.
 *
 * Beyond upstream: in the compute passes a label not defined yet resolves to label 0, so an Xtensa
 * branch to a label further down is sized as a branch to the function's first label; when the two
 * differ in size the EMIT pass puts labels elsewhere and mpy-cross stops on an assertion. mpyts then
 * assembles the function again knowing every label from the previous pass, until the offsets settle.
 */
export function assembleInlineAsm(c: InlineAsmHost, scope: Scope, em: InlineAsmEmitter, twoSizePasses: boolean): void {
  compileInlineAsmScope(c, scope, PASS_CODE_SIZE, em);
  // (upstream runs the second pass even after an error: it moves the error to the function's line)
  if (twoSizePasses) compileInlineAsmScope(c, scope, PASS_CODE_SIZE, em);
  if (c.error !== null) return;
  compileInlineAsmScope(c, scope, PASS_EMIT, em);
  if (c.error !== null || !em.as.labelsMoved) return;
  em.relaxed = true;
  em.as.keepLabelOffsets = true;
  try {
    let prev = em.as.labelOffsetsSnapshot();
    for (let i = 0; i < 16 && c.error === null; i++) {
      compileInlineAsmScope(c, scope, PASS_CODE_SIZE, em);
      const next = em.as.labelOffsetsSnapshot();
      if (next.every((v, j) => v === prev[j])) break;
      prev = next;
    }
    if (c.error === null) compileInlineAsmScope(c, scope, PASS_EMIT, em);
    if (c.error === null && em.as.labelsMoved) throw new Error('internal: inline assembler labels do not settle');
  } finally {
    em.relaxed = false;
    em.as.keepLabelOffsets = false;
  }
}
