"""აწყობილი გვერდის წამკითხველი (the built page's reader): id-ები, სათაურები, ბმულები, ტექსტი.

One HTML collector for scripts/links.py (which links a teacher can share), tests/test_site.py and
tests/test_notebooks.py (ids, headings, what a page loads, its text).

    >>> page = parse('<article><h2 id="a">ა</h2><a name="b" href="#a">x</a></article><pre>c</pre>')
    >>> page.ids, page.names, page.headings, page.article_headings, page.links[0][0], page.text
    (['a'], ['b'], [('h2', 'a')], ['a'], '#a', ['ა', 'x'])
    >>> parse('<article><h2 id="a">ა</h2><p id="e"><strong>1.</strong>'
    ...       '<a class="headerlink" href="#e">¶</a></p></article>').anchors
    ['a', 'e']
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HEADING = re.compile(r"h[1-6]")
_CODE = {"pre", "code", "script", "style", "math"}


class Page(HTMLParser):
    """Everything the tooling reads from a built page, in document order."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []  # every id="..." (an empty one too)
        self.names: list[str] = []  # every name="..." (an old-style anchor)
        self.headings: list[tuple[str, str | None]] = []  # (h1..h6, its id)
        self.article_headings: list[str] = []  # the ids of the article's headings
        # what a teacher can link: the article's heading ids and every id that has a visible
        # permalink (¶, `headerlink`: an exercise's `savarjisho-N` too), in document order
        self.anchors: list[str] = []
        self.links: list[tuple[str, dict]] = []  # <a href> with its attributes
        self.urls: list[str] = []  # every href and src
        self.loads: list[str] = []  # what the page loads: scripts, images, stylesheets
        self.text: list[str] = []  # text outside code, formulas, scripts and styles
        self._article = 0
        self._code = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._article += 1
        if "id" in a:
            self.ids.append(a["id"])
        if a.get("name"):
            self.names.append(a["name"])
        if _HEADING.fullmatch(tag):
            self.headings.append((tag, a.get("id")))
            if self._article and a.get("id"):
                self.article_headings.append(a["id"])
                self.anchors.append(a["id"])
        href = a.get("href") or ""
        if tag == "a" and self._article and "headerlink" in (a.get("class") or "").split():
            if href.startswith("#") and len(href) > 1:
                self.anchors.append(href[1:])
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], a))
        self.urls += [a[key] for key in ("href", "src") if a.get(key)]
        if (
            tag in {"script", "img"}
            or tag == "link"
            and a.get("rel") not in {"canonical", "alternate"}
        ):
            self.loads.append(a.get("src") or a.get("href") or "")
        if tag in _CODE:
            self._code += 1

    def handle_endtag(self, tag):
        if tag == "article" and self._article:
            self._article -= 1
        if tag in _CODE:
            self._code -= 1

    def handle_data(self, data):
        if not self._code:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page
