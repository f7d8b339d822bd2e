# inline Xtensa error case: slli_range
@micropython.asm_xtensa
def f(a2):
    slli(a2, a3, 0)
