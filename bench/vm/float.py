# Float objects: many instances with float attributes updated through small methods and math calls
# (in the spirit of perf_bench's float; written for mpyts).
from math import sin, cos, sqrt


class Particle:
    def __init__(self, i):
        a = i * 0.7
        self.x = sin(a) * 3.0
        self.y = cos(a) * 2.0 + 0.5
        self.z = sin(a * 0.5) * cos(a * 1.5)
        self.vx = 0.0
        self.vy = 0.0
        self.vz = 0.0

    def norm(self):
        return sqrt(self.x * self.x + self.y * self.y + self.z * self.z)

    def normalize(self):
        n = self.norm()
        if n > 0.0:
            self.x /= n
            self.y /= n
            self.z /= n

    def push(self, dt):
        self.vx += -self.x * dt
        self.vy += -self.y * dt
        self.vz += -self.z * dt
        self.x += self.vx * dt
        self.y += self.vy * dt
        self.z += self.vz * dt

    def bigger(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(n, steps):
    ps = [Particle(i) for i in range(n)]
    for p in ps:
        p.normalize()
    for s in range(steps):
        for p in ps:
            p.push(0.01)
    best = ps[0]
    for i in range(1, len(ps)):
        best = best.bigger(ps[i])
    total = 0.0
    for p in ps:
        total += p.norm()
    return int(best.x * 1e6), int(best.y * 1e6), int(best.z * 1e6), int(total * 1e3)


print(run(1000, 30))
