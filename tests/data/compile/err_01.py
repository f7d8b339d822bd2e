def f():
    global x
x = 1
def g():
    x = 1
    global x
