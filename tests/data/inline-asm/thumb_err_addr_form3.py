# inline Thumb error case: addr_form3
@micropython.asm_thumb
def f(r0):
    ldr(r0, [r1, 2, 3])
