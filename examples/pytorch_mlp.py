"""ლექციის ქსელი და სწავლება torch.nn-ით (the lecture's network, trained with torch.nn).

docs/pytorch.md shows this file and, in a `pycon` block titled "PyTorch", its losses;
tests/test_torch.py (`make test-torch`) runs both and checks every step's loss against micrograd's.
"""

import torch
from torch import nn

from micrograd.nn import MLP

xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]

# --8<-- [start:mlp]
# MLP(3, [4, 4, 1]): Linear არის შრის w·x + b, Tanh კი აქტივაცია
net = nn.Sequential(
    nn.Linear(3, 4), nn.Tanh(),
    nn.Linear(4, 4), nn.Tanh(),
    nn.Linear(4, 1), nn.Tanh(),
).double()  # fmt: skip

# საწყისი წონები ჩვენი MLP(3, [4, 4, 1], seed=42)-დან, რომ რიცხვები შევადაროთ
ours = MLP(3, [4, 4, 1], seed=42)
with torch.no_grad():  # მხოლოდ რიცხვებს ვაკოპირებთ: ეს გრაფში არ ჩაიწეროს
    # net[::2]: net-ის ყოველი მეორე ნაწილი (0, 2, 4), ანუ სამი Linear შრე
    for layer, linear in zip(ours.layers, net[::2], strict=True):
        weights = [[w.data for w in n.w] for n in layer.neurons]
        linear.weight.copy_(torch.tensor(weights, dtype=torch.float64))
        linear.bias.copy_(torch.tensor([n.b.data for n in layer.neurons], dtype=torch.float64))

X = torch.tensor(xs, dtype=torch.float64)  # ოთხივე მაგალითი ერთ ცხრილში (tensor)
Y = torch.tensor(ys, dtype=torch.float64)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)  # p.data += -0.1 * p.grad

losses = []
for _ in range(20):
    loss = ((net(X).squeeze(1) - Y) ** 2).sum()  # squeeze(1): ოთხი პასუხის სვეტი -> სია
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
# --8<-- [end:mlp]
