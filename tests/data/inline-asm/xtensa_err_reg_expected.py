# inline Xtensa error case: reg_expected
@micropython.asm_xtensa
def f(a2):
    add(x, a2, a3)
