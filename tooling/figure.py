"""გრაფისა და გრაფიკის ჩარჩო (the figure frame): ერთი ფუნქცია, აწყობისთვისაც და ბრაუზერისთვისაც.

hooks/site.py frames the drawings the build prints; the in-page runner bundles this file as text
(esbuild, as it does run.py), writes it into Pyodide as `mg_figure` and frames the drawings a
reader's run prints with the same function, so app.js only sanitizes and inserts. Standard
library only: it runs in the browser's Python too.

    >>> print(figure('<svg width="200pt" height="50pt"><g class="graph"></g></svg>'))
    <div class="mg-figure" tabindex="0" data-search-exclude>
    <svg class="mg-graph" style="max-width: 100%; min-width: 100pt; height: auto" width="200pt"...
    </div>
"""

import re


def figure(svg: str) -> str:
    """micrograd.viz's clean SVG -> the site's figure: a box that scrolls sideways (reachable
    with the keyboard), the drawing shrinks on a phone but not below half its size."""
    kind = "mg-graph" if 'class="graph"' in svg else "mg-plot"
    if kind == "mg-plot":
        svg = svg.replace("*{", ".mg-plot *{")  # matplotlib-ის სტილი მთელ გვერდზე არ გავრცელდეს
    width = re.search(r'<svg[^>]*\swidth="([\d.]+)(pt|px)?"', svg)
    least = f" min-width: {float(width[1]) * 0.5:.0f}{width[2] or 'px'};" if width else ""
    svg = svg.replace(
        "<svg ", f'<svg class="{kind}" style="max-width: 100%;{least} height: auto" ', 1
    )
    return f'<div class="mg-figure" tabindex="0" data-search-exclude>\n{svg}\n</div>'
