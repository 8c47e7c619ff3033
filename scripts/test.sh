#!/usr/bin/env bash
# The project's test command, for developers and CI (.ci/run) alike:
#
#   sudo bash scripts/test.sh              # install what the tests need, then run every test
#   bash scripts/test.sh -m "not browser"  # extra arguments go to pytest
#
# Installs only what is missing or out of date:
#   - Debian packages, with apt-get (as root, or through sudo): chromium, fonts-noto-cjk (Chinese in
#     screenshots), a Java runtime (vnu.jar), nodejs/npm, python3-venv; without root they are reported
#     and the tests needing them skip (under CI=true they fail instead);
#   - .venv with `pip install -e '.[test]'` (again when pyproject.toml changes);
#   - node_modules with `npm ci --ignore-scripts`: vnu.jar and axe-core, as package-lock.json pins them
#     (vnu-jar's postinstall would download a JDK; the system Java runs the jar).
# Never `playwright install`: the browser tests drive Debian's /usr/bin/chromium.
# Exit status: pytest's, except that "no tests collected" (5) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

PYTHON="${PYTHON:-python3}"
say() { printf '== %s\n' "$*"; }

# Debian packages the tests need, when missing.
apt_failed=0
missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then apt=(sudo env DEBIAN_FRONTEND=noninteractive apt-get)
    else apt=(); fi
    if [ "${#apt[@]}" -gt 0 ]; then
        say "apt-get install ${missing[*]}"
        if ! { "${apt[@]}" update -q && "${apt[@]}" install -y -q "${missing[@]}"; } </dev/null; then
            echo "error: apt-get install ${missing[*]} failed; running the tests anyway" >&2
            apt_failed=1
        fi
    else
        echo "warning: not root: cannot install ${missing[*]} (run: sudo bash scripts/test.sh);" \
             "the tests needing them will skip (fail under CI=true)" >&2
    fi
fi

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
if [ "$status" -eq 0 ] && [ "$apt_failed" -ne 0 ]; then
    echo "error: the tests passed, but installing ${missing[*]} failed" >&2
    exit 1
fi
exit "$status"
