# asyncio: scheduling order, cancellation (of sleeping tasks, of tasks waiting on tasks, events and
# locks), wait_for/wait_for_ms timeouts and results, Event, Lock (with cancellation while queued),
# gather (results, exceptions, return_exceptions, cancellation), the exception handlers (custom and
# default), Loop API, current_task, tracebacks through the library's frames.
# .exp made with: cd tests/data/modules && micropython mod_asyncio.py > mod_asyncio.exp 2>&1
import asyncio
import sys


def show(e):
    print(type(e).__name__, e.args)


async def worker(name, n, log):
    for i in range(n):
        log.append((name, i))
        await asyncio.sleep(0)
    return name


async def order():
    log = []
    ts = [asyncio.create_task(worker(c, 3, log)) for c in "abc"]
    log.append("main")
    await asyncio.sleep(0)
    log.append("main2")
    for t in ts:
        print(await t, t.done())
    print(log)


async def sleeper(name, ms, log):
    try:
        await asyncio.sleep_ms(ms)
        log.append(name + " woke")
    except asyncio.CancelledError as e:
        log.append(name + " cancelled")
        raise e
    finally:
        log.append(name + " finally")


async def cancellation():
    log = []
    t1 = asyncio.create_task(sleeper("s1", 2000, log))
    t2 = asyncio.create_task(sleeper("s2", 10, log))
    await asyncio.sleep(0)
    print("cancel", t1.cancel(), t1.cancel())
    try:
        await t1
    except asyncio.CancelledError as e:
        print("awaited t1:", repr(e))
    await t2
    print("t2 cancel after done", t2.cancel(), t2.done())
    print(log)

    # cancel forwards to the task being awaited
    inner = asyncio.create_task(sleeper("inner", 2000, log))

    async def outer():
        return await inner

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled; inner done:", inner.done())
    print(log[-2:])

    # cancelling a task that has not started yet
    t3 = asyncio.create_task(sleeper("s3", 0, log))
    t3.cancel()
    try:
        await t3
    except asyncio.CancelledError:
        print("s3 cancelled before start", log[-1:])

    # a task cannot cancel itself
    async def selfcancel():
        try:
            asyncio.current_task().cancel()
        except RuntimeError as e:
            print("RuntimeError:", e)

    await asyncio.create_task(selfcancel())


async def slow(ms, value):
    await asyncio.sleep_ms(ms)
    return value


async def fail(ms, exc):
    await asyncio.sleep_ms(ms)
    raise exc


async def waits():
    print(await asyncio.wait_for(slow(0, "fast"), 1))
    print(await asyncio.wait_for_ms(slow(0, "fast ms"), 1000))
    print(await asyncio.wait_for(slow(0, "no timeout"), None))
    try:
        await asyncio.wait_for_ms(slow(3000, "late"), 20)
    except asyncio.TimeoutError as e:
        print("timeout", repr(e))
    try:
        await asyncio.wait_for(fail(0, ValueError("boom", 1)), 1)
    except ValueError as e:
        print("raised through wait_for:", repr(e))
    t = asyncio.create_task(slow(3000, "x"))
    try:
        await asyncio.wait_for(t, 0.01)
    except asyncio.TimeoutError:
        print("task timed out, done:", t.done())

    # wait_for itself cancelled from outside cancels the awaitable
    log = []
    inner = asyncio.create_task(sleeper("wf", 3000, log))
    w = asyncio.create_task(asyncio.wait_for(inner, 5))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("wait_for cancelled", log)


async def events():
    ev = asyncio.Event()
    log = []

    async def waiter(i):
        log.append(("wait", i))
        r = await ev.wait()
        log.append(("woke", i, r))

    ts = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("is_set", ev.is_set())
    ev.set()
    print("is_set", ev.is_set())
    await asyncio.sleep(0)
    print(log)
    print("already set:", await ev.wait())
    ev.clear()
    t = asyncio.create_task(waiter(9))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print(log[-1], t.done())

    flag = asyncio.ThreadSafeFlag()

    async def fwait():
        await flag.wait()
        print("flag woke")

    ft = asyncio.create_task(fwait())
    await asyncio.sleep(0)
    print("flag set")
    flag.set()
    await ft
    flag.set()
    await flag.wait()
    print("flag cleared itself", flag.state)


async def locks():
    lock = asyncio.Lock()
    log = []

    async def user(i, ms):
        async with lock:
            log.append(("in", i, lock.locked()))
            await asyncio.sleep_ms(ms)
            log.append(("out", i))

    ts = [asyncio.create_task(user(i, 5)) for i in range(3)]
    await asyncio.sleep(0)
    # cancel a task queued on the lock
    ts[1].cancel()
    for t in ts:
        try:
            await t
        except asyncio.CancelledError:
            log.append("cancelled")
    print(log, lock.locked())
    print(await lock.acquire(), lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

    # cancelled after being picked as the next owner: the lock passes on
    await lock.acquire()
    a = asyncio.create_task(user("a", 0))
    b = asyncio.create_task(user("b", 0))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log[-3:], a.done(), b.done())


async def gathers():
    print(await asyncio.gather(slow(10, 1), slow(0, 2), worker("g", 2, [])))
    print(await asyncio.gather())
    try:
        await asyncio.gather(slow(0, 1), fail(0, KeyError("k")), slow(50, 3))
    except KeyError as e:
        print("gather raised", repr(e))
    r = await asyncio.gather(fail(0, OSError(5)), slow(0, "ok"), return_exceptions=True)
    print([repr(x) for x in r])
    done = asyncio.create_task(slow(0, "early"))
    await asyncio.sleep_ms(5)
    print(await asyncio.gather(done, slow(0, "late")))
    # a cancelled gather cancels its sub-tasks
    log = []
    g = asyncio.create_task(asyncio.gather(sleeper("ga", 3000, log), sleeper("gb", 3000, log)))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    await asyncio.sleep(0)
    print(log)


def handler(loop, context):
    print("handler:", context["message"], repr(context["exception"]), context["future"].done())


class Co:
    # a coroutine-like object with a stable repr, for the default handler's output
    def __init__(self, g):
        self.g = g

    def send(self, v):
        return self.g.send(v)

    def throw(self, e):
        return self.g.throw(e)

    def __repr__(self):
        return "<Co>"


async def raiser(v):
    raise ValueError(v)


async def handlers():
    loop = asyncio.get_event_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handler)
    asyncio.create_task(raiser(1))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    # retrieved in time: no handler call
    t = asyncio.create_task(raiser(2))
    await asyncio.sleep(0)
    try:
        await t
    except ValueError as e:
        print("retrieved", repr(e))
    loop.set_exception_handler(None)
    asyncio.create_task(Co(raiser(3)))
    await asyncio.sleep(0)
    sys.stdout.write("")
    await asyncio.sleep(0)
    # cancelled tasks are not reported
    c = asyncio.create_task(slow(1000, 0))
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("handlers done")


async def tracebacks():
    t = asyncio.create_task(fail(0, ValueError("tb")))
    await asyncio.sleep(0)
    try:
        await t
    except ValueError as e:
        sys.print_exception(e, sys.stdout)
    try:
        await asyncio.wait_for(fail(0, ValueError("wf")), 1)
    except ValueError as e:
        sys.print_exception(e, sys.stdout)
    try:
        await asyncio.gather(fail(0, ValueError("g")))
    except ValueError as e:
        sys.print_exception(e, sys.stdout)


async def main():
    print("current", asyncio.current_task() is not None)
    for f in (order, cancellation, waits, events, locks, gathers, handlers, tracebacks):
        print("--", f.__name__)
        await f()
    return "main result"


print(asyncio.run(main()))
try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)

# errors leaving the main task propagate out of run()
try:
    asyncio.run(raiser("out"))
except ValueError as e:
    sys.print_exception(e, sys.stdout)
try:
    asyncio.create_task(123)
except TypeError as e:
    print("TypeError:", e)

# Loop API: run_forever until stop(), run_until_complete, new_event_loop
loop = asyncio.new_event_loop()


async def stopper():
    print("stopper runs")
    loop.stop()
    loop.stop()
    await asyncio.sleep(0)
    print("stopper again")
    loop.stop()


loop.create_task(stopper())
loop.run_forever()
print("after first run_forever")
loop.run_forever()
print("after second run_forever")
print(loop.run_until_complete(slow(0, "ruc")))
print(asyncio.get_event_loop() is loop, loop.close())
import uasyncio

print(uasyncio.Event is asyncio.Event, uasyncio.CancelledError is asyncio.CancelledError)
