"""უსაფრთხოების წესი (Content-Security-Policy) ყოველ გვერდზე: გვერდი სხვა მისამართს ვერ მიმართავს.

GitHub Pages-ი HTTP-სათაურებს (headers) ვერ გვაძლევს, ამიტომ წესი `<meta http-equiv>`-ით იწერება,
ყოველი HTML ფაილის `<head>`-ის დასაწყისში. ის ამბობს:

- სკრიპტი, სტილი, შრიფტი, სურათი, worker და ყოველი მოთხოვნა (`connect-src`) მხოლოდ ჩვენი
  საიტიდან (`'self'`); ასე მკითხველის კოდიც ვერ მიმართავს სხვა ჰოსტს (`pyfetch`, `js.fetch`);
- `'wasm-unsafe-eval'`: Pyodide-სა და viz.js-ს WebAssembly სჭირდება; `'unsafe-eval'` არა;
- Material-ის ჩაშენებული (inline) სკრიპტები ნებადართულია მხოლოდ მათი ჰეშით (sha256), რომელსაც
  აქ, აწყობისას ვითვლით; `'unsafe-inline'` სკრიპტებისთვის არა. ჰეშების სია მთელი საიტისთვის
  ერთია: მყისიერი გადასვლისას (instant navigation) ახალი გვერდის სკრიპტს პირველი გვერდის წესი
  ამოწმებს;
- `<style>` ელემენტებიც ჰეშით, CodeMirror-ის `<style>` კი ფიქსირებული ნიშნით
  (`'nonce-codemirror'`, EditorView.cspNonce: მისი შიგთავსი რედაქტორთან ერთად იცვლება);
  მხოლოდ `style="..."` ატრიბუტებია ნებადართული ჰეშის გარეშე (`style-src-attr`):
  matplotlib-ისა და Graphviz-ის ნახატები მათით არის სავსე; ისინი კოდს ვერ უშვებენ და სხვა
  მისამართიდან ვერაფერს წამოიღებენ (`img-src`, `font-src`);
- worker-ი: `'self'` და `blob:`. `<meta>`-ის წესი URL-ით გაშვებულ worker-ს არ ეხება (მას
  საკუთარი HTTP-სათაურები აქვს), ამიტომ runner-ის worker-ი `blob:`-ით იწყება
  (runner/src/app.js): ასეთი worker-ი გვერდის წესს იღებს.

A <meta> policy: `frame-ancestors`, `report-uri` and `sandbox` are not allowed there (a browser
logs an error), so they are left out. tests/browser/test_csp.py listens for violations.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
# a script with one of these types is data, not code: CSP does not apply to it
_DATA = re.compile(r'\btype="(?!(?:text|application)/(?:java|ecma)script"|module")', re.I)
MARK = 'http-equiv="Content-Security-Policy"'


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_hashes(pages: list[str]) -> tuple[list[str], list[str]]:
    """(scripts, styles): the sorted sha256 sources of every inline script and `<style>`."""
    scripts, styles = set(), set()
    for text in pages:
        for m in _SCRIPT.finditer(text):
            if "src=" not in m[1] and not _DATA.search(m[1]):
                scripts.add(_hash(m[2]))
        styles |= {_hash(m[1]) for m in _STYLE.finditer(text)}
    return sorted(scripts), sorted(styles)


def policy(scripts: list[str], styles: list[str]) -> str:
    """The policy's text, one directive after another."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *scripts],
        # CodeMirror-ი (runner-ის რედაქტორი) თავის სტილს <style>-ში სვამს, ამ ნიშნით (nonce)
        "style-src": ["'self'", "'nonce-codemirror'", *styles],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],  # Material's icons are data: URLs in its CSS
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(text: str, csp: str) -> str:
    """The page with the policy as the first element after `<meta charset>` (before any script)."""
    if MARK in text:
        text = re.sub(rf"<meta {MARK}[^>]*>\s*", "", text)
    meta = f'<meta {MARK} content="{csp}">'
    found = _CHARSET.search(text)
    if found:
        return text[: found.end()] + "\n    " + meta + text[found.end() :]
    return re.sub(r"<head\b[^>]*>", lambda m: m[0] + meta, text, count=1)


_serving = False


def on_startup(command, dirty, **kwargs):
    """`mkdocs serve` adds its live-reload script to every page (inline, changing each build)."""
    global _serving
    _serving = command == "serve"


def on_post_build(config, **kwargs):
    files = sorted(Path(config.site_dir).rglob("*.html"))
    texts = {f: f.read_text("utf-8") for f in files}
    scripts, styles = inline_hashes(list(texts.values()))
    if _serving:  # only on the developer's own server: hashes would refuse live reload
        scripts = ["'unsafe-inline'"]
    csp = policy(scripts, styles)
    for f, text in texts.items():
        f.write_text(add_policy(text, csp), "utf-8")
