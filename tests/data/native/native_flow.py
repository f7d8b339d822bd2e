# native code paths: exception handlers nested in loops, finally with break/continue/return,
# with-statements, generators that yield inside handlers, closures and class bodies
import micropython

@micropython.native
def handlers(items):
    out = []
    for x in items:
        try:
            try:
                out.append(10 // x)
            except ZeroDivisionError:
                out.append('zero')
                continue
            finally:
                out.append('f')
            if x > 5:
                break
        except TypeError as e:
            out.append(type(e).__name__)
    else:
        out.append('else')
    return out

@micropython.native
def fin(n):
    while n:
        try:
            n -= 1
            if n == 2:
                return 'ret'
        finally:
            if n == 1:
                break
    return n

@micropython.native
def ctx(m, v):
    with m as a, m as b:
        if v:
            return a, b
    return None

@micropython.native
def gen(n):
    i = 0
    while i < n:
        try:
            got = yield i
            if got == 'boom':
                raise ValueError(got)
        except ValueError as e:
            yield 'caught %s' % e
        finally:
            i += 1
    return 'end'

@micropython.native
def deleg(n):
    r = yield from gen(n)
    yield r

@micropython.native
def closure(a):
    def inc(k=1):
        nonlocal a
        a += k
        return a
    return inc, [a * j for j in range(3) if j], {j: a for j in 'xy'}, {a, a + 1}

class C:
    @micropython.native
    def meth(self, *args, **kw):
        return super().__init__(), len(args), sorted(kw)

@micropython.native
def unpack(seq):
    a, (b, c), *d = seq
    seq[0], seq[1] = seq[1], seq[0]
    del seq[-1]
    return a, b, c, d, seq[1:3], seq[::2]

@micropython.native
def big_function(x):
    # long enough that backward jumps need the 32-bit form
    total = 0
    for i in range(x):
        total += i * 2 + 1 - 3 // 1 + (i & 7) + (i | 1) + (i ^ 5) + (i << 2) + (i >> 1)
        total += i * 2 + 1 - 3 // 1 + (i & 7) + (i | 1) + (i ^ 5) + (i << 2) + (i >> 1)
        total += i * 2 + 1 - 3 // 1 + (i & 7) + (i | 1) + (i ^ 5) + (i << 2) + (i >> 1)
        total += i * 2 + 1 - 3 // 1 + (i & 7) + (i | 1) + (i ^ 5) + (i << 2) + (i >> 1)
        if total > 1000000:
            total -= 1000000
    return total
