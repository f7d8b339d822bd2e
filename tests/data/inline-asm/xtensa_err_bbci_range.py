# inline Xtensa error case: bbci_range
@micropython.asm_xtensa
def f(a2):
    bbci(a2, 32, x)
    label(x)
