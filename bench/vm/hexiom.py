# A hexagonal tile-placement puzzle solved by backtracking with constraint checks: each placed tile
# shows how many of its neighbours are occupied. Cell/Board objects, neighbour lists, many small
# method calls (in the spirit of perf_bench's hexiom; puzzle and solver written for mpyts).
class Cell:
    def __init__(self, idx, q, r):
        self.idx = idx
        self.q = q
        self.r = r
        self.nbrs = []
        self.value = -2  # -2 undecided, -1 empty, >= 0 a tile

    def decided(self):
        return self.value != -2

    def filled(self):
        return self.value >= 0

    def bounds(self):
        # (occupied neighbours, still-undecided neighbours)
        occ = 0
        und = 0
        for n in self.nbrs:
            v = n.value
            if v >= 0:
                occ += 1
            elif v == -2:
                und += 1
        return occ, und

    def consistent(self):
        if self.value < 0:
            return True
        occ, und = self.bounds()
        return occ <= self.value <= occ + und


class Board:
    def __init__(self, radius):
        self.cells = []
        where = {}
        for q in range(-radius, radius + 1):
            for r in range(-radius, radius + 1):
                if -radius <= q + r <= radius:
                    c = Cell(len(self.cells), q, r)
                    self.cells.append(c)
                    where[(q, r)] = c
        for c in self.cells:
            for dq, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)):
                n = where.get((c.q + dq, c.r + dr))
                if n is not None:
                    c.nbrs.append(n)
        self.solutions = 0
        self.nodes = 0

    def check_around(self, cell):
        if not cell.consistent():
            return False
        for n in cell.nbrs:
            if not n.consistent():
                return False
        return True

    def solve(self, k, stock):
        self.nodes += 1
        if k == len(self.cells):
            self.solutions += 1
            return
        cell = self.cells[k]
        # leave it empty if enough empty cells remain
        if stock[-1] > 0:
            stock[-1] -= 1
            cell.value = -1
            if self.check_around(cell):
                self.solve(k + 1, stock)
            stock[-1] += 1
        for v in range(len(stock) - 1):
            if stock[v] > 0:
                stock[v] -= 1
                cell.value = v
                if self.check_around(cell):
                    self.solve(k + 1, stock)
                stock[v] += 1
        cell.value = -2


def puzzle(board, seed):
    # occupy a pseudo-random subset, then read the tiles a solution must use off it
    s = seed
    occupied = []
    for c in board.cells:
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        occupied.append((s >> 16) % 3 != 0)
    stock = [0] * 8
    for c in board.cells:
        if occupied[c.idx]:
            stock[sum(1 for n in c.nbrs if occupied[n.idx])] += 1
        else:
            stock[-1] += 1
    return stock


def main():
    total = 0
    nodes = 0
    for seed in (7,):
        b = Board(2)
        stock = puzzle(b, seed)
        b.solve(0, stock)
        total += b.solutions
        nodes += b.nodes
    print(total, nodes)


main()
