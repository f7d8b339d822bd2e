# inline Thumb error case: class
@micropython.asm_thumb
class C:
    pass
