# AES-128 (FIPS-197) on bytearrays: S-box derived from GF(2^8) inverses at start-up, key expansion,
# then CTR-mode encryption of a buffer; checked against the standard's example vector
# (in the spirit of perf_bench's aes; written for mpyts).
def gmul(a, b):
    p = 0
    while b:
        if b & 1:
            p ^= a
        a <<= 1
        if a & 0x100:
            a ^= 0x11B
        b >>= 1
    return p


def make_sbox():
    inv = [0] * 256
    for a in range(1, 256):
        for b in range(1, 256):
            if gmul(a, b) == 1:
                inv[a] = b
                break
    box = bytearray(256)
    for i in range(256):
        x = inv[i]
        y = x
        for _ in range(4):
            x = ((x << 1) | (x >> 7)) & 0xFF
            y ^= x
        box[i] = y ^ 0x63
    return box


SBOX = make_sbox()
XTIME = bytearray(gmul(i, 2) for i in range(256))


def expand_key(key):
    w = bytearray(176)
    w[:16] = key
    rcon = 1
    for i in range(16, 176, 4):
        t0 = w[i - 4]
        t1 = w[i - 3]
        t2 = w[i - 2]
        t3 = w[i - 1]
        if i % 16 == 0:
            t0, t1, t2, t3 = SBOX[t1] ^ rcon, SBOX[t2], SBOX[t3], SBOX[t0]
            rcon = XTIME[rcon]
        w[i] = w[i - 16] ^ t0
        w[i + 1] = w[i - 15] ^ t1
        w[i + 2] = w[i - 14] ^ t2
        w[i + 3] = w[i - 13] ^ t3
    return w


def encrypt_block(w, src, out):
    s = bytearray(16)
    for i in range(16):
        s[i] = src[i] ^ w[i]
    t = bytearray(16)
    sbox = SBOX
    xt = XTIME
    for rnd in range(1, 11):
        # SubBytes + ShiftRows (column-major state: byte r of column c is s[4c + r])
        for c in range(4):
            for r in range(4):
                t[4 * c + r] = sbox[s[4 * ((c + r) & 3) + r]]
        if rnd < 10:
            # MixColumns
            for c in range(0, 16, 4):
                a0 = t[c]
                a1 = t[c + 1]
                a2 = t[c + 2]
                a3 = t[c + 3]
                x = a0 ^ a1 ^ a2 ^ a3
                s[c] = a0 ^ x ^ xt[a0 ^ a1]
                s[c + 1] = a1 ^ x ^ xt[a1 ^ a2]
                s[c + 2] = a2 ^ x ^ xt[a2 ^ a3]
                s[c + 3] = a3 ^ x ^ xt[a3 ^ a0]
        else:
            s[:] = t
        k = 16 * rnd
        for i in range(16):
            s[i] ^= w[k + i]
    out[:] = s


def ctr(w, data, nonce):
    out = bytearray(len(data))
    block = bytearray(16)
    ks = bytearray(16)
    for off in range(0, len(data), 16):
        n = nonce + off // 16
        for i in range(16):
            block[15 - i] = (n >> (8 * i)) & 0xFF
        encrypt_block(w, block, ks)
        for i in range(min(16, len(data) - off)):
            out[off + i] = data[off + i] ^ ks[i]
    return out


def main():
    w = expand_key(bytes(range(16)))
    out = bytearray(16)
    encrypt_block(w, bytes([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]), out)
    print(out.hex())
    data = bytearray((i * 7 + 3) & 0xFF for i in range(2048))
    enc = ctr(w, data, 12345)
    dec = ctr(w, enc, 12345)
    print(dec == data, sum(enc), enc[:8].hex())


main()
