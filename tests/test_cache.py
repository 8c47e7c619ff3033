"""The build cache never serves a stale page: after every kind of edit, the cached build writes
exactly what a cold build writes, and rewrites only the files whose bytes changed."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from reportsite import build as buildmod
from reportsite import cache as cachemod
from reportsite.build import MANIFEST, Project, build, render_site
from reportsite.config import load_settings
from reportsite.content import load_reports

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site-content"


def _corpus():
    if "bench_corpus" in sys.modules:
        return sys.modules["bench_corpus"]
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Fixture content plus 40 generated reports (so agencies have many reports), run from its root."""
    for name in ("templates", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    _corpus().generate(tmp_path / "gen", 40, seed=5)
    for path in (tmp_path / "gen" / "reports").glob("*.md"):
        shutil.move(str(path), tmp_path / "content" / "reports" / path.name)
    shutil.rmtree(tmp_path / "gen")
    monkeypatch.chdir(tmp_path)
    old = time.time() - 60  # nothing is "racy" (modified just before the build reads it) unless a test makes it so
    for path in (tmp_path / "content").rglob("*"):
        os.utime(path, (old, old))
    return tmp_path


def settings(root: Path):
    return load_settings(root / "pyproject.toml")


def proj(root: Path, site: str = "site") -> Project:
    return Project(content=Path("content"), site=Path(site), templates=root / "templates", theme=root / "theme", root=root)


def run(root: Path, site: str = "site", **kw):
    result = build(proj(root, site), settings(root), **kw)
    assert not result.problems, result.problems
    return result


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def assert_same_as_cold(root: Path) -> None:
    """The cached build's site equals a cold build (no cache, empty folder) and the reference renderer."""
    cold = root / "cold-site"
    shutil.rmtree(cold, ignore_errors=True)
    run(root, "cold-site", use_cache=False)
    got, want = tree(root / "site"), tree(cold)
    assert sorted(got) == sorted(want)
    different = [p for p in want if got[p] != want[p]]
    assert not different, different[:10]
    reference = render_site(load_reports(Path("content")).reports, settings(root), proj(root))
    assert {p: d for p, d in got.items() if p != MANIFEST} == reference
    shutil.rmtree(cold)


def changed_files(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {p for p in after if before.get(p) != after[p]} | (set(before) - set(after))


def age(path: Path, seconds: float = 60) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_no_change_rebuild_renders_and_writes_nothing(project):
    first = run(project)
    assert first.written > 0 and first.rendered > 0
    before = mtimes(project / "site")
    again = run(project)
    assert (again.read, again.rendered, again.written, again.removed) == (0, 0, 0, 0)
    assert mtimes(project / "site") == before
    assert_same_as_cold(project)


def test_body_edit_rewrites_only_what_depends_on_it(project):
    run(project)
    before = mtimes(project / "site")
    report = sorted((project / "content" / "reports").glob("20*-*.md"))[-1]
    text = report.read_text("utf-8")
    report.write_text(text + "\n新增的一段文字，用于检验增量构建。\n", "utf-8")
    result = run(project)
    assert result.read == 1
    changed = changed_files(before, mtimes(project / "site"))
    slug = text.split("slug: ", 1)[1].split("\n", 1)[0]
    assert f"reports/{slug}/index.html" in changed
    pages = {p for p in changed if p.endswith(".html")}
    # its page, and pages whose statistics or data depend on its body; never unrelated report pages
    assert all(slug in p or not p.startswith("reports/") or "/diff/" in p for p in pages), pages
    assert not any(p.startswith(("theme/", "raw/")) for p in changed), changed
    assert_same_as_cold(project)


def test_front_matter_edit(project):
    run(project)
    report = sorted((project / "content" / "reports").glob("20*-*.md"))[0]
    text = report.read_text("utf-8")
    report.write_text(text.replace("\ntitle: ", "\ntitle: 改过的", 1), "utf-8")
    result = run(project)
    assert result.read == 1
    assert_same_as_cold(project)


def test_add_and_delete_reports(project):
    run(project)
    reports = project / "content" / "reports"
    victim = sorted(reports.glob("20*-*.md"))[3]
    slug = victim.read_text("utf-8").split("slug: ", 1)[1].split("\n", 1)[0]
    victim.unlink()
    new = reports / "2030-new-report.md"
    new.write_text("---\ntitle: 新报告\nagency: 湖南省公安厅\nregion: 湖南省\nyear: 2025\nslug: 2025-new-report\n---\n## 一、概述\n\n正文。\n", "utf-8")
    result = run(project)
    assert result.removed >= 1
    assert not (project / "site" / "reports" / slug).exists()
    assert (project / "site" / "reports" / "2025-new-report" / "index.html").is_file()
    assert_same_as_cold(project)


def test_template_edit_rerenders_only_pages_using_it(project):
    run(project)
    before = mtimes(project / "site")
    template = project / "templates" / "year.html"
    template.write_text(template.read_text("utf-8").replace("{% block main %}", "{% block main %}<!-- edited -->", 1), "utf-8")
    result = run(project)
    changed = changed_files(before, mtimes(project / "site"))
    assert changed and all(p.startswith("years/") and p != "years/index.html" for p in changed), changed
    years = sum(1 for p in tree(project / "site") if p.startswith("years/") and p != "years/index.html")
    assert result.rendered == years
    assert_same_as_cold(project)


def test_base_template_edit_rerenders_every_page(project):
    run(project)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text("utf-8").replace("</footer>", "<!-- edited --></footer>", 1), "utf-8")
    result = run(project)
    html = [p for p in tree(project / "site") if p.endswith(".html")]
    assert result.rendered >= len(html) - 1
    assert_same_as_cold(project)


def test_theme_edit_copies_only_that_file(project):
    run(project)
    before = mtimes(project / "site")
    css = project / "theme" / "style.css"
    css.write_text(css.read_text("utf-8") + "\n/* edited */\n", "utf-8")
    result = run(project)
    assert result.rendered == 0
    assert changed_files(before, mtimes(project / "site")) == {"theme/style.css"}
    assert_same_as_cold(project)


def test_settings_edit(project):
    run(project)
    config = project / "pyproject.toml"
    text = config.read_text("utf-8")
    assert 'title = "政府信息公开年度报告档案"' in text
    config.write_text(text.replace('title = "政府信息公开年度报告档案"', 'title = "另一个标题"', 1), "utf-8")
    result = run(project)
    assert result.rendered > 0
    assert "另一个标题" in (project / "site" / "index.html").read_text("utf-8")
    assert_same_as_cold(project)


def test_same_size_edit_with_restored_mtime_is_seen(project):
    """mtime put back by a tool (cp -p, git) and the same size: the inode change time still tells."""
    run(project)
    report = sorted((project / "content" / "reports").glob("20*-*.md"))[1]
    st = report.stat()
    text = report.read_text("utf-8")
    i = text.index("\n---\n") + 5
    swapped = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    report.write_text(swapped, "utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    result = run(project)
    assert result.read == 1
    assert_same_as_cold(project)


def test_racy_file_is_checked_again(project):
    """A file modified just before a build read it is re-read by the next build even if its stat looks the same."""
    run(project)
    report = sorted((project / "content" / "reports").glob("20*-*.md"))[2]
    report.write_text(report.read_text("utf-8") + "\n补充。\n", "utf-8")  # modified now: racy when read
    assert run(project).read == 1
    assert run(project).read == 1  # checked again (by digest), found unchanged
    age(report)
    assert run(project).read == 1  # stat changed (utime): read once more
    assert run(project).read == 0


def test_output_changed_by_hand_is_restored(project):
    run(project)
    index = project / "site" / "index.html"
    good = index.read_bytes()
    index.write_bytes(b"vandalised")
    (project / "site" / "theme" / "style.css").unlink()
    result = run(project)
    assert index.read_bytes() == good
    assert (project / "site" / "theme" / "style.css").is_file()
    assert result.written == 2
    assert_same_as_cold(project)


def test_failed_build_writes_nothing_and_keeps_the_cache(project):
    run(project)
    store = cachemod.Store(project, Path("content"), Path("site"))
    cache_before = store.path.read_bytes()
    before = tree(project / "site")
    bad = project / "content" / "reports" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\n正文\n", "utf-8")
    result = build(proj(project), settings(project))
    assert result.problems
    assert tree(project / "site") == before
    assert store.path.read_bytes() == cache_before
    template = project / "templates" / "report.html"
    bad.unlink()
    template.write_text(template.read_text("utf-8") + "{% if %}", "utf-8")
    with pytest.raises(Exception):
        build(proj(project), settings(project))
    assert tree(project / "site") == before
    assert store.path.read_bytes() == cache_before


def test_code_version_change_ignores_the_cache(project, monkeypatch):
    run(project)
    monkeypatch.setattr(cachemod, "code_version", lambda: "another version")
    result = run(project)
    assert result.read > 0 and result.rendered > 0  # everything again …
    assert result.written == 0  # … but the same bytes: nothing rewritten
    assert_same_as_cold(project)


def test_no_cache_option_rebuilds_everything(project):
    run(project)
    before = mtimes(project / "site")
    result = run(project, use_cache=False)
    assert result.rendered > 0 and result.written == 0
    assert mtimes(project / "site") == before


def test_body_edit_compares_only_the_pairs_it_is_in(project, monkeypatch):
    """Repetition shares and side-by-sides are kept per pair of bodies: an edit compares at most two pairs."""
    from reportsite.stats import buildstep

    compared: list = []
    real = buildstep.compare_pairs
    monkeypatch.setattr(buildstep, "compare_pairs", lambda items: compared.extend(items) or real(items))
    run(project, jobs=1)
    assert len(compared) >= 5
    previous_bodies = {a for _, a, _ in compared}
    compared.clear()
    # a report that is another's previous one (and perhaps has a previous one itself): one or two pairs
    middle = next(p for p in sorted((project / "content" / "reports").glob("*.md"))
                  if any(p.read_text("utf-8").endswith(b) for b in previous_bodies if b))
    middle.write_text(middle.read_text("utf-8") + "\n新增的一段文字，用于检验增量构建。\n", "utf-8")
    run(project, jobs=1)
    assert 1 <= len(compared) <= 2, [(k, len(a), len(b)) for k, a, b in compared]
    compared.clear()
    assert_same_as_cold(project)


def test_parallel_build_equals_serial(project, monkeypatch):
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    monkeypatch.setattr(buildmod, "CHUNK", 7)
    monkeypatch.setattr(buildmod, "PAIRS_PARALLEL_MIN", 2)  # report pairs compared in the pool too
    monkeypatch.setattr(buildmod, "PAIRS_CHUNK", 3)
    import reportsite.search as searchmod

    handed: list = []
    real_iter_files = searchmod.iter_files

    def spy(entries, **options):
        handed.extend(type(e.text).__name__ for e in entries)
        return real_iter_files(entries, **options)

    monkeypatch.setattr(searchmod, "iter_files", spy)
    run(project, jobs=2)
    # the workers of a cold build spooled the texts for search: this process held where they are, not the texts
    assert handed and set(handed) == {"SpooledText"}
    assert not list(project.glob(".site.reportsite-stage-*")) and not list((project / "site").glob(".reportsite-texts*"))
    parallel = tree(project / "site")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    run(project, jobs=1)
    assert tree(project / "site") == parallel
    # parallel rebuild after a template edit, with reports the workers did not parse themselves
    template = project / "templates" / "report.html"
    template.write_text(template.read_text("utf-8").replace("</article>", "<!-- p --></article>", 1), "utf-8")
    run(project, jobs=2)
    assert_same_as_cold(project)


def test_bodies_rendered_ahead_give_the_same_site(project, monkeypatch):
    """Workers render held bodies while idle; here every held body is rendered ahead (before the pages), so every
    page of the cold build takes that path, spooled text and all, and the site must be the serial build's."""
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    monkeypatch.setattr(buildmod, "CHUNK", 7)
    real_setup = buildmod._HANDLERS["setup"]

    def setup_after_rendering_ahead(state, payload):
        while state.prerender_one():
            pass
        if state.reports and not state.bodies:  # raised in the worker, the build fails with it
            raise AssertionError("no body was rendered ahead")
        return real_setup(state, payload)

    monkeypatch.setitem(buildmod._HANDLERS, "setup", setup_after_rendering_ahead)
    run(project, jobs=2)  # the workers are forked after the patch: they run it
    parallel = tree(project / "site")
    monkeypatch.setitem(buildmod._HANDLERS, "setup", real_setup)
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    run(project, jobs=1)
    assert tree(project / "site") == parallel


def test_pages_of_reports_another_worker_holds_give_the_same_site(project, monkeypatch):
    """Worker 0 parses every file; worker 1, with no report of its own, takes chunks of worker 0's pages and reads
    those reports again (their bodies were rendered ahead and spooled by worker 0): the site is the serial build's."""
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    monkeypatch.setattr(buildmod, "CHUNK", 4)
    real_run = buildmod._Pool.run
    rendered_by: list[int] = []

    def run_all_parsed_by_worker_0(self, cmd, own, shared, on_result=None, steal=False):
        if cmd == "parse":
            own, shared = [[chunk for chunks in own for chunk in chunks] + list(shared)], []
        results = real_run(self, cmd, own, shared, on_result, steal)
        if cmd == "render":
            rendered_by.extend(sum(len(answer) for answer in worker) for worker in results)
        return results

    monkeypatch.setattr(buildmod._Pool, "run", run_all_parsed_by_worker_0)
    run(project, jobs=2)
    assert len(rendered_by) == 2 and rendered_by[1] > 0, rendered_by
    parallel = tree(project / "site")
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache")
    run(project, jobs=1)
    assert tree(project / "site") == parallel


def test_parallel_worker_error_writes_nothing(project, monkeypatch):
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    run(project, jobs=1)
    before = tree(project / "site")
    template = project / "templates" / "report.html"
    template.write_text(template.read_text("utf-8").replace("{{ report.title }}", "{{ report.no_such_key }}", 1), "utf-8")
    from reportsite.render import TemplateProblem

    with pytest.raises(TemplateProblem):
        build(proj(project), settings(project), jobs=2)
    assert tree(project / "site") == before
    assert not list(project.glob(".site.reportsite-stage-*"))  # the staging folder is gone too


def test_cold_parallel_build_with_problems_leaves_no_staging_folder(project, monkeypatch):
    """A cold parallel build makes its staging folder (and the texts' spool in it) before it reads the files: a
    report with a problem then stops the build, and neither the folder nor a site is left."""
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    bad = next((project / "content" / "reports").glob("*.md"))
    bad.write_text("---\ntitle: [unclosed\n---\n正文。\n", "utf-8")
    result = build(proj(project), settings(project), jobs=2)
    assert result.problems and any(p.path.endswith(bad.name) for p in result.problems)
    assert not (project / "site").exists()
    assert not list(project.glob(".site.reportsite-stage-*"))


def test_new_site_is_staged_then_renamed_into_place(project, monkeypatch):
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)
    result = run(project, jobs=2)
    assert result.written == len(tree(project / "site")) - 1  # every file but the manifest
    assert not list(project.glob(".site.reportsite-stage-*"))
    assert oct((project / "site" / "index.html").stat().st_mode & 0o777) == "0o644"
    # the manifest came with the staging folder (written once): it lists every file, so the next build removes
    # what is gone
    listed = json.loads((project / "site" / MANIFEST).read_text("utf-8"))["files"]
    assert sorted(listed) == sorted(set(tree(project / "site")) - {MANIFEST})
    again = run(project, jobs=2)
    assert (again.read, again.rendered, again.written) == (0, 0, 0)
    assert_same_as_cold(project)
    sorted((project / "content" / "reports").glob("*.md"))[0].unlink()
    assert run(project, jobs=2).removed >= 1  # its page and search files: no file of it is left (below)
    assert_same_as_cold(project)


def test_stale_staging_folder_of_a_killed_build_is_removed(project):
    dead = project / ".site.reportsite-stage-999999999-0"
    (dead / "reports").mkdir(parents=True)
    run(project)
    assert not dead.exists()


def test_cache_lives_outside_the_site_and_is_ignored_by_git(project):
    run(project)
    assert not any(".cache" in p or p.endswith(".pickle") for p in tree(project / "site"))
    caches = list((project / ".cache").rglob("*.pickle"))
    assert caches
    ignored = (REPO / ".gitignore").read_text("utf-8").splitlines()
    assert "/.cache/" in ignored or ".cache/" in ignored


def test_scan_lists_what_the_loader_lists(project):
    from reportsite.content import report_files

    reports = project / "content" / "reports"
    (reports / "sub").mkdir()
    shutil.copy(next(reports.glob("20*.md")), reports / "sub" / "z-copy.md")
    (reports / "notes.txt").write_text("x")
    (reports / ".hidden.md").write_text("x")
    (reports / "Upper.MD").write_text("x")
    found = buildmod.scan_reports(Path("content"))
    expected = report_files(Path("content"))
    assert [(f.path, f.problem) for f in found] == expected


def test_raw_file_edit_and_theme_file_removal(project):
    run(project)
    before = mtimes(project / "site")
    raw = next((project / "content" / "raw").iterdir())
    raw.write_bytes(raw.read_bytes() + b"\n")
    (project / "theme" / "favicon.svg").unlink()
    result = run(project)
    assert result.rendered == 0
    assert changed_files(before, mtimes(project / "site")) == {f"raw/{raw.name}", "theme/favicon.svg", MANIFEST}
    assert not (project / "site" / "theme" / "favicon.svg").exists()
    assert (project / "site" / "raw" / raw.name).read_bytes() == raw.read_bytes()


def test_parts_left_out_for_measurements_are_part_of_the_key(project, monkeypatch):
    monkeypatch.setenv("REPORTSITE_BENCH_WITHOUT", "search,stats")
    run(project)
    assert not (project / "site" / "search" / "data").exists()
    monkeypatch.delenv("REPORTSITE_BENCH_WITHOUT")
    run(project)
    assert_same_as_cold(project)


def _w_echo_big(state, chunk):
    """A test command: a large answer for a large chunk (both far bigger than a pipe's buffer)."""
    if chunk[0] == "fail":
        raise ValueError("chunk failed on purpose")
    return [chunk[0], "答" * 300_000]


def test_pool_keeps_chunks_ahead_without_blocking_on_large_messages(monkeypatch):
    """_Pool.run sends each worker its next chunk before it has answered the last; with chunks and answers bigger
    than a pipe holds, that only works because the workers read their commands as they come."""
    import threading

    monkeypatch.setitem(buildmod._HANDLERS, "echo_big", _w_echo_big)
    pool = buildmod._Pool(2)
    runner = None
    try:
        chunks = [(i, "问" * 300_000) for i in range(9)]
        out: list = []
        runner = threading.Thread(target=lambda: out.append(pool.run("echo_big", [[chunks[0]]], chunks[1:])), daemon=True)
        runner.start()
        runner.join(60)
        assert not runner.is_alive(), "the pool deadlocked"
        results = out[0]
        assert sorted(r[0] for worker in results for r in worker) == list(range(9))
        assert results[0][0][0] == 0  # worker 0's own chunk first, its answers in the order sent
        assert all(len(r[1]) == 300_000 for worker in results for r in worker)
        # An error midway: raised once every chunk sent has been answered (the pipes stay in step for the next run).
        with pytest.raises(buildmod.BuildError, match="chunk failed on purpose"):
            pool.run("echo_big", [], [(1, ""), ("fail", ""), (3, ""), (4, ""), (5, "")])
        again = pool.run("echo_big", [], [(7, ""), (8, "")])
        assert sorted(r[0] for worker in again for r in worker) == [7, 8]
    finally:
        if runner is not None and runner.is_alive():  # deadlocked: stop the workers, or close() would wait on them
            for process, _ in pool.workers:
                process.kill()
        pool.close()


def _w_slow_pid(state, chunk):
    """A test command: which worker did the chunk (slowly, so that the other one runs out first)."""
    time.sleep(0.05)
    return (chunk, os.getpid())


def test_pool_steals_only_when_asked(monkeypatch):
    """All chunks are worker 0's own: with steal, worker 1 takes some of the last ones (each chunk done once, worker
    0's own in order); without, it takes none."""
    monkeypatch.setitem(buildmod._HANDLERS, "slow_pid", _w_slow_pid)
    pool = buildmod._Pool(2)
    try:
        pids = [p.pid for p, _ in pool.workers]
        results = pool.run("slow_pid", [list(range(12))], [], steal=True)
        assert sorted(c for worker in results for c, _ in worker) == list(range(12))
        assert {pid for c, pid in results[0]} == {pids[0]} and {pid for c, pid in results[1]} == {pids[1]}
        stolen = [c for c, _ in results[1]]
        assert stolen and min(stolen) >= 3  # the last chunks, never the two worker 0 had in its pipe
        assert [c for c, _ in results[0]] == sorted(c for c, _ in results[0])
        results = pool.run("slow_pid", [list(range(6))], [])
        assert [c for c, _ in results[0]] == list(range(6)) and results[1] == []
    finally:
        pool.close()


def test_the_cache_keeps_report_records_with_and_without_problems(tmp_path):
    """Store.save writes the reports' records marshalled (a record's problems pickled within) and Store.load
    gives back equal records, Problem objects included."""
    from reportsite.content import Problem

    store = cachemod.Store(tmp_path, Path("content"), Path("site"))
    state = cachemod.State(code=cachemod.code_version())
    good = cachemod.FileRecord((1, 2, 3, 4, 5), b"d" * 16, False, b"meta", (), b"m" * 16, b"b" * 16)
    bad = cachemod.FileRecord((6, 7, 8, 9, 10), b"e" * 16, True, None,
                              (Problem("content/reports/x.md", 3, "year: not a year"),), b"n" * 16, b"")
    state.files = {"a.md": good, "x.md": bad}
    store.save(state)
    assert state.files == {"a.md": good, "x.md": bad}  # the state saved is left as it was
    loaded = store.load()
    assert loaded is not None and loaded.files == {"a.md": good, "x.md": bad}
    assert list(loaded.files) == ["a.md", "x.md"] and type(loaded.files["x.md"]) is cachemod.FileRecord
    assert isinstance(loaded.files["x.md"].problems[0], Problem)
