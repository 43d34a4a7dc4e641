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
"""

from __future__ import annotations

import hashlib
import html
import json
import re
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
SHARE = (
    '<button type="button" class="md-button" data-run-action="share" '
    'title="ბმული ამ კოდით (ბუფერში)">🔗 ბმული</button>'
)


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
