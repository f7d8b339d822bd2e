# viper control flow and objects: try/except/finally (with break, continue and return through
# them), with, loops, nested functions and comprehensions, methods, globals, calls with
# keyword and star arguments, argument checks, the function object.
# .exp made with: cd tests/data/vm && micropython viper_control.py > viper_control.exp 2>&1
import micropython

G = 10


class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, a, b, c):
        print("exit", self.name, a)
        return self.swallow


@micropython.viper
def try_finally(n: int) -> int:
    s = 0
    for i in range(n):
        try:
            if i == 2:
                continue
            if i == 4:
                break
            s += i
        finally:
            s += 100
    return s


@micropython.viper
def ret_in_try(x: int) -> int:
    try:
        return x + 1
    finally:
        print("finally", x)


@micropython.viper
def catch(x):
    try:
        return G // x
    except ZeroDivisionError:
        print("caught")
        return "div0"
    except TypeError:
        print("type error")
        return "type"
    else:
        print("no else")
    finally:
        print("done", x)


@micropython.viper
def nested_try() -> int:
    n = 0
    try:
        try:
            raise KeyError(1)
        finally:
            n += 1
    except KeyError:
        n += 10
    return n


@micropython.viper
def with_ok():
    with CM("a") as c:
        print("body", c.name)


@micropython.viper
def with_exc(swallow):
    with CM("b", swallow):
        raise OSError(5)
    print("after with")


@micropython.viper
def with_break() -> int:
    n = 0
    while True:
        with CM("c"):
            n += 1
            if n == 2:
                break
    return n


@micropython.viper
def comp(n: int):
    return [i * i for i in range(n)], {i: (i, i) for i in range(n)}


@micropython.viper
def closure(n: int):
    f = lambda y: y * y
    return f(n)


@micropython.viper
def globals_(x):
    global G
    G = G + x
    return G


@micropython.viper
def calls(*x):
    return x


@micropython.viper
def kw_call(x):
    d = dict(a=1, b=x)
    args = (1, 2, 3)
    return sorted(d.items()), max(*args), "{}-{}".format(*args)


class A:
    def __init__(self):
        self.v = 5

    @micropython.viper
    def m(self, k: int) -> int:
        return int(self.v) * k


@micropython.viper
def unpack(t):
    a, b, c = t
    d, *e = t
    return c, b, a, d, e


@micropython.viper
def attrs(o, v):
    o.v = v
    return o.v


@micropython.viper
def subscripts(d, k):
    d[k] = 1
    x = d[k]
    del d[k]
    return x, len(d)


print(try_finally(10))
print(ret_in_try(1))
print(catch(2), catch(0), catch("x"))
print(nested_try())
with_ok()
try:
    with_exc(False)
except OSError as e:
    print("propagated", e)
with_exc(True)
print(with_break())
print(comp(3))
print(closure(4))
print(globals_(5), G)
try:
    calls(1)
except Exception as e:
    print(type(e).__name__)
print(kw_call(9))
print(A().m(3))
print(unpack((1, 2, 3)))
print(attrs(A(), 8))
print(subscripts({}, "k"))
print(try_finally)
try:
    try_finally()
except TypeError as e:
    print(e)
try:
    try_finally(n=1)
except TypeError as e:
    print(e)
