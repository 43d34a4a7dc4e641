"""ლექციის ნეირონი PyTorch-ში (the lecture's neuron in PyTorch), float64-ში.

docs/pytorch.md shows this file; tests/test_torch.py runs it (`make test-torch`) and checks
that torch prints the same numbers as micrograd.
"""

import torch

# --8<-- [start:neuron]
# dtype=torch.float64: ორმაგი სიზუსტე (double), როგორც python-ის float-ი
x1 = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
x2 = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
w1 = torch.tensor([-3.0], dtype=torch.float64, requires_grad=True)
w2 = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
b = torch.tensor([6.8813735870195432], dtype=torch.float64, requires_grad=True)
n = x1 * w1 + x2 * w2 + b
o = torch.tanh(n)

print("o", o.item())
o.backward()
print("x1", x1.grad.item())
print("w1", w1.grad.item())
print("x2", x2.grad.item())
print("w2", w2.grad.item())
# --8<-- [end:neuron]
