# inline Xtensa error case: params_names
@micropython.asm_xtensa
def f(a3):
    nop()
