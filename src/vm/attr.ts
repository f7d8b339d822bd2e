// Attribute access (upstream mp_load_attr/mp_load_method/mp_store_attr and objtype.c's lookups).
// MicroPython order: instance members first, then the class (depth-first MRO), then __getattr__.
import { PyDict } from '../objects/dict.js';
import { attributeError, excMsg, AttributeErrorType } from '../objects/exceptions.js';
import { PyBoundMethod, PyFunction, PyProperty, ClosureType } from '../objects/fun.js';
import {
  DELETE, invalidateTypeCaches, NoneObj, PyBuiltin, PyClassMethod, PyInstance, PyModule, PyObject, PyStaticMethod, PyTuple, PyType,
  typeOf, type PyObj,
} from '../objects/object.js';
import { call, contains, getIter, iterNext, len, mkAttributeError, subscr } from './runtime.js';
import { StopIterationType } from '../objects/exceptions.js';
import { MpMap } from '../objects/map.js';

function objDict(o: PyObj): Map<string, PyObj> | undefined {
  if (o instanceof PyInstance) return o.dict;
  if (typeof o === 'object' && !(o instanceof PyType)) {
    const d = (o as { dict?: Map<string, PyObj> }).dict;
    if (d instanceof Map) return d;
  }
  return undefined;
}

/** Applies descriptor/method binding to a class attribute found for instance `o`. */
export function bindMember(v: PyObj, o: PyObj, t: PyType): PyObj {
  if (v instanceof PyFunction || (v instanceof PyBuiltin && v.isMethod)) return new PyBoundMethod(o, v);
  if (typeof v !== 'object') return v;
  if (v instanceof PyStaticMethod) return v.fn;
  if (v instanceof PyClassMethod) return new PyBoundMethod(t, v.fn);
  if (v instanceof PyProperty) {
    if (v.fget === NoneObj) throw excMsg(AttributeErrorType, 'unreadable attribute');
    return call(v.fget, [o]);
  }
  if (v.type.isUser) {
    const get = v.type.lookup('__get__');
    if (get !== undefined) return call(get, [v, o, t]);
  }
  return v;
}

export function typeAttrMaybe(cls: PyType, name: string): PyObj | undefined {
  const v = cls.lookup(name);
  if (v !== undefined) {
    if (v instanceof PyClassMethod) return new PyBoundMethod(cls, v.fn);
    if (v instanceof PyStaticMethod) return v.fn;
    if (typeof v === 'object' && v.type.isUser && !(v instanceof PyType)) {
      const get = v.type.lookup('__get__');
      if (get !== undefined) return call(get, [v, NoneObj, cls]);
    }
    return v;
  }
  switch (name) {
    case '__name__':
      return cls.name;
    case '__qualname__':
      return cls.name;
    case '__bases__':
      return new PyTuple(cls.bases);
    case '__class__':
      return cls.type;
    case '__dict__': {
      const d = new PyDict(new MpMap());
      d.mpmap.ordered = cls.orderedDict;
      for (const [k, x] of cls.dict) d.mpmap.set(k, x);
      d.readonly = true;
      return d;
    }
    default:
      return undefined;
  }
}

export function loadAttrMaybe(o: PyObj, name: string): PyObj | undefined {
  if (o instanceof PyType) return typeAttrMaybe(o, name);
  if (o instanceof PyModule) {
    const g = (o.globals as PyDict).mpmap;
    const v = g.get(name);
    if (v !== undefined) return v;
    if (name === '__dict__') return o.globals as PyDict;
    // MICROPY_MODULE_GETATTR: a module-level __getattr__ answers for missing names
    if (name !== '__getattr__') {
      const ga = g.get('__getattr__');
      if (ga !== undefined) return call(ga, [name]);
    }
    return undefined;
  }
  const t = typeOf(o);
  if (t.attrFirst && t.attr) return t.attr(o, name);
  const d = objDict(o);
  if (d !== undefined) {
    const v = d.get(name);
    if (v !== undefined) return v;
  }
  const v = t.lookup(name);
  if (v !== undefined) return bindMember(v, o, t);
  if (name === '__class__') return t;
  if (name === '__dict__' && d !== undefined) {
    const dd = new PyDict(new MpMap());
    for (const [k, x] of d) dd.mpmap.set(k, x);
    dd.readonly = true;
    return dd;
  }
  if (t.attr) {
    const r = t.attr(o, name);
    if (r !== undefined) return r;
  }
  const special = nativeDunder(o, t, name);
  if (special !== undefined) return special;
  if (t.isUser) {
    const ga = t.lookup('__getattr__');
    if (ga !== undefined) return call(ga, [o, name]);
  }
  return undefined;
}

/** Special methods builtin types expose as attributes, backed by their slots. */
function nativeDunder(o: PyObj, t: PyType, name: string): PyObj | undefined {
  if (t.isUser) return undefined;
  const m = (f: (a: PyObj[]) => PyObj): PyObj => new PyBoundMethod(o, new PyBuiltin(name, (a) => f(a.slice(1))));
  switch (name) {
    case '__next__':
      return t.iternext ? m(() => {
        const v = iterNext(o);
        if (v === undefined) throw excMsg(StopIterationType);
        return v;
      }) : undefined;
    case '__iter__': return t.getiter ? m(() => getIter(o)) : undefined;
    case '__getitem__': return t.subscr ? m((a) => subscr(o, a[0] as PyObj, undefined)) : undefined;
    case '__setitem__': return t.subscr ? m((a) => subscr(o, a[0] as PyObj, a[1] as PyObj)) : undefined;
    case '__delitem__': return t.subscr ? m((a) => subscr(o, a[0] as PyObj, DELETE)) : undefined;
    case '__contains__': return t.binary ? m((a) => contains(o, a[0] as PyObj)) : undefined;
    case '__len__': return t.unary ? m(() => len(o)) : undefined;
    default: return undefined;
  }
}

export function loadAttr(o: PyObj, name: string): PyObj {
  const v = loadAttrMaybe(o, name);
  if (v === undefined) throw mkAttributeError(o, name);
  return v;
}

/**
 * LOAD_METHOD: writes (method, self) or (attribute, undefined) into dest[i], dest[i+1] so calling a
 * method allocates no bound-method object.
 */
export function loadMethodInto(dest: (PyObj | undefined)[], i: number, o: PyObj, name: string): void {
  if (o instanceof PyType) {
    // a classmethod called through its class: (function, class), no bound method allocated
    const v = o.lookup(name);
    if (v instanceof PyClassMethod) {
      dest[i] = v.fn;
      dest[i + 1] = o;
      return;
    }
  } else if (!(o instanceof PyModule)) {
    const t = typeOf(o);
    if (t.attrFirst) {
      dest[i] = loadAttr(o, name);
      dest[i + 1] = undefined;
      return;
    }
    const d = objDict(o);
    if (d === undefined || !d.has(name)) {
      const v = t.lookup(name);
      if (v instanceof PyFunction || (v instanceof PyBuiltin && v.isMethod)) {
        dest[i] = v;
        dest[i + 1] = o;
        return;
      }
    }
  }
  dest[i] = loadAttr(o, name);
  dest[i + 1] = undefined;
}

/** check_for_special_accessors: attributes that make attribute access on instances take the slow path. */
export function isSpecialAccessor(name: string, v: PyObj): boolean {
  if (name === '__setattr__' || name === '__delattr__' || v instanceof PyProperty) return true;
  if (typeof v !== 'object' || v instanceof PyType) return false;
  const t = typeOf(v);
  return t.lookup('__get__') !== undefined || t.lookup('__set__') !== undefined || t.lookup('__delete__') !== undefined;
}

function findDescriptor(t: PyType, name: string): PyObj | undefined {
  const v = t.lookup(name);
  if (v instanceof PyProperty) return v;
  if (v !== undefined && typeof v === 'object' && v.type.isUser && !(v instanceof PyType)) {
    if (v.type.lookup('__set__') !== undefined || v.type.lookup('__delete__') !== undefined) return v;
  }
  return undefined;
}

export function storeAttr(o: PyObj, name: string, value: PyObj | typeof DELETE): void {
  if (o instanceof PyType) {
    if (!o.isUser) throw attributeError(`type object '${o.name}' has no attribute '${name}'`);
    if (value !== DELETE && !o.hasSpecialAccessors && isSpecialAccessor(name, value)) {
      // subclasses were created assuming plain attribute access, so upstream refuses
      if (o.subclassed) throw attributeError("can't add special method to already-subclassed class");
      o.hasSpecialAccessors = true;
    }
    if (value === DELETE) {
      if (!o.dict.delete(name)) throw mkAttributeError(o, name);
    } else o.dict.set(name, value);
    o.version++;
    // a descriptor or __setattr__ may have been added: instances (of it and its subclasses) must take
    // the checked path from now on
    o.fastSetattr = false;
    fastSetattrEpochBump();
    invalidateTypeCaches();
    return;
  }
  if (o instanceof PyModule) {
    const m = (o.globals as PyDict).mpmap;
    // sys delegates path, ps1 and ps2 (the unix build has no sys.tracebacklimit); other builtins are fixed
    if (o.readOnly && !(o.name === 'sys' && SYS_MUTABLE.has(name))) {
      throw excMsg(AttributeErrorType, `'module' object has no attribute '${name}'`);
    }
    if (value === DELETE) {
      if (m.delete(name) === undefined) throw mkAttributeError(o, name);
    } else m.set(name, value);
    return;
  }
  const t = typeOf(o);
  if (t.isUser) {
    const hook = t.lookup(value === DELETE ? '__delattr__' : '__setattr__');
    if (hook !== undefined && !(hook instanceof PyBuiltin)) {
      call(hook, value === DELETE ? [o, name] : [o, name, value]);
      return;
    }
    const desc = findDescriptor(t, name);
    if (desc instanceof PyProperty) {
      const f = value === DELETE ? desc.fdel : desc.fset;
      // A property without that accessor fails like a missing attribute (upstream has no "can't set" here).
      if (f === NoneObj) throw mkAttributeError(o, name);
      call(f, value === DELETE ? [o] : [o, value]);
      return;
    }
    if (desc !== undefined) {
      const dt = (desc as PyObject).type;
      const m = dt.lookup(value === DELETE ? '__delete__' : '__set__');
      if (m !== undefined) {
        call(m, value === DELETE ? [desc, o] : [desc, o, value]);
        return;
      }
    }
  }
  const d = objDict(o);
  if (d !== undefined) {
    if (value === DELETE) {
      if (!d.delete(name)) throw mkAttributeError(o, name);
    } else d.set(name, value);
    return;
  }
  if (t.setattr && t.setattr(o, name, value)) return;
  // A closure silently ignores attribute stores (upstream misbehaviour recorded by the corpus).
  if (t === ClosureType && value !== DELETE) return;
  throw mkAttributeError(o, name);
}

const SYS_MUTABLE = new Set(['path', 'ps1', 'ps2']);

/** Subclasses cached fastSetattr too: clear it on every user class once any class changes. */
const userClasses = new Set<WeakRef<PyType>>();
export function registerUserClass(t: PyType): void {
  userClasses.add(new WeakRef(t));
}
function fastSetattrEpochBump(): void {
  for (const r of userClasses) {
    const t = r.deref();
    if (t === undefined) userClasses.delete(r);
    else t.fastSetattr = false;
  }
}

/** object.__setattr__ / object.__delattr__ semantics: store directly, bypassing user hooks. */
export function genericSetattr(o: PyObj, name: string, value: PyObj | typeof DELETE): void {
  const d = objDict(o);
  if (d === undefined) throw mkAttributeError(o, name);
  if (value === DELETE) {
    if (!d.delete(name)) throw mkAttributeError(o, name);
  } else d.set(name, value);
}
