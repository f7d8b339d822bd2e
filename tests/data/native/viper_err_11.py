import micropython
@micropython.viper
def f(x:ptr8, y):
    x[y]
