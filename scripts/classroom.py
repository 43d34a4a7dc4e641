"""საიტი მასწავლებლის კომპიუტერიდან კლასის ქსელში (`make classroom`).

Serves the built `site/` on every network interface (0.0.0.0), with the types the runner needs
(.mjs as JavaScript, .wasm), and prints the addresses students can open. Over plain http on a
LAN address the browser allows no service worker (it needs https or localhost): pages, search
and ▶ work from this server, and the offline button says saving is not possible there.
Instant navigation only takes over links of `site_url`: here every click is a full page load.

    .venv/bin/python scripts/classroom.py [--port 8000] [--site site]
"""

from __future__ import annotations

import argparse
import functools
import socket
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
    }

    def log_message(self, *args):
        pass


def addresses() -> list[str]:
    """This computer's addresses on the local network (the one a default route would use)."""
    found = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks an interface
            found.add(s.getsockname()[0])
        except OSError:
            pass
    try:
        found |= {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        pass
    return sorted(a for a in found if not a.startswith("127."))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"classroom: {args.site}/index.html not found: run `make build` first")
    handler = functools.partial(Handler, directory=str(args.site))
    server = ThreadingHTTPServer(("0.0.0.0", args.port), handler)
    print(f"საიტი ამ კომპიუტერზე: http://localhost:{args.port}/")
    for address in addresses():
        print(f"მოსწავლეებისთვის (კლასის ქსელი): http://{address}:{args.port}/")
    print("გაჩერება: Ctrl+C")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
