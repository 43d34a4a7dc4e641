"""ნეირონი (neuron), შრე (layer) და მრავალშრიანი პერცეპტრონი (MLP), Value-ებისგან აწყობილი.

წონები შემთხვევითია, `random.uniform(-1, 1)`. `seed=42` (ან `random.Random`) ყოველ
ჯერზე ერთსა და იმავე წონებს იძლევა და python-ის საერთო `random`-ს არ ეხება.

>>> model = MLP(3, [4, 4, 1], seed=42)
>>> model
MLP of [Layer of [TanhNeuron(3), TanhNeuron(3), TanhNeuron(3), TanhNeuron(3)], \
Layer of [TanhNeuron(4), TanhNeuron(4), TanhNeuron(4), TanhNeuron(4)], Layer of [TanhNeuron(4)]]
>>> len(model.parameters())
41
"""

import random

from micrograd.engine import Value

NONLINS = ("tanh", "relu", "linear")


def _size(name, n):
    """ზომა (size) დადებითი მთელი რიცხვი უნდა იყოს; სხვა შემთხვევაში გასაგები შეცდომა."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(
            f"{name} უნდა იყოს მთელი რიცხვი (int), მივიღე {type(n).__name__}: {n!r} / "
            f"{name} must be an int, got {type(n).__name__}: {n!r}"
        )
    if n < 1:
        raise ValueError(
            f"{name} უნდა იყოს 1 ან მეტი, მივიღე {n} / {name} must be at least 1, got {n}"
        )
    return n


def _inputs(x, nin):
    """შემავლების სია უნდა იყოს ზუსტად nin სიგრძის (the right number of inputs)."""
    if len(x) != nin:
        raise ValueError(
            f"ნეირონი ელოდება {nin} შემავალს, მიიღო {len(x)} / "
            f"the neuron expects {nin} inputs, got {len(x)}"
        )


def _rng(seed):
    """seed -> შემთხვევითი რიცხვების წყარო: None = საერთო random, რიცხვი = ახალი Random."""
    if seed is None:
        return random
    if seed is random or isinstance(seed, random.Random):
        return seed
    return random.Random(seed)


class Module:
    """ყველა მოდულის საფუძველი, როგორც PyTorch-ის nn.Module."""

    def zero_grad(self):
        """ყველა პარამეტრის grad-ის განულება: backward() გრადიენტებს აგროვებს."""
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        return []


# --8<-- [start:weighted_sum]
def weighted_sum(w, x, b):
    """w·x + b ერთ კვანძად (one node): იგივე რიცხვი და იგივე გრადიენტები, რაც
    `sum((wi * xi for ...), b)`-ს, ოღონდ 2n + 1 კვანძის ნაცვლად ერთი. x-ის რიცხვები
    Value-ად უნდა იყოს ქცეული (ისინიც გრაფის შვილებია)."""
    out = Value(
        sum(wi.data * xi.data for wi, xi in zip(w, x, strict=True)) + b.data, (*w, *x, b), "w·x+b"
    )

    def _backward():
        # ჯაჭვის წესი ყოველი ნამრავლისთვის: d(wi*xi)/dwi = xi და d(wi*xi)/dxi = wi
        for wi, xi in zip(w, x, strict=True):
            wi.grad += xi.data * out.grad
            xi.grad += wi.data * out.grad
        b.grad += out.grad

    out._backward = _backward
    return out


# --8<-- [end:weighted_sum]


# --8<-- [start:neuron]
class Neuron(Module):
    """ერთი ნეირონი: act = w·x + b, მერე აქტივაციის ფუნქცია (activation function).

    nonlin: 'tanh' (ლექციაში), 'relu' ან 'linear' (აქტივაციის გარეშე).
    fused=True: w·x + b ერთი კვანძია (`weighted_sum`), რაც სწავლებას ბევრად აჩქარებს.

    >>> n = Neuron(2, seed=1)
    >>> n
    TanhNeuron(2)
    >>> n([1.0, -2.0])
    Value(data=-0.9206777282880583)
    """

    def __init__(self, nin, nonlin="tanh", seed=None, fused=False):
        _size("nin", nin)
        if nonlin not in NONLINS:
            raise ValueError(f"nonlin უნდა იყოს ერთ-ერთი {NONLINS} / nonlin must be one of them")
        rng = _rng(seed)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]  # წონები (weights)
        self.b = Value(rng.uniform(-1, 1))  # წანაცვლება (bias)
        self.nonlin = nonlin
        self.fused = fused

    def __call__(self, x):
        _inputs(x, len(self.w))
        if self.fused:
            x = [xi if isinstance(xi, Value) else Value(xi) for xi in x]
            act = weighted_sum(self.w, x, self.b)
        else:
            # w·x + b: ჯამი b-დან იწყება, ამიტომ sum-ის პასუხიც Value-ა
            act = sum((wi * xi for wi, xi in zip(self.w, x, strict=True)), self.b)
        if self.nonlin == "tanh":
            return act.tanh()
        if self.nonlin == "relu":
            return act.relu()
        return act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        kind = {"tanh": "Tanh", "relu": "ReLU", "linear": "Linear"}[self.nonlin]
        return f"{kind}Neuron({len(self.w)})"


# --8<-- [end:neuron]


# --8<-- [start:layer]
class Layer(Module):
    """შრე: nout ცალი ნეირონი, თითოეული ერთსა და იმავე x-ს იღებს."""

    def __init__(self, nin, nout, nonlin="tanh", seed=None, fused=False):
        _size("nout", nout)
        rng = _rng(seed)  # ერთი წყარო ყველა ნეირონისთვის: ყოველი თავის რიცხვებს იღებს
        self.neurons = [Neuron(nin, nonlin, seed=rng, fused=fused) for _ in range(nout)]

    def __call__(self, x):
        if isinstance(x, Value):  # წინა შრის ერთადერთი გამომავალი
            x = [x]
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


# --8<-- [end:layer]


# --8<-- [start:mlp]
class MLP(Module):
    """მრავალშრიანი პერცეპტრონი (multi-layer perceptron): შრეები ერთმანეთის მიყოლებით.

    MLP(3, [4, 4, 1]): 3 შემავალი, ორი 4-ნეირონიანი შრე და 1 გამომავალი.
    nonlin='relu'-ს დროს ბოლო შრე წრფივია (linear), როგორც karpathy/micrograd-ში.
    """

    def __init__(self, nin, nouts, nonlin="tanh", seed=None, fused=False):
        _size("nin", nin)
        if not nouts:
            raise ValueError("nouts ცარიელია: ქსელს ერთი შრე მაინც სჭირდება / nouts is empty")
        for nout in nouts:
            _size("nouts", nout)
        rng = _rng(seed)
        sizes = [nin] + list(nouts)
        self.layers = []
        for i in range(len(nouts)):
            last = i == len(nouts) - 1
            act = "linear" if nonlin == "relu" and last else nonlin  # ReLU-ს ბოლოს წრფივი შრე
            self.layers.append(Layer(sizes[i], sizes[i + 1], act, seed=rng, fused=fused))

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"


# --8<-- [end:mlp]
