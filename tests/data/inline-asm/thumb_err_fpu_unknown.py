# inline Thumb error case: fpu_unknown
@micropython.asm_thumb
def f(r0):
    vfoo(s0, s1)
