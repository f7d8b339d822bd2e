import micropython
@micropython.viper
def f(x:int.a):
    pass
