"""notebook-ები საიტზე (notebooks on the site): mkdocs-jupyter-ის გამართვა და ბმულები.

`docs/notebooks/<გაკვეთილი>.ipynb` იქმნება `scripts/make_notebooks.py`-ით (შედეგებით);
mkdocs-jupyter მათ HTML-ად აქცევს გაშვების გარეშე (`execute: false`). ეს ჰუკი:

1. notebook-ის სათაურებს აძლევს id-ს notebook-ში ჩაწერილი `<a id="...">`-დან (ან ჩვენი
   slugify-ით): mkdocs-jupyter ქართულ სათაურს `id=""`-ს აძლევს, რაც Material-ის ძიებას
   მთელ საიტზე ამტვრევს. გვერდის სარჩევი (toc) იმავე id-ებიდან აიგება.
2. ფორმულები ($...$) აწყობისას MathML ხდება, როგორც გაკვეთილებში; MathJax-ის, requirejs-ის
   და mermaid-ის სკრიპტები (CDN-იდან) ამოიშლება: საიტი გარე სერვერს არაფერს სთხოვს.
3. გრაფები (Graphviz-ის SVG) იმავე `micrograd.viz.svg`-ით სუფთავდება, რითაც გაკვეთილში:
   id-ები არ მეორდება, ფერი მუქ თემას მიჰყვება.
4. ბმულები საიტის გვერდებზე (`https://.../backprop/#x`) ფარდობითი ხდება. 1 და 4 notebook-ის
   გარდაქმნის (tooling/notebook.py) შებრუნებაა: Colab-სა და Jupyter-ს სჭირდება `<a id>` და
   სრული მისამართი, საიტს კი სათაურის id და ფარდობითი ბმული (ადგილობრივი ასლიც თავის თავზე რჩება).
5. `page.meta["notebook"]`: ჩამოტვირთვის, Colab-ის და გვერდების ბმულები, რომლებსაც
   `overrides/main.html` აჩვენებს ყოველ გაკვეთილზე და ყოველ notebook-ის გვერდზე: ორი
   notebook-ისა, მოსწავლის (`docs/notebooks/student/`, ამოხსნების გარეშე; გვერდად არ იწყობა,
   მხოლოდ ფაილია) და მასწავლებლის (ამოხსნებით, საიტზე გვერდიც აქვს).
6. JupyterLab-ის ~600 kB სტილი ყოველ გვერდში აღარ ჩაიწერება: ერთი ფაილია
   (`assets/stylesheets/notebooks.css`), რომელსაც ბრაუზერი ერთხელ ჩამოტვირთავს.

mkdocs-jupyter has no option for 1, 2, 3 or 6 (its options that help are set in mkdocs.yml):
tests/test_notebook_hook.py renders a notebook with mkdocs-jupyter alone and names each behaviour
worked around here, so that the test fails when a workaround is no longer needed.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import latex2mathml.converter
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from tooling.slugify import slugify

log = logging.getLogger("mkdocs.hooks.notebooks")

NOTEBOOKS = "notebooks/"  # docs/notebooks/*.ipynb
STUDENT = "notebooks/student/"  # მოსწავლის notebook-ები: ჩამოსატვირთი ფაილები, გვერდები არა
_ANCHOR = re.compile(r'\s*<a id="([^"]+)"></a>\s*')
_TAGS = re.compile(r"<[^>]+>")


class _State:
    css: dict[str, None] = {}  # the notebook pages' stylesheets, in order, once each
    page: str | None = None  # the notebook being rendered (for messages)
    seen: set[str] = set()  # heading ids given on this page
    permalink_title = ""


def is_notebook(page) -> bool:
    src = page.file.src_uri
    return src.startswith(NOTEBOOKS) and not src.startswith(STUDENT) and src.endswith(".ipynb")


# --------------------------------------------------------------------------
# nbconvert's Markdown renderer: headings with our ids, formulas as MathML
# --------------------------------------------------------------------------


def _heading(self, text, level, **attrs):
    m = _ANCHOR.search(text)
    if m:
        hid, text = m[1], _ANCHOR.sub("", text).strip()
    else:
        hid = slugify(html.unescape(_TAGS.sub("", text))) or "section"
    base, n = hid, 2
    while hid in _State.seen:
        hid, n = f"{base}-{n}", n + 1
    _State.seen.add(hid)
    link = f'<a class="headerlink" href="#{hid}" title="{_State.permalink_title}">¶</a>'
    return f'<h{level} id="{hid}">{text}{link}</h{level}>\n'


def _math(display):
    def render(self, body, *args):
        if args:  # latex_environment(name, body)
            name, body = body, args[0]
            body = f"\\begin{{{name}}}{body}\\end{{{name}}}"
        try:
            return latex2mathml.converter.convert(html.unescape(body).strip(), display=display)
        except Exception as err:  # noqa: BLE001 - any failure is reported, strict fails
            log.warning("%s: formula %r could not be rendered: %s", _State.page, body, err)
            return html.escape(body)

    return render


def _patch_nbconvert():
    from nbconvert.filters.markdown_mistune import IPythonRenderer

    IPythonRenderer.heading = _heading
    IPythonRenderer.inline_math = _math("inline")
    IPythonRenderer.block_math = _math("block")
    IPythonRenderer.latex_environment = _math("block")


def on_config(config):
    # mkdocs-jupyter patches IPythonRenderer.heading when it is imported; ours wins, because
    # hooks run their on_config after the plugins are loaded.
    import mkdocs_jupyter.convert  # noqa: F401

    _patch_nbconvert()
    toc = config.mdx_configs.get("toc", {})
    _State.permalink_title = html.escape(str(toc.get("permalink_title", "")))
    return config


# --------------------------------------------------------------------------
# Links: download, Colab, lesson <-> notebook
# --------------------------------------------------------------------------


def _github(config) -> tuple[str, str]:
    """(owner/repo, branch) from repo_url and edit_uri (`edit/<branch>/docs/`)."""
    repo = urlsplit(config["repo_url"]).path.strip("/").removesuffix(".git")
    m = re.match(r"(?:edit|blob)/([^/]+)/", config.get("edit_uri") or "")
    return repo, (m[1] if m else "main")


class _Files:
    current = None  # on_page_context gets no `files`: kept from on_files
    lesson_of: dict[str, str] = {}  # notebooks/shesavali.ipynb -> index.md
    notebook_of: dict[str, str] = {}  # index.md -> notebooks/shesavali.ipynb
    student_of: dict[str, str] = {}  # index.md -> notebooks/student/shesavali.ipynb


def on_files(files, config):
    """Which lesson each notebook comes from: the generator writes it into the metadata."""
    _Files.current, _Files.lesson_of, _Files.notebook_of = files, {}, {}
    _Files.student_of = {}
    for file in files:
        if file.src_uri.startswith(NOTEBOOKS) and file.src_uri.endswith(".ipynb"):
            meta = json.loads(Path(file.abs_src_path).read_text("utf-8")).get("metadata", {})
            mine = meta.get("micrograd_ka", {})
            lesson = mine.get("lesson")
            student = file.src_uri.startswith(STUDENT)
            if lesson and student != bool(mine.get("student")):
                raise PluginError(
                    f"docs/{file.src_uri}: a {'student' if student else 'teacher'}'s notebook "
                    f"with the other's metadata: run `make notebooks`"
                )
            if lesson and student:
                _Files.student_of[lesson] = file.src_uri
            elif lesson:
                _Files.lesson_of[file.src_uri] = lesson
                _Files.notebook_of[lesson] = file.src_uri
    return files


def notebook_links(page, config, files) -> dict | None:
    """The links shown above a lesson or a notebook page (site-relative paths)."""
    src = page.file.src_uri
    if is_notebook(page):
        nb, lesson = page.file, files.get_file_from_path(_Files.lesson_of.get(src, ""))
    else:
        lesson = page.file
        nb = files.get_file_from_path(_Files.notebook_of.get(src, ""))
    if nb is None:
        return None
    repo, branch = _github(config)
    docs = Path(config["docs_dir"]).name
    colab = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{docs}/"
    # mkdocs-jupyter's include_source copies the .ipynb next to the notebook page's HTML
    download = f"{Path(nb.dest_uri).parent.as_posix()}/{Path(nb.src_uri).name}"
    student = files.get_file_from_path(_Files.student_of.get(lesson.src_uri if lesson else "", ""))
    return {
        "download": download,
        "colab": colab + nb.src_uri,
        "page": None if is_notebook(page) else nb.url,
        "lesson": lesson.url if (lesson and is_notebook(page)) else None,
        # შენახული ფაილის სახელი ამბობს, ვისია (საიტზე ორივე `<გაკვეთილი>.ipynb`-ია)
        "name": f"{Path(nb.src_uri).stem}-teacher.ipynb",
        # მოსწავლის notebook საიტზე უბრალო ფაილია (გვერდის გარეშე): ისე კოპირდება, როგორც არის
        "student": {
            "download": student.dest_uri,
            "colab": colab + student.src_uri,
            "name": f"{Path(student.src_uri).stem}-student.ipynb",
        }
        if student
        else None,
    }


def on_pre_page(page, config, files):
    if is_notebook(page):
        _State.page, _State.seen = f"docs/{page.file.src_uri}", set()
    return page


def on_page_context(context, page, config, nav):
    links = notebook_links(page, config, _Files.current)
    if links:
        page.meta["notebook"] = links
    if is_notebook(page):
        # "edit this page" opens the lesson: the notebook is generated from it
        lesson = _Files.lesson_of.get(page.file.src_uri)
        if lesson and page.edit_url and config.get("edit_uri"):
            page.edit_url = config["repo_url"].rstrip("/") + "/" + config["edit_uri"] + lesson
    return context


# --------------------------------------------------------------------------
# The rendered notebook page
# --------------------------------------------------------------------------

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)
_EXTERNAL = re.compile(r"""(?:src|href|import)\s*[=(]\s*["'](?:https?:)?//""", re.S)
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_SVG_IMG = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,([^"]+)"\s*/?>')
_PNG_ALT = re.compile(
    r'<img alt="No description has been provided for this image"( src="data:image/png)'
)
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)


def _inline_graph(m):
    """A Graphviz output (nbconvert: `<img src="data:image/svg+xml;base64,...">`) -> the same
    inline SVG as in the lessons: `currentColor` follows dark mode, no repeated ids."""
    svg = base64.b64decode(m[1]).decode("utf-8")
    if "Generated by graphviz" not in svg:
        return m[0]
    from micrograd.viz import svg as clean

    return clean(svg).strip()  # hooks/site.py frames it, as on a lesson page


def _drop_external_scripts(content: str) -> str:
    content = _MATHJAX.sub("", content)
    return _SCRIPT.sub(
        lambda m: "" if _EXTERNAL.search(m[0]) or 'src=""' in m[0] else m[0], content
    )


def _relative_links(content: str, page, config) -> str:
    site = config["site_url"].rstrip("/") + "/"

    def fix(m):
        target = m[2][len(site) :]
        path, _, anchor = target.partition("#")
        rel = get_relative_url(path or ".", page.url or ".")
        if path.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return f'{m[1]}"{rel}{"#" + anchor if anchor else ""}"'

    return re.sub(rf'(href=)"({re.escape(site)}[^"]*)"', fix, content)


def _toc(content: str, depth: int):
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, hid, inner in _HEADING.findall(content):
        level = int(level)
        if level > depth:
            continue
        name = html.unescape(_TAGS.sub("", inner)).replace("¶", "").strip()
        token = {"level": level, "id": hid, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
NOTEBOOK_CSS = "assets/stylesheets/notebooks.css"


def _move_styles(content: str) -> str:
    """mkdocs-jupyter inlines ~600 kB of JupyterLab CSS into every notebook page: it goes to one
    file instead (NOTEBOOK_CSS, written on_post_build), which the browser caches."""

    def take(m):
        css = m[1].replace('@charset "UTF-8";', "").strip()
        if css.startswith("['") or not css:  # mkdocs-jupyter prints a Python list: a repeat
            return ""
        _State.css.setdefault(css, None)
        return ""

    return _STYLE.sub(take, content)


def on_pre_build(config):
    _State.css = {}


def on_post_build(config):
    if _State.css:
        target = Path(config["site_dir"]) / NOTEBOOK_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(_State.css), "utf-8")


def on_page_content(content, page, config, files):
    if not is_notebook(page):
        return content
    content = _move_styles(content)
    page.meta["notebook_css"] = NOTEBOOK_CSS
    # notebook-ის ტექსტი გაკვეთილისაა: ძიება მხოლოდ გაკვეთილს აჩვენებს (მის გვერდზე notebook-ის
    # ბმულია), ინდექსი კი, რომელსაც ყოველი გვერდი ტვირთავს, ნახევრდება (Material: search.exclude)
    page.meta["search"] = {"exclude": True}
    content = _drop_external_scripts(content)
    content = _SVG_IMG.sub(_inline_graph, content)
    content = _PNG_ALT.sub(r'<img alt="გრაფიკი"\1', content)
    content = _relative_links(content, page, config)
    # a code box that scrolls sideways must be reachable with the keyboard (axe), as Material's
    content = re.sub(
        r'<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb', content
    )
    content = re.sub(r"<pre>", '<pre tabindex="0">', content)
    empty = re.findall(r'<h[1-6][^>]*\bid=""', content)
    if empty:
        log.warning("docs/%s: %d heading(s) with an empty id", page.file.src_uri, len(empty))
    depth = int(config.mdx_configs.get("toc", {}).get("toc_depth", 3))
    tokens = _toc(content, depth)
    page.toc = get_toc(tokens)
    h1 = next((t for t in tokens if t["level"] == 1), None)
    if h1:
        page.title = h1["name"]
    _State.page = None
    return content
