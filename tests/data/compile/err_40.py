def f():
    with a: return 1
