"""The build end to end through the command line: pages, links, safe writes, settings."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reportsite.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site-content"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A throwaway project: settings, templates, theme and the fixture content, run from its root."""
    for name in ("templates", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(FIXTURE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(*args: str) -> int:
    return main(["build", *args])


def test_bare_command_builds_content_into_site(project, capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^built 5 reports, 4 agencies, 3 years: \d+ files written, 0 unchanged, 0 removed in [\d.]+ s;"
                     r" open site/index\.html$", out, re.M), out
    site = project / "site"
    for page in ("index.html", "404.html", ".nojekyll", "search/index.html", "agencies/index.html", "years/index.html",
                 "regions/index.html", "reports/2019-hunan-gonganting/index.html", "agencies/hunan-gonganting/index.html",
                 "years/2009/index.html", "years/undated/index.html", "regions/hunan/index.html", "regions/unknown/index.html",
                 "raw/hunan-2019.txt", "theme/style.css"):
        assert (site / page).is_file(), page
    assert (site / "raw/hunan-2019.txt").read_bytes() == (project / "content/raw/hunan-2019.txt").read_bytes()


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as e:
        main(["build", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for option in ("--content", "--site", "--base-url", "--no-cache", "--keep-going"):
        assert option in out


def test_every_internal_link_is_relative_and_points_at_a_file(project):
    assert build() == 0
    site = project / "site"
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:href|src|action)="([^"]*)"', html):
            if url.startswith(("https://", "http://", "#", "data:")):
                continue
            assert not url.startswith("/"), f"{page}: root-relative {url}"
            target = (page.parent / url.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {url} is not a file"


def test_report_page_holds_metadata_toc_body_siblings_and_source(project):
    assert build() == 0
    html = (project / "site/reports/2019-hunan-gonganting/index.html").read_text("utf-8")
    assert '<html lang="zh-Hant">' in html
    assert '<h1 id="report-title">湖南省公安廳2019年政府信息公開工作年度報告</h1>' in html
    assert '<a href="#yi-gaishu">一、概述</a>' in html and '<h2 id="yi-gaishu">一、概述</h2>' in html
    assert '<a href="../../agencies/hunan-gonganting/index.html">湖南省公安厅</a>' in html
    assert '<a href="../../reports/2009-hunan-gonganting/index.html">湖南省公安厅2009年度政府信息公开工作</a>' in html
    assert '<a href="../../raw/hunan-2019.txt" type="text/plain">hunan-2019.txt</a>' in html
    assert "拼音注音：3 处" in html


def test_year_page_groups_by_region_and_agency(project):
    assert build() == 0
    html = (project / "site/years/2009/index.html").read_text("utf-8")
    region = html.index('<h2 id="region-hunan"><a href="../../regions/hunan/index.html">湖南省</a></h2>')
    agencies = [html.index(f'<h3><a href="../../agencies/{a}/index.html">') for a in ("hunan-gonganting", "hunan-minzhengting")]
    assert region < agencies[0] < agencies[1]
    undated = (project / "site/years/undated/index.html").read_text("utf-8")
    assert "公安局201*年度政府信息公开报告" in undated and "201*年（年份被遮盖）" not in undated


def test_same_content_gives_byte_identical_output(project):
    assert build("--site", "one") == 0
    assert build("--site", "two", "--no-cache") == 0
    assert tree_digest(project / "one") == tree_digest(project / "two")


def test_rebuild_writes_nothing_when_nothing_changed(project, capsys):
    assert build() == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert build() == 0
    assert " 0 files written," in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*") if p.is_file()} == before


def test_pages_of_a_removed_report_are_removed(project, capsys):
    assert build() == 0
    (project / "content/reports/2020-guangdong-gonganting.md").unlink()
    assert build() == 0
    site = project / "site"
    assert not (site / "reports/2020-guangdong-gonganting").exists()
    assert not (site / "agencies/guangdong-gonganting").exists()
    assert not (site / "regions/guangdong").exists()
    assert "guangdong" not in (site / "index.html").read_text("utf-8")


def test_invalid_content_leaves_the_previous_site_untouched(project, capsys):
    assert build() == 0
    site_before, content_before = tree_digest(project / "site"), tree_digest(project / "content")
    bad = project / "content/reports/2009-hunan-minzhengting.md"
    bad.write_text(bad.read_text("utf-8").replace("year: 2009", "year: 19999"), "utf-8")
    capsys.readouterr()
    assert build() == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "content/reports/2009-hunan-minzhengting.md:5: `year` must be between 1990 and 2100, not 19999",
        "build stopped: 1 problem(s) in 1 file(s); site/ was left as it was (fix them, or use --keep-going to build the valid reports)",
    ]
    assert tree_digest(project / "site") == site_before
    content_before["reports/2009-hunan-minzhengting.md"] = tree_digest(project / "content")["reports/2009-hunan-minzhengting.md"]
    assert tree_digest(project / "content") == content_before


def test_keep_going_builds_the_valid_reports_and_still_fails(project, capsys):
    bad = project / "content/reports/2009-hunan-minzhengting.md"
    bad.write_text(bad.read_text("utf-8").replace("kind: annual-report", "kind: annual"), "utf-8")
    assert build("--keep-going") == 1
    captured = capsys.readouterr()
    assert "built 4 reports" in captured.out
    assert "content/reports/2009-hunan-minzhengting.md:6: `kind` must be one of" in captured.err
    assert "1 invalid file(s) skipped (listed above)" in captured.err
    assert (project / "site/reports/2009-hunan-gonganting/index.html").is_file()
    assert not (project / "site/reports/2009-hunan-minzhengting").exists()


def test_a_template_typo_fails_with_the_template_name_and_line(project, capsys):
    assert build() == 0
    before = tree_digest(project / "site")
    agency = project / "templates/agency.html"
    agency.write_text(agency.read_text("utf-8").replace("{{ agency.count }} 份报告", "{{ agency.cuont }} 份报告"), "utf-8")
    capsys.readouterr()
    assert build() == 1
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(agency.read_text("utf-8").splitlines(), 1) if "agency.cuont" in text)
    assert f"templates/agency.html:{line}: 'dict object' has no attribute 'cuont'" in err
    assert tree_digest(project / "site") == before


def test_refuses_to_write_into_a_folder_it_did_not_make(project, capsys):
    (project / "elsewhere").mkdir()
    (project / "elsewhere/precious.txt").write_text("keep me")
    assert build("--site", "elsewhere") == 1
    assert "elsewhere: this folder is not empty and was not made by reportsite" in capsys.readouterr().err
    assert os.listdir(project / "elsewhere") == ["precious.txt"]


def test_base_url_gives_canonical_links_and_a_404_that_works_at_any_depth(project):
    assert build("--base-url", "https://example.github.io/archive") == 0
    site = project / "site"
    home = (site / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.github.io/archive/">' in home
    report = (site / "reports/2009-hunan-gonganting/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.github.io/archive/reports/2009-hunan-gonganting/">' in report
    not_found = (site / "404.html").read_text("utf-8")
    assert '<base href="/archive/">' in not_found and 'href="theme/style.css"' in not_found


def test_without_base_url_nothing_is_absolute(project):
    assert build() == 0
    for page in (project / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<base" not in html and 'rel="canonical"' not in html
        assert not re.search(r'(?:href|src)="(?:https?:)?//', html.split("report-body")[0]), page


def test_settings_errors_are_clear(project, capsys):
    (project / "pyproject.toml").write_text('[tool.reportsite]\ntitel = "x"\n', "utf-8")
    assert build() == 1
    assert "pyproject.toml: [tool.reportsite] has an unknown setting `titel` (did you mean `title`?)" in capsys.readouterr().err
    (project / "pyproject.toml").write_text('[tool.reportsite]\ntitle = "我的档案"\n', "utf-8")
    assert build("--base-url", "ftp://x") == 1
    assert "--base-url: base_url must be an absolute http(s) URL" in capsys.readouterr().err
    assert build() == 0
    assert "<title>我的档案</title>" in (project / "site/index.html").read_text("utf-8")


def test_no_page_requests_anything_outside_the_site(project):
    assert build() == 0
    for page in (project / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="([^"]+)"', html.split('id="report-body"')[0]):
            assert not re.match(r"(?:https?:)?//", url) or 'rel="canonical"' in html, (page, url)
        assert "@import" not in html and "fonts.googleapis" not in html


def test_a_20_mb_report_is_accepted_and_built(project):
    sentence = "2009年，我厅以《条例》和《办法》为指导，认真贯彻落实省委、省政府有关政府信息公开工作会议和文件精神。"
    section = "\n\n".join([sentence * 8] * 90)
    body = "\n\n".join(f"## {n}、第{n}部分\n\n{section}" for n in range(1, 200))
    text = "---\ntitle: 湖南省公安厅2019年政府信息公开工作年度报告\nslug: 2019-big\nyear: 2019\n---\n" + body
    assert len(text.encode("utf-8")) > 20_000_000
    (project / "content/reports/2019-big.md").write_text(text, "utf-8")
    assert build() == 0
    html = (project / "site/reports/2019-big/index.html").read_text("utf-8")
    assert html.count(sentence) == 199 * 90 * 8


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=8))
def test_manifest_bytes_are_jsons_with_an_indent_of_zero(paths):
    """The manifest is written by hand for speed; its bytes are json.dumps's, whatever the paths hold."""
    import json

    from reportsite.build import manifest_bytes

    expected = json.dumps({"generator": "reportsite", "files": sorted(paths)}, ensure_ascii=False, indent=0)
    assert manifest_bytes(paths) == expected.encode("utf-8")
    assert manifest_bytes(["a/\"x\"\u2028.html", "z\\y"]) == json.dumps(
        {"generator": "reportsite", "files": ["a/\"x\"\u2028.html", "z\\y"]}, ensure_ascii=False, indent=0).encode("utf-8")


def test_a_report_is_read_whole_whatever_its_size_at_the_scan(tmp_path):
    """build._read_file reads with the size the scan saw: a file that grew or shrank since is still read whole."""
    from reportsite.build import Found, _read_file

    path = tmp_path / "r.md"
    path.write_bytes(b"")
    empty = Found(str(path), "r.md", os.stat(path))
    assert _read_file(empty) == b""
    path.write_bytes(b"x" * 10)
    scanned = Found(str(path), "r.md", os.stat(path))
    assert _read_file(scanned) == b"x" * 10
    path.write_bytes(b"y" * 3_000_000)  # grew past the scan's size (and past one read of 1 MiB)
    assert _read_file(scanned) == b"y" * 3_000_000
    path.write_bytes(b"z" * 4)  # shrank
    assert _read_file(scanned) == b"z" * 4
    assert _read_file(Found(str(path), "r.md", None)) == b"z" * 4  # no stat: read to the end


def test_the_catalogue_kept_by_the_build_comes_back_equal_and_shared():
    """pages.catalogue_blob / catalogue_from_blob (marshal): the same catalogue, each summary one object shared by
    the agency, region and year lists as when it was made (pickling it again gives the same bytes)."""
    import pickle

    from reportsite.content import load_reports
    from reportsite.pages import build_catalogue, catalogue_blob, catalogue_from_blob

    reports = load_reports(Path(__file__).resolve().parent.parent / "content").reports
    made = build_catalogue(reports)
    back = catalogue_from_blob(catalogue_blob(made))
    assert back == made
    assert pickle.dumps(back, protocol=pickle.HIGHEST_PROTOCOL) == pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
    for agency in back.agencies.values():
        assert all(s is back.summaries[s["slug"]] for s in agency["reports"])
    for year in back.years.values():
        assert all(s is back.summaries[s["slug"]] for s in year["reports"])


def test_a_catalogue_value_marshal_does_not_know_is_pickled():
    import datetime

    from reportsite.pages import Catalogue, catalogue_blob, catalogue_from_blob

    odd = Catalogue({"r": {"slug": "r", "when": datetime.date(2019, 1, 2)}}, {}, {}, {})
    blob = catalogue_blob(odd)
    assert blob[:1] == b"P" and catalogue_from_blob(blob) == odd
    plain = Catalogue({"r": {"slug": "r", "year": 2019}}, {}, {}, {})
    assert catalogue_blob(plain)[:1] == b"M" and catalogue_from_blob(catalogue_blob(plain)) == plain
