import micropython
@micropython.viper
def f(x:int):
    not x
