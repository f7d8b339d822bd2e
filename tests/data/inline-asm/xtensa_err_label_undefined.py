# inline Xtensa error case: label_undefined
@micropython.asm_xtensa
def f(a2):
    j(nowhere)
