// mpyts/debug in-process: stops, stepping, locals by name (cells, free variables, class bodies, .mpy
// arguments), evaluate, conditional breakpoints, pause requests, exception stops, and that detaching
// leaves the VM untraced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/compile/index.js';
import { createDebugVM, Debugger, type ResumeAction, type StopEvent } from '../../src/debug/index.js';
import { createVM, type VmHost } from '../../src/vm/index.js';
import { trace } from '../../src/vm/trace.js';

function memHost(out: string[]): VmHost {
  return { stdout: (s) => void out.push(s), stderr: (s) => void out.push(s), readFile: () => undefined, stat: () => undefined };
}

const SRC = `def outer(n):
    acc = []
    def inner(k):
        acc.append(k * n)
        return len(acc)
    for i in range(n):
        inner(i)
    return acc

class Box:
    size = 2
    def grow(self, by):
        self.size += by
        return self.size

def boom(x):
    y = x + 1
    raise ValueError(y)

r = outer(3)
b = Box()
b.grow(5)
try:
    boom(1)
except ValueError:
    pass
print(r, b.size)
`;

interface Seen {
  ev: StopEvent;
  stack: string[];
  locals: Record<string, string>;
}

function run(opts: { bps?: { line: number; condition?: string }[]; actions?: ResumeAction[]; stopOnException?: boolean; stopOnEntry?: boolean; pauseAfter?: number }): { seen: Seen[]; out: string } {
  const seen: Seen[] = [];
  const out: string[] = [];
  let n = 0;
  let polls = 0;
  const { vm, debugger: dbg } = createDebugVM({
    host: memHost(out),
    argv: ['prog.py'],
    stopOnEntry: opts.stopOnEntry ?? false,
    stopOnException: opts.stopOnException ?? false,
    pauseRequested: () => opts.pauseAfter !== undefined && ++polls === opts.pauseAfter,
    onStop(ev, d) {
      const locals = Object.fromEntries(d.locals(0).map((v) => [v.name, v.value]));
      seen.push({ ev, stack: d.stackTrace().map((f) => `${f.name}:${f.line}`), locals });
      return opts.actions?.[n++] ?? 'continue';
    },
  });
  try {
    dbg.setBreakpoints('prog.py', opts.bps ?? []);
    assert.equal(vm.runSource(SRC, 'prog.py'), 0);
  } finally {
    dbg.detach();
  }
  return { seen, out: out.join('') };
}

test('debugger: breakpoints, locals by name including cells and free variables, stack', () => {
  const { seen, out } = run({ bps: [{ line: 4 }, { line: 13 }] });
  assert.equal(out, '[0, 3, 6] 7\n');
  assert.deepEqual(seen.map((s) => s.ev.reason), ['breakpoint', 'breakpoint', 'breakpoint', 'breakpoint']);
  assert.deepEqual(seen[0]?.stack, ['inner:4', 'outer:7', '<module>:20']);
  assert.deepEqual(seen[0]?.locals, { k: '0', acc: '[]', n: '3' });
  assert.deepEqual(seen[2]?.locals, { k: '2', acc: '[0, 3]', n: '3' });
  assert.deepEqual(seen[3]?.stack, ['grow:13', '<module>:22']);
  assert.equal(seen[3]?.locals.by, '5');
  assert.match(seen[3]?.locals.self ?? '', /^<Box object at [0-9a-f]+>$/);
});

test('debugger: conditional breakpoint (false while its names are unbound), step over/in/out', () => {
  const { seen } = run({ bps: [{ line: 7, condition: 'i == 1' }], actions: ['stepIn', 'stepOver', 'stepOut', 'stepOver', 'continue'] });
  assert.deepEqual(seen.map((s) => `${s.ev.reason} ${s.stack[0]}`), [
    'breakpoint outer:7', 'step inner:4', 'step inner:5', 'step outer:7', 'step outer:6',
  ]);
  assert.deepEqual(seen[0]?.locals, { n: '3', i: '1', acc: '[0]', inner: seen[0]?.locals.inner as string });
});

test('debugger: stop on entry, class body namespace, step out to the module', () => {
  const { seen } = run({ stopOnEntry: true, bps: [{ line: 11 }], actions: ['continue', 'stepOver', 'stepOut', 'continue'] });
  assert.equal(seen[0]?.ev.reason, 'entry');
  assert.deepEqual(seen[0]?.stack, ['<module>:1']);
  assert.deepEqual(seen[1]?.stack, ['Box:11', '<module>:10']);
  assert.equal(seen[1]?.locals.__qualname__, "'Box'");
  assert.deepEqual(seen[2]?.stack, ['Box:12', '<module>:10']);
  assert.equal(seen[3]?.stack[0], '<module>:10');
});

test('debugger: exception stops, pause requests', () => {
  const ex = run({ stopOnException: true });
  assert.deepEqual(ex.seen.map((s) => [s.ev.reason, s.stack[0], s.ev.exception]), [['exception', 'boom:18', 'ValueError: 2']]);
  assert.deepEqual(ex.seen[0]?.locals, { x: '1', y: '2' });
  const p = run({ pauseAfter: 5 });
  assert.equal(p.seen.length, 1);
  assert.equal(p.seen[0]?.ev.reason, 'pause');
});

test('debugger: evaluate in any frame; errors; .mpy code shows its arguments', () => {
  const results: string[] = [];
  const out: string[] = [];
  const dbg = new Debugger({
    onStop(_ev, d) {
      results.push(d.evaluate('k * 10').value, d.evaluate('r if "r" in globals() else None', 2).value);
      assert.throws(() => d.evaluate('undefined_name'), /NameError: name 'undefined_name' isn't defined/);
      assert.throws(() => d.evaluate('1 +'), /invalid syntax/);
      results.push(JSON.stringify(d.locals(0)));
      return 'continue';
    },
  });
  dbg.attach();
  try {
    dbg.setBreakpoints('prog.py', [{ line: 4, condition: 'k == 2' }]);
    // the same program as a .mpy: locals beyond the arguments have no names
    const vm = createVM({ host: memHost(out), argv: ['prog.py'] });
    assert.equal(vm.runMpy(compile(SRC, { fileName: 'prog.py' }), 'prog.py'), 0);
  } finally {
    dbg.detach();
  }
  assert.deepEqual(results.slice(0, 2), ['20', 'None']);
  // .mpy code: only the argument names are known (closed-over values are unnamed in the prelude)
  assert.deepEqual(JSON.parse(results[2] as string), [{ name: 'k', value: '2', type: 'int' }]);
  assert.equal(trace.active, false);
});
