# asyncio's API takes arguments as upstream's Python functions do (keywords, defaults, and the
# bytecode calling convention's messages), while Task/TaskQueue (C upstream) check like builtins.
# .exp made with: cd tests/data/modules && micropython mod_asyncio_args.py > mod_asyncio_args.exp 2>&1
import asyncio

loop = asyncio.get_event_loop()
tests = [
    lambda: asyncio.sleep(),
    lambda: asyncio.sleep_ms(),
    lambda: asyncio.sleep_ms(1, 2, 3),
    lambda: asyncio.create_task(),
    lambda: asyncio.run(),
    lambda: asyncio.wait_for(1),
    lambda: asyncio.wait_for(1, timeout=2, sleep=3, x=1),
    lambda: asyncio.wait_for(1, 2, aw=3),
    lambda: asyncio.wait_for_ms(1, 2, 3),
    lambda: asyncio.current_task(1),
    lambda: asyncio.get_event_loop(1, 2, 3),
    lambda: asyncio.new_event_loop(1),
    lambda: asyncio.gather(1, foo=2),
    lambda: asyncio.gather(return_exceptions=True),
    lambda: asyncio.sleep(t=0),
    lambda: asyncio.sleep([1]),
    lambda: asyncio.Event(1),
    lambda: asyncio.Event().wait(x=1),
    lambda: asyncio.Lock().release(1),
    lambda: asyncio.Lock().acquire(1),
    lambda: asyncio.Lock().__aexit__(1, 2),
    lambda: asyncio.ThreadSafeFlag().set(1),
    lambda: asyncio.ThreadSafeFlag().ioctl(3, 1),
    lambda: asyncio.StreamReader(),
    lambda: asyncio.StreamReader(1, 2, 3),
    lambda: asyncio.StreamReader(1, e=5).get_extra_info(),
    lambda: asyncio.StreamWriter(1).awrite(),
    lambda: asyncio.Task(),
    lambda: asyncio.Task(1, 2, 3),
    lambda: asyncio.Task(1, x=2),
    lambda: asyncio.TaskQueue(1),
    lambda: asyncio.TaskQueue().push(),
    lambda: asyncio.TaskQueue().pop(1),
    lambda: loop.create_task(),
    lambda: loop.stop(1),
    lambda: loop.run_until_complete(),
    lambda: loop.set_exception_handler(),
    lambda: loop.default_exception_handler(1),
    lambda: loop.close(),
]
for t in tests:
    try:
        r = t()
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)
