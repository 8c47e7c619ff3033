"""`python build.py serve`: serves site/ only, rebuilds on change, reloads open pages, shows build errors, stops cleanly."""

from __future__ import annotations

import http.client
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site-content"
REPORT = "2019-hunan-gonganting"


@pytest.fixture
def project(tmp_path):
    for name in ("templates", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "secret.txt").write_text("outside the site\n")
    return tmp_path


class Server:
    def __init__(self, root: Path, *extra: str):
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        env["PYTHONUNBUFFERED"] = "1"
        self.proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", "0", *extra],
                                     cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                     stdin=subprocess.DEVNULL)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.base = self._wait_for_url()
        self.host = self.base.split("//", 1)[1].split("/", 1)[0]

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.log)
                continue
            if line.startswith("serving ") and " at http://" in line:
                return line.split(" at ", 1)[1].split(" ", 1)[0].rstrip("/")
        raise AssertionError("no 'serving … at http://…' line:\n" + "".join(self.log))

    def get(self, path: str) -> tuple[int, bytes]:
        """Raw request: the path is sent exactly as given (no client-side normalisation)."""
        conn = http.client.HTTPConnection(self.host, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def status(self) -> dict:
        return json.loads(self.get("/__reportsite/status")[1])

    def wait(self, predicate, what: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\n" + "".join(self.log))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


@pytest.fixture
def server(project):
    s = Server(project)
    s.wait(lambda: s.status()["generation"] >= 1, "the first build")
    yield s
    s.stop()


def page(server: Server) -> str:
    status, body = server.get(f"/reports/{REPORT}/index.html")
    assert status == 200
    return body.decode("utf-8")


def test_binds_localhost_and_serves_the_site_with_the_reload_script(server):
    assert server.host.startswith("127.0.0.1:")
    text = page(server)
    assert '<script src="/__reportsite/reload.js"></script></body>' in text
    assert "script-src 'self'" in text  # the page's CSP is kept: the reload script is a same-origin file
    status, js = server.get("/__reportsite/reload.js")
    assert status == 200 and b"EventSource" in js
    status, _ = server.get("/agencies")
    assert status == 301
    assert server.get("/agencies/")[0] == 200


@pytest.mark.parametrize("path", [
    "/../pyproject.toml", "/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
    "/reports/..%2f..%2fsecret.txt", "/reports/%2E%2E/%2E%2E/secret.txt", "/./../secret.txt", "/..\\secret.txt",
    "/%5c..%5csecret.txt", "/%00", "//secret.txt", "/theme/../../secret.txt", "/%252e%252e/secret.txt",
])
def test_serves_nothing_outside_the_site(server, path):
    status, body = server.get(path)
    assert status == 404, (path, status)
    assert b"outside the site" not in body


def test_symlink_out_of_the_site_is_refused(server, project):
    os.symlink(project / "secret.txt", project / "site" / "link.txt")
    status, body = server.get("/link.txt")
    assert status == 404 and b"outside the site" not in body


def test_edit_rebuilds_and_a_build_error_keeps_the_last_good_site(server, project):
    source = project / "content" / "reports" / f"{REPORT}.md"
    text = source.read_text("utf-8")
    generation = server.status()["generation"]
    source.write_text(text + "\n服务器测试新增的一句话。\n", "utf-8")
    server.wait(lambda: "服务器测试新增的一句话" in page(server), "the edited page")
    # The page is in place as soon as the build moves it in; the generation counts up when the build has exited.
    server.wait(lambda: server.status()["generation"] > generation, "the rebuild to be counted")

    bad = project / "content" / "reports" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\n正文\n", "utf-8")
    server.wait(lambda: server.status()["error"], "the build error")
    assert "broken.md" in server.status()["error"]
    assert "服务器测试新增的一句话" in page(server)  # still the last good site
    bad.unlink()
    server.wait(lambda: not server.status()["error"], "the error to clear")


def test_stops_cleanly_on_ctrl_c(project):
    s = Server(project)
    s.wait(lambda: s.status()["generation"] >= 1, "the first build")
    assert s.stop() == 0
    assert "serve: stopped" in "".join(s.log)
    with pytest.raises(OSError):
        urllib.request.urlopen(s.base + "/", timeout=2)


@pytest.mark.browser
def test_browser_reloads_by_itself_and_shows_a_build_error(server, project, new_page):
    page_, seen = new_page()
    page_.goto(f"{server.base}/reports/{REPORT}/index.html")
    page_.wait_for_function("() => !!window.EventSource")
    time.sleep(0.5)  # the event stream is open
    source = project / "content" / "reports" / f"{REPORT}.md"
    source.write_text(source.read_text("utf-8") + "\n浏览器自动刷新测试。\n", "utf-8")
    page_.wait_for_selector("text=浏览器自动刷新测试", timeout=90_000)  # no reload from here: the page reloaded itself
    bad = project / "content" / "reports" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\n正文\n", "utf-8")
    page_.wait_for_selector("#reportsite-build-error", timeout=90_000)
    assert "broken.md" in page_.inner_text("#reportsite-build-error")
    bad.unlink()
    page_.wait_for_selector("#reportsite-build-error", state="detached", timeout=90_000)
    # a reload aborts the page's open event stream: expected; anything else (a CSP violation…) is not
    seen.problems[:] = [p for p in seen.problems if not ("/__reportsite/events" in p and "ERR_ABORTED" in p)]
    seen.assert_clean("dev server page")
