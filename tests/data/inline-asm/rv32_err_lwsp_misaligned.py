# inline RV32 error case: lwsp_misaligned
@micropython.asm_rv32
def f(a0):
    c_lwsp(a0, 2)
