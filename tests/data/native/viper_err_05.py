import micropython
@micropython.viper
def f(x:foo):
    pass
