"""Neuron, Layer, MLP: პარამეტრები, seed, zero_grad, ReLU ვარიანტი, პატარა სწავლება."""

import random
import re

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP, Layer, Module, Neuron, weighted_sum


def weights(model):
    return [p.data for p in model.parameters()]


def test_parameter_counts():
    assert len(MLP(3, [4, 4, 1]).parameters()) == 41
    assert len(MLP(2, [16, 16, 1]).parameters()) == 337
    assert len(Layer(3, 4).parameters()) == 16
    assert len(Neuron(5).parameters()) == 6
    assert Module().parameters() == []


def test_seed_is_reproducible_and_leaves_global_random_alone():
    random.seed(123)
    state = random.getstate()
    a = MLP(3, [4, 4, 1], seed=42)
    b = MLP(3, [4, 4, 1], seed=42)
    assert random.getstate() == state
    assert weights(a) == weights(b)
    assert weights(a) != weights(MLP(3, [4, 4, 1], seed=43))
    assert all(-1 <= w <= 1 for w in weights(a))
    assert len(set(weights(a))) == 41  # every neuron gets its own numbers


def test_seed_accepts_random_instance():
    a = MLP(2, [3, 1], seed=random.Random(7))
    b = MLP(2, [3, 1], seed=random.Random(7))
    assert weights(a) == weights(b)
    rng = random.Random(7)
    n1, n2 = Neuron(2, seed=rng), Neuron(2, seed=rng)
    assert weights(n1) != weights(n2)  # the shared generator moves on


def test_no_seed_uses_global_random():
    random.seed(5)
    a = MLP(2, [3, 1])
    random.seed(5)
    b = MLP(2, [3, 1])
    assert weights(a) == weights(b)


def test_call_returns_single_value_for_one_output():
    x = [2.0, 3.0, -1.0]
    assert isinstance(MLP(3, [4, 4, 1], seed=0)(x), Value)
    assert isinstance(Neuron(3, seed=0)(x), Value)
    outs = Layer(3, 4, seed=0)(x)
    assert isinstance(outs, list) and len(outs) == 4
    assert isinstance(Layer(3, 1, seed=0)(x), Value)
    assert len(MLP(3, [1, 5], seed=0)(x)) == 5  # a one-neuron layer in the middle


def test_neuron_computes_tanh_of_weighted_sum():
    n = Neuron(2, seed=3)
    w1, w2, b = weights(n)
    assert n([1.5, -2.0]).data == pytest.approx(__import__("math").tanh(1.5 * w1 - 2.0 * w2 + b))


def test_layer_neurons_get_distinct_weights():
    """A Layer built from one seed must not give all its neurons the same numbers."""
    for seed in (0, 42, random.Random(3)):
        layer = Layer(3, 4, seed=seed)
        rows = [tuple(weights(n)) for n in layer.neurons]
        assert len(set(rows)) == 4, f"seed={seed!r}: neurons share weights"
    assert weights(Layer(3, 4, seed=0)) == weights(Layer(3, 4, seed=0))


WRONG_COUNT = [
    lambda: Neuron(3, seed=0)([1.0, 2.0]),
    lambda: Neuron(3, seed=0)([1.0, 2.0, 3.0, 4.0]),
    lambda: MLP(3, [4, 1], seed=0)([1.0, 2.0]),
    lambda: MLP(3, [4, 1], seed=0, fused=True)([1.0, 2.0]),
]


@pytest.mark.parametrize("call", WRONG_COUNT)
def test_wrong_number_of_inputs_is_a_bilingual_error(call):
    with pytest.raises(
        ValueError, match=r"ელოდება 3 შემავალს.* / the neuron expects 3 inputs, got"
    ):
        call()


@pytest.mark.parametrize(
    ("build", "error", "text"),
    [
        (lambda: MLP(0, [4, 1]), ValueError, "nin must be at least 1, got 0"),
        (lambda: MLP(3, [4, -2]), ValueError, "nouts must be at least 1, got -2"),
        (lambda: MLP(3, [4, 0, 1]), ValueError, "nouts must be at least 1, got 0"),
        (lambda: MLP(3, [4.0, 1]), TypeError, "nouts must be an int, got float"),
        (lambda: MLP(2.5, [1]), TypeError, "nin must be an int, got float"),
        (lambda: MLP("3", [1]), TypeError, "nin must be an int, got str"),
        (lambda: MLP(True, [1]), TypeError, "nin must be an int, got bool"),
        (lambda: MLP(3, []), ValueError, "nouts is empty"),
        (lambda: Layer(3, 0), ValueError, "nout must be at least 1"),
        (lambda: Neuron(-1), ValueError, "nin must be at least 1, got -1"),
    ],
)
def test_bad_sizes_are_bilingual_errors(build, error, text):
    with pytest.raises(error) as info:
        build()
    message = str(info.value)
    assert text in message
    georgian, english = message.split(" / ")
    assert re.search("[\u10d0-\u10ff]", georgian), message  # the Georgian half comes first


def test_fused_neuron_gives_the_same_numbers_and_gradients():
    """fused=True is one node per w·x + b, with the same forward value and gradients."""
    x = [2.0, 3.0, -1.0]
    for nonlin in ("tanh", "relu"):
        slow = MLP(3, [4, 4, 1], nonlin=nonlin, seed=5)
        fast = MLP(3, [4, 4, 1], nonlin=nonlin, seed=5, fused=True)
        out_slow, out_fast = slow(x), fast(x)
        assert out_fast.data == pytest.approx(out_slow.data, rel=1e-12, abs=1e-15)
        (out_slow * out_slow).backward()
        (out_fast * out_fast).backward()
        for p, q in zip(slow.parameters(), fast.parameters(), strict=True):
            assert q.grad == pytest.approx(p.grad, rel=1e-9, abs=1e-15)
        assert any(p.grad != 0.0 for p in fast.parameters())


def test_weighted_sum_is_one_node_with_input_gradients():
    w = [Value(0.5), Value(-2.0)]
    x = [Value(3.0), Value(4.0)]
    b = Value(1.0)
    out = weighted_sum(w, x, b)
    assert out.data == 0.5 * 3.0 - 2.0 * 4.0 + 1.0
    assert out._prev == (*w, *x, b)
    (out * 3.0).backward()
    assert [v.grad for v in (*w, *x, b)] == [9.0, 12.0, 1.5, -6.0, 3.0]


def test_zero_grad():
    model = MLP(3, [4, 1], seed=1)
    model([1.0, -1.0, 0.5]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_relu_variant():
    model = MLP(2, [16, 16, 1], nonlin="relu", seed=0)
    kinds = [{n.nonlin for n in layer.neurons} for layer in model.layers]
    assert kinds == [{"relu"}, {"relu"}, {"linear"}]
    assert repr(model.layers[-1]) == "Layer of [LinearNeuron(16)]"
    assert repr(model.layers[0].neurons[0]) == "ReLUNeuron(2)"
    hidden = model.layers[0]([0.3, -0.7])
    assert all(h.data >= 0.0 for h in hidden) and any(h.data == 0.0 for h in hidden)
    assert isinstance(model([0.3, -0.7]), Value)


def test_linear_and_relu_neurons():
    lin = Neuron(2, nonlin="linear", seed=2)
    w1, w2, b = weights(lin)
    assert lin([1.0, 1.0]).data == pytest.approx(w1 + w2 + b)
    relu = Neuron(2, nonlin="relu", seed=2)
    assert relu([1.0, 1.0]).data == pytest.approx(max(0.0, w1 + w2 + b))
    assert relu([-1.0, -1.0]).data == pytest.approx(max(0.0, -w1 - w2 + b))


def test_bad_nonlin():
    with pytest.raises(ValueError, match="nonlin"):
        Neuron(2, nonlin="sigmoid")


def test_repr():
    assert repr(Neuron(3)) == "TanhNeuron(3)"
    assert repr(MLP(2, [1], seed=0)) == "MLP of [Layer of [TanhNeuron(2)]]"


def test_parameter_gradient_matches_finite_difference():
    model = MLP(3, [4, 4, 1], seed=11)
    x = [2.0, 3.0, -1.0]
    model(x).backward()
    h = 1e-6
    for p in model.parameters()[::5]:
        old = p.data
        p.data = old + h
        up = model(x).data
        p.data = old - h
        down = model(x).data
        p.data = old
        assert p.grad == pytest.approx((up - down) / (2 * h), rel=1e-4, abs=1e-6)


def test_lecture_training_loop_reduces_loss():
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    model = MLP(3, [4, 4, 1], seed=42)
    losses = []
    for _ in range(30):
        loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, [model(x) for x in xs], strict=True))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data += -0.05 * p.grad
        losses.append(loss.data)
    assert losses[-1] < 0.1 * losses[0]
