"""reportsite.linkcheck on tiny hand-made sites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportsite.linkcheck import check_site

REPO = Path(__file__).resolve().parent.parent


def page(body: str = "", head: str = "", title: str = "t") -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"{head}</head>\n<body>\n{body}\n</body>\n</html>\n")


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def good_site() -> dict[str, str | bytes]:
    """A small site shaped like the real one, with every kind of link that must pass."""
    return {
        "index.html": page(
            '<nav><a href="index.html">首页</a> <a href="agencies/index.html">机构</a>'
            ' <a href="years/index.html#y2020">年份</a> <a href="search/index.html?q=%E5%85%AC%E5%BC%80">检索</a></nav>\n'
            '<h1 id="top-heading">档案</h1>\n'
            '<a href="#">top</a> <a href="#top">top</a> <a href="#top-heading">h</a> <a href="">self</a>\n'
            '<a href="https://www.gov.cn/">gov</a> <a href="mailto:x@example.org">mail</a>'
            ' <a href="tel:+8610">tel</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="">\n'
            '<a href="reports/2020-beijing-x/index.html#%E4%B8%80%E6%A6%82%E8%BF%B0">概述</a>\n'
            '<a href="reports/2020-beijing-x/index.html#一概述">概述</a>\n'
            '<a href="raw/%E5%8C%97%E4%BA%AC.txt">raw (encoded)</a> <a href="raw/北京.txt">raw</a>\n'
            '<img src="theme/logo.png" srcset="theme/logo.png 1x, theme/logo@2x.png 2x" alt="">\n'
            '<picture><source srcset="theme/logo.png"><img src="./theme/logo.png" alt=""></picture>\n'
            '<form action="search/index.html"><input type="search" name="q"></form>\n'
            '<div style="background: url(\'theme/logo.png\')"></div>',
            head='<link rel="stylesheet" href="theme/site.css">\n<script src="theme/site.js" defer></script>\n'
                 '<style>/* url(missing.png) in a comment */ body { background: url(theme/logo.png); }\n'
                 '.x { fill: url(#grad); }</style>\n',
        ),
        "agencies/index.html": page('<a href="../index.html">首页</a> <a href="beijing-x/index.html">北京</a>'),
        "agencies/beijing-x/index.html": page(
            '<a href="../../reports/2020-beijing-x/index.html">报告</a> <a href="../index.html#">机构</a>'),
        "years/index.html": page('<ul><li id="y2020"><a href="2020/index.html">2020</a></li></ul>'),
        "years/2020/index.html": page('<a href="../../index.html">首页</a>'),
        "reports/2020-beijing-x/index.html": page(
            '<h2 id="一概述">一、概述</h2><a name="old"></a>'
            '<a href="index.html#old">self anchor</a> <a href="../../raw/北京.txt">原文</a>'),
        "search/index.html": page('<a href="../index.html">首页</a>'),
        "raw/北京.txt": "北京市 2020 年政府信息公开工作年度报告\n",
        "theme/site.css": '@import "fonts.css";\n/* url(nothing.png) */\n'
                          "body { background: url( 'logo.png' ) }\n.a { mask: url(#m) }\n"
                          'h1::before { content: url("data:image/svg+xml;utf8,<svg></svg>") }\n',
        "theme/fonts.css": "@font-face { font-family: X; src: url(logo.png) format('png'); }\n",
        "theme/site.js": "",
        "theme/logo.png": b"\x89PNG\r\n\x1a\n",
        "theme/logo@2x.png": b"\x89PNG\r\n\x1a\n",
        "404.html": page('<a href="index.html">首页</a>'),
    }


def test_good_site_has_no_problems(tmp_path: Path) -> None:
    assert check_site(make_site(tmp_path, good_site())) == []


def problems_with(tmp_path: Path, extra: dict[str, str | bytes]) -> list[str]:
    return check_site(make_site(tmp_path, {**good_site(), **extra}))


def test_broken_link(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {"years/2020/index.html": page('<p>\n<a href="../../reports/nope/index.html">x</a>')})
    assert len(problems) == 1
    assert problems[0].startswith("years/2020/index.html:9: broken link")
    assert "reports/nope/index.html" in problems[0]


def test_broken_anchor(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {
        "agencies/index.html": page('<a href="../reports/2020-beijing-x/index.html#no-such">x</a>'
                                    '<a href="#missing-here">y</a>')})
    assert len(problems) == 2, problems
    assert all(p.startswith("agencies/index.html:") and "broken anchor" in p for p in problems)
    assert any("'no-such'" in p and "reports/2020-beijing-x/index.html" in p for p in problems)
    assert any("'missing-here'" in p for p in problems)


def test_anchor_into_non_html_is_not_checked(tmp_path: Path) -> None:
    assert problems_with(tmp_path, {"search/index.html": page('<a href="../raw/北京.txt#L3">x</a>')}) == []


@pytest.mark.parametrize("href", ["agencies/", "agencies", "./", ".", "years/2020/", "agencies/beijing-x"])
def test_folder_link(tmp_path: Path, href: str) -> None:
    problems = problems_with(tmp_path, {"search/index.html": page(f'<a href="../{href}">x</a>')})
    assert len(problems) == 1, problems
    assert "folder link" in problems[0]


@pytest.mark.parametrize("href", ["/index.html", "/agencies/index.html", "/"])
def test_root_relative_link(tmp_path: Path, href: str) -> None:
    problems = problems_with(tmp_path, {"agencies/index.html": page(f'<a href="{href}">x</a>')})
    assert len(problems) == 1, problems
    assert "root-relative" in problems[0]


def test_protocol_relative_and_javascript_fail(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {"index.html": page(
        '<a href="//cdn.example.org/x.js">a</a>\n<a href="javascript:void(0)">b</a>\n<a href=" JavaScript:go()">c</a>')})
    assert len(problems) == 3, problems
    assert "protocol-relative" in problems[0]
    assert "javascript:" in problems[1] and "javascript:" in problems[2]


def test_link_outside_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (tmp_path / "secret.html").write_text("x")
    problems = problems_with(site, {"index.html": page('<a href="../secret.html">x</a>')})
    assert len(problems) == 1 and "outside the site" in problems[0]


def test_css_problems(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {
        "theme/site.css": '@import url("missing.css");\nbody {\n  background: url(/theme/logo.png);\n}\n'
                          ".b { background-image: url('../theme/nope.png') }\n",
        "search/index.html": page('<style>\n\nbody { background: url(gone.png) }</style>'
                                  '<p style="background:url(../theme/none.png)">x</p>'),
    })
    assert problems == [
        "search/index.html:10: broken link '../theme/none.png': no file theme/none.png",
        "search/index.html:10: broken link 'gone.png': no file search/gone.png",
        "theme/site.css:1: broken link 'missing.css': no file theme/missing.css",
        "theme/site.css:3: root-relative link '/theme/logo.png' (breaks over file:// and under a sub-path;"
        " use a relative path)",
        "theme/site.css:5: broken link '../theme/nope.png': no file theme/nope.png",
    ]


def test_srcset_and_other_attributes(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {"index.html": page(
        '<img src="theme/logo.png" srcset="theme/a.png 1x,theme/logo@2x.png 2x, theme/b.png 480w" alt="">\n'
        '<video poster="theme/poster.png"></video><form action="find.html"></form>\n'
        '<meta http-equiv="refresh" content="0; url=moved/index.html">')})
    assert [p.split(": no file ")[1] for p in problems] == [
        "theme/a.png", "theme/b.png", "find.html", "theme/poster.png", "moved/index.html"]


def test_missing_home_page(tmp_path: Path) -> None:
    files = good_site()
    del files["index.html"]
    problems = check_site(make_site(tmp_path, files))
    assert problems[0] == "404.html:8: broken link 'index.html': no file index.html"
    assert "index.html:0: the site has no home page index.html" in problems


def test_404_with_base_href_may_use_root_relative_links(tmp_path: Path) -> None:
    not_found = page('<a href="index.html">首页</a> <a href="/archive/agencies/index.html">机构</a>'
                     ' <a href="years/index.html#y2020">年份</a>',
                     head='<base href="/archive/">\n<link rel="stylesheet" href="theme/site.css">\n')
    assert problems_with(tmp_path, {"404.html": not_found}) == []


def test_404_with_absolute_base_href(tmp_path: Path) -> None:
    not_found = page('<a href="index.html">a</a> <a href="/repo/search/index.html">b</a>'
                     ' <a href="/other/index.html">c</a> <a href="nope.html">d</a> <a href="/repo/agencies/">e</a>',
                     head='<base href="https://someone.github.io/repo/">\n')
    problems = problems_with(tmp_path, {"404.html": not_found})
    assert [p.split(": ", 1)[1].split(" '")[0] for p in problems] == [
        "broken link", "folder link", "root-relative link"], problems
    assert "'/other/index.html' is outside the base path '/repo/'" in problems[2]


def test_404_without_base_is_checked_like_any_page(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {"404.html": page('<a href="/index.html">x</a>')})
    assert len(problems) == 1 and "root-relative" in problems[0]


def test_base_href_elsewhere_is_rejected(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, {"years/index.html": page(
        '<a id="y2020" href="2020/index.html">x</a>', head='<base href="/archive/">\n')})
    assert len(problems) == 1 and "allowed only in 404.html" in problems[0]


def test_relative_base_href_is_followed(tmp_path: Path) -> None:
    assert problems_with(tmp_path, {"years/index.html": page(
        '<a href="index.html">home</a> <a id="y2020" href="years/2020/index.html">2020</a>',
        head='<base href="../">\n')}) == []


def test_command_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {**good_site(), "agencies/index.html": page('<a href="nope.html">x</a>')})
    run = subprocess.run([sys.executable, "-m", "reportsite.linkcheck", str(site)], cwd=REPO,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stdout.splitlines() == ["agencies/index.html:8: broken link 'nope.html': no file agencies/nope.html"]
    assert "1 problems" in run.stderr

    good = make_site(tmp_path / "good", good_site())
    run = subprocess.run([sys.executable, "-m", "reportsite.linkcheck", str(good)], cwd=REPO,
                         capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "")

    run = subprocess.run([sys.executable, "-m", "reportsite.linkcheck", str(tmp_path / "absent")], cwd=REPO,
                         capture_output=True, text=True)
    assert run.returncode == 2
