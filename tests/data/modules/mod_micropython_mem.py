# micropython.mem_total/mem_current/mem_peak (MICROPY_MEM_STATS): only differences and orderings are
# compared, as the figures are the allocation model of docs/MODULES.md, not the unix port's byte counts.
# .exp made with: cd tests/data/modules && micropython mod_micropython_mem.py > mod_micropython_mem.exp 2>&1
import micropython, io

mt, mc, mp = micropython.mem_total, micropython.mem_current, micropython.mem_peak
print(type(mt()), type(mc()), type(mp()))
print(mc() <= mt(), mp() >= mc())
t = mt()
lst = [0] * 1000
print("list*1000 >= 8000", mt() - t >= 8000)
t = mt()
ba = bytearray(5000)
print("bytearray(5000) >= 5000", mt() - t >= 5000)
t = mt()
o = object()
f = 1.5 * 2.0
print("small objects grow total", mt() > t)
c, p = mc(), mp()
big = bytes(20000)
print("current, peak grow", mc() > c, mp() > p)
data = b"x" * 4096
t = mt()
b = io.BytesIO(data)
print("BytesIO(bytes) not copied", mt() - t < len(data))
t = mt()
try:
    mt(1)
except TypeError as e:
    print(e)
