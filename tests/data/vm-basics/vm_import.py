# Modules and imports: builtin modules are read-only, extensible ones can be replaced by a file,
# sys.modules may hold any object, from-import-* with __all__ and module __getattr__, builtins overrides,
# __import__ argument checks, a package attribute set only when the submodule is first loaded.
# .exp made with: cd tests/data/vm-basics && micropython vm_import.py > vm_import.exp 2>&1
import sys
import math


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def store(m, name):
    setattr(m, name, 1)


t(lambda: store(sys, "x"))
t(lambda: store(math, "x"))
sys.ps1 = ">>> "
import json

print(json.extra, json.dumps([1]))
import ujson

print(hasattr(ujson, "extra"))
import usys

print(usys is sys)
t(lambda: __import__("umath"))


class FakeModule:
    value = "class attribute"

    def method(self):
        return "bound " + self.value


sys.modules["fake"] = FakeModule()
import fake

print(fake.value)
from fake import method

print(method())
sys.modules["fake"] = FakeModule
from fake import *

print(value)
from vm_getattr_mod import *

print(visible, lazy)
print("hidden" in globals())
import vm_getattr_mod

print(vm_getattr_mod.lazy)
t(lambda: vm_getattr_mod.missing)

import vmpkg

print(vmpkg.sub())
import vmpkg.sub

print(vmpkg.sub())

t(lambda: __import__(1))
t(lambda: __import__(""))
t(lambda: __import__("x", None, None, None, -1))
t(lambda: __import__("x", "globals", None, None, 1))

import builtins


def my_import(name, globals, locals, fromlist, level):
    print("import", name, fromlist, level)
    return FakeModule


orig = builtins.__import__
builtins.__import__ = my_import
import anything
from anything.deeper import value as v2

builtins.__import__ = orig
print(anything is FakeModule, v2)
orig_bc = builtins.__build_class__
builtins.__build_class__ = lambda f, name: "class " + name


class Replaced:
    pass


builtins.__build_class__ = orig_bc
print(Replaced)
