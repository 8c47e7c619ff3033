"""Progress output: a one-line counter on a terminal only; nothing under CI or into a pipe."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

from reportsite.progress import Progress, interactive

REPO = Path(__file__).resolve().parent.parent


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counter_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = FakeTTY()
    assert interactive(stream)
    with Progress("rendering pages", 3, stream=stream, interval=0) as p:
        for _ in range(3):
            p.advance()
    out = stream.getvalue()
    assert "rendering pages" in out and "3/3" in out
    assert out.endswith("\r\x1b[K")  # the line is erased at the end


def test_nothing_under_ci_or_into_a_pipe(monkeypatch):
    for value in ("true", "1"):
        monkeypatch.setenv("CI", value)
        stream = FakeTTY()
        with Progress("x", 10, stream=stream, interval=0) as p:
            p.advance(10)
        assert stream.getvalue() == ""
    monkeypatch.delenv("CI")
    stream = io.StringIO()  # not a terminal
    with Progress("x", 10, stream=stream, interval=0) as p:
        p.advance(10)
    assert stream.getvalue() == ""


def _fixture_project(tmp_path: Path) -> None:
    """A project in `tmp_path`: this checkout's templates, theme and settings, the fixture reports as content/."""
    for name in ("templates", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(REPO / "tests" / "fixtures" / "site-content", tmp_path / "content")


def test_build_output_under_ci_is_the_summary_line_only(tmp_path):
    _fixture_project(tmp_path)
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--base-url", "https://example.org/a/"],
                          cwd=tmp_path, capture_output=True, text=True, env={"CI": "true", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith("built ")
    assert "\r" not in proc.stdout + proc.stderr


def _import_on_a_terminal(tmp_path: Path, files: int, env: dict) -> str:
    """What `build.py import` writes to stderr when stderr is a pseudo-terminal."""
    import os
    import pty

    raw = tmp_path / "raw"
    raw.mkdir(parents=True)
    seed = (REPO / "tests" / "fixtures" / "ingest" / "seeds" / "001_3186a304ea40dec5.txt").read_bytes()
    for i in range(files):  # the same report under other names: one file each, nothing special
        (raw / f"copy{i:03}.txt").write_bytes(seed)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "import", "--out", str(tmp_path / "out"), str(raw)],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower side closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    return seen.decode("utf-8", "replace")


def test_a_big_import_shows_a_counter_on_a_terminal_and_none_under_ci(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    shown = _import_on_a_terminal(tmp_path / "a", 60, env)
    assert "importing" in shown and "60/60" in shown and "\r\x1b[K" in shown
    assert "importing" not in _import_on_a_terminal(tmp_path / "b", 60, {**env, "CI": "true"})
    assert "importing" not in _import_on_a_terminal(tmp_path / "c", 10, env)  # small imports: no counter


def test_the_command_line_ends_at_once_with_its_status_and_everything_it_wrote(tmp_path):
    """build.py's run(): no interpreter teardown (atexit handlers do not run), yet stdout and stderr arrive whole."""
    _fixture_project(tmp_path)
    script = ("import atexit, sys; atexit.register(print, 'TEARDOWN'); sys.path.insert(0, sys.argv[1]);"
              " from reportsite.cli import run; run(sys.argv[2:])")
    env = {"CI": "true", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", script, str(REPO), "build"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("built ") and proc.stdout.endswith("\n") and "TEARDOWN" not in proc.stdout
    report = next((tmp_path / "content" / "reports").rglob("*.md"))
    report.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", script, str(REPO), "build"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert report.name in proc.stderr and proc.stderr.endswith("\n") and "TEARDOWN" not in proc.stdout
    assert (tmp_path / "site" / "index.html").is_file()  # the last good site stays


def test_under_a_profiler_the_command_line_ends_as_usual_so_the_profile_is_written(tmp_path):
    _fixture_project(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(tmp_path / "build.prof"), str(REPO / "build.py"), "build"],
                          cwd=tmp_path, capture_output=True, text=True, env={"CI": "true", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("built ")
    assert (tmp_path / "build.prof").stat().st_size > 0
