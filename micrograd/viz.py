"""გამოთვლების გრაფის (computation graph) დახატვა Graphviz-ით და სუფთა SVG.

`draw_svg(root)` და `plot_svg(fig)` აბრუნებენ SVG-ს, რომელიც HTML-ში პირდაპირ ჩაისმის;
საიტის ჩარჩოს (კლასები, tabindex, ზომა ტელეფონზე) საიტის ჰუკი უმატებს (hooks/site.py).

კვანძების სახელები რიგითი ნომრებია და არა id(): ასე ერთი და იგივე გრაფი
ყოველ გაშვებაზე ზუსტად ერთნაირ SVG-ს იძლევა.
"""

import hashlib
import io
import re

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
    try:
        text = dot.pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound as err:
        raise RuntimeError(
            "Graphviz-ის `dot` პროგრამა ვერ ვიპოვე; დააყენეთ: `apt-get install graphviz` "
            "ან `make system-deps`. / Graphviz's `dot` executable was not found; install "
            "Graphviz (`apt-get install graphviz` or `make system-deps`)."
        ) from err
    return svg(text)


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
