# Differential program (own): generators: send/throw/close, yield from, return values.
def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "done %d" % n
g = counter(10)
print(next(g), next(g), g.send(5), next(g), g.send(9))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value, e.args)
def catcher():
    while True:
        try:
            x = yield
            print("got", x)
        except ValueError as e:
            print("caught", e)
            yield "after-throw"
        except GeneratorExit:
            print("closing")
            return
c = catcher()
next(c)
c.send(1)
print(c.throw(ValueError("bad")))
next(c)
c.send(2)
c.close()
c.close()
try:
    c.send(3)
except StopIteration:
    print("send after close: StopIteration")
def inner():
    a = yield 1
    b = yield a * 10
    return a + b
def outer():
    r = yield from inner()
    print("inner returned", r)
    r2 = yield from [7, 8]
    print("list gave", r2)
    return r
o = outer()
print(next(o), o.send(2), o.send(3), next(o), next(o, "end"))
def thrower():
    try:
        yield from inner()
    except KeyError as e:
        print("outer caught", repr(e))
        yield "recovered"
t = thrower()
next(t)
print(t.throw(KeyError("k")))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(30)])
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", range(3), (x * x for x in range(4)), {9: 0})))
gen = (i for i in range(5) if i % 2)
print(list(gen), list(gen))
def closing_gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
cg = closing_gen()
print(next(cg))
cg.close()
def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 2
bc = bad_close()
next(bc)
try:
    bc.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def running():
    yield g2.send(None) if False else 1
g2 = running()
print(list(g2))
def reentrant():
    yield next(r)
r = reentrant()
try:
    next(r)
except ValueError as e:
    print("ValueError:", e)
def stop_inside():
    yield 1
    raise StopIteration(5)
try:
    print(list(stop_inside()))
except RuntimeError as e:
    print("RuntimeError:", e)
print(type(fib()).__name__, hasattr(fib(), "send"), iter(f) is f)
pairs = zip(counter(3), "xyz", fib())
print(list(pairs), list(enumerate(counter(4), 10)))
