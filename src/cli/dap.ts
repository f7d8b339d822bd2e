// `mpyts debug --dap [FILE.py]`: a Debug Adapter Protocol server over stdio. This thread frames and
// answers the protocol; the program runs under src/debug in a worker (dap-worker.ts), which blocks at
// stops and takes forwarded requests synchronously. Supported: initialize, launch, setBreakpoints
// (with conditions), setExceptionBreakpoints ('raised'), configurationDone, threads, stackTrace,
// scopes, variables (expandable lists, tuples, dicts, instances), evaluate, continue, next, stepIn,
// stepOut, pause, disconnect/terminate.
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { SourceBreakpoint } from '../debug/index.js';
import type { WorkerInput, WorkerMessage, WorkerRequest } from './dap-worker.js';

interface DapRequest {
  seq: number;
  type: 'request';
  command: string;
  arguments?: Record<string, unknown>;
}

const USAGE = 'usage: mpyts debug --dap [FILE.py]   (Debug Adapter Protocol on stdin/stdout)\n';

export function dapCommand(argv: string[]): Promise<number> {
  if (argv[0] !== '--dap') {
    process.stderr.write(USAGE);
    return Promise.resolve(2);
  }
  const server = new DapServer(argv[1]);
  return server.run();
}

class DapServer {
  private seq = 1;
  private buf = Buffer.alloc(0);
  private launchArgs: Record<string, unknown> | undefined;
  private configured = false;
  private worker: Worker | undefined;
  private port: MessageChannel['port1'] | undefined;
  private readonly shared = new SharedArrayBuffer(12);
  private readonly flags = new Int32Array(this.shared);
  private stopped = false;
  private readonly breakpoints = new Map<string, SourceBreakpoint[]>();
  private stopOnException = false;
  /** requests forwarded to the worker, by seq */
  private readonly pending = new Map<number, DapRequest>();
  private done!: (code: number) => void;

  constructor(private readonly defaultProgram: string | undefined) {}

  run(): Promise<number> {
    return new Promise((resolve) => {
      this.done = resolve;
      process.stdin.on('data', (d: Buffer) => this.onData(d));
      process.stdin.on('end', () => this.shutdown(0));
    });
  }

  private send(msg: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify({ seq: this.seq++, ...msg }), 'utf8');
    process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
    process.stdout.write(body);
  }

  private respond(req: DapRequest, body: unknown = {}, error?: string): void {
    this.send({
      type: 'response', request_seq: req.seq, command: req.command, success: error === undefined,
      ...(error !== undefined ? { message: error } : {}), body,
    });
  }

  private event(event: string, body: unknown = {}): void {
    this.send({ type: 'event', event, body });
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) {
        this.buf = this.buf.subarray(headerEnd + 4);
        continue;
      }
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      let req: DapRequest;
      try {
        req = JSON.parse(body) as DapRequest;
      } catch {
        continue;
      }
      if (req.type === 'request') this.onRequest(req);
    }
  }

  /** Hands a request to the stopped worker and wakes it. */
  private forward(req: DapRequest, args: Record<string, unknown>, control = false): void {
    const msg: WorkerRequest = { seq: req.seq, command: req.command, arguments: args };
    this.port?.postMessage(msg);
    if (control) Atomics.store(this.flags, 2, 1);
    Atomics.store(this.flags, 0, 1);
    Atomics.notify(this.flags, 0);
  }

  private onRequest(req: DapRequest): void {
    const args = req.arguments ?? {};
    switch (req.command) {
      case 'initialize':
        this.respond(req, {
          supportsConfigurationDoneRequest: true,
          supportsConditionalBreakpoints: true,
          supportsEvaluateForHovers: true,
          supportsTerminateRequest: true,
          exceptionBreakpointFilters: [{ filter: 'raised', label: 'Raised exceptions', default: false }],
        });
        this.event('initialized');
        return;
      case 'launch':
        this.launchArgs = args;
        this.respond(req);
        this.maybeStart();
        return;
      case 'attach':
        this.respond(req, {}, 'attach is not supported: use launch');
        return;
      case 'configurationDone':
        this.configured = true;
        this.respond(req);
        this.maybeStart();
        return;
      case 'setBreakpoints': {
        const source = args.source as { path?: string } | undefined;
        const file = source?.path ?? '';
        const list = ((args.breakpoints as { line: number; condition?: string }[] | undefined) ?? []).map((b) => ({
          line: b.line, ...(b.condition ? { condition: b.condition } : {}),
        }));
        this.breakpoints.set(file, list);
        if (this.worker !== undefined) this.forward({ ...req, seq: -1 }, { path: file, breakpoints: list }, !this.stopped);
        this.respond(req, { breakpoints: list.map((b) => ({ verified: true, line: b.line })) });
        return;
      }
      case 'setExceptionBreakpoints': {
        const filters = Array.isArray(args.filters) ? args.filters.map(String) : [];
        this.stopOnException = filters.includes('raised');
        if (this.worker !== undefined) this.forward({ ...req, seq: -1 }, { filters }, !this.stopped);
        this.respond(req, { breakpoints: filters.map(() => ({ verified: true })) });
        return;
      }
      case 'threads':
        this.respond(req, { threads: [{ id: 1, name: 'main' }] });
        return;
      case 'stackTrace':
      case 'scopes':
      case 'variables':
      case 'evaluate':
        if (!this.stopped || this.worker === undefined) {
          this.respond(req, {}, 'the program is running (pause it first)');
          return;
        }
        this.pending.set(req.seq, req);
        this.forward(req, args);
        return;
      case 'continue':
      case 'next':
      case 'stepIn':
      case 'stepOut':
        if (!this.stopped) {
          this.respond(req, {}, 'the program is not stopped');
          return;
        }
        this.stopped = false;
        this.forward(req, args);
        this.respond(req, req.command === 'continue' ? { allThreadsContinued: true } : {});
        this.event('continued', { threadId: 1, allThreadsContinued: true });
        return;
      case 'pause':
        Atomics.store(this.flags, 1, 1);
        this.respond(req);
        return;
      case 'disconnect':
      case 'terminate':
        this.respond(req);
        if (req.command === 'terminate') this.event('terminated');
        this.shutdown(0);
        return;
      default:
        this.respond(req, {}, `unsupported request '${req.command}'`);
    }
  }

  private maybeStart(): void {
    if (this.worker !== undefined || this.launchArgs === undefined || !this.configured) return;
    const a = this.launchArgs;
    const program = typeof a.program === 'string' ? a.program : this.defaultProgram;
    if (program === undefined) {
      this.event('output', { category: 'stderr', output: 'mpyts: no program to debug (launch "program" or FILE argument)\n' });
      this.event('terminated');
      return;
    }
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const input: WorkerInput = {
      program: typeof a.cwd === 'string' ? path.resolve(a.cwd, program) : program,
      args: Array.isArray(a.args) ? a.args.map(String) : [],
      stopOnEntry: a.stopOnEntry === true,
      breakpoints: [...this.breakpoints],
      stopOnException: this.stopOnException,
      port: port2,
      shared: this.shared,
    };
    // --input-type (node -e launchers) is refused by workers; other flags are kept
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const w = new Worker(new URL('./dap-worker.js', import.meta.url), { workerData: input, transferList: [port2], execArgv });
    this.worker = w;
    w.on('message', (m: WorkerMessage) => this.onWorker(m));
    w.on('error', (e) => {
      this.event('output', { category: 'stderr', output: `mpyts debug: ${e.message}\n` });
      this.finish(1);
    });
  }

  private onWorker(m: WorkerMessage): void {
    switch (m.type) {
      case 'output':
        this.event('output', { category: m.category, output: m.output });
        return;
      case 'stopped':
        this.stopped = true;
        this.event('stopped', {
          reason: m.reason, threadId: 1, allThreadsStopped: true, ...(m.text !== undefined ? { text: m.text } : {}),
        });
        return;
      case 'response': {
        const req = this.pending.get(m.seq);
        if (req === undefined) return;
        this.pending.delete(m.seq);
        this.respond(req, m.body ?? {}, m.error);
        return;
      }
      case 'exited':
        this.finish(m.code);
        return;
    }
  }

  private finished = false;
  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.stopped = false;
    this.event('exited', { exitCode: code });
    this.event('terminated');
  }

  private shutdown(code: number): void {
    void this.worker?.terminate();
    this.worker = undefined;
    // an open port would keep the process alive
    this.port?.close();
    this.port = undefined;
    // a stdin pipe that has been read keeps the process alive even when paused
    process.stdin.destroy();
    this.done(code);
  }
}
