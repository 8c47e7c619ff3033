"""The search index in a cached build (reportsite/search.py through `_Run.search_step`): a body edit makes again
only the search files it changes and keeps the others without reading them, the files are a cold build's byte
for byte, and a search file deleted or changed by hand is made again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportsite import build as buildmod
from reportsite import search

from test_cache import project as cache_project, run  # noqa: F401 - a fixture: content plus 40 generated reports


@pytest.fixture
def project(cache_project, monkeypatch):  # noqa: F811 - wraps the imported fixture
    """test_cache's project, with search blocks of 8 reports (several blocks)."""
    monkeypatch.setattr(search, "BLOCK", 8)
    monkeypatch.setenv("REPORTSITE_BENCH_WITHOUT", "stats")  # not what this is about; keeps the tests quick
    return cache_project


def search_tree(site: Path) -> dict[str, bytes]:
    folder = site / "search" / "data"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_search_as_cold(root: Path) -> None:
    shutil.rmtree(root / "cold-site", ignore_errors=True)
    run(root, "cold-site", use_cache=False)
    got, want = search_tree(root / "site"), search_tree(root / "cold-site")
    assert sorted(got) == sorted(want)
    assert [p for p in want if got[p] != want[p]] == []
    shutil.rmtree(root / "cold-site")


@pytest.fixture
def counted(monkeypatch):
    """How search_files was served: {"incremental": n, "full": n}."""
    counts = {"incremental": 0, "full": 0}
    real_inc, real_full = search._incremental, search._full

    def incremental(*a, **kw):
        out = real_inc(*a, **kw)
        counts["incremental"] += 1
        return out

    def full(*a, **kw):
        counts["full"] += 1
        return real_full(*a, **kw)

    monkeypatch.setattr(search, "_incremental", incremental)
    monkeypatch.setattr(search, "_full", full)
    return counts


def edit_one_body(root: Path) -> str:
    report = sorted((root / "content" / "reports").glob("20*-*.md"))[len(list((root / "content" / "reports").glob("20*-*.md"))) // 2]
    report.write_text(report.read_text("utf-8") + "\n新增的一段文字：依申请公开政府信息的答复期限。\n", "utf-8")
    return report.read_text("utf-8").split("slug: ", 1)[1].split("\n", 1)[0]


@pytest.mark.parametrize("jobs", [1, 2])
def test_body_edit_makes_again_only_what_it_changes(project, counted, monkeypatch, jobs):
    monkeypatch.setattr(buildmod, "PARALLEL_MIN", 5)  # jobs=2: rendered in the pool, search files staged by workers
    run(project, jobs=jobs)
    assert counted == {"incremental": 0, "full": 1}
    before = {p: os.stat(project / "site" / p) for p in search_tree(project / "site")}
    edit_one_body(project)
    digests = []
    real_digest = buildmod.digest
    monkeypatch.setattr(buildmod, "digest", lambda data: digests.append(data) or real_digest(data))
    result = run(project, jobs=jobs)
    assert counted == {"incremental": 1, "full": 1}
    after = search_tree(project / "site")
    rewritten = {p for p in after if p not in before or os.stat(project / "site" / p).st_ino != before[p].st_ino}
    assert "search/data/m.js" in rewritten and any(p.startswith("search/data/t/") for p in rewritten)
    assert len(rewritten) < 20 and set(rewritten) <= set(result.written_paths)
    (doc,) = {p.rsplit("/", 1)[1].split(".")[0] for p in rewritten if p.startswith("search/data/t/")}
    its_parts = {p for p in after if p.startswith("search/data/t/") and p.rsplit("/", 1)[1].split(".")[0] == doc}
    hashed = {bytes(d) for d in digests} & set(after.values())
    assert hashed <= {after[p] for p in rewritten | its_parts}  # the other search files are neither read nor hashed
    assert_search_as_cold(project)


def test_search_file_deleted_or_changed_by_hand_is_made_again(project, counted):
    run(project)
    site = project / "site"
    files = search_tree(site)
    part = sorted(p for p in files if p.startswith("search/data/t/"))[5]
    shard = sorted(p for p in files if p.startswith("search/data/p/"))[1]
    (site / part).unlink()
    (site / shard).write_bytes(b"vandalised")
    result = run(project)
    assert (site / part).read_bytes() == files[part] and (site / shard).read_bytes() == files[shard]
    assert set(result.written_paths) == {part, shard}
    # and together with a body edit (the incremental path)
    (site / part).unlink()
    edit_one_body(project)
    run(project)
    assert (site / part).is_file() and counted["incremental"] >= 1
    assert_search_as_cold(project)


def test_reports_added_removed_and_titles_changed(project, counted):
    run(project)
    reports = sorted((project / "content" / "reports").glob("20*-*.md"))
    text = reports[3].read_text("utf-8")
    reports[3].write_text(text.replace("title: ", "title: 修订后的", 1), "utf-8")
    run(project)
    assert counted["incremental"] == 1
    assert_search_as_cold(project)
    reports[7].unlink()
    run(project)
    assert_search_as_cold(project)
    shutil.copy(reports[8], project / "content" / "reports" / "2099-copy.md")
    copy = (project / "content" / "reports" / "2099-copy.md")
    copy.write_text(copy.read_text("utf-8").replace("slug: ", "slug: copy-", 1), "utf-8")
    run(project)
    assert_search_as_cold(project)


def test_lost_search_cache_is_rebuilt(project, counted):
    run(project)
    for path in (project / ".cache").rglob("*.search*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    edit_one_body(project)
    run(project)
    assert counted == {"incremental": 0, "full": 2}
    assert_search_as_cold(project)
    edit_one_body(project)
    run(project)
    assert counted["incremental"] == 1
    assert_search_as_cold(project)
