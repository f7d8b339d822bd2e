import micropython
X = 1.5
def outer(a):
    @micropython.native
    def inner(b):
        return [a + b + i for i in range(3)], {k: a for k in 'ab'}, (lambda z: z + a)(b)
    return inner
@micropython.native
def gen(n):
    try:
        for i in range(n):
            x = yield i
            if x:
                yield from gen(x)
    finally:
        print("done")
@micropython.native
async def co(a):
    async with a as b:
        await b
    async for z in a:
        pass
@micropython.viper
def vv(a: int) -> int:
    b = 0
    for i in range(a):
        b += i * int(X)
    return b
@micropython.native
def kw(*args, **kw):
    f(*args, **kw)
    f(1, *args, x=2)
    a, *b, c = args
    del a
    return a.b.c, a[1:2], a[::3], {1, 2}, (1,), ..., b'x', 1.5, 10**20, -7
