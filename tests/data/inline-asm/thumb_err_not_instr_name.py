# inline Thumb error case: not_instr_name
@micropython.asm_thumb
def f(r0):
    nop
