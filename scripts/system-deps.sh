#!/usr/bin/env bash
# სისტემური პროგრამები, რომლებიც pip-ით არ დგება: Graphviz-ის `dot`, Liberation-ის შრიფტები,
# Debian-ის Chromium და npm (Node.js).
# System programs pip cannot install. As root on Debian/Ubuntu they are installed with apt-get;
# otherwise we stop with a message that says how.
set -euo pipefail

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Graphviz measures label text with the installed fonts: Liberation Serif (Times' metrics) keeps the
# drawn graphs, and the SVG in the committed notebooks, identical from machine to machine.
fc-match Times 2>/dev/null | grep -q "Liberation Serif" || need+=(fonts-liberation)
# npm installs the in-page runner's pinned packages (runner/package-lock.json: Pyodide, viz.js, ...)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || { sudo -n true 2>/dev/null && sudo="sudo -n"; }  # e.g. GitHub's runners
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; }; then
    echo "system-deps: installing ${need[*]} with apt-get"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    exit 0
fi

cat >&2 <<MSG
system-deps: missing: ${need[*]}
  Graphviz's 'dot' draws the computation graphs (with Liberation fonts' metrics); Chromium runs
  the browser tests; Node.js and npm build the in-page runner (hooks/runner.py).
  On Debian/Ubuntu:  sudo apt-get install ${need[*]}
  On macOS:          brew install graphviz node   (and a Chromium; set CHROMIUM=/path/to/chromium)
MSG
exit 1
