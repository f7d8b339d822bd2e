# inline Xtensa error case: call0_location
@micropython.asm_xtensa
def f(a2):
    nop_n()
    call0(sub)
    align(4)
    label(sub)
    ret()
