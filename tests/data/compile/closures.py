def outer(a, b=2, *args, c, d=4, **kw):
    x = 1
    def inner(y, z=a):
        nonlocal x
        x += y
        def deeper():
            return x + a + b + z
        return deeper
    lam = lambda q, *r, s=3, **t: (q, r, s, t, x)
    g = (i * x for i in range(10) if i % 2)
    l = [i + j for i in args for j in kw if i]
    s = {k for k in kw}
    dd = {k: v for k, v in kw.items()}
    return inner, lam, g, l, s, dd

class A:
    y = 5
    def f(self):
        return __class__
    def g(self, *a):
        super().g(*a)
        return super().x
    @staticmethod
    def h():
        return [y for y in range(3)]
    class B(object, metaclass=type):
        pass

class C(A):
    def m(self):
        def n():
            return self.y
        return n
    z = [y for y in range(2)]
