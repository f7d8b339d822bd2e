import micropython
@micropython.viper
def f(x:ptr):
    if x:
        pass
