// asyncio: a small scheduler for coroutines (generators in MicroPython) providing run, create_task,
// sleep/sleep_ms, gather and awaitable Tasks. Tasks run in FIFO order like upstream's run queue, so
// interleavings of sleep(0)-cooperating tasks match. (Upstream's asyncio is frozen Python; this is an
// independent TypeScript implementation of the same observable behaviour for the supported subset.)
import { excMsg, PyException, RuntimeErrorType, typeError } from '../objects/exceptions.js';
import { NoneObj, ObjectType, PyList, PyObject, PyType, type PyObj } from '../objects/object.js';
import { genResume, PyGen, ResumeKind } from '../vm/gen.js';
import * as gen from '../vm/gen.js';
import { getIter, isTrue, rt } from '../vm/runtime.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

/** What a task yields to the scheduler. */
class Marker extends PyObject {
  constructor(public kind: 'sleep' | 'wait', public tasks: PyTask[] = []) {
    super(MarkerType);
  }
}
const MarkerType = new PyType('marker', [ObjectType]);
const SLEEP = new Marker('sleep');

class PyTask extends PyObject {
  done = false;
  result: PyObj = NoneObj;
  error: PyException | undefined;
  waiters: PyTask[] = [];
  sendValue: PyObj = NoneObj;
  throwValue: PyException | undefined;
  constructor(public coro: PyObj, public loop: Loop) {
    super(TaskType);
  }
}
const TaskType = new PyType('Task', [ObjectType]);
TaskType.print = () => '<Task>';

class Loop {
  queue: PyTask[] = [];
  schedule(t: PyTask): void {
    this.queue.push(t);
  }
  step(t: PyTask): void {
    const coro = t.coro;
    if (!(coro instanceof PyGen)) throw typeError('coroutine expected');
    let kind: ResumeKind;
    try {
      const thr = t.throwValue;
      const send = t.sendValue;
      t.throwValue = undefined;
      t.sendValue = NoneObj;
      kind = genResume(coro, send, thr);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      this.finish(t, NoneObj, e);
      return;
    }
    const v = gen.resumeValue;
    if (kind === ResumeKind.NORMAL) {
      this.finish(t, v, undefined);
      return;
    }
    if (v instanceof Marker && v.kind === 'wait') {
      const pending = v.tasks.filter((x) => !x.done);
      if (pending.length === 0) this.schedule(t);
      else for (const x of pending) x.waiters.push(t);
      return;
    }
    this.schedule(t); // sleep(0) or a bare yield: run again after the others
  }
  finish(t: PyTask, result: PyObj, error: PyException | undefined): void {
    t.done = true;
    t.result = result;
    t.error = error;
    const w = t.waiters;
    t.waiters = [];
    for (const x of w) if (!this.queue.includes(x)) this.schedule(x);
  }
  runUntil(main: PyTask): void {
    while (!main.done) {
      const t = this.queue.shift();
      if (!t) throw excMsg(RuntimeErrorType, 'deadlock: no runnable tasks');
      this.step(t);
    }
  }
}

let current: Loop | undefined;
function loop(): Loop {
  current ??= new Loop();
  return current;
}

function toTask(o: PyObj): PyTask {
  if (o instanceof PyTask) return o;
  const t = new PyTask(o instanceof PyGen ? o : getIter(o), loop());
  loop().schedule(t);
  return t;
}

/** Iterator used by `await task`: waits until done, then returns its result or raises its error. */
class TaskWait extends PyObject {
  constructor(public tasks: PyTask[], public finish: () => PyObj) {
    super(TaskWaitType);
  }
}
const TaskWaitType = new PyType('iterator', [ObjectType]);
TaskWaitType.getiter = (o) => o;
TaskWaitType.iternext = (o) => {
  const w = o as TaskWait;
  if (w.tasks.some((t) => !t.done)) return new Marker('wait', w.tasks);
  rt.stopValue = w.finish();
  return undefined;
};
TaskType.getiter = (o) => {
  const t = o as PyTask;
  return new TaskWait([t], () => {
    if (t.error) throw t.error;
    return t.result;
  });
};

class SleepIter extends PyObject {
  yielded = false;
  constructor() {
    super(SleepIterType);
  }
}
const SleepIterType = new PyType('iterator', [ObjectType]);
SleepIterType.getiter = (o) => o;
SleepIterType.iternext = (o) => {
  const s = o as SleepIter;
  if (s.yielded) {
    rt.stopValue = NoneObj;
    return undefined;
  }
  s.yielded = true;
  return SLEEP;
};
const SleepType = new PyType('generator', [ObjectType]);
SleepType.getiter = () => new SleepIter();
class Sleep extends PyObject {
  constructor() {
    super(SleepType);
  }
}

registerNativeModule('asyncio', () => makeModule('asyncio', {
  run: (a) => {
    current = new Loop();
    const l = current;
    const main = toTask(a[0] as PyObj);
    try {
      l.runUntil(main);
    } finally {
      current = undefined;
    }
    if (main.error) throw main.error;
    return main.result;
  },
  create_task: (a) => toTask(a[0] as PyObj),
  sleep: () => new Sleep(),
  sleep_ms: () => new Sleep(),
  gather: (a, kw) => {
    const retEx = kw?.get('return_exceptions');
    const tasks = a.map(toTask);
    const gatherer = new TaskWait(tasks, () => {
      const out: PyObj[] = [];
      for (const t of tasks) {
        if (t.error) {
          if (retEx !== undefined && isTrue(retEx)) out.push(t.error);
          else throw t.error;
        } else out.push(t.result);
      }
      return new PyList(out);
    });
    // fail fast: an error in any task ends the gather (without return_exceptions)
    const check = gatherer.tasks;
    TaskWaitGather.set(gatherer, !(retEx !== undefined && isTrue(retEx)));
    void check;
    return gatherer;
  },
  Task: TaskType,
}));

/** Gatherers that stop waiting as soon as one task fails. */
const TaskWaitGather = new WeakMap<TaskWait, boolean>();
const baseNext = TaskWaitType.iternext;
TaskWaitType.iternext = (o) => {
  const w = o as TaskWait;
  if (TaskWaitGather.get(w) && w.tasks.some((t) => t.done && t.error)) {
    const failed = w.tasks.find((t) => t.done && t.error) as PyTask;
    throw failed.error as PyException;
  }
  return baseNext?.(o);
};
