# Differential program (own): an uncaught user exception with arguments ends the program.
class AppError(Exception):
    pass
total = 0
for i in range(20):
    total += i * i
    print("step", i, total)
def check(v):
    if v > 1000:
        raise AppError("total too large", v)
check(total)
