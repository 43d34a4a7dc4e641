"""ლექციის ნეირონი PyTorch-ში (the lecture's neuron in PyTorch), float64-ში.

docs/pytorch.md shows this file and, in `pycon` blocks titled "PyTorch", what torch gives after
it; tests/test_torch.py (`make test-torch`) runs both and checks the numbers against micrograd's.
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
o.backward()
# --8<-- [end:neuron]
