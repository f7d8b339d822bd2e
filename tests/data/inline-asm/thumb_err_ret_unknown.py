# inline Thumb error case: ret_unknown
@micropython.asm_thumb
def f(r0) -> float:
    nop()
