// asyncio's core (upstream: extmod/asyncio/core.py over the C module _asyncio): the ticks clock,
// the pairing-heap TaskQueue, Task, the IO queue, sleep/sleep_ms and the scheduler loop.
//
// Ordering is the observable contract: tasks run in ph_key order (a ticks_ms deadline), and among
// equal keys in the order the pairing heap gives, so the heap below behaves exactly as py/pairheap.c
// does (same meld/pairing/delete shapes, including where ties go). A task's `state` and `data` carry
// upstream's meanings because Python code (and the tests) can see them:
//   state: True = running, not awaited; None = done, not awaited; False = done and awaited;
//          a TaskQueue = tasks awaiting it; a callable = gather's completion callback.
//   data:  what the task waits on (a TaskQueue, the IO queue, another Task), or the exception to throw
//          in at the next run (CancelledError), or once done the StopIteration/exception that ended it.
import { dictFromMap, type PyDict } from '../../objects/dict.js';
import { BaseExceptionType, excMsg, ExceptionType, IndexErrorType, OverflowErrorType, PyException, RuntimeErrorType, StopIterationType, typeError } from '../../objects/exceptions.js';
import { floatToInt, normBig } from '../../objects/int.js';
import { NoneObj, ObjectType, PyFloat, PyObject, PyTuple, PyType, Binary, defMethod, type PyObj } from '../../objects/object.js';
import { makeClass } from '../../objects/type.js';
import { loadAttr, loadAttrMaybe } from '../../vm/attr.js';
import { genResume, NativeGen, PyGen, ResumeKind } from '../../vm/gen.js';
import * as gen from '../../vm/gen.js';
import { callAny, makeRaiseObj, runScheduled, toPyException } from '../../vm/interp.js';
import { binaryOp, call, hexId, isCallable, isTrue, rt, str } from '../../vm/runtime.js';
import type { ModuleHost } from '../../vm/modules.js';
import { vmState } from '../../vm/state.js';
import { formatException } from '../../vm/index.js';
import { pollReady } from '../select.js';
import { checkArgs, fixed, wordBig } from '../_util.js';
import { addTb, Coro, Step } from './coro.js';

// ------------------------------------------------------------------ ticks (unix: period 2^62)

const PERIOD = 1n << 62n;
const HALF = PERIOD / 2n;
const MASK = PERIOD - 1n;

/** ticks_diff(a, b) for ph_key values (small ints; bigints only for far deadlines). */
export function ticksDiff(a: PyObj, b: PyObj): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (d > -(2 ** 52) && d < 2 ** 52) return d;
  }
  return Number(((wordBig(a) - wordBig(b) + HALF) & MASK) - HALF);
}

/** time.ticks_diff as Python sees it (exact for far-apart bigint ticks too). */
export function ticksDiffExact(a: PyObj, b: PyObj): PyObj {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (d > -(2 ** 52) && d < 2 ** 52) return d;
  }
  return normBig(((wordBig(a) - wordBig(b) + HALF) & MASK) - HALF);
}

/** time.ticks_add, with its OverflowError for a delta ticks_diff could not undo. */
export function ticksAdd(t: PyObj, delta: PyObj): PyObj {
  if (typeof t === 'number' && typeof delta === 'number' && delta >= 0 && delta < 2 ** 52) {
    const r = t + delta;
    if (r < 2 ** 53) return r;
  }
  const d = wordBig(delta);
  if (BigInt.asUintN(64, d + HALF - 1n) >= PERIOD - 1n) throw excMsg(OverflowErrorType, 'ticks interval overflow');
  if (typeof t === 'number' && typeof delta === 'number') {
    const r = t + delta;
    if (r >= 0 && r < 2 ** 53) return r;
  }
  return normBig((wordBig(t) + d) & MASK);
}

// ------------------------------------------------------------------ pairing heap of tasks

function lt(a: PyTask, b: PyTask): boolean {
  return ticksDiff(a.phKey, b.phKey) < 0;
}

// A node's `next` is its next sibling, or (nextIsParent) the parent for the last child, or null at
// the top of the heap: pairheap.c's tagged pointer as two fields.
function meld(h1: PyTask | null, h2: PyTask | null): PyTask | null {
  if (h1 === null) return h2;
  if (h2 === null) return h1;
  if (lt(h1, h2)) {
    if (h1.phChild === null) h1.phChild = h2;
    else {
      const last = h1.phChildLast as PyTask;
      last.phNext = h2;
      last.nextIsParent = false;
    }
    h1.phChildLast = h2;
    h2.phNext = h1;
    h2.nextIsParent = true;
    return h1;
  }
  h1.phNext = h2.phChild;
  h1.nextIsParent = false;
  h2.phChild = h1;
  if (h1.phNext === null) {
    h2.phChildLast = h1;
    h1.phNext = h2;
    h1.nextIsParent = true;
  }
  return h2;
}

function pairing(first: PyTask | null): PyTask | null {
  if (first === null) return null;
  let heap: PyTask | null = null;
  let c: PyTask | null = first;
  let atParent = false;
  while (c !== null && !atParent) {
    const n1: PyTask = c;
    c = n1.phNext;
    atParent = n1.nextIsParent;
    n1.phNext = null;
    n1.nextIsParent = false;
    let m: PyTask | null = n1;
    if (c !== null && !atParent) {
      const n2: PyTask = c;
      c = n2.phNext;
      atParent = n2.nextIsParent;
      n2.phNext = null;
      n2.nextIsParent = false;
      m = meld(n1, n2);
    }
    heap = meld(heap, m);
  }
  if (heap !== null) {
    heap.phNext = null;
    heap.nextIsParent = false;
  }
  return heap;
}

function heapDelete(heap: PyTask | null, nodeIn: PyTask): PyTask | null {
  let node: PyTask = nodeIn;
  if (node === heap) {
    const child = node.phChild;
    node.phChild = null;
    return pairing(child);
  }
  if (node.phNext === null) return heap; // not in this heap
  let p: PyTask = node;
  while (!p.nextIsParent) p = p.phNext as PyTask;
  const parent = p.phNext as PyTask;
  let next: PyTask | null;
  let nextIsParent: boolean;
  if (node === parent.phChild && node.phChild === null) {
    parent.phChild = node.nextIsParent ? null : node.phNext;
    node.phNext = null;
    node.nextIsParent = false;
    return heap;
  } else if (node === parent.phChild) {
    const child = node.phChild;
    next = node.phNext;
    nextIsParent = node.nextIsParent;
    node.phChild = null;
    node.phNext = null;
    node.nextIsParent = false;
    node = pairing(child) as PyTask;
    parent.phChild = node;
  } else {
    let n = parent.phChild as PyTask;
    while (n.phNext !== node) n = n.phNext as PyTask;
    const child = node.phChild;
    next = node.phNext;
    nextIsParent = node.nextIsParent;
    node.phChild = null;
    node.phNext = null;
    node.nextIsParent = false;
    const sub = pairing(child);
    if (sub === null) node = n;
    else {
      n.phNext = sub;
      n.nextIsParent = false;
      node = sub;
    }
  }
  node.phNext = next;
  node.nextIsParent = nextIsParent;
  if (nextIsParent) parent.phChildLast = node;
  return heap;
}

export class PyTaskQueue extends PyObject {
  heap: PyTask | null = null;
  constructor(public ctx: Ctx) {
    super(TaskQueueType);
  }
  push(t: PyTask, key?: PyObj): void {
    t.data = NoneObj;
    t.phKey = key ?? this.ctx.ticks();
    this.heap = meld(t, this.heap);
  }
  pop(): PyTask {
    const head = this.heap;
    if (head === null) throw excMsg(IndexErrorType, 'empty heap');
    this.heap = pairing(head.phChild);
    head.phChild = null;
    return head;
  }
  remove(t: PyTask): void {
    this.heap = heapDelete(this.heap, t);
  }
}

export const TaskQueueType = new PyType('TaskQueue', [ObjectType]);
TaskQueueType.print = () => '<TaskQueue>';
TaskQueueType.make = (_cls, args, kw) => {
  checkArgs(args, kw, 0, 0, false);
  return new PyTaskQueue(currentCtx());
};
defMethod(TaskQueueType, 'peek', fixed(1, 1, (a) => (a[0] as PyTaskQueue).heap ?? NoneObj));
defMethod(TaskQueueType, 'push', fixed(2, 3, (a) => {
  (a[0] as PyTaskQueue).push(taskArg(a[1] as PyObj), a.length > 2 ? (a[2] as PyObj) : undefined);
  return NoneObj;
}));
defMethod(TaskQueueType, 'pop', fixed(1, 1, (a) => (a[0] as PyTaskQueue).pop()));
defMethod(TaskQueueType, 'remove', fixed(2, 2, (a) => {
  (a[0] as PyTaskQueue).remove(taskArg(a[1] as PyObj));
  return NoneObj;
}));

function taskArg(o: PyObj): PyTask {
  if (o instanceof PyTask) return o;
  throw typeError(`'${o === NoneObj ? 'NoneType' : typeof o === 'object' ? o.type.name : typeof o}' object isn't a Task`);
}

/** Classes written in Python upstream print as instances of a Python class do. */
export function pyClassRepr(o: PyObj): string {
  return `<${(o as PyObject).type.name} object at ${hexId(o).slice(2)}>`;
}

// ------------------------------------------------------------------ Task

export class PyTask extends PyObject {
  data: PyObj = NoneObj;
  state: PyObj = true;
  phKey: PyObj = 0;
  phChild: PyTask | null = null;
  phChildLast: PyTask | null = null;
  phNext: PyTask | null = null;
  nextIsParent = false;
  constructor(public ctx: Ctx, public coro: PyObj) {
    super(TaskType);
  }
  get done(): boolean {
    return this.state === NoneObj || this.state === false;
  }
}

export const TaskType = new PyType('Task', [ObjectType]);
TaskType.print = () => '<Task>';
TaskType.make = (_cls, args, kw) => {
  checkArgs(args, kw, 1, 2, false);
  return new PyTask(currentCtx(), args[0] as PyObj);
};
TaskType.attr = (o, name) => {
  const t = o as PyTask;
  switch (name) {
    case 'coro': return t.coro;
    case 'data': return t.data;
    case 'state': return t.state;
    case 'ph_key': return t.phKey;
    default: return undefined;
  }
};
TaskType.setattr = (o, name, v) => {
  const t = o as PyTask;
  if (typeof v === 'symbol') return false;
  if (name === 'data') t.data = v;
  else if (name === 'state') t.state = v;
  else return false;
  return true;
};
defMethod(TaskType, 'done', fixed(1, 1, (a) => (a[0] as PyTask).done));
defMethod(TaskType, 'cancel', fixed(1, 1, (a) => cancelTask(a[0] as PyTask)));
// `await task`: the awaiting task queues itself on the task's state until the loop wakes it.
TaskType.getiter = (o) => {
  const t = o as PyTask;
  if (t.done) t.state = false;
  else if (t.state === true) t.state = new PyTaskQueue(t.ctx);
  else if (!(t.state instanceof PyTaskQueue)) throw excMsg(RuntimeErrorType, "can't wait");
  return t;
};
TaskType.iternext = (o) => {
  const t = o as PyTask;
  if (t.done) {
    const d = t.data;
    if (d instanceof PyException && d.type === StopIterationType) {
      rt.stopValue = d.args.items[0] ?? NoneObj;
      return undefined;
    }
    throw makeRaiseObj(d);
  }
  const cur = curTask(t.ctx);
  (t.state as PyTaskQueue).push(cur);
  cur.data = t;
  return NoneObj;
};

function curTask(ctx: Ctx): PyTask {
  if (ctx.cur === undefined) throw excMsg(RuntimeErrorType, 'no running event loop');
  return ctx.cur;
}

/** Task.cancel: reschedule the task (or the task it waits on) to receive CancelledError. */
export function cancelTask(task: PyTask): boolean {
  if (task.done) return false;
  const ctx = task.ctx;
  if (task === ctx.cur) throw excMsg(RuntimeErrorType, "can't cancel self");
  let t = task;
  while (t.data instanceof PyTask) t = t.data;
  const d = t.data;
  if (d instanceof PyTaskQueue || d instanceof PyIOQueue) {
    d.remove(t);
    ctx.queue.push(t);
  } else if (d === GatherWait) {
    ctx.queue.push(t);
  } else {
    const rm = d === NoneObj || typeof d !== 'object' ? undefined : loadAttrMaybe(d, 'remove');
    if (rm !== undefined) {
      call(rm, [t]);
      ctx.queue.push(t);
    } else if (ticksDiff(t.phKey, ctx.ticks()) > 0) {
      ctx.queue.remove(t);
      ctx.queue.push(t);
    }
  }
  t.data = ctx.CancelledError;
  return true;
}

/** What gather puts in its task's data while it waits: cancel() finds nothing to remove it from. */
export const GatherWait = new PyType('_Remove', [ObjectType]);

// ------------------------------------------------------------------ IO queue

const POLLIN = 1;
const POLLOUT = 4;

type IOEntry = [PyTask | undefined, PyTask | undefined, PyObj];

/** Tasks waiting for streams to become readable/writable (upstream's IOQueue over select.poll). */
export class PyIOQueue extends PyObject {
  map = new Map<PyObj, IOEntry>();
  constructor(public ctx: Ctx) {
    super(IOQueueType);
  }
  enqueue(s: PyObj, idx: 0 | 1): void {
    const cur = curTask(this.ctx);
    const e = this.map.get(s);
    if (e === undefined) {
      const entry: IOEntry = [undefined, undefined, s];
      entry[idx] = cur;
      this.map.set(s, entry);
    } else e[idx] = cur;
    cur.data = this;
  }
  remove(t: PyTask): void {
    for (const [k, e] of this.map) if (e[0] === t || e[1] === t) this.map.delete(k);
  }
  /** Waits up to dt ms (-1: forever) for IO and schedules the tasks whose streams are ready. */
  wait(dt: number): void {
    const ctx = this.ctx;
    const start = ctx.now();
    let ready: [IOEntry, number][] = [];
    for (;;) {
      runPending();
      let dynamic = false;
      for (const e of this.map.values()) {
        const mask = (e[0] !== undefined ? POLLIN : 0) | (e[1] !== undefined ? POLLOUT : 0);
        let ev: number;
        if (e[2] instanceof PyFlag) {
          dynamic = true;
          ev = e[2].state ? mask & POLLIN : 0;
        } else {
          const r = pollReady(e[2], mask);
          if (!r.static) dynamic = true;
          ev = r.ready;
        }
        if (ev !== 0) ready.push([e, ev]);
      }
      if (ready.length > 0 || dt === 0) break;
      const left = dt < 0 ? Infinity : dt - (ctx.now() - start);
      if (left <= 0) break;
      // an object asked through ioctl (or a ThreadSafeFlag) can become ready at any time: poll each ms
      block(dynamic ? 1 : Math.min(left, 50));
      ready = [];
    }
    for (const [e, ev] of ready) {
      if (ev & ~POLLOUT && e[0] !== undefined) {
        ctx.queue.push(e[0]);
        e[0] = undefined;
      }
      if (ev & ~POLLIN && e[1] !== undefined) {
        ctx.queue.push(e[1]);
        e[1] = undefined;
      }
      if (e[0] === undefined && e[1] === undefined) this.map.delete(e[2]);
    }
  }
}
export const IOQueueType = new PyType('IOQueue', [ObjectType]);
IOQueueType.print = pyClassRepr;
defMethod(IOQueueType, 'remove', (a) => {
  (a[0] as PyIOQueue).remove(taskArg(a[1] as PyObj));
  return NoneObj;
});

/** ThreadSafeFlag's state lives here so the IO queue can poll it without a Python call. */
export class PyFlag extends PyObject {
  state = 0;
}

function runPending(): void {
  if (vmState.scheduled.length !== 0 || vmState.interrupt[0] !== 0) runScheduled();
}

function block(ms: number): void {
  if (!(ms > 0)) return;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  } catch {
    // no blocking wait on this thread (a browser's main thread): spin
    const end = Date.now() + ms;
    while (Date.now() < end) {
      /* busy wait */
    }
  }
}

// ------------------------------------------------------------------ sleep

/** sleep_ms's awaitable: one per loop module, as upstream's default argument (no allocation). */
export class PySingletonGen extends PyObject {
  state: PyObj | undefined = undefined;
  constructor(public ctx: Ctx) {
    super(SingletonGenType);
  }
}
export const SingletonGenType = new PyType('SingletonGenerator', [ObjectType]);
SingletonGenType.print = pyClassRepr;
SingletonGenType.getiter = (o) => o;
SingletonGenType.iternext = (o) => {
  const g = o as PySingletonGen;
  if (g.state !== undefined) {
    g.ctx.queue.push(curTask(g.ctx), g.state);
    g.state = undefined;
    return NoneObj;
  }
  rt.stopValue = NoneObj;
  return undefined;
};

export function sleepMs(ctx: Ctx, t: PyObj): PyObj {
  const g = ctx.sgen;
  const d = typeof t === 'number' ? Math.max(0, t) : isTrue(binaryOp(Binary.LT, 0, t)) ? t : 0;
  g.state = ticksAdd(ctx.ticks(), d);
  return g;
}

export function sleep(ctx: Ctx, t: PyObj): PyObj {
  const ms = binaryOp(Binary.MUL, t, 1000);
  // int(t * 1000)
  const n = ms instanceof PyFloat ? floatToInt(ms.v) : typeof ms === 'number' || typeof ms === 'bigint' ? ms : callAny(vmState.builtins.mpmap.get('int') as PyObj, [ms], undefined);
  return sleepMs(ctx, n);
}

// ------------------------------------------------------------------ the loop

export interface Ctx {
  readonly host: ModuleHost;
  now(): number;
  ticks(): PyObj;
  queue: PyTaskQueue;
  io: PyIOQueue;
  cur: PyTask | undefined;
  stopTask: PyTask | undefined;
  excHandler: PyObj;
  readonly excContext: PyDict;
  readonly CancelledError: PyType;
  readonly TimeoutError: PyType;
  readonly sgen: PySingletonGen;
  readonly Loop: PyType;
}

/** Each VM's loop context, by the VM's builtins dict (what vmState holds while that VM runs). */
const contexts = new WeakMap<object, Ctx>();

/** The loop context of the running VM (for Task(), Event(), Lock()... made from Python). */
export function currentCtx(): Ctx {
  const c = contexts.get(vmState.builtins);
  if (c === undefined) throw excMsg(RuntimeErrorType, 'no running event loop');
  return c;
}

/** The running VM's context, made on first use (asyncio, uasyncio and _asyncio all share it). */
export function vmCtx(host: ModuleHost, makeLoop: (getCtx: () => Ctx) => PyType): Ctx {
  let c = contexts.get(vmState.builtins);
  if (c === undefined) {
    let ref: Ctx | undefined;
    c = ref = newCtx(host, makeLoop(() => ref as Ctx));
    contexts.set(vmState.builtins, c);
  }
  return c;
}

function newCtx(host: ModuleHost, loop: PyType): Ctx {
  const now = (): number => (host.now ? host.now() : Date.now());
  const ctx: Ctx = {
    host,
    now,
    ticks: () => Math.floor(now()),
    queue: undefined as unknown as PyTaskQueue,
    io: undefined as unknown as PyIOQueue,
    cur: undefined,
    stopTask: undefined,
    excHandler: NoneObj,
    excContext: dictFromMap(new Map<string, PyObj>([['message', "Task exception wasn't retrieved"], ['exception', NoneObj], ['future', NoneObj]])),
    CancelledError: makeClass('CancelledError', [BaseExceptionType], new Map()),
    TimeoutError: makeClass('TimeoutError', [ExceptionType], new Map()),
    sgen: undefined as unknown as PySingletonGen,
    Loop: loop,
  };
  (ctx as { sgen: PySingletonGen }).sgen = new PySingletonGen(ctx);
  newEventLoop(ctx);
  return ctx;
}


export function newEventLoop(ctx: Ctx): void {
  ctx.queue = new PyTaskQueue(ctx);
  ctx.io = new PyIOQueue(ctx);
}

export function hasSend(coro: PyObj): boolean {
  return coro instanceof PyGen || coro instanceof NativeGen || loadAttrMaybe(coro, 'send') !== undefined;
}

export function createTask(ctx: Ctx, coro: PyObj): PyTask {
  if (!hasSend(coro)) throw typeError('coroutine expected');
  const t = new PyTask(ctx, coro);
  ctx.queue.push(t);
  return t;
}

export function promote(ctx: Ctx, aw: PyObj): PyTask {
  return aw instanceof PyTask ? aw : createTask(ctx, aw);
}

function isExc(o: PyObj, t: PyType): boolean {
  return o instanceof PyException && o.type.isSubclassOf(t);
}

/** coro.send(None) / coro.throw(exc): YIELD, or NORMAL with the return value in gen.resumeValue. */
function step(coro: PyObj, thr: PyObj | undefined): ResumeKind {
  if (coro instanceof PyGen) return genResume(coro, NoneObj, thr);
  if (coro instanceof NativeGen) return coro.resume(NoneObj, thr);
  try {
    const v = thr === undefined ? call(loadAttr(coro, 'send'), [NoneObj]) : call(loadAttr(coro, 'throw'), [thr]);
    gen.setResumeValue(v);
    return ResumeKind.YIELD;
  } catch (e) {
    if (e instanceof PyException && e.type.isSubclassOf(StopIterationType)) {
      gen.setResumeValue(e.args.items[0] ?? NoneObj);
      return ResumeKind.NORMAL;
    }
    throw e;
  }
}

/** run_until_complete: runs tasks until `main` finishes (or, without one, until nothing can run). */
export function runUntilComplete(ctx: Ctx, main: PyTask | undefined): PyObj {
  for (;;) {
    runPending();
    let dt = 1;
    while (dt > 0) {
      dt = -1;
      const head = ctx.queue.heap;
      if (head !== null) dt = Math.max(0, ticksDiff(head.phKey, ctx.ticks()));
      else if (ctx.io.map.size === 0) {
        ctx.cur = undefined;
        if (main === undefined || !isTrue(main.state)) return NoneObj;
        // nothing can wake the loop, but it may not return either: idle as upstream does
        dt = 3;
      }
      ctx.io.wait(dt);
    }
    const t = ctx.queue.pop();
    ctx.cur = t;
    const exc = t.data;
    let er: PyException;
    try {
      let k: ResumeKind;
      if (!isTrue(exc)) k = step(t.coro, undefined);
      else {
        t.data = NoneObj;
        k = step(t.coro, exc);
      }
      if (k === ResumeKind.YIELD) continue;
      const v = gen.resumeValue;
      er = v === NoneObj ? new PyException(StopIterationType) : new PyException(StopIterationType, new PyTuple([v]));
    } catch (e) {
      er = toPyException(e);
      addTb(er, 'core', 'run_until_complete');
      if (!isExc(er, ctx.CancelledError) && !er.type.isSubclassOf(ExceptionType)) throw er;
    }
    const isStop = er.type.isSubclassOf(StopIterationType);
    let awaited = t === main;
    if (awaited) {
      ctx.cur = undefined;
      if (!isStop) {
        t.state = false;
        addTb(er, 'core', 'run_until_complete');
        throw er;
      }
      if (t.state === NoneObj) t.state = false;
    }
    const st = t.state;
    if (isTrue(st)) {
      if (st === true) t.state = awaited ? false : NoneObj;
      else if (st instanceof PyTaskQueue) {
        while (st.heap !== null) {
          ctx.queue.push(st.pop());
          awaited = true;
        }
        t.state = false;
      } else if (isCallable(st)) {
        framed('run_until_complete', () => callAny(st, [t, er], undefined));
        t.state = false;
        awaited = true;
      } else {
        t.state = false;
      }
      // a detached task ended by an exception: queued again, so that unless someone retrieves the
      // exception first, its next run reports it to the exception handler
      if (!awaited && !isStop && !isExc(er, ctx.CancelledError)) ctx.queue.push(t);
      t.data = er;
    } else if (st === NoneObj) {
      t.data = exc;
      const m = ctx.excContext.mpmap;
      m.set('exception', exc);
      m.set('future', t);
      framed('run_until_complete', () => callExceptionHandler(ctx, ctx.excContext));
    }
    if (t === main) return er.args.items[0] ?? NoneObj;
  }
}

export function callExceptionHandler(ctx: Ctx, context: PyObj): void {
  const h = ctx.excHandler;
  framed('call_exception_handler', () => {
    if (h !== NoneObj && isTrue(h)) callAny(h, [ctx.Loop, context], undefined);
    else defaultExceptionHandler(ctx, context);
  });
}

/** Runs fn, adding the traceback entry of the upstream core.py function it stands for. */
export function framed<T>(block: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PyException) addTb(e, 'core', block);
    throw e;
  }
}

export function defaultExceptionHandler(ctx: Ctx, context: PyObj): void {
  const get = (k: string): PyObj => call(loadAttr(context, '__getitem__'), [k]);
  const fut = get('future');
  const err = ctx.host.stderr.bind(ctx.host);
  err(str(get('message')) + '\n');
  err(`future: ${str(fut)} coro= ${str(loadAttr(fut, 'coro'))}\n`);
  const e = get('exception');
  err(e instanceof PyException ? formatException(e) : str(e) + '\n');
}

/** Loop.run_forever's main task: finishes when stop() schedules it. */
export class Stopper extends Coro {
  constructor() {
    super('_stopper', 'core');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    return Step.DONE;
  }
}
