# inline Thumb error case: int_mask
@micropython.asm_thumb
def f(r0):
    mov(r0, 256)
