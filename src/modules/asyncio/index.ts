// The asyncio module (MicroPython v1.28.0's extmod/asyncio package and _asyncio C module, written
// in TypeScript): run/run_until_complete, create_task, current_task, sleep/sleep_ms, wait_for(_ms),
// gather, Event, ThreadSafeFlag, Lock, streams, Task/TaskQueue, CancelledError/TimeoutError and the
// Loop class. `uasyncio` (and `_asyncio` for Task/TaskQueue) resolve to the same loop state: one
// context per VM, so tasks made through either name share one scheduler.
import { AttributeErrorType, excArgs, excMsg, RuntimeErrorType } from '../../objects/exceptions.js';
import { NoneObj, ObjectType, PyBuiltin, PyTuple, PyType, type PyObj } from '../../objects/object.js';
import { makeModule, registerNativeModule } from '../../vm/modules.js';
import type { PyModule } from '../../objects/object.js';
import { isTrue } from '../../vm/runtime.js';
import { fixed } from '../_util.js';
import { pyFn } from './args.js';
import {
  callExceptionHandler, framed, createTask, defaultExceptionHandler, IOQueueType, newEventLoop, promote, vmCtx,
  PyTask, runUntilComplete, SingletonGenType, sleep, sleepMs, Stopper, TaskQueueType, TaskType, ticksAdd, ticksDiffExact, type Ctx,
} from './core.js';
import { Gather, WaitFor } from './funcs.js';
import { NoSocket, StreamType } from './stream.js';
import { EventType, LockType, ThreadSafeFlagType } from './sync.js';

function makeLoop(getCtx: () => Ctx): PyType {
  const loop = new PyType('Loop', [ObjectType]);
  const def = (name: string, params: string[], fn: (a: PyObj[]) => PyObj): void => {
    loop.dict.set(name, new PyBuiltin(name, pyFn(name, { params }, fn)));
  };
  def('create_task', ['coro'], (a) => createTask(getCtx(), a[0] as PyObj));
  def('run_forever', [], () => {
    const ctx = getCtx();
    const t = new PyTask(ctx, new Stopper());
    ctx.stopTask = t;
    // (upstream keeps no loop running after the last task either: it returns once stop() runs)
    return framed('run_forever', () => runUntilComplete(ctx, t));
  });
  def('run_until_complete', ['aw'], (a) => {
    const ctx = getCtx();
    return framed('run_until_complete', () => runUntilComplete(ctx, promote(ctx, a[0] as PyObj)));
  });
  def('stop', [], () => {
    const ctx = getCtx();
    if (ctx.stopTask !== undefined) {
      ctx.queue.push(ctx.stopTask);
      // a second stop() does nothing
      ctx.stopTask = undefined;
    }
    return NoneObj;
  });
  def('close', [], () => NoneObj);
  def('set_exception_handler', ['handler'], (a) => {
    getCtx().excHandler = a[0] as PyObj;
    return NoneObj;
  });
  def('get_exception_handler', [], () => getCtx().excHandler);
  def('default_exception_handler', ['loop', 'context'], (a) => {
    defaultExceptionHandler(getCtx(), a[1] as PyObj);
    return NoneObj;
  });
  def('call_exception_handler', ['context'], (a) => {
    callExceptionHandler(getCtx(), a[0] as PyObj);
    return NoneObj;
  });
  return loop;
}

const modules = new WeakMap<Ctx, PyModule>();

function build(ctx: Ctx): PyModule {
  const loop = ctx.Loop;
  const sleepFn = new PyBuiltin('sleep', pyFn('sleep', { params: ['t'] }, (a) => sleep(ctx, a[0] as PyObj)));
  // sgen: upstream's default argument holding the shared SingletonGenerator
  const sleepMsFn = new PyBuiltin('sleep_ms', pyFn('sleep_ms', { params: ['t', 'sgen'], defaults: [ctx.sgen] }, (a) => sleepMs(ctx, a[0] as PyObj)));
  return makeModule('asyncio', {
    __version__: new PyTuple([3, 0, 0]),
    CancelledError: ctx.CancelledError,
    TimeoutError: ctx.TimeoutError,
    Task: TaskType,
    TaskQueue: TaskQueueType,
    SingletonGenerator: SingletonGenType,
    IOQueue: IOQueueType,
    Loop: loop,
    Event: EventType,
    ThreadSafeFlag: ThreadSafeFlagType,
    Lock: LockType,
    StreamReader: StreamType,
    StreamWriter: StreamType,
    sleep: sleepFn,
    sleep_ms: sleepMsFn,
    create_task: pyFn('create_task', { params: ['coro'] }, (a) => createTask(ctx, a[0] as PyObj)),
    run: pyFn('run', { params: ['coro'] }, (a) => framed('run', () => runUntilComplete(ctx, createTask(ctx, a[0] as PyObj)))),
    run_until_complete: pyFn('run_until_complete', { params: ['main_task'], defaults: [NoneObj] }, (a) => {
      const m = a[0] as PyObj;
      return runUntilComplete(ctx, m === NoneObj || !isTrue(m) ? undefined : (m as PyTask));
    }),
    current_task: pyFn('current_task', { params: [] }, () => {
      if (ctx.cur === undefined) throw excMsg(RuntimeErrorType, 'no running event loop');
      return ctx.cur;
    }),
    // runq_len/waitq_len: accepted for legacy uasyncio code
    get_event_loop: pyFn('get_event_loop', { params: ['runq_len', 'waitq_len'], defaults: [0, 0] }, () => loop),
    new_event_loop: pyFn('new_event_loop', { params: [] }, () => {
      newEventLoop(ctx);
      return loop;
    }),
    wait_for: pyFn('wait_for', { params: ['aw', 'timeout', 'sleep'], defaults: [sleepFn] }, ([aw, timeout, sl]) =>
      new WaitFor(ctx, aw as PyObj, timeout as PyObj, sl === sleepFn ? undefined : sl)),
    wait_for_ms: pyFn('wait_for_ms', { params: ['aw', 'timeout'] }, (a) => new WaitFor(ctx, a[0] as PyObj, a[1] as PyObj, sleepMsFn)),
    gather: pyFn('gather', { params: [], varargs: true, kwOnly: { return_exceptions: false } }, ([r, ...aws]) =>
      new Gather(ctx, aws, isTrue(r as PyObj))),
    // upstream's package resolves its lazily loaded names through __getattr__, which reports any
    // other missing name as AttributeError(name)
    __getattr__: (a) => {
      throw excArgs(AttributeErrorType, [a[0] as PyObj]);
    },
    // core.py's names that `from .core import *` copies (cur_task as it was at import: None)
    cur_task: NoneObj,
    ticks: fixed(0, 0, () => ctx.ticks()),
    ticks_diff: fixed(2, 2, (a) => ticksDiffExact(a[0] as PyObj, a[1] as PyObj)),
    ticks_add: fixed(2, 2, (a) => ticksAdd(a[0] as PyObj, a[1] as PyObj)),
    open_connection: pyFn('open_connection', { params: ['host', 'port', 'ssl', 'server_hostname'], defaults: [NoneObj, NoneObj] }, () => new NoSocket('open_connection')),
    start_server: pyFn('start_server', { params: ['cb', 'host', 'port', 'backlog', 'ssl'], defaults: [5, NoneObj] }, () => new NoSocket('start_server')),
  });
}


registerNativeModule('asyncio', (host) => {
  const ctx = vmCtx(host, makeLoop);
  let m = modules.get(ctx);
  if (m === undefined) {
    m = build(ctx);
    modules.set(ctx, m);
  }
  return m;
});
registerNativeModule('_asyncio', (host) => {
  vmCtx(host, makeLoop);
  return makeModule('_asyncio', { Task: TaskType, TaskQueue: TaskQueueType });
});
