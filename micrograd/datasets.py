"""პატარა მონაცემები (data sets) გაკვეთილებისთვის, სუფთა python-ით (numpy-ს გარეშე).

>>> X, y = make_moons(100, noise=0.1, seed=1)
>>> len(X), len(y), sorted(set(y))
(100, 100, [-1.0, 1.0])
"""

import math
import random


# --8<-- [start:moons]
def make_moons(n=100, noise=0.1, seed=None):
    """ორი ნახევარმთვარე (two moons): n წერტილი სიბრტყეზე და მათი კლასი, -1 ან +1.

    როგორც scikit-learn-ის make_moons (კლასები 0/1-ის ნაცვლად -1/+1, როგორც ლექციის
    დემოში): ზედა რკალი და ქვედა რკალი, შემთხვევითი რიგით, და ყოველ კოორდინატს
    ემატება ხმაური (noise), ნორმალური განაწილებით.
    """
    rng = random.Random(seed)
    top = n // 2
    points = []
    for i in range(top):  # ზედა ნახევარმთვარე: კლასი -1
        t = math.pi * i / (top - 1)
        points.append((math.cos(t), math.sin(t), -1.0))
    for i in range(n - top):  # ქვედა ნახევარმთვარე: კლასი +1
        t = math.pi * i / (n - top - 1)
        points.append((1 - math.cos(t), 0.5 - math.sin(t), 1.0))
    rng.shuffle(points)
    X = [[a + rng.gauss(0, noise), b + rng.gauss(0, noise)] for a, b, _ in points]
    y = [label for _, _, label in points]
    return X, y


# --8<-- [end:moons]
