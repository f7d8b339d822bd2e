// asyncio synchronisation primitives (upstream: extmod/asyncio/event.py and lock.py): Event,
// ThreadSafeFlag and Lock. Waiting tasks sit on a TaskQueue (Event, Lock) or the IO queue
// (ThreadSafeFlag, which upstream implements as a pollable stream) and record it in their `data`, so
// Task.cancel() can take them off it.
import { excMsg, PyException, RuntimeErrorType } from '../../objects/exceptions.js';
import { NoneObj, ObjectType, PyObject, PyType, type KwArgs, type PyObj } from '../../objects/object.js';
import { bind, pyMethod } from './args.js';
import { wordInt } from '../_util.js';
import { Coro, Step } from './coro.js';
import { currentCtx, PyFlag, PyTask, PyTaskQueue, type Ctx, pyClassRepr } from './core.js';

const SELF = { params: ['self'] };

/** The classes' __init__(self) takes no arguments. */
function noArgs(args: PyObj[], kw: KwArgs | undefined): void {
  bind('__init__', SELF, [NoneObj, ...args], kw);
}

function cur(ctx: Ctx): PyTask {
  if (ctx.cur === undefined) throw excMsg(RuntimeErrorType, 'no running event loop');
  return ctx.cur;
}

// ------------------------------------------------------------------ Event

class PyEvent extends PyObject {
  state = false;
  waiting: PyTaskQueue;
  constructor(public ctx: Ctx, type: PyType) {
    super(type);
    this.waiting = new PyTaskQueue(ctx);
  }
}

class EventWait extends Coro {
  constructor(private ev: PyEvent) {
    super('wait', 'event');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    if (this.pc === 0 && !this.ev.state) {
      const t = cur(this.ev.ctx);
      this.ev.waiting.push(t);
      t.data = this.ev.waiting;
      this.pc = 1;
      return Step.YIELD;
    }
    this.ret = true;
    return Step.DONE;
  }
}

export const EventType = new PyType('Event', [ObjectType]);
EventType.print = pyClassRepr;
EventType.make = (cls, args, kw) => {
  noArgs(args, kw);
  return new PyEvent(currentCtx(), cls);
};
EventType.attr = (o, name) => {
  const ev = o as PyEvent;
  return name === 'state' ? ev.state : name === 'waiting' ? ev.waiting : undefined;
};
pyMethod(EventType, 'is_set', SELF, (a) => (a[0] as PyEvent).state);
pyMethod(EventType, 'set', SELF, (a) => {
  const ev = a[0] as PyEvent;
  // everything waiting runs, in the order the queue gives
  while (ev.waiting.heap !== null) ev.ctx.queue.push(ev.waiting.pop());
  ev.state = true;
  return NoneObj;
});
pyMethod(EventType, 'clear', SELF, (a) => {
  (a[0] as PyEvent).state = false;
  return NoneObj;
});
pyMethod(EventType, 'wait', SELF, (a) => new EventWait(a[0] as PyEvent));

// ------------------------------------------------------------------ ThreadSafeFlag

class PyTSFlag extends PyFlag {
  constructor(public ctx: Ctx, type: PyType) {
    super(type);
  }
}

class FlagWait extends Coro {
  constructor(private f: PyTSFlag) {
    super('wait', 'event');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    if (this.pc === 0 && !this.f.state) {
      this.f.ctx.io.enqueue(this.f, 0);
      this.pc = 1;
      return Step.YIELD;
    }
    // self-clearing, unlike Event
    this.f.state = 0;
    return Step.DONE;
  }
}

export const ThreadSafeFlagType = new PyType('ThreadSafeFlag', [ObjectType]);
ThreadSafeFlagType.print = pyClassRepr;
ThreadSafeFlagType.make = (cls, args, kw) => {
  noArgs(args, kw);
  return new PyTSFlag(currentCtx(), cls);
};
ThreadSafeFlagType.attr = (o, name) => (name === 'state' ? (o as PyTSFlag).state : undefined);
pyMethod(ThreadSafeFlagType, 'set', SELF, (a) => {
  (a[0] as PyTSFlag).state = 1;
  return NoneObj;
});
pyMethod(ThreadSafeFlagType, 'clear', SELF, (a) => {
  (a[0] as PyTSFlag).state = 0;
  return NoneObj;
});
pyMethod(ThreadSafeFlagType, 'wait', SELF, (a) => new FlagWait(a[0] as PyTSFlag));
// the stream protocol's poll request (MP_STREAM_POLL = 3): ready for reading once set
pyMethod(ThreadSafeFlagType, 'ioctl', { params: ['self', 'req', 'flags'] }, (a) => {
  const f = a[0] as PyTSFlag;
  return wordInt(a[1] as PyObj) === 3 ? f.state * wordInt(a[2] as PyObj) : -1;
});

// ------------------------------------------------------------------ Lock

class PyLock extends PyObject {
  /** 0 unlocked, 1 locked, or the task chosen to take the lock when it next runs. */
  state: 0 | 1 | PyTask = 0;
  waiting: PyTaskQueue;
  constructor(public ctx: Ctx, type: PyType) {
    super(type);
    this.waiting = new PyTaskQueue(ctx);
  }
  release(): void {
    if (this.state !== 1) throw excMsg(RuntimeErrorType, 'Lock not acquired');
    if (this.waiting.heap !== null) {
      const next = this.waiting.pop();
      this.state = next;
      this.ctx.queue.push(next);
    } else this.state = 0;
  }
}

class LockAcquire extends Coro {
  constructor(private lock: PyLock) {
    super('acquire', 'lock');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    const l = this.lock;
    if (e !== undefined) {
      if (this.pc === 1 && e.type.isSubclassOf(l.ctx.CancelledError)) {
        // cancelled after release() picked this task: hand the lock on to the next waiter
        if (l.state === l.ctx.cur) {
          l.state = 1;
          l.release();
        }
        throw this.reraise(e);
      }
      throw e;
    }
    if (this.pc === 0 && l.state !== 0) {
      const t = cur(l.ctx);
      l.waiting.push(t);
      t.data = l.waiting;
      this.pc = 1;
      return Step.YIELD;
    }
    l.state = 1;
    this.ret = true;
    return Step.DONE;
  }
}

/** `async with lock`: __aenter__ awaits acquire(). */
class LockEnter extends Coro {
  constructor(private lock: PyLock) {
    super('__aenter__', 'lock');
  }
  step(v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    if (this.pc === 0) {
      this.pc = 1;
      return this.await(new LockAcquire(this.lock));
    }
    this.ret = v;
    return Step.DONE;
  }
}

class LockExit extends Coro {
  constructor(private lock: PyLock) {
    super('__aexit__', 'lock');
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    this.lock.release();
    return Step.DONE;
  }
}

export const LockType = new PyType('Lock', [ObjectType]);
LockType.print = pyClassRepr;
LockType.make = (cls, args, kw) => {
  noArgs(args, kw);
  return new PyLock(currentCtx(), cls);
};
LockType.attr = (o, name) => {
  const l = o as PyLock;
  return name === 'state' ? l.state : name === 'waiting' ? l.waiting : undefined;
};
pyMethod(LockType, 'locked', SELF, (a) => (a[0] as PyLock).state === 1);
pyMethod(LockType, 'release', SELF, (a) => {
  (a[0] as PyLock).release();
  return NoneObj;
});
pyMethod(LockType, 'acquire', SELF, (a) => new LockAcquire(a[0] as PyLock));
pyMethod(LockType, '__aenter__', SELF, (a) => new LockEnter(a[0] as PyLock));
pyMethod(LockType, '__aexit__', { params: ['self', 'exc_type', 'exc', 'tb'] }, (a) => new LockExit(a[0] as PyLock));
