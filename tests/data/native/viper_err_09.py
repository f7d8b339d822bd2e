import micropython
@micropython.viper
def f(x:int, y:uint):
    x < y
