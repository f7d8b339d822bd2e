// Registry of native (builtin) modules: src/modules/*.ts register a factory here; the VM creates each
// module on first import. Kept separate from vm/index.ts so module files can register without cycles.
import { dictFromMap } from '../objects/dict.js';
import { PyBuiltin, PyModule, type NativeFn, type PyObj } from '../objects/object.js';
import type { HostFs } from './hostfs.js';
import type { VfsTable } from './vfs.js';

/** What a native module may use from its VM instance. */
export interface ModuleHost {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): Uint8Array | undefined;
  writeFile?(path: string, data: Uint8Array): void;
  stat(path: string): 'file' | 'dir' | undefined;
  now?(): number;
  /** Directories, metadata and environment for the os module (absent: os raises OSError). */
  fs?: HostFs;
  /** The VM's mount table: open(), os and import resolve paths through it (absent: the host directly). */
  vfs?: VfsTable;
}

export type NativeModuleFactory = (host: ModuleHost) => PyModule;
export const nativeModules = new Map<string, NativeModuleFactory>();

export function registerNativeModule(name: string, factory: NativeModuleFactory): void {
  nativeModules.set(name, factory);
}

/** Builds a module from attributes; functions given as NativeFn are wrapped as builtins. */
export function makeModule(name: string, attrs: Record<string, PyObj | NativeFn>): PyModule {
  const m = new Map<string, PyObj>([['__name__', name]]);
  for (const [k, v] of Object.entries(attrs)) m.set(k, typeof v === 'function' ? new PyBuiltin(k, v) : v);
  const mod = new PyModule(name, dictFromMap(m));
  mod.tableOrder = [...m.keys()];
  return mod;
}
