# inline Xtensa error case: unknown_nargs_table
@micropython.asm_xtensa
def f(a2):
    add(a2, a3)
