# inline Xtensa error case: ret_type
@micropython.asm_xtensa
def f(a2) -> ptr:
    nop()
