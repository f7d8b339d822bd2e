// Node.js adapter for the VM's host interface: files through fs, output through process streams.
import * as fs from 'node:fs';
import type { VmHost } from '../vm/index.js';

export interface NodeHostOptions {
  /** Collect output instead of writing to the process streams (tests). */
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  /** Base directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  stdin?: string;
}

export function createNodeHost(opts: NodeHostOptions = {}): VmHost {
  const resolve = (p: string): string => (opts.cwd && !p.startsWith('/') ? `${opts.cwd}/${p}` : p);
  let stdinLines: string[] | undefined;
  const readStdin = (): string[] => {
    if (stdinLines === undefined) {
      let text = opts.stdin;
      if (text === undefined) {
        try {
          text = fs.readFileSync(0, 'utf8');
        } catch {
          text = '';
        }
      }
      stdinLines = text.split('\n');
      if (stdinLines[stdinLines.length - 1] === '') stdinLines.pop();
    }
    return stdinLines;
  };
  return {
    stdout: opts.stdout ?? ((s) => process.stdout.write(s)),
    stderr: opts.stderr ?? ((s) => process.stderr.write(s)),
    readFile(path) {
      try {
        return new Uint8Array(fs.readFileSync(resolve(path)));
      } catch {
        return undefined;
      }
    },
    writeFile(path, data) {
      fs.writeFileSync(resolve(path), data);
    },
    stat(path) {
      try {
        const st = fs.statSync(resolve(path === '' ? '.' : path));
        return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    readLine() {
      return readStdin().shift();
    },
    now: () => performance.now(),
  };
}
