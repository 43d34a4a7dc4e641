"""გვერდზე გაშვება (in-page run): ეს ფაილი ბრაუზერში, Pyodide-ში ეშვება (worker.js).

1. Graphviz-ის `dot` პროგრამა ბრაუზერში არ არის: `graphviz` პაკეტი DOT-ის ტექსტს ისევ თავად
   აწყობს, დახატვას (rendering) კი viz.js აკეთებს (`mg_viz`, JavaScript-ის მოდული).
2. `draw_svg`-ის ყოველი შედეგი იწერება: მხოლოდ ის ჩაისმება გვერდზე SVG-ად, დანარჩენი ტექსტია.
   ჩარჩოს (კლასი, ზომა) იმავე ფუნქციით ვუკეთებთ, რითაც აწყობა: tooling/figure.py (`mg_figure`).
3. `run(chain)`: ბლოკის წინა ბლოკები (იმავე სესიის) ჩუმად, შემდეგ თავად ბლოკი, როგორც აწყობისას.
   შეცდომის კვალი (traceback) ბლოკის სტრიქონებს ითვლის, ისე როგორც მკითხველი ხედავს.
"""

import ast
import functools
import inspect
import io
import linecache
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout

import graphviz.backend.piping as piping
import mg_viz  # worker.js: viz.js-ის render(source, engine, format)
from mg_figure import figure  # worker.js: tooling/figure.py, the build's figure frame

import micrograd.viz

LIMIT = 100_000  # ამაზე გრძელი გამომავალი ტექსტი იჭრება (characters)


def _render(engine, format, input_lines):
    return mg_viz.render("".join(input_lines), engine, format)


def _pipe_lines(engine, format, input_lines, *, input_encoding, **_options):
    return _render(engine, format, input_lines).encode(input_encoding)


def _pipe_lines_string(engine, format, input_lines, *, encoding, **_options):
    return _render(engine, format, input_lines)


piping.pipe_lines = _pipe_lines
piping.pipe_lines_string = _pipe_lines_string

FIGURES: list[str] = []
_draw_svg = micrograd.viz.draw_svg


@functools.wraps(_draw_svg)
def draw_svg(root, **kw):
    out = _draw_svg(root, **kw)
    FIGURES.append(out)
    return out


micrograd.viz.draw_svg = draw_svg


def _figure(function):
    """`draw_steps`-ის SVG-იც (უკუგავლის ნაბიჯებით) გვერდზე SVG-ად ჩაისმება, როგორც draw_svg-ის."""

    @functools.wraps(function)
    def drawn(*args, **kw):
        out = function(*args, **kw)
        FIGURES.append(out)
        return out

    return drawn


micrograd.viz.draw_steps = _figure(micrograd.viz.draw_steps)


class Capped(io.TextIOBase):
    """stdout, რომელიც LIMIT სიმბოლოს ინახავს და დანარჩენს მხოლოდ ითვლის."""

    def __init__(self, limit=LIMIT):
        self.parts, self.size, self.limit = [], 0, limit

    def writable(self):
        return True

    def write(self, text):
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
        self.size += len(text)
        return len(text)

    @property
    def cut(self):
        return self.size > self.limit

    def getvalue(self):
        return "".join(self.parts)


def _compile(name, code):
    """ბლოკის კოდი ფაილის სახელით `name`: შეცდომის კვალში მისი სტრიქონი და ნომერი ჩანს."""
    linecache.cache[name] = (len(code), None, code.splitlines(True), name)
    # `await` ბლოკის უმაღლეს დონეზეც შეიძლება (როგორც notebook-ში)
    return compile(code, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def _traceback(exc, names):
    """შეცდომის კვალი ამ ფაილის ჩარჩოების (frames) გარეშე: პირველი ჩარჩო ბლოკისაა."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in names:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


async def run(chain, check=None):
    """`chain`: [[id, კოდი], ...]; ბოლო გაეშვება, წინები მხოლოდ ცვლადებს ამზადებს.

    `check`: სავარჯიშოს დამალული შემოწმება (tooling/check.py, `mg_check`), ჯაჭვის შემდეგ იმავე
    ცვლადებში; შედეგს ემატება "check": [გაიარა, შეტყობინება].

    აბრუნებს {"out": ტექსტი, "cut": bool, "error": შეცდომის კვალი ან "", "failed": id ან "",
    "figures": [[draw_svg-ის შედეგი, იგივე საიტის ჩარჩოში], ...]}.
    """
    chain = [(str(name), str(code)) for name, code in chain]
    names = {name for name, _ in chain}
    globs = {"__name__": "__main__"}
    FIGURES.clear()
    out = Capped()
    failed, error = "", ""
    for number, (name, code) in enumerate(chain):
        last = number == len(chain) - 1
        sink = out if last else Capped(0)
        try:
            with redirect_stdout(sink), redirect_stderr(sink):
                done = eval(_compile(name, code), globs)
                if inspect.iscoroutine(done):  # the block has a top-level `await`
                    await done
        except BaseException as exc:  # SystemExit და KeyboardInterrupt-იც: მკითხველის კოდია
            failed, error = name, _traceback(exc, names)
            break
        if not last:
            FIGURES.clear()
    sys.stdout.flush()
    verdict = None
    if check is not None:
        from mg_check import verdict as judge  # worker.js: tooling/check.py

        if error:
            verdict = [False, "შენი კოდი შეცდომით დასრულდა (იხილე ქვემოთ)"]
        else:
            with redirect_stdout(Capped(0)), redirect_stderr(Capped(0)):
                verdict = list(judge(str(check), globs))
    return {
        "check": verdict,
        "out": out.getvalue(),
        "cut": out.cut,
        "error": error,
        "failed": failed,
        "figures": [[svg, figure(svg.strip())] for svg in dict.fromkeys(FIGURES)],
    }
