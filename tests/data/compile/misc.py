if __debug__:
    print("debug")
x = t"hello {name!r:>10} {x + 1}"
y = f"{a}{b!s}{c:{w}.{p}}" f"lit" "eh" f'{d=}'
def outer():
    class Inner(Base):
        def m(self, v=lambda: __class__):
            def deep():
                return super(Inner, self).m() + __class__.x
            return deep
        attr = outer
    def uses_cell(e=None):
        try:
            pass
        except Exception as e:
            return lambda: e
        z = 1
        del z
        w = 2
        def f(): return w
        del w
        return f
    return Inner, uses_cell
def kw(a, b=1, *, c, d=2, e, **f): pass
def kw2(*, c=1): pass
def kw3(a, b): pass
def star_closure(a, *args, b, **kw):
    return lambda: (a, args, b, kw)
def walrus():
    n = 0
    data = [y := f(x) for x in range(5)]
    total = [n := n + v for v in data]
    return y, n
data = [yy := f(x) for x in range(5)]
class K:
    vals = [i for i in range(3)]
def gen():
    try:
        yield 1
    finally:
        yield 2
    return 5
def f(*, a): pass
async def ag():
    async with x:
        return 1
    return await y
def many_locals():
    a0=a1=a2=a3=a4=a5=a6=a7=a8=a9=a10=a11=a12=a13=a14=a15=a16=a17=a18=a19=1
    del a17
    return a0+a16+a18+a19
class D:
    def __init__(self): super().__init__()
    def m(self): return super().m(1, *a, **k)
    def n(self): return super().n
    @property
    def p(self): return 1
    @p.setter
    def p(self, v): pass
