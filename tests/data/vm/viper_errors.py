# viper compile-time errors (ViperTypeError and friends, raised when the function is compiled) and
# exceptions passing through viper and native functions at run time.
# .exp made with: cd tests/data/vm && micropython viper_errors.py > viper_errors.exp 2>&1
import micropython


def test(code):
    try:
        exec(code)
    except (SyntaxError, ViperTypeError, NotImplementedError) as e:
        print(type(e).__name__, e)


test("@micropython.viper\ndef f(x:int) -> int:\n    y = x\n    y = []\n    return y")
test("@micropython.viper\ndef f(p:ptr):\n    return p[0]")
test("@micropython.viper\ndef f(p:ptr8, i):\n    return p[i]")
test("@micropython.viper\ndef f(p:ptr8, i):\n    p[i] = 1")
test("@micropython.viper\ndef f(p:ptr8):\n    p[0] = []")
test("@micropython.viper\ndef f(a:int, b:uint):\n    return a < b")
test("@micropython.viper\ndef f(a:uint, b:uint):\n    return a // b")
test("@micropython.viper\ndef f(a:int):\n    return not a")
test("@micropython.viper\ndef f(a:int):\n    yield a")
test("@micropython.viper\ndef f() -> bool:\n    return 1")
test("@micropython.viper\ndef f(x:list): pass")
test("@micropython.asm_thumb\ndef f(): pass")
test("@micropython.foo\ndef f(): pass")
print(issubclass(ViperTypeError, TypeError))


@micropython.viper
def boom(x: int):
    if x > 2:
        raise ValueError(x)
    return boom(x + 1)


@micropython.native
def nboom(x):
    return boom(x)


try:
    nboom(0)
except ValueError as e:
    print("ValueError", e)


@micropython.viper
def index(lst, i: int):
    return lst[i]


try:
    index([1, 2], 5)
except IndexError as e:
    print("IndexError", e)
try:
    index(None, 0)
except TypeError as e:
    print("TypeError", e)
