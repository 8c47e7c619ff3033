#!/usr/bin/env bash
# The project's test command, for developers and CI alike:
#
#   ./scripts/test.sh                 # install what the tests need, then run every test
#   ./scripts/test.sh -m "not browser" tests/test_linkcheck.py   # extra arguments go to pytest
#
# Installs (only when missing or out of date): the virtualenv .venv with `pip install -e '.[test]'`,
# and the npm test tools (vnu.jar, axe-core) with `npm ci --ignore-scripts`. System packages are
# .ci/run's job (as root): chromium, fonts-noto-cjk, a Java runtime, nodejs/npm. Without them the
# browser and HTML-validation tests skip, except under CI=true where they fail.
# Exit status: pytest's, except that "no tests collected" (5) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

PYTHON="${PYTHON:-python3}"
say() { printf '== %s\n' "$*"; }

# Python: .venv with the project and its test extras. Re-installed when pyproject.toml changes.
stamp=.venv/.reportsite-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! .venv/bin/python -c "import reportsite, pytest, playwright" 2>/dev/null; then
    say "pip install -e '.[test]'"
    .venv/bin/python -m pip install -q -e '.[test]'
    echo "$want" > "$stamp"
fi

# npm: vnu.jar and axe-core, exactly as package-lock.json pins them. --ignore-scripts: vnu-jar's
# postinstall would download a JDK; the system Java runs the jar.
npm_stamp=node_modules/.reportsite-installed
npm_want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
    if command -v npm >/dev/null; then
        say "npm ci --ignore-scripts"
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
        echo "$npm_want" > "$npm_stamp"
    else
        echo "warning: npm is not installed: the HTML validation tests will skip (fail under CI=true)" >&2
    fi
fi

say "pytest $*"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
