# Differential program (own): with statements, try/finally flows, loops with else, class scoping.
class Res:
    log = []
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        Res.log.append("enter " + self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        Res.log.append("exit %s %s" % (self.name, t.__name__ if t else "-"))
        return self.swallow
with Res("a") as x, Res("b") as y:
    Res.log.append(x + y)
try:
    with Res("c"), Res("d", swallow=True):
        raise ValueError("boom")
    Res.log.append("after d")
    with Res("e"):
        raise KeyError("k")
except KeyError:
    Res.log.append("caught k")
print(Res.log)
def loop_flow():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    else:
        out.append("else")
    for j in range(2):
        pass
    else:
        out.append("else2")
    k = 0
    while k < 3:
        k += 1
    else:
        out.append("while-else")
    return out
print(loop_flow())
def break_finally():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                continue
    return "end"
print(break_finally() if False else "skipped")
class Scope:
    a = 1
    b = a + 1
    c = [a * i for i in range(3)] if False else None
    def m(self):
        return self.a + self.b
print(Scope.b, Scope().m(), Scope.c)
n = 0
def outer():
    n = 1
    class Inner:
        n = 2
        def get(self):
            return n
    return Inner().get(), Inner.n
print(outer())
def nested_try():
    r = []
    for i in range(4):
        try:
            try:
                if i % 2:
                    raise IndexError(i)
                r.append(("ok", i))
            except IndexError as e:
                r.append(("idx", e.args[0]))
                if i == 3:
                    raise
            finally:
                r.append(("fin", i))
        except IndexError:
            r.append("reraised")
    return r
print(nested_try())
def exc_var_cleared():
    try:
        raise ValueError
    except ValueError as err:
        pass
    try:
        return err
    except NameError as e:
        return "NameError: " + str(e)
print(exc_var_cleared())
assert True, "never"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError:", e)
