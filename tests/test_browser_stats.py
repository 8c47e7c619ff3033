"""In Debian's Chromium: the agency chart renders, the statistics link to their sentences, and the data files parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, build_site, serve

pytestmark = pytest.mark.browser

STATS_CONTENT = REPO / "tests" / "fixtures" / "stats-content"


@pytest.fixture(scope="module")
def stats_server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-stats") / "site"
    build_site(STATS_CONTENT, site)
    yield from serve(site)


def test_agency_chart_renders(stats_server, new_page, artifacts):
    page, seen = new_page()
    page.goto(stats_server.url("agencies/hunan-gonganting/index.html"), wait_until="load")
    charts = page.locator("svg.chart")
    assert charts.count() >= 5
    for i in range(charts.count()):
        chart = charts.nth(i)
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, f"chart {i} is not drawn: {box}"
        assert chart.locator("circle").count() >= 1
        assert chart.get_attribute("role") == "img" and chart.locator("desc").text_content().strip()
    received = page.locator("svg.chart", has=page.locator("title", has_text="收到申请")).first
    assert received.locator("circle").count() == 5  # 2009, 2010, 2012, 2019, 2020
    assert received.locator("polyline").count() == 2  # broken where years are missing (2011, 2013–2018)
    # the colours come from theme/stats.css (CSP allows no inline style)
    stroke = received.locator("polyline").first.evaluate("e => getComputedStyle(e).stroke")
    assert stroke and stroke != "none"
    table = page.locator("table.stats-by-year")
    assert table.locator("tbody tr").count() == 5
    page.locator("#stats").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "stats-agency.png"), full_page=True)
    seen.assert_clean("agency page")


def test_a_number_links_to_its_sentence(stats_server, new_page):
    page, seen = new_page()
    page.goto(stats_server.url("reports/2009-hunan-gonganting/index.html"), wait_until="load")
    link = page.locator("#stats a[href='#p_3']").first
    link.click()
    assert page.url.endswith("#p_3")
    target = page.locator("#p_3")
    assert "共收到政府信息公开申请5条" in target.inner_text()
    assert target.evaluate("e => e.matches(':target')")
    seen.assert_clean("report page")


def test_data_files_parse_in_the_browser(stats_server, new_page):
    page, seen = new_page()
    page.goto(stats_server.url("data/index.html"), wait_until="load")
    result = page.evaluate("""async () => {
        const json = await (await fetch('reports.json')).json();
        const csv = await (await fetch('stats.csv')).text();
        const reportsCsv = await (await fetch('reports.csv')).text();
        const lines = (await (await fetch('reports-full.jsonl')).text()).trim().split('\\n').map(l => JSON.parse(l));
        return {json: json.length, first: json[0].slug, csvHeader: csv.replace(/^\\uFEFF/, '').split('\\r\\n')[0],
                csvRows: csv.trim().split('\\r\\n').length - 1, reportsHeader: reportsCsv.replace(/^\\uFEFF/, '').split('\\r\\n')[0],
                jsonl: lines.length, body: lines[0].body.length};
    }""")
    assert result["json"] == 6 and result["first"] == "2009-hunan-gonganting"
    assert result["csvHeader"].startswith("slug,agency,year,key,value,flags,sentence")
    assert result["csvRows"] > 40
    assert result["reportsHeader"].startswith("slug,title,agency,region,city,year,year_text,kind,script,truncated")
    assert result["jsonl"] == 6 and result["body"] > 100
    seen.assert_clean("data page")


def test_side_by_side_page_over_file_url(tmp_path_factory, new_page):
    site = tmp_path_factory.mktemp("browser-stats-file") / "site"
    build_site(STATS_CONTENT, site)
    page, seen = new_page()
    page.goto((site / "reports/2010-hunan-gonganting/diff/index.html").as_uri(), wait_until="load")
    assert page.locator("table.diff mark").count() >= 2
    page.locator("table.diff summary").first.click() if page.locator("table.diff summary").count() else None
    page.locator("thead a").first.click()
    assert Path(page.url).as_posix().endswith("reports/2009-hunan-gonganting/index.html")
    seen.assert_clean("diff page")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statistics_pages_are_accessible(stats_server, new_page, scheme):
    from conftest import run_axe

    page, _ = new_page()
    page.emulate_media(color_scheme=scheme)
    problems = []
    for path in ("agencies/hunan-gonganting/index.html", "reports/2009-hunan-gonganting/index.html",
                 "reports/2010-hunan-gonganting/diff/index.html", "data/index.html", "years/2010/index.html", "index.html"):
        page.goto(stats_server.url(path), wait_until="load")
        problems += [f"{path}: {v['id']} ({v['impact']}): {v['help']} {v['nodes'][:3]}" for v in run_axe(page)
                     if v["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(problems)
