// platform module (extmod/modplatform.c): identification strings. Upstream bakes in the build's OS,
// architecture and C library; mpyts reports itself (a JavaScript VM implementing MicroPython 1.28.0)
// in the same "SYSTEM-VERSION-ARCH-OSVERSION-with-LIBC" shape.
import { PyTuple } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';
import { fixed } from './_util.js';

const PLATFORM = 'mpyts-1.28.0-javascript--with-';
const COMPILER = 'TypeScript';
const LIBC = new PyTuple(['', '']);

registerNativeModule('platform', () => makeModule('platform', {
  // upstream's platform() and libc_ver() accept (and ignore) any arguments
  platform: () => PLATFORM,
  python_compiler: fixed(0, 0, () => COMPILER),
  libc_ver: () => LIBC,
}));
