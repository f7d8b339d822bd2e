// Entry point of the `mpyts` command: dispatches to the subcommands.
import { readFileSync } from 'node:fs';
import { compile, compileModule } from '../compile/index.js';
import { writeMpy } from '../mpy/writer.js';
import { crossCommand } from './cross.js';
import { dapCommand } from './dap.js';
import { freezeCommand } from './freeze.js';
import { runCommand, setCompiler, type RunOptions } from './run.js';
import { toolCommand, type CliIO } from './tool.js';

const HELP = `usage: mpyts <command> [args...]

commands:
  cross   compile .py to .mpy (mpy-cross of MicroPython v1.28.0, emitting mpy v6.3)
  tool    inspect, dump and merge .mpy files (tools/mpy-tool.py)
  run     run .py or .mpy programs (the unix port's micropython)
  debug   debug a .py program: --dap speaks the Debug Adapter Protocol on stdin/stdout
  freeze  freeze .py files, folders and manifest.py files into a JS module for the VM, or C (--c)
`;

const nodeIO: CliIO = {
  stdout: (d) => void process.stdout.write(d),
  stderr: (d) => void process.stderr.write(d),
};

export async function main(argv: readonly string[], runOpts: RunOptions = {}): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'tool':
      return toolCommand(rest, nodeIO);
    case 'cross':
      return crossCommand(rest, { ...nodeIO, stdin: () => new Uint8Array(readFileSync(0)), isTTY: process.stderr.isTTY === true }, compile);
    case 'freeze':
      return freezeCommand(rest, nodeIO);
    case 'debug':
      return dapCommand(rest);
    case 'run':
      // The VM never imports the compiler; it is injected here, where the package is wired together.
      setCompiler((source, fileName, mode, optimize, emit) =>
        writeMpy(compileModule(source, {
          fileName, mode: mode === undefined || mode === 'exec' ? 'file' : mode, settrace: true, optimize: optimize ?? 0,
          forVm: true, emit: emit ?? 'bytecode',
        })),
      );
      return runCommand(rest, runOpts);
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`mpyts: unknown command '${cmd}'\n${HELP}`);
      return 2;
  }
}
