# inline Thumb error case: data_big
@micropython.asm_thumb
def f(r0):
    data(4, 1 << 70, -(1 << 65) + 3)
    data(16, 0x1234567890abcdef1234)
