# heapq, errno and cmath: heap operations and arity errors, errno names/codes, complex functions and conversions.
# .exp made with: cd tests/data/modules && micropython mod_heapq_errno_cmath.py > mod_heapq_errno_cmath.exp 2>&1
import heapq, errno, cmath
def t(f, *a):
    try: print(f(*a))
    except Exception as e: print(type(e).__name__, e)
h = []
for x in [5, 1, 4, 1, 9, 2]: heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(6)])
t(heapq.heappop, [])
t(heapq.heappush, (1,), 2)
t(heapq.heapify, "abc")
t(heapq.heappush, [1])
t(heapq.heappop, [1], 2)
l = [9, 8, 7, 1, 2]; heapq.heapify(l); print(l)
t(heapq.heappush, [1, 'a'], 2)
print(sorted(n for n in dir(heapq) if not n.startswith('_')))
print(errno.ENOENT, errno.errorcode[2], len(errno.errorcode), sorted(n for n in dir(errno) if n.startswith('E'))[:5])
t(lambda: errno.errorcode[999])
print(OSError(errno.EEXIST), OSError(2, 'msg'), repr(OSError(5)))
print(cmath.sqrt(-1), cmath.phase(-1), cmath.polar(1j), cmath.rect(1, 0), cmath.exp(1j), cmath.log(-1), cmath.log10(100))
t(cmath.sqrt, 'x')
t(cmath.log, 0)
class C:
    def __complex__(self): return 1j
t(cmath.phase, C())
print(sorted(n for n in dir(cmath) if not n.startswith('_')))
