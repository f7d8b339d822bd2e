# inline RV32 error case: offset_misaligned_c
@micropython.asm_rv32
def f(a0):
    c_lw(a0, 2(a1))
