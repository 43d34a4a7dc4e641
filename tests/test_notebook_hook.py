"""hooks/notebooks.py works around what mkdocs-jupyter does with our notebooks. Each workaround
stays only while mkdocs-jupyter still behaves this way, and no option of it does the job:
this test renders a small notebook with mkdocs-jupyter alone (in a fresh process, without our
hook) and names each behaviour. When one of these assertions fails, mkdocs-jupyter changed:
drop or simplify the workaround named in it."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import textwrap

import nbformat
import pytest

from tests.conftest import mkdocs_config

PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082"
    )
).decode()


@pytest.fixture(scope="module")
def plain_html(tmp_path_factory) -> str:
    """The notebook as mkdocs-jupyter renders it with our mkdocs.yml options, no hook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# წარმოებული\n\nფორმულა: $x^2$"),
        nbformat.v4.new_code_cell(
            "show()",
            outputs=[nbformat.v4.new_output("display_data", data={"image/png": PNG})],
        ),
    ]
    path = tmp_path_factory.mktemp("nb") / "sample.ipynb"
    path.write_text(nbformat.writes(nb), "utf-8")
    options = mkdocs_config()["plugins"]
    options = next(
        p["mkdocs-jupyter"] for p in options if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    code = textwrap.dedent(f"""
        from mkdocs_jupyter.convert import nb2html
        print(nb2html({str(path)!r}, no_prompt={options["no_prompt"]!r},
                      include_requirejs={options["include_requirejs"]!r},
                      custom_mathjax_url={options["custom_mathjax_url"]!r}))
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_georgian_heading_gets_an_empty_id(plain_html):
    """Workaround: our heading renderer (_heading, slugify). mkdocs-jupyter's own slugify keeps
    ASCII only, and has no option for another one; `id=""` breaks Material's search and toc."""
    assert '<h1 id="">' in plain_html


def test_math_is_left_to_mathjax(plain_html):
    """Workaround: formulas -> MathML at build (_math). mkdocs-jupyter leaves TeX for MathJax
    in the browser; `custom_mathjax_url: ""` only blanks the script's address."""
    assert "$x^2$" in plain_html and "<math" not in plain_html
    assert "MathJax" in plain_html  # the configuration block that _drop_external_scripts removes


def test_mermaid_loads_from_a_cdn(plain_html):
    """Workaround: _drop_external_scripts. Every page gets mermaid from another origin; there
    is no option to leave it out, and the site loads nothing from elsewhere."""
    assert 'import("https://cdnjs.cloudflare.com/ajax/libs/mermaid/' in plain_html
    assert '<script src="">' in plain_html  # the blank MathJax script (custom_mathjax_url: "")


def test_jupyterlab_css_is_inlined_in_every_page(plain_html):
    """Workaround: _move_styles (one cached notebooks.css instead of ~600 kB per page)."""
    css = sum(len(s) for s in plain_html.split("<style")[1:])
    assert css > 100_000, css


def test_code_boxes_have_no_tabindex_and_images_no_alt(plain_html):
    """Workarounds: tabindex on the code boxes (a box that scrolls sideways must be reachable
    with the keyboard: axe) and a Georgian alt for a plot image."""
    assert re.search(r'<div class="highlight-ipynb[^"]*">\s*<pre>', plain_html)
    assert 'alt="No description has been provided for this image"' in plain_html


def test_mkdocs_jupyter_options_in_use():
    """The options that do part of the job are set (no workaround for what they cover)."""
    options = mkdocs_config()["plugins"]
    options = next(
        p["mkdocs-jupyter"] for p in options if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert options["include_requirejs"] is False and options["custom_mathjax_url"] == ""
    assert options["no_prompt"] is True and options["execute"] is False
    assert json.dumps(options)  # plain data


def test_student_notebooks_stay_files_not_pages(tmp_path):
    """mkdocs.yml's `include: ["notebooks/*.ipynb"]` leaves `notebooks/student/x.ipynb` a plain
    file (mkdocs copies it for download): mkdocs-jupyter matches the pattern from the right."""
    from mkdocs.structure.files import File
    from mkdocs_jupyter.plugin import Plugin

    options = mkdocs_config()["plugins"]
    options = next(
        p["mkdocs-jupyter"] for p in options if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    plugin = Plugin()
    plugin.config = {"include": options["include"], "ignore": options.get("ignore", [])}
    docs = tmp_path / "docs"
    for src in ("notebooks/x.ipynb", "notebooks/student/x.ipynb"):
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text("{}", "utf-8")
    page = File("notebooks/x.ipynb", str(docs), str(tmp_path / "site"), True)
    student = File("notebooks/student/x.ipynb", str(docs), str(tmp_path / "site"), True)
    assert plugin.should_include(page) and not plugin.should_include(student)


def test_a_notebook_in_the_wrong_folder_fails_the_build(tmp_path):
    """A teacher's notebook under notebooks/student/ (or the reverse) would hand out the key:
    the hook stops the build, naming the file."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    from hooks import notebooks as hook

    docs = tmp_path / "docs"
    (docs / "notebooks/student").mkdir(parents=True)
    meta = {"metadata": {"micrograd_ka": {"lesson": "value.md"}}, "cells": []}
    (docs / "notebooks/student/value.ipynb").write_text(json.dumps(meta), "utf-8")
    files = Files([File("notebooks/student/value.ipynb", str(docs), str(tmp_path / "s"), True)])
    with pytest.raises(PluginError, match="docs/notebooks/student/value.ipynb"):
        hook.on_files(files, {})
    meta["metadata"]["micrograd_ka"]["student"] = True
    (docs / "notebooks/student/value.ipynb").write_text(json.dumps(meta), "utf-8")
    hook.on_files(files, {})
    assert hook._Files.student_of == {"value.md": "notebooks/student/value.ipynb"}
