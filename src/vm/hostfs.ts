// The optional operating-system part of the VM host: directories, metadata, environment, randomness.
// The os module (src/modules/os.ts) is built on it; src/cli/node-host.ts implements it with node:fs, a
// browser host may leave it out (os functions then raise OSError(ENODEV)). Kept in its own file so the
// VM core and the module registry can both name these types without depending on each other.

/** A failed host operation: `errno` is the POSIX number (2 = ENOENT, 17 = EEXIST, ...). */
export class HostError extends Error {
  constructor(public errno: number) {
    super(`host error ${errno}`);
  }
}

/** os.stat()'s fields, in the order of the tuple it returns. */
export interface HostStat {
  mode: number;
  ino: number;
  dev: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
}

/** One directory entry as os.ilistdir reports it: type is the S_IFMT bits (0o040000 dir, 0o100000 file). */
export interface HostDirEntry {
  name: string;
  type: number;
  ino: number;
}

/** Every method may throw HostError; relative paths are relative to the host's current directory. */
export interface HostFs {
  listdir(path: string): HostDirEntry[];
  stat(path: string): HostStat;
  mkdir(path: string): void;
  rmdir(path: string): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  getcwd(): string;
  chdir(path: string): void;
  /** (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax) */
  statvfs(path: string): number[];
  getenv(name: string): string | undefined;
  putenv(name: string, value: string): void;
  unsetenv(name: string): void;
  /** Exit status of a shell command (os.system). */
  system?(command: string): number;
}
