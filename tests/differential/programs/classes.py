# Differential program (own): classes: MRO, super, properties, special methods, __getattr__.
class A:
    tag = "A"
    def who(self):
        return "A.who"
    def chain(self):
        return ["A"]
class B(A):
    def chain(self):
        return ["B"] + super().chain()
class C(A):
    tag = "C"
    def chain(self):
        return ["C"] + super().chain()
class D(B, C):
    def chain(self):
        return ["D"] + super().chain()
d = D()
print(d.chain(), d.tag, d.who(), [k.__name__ for k in (D.__bases__)], isinstance(d, C), issubclass(D, A))
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @property
    def f(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.c = 100
print(t.c, t.f)
try:
    t.c = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.f = 5
except AttributeError as e:
    print("AttributeError:", e)
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __repr__(self):
        return "Vec(%s)" % ", ".join(map(str, self.xs))
    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self.xs, o.xs)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return self * -1
    def __eq__(self, o):
        return isinstance(o, Vec) and self.xs == o.xs
    def __lt__(self, o):
        return sum(self.xs) < sum(o.xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __contains__(self, v):
        return v in self.xs
    def __iter__(self):
        return iter(self.xs)
    def __bool__(self):
        return any(self.xs)
    def __call__(self, k):
        return self.xs[k] * 2
    def __hash__(self):
        return hash(tuple(self.xs))
v = Vec(1, 2, 3)
w = Vec(4, 5, 6)
print(v + w, v * 2, 3 * v, -v, v == Vec(1, 2, 3), v != w, v < w, sorted([w, v]), len(v), v[1], v[-1], 2 in v)
v[0] = 10
print(v, list(v), bool(Vec(0, 0)), bool(v), v(2), {v: "h"}[Vec(10, 2, 3)], max(v), v[0:2])
class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return "dyn_" + name
        raise AttributeError(name)
dy = Dyn()
print(dy.real, dy.xyz, getattr(dy, "x1"), hasattr(dy, "nope"), getattr(dy, "nope", "dflt"))
class Counted:
    count = 0
    def __init__(self):
        Counted.count += 1
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def twice(x):
        return 2 * x
class Sub(Counted):
    pass
Counted.make()
s = Sub.make()
print(Counted.count, type(s).__name__, Sub.twice(21), s.twice(1))
class Meta:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__)
class M2(Meta):
    pass
class WithNew:
    def __new__(cls, x):
        print("new", cls.__name__, x)
        inst = super().__new__(cls)
        inst.x = x
        return inst
    def __init__(self, x):
        print("init", x)
wn = WithNew(3)
print(wn.x, type(wn) is WithNew, WithNew.__name__)
class Str:
    def __str__(self):
        return "str-form"
    def __repr__(self):
        return "repr-form"
print(Str(), [Str()], str(Str()), repr(Str()), "%s %r" % (Str(), Str()), f"{Str()!r}")
class Base:
    def __init__(self, v):
        self.v = v
class Derived(Base):
    def __init__(self, v):
        super().__init__(v * 2)
        self.extra = True
dv = Derived(4)
print(dv.v, dv.extra, sorted(dv.__dict__.items()), Derived.__mro__ if hasattr(Derived, "__mro__") else "")
class Inplace:
    def __init__(self):
        self.n = 0
    def __iadd__(self, k):
        self.n += k
        return self
ip = Inplace()
ip += 5
ip += 6
print(ip.n)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return et is KeyError
with Ctx():
    raise KeyError("swallowed")
print(type(None).__name__, type(type).__name__, type(Vec).__name__, Vec.__name__)
