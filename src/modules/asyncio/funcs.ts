// asyncio.wait_for / wait_for_ms / gather (upstream: extmod/asyncio/funcs.py).
//
// wait_for runs the awaitable in a helper task (_run) and sleeps for the timeout itself: whichever
// finishes first cancels the other. When the helper finishes first it cancels the sleeping wait_for
// task with a CancelledError carrying (status, result), which wait_for turns back into the result or
// the exception. gather registers a completion callback as each sub-task's `state` and sleeps until
// the callbacks have counted every task down (or one failed).
import { PyException, RuntimeErrorType, StopIterationType, excMsg } from '../../objects/exceptions.js';
import { NoneObj, PyBuiltin, PyList, PyObject, PyTuple, type PyObj } from '../../objects/object.js';
import { makeRaiseObj } from '../../vm/interp.js';
import { call, isTrue } from '../../vm/runtime.js';
import { Coro, Step } from './coro.js';
import { cancelTask, createTask, GatherWait, promote, PyTask, sleep, type Ctx } from './core.js';

function excValue(e: PyException): PyObj {
  return e.args.items[0] ?? NoneObj;
}

/** _run(waiter, aw): awaits aw, then wakes the waiting wait_for with the outcome. */
class Runner extends Coro {
  constructor(private ctx: Ctx, private waiter: PyTask, private aw: PyTask) {
    super('_run', 'funcs');
  }
  step(v: PyObj, e: PyException | undefined): Step {
    if (this.pc === 0) {
      if (e !== undefined) throw e;
      this.pc = 1;
      return this.await(this.aw);
    }
    const status: PyObj = e === undefined ? true : e;
    const result = e === undefined ? v : NoneObj;
    const w = this.waiter;
    // still waiting: cancel it, handing over the outcome in the CancelledError's arguments
    if (w.data === NoneObj && cancelTask(w)) w.data = new PyException(this.ctx.CancelledError, new PyTuple([status, result]));
    return Step.DONE;
  }
}

export class WaitFor extends Coro {
  private runner: PyTask | undefined;
  constructor(private ctx: Ctx, private aw: PyObj, private timeout: PyObj, private sleepFn: PyObj | undefined) {
    super('wait_for', 'funcs');
  }
  step(v: PyObj, e: PyException | undefined): Step {
    const ctx = this.ctx;
    switch (this.pc) {
      case 0: {
        if (e !== undefined) throw e;
        const aw = promote(ctx, this.aw);
        if (this.timeout === NoneObj) {
          this.pc = 3;
          return this.await(aw);
        }
        if (ctx.cur === undefined) throw excMsg(RuntimeErrorType, 'no running event loop');
        this.runner = createTask(ctx, new Runner(ctx, ctx.cur, aw));
        this.pc = 1;
        return this.await(this.sleepFn === undefined ? sleep(ctx, this.timeout) : call(this.sleepFn, [this.timeout]));
      }
      case 1: {
        const runner = this.runner as PyTask;
        if (e !== undefined) {
          if (!e.type.isSubclassOf(ctx.CancelledError)) throw e;
          const status = excValue(e);
          if (status === NoneObj) {
            // cancelled from outside: cancel the awaitable too
            cancelTask(runner);
            throw this.reraise(e);
          }
          if (status === true) {
            this.ret = e.args.items[1] ?? NoneObj;
            return Step.DONE;
          }
          throw makeRaiseObj(status);
        }
        // the timeout elapsed first
        cancelTask(runner);
        this.pc = 2;
        return this.await(runner);
      }
      case 2:
        if (e !== undefined) throw e;
        throw new PyException(ctx.TimeoutError);
      default:
        if (e !== undefined) throw e;
        this.ret = v;
        return Step.DONE;
    }
  }
}

function isStopIteration(o: PyObj): o is PyException {
  return o instanceof PyException && o.type.isSubclassOf(StopIterationType);
}

export class Gather extends Coro {
  private ts: PyObj[] = [];
  /** Sub-tasks still running, or (negative) none to wait for, or the exception to raise. */
  private state: number | PyException = 0;
  private cancelAll = false;
  private gtask: PyTask | undefined;
  private readonly done: PyBuiltin;
  constructor(private ctx: Ctx, private aws: PyObj[], private retEx: boolean) {
    super('gather', 'funcs');
    this.done = new PyBuiltin('done', (a) => {
      this.subDone(a[1] as PyObj);
      return NoneObj;
    });
  }

  private subDone(er: PyObj): void {
    const g = this.gtask as PyTask;
    // already woken (an earlier failure, or cancelled from outside)
    if (g.data !== GatherWait) return;
    if (!this.retEx && !isStopIteration(er)) this.state = er as PyException;
    else {
      this.state = (this.state as number) - 1;
      if (this.state !== 0) return;
    }
    this.ctx.queue.push(g);
  }

  step(_v: PyObj, e: PyException | undefined): Step {
    if (this.pc === 0) {
      if (e !== undefined) throw e;
      const ts = (this.ts = this.aws.map((aw) => promote(this.ctx, aw)));
      this.state = 0;
      for (const o of ts) {
        const t = o as PyTask;
        if (t.state === true) {
          t.state = this.done;
          this.state = (this.state as number) + 1;
        } else if (t.done) {
          if (!isStopIteration(t.data) && !this.retEx) this.state = -ts.length;
        } else throw excMsg(RuntimeErrorType, "can't gather");
      }
      this.gtask = this.ctx.cur;
      if (typeof this.state === 'number' && this.state > 0) {
        (this.gtask as PyTask).data = GatherWait;
        this.pc = 1;
        return Step.YIELD;
      }
    } else if (e !== undefined) {
      if (!e.type.isSubclassOf(this.ctx.CancelledError)) throw e;
      this.cancelAll = true;
      this.state = e;
    }
    const ts = this.ts;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i] as PyTask;
      if (t.state === this.done) {
        // still running: deregister, and cancel when the gather itself was cancelled
        t.state = true;
        if (this.cancelAll) cancelTask(t);
      } else if (isStopIteration(t.data)) ts[i] = t.data.args.items[0] ?? NoneObj;
      else if (this.retEx) ts[i] = t.data;
      else if (typeof this.state === 'number') this.state = t.data as PyException;
    }
    const st = this.state;
    if (st instanceof PyObject ? isTrue(st) : st !== 0) throw st === e ? this.reraise(e) : makeRaiseObj(st);
    this.ret = new PyList(ts);
    return Step.DONE;
  }
}
