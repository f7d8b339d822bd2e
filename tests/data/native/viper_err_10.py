import micropython
@micropython.viper
def f(x:ptr8):
    x[1.0]
