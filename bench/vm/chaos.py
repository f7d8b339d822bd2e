# A chaos-game fractal drawn along B-spline curves: many tiny objects with float fields, small
# methods, attribute-heavy arithmetic (in the spirit of perf_bench's chaos; written for mpyts).
class Point:
    def __init__(self, x, y, w=1.0):
        self.x = x
        self.y = y
        self.w = w

    def plus(self, o):
        return Point(self.x + o.x, self.y + o.y, self.w)

    def times(self, k):
        return Point(self.x * k, self.y * k, self.w)

    def dist2(self, o):
        dx = self.x - o.x
        dy = self.y - o.y
        return dx * dx + dy * dy


class Rng:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state

    def unit(self):
        return self.next() / 2147483648.0


class Spline:
    """A uniform cubic B-spline through a list of control points."""

    def __init__(self, pts):
        self.pts = pts
        self.segments = len(pts) - 3

    def basis(self, t):
        u = 1.0 - t
        t2 = t * t
        t3 = t2 * t
        return (u * u * u / 6.0, (3.0 * t3 - 6.0 * t2 + 4.0) / 6.0,
                (-3.0 * t3 + 3.0 * t2 + 3.0 * t + 1.0) / 6.0, t3 / 6.0)

    def at(self, s):
        # s in [0, 1) over the whole curve
        pos = s * self.segments
        i = int(pos)
        if i >= self.segments:
            i = self.segments - 1
        b0, b1, b2, b3 = self.basis(pos - i)
        p = self.pts
        acc = p[i].times(b0)
        acc = acc.plus(p[i + 1].times(b1))
        acc = acc.plus(p[i + 2].times(b2))
        return acc.plus(p[i + 3].times(b3))


class Game:
    def __init__(self, splines, rng, size):
        self.splines = splines
        self.rng = rng
        self.size = size
        self.grid = [0] * (size * size)
        self.lo = Point(-1.0, -1.0)
        self.hi = Point(1.0, 1.0)

    def clamp(self, p):
        x = p.x
        y = p.y
        if x < self.lo.x:
            x = self.lo.x
        elif x > self.hi.x:
            x = self.hi.x
        if y < self.lo.y:
            y = self.lo.y
        elif y > self.hi.y:
            y = self.hi.y
        return Point(x, y)

    def step(self, p):
        sp = self.splines[self.rng.next() % len(self.splines)]
        target = sp.at(self.rng.unit())
        mid = p.plus(target).times(0.5)
        if mid.dist2(target) < 1e-6:
            mid = mid.plus(Point(0.001, -0.001))
        return self.clamp(mid)

    def plot(self, p):
        n = self.size
        i = int((p.x + 1.0) * 0.5 * (n - 1))
        j = int((p.y + 1.0) * 0.5 * (n - 1))
        self.grid[j * n + i] += 1

    def run(self, steps):
        p = Point(0.0, 0.0)
        for _ in range(steps):
            p = self.step(p)
            self.plot(p)
        return p


def main():
    curves = [
        Spline([Point(-0.9, -0.8), Point(-0.5, 0.9), Point(0.0, -0.3), Point(0.4, 0.8), Point(0.9, -0.9)]),
        Spline([Point(0.8, 0.9), Point(0.2, 0.1), Point(-0.3, 0.6), Point(-0.9, 0.2)]),
        Spline([Point(-0.7, -0.9), Point(0.0, -0.5), Point(0.3, -0.95), Point(0.95, -0.2), Point(0.6, 0.4)]),
    ]
    g = Game(curves, Rng(20261126), 32)
    last = g.run(9000)
    filled = 0
    peak = 0
    for c in g.grid:
        if c:
            filled += 1
        if c > peak:
            peak = c
    print(filled, peak, int(last.x * 1e6), int(last.y * 1e6))


main()
