#!/usr/bin/env bash
# Build an archive and check the built site: valid HTML and CSS (Nu HTML checker), working links (linkcheck)
# and no serious or critical accessibility violation (axe-core in Chromium).
#
#   ./scripts/check_site.sh                       # content/ -> site/
#   ./scripts/check_site.sh CONTENT_DIR SITE_DIR [build options, e.g. --base-url https://…/]
#
# Needs .venv (./scripts/test.sh makes it), Java and node_modules/vnu-jar (npm ci --ignore-scripts).
# Exit status: 0 when the build and every check pass, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
content="${1:-content}"
site="${2:-site}"
shift $(( $# > 2 ? 2 : $# ))
py=.venv/bin/python
[ -x "$py" ] || py=python3
jar=node_modules/vnu-jar/build/dist/vnu.jar
failed=0
t0=$SECONDS

if [ ! -d "$content/reports" ]; then
    # A fresh clone has no content/reports/ until the first report is imported (git keeps no empty folder).
    echo "check_site: skipped: $content/reports/ does not exist (no archive to build yet)"
    exit 0
fi

echo "== build $content -> $site"
if ! "$py" build.py build --content "$content" --site "$site" "$@"; then
    echo "FAIL: build of $content" >&2
    exit 1
fi
pages=$(find "$site" -name '*.html' | wc -l)

echo "== Nu HTML checker: $pages pages, and the CSS"
if ! command -v java >/dev/null || [ ! -f "$jar" ]; then
    echo "FAIL: java or $jar is missing (apt-get install default-jre-headless; npm ci --ignore-scripts)" >&2
    failed=1
else
    # Messages go to stdout; exit status 1 on any error.
    if ! java -Xss8m -jar "$jar" --errors-only --format gnu --stdout --skip-non-html "$site"; then
        echo "FAIL: Nu HTML checker found errors in $site" >&2
        failed=1
    fi
    # CSS files one by one: a folder walk with --css would check the HTML pages as CSS.
    mapfile -t css < <(find "$site" -name '*.css' | sort)
    if [ "${#css[@]}" -gt 0 ] && ! java -jar "$jar" --errors-only --format gnu --stdout --css "${css[@]}"; then
        echo "FAIL: the CSS checker found errors in $site" >&2
        failed=1
    fi
fi

echo "== linkcheck"
if ! "$py" -m reportsite.linkcheck "$site"; then
    echo "FAIL: broken links in $site" >&2
    failed=1
fi

echo "== axe-core (home, an agency, a year, a report, search)"
if ! "$py" scripts/axe_site.py "$site"; then
    echo "FAIL: axe-core found serious or critical violations in $site (or could not run)" >&2
    failed=1
fi

if [ "$failed" -eq 0 ]; then
    echo "check_site: $content -> $site ($pages pages) ok in $(( SECONDS - t0 )) s"
fi
exit "$failed"
