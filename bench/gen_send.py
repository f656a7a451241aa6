import sys

def accumulator():
    total = 0
    while True:
        value = yield total
        total += value

def run(n):
    gen = accumulator()
    next(gen)
    last = 0
    for i in range(n):
        last = gen.send(i & 15)
    gen.close()
    return last

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000_000
print("gen_send", n, run(n))
