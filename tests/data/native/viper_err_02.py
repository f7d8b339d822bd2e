import micropython
@micropython.viper
def f(x:uint):
    x//2
