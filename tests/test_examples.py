"""micrograd/examples.py: ლექციის მაგალითები, რომლებსაც გაკვეთილები ხელახლა იყენებს."""

import math

from micrograd.examples import lecture_L, lecture_neuron


def test_lecture_L_values_and_labels():
    ex = lecture_L()
    assert [v.data for v in ex] == [2.0, -3.0, 10.0, -6.0, 4.0, -2.0, -8.0]
    # ნახატზე სახელი იგივეა, რაც ცვლადის სახელი (the graph shows the field's name)
    assert [v.label for v in ex] == list(ex._fields)
    assert ex.L._prev == (ex.d, ex.f) and ex.d._prev == (ex.e, ex.c)
    assert ex.e._prev == (ex.a, ex.b)


def test_lecture_neuron_values_and_graph():
    ex = lecture_neuron()
    assert math.isclose(ex.o.data, math.sqrt(2) / 2, rel_tol=1e-15)
    assert ex.o._prev == (ex.n,) and ex.n._prev == (ex.x1w1x2w2, ex.b)
    assert ex.x1w1._prev == (ex.x1, ex.w1) and ex.x2w2._prev == (ex.x2, ex.w2)
    assert [v.label for v in ex[:5]] == ["x1", "x2", "w1", "w2", "b"]


def test_lecture_L_takes_the_leaves():
    ex = lecture_L(a=1.0, b=2.0, c=3.0, f=4.0)
    assert [v.data for v in ex] == [1.0, 2.0, 3.0, 2.0, 5.0, 4.0, 20.0]
    assert lecture_L(b=-2.0).L.data == (2.0 * -2.0 + 10.0) * -2.0


def test_each_call_builds_fresh_values():
    first, second = lecture_L(), lecture_L()
    first.L.backward()
    assert first.a.grad == 6.0
    assert all(v.grad == 0.0 for v in second)
    assert first.a is not second.a


def test_lecture_neuron_default_is_unchanged():
    ex, named = (
        lecture_neuron(),
        lecture_neuron(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432),
    )
    assert [v.data for v in ex] == [v.data for v in named]
    assert [v.data for v in ex[:5]] == [2.0, 0.0, -3.0, 1.0, 6.8813735870195432]
    assert [v.label for v in ex] == ["x1", "x2", "w1", "w2", "b", "x1*w1", "x2*w2",
                                     "x1*w1 + x2*w2", "n", "o"]  # fmt: skip


def test_lecture_neuron_takes_the_leaves():
    ex = lecture_neuron(x1=1.0, x2=2.0, w1=3.0, w2=-0.5, b=0.25)
    assert [v.data for v in ex[:5]] == [1.0, 2.0, 3.0, -0.5, 0.25]
    assert ex.n.data == 1.0 * 3.0 + 2.0 * -0.5 + 0.25
    assert ex.o.data == math.tanh(2.25)
    # x2 = 1 makes w2 matter: its gradient becomes 1 - o**2 instead of 0
    moved = lecture_neuron(x2=1.0)
    moved.o.backward()
    assert moved.w2.grad == 1 - moved.o.data**2 and moved.w2.grad > 0
    assert lecture_neuron(b=10.0).o.data > lecture_neuron().o.data
