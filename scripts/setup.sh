#!/usr/bin/env bash
# Quick start, step 1: create the virtual environment .venv, install reportsite into it, build the archive.
#
#   bash scripts/setup.sh            # then open site/index.html
#   bash scripts/setup.sh --base-url https://example.github.io/archive/   # extra arguments go to `build`
#
# Debian's Python refuses system-wide `pip install` and ships `venv` separately (python3-venv):
# it is installed here when missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHON="${PYTHON:-python3}"

if ! "$PYTHON" -c "import venv, ensurepip" 2>/dev/null; then
    echo "== installing python3-venv (Debian ships venv separately)"
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv
    else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi
fi
if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi
echo "== pip install -e ."
.venv/bin/python -m pip install -q -e .
echo "== building content/ into site/"
.venv/bin/python build.py build "$@"
echo "Open $(pwd)/site/index.html in a browser, or run: .venv/bin/python build.py serve"
