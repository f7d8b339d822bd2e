// What the bin/ launchers call. `run` goes to a worker thread (run-worker.ts) so that this thread can
// receive SIGINT while the VM computes: a busy event loop never runs signal handlers. Everything else,
// and `run` inside the worker, goes straight to main.ts. Kept free of heavy imports: the worker loads the
// VM and compiler itself, so this thread should not load them too.
import { isMainThread, SHARE_ENV, Worker } from 'node:worker_threads';

/**
 * Runs `mpyts run` in a worker while this thread handles SIGINT: each Ctrl-C sets the shared interrupt
 * flag (KeyboardInterrupt at the program's next loop branch); a third one, for a program stuck where the
 * flag is never polled, ends the process as an uncaught SIGINT would (status 130).
 */
function runInWorker(argv: string[]): Promise<number> {
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./run-worker.js', import.meta.url), {
    workerData: { argv, interrupt, argv0: process.argv[1] }, env: SHARE_ENV, stdout: false, stderr: false,
  });
  let sigints = 0;
  const onSigint = (): void => {
    Atomics.store(interrupt, 0, 2);
    if (++sigints >= 3) process.exit(130);
  };
  process.on('SIGINT', onSigint);
  return new Promise((resolve) => {
    worker.on('error', (e) => {
      process.stderr.write(`mpyts: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      resolve(1);
    });
    worker.on('exit', (code) => {
      process.off('SIGINT', onSigint);
      resolve(code);
    });
  });
}

export async function launch(argv: string[]): Promise<number> {
  if (argv[0] === 'run' && isMainThread && process.env.MPYTS_NO_WORKER === undefined) return runInWorker(argv.slice(1));
  const { main } = await import('./main.js');
  return main(argv, { argv0: process.argv[1] });
}
