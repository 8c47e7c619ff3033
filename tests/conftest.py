"""Shared fixtures: built sites, the Nu HTML checker, an HTTP server and Debian's Chromium.

- ``fixture_site``: ``tests/fixtures/site-content`` built once per session (``python build.py``).
- ``deployed_site``: the same built with ``--base-url https://reportsite.example/archive/``.
- ``archive_site``: the real archive ``content/`` built once per session (skipped when empty).
- ``run_vnu(site)``: Nu HTML checker errors of every page of a site.
- ``served(site)``: a context manager serving any folder the same way (``serve`` is its generator form).
- ``site_server``: ``fixture_site`` served over http://127.0.0.1:PORT/archive/ (a sub-path, like
  GitHub Pages project sites; missing files get ``404.html`` with status 404, like GitHub Pages).
- ``browser``: a Playwright persistent context of Debian's ``/usr/bin/chromium`` (never a downloaded one).
- ``watch(page)``: records console errors, uncaught exceptions, failed requests, HTTP errors and every
  request that leaves this machine; ``assert_clean()`` fails with the list.

Under CI=true a missing tool (java, vnu.jar, chromium) fails the tests that need it; elsewhere it skips them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "site-content"
ARCHIVE_CONTENT = REPO / "content"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SUB_PATH = "/archive/"  # the HTTP server serves the site here, not at the root


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_tool(reason: str) -> None:
    """Skip on a developer's machine; under CI=true a missing tool is a failure."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(reason)


# ---------------------------------------------------------------- building


def build_site(content: Path, site: Path, *extra: str, timeout: float = 1200) -> subprocess.CompletedProcess[str]:
    """`python build.py build --content CONTENT --site SITE …` from the repo root; fails the test on error."""
    cmd = [sys.executable, "build.py", "build", "--content", str(content), "--site", str(site), "--no-cache", *extra]
    run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if run.returncode != 0:
        pytest.fail(f"build failed (exit {run.returncode}): {' '.join(cmd)}\n--- stdout\n{run.stdout[-4000:]}"
                    f"\n--- stderr\n{run.stderr[-4000:]}", pytrace=False)
    if not (site / "index.html").is_file():
        pytest.fail(f"build wrote no {site}/index.html", pytrace=False)
    return run


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test content built once per session; treat it as read-only."""
    if not (FIXTURE_CONTENT / "reports").is_dir():
        pytest.fail(f"no test content in {FIXTURE_CONTENT}/reports", pytrace=False)
    site = tmp_path_factory.mktemp("fixture-site") / "site"
    build_site(FIXTURE_CONTENT, site)
    return site


PUBLIC_BASE_URL = "https://reportsite.example/archive/"  # a deployed build's --base-url (path = SUB_PATH)


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test content built as for GitHub Pages: `--base-url https://…/archive/` (404.html gets <base href>)."""
    if not (FIXTURE_CONTENT / "reports").is_dir():
        pytest.fail(f"no test content in {FIXTURE_CONTENT}/reports", pytrace=False)
    site = tmp_path_factory.mktemp("deployed-site") / "site"
    build_site(FIXTURE_CONTENT, site, "--base-url", PUBLIC_BASE_URL)
    return site


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive built once per session; skipped when content/reports has no report."""
    if os.environ.get("REPORTSITE_SKIP_ARCHIVE_TESTS"):
        pytest.skip("REPORTSITE_SKIP_ARCHIVE_TESTS is set: .ci/run builds and checks content/ itself after the tests")
    if not any((ARCHIVE_CONTENT / "reports").glob("*.md")):
        pytest.skip("content/reports/ has no report yet")
    site = tmp_path_factory.mktemp("archive-site") / "site"
    build_site(ARCHIVE_CONTENT, site)
    return site


# ---------------------------------------------------------------- Nu HTML checker

_GNU_LINE = re.compile(r"^(?P<file>.*?):(?P<where>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?): (?P<msg>.*)$")


def vnu_available() -> None:
    if shutil.which("java") is None:
        missing_tool("java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing_tool(f"{VNU_JAR.relative_to(REPO)} is missing (npm ci --ignore-scripts)")


def run_vnu(site: Path, css: bool = False) -> list[str]:
    """Nu HTML checker errors for every HTML file under `site` (or with css=True, every CSS file),
    as 'relpath:line.col: message'."""
    vnu_available()
    if css:
        files = sorted(site.rglob("*.css"))
        if not files:
            return []
        what = ["--css", *map(str, files)]  # given one by one: a folder walk would check HTML as CSS
    else:
        assert sorted(site.rglob("*.html")), f"no HTML file under {site}"
        what = ["--skip-non-html", str(site)]
    cmd = ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", "--stdout", *what]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    errors = []
    for line in run.stdout.splitlines() + run.stderr.splitlines():
        if not line.strip():
            continue
        m = _GNU_LINE.match(line)
        if m:
            path = Path(unquote(urlsplit(m["file"].strip('"')).path))
            shown = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
            errors.append(f"{shown}:{m['where']}: {m['msg']}")
        else:
            errors.append(line)
    if run.returncode != 0 and not errors:
        errors.append(f"vnu exited {run.returncode} without messages: {' '.join(cmd)}")
    return errors


# ---------------------------------------------------------------- HTTP server


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under SUB_PATH only; a missing file gets 404.html with status 404 (GitHub Pages)."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".xml": "application/xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        self.server.log.append(format % args)  # type: ignore[attr-defined]

    def send_head(self):
        if not (urlsplit(self.path).path + "/").startswith(SUB_PATH):
            self.send_error(404)  # outside the sub-path: nothing is served there
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path(path[len(SUB_PATH) - 1:])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class SiteServer:
    site: Path
    base_url: str  # http://127.0.0.1:PORT/archive/
    log: list[str]

    def url(self, rel: str = "index.html") -> str:
        return self.base_url + rel


def serve(site: Path) -> Iterator[SiteServer]:
    """Generator: serve `site` under SUB_PATH until closed (use with `yield from` in a fixture)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(site)))
    server.daemon_threads = True
    server.log = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(site, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}", server.log)  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


served = contextlib.contextmanager(serve)
served.__doc__ = """`with served(site) as server:` serve `site` at server.base_url (http://127.0.0.1:PORT/archive/)."""


@pytest.fixture(scope="session")
def site_server(fixture_site: Path) -> Iterator[SiteServer]:
    """`fixture_site` over http://127.0.0.1:PORT/archive/."""
    yield from serve(fixture_site)


@pytest.fixture(scope="session")
def deployed_server(deployed_site: Path) -> Iterator[SiteServer]:
    """`deployed_site` over http://127.0.0.1:PORT/archive/, as GitHub Pages would serve it."""
    yield from serve(deployed_site)


# ---------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Debian's Chromium, headless, in a persistent context with a fresh profile (a BrowserContext)."""
    if not os.path.isfile(CHROMIUM) or not os.access(CHROMIUM, os.X_OK):
        missing_tool(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright is not installed (pip install -e '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(30_000)
        # Nothing may leave this machine: requests elsewhere are aborted (and reported by watch()).
        context.route(lambda url: not is_local(url), lambda route: route.abort("blockedbyclient"))
        try:
            yield context
        finally:
            context.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about", "chrome-error", "devtools"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in ("127.0.0.1", "localhost", "::1")


@dataclass
class PageWatch:
    """What went wrong on one page (tab) since watch() was called."""

    problems: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def assert_clean(self, what: str = "") -> None:
        assert not self.problems, f"{what}: " * bool(what) + "problems in the browser:\n  " + "\n  ".join(self.problems)

    def clear(self) -> None:
        self.problems.clear()


def _browser_favicon(url: str) -> bool:
    """Chromium asks http://host/favicon.ico by itself when a page declares no icon."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.path == "/favicon.ico"


def watch(page) -> PageWatch:
    """Record console errors, uncaught exceptions, failed requests, HTTP errors and non-local requests of `page`."""
    seen = PageWatch()

    def on_console(msg) -> None:
        if msg.type in ("error", "assert"):
            loc = msg.location or {}
            if _browser_favicon(loc.get("url", "")):
                return
            seen.add(f"console {msg.type}: {msg.text} [{loc.get('url', '')}:{loc.get('lineNumber', '')}]")

    def on_request(request) -> None:
        if not is_local(request.url):
            seen.add(f"request leaves this machine: {request.method} {request.url}")

    def on_failed(request) -> None:
        if not _browser_favicon(request.url):
            seen.add(f"request failed: {request.method} {request.url} ({request.failure})")

    def on_response(response) -> None:
        if response.status >= 400 and not _browser_favicon(response.url):
            seen.add(f"HTTP {response.status}: {response.request.method} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: seen.add(f"uncaught exception: {exc}"))
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return seen


@pytest.fixture
def new_page(browser):
    """A fresh tab and its PageWatch: `page, seen = new_page()`; every tab is closed after the test."""
    pages = []

    def make():
        page = browser.new_page()
        pages.append(page)
        return page, watch(page)

    yield make
    for page in pages:
        page.close()


def run_axe(page) -> list[dict]:
    """axe-core violations on the current page: [{'id', 'impact', 'help', 'nodes': [selector, …]}]."""
    if not AXE_JS.is_file():
        missing_tool(f"{AXE_JS.relative_to(REPO)} is missing (npm ci --ignore-scripts)")
    # Evaluated through the DevTools protocol, not added as an inline <script>: the site's
    # Content-Security-Policy (script-src 'self') rightly blocks inline scripts.
    page.evaluate(AXE_JS.read_text("utf-8") + "\n;0")
    return page.evaluate("""async () => (await axe.run(document)).violations.map(v =>
        ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ (git-ignored): screenshots for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
