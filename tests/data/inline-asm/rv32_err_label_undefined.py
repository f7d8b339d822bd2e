# inline RV32 error case: label_undefined
@micropython.asm_rv32
def f(a0):
    c_j(nowhere)
