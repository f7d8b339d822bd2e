# inline Thumb error case: ret_not_id
@micropython.asm_thumb
def f(r0) -> 1:
    mov(r0, 300)
