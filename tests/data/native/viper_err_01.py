import micropython
@micropython.viper
def f(x:int):
    x/2
