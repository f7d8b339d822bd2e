# bare raise in finally blocks and in except handlers around them (mpy-cross 1.28 aborts on bare
# raise; run in the unix port, the mpyts output prints what the bytecode version prints)
def a():
    try:
        raise ValueError("v")
    finally:
        try:
            raise
        except Exception as e:
            print("in finally, bare raise gives", type(e).__name__, e)
def b():
    try:
        raise ValueError("w")
    except ValueError:
        try:
            pass
        finally:
            raise
def c():
    for i in range(2):
        try:
            raise KeyError(i)
        except KeyError:
            if i:
                raise
def d():
    try:
        raise TypeError("t")
    except TypeError:
        yield 1
        raise
for f in (a, b, c):
    try:
        f()
    except Exception as e:
        print(f.__name__, "->", type(e).__name__, e)
try:
    for v in d():
        print("d yields", v)
except Exception as e:
    print("d ->", type(e).__name__, e)
