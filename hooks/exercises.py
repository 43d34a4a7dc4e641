"""სავარჯიშოები, რომლებიც თავს ამოწმებენ (exercises that check themselves): აწყობის ნაწილი.

ყოველი სავარჯიშო აწყობისას მოწმდება: ამოხსნა შემოწმებას გადის, საწყისი კოდი კი — ვერა
(tooling/exercises.py); თუ არა, აწყობა ჩავარდება და ფაილსაც და სავარჯიშოსაც დაასახელებს.
გვერდზე კოდის სავარჯიშოს ბლოკი `data-exercise`-იან ელემენტში ხვდება ღილაკით „შემოწმება“,
დამალული შემოწმება (check) კი `assets/runner/exercises/<გვერდი>.json`-ში იწერება: ის მხოლოდ
დაწკაპუნებისას ჩამოიტვირთება. რიცხვის სავარჯიშო (`answers=`) ველებად იქცევა, სწორი რიცხვები
აწყობისას გაშვებული კოდიდან მოდის. პროგრესს და პასუხების შემოწმებას ბრაუზერში (localStorage)
docs/javascripts/exercises/check.js აკეთებს; მას docs/javascripts/exercises.js პირველი
საჭიროებისას ტვირთავს.

Order: on_page_markdown runs before hooks/runner.py's (listed before it in mkdocs.yml), so the
runner wraps the starting code as any block; on_page_content runs after it (priority -10) and
puts the exercise's frame around the runner's block. Every runnable block gets its fence id as
its HTML id (a linkable anchor), unless the page already has that id (an exercise's frame).
Every exercise of the `## სავარჯიშოები` section, a paragraph starting `**N.**`, gets the id
`savarjisho-N` and a ¶ permalink (`exercise_anchors`); one without a number fails the build.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from tooling import exercises as checking
from tooling import lessons
from tooling.runner_assets import OUT

_cache: dict[str, dict | None] = {}  # fences' text -> verify()'s result (make serve: only changes)
_pages: dict[str, list[lessons.Exercise]] = {}


def _key(page) -> str:
    return page.file.src_uri.removesuffix(".md")


def _verify(exercise: lessons.Exercise, where: str) -> dict | None:
    parts = [f.body if f else "" for f in (exercise.start, exercise.check, exercise.solution,
                                            exercise.answers)]  # fmt: skip
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    if digest not in _cache:
        _cache[digest] = checking.verify(exercise, where)
    return _cache[digest]


def _span(kind: str, name: str) -> str:
    return f'<span data-mg-ex-{kind}="{name}"></span>'


def answer_form(exercise: lessons.Exercise, data: dict, page: str) -> str:
    """The answer fields: one input per label; the right numbers and hints as data attributes."""
    rows = []
    for label, value in data["answers"].items():
        hint = data["hints"].get(label, "")
        rows.append(
            f'<label class="mg-answer-row"><code>{html.escape(label)}</code> = '
            f'<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" '
            f'data-answer="{value!r}" data-hint="{html.escape(hint)}" '
            f'aria-label="{html.escape(label)}"></label>'
        )
    return (
        f'<div class="mg-exercise mg-answer" data-exercise="{exercise.id}" id="{exercise.id}" '
        f'data-page="{page}" data-tolerance="{data["tolerance"]!r}" data-search-exclude>'
        + "".join(rows)
        + _bar()
        + "</div>"
    )


def _bar() -> str:
    return (
        '<div class="mg-exercise-bar"><button type="button" class="md-button md-button--primary" '
        'data-exercise-action="check">✓ შემოწმება</button>'
        '<span data-exercise-result role="status" aria-live="polite"></span></div>'
    )


_ROLE_ATTR = re.compile(r'\s(?:exercise|solution)="[^"]*"')


def on_page_markdown(markdown, page, config, **kwargs):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    if "markdown-exec" not in config.plugins:  # MG_EXEC=false: no code ran, no exercise to frame
        _pages[_key(page)] = []
        return markdown
    where = f"docs/{page.file.src_uri}"
    fences = lessons.read_text(markdown)
    try:
        found = lessons.exercises(fences, where)
        numbers = {ex.id: _verify(ex, where) for ex in found}
    except lessons.LessonError as err:
        raise PluginError(str(err)) from err
    _pages[_key(page)] = found
    if not found:
        return markdown
    lines = markdown.split("\n")
    # from the bottom up, so that earlier fences keep their line numbers
    for fence in sorted((f for f in fences if f.role), key=lambda f: -f.line):
        start, end = fence.line - 2, fence.line - 1 + len(fence.body.splitlines())
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        name = fence.exercise
        if fence.role == "check":
            lines[start : end + 1] = []
        elif fence.role == "answers":
            form = answer_form(next(e for e in found if e.id == name), numbers[name], _key(page))
            lines[start : end + 1] = ["", indent + form, ""]
        else:  # Markdown's fences know no exercise attributes: the page gets the plain fence
            lines[start] = _ROLE_ATTR.sub("", lines[start])
        if fence.role == "start":
            lines[start : end + 1] = [
                "", indent + _span("start", name), "", *lines[start : end + 1], "",
                indent + _span("end", name), "",
            ]  # fmt: skip
    return "\n".join(lines)


_RUN_BLOCK = re.compile(r'<div class="mg-run" data-run-block="([^"]+)"')
_STATUS = '<span class="mg-run-status" data-run-status'
# `title`-ის გარეშე, როგორც „გაშვება“ (hooks/runner.py-ის BAR): რას აკეთებს, დაჭერისას სტატუსში ჩანს
SHARE = '<button type="button" class="md-button" data-run-action="share">🔗 ბმული</button>'


@event_priority(-10)
def on_page_content(content, page, **kwargs):
    key = _key(page)
    found = _pages.get(key, [])
    for ex in found:
        if ex.kind != "code":
            continue
        start = f"<p>{_span('start', ex.id)}</p>"
        end = f"<p>{_span('end', ex.id)}</p>"
        if start not in content or end not in content:
            raise PluginError(f"exercises: could not frame exercise {ex.id} of {page.file.src_uri}")
        frame = f'<div class="mg-exercise" data-exercise="{ex.id}" id="{ex.id}" data-page="{key}">'
        content = content.replace(start, frame)
        content = content.replace(end, _bar() + "</div>")
    content = _titles(content, found)
    if page.file.src_uri.endswith(".md"):
        content = exercise_anchors(content, f"docs/{page.file.src_uri}")
        # MkDocs checks a link's #anchor against the ids that Markdown made (strict: a broken
        # link to /backprop/#savarjisho-2 fails the build); these ids come later, from here
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(_ANCHOR.findall(content))
    ids = set(re.findall(r'\sid="([^"]+)"', content))

    def anchor(m: re.Match) -> str:
        name = html.unescape(m[1])
        if name in ids:
            return m[0]
        ids.add(name)
        return f'{m[0]} id="{m[1]}"'

    content = _RUN_BLOCK.sub(anchor, content)
    content = content.replace(_STATUS, SHARE + _STATUS)
    if found:
        progress = (
            f'<p class="mg-progress" data-exercise-progress="{key}" data-total="{len(found)}" '
            "data-search-exclude></p>"
        )
        content = re.sub(r'(<h2 id="savarjishoebi">.*?</h2>)', r"\1" + progress, content, count=1)
    if page.is_homepage:
        content = _index_progress(content, Path(page.file.abs_src_path).parent)
    return content


def _titles(content: str, found: list[lessons.Exercise]) -> str:
    """The exercise's title, its `**N.**` just above it in the exercises section, gets
    `data-exercise-title="<id>"`: the page script puts ✓ next to it once solved."""
    section = content.find('<h2 id="savarjishoebi"')
    for ex in found:
        at = content.find(f'data-exercise="{ex.id}"')
        title = content.rfind("<p><strong>", section, at) if section >= 0 else -1
        if title < 0 or content.startswith("<p><strong data-", title):
            continue
        tag = title + len("<p><strong")
        content = f'{content[:tag]} data-exercise-title="{ex.id}"{content[tag:]}'
    return content


# სავარჯიშოს ნომერი `**2.**` აბზაცის დასაწყისში (✓-ის `data-exercise-title`-ით ან მის გარეშე).
# იგივე წესი Markdown-ში: tooling.lessons.exercise_numbers (hooks/teacher.py, ტესტები). აქ HTML-ს
# ვკითხულობთ, რადგან id-ები და ¶ ბმულები გვერდის HTML-ს ემატება, სადაც Markdown-ის წამკითხველი
# აღარ მუშაობს.
_NUMBER = re.compile(r'<p><strong((?: data-exercise-title="[^"]*")?)>(\d+)\.</strong>')
# რაც სავარჯიშოს ეკუთვნის: ამოხსნის ყუთი და თავად შემოწმებადი სავარჯიშოს ჩარჩო
_BOX = re.compile(r'<details class="success"|<div class="mg-exercise[^"]*" data-exercise="')
PERMALINK_TITLE = "ბმული ამ სავარჯიშოზე"
_ANCHOR = re.compile(r'<p class="mg-exercise-no" id="([^"]+)"')


class _ListItems(HTMLParser):
    """სად არის სიის პუნქტი (`<li>`): ამ ადგილებს ვპოულობთ `inside`-ისთვის."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.spans: list[tuple[int, int]] = []  # (<li>-ის დასაწყისი, </li>-ის ბოლო) სიმბოლოებში
        self._open: list[int] = []
        self._lines = [0]
        for line in text.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.feed(text)
        self.close()

    def _at(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._open.append(self._at())

    def handle_endtag(self, tag):
        if tag == "li" and self._open:
            self.spans.append((self._open.pop(), self._at()))

    def inside(self, at: int) -> bool:
        return any(start < at < end for start, end in self.spans)


def exercise_anchors(content: str, where: str) -> str:
    """`## სავარჯიშოები`-ის ყოველ სავარჯიშოს მუდმივი id და ხილული ბმული (¶).

    სავარჯიშო იწყება აბზაცით `**N.** …` (N = 1, 2, 3 … რიგით); მისი id არის `savarjisho-N`
    (`/backprop/#savarjisho-2`), ბმული კი სათაურის ¶-ის მსგავსია (Material-ის `headerlink`).
    id-ს აწყობა ნომრიდან ქმნის და წყაროში არ იწერება: მასწავლებელი გვერდზე „2.“-ს ხედავს და
    ბმულიც იმავეს ამბობს; ახალი სავარჯიშო სიის ბოლოს ემატება, რომ ძველი ბმულები არ შეიცვალოს
    (tests/links.txt ყოველ id-ს იცავს). აწყობა ჩერდება და ფაილს ასახელებს, თუ ნომერი მეორდება
    ან რიგი ირღვევა, ან თუ ამოხსნის ყუთს ან შემოწმებად სავარჯიშოს ნომერი არ უძღვის (მაგალითად,
    სავარჯიშო დანომრილ სიაში, `1. …`: სიის პუნქტს id არ აქვს).

    Every exercise of the exercises section gets `id="savarjisho-N"` from its `**N.**` and a
    permalink; an exercise without a number (a solution box or a self-checking frame before the
    first number, or inside a numbered list) fails the build naming the file.
    """
    section = content.find('<h2 id="savarjishoebi"')
    if section < 0:
        return content
    end = content.find("<h2", section + 1)
    end = len(content) if end < 0 else end
    text = content[section:end]
    numbers = list(_NUMBER.finditer(text))
    found = [int(m[2]) for m in numbers]
    if found != list(range(1, len(found) + 1)):
        raise PluginError(
            f"{where}: the exercises in `## სავარჯიშოები` must be numbered **1.**, **2.**, … in "
            f"order (each number is its link, #savarjisho-N); found {found}"
        )
    items = _ListItems(text)
    first = numbers[0].start() if numbers else len(text)
    for box in _BOX.finditer(text):
        if items.inside(box.start()) or box.start() < first:
            kind = "solution box" if box[0].startswith("<details") else "self-checking exercise"
            raise PluginError(
                f"{where}: a {kind} in `## სავარჯიშოები` has no exercise number, so no id: "
                "start each exercise with a paragraph `**N.** …` (not a numbered list `N. …`)"
            )
    for n in found:
        if f'id="savarjisho-{n}"' in content:
            raise PluginError(f"{where}: the id savarjisho-{n} is already on the page")

    def anchor(m: re.Match) -> str:
        name = f"savarjisho-{m[2]}"
        link = (
            f'<a class="headerlink" href="#{name}" title="{PERMALINK_TITLE}" '
            f'aria-label="ბმული: სავარჯიშო {m[2]}">¶</a>'
        )
        return f'<p class="mg-exercise-no" id="{name}"><strong{m[1]}>{m[2]}.</strong>{link}'

    return content[:section] + _NUMBER.sub(anchor, text) + content[end:]


def _index_progress(content: str, docs: Path) -> str:
    """The index: after the first link to each lesson with exercises, its progress."""
    for path in sorted(docs.glob("*.md")):
        try:
            total = len(lessons.exercises(lessons.read(path)))
        except lessons.LessonError:
            continue  # its own page fails the build with the message
        key = path.stem
        if not total:
            continue
        link = re.compile(rf'(<a href="(?:\./)?{re.escape(key)}/">.*?</a>)')
        badge = (
            f'<span class="mg-progress" data-exercise-progress="{key}" data-total="{total}"></span>'
        )
        content = link.sub(lambda m, b=badge: m[1] + b, content, count=1)
    return content


def on_post_page(output, page, config, **kwargs):
    found = [ex for ex in _pages.get(_key(page), []) if ex.kind == "code"]
    if found:
        path = Path(config.site_dir) / OUT / "exercises" / f"{_key(page)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        checks = {ex.id: ex.check.body for ex in found}
        path.write_text(json.dumps(checks, ensure_ascii=False), "utf-8")
    return output
