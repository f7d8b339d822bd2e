# Constraint search with tuples, sets and recursion.
PUZZLE = (
    "530070000600195000098000060800060003400803001700020006060000280000419005000080079"
)


def solve(board):
    try:
        i = board.index(0)
    except ValueError:
        return board
    r, c = divmod(i, 9)
    used = set()
    for k in range(9):
        used.add(board[r * 9 + k])
        used.add(board[k * 9 + c])
    br, bc = r - r % 3, c - c % 3
    for dr in range(3):
        for dc in range(3):
            used.add(board[(br + dr) * 9 + bc + dc])
    for v in range(1, 10):
        if v not in used:
            board[i] = v
            if solve(board):
                return board
    board[i] = 0
    return None


for _ in range(6):
    b = solve([int(ch) for ch in PUZZLE])
print("".join(str(v) for v in b[:18]))
