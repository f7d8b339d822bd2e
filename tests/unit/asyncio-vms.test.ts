// asyncio keeps one loop per VM: objects created from Python (Event, Lock, Task...) belong to the loop of
// the VM that runs the code, even when several VMs in one process import asyncio in turn (as a browser
// page or a test runner may), and `uasyncio`/`_asyncio` share that loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { createVM, type VmHost } from '../../src/vm/index.js';

function makeVM(): { exec: (src: string) => number; out: () => string } {
  let out = '';
  const host: VmHost = {
    stdout: (s) => (out += s),
    stderr: (s) => (out += s),
    readFile: () => undefined,
    stat: () => undefined,
  };
  const vm = createVM({ host, compile: (source, fileName) => compile(source, { fileName }) });
  return {
    exec: (src) => vm.exec(src, 't.py', { mode: 'exec' }),
    out: () => out,
  };
}

test('interleaved VMs each use their own asyncio loop', () => {
  const a = makeVM();
  const b = makeVM();
  assert.equal(a.exec('import asyncio\nasync def w(e):\n    await e.wait()\n    print("A woke")\n'), 0);
  assert.equal(b.exec('import uasyncio, asyncio, _asyncio\nprint(uasyncio.Lock is asyncio.Lock, _asyncio.Task is asyncio.Task)\n'), 0);
  // made after B imported asyncio: still A's loop
  const code = a.exec([
    'e = asyncio.Event()',
    'async def main():',
    '    t = asyncio.create_task(w(e))',
    '    await asyncio.sleep(0)',
    '    e.set()',
    '    await t',
    '    return "done"',
    'print(asyncio.run(main()))',
  ].join('\n') + '\n');
  assert.equal(code, 0);
  assert.equal(a.out(), 'A woke\ndone\n');
  assert.equal(b.exec('print(asyncio.run(asyncio.sleep_ms(0)))\n'), 1);
  assert.match(b.out(), /^True True\n[^]*TypeError: coroutine expected\n$/);
});
