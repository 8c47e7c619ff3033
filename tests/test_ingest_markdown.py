"""Writing valid Markdown and front matter: text is never read as syntax; YAML round-trips."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reportsite.content import parse_report
from reportsite.ingest import convert_bytes
from reportsite.ingest.markdown import edited_by_hand, escape_paragraph, render_body, render_file
from reportsite.ingest.structure import Block


def rendered(body: str) -> tuple[list[str], str]:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(body)
    kinds = [t.type for t in tokens if t.nesting == 1]
    text = "".join(c.content for t in tokens if t.type == "inline" for c in t.children or () if c.type == "text")
    return kinds, text


@pytest.mark.parametrize("text", [
    "201*年,我局在党工委的正确领导下……201*年我局在省市级媒体发布信息131条。",
    "# 不是标题", "1. 不是列表", "1) 不是列表", "- 不是列表", "+ 不是列表", "* 不是列表", "> 不是引用",
    "| 不是 | 表格 |", "[不是链接](http://example.com)", "![不是图片](x.png)", "<b>不是HTML</b>", "<http://example.com>",
    "`不是代码`", "~~不是删除线~~", "a_b_c 和 __粗__", "&copy; 与 &#169;", "行末反斜杠\\", "---", "===", "***",
    "    四个空格", "数据来源：[2019]10号", "比例达到100%*2",
])
def test_text_is_never_syntax(text):
    body = render_body([Block("paragraph", text.strip())])
    kinds, plain = rendered(body)
    assert kinds == ["paragraph_open"]
    assert plain == text.strip()


def test_headings_are_escaped_too():
    body = render_body([Block("heading", "一、201*年政务公开工作总体情况 #", 2)])
    assert body == "## 一、201\\*年政务公开工作总体情况 \\#\n"
    kinds, plain = rendered(body)
    assert kinds == ["heading_open"] and plain == "一、201*年政务公开工作总体情况 #"


def test_blocks_are_separated_by_blank_lines():
    body = render_body([Block("heading", "一、概述", 2), Block("paragraph", "正文一。"), Block("paragraph", "正文二。")])
    assert body == "## 一、概述\n\n正文一。\n\n正文二。\n"
    assert render_body([]) == ""


def test_escaping_keeps_chinese_text_untouched():
    text = "（一）加强组织领导，建立健全政府信息公开工作组织体系。“湘警网”《条例》——全角＊号＃号"
    assert escape_paragraph(text) == text


@pytest.mark.parametrize("title", [
    "公安局201*年度政府信息公开报告", "报告: 第二部分 #1", "a: b", "#开头的标题", "'引号'与\"双引号\"", "yes", "2019", "null", "- 列表样",
])
def test_titles_with_yaml_syntax_round_trip(title):
    front = {"title": title, "slug": "undated-x", "source": {"file": "x.txt", "sha256": "0" * 64}, "import": {"removed": {}}}
    text = render_file(front, "正文。\n")
    report = parse_report(text, "content/reports/undated-x.md")
    assert report.title == title
    assert report.body == "正文。\n"


def test_key_order_and_hash_of_what_was_written():
    front = {"slug": "undated-x", "title": "标题", "import": {"removed": {"notice": 1}}, "kind": "other",
             "source": {"file": "x.txt", "sha256": "0" * 64}}
    text = render_file(front, "正文。\n")
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if line and not line.startswith((" ", "-"))]
    assert keys[:4] == ["title", "kind", "source", "slug"]
    assert edited_by_hand(text) is False
    assert edited_by_hand(text.replace("正文。", "正文，改过。")) is True
    assert edited_by_hand(text.replace("title: 标题", "title: 新标题")) is True
    assert edited_by_hand("---\ntitle: x\n---\n") is None


def test_a_whole_report_renders_as_intended():
    data = ("湖南省公安厅2019年政府信息公开工作年度报告\n一、概述\n201*年,我局发布信息*131*条。\n"
            "1. 这一行以数字加点开头\n# 井号开头\n").encode()
    report = convert_bytes(data, "x.txt").reports[0]
    kinds, plain = rendered(report.body)
    assert kinds == ["heading_open", "paragraph_open", "heading_open", "paragraph_open"]
    assert plain == "一、概述201*年,我局发布信息*131*条。1. 这一行以数字加点开头# 井号开头"
