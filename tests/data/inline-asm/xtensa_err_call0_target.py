# inline Xtensa error case: call0_target
@micropython.asm_xtensa
def f(a2):
    call0(sub)
    nop()
    label(sub)
    ret()
