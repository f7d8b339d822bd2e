// time module of the unix port: ticks_* with MicroPython's wrap-around arithmetic, sleep*, time(),
// gmtime/localtime/mktime on the epoch 1970.
import { checkFloatArg } from '../objects/float.js';
import { checkInt, normBig } from '../objects/int.js';
import { NoneObj, PyFloat, PyTuple, type PyObj } from '../objects/object.js';
import { itemsOf } from '../vm/runtime.js';
import { makeModule, registerNativeModule, type ModuleHost } from '../vm/modules.js';

// ticks are small ints masked to MICROPY_PY_TIME_TICKS_PERIOD (2^30 on the unix port)
const PERIOD = 2 ** 30;
const HALF = PERIOD / 2;
const mask = (v: number): number => ((v % PERIOD) + PERIOD) % PERIOD;

function daysBeforeYear(y: number): number {
  return (y - 1970) * 365 + Math.floor((y - 1969) / 4) - Math.floor((y - 1901) / 100) + Math.floor((y - 1601) / 400);
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
const MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function gmtime(t: number): PyTuple {
  let days = Math.floor(t / 86400);
  let secs = t - days * 86400;
  const hh = Math.floor(secs / 3600);
  secs -= hh * 3600;
  const mm = Math.floor(secs / 60);
  const ss = secs - mm * 60;
  const wday = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (Monday = 0)
  let y = 1970;
  while (days >= (isLeap(y) ? 366 : 365)) {
    days -= isLeap(y) ? 366 : 365;
    y++;
  }
  while (days < 0) {
    y--;
    days += isLeap(y) ? 366 : 365;
  }
  const yday = days + 1;
  let m = 0;
  for (;;) {
    const md = (MDAYS[m] as number) + (m === 1 && isLeap(y) ? 1 : 0);
    if (days < md) break;
    days -= md;
    m++;
  }
  return new PyTuple([y, m + 1, days + 1, hh, mm, ss, wday, yday]);
}

function mktime(tuple: PyObj): number {
  const it = itemsOf(tuple).map((x) => Number(checkInt(x)));
  const [y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0] = it;
  let days = daysBeforeYear(y);
  for (let m = 0; m < mo - 1; m++) days += (MDAYS[m] as number) + (m === 1 && isLeap(y) ? 1 : 0);
  days += d - 1;
  return days * 86400 + h * 3600 + mi * 60 + s;
}

registerNativeModule('time', (host: ModuleHost) => {
  const now = (): number => (host.now ? host.now() : Date.now());
  return makeModule('time', {
    ticks_ms: () => mask(Math.floor(now())),
    ticks_us: () => mask(Math.floor(now() * 1000)),
    ticks_ns: () => normBig(BigInt(Math.floor(now() * 1e6))),
    ticks_cpu: () => mask(Math.floor(now() * 1000)),
    ticks_add: (a) => mask(Number(checkInt(a[0] as PyObj)) + Number(checkInt(a[1] as PyObj))),
    ticks_diff: (a) => {
      const d = mask(Number(checkInt(a[0] as PyObj)) - Number(checkInt(a[1] as PyObj)));
      return d >= HALF ? d - PERIOD : d;
    },
    time: () => Math.floor(Date.now() / 1000),
    time_ns: () => normBig(BigInt(Date.now()) * 1000000n),
    sleep: (a) => {
      void checkFloatArg(a[0] as PyObj);
      return NoneObj;
    },
    sleep_ms: () => NoneObj,
    sleep_us: () => NoneObj,
    gmtime: (a) => gmtime(a.length && a[0] !== NoneObj ? Math.floor(checkFloatArg(a[0] as PyObj)) : Math.floor(Date.now() / 1000)),
    localtime: (a) => gmtime(a.length && a[0] !== NoneObj ? Math.floor(checkFloatArg(a[0] as PyObj)) : Math.floor(Date.now() / 1000)),
    mktime: (a) => mktime(a[0] as PyObj),
  });
});
void PyFloat;
