import micropython
@micropython.viper
def f(x:int):
    x[0] = 1
