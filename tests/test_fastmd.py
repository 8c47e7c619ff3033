"""The Markdown fast path gives exactly markdown-it's output, or declines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from reportsite.content import read_report
from reportsite.fastmd import render_simple, simple_blocks
from reportsite.render import _anchor_blocks, _markdown, body_blocks, render_markdown, render_markdown_it

ROOT = Path(__file__).resolve().parent.parent


def markdown_it_blocks(body: str):
    return tuple(_anchor_blocks(_markdown().parse(body)))


def same_or_declined(body: str) -> bool:
    """The fast path's HTML and its blocks for statistics are markdown-it's, or it declines both."""
    fast = render_simple(body)
    blocks = simple_blocks(body)
    if (fast is None) != (blocks is None):
        return False
    return fast is None or (fast == render_markdown_it(body) and blocks == markdown_it_blocks(body))


def test_typical_bodies_take_the_fast_path_with_identical_output(tmp_path):
    import importlib.util
    import sys

    corpus = sys.modules.get("bench_corpus")
    if corpus is None:
        spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
        corpus = importlib.util.module_from_spec(spec)
        sys.modules["bench_corpus"] = corpus
        spec.loader.exec_module(corpus)
    paths = corpus.generate(tmp_path, 150, seed=11)
    for path in paths:
        body = read_report(path).body
        fast = render_simple(body)
        assert fast is not None, path
        assert fast == render_markdown_it(body), path
        assert render_markdown(body) == fast
        blocks = simple_blocks(body)
        assert blocks is not None and blocks == markdown_it_blocks(body), path
        assert body_blocks(body) == blocks


def test_fixture_bodies():
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.md")):
        try:
            body = read_report(path).body
        except Exception:
            continue
        assert same_or_declined(body), path
        assert render_markdown(body) == render_markdown_it(body)
        assert body_blocks(body) == markdown_it_blocks(body)


EXAMPLES = [
    "", "\n", "段落", "## 一、概述\n\n正文。", "# 标题\n正文", "正文\n## 标题\n正文", "### （一）小节\n\n文字\n第二行",
    "1. 列表", "1.5万元", "2009年，我厅", "2009.\n", "- 项", "* 项", "+ 项", "> 引用", "a\n===", "a\n---", "***",
    "    代码", " 缩进", "结尾  \n下一行", "结尾 \n下一行", "\u3000全角空格开头", "全角空格结尾\u3000", "\u3000",
    "a & b", "a < b", "a > b", '引号"', "单引号'", "[链接](x)", "![图](x)", "*强调*", "_下划线_", "`代码`", "\\转义",
    "a | b\n--|--\n1 | 2", "<div>", "~~删除~~", "## 标题 ##", "## #", "####### 七级", "##标题", "## ", "##",
    "#\n", "## 标题\u3000", "## \u3000标题", "## 重复\n## 重复\n## main", "段落\n\n\n\n段落", "  \n正文", "正文\n  \n正文",
    "10) 项", "１．全角数字", "a\u00a0b", "\u00a0开头", "行一\n行二\n行三", "%$@^{}:=#+-", "正文 #不是标题", "\x0b", "a\fb",
]


def test_examples():
    for body in EXAMPLES:
        assert same_or_declined(body), repr(body)
        assert render_markdown(body) == render_markdown_it(body), repr(body)
        assert body_blocks(body) == markdown_it_blocks(body), repr(body)


ALPHABET = st.sampled_from(list("政府信息公开一二三四五六七八九十、（）。，；：“”0123456789abc .-#*_[]()<>&!`~|\\=+>\"'\u3000\u00a0\t\r")
                           + ["\n", "\n\n", "## ", "### ", "1. ", "- "])


@settings(max_examples=600, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_random_bodies(body):
    assert same_or_declined(body)
    assert render_markdown(body) == render_markdown_it(body)
    assert body_blocks(body) == markdown_it_blocks(body)


def test_the_blocks_of_a_typical_body_number_its_paragraphs_as_its_page_does():
    body = "## 一、概述\n\n第一段，\n续行。\n\n### （一）主动公开\n\n第二段。\n"
    assert simple_blocks(body) == markdown_it_blocks(body)
    kinds = [(b.kind, b.anchor, b.text) for b in simple_blocks(body)]
    assert kinds == [("heading", None, "一、概述"), ("paragraph", "p_1", "第一段，\n续行。"),
                     ("heading", None, "（一）主动公开"), ("paragraph", "p_2", "第二段。")]
    assert 'id="p_1"' in render_simple(body).html and 'id="p_2"' in render_simple(body).html
    assert simple_blocks("| a | b |\n|---|---|\n| 1 | 2 |") is None  # a table: markdown-it's rows
