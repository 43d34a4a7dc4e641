"""გამოთვლების გრაფის (computation graph) დახატვა Graphviz-ით და სუფთა SVG.

`draw_svg(root)` და `plot_svg(fig)` აბრუნებენ SVG-ს, რომელიც HTML-ში პირდაპირ ჩაისმის;
საიტის ჩარჩოს (კლასები, tabindex, ზომა ტელეფონზე) საიტის ჰუკი უმატებს (hooks/site.py).

კვანძების სახელები რიგითი ნომრებია და არა id(): ასე ერთი და იგივე გრაფი
ყოველ გაშვებაზე ზუსტად ერთნაირ SVG-ს იძლევა.
"""

import hashlib
import html
import io
import json
import re
from typing import NamedTuple

import graphviz


# --8<-- [start:draw_dot]
def trace(root):
    """გრაფის ყველა კვანძი (ტოპოლოგიური რიგით) და წიბო (edge) `(შვილი, მშობელი)`."""
    nodes, seen = [], set()
    stack = [(root, False)]  # სტეკი რეკურსიის ნაცვლად, როგორც backward()-ში
    while stack:
        v, children_done = stack.pop()
        if children_done:
            nodes.append(v)
        elif v not in seen:
            seen.add(v)
            stack.append((v, True))
            stack.extend((child, False) for child in reversed(v._prev))
    # dict.fromkeys: `a * a`-ში a ორჯერ არის შვილი, წიბო კი ერთი გვინდა
    edges = [(child, v) for v in nodes for child in dict.fromkeys(v._prev)]
    return nodes, edges


def draw_dot(root, format="svg", rankdir="LR"):
    """გრაფი მარცხნიდან მარჯვნივ (LR): ყოველ კვანძზე label, data და grad.

    >>> from micrograd import Value
    >>> a = Value(2.0, label="a")
    >>> dot = draw_dot(a * a)
    >>> print(dot.source.splitlines()[2].strip())
    0 [label="{ a | data 2.0000 | grad 0.0000 }" shape=record]
    """
    nodes, edges = trace(root)
    dot = graphviz.Digraph(format=format, graph_attr={"rankdir": rankdir})
    number = {v: str(i) for i, v in enumerate(nodes)}  # ნომერი ტოპოლოგიურ რიგში
    for v in nodes:
        name = number[v]
        label = f"{{ {_escape(v.label)} | data {v.data:.4f} | grad {v.grad:.4f} }}"
        dot.node(name=name, label=label, shape="record")
        if v._op:
            # ოპერაციის პატარა კვანძი (მაგ. "+") და წიბო მისგან შედეგისკენ
            dot.node(name=name + v._op, label=v._op)
            dot.edge(name + v._op, name)
    for child, v in edges:
        dot.edge(number[child], number[v] + v._op)
    return dot


# --8<-- [end:draw_dot]


def _escape(text):
    """record-ის label-ში { } | < > \\ სპეციალური სიმბოლოებია."""
    return re.sub(r"([{}|<>\\])", r"\\\1", str(text))


def svg(text):
    """Graphviz-ის SVG ტექსტი -> სუფთა SVG, რომელიც HTML-ში პირდაპირ ჩაისმის (inline).

    არ არის XML-ის თავი, DOCTYPE და კომენტარები; ფონი გამჭვირვალეა; ხაზები და ტექსტი
    `currentColor`-ია, ამიტომ მუქ თემაში (dark mode) გვერდის ტექსტის ფერს მიჰყვება.
    """
    out = re.sub(r"<title>.*?</title>\n?", "", text, flags=re.S)  # id-ების tooltip-ები
    out = re.sub(r' id="(?:graph|node|edge|clust)\d+"', "", out)  # ერთ გვერდზე არ გამეორდეს
    # ფონის თეთრი მართკუთხედი (background polygon)
    out = re.sub(r'<polygon fill="(?:white|transparent)" stroke="(?:transparent|none)"[^>]*/>\n?',
                 "", out, count=1)  # fmt: skip
    out = out.replace('stroke="black"', 'stroke="currentColor"')
    out = out.replace('fill="black"', 'fill="currentColor"')
    out = re.sub(r"<text (?![^>]*\bfill=)", '<text fill="currentColor" ', out)
    return _bare(out)


def graph_svg(dot):
    """ნებისმიერი Graphviz-ის გრაფი (მაგ. `graphviz.Digraph`) -> სუფთა SVG სტრიქონი (`svg()`)."""
    return svg(_render(dot))


def _render(dot):
    """Graphviz-ის SVG ტექსტი, როგორც `dot` წერს (გაუსუფთავებელი)."""
    try:
        return dot.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound as err:
        raise RuntimeError(
            "Graphviz-ის `dot` პროგრამა ვერ ვიპოვე; დააყენეთ: `apt-get install graphviz` "
            "ან `make system-deps`. / Graphviz's `dot` executable was not found; install "
            "Graphviz (`apt-get install graphviz` or `make system-deps`)."
        ) from err


def draw_svg(root, **kw):
    """`draw_dot(root)`-ის გრაფს Graphviz-ით ხატავს და სუფთა SVG სტრიქონს აბრუნებს."""
    return graph_svg(draw_dot(root, **kw))


def plot_svg(fig):
    """matplotlib-ის Figure -> სუფთა, ყოველ გაშვებაზე ერთნაირი SVG სტრიქონი.

    ნახატს არ ხურავს: ეს გამომძახებლის საქმეა (`plt.close(fig)`). matplotlib-ის სტილი
    (`*{...}`) SVG-ში რჩება; HTML-ში ჩასმისას საიტი მას ამ ნახატით ზღუდავს (hooks/site.py).
    """
    import matplotlib  # აქ და არა ფაილის თავში: `import micrograd` მსუბუქი რჩება

    buf = io.StringIO()
    # hashsalt: clipPath-ების id შემთხვევითი აღარ არის; Date/Creator: თარიღი და ვერსია არა
    # fonttype none: ტექსტი ნამდვილ ტექსტად რჩება და გვერდის შრიფტით იწერება (ქართულიც)
    rc = {"svg.hashsalt": "micrograd", "svg.fonttype": "none"}
    with matplotlib.rc_context(rc):
        fig.savefig(buf, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    out = buf.getvalue()
    out = re.sub(r"font-family: [^;\"]*", "font-family: inherit", out)
    out = _unique_ids(out)
    out = re.sub(r"<metadata>.*?</metadata>\n?", "", out, flags=re.S)
    out = re.sub(r"#000000\b", "currentColor", out)
    out = out.replace("fill: #ffffff", "fill: none")  # თეთრი ლეგენდა მუქ თემაში ლაქაა
    # ტექსტს fill არ აქვს და შავი გამოდის; fill-ს ძირეული <svg>-დან მემკვიდრეობით იღებს
    out = out.replace("<svg ", '<svg fill="currentColor" ', 1)
    return _bare(out)


def _unique_ids(out):
    """ერთ გვერდზე რამდენიმე გრაფიკი: id-ები არ უნდა დაემთხვეს (duplicate ids break links).

    ვისაც არავინ მიმართავს, იმის id-ს ვშლით; დანარჩენებს ვუმატებთ ნახატის შიგთავსის ჰეშს.
    """
    used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', out))
    out = re.sub(r' id="([^"]+)"', lambda m: m.group(0) if m.group(1) in used else "", out)
    prefix = "mgp" + hashlib.sha1(out.encode()).hexdigest()[:8] + "-"
    for name in used:
        out = out.replace(f'id="{name}"', f'id="{prefix}{name}"')
        out = out.replace(f'href="#{name}"', f'href="#{prefix}{name}"')
        out = out.replace(f"url(#{name})", f"url(#{prefix}{name})")
    return out


def _bare(out):
    """XML-ის თავის, DOCTYPE-ის, კომენტარების და ცარიელი სტრიქონების მოშორება."""
    out = re.sub(r"<\?xml.*?\?>", "", out, flags=re.S)
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    out = re.sub(r"<!--.*?-->", "", out, flags=re.S)
    return re.sub(r"\n\s*\n", "\n", out).strip() + "\n"


# ---------------------------------------------------------------- უკუგავლა ნაბიჯ-ნაბიჯ
#
# `backward_steps(root)` ჩაიწერს, რას აკეთებს ნამდვილი `root.backward()`: ყოველი კვანძის
# `_backward`-ს დროებით ვახვევთ ჩამწერ ფუნქციაში (wrapper), ვიძახებთ ძრავის `backward()`-ს და
# მერე ყველაფერს ვაბრუნებთ. ასე რიგი და რიცხვები ძრავისაა, არა ჩვენი ასლის; Value და
# backward() არ იცვლება. `draw_steps(root)` იმავეს ხატავს: გრაფი + ნაბიჯები, საიტის
# ღილაკებისთვის (hooks/stepper.py, docs/javascripts/stepper.js).


class Step(NamedTuple):
    """ერთი ნაბიჯი: `kind` არის "forward", "seed" (root.grad = 1) ან "backward".

    `grads`: {კვანძი: (grad ნაბიჯამდე, grad ნაბიჯის შემდეგ)} იმ კვანძებისთვის, რომლებსაც ნაბიჯი
    წერს (უკუგავლაში: შვილები); პირდაპირ გავლაში ცარიელია, კვანძის მნიშვნელობა `node.data`-ა.
    """

    kind: str
    node: object  # Value
    text: str
    grads: dict


def backward_steps(root):
    """`root.backward()`-ს უშვებს და აბრუნებს მის ნაბიჯებს: ჯერ პირდაპირი გავლა (ტოპოლოგიური
    რიგით, ყოველი კვანძი თავისი მნიშვნელობით), მერე `root.grad = 1` და ყოველი `_backward`
    იმ რიგით, როგორც backward()-მა გამოიძახა, შვილების grad-ით მანამდე და მერე.

    ფოთლების grad გროვდება, როგორც backward()-ში (ეს ნამდვილი backward()-ია).

    >>> from micrograd.examples import lecture_L
    >>> steps = backward_steps(lecture_L().L)
    >>> [s.kind for s in steps].count("backward"), steps[7].text
    (7, 'L.grad = 1 (dL/dL = 1): უკუგავლა ბოლოდან იწყება')
    >>> print(steps[8].text)
    d.grad += f.data · L.grad = (−2.0) · 1.0 = −2.0; f.grad += d.data · L.grad = 4.0 · 1.0 = 4.0
    """
    nodes, _ = trace(root)
    grads_before = {v: v.grad for v in nodes}
    order, seeded = [], []  # _backward-ების რიგი; grad-ები პირველ გამოძახებამდე
    original = {v: v._backward for v in nodes}

    def recording(v):
        def _backward():
            if not seeded:
                seeded.append({u: u.grad for u in nodes})
            children = list(dict.fromkeys(v._prev))
            before = {c: c.grad for c in children}
            original[v]()
            order.append((v, {c: (before[c], c.grad) for c in children}))

        return _backward

    try:
        for v in nodes:
            v._backward = recording(v)
        root.backward()
    finally:
        for v in nodes:
            v._backward = original[v]

    names = {v: _name(v, i) for i, v in enumerate(nodes)}
    steps = [Step("forward", v, _forward_text(v, names), {}) for v, _ in reversed(order)]
    seed = {
        v: (grads_before[v], g) for v, g in seeded[0].items() if v is root or g != grads_before[v]
    }
    r = names[root]
    steps.append(Step("seed", root, f"{r}.grad = 1 (d{r}/d{r} = 1): უკუგავლა ბოლოდან იწყება", seed))
    for v, grads in order:
        steps.append(Step("backward", v, _backward_text(v, names), grads))
    return steps


def _name(v, number):
    """კვანძის სახელი ტექსტში: მისი label; `x1*w1` -> `(x1*w1)`, რომ `.grad` მთელს ეკუთვნოდეს."""
    label = str(v.label)
    if not label:
        return f"#{number}"  # სახელის გარეშე: draw_dot-ის ნომერი
    return label if label.isidentifier() else f"({label})"


def _num(x):
    """რიცხვი ტექსტისთვის: 4 ციფრი მძიმის შემდეგ მაქსიმუმ, ნამდვილი მინუსით (−)."""
    r = round(x, 4) + 0.0  # + 0.0: -0.0 -> 0.0
    return repr(r).replace("-", "−")


def _factor(x):
    """თანამამრავლი: უარყოფითი ფრჩხილებში, `(−3.0) · (−2.0)`."""
    return f"({_num(x)})" if _num(x).startswith("−") else _num(x)


def _op(v):
    """ოპერაციის სახელი `_op`-იდან: "**2" -> ("**", 2.0)."""
    if v._op.startswith("**"):
        return "**", float(v._op[2:])
    return v._op, None


# ყოველი ოპერაციის ტექსტი: (პირდაპირი გავლა, უკუგავლა თითო შვილზე). {o} შედეგია, {a} და {b}
# შვილები, {k} ხარისხის მაჩვენებელი. ახალ ოპერაციას აქ თავისი სტრიქონი სჭირდება
# (tests/test_viz.py ამოწმებს, რომ ძრავის ყოველ ოპერაციას აქვს).
def _texts(v, names):
    op, k = _op(v)
    kids = list(v._prev)
    a = kids[0] if kids else None
    b = kids[1] if len(kids) > 1 else None
    o = v
    n = names
    if op == "+":
        forward = (
            f"{n[o]} = {n[a]} + {n[b]} = {_factor(a.data)} + {_factor(b.data)} = {_num(o.data)}"
        )
        backward = [(a, f"{n[a]}.grad += {n[o]}.grad · 1 = {_num(o.grad)}"),
                    (b, f"{n[b]}.grad += {n[o]}.grad · 1 = {_num(o.grad)}")]  # fmt: skip
    elif op == "*":
        forward = (
            f"{n[o]} = {n[a]} · {n[b]} = {_factor(a.data)} · {_factor(b.data)} = {_num(o.data)}"
        )
        backward = [
            (a, f"{n[a]}.grad += {n[b]}.data · {n[o]}.grad = {_factor(b.data)} · "
                f"{_factor(o.grad)} = {_num(b.data * o.grad)}"),
            (b, f"{n[b]}.grad += {n[a]}.data · {n[o]}.grad = {_factor(a.data)} · "
                f"{_factor(o.grad)} = {_num(a.data * o.grad)}"),
        ]  # fmt: skip
    elif op == "**":
        forward = f"{n[o]} = {n[a]}**{_num(k)} = {_factor(a.data)}**{_num(k)} = {_num(o.data)}"
        backward = [(a, f"{n[a]}.grad += {_num(k)} · {n[a]}.data**({_num(k)} − 1) · {n[o]}.grad "
                        f"= {_num(k)} · {_factor(a.data)}**{_num(k - 1)} · {_factor(o.grad)} "
                        f"= {_num(k * a.data ** (k - 1) * o.grad)}")]  # fmt: skip
    elif op == "tanh":
        forward = f"{n[o]} = tanh({n[a]}) = tanh({_num(a.data)}) = {_num(o.data)}"
        backward = [(a, f"{n[a]}.grad += (1 − {n[o]}.data²) · {n[o]}.grad "
                        f"= (1 − {_factor(o.data)}²) · {_factor(o.grad)} "
                        f"= {_num((1 - o.data**2) * o.grad)}")]  # fmt: skip
    elif op == "exp":
        forward = f"{n[o]} = exp({n[a]}) = exp({_num(a.data)}) = {_num(o.data)}"
        backward = [(a, f"{n[a]}.grad += {n[o]}.data · {n[o]}.grad = {_factor(o.data)} · "
                        f"{_factor(o.grad)} = {_num(o.data * o.grad)}")]  # fmt: skip
    elif op == "ReLU":
        forward = f"{n[o]} = ReLU({n[a]}) = max(0, {_num(a.data)}) = {_num(o.data)}"
        backward = [(a, f"{n[a]}.grad += ({n[o]}.data > 0) · {n[o]}.grad = {int(o.data > 0)} · "
                        f"{_factor(o.grad)} = {_num((o.data > 0) * o.grad)}")]  # fmt: skip
    elif op == "" and not kids:
        forward = f"{n[o]} = {_num(o.data)}: ფოთოლი (leaf), რიცხვი ჩვენ მივეცით"
        backward = []
    else:
        raise ValueError(
            f"ოპერაციას {v._op!r} ტექსტი არ აქვს / no step text for operation {v._op!r}"
        )
    return forward, backward


def _forward_text(v, names):
    return _texts(v, names)[0]


def _backward_text(v, names):
    parts = _texts(v, names)[1]
    if not parts:
        return (
            f"{names[v]} ფოთოლია: მისი _backward არაფერს აკეთებს, {names[v]}.grad = {_num(v.grad)}"
        )
    return "; ".join(text for _, text in parts)


def print_steps(root):
    """`backward_steps(root)`-ის ტექსტი, ნაბიჯი სტრიქონზე (notebook-ში, სადაც ღილაკები არ არის)."""
    for number, step in enumerate(backward_steps(root), 1):
        print(f"{number}. {step.text}")


START = "დასაწყისი: ჯერ არაფერი გამოთვლილა. დააჭირე „შემდეგი ▶“."


def draw_steps(root, **kw):
    """`root.backward()` + გრაფი, რომელსაც ნაბიჯები თან ახლავს (საიტზე ღილაკებით გადის).

    SVG `draw_svg`-ისაა (`backward()`-ის შემდეგ), ოღონდ დასაწყისის მდგომარეობაში: ყოველი `data`
    ჯერ „?“-ია, `grad` კი backward()-მდელი. კვანძებს აქვთ კლასები `mg-n<ნომერი>` (ოპერაციის
    კვანძს `mg-o<ნომერი>`, წიბოებს კვანძისკენ `mg-e<ნომერი>`), ნომერი `draw_dot`-ისაა.
    `data-steps` (JSON): `g0` საწყისი grad-ები; `s` ნაბიჯები `[კვანძი, ტექსტი, [[კვანძი, "d"
    ან "g", რიცხვი], ...]]`, პირველი დასაწყისია.
    """
    nodes, _ = trace(root)
    number = {v: i for i, v in enumerate(nodes)}
    g0 = [f"{v.grad:.4f}" for v in nodes]
    steps = [[-1, START, []]]
    for step in backward_steps(root):
        if step.kind == "forward":
            writes = [[number[step.node], "d", f"{step.node.data:.4f}"]]
        else:
            writes = [[number[v], "g", f"{after:.4f}"] for v, (_, after) in step.grads.items()]
        steps.append([number[step.node], step.text, writes])
    text = _render(draw_dot(root, **kw))
    text = re.sub(r'<g id="(node|edge)\d+" class="(node|edge)">\n<title>([^<]*)</title>',
                  _step_class, text)  # fmt: skip
    # დასაწყისი: data უცნობია, grad ჯერ ძველია (draw_dot-ის ველები: label | data | grad)
    out, at = [], 0
    for m in re.finditer(r'<g class="node mg-n(\d+)">.*?</g>', text, flags=re.S):
        i = int(m[1])
        node = re.sub(r">data [^<]*<", ">data ?<", m[0])
        node = re.sub(r">grad [^<]*<", f">grad {g0[i]}<".replace("-", "&#45;"), node)
        out += [text[at : m.start()], node]
        at = m.end()
    text = "".join(out) + text[at:]
    data = json.dumps({"g0": g0, "s": steps}, ensure_ascii=False, separators=(",", ":"))
    attr = html.escape(data, quote=False).replace("'", "&#39;")
    return svg(text).replace("<svg ", f"<svg data-steps='{attr}' ", 1)


def _step_class(m):
    """graphviz-ის <title> (კვანძის სახელი `3`, `3*` ან წიბო `1->3*`) -> ნაბიჯის კლასი."""
    kind, title = m[2], html.unescape(m[3])
    if kind == "edge":
        name = "mg-e" + re.match(r".*->(\d+)", title)[1]
    else:
        number, op = re.match(r"(\d+)(.*)", title).groups()
        name = f"mg-o{number}" if op else f"mg-n{number}"
    return f'<g class="{kind} {name}">\n<title>{m[3]}</title>'
