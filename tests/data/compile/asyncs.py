async def f(a):
    await g()
    async with a as b, c:
        await b
    async for x in a:
        print(x)
    else:
        print('done')
    return 1
async def gen():
    yield 1
    yield from x
def g():
    x = yield
    y = yield from z
    return x + y
lambda: (yield)
