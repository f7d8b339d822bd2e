# inline Thumb error case: unknown_op
@micropython.asm_thumb
def f(r0):
    foo(r0)
