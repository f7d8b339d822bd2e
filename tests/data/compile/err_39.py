def f():
    x: int
    print(x)
