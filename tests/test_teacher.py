"""მასწავლებლისთვის: გაკვეთილის დრო და წინა გაკვეთილები (hooks/teacher.py), ბრაუზერის გარეშე.

Every lesson in the nav's parts 1–6 (read from mkdocs.yml, so a new lesson is covered as soon as
it is in the nav) has `time:` and `prereq:` front matter; bad values stop a build of a small
site that uses the same hook, and the error names the file.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
import yaml

from tests.conftest import ROOT, mkdocs_config, nav_files
from tooling import lessons as lesson_reader

LESSON_PART = re.compile(r"^[1-6]\.")


def lessons() -> list[str]:
    found = []
    for part in mkdocs_config()["nav"]:
        for title, pages in part.items() if isinstance(part, dict) else ():
            if LESSON_PART.match(title):
                found += [p for p in pages if isinstance(p, str)]
    return found


def front_matter(name: str) -> dict:
    text = (ROOT / "docs" / name).read_text("utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(match[1]) if match else {}


def test_the_nav_has_lessons_in_six_parts():
    parts = [t for part in mkdocs_config()["nav"] if isinstance(part, dict) for t in part]
    assert [t[0] for t in parts if LESSON_PART.match(t)] == list("123456"), parts
    assert len(lessons()) >= 13


@pytest.mark.parametrize("name", lessons())
def test_every_lesson_has_time_and_prereq(name):
    meta = front_matter(name)
    assert "time" in meta and "prereq" in meta, f"docs/{name}: no `time:`/`prereq:` front matter"
    assert type(meta["time"]) is int and 5 <= meta["time"] <= 90, f"docs/{name}: {meta['time']!r}"
    earlier = lessons()[: lessons().index(name)]
    for page in meta["prereq"]:
        assert page in earlier, f"docs/{name}: prereq {page} is not an earlier lesson"


def test_check_meta_rejects_bad_values():
    from mkdocs.exceptions import PluginError

    from hooks.teacher import check_meta

    assert check_meta("docs/b.md", {"time": 15, "prereq": ["a.md"]}, ["a.md"]) == (15, ["a.md"])
    for meta, words in [
        ({"time": 0, "prereq": []}, "positive integer"),
        ({"time": -5, "prereq": []}, "positive integer"),
        ({"time": "20 წთ", "prereq": []}, "positive integer"),
        ({"time": 2.5, "prereq": []}, "positive integer"),
        ({"time": True, "prereq": []}, "positive integer"),
        ({"time": 10, "prereq": ["missing.md"]}, "missing.md"),
        ({"time": 10, "prereq": ["c.md"]}, "c.md"),  # a later lesson is not a prerequisite
        ({"time": 10, "prereq": 3}, "list"),
    ]:
        with pytest.raises(PluginError, match=words) as error:
            check_meta("docs/b.md", meta, ["a.md"])
        assert str(error.value).startswith("docs/b.md: ")


def _tiny_site(tmp_path, b_front: str, a_front: str = "---\ntime: 10\nprereq: []\n---\n\n",
               teachers: str | None = None):  # fmt: skip
    """A two-lesson site with only hooks/teacher.py (and `teachers.md`, if given); returns
    `mkdocs build --strict`'s result."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# სათაური\n", "utf-8")
    (docs / "a.md").write_text(f"{a_front}# ა {{ #a }}\n", "utf-8")
    (docs / "b.md").write_text(f"{b_front}# ბ {{ #b }}\n", "utf-8")
    if teachers is not None:
        (docs / "teachers.md").write_text(teachers, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: t
            strict: true
            hooks: ["{ROOT / "hooks" / "teacher.py"}"]
            markdown_extensions: [attr_list]
            nav:
              - index.md
              - "1. ნაწილი": [a.md, b.md]
            """)
        + ("  - teachers.md\n" if teachers is not None else ""),
        "utf-8",
    )
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "front, words",
    [
        ("---\ntime: 0\nprereq: [a.md]\n---\n\n", "docs/b.md: `time` must be a positive integer"),
        ("---\ntime: ათი\nprereq: []\n---\n\n", "docs/b.md: `time` must be a positive integer"),
        ("---\ntime: 10\nprereq: [nope.md]\n---\n\n", "docs/b.md: `prereq` names nope.md"),
        ("", "docs/b.md: a lesson needs `time:` and `prereq:`"),
    ],
)
def test_bad_front_matter_fails_the_build_naming_the_file(tmp_path, front, words):
    result = _tiny_site(tmp_path, front)
    assert result.returncode != 0, result.stdout + result.stderr
    assert words in result.stderr, result.stderr


def test_time_and_prereq_show_under_the_title(tmp_path):
    result = _tiny_site(tmp_path, "---\ntime: 25\nprereq: [a.md]\n---\n\n")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "b" / "index.html").read_text("utf-8")
    meta = re.search(r'</h1>\s*<p class="mg-lesson-meta"[^>]*>(.*?)</p>', page, re.S)
    assert meta, "no time line right under the title"
    assert " 25 წთ" in meta[1]
    assert 'წინა: <a href="../a/">ა</a>' in meta[1] and 'class="twemoji"' in meta[1]
    assert 'href="?print=worksheet"' in meta[1] and "სამუშაო ფურცელი" in meta[1]
    assert 'href="?print=key"' in meta[1]
    # the first lesson has no prerequisites: only its time
    first = (tmp_path / "site" / "a" / "index.html").read_text("utf-8")
    assert " 10 წთ" in first and "წინა:" not in first


def test_course_page_drops_only_the_empty_part():
    """The notebooks' part has no page on the course page: its title sheet and its line in the
    table of contents go; a part followed by its lessons stays."""
    from hooks.teacher import course_page

    part = (
        "<section class='print-page md-section' id='section-{n}' heading-number='{n}'>\n"
        "<h1>{title}<a class='headerlink' href='#section-{n}' title='Permanent link'></a>\n"
        "</h1>\n</section>"
    )
    toc = (
        '<li class="md-nav__item">\n  <a href="#section-{n}" class="md-nav__link">\n'
        '    <span class="md-ellipsis">{title}</span>\n  </a>\n</li>'
    )
    html = (
        "<nav><ul>"
        + toc.format(n=2, title="1. წარმოებული")
        + toc.format(n=10, title="Notebook-ები")
        + "</ul></nav><div id='print-site-page'>"
        + part.format(n=2, title="1. წარმოებული")
        + '<section class="print-page" id="derivative"><h1 id="derivative-x">წარმოებული</h1>'
        + "</section>"
        + part.format(n=10, title="Notebook-ები")
        + "</div>"
    )
    from hooks.site import first_terms_only

    out = course_page(html, first_terms_only)
    assert "Notebook-ები" not in out
    assert out.count("1. წარმოებული") == 2  # the part's sheet and its line in the contents
    assert 'id="derivative"' in out
    assert "Permanent link" not in out and "ბმული ამ ნაწილზე" in out


# --- the teachers' page (docs/teachers.md): lessons table and the two-week unit plan ----------

TEACHERS = ROOT / "docs" / "teachers.md"


@pytest.mark.parametrize("name", lessons())
def test_every_lesson_has_a_summary_and_a_key_exercise(name):
    """The teachers' page table reads them: one line and the id of an exercise of the lesson."""
    meta = front_matter(name)
    summary = meta.get("summary")
    assert isinstance(summary, str) and summary.strip(), f"docs/{name}: no `summary:` line"
    assert "\n" not in summary.strip() and len(summary) <= 160, f"docs/{name}: summary too long"
    anchor = meta.get("exercise")
    text = (ROOT / "docs" / name).read_text("utf-8")
    numbers = lesson_reader.exercise_numbers(text)
    assert anchor in {f"savarjisho-{n}" for n in numbers} or f"{{ #{anchor} }}" in text, (
        f"docs/{name}: `exercise: {anchor}` is not savarjisho-1..{len(numbers)} nor a heading id"
    )


def test_unit_plan_gives_every_lesson_its_time():
    """Ten classes; per lesson, the minutes planned over all classes == its front matter `time`."""
    meta = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", TEACHERS.read_text("utf-8"), re.S)[1])
    unit, class_minutes = meta["unit"], meta["class_minutes"]
    assert class_minutes == 45
    assert len(unit) == 10, f"docs/teachers.md: the unit plan has {len(unit)} classes, not 10"
    planned: dict[str, list[int]] = {}
    for number, session in enumerate(unit, 1):
        minutes = {k: v for k, v in session.items() if k != "note"}
        assert minutes, f"docs/teachers.md: class {number} has no lesson"
        assert sum(minutes.values()) <= class_minutes, (
            f"docs/teachers.md: class {number} plans {sum(minutes.values())} min > {class_minutes}"
        )
        for name, m in minutes.items():
            assert name in lessons(), f"docs/teachers.md: class {number}: {name} is not a lesson"
            planned.setdefault(name, []).append(m)
    wrong = [
        f"{name}: planned {planned.get(name, [])} = {sum(planned.get(name, []))} min, "
        f"time: {front_matter(name)['time']} min"
        for name in lessons()
        if sum(planned.get(name, [])) != front_matter(name)["time"]
    ]
    assert not wrong, "docs/teachers.md: unit plan minutes != lesson time:\n" + "\n".join(wrong)
    # the classes follow the course: a lesson never starts before the lessons it needs
    order = [name for session in unit for name in session if name != "note"]
    for name in lessons():
        for need in front_matter(name)["prereq"]:
            assert order.index(need) <= order.index(name), f"{name} is planned before {need}"


def test_check_unit_names_the_lesson_and_the_numbers():
    from mkdocs.exceptions import PluginError

    from hooks.teacher import check_unit

    times = {"a.md": 30, "b.md": 20}
    assert check_unit("docs/t.md", [{"a.md": 30}, {"b.md": 20, "note": "x"}], times, 45) == [
        {"a.md": 30},
        {"b.md": 20},
    ]
    for unit, words in [
        (
            [{"a.md": 25}, {"b.md": 20}],
            r"gives a\.md 25 min \(class 1: 25\), but its `time:` is 30",
        ),
        ([{"a.md": 30}], r"gives b\.md 0 min \(in no class\), but its `time:` is 20"),
        ([{"a.md": 30, "b.md": 20}], r"class 1 plans 50 min of lessons, more than a class \(45"),
        ([{"a.md": 30}, {"c.md": 5}], r"class 2 names c\.md, which is not a lesson"),
        ([{"a.md": 30}, {"b.md": "20"}], r"class 2: b\.md needs a positive whole number"),
        ([], r"`unit:` must be a list"),
    ]:
        with pytest.raises(PluginError, match=words) as error:
            check_unit("docs/t.md", unit, times, 45)
        assert str(error.value).startswith("docs/t.md: ")


TEACHERS_PAGE = """\
---
class_minutes: 45
unit:
{unit}
---

# მასწავლებლისთვის {{ #mastsavleblistvis }}

<!-- mg:lessons -->

<!-- mg:unit -->

- zip: <!-- mg:zip -->
"""
LESSON = '---\ntime: {time}\nprereq: {prereq}\nsummary: "{summary}"\nexercise: {anchor}\n---\n\n'


def _teachers_site(tmp_path, unit: str, b_anchor: str = "b"):
    return _tiny_site(
        tmp_path,
        LESSON.format(time=25, prereq="[a.md]", summary="ბ-ს აზრი", anchor=b_anchor),
        LESSON.format(time=10, prereq="[]", summary="ა-ს აზრი", anchor="a"),
        teachers=TEACHERS_PAGE.format(unit=unit),
    )


def test_teachers_page_tables_come_from_the_lessons(tmp_path):
    result = _teachers_site(
        tmp_path, "  - a.md: 10\n    b.md: 15\n  - b.md: 10\n    note: გამეორება"
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "teachers" / "index.html").read_text("utf-8")
    rows = [
        re.sub(r"<[^>]+>", "", r).split("\n") for r in re.findall(r"<tr>(.*?)</tr>", page, re.S)
    ]
    cells = [[c.replace("\xa0", " ") for c in row if c.strip()] for row in rows]
    assert ["1", "ა", "ა-ს აზრი", "10 წთ", "ა"] in cells, cells
    assert ["2", "ბ", "ბ-ს აზრი", "25 წთ", "ბ"] in cells, cells
    assert ["სულ", "35 წთ"] in cells, cells  # the total is computed, not written
    assert ["1", "ა 10 წთ · ბ 15 წთ", "20 წთ"] in cells, cells  # class 1: 45 - 25 left
    assert ["2", "ბ 10 წთ", "35 წთ: გამეორება"] in cells, cells
    assert 'href="../b/#b"' in page  # the key exercise's link
    assert "ამ აწყობაში zip არ შექმნილა" in page  # no MG_OFFLINE_ZIP_NAME: no dead link


@pytest.mark.parametrize(
    "unit, anchor, words",
    [
        ("  - a.md: 10\n    b.md: 20", "b", "docs/teachers.md: the unit plan gives b.md 20 min"),
        ("  - a.md: 10\n  - b.md: 25", "nope", "docs/b.md: `exercise: nope` names no exercise"),
    ],
)
def test_bad_teachers_page_fails_the_build_naming_the_file(tmp_path, unit, anchor, words):
    result = _teachers_site(tmp_path, unit, b_anchor=anchor)
    assert result.returncode != 0, result.stdout + result.stderr
    assert words in result.stderr, result.stderr


def test_the_teachers_page_is_in_the_nav_after_the_lessons():
    titles = [next(iter(p)) if isinstance(p, dict) else p for p in mkdocs_config()["nav"]]
    entry = next(p for p in mkdocs_config()["nav"] if isinstance(p, dict) and "teachers.md" in
                 p.values())  # fmt: skip
    assert next(iter(entry)) == "მასწავლებლისთვის"
    last_part = max(i for i, t in enumerate(titles) if LESSON_PART.match(str(t)))
    assert titles.index(next(iter(entry))) > last_part, titles


# --- linkable exercises (hooks/exercises.py: exercise_anchors) -------------------------------

SECTION = '<h2 id="savarjishoebi">სავარჯიშოები</h2>\n'
SOLUTION = '<details class="success"><summary>ამოხსნა</summary><p>x</p></details>\n'


def test_every_exercise_gets_an_id_and_a_permalink():
    from hooks.exercises import exercise_anchors

    html = (
        '<h2 id="shejameba">შეჯამება</h2><p><strong>1.</strong> not an exercise</p>\n'
        + SECTION
        + "<p><strong>1.</strong> პირველი</p>\n"
        + SOLUTION
        + '<p><strong data-exercise-title="ex-a">2.</strong> მეორე</p>\n'
        + '<div class="mg-exercise mg-answer" data-exercise="ex-a" id="ex-a"></div>\n'
    )
    out = exercise_anchors(html, "docs/x.md")
    assert "<p><strong>1.</strong> not an exercise" in out  # only the exercises section
    assert (
        '<p class="mg-exercise-no" id="savarjisho-1"><strong>1.</strong><a class="headerlink" '
        'href="#savarjisho-1" title="ბმული ამ სავარჯიშოზე" aria-label="ბმული: სავარჯიშო 1">¶</a>'
        " პირველი" in out
    )
    assert (
        '<p class="mg-exercise-no" id="savarjisho-2"><strong data-exercise-title="ex-a">2.' in out
    )
    assert out.count('class="headerlink"') == 2


@pytest.mark.parametrize(
    "body, words",
    [
        ("<p><strong>1.</strong> ა</p><p><strong>1.</strong> ბ</p>", r"found \[1, 1\]"),
        ("<p><strong>1.</strong> ა</p><p><strong>3.</strong> ბ</p>", r"found \[1, 3\]"),
        ("<ol><li><p>ა</p>" + SOLUTION + "</li></ol>", "a solution box .* has no exercise number"),
        (SOLUTION + "<p><strong>1.</strong> ა</p>", "a solution box .* has no exercise number"),
        ('<p><strong>1.</strong> ა</p><ol><li><div class="mg-exercise" data-exercise="e"></div>'
         "</li></ol>", "a self-checking exercise .* has no exercise number"),
    ],
)  # fmt: skip
def test_an_exercise_without_a_number_fails_naming_the_file(body, words):
    from mkdocs.exceptions import PluginError

    from hooks.exercises import exercise_anchors

    with pytest.raises(PluginError, match=words) as error:
        exercise_anchors(SECTION + body, "docs/x.md")
    assert str(error.value).startswith("docs/x.md: ")


def test_a_numbered_list_exercise_fails_the_build(tmp_path):
    from tests.conftest import build_site, small_site

    page = (
        "# გაკვეთილი { #gakvetili }\n\n## სავარჯიშოები { #savarjishoebi }\n\n"
        '1. რამდენია $2 + 2$?\n\n    ??? success "ამოხსნა"\n\n        $4$.\n'
    )
    hooks = f"hooks: [{ROOT / 'hooks' / 'site.py'}, {ROOT / 'hooks' / 'exercises.py'}]\n"
    config = small_site(tmp_path / "proj", {"lesson.md": page}, extra=hooks)
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "docs/lesson.md: a solution box in `## სავარჯიშოები` has no exercise number" in (
        result.stderr
    ), result.stderr[-3000:]


def test_every_exercise_of_the_site_is_linkable(built_site):
    """Each `**N.**` of a page's exercises section is `#savarjisho-N` with a ¶ on the built page,
    and the link is in tests/links.txt (so that it keeps working); every self-checking exercise
    has its number as the title that gets ✓."""
    from scripts.links import read_list

    listed = set(read_list())
    pages = [p for p in nav_files() if p.endswith(".md")]
    total = 0
    for name in pages:
        text = (ROOT / "docs" / name).read_text("utf-8")
        if lesson_reader.EXERCISES_SECTION not in text:
            continue
        count = len(lesson_reader.exercise_numbers(text))
        assert count, f"docs/{name}: an exercises section without a **1.** exercise"
        url = "" if name == "index.md" else name.removesuffix(".md") + "/"
        html = (built_site / url / "index.html").read_text("utf-8")
        for n in range(1, count + 1):
            link = f'id="savarjisho-{n}"><strong'
            assert link in html, f"/{url}: exercise {n} has no id savarjisho-{n}"
            assert f'<a class="headerlink" href="#savarjisho-{n}"' in html, f"/{url}: no ¶ {n}"
            assert f"{url or './'}#savarjisho-{n}" in listed, f"{url}#savarjisho-{n} not listed"
        # a self-checking exercise's number is its title: ✓ appears there once it is solved
        for ex in re.findall(r'data-exercise="([^"]+)" id=', html):
            assert f'data-exercise-title="{ex}"' in html, f"/{url}: {ex} has no ✓ title"
        total += count
    assert total >= 40, total


def test_exercise_ids_stay_unique_on_the_course_page():
    """On print_page/ every lesson is on one page: its exercise ids get the page's key, as the
    print-site plugin does for headings (`backprop-savarjisho-2`)."""
    from hooks.teacher import print_copy

    html = '<p class="mg-exercise-no" id="savarjisho-2"><strong>2.</strong>'
    assert 'id="backprop-savarjisho-2"' in print_copy(html, "backprop.md", "backprop/")
    assert 'id="index-savarjisho-2"' in print_copy(html, "index.md", "")


def test_the_zip_is_linked_only_when_the_build_makes_it():
    """Pages builds with MG_OFFLINE_ZIP_NAME (hooks/offline.py writes the zip): then a link;
    otherwise words only, so that a local build has no dead link."""
    from hooks.teacher import zip_line

    assert '<a href="../micrograd-ka.zip" download>micrograd-ka.zip</a>' in zip_line(
        "micrograd-ka.zip", "teachers/"
    )
    assert "href" not in zip_line(False, "teachers/")
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert "MG_OFFLINE_ZIP_NAME: micrograd-ka.zip" in workflow


def test_the_hooks_doctests_hold():
    """hooks/ pytest-ის `testpaths`-ში არაა (hooks/site.py-ის სახელს Python-ის `site` ეჯახება),
    ამიტომ hooks/teacher.py-ის მაგალითებს (doctest) აქ ვამოწმებთ."""
    import doctest

    import hooks.teacher

    result = doctest.testmod(hooks.teacher)
    assert result.attempted >= 9 and result.failed == 0, result
