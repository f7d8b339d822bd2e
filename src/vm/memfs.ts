// An in-memory file tree: the storage behind `vfs.VfsMemory` (mountable from Python, or given to
// createVM as a mount so a browser has a writable file system with directories). Plain TypeScript with
// no host dependency; failures are HostError with the POSIX errno a Linux file system would report.
// Paths are absolute within the tree ('/' is its root); '.' and '..' components are resolved here, so
// the VFS object above it only has to join its current directory with relative paths.
import { HostError } from './hostfs.js';

const ENOENT = 2;
const EEXIST = 17;
const ENOTDIR = 20;
const EISDIR = 21;
const EINVAL = 22;
const ENOSPC = 28;
const ENOTEMPTY = 39;

export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

interface MemFile {
  kind: 'file';
  data: Uint8Array;
  ino: number;
  mtime: number;
}
interface MemDir {
  kind: 'dir';
  entries: Map<string, MemNode>;
  ino: number;
  mtime: number;
}
type MemNode = MemFile | MemDir;

/** The components of an absolute path with '.' and '..' applied ('..' at the root stays at the root). */
export function normalizePath(path: string): string[] {
  const out: string[] = [];
  for (const c of path.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return out;
}

export class MemoryFs {
  private root: MemDir;
  private nextIno = 1;
  private used = 0;
  /** Seconds since the epoch for new and changed entries (a browser has no other clock to agree with). */
  now: () => number = () => Math.floor(Date.now() / 1000);

  /**
   * `files`: initial contents, path → text or bytes (parent directories are created). `capacity`: bytes
   * of file data the tree may hold (ENOSPC beyond it; statvfs reports it), 16 MiB unless given.
   */
  constructor(files?: Record<string, string | Uint8Array>, readonly capacity = 16 * 1024 * 1024) {
    this.root = { kind: 'dir', entries: new Map(), ino: this.nextIno++, mtime: 0 };
    if (files) {
      for (const [p, content] of Object.entries(files)) {
        const parts = normalizePath(p);
        // create missing parent directories, as a preloaded tree would have them
        for (let i = 1; i < parts.length; i++) {
          const dir = '/' + parts.slice(0, i).join('/');
          if (this.kind(dir) === undefined) this.mkdir(dir);
        }
        this.writeFile(p, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      }
    }
  }

  private find(path: string): MemNode | undefined {
    let node: MemNode = this.root;
    for (const c of normalizePath(path)) {
      if (node.kind !== 'dir') throw new HostError(ENOTDIR);
      const next = node.entries.get(c);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  private need(path: string): MemNode {
    return this.find(path) ?? fail(ENOENT);
  }

  /** The directory that holds `path` and the entry's name (ENOENT if the directory is missing). */
  private parent(path: string): { dir: MemDir; name: string } {
    const parts = normalizePath(path);
    const name = parts.pop();
    if (name === undefined) throw new HostError(EEXIST);
    const dir = this.find('/' + parts.join('/')) ?? fail(ENOENT);
    if (dir.kind !== 'dir') throw new HostError(ENOTDIR);
    return { dir, name };
  }

  /** Empties the tree (mount with mkfs=True). */
  clear(): void {
    this.root.entries.clear();
    this.used = 0;
  }

  kind(path: string): 'file' | 'dir' | undefined {
    try {
      const n = this.find(path);
      return n === undefined ? undefined : n.kind;
    } catch {
      return undefined;
    }
  }

  readFile(path: string): Uint8Array {
    const n = this.need(path);
    if (n.kind === 'dir') throw new HostError(EISDIR);
    return n.data;
  }

  /** Creates or replaces a file (the data is kept, not copied: callers pass a fresh array). */
  writeFile(path: string, data: Uint8Array): void {
    const { dir, name } = this.parent(path);
    const old = dir.entries.get(name);
    if (old?.kind === 'dir') throw new HostError(EISDIR);
    const used = this.used - (old?.data.length ?? 0) + data.length;
    if (used > this.capacity) throw new HostError(ENOSPC);
    this.used = used;
    if (old) {
      old.data = data;
      old.mtime = this.now();
    } else {
      dir.entries.set(name, { kind: 'file', data, ino: this.nextIno++, mtime: this.now() });
      dir.mtime = this.now();
    }
  }

  mkdir(path: string): void {
    const { dir, name } = this.parent(path);
    if (dir.entries.has(name)) throw new HostError(EEXIST);
    dir.entries.set(name, { kind: 'dir', entries: new Map(), ino: this.nextIno++, mtime: this.now() });
    dir.mtime = this.now();
  }

  rmdir(path: string): void {
    if (normalizePath(path).length === 0) throw new HostError(EINVAL);
    const { dir, name } = this.parent(path);
    const n = dir.entries.get(name) ?? fail(ENOENT);
    if (n.kind !== 'dir') throw new HostError(ENOTDIR);
    if (n.entries.size > 0) throw new HostError(ENOTEMPTY);
    dir.entries.delete(name);
  }

  remove(path: string): void {
    const { dir, name } = this.parent(path);
    const n = dir.entries.get(name) ?? fail(ENOENT);
    if (n.kind === 'dir') throw new HostError(EISDIR);
    dir.entries.delete(name);
    this.used -= n.data.length;
  }

  rename(from: string, to: string): void {
    const src = this.parent(from);
    const n = src.dir.entries.get(src.name) ?? fail(ENOENT);
    const dst = this.parent(to);
    // a directory cannot move into itself
    if (n.kind === 'dir' && (normalizePath(to).join('/') + '/').startsWith(normalizePath(from).join('/') + '/')) {
      throw new HostError(EINVAL);
    }
    const old = dst.dir.entries.get(dst.name);
    if (old && old !== n) {
      if (old.kind === 'dir' && n.kind !== 'dir') throw new HostError(EISDIR);
      if (old.kind !== 'dir' && n.kind === 'dir') throw new HostError(ENOTDIR);
      if (old.kind === 'dir' && old.entries.size > 0) throw new HostError(ENOTEMPTY);
      if (old.kind === 'file') this.used -= old.data.length;
    }
    src.dir.entries.delete(src.name);
    dst.dir.entries.set(dst.name, n);
  }

  /** Entries in insertion order: name, S_IFDIR/S_IFREG, inode number. */
  listdir(path: string): { name: string; type: number; ino: number }[] {
    const n = this.need(path);
    if (n.kind !== 'dir') throw new HostError(ENOTDIR);
    return [...n.entries].map(([name, e]) => ({ name, type: e.kind === 'dir' ? S_IFDIR : S_IFREG, ino: e.ino }));
  }

  /** os.stat()'s ten fields. */
  stat(path: string): number[] {
    const n = this.need(path);
    const mode = n.kind === 'dir' ? S_IFDIR | 0o755 : S_IFREG | 0o644;
    const size = n.kind === 'dir' ? 0 : n.data.length;
    return [mode, n.ino, 0, 1, 0, 0, size, n.mtime, n.mtime, n.mtime];
  }

  /** Bytes held by files (statvfs reports usage in 512-byte blocks). */
  usedBytes(): number {
    return this.used;
  }
}

function fail(errno: number): never {
  throw new HostError(errno);
}
