"""`python build.py serve`: build, serve site/ on 127.0.0.1, rebuild on every change, reload open pages.

- The server serves files from site/ only: the request path is percent-decoded once, any `.`
  or `..` segment, backslash or NUL is refused, and the resolved file must lie inside site/
  (a symbolic link out of it is refused too).
- Every HTML page it serves gets one extra tag before `</body>`:
  `<script src="/__reportsite/reload.js"></script>`, a same-origin file, so the pages' CSP
  (`script-src 'self'`, `connect-src 'self'`) allows it. The script listens to
  `/__reportsite/events` (Server-Sent Events) and reloads the page after a rebuild that wrote
  files; after a failed build it shows the error over the page (the last good site is still
  what is served: a failed build writes nothing).
- content/, templates/, theme/ and the settings file are polled for changes; each change
  runs `build` in a child process (so a crash in a build cannot take the server down, and
  the build can use its worker pool); its output is passed through.
- Ctrl-C (or SIGTERM) stops it: the server closes its connections and exits with status 0.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import signal
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .content import display_path

PREFIX = "/__reportsite/"
POLL_SECONDS = 0.3
SETTLE_SECONDS = 0.15
_WRITTEN = re.compile(r"(\d+) files written")

RELOAD_JS = """// reportsite dev server: reload this page after each rebuild; show a failed build's error.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "reportsite-build-error";
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "1em 1.25em";
      s.background = "#fff4f4"; s.color = "#7a0000"; s.borderTop = "3px solid #c00000";
      s.font = "14px/1.5 monospace"; s.whiteSpace = "pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "构建失败（正在显示上一次成功构建的页面）\\nBuild failed (showing the last good build)\\n\\n" + text;
  }
  function hide() {
    if (box && box.parentNode) { box.parentNode.removeChild(box); }
    box = null;
  }
  var source = new EventSource("/__reportsite/events");
  source.addEventListener("reload", function () { window.location.reload(); });
  source.addEventListener("build-error", function (e) {
    try { show(JSON.parse(e.data).message); } catch (err) { show(String(e.data)); }
  });
  source.addEventListener("build-ok", hide);
})();
"""

TAG = b'<script src="/__reportsite/reload.js"></script>'


class ServeState:
    """What the browsers are told: the build generation and the last build's error, if any."""

    def __init__(self):
        self.lock = threading.Condition()
        self.generation = 0
        self.error: str | None = None
        self.stopping = False

    def publish(self, reload: bool, error: str | None) -> None:
        with self.lock:
            if reload:
                self.generation += 1
            self.error = error
            self.lock.notify_all()

    def stop(self) -> None:
        with self.lock:
            self.stopping = True
            self.lock.notify_all()


def safe_target(site: Path, url_path: str) -> Path | None:
    """The file or folder in `site` for a request path, or None when it would be outside site/."""
    path = unquote(urlsplit(url_path).path, errors="strict")
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    parts = path.split("/")[1:]
    if any(p in (".", "..") for p in parts):
        return None
    target = site.joinpath(*[p for p in parts if p])
    try:
        real = target.resolve(strict=False)
    except (OSError, RuntimeError):
        return None
    if real != site and site not in real.parents:
        return None
    return target


def make_handler(site: Path, state: ServeState):
    site = site.resolve()

    class Handler(BaseHTTPRequestHandler):
        server_version = "reportsite-serve"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # quiet: the build's own lines are what matter
            pass

        def do_HEAD(self) -> None:
            self.do_GET(head=True)

        def do_GET(self, head: bool = False) -> None:
            path = urlsplit(self.path).path
            if path == PREFIX + "reload.js":
                return self.send_bytes(RELOAD_JS.encode("utf-8"), "text/javascript; charset=utf-8", head)
            if path == PREFIX + "events":
                return self.events()
            if path == PREFIX + "status":
                with state.lock:
                    body = json.dumps({"generation": state.generation, "error": state.error}, ensure_ascii=False)
                return self.send_bytes(body.encode("utf-8"), "application/json; charset=utf-8", head)
            try:
                target = safe_target(site, self.path)
            except UnicodeDecodeError:
                target = None
            if target is None:
                return self.not_found(head)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not target.is_file():
                if path in ("/", "/index.html") and state.error:
                    return self.error_page(head)
                return self.not_found(head)
            try:
                data = target.read_bytes()
            except OSError:
                return self.not_found(head)
            ctype = content_type(target.name)
            if ctype.startswith("text/html"):
                data = inject(data)
            self.send_bytes(data, ctype, head)

        def send_bytes(self, data: bytes, ctype: str, head: bool = False, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(data)

        def not_found(self, head: bool) -> None:
            page = site / "404.html"
            if page.is_file():
                data = inject(page.read_bytes())
            else:
                data = b"<!DOCTYPE html><title>404</title><p>Not found.</p>"
            self.send_bytes(data, "text/html; charset=utf-8", head, status=404)

        def error_page(self, head: bool) -> None:
            with state.lock:
                message = state.error or ""
            data = ("<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>构建失败</title></head>"
                    f"<body><h1>构建失败 · Build failed</h1><pre>{html.escape(message)}</pre></body></html>").encode("utf-8")
            self.send_bytes(inject(data), "text/html; charset=utf-8", head, status=500)

        def events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with state.lock:
                seen = state.generation
                error = state.error
            try:
                self.send_event("build-error" if error else "build-ok", {"message": error or ""})
                while True:
                    with state.lock:
                        state.lock.wait_for(lambda: state.stopping or state.generation != seen or state.error != error,
                                            timeout=15)
                        if state.stopping:
                            return
                        generation, new_error = state.generation, state.error
                    if generation != seen:
                        seen = generation
                        error = new_error
                        self.send_event("reload", {"generation": generation})
                    elif new_error != error:
                        error = new_error
                        self.send_event("build-error" if error else "build-ok", {"message": error or ""})
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, OSError):
                return

        def send_event(self, name: str, data: dict) -> None:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8"))
            self.wfile.flush()

    return Handler


CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".jsonl": "application/x-ndjson; charset=utf-8",
    ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2",
}


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(posixpath.splitext(name)[1].lower(), "application/octet-stream")


def inject(page: bytes) -> bytes:
    """The page with the reload script tag before its last `</body>` (or at its end)."""
    at = page.rfind(b"</body>")
    return page[:at] + TAG + page[at:] if at >= 0 else page + TAG


# --- watching and rebuilding -------------------------------------------------------------------

def snapshot(paths: list[Path]) -> dict[str, tuple]:
    """(size, mtime, ctime) of every file under the watched paths."""
    out: dict[str, tuple] = {}
    for root in paths:
        if root.is_file():
            st = root.stat()
            out[str(root)] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
            continue
        stack = [str(root)]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    for entry in it:
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                stack.append(entry.path)
                            else:
                                st = entry.stat()
                                out[entry.path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
                        except OSError:
                            continue
            except OSError:
                continue
    return out


def build_command(args) -> list[str]:
    cmd = [sys.executable, "-c", "import sys; from reportsite.cli import main; sys.exit(main(sys.argv[1:]))",
           "build", "--content", str(args.content), "--site", str(args.site), "--config", str(args.config)]
    if args.base_url is not None:
        cmd += ["--base-url", args.base_url]
    return cmd


def rebuild(args, state: ServeState, first: bool = False) -> bool:
    """Run one build in a child process; tell the browsers. True when it succeeded."""
    started = time.perf_counter()
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run(build_command(args), capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    if proc.stdout:
        sys.stdout.write(proc.stdout)
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    if proc.returncode == 0:
        m = _WRITTEN.search(proc.stdout)
        wrote = bool(m and int(m.group(1))) or first
        state.publish(reload=wrote, error=None)
        return True
    message = "\n".join(line for line in proc.stderr.splitlines() if line.strip()) or f"build exited with status {proc.returncode}"
    state.publish(reload=False, error=message)
    print(f"serve: build failed after {time.perf_counter() - started:.2f} s; still serving the last good site"
          f" in {display_path(args.site)}/", file=sys.stderr, flush=True)
    return False


def run_serve(args) -> int:
    from .build import project_from_args

    project = project_from_args(args)
    watched = [project.content, project.templates, project.theme]
    if args.config.is_file():
        watched.append(args.config)
    state = ServeState()
    try:
        server = ThreadingHTTPServer((args.host, args.port), make_handler(args.site, state))
    except OSError as e:
        print(f"error: cannot listen on {args.host}:{args.port}: {e.strerror or e}; try another --port", file=sys.stderr)
        return 1
    server.daemon_threads = True
    host, port = server.server_address[:2]
    shown_host = f"[{host}]" if ":" in str(host) else host
    print(f"serving {display_path(args.site)}/ at http://{shown_host}:{port}/ — watching"
          f" {', '.join(display_path(p) for p in watched)}; Ctrl-C to stop", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on {args.host}: other machines can reach this server", file=sys.stderr, flush=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        seen = snapshot(watched)
        rebuild(args, state, first=True)  # meanwhile the last good site (if any) is already served
        interval = POLL_SECONDS
        while not stop.wait(interval):
            started = time.perf_counter()
            now = snapshot(watched)
            # At tens of thousands of files a scan takes tens of milliseconds: poll less often so the
            # watcher never takes more than about a tenth of a core.
            interval = max(POLL_SECONDS, 10 * (time.perf_counter() - started))
            if now == seen:
                continue
            while not stop.wait(SETTLE_SECONDS):  # let an editor finish saving
                settled = snapshot(watched)
                if settled == now:
                    break
                now = settled
            seen = now
            if not stop.is_set():
                rebuild(args, state)  # changes made during the build differ from `seen`: rebuilt next round
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        state.stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        print("serve: stopped", flush=True)
    return 0
