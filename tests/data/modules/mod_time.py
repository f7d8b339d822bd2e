# time (unix port): 2^62 ticks period, ticks_add/ticks_diff arithmetic and overflow, gmtime/localtime
# 9-tuples, mktime (round trips only, so any TZ), sleeps that really wait, argument errors.
# .exp made with: cd tests/data/modules && micropython mod_time.py > mod_time.exp 2>&1
import time

print(sorted(n for n in dir(time) if not n.startswith("_")))
for x in (0, 86399, 951782400, 1234567890, 4102444800):
    lt = time.localtime(x)
    print(len(lt), time.mktime(lt) == x, time.mktime(lt[:8]) == x)
print(time.mktime((2000, 13, 40, 25, 61, 61, 0, 0)) == time.mktime((2001, 2, 10, 2, 2, 1, 0, 0)))
print(type(time.time()), type(time.time_ns()), type(time.ticks_ms()), type(time.clock()))
print(time.gmtime(0), time.gmtime(1.9), time.gmtime(-1), time.gmtime(2**31), time.gmtime(951782400))
print(time.gmtime(1e9), time.gmtime(True), time.gmtime(4102444800))
g = time.gmtime(1234567890)
print(g, len(g))
print(time.ticks_add(5, -10), time.ticks_diff(5, 2**30 - 5), time.ticks_diff(2**29, 0), time.ticks_add(2**62 - 1, 1))
print(time.ticks_diff(0, 2**62 - 1), time.ticks_diff(2**61, 0), time.ticks_diff(0, 2**61), time.ticks_add(10, 2**61 - 1))
for a in ((0, 2**61), (0, -(2**61)), (0, 2**70), (0, "x"), (0,)):
    try:
        print(time.ticks_add(*a))
    except Exception as e:
        print(type(e).__name__, e)
for f, a in ((time.mktime, ((1, 2),)), (time.mktime, (5,)), (time.gmtime, ("x",)), (time.sleep, ("x",)),
             (time.sleep_ms, (1.5,)), (time.ticks_ms, (1,)), (time.ticks_diff, (1,)), (time.gmtime, (1, 2))):
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)
t = time.ticks_ms()
time.sleep_ms(30)
d = time.ticks_diff(time.ticks_ms(), t)
print(30 <= d < 5000)
t = time.ticks_us()
time.sleep_us(20000)
print(20000 <= time.ticks_diff(time.ticks_us(), t) < 5000000)
t = time.ticks_ms()
time.sleep(0.03)
print(30 <= time.ticks_diff(time.ticks_ms(), t) < 5000)
print(time.sleep_ms(-1), time.sleep_us(0), time.sleep(0))
t1 = time.time()
print(abs(t1 - time.time_ns() / 1e9) < 1)
import utime
print(utime.ticks_add(1, 2))
