import micropython
@micropython.viper
def f(x:int):
    y
    y=1
