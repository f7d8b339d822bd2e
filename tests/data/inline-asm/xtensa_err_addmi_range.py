# inline Xtensa error case: addmi_range
@micropython.asm_xtensa
def f(a2):
    addmi(a2, a3, 32768)
