# inline Xtensa error case: int_expected
@micropython.asm_xtensa
def f(a2):
    movi(a2, x)
