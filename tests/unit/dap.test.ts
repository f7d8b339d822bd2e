// `mpyts debug --dap` driven by a scripted Debug Adapter Protocol client: breakpoints (plain and
// conditional), stepping over/in/out, the call stack, locals by name, evaluate, continue to exit.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;

interface Msg {
  seq: number;
  type: 'response' | 'event';
  command?: string;
  event?: string;
  request_seq?: number;
  success?: boolean;
  message?: string;
  body: Record<string, unknown>;
}

class Client {
  private seq = 1;
  private buf = Buffer.alloc(0);
  private readonly queue: Msg[] = [];
  private waiters: (() => void)[] = [];
  readonly output: string[] = [];
  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const h = this.buf.indexOf('\r\n\r\n');
        if (h < 0) break;
        const len = Number(/Content-Length: (\d+)/.exec(this.buf.subarray(0, h).toString())?.[1]);
        if (this.buf.length < h + 4 + len) break;
        const msg = JSON.parse(this.buf.subarray(h + 4, h + 4 + len).toString()) as Msg;
        this.buf = this.buf.subarray(h + 4 + len);
        if (msg.event === 'output') this.output.push(String(msg.body.output));
        this.queue.push(msg);
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }
  async take(pred: (m: Msg) => boolean, what: string): Promise<Msg> {
    const deadline = Date.now() + 20000;
    for (;;) {
      const i = this.queue.findIndex(pred);
      if (i >= 0) return this.queue.splice(i, 1)[0] as Msg;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 500).unref();
      });
    }
  }
  send(command: string, args: Record<string, unknown> = {}): number {
    const seq = this.seq++;
    const body = Buffer.from(JSON.stringify({ seq, type: 'request', command, arguments: args }));
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
    return seq;
  }
  async request(command: string, args: Record<string, unknown> = {}): Promise<Msg> {
    const seq = this.send(command, args);
    const r = await this.take((m) => m.type === 'response' && m.request_seq === seq, `response to ${command}`);
    assert.ok(r.success, `${command} failed: ${r.message}`);
    return r;
  }
  event(name: string): Promise<Msg> {
    return this.take((m) => m.type === 'event' && m.event === name, `event ${name}`);
  }
}

const PROGRAM = `def scale(v, k):
    out = v * k
    return out

def total(items):
    acc = 0
    for i, v in enumerate(items):
        acc += scale(v, i + 1)
    return acc

data = [3, 4, 5]
result = total(data)
print("result", result)
`;

async function top(c: Client): Promise<{ name: string; line: number; id: number }> {
  const st = await c.request('stackTrace', { threadId: 1 });
  const frames = st.body.stackFrames as { name: string; line: number; id: number }[];
  return frames[0] as { name: string; line: number; id: number };
}

async function locals(c: Client, frameId: number): Promise<Record<string, string>> {
  const sc = await c.request('scopes', { frameId });
  const scopes = sc.body.scopes as { name: string; variablesReference: number }[];
  const ref = scopes.find((s) => s.name === 'Locals')?.variablesReference as number;
  const vars = await c.request('variables', { variablesReference: ref });
  return Object.fromEntries((vars.body.variables as { name: string; value: string }[]).map((v) => [v.name, v.value]));
}

function startAdapter(source: string): { c: Client; file: string; child: ChildProcessWithoutNullStreams; exited: Promise<number | null> } {
  const dir = mkdtempSync(join(tmpdir(), 'mpyts-dap-'));
  const file = join(dir, 'prog.py');
  writeFileSync(file, source);
  const child = spawn(process.execPath, ['--input-type=module', '-e',
    `const m = await import(${JSON.stringify(MAIN)}); process.exitCode = await m.main(['debug', '--dap']);`]);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { c: new Client(child), file, child, exited };
}

test('DAP: break, step, inspect locals, evaluate, continue to exit', async () => {
  const { c, file, child, exited } = startAdapter(PROGRAM);
  try {
    const init = await c.request('initialize', { adapterID: 'mpyts', linesStartAt1: true });
    assert.equal(init.body.supportsConfigurationDoneRequest, true);
    await c.event('initialized');
    const bp = await c.request('setBreakpoints', {
      source: { path: file },
      breakpoints: [{ line: 8 }, { line: 2, condition: 'k == 3' }],
    });
    assert.deepEqual((bp.body.breakpoints as { verified: boolean }[]).map((b) => b.verified), [true, true]);
    await c.request('configurationDone');
    await c.request('launch', { program: file });

    // breakpoint at line 8, first iteration
    let ev = await c.event('stopped');
    assert.equal(ev.body.reason, 'breakpoint');
    const threads = await c.request('threads');
    assert.deepEqual(threads.body.threads, [{ id: 1, name: 'main' }]);
    let st = await c.request('stackTrace', { threadId: 1 });
    const frames = st.body.stackFrames as { name: string; line: number; id: number; source: { path: string } }[];
    assert.deepEqual(frames.map((f) => [f.name, f.line]), [['total', 8], ['<module>', 12]]);
    assert.equal(frames[0]?.source.path, file);
    assert.deepEqual(await locals(c, 1), { items: '[3, 4, 5]', acc: '0', i: '0', v: '3' });
    // containers expand
    const sc = await c.request('scopes', { frameId: 1 });
    const lref = (sc.body.scopes as { name: string; variablesReference: number }[])[0]?.variablesReference as number;
    const lvars = (await c.request('variables', { variablesReference: lref })).body.variables as { name: string; variablesReference: number }[];
    const itemsRef = lvars.find((v) => v.name === 'items')?.variablesReference as number;
    assert.ok(itemsRef > 0);
    const kids = (await c.request('variables', { variablesReference: itemsRef })).body.variables as { name: string; value: string }[];
    assert.deepEqual(kids.map((k) => `${k.name}=${k.value}`), ['[0]=3', '[1]=4', '[2]=5']);
    const ev1 = await c.request('evaluate', { expression: 'v * 10 + i', frameId: 1, context: 'watch' });
    assert.equal(ev1.body.result, '30');
    const evMod = await c.request('evaluate', { expression: 'len(data)', frameId: 2 });
    assert.equal(evMod.body.result, '3');

    // step in: into scale()
    await c.request('stepIn', { threadId: 1 });
    ev = await c.event('stopped');
    assert.equal(ev.body.reason, 'step');
    let t = await top(c);
    assert.deepEqual([t.name, t.line], ['scale', 2]);
    assert.deepEqual(await locals(c, t.id), { v: '3', k: '1' });
    // step over inside scale
    await c.request('next', { threadId: 1 });
    await c.event('stopped');
    t = await top(c);
    assert.deepEqual([t.name, t.line], ['scale', 3]);
    assert.equal((await locals(c, t.id)).out, '3');
    // step out: back in total
    await c.request('stepOut', { threadId: 1 });
    await c.event('stopped');
    t = await top(c);
    assert.equal(t.name, 'total');
    // an evaluation error is an error response, not a crash
    const bad = c.send('evaluate', { expression: 'nope + 1', frameId: 1 });
    const badRes = await c.take((m) => m.request_seq === bad, 'evaluate error');
    assert.equal(badRes.success, false);
    assert.match(String(badRes.message), /NameError/);
    // keep only the conditional breakpoint in scale, which stops when k == 3 (third item)
    await c.request('setBreakpoints', { source: { path: file }, breakpoints: [{ line: 2, condition: 'k == 3' }] });
    await c.request('continue', { threadId: 1 });
    ev = await c.event('stopped');
    assert.equal(ev.body.reason, 'breakpoint');
    t = await top(c);
    assert.deepEqual([t.name, t.line], ['scale', 2]);
    assert.deepEqual(await locals(c, t.id), { v: '5', k: '3' });
    // remove all breakpoints and run to the end
    await c.request('setBreakpoints', { source: { path: file }, breakpoints: [] });
    await c.request('continue', { threadId: 1 });
    const ex = await c.event('exited');
    assert.equal(ex.body.exitCode, 0);
    await c.event('terminated');
    assert.ok(c.output.join('').includes('result 26\n'), c.output.join(''));
    st = await c.request('threads');
    await c.request('disconnect');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 10000).unref())]);
    assert.equal(code, 0);
  } finally {
    child.kill();
  }
});

test('DAP: stop on raised exceptions, pause a running program, disconnect', async () => {
  const { c, file, child, exited } = startAdapter(`def f():
    return {}['k']
try:
    f()
except KeyError:
    pass
x = 0
while True:
    x += 1
`);
  try {
    const init = await c.request('initialize', { adapterID: 'mpyts' });
    assert.deepEqual((init.body.exceptionBreakpointFilters as { filter: string }[]).map((f) => f.filter), ['raised']);
    await c.request('setExceptionBreakpoints', { filters: ['raised'] });
    await c.request('configurationDone');
    await c.request('launch', { program: file });
    let ev = await c.event('stopped');
    assert.equal(ev.body.reason, 'exception');
    assert.equal(ev.body.text, 'KeyError: k');
    const t = await top(c);
    assert.deepEqual([t.name, t.line], ['f', 2]);
    // A pause sent right after 'continue' may land before the program reaches its loop (lines 5-7):
    // then resume and pause again, a bounded number of times, until it stops inside the loop.
    let m = t;
    for (let i = 0; i < 20; i++) {
      await c.request('continue', { threadId: 1 });
      if (i > 0) await new Promise((res) => setTimeout(res, 20));
      await c.request('pause', { threadId: 1 });
      ev = await c.event('stopped');
      assert.equal(ev.body.reason, 'pause');
      m = await top(c);
      assert.equal(m.name, '<module>');
      assert.ok(m.line >= 5 && m.line <= 9, String(m.line));
      if (m.line >= 8) break;
    }
    assert.ok(m.line === 8 || m.line === 9, String(m.line));
    const r = await c.request('evaluate', { expression: 'x > 0', frameId: m.id });
    assert.equal(r.body.result, 'True');
    await c.request('disconnect');
    const code = await Promise.race([exited, new Promise((res) => setTimeout(() => res('still running'), 10000).unref())]);
    assert.equal(code, 0);
  } finally {
    child.kill();
  }
});
