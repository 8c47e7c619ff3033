"""The archive as data: data/*.json|csv|jsonl, feed.xml, sitemap.xml, robots.txt; statistics on the pages."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO, build_site, run_vnu
from reportsite.content import load_reports
from reportsite.data import REPORT_COLUMNS, STATS_COLUMNS
from reportsite.linkcheck import check_site

STATS_CONTENT = REPO / "tests" / "fixtures" / "stats-content"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def stats_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("stats-site") / "site"
    build_site(STATS_CONTENT, site)
    return site


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()), f"{path.name}: no UTF-8 byte-order mark (Excel on Chinese Windows needs it)"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), f"{path.name}: lines must end in CRLF"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_reports_json_and_csv(stats_site):
    reports = load_reports(STATS_CONTENT).reports
    rows = json.loads((stats_site / "data/reports.json").read_text("utf-8"))
    assert [list(r) for r in rows] == [list(REPORT_COLUMNS)] * len(reports)
    assert [r["slug"] for r in rows] == sorted(r.slug for r in reports)
    first = rows[0]
    assert first["slug"] == "2009-hunan-gonganting" and first["year"] == 2009 and first["truncated"] is False
    assert first["source_site"] == "百度百科" and re.fullmatch(r"[0-9a-f]{64}", first["sha256"])
    assert first["url"] == "reports/2009-hunan-gonganting/index.html" and (stats_site / first["url"]).is_file()
    table = read_csv(stats_site / "data/reports.csv")
    assert table[0] == list(REPORT_COLUMNS)
    assert len(table) == len(reports) + 1
    assert table[1][REPORT_COLUMNS.index("title")] == "湖南省公安厅2009年度政府信息公开工作"


def test_stats_csv_is_long_format_with_flags_and_sentences(stats_site):
    table = read_csv(stats_site / "data/stats.csv")
    header, rows = table[0], table[1:]
    assert header[:7] == ["slug", "agency", "year", "key", "value", "flags", "sentence"] and header == list(STATS_COLUMNS)
    by = {(r[0], r[3], r[header.index("qualifier")], r[4]): r for r in rows}
    items = by[("2009-hunan-gonganting", "active.items", "", "3200")]
    assert items[5] == "lower_bound" and "3200余条" in items[6]
    assert by[("2010-guangdong-gonganting", "active.items", "", "39000")][5] == "rounded"
    assert by[("2010-guangdong-gonganting", "consultations.part", "电话", "3498")][5] == "approximate"
    assert by[("2009-hunan-gonganting", "active.items.part", "湘警要闻", "640")][5] == "lower_bound;inconsistent"
    assert by[("2012-hunan-gonganting", "consultations", "", "300")][5] == "lower_bound;override"
    assert by[("2019-hunan-gonganting", "requests.received", "", "43")][header.index("origin")] == "table"
    # every sentence link points at an id on the report page
    for row in rows:
        url = row[header.index("url")]
        page, _, anchor = url.partition("#")
        if anchor:
            assert f'id="{anchor}"' in (stats_site / page).read_text("utf-8"), url


def test_reports_full_jsonl_has_every_body(stats_site):
    reports = {r.slug: r for r in load_reports(STATS_CONTENT).reports}
    lines = (stats_site / "data/reports-full.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(reports)
    for line in lines:
        record = json.loads(line)
        assert record["body"] == reports[record["slug"]].body
        assert set(REPORT_COLUMNS) <= set(record) and "stats" in record and "stats_format" in record
    record = json.loads(lines[0])
    assert record["stats_format"] == "pre-2019" and any(s["key"] == "active.items" for s in record["stats"])


def test_data_page_describes_each_file(stats_site):
    html = (stats_site / "data/index.html").read_text("utf-8")
    for name in ("reports.json", "reports.csv", "stats.csv", "reports-full.jsonl"):
        assert f'href="../data/{name}"' in html
    assert "lower_bound" in html and "requests.received" in html and 'id="meaning"' in html


def test_atom_feed_dates_come_from_the_content(stats_site):
    root = ET.fromstring((stats_site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}updated").text == "2014-04-21T00:00:00Z"  # the newest source date, not the clock
    entries = root.findall(f"{ATOM}entry")
    assert entries and entries[0].find(f"{ATOM}title").text == "湖南省公安厅2020年政府信息公开工作年度报告"
    href = entries[0].find(f"{ATOM}link").get("href")
    assert href == "reports/2020-hunan-gonganting/index.html"
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)


def test_no_sitemap_or_robots_without_a_base_url(stats_site, tmp_path):
    assert not (stats_site / "sitemap.xml").exists() and not (stats_site / "robots.txt").exists()
    run = build_site(STATS_CONTENT, tmp_path / "again")
    assert "sitemap.xml" in run.stderr and "base_url" in run.stderr  # said in the build summary


def test_sitemap_under_a_sub_path_and_robots_only_at_a_domain_root(tmp_path):
    sub = tmp_path / "sub"
    build_site(STATS_CONTENT, sub, "--base-url", "https://reports.example/archive/")
    locs = [e.text for e in ET.fromstring((sub / "sitemap.xml").read_bytes()).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://reports.example/archive/" in locs
    assert "https://reports.example/archive/reports/2009-hunan-gonganting/" in locs
    assert all(loc.startswith("https://reports.example/archive/") for loc in locs)
    assert not (sub / "robots.txt").exists()
    feed = ET.fromstring((sub / "feed.xml").read_bytes())
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("https://reports.example/archive/reports/")
    root = tmp_path / "root"
    build_site(STATS_CONTENT, root, "--base-url", "https://reports.example/")
    assert (root / "robots.txt").read_text() == "User-agent: *\nAllow: /\n\nSitemap: https://reports.example/sitemap.xml\n"


def test_builds_are_byte_identical(stats_site, tmp_path):
    other = tmp_path / "other"
    build_site(STATS_CONTENT, other)
    files = sorted(p.relative_to(stats_site) for p in stats_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for rel in files:
        if rel.name != ".reportsite-manifest.json":
            assert (stats_site / rel).read_bytes() == (other / rel).read_bytes(), rel


def test_report_page_statistics_panel_and_citation(stats_site):
    html = (stats_site / "reports/2009-hunan-gonganting/index.html").read_text("utf-8")
    panel = html[html.index('id="stats"'):html.index('id="cite"')]
    assert "主动公开信息" in panel and "3,200余" in panel and 'href="#p_1"' in panel
    assert "有矛盾" in panel and "640余条、600余条" in panel  # the finding is shown
    cite = html[html.index('id="cite"'):]
    assert "湖南省公安厅. 湖南省公安厅2009年度政府信息公开工作[R/OL]. 2009." in cite
    assert "2014-04-21" in cite and "百度百科" in cite
    assert re.search(r"SHA-256: [0-9a-f]{64}", cite)
    broken = (stats_site / "reports/2020-hunan-gonganting/index.html").read_text("utf-8")
    assert "表格的求和关系不成立" in broken  # 51 + 2 ≠ 44 + 2, shown, the numbers kept


def test_agency_year_and_home_pages(stats_site):
    agency = (stats_site / "agencies/hunan-gonganting/index.html").read_text("utf-8")
    assert agency.count('<svg class="chart"') >= 5 and "<desc id=" in agency
    assert "style=" not in agency
    assert '../../reports/2010-hunan-gonganting/diff/index.html' in agency
    assert re.search(r'diff/index.html" title="[^"]*">\d+%</a>', agency)
    y2010 = (stats_site / "years/2010/index.html").read_text("utf-8")
    totals = y2010[y2010.index("本年度合计"):y2010.index("发布了报告的机构")]
    assert "43,100余" in totals  # 4100余 (湖南) + 39000 (3.9万, 广东): a lower bound, marked 余
    assert "97" in totals  # requests received: 9 + 88
    y2012 = (stats_site / "years/2012/index.html").read_text("utf-8")
    assert "广东省公安厅" in y2012[y2012.index("没有这一年报告的机构"):]
    home = (stats_site / "index.html").read_text("utf-8")
    assert "各年度合计" in home and 'href="feed.xml"' in home and 'href="data/index.html"' in home


def test_side_by_side_page(stats_site):
    html = (stats_site / "reports/2010-hunan-gonganting/diff/index.html").read_text("utf-8")
    assert "2010年与2009年的报告对照" in html
    assert "<mark>4100</mark>" in html and "<mark>3200</mark>" in html


def test_valid_html_and_links(stats_site):
    assert check_site(stats_site) == []
    assert run_vnu(stats_site) == []
