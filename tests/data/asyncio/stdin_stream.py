# asyncio streams over the standard streams: StreamReader(sys.stdin) readline/read(n)/read(),
# StreamReader(sys.stdin.buffer), StreamWriter(sys.stdout) with bytes and str, plus sys.stdin's own
# read/readline and sys.std*.buffer/fileno. Run with the input in tests/unit/asyncio-stdin.test.ts.
# .exp made with: cd tests/data/asyncio && printf 'line1\nabcdef\nrest\nmore\nlast\n' | micropython stdin_stream.py > stdin_stream.exp 2>&1
import asyncio
import sys


async def main():
    r = asyncio.StreamReader(sys.stdin)
    print(await r.readline())
    print(await r.read(3))
    print(await r.readline())
    print(sys.stdin.readline(), end="")
    w = asyncio.StreamWriter(sys.stdout)
    w.write(b"bytes out\n")
    w.write("text out\n")
    await w.drain()
    print(sys.stdin.read(2))
    print(await asyncio.StreamReader(sys.stdin.buffer).read())
    print(sys.stdin.read(), sys.stdin.readline() == "")
    print(sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno())
    print(sys.stdout.buffer.write(b"raw\n"))


asyncio.run(main())
