import micropython
@micropython.viper
def f(x:int):
    raise x
