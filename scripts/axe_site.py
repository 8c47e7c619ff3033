"""axe-core on a built site's home, an agency, a year, a report and the search page, in Debian's Chromium.

    .venv/bin/python scripts/axe_site.py SITE_DIR

Prints every violation; exits 1 when any is serious or critical (2 when a tool is missing).
"""

from __future__ import annotations

import functools
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def pick_pages(site: Path) -> list[str]:
    def first(pattern: str) -> list[str]:
        found = sorted(p.relative_to(site).as_posix() for p in site.glob(pattern))
        return found[:1]

    return ["index.html", *first("agencies/*/index.html"), *first("years/*/index.html"),
            *first("reports/*/index.html"), "search/index.html"]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0], "index.html").is_file():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    site = Path(argv[0]).resolve()
    if not AXE_JS.is_file():
        print(f"axe_site: {AXE_JS} is missing (npm ci --ignore-scripts)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    serious = 0
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            ctx = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", headless=True,
                                                       args=CHROMIUM_ARGS)
            for rel in pick_pages(site):
                page = ctx.new_page()
                page.goto(base + rel, wait_until="load")
                page.evaluate(AXE_JS.read_text("utf-8") + "\n;0")  # not an inline <script>: the CSP forbids those
                violations = page.evaluate("""async () => (await axe.run(document)).violations.map(v =>
                    ({id: v.id, impact: v.impact, help: v.help, node: v.nodes[0].target.join(' '), count: v.nodes.length}))""")
                for v in violations:
                    serious += v["impact"] in ("serious", "critical")
                    print(f"{rel}: {v['id']} ({v['impact']}) x{v['count']}: {v['help']} - e.g. {v['node']}")
                print(f"axe: {rel}: {len(violations)} violation(s)")
                page.close()
            ctx.close()
    finally:
        server.shutdown()
    return 1 if serious else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
