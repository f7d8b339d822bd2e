# A seeded random mix of tasks yielding, waiting on Events, taking a Lock, cancelling and awaiting
# each other (directly and through wait_for), gathering, with unretrieved exceptions going to a custom
# handler: the order of everything must be upstream's. Run with a clock that does not advance
# (tests/unit/asyncio-order.test.ts), so all tasks share one ticks value, as on the (fast) unix port.
# .exp made with: cd tests/data/asyncio && micropython interleave.py > interleave.exp 2>&1
import asyncio, random
random.seed(11)
log = []
N = 14
async def nap(v):
    await asyncio.sleep(0)
    if v < 0:
        raise ValueError(v)
    return v
async def actor(i, ev, lock, tasks):
    try:
        for step in range(6):
            r = random.random()
            if r < 0.3:
                log.append((i, step, "s"))
                await asyncio.sleep(0)
            elif r < 0.45:
                log.append((i, step, "ev"))
                await ev[random.randint(0, 2)].wait()
            elif r < 0.6:
                async with lock:
                    log.append((i, step, "L"))
                    await asyncio.sleep(0)
            elif r < 0.7:
                j = random.randint(0, N - 1)
                if tasks[j] is not asyncio.current_task():
                    log.append((i, step, "c", j, tasks[j].cancel()))
            elif r < 0.8:
                e = ev[random.randint(0, 2)]
                e.set()
                log.append((i, step, "set"))
                await asyncio.sleep(0)
                e.clear()
            elif r < 0.9:
                j = random.randint(0, N - 1)
                t = tasks[j]
                if t is not asyncio.current_task():
                    try:
                        log.append((i, step, "w", j))
                        await asyncio.wait_for(t, None if random.random() < 0.5 else 5)
                    except asyncio.CancelledError:
                        log.append((i, step, "wc"))
                        raise
                    except RuntimeError as e:
                        log.append((i, step, "RE", str(e)))
            else:
                r = await asyncio.gather(nap(i), nap(-i), return_exceptions=True)
                log.append((i, step, "g", r))
        return i
    except asyncio.CancelledError:
        log.append((i, "cancelled"))
        raise
async def main():
    ev = [asyncio.Event() for _ in range(3)]
    lock = asyncio.Lock()
    tasks = []
    for i in range(N):
        tasks.append(asyncio.create_task(actor(i, ev, lock, tasks)))
    for k in range(40):
        await asyncio.sleep(0)
        if k % 7 == 0:
            for e in ev: e.set()
            await asyncio.sleep(0)
            for e in ev: e.clear()
    for e in ev: e.set()
    for k in range(40):
        await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in res])
def handler(loop, ctx):
    log.append(("H", repr(ctx["exception"])))
asyncio.get_event_loop().set_exception_handler(handler)
for seed in range(6):
    random.seed(seed)
    log.clear()
    try:
        asyncio.run(main())
    except Exception as e:
        print("exc", repr(e))
    print(seed, len(log), log)
