"""micrograd-ის სიჩქარე ლექციის ვერსიასთან შედარებით (not a test; run it by hand).

    python benchmarks/bench_engine.py

სამი დატვირთვა (workload): MLP(2, [16, 16, 1]) პატარა მონაცემებზე (forward + backward),
docs/moons.md-ის სწავლების ნაბიჯი (ორი ნახევარმთვარე, 100 წერტილი, ReLU, ზღვრის დანაკარგი და L2;
ჩვენი ძრავა ლექციის ნეირონით და fused=True-თი) და გრძელი ჯაჭვი (chain) 1k / 10k / 100k
კვანძით. ლექციის ვერსიის რეკურსიას ჯაჭვზე დიდი რეკურსიის ზღვარი და დიდი სტეკი სჭირდება:
ამიტომ ის ცალკე ნაკადში (thread) ეშვება.
"""

import gc
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lecture_value  # noqa: E402

import micrograd  # noqa: E402
from micrograd.datasets import make_moons  # noqa: E402
from micrograd.engine import Value  # noqa: E402
from micrograd.nn import MLP  # noqa: E402


def once(fn, gc_off=True):
    """Wall time of one fn() call.

    Like timeit, the cyclic garbage collector is off while timing (gc_off=True): its full
    collections walk every live object and land in whichever run crosses the threshold.
    """
    gc.collect()
    if gc_off:
        gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        gc.enable()


def compare(ours, lecture, repeats):
    """Alternate ours and the lecture's runs, so both see the same machine load."""
    t_ours, t_lecture = [], []
    for _ in range(repeats):
        t_ours.append(once(ours))
        t_lecture.append(lecture())
    return (min(t_ours), statistics.median(t_ours)), (min(t_lecture), statistics.median(t_lecture))


def make_data(n=20, seed=0):
    rng = random.Random(seed)
    xs = [[rng.uniform(-2, 2), rng.uniform(-2, 2)] for _ in range(n)]
    ys = [1.0 if x0 * x1 > 0 else -1.0 for x0, x1 in xs]
    return xs, ys


def descend(model, loss, lr):
    """Zero the gradients, backward through `loss`, one step of gradient descent."""
    for p in model.parameters():
        p.grad = 0.0
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad


def mlp_step(model):
    """One training step: forward over the data set, loss, backward, update."""
    xs, ys = make_data()

    def step():
        loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys, strict=True))
        descend(model, loss, 0.01)

    return step


def moons_step(model, value_cls):
    """One step of docs/moons.md's training on all 100 points (the demo's loss()), as the demo."""
    X, y = make_moons(100, noise=0.1, seed=1)

    def step():
        inputs = [[value_cls(a), value_cls(b)] for a, b in X]
        scores = [model(x) for x in inputs]
        losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores, strict=True)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum(p * p for p in model.parameters())
        descend(model, data_loss + reg_loss, 0.5)

    return step


def chain(value_cls, n):
    """y = ((x + c) * k + c) * k ...: n operations, one new node each."""

    def run():
        x, c, k = value_cls(0.5), value_cls(0.001), value_cls(0.999)
        y = x
        for i in range(n):
            y = y + c if i % 2 else y * k
        y.backward()
        assert x.grad > 0

    return run


def in_big_stack(fn):
    """Run fn in a thread with a 1 GiB stack and a high recursion limit (baseline only)."""
    result = {}
    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    try:
        thread = threading.Thread(target=lambda: result.setdefault("t", fn()))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    return result["t"]


def main():
    print(f"micrograd {micrograd.__version__}, Python {sys.version.split()[0]}")
    print("best and median of alternating runs; ratio = ours / lecture (best times)\n")
    rows = []

    ours = mlp_step(MLP(2, [16, 16, 1], seed=1))
    base = mlp_step(lecture_value.MLP(2, [16, 16, 1], rng=random.Random(1)))
    rows.append(("MLP(2,[16,16,1]) x 20 points", *compare(ours, lambda: once(base), 15)))

    base = moons_step(
        lecture_value.MLP(2, [16, 16, 1], rng=random.Random(1337), act="relu"), lecture_value.Value
    )
    slow = moons_step(MLP(2, [16, 16, 1], nonlin="relu", seed=1337), Value)
    fast = moons_step(MLP(2, [16, 16, 1], nonlin="relu", seed=1337, fused=True), Value)
    rows.append(("moons step, 100 points", *compare(slow, lambda: once(base), 5)))
    rows.append(("moons step, fused=True", *compare(fast, lambda: once(base), 5)))

    chain_times = {}
    for n, repeats in ((1_000, 50), (10_000, 20), (100_000, 7)):
        base = chain(lecture_value.Value, n)
        ours_t, base_t = compare(
            chain(Value, n), lambda b=base: in_big_stack(lambda: once(b)), repeats
        )
        chain_times[n] = ours_t[0]
        rows.append((f"chain {n:>7,} ops", ours_t, base_t))

    header = (
        f"{'workload':<30} {'ours best':>10} {'ours med':>10} {'lect best':>10} {'lect med':>10}"
        f" {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, (best, med), (base_best, base_med) in rows:
        print(f"{name:<30} {best * 1e3:>8.2f}ms {med * 1e3:>8.2f}ms {base_best * 1e3:>8.2f}ms "
              f"{base_med * 1e3:>8.2f}ms {best / base_best:>6.2f}")  # fmt: skip

    print("\nscaling on chains (10x the nodes; target <= 12x the time):")
    for small, big in ((1_000, 10_000), (10_000, 100_000)):
        factor = chain_times[big] / chain_times[small]
        verdict = "ok" if factor <= 12 else "TOO SLOW"
        print(f"  {small:>7,} -> {big:>7,}: {factor:5.1f}x  {verdict}")

    print("\nthe same chains with the garbage collector on (ours only; per node):")
    per_node = {}
    for n in (10_000, 100_000, 1_000_000):
        per_node[n] = min(once(chain(Value, n), gc_off=False) for _ in range(3)) / n
        print(f"  {n:>9,} ops: {per_node[n] * 1e6:5.2f} us/node")
    print(
        f"  10x factors: {per_node[100_000] / per_node[10_000] * 10:.1f}x (10k -> 100k), "
        f"{per_node[1_000_000] / per_node[100_000] * 10:.1f}x (100k -> 1M)"
    )

    print()
    for name, (best, _), (base_best, _) in rows[:3]:
        ratio = best / base_best
        print(f"{name} ratio {ratio:.2f} (target <= 1.00): {'ok' if ratio <= 1.0 else 'SLOWER'}")


if __name__ == "__main__":
    main()
