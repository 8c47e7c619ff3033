"""Hostile scraped text is shown as text: never executed as script, never evaluated as a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, build_site, serve, watch

HOSTILE = REPO / "tests" / "fixtures" / "hostile-content"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    build_site(HOSTILE, site)
    return site


def all_html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_no_hostile_markup_reaches_any_page(hostile_site):
    for name, html in all_html(hostile_site).items():
        assert "<script>alert" not in html, name
        assert not re.search(r"<(?:img|iframe)\b", html), name
        assert not re.search(r'href="(?:javascript|data|vbscript):', html, re.I), name
        assert not re.search(r"\son\w+=", html.replace("onerror=alert(&#39;", "").replace('onerror=&quot;', "")), name
        # Every <script> the site has is one of its own files, never inline.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.match(r'<script\b[^>]*\bsrc="[^"]+\.js"', tag), (name, tag)


def test_template_syntax_in_content_is_not_evaluated(hostile_site):
    html = (hostile_site / "reports/2019-hostile/index.html").read_text("utf-8")
    assert "{{ 7*7 }}{% if true %}evaluated{% endif %}年度报告</h1>" in html
    assert "{{ config }}" in html and "{% raw %}{{ self }}{% endraw %} {# comment #}" in html
    assert "49" not in html.split('id="report-body"')[1].split("</div>")[0]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["file", "http"])
def test_hostile_pages_run_no_script_in_chromium(hostile_site, browser, scheme):
    dialogs: list[str] = []
    pages = ["reports/2019-hostile/index.html", "index.html", "agencies/index.html", "years/2019/index.html"]
    server = serve(hostile_site)
    base = next(server).base_url if scheme == "http" else hostile_site.as_uri() + "/"
    try:
        for rel in pages:
            page = browser.new_page()
            seen = watch(page)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + rel, wait_until="load")
            page.wait_for_timeout(200)
            assert page.locator("h1").first.inner_text()
            seen.assert_clean(rel)
            page.close()
        page = browser.new_page()
        page.goto(base + pages[0])
        assert page.locator("h1").inner_text().startswith("<script>alert('title')</script>{{ 7*7 }}")
        assert "正文<script>alert('body')</script>" in page.locator("#report-body").inner_text()
        page.close()
    finally:
        server.close()
    assert dialogs == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["file", "http"])
def test_the_content_security_policy_stops_a_missed_escape(hostile_site, browser, scheme, tmp_path):
    """Were an escape ever missed, the page's CSP would still block inline script and handlers."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(hostile_site, site)
    page_file = site / "reports/2019-hostile/index.html"
    html = page_file.read_text("utf-8")
    injected = '<script>alert("inline")</script><img src="x.png" alt="" onerror="alert(\'handler\')">'
    page_file.write_text(html.replace('<div class="report-body" id="report-body">', '<div class="report-body" id="report-body">' + injected), "utf-8")
    dialogs: list[str] = []
    violations: list[str] = []
    server = serve(site)
    base = next(server).base_url if scheme == "http" else site.as_uri() + "/"
    try:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "reports/2019-hostile/index.html", wait_until="load")
        page.wait_for_timeout(300)
        # The site's own stylesheet still applies under the same policy.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
        page.close()
    finally:
        server.close()
    assert dialogs == []
    assert any("script-src" in v for v in violations), violations
