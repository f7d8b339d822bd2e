# Differential program (own): async/await driven by hand (no asyncio).
class Yield:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield self.v
        return ("resumed", self.v, got)
async def leaf(n):
    r = await Yield(n)
    return r
async def middle(k):
    out = []
    for i in range(k):
        out.append(await leaf(i))
    return out
async def failing():
    await Yield("before-fail")
    raise ValueError("async fail")
def drive(coro, sends=None):
    log = []
    value = None
    i = 0
    while True:
        try:
            y = coro.send(value)
        except StopIteration as e:
            log.append(("ret", e.value))
            return log
        log.append(("yield", y))
        value = i * 100
        i += 1
print(drive(middle(3)))
try:
    drive(failing())
except ValueError as e:
    print("ValueError from coroutine:", e)
class AIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Yield("tick%d" % self.i)
        return self.i * self.i
class ACtx:
    async def __aenter__(self):
        print("aenter")
        await Yield("enter")
        return "ctx-value"
    async def __aexit__(self, t, v, tb):
        print("aexit", t.__name__ if t else None, v)
        return True
async def uses_all():
    total = []
    async for v in AIter(4):
        total.append(v)
    async with ACtx() as c:
        total.append(c)
        raise KeyError("swallowed")
    return total
print(drive(uses_all()))
co = leaf(5)
print(type(co).__name__)
print(co.send(None))
try:
    co.throw(IndexError("into coro"))
except IndexError as e:
    print("IndexError:", e)
co2 = middle(2)
co2.send(None)
co2.close()
print("closed ok")
async def ret_plain():
    return 42
try:
    ret_plain().send(None)
except StopIteration as e:
    print("plain result", e.value)
