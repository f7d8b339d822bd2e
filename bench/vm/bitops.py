# Integer bit operations over lists, as a block cipher's rounds do.
def mix(state, rounds):
    for r in range(rounds):
        for i in range(16):
            v = state[i]
            v = ((v << 3) | (v >> 5)) & 0xFF
            v ^= state[(i + 5) % 16] ^ (r & 0xFF)
            state[i] = (v * 7 + 13) & 0xFF
    return state


s = mix(list(range(16)), 15000)
print(sum(s), s[:4])
