"""Value-ის ტესტები: ცნობილი რიცხვები, რიცხვითი წარმოებულები, ღრმა გრაფი, შეცდომები."""

import math
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from micrograd.engine import Value

# --- the original micrograd's tests (karpathy/micrograd test/test_engine.py) ---


def test_sanity_check():
    x = Value(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    assert y.data == -20.0
    assert x.grad == 46.0


def test_more_ops():
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    assert g.data == pytest.approx(24.70408163265306, abs=1e-6)
    assert a.grad == pytest.approx(138.83381924198252, abs=1e-6)
    assert b.grad == pytest.approx(645.5772594752186, abs=1e-6)


# --- the lecture's examples ---


def test_lecture_expression():
    a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    L = (a * b + c) * f
    L.backward()
    assert L.data == -8.0
    assert (a.grad, b.grad, c.grad, f.grad) == (6.0, -4.0, -2.0, 4.0)
    assert repr(L) == "Value(data=-8.0)"


def _neuron(tanh):
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    o = tanh(x1 * w1 + x2 * w2 + b)
    o.backward()
    return o, x1, w1, x2, w2


@pytest.mark.parametrize(
    "tanh",
    [lambda n: n.tanh(), lambda n: ((2 * n).exp() - 1) / ((2 * n).exp() + 1)],
    ids=["tanh", "tanh-from-exp"],
)
def test_lecture_neuron(tanh):
    o, x1, w1, x2, w2 = _neuron(tanh)
    assert o.data == pytest.approx(0.7071, abs=1e-4)
    assert x1.grad == pytest.approx(-1.5)
    assert w1.grad == pytest.approx(1.0)
    assert x2.grad == pytest.approx(0.5)
    assert w2.grad == pytest.approx(0.0, abs=1e-12)


def test_value_fields():
    v = Value(3, label="v")
    assert v.data == 3.0 and isinstance(v.data, float)
    assert v.grad == 0.0 and v.label == "v" and v._op == "" and v._prev == ()
    v.label = "ახალი"  # __slots__ still allows assignment
    v._backward = lambda: None
    assert v.label == "ახალი"


def test_children_kept_in_order():
    a, b = Value(1.0), Value(2.0)
    assert (a * b)._prev == (a, b)
    assert (b + a)._prev == (b, a)
    assert (a * a)._prev == (a, a)


def test_reflected_ops():
    v = Value(4.0)
    assert (2 * v).data == 8.0
    assert (1 + v).data == 5.0
    assert (1 - v).data == -3.0
    assert (2 / v).data == 0.5
    assert (-v).data == -4.0
    assert (v - 1).data == 3.0
    assert (v**0.5).data == 2.0
    s = sum([v, v, Value(1.0)])
    assert isinstance(s, Value) and s.data == 9.0
    s.backward()
    assert v.grad == 2.0


def test_backward_accumulates_like_pytorch():
    # leaves double exactly; the lecture's version would give a.grad == 3*b*c here
    a, b, c = Value(2.0), Value(3.0), Value(5.0)
    out = (a * b) * c
    out.backward()
    assert a.grad == 15.0
    out.backward()
    assert a.grad == 30.0
    assert out.grad == 1.0


def test_relu():
    a, b = Value(-2.0), Value(3.0)
    out = a.relu() + b.relu()
    out.backward()
    assert out.data == 3.0 and a.grad == 0.0 and b.grad == 1.0


# --- where the lecture's version breaks ---


def test_deep_chain_backward():
    n = 200_000
    assert n > 100 * sys.getrecursionlimit()
    x = Value(1.0)
    y = x
    for _ in range(n):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == 1.0
    assert y.data == 1.0
    del y  # freeing a deep chain must not crash either


def test_deep_chain_of_unary_ops():
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = -y
    y.backward()
    assert x.grad == 1.0


def test_tanh_saturates():
    for x, expected in [(1000.0, 1.0), (-1000.0, -1.0), (1e308, 1.0)]:
        v = Value(x)
        t = v.tanh()
        t.backward()
        assert t.data == expected
        assert v.grad == 0.0


def test_exp_overflow_is_clear():
    assert Value(709.0).exp().data == pytest.approx(math.exp(709.0))
    with pytest.raises(OverflowError, match="too large") as info:
        Value(1000.0).exp()
    assert "ძალიან დიდია" in str(info.value)


@pytest.mark.parametrize(
    ("bad", "kind"),
    [("abc", "str"), (None, "NoneType"), ([1.0], "list"), (True, "bool"), (1j, "complex")],
)
def test_bad_input_type_error(bad, kind):
    with pytest.raises(TypeError, match=f"expects a number \\(int or float\\), got {kind}") as e:
        Value(bad)
    assert "Value-ს სჭირდება რიცხვი" in str(e.value)
    with pytest.raises(TypeError, match=f"got {kind}"):
        Value(1.0) + bad
    with pytest.raises(TypeError, match=f"got {kind}"):
        Value(1.0) * bad
    with pytest.raises(TypeError, match=f"got {kind}"):
        Value(1.0) - bad
    with pytest.raises(TypeError, match=f"got {kind}"):
        Value(1.0) / bad


def test_bad_reflected_input():
    with pytest.raises(TypeError, match="got str"):
        "abc" - Value(1.0)
    with pytest.raises(TypeError, match="got str"):
        "abc" / Value(1.0)


@pytest.mark.parametrize(("bad", "kind"), [(Value(2.0), "Value"), ("2", "str"), (True, "bool")])
def test_bad_exponent(bad, kind):
    with pytest.raises(TypeError, match=f"exponent must be an int or float, got {kind}"):
        Value(3.0) ** bad


def test_nan_propagates():
    v = Value(float("nan"))
    out = v * 2 + 1
    out.backward()
    assert math.isnan(out.data)
    assert v.grad == 2.0  # d(2v+1)/dv does not depend on v
    assert math.isnan(v.relu().data) and math.isnan(v.tanh().data)


def test_numpy_numbers_accepted():
    np = pytest.importorskip("numpy")
    v = Value(np.float32(1.5)) + np.int64(2)
    assert v.data == 3.5 and type(v.data) is float


# --- finite differences over random expressions (hypothesis) ---


class Domain(Exception):
    """The expression leaves the region where a central difference is reliable."""


def _val(v):
    return v.data if isinstance(v, Value) else v


def _need(ok):
    if not ok:
        raise Domain


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: (_need(abs(_val(b)) > 0.2), a / b)[1],
    "sum": lambda a, b: sum([a, b]),
}
UNARY = {
    "neg": lambda a: -a,
    "tanh": lambda a: a.tanh() if isinstance(a, Value) else math.tanh(a),
    "exp": lambda a: (_need(_val(a) < 5), a.exp() if isinstance(a, Value) else math.exp(a))[1],
    "relu": lambda a: (
        _need(abs(_val(a)) > 1e-3),
        a.relu() if isinstance(a, Value) else max(a, 0.0),
    )[1],
    "pow2": lambda a: a**2,
    "pow3": lambda a: a**3,
    "inv": lambda a: (_need(abs(_val(a)) > 0.2), a**-1)[1],
    "inv2": lambda a: (_need(abs(_val(a)) > 0.2), a**-2)[1],
    "sqrt": lambda a: (_need(_val(a) > 0.2), a**0.5)[1],
    "pow1.5": lambda a: (_need(_val(a) > 0.2), a**1.5)[1],
}
WITH_CONST = {
    "radd": lambda c, a: c + a,
    "rsub": lambda c, a: c - a,
    "rmul": lambda c, a: c * a,
    "rdiv": lambda c, a: (_need(abs(_val(a)) > 0.2), c / a)[1],
    "addc": lambda c, a: a + c,
    "subc": lambda c, a: a - c,
    "mulc": lambda c, a: a * c,
    "divc": lambda c, a: a / c,
}
CONSTS = [-2.5, -1.0, 0.5, 1.0, 3.0]
N_LEAVES = 3


def evaluate(tree, xs):
    """Works the same on floats and on Values, so one tree gives f and its graph."""
    kind = tree[0]
    if kind == "leaf":
        return xs[tree[1]]
    if kind in BINARY:
        out = BINARY[kind](evaluate(tree[1], xs), evaluate(tree[2], xs))
    elif kind in UNARY:
        out = UNARY[kind](evaluate(tree[1], xs))
    else:
        out = WITH_CONST[kind](tree[1], evaluate(tree[2], xs))
    _need(math.isfinite(_val(out)) and abs(_val(out)) < 1e3)
    return out


leaves = st.builds(lambda i: ("leaf", i), st.integers(0, N_LEAVES - 1))
trees = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(sorted(BINARY)), kids, kids),
        st.tuples(st.sampled_from(sorted(UNARY)), kids),
        st.tuples(st.sampled_from(sorted(WITH_CONST)), st.sampled_from(CONSTS), kids),
    ),
    max_leaves=10,
)
points = st.lists(st.floats(-3, 3, allow_nan=False), min_size=N_LEAVES, max_size=N_LEAVES)


def check_gradients(tree, xs):
    try:
        values = [Value(x) for x in xs]
        out = evaluate(tree, values)
        h = 1e-6
        numeric = []
        for i in range(len(xs)):
            up = evaluate(tree, [x + h * (j == i) for j, x in enumerate(xs)])
            down = evaluate(tree, [x - h * (j == i) for j, x in enumerate(xs)])
            numeric.append((up - down) / (2 * h))
    except Domain:
        assume(False)
    assert isinstance(out, Value)
    out.backward()
    for v, g in zip(values, numeric, strict=True):
        assert v.grad == pytest.approx(g, rel=1e-4, abs=1e-4)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tree=trees, xs=points)
def test_gradients_match_finite_differences(tree, xs):
    check_gradients(("radd", 0.0, tree), xs)  # the root is always a Value


@pytest.mark.parametrize("op", sorted(BINARY) + sorted(UNARY) + sorted(WITH_CONST))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(xs=points, c=st.sampled_from(CONSTS))
def test_each_operation_matches_finite_differences(op, xs, c):
    a, b = ("leaf", 0), ("leaf", 1)
    if op in BINARY:
        tree = (op, a, ("mul", b, ("leaf", 2)))
    elif op in UNARY:
        tree = (op, b)
    else:
        tree = (op, c, b)
    check_gradients(tree, xs)
