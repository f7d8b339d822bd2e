// Generators: suspended frames resumed by send/throw/close (upstream objgenerator.c), and
// mp_resume for `yield from` over any iterator.
import { excMsg, GeneratorExitType, PyException, RuntimeErrorType, StopIterationType, typeError, valueError } from '../objects/exceptions.js';
import { defMethod, NoneObj, PyObject, PyTuple, PyType, typeOf, type PyObj } from '../objects/object.js';
import { loadAttr, loadMethodInto } from './attr.js';
import type { Frame } from './frame.js';
import { makeRaiseObj, runFrame, toPyException } from './interp.js';
import { call, hexId, rt } from './runtime.js';

// ------------------------------------------------------------------ generators

export const enum ResumeKind {
  NORMAL = 0,
  YIELD = 1,
}
/** Value produced by the last resume() (avoids allocating result objects). */
export let resumeValue: PyObj = NoneObj;

export class PyGen extends PyObject {
  running = false;
  finished = false;
  /** Exception set by pend_throw(), thrown in at the next resume. */
  pending: PyObj | undefined = undefined;
  constructor(public frame: Frame) {
    super(GenType);
  }
}
export const GenType = new PyType('generator', []);
GenType.baseable = false;

/**
 * A generator written in TypeScript (asyncio's coroutines): `yield from`/await and the asyncio loop
 * drive it through resume() just as genResume drives a bytecode generator, so a native coroutine
 * can delegate to and be awaited by Python ones without bound-method calls.
 */
export abstract class NativeGen extends PyObject {
  /** Continues with a sent value or a thrown exception; leaves the yielded/returned value in resumeValue. */
  abstract resume(send: PyObj, thr: PyObj | undefined): ResumeKind;
}
/** For NativeGen implementations: the value their resume() produced. */
export function setResumeValue(v: PyObj): void {
  resumeValue = v;
}

export function genResume(g: PyGen, send: PyObj, thrIn: PyObj | undefined): ResumeKind {
  let thr = thrIn;
  if (g.finished) {
    resumeValue = NoneObj;
    return ResumeKind.NORMAL;
  }
  if (g.running) throw valueError('generator already executing');
  if (g.pending !== undefined && g.pending !== NoneObj) {
    thr = g.pending;
    g.pending = undefined;
  }
  const f = g.frame;
  if (f.sp === -1) {
    if (send !== NoneObj && thr === undefined) throw typeError("can't send non-None value to a just-started generator");
  } else f.state[f.sp] = send;
  g.running = true;
  let yielded: boolean;
  try {
    yielded = runFrame(f, thr);
  } catch (e) {
    g.finished = true;
    const pe = toPyException(e);
    if (pe.type.isSubclassOf(StopIterationType)) throw excMsg(RuntimeErrorType, 'generator raised StopIteration');
    throw pe;
  } finally {
    g.running = false;
  }
  resumeValue = f.state[f.sp] as PyObj;
  if (!yielded) g.finished = true;
  return yielded ? ResumeKind.YIELD : ResumeKind.NORMAL;
}

/** upstream mp_resume: drives any iterator for `yield from`. */
/** mp_load_method + call: a method found on the type is called without a bound-method object. */
function callMethodNoBind(o: PyObj, name: string, args: PyObj[]): PyObj {
  const dest: (PyObj | undefined)[] = [undefined, undefined];
  loadMethodInto(dest, 0, o, name);
  const self = dest[1];
  return self === undefined ? call(dest[0] as PyObj, args) : call(dest[0] as PyObj, [self, ...args]);
}

export function resumeAny(o: PyObj, send: PyObj | undefined, thr: PyObj | undefined): ResumeKind {
  if (o instanceof PyGen) return genResume(o, send ?? NoneObj, thr);
  if (o instanceof NativeGen) return o.resume(send ?? NoneObj, thr);
  const t = typeOf(o);
  if (thr === undefined) {
    if (send === NoneObj && t.iternext && !t.isUser) {
      rt.stopValue = undefined;
      const v = t.iternext(o);
      if (v === undefined) {
        // the iterator's return value (upstream's stop_iteration_arg), e.g. an awaited task's result
        resumeValue = rt.stopValue ?? NoneObj;
        rt.stopValue = undefined;
        return ResumeKind.NORMAL;
      }
      resumeValue = v;
      return ResumeKind.YIELD;
    }
    if (send === NoneObj && t.lookup('__next__') !== undefined) {
      try {
        resumeValue = callMethodNoBind(o, '__next__', []);
      } catch (e) {
        if (e instanceof PyException && e.type.isSubclassOf(StopIterationType)) {
          resumeValue = e.args.items[0] ?? NoneObj;
          return ResumeKind.NORMAL;
        }
        throw e;
      }
      return ResumeKind.YIELD;
    }
    try {
      resumeValue = callMethodNoBind(o, 'send', [send ?? NoneObj]);
    } catch (e) {
      if (e instanceof PyException && e.type.isSubclassOf(StopIterationType)) {
        resumeValue = e.args.items[0] ?? NoneObj;
        return ResumeKind.NORMAL;
      }
      throw e;
    }
    return ResumeKind.YIELD;
  }
  const exc = thr;
  const isGenExit = (exc instanceof PyException ? exc.type : (exc as PyType)).isSubclassOf?.(GeneratorExitType);
  const m = isGenExit ? t.lookup('close') : t.lookup('throw');
  if (m !== undefined) {
    if (isGenExit) {
      resumeValue = call(loadAttr(o, 'close'), []);
      return ResumeKind.NORMAL;
    }
    resumeValue = call(loadAttr(o, 'throw'), [exc]);
    return ResumeKind.YIELD;
  }
  const e = makeRaiseObj(exc);
  // PEP 479: a StopIteration thrown through `yield from` becomes RuntimeError
  if (e.type.isSubclassOf(StopIterationType)) throw excMsg(RuntimeErrorType, 'generator raised StopIteration');
  throw e;
}


function value(): PyObj {
  return resumeValue;
}

function stop(v: PyObj): PyException {
  return v === NoneObj ? new PyException(StopIterationType) : new PyException(StopIterationType, new PyTuple([v]));
}

GenType.getiter = (o) => o;
GenType.iternext = (o) => {
  const k = genResume(o as PyGen, NoneObj, undefined);
  if (k === ResumeKind.YIELD) return value();
  rt.stopValue = value();
  return undefined;
};
// upstream prints the address with %p: hex digits without 0x
GenType.print = (o) => `<generator object '${(o as PyGen).frame.code.name}' at ${hexId(o).slice(2)}>`;

defMethod(GenType, 'send', (a) => {
  const k = genResume(a[0] as PyGen, a[1] as PyObj, undefined);
  if (k === ResumeKind.YIELD) return value();
  throw stop(value());
});
defMethod(GenType, 'throw', (a) => {
  let exc = a[1] as PyObj;
  if (a.length > 2 && a[2] !== NoneObj) exc = a[2] as PyObj;
  const k = genResume(a[0] as PyGen, NoneObj, exc);
  if (k === ResumeKind.YIELD) return value();
  throw stop(value());
});
defMethod(GenType, 'close', (a) => {
  const g = a[0] as PyGen;
  let k: ResumeKind;
  try {
    k = genResume(g, NoneObj, new PyException(GeneratorExitType));
  } catch (e) {
    if (e instanceof PyException && e.type.isSubclassOf(GeneratorExitType)) return NoneObj;
    throw e;
  }
  if (k === ResumeKind.YIELD) throw excMsg(RuntimeErrorType, 'generator ignored GeneratorExit');
  return NoneObj;
});
defMethod(GenType, 'pend_throw', (a) => {
  const g = a[0] as PyGen;
  if (g.running) throw valueError('generator already executing');
  const prev = g.pending ?? NoneObj;
  g.pending = a[1] as PyObj;
  return prev;
});
