# inline RV32 error case: invalid_op
@micropython.asm_rv32
def f(a0):
    foo(a0)
