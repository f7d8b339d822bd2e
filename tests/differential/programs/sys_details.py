# Differential program (own): port-independent sys and builtins details.
import sys
print(sys.implementation.name, sys.version_info[0], sys.byteorder, type(sys.maxsize).__name__)
print(type(sys.argv).__name__, type(sys.path).__name__, "sys" in sys.modules or True, sys.version_info >= (3, 4))
print(isinstance(sys.stdout, object), hasattr(sys.stdout, "write"), sys.stdout.write("written\n"))
sys.stderr.write("to stderr\n")
print(hasattr(sys, "exit"), callable(sys.print_exception) if hasattr(sys, "print_exception") else "")
print(type(__name__).__name__, __name__)
print(abs(-5), all([]), any([]), bin(10), bool([]), callable(len), chr(65), divmod(17, 5), hex(255), oct(8))
print(isinstance(True, int), len({1: 2}), list(map(abs, [-1, 2])), list(filter(None, [0, 1, "", "a"])), pow(3, 4), repr(None))
print(list(range(10, 0, -3)), round(2.567, 2), sorted("cab"), sum([1, 2], 10), tuple("ab"), type(1.0).__name__, list(zip("ab", [1, 2, 3])))
print(list(enumerate("xy", 5)), next(iter([9])), getattr(1, "real"), hasattr([], "append"), id(None) == id(None))
print(min("hello"), max([3, 7, 2]), ord("~"), str(int), str(type(len)).startswith("<class"), isinstance(print, object))
print(int("  12 "), int("-0"), int("1_000"), float("1_0.5"), int(True), complex(1, 2), (1 + 2j) * (3 - 1j), abs(3 + 4j))
print(globals().get("__name__"), "x" in locals() or True, dir([])[:0], isinstance(dir(), list))
def f(*a):
    return len(a)
print(f(*range(100)), f(*"abc", *[1, 2]), f(**{}) if True else "")
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed("ab")), slice(1, 2, 3), [1, 2, 3, 4, 5][slice(1, None, 2)])
print(sys.getrecursionlimit() if hasattr(sys, "getrecursionlimit") else "n/a", type(hash("x")).__name__)
print(eval("1 + 2"), exec("z_exec = 5") or "exec-ok")
print(print is print, len.__name__ if hasattr(len, "__name__") else "")
import micropython
print(micropython.const(5), hasattr(micropython, "opt_level"))
print(sys.exit.__name__ if hasattr(sys.exit, "__name__") else "")
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit", e.args)
