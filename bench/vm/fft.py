# Iterative radix-2 FFT and its inverse on float pairs, plus a convolution through them
# (in the spirit of perf_bench's fft; written for mpyts).
import math


def fft(re, im, invert):
    n = len(re)
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            re[i], re[j] = re[j], re[i]
            im[i], im[j] = im[j], im[i]
    length = 2
    while length <= n:
        ang = 2.0 * math.pi / length * (-1.0 if invert else 1.0)
        wr = math.cos(ang)
        wi = math.sin(ang)
        half = length >> 1
        for start in range(0, n, length):
            cr = 1.0
            ci = 0.0
            for k in range(start, start + half):
                m = k + half
                xr = re[m] * cr - im[m] * ci
                xi = re[m] * ci + im[m] * cr
                re[m] = re[k] - xr
                im[m] = im[k] - xi
                re[k] += xr
                im[k] += xi
                cr, ci = cr * wr - ci * wi, cr * wi + ci * wr
        length <<= 1
    if invert:
        for i in range(n):
            re[i] /= n
            im[i] /= n


def convolve(a, b):
    n = 1
    while n < len(a) + len(b):
        n <<= 1
    ar = [float(x) for x in a] + [0.0] * (n - len(a))
    br = [float(x) for x in b] + [0.0] * (n - len(b))
    ai = [0.0] * n
    bi = [0.0] * n
    fft(ar, ai, False)
    fft(br, bi, False)
    for i in range(n):
        ar[i], ai[i] = ar[i] * br[i] - ai[i] * bi[i], ar[i] * bi[i] + ai[i] * br[i]
    fft(ar, ai, True)
    return [int(round(x)) for x in ar[: len(a) + len(b) - 1]]


def main():
    a = [(i * 37 + 11) % 100 for i in range(700)]
    b = [(i * 53 + 7) % 100 for i in range(700)]
    total = 0
    for rep in range(3):
        c = convolve(a, b)
        total += sum(c) + c[rep * 100]
    n = 1024
    re = [math.sin(i * 0.1) + 0.5 * math.cos(i * 0.37) for i in range(n)]
    im = [0.0] * n
    fft(re, im, False)
    peak = 0
    for i in range(1, n // 2):
        if re[i] * re[i] + im[i] * im[i] > re[peak] * re[peak] + im[peak] * im[peak]:
            peak = i
    print(total, len(c), peak)


main()
