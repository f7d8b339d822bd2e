# inline Thumb error case: not_instr_assign
@micropython.asm_thumb
def f(r0):
    x = 1
