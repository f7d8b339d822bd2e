# inline Xtensa error case: uncommon0
@micropython.asm_xtensa
def f(a2):
    memw()
