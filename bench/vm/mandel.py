# Float arithmetic in tight loops.
def mandel(w, h, iters):
    total = 0
    for y in range(h):
        ci = 2.0 * y / h - 1.0
        for x in range(w):
            cr = 3.0 * x / w - 2.0
            zr = zi = 0.0
            i = 0
            while i < iters and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            total += i
    return total


print(mandel(100, 60, 60))
