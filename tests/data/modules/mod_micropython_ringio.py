# micropython.RingIO: capacity rules, constructor errors, partial reads/writes, readline/readinto windows,
# shared buffer, select.poll readiness and an asyncio reader/writer pair through a small ring.
# .exp made with: cd tests/data/modules && micropython mod_micropython_ringio.py > mod_micropython_ringio.exp 2>&1
import micropython, select, io
R = micropython.RingIO
for a in (-1, -2, 2**40, "ab", b"abc", 1.0):
    try:
        print(R(a))
    except Exception as e:
        print(type(e).__name__, e)
ba = bytearray(5)
r = R(ba)
print(r.write(b"abcdef"), ba, r.any())
print(r.read(1), r.write(b"XY"), ba)
print(r.read(), r.any())
r.write(b"ab\ncd")
print(r.readline(), r.readline(), r.readline())
r.write(b"1234")
print(r.readline(2), r.read())
buf = bytearray(6)
r.write(b"wxyz")
print(r.readinto(buf, 2), buf, r.readinto(buf), buf)
print(r.write(b"abcdef", 2), r.write(b"abcdef", 4, 1), r.read())
print(r.write(memoryview(b"hello")[1:]), r.read(-1))
try:
    r.read(None)
except TypeError as e:
    print(e)
print(R(memoryview(bytearray(4))).write(b"abcdef"))
try:
    R(memoryview(b"abcd"))
except TypeError as e:
    print(e)
print(r.close(), r.close(), r.write(b"z"), r.read())
p = select.poll()
r = R(3)
p.register(r)
print(p.poll(0))
r.write(b"a")
print(p.poll(0))
r.write(b"bc")
print(p.poll(0), r.any())
p.modify(r, select.POLLOUT)
print(p.poll(0))
print(type(R), R.__name__, hasattr(r, "ioctl"), hasattr(r, "readline"))
try:
    r.read(1, 2)
except TypeError as e:
    print(e)
print(r.read(), r.write("str"), r.read(), r.write(b""))
try:
    with R(4) as x:
        print(x)
except AttributeError as e:
    print(e)
import asyncio

rb = R(5)
s = asyncio.StreamWriter(rb)


async def producer():
    for i in range(4):
        s.write(b"line%d\n" % i)
        await s.drain()
    print("producer done")


async def consumer():
    for i in range(4):
        print("got", await s.readline())


async def main():
    t = asyncio.create_task(producer())
    await consumer()
    await t


asyncio.run(main())
