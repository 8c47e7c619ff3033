"""Click through the built site in Debian's Chromium, over file:// and over http:// under a sub-path.

Home → an agency → a report → its year → home, by clicking links as a person would; every step
must land on the expected file with an <h1>, and no step may log a console error, throw, or fail a
request. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SUB_PATH, SiteServer, served

pytestmark = pytest.mark.browser

# Targets, as paths relative to the site root.
HOME = re.compile(r"^index\.html$")
AGENCY = re.compile(r"^agencies/[^/]+/index\.html$")
REPORT = re.compile(r"^reports/[^/]+/index\.html$")
YEAR = re.compile(r"^years/(?:\d{4}|undated)/index\.html$")
REGION = re.compile(r"^regions/[^/]+/index\.html$")
NAV_PAGES = ["agencies/index.html", "years/index.html", "regions/index.html", "search/index.html"]

# For each <a href> (in document order): the site-root-relative path it points at ('' when outside the site).
LINKS_JS = """(els, base) => els.map((a, i) => {
  const u = new URL(a.href), b = new URL(base);
  const inside = u.protocol === b.protocol && u.host === b.host && u.pathname.startsWith(b.pathname);
  const r = a.getBoundingClientRect();
  return {i, target: inside ? decodeURIComponent(u.pathname.slice(b.pathname.length)) : '',
          hash: u.hash, visible: r.width > 0 && r.height > 0, text: a.textContent.trim()};
})"""


def site_path(url: str, base: str) -> str:
    """The site-relative path of a URL under `base` ('' when it is outside)."""
    if not url.startswith(base):
        return ""
    return unquote(urlsplit(url[len(base):]).path)


def click_link_to(page, base: str, pattern: re.Pattern[str], where: str = "main") -> str:
    """Click the first visible link (inside `where` if it has one) whose target matches; return the target."""
    scope = page.locator(where).first if page.locator(where).count() else page.locator("body")
    found = scope.locator("a[href]").evaluate_all(LINKS_JS, base)
    for link in found:
        if link["visible"] and not link["hash"] and pattern.match(link["target"]):
            with page.expect_navigation(wait_until="load"):
                scope.locator("a[href]").nth(link["i"]).click()
            return link["target"]
    shown = ", ".join(f"{x['target'] or '(outside)'}" for x in found[:30])
    raise AssertionError(f"{page.url}: no visible link in {where} to {pattern.pattern}; links there: {shown}")


def assert_at(page, base: str, pattern: re.Pattern[str]) -> str:
    """The page is a file of the site matching `pattern` and shows a non-empty <h1>; return the h1 text."""
    here = site_path(page.url, base)
    assert pattern.match(here), f"expected {pattern.pattern}, landed on {page.url}"
    assert page.locator("h1").count() == 1, f"{page.url}: expected exactly one <h1>"
    h1 = page.locator("h1").inner_text().strip()
    assert h1, f"{page.url}: empty <h1>"
    assert page.title().strip(), f"{page.url}: empty <title>"
    return h1


def check_styled(page) -> None:
    """A stylesheet from theme/ is loaded (a failed load would also show up as a failed request)."""
    sheets = page.evaluate("() => Array.from(document.styleSheets, s => s.href || 'inline')")
    assert any(s != "inline" and "/theme/" in s for s in sheets), f"{page.url}: no theme stylesheet: {sheets}"


def walk(page, seen, base: str, shots: Path, mode: str) -> list[str]:
    """Home → agency → report → year → home; screenshots of each step; return the h1s."""
    page.goto(base + "index.html", wait_until="load")
    steps = [("home", HOME, None), ("agency", AGENCY, "main"), ("report", REPORT, "main"),
             ("year", YEAR, "main"), ("home-again", HOME, "header")]
    h1s = []
    for n, (name, pattern, where) in enumerate(steps, 1):
        if where is not None:
            click_link_to(page, base, pattern, where)
        h1s.append(assert_at(page, base, pattern))
        check_styled(page)
        page.screenshot(path=shots / f"nav-{mode}-{n}-{name}.png", full_page=False)
        seen.assert_clean(f"{mode}: step {n} ({name}) at {page.url}")
    assert h1s[0] == h1s[-1], "back home, the home page shows another <h1>"
    return h1s


def test_navigation_over_file(fixture_site: Path, new_page, artifacts: Path) -> None:
    page, seen = new_page()
    base = fixture_site.as_uri() + "/"
    walk(page, seen, base, artifacts, "file")


def test_navigation_over_http_sub_path(site_server: SiteServer, new_page, artifacts: Path) -> None:
    page, seen = new_page()
    first = len(site_server.log)
    walk(page, seen, site_server.base_url, artifacts, "http")
    bad = [line for line in site_server.log[first:]
           if re.search(r'" [45]\d\d ', line) and "/favicon.ico " not in line]
    assert not bad, f"the server answered errors: {bad}"


@pytest.mark.parametrize("mode", ["file", "http"])
def test_nav_links_from_home(mode: str, fixture_site: Path, site_server: SiteServer, new_page) -> None:
    """Every main-navigation page opens from the home page and links back to home."""
    page, seen = new_page()
    base = fixture_site.as_uri() + "/" if mode == "file" else site_server.base_url
    for target in NAV_PAGES:
        page.goto(base + "index.html", wait_until="load")
        click_link_to(page, base, re.compile("^" + re.escape(target) + "$"), "header")
        assert_at(page, base, re.compile("^" + re.escape(target) + "$"))
        seen.assert_clean(f"{mode}: {target}")
    page.goto(base + "regions/index.html", wait_until="load")
    click_link_to(page, base, REGION)
    assert_at(page, base, REGION)
    click_link_to(page, base, REPORT)
    assert_at(page, base, REPORT)
    seen.assert_clean(f"{mode}: regions → region → report")


def test_missing_page_gets_the_404_page(deployed_server: SiteServer, new_page, artifacts: Path) -> None:
    """Like GitHub Pages: a missing URL deep under the sub-path shows 404.html, styled, with working links."""
    page, seen = new_page()
    response = page.goto(deployed_server.url("reports/no-such-report/index.html"), wait_until="load")
    assert response is not None and response.status == 404
    seen.clear()  # the 404 itself is expected
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text().strip()
    check_styled(page)
    page.screenshot(path=artifacts / "nav-http-404.png")
    seen.assert_clean("404 page")
    click_link_to(page, deployed_server.base_url, HOME)
    assert_at(page, deployed_server.base_url, HOME)
    seen.assert_clean("404 page → home")


# ---------------------------------------------------------------- the harness itself, on a hand-made site


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    def write(rel: str, text: str) -> None:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")

    head = '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>档案</title>' \
           '<link rel="icon" href="data:,"><link rel="stylesheet" href="{root}theme/style.css"></head><body>'
    write("index.html", head.format(root="") + '<main><h1>首页</h1><a href="sub/index.html">下级</a></main></body></html>')
    write("sub/index.html", head.format(root="../") + '<main><h1>下级页</h1><a href="../index.html">首页</a></main></body></html>')
    write("broken.html", head.format(root="") + '<h1>坏</h1><img src="nope.png" alt=""><script>undefinedFn()</script>'
                                                '<script>console.error("boom")</script></body></html>')
    write("external.html", head.format(root="") + '<h1>外</h1><img src="https://example.org/x.png" alt=""></body></html>')
    write("404.html", head.format(root="") + "<h1>找不到</h1></body></html>")
    write("theme/style.css", "body { font-family: 'Noto Sans CJK SC', sans-serif; }")
    return tmp_path


def test_harness_serves_under_sub_path_only(tiny_site: Path, new_page) -> None:
    import urllib.error
    import urllib.request

    with served(tiny_site) as server:
        assert server.base_url.endswith(SUB_PATH)
        with urllib.request.urlopen(server.url("sub/index.html")) as r:
            assert r.status == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
        for url in (server.base_url.replace(SUB_PATH, "/index.html"), server.url("missing.html")):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(url)
            assert err.value.code == 404 and "找不到" in err.value.read().decode("utf-8")
        page, seen = new_page()
        page.goto(server.url(), wait_until="load")
        click_link_to(page, server.base_url, re.compile(r"^sub/index\.html$"))
        assert assert_at(page, server.base_url, re.compile(r"^sub/index\.html$")) == "下级页"
        check_styled(page)
        seen.assert_clean()


def test_harness_reports_console_errors_and_failed_requests(tiny_site: Path, new_page) -> None:
    page, seen = new_page()
    page.goto((tiny_site / "broken.html").as_uri(), wait_until="load")
    text = "\n".join(seen.problems)
    assert "undefinedFn" in text, text  # uncaught exception
    assert "boom" in text, text  # console.error
    assert "nope.png" in text, text  # failed request
    with pytest.raises(AssertionError):
        seen.assert_clean()


def test_harness_blocks_and_reports_requests_leaving_the_machine(tiny_site: Path, new_page) -> None:
    page, seen = new_page()
    page.goto((tiny_site / "external.html").as_uri(), wait_until="load")
    assert any("leaves this machine" in p and "example.org" in p for p in seen.problems), seen.problems
