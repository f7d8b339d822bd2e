# inline Thumb error case: unknown_4args
@micropython.asm_thumb
def f(r0):
    add(r0, r0, r0, r0)
