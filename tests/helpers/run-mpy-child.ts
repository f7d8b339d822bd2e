// Child-process entry used by the corpus test: runs one .mpy as `micropython -m NAME` would (cwd is
// the folder holding it) and exits with the VM's exit code. Kept out of the test process so a hang
// or crash in one program cannot take the whole suite down.
import { runCommand } from '../../src/cli/run.js';

const args = process.argv.slice(2);
const code = await runCommand(args);
process.exitCode = code;
