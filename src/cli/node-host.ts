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
}

export function createNodeHost(opts: NodeHostOptions = {}): VmHost {
  // os.chdir moves this virtual current directory (never process.chdir: several VMs may share a process).
  let cwd: string | undefined = opts.cwd;
  const resolve = (p: string): string => (cwd && !p.startsWith('/') ? `${cwd}/${p}` : p);
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
    fs: createNodeFs(resolve, () => cwd ?? process.cwd(), (d) => {
      cwd = d;
    }),
  };
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
    getcwd,
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
