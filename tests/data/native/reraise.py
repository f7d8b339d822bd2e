def a():
    try:
        raise ValueError("a")
    except ValueError:
        raise
def b():
    try:
        1/0
    except ZeroDivisionError as e:
        try:
            raise KeyError("k")
        except KeyError:
            pass
        raise
def c():
    raise
def d():
    for i in range(3):
        try:
            if i == 2:
                raise IndexError(i)
        except IndexError:
            try:
                raise
            except IndexError as e:
                return "inner caught %r" % (e,)
def e():
    try:
        raise TypeError("t")
    except TypeError:
        def inner():
            raise
        try:
            inner()
        except RuntimeError as x:
            print("inner", x)
        raise
def g():
    try:
        yield 1
        raise OSError("g")
    except OSError:
        yield 2
        raise
def h():
    try:
        raise ValueError("x") from KeyError("y")
    except ValueError as e:
        print("h", e, e.__cause__)
for f in (a, b, c, d, e):
    try:
        print(f.__name__, f())
    except Exception as ex:
        print(f.__name__, type(ex).__name__, ex)
try:
    for v in g():
        print("g yields", v)
except OSError as ex:
    print("g raised", ex)
h()
