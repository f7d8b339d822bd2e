# Backtracking over lists and sets.
def solve(n):
    count = 0
    cols = [0] * n

    def place(row, used, d1, d2):
        nonlocal count
        if row == n:
            count += 1
            return
        for c in range(n):
            if c in used or (row + c) in d1 or (row - c) in d2:
                continue
            cols[row] = c
            used.add(c)
            d1.add(row + c)
            d2.add(row - c)
            place(row + 1, used, d1, d2)
            used.discard(c)
            d1.discard(row + c)
            d2.discard(row - c)

    place(0, set(), set(), set())
    return count


print(solve(8), solve(7))
