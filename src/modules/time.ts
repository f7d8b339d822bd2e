// time module as the unix port builds it (extmod/modtime.c + ports/unix/modtime.c):
// - ticks_ms/us/cpu count from the host's monotonic clock, masked to the unix port's ticks period of
//   2^62 (MP_SMALL_INT_POSITIVE_MASK + 1); ticks_add raises OverflowError('ticks interval overflow')
//   for a delta ticks_diff could not undo; ticks_diff wraps into [-2^61, 2^61);
// - time() is a float, time_ns() an int; gmtime/localtime give 9-tuples (weekday Monday=0, yearday,
//   isdst) in UTC and in the host's time zone; mktime takes an 8- or 9-tuple in local time;
// - sleep/sleep_ms/sleep_us really wait (Atomics.wait where allowed, otherwise a busy wait);
// - clock() is CPU-ish seconds since start (a float), as the deprecated function upstream keeps.
import { PyTuple, PyList, PyFloat, NoneObj, typeOf, type PyObj } from '../objects/object.js';
import { excMsg, OverflowErrorType, typeError } from '../objects/exceptions.js';
import { normBig } from '../objects/int.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';
import { fixed, floatArg, wordBig, wordInt } from './_util.js';

const PERIOD = 1n << 62n;
const HALF = PERIOD / 2n;
const MASK = PERIOD - 1n;

const ticks = (v: number): PyObj => normBig(BigInt(Math.floor(v)) & MASK);

/** A Python int argument as bigint (ticks values may exceed 2^53). */
const big = (o: PyObj): bigint => wordBig(o);

function tuple9(d: Date, utc: boolean): PyTuple {
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const wd = utc ? d.getUTCDay() : d.getDay();
  const start = utc ? Date.UTC(y, 0, 1) : new Date(y, 0, 1).getTime();
  const dayStart = utc ? Date.UTC(y, mo, day) : new Date(y, mo, day).getTime();
  const yday = Math.round((dayStart - start) / 86400000) + 1;
  let isdst = 0;
  if (!utc) {
    // DST is in effect when the offset is smaller than the standard (larger of January/July) one
    const jan = new Date(y, 0, 1).getTimezoneOffset();
    const jul = new Date(y, 6, 1).getTimezoneOffset();
    isdst = d.getTimezoneOffset() < Math.max(jan, jul) ? 1 : 0;
  }
  return new PyTuple([y, mo + 1, day, h, mi, s, wd === 0 ? 6 : wd - 1, yday, isdst]);
}

/** timeutils_obj_get_timestamp: a number of seconds, truncated toward zero as a C cast does. */
function timestamp(o: PyObj): number {
  return Math.trunc(floatArg(o));
}

/** Blocks for ms milliseconds. */
function block(ms: number, now: () => number): void {
  if (!(ms > 0)) return;
  try {
    const sab = new SharedArrayBuffer(4);
    Atomics.wait(new Int32Array(sab), 0, 0, ms);
    return;
  } catch {
    // no SharedArrayBuffer or no blocking allowed on this thread (a browser's main thread)
  }
  const end = now() + ms;
  while (now() < end) {
    /* busy wait */
  }
}

registerNativeModule('time', (host: ModuleHost) => {
  const now = (): number => (host.now ? host.now() : Date.now());
  const t0 = now();
  return makeModule('time', {
    clock: fixed(0, 0, () => new PyFloat((now() - t0) / 1000)),
    gmtime: fixed(0, 1, (a) => tuple9(new Date((a.length ? timestamp(a[0] as PyObj) : Math.floor(Date.now() / 1000)) * 1000), true)),
    localtime: fixed(0, 1, (a) => tuple9(new Date((a.length ? timestamp(a[0] as PyObj) : Math.floor(Date.now() / 1000)) * 1000), false)),
    mktime: fixed(1, 1, (a) => {
      const t = a[0] as PyObj;
      if (!(t instanceof PyTuple || t instanceof PyList)) throw typeError(`object '${typeOf(t).name}' isn't a tuple or list`);
      const e = t.items;
      if (e.length < 8 || e.length > 9) throw typeError('mktime needs a tuple of length 8 or 9');
      const f = e.slice(0, 6).map((x) => wordInt(x));
      if (e.length === 9) wordInt(e[8] as PyObj);
      // Date normalises out-of-range fields the way C's mktime does
      const d = new Date(2000, 0, 1);
      // setFullYear: the Date constructor would map years 0..99 to 1900..1999
      d.setFullYear(f[0] as number, (f[1] as number) - 1, f[2] as number);
      d.setHours(f[3] as number, f[4] as number, f[5] as number, 0);
      const ms = d.getTime();
      if (Number.isNaN(ms)) throw excMsg(OverflowErrorType, 'invalid mktime usage');
      return Math.floor(ms / 1000);
    }),
    sleep: fixed(1, 1, (a) => {
      block(floatArg(a[0] as PyObj) * 1000, now);
      return NoneObj;
    }),
    sleep_ms: fixed(1, 1, (a) => {
      block(wordInt(a[0] as PyObj), now);
      return NoneObj;
    }),
    sleep_us: fixed(1, 1, (a) => {
      block(wordInt(a[0] as PyObj) / 1000, now);
      return NoneObj;
    }),
    ticks_add: fixed(2, 2, (a) => {
      const t = big(a[0] as PyObj);
      const delta = big(a[1] as PyObj);
      // upstream's unsigned test for delta <= -PERIOD/2 || delta >= PERIOD/2
      if (BigInt.asUintN(64, delta + HALF - 1n) >= PERIOD - 1n) throw excMsg(OverflowErrorType, 'ticks interval overflow');
      return normBig((t + delta) & MASK);
    }),
    ticks_cpu: fixed(0, 0, () => ticks(now() * 1000)),
    ticks_diff: fixed(2, 2, (a) => normBig(((big(a[0] as PyObj) - big(a[1] as PyObj) + HALF) & MASK) - HALF)),
    ticks_ms: fixed(0, 0, () => ticks(now())),
    ticks_us: fixed(0, 0, () => ticks(now() * 1000)),
    time: fixed(0, 0, () => new PyFloat(Date.now() / 1000)),
    time_ns: fixed(0, 0, () => normBig(BigInt(Date.now()) * 1000000n)),
  });
});
