# Assorted VM behaviours: reprs of objects without a print slot, except clauses naming non-exceptions,
# raising an exception inside its own __init__, print_exception targets, ranges over the machine word,
# names over 255 bytes, dir() via __dir__, properties added to subclassed classes, memoryview operators.
# .exp made with: cd tests/data/vm-basics && micropython vm_misc.py > vm_misc.exp 2>&1
import sys
import io


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


def f():
    pass


class A:
    def m(self):
        pass


for o in (len, [].append.__class__, iter([]), map(f, []), zip(), enumerate([]), object(), staticmethod(f),
          classmethod(f), property(), {}.keys(), Ellipsis, NotImplemented, f.__class__):
    print(repr(o))
print(repr(A().m).startswith("<bound_method "), repr(A().m).endswith(".<function m at " + hex(id(A.m)) + ">"))
print(repr([].append).endswith(" [].<function>>"))

for handler in (1, (ValueError, 1), ((ValueError,),), int):
    try:
        try:
            raise ValueError
        except handler:
            print("caught")
    except TypeError as e:
        print("TypeError", e)


class Incomplete(Exception):
    def __init__(self):
        raise self


class Complete(Exception):
    def __init__(self):
        super().__init__("done")
        raise self


t(Incomplete)
t(Complete)
buf = io.StringIO()
sys.print_exception(ValueError("to buf"), buf)
print(repr(buf.getvalue()))
t(lambda: sys.print_exception(ValueError(), 1))

big = sys.maxsize
r = range(big, 0, -2)
print(len(r) == big // 2 + 1, r[0] == big, r[1] == big - 2, r[-1])
it = iter(range(-big, -big + 3))
print(next(it) == -big, next(it) == -big + 1)
print(range(big - 1, big)[0] == big - 1, range(0, big).stop == big)
t(lambda: range(0, 2**64))

long_name = "n" * 256
t(lambda: setattr(A, long_name, 1))
t(lambda: getattr(A, long_name))
t(lambda: type(long_name, (), {}))
t(lambda: ("{" + long_name + "}").format(**{long_name: 1}))
t(lambda: ("%(" + long_name + ")s") % {long_name: 1})
t(lambda: exec(long_name + " = 1"))
t(lambda: setattr(A, "n" * 255, 1))


class WithDir:
    def __dir__(self):
        return ["x", "y"]


print(dir(WithDir()), "x" in dir(WithDir))


class Base:
    pass


class Derived(Base):
    pass


t(lambda: setattr(Base, "p", property()))
t(lambda: setattr(Derived, "p", property()))
t(lambda: setattr(Base, "plain", 1))
t(lambda: memoryview(b"ab") + b"c")
t(lambda: memoryview(b"ab") * 2)
ba = bytearray(b"abcd")


def assign(v):
    ba[0:2] = v
    return ba


t(lambda: assign([1, 2]))
t(lambda: assign(memoryview(b"xy")))
t(lambda: b"abc"[0:2:0])
t(lambda: b"abc"[0:2:2])
t(lambda: "%c" % 65)
