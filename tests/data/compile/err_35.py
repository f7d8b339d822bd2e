x = [i for i in range(3) if (j := i)]
def f():
    return [(y := i) for i in range(3)]
