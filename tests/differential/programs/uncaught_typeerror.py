# Differential program (own): an uncaught TypeError from a builtin, after output and handled errors.
for x in ([1, 2], "ab", (3,), {4: 5}):
    try:
        print(x, x + 1)
    except TypeError as e:
        print("handled:", e)
print(sorted([3, 1, 2]))
print(sum(["a", "b"]))
