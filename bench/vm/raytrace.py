# Float vectors as small classes with operator methods.
class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z


def trace(w, h):
    center = Vec(0.0, 0.0, 5.0)
    radius2 = 4.0
    hits = 0
    shade = 0.0
    origin = Vec(0.0, 0.0, 0.0)
    for j in range(h):
        for i in range(w):
            d = Vec((i - w / 2) / w, (j - h / 2) / h, 1.0)
            oc = origin - center
            b = oc.dot(d)
            c = oc.dot(oc) - radius2
            disc = b * b - d.dot(d) * c
            if disc > 0:
                hits += 1
                p = origin + d.scale(-b / d.dot(d))
                shade += (p - center).dot(d)
    return hits, round(shade, 3)


print(trace(80, 60))
