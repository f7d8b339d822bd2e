# inline RV32 error case: csr_range
@micropython.asm_rv32
def f(a0):
    csrrw(a0, a1, 4096)
