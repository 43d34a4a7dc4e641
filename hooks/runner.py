"""გაკვეთილის კოდის გაშვება გვერდზე (in-page runner): აწყობის ნაწილი.

ყოველ გაშვებად Python-ბლოკს (ნაჩვენები კოდით) ეძლევა ღილაკები „▶ გაშვება“, „■ შეჩერება“ და
„↺ საწყისი კოდი“, კოდი კი რედაქტირებადი ხდება. ბრაუზერში კოდს Pyodide უშვებს, Web Worker-ში.
ეს ჰუკი მხოლოდ წყვეტს, რომელი ბლოკი ეშვება, და ბლოკებს ღილაკებით ახვევს; გვერდის ბლოკების
კოდს სესიების მიხედვით `assets/runner/pages/<გვერდი>.json`-ში წერს. Pyodide, ბორბლები (wheels)
და JavaScript-ი ცალკე იწყობა: tooling/runner_assets.py (`make runner`), აქედან მხოლოდ მას
ვიძახებთ.

numpy და matplotlib ბრაუზერში არ გვაქვს: ბლოკი, რომელსაც ისინი სჭირდება (პირდაპირ ან ცვლადით,
რომელიც ასეთმა ბლოკმა შექმნა), ღილაკს არ იღებს, მხოლოდ მოკლე შენიშვნას; სესიის სხვა ბლოკების
გაშვებისას ის გამოიტოვება.

Page load gains nothing but `javascripts/runner.js` (mkdocs.yml's extra_javascript); everything
else is fetched on the first click. Lessons are read with the one lesson reader, tooling.lessons.
"""

from __future__ import annotations

import ast
import builtins
import html
import json
import re
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from tooling import lessons, runner_assets
from tooling.lessons import read_text
from tooling.runner_assets import OUT

# ბრაუზერში არსებული მოდულები: სტანდარტული ბიბლიოთეკა, micrograd და graphviz
AVAILABLE = set(sys.stdlib_module_names) | {"micrograd", "graphviz"}
# micrograd-ის ფუნქციები, რომლებსაც matplotlib სჭირდება
NEEDS_MATPLOTLIB = {"plot_svg"}


@dataclass
class Block:
    id: str
    session: str
    code: str
    mode: str  # "text", "html" ან "markdown" (გამომავალი ტექსტის სახე)
    shown: bool  # კოდი გვერდზე ჩანს
    clean: bool  # ბრაუზერში ეშვება (numpy/matplotlib არ სჭირდება)
    needs: str  # თუ არა: რა სჭირდება (შენიშვნისთვის)


class _Names(ast.NodeVisitor):
    """Names in the order Python evaluates them: a name bound before it is read is the block's.

    `for x in ...:`, `with ... as x:` and `[... for x in ...]` bind `x` before their bodies read
    it; an assignment's value is read before its target is bound; a function's or lambda's body
    reads names when it runs, so what it reads and does not make itself is read from outside.
    """

    def __init__(self, made: set[str] | None = None):
        self.made: set[str] = set(made or ())  # bound so far (by this block or an outer scope)
        self.binds: set[str] = set()  # bound by this scope
        self.free: set[str] = set()  # read before this block bound them
        self.needs: set[str] = set()  # modules the browser does not have

    def bind(self, name: str) -> None:
        self.made.add(name)
        self.binds.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            if node.id not in self.made:
                self.free.add(node.id)
        else:
            self.bind(node.id)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name) and node.target.id not in self.made:
            self.free.add(node.target.id)  # `x += 1` reads x first
        self.visit(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        for part in (node.annotation, node.value, node.target):
            if part is not None:
                self.visit(part)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for statement in node.body + node.orelse:
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        for statement in node.body:
            self.visit(statement)

    visit_AsyncWith = visit_With

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def _comprehension(self, node, results: list[ast.expr]) -> None:
        made, binds = set(self.made), set(self.binds)  # its loop names stay inside it
        for generator in node.generators:
            self.visit(generator.iter)
            self.visit(generator.target)
            for condition in generator.ifs:
                self.visit(condition)
        for result in results:
            self.visit(result)
        self.made, self.binds = made, binds

    def visit_ListComp(self, node: ast.ListComp) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def _function(self, node, body: list) -> None:
        args = node.args
        for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
            self.visit(default)
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        inner = _Names(self.made | {a.arg for a in params if a is not None})
        for statement in body:
            inner.visit(statement)
        self.free |= inner.free
        self.needs |= inner.needs

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.bind(node.name)  # a recursive function reads its own name
        self._function(node, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._function(node, [node.body])

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for part in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(part)
        self.bind(node.name)
        for statement in node.body:
            self.visit(statement)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        module = getattr(node, "module", None) or ""
        for alias in node.names:
            self.bind(alias.asname or alias.name.split(".")[0])
            top = (module or alias.name).split(".")[0]
            if top not in AVAILABLE:
                self.needs.add(top)
            elif alias.name in NEEDS_MATPLOTLIB:
                self.needs.add("matplotlib")

    visit_ImportFrom = visit_Import


def _names(code: str) -> tuple[set[str], set[str], set[str]]:
    """(რას ქმნის ბლოკი, რას კითხულობს ზემოთა ბლოკებიდან, რომელ მიუწვდომელ მოდულს შემოიტანს).

    In the order Python runs the code (_Names): a name the block has already made itself is
    not read from above, whether it was made by an earlier statement, a `for`, a `with` or a
    comprehension's own loop.
    """
    names = _Names()
    names.visit(ast.parse(code))
    return names.binds, names.free - set(dir(builtins)), names.needs


def blocks_of(markdown: str) -> list[Block]:
    """გვერდის გაშვებადი Python-ბლოკები რიგით; `clean` სესიის წინა ბლოკებსაც ითვალისწინებს."""
    found: list[Block] = []
    tainted: dict[str, dict[str, str]] = {}  # სესია -> {ცვლადი: რა სჭირდება}
    fences = read_text(markdown)
    for fence, session in zip(fences, lessons.sessions(fences), strict=True):
        if not (fence.executed and lessons.is_python(fence)):
            continue
        bad = tainted.setdefault(session, {})
        code = lessons.expand_snippets(fence.body)  # as markdown-exec runs it
        binds, loads, needs = _names(code)
        needs |= {bad[name] for name in loads if name in bad}
        for name in binds:
            if needs:
                bad[name] = sorted(needs)[0]
            else:
                bad.pop(name, None)
        found.append(
            Block(
                id=fence.name,
                session=session,
                code=code,
                mode=lessons.output_mode(fence),
                shown=lessons.shown(fence),
                clean=not needs,
                needs=" და ".join(sorted(needs)),
            )
        )
    return found


# ------------------------------------------------------------------ page Markdown and HTML

_page_blocks: dict[str, list[Block]] = {}


def _key(page) -> str:
    return page.file.src_uri.removesuffix(".md")


def _marker(kind: str, block_id: str) -> str:
    return f'<span data-mg-run-{kind}="{html.escape(block_id)}"></span>'


def on_page_markdown(markdown, page, config, **kwargs):
    """ნაჩვენები ბლოკის წინ და შემდეგ ნიშნულები: on_page_content-ში ისინი ბლოკად იქცევა."""
    if not page.file.src_uri.endswith(".md"):
        return markdown
    if "markdown-exec" not in config.plugins:  # MG_EXEC=false (scripts/measure.py): nothing ran
        return markdown
    blocks = blocks_of(markdown)
    _page_blocks[_key(page)] = blocks
    shown = {b.id for b in blocks if b.shown}
    if not shown:
        return markdown
    lines = markdown.split("\n")
    # the reader knows each fence: its opening line is just above its first code line
    fences = [f for f in read_text(markdown) if f.name in shown]
    out, i = [], 0
    for fence in fences:
        start, end = fence.line - 2, fence.line - 1 + len(fence.body.splitlines())
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        out += lines[i:start]
        out += ["", indent + _marker("start", fence.name), "", *lines[start : end + 1], ""]
        out += [indent + _marker("end", fence.name), ""]
        i = end + 1
    out += lines[i:]
    return "\n".join(out)


_REGION = re.compile(
    r'<p><span data-mg-run-start="([^"]+)"></span></p>\s*'
    r'(<div class="(?:language-python )?highlight">(?:<span class="filename">[^<]*</span>)?<pre>'
    r".*?</code></pre></div>)\s*"
    r'(.*?)<p><span data-mg-run-end="\1"></span></p>',
    re.S,
)
EDITABLE = (
    '<code tabindex="0" contenteditable="plaintext-only" spellcheck="false" autocapitalize="off" '
    'role="textbox" aria-multiline="true" aria-label="კოდი (შეგიძლია შეცვალო)">'
)
# ღილაკებს `title` არ აქვს: Material-ი (content.tooltips) ყოველ `title`-ს თავის მინიშნებად
# (tooltip) აწყობს ჩატვირთვისას, გვერდზე 32-ჯერ (Total Blocking Time). კლავიში ეკრანის
# მკითხველისთვის `aria-keyshortcuts`-შია, მოსწავლისთვის კი index.md ასწავლის.
BAR = (
    '<div class="mg-run-bar" data-search-exclude>'
    '<button type="button" class="md-button md-button--primary" data-run-action="run" '
    'aria-keyshortcuts="Control+Enter Meta+Enter">▶ გაშვება</button>'
    '<button type="button" class="md-button" data-run-action="stop" hidden>■ შეჩერება</button>'
    '<button type="button" class="md-button" data-run-action="reset">↺ საწყისი კოდი</button>'
    '<span class="mg-run-status" data-run-status role="status"></span>'
    "</div>"
)


def on_page_content(content, page, **kwargs):
    blocks = {b.id: b for b in _page_blocks.get(_key(page), [])}

    def wrap(m: re.Match) -> str:
        block = blocks[html.unescape(m[1])]
        source, output = m[2], m[3].strip()
        if not block.clean:
            note = (
                '<p class="mg-run-note" data-search-exclude>ეს კოდი გვერდზე არ ეშვება: მას ან '
                f"ზემოთა ბლოკს სჭირდება {block.needs}, რაც ბრაუზერის Python-ში არ გვაქვს. "
                "გაუშვი ის notebook-ში.</p>"
            )
            return f"{source}\n{output}\n{note}\n"
        source = re.sub(r"<code\b[^>]*>", EDITABLE, source, count=1)  # hooks/site.py: tabindex
        output = f"\n{output}\n" if output else ""  # ცარიელი ველი CSS-ისთვის `:empty`-ა (extra.css)
        return (
            f'<div class="mg-run" data-run-block="{m[1]}" data-run-page="{_key(page)}" '
            f'data-run-mode="{block.mode}">\n{source}\n{BAR}\n'
            f"<div data-run-output>{output}</div>\n</div>\n"
        )

    content = _REGION.sub(wrap, content)
    left = re.findall(r'data-mg-run-(?:start|end)="([^"]+)"', content)
    if left:
        where = page.file.src_uri
        raise PluginError(f"runner: could not wrap blocks {sorted(set(left))} of {where}")
    return content


def on_post_page(output, page, config, **kwargs):
    blocks = _page_blocks.get(_key(page))
    if blocks and any(b.shown and b.clean for b in blocks):
        path = Path(config.site_dir) / OUT / "pages" / f"{_key(page)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"blocks": [asdict(b) for b in blocks]}
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return output


# ------------------------------------------------------------------ assets (tooling.runner_assets)

_ready: Future | None = None
_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runner")


def on_config(config):
    """npm ci, esbuild and the wheels in a thread, while MkDocs renders the pages."""
    global _ready
    project = runner_assets.Project(Path(config.config_file_path).parent)
    _ready = _pool.submit(runner_assets.build, project)
    return config


def on_post_build(config, **kwargs):
    try:
        assets = _ready.result()
    except runner_assets.AssetError as err:
        raise PluginError(str(err)) from err
    runner_assets.install(assets, Path(config.site_dir))
