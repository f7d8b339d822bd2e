import sys, os.path as p, a.b.c
from . import x
from .. import y as yy
from ...pkg.mod import (u, v as vv)
from m import *
def f(n):
    total = 0
    for i in range(n):
        if i == 3: continue
        if i == 8: break
        total += i
    else:
        total = -1
    for i in range(1, n, 2): total -= i
    for i in range(n, 0, -1):
        pass
    for i in range(a, b):
        break
    else:
        print(1)
    for k, v in d.items():
        try:
            x = 1 / k
        except ZeroDivisionError as e:
            raise ValueError from e
        except (TypeError, KeyError):
            continue
        except:
            raise
        else:
            break
        finally:
            print('f')
    while total < 100:
        total *= 2
        if total == 5:
            break
    else:
        total = 0
    while True:
        with open(p) as fh, open(q) as gh:
            data = fh.read()
            if data: return data
        break
    assert total, "msg"
    assert n
    del total, d[1], d.x
    global G
    G = a if b else c
    return a if b else c
x = 1 if y else 2
a, b = b, a
a, b, c = c, b, a
a, *b = c
[a, b] = c
(a, b), c = d
a = b = c = 4
a.b += 1
a[1] += 2
x @= y
x //= 2; x **= 3; x >>= 1; x <<= 2; x %= 3; x &= 1; x |= 1; x ^= 1
print(a < b < c, a is not b, a not in b, not a, -a, +a, ~a, a ** b)
print(*a, *b, c=1, **d)
f(x for x in y)
f(a, b, *c, d=1, **e)
x = {1: 2, 3: 4}
y = {1, 2, 3}
z = {"x": 1}
s = a[1:2], a[::2], a[:], a[1:], a[:2:3], a[1:2:3], a[..., 1]
x = (yy := 5)
print(f'{x!r:>{w}} and {y}')
