// Worker-thread entry of `mpyts run` (see launch.ts): runs the command with the interrupt flag the main
// thread sets on SIGINT, then ends the thread with the exit status.
import { workerData } from 'node:worker_threads';
import { main } from './main.js';

const data = workerData as { argv: string[]; interrupt: Int32Array; argv0?: string };
process.exit(await main(['run', ...data.argv], { interruptBuffer: data.interrupt, ...(data.argv0 ? { argv0: data.argv0 } : {}) }));
