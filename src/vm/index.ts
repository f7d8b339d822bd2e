// Public API of the VM: createVM({ host, compile?, argv }) -> { runMpy, runModule, runSource }.
// Everything host-specific (files, output, stdin) goes through VmHost, so this core runs in browsers.
// The VM never imports the compiler: .py sources go through the injected `compile` function.
import { dictFromMap, newDict, PyDict } from '../objects/dict.js';
import {
  BUILTIN_EXCEPTIONS, excMsg, ImportErrorType, PyException, SystemExitType, typeError, valueError,
} from '../objects/exceptions.js';
import {
  NoneObj, PrintKind, PyList, PyModule, PyObject, PyTuple, PyType, setHeapLockDepth, type KwArgs, type PyObj,
} from '../objects/object.js';
import { makeBuiltins } from './builtins.js';
import type { Code } from './code.js';
import { callAny, resetInterpreter, runModuleCode } from './interp.js';
import { loadMpy } from './loader.js';
import { printObj, rt, str, toArray, typeName } from './runtime.js';
import { vmState, type EmitKind } from './state.js';
import { loadAttr, loadAttrMaybe } from './attr.js';
import { makeSysModule, type SysState } from '../modules/sys.js';
import { makeMicropythonModule } from '../modules/micropython.js';
import { FROZEN_PREFIX, FrozenTable, type FrozenModule } from './frozen.js';
import './gen.js';
import '../objects/all.js';
import '../modules/all.js';
import { nativeModules } from './modules.js';
import type { HostFs } from './hostfs.js';
import type { ModuleHost } from './modules.js';
import type { MemoryFs } from './memfs.js';
import { VfsTable } from './vfs.js';
import { makeVfsPosix, VfsMemoryObj } from '../modules/vfs.js';
import { openViaVfs } from '../modules/io.js';

/** File-system and console access the VM needs; implemented by src/cli/node-host.ts or a browser shim. */
export interface VmHost {
  stdout(text: string): void;
  stderr(text: string): void;
  /** File contents, or undefined if there is no such file. */
  readFile(path: string): Uint8Array | undefined;
  /** Creates or replaces a file (open() for writing); absent on read-only hosts. */
  writeFile?(path: string, data: Uint8Array): void;
  /** 'file', 'dir', or undefined when the path does not exist. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** One line of standard input without its newline, or undefined at end of input. */
  readLine?(): string | undefined;
  /** Monotonic milliseconds (time module). */
  now?(): number;
  /** Directories, metadata and environment (os module); optional. */
  fs?: HostFs;
}

/**
 * Compiles Python source to .mpy bytes (injected by the wiring layer; raises on syntax errors).
 * `optimize` is the current optimisation level (`micropython -O<N>`, micropython.opt_level()).
 */
/**
 * Compiles source to .mpy bytes. `emit` is the default emitter (`-X emit=`); the compiler is expected to
 * turn native scopes into bytecode and viper scopes into the VM's JS tier (see src/vm/jstier.ts).
 */
export type CompileFn = (source: string, fileName: string, mode?: 'exec' | 'eval' | 'single', optimize?: number, emit?: EmitKind) => Uint8Array;

/** The part of an AbortSignal the VM uses (so hosts may pass any compatible object). */
export interface InterruptSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

export interface VmOptions {
  host: VmHost;
  compile?: CompileFn;
  /** sys.argv */
  argv?: string[];
  /** Frozen modules (besides those registered with registerFrozenModules), found through sys.path's ".frozen". */
  frozen?: readonly FrozenModule[];
  /** Initial sys.path (defaults to the unix port's: '', '.frozen', '~/.micropython/lib', '/usr/lib/micropython'). */
  path?: string[];
  /** Default code emitter of source compiled at run time (`micropython -X emit=`). */
  emit?: EmitKind;
  /** Emulated heap size in bytes (unix default 2 MiB, like `micropython -X heapsize=`). */
  heapSize?: number;
  /** Aborting it interrupts the running program: KeyboardInterrupt is raised at the next loop branch. */
  signal?: InterruptSignal;
  /**
   * Interrupt flag shared with another thread (an Int32Array, usually over a SharedArrayBuffer): a
   * non-zero element 0 raises KeyboardInterrupt at the next loop branch, and is reset to 0.
   */
  interruptBuffer?: Int32Array;
  /** Initial optimisation level for source compiled at run time (`micropython -O<N>`). */
  optimize?: number;
  /**
   * File systems mounted when the VM starts, besides the host's files (vfs.VfsPosix), which are mounted
   * at "/" as on the unix port unless one of these takes "/". Python sees them as vfs.VfsMemory.
   */
  mounts?: readonly VmMount[];
}

/** An in-memory file system to mount at `path` ("/" replaces the host's files as the root). */
export interface VmMount {
  path: string;
  fs: MemoryFs;
  readonly?: boolean;
}

/** How `VM.exec` runs source, mirroring the unix port's entry points. */
export interface ExecOptions {
  /** 'exec' for a file, -c, stdin or paste mode; 'single' for one REPL input (expressions are printed). */
  mode: 'exec' | 'single';
  /** Compile only, don't run (`-X compile-only`). */
  compileOnly?: boolean;
  /**
   * 'pyexec' (files, -c, the REPL): tracebacks on stdout, SystemExit with a non-int value printed to
   * stderr and exit 1, KeyboardInterrupt exits 130. 'lexer' (program from stdin): tracebacks on stderr.
   */
  style?: 'pyexec' | 'lexer';
  /** Called with the compiled module before it runs (`-v -v` prints its bytecode). */
  onCompiled?: (mpy: Uint8Array) => void;
}

/** Completion of the text before the cursor: characters to insert, or the candidates to list. */
export type Completion = { insert: string } | { list: string[] } | undefined;

/** Bit set in `VM.exec`'s result when the program raised SystemExit (upstream's FORCED_EXIT). */
export const FORCED_EXIT = 0x100;

export interface VM {
  /** Runs a .mpy image as __main__; returns the process exit code. */
  runMpy(bytes: Uint8Array, fileName: string): number;
  /** `micropython -m name`: imports the module as __main__ from sys.path; returns the exit code. */
  runModule(name: string): number;
  /** Runs Python source as __main__ through the injected compiler. */
  runSource(source: string, fileName: string): number;
  /**
   * Runs source (or .mpy bytes) in the persistent __main__ module (files, -c, REPL inputs share it). Returns the exit
   * status: 0, 1 after an uncaught exception (130 for KeyboardInterrupt in 'pyexec' style), or
   * FORCED_EXIT | code when SystemExit was raised.
   */
  exec(source: string | Uint8Array, fileName: string, options: ExecOptions): number;
  /** REPL tab completion of `line` (the text before the cursor), as py/repl.c completes. */
  complete(line: string): Completion;
  /** Calls the function registered with sys.atexit, if any (at interpreter exit). */
  runAtexit(): number;
  /** micropython.mem_info()'s text (printed at exit by `micropython -v`). */
  memInfo(): string;
}

// Builtin (native) modules are created on first import and never appear in sys.modules.
export { registerNativeModule } from './modules.js';
export type { EmitKind } from './state.js';
export { registerFrozenModules, type FrozenModule } from './frozen.js';
export { MemoryFs } from './memfs.js';
export { HostError, type HostFs } from './hostfs.js';

/** What native modules may use from their VM. */
export interface VmContext {
  readonly host: VmHost;
  readonly sys: SysState;
}

export function newModule(name: string, entries: Record<string, PyObj> = {}): PyModule {
  const m = new Map<string, PyObj>([['__name__', name]]);
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return new PyModule(name, dictFromMap(m));
}

function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Formats an uncaught exception as the unix port prints it. */
export function formatException(e: PyException): string {
  let out = '';
  const tb = e.traceback;
  if (tb && tb.length > 0) {
    out += 'Traceback (most recent call last):\n';
    for (let i = tb.length - 1; i >= 0; i--) {
      const t = tb[i] as { file: string; line: number; block?: string };
      out += t.block === undefined ? `  File "${t.file}", line ${t.line}\n` : `  File "${t.file}", line ${t.line}, in ${t.block}\n`;
    }
  }
  return out + printObj(e, PrintKind.EXC) + '\n';
}

/** Builtins a file on sys.path may replace (MP_REGISTER_EXTENSIBLE_MODULE in the unix build). */
const EXTENSIBLE_MODULES = new Set([
  'array', 'binascii', 'collections', 'errno', 'hashlib', 'heapq', 'io', 'json', 'os', 'platform', 'random', 're',
  'select', 'socket', 'struct', 'time', 'asyncio',
]);

/** Modules upstream freezes as Python (found at sys.path's ".frozen"), which mpyts implements as builtins. */
const FROZEN_AS_BUILTIN = new Set(['asyncio']);

export function createVM(options: VmOptions): VM {
  const host = options.host;
  const compile = options.compile;
  const loaded = new Map<string, PyModule>();
  const sysModules = newDict();
  const sys: SysState = {
    argv: new PyList((options.argv ?? []).slice()),
    path: new PyList((options.path ?? ['', '.frozen', '~/.micropython/lib', '/usr/lib/micropython']).slice()),
    modules: sysModules,
    stdout: (s) => host.stdout(s),
    stderr: (s) => host.stderr(s),
    readLine: () => host.readLine?.(),
  };
  // Native modules see the host through the mount table: open(), os and import resolve paths there.
  const moduleHost: ModuleHost = {
    stdout: (t) => host.stdout(t),
    stderr: (t) => host.stderr(t),
    readFile: (p) => host.readFile(p),
    stat: (p) => host.stat(p),
  };
  if (host.writeFile) moduleHost.writeFile = (p, d) => host.writeFile?.(p, d);
  if (host.now) moduleHost.now = () => (host.now as () => number)();
  if (host.fs) moduleHost.fs = host.fs;
  const vfs = new VfsTable(moduleHost);
  moduleHost.vfs = vfs;
  const mounts = options.mounts ?? [];
  if (!mounts.some((m) => m.path === '/')) vfs.cur = vfs.attach('/', makeVfsPosix(moduleHost));
  for (const m of mounts) {
    const obj = new VfsMemoryObj(m.fs);
    obj.readonly = m.readonly === true;
    const at = vfs.attach(m.path, obj);
    if (m.path === '/') vfs.cur = at;
  }
  const frozen = new FrozenTable(options.frozen);
  const stat = (path: string) => (path.startsWith(FROZEN_PREFIX) ? frozen.stat(path) : vfs.importStat(path));
  const natives = new Map<string, PyModule>();

  function codeFromSource(source: string, fileName: string, mode: 'exec' | 'eval' | 'single'): Code {
    if (!compile) throw excMsg(ImportErrorType, 'script compilation not supported');
    return markSourceCode(loadMpy(runCompiler(compile, source, fileName, mode)), source, fileName);
  }

  function execModule(code: Code, mod: PyModule): void {
    runModuleCode(code, mod.globals as PyDict);
  }

  function loadFileModule(fullName: string, path: string, isPackage: boolean, pkgDir: string): PyModule {
    const mod = newModule(fullName);
    const g = mod.globals as PyDict;
    if (isPackage) g.mpmap.set('__path__', pkgDir);
    sysModules.mpmap.set(fullName, mod);
    try {
      const fz = frozen.get(path);
      if (fz) {
        // As upstream: __file__ is the frozen name without ".frozen/"; .mpy bytes run in place.
        g.mpmap.set('__file__', fz.name);
        execModule(fz.mpy ? loadMpy(fz.mpy) : codeFromSource(fz.source ?? '', fz.name, 'exec'), mod);
        return mod;
      }
      const bytes = vfs.readForImport(path);
      if (!bytes) throw excMsg(ImportErrorType, `no module named '${fullName}'`);
      let code: Code;
      g.mpmap.set('__file__', path);
      if (path.endsWith('.mpy')) code = loadMpy(bytes);
      else code = codeFromSource(new TextDecoder().decode(bytes), path, 'exec');
      execModule(code, mod);
    } catch (e) {
      sysModules.mpmap.delete(fullName);
      throw e;
    }
    return mod;
  }

  /** stat_file_py_or_mpy: .py first (when a compiler is available), then .mpy. */
  function findModuleFile(base: string): string | undefined {
    // Frozen names always end in .py, whatever their kind.
    if (base.startsWith(FROZEN_PREFIX)) return frozen.stat(base + '.py') === 'file' ? base + '.py' : undefined;
    if (compile && vfs.importStat(base + '.py') === 'file') return base + '.py';
    if (vfs.importStat(base + '.mpy') === 'file') return base + '.mpy';
    if (!compile && vfs.importStat(base + '.py') === 'file') return base + '.py';
    return undefined;
  }

  /** sys.path as the program left it (it may rebind or delete it), for the import search. */
  function sysPathItems(): PyObj[] {
    const p = natives.get('sys')?.globals.mpmap;
    const v = (p as { get(k: PyObj): PyObj | undefined } | undefined)?.get('path');
    return v instanceof PyList || v instanceof PyTuple ? v.items : [];
  }

  /**
   * mp_module_get_builtin: non-extensible builtins (and `usys`, and `u` + an extensible name) are found
   * before the filesystem; extensible ones only after it, so a file on sys.path can replace them.
   */
  function builtinModule(name: string, extensible: boolean): PyModule | undefined {
    let canon = name;
    if (extensible !== EXTENSIBLE_MODULES.has(name)) return undefined;
    if (!extensible && !natives.has(name) && !nativeModules.has(name)) {
      if (name === 'usys') canon = 'sys';
      else if (name.startsWith('u') && EXTENSIBLE_MODULES.has(name.slice(1))) canon = name.slice(1);
      else return undefined;
    }
    const nat = natives.get(canon);
    if (nat) return nat;
    const factory = nativeModules.get(canon);
    if (!factory) return undefined;
    const m = factory(moduleHost);
    // asyncio is frozen Python upstream, so its globals stay writable
    if (canon !== 'asyncio') m.readOnly = true;
    natives.set(canon, m);
    return m;
  }

  function importOne(fullName: string, leaf: string, parent: PyModule | undefined): PyObj {
    // whatever sys.modules holds under the name is the module, even if it is not a module object;
    // with an empty sys.path loaded modules are ignored (a way to force the builtin)
    const searchPath = sysPathItems();
    const existing = searchPath.length > 0 ? sysModules.mpmap.get(fullName) : undefined;
    if (existing !== undefined) return existing;
    if (!parent) {
      const b = builtinModule(fullName, false);
      if (b) return b;
    }
    const dirs: string[] = [];
    if (parent) {
      const p = (parent.globals as PyDict).mpmap.get('__path__');
      if (typeof p === 'string') dirs.push(p);
    } else {
      for (const d of searchPath) if (typeof d === 'string') dirs.push(d);
    }
    for (const dir of dirs) {
      // asyncio is frozen Python upstream: the builtin stands where sys.path's ".frozen" entry is searched
      if (!parent && dir === '.frozen' && FROZEN_AS_BUILTIN.has(fullName)) {
        const fz = builtinModule(fullName, true);
        if (fz) return fz;
      }
      const base = joinPath(dir, leaf);
      if (stat(base) === 'dir') {
        const init = findModuleFile(joinPath(base, '__init__'));
        if (init) return loadFileModule(fullName, init, true, base);
        // namespace package
        const mod = newModule(fullName);
        (mod.globals as PyDict).mpmap.set('__path__', base);
        sysModules.mpmap.set(fullName, mod);
        return mod;
      }
      const file = findModuleFile(base);
      if (file) return loadFileModule(fullName, file, false, dir);
    }
    const ext = parent ? undefined : builtinModule(fullName, true);
    if (ext) return ext;
    throw excMsg(ImportErrorType, `no module named '${fullName}'`);
  }

  function importModule(nameIn: string, fromList: PyObj, level: number, globals: PyDict | undefined): PyObj {
    let name = nameIn;
    if (level > 0) {
      const g = globals ?? (vmState.builtins as PyDict);
      const modName = g.mpmap.get('__name__');
      const isPkg = g.mpmap.get('__path__') !== undefined;
      if (typeof modName !== 'string' || modName === '__main__' && !isPkg) {
        throw excMsg(ImportErrorType, "can't perform relative import");
      }
      let parts = modName.split('.');
      if (!isPkg) parts = parts.slice(0, -1);
      for (let i = 1; i < level; i++) parts = parts.slice(0, -1);
      if (parts.length === 0) throw excMsg(ImportErrorType, "can't perform relative import");
      const base = parts.join('.');
      name = name ? `${base}.${name}` : base;
    }
    const comps = name.split('.');
    let top: PyObj | undefined;
    let cur: PyObj | undefined;
    let full = '';
    for (const c of comps) {
      full = full ? `${full}.${c}` : c;
      if (cur !== undefined && !(cur instanceof PyModule)) throw excMsg(ImportErrorType, `no module named '${full}'`);
      // a submodule becomes an attribute of its package only when it is first loaded
      const fresh = sysModules.mpmap.get(full) === undefined;
      const m = importOne(full, c, cur);
      if (cur && fresh) (cur.globals as PyDict).mpmap.set(c, m);
      cur = m;
      top ??= m;
    }
    const wantLeaf = fromList !== NoneObj && fromList !== undefined && !(fromList instanceof PyTuple && fromList.items.length === 0);
    return (wantLeaf ? cur : top) as PyObj;
  }

  function importFrom(module: PyObj, name: string): PyObj {
    const v = loadAttrMaybe(module, name);
    if (v !== undefined) return v;
    if (module instanceof PyModule) {
      // a submodule of a package
      const p = (module.globals as PyDict).mpmap.get('__path__');
      if (p !== undefined) {
        try {
          return importModule(`${module.name}.${name}`, new PyTuple([name]), 0, undefined);
        } catch (e) {
          if (!(e instanceof PyException)) throw e;
        }
      }
    }
    throw excMsg(ImportErrorType, `can't import name ${name}`);
  }

  // mp_import_all: the names in __all__ if there is one, else every public name of __dict__; any object
  // registered in sys.modules works, one without __dict__ raises AttributeError
  function importStar(module: PyObj, into: PyDict): void {
    const all = loadAttrMaybe(module, '__all__');
    if (all !== undefined) {
      for (const n of toArray(all)) {
        if (typeof n !== 'string') throw typeError(`can't convert '${typeName(n)}' object to str implicitly`);
        into.mpmap.set(n, loadAttr(module, n));
      }
      return;
    }
    const d = module instanceof PyModule ? module.globals : loadAttr(module, '__dict__');
    if (!(d instanceof PyDict)) return;
    for (const [k, v] of d.mpmap.entries()) {
      if (typeof k === 'string' && !k.startsWith('_')) into.mpmap.set(k, v);
    }
  }

  function execHook(source: PyObj, globals: PyDict, locals: PyDict, mode: 'exec' | 'eval', fileName = '<string>'): PyObj {
    let code: Code;
    if (source instanceof CodeObject) code = source.code;
    else if (typeof source === 'string') code = codeFromSourceOrError(source, fileName, mode);
    else throw typeError('exec/eval expects a string or code object');
    const fnRes = runCodeIn(code, globals, locals);
    return mode === 'eval' ? fnRes : NoneObj;
  }

  function codeFromSourceOrError(source: string, fileName: string, mode: 'exec' | 'eval' | 'single'): Code {
    if (!compile) throw excMsg(notImplType(), 'compiler not available (no compile function injected)');
    return markSourceCode(loadMpy(runCompiler(compile, source, fileName, mode)), source, fileName);
  }

  const builtins = makeBuiltins({
    exec: execHook,
    readSource: (path) => vfs.readSource(path),
    compile: (source, fileName, mode) => new CodeObject(codeFromSourceOrError(source, fileName, mode === 'eval' ? 'eval' : mode === 'single' ? 'single' : 'exec')),
    importModule,
    readLine: () => host.readLine?.(),
    open: (args, kw) => openViaVfs(moduleHost, args, kw),
  });

  natives.set('sys', makeSysModule(sys, () => exitFlush()));
  natives.set('micropython', makeMicropythonModule());
  for (const m of natives.values()) m.readOnly = true;
  // builtins' table starts with __name__, so code run with a globals dict lacking one finds 'builtins'
  builtins.mpmap.set('__name__', 'builtins');
  natives.set('builtins', new PyModule('builtins', builtins));

  function exitFlush(): void {
    /* output is unbuffered */
  }

  const interrupt = options.interruptBuffer ?? new Int32Array(1);
  options.signal?.addEventListener('abort', () => {
    interrupt[0] = 2;
  });
  vmState.optLevel = options.optimize ?? 0;
  vmState.emit = options.emit ?? 'bytecode';

  function install(): void {
    resetInterpreter();
    vmState.interrupt = interrupt;
    if (options.signal?.aborted) interrupt[0] = 2;
    vmState.heapSize = options.heapSize ?? 2 * 1024 * 1024;
    vmState.heapLocked = 0;
    setHeapLockDepth(0);
    rt.hooks = {
      stdout: (s) => host.stdout(s),
      stderr: (s) => host.stderr(s),
      callFunction: (fn, args, kw) => callAny(fn, args, kw),
    };
    vmState.builtins = builtins;
    vmState.vfs = vfs;
    vmState.buildClass = builtins.mpmap.get('__build_class__') as PyObj;
    vmState.qstrPool = new Set();
    vmState.isFirmwareName = (n) =>
      builtins.mpmap.get(n) !== undefined || nativeModules.has(n) || natives.has(n) ||
      [...natives.values()].some((m) => (m.globals as PyDict).mpmap.get(n) !== undefined);
    const builtinImport = builtins.mpmap.get('__import__');
    vmState.importName = (name, fromList, level, globals) => {
      // an overridden builtins.__import__ gets (name, globals, None, fromlist, level) as upstream passes it
      const imp = builtins.mpmap.get('__import__');
      if (imp !== builtinImport && imp !== undefined) return callAny(imp, [name, globals ?? NoneObj, NoneObj, fromList, level], undefined);
      return importModule(name, fromList, Number(level), globals);
    };
    vmState.importFrom = importFrom;
    vmState.importStar = importStar;
  }

  let mainMod: PyModule | undefined;
  /** __main__ is created once: `-i` and MICROPYINSPECT continue in the program's namespace. */
  function mainModule(): PyModule {
    mainMod ??= newModule('__main__');
    sysModules.mpmap.set('__main__', mainMod);
    return mainMod;
  }

  function runMain(body: (mod: PyModule) => void): number {
    install();
    const mod = mainModule();
    try {
      body(mod);
      return 0;
    } catch (e) {
      return handleUncaught(e);
    }
  }

  /**
   * Status of an uncaught exception as the unix port's entry points report it (see ExecOptions.style);
   * SystemExit sets FORCED_EXIT.
   */
  function uncaughtStatus(e: unknown, style: 'pyexec' | 'lexer'): number {
    let exc: PyException;
    if (e instanceof PyException) exc = e;
    else if (e instanceof RangeError) exc = excMsg(runtimeErrType(), 'maximum recursion depth exceeded');
    else throw e;
    if (exc.type.isSubclassOf(SystemExitType)) {
      const v = exc.args.items[0] ?? NoneObj;
      if (v === NoneObj) return FORCED_EXIT;
      if (typeof v === 'number') return FORCED_EXIT | (v & 255);
      if (typeof v === 'boolean') return FORCED_EXIT | (v ? 1 : 0);
      if (typeof v === 'bigint') return FORCED_EXIT | Number(v & 255n);
      if (style === 'pyexec') host.stderr(str(v) + '\n');
      return FORCED_EXIT | 1;
    }
    if (style === 'lexer') {
      host.stderr(formatException(exc));
      return 1;
    }
    host.stdout(formatException(exc));
    return exc.type.isSubclassOf(KeyboardInterruptType) ? 130 : 1;
  }

  let savedOptLevel = vmState.optLevel;
  function exec(source: string | Uint8Array, fileName: string, opts: ExecOptions): number {
    install();
    vmState.optLevel = savedOptLevel;
    const mod = mainModule();
    try {
      let code: Code;
      if (source instanceof Uint8Array) {
        (mod.globals as PyDict).mpmap.set('__file__', fileName);
        code = loadMpy(source);
      } else {
        if (!compile) throw excMsg(RuntimeErrorType, 'script compilation not supported');
        if (opts.mode === 'exec') (mod.globals as PyDict).mpmap.set('__file__', fileName);
        const mpy = runCompiler(compile, source, fileName, opts.mode);
        opts.onCompiled?.(mpy);
        code = loadMpy(mpy);
      }
      if (!opts.compileOnly) execModule(code, mod);
      return 0;
    } catch (e) {
      return uncaughtStatus(e, opts.style ?? 'pyexec');
    } finally {
      savedOptLevel = vmState.optLevel;
    }
  }

  function complete(line: string): Completion {
    install();
    // the dotted name at the end of the line
    let start = line.length;
    while (start > 0 && /[A-Za-z0-9_.]/.test(line[start - 1] as string)) start--;
    const parts = line.slice(start).split('.');
    const prefix = parts.pop() as string;
    let obj: PyObj | undefined = mainModule();
    for (const p of parts) {
      obj = obj === undefined ? undefined : loadAttrProtected(obj, p);
      if (obj === undefined) return undefined;
    }
    // after `import `, complete module names (upstream tests its builtin module table)
    const moduleNames = line.startsWith('import ');
    const names = moduleNames ? [...nativeModules.keys()] : completionNames(obj as PyObj);
    const matches = names.filter((n) => n.startsWith(prefix) && !(prefix === '' && n.startsWith('_')) &&
      (moduleNames || loadAttrProtected(obj as PyObj, n) !== undefined));
    if (matches.length === 0) {
      if (start === 0 && prefix.length > 0 && 'import '.startsWith(prefix) && prefix.length < 7) return { insert: 'import '.slice(prefix.length) };
      return undefined;
    }
    let common = matches[0] as string;
    for (const m of matches) {
      let j = 0;
      while (j < common.length && j < m.length && common[j] === m[j]) j++;
      common = common.slice(0, j);
    }
    if (matches.length === 1 || common.length > prefix.length) return { insert: common.slice(prefix.length) };
    return { list: matches };
  }

  function handleUncaught(e: unknown): number {
    let exc: PyException;
    if (e instanceof PyException) exc = e;
    else if (e instanceof RangeError) exc = excMsg(runtimeErrType(), 'maximum recursion depth exceeded');
    else throw e;
    if (exc.type.isSubclassOf(SystemExitType)) {
      const v = exc.args.items[0] ?? NoneObj;
      if (v === NoneObj) return 0;
      if (typeof v === 'number') return v & 255;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'bigint') return Number(v & 255n);
      return 1;
    }
    host.stderr(formatException(exc));
    return 1;
  }

  return {
    exec,
    complete,
    memInfo: () => memInfoText(false),
    runAtexit() {
      const fn = sys.exitFunc;
      if (fn === undefined || fn === NoneObj) return 0;
      install();
      try {
        callAny(fn, [], undefined);
        return 0;
      } catch (e) {
        return uncaughtStatus(e, 'lexer') & 255;
      }
    },
    runMpy(bytes, fileName) {
      return runMain((mod) => {
        (mod.globals as PyDict).mpmap.set('__file__', fileName);
        execModule(loadMpy(bytes), mod);
      });
    },
    runModule(name) {
      install();
      try {
        // -m: the module itself runs as __main__
        const comps = name.split('.');
        for (const d of sys.path.items) {
          if (typeof d !== 'string') continue;
          const base = joinPath(d, comps.join('/'));
          const file = findModuleFile(base) ?? (stat(base) === 'dir' ? findModuleFile(joinPath(base, '__main__')) : undefined);
          if (!file) continue;
          return runMain((mod) => {
            const fz = frozen.get(file);
            (mod.globals as PyDict).mpmap.set('__file__', fz ? fz.name : file);
            if (fz) {
              execModule(fz.mpy ? loadMpy(fz.mpy) : codeFromSource(fz.source ?? '', fz.name, 'exec'), mod);
              return;
            }
            const bytes = vfs.readForImport(file) ?? new Uint8Array(0);
            const code = file.endsWith('.mpy') ? loadMpy(bytes) : codeFromSource(new TextDecoder().decode(bytes), file, 'exec');
            execModule(code, mod);
          });
        }
        throw excMsg(ImportErrorType, `no module named '${name}'`);
      } catch (e) {
        return handleUncaught(e);
      }
    },
    runSource(source, fileName) {
      return runMain((mod) => {
        (mod.globals as PyDict).mpmap.set('__file__', fileName);
        execModule(codeFromSource(source, fileName, 'exec'), mod);
      });
    },
  };
}

/**
 * Calls the injected compiler, turning its errors into Python exceptions: an error carrying
 * `excType` (a builtin exception name), `message` and optionally `fileName`/`line`/`block` becomes
 * that exception with one traceback entry, as upstream's compiler raises it.
 */
function runCompiler(compile: CompileFn, source: string, fileName: string, mode: 'exec' | 'eval' | 'single'): Uint8Array {
  try {
    return markCompiled(compile(source, fileName, mode, vmState.optLevel, vmState.emit), source, fileName);
  } catch (e) {
    const ce = e as { excType?: unknown; message?: unknown; fileName?: unknown; line?: unknown; block?: unknown };
    if (e instanceof Error && typeof ce.excType === 'string') {
      const t = BUILTIN_EXCEPTIONS.get(ce.excType) ?? BUILTIN_EXCEPTIONS.get('SyntaxError') as PyType;
      const exc = e.message === '' ? new PyException(t) : excMsg(t, e.message);
      if (typeof ce.fileName === 'string' && typeof ce.line === 'number') {
        exc.traceback = [{ file: ce.fileName, line: ce.line, block: typeof ce.block === 'string' ? ce.block : undefined }];
      }
      throw exc;
    }
    throw e;
  }
}

// compile()'s result is the same code type as frame.f_code (src/vm/trace.ts has its attributes).
import { CodeObject, markCompiled, markSourceCode } from './trace.js';
export { CodeObject, CodeType } from './trace.js';

function runCodeIn(code: Code, globals: PyDict, locals: PyDict): PyObj {
  return runModuleCodeWithLocals(code, globals, locals);
}
import { PyFunction } from '../objects/fun.js';
import { runWithLocals } from './interp.js';
function runModuleCodeWithLocals(code: Code, globals: PyDict, locals: PyDict): PyObj {
  const fn = new PyFunction(code, globals, undefined, undefined, undefined);
  return runWithLocals(fn, locals, []);
}

import { NotImplementedErrorType, RuntimeErrorType } from '../objects/exceptions.js';
function notImplType(): PyType {
  return NotImplementedErrorType;
}
function runtimeErrType(): PyType {
  return RuntimeErrorType;
}

export { str };

/** An attribute, or undefined when looking it up fails in any way (upstream mp_load_method_protected). */
function loadAttrProtected(o: PyObj, name: string): PyObj | undefined {
  try {
    return loadAttrMaybe(o, name);
  } catch {
    return undefined;
  }
}

const staticIndex = new Map<string, number>(STATIC_QSTRS.map((q, i) => [q, i]));
/**
 * Attribute names of `o` in the order upstream's completion walks qstrs: static qstrs by their index,
 * then the rest as they were first seen (an approximation of dynamic qstr creation order).
 */
function completionNames(o: PyObj): string[] {
  const names = (dirOf(o, () => newDict()) as PyList).items.filter((n): n is string => typeof n === 'string');
  const stat = names.filter((n) => staticIndex.has(n)).sort((a, b) => (staticIndex.get(a) as number) - (staticIndex.get(b) as number));
  return [...stat, ...names.filter((n) => !staticIndex.has(n))];
}
import { STATIC_QSTRS } from '../core/static-qstrs.js';
import { dirOf } from './builtins.js';
import { KeyboardInterruptType } from '../objects/exceptions.js';
import { memInfoText } from '../modules/micropython.js';
