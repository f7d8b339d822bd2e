def f():
    super()
