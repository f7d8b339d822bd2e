// errno module: the unix port's default errno list and errorcode dict.
import { PyDict, newDict } from '../objects/dict.js';
import type { PyObj } from '../objects/object.js';
import { makeModule, registerNativeModule } from '../vm/modules.js';

/** Names and (Linux) values, in upstream's MICROPY_PY_ERRNO_LIST order. */
export const ERRNO_LIST: readonly [string, number][] = [
  ['EPERM', 1], ['ENOENT', 2], ['EIO', 5], ['EBADF', 9], ['EAGAIN', 11], ['ENOMEM', 12], ['EACCES', 13],
  ['EEXIST', 17], ['ENODEV', 19], ['EISDIR', 21], ['EINVAL', 22], ['EOPNOTSUPP', 95], ['EADDRINUSE', 98],
  ['ECONNABORTED', 103], ['ECONNRESET', 104], ['ENOBUFS', 105], ['ENOTCONN', 107], ['ETIMEDOUT', 110],
  ['ECONNREFUSED', 111], ['EHOSTUNREACH', 113], ['EALREADY', 114], ['EINPROGRESS', 115],
];

registerNativeModule('errno', () => {
  const attrs: Record<string, PyObj> = {};
  const codes: PyDict = newDict(ERRNO_LIST.length);
  for (const [name, v] of ERRNO_LIST) {
    attrs[name] = v;
    codes.mpmap.set(v, name);
  }
  // a fixed (ROM) dict upstream
  codes.readonly = true;
  attrs.errorcode = codes;
  return makeModule('errno', attrs);
});
