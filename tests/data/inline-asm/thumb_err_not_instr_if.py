# inline Thumb error case: not_instr_if
@micropython.asm_thumb
def f(r0):
    if r0:
        nop()
