# inline Xtensa error case: uncommon
@micropython.asm_xtensa
def f(a2):
    rsr(a2, 3)
