// Coroutines written in TypeScript for asyncio (wait_for, gather, Event.wait, Lock.acquire, stream
// reads...). Upstream writes them as Python generators; here each is a small state machine whose
// step() runs from one suspension point to the next. A step either finishes (DONE, value in `ret`),
// suspends the task (YIELD: the scheduler gets None, as a bare `yield` does), or awaits another
// awaitable (AWAIT: `sub` is driven like `yield from` until it returns or raises, then step() continues
// with its value or exception). Tracebacks get the entries the Python frames would add, naming the
// frozen file upstream's frames report ("asyncio/funcs.py", line 1: frozen code keeps no line numbers).
import { excMsg, GeneratorExitType, PyException, RuntimeErrorType, StopIterationType, typeError, valueError } from '../../objects/exceptions.js';
import { defMethod, NoneObj, ObjectType, PyTuple, PyType, type PyObj } from '../../objects/object.js';
import { NativeGen, ResumeKind, resumeAny, setResumeValue } from '../../vm/gen.js';
import * as gen from '../../vm/gen.js';
import { makeRaiseObj, toPyException } from '../../vm/interp.js';
import { getIter, hexId, rt } from '../../vm/runtime.js';

export const enum Step {
  DONE = 0,
  YIELD = 1,
  AWAIT = 2,
}

/** Adds the traceback entry a frame of upstream's frozen asyncio package adds. */
export function addTb(e: PyException, file: string, block: string): void {
  (e.traceback ??= []).push({ file: `asyncio/${file}.py`, line: 1, block });
}

export abstract class Coro extends NativeGen {
  finished = false;
  running = false;
  started = false;
  /** The iterator being awaited (upstream: the object under YIELD_FROM). */
  sub: PyObj | undefined = undefined;
  ret: PyObj = NoneObj;
  pc = 0;
  constructor(public name: string, public file: string) {
    super(CoroType);
  }

  /**
   * Continues the coroutine. `v` is the value the awaited object returned (or the sent value), `e` the
   * exception it raised or that was thrown in (not yet handled: step() must raise it unless it catches).
   */
  abstract step(v: PyObj, e: PyException | undefined): Step;

  /** `await o` inside step(): returns AWAIT for step() to return. */
  await(o: PyObj): Step {
    this.sub = getIter(o);
    return Step.AWAIT;
  }

  /** `raise e` of an exception already seen by this frame (adds this frame's entry again). */
  reraise(e: PyException): PyException {
    addTb(e, this.file, this.name);
    return e;
  }

  private arrive(e: PyException): PyException {
    addTb(e, this.file, this.name);
    return e;
  }

  resume(send: PyObj, thr: PyObj | undefined): ResumeKind {
    if (this.finished) {
      setResumeValue(NoneObj);
      return ResumeKind.NORMAL;
    }
    if (this.running) throw valueError('generator already executing');
    if (!this.started) {
      if (send !== NoneObj && thr === undefined) throw typeError("can't send non-None value to a just-started generator");
      this.started = true;
    }
    this.running = true;
    try {
      let v: PyObj = send;
      let e: PyException | undefined;
      const sub = this.sub;
      if (sub !== undefined) {
        let k: ResumeKind | undefined;
        try {
          k = thr === undefined ? resumeAny(sub, send, undefined) : resumeAny(sub, undefined, thr);
        } catch (x) {
          this.sub = undefined;
          e = this.arrive(toPyException(x));
          v = NoneObj;
        }
        if (k === ResumeKind.YIELD) return k;
        if (k === ResumeKind.NORMAL) {
          this.sub = undefined;
          v = gen.resumeValue;
        }
      } else if (thr !== undefined) {
        e = this.arrive(makeRaiseObj(thr));
      }
      for (;;) {
        let s: Step;
        try {
          s = this.step(v, e);
        } catch (x) {
          const pe = toPyException(x);
          if (pe !== e) addTb(pe, this.file, this.name);
          throw pe;
        }
        e = undefined;
        if (s === Step.YIELD) {
          setResumeValue(NoneObj);
          return ResumeKind.YIELD;
        }
        if (s === Step.DONE) {
          this.finished = true;
          setResumeValue(this.ret);
          return ResumeKind.NORMAL;
        }
        let k: ResumeKind;
        try {
          k = resumeAny(this.sub as PyObj, NoneObj, undefined);
        } catch (x) {
          this.sub = undefined;
          e = this.arrive(toPyException(x));
          v = NoneObj;
          continue;
        }
        if (k === ResumeKind.YIELD) return k;
        this.sub = undefined;
        v = gen.resumeValue;
      }
    } catch (x) {
      this.finished = true;
      this.sub = undefined;
      throw x;
    } finally {
      this.running = false;
    }
  }
}

/** A coroutine whose whole body runs at its first resume (e.g. `async def f(): return g()`). */
export class OneShot extends Coro {
  constructor(name: string, file: string, private body: () => PyObj) {
    super(name, file);
  }
  step(_v: PyObj, e: PyException | undefined): Step {
    if (e !== undefined) throw e;
    this.ret = this.body();
    return Step.DONE;
  }
}

function stopWith(v: PyObj): PyException {
  return v === NoneObj ? new PyException(StopIterationType) : new PyException(StopIterationType, new PyTuple([v]));
}

// Native coroutines are generator objects to Python code, printed as upstream prints the generator
// of the same-named function.
export const CoroType = new PyType('generator', [ObjectType]);
CoroType.baseable = false;
CoroType.print = (o) => `<generator object '${(o as Coro).name}' at ${hexId(o).slice(2)}>`;
CoroType.getiter = (o) => o;
CoroType.iternext = (o) => {
  const k = (o as Coro).resume(NoneObj, undefined);
  if (k === ResumeKind.YIELD) return gen.resumeValue;
  rt.stopValue = gen.resumeValue;
  return undefined;
};
defMethod(CoroType, 'send', (a) => {
  const k = (a[0] as Coro).resume(a[1] as PyObj, undefined);
  if (k === ResumeKind.YIELD) return gen.resumeValue;
  throw stopWith(gen.resumeValue);
});
defMethod(CoroType, 'throw', (a) => {
  let exc = a[1] as PyObj;
  if (a.length > 2 && a[2] !== NoneObj) exc = a[2] as PyObj;
  const k = (a[0] as Coro).resume(NoneObj, exc);
  if (k === ResumeKind.YIELD) return gen.resumeValue;
  throw stopWith(gen.resumeValue);
});
defMethod(CoroType, 'close', (a) => {
  const c = a[0] as Coro;
  if (c.finished) return NoneObj;
  let k: ResumeKind;
  try {
    k = c.resume(NoneObj, new PyException(GeneratorExitType));
  } catch (e) {
    if (e instanceof PyException && (e.type.isSubclassOf(GeneratorExitType) || e.type.isSubclassOf(StopIterationType))) return NoneObj;
    throw e;
  }
  if (k === ResumeKind.YIELD) throw excMsg(RuntimeErrorType, 'generator ignored GeneratorExit');
  return NoneObj;
});
