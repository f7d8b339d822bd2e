import micropython
@micropython.viper
def f(x:int):
    return int(int)(x)
