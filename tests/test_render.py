"""Markdown bodies render to safe HTML with stable heading ids and a table of contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportsite.render import RESERVED_IDS, heading_id, render_markdown


def test_raw_html_in_a_body_is_shown_as_text():
    html = render_markdown('<script>alert(1)</script>\n\n段落<img src=x onerror="alert(1)">').html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_dangerous_link_targets_do_not_become_links():
    html = render_markdown("[点我](javascript:alert(1)) [数据](data:text/html,<b>x</b>) [网站](https://www.gov.cn/)").html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert '<a href="https://www.gov.cn/">网站</a>' in html


def test_images_are_never_loaded():
    html = render_markdown("![图](https://tracker.example/pixel.png)").html
    assert "<img" not in html


def test_chinese_headings_get_stable_ascii_ids_and_a_toc():
    body = "## 一、概述\n\n正文\n\n### （一）加强组织领导\n\n#### 1、抓组织\n\n## 一、概述\n"
    first, second = render_markdown(body), render_markdown(body)
    assert first == second
    assert re.findall(r'<h(\d) id="([^"]+)">', first.html) == [
        ("2", "yi-gaishu"), ("3", "yi-jiaqiangzuzhilingdao"), ("4", "1-zhuazuzhi"), ("2", "yi-gaishu-2")]
    assert [(t.level, t.id, t.text) for t in first.toc] == [
        (2, "yi-gaishu", "一、概述"), (3, "yi-jiaqiangzuzhilingdao", "（一）加强组织领导"), (2, "yi-gaishu-2", "一、概述")]


def test_a_body_h1_is_demoted_because_the_title_is_the_page_h1():
    assert render_markdown("# 标题\n").html.startswith('<h2 id="biaoti">标题</h2>')


def test_heading_ids_never_take_an_id_the_page_uses():
    html = render_markdown("## Search results\n\n## TOC\n").html
    assert 'id="search-results"' not in html and 'id="toc"' not in html
    assert "toc" in RESERVED_IDS and heading_id("TOC") == "toc"


def test_heading_without_letters_still_gets_an_id():
    assert '<h2 id="section">' in render_markdown("## ——\n").html


def test_tables_render_and_escaped_markdown_stays_text():
    out = render_markdown("| 项目 | 数量 |\n| --- | --- |\n| 申请 | 88 |\n\n201\\*年,我局…201\\*年\n")
    assert '<table class="data-table">' in out.html and "<td>88</td>" in out.html
    assert "<em>" not in out.html and "201*年,我局…201*年" in out.html
    assert out.text.splitlines() == ["项目", "数量", "申请", "88", "201*年,我局…201*年"]


def test_heading_levels_never_skip_one_though_the_numbering_does():
    # 一、 maps to ##, 1、 to ####: with no （一） between them the page still goes h2 → h3.
    body = "## 一、概述\n\n#### 1、抓组织\n\n#### 2、建中心\n\n## 二、情况\n\n### （一）申请\n\n##### （1）网上\n\n#### 3、其他\n"
    for html in (render_markdown(body).html, render_markdown(body + "\n| a |\n| - |\n| 1 |\n").html):
        assert re.findall(r"<h(\d)", html) == ["2", "3", "3", "2", "3", "4", "4"]
    assert [t.level for t in render_markdown(body).toc] == [2, 3, 3, 2, 3]
    assert [int(n) for n in re.findall(r"<h(\d)", render_markdown("### 只有三级\n\n#### 四级\n").html)] == [2, 3]


@pytest.mark.parametrize("content", ["site-content", "hostile-content", "stats-content"])
def test_pages_are_the_bytes_stock_jinja_writes(content, monkeypatch):
    """Our code generator writes `{{ }}` without Markup wrappers (render._escape_output): every file of a
    site, hostile text included, must be what Jinja's own code generator and escape() give."""
    import jinja2

    from reportsite import render
    from reportsite.build import Project, render_site
    from reportsite.config import load_settings
    from reportsite.content import load_reports

    repo = Path(__file__).resolve().parent.parent
    folder = repo / "tests" / "fixtures" / content
    project = Project(content=folder, site=Path("unused"), templates=repo / "templates", theme=repo / "theme", root=repo)
    settings = load_settings(repo / "pyproject.toml")
    reports = load_reports(folder).reports
    ours = render_site(reports, settings, project)

    made = render.make_environment

    def stock(templates_dir):
        env = made(templates_dir)  # the same settings and filters, compiled by Jinja's own code generator
        env.code_generator_class = jinja2.compiler.CodeGenerator
        return env

    monkeypatch.setattr(render, "make_environment", stock)
    theirs = render_site(reports, settings, project)
    assert sorted(ours) == sorted(theirs)
    assert [p for p in ours if ours[p] != theirs[p]] == []
    assert any(b"&lt;" in data or b"&#34;" in data or b"&#39;" in data for p, data in ours.items() if p.endswith(".html"))


def test_output_escaping_is_markupsafes():
    from markupsafe import Markup, escape

    from reportsite.render import _escape_output

    for value in ['<script>alert("x")</script>', "a & b 'c'", "年度报告", 2019, None, Markup("<b>kept</b>"), 1.5]:
        assert _escape_output(value) == str(escape(value))
        assert type(_escape_output(value)) in (str, Markup)


def test_a_run_of_output_is_one_yield_and_errors_keep_their_line(tmp_path):
    """render._CodeGenerator writes a run of text and `{{ }}` as one `yield concat((…))`; a failing expression
    in it is still reported at its own template line."""
    import pytest

    from reportsite.render import TemplateProblem, make_environment, render_template

    (tmp_path / "t.html").write_text("<p>{{ a }}\n{{ b | upper }}</p>\n{% for x in xs %}<i>{{ x }}</i>{% endfor %}\n{{ c.d }}", "utf-8")
    env = make_environment(tmp_path)
    code = env.compile(env.loader.get_source(env, "t.html")[0], "t.html", raw=True)
    assert "yield concat((" in code
    assert render_template(env, "t.html", {"a": "<", "b": "x", "xs": [1, 2], "c": {"d": "&"}}, tmp_path) == \
        "<p>&lt;\nX</p>\n<i>1</i><i>2</i>&amp;"  # (trim_blocks: no newline after endfor)
    with pytest.raises(TemplateProblem, match=r"t\.html:4: 'c' is undefined"):
        render_template(env, "t.html", {"a": 1, "b": "x", "xs": []}, tmp_path)
