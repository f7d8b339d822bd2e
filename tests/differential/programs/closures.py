# Differential program (own): closures, nonlocal, late binding, decorators.
def make_counter():
    n = 0
    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(10), c2(), c1())
fs = [lambda: i for i in range(4)]
print([f() for f in fs])
fs2 = [lambda i=i: i for i in range(4)]
print([f() for f in fs2])
def outer():
    x = "outer"
    def mid():
        def inner():
            return x
        return inner
    x = "changed"
    return mid()()
print(outer())
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))
def deco_args(prefix):
    def deco(fn):
        def w(*a, **k):
            return prefix + str(fn(*a, **k))
        return w
    return deco
@deco_args("<")
@deco_args(">")
def add(a, b=2, *rest, scale=1, **extra):
    return (a + b + sum(rest)) * scale, sorted(extra)
print(add(1), add(1, 3), add(1, 2, 3, 4), add(1, scale=3, z=1, y=2))
def accum():
    items = []
    def push(x):
        items.append(x)
        return len(items)
    def get():
        return tuple(items)
    return push, get
push, get = accum()
for w in "abc":
    push(w)
print(get())
x = "global"
def shadow():
    x = "local"
    def g():
        global x
        x = "set-global"
        return x
    return g(), x
print(shadow(), x)
def gen_closure():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for i in range(5):
        add(i)
        yield total
print(list(gen_closure()))
comp = [(lambda y: y + k)(1) for k in range(3)]
print(comp, [[i * j for j in range(3)] for i in range(3)])
def kw(a, /, b, *, c):
    return a, b, c
print(kw(1, 2, c=3), kw(1, b=2, c=3))
try:
    kw(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, x=3))
print(fib.__name__ if hasattr(fib, "__name__") else "", add.__name__)
