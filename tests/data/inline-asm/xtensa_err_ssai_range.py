# inline Xtensa error case: ssai_range
@micropython.asm_xtensa
def f(a2):
    ssai(32)
