# settrace: frame and code attributes (f_lasti, f_globals, co_* and co_lines) and tracer switching
import sys
def show(frame, event, arg):
    c = frame.f_code
    print(event, c.co_name, c.co_filename, c.co_firstlineno, frame.f_lineno, frame.f_lasti,
          frame.f_globals is globals(), type(c.co_code), len(c.co_consts))
    return None
def body(a, b):
    c = a * b
    for i in range(2):
        c += i
    return c
sys.settrace(show)
body(2, 3)
sys.settrace(None)
def grab(frame, event, arg):
    global captured
    captured = frame.f_code
    return None
sys.settrace(grab)
body(1, 1)
sys.settrace(None)
print(captured.co_name, captured.co_lnotab, list(captured.co_lines()))
print(type(captured).__name__, hasattr(sys, "gettrace"))
def local_a(frame, event, arg):
    print("A", event, frame.f_lineno)
    return local_a
def global_switch(frame, event, arg):
    print("G", event, frame.f_code.co_name)
    if frame.f_code.co_name == "body":
        return local_a
    return global_switch
def driver():
    x = body(1, 2)
    sys.settrace(None)
    y = body(2, 2)
    return x + y
sys.settrace(global_switch)
print(driver())
sys.settrace(None)
sys.settrace(42)
print(body(1, 1))
def raising_call(frame, event, arg):
    raise KeyError("in call")
sys.settrace(raising_call)
try:
    body(1, 1)
except KeyError as e:
    print("call event raised", e)
sys.settrace(show)
print(body(3, 3), "(tracing stays off after a trace function raised)")
sys.settrace(None)
