# inline Thumb error case: last_error_wins
@micropython.asm_thumb
def f(r0):
    add(r9, r10, 9)
