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

from tests.conftest import ROOT, mkdocs_config

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


def _tiny_site(tmp_path, b_front: str):
    """A two-lesson site with only hooks/teacher.py; returns `mkdocs build --strict`'s result."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# სათაური\n", "utf-8")
    (docs / "a.md").write_text("---\ntime: 10\nprereq: []\n---\n\n# ა { #a }\n", "utf-8")
    (docs / "b.md").write_text(f"{b_front}# ბ {{ #b }}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: t
            strict: true
            hooks: ["{ROOT / "hooks" / "teacher.py"}"]
            markdown_extensions: [attr_list]
            nav:
              - index.md
              - "1. ნაწილი": [a.md, b.md]
            """),
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
