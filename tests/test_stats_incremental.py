"""The statistics step redoes only what an edit changes, and still writes what a cold build writes, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.stats import buildstep, site as stats_site

from test_cache import assert_same_as_cold, changed_files, mtimes, project, run  # noqa: F401 - fixture


def _slug(path: Path) -> str:
    return path.read_text("utf-8").split("slug: ", 1)[1].split("\n", 1)[0]


def _middle_report(root: Path) -> Path:
    """An annual report that has a previous report and is the previous report of another one."""
    from reportsite.content import load_reports

    reports = load_reports(root / "content").reports
    previous = stats_site.previous_reports(reports)
    both = sorted(set(previous) & set(previous.values()))
    by_slug = {_slug(p): p for p in (root / "content" / "reports").glob("*.md")}
    return by_slug[both[0]]


@pytest.mark.parametrize("base_url", [None, "https://example.org/"])
def test_body_edit_rewrites_only_dependent_files_and_equals_cold(project, monkeypatch, base_url):
    if base_url:
        config = project / "pyproject.toml"
        config.write_text(config.read_text("utf-8").replace('base_url = ""', f'base_url = "{base_url}"', 1), "utf-8")
    run(project, jobs=1)
    report = _middle_report(project)
    slug = _slug(report)
    from reportsite.content import load_reports

    previous = stats_site.previous_reports(load_reports(project / "content").reports)
    following = sorted(s for s, p in previous.items() if p == slug)
    finalized: list = []
    real_finalize = buildstep.finalize
    monkeypatch.setattr(buildstep, "finalize", lambda *a, **k: finalized.append(a) or real_finalize(*a, **k))
    made: list = []
    real_diff = stats_site.encoded_diff_context
    monkeypatch.setattr(buildstep, "encoded_diff_context", lambda *a: made.append(a[0]["slug"]) or real_diff(*a))
    before = mtimes(project / "site")
    report.write_text(report.read_text("utf-8") + "\n新增的一段文字，其中收到申请12件。\n", "utf-8")
    result = run(project, jobs=1)
    assert result.read == 1
    assert len(finalized) == 1  # one report's statistics made again
    assert set(made) <= {slug, *following}  # only the side-by-sides it is in
    changed = changed_files(before, mtimes(project / "site"))
    allowed = {f"reports/{slug}/index.html", f"reports/{slug}/diff/index.html", "index.html", "data/index.html",
               "data/stats.csv", "data/reports-full.jsonl", ".reportsite-manifest.json"}
    allowed |= {f"reports/{s}/index.html" for s in following} | {f"reports/{s}/diff/index.html" for s in following}
    unexpected = {p for p in changed if p not in allowed and not p.startswith(("agencies/", "years/", "search/"))}
    assert not unexpected, unexpected
    assert len([p for p in changed if p.startswith("agencies/")]) <= 1
    assert len([p for p in changed if p.startswith("years/")]) <= 1
    assert "data/reports-full.jsonl" in changed and "data/reports.csv" not in changed
    assert_same_as_cold(project)
    # and once more, from the cache this build left
    report.write_text(report.read_text("utf-8") + "\n再补充一段。\n", "utf-8")
    run(project, jobs=1)
    assert_same_as_cold(project)


def test_front_matter_and_data_file_damage_are_redone(project):
    run(project, jobs=1)
    report = _middle_report(project)
    text = report.read_text("utf-8")
    report.write_text(text.replace("\ntitle: ", "\ntitle: 改过的", 1), "utf-8")
    run(project, jobs=1)
    assert_same_as_cold(project)
    (project / "site" / "data" / "stats.csv").write_bytes(b"damaged")
    (project / "site" / "data" / "reports-full.jsonl").unlink()
    diffs = sorted((project / "site" / "reports").glob("*/diff/index.html"))
    diffs[0].write_text("damaged", "utf-8")
    report.write_text(report.read_text("utf-8") + "\n又一段。\n", "utf-8")
    run(project, jobs=1)
    assert_same_as_cold(project)


def test_damaged_side_by_side_page_is_restored_on_a_no_stats_change(project):
    run(project, jobs=1)
    diffs = sorted((project / "site" / "reports").glob("*/diff/index.html"))
    good = diffs[-1].read_bytes()
    diffs[-1].write_text("damaged", "utf-8")
    run(project, jobs=1)
    assert diffs[-1].read_bytes() == good
    assert_same_as_cold(project)


def test_renamed_report_keeps_its_side_by_sides_without_comparing_again(project, monkeypatch):
    """A report whose slug changes (and nothing else): its pairs are the same two bodies as in the last build, under
    other slugs; their repetition shares and side-by-sides are taken from the cache (no body compared again), and
    the site is a cold build's."""
    run(project, jobs=1)
    report = _middle_report(project)
    slug = _slug(report)
    from reportsite.stats import similarity

    compared: list = []
    real_compare = similarity.compare
    monkeypatch.setattr(similarity, "compare", lambda a, b: compared.append((a, b)) or real_compare(a, b))
    report.write_text(report.read_text("utf-8").replace(f"slug: {slug}\n", f"slug: {slug}-renamed\n", 1), "utf-8")
    run(project, jobs=1)
    assert (project / "site" / "reports" / f"{slug}-renamed" / "diff" / "index.html").is_file()
    assert not (project / "site" / "reports" / slug).exists()
    assert compared == []
    assert_same_as_cold(project)


def test_a_body_edit_reads_no_other_agencys_statistics(project, monkeypatch):
    """The agency pages' statistics stay pickled in a rebuild unless the page is read (pages.LazyPage): a body
    edit reads at most its own agency's, and the site is still a cold build's."""
    from reportsite import pages

    run(project, jobs=1)
    agencies = {p.read_text("utf-8").split("agency: ", 1)[1].split("\n", 1)[0]
                for p in (project / "content" / "reports").glob("*.md")}
    assert len(agencies) > 2
    read: list[str] = []
    real = pages.agency_page_context
    monkeypatch.setattr(pages, "agency_page_context", lambda agency, stats: read.append(agency["name"]) or real(agency, stats))
    report = _middle_report(project)
    report.write_text(report.read_text("utf-8") + "\n新增的一段文字，其中收到申请12件。\n", "utf-8")
    run(project, jobs=1)
    own = report.read_text("utf-8").split("agency: ", 1)[1].split("\n", 1)[0]
    assert set(read) <= {own}
    assert_same_as_cold(project)
