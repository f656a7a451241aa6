import sys

class Tick:
    def __await__(self):
        value = yield "tick"
        return value

async def leaf():
    return await Tick()

async def middle():
    return await leaf() + 1

async def top(n):
    total = 0
    for _ in range(n):
        total += await middle()
    return total

def run(n):
    coro = top(n)
    sent = None
    steps = 0
    try:
        while True:
            coro.send(sent)
            steps += 1
            sent = steps & 7
    except StopIteration as stop:
        return steps, stop.value

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
print("coro_send", n, run(n))
