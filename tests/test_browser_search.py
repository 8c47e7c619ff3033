"""The search page in Debian's Chromium, over file:// and over http under a sub-path.

Typing queries (the `input` event), results and highlight, Traditional ↔ Simplified, phrases,
filters, the URL (linking, back button), the empty, no-result and failed states, hostile text,
paging, the header box of other pages, the report page's script switch, and the browser engine
against the Python reference (reportsite.search.SearchIndex) on the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import REPO, build_site, run_axe, serve

pytestmark = pytest.mark.browser

SEARCH_CONTENT = REPO / "tests" / "fixtures" / "search-content"
READY = ("() => { const s = document.querySelector('#search-results .search-status');"
         " return s && !document.querySelector('#search-results[aria-busy]') && !/正在检索/.test(s.textContent); }")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("search") / "site"
    build_site(SEARCH_CONTENT, site)
    return site


@pytest.fixture(scope="module")
def search_server(search_site):
    yield from serve(search_site)


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    """45 synthetic reports (bench/corpus.py): enough for a second page of results."""
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    import corpus

    content = tmp_path_factory.mktemp("synthetic")
    corpus.generate(content, 45)
    site = content / "site"
    build_site(content, site)
    return site


@pytest.fixture(params=["file", "http"])
def base(request, search_site) -> str:
    """The site's root URL, over file:// or over http://127.0.0.1:PORT/archive/."""
    if request.param == "file":
        return search_site.as_uri() + "/"
    return request.getfixturevalue("search_server").base_url


def open_search(page, base: str, query: str = "") -> None:
    page.goto(base + "search/index.html" + query)
    page.wait_for_function(READY)


def type_query(page, text: str) -> None:
    box = page.locator("input[type=search]").first
    box.fill("")
    box.press_sequentially(text, delay=20)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text.strip())
    page.wait_for_function(READY)


def result_slugs(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#search-results .search-hit-title a", "as => as.map(a => a.getAttribute('href'))")
    return [h.split("/")[-2] for h in hrefs]


def marks(page) -> list[str]:
    return page.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent)")


def status(page) -> str:
    return page.inner_text("#search-results .search-status")


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# ---------------------------------------------------------------- the page and typing


def test_the_search_box_is_the_only_one(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    assert page.locator("input[type=search]").count() == 1
    assert page.locator("input[type=search]").first.get_attribute("id") == "q"
    assert "7 份报告" in status(page)
    seen.assert_clean()


def test_typing_finds_reports_highlights_and_links(new_page, base, search_site):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "行政复议")
    got = result_slugs(page)
    assert set(got) == {"2009-hunan-gonganting", "2019-hunan-gonganting", "2020-guangdong-gonganting",
                        "undated-gonganju", "2019-xss-search"}
    assert got[0] == "2019-xss-search"  # in the title: ranked above matches in the body
    assert set(marks(page)) == {"行政复议", "行政復議"}  # the Traditional report is highlighted in its own script
    assert status(page) == "共 5 条结果" or status(page).startswith("约 5 条结果")
    for href in page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)"):
        rel = unquote(urlsplit(href).path).split("/search/")[0]
        assert href.endswith("/index.html") and (search_site / "reports").is_dir(), href
        path = unquote(urlsplit(href).path)
        tail = path[path.index("/reports/") + 1:]
        assert (search_site / tail).is_file(), (href, rel)
    seen.assert_clean()


def test_traditional_query_finds_simplified_reports(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "行政復議")
    assert set(result_slugs(page)) == {"2009-hunan-gonganting", "2019-hunan-gonganting", "2020-guangdong-gonganting",
                                       "undated-gonganju", "2019-xss-search"}
    type_query(page, "信息公開")
    assert "2018-guangdong-minzhengting" in result_slugs(page)
    seen.assert_clean()


def test_characters_apart_are_not_a_phrase(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "信息公开")  # 2017-ceshi-false has 信息, 息公 and 公开, never together
    got = result_slugs(page)
    assert "2017-ceshi-false" not in got and "2018-guangdong-minzhengting" in got
    type_query(page, "息公园")  # …but this one it has
    assert "2017-ceshi-false" in result_slugs(page)
    seen.assert_clean()


def test_one_character_numbers_and_latin_words(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "廳")
    assert "2019-hunan-gonganting" in result_slugs(page)
    type_query(page, "12345")
    assert result_slugs(page) == ["2019-xss-search"] and marks(page) == ["12345"]
    type_query(page, "wto")
    assert result_slugs(page) == ["2019-xss-search"] and marks(page) == ["WTO"]
    type_query(page, "2009")
    assert result_slugs(page)[0] == "2009-hunan-gonganting"
    seen.assert_clean()


def test_ime_composition_waits_for_the_end(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    page.evaluate("""() => {
        const box = document.getElementById('q');
        box.dispatchEvent(new CompositionEvent('compositionstart'));
        box.value = 'xing';
        box.dispatchEvent(new InputEvent('input', {isComposing: true, data: 'xing'}));
    }""")
    page.wait_for_timeout(400)
    assert "q" not in params(page)  # nothing searched for half-typed pinyin
    page.evaluate("""() => {
        const box = document.getElementById('q');
        box.value = '行政复议';
        box.dispatchEvent(new CompositionEvent('compositionend', {data: '行政复议'}));
    }""")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '行政复议'")
    page.wait_for_function(READY)
    assert len(result_slugs(page)) == 5
    seen.assert_clean()


# ---------------------------------------------------------------- filters and the URL


def test_filters_combine_with_the_query_and_go_in_the_url(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "行政复议")
    options = page.eval_on_selector_all("#facet-region option", "os => os.map(o => [o.value, o.textContent])")
    assert ["hunan", "湖南省（3）"] in options and ["guangdong", "广东省（1）"] in options
    page.select_option("#facet-region", "hunan")
    page.wait_for_function("() => new URLSearchParams(location.search).get('region') === 'hunan'")
    page.wait_for_function(READY)
    assert set(result_slugs(page)) == {"2009-hunan-gonganting", "2019-hunan-gonganting", "2019-xss-search"}
    page.select_option("#facet-year", "2019")
    page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '2019'")
    page.wait_for_function(READY)
    assert set(result_slugs(page)) == {"2019-hunan-gonganting", "2019-xss-search"}
    assert params(page) == {"q": ["行政复议"], "region": ["hunan"], "year": ["2019"]}
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('year')")
    page.wait_for_function(READY)
    assert set(result_slugs(page)) == {"2009-hunan-gonganting", "2019-hunan-gonganting", "2019-xss-search"}
    assert page.input_value("#facet-year") == "" and page.input_value("#facet-region") == "hunan"
    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('region')")
    page.wait_for_function(READY)
    assert len(result_slugs(page)) == 5 and page.input_value("#q") == "行政复议"
    seen.assert_clean()


def test_a_linked_search_runs_on_load(new_page, base):
    page, seen = new_page()
    open_search(page, base, "?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&agency=hunan-gonganting&year=2019&kind=annual-report")
    assert result_slugs(page) == ["2019-hunan-gonganting"]
    assert page.input_value("#q") == "行政复议"
    assert page.input_value("#facet-agency") == "hunan-gonganting" and page.input_value("#facet-year") == "2019"
    seen.assert_clean()


def test_filters_without_a_query_list_reports_newest_first(new_page, base):
    page, seen = new_page()
    open_search(page, base, "?region=guangdong")
    assert result_slugs(page) == ["2020-guangdong-gonganting", "2018-guangdong-minzhengting"]
    open_search(page, base, "?year=undated")
    assert result_slugs(page) == ["undated-gonganju"]
    open_search(page, base, "?kind=other")
    assert result_slugs(page) == ["2017-ceshi-false"]
    seen.assert_clean()


def test_no_results_suggests_clearing_filters(new_page, base):
    page, seen = new_page()
    open_search(page, base, "?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&year=2018")
    assert "没有找到" in status(page) and result_slugs(page) == []
    page.click("#search-results .search-clear")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('year')")
    page.wait_for_function(READY)
    assert len(result_slugs(page)) == 5
    type_query(page, "不存在的词语组合")
    assert "没有找到" in status(page) and page.locator(".search-clear").count() == 0
    seen.assert_clean()


def test_taiwan_words_that_find_nothing_are_offered_in_mainland_words(new_page, base):
    page, seen = new_page()
    open_search(page, base)
    type_query(page, "資訊公開")  # Taiwan's word for 信息公开: folded character by character it is 资讯公开
    assert "没有找到" in status(page) and result_slugs(page) == []
    assert page.inner_text("#search-results .search-mainland") == "信息公开"
    page.click("#search-results .search-mainland")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '信息公开'")
    page.wait_for_function(READY)
    assert result_slugs(page) and "信息公开" in marks(page)
    assert page.locator(".search-mainland").count() == 0
    type_query(page, "不存在的词语组合")  # nothing to offer: the usual hint
    assert page.locator(".search-mainland").count() == 0 and "试试更短的词" in page.inner_text("#search-results")
    seen.assert_clean()


def test_searching_state_while_files_load(new_page, search_server):
    page, seen = new_page()
    open_search(page, search_server.base_url)
    gate = []
    holding = [True]

    def hold(route):  # hold the posting shards until the busy state has been seen, then let them through
        if holding[0]:
            gate.append(route)
        else:
            route.continue_()

    # Not unroute(): in CI a held route was once already handled when continued after unroute() (a
    # race); with a flag the one handler stays in charge of every route.
    page.route("**/search/data/p/**", hold)
    page.locator("#q").fill("行政复议")
    page.wait_for_function("() => /正在检索/.test(document.querySelector('#search-results').textContent)")
    assert page.get_attribute("#search-results", "aria-busy") == "true"
    holding[0] = False
    for route in gate:
        route.continue_()
    page.wait_for_function(READY)
    assert len(result_slugs(page)) == 5
    seen.assert_clean()


def test_a_missing_index_is_reported(new_page, search_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(search_site, broken)
    (broken / "search" / "data" / "m.js").unlink()
    page, seen = new_page()
    page.goto(broken.as_uri() + "/search/index.html?q=%E5%85%AC%E5%BC%80")
    page.wait_for_selector("#search-results [role=alert]")
    assert "加载失败" in page.inner_text("#search-results")
    assert any("m.js" in p for p in seen.problems)  # the failed load itself, nothing else
    assert all("m.js" in p for p in seen.problems), seen.problems


def test_a_missing_shard_is_reported(new_page, search_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(search_site, broken)
    for p in (broken / "search" / "data" / "p").glob("*.js"):
        p.unlink()
    page, seen = new_page()
    page.goto(broken.as_uri() + "/search/index.html")
    page.wait_for_function(READY)
    type_query_no_wait = page.locator("#q")
    type_query_no_wait.fill("公开")
    page.wait_for_selector("#search-results [role=alert]")
    assert "加载失败" in page.inner_text("#search-results")


# ---------------------------------------------------------------- hostile text


def test_hostile_title_and_body_are_text_never_run(new_page, base):
    page, seen = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_search(page, base)
    type_query(page, "alert")
    assert result_slugs(page) == ["2019-xss-search"]
    title = page.inner_text("#search-results .search-hit-title")
    assert title == "<script>alert(1)</script>行政复议<img src=x onerror=alert(1)>{{ 7*7 }}年度报告"
    meta = page.inner_text("#search-results .search-hit-meta")
    assert "<img src=x onerror=alert(2)>检索测试局" in meta
    snippet = page.inner_text("#search-results .search-hit-snippet")
    assert "<script>alert(3)</script>" in snippet and "<img src=x onerror=alert(4)>" in snippet
    assert "{{ 7*7 }}" in snippet and "49" not in snippet
    assert page.locator("#search-results img, #search-results script, #search-results b").count() == 0
    assert set(marks(page)) == {"alert"}
    type_query(page, "7*7")  # punctuation only around numbers: a query for the word 7
    page.wait_for_timeout(200)
    assert dialogs == []
    seen.assert_clean()


# ---------------------------------------------------------------- other pages


def test_header_box_of_other_pages_submits_to_the_search_page(new_page, base):
    page, seen = new_page()
    page.goto(base + "reports/2009-hunan-gonganting/index.html")
    box = page.locator("input[type=search]").first
    box.fill("行政復議")
    box.press("Enter")
    page.wait_for_url("**/search/index.html?q=*")
    page.wait_for_function(READY)
    assert len(result_slugs(page)) == 5 and page.input_value("#q") == "行政復議"
    seen.assert_clean()


def test_report_page_script_switch(new_page, base):
    page, seen = new_page()
    page.goto(base + "reports/2019-hunan-gonganting/index.html")
    button = page.locator("#script-switch")
    assert button.is_visible() and button.inner_text() == "显示简体"
    assert "行政復議" in page.inner_text("#report-body")
    button.click()
    page.wait_for_function("() => document.getElementById('report-body').getAttribute('lang') === 'zh-Hans'")
    assert "行政复议案件依法办理" in page.inner_text("#report-body")
    assert page.inner_text("#report-title") == "湖南省公安厅2019年政府信息公开工作年度报告"
    button.click()
    assert "行政復議" in page.inner_text("#report-body") and button.inner_text() == "显示简体"
    page.goto(base + "reports/2009-hunan-gonganting/index.html")
    page.click("#script-switch")
    page.wait_for_function("() => document.getElementById('report-body').getAttribute('lang') === 'zh-Hant'")
    assert "行政復議" in page.inner_text("#report-body")
    seen.assert_clean()


# ---------------------------------------------------------------- more results, counts, and JS = Python


def test_more_results_and_counts(new_page, synthetic_site):
    page, seen = new_page()
    open_search(page, synthetic_site.as_uri() + "/", "?q=%E5%85%AC%E5%BC%80")  # 公开: one bigram, exact
    assert len(result_slugs(page)) == 20
    assert status(page).startswith("共 ")
    page.click("#search-results .search-more")
    page.wait_for_function("() => document.querySelectorAll('#search-results .search-hit').length > 20")
    assert len(set(result_slugs(page))) == min(40, int(status(page).split()[1]))
    type_query(page, "政府信息公开")  # a phrase: only the results shown are checked against the text
    assert status(page).startswith("约 ") and len(result_slugs(page)) == 20
    seen.assert_clean()


QUERIES = ["行政复议", "行政復議", "信息公开", "公开", "公", "廳", "2019", "湖南省公安厅", "广东", "12345", "wto",
           "行政复议 2019", "alert", "政府信息公开", "网上办事", "依申请公开", "复议", "不存在",
           "中华人民共和国政府信息公开条例", "２０１９年 ＷＴＯ"]


@pytest.mark.parametrize("which", ["fixture", "synthetic"])
def test_browser_engine_matches_the_python_reference(new_page, which, search_site, synthetic_site):
    from reportsite.search import SearchIndex

    site = search_site if which == "fixture" else synthetic_site
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search" / "data").rglob("*.js")}
    reference = SearchIndex(files)
    page, seen = new_page()
    open_search(page, site.as_uri() + "/")
    filters = [{}, {"year": "2019"}, {"region": "hunan"}, {"kind": "annual-report", "agency": "hunan-gonganting"}]
    for q in QUERIES:
        for f in filters:
            want = reference.search(q, f)
            got = page.evaluate("([q, f]) => window.__rsSearch.run(q, f)", [q, f])
            assert got["slugs"] == [h.slug for h in want.hits], (q, f)
            assert got["candidates"] == want.candidates, (q, f)
            if got["exact"]:
                assert got["count"] == want.total, (q, f)
    seen.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_pass_axe(new_page, search_server, scheme):
    failures = []
    for query in ("?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&region=hunan", "?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&year=2018", ""):
        page, seen = new_page()
        page.emulate_media(color_scheme=scheme)
        open_search(page, search_server.base_url, query)
        for v in run_axe(page):
            if v["impact"] in ("serious", "critical"):
                failures.append(f"{query}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']} - e.g. {v['nodes'][0]}")
        seen.assert_clean(query)
    assert failures == []


def test_screenshots(new_page, search_server, synthetic_site, artifacts):
    page, seen = new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    open_search(page, search_server.base_url, "?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE")
    page.screenshot(path=str(artifacts / "search-results.png"), full_page=True)
    open_search(page, synthetic_site.as_uri() + "/", "?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    page.screenshot(path=str(artifacts / "search-synthetic.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    open_search(page, search_server.base_url, "?q=alert&region=hunan")
    page.screenshot(path=str(artifacts / "search-phone.png"), full_page=True)
    seen.assert_clean()
