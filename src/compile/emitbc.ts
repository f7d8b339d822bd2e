// The bytecode emitter (upstream's py/emitbc.c). The compiler drives it through four passes per scope:
//   SCOPE      ids are discovered (only table side effects: qstr/constant numbering)
//   STACK_SIZE the maximum stack depth is measured
//   CODE_SIZE  code size and label offsets are measured (jumps sized from the previous pass's labels)
//   EMIT       bytes are written; repeated while the code keeps shrinking (jump offsets get shorter)
// Every pass goes through the same calls so that sizes, line tables and table numbering come out
// exactly as upstream's, including dead code after an unconditional jump (not written, but its stack
// effects and table entries still count).
import {
  Op,
  isSignedJump,
  LOAD_CONST_SMALL_INT_MULTI_EXCESS,
  LOAD_CONST_SMALL_INT_MULTI_NUM,
} from '../bytecode/opcodes.js';
import { encodePreludeSignature, encodePreludeSize } from '../core/prelude.js';
import type { EmitCommon } from './emit-common.js';
import type { ConstValue } from './parse-node.js';
import { IdKind, type Scope, ScopeKind, SCOPE_FLAG_ALL_SIG, SCOPE_FLAG_GENERATOR, ID_FLAG_IS_PARAM } from './scope.js';
import { Tok } from './tokens.js';

export const enum Pass {
  Scope = 1,
  StackSize = 2,
  CodeSize = 3,
  Emit = 4,
}

export const BREAK_FROM_FOR = 0x8000;
const ITER_BUF_NSLOTS = 4;

export const enum IdOpLocal {
  Fast = 0,
  Deref = 1,
}
export const enum IdOpGlobal {
  Name = 0,
  Global = 1,
}
export const enum ImportKind {
  Name = 0,
  From = 1,
  Star = 2,
}
export const enum SubscrKind {
  Load = 0,
  Store = 1,
  Delete = 2,
}
export const enum AttrKind {
  Load = 0,
  Store = 1,
  Delete = 2,
}
export const enum BlockKind {
  With = 0,
  Except = 1,
  Finally = 2,
}
export const enum BuildKind {
  Tuple = 0,
  List = 1,
  Map = 2,
  Set = 3,
  Slice = 4,
}
export const enum YieldKind {
  Value = 0,
  From = 1,
}

/** Unary ops as numbered in bytecode. */
export const enum UnaryOp {
  Positive = 0,
  Negative = 1,
  Invert = 2,
  Not = 3,
}

/** Binary ops (mp_binary_op_t); values above Power are synthesised by the emitter. */
export const enum BinaryOp {
  Less = 0,
  More = 1,
  Equal = 2,
  LessEqual = 3,
  MoreEqual = 4,
  NotEqual = 5,
  In = 6,
  Is = 7,
  ExceptionMatch = 8,
  InplaceOr = 9,
  InplaceAdd = 14,
  Or = 22,
  Lshift = 25,
  Power = 34,
  NotIn = 100,
  IsNot = 101,
}

const ELLIPSIS: ConstValue = { type: 'ellipsis' };

/** Growable scratch for var-int encodings. */
const tmp: number[] = [];
/** Scratch for startPass's argument names. */
const argNames: string[] = [];
const argSeen: boolean[] = [];

export class BytecodeEmitter {
  private pass: Pass = Pass.Scope;
  /** true in dead code after an unconditional jump/return/raise until the next label */
  private suppress = false;
  private stackSize = 0;
  private scope!: Scope;
  private lastSourceLineOffset = 0;
  private lastSourceLine = 1;
  private labelOffsets: number[] = [];
  private codeInfoOffset = 0;
  private codeInfoSize = 0;
  private bytecodeOffset = 0;
  private bytecodeSize = 0;
  private code = new Uint8Array(0);
  private overflow = false;
  private nInfo = 0;
  private nCell = 0;
  /** children raw codes by MAKE_FUNCTION index (upstream's ct_cur_child / children) */
  private children: Scope[] = [];

  constructor(
    private readonly common: EmitCommon,
    /** -O level: at 3 no line-number table is written */
    private readonly optimize: number,
    /** bits of the target's small int (for LOAD_CONST_SMALL_INT range checks by the caller) */
    readonly smallIntBits: number,
  ) {}

  // ---- raw writers -----------------------------------------------------------------------------

  private ciByte(b: number): void {
    if (this.pass === Pass.Emit) this.code[this.codeInfoOffset] = b;
    this.codeInfoOffset++;
  }

  private ciBytes(bytes: readonly number[]): void {
    for (const b of bytes) this.ciByte(b);
  }

  private ciQstr(q: string): void {
    this.ciUint(this.common.useQstr(q));
  }

  private ciUint(v: number): void {
    if (v >= 0 && v < 0x80) {
      this.ciByte(v); // the common one-byte case
      return;
    }
    if (v >= 0 && v <= 0x7fffffff) {
      let sh = 0;
      while (sh < 28 && v >>> (sh + 7) !== 0) sh += 7;
      for (; sh > 0; sh -= 7) this.ciByte(0x80 | ((v >>> sh) & 0x7f));
      this.ciByte(v & 0x7f);
      return;
    }
    // var-uint, most significant 7-bit group first
    let shift = 0;
    while (v >= 2 ** (shift + 7)) shift += 7;
    for (; shift > 0; shift -= 7) this.ciByte(0x80 | (Math.floor(v / 2 ** shift) & 0x7f));
    this.ciByte(v & 0x7f);
  }

  private bcByte(b: number): void {
    if (this.suppress) return;
    if (this.pass === Pass.Emit) this.code[this.codeInfoSize + this.bytecodeOffset] = b;
    this.bytecodeOffset++;
  }

  private bcUint(v: number): void {
    if (this.suppress) return;
    if (v >= 0 && v < 0x80) {
      this.bcByte(v); // the common one-byte case
      return;
    }
    if (v >= 0 && v <= 0x7fffffff) {
      let sh = 0;
      while (sh < 28 && v >>> (sh + 7) !== 0) sh += 7;
      for (; sh > 0; sh -= 7) this.bcByte(0x80 | ((v >>> sh) & 0x7f));
      this.bcByte(v & 0x7f);
      return;
    }
    let shift = 0;
    while (v >= 2 ** (shift + 7)) shift += 7;
    for (; shift > 0; shift -= 7) this.bcByte(0x80 | (Math.floor(v / 2 ** shift) & 0x7f));
    this.bcByte(v & 0x7f);
  }

  private op(stackAdj: number, b: number): void {
    this.adjustStackSize(stackAdj);
    this.bcByte(b);
  }

  private opUint(stackAdj: number, b: number, v: number): void {
    this.op(stackAdj, b);
    this.bcUint(v);
  }

  private opQstr(stackAdj: number, b: number, q: string): void {
    this.opUint(stackAdj, b, this.common.useQstr(q));
  }

  private opObj(stackAdj: number, b: number, v: ConstValue): void {
    this.opUint(stackAdj, b, this.common.useConst(v));
  }

  private opChild(stackAdj: number, b: number, child: Scope): void {
    const idx = this.children.length;
    this.children.push(child);
    this.opUint(stackAdj, b, idx);
  }

  /**
   * A jump to a label, relative to the end of the instruction, with a 1- or 2-byte offset. Before
   * CODE_SIZE the size is unknown and the long form is assumed; afterwards the label offset from the
   * previous pass (forward jumps) or this pass (backward jumps) decides, so sizes only ever shrink.
   */
  private opLabel(stackAdj: number, b: number, label: number): void {
    this.adjustStackSize(stackAdj);
    if (this.suppress) return;
    const signed = isSignedJump(b);
    let long = 1;
    let off = 0;
    if (this.pass >= Pass.CodeSize) {
      off = (this.labelOffsets[label] ?? 0) - this.bytecodeOffset - 2;
      if ((signed && off >= -64 && off <= 63) || (!signed && off >= 0 && off <= 127)) long = 0;
      off -= long;
    }
    this.bcByte(b);
    if (long === 0) {
      this.bcByte(signed ? off + 0x40 : off);
    } else {
      if (signed) off += 0x4000;
      if (this.pass === Pass.Emit && !(off >= 0 && off <= 0x7fff)) this.overflow = true;
      this.bcByte(0x80 | (off & 0x7f));
      this.bcByte((off >> 7) & 0xff);
    }
  }

  // ---- passes ----------------------------------------------------------------------------------

  startPass(pass: Pass, scope: Scope): void {
    this.pass = pass;
    this.stackSize = 0;
    this.suppress = false;
    this.scope = scope;
    this.lastSourceLineOffset = 0;
    this.lastSourceLine = 1;
    this.bytecodeOffset = 0;
    this.codeInfoOffset = 0;
    this.overflow = false;
    this.children = [];

    // the state needs at least one slot: an exception propagating out is returned in it
    const nState = Math.max(1, scope.numLocals + scope.stackSize);
    tmp.length = 0;
    encodePreludeSignature(tmp, {
      nState,
      nExcStack: scope.excStackSize,
      scopeFlags: scope.scopeFlags & SCOPE_FLAG_ALL_SIG,
      nPosArgs: scope.numPosArgs,
      nKwonlyArgs: scope.numKwonlyArgs,
      nDefPosArgs: scope.numDefPosArgs,
    });
    this.ciBytes(tmp);

    // sizes of the info and closure sections are known from the previous pass
    if (pass >= Pass.CodeSize) {
      tmp.length = 0;
      encodePreludeSize(tmp, this.nInfo, this.nCell);
      this.ciBytes(tmp);
    }

    this.nInfo = this.codeInfoOffset;
    this.ciQstr(scope.simpleName);

    // the name of each argument slot, so keyword arguments can be matched to positions; slots that
    // are not parameters (closed-over variables passed in first) are named "*"
    const nArgs = scope.numPosArgs + scope.numKwonlyArgs;
    if (nArgs > 0) {
      // (module-level scratch arrays: this runs for every function in every pass)
      const names = argNames;
      const seen = argSeen;
      while (names.length < nArgs) {
        names.push('*');
        seen.push(false);
      }
      for (let k = 0; k < nArgs; k++) {
        names[k] = '*';
        seen[k] = false;
      }
      for (const id of scope.ids) {
        if (id.flags & ID_FLAG_IS_PARAM && id.localNum >= 0 && id.localNum < nArgs && !seen[id.localNum]) {
          names[id.localNum] = id.qst;
          seen[id.localNum] = true;
        }
      }
      for (let k = 0; k < nArgs; k++) this.ciQstr(names[k] as string);
    }
  }

  /** Ends a pass; false asks the compiler to run the EMIT pass again (the code shrank). */
  endPass(): boolean {
    if (this.pass === Pass.Scope) return true;

    this.nInfo = this.codeInfoOffset - this.nInfo;

    // closure section: the locals that must be turned into cells on entry
    this.nCell = 0;
    for (const id of this.scope.ids) {
      if (id.kind === IdKind.Cell) {
        this.ciByte(id.localNum);
        this.nCell++;
      }
    }

    if (this.pass === Pass.CodeSize) {
      this.codeInfoSize = this.codeInfoOffset;
      this.bytecodeSize = this.bytecodeOffset;
      // one buffer reused by every scope: the EMIT pass writes each byte of [0, size) before it is
      // sliced out (a pass whose size differs is redone), so stale bytes never reach the output
      const size = this.codeInfoSize + this.bytecodeSize;
      if (this.code.length < size) this.code = new Uint8Array(Math.max(size, 2 * this.code.length, 256));
    } else if (this.pass === Pass.Emit) {
      if (this.codeInfoOffset !== this.codeInfoSize || this.bytecodeOffset !== this.bytecodeSize) {
        this.codeInfoSize = this.codeInfoOffset;
        this.bytecodeSize = this.bytecodeOffset;
        return false;
      }
      if (this.overflow) throw new BytecodeOverflow();
      this.scope.output = {
        funData: this.code.slice(0, this.codeInfoSize + this.bytecodeSize),
        children: this.children,
      };
    }
    return true;
  }

  /** Label count for this scope, known after the SCOPE pass. */
  setMaxNumLabels(n: number): void {
    if (this.labelOffsets.length < n) this.labelOffsets = new Array<number>(n).fill(0);
  }

  adjustStackSize(delta: number): void {
    if (this.pass === Pass.Scope) return;
    this.stackSize += delta;
    if (this.stackSize > this.scope.stackSize) this.scope.stackSize = this.stackSize;
  }

  setSourceLine(line: number): void {
    // -O3 drops the line-number table
    if (this.optimize >= 3) return;
    if (line > this.lastSourceLine) {
      // encodeLineInfo, written straight into the code-info section
      let bytes = this.bytecodeOffset - this.lastSourceLineOffset;
      let lines = line - this.lastSourceLine;
      while (bytes > 0 || lines > 0) {
        let b: number;
        let l: number;
        if (lines <= 6 || bytes > 0xf) {
          b = bytes < 0x1f ? bytes : 0x1f;
          l = b < bytes ? 0 : lines < 3 ? lines : 3;
          this.ciByte(b | (l << 5));
        } else {
          b = bytes < 0xf ? bytes : 0xf;
          l = lines < 0x7ff ? lines : 0x7ff;
          this.ciByte(0x80 | b | ((l >> 4) & 0x70));
          this.ciByte(l & 0xff);
        }
        bytes -= b;
        lines -= l;
      }
      this.lastSourceLineOffset = this.bytecodeOffset;
      this.lastSourceLine = line;
    }
  }

  labelAssign(l: number): void {
    // a label ends any dead-code region
    this.suppress = false;
    if (this.pass === Pass.Scope) return;
    this.labelOffsets[l] = this.bytecodeOffset;
  }

  // ---- identifiers -----------------------------------------------------------------------------

  // the identifier name is only used by the native emitter (viper type errors name the variable)
  loadLocal(localNum: number, kind: IdOpLocal, _qst?: string): void {
    if (kind === IdOpLocal.Fast && localNum <= 15) this.op(1, Op.LOAD_FAST_MULTI + localNum);
    else this.opUint(1, kind === IdOpLocal.Fast ? Op.LOAD_FAST_N : Op.LOAD_DEREF, localNum);
  }

  loadGlobal(q: string, kind: IdOpGlobal): void {
    this.opQstr(1, kind === IdOpGlobal.Name ? Op.LOAD_NAME : Op.LOAD_GLOBAL, q);
  }

  storeLocal(localNum: number, kind: IdOpLocal, _qst?: string): void {
    if (kind === IdOpLocal.Fast && localNum <= 15) this.op(-1, Op.STORE_FAST_MULTI + localNum);
    else this.opUint(-1, kind === IdOpLocal.Fast ? Op.STORE_FAST_N : Op.STORE_DEREF, localNum);
  }

  storeGlobal(q: string, kind: IdOpGlobal): void {
    this.opQstr(-1, kind === IdOpGlobal.Name ? Op.STORE_NAME : Op.STORE_GLOBAL, q);
  }

  deleteLocal(localNum: number, kind: IdOpLocal, _qst?: string): void {
    this.opUint(0, kind === IdOpLocal.Fast ? Op.DELETE_FAST : Op.DELETE_DEREF, localNum);
  }

  deleteGlobal(q: string, kind: IdOpGlobal): void {
    this.opQstr(0, kind === IdOpGlobal.Name ? Op.DELETE_NAME : Op.DELETE_GLOBAL, q);
  }

  // ---- constants and simple stack ops ----------------------------------------------------------

  import(q: string, kind: ImportKind): void {
    if (kind === ImportKind.Star) this.op(-1, Op.IMPORT_STAR);
    else if (kind === ImportKind.From) this.opQstr(1, Op.IMPORT_FROM, q);
    else this.opQstr(-1, Op.IMPORT_NAME, q);
  }

  loadConstTok(tok: Tok): void {
    if (tok === Tok.ELLIPSIS) this.opObj(1, Op.LOAD_CONST_OBJ, ELLIPSIS);
    else if (tok === Tok.KW_FALSE) this.op(1, Op.LOAD_CONST_FALSE);
    else if (tok === Tok.KW_TRUE) this.op(1, Op.LOAD_CONST_TRUE);
    else this.op(1, Op.LOAD_CONST_NONE);
  }

  loadConstSmallInt(v: number | bigint): void {
    const n = typeof v === 'bigint' && v >= -0x40000000n && v < 0x40000000n ? Number(v) : v;
    if (typeof n === 'number' && n >= -LOAD_CONST_SMALL_INT_MULTI_EXCESS && n < LOAD_CONST_SMALL_INT_MULTI_NUM - LOAD_CONST_SMALL_INT_MULTI_EXCESS) {
      this.op(1, Op.LOAD_CONST_SMALL_INT_MULTI + LOAD_CONST_SMALL_INT_MULTI_EXCESS + n);
      return;
    }
    this.op(1, Op.LOAD_CONST_SMALL_INT);
    if (this.suppress) return;
    // 7-bit groups, most significant first, with a sign group when bit 6 of the lead disagrees
    if (typeof n === 'number' && n >= -0x40000000 && n < 0x40000000) {
      // the same encoding in int32 arithmetic (at most 5 groups)
      let y = n;
      let k = 0;
      do {
        k++;
        y >>= 7;
      } while (y !== 0 && y !== -1);
      const top = (n >> (7 * (k - 1))) & 0x7f;
      if (y === -1 && (top & 0x40) === 0) this.bcByte(0x7f | 0x80);
      else if (y === 0 && (top & 0x40) !== 0) this.bcByte(0x80);
      for (let i = k - 1; i >= 0; i--) this.bcByte(((n >> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
      return;
    }
    let x = BigInt(n);
    const groups: number[] = [];
    do {
      groups.push(Number(x & 0x7fn));
      x >>= 7n;
    } while (x !== 0n && x !== -1n);
    const lead = groups[groups.length - 1] as number;
    if (x === -1n && (lead & 0x40) === 0) groups.push(0x7f);
    else if (x === 0n && (lead & 0x40) !== 0) groups.push(0);
    for (let i = groups.length - 1; i >= 0; i--) this.bcByte((groups[i] as number) | (i > 0 ? 0x80 : 0));
  }

  loadConstStr(q: string): void {
    this.opQstr(1, Op.LOAD_CONST_STRING, q);
  }

  loadConstObj(v: ConstValue): void {
    this.opObj(1, Op.LOAD_CONST_OBJ, v);
  }

  loadNull(): void {
    this.op(1, Op.LOAD_NULL);
  }

  loadMethod(q: string, isSuper: boolean): void {
    this.opQstr(isSuper ? -1 : 1, isSuper ? Op.LOAD_SUPER_METHOD : Op.LOAD_METHOD, q);
  }

  loadBuildClass(): void {
    this.op(1, Op.LOAD_BUILD_CLASS);
  }

  subscr(kind: SubscrKind): void {
    if (kind === SubscrKind.Load) {
      this.op(-1, Op.LOAD_SUBSCR);
    } else {
      if (kind === SubscrKind.Delete) {
        this.loadNull();
        this.rotThree();
      }
      this.op(-3, Op.STORE_SUBSCR);
    }
  }

  attr(q: string, kind: AttrKind): void {
    if (kind === AttrKind.Load) {
      this.opQstr(0, Op.LOAD_ATTR, q);
    } else {
      if (kind === AttrKind.Delete) {
        this.loadNull();
        this.rotTwo();
      }
      this.opQstr(-2, Op.STORE_ATTR, q);
    }
  }

  dupTop(): void {
    this.op(1, Op.DUP_TOP);
  }
  dupTopTwo(): void {
    this.op(2, Op.DUP_TOP_TWO);
  }
  popTop(): void {
    this.op(-1, Op.POP_TOP);
  }
  rotTwo(): void {
    this.op(0, Op.ROT_TWO);
  }
  rotThree(): void {
    this.op(0, Op.ROT_THREE);
  }

  // ---- control flow ----------------------------------------------------------------------------

  jump(label: number): void {
    this.opLabel(0, Op.JUMP, label);
    this.suppress = true;
  }

  popJumpIf(cond: boolean, label: number): void {
    this.opLabel(-1, cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, label);
  }

  jumpIfOrPop(cond: boolean, label: number): void {
    this.opLabel(-1, cond ? Op.JUMP_IF_TRUE_OR_POP : Op.JUMP_IF_FALSE_OR_POP, label);
  }

  unwindJump(label: number, exceptDepth: number): void {
    const fromFor = (label & BREAK_FROM_FOR) !== 0;
    const target = label & ~BREAK_FROM_FOR;
    if (exceptDepth === 0) {
      if (fromFor) {
        // pop the iterator and the rest of its iter_buf
        for (let i = 0; i < ITER_BUF_NSLOTS; i++) this.bcByte(Op.POP_TOP);
      }
      this.opLabel(0, Op.JUMP, target);
    } else {
      this.opLabel(0, Op.UNWIND_JUMP, target);
      this.bcByte((fromFor ? 0x80 : 0) | exceptDepth);
    }
    this.suppress = true;
  }

  setupBlock(label: number, kind: BlockKind): void {
    // SETUP_WITH pops the context manager and pushes __exit__, the manager and the as-value
    const op = kind === BlockKind.With ? Op.SETUP_WITH : kind === BlockKind.Except ? Op.SETUP_EXCEPT : Op.SETUP_FINALLY;
    this.opLabel(kind === BlockKind.With ? 2 : 0, op, label);
  }

  withCleanup(label: number): void {
    this.loadConstTok(Tok.KW_NONE);
    this.labelAssign(label);
    // +2 so there is room to call __exit__, then cancel it and SETUP_WITH's +2
    this.op(2, Op.WITH_CLEANUP);
    this.adjustStackSize(-4);
  }

  asyncWithSetupFinally(labelAexitNoExc: number, labelFinallyBlock: number, labelRetUnwindJump: number): void {
    // the body finished without an exception: tell END_FINALLY so and go call __aexit__
    this.loadConstTok(Tok.KW_NONE);
    this.rotTwo();
    this.jump(labelAexitNoExc);
    // the finally block, entered by an exception, a return or an unwind jump
    this.labelAssign(labelFinallyBlock);
    this.dupTop();
    this.loadGlobal('BaseException', IdOpGlobal.Global);
    this.binaryOp(BinaryOp.ExceptionMatch);
    this.popJumpIf(false, labelRetUnwindJump);
  }

  endFinally(): void {
    this.op(-1, Op.END_FINALLY);
  }

  getIter(useStack: boolean): void {
    this.op(useStack ? ITER_BUF_NSLOTS - 1 : 0, useStack ? Op.GET_ITER_STACK : Op.GET_ITER);
  }

  forIter(label: number): void {
    this.opLabel(1, Op.FOR_ITER, label);
  }

  forIterEnd(): void {
    this.adjustStackSize(-ITER_BUF_NSLOTS);
  }

  /** `withinExcHandler` matters only to the native emitter */
  popExceptJump(label: number, _withinExcHandler?: boolean): void {
    this.opLabel(0, Op.POP_EXCEPT_JUMP, label);
    this.suppress = true;
  }

  // ---- operators and builders ------------------------------------------------------------------

  unaryOp(op: UnaryOp): void {
    this.op(0, Op.UNARY_OP_MULTI + op);
  }

  binaryOp(op: BinaryOp): void {
    let invert = false;
    if (op === BinaryOp.NotIn) {
      invert = true;
      op = BinaryOp.In;
    } else if (op === BinaryOp.IsNot) {
      invert = true;
      op = BinaryOp.Is;
    }
    this.op(-1, Op.BINARY_OP_MULTI + op);
    if (invert) this.op(0, Op.UNARY_OP_MULTI + UnaryOp.Not);
  }

  build(n: number, kind: BuildKind): void {
    const op = [Op.BUILD_TUPLE, Op.BUILD_LIST, Op.BUILD_MAP, Op.BUILD_SET, Op.BUILD_SLICE][kind] as number;
    this.opUint(kind === BuildKind.Map ? 1 : 1 - n, op, n);
  }

  storeMap(): void {
    this.op(-2, Op.STORE_MAP);
  }

  storeComp(kind: ScopeKind, collectionStackIndex: number): void {
    // the low 2 bits say which collection: 0 list, 1 dict (consumes key and value), 2 set
    let n = 0;
    let t = 0;
    if (kind === ScopeKind.DictComp) {
      n = 1;
      t = 1;
    } else if (kind === ScopeKind.SetComp) {
      t = 2;
    }
    this.opUint(-1 - n, Op.STORE_COMP, ((collectionStackIndex + n) << 2) | t);
  }

  unpackSequence(n: number): void {
    this.opUint(-1 + n, Op.UNPACK_SEQUENCE, n);
  }

  unpackEx(nLeft: number, nRight: number): void {
    this.opUint(-1 + nLeft + nRight + 1, Op.UNPACK_EX, nLeft | (nRight << 8));
  }

  makeFunction(child: Scope, nPosDefaults: number, nKwDefaults: number): void {
    if (nPosDefaults === 0 && nKwDefaults === 0) this.opChild(1, Op.MAKE_FUNCTION, child);
    else this.opChild(-1, Op.MAKE_FUNCTION_DEFARGS, child);
  }

  makeClosure(child: Scope, nClosedOver: number, nPosDefaults: number, nKwDefaults: number): void {
    if (nPosDefaults === 0 && nKwDefaults === 0) {
      this.opChild(1 - nClosedOver, Op.MAKE_CLOSURE, child);
    } else {
      this.opChild(-1 - nClosedOver, Op.MAKE_CLOSURE_DEFARGS, child);
    }
    this.bcByte(nClosedOver);
  }

  private callHelper(stackAdj: number, base: number, nPositional: number, nKeyword: number, starFlags: number): void {
    // each positional arg is one slot, each keyword two, plus the star-args bitmap if any
    if (starFlags) {
      this.opUint(stackAdj - nPositional - 2 * nKeyword - 1, base + 1, (nKeyword << 8) | nPositional);
    } else {
      this.opUint(stackAdj - nPositional - 2 * nKeyword, base, (nKeyword << 8) | nPositional);
    }
  }

  callFunction(nPositional: number, nKeyword: number, starFlags: number): void {
    this.callHelper(0, Op.CALL_FUNCTION, nPositional, nKeyword, starFlags);
  }

  callMethod(nPositional: number, nKeyword: number, starFlags: number): void {
    this.callHelper(-1, Op.CALL_METHOD, nPositional, nKeyword, starFlags);
  }

  returnValue(): void {
    this.op(-1, Op.RETURN_VALUE);
    this.suppress = true;
  }

  raiseVarargs(nArgs: number): void {
    this.op(-nArgs, Op.RAISE_LAST + nArgs);
    this.suppress = true;
  }

  yield(kind: YieldKind): void {
    this.op(-kind, kind === YieldKind.Value ? Op.YIELD_VALUE : Op.YIELD_FROM);
    this.scope.scopeFlags |= SCOPE_FLAG_GENERATOR;
  }

  startExceptHandler(): void {
    // the exception instance, plus 3 for a possible UNWIND_JUMP state
    this.adjustStackSize(4);
  }

  endExceptHandler(): void {
    this.adjustStackSize(-3);
  }
}

/** Thrown when a jump does not fit 15 bits (upstream raises RuntimeError("bytecode overflow")). */
export class BytecodeOverflow extends Error {
  constructor() {
    super('bytecode overflow');
  }
}
