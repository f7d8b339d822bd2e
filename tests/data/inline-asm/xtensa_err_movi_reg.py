# inline Xtensa error case: movi_reg
@micropython.asm_xtensa
def f(a2):
    movi(5, 3)
