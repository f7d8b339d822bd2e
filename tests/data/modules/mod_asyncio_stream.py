# asyncio streams over a pollable io.IOBase stream (readline/readexactly/read/readinto, EOFError,
# write with partial writes, drain, awrite/awritestr, wait_closed), cancelling a task waiting for IO,
# a ThreadSafeFlag set from a micropython.schedule callback, StreamWriter over sys.stdout.
# .exp made with: cd tests/data/modules && micropython mod_asyncio_stream.py > mod_asyncio_stream.exp 2>&1
import asyncio, io, sys, micropython

class Pipe(io.IOBase):
    # a pollable in-memory stream: readable when it holds data
    def __init__(self):
        self.buf = bytearray()
        self.closed = False
        self.limit = None
    def ioctl(self, req, arg):
        if req == 3:
            r = 0
            if arg & 1 and (self.buf or self.closed):
                r |= 1
            if arg & 4:
                r |= 4
            return r
        return 0
    def read(self, n=-1):
        if not self.buf and not self.closed:
            return None
        if n < 0:
            n = len(self.buf)
        d = bytes(self.buf[:n])
        self.buf = self.buf[n:]
        return d
    def readinto(self, b):
        n = min(len(b), len(self.buf))
        b[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n
    def readline(self):
        i = self.buf.find(b"\n")
        if i < 0:
            if self.closed:
                return self.read()
            return None
        return self.read(i + 1)
    def write(self, d):
        if self.limit is not None:
            d = d[: self.limit]
        print("write", bytes(d))
        self.buf += d
        return len(d)
    def close(self):
        print("close")
        self.closed = True

async def feeder(p, chunks):
    for c in chunks:
        await asyncio.sleep_ms(30)
        p.buf += c
        print("fed", c)
    p.closed = True

async def main():
    p = Pipe()
    r = asyncio.StreamReader(p)
    print(type(r).__name__, asyncio.StreamReader is asyncio.StreamWriter)
    asyncio.create_task(feeder(p, [b"hel", b"lo\nwor", b"ld\n", b"12345", b"6789"]))
    print(await r.readline())
    print(await r.readline())
    print(await r.readexactly(3))
    print(await r.read(4))
    print(await r.read())
    try:
        print(await r.readexactly(3))
    except EOFError:
        print("EOFError")
    p2 = Pipe()
    w = asyncio.StreamWriter(p2, {"peername": "x"})
    print(w.get_extra_info("peername"))
    w.write(b"abc")
    await w.drain()
    p2.limit = 2
    w.write(b"defgh")
    print(w.out_buf)
    await w.drain()
    print(w.out_buf)
    await w.awrite(b"0123456789", 2, 3)
    await w.awritestr(b"zz")
    w.close()
    await w.wait_closed()
    b = bytearray(3)
    p3 = Pipe(); p3.buf += b"xy"
    print(await asyncio.StreamReader(p3).readinto(b), b)
    # ThreadSafeFlag set from a scheduled callback while the loop waits
    f = asyncio.ThreadSafeFlag()
    async def w8():
        await f.wait()
        print("flag")
    t = asyncio.create_task(w8())
    await asyncio.sleep(0)
    micropython.schedule(lambda _: f.set(), None)
    await t
    # cancel a task waiting for IO
    p4 = Pipe()
    rt = asyncio.create_task(asyncio.StreamReader(p4).read(1))
    await asyncio.sleep(0)
    rt.cancel()
    try:
        await rt
    except asyncio.CancelledError:
        print("read cancelled")
    s = asyncio.StreamWriter(sys.stdout)
    s.write("to stdout\n")
    await s.drain()


asyncio.run(main())
