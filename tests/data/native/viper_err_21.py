import micropython
@micropython.viper
def f(x:bool):
    x + 1
