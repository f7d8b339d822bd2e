// Node.js adapter for the VM's host interface: files through fs, output through process streams.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { HostError, type HostFs, type HostStat } from '../vm/hostfs.js';
import type { VmHost } from '../vm/index.js';

export interface NodeHostOptions {
  /** Collect output instead of writing to the process streams (tests). */
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  /** Base directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  stdin?: string;
  /** The reader of descriptor 0 (shared with the REPL so typed-ahead input is not lost). */
  stdinReader?: FdReader;
}

export function createNodeHost(opts: NodeHostOptions = {}): VmHost {
  // os.chdir moves this virtual current directory (never process.chdir: several VMs may share a process).
  let cwd: string | undefined = opts.cwd;
  const resolve = (p: string): string => (cwd && !p.startsWith('/') ? `${cwd}/${p}` : p);
  // Standard input is read on demand (input() in a program, the REPL's keys), never all at once: an
  // interactive user types as the program runs.
  const stdinReader = opts.stdin !== undefined ? undefined : opts.stdinReader ?? new FdReader(0);
  let stdinText = opts.stdin;
  const readStdinLine = (): string | undefined => {
    if (stdinText !== undefined) {
      if (stdinText === '') return undefined;
      const nl = stdinText.indexOf('\n');
      const line = nl < 0 ? stdinText : stdinText.slice(0, nl);
      stdinText = nl < 0 ? '' : stdinText.slice(nl + 1);
      return line;
    }
    return stdinReader?.readLine();
  };
  return {
    stdout: opts.stdout ?? ((s) => writeFd(1, s)),
    stderr: opts.stderr ?? ((s) => writeFd(2, s)),
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
    readLine: readStdinLine,
    now: () => performance.now(),
    fs: createNodeFs(resolve, () => cwd ?? process.cwd(), (d) => {
      cwd = d;
    }),
  };
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms` (a descriptor that is non-blocking said "try again"). */
function sleepMs(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * Writes synchronously and completely, so stdout and stderr stay in order and nothing is lost at exit
 * (process.stdout is asynchronous for pipes in a worker thread).
 */
export function writeFd(fd: number, s: string | Uint8Array): void {
  const buf = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') sleepMs(1);
      else if (code === 'EPIPE') return;
      else throw e;
    }
  }
}

/** Blocking byte/line reads from a file descriptor. */
export class FdReader {
  private buf = new Uint8Array(0);
  private pos = 0;
  private eof = false;
  constructor(private readonly fd: number) {}

  private fill(): boolean {
    if (this.eof) return false;
    const chunk = new Uint8Array(4096);
    for (;;) {
      try {
        const n = fs.readSync(this.fd, chunk, 0, chunk.length, null);
        if (n === 0) {
          this.eof = true;
          return false;
        }
        this.buf = chunk.subarray(0, n);
        this.pos = 0;
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') sleepMs(5);
        else if (code === 'EINTR') continue;
        else {
          this.eof = true;
          return false;
        }
      }
    }
  }

  /**
   * Drops a line ending that arrived in the same read as the byte just consumed. The unix REPL's
   * tcsetattr(TCSAFLUSH) before running code discards such input (e.g. the Enter typed after Ctrl-D in
   * paste mode); later input is kept, since this VM may take longer to run code than the C one.
   */
  dropPendingNewline(): void {
    const b = this.buf[this.pos];
    if (this.pos < this.buf.length && (b === 10 || b === 13)) this.pos++;
  }

  /** One byte, or -1 at end of input. */
  readByte(): number {
    if (this.pos >= this.buf.length && !this.fill()) return -1;
    return this.buf[this.pos++] as number;
  }

  /** One line without its newline (UTF-8), or undefined at end of input. */
  readLine(): string | undefined {
    const bytes: number[] = [];
    for (;;) {
      const b = this.readByte();
      if (b < 0) {
        if (bytes.length === 0) return undefined;
        break;
      }
      if (b === 10) break;
      bytes.push(b);
    }
    return Buffer.from(bytes).toString('utf8');
  }

  /** Everything left (a program piped into `micropython`). */
  readAll(): Uint8Array {
    const parts: Uint8Array[] = [this.buf.subarray(this.pos)];
    while (this.fill()) parts.push(this.buf);
    this.pos = this.buf.length;
    return Buffer.concat(parts);
  }
}

/** POSIX numbers of the error codes Node reports (Linux values, as the unix port's errno module has). */
const ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EBUSY: 16, EEXIST: 17, EXDEV: 18,
  ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOSPC: 28, EROFS: 30, EMLINK: 31,
  ENAMETOOLONG: 36, ENOTEMPTY: 39, ELOOP: 40, EOPNOTSUPP: 95,
};

/** Runs a node:fs call, turning its failure into HostError(errno). */
function hostCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const n = (code !== undefined ? ERRNO[code] : undefined) ?? Math.abs((e as NodeJS.ErrnoException).errno ?? 5);
    throw new HostError(n);
  }
}

function createNodeFs(resolve: (p: string) => string, getcwd: () => string, setcwd: (d: string) => void): HostFs {
  const toStat = (st: fs.Stats): HostStat => ({
    mode: st.mode, ino: st.ino, dev: st.dev, nlink: st.nlink, uid: st.uid, gid: st.gid, size: st.size,
    atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000), ctime: Math.floor(st.ctimeMs / 1000),
  });
  return {
    listdir: (p) => hostCall(() => {
      const dir = resolve(p === '' ? '.' : p);
      return fs.readdirSync(dir, { withFileTypes: true }).map((d) => {
        let ino = 0;
        try {
          ino = fs.lstatSync(`${dir}/${d.name}`).ino;
        } catch {
          // entry vanished: keep ino 0
        }
        const type = d.isDirectory() ? 0o040000 : d.isFile() ? 0o100000 : d.isSymbolicLink() ? 0o120000 : 0;
        return { name: d.name, type, ino };
      });
    }),
    stat: (p) => hostCall(() => toStat(fs.statSync(resolve(p)))),
    mkdir: (p) => hostCall(() => fs.mkdirSync(resolve(p))),
    rmdir: (p) => hostCall(() => fs.rmdirSync(resolve(p))),
    remove: (p) => hostCall(() => {
      // unlink(2) on a directory: Node reports EISDIR or EPERM by platform; Linux says EISDIR
      if (fs.lstatSync(resolve(p)).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      fs.unlinkSync(resolve(p));
    }),
    rename: (a, b) => hostCall(() => fs.renameSync(resolve(a), resolve(b))),
    // getcwd(3) fails with ENOENT once the directory has been removed
    getcwd: () => hostCall(() => {
      const d = getcwd();
      fs.statSync(d);
      return d;
    }),
    chdir: (p) => hostCall(() => {
      const d = resolve(p);
      if (!fs.statSync(d).isDirectory()) throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
      setcwd(fs.realpathSync(d));
    }),
    statvfs: (p) => hostCall(() => {
      const v = fs.statfsSync(resolve(p));
      return [v.bsize, v.bsize, v.blocks, v.bfree, v.bavail, v.files, v.ffree, v.ffree, 0, 255];
    }),
    getenv: (name) => process.env[name],
    putenv: (name, value) => {
      process.env[name] = value;
    },
    unsetenv: (name) => {
      delete process.env[name];
    },
    system: (command) => {
      const r = spawnSync('/bin/sh', ['-c', command], { stdio: 'inherit', cwd: getcwd() });
      // like system(3): the raw wait status (exit code in the high byte)
      return r.status !== null ? r.status << 8 : 0x7f00;
    },
  };
}
