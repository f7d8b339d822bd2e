// Argument-count declarations for builtin functions and methods (upstream's MP_DEFINE_CONST_FUN_OBJ_*
// signatures), so wrong calls raise TypeError with upstream's wording. Counts include self.
import { ByteArrayType, BytesType } from '../objects/bytes.js';
import { DictType } from '../objects/dict.js';
import { ListType, PyBuiltin, StrType, TupleType, type PyType } from '../objects/object.js';
import { SetType, FrozenSetType } from '../objects/set.js';
import type { PyDict } from '../objects/dict.js';

type Spec = [name: string, min: number, max?: number, kw?: boolean];

const METHODS: [PyType[], Spec[]][] = [
  [[ListType], [
    ['append', 2], ['extend', 2], ['insert', 3], ['pop', 1, 2], ['remove', 2], ['index', 2, 4], ['count', 2],
    ['reverse', 1], ['clear', 1], ['copy', 1],
  ]],
  [[TupleType], [['index', 2, 4], ['count', 2]]],
  [[DictType], [
    ['get', 2, 3], ['keys', 1], ['values', 1], ['items', 1], ['pop', 2, 3], ['setdefault', 2, 3], ['popitem', 1],
    ['clear', 1], ['copy', 1], ['update', 1, 2, true],
  ]],
  [[StrType, BytesType, ByteArrayType], [
    ['join', 2], ['split', 1, 3, true], ['rsplit', 1, 3, true], ['replace', 3, 4], ['startswith', 2, 4],
    ['endswith', 2, 4], ['find', 2, 4], ['rfind', 2, 4], ['index', 2, 4], ['rindex', 2, 4], ['count', 2, 4],
    ['strip', 1, 2], ['lstrip', 1, 2], ['rstrip', 1, 2], ['lower', 1], ['upper', 1], ['isspace', 1],
    ['isalpha', 1], ['isdigit', 1], ['isupper', 1], ['islower', 1], ['partition', 2], ['rpartition', 2],
    ['center', 2], ['splitlines', 1, 2, true],
  ]],
  [[SetType], [['add', 2], ['remove', 2], ['discard', 2], ['pop', 1], ['clear', 1]]],
  [[SetType, FrozenSetType], [['isdisjoint', 2], ['issubset', 2], ['issuperset', 2], ['copy', 1]]],
];

const BUILTINS: Spec[] = [
  ['abs', 1], ['all', 1], ['any', 1], ['bin', 1], ['callable', 1], ['chr', 1], ['ord', 1], ['delattr', 2],
  ['setattr', 3], ['getattr', 2, 3], ['hasattr', 2], ['divmod', 2], ['hash', 1], ['hex', 1], ['oct', 1],
  ['id', 1], ['isinstance', 2], ['issubclass', 2], ['iter', 1], ['len', 1], ['next', 1, 2], ['repr', 1],
  ['round', 1, 2], ['pow', 2, 3], ['sorted', 1, 1, true], ['sum', 1, 2], ['globals', 0], ['locals', 0],
  ['input', 0, 1], ['execfile', 1, 3],
];

export function applyArities(builtins: PyDict): void {
  for (const [types, specs] of METHODS) {
    for (const t of types) {
      for (const [name, min, max, kw] of specs) {
        const b = t.dict.get(name);
        if (b instanceof PyBuiltin) b.arity(min, max ?? min, kw ?? false);
      }
    }
  }
  for (const [name, min, max, kw] of BUILTINS) {
    const b = builtins.mpmap.get(name);
    if (b instanceof PyBuiltin) b.arity(min, max ?? min, kw ?? false);
  }
}
