"""გვერდზე გაშვების აწყობის ნაწილი (hooks/runner.py), ბრაუზერის გარეშე.

Which blocks get a „გაშვება“ button: the browser's Python has micrograd and graphviz but no numpy
or matplotlib, so a block that needs them, directly or through a name that such a block made,
gets a note instead, and is skipped when a later block's session runs. And the one script that
every page loads stays small. (The browser side: tests/browser/test_runner.py.)
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from hooks.runner import blocks_of

ROOT = Path(__file__).resolve().parent.parent

LESSON = """
```python exec="on" session="s" source="above" result="text" id="setup"
from micrograd import Value
a = Value(2.0)
```

```python exec="on" session="s" html="true" source="above" id="plot"
import matplotlib.pyplot as plt
xs = [1, 2]
fig, ax = plt.subplots()
```

```python exec="on" session="s" source="above" result="text" id="uses-plot"
print(len(xs))
```

```python exec="on" session="s" source="above" result="text" id="rebinds"
xs = [a.data]
print(xs)
```

??? success "ამოხსნა"

    ```python exec="on" session="s" source="above" result="text" id="nested"
    print(a.data + xs[0])
    ```

```python exec="on" session="s" id="hidden"
from micrograd.viz import plot_svg
print(plot_svg)
```

```python exec="on" source="above" result="text" id="alone"
import numpy as np
```
"""


def test_blocks_that_need_numpy_or_matplotlib_get_no_button():
    blocks = {b.id: b for b in blocks_of(LESSON)}
    assert list(blocks) == ["setup", "plot", "uses-plot", "rebinds", "nested", "hidden", "alone"]
    clean = {name: b.clean for name, b in blocks.items()}
    assert clean == {
        "setup": True,
        "plot": False,  # imports matplotlib
        "uses-plot": False,  # reads xs, which the plot block made
        "rebinds": True,  # makes its own xs first
        "nested": True,  # inside an admonition, same session
        "hidden": False,  # plot_svg needs matplotlib
        "alone": False,
    }
    assert blocks["plot"].needs == "matplotlib" and blocks["alone"].needs == "numpy"
    assert [b.mode for b in blocks.values()][:3] == ["text", "html", "text"]
    assert blocks["hidden"].mode == "markdown" and not blocks["hidden"].shown
    assert blocks["nested"].code == "print(a.data + xs[0])\n"


def test_page_load_script_is_small():
    script = (ROOT / "docs" / "javascripts" / "runner.js").read_bytes()
    size = len(gzip.compress(script, compresslevel=9))
    assert size <= 5 * 1024, f"runner.js is {size} bytes gzipped; the budget is 5 KB"


def test_every_shown_block_runs_or_says_why(built_site):
    """In the built pages: a button for each runnable block, a note for each other shown one."""
    from tests.conftest import nav_files

    problems = []
    for name in nav_files():
        if not name.endswith(".md"):
            continue
        blocks = blocks_of((ROOT / "docs" / name).read_text("utf-8"))
        page = name.removesuffix(".md")
        html_path = built_site / ("index.html" if page == "index" else f"{page}/index.html")
        text = html_path.read_text("utf-8")
        runnable = [b.id for b in blocks if b.shown and b.clean]
        wrapped = re.findall(r'data-run-block="([^"]+)"', text)
        if wrapped != runnable:
            problems.append(f"{name}: buttons on {wrapped}, runnable {runnable}")
        editable = text.count('contenteditable="plaintext-only"')
        if editable != len(runnable):
            problems.append(f"{name}: {editable} editable code blocks for {len(runnable)}")
        notes = text.count('class="mg-run-note"')
        if notes != sum(b.shown and not b.clean for b in blocks):
            problems.append(f"{name}: {notes} notes")
        if runnable and not (built_site / f"assets/runner/pages/{page}.json").is_file():
            problems.append(f"{name}: no assets/runner/pages/{page}.json")
    assert not problems, problems
    manifest = json.loads((built_site / "assets/runner/manifest.json").read_text("utf-8"))
    for path in manifest["files"]:
        assert (built_site / "assets/runner" / path).is_file(), path
