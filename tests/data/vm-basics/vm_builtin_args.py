# Argument checks and conversions of builtins and builtin types: exec/eval/compile, super, object
# methods, bytes/str/int/float/complex constructors, int.to_bytes/from_bytes, %-formatting, hex, rsplit.
# .exp made with: cd tests/data/vm-basics && micropython vm_builtin_args.py > vm_builtin_args.exp 2>&1


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# exec / eval / compile
t(lambda: exec(bytearray(b"print('from bytearray')")))
t(lambda: eval(memoryview(b"2 + 3")))
t(lambda: exec("x = 1", "g"))
t(lambda: exec("x = 1", None, 5))
t(lambda: eval(1))
t(lambda: compile("1", "f", "bad"))
g = {}
exec("y = 7", g)
print(g["y"])

# super and object
t(lambda: super(str, 0))
t(lambda: super(0, int))


class A:
    pass


a = A()
t(lambda: object.__new__(int))
t(lambda: object.__new__(1))
t(lambda: type(object.__new__(A)).__name__)
t(lambda: object.__setattr__(a, 1, 2))
t(lambda: object.__setattr__(1, "x", 2))
t(lambda: object.__delattr__(a, "missing"))
t(lambda: type(t)())

# bytes / str / list.sort
t(lambda: bytes([1, 2], 1))
t(lambda: bytes("abc", "utf-8", "x", "y"))
t(lambda: str(b"abc", "utf-8", "ignore", "x"))
t(lambda: str(b"abc", encoding="utf8"))
t(lambda: bytes("abc", encoding="utf8"))
t(lambda: [].sort(1))
t(lambda: [].sort(nokey=1))
t(lambda: sorted([3, 1, 2], reverse=True))


# int / float / complex conversions
class Idx:
    def __float__(self):
        return 2.5

    def __int__(self):
        return "x"


class Cx:
    def __complex__(self):
        return 1 + 2j


t(lambda: int(bytearray(b"42")))
t(lambda: int(memoryview(b"-7")))
t(lambda: int(Idx()))
t(lambda: float(Idx()))
t(lambda: float(bytearray(b"1.5")))
t(lambda: "%.2f" % Idx())
t(lambda: complex(Idx()))
t(lambda: complex(Cx()))
t(lambda: complex(Cx(), 1))
t(lambda: complex(1, Idx()))
for s in ("j", "-J", "1+j", " 2-3j ", "1e1_0", "nanj", "1+2", "1j+2", "1 + 2j", "(1+2j)"):
    t(lambda: complex(s))
for s in ("1_000.5", "_1", "1._5", "1e1_3"):
    t(lambda: float(s))
t(lambda: (-1.0) ** float("inf"))
t(lambda: 1 | 1.0)

# int.to_bytes / from_bytes
for v, n in ((255, 1), (256, 1), (-1, 3), (-128, 1), (-129, 1), (0, 0), (1, 0), (2**64, 9), (-(2**64), 9), (-(2**64), 8)):
    t(lambda: v.to_bytes(n, "little"))
t(lambda: (10).to_bytes())
t(lambda: (1).to_bytes(-1))
t(lambda: (1).to_bytes(1, "big", signed=True))
t(lambda: int.from_bytes(bytearray(b"\x01\x02")))
t(lambda: int.from_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08\x09", "little"))
t(lambda: bytearray(2**70))

# %-formatting with a dict, hex / fromhex, rsplit
t(lambda: "%(a)s %s" % {"a": 1})
t(lambda: "%(a)*s" % {"a": 1})
t(lambda: "%s %(a)s" % {"a": 1})
t(lambda: b"\x01\xab".hex("-+"))
t(lambda: memoryview(b"\x01\x02").hex())
t(lambda: bytes.fromhex("ab cd\tef"))
t(lambda: bytes.fromhex("a bcd"))
t(lambda: "a a a".rsplit(None, 1))
t(lambda: "a a a".rsplit(None))
t(lambda: "a,a,a".rsplit(",", 1))
