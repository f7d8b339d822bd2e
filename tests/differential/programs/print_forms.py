# Differential program (own): print() keyword forms, partial lines, output to sys.stdout/sys.stderr.
import sys
print("a", "b", sep="")
print("a", "b", sep="--", end="!\n")
print(end="")
print("no newline...", end="")
print(" continued")
print(1, 2.0, None, True, [1, (2,)], {"k": {1}}, sep=", ")
print("to stdout", file=sys.stdout)
print()
for i in range(5):
    print(i, end=" " if i < 4 else "\n")
print(*range(10), sep="|")
print(*"spread", sep=".")
print("multi\nline\ttabs")
print(repr("multi\nline"), ascii("é") if "ascii" in dir(__builtins__) else "")
print(None, sep=None, end=None)
sys.stdout.write("raw write " + str(123) + "\n")
