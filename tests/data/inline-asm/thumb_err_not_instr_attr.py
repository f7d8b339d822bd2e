# inline Thumb error case: not_instr_attr
@micropython.asm_thumb
def f(r0):
    a.b()
