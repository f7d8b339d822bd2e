// Generator object methods: send/throw/close and the iterator slots, on top of interp's genResume.
import { excMsg, GeneratorExitType, PyException, RuntimeErrorType, StopIterationType } from '../objects/exceptions.js';
import { defMethod, NoneObj, PyTuple, type PyObj } from '../objects/object.js';
import { genResume, GenType, PyGen, ResumeKind, resumeValue as rv } from './interp.js';
import * as interp from './interp.js';
import { hexId, rt } from './runtime.js';

function value(): PyObj {
  return (interp as { resumeValue: PyObj }).resumeValue;
}
void rv;

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
GenType.print = (o) => `<generator object '${(o as PyGen).frame.code.name}' at ${hexId(o)}>`;

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
defMethod(GenType, 'pend_throw', () => NoneObj);
