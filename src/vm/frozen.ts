// Frozen modules: Python code built into the host program instead of read from a file system, the
// two kinds upstream has. FROZEN_STR keeps the source text and compiles it at import; FROZEN_MPY keeps
// .mpy bytes and runs them in place (only the qstr table and constants are built). As upstream, they
// are found through the virtual sys.path entry ".frozen": "<name>.py" is a file, "<pkg>/" a folder.
// Names are paths with a .py suffix for both kinds ("foo.py", "pkg/__init__.py"), as mp_frozen_names.

export interface FrozenModule {
  /** Path below .frozen/, e.g. "foo.py" or "pkg/__init__.py". */
  readonly name: string;
  /** FROZEN_STR: source text. */
  readonly source?: string;
  /** FROZEN_MPY: .mpy bytes, executed in place. */
  readonly mpy?: Uint8Array;
}

export const FROZEN_PREFIX = '.frozen/';

const registry = new Map<string, FrozenModule>();

/**
 * Adds modules to the process-wide frozen set that every VM created afterwards sees (what a
 * `mpyts freeze` output module calls when imported). A later registration of a name replaces it.
 */
export function registerFrozenModules(modules: Iterable<FrozenModule>): void {
  for (const m of modules) registry.set(m.name, m);
}

/** The frozen table of one VM: the registry plus the modules given to createVM. */
export class FrozenTable {
  private readonly byName: Map<string, FrozenModule>;
  constructor(extra: Iterable<FrozenModule> = []) {
    this.byName = new Map(registry);
    for (const m of extra) this.byName.set(m.name, m);
  }

  get size(): number {
    return this.byName.size;
  }

  /** mp_find_frozen_module's stat: an exact name is a file, a prefix up to '/' is a folder. */
  stat(path: string): 'file' | 'dir' | undefined {
    if (!path.startsWith(FROZEN_PREFIX)) return undefined;
    const q = path.slice(FROZEN_PREFIX.length);
    if (this.byName.has(q)) return 'file';
    for (const name of this.byName.keys()) if (name.length > q.length && name.startsWith(q) && name[q.length] === '/') return 'dir';
    return undefined;
  }

  /** The frozen entry for a ".frozen/..." path, if any. */
  get(path: string): FrozenModule | undefined {
    return path.startsWith(FROZEN_PREFIX) ? this.byName.get(path.slice(FROZEN_PREFIX.length)) : undefined;
  }
}
