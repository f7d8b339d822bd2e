# settrace: exception events through try/except/finally, re-raise, nested handlers, with
import sys
def tracer(frame, event, arg):
    print(event, frame.f_code.co_name, frame.f_lineno)
    return tracer
class CM:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
def raiser(kind):
    if kind == 1:
        raise ValueError("v")
    elif kind == 2:
        return {}["missing"]
    return 1 // 0
def handler():
    for k in (1, 2, 3):
        try:
            raiser(k)
        except ValueError:
            print("value")
        except KeyError as e:
            print("key", e)
        except Exception as e:
            print("other", type(e).__name__)
        finally:
            print("finally", k)
def reraiser():
    try:
        raiser(1)
    except ValueError:
        raise
def with_block():
    with CM():
        raiser(2)
    return "after with"
def stop_iteration():
    it = iter([1])
    next(it)
    try:
        next(it)
    except StopIteration:
        return "stopped"
sys.settrace(tracer)
handler()
try:
    reraiser()
except ValueError as e:
    print("reraised", e)
print(with_block())
print(stop_iteration())
sys.settrace(None)
