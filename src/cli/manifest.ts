// Upstream-style manifest.py files (freeze(), module(), package(), include(), require(), options,
// metadata()), executed by the mpyts VM itself, as upstream's tools/manifestfile.py executes them with
// CPython. The functions that touch the file system are native (here); include()/require() are small
// Python wrappers (BOOTSTRAP) so a nested manifest runs through exec() inside the same interpreter,
// with its own `options` object and directory.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { excMsg, ValueErrorType } from '../objects/exceptions.js';
import { NoneObj, PyBuiltin, PyList, PyModule, PyTuple, type KwArgs, type PyObj } from '../objects/object.js';
import { dictFromMap } from '../objects/dict.js';
import { createVM, registerNativeModule, type CompileFn, type VmHost } from '../vm/index.js';

/** One module to freeze. */
export interface FreezeEntry {
  /** Name below .frozen/: "foo.py", "pkg/__init__.py". */
  readonly name: string;
  /** Source file on disk. */
  readonly path: string;
  readonly kind: 'mpy' | 'str';
  /** Per-module optimisation level (manifest `opt=`), if given. */
  readonly opt?: number;
}

export interface ManifestOptions {
  /** Values for $(NAME) in paths: MPY_DIR, MPY_LIB_DIR, PORT_DIR, BOARD_DIR… */
  readonly vars: Readonly<Record<string, string>>;
  readonly compile: CompileFn;
}

interface Context {
  readonly entries: FreezeEntry[];
  readonly dirs: string[];
  readonly required: Set<string>;
  readonly vars: Readonly<Record<string, string>>;
}

let active: Context | undefined;

const BOOTSTRAP = `
import builtins, _mpyts_manifest as _m

class _Options:
    def __init__(self, d):
        for k in d:
            setattr(self, k, d[k])
    def __getattr__(self, name):
        return None

def include(manifest_path, is_require=False, **kwargs):
    src, path = _m._push(manifest_path)
    try:
        exec(compile(src, path, "exec"), {"options": _Options(kwargs)})
    finally:
        _m._pop()

def require(name, version=None, unix_ffi=False, pypi=None, **kwargs):
    path = _m._require_path(name, unix_ffi)
    if path:
        include(path, is_require=True, **kwargs)

for _k in ("freeze", "freeze_as_str", "freeze_as_mpy", "freeze_mpy", "module", "package", "metadata", "add_library"):
    setattr(builtins, _k, getattr(_m, _k))
builtins.include = include
builtins.require = require
`;

function text(o: PyObj | undefined, what: string): string {
  if (typeof o !== 'string') throw excMsg(ValueErrorType, `${what} must be a string`);
  return o;
}

function optArg(kw: KwArgs | undefined, pos: PyObj | undefined): number | undefined {
  const v = kw?.get('opt') ?? pos;
  return typeof v === 'number' ? v : undefined;
}

function ctx(): Context {
  if (!active) throw excMsg(ValueErrorType, 'no manifest is being processed');
  return active;
}

/** Resolves $(VAR) and makes a manifest path absolute against the current manifest's folder. */
function resolvePath(p: string): string {
  const c = ctx();
  const expanded = p.replace(/\$\((\w+)\)/g, (m, name: string) => {
    const v = c.vars[name];
    if (v === undefined) throw excMsg(ValueErrorType, `unknown variable ${m}`);
    return v;
  });
  return resolve(c.dirs[c.dirs.length - 1] ?? '.', expanded);
}

function pyFilesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py')) out.push(p);
    }
  };
  walk(root);
  return out;
}

function add(name: string, path: string, kind: 'mpy' | 'str', opt: number | undefined): void {
  if (!existsSync(path)) throw excMsg(ValueErrorType, `file not found: ${path}`);
  const entries = ctx().entries;
  const i = entries.findIndex((e) => e.name === name);
  const entry: FreezeEntry = { name, path, kind, ...(opt !== undefined ? { opt } : {}) };
  if (i >= 0) entries[i] = entry;
  else entries.push(entry);
}

/** freeze(path, script=None, opt=None): a folder's .py files, or the named script(s) inside it. */
function freezeFn(kind: 'mpy' | 'str') {
  return (a: PyObj[], kw?: KwArgs): PyObj => {
    const base = resolvePath(text(a[0], 'path'));
    const script = kw?.get('script') ?? a[1] ?? NoneObj;
    const opt = optArg(kw, a[2]);
    const scripts = script === NoneObj ? undefined : script instanceof PyList || script instanceof PyTuple ? script.items : [script];
    if (scripts === undefined) {
      for (const f of pyFilesUnder(base)) add(relative(base, f).split('\\').join('/'), f, kind, opt);
    } else {
      for (const s of scripts) {
        const rel = text(s, 'script');
        add(rel, join(base, rel), kind, opt);
      }
    }
    return NoneObj;
  };
}

function manifestModule(): PyModule {
  const fns: Record<string, (a: PyObj[], kw?: KwArgs) => PyObj> = {
    freeze: freezeFn('mpy'),
    freeze_as_mpy: freezeFn('mpy'),
    freeze_mpy: freezeFn('mpy'),
    freeze_as_str: freezeFn('str'),
    module: (a, kw) => {
      const path = text(a[0], 'module_path');
      const base = resolvePath(typeof (kw?.get('base_path') ?? a[1]) === 'string' ? ((kw?.get('base_path') ?? a[1]) as string) : '.');
      add(path, join(base, path), 'mpy', optArg(kw, a[2]));
      return NoneObj;
    },
    package: (a, kw) => {
      const pkg = text(a[0], 'package_path');
      const filesArg = kw?.get('files') ?? a[1] ?? NoneObj;
      const basePath = kw?.get('base_path') ?? a[2];
      const base = resolvePath(typeof basePath === 'string' ? basePath : '.');
      const opt = optArg(kw, a[3]);
      const files = filesArg instanceof PyList || filesArg instanceof PyTuple
        ? filesArg.items.map((f) => join(base, pkg, text(f, 'file')))
        : pyFilesUnder(join(base, pkg));
      for (const f of files) add(relative(base, f).split('\\').join('/'), f, 'mpy', opt);
      return NoneObj;
    },
    metadata: () => NoneObj,
    add_library: () => NoneObj,
    _push: (a) => {
      let path = resolvePath(text(a[0], 'manifest_path'));
      if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'manifest.py');
      if (!existsSync(path)) throw excMsg(ValueErrorType, `manifest not found: ${path}`);
      ctx().dirs.push(dirname(path));
      return new PyTuple([readFileSync(path, 'utf8'), path]);
    },
    _pop: () => {
      ctx().dirs.pop();
      return NoneObj;
    },
    _require_path: (a) => {
      const name = text(a[0], 'name');
      const c = ctx();
      if (c.required.has(name)) return NoneObj;
      c.required.add(name);
      const lib = c.vars['MPY_LIB_DIR'];
      if (lib === undefined) throw excMsg(ValueErrorType, `require('${name}') needs the micropython-lib path (--lib DIR)`);
      const unixFfi = a[1] === true;
      const roots = ['micropython', 'python-stdlib', 'python-ecosys', ...(unixFfi ? ['unix-ffi'] : [])];
      for (const r of roots) {
        const found = findPackageManifest(join(lib, r), name);
        if (found) return found;
      }
      throw excMsg(ValueErrorType, `library not found: ${name}`);
    },
  };
  const m = new Map<string, PyObj>([['__name__', '_mpyts_manifest']]);
  for (const [k, fn] of Object.entries(fns)) m.set(k, new PyBuiltin(k, fn));
  return new PyModule('_mpyts_manifest', dictFromMap(m));
}

/** micropython-lib keeps each package in a folder named after it, at some depth: find its manifest. */
function findPackageManifest(root: string, name: string): string | undefined {
  if (!existsSync(root)) return undefined;
  const todo = [root];
  while (todo.length) {
    const d = todo.shift() as string;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      if (e.name === name && existsSync(join(p, 'manifest.py'))) return join(p, 'manifest.py');
      todo.push(p);
    }
  }
  return undefined;
}

registerNativeModule('_mpyts_manifest', () => manifestModule());

/** Runs a manifest file and returns the modules it freezes, or throws with the manifest's error text. */
export function runManifest(path: string, host: VmHost, options: ManifestOptions): FreezeEntry[] {
  const abs = resolve(path);
  const context: Context = { entries: [], dirs: [dirname(abs)], required: new Set(), vars: options.vars };
  let err = '';
  const quiet: VmHost = { ...host, stderr: (t) => (err += t) };
  const vm = createVM({ host: quiet, compile: options.compile, argv: [abs] });
  active = context;
  try {
    const source = `${BOOTSTRAP}\ninclude(${JSON.stringify(abs)})\n`;
    const code = vm.runSource(source, '<manifest>');
    if (code !== 0) throw new Error(err.trim() || `manifest ${path} failed`);
  } finally {
    active = undefined;
  }
  return context.entries;
}
