# A small tour: run with `npx mpyts run examples/hello.py`.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


squares = {i: i * i for i in range(5)}
print("hello from mpyts")
print("fib(50) =", fib(50))
print("2**100 =", 2**100)
print("squares:", squares)
print("1/3 =", 1 / 3)
