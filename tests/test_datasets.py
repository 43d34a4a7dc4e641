"""make_moons: the two moons of docs/moons.md, reproducible, balanced, on their arcs."""

import math
import random

from micrograd.datasets import make_moons


def test_seeded_and_leaves_global_random_alone():
    state = random.getstate()
    assert make_moons(100, seed=1) == make_moons(100, seed=1)
    assert make_moons(100, seed=1) != make_moons(100, seed=2)
    assert random.getstate() == state


def test_two_balanced_classes_on_the_two_arcs_without_noise():
    X, y = make_moons(101, noise=0.0, seed=0)
    assert len(X) == len(y) == 101
    assert (y.count(-1.0), y.count(1.0)) == (50, 51)
    for (a, b), label in zip(X, y, strict=True):
        if label == -1.0:  # upper arc: the unit circle's upper half
            assert math.isclose(math.hypot(a, b), 1.0) and b >= -1e-12
        else:  # lower arc: centred at (1, 0.5), lower half
            assert math.isclose(math.hypot(a - 1, b - 0.5), 1.0) and b <= 0.5 + 1e-12
    assert X != make_moons(101, noise=0.0, seed=1)[0]  # shuffled by the seed


def test_noise_has_the_asked_spread():
    clean, _ = make_moons(2000, noise=0.0, seed=3)
    noisy, _ = make_moons(2000, noise=0.1, seed=3)
    # same shuffle (the noise is drawn after it), so the difference is the noise itself
    diffs = [n - c for p, q in zip(noisy, clean, strict=True) for n, c in zip(p, q, strict=True)]
    mean = sum(diffs) / len(diffs)
    spread = math.sqrt(sum((d - mean) ** 2 for d in diffs) / len(diffs))
    assert abs(mean) < 0.01 and 0.09 < spread < 0.11
