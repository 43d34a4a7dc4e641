"""ლექციის ორი მაგალითი, რომ გაკვეთილებმა ისინი ხელახლა არ აკრიფონ (the lecture's two examples).

`lecture_L()` აშენებს $L = (a \\cdot b + c) \\cdot f$-ს, `lecture_neuron()` კი ნეირონს
ორი შემავლით. ორივე ყოველ გამოძახებაზე ახალ `Value`-ებს ქმნის (`grad` ნულია) და
აბრუნებს სახელიან tuple-ს: `a, b, c, e, d, f, L = lecture_L()` ან `lecture_L().L`.
ფოთლების მნიშვნელობა შეიძლება შეიცვალოს: `lecture_L(b=-3.0 + h)` (რიცხვითი შემოწმებისთვის)
ან `lecture_neuron(x2=1.0)`.

>>> a, b, c, e, d, f, L = lecture_L()
>>> L
Value(data=-8.0)
>>> lecture_L(c=11.0).L
Value(data=-10.0)
>>> round(lecture_neuron().o.data, 4)
0.7071
>>> round(lecture_neuron(x2=1.0).o.data, 4)
0.9546
"""

from typing import NamedTuple

from micrograd.engine import Value


class LectureL(NamedTuple):
    a: Value
    b: Value
    c: Value
    e: Value
    d: Value
    f: Value
    L: Value


class LectureNeuron(NamedTuple):
    x1: Value
    x2: Value
    w1: Value
    w2: Value
    b: Value
    x1w1: Value
    x2w2: Value
    x1w1x2w2: Value
    n: Value
    o: Value


# --8<-- [start:lecture_L]
def lecture_L(a=2.0, b=-3.0, c=10.0, f=-2.0):
    """ლექციის მაგალითი: L = (a*b + c) * f, ყოველ რიცხვს თავისი სახელი (label) აქვს."""
    a = Value(a, label="a")
    b = Value(b, label="b")
    c = Value(c, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    f = Value(f, label="f")
    L = d * f
    L.label = "L"
    return LectureL(a, b, c, e, d, f, L)


# --8<-- [end:lecture_L]


# --8<-- [start:lecture_neuron]
def lecture_neuron(x1=2.0, x2=0.0, w1=-3.0, w2=1.0, b=6.8813735870195432):
    """ლექციის ნეირონი: o = tanh(x1*w1 + x2*w2 + b)."""
    x1 = Value(x1, label="x1")  # შემავლები (inputs)
    x2 = Value(x2, label="x2")
    w1 = Value(w1, label="w1")  # წონები (weights)
    w2 = Value(w2, label="w2")
    b = Value(b, label="b")  # წანაცვლება (bias): ნაგულისხმევით o ≈ √2/2 გამოდის
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    x1w1x2w2 = x1w1 + x2w2
    x1w1x2w2.label = "x1*w1 + x2*w2"
    n = x1w1x2w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return LectureNeuron(x1, x2, w1, w2, b, x1w1, x2w2, x1w1x2w2, n, o)


# --8<-- [end:lecture_neuron]
