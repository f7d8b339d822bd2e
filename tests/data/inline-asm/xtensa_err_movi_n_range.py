# inline Xtensa error case: movi_n_range
@micropython.asm_xtensa
def f(a2):
    movi_n(a2, 96)
