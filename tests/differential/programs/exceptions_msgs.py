# Differential program (own): exceptions and their messages.
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, "|", e, "|", repr(e), "|", e.args)
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: [][1])
show(lambda: (1,)[5])
show(lambda: {}["missing"])
show(lambda: {}[(1, 2)])
show(lambda: undefined_name)
show(lambda: int("x12"))
show(lambda: int("12", 2))
show(lambda: None.attr)
show(lambda: (1).nope)
show(lambda: len(5))
show(lambda: "a" + 1)
show(lambda: 1 + "a")
show(lambda: [] + ())
show(lambda: {}.pop("k"))
show(lambda: [].pop())
show(lambda: [1].remove(2))
show(lambda: next(iter([])))
show(lambda: int(None))
show(lambda: abs("s"))
show(lambda: iter(5))
show(lambda: hash([]))
show(lambda: (lambda a: a)())
show(lambda: (lambda a: a)(1, 2))
show(lambda: (lambda: 0)(x=1))
show(lambda: chr(-1))
show(lambda: ord("ab"))
show(lambda: [1, 2].index(3))
show(lambda: "abc".encode("nope"))
show(lambda: range(0, 10, 0))
show(lambda: divmod(1, 0))
show(lambda: 2 ** -1 // 0)
show(lambda: setattr(1, "x", 2))
show(lambda: object().x)
show(lambda: tuple(1))
show(lambda: dict([1]))
show(lambda: sorted([1, "a"]))
class E(Exception):
    pass
class F(E):
    def __init__(self, code):
        super().__init__("F code", code)
        self.code = code
show(lambda: (_ for _ in ()).throw(E("thrown")))
try:
    raise F(42)
except E as e:
    print("caught F as E:", e, e.args, e.code, isinstance(e, Exception))
try:
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise KeyError("outer") from e
except KeyError as e:
    print(repr(e), repr(e.__cause__) if hasattr(e, "__cause__") else "")
def finally_order():
    out = []
    try:
        try:
            out.append(1)
            raise IndexError
        finally:
            out.append(2)
    except IndexError:
        out.append(3)
    else:
        out.append(4)
    finally:
        out.append(5)
    return out
print(finally_order())
def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")
print(ret_in_finally())
print(repr(Exception()), repr(Exception(1, 2)), str(Exception("one")), str(KeyError("k")), str(KeyError()))
print(ValueError.__name__, issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
e = OSError(2, "No such")
print(e.errno, e.args, str(e))
e = StopIteration(7)
print(e.value, e.args)
class Node:
    def __init__(self, d):
        self.d = d
def deep(n):
    if n == 0:
        raise RuntimeError("bottom reached")
    return deep(n - 1)
try:
    deep(50)
except RuntimeError as e:
    print("deep:", e)
def uncaught():
    d = {"a": 1}
    return d["b"]
print("about to fail")
uncaught()
print("never printed")
