# String building, slicing, methods and formatting.
def run(n):
    parts = []
    for i in range(n):
        s = "item%d:%s" % (i, "x" * (i % 5))
        parts.append(s.upper().replace("X", "y"))
    text = ",".join(parts)
    words = text.split(",")
    count = sum(1 for w in words if w.endswith("yy"))
    return len(text), count, "{:>8}|{:<6}|{:^5}".format(words[7], n, "ab")


for _ in range(5):
    r = run(1500)
print(r)
