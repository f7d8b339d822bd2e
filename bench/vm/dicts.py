# Dict insert, lookup, update and iteration with str and int keys.
def run(n):
    d = {}
    for i in range(n):
        d["k" + str(i % 500)] = d.get("k" + str(i % 500), 0) + i
    e = {}
    for k in d:
        e[len(k)] = e.get(len(k), 0) + d[k]
    ints = {i: i * i for i in range(n)}
    s = 0
    for i in range(0, n, 3):
        s += ints[i]
    return sorted(e.items()), s


print(run(20000))
