"""Chromium და სტატიკური სერვერი (Chromium and a static server) ბრაუზერის ტესტებისა და
`make measure`-ისთვის: ერთი ადგილი ორივესთვის."""

from __future__ import annotations

import functools
import gzip
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's, never a downloaded build
# უქსელო მანქანაზე Chromium-ის ფონური მოთხოვნები მხოლოდ უარყოფილ კავშირებს აგროვებს.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
]


class _Handler(SimpleHTTPRequestHandler):
    """Static files, quietly; text gzipped when `gzip` is set (as GitHub Pages serves it)."""

    gzip = False
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", "/")

    def log_message(self, *args):  # no access log in the output
        pass

    def send_head(self):
        if not (self.gzip and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not (path.endswith(self.TEXT) and os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, *, use_gzip: bool = False) -> Iterator[str]:
    """`with serve(site) as url:` the directory on a free port: `http://127.0.0.1:PORT/`."""
    handler = type("Handler", (_Handler,), {"gzip": use_gzip})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
