# inline Xtensa error case: addmi_multiple
@micropython.asm_xtensa
def f(a2):
    addmi(a2, a3, 100)
