import micropython
@micropython.viper
def f(x:int):
    y = 1
    y = "s"
