import micropython
@micropython.viper
def f(x:int) -> int:
    return None if x else 1
