"""ავტოგრადის ძრავა (autograd engine): რიცხვი, რომელსაც თავისი წარმოებული ახსოვს.

ლექციის `Value`, სამი განსხვავებით: ღრმა გრაფზეც მუშაობს (რეკურსიის გარეშე),
დიდ რიცხვზე `tanh` არ ვარდება, და არასწორ შემავალზე გასაგები შეცდომა ამოდის.
"""

import math
import numbers
import reprlib


# --8<-- [start:number]
def _number(x):
    """x-ს float-ად აქცევს; რიცხვის გარდა ყველაფერზე TypeError-ს აგდებს.

    bool-ს არ ვიღებთ: `Value(True)` თითქმის ყოველთვის შეცდომაა.
    NaN და inf float-ებია, ამიტომ გაივლის და ისე გავრცელდება, როგორც PyTorch-ში.
    """
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return float(x)
    kind, shown = type(x).__name__, reprlib.repr(x)
    raise TypeError(
        f"Value-ს სჭირდება რიცხვი (int ან float), მივიღე {kind}: {shown} / "
        f"Value expects a number (int or float), got {kind}: {shown}"
    )


# --8<-- [end:number]


# --8<-- [start:init]
class Value:
    """ერთი რიცხვი (`data`) და მისი გრადიენტი (`grad`): dL/d(ეს რიცხვი).

    >>> Value(2.0) * Value(-4.0)
    Value(data=-8.0)
    """

    # __slots__: ყოველ ობიექტს ლექსიკონი (dict) აღარ სჭირდება, ამიტომ უფრო სწრაფია
    __slots__ = ("data", "grad", "_backward", "_prev", "_op", "label")

    # --8<-- [start:value_init]
    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data if type(data) is float else _number(data)
        self.grad = 0.0  # თავიდან ვთვლით, რომ L-ზე გავლენა არ აქვს
        # --8<-- [end:value_init]
        self._backward = lambda: None  # ფოთოლს (leaf) უკან გასავლელი არაფერი აქვს
        # --8<-- [start:value_graph]
        self._prev = tuple(_children)  # tuple და არა set: რიგი ყოველთვის ერთი და იგივეა
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data})"

    # --8<-- [end:value_graph]

    # --8<-- [end:init]

    # --8<-- [start:add]
    # --8<-- [start:add_forward]
    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")
        # --8<-- [end:add_forward]

        def _backward():
            # ჯამის წარმოებული ორივე შესაკრებით 1-ია: გრადიენტი უცვლელად გადადის
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    # --8<-- [end:add]

    # --8<-- [start:mul]
    # --8<-- [start:mul_forward]
    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        # --8<-- [end:mul_forward]

        def _backward():
            # d(a*b)/da = b და d(a*b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:mul]

    # --8<-- [start:pow]
    def __pow__(self, other):
        """ხარისხი (power): მაჩვენებელი ჩვეულებრივი რიცხვია, არა Value."""
        if isinstance(other, bool) or not isinstance(other, int | float):
            raise TypeError(
                f"ხარისხის მაჩვენებელი int ან float უნდა იყოს, მივიღე {type(other).__name__} / "
                f"the exponent must be an int or float, got {type(other).__name__}"
            )
        out = Value(self.data**other, (self,), f"**{other}")

        def _backward():
            # d(x**n)/dx = n * x**(n-1)
            self.grad += other * self.data ** (other - 1) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:pow]

    # --8<-- [start:neg_sub_div]
    # --8<-- [start:neg_sub]
    def __neg__(self):  # -self
        return self * -1

    def __sub__(self, other):  # self - other
        other = other if isinstance(other, Value) else Value(other)
        return self + (-other)

    # --8<-- [end:neg_sub]

    # --8<-- [start:div]
    def __truediv__(self, other):  # self / other = self * other**-1
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1

    # --8<-- [end:div]

    # --8<-- [start:reflected]
    # შებრუნებული (reflected) ფორმები: როცა მარცხნივ ჩვეულებრივი რიცხვია, მაგ. 2 * v
    def __radd__(self, other):  # other + self
        return self + other

    def __rmul__(self, other):  # other * self
        return self * other

    def __rsub__(self, other):  # other - self
        return (-self) + other

    def __rtruediv__(self, other):  # other / self
        return self**-1 * other

    # --8<-- [end:reflected]
    # --8<-- [end:neg_sub_div]

    # --8<-- [start:tanh]
    def tanh(self):
        """ჰიპერბოლური ტანგენსი (tanh). ლექციის (e**2x - 1)/(e**2x + 1) x=1000-ზე
        OverflowError-ს აგდებს; math.tanh კი ±1-ში გაჯერდება (saturation).

        >>> Value(1000.0).tanh()
        Value(data=1.0)
        """
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            # d(tanh x)/dx = 1 - tanh(x)**2
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:tanh]

    # --8<-- [start:exp]
    def exp(self):
        """e**x. თუ პასუხი float-ში არ ეტევა (x > ~709), OverflowError გასაგები ტექსტით."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(
                f"exp({self.data}) ძალიან დიდია float-ისთვის / exp({self.data}) is too large "
                "for a float (x must be below about 709.78)"
            ) from None
        out = Value(e, (self,), "exp")

        def _backward():
            # e**x-ის წარმოებული ისევ e**x-ია
            self.grad += e * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:exp]

    # --8<-- [start:relu]
    def relu(self):
        """ReLU: უარყოფითი რიცხვი 0 ხდება, დადებითი უცვლელი რჩება."""
        out = Value(0.0 if self.data < 0 else self.data, (self,), "ReLU")

        def _backward():
            self.grad += (out.data > 0) * out.grad

        out._backward = _backward
        return out

    # --8<-- [end:relu]

    # --8<-- [start:backward]
    def backward(self):
        """უკუგავრცელება (backpropagation): ყველა კვანძის grad ამ კვანძიდან.

        ფოთლების grad გროვდება (accumulate), როგორც PyTorch-ში: მეორე გამოძახება
        მას აორმაგებს. ამიტომ სწავლებისას ყოველ ნაბიჯზე ჯერ zero_grad() გვჭირდება.

        >>> a = Value(3.0)
        >>> b = a * a
        >>> b.backward()
        >>> a.grad
        6.0
        >>> b.backward()
        >>> a.grad
        12.0
        """
        # ტოპოლოგიური დახარისხება (topological sort): ყოველი კვანძი თავის შვილებზე გვიან.
        # ლექციაში ეს რეკურსიით კეთდება, მაგრამ python-ს რეკურსიის ზღვარი აქვს (~1000),
        # ამიტომ აქ ცხად სტეკს (explicit stack) ვიყენებთ: 100 000 ოპერაციის ჯაჭვზეც მუშაობს.
        topo, visited = [], set()
        stack = [(self, False)]
        while stack:
            v, children_done = stack.pop()
            if children_done:
                topo.append(v)  # ყველა შვილი უკვე სიაშია
            elif v not in visited:
                visited.add(v)
                if v._prev:
                    v.grad = 0.0  # შუალედური კვანძის grad ყოველ ჯერზე თავიდან ითვლება
                stack.append((v, True))  # შვილების შემდეგ ისევ აქ დავბრუნდებით
                for child in reversed(v._prev):  # reversed: შვილები თავისი რიგით გამოვლენ
                    if child not in visited:
                        stack.append((child, False))

        # ჯაჭვის წესი (chain rule) ბოლოდან თავისკენ: dL/dL = 1
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    # --8<-- [end:backward]
