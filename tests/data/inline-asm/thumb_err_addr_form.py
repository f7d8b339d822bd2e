# inline Thumb error case: addr_form
@micropython.asm_thumb
def f(r0):
    ldr(r0, r1)
