// Child-process entry used by the corpus test: runs one module as `micropython -m NAME` would (cwd is
// the folder holding its .mpy), writing stderr into stdout so the order matches `2>&1`, and exits with
// the VM's exit code. Kept out of the test process so a hang or crash cannot take the suite down.
import { createNodeHost } from '../../src/cli/node-host.js';
import { createVM } from '../../src/vm/index.js';

const name = process.argv[2] ?? '';
const host = createNodeHost({ stderr: (s) => process.stdout.write(s), stdin: '' });
const vm = createVM({ host, argv: [name] });
process.exitCode = vm.runModule(name);
