"""Flattened statistics tables rebuilt as Markdown tables (reportsite/ingest/tables.py), or left alone.

Each rule has a real-looking fragment (the standard tables as scrapes flatten them), and each has
fragments that must stay text: a lost cell, a stray page number, a header cell missing, rows of
`|` cells of different widths. Goldens of the rebuilt tables of every unseen fixture are in
tests/fixtures/ingest/unseen-tables/; regenerate with `REPORTSITE_UPDATE_GOLDEN=1 pytest tests/test_ingest_tables.py`
and read the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportsite.ingest import convert_bytes, structure
from reportsite.ingest._text import han_counter
from reportsite.ingest.markdown import render_body
from reportsite.ingest.structure import restore
from reportsite.ingest.tables import GRID_COLUMNS, KNOWN_HEADERS, RULES, find_tables
from reportsite.render import render_markdown, render_markdown_it
from reportsite.stats.extract import extract_stats

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
UNSEEN = FIXTURES / "unseen"
TABLE_GOLDENS = FIXTURES / "unseen-tables"

REQUEST_HEADER_ONE_CELL = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
REVIEW_HEADER_ONE_CELL = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
                          "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def one_cell_a_line(label: str, numbers: str) -> list[str]:
    return [label, *numbers.split()]


def tables_of(lines: list[str]) -> list:
    return [b for b in restore(lines) if b.kind == "table"]


def markdown(lines: list[str]) -> str:
    return render_body(restore(lines))


def assert_nothing_lost(lines: list[str]) -> None:
    body = markdown(lines)
    assert han_counter(body) == han_counter("\n".join(lines))
    for number in (c for line in lines for c in line.split() if c.lstrip("-").replace(".", "").isdigit()):
        assert number in body


# ---------------------------------------------------------------- known headers


def test_requests_table_one_cell_a_line():
    # u01 (北京市海淀区, 2020): the page's table copied one cell a line
    lines = ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", *REQUEST_HEADER_ONE_CELL,
             *one_cell_a_line("一、本年新收政府信息公开申请数量", "411 1 0 0 0 0 412"),
             "三、本年度办理结果", *one_cell_a_line("（一）予以公开", "167 1 0 0 0 0 168"),
             *one_cell_a_line("（三）不予公开 1.属于国家秘密", "0 0 0 0 0 0 0"),
             *one_cell_a_line("四、结转下年度继续办理", "27 0 0 0 0 0 27"),
             "四、政府信息公开行政复议、行政诉讼情况"]
    [table] = tables_of(lines)
    assert table.table.layout == "requests"
    assert table.table.rows[:3] == (
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "", "", "", "", "", ""),
        ("", "自然人", "法人或其他组织", "", "", "", "", "总计"),
        ("", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""))
    assert table.table.rows[3:] == (
        ("一、本年新收政府信息公开申请数量", "411", "1", "0", "0", "0", "0", "412"),
        ("三、本年度办理结果", "", "", "", "", "", "", ""),  # a group label: a row of its own
        ("（一）予以公开", "167", "1", "0", "0", "0", "0", "168"),
        ("（三）不予公开 1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"),
        ("四、结转下年度继续办理", "27", "0", "0", "0", "0", "0", "27"))
    kinds = [b.kind for b in restore(lines)]
    assert kinds == ["heading", "table", "heading"]
    assert_nothing_lost(lines)


def test_requests_table_tab_rows_with_its_corner_cell():
    # u13 (合肥市蜀山区, 2022): rows copied with tabs; empty cells collapse into one tab
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况", "自然人\t法人或其他组织\t总计",
             "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
             "一、本年新收政府信息公开申请数量\t52\t3\t0\t0\t1\t0\t56",
             "三、本年度办理结果\t（一）予以公开\t20\t1\t0\t0\t0\t0\t21",
             "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"]
    [table] = tables_of(lines)
    assert table.table.rows[0][:2] == ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况")
    assert [r[0] for r in table.table.rows[3:]] == ["一、本年新收政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开", "（三）不予公开", "1.属于国家秘密"]
    assert_nothing_lost(lines)


def test_requests_table_label_then_numbers_with_a_label_a_pdf_broke():
    # u07/u14 (PDF extraction): the header's cells ran together once spaces between Chinese cells went
    lines = ["申请人情况", "自然人法人或其他组织总计", "商业企业科研机构社会公益组织法律服务机构其他",
             "二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3",
             "（二）部分公开（区分处理的，只计这一情形，不计", "其他情形） 5 0 0 0 0 0 5",
             "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处", "理其政府信息公开申请 1 0 0 0 0 0 1"]
    [table] = tables_of(lines)
    assert [r[0] for r in table.table.rows[3:]] == [
        "二、上年结转政府信息公开申请数量", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    assert_nothing_lost(lines)


def test_review_table_one_cell_a_line_and_run_together():
    numbers = "9 2 0 1 12 6 1 0 2 9 3 0 0 1 4"
    for lines in ([*REVIEW_HEADER_ONE_CELL, *numbers.split()],
                  ["行政复议行政诉讼", "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
                   "结果 维持 结果 纠正 其他 结果 尚未 审结 总计 结果 维持 结果 纠正 其他 结果 尚未 审结 总计", numbers]):
        [table] = tables_of([*lines, "五、存在的主要问题及改进情况"])
        assert table.table.layout == "review-litigation"
        assert table.table.rows[0] == ("行政复议", "", "", "", "", "行政诉讼", *[""] * 9)
        assert table.table.rows[-1] == tuple(numbers.split())
        assert_nothing_lost(lines)
    # the whole header copied as one line of tab-separated cells
    [table] = tables_of(["\t".join(REVIEW_HEADER_ONE_CELL), "\t".join(numbers.split())])
    assert table.table.rows[-1] == tuple(numbers.split())
    # a PDF's cell keeps its space: `结果 维持`
    assert tables_of(lines)[0].table.rows[2][5] == "结果 维持"


# ---------------------------------------------------------------- simple grids


def test_grid_one_cell_a_line_from_its_corner_numbers_as_written():
    # u01 (2019 edition): 第二十条 blocks one cell a line; `-4` and `18635.7` stay as written
    lines = ["第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "312", "-4", "186420",
             "其他对外管理服务事项", "45", "0", "2316", "第二十条第（九）项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购", "214", "18635.7"]
    blocks = restore(lines)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph", "table"]
    assert blocks[1].table.rows == (("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"), ("行政许可", "312", "-4", "186420"),
                                    ("其他对外管理服务事项", "45", "0", "2316"))
    assert blocks[3].table.rows == (("信息内容", "采购项目数量", "采购总金额"), ("政府集中采购", "214", "18635.7"))
    assert "| 行政许可 | 312 | -4 | 186420 |" in markdown(lines)
    assert_nothing_lost(lines)


def test_grid_a_line_a_row_tabs_and_a_header_that_ran_together():
    # u03: tabs; u07/u14: `信息内容本年收费金额（单位：万元）` split by the known column names (GRID_COLUMNS)
    assert tables_of(["信息内容\t本年处理决定数量", "行政许可\t432"])[0].table.rows == (("信息内容", "本年处理决定数量"), ("行政许可", "432"))
    assert tables_of(["信息内容本年收费金额（单位：万元）", "行政事业性收费 0"])[0].table.rows == (
        ("信息内容", "本年收费金额（单位：万元）"), ("行政事业性收费", "0"))
    assert tables_of(["信息内容本年制发件数本年废止件数现行有效件数", "规章 0 0 12", "行政规范性文件 5 2 46"])[0].table.rows[0] == (
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    # without a known corner a tab grid needs two rows
    assert tables_of(["渠道\t条数\t占比", "门户网站\t3200\t45", "政务微博\t1200\t17"])
    assert not tables_of(["渠道\t条数", "门户网站\t3200"])


def test_every_grid_column_name_splits_a_header():
    from reportsite.ingest.tables import _glued_header

    names = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "本年处理决定数量",
             "采购项目数量", "采购总金额", "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）"]
    for name in names:
        assert _glued_header("信息内容" + name) == ["信息内容", name], name
    assert len(GRID_COLUMNS) == 12
    assert _glued_header("信息内容本年制发件数另有说明") is None


def test_pipe_rows_of_one_width_and_one_edge_style():
    # u08: a Markdown-style copy, `| --- |` row and all
    lines = ["| 第二十条第（六）项 | | | |", "| --- | --- | --- | --- |", "| 信息内容 | 本年处理决定数量 | | |", "| 行政处罚 | 58 | | |",
             "| 行政强制 | 2 | | |"]
    [table] = tables_of(lines)
    assert table.table.rows == (("第二十条第（六）项", "", "", ""), ("信息内容", "本年处理决定数量", "", ""), ("行政处罚", "58", "", ""),
                                ("行政强制", "2", "", ""))
    assert_nothing_lost(lines)


# ---------------------------------------------------------------- left alone

LEFT_ALONE = {
    # a row lost a cell (6 numbers for 7 columns): the whole table stays text
    "requests: a lost cell": [*REQUEST_HEADER_ONE_CELL, *one_cell_a_line("一、本年新收政府信息公开申请数量", "411 1 0 0 0 412"),
                              *one_cell_a_line("二、上年结转政府信息公开申请数量", "23 0 0 0 0 0 23")],
    # a page number between two rows (8 numbers)
    "requests: a stray page number": ["申请人情况", "自然人法人或其他组织总计", "商业企业科研机构社会公益组织法律服务机构其他",
                                      "一、本年新收政府信息公开申请数量 18 1 0 0 0 0 19", "3",
                                      "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1"],
    # u14: the review table with 14 numbers
    "review: a lost cell": ["行政复议行政诉讼", "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
                            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计", "1 0 0 0 1 0 0 0 1 0 0 0 0 0"],
    "review: a page number after it": [*REVIEW_HEADER_ONE_CELL, *"9 2 0 1 12 6 1 0 2 9 3 0 0 1 4".split(), "2"],
    # a header cell lost: the rows have one number more than the header has columns for
    "grid: a header cell lost": ["信息内容", "本年新制作数量", "本年新公开数量", "规章", "0", "0", "0"],
    "grid: a row lost a cell": ["信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t0\t0", "行政规范性文件\t1\t0\t7"],
    "grid: a stray number after it": ["信息内容", "本年处理决定数量", "行政许可", "432", "2"],
    # one cell a line without a known corner: where the header starts is a guess
    "grid: no known corner": ["渠道", "条数", "门户网站", "3200", "政务微博", "1200"],
    # u02: rows with a `|` at one edge only — an empty cell or an edge?
    "pipes: one-edged rows": ["第二十条第（一）项 | | |", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 0 | 0 | 0"],
    "pipes: different widths": ["| 信息内容 | 本年处理决定数量 |", "| 行政许可 | 2184 | |"],
}


@pytest.mark.parametrize("name", sorted(LEFT_ALONE))
def test_tables_that_do_not_fit_stay_text(name):
    lines = LEFT_ALONE[name]
    assert not find_tables(lines)
    assert not tables_of(lines)
    assert_nothing_lost(lines)


def test_every_rule_and_known_header_has_a_fragment():
    assert [name for name, _ in RULES] == ["pipe-rows", "known-header", "grid-one-cell-a-line", "grid-line-a-row",
                                           "grid-layout-header"]  # (its fragments: tests/test_ingest_unseen_pdf.py)
    assert [h.name for h in KNOWN_HEADERS] == ["requests", "review-litigation"]


# ---------------------------------------------------------------- Markdown and rendering


def test_cells_are_escaped_and_the_table_renders():
    body = markdown(["信息内容\t本年处理决定数量", "行政许可*审批*\t432", "<b>行政处罚</b>\t12"])
    assert "| 行政许可\\*审批\\* | 432 |" in body
    html = render_markdown(body).html
    assert '<table class="data-table">' in html and "<th>信息内容</th>" in html and "<td>行政许可*审批*</td>" in html
    assert "&lt;b&gt;行政处罚&lt;/b&gt;" in html and "<b>" not in html


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.glob("*.txt")))
def test_fixture_tables_render_the_same_through_either_path(name):
    body = convert_bytes((UNSEEN / name).read_bytes(), name).reports[0].body
    assert render_markdown(body) == render_markdown_it(body)


def test_built_page_has_the_table(tmp_path, monkeypatch):
    from reportsite.cli import main

    repo = Path(__file__).resolve().parent.parent
    for folder in ("templates", "theme"):
        shutil.copytree(repo / folder, tmp_path / folder)
    shutil.copy(repo / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "scrapes").mkdir()
    shutil.copy(UNSEEN / "u01_beijing_haidian_2020.txt", tmp_path / "scrapes")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "scrapes"]) == 0
    assert main(["build"]) == 0
    page = (tmp_path / "site/reports/2020-beijing-haidianqurenminzhengfu/index.html").read_text("utf-8")
    assert page.count('<table class="data-table">') == 7
    assert "<th>信息内容</th>\n<th>上一年项目数量</th>\n<th>本年增/减</th>\n<th>处理决定数量</th>" in page
    assert "<td>行政许可</td>\n<td>312</td>\n<td>-4</td>\n<td>186420</td>" in page
    assert "<td>政府集中采购</td>\n<td>214</td>\n<td>18635.7</td>" in page
    assert "<td>（一）予以公开</td>\n<td>167</td>" in page


# ---------------------------------------------------------------- statistics unchanged


def _stats(body: str) -> tuple[list[tuple], list[tuple], tuple]:
    ex = extract_stats(body)
    return ([(s.key, s.value, s.qualifier, s.text, s.origin, s.pattern, s.flags) for s in ex.stats],
            [(f.kind, f.message) for f in ex.findings], ex.markers)


SOURCES = sorted([*UNSEEN.glob("*.txt"), *(FIXTURES / "seeds").iterdir()])
# Figures only the rebuilt table gives: without it, u14's group label `（六）其他处理` and the label a PDF broke
# under it (`1.申请人…不再处`) became headings, which ended the extractor's table early.
GAINED = {"u14_changsha_yuelu_mzj_2023_pdf.txt": {"requests.other.no_correction", "requests.other.unpaid_fee", "requests.other.other",
                                                  "requests.total", "requests.carried_forward"},
          # u41 (pdftotext -layout): the headers printed side by side, cells broken over lines, are only read once rebuilt
          "u41_xiangyang_zrzy_2022_pdflayout.txt": {
              "active.rules.issued", "active.rules.repealed", "active.rules.in_force", "active.normative_documents.issued",
              "active.normative_documents.repealed", "active.normative_documents.in_force", "active.fees.amount",
              "review.upheld", "review.corrected", "review.other", "review.pending", "review.total",
              *(f"litigation.{w}.{k}" for w in ("direct", "after_review") for k in ("upheld", "corrected", "other", "pending", "total"))}}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_extracted_statistics_are_the_same_with_and_without_tables(path, monkeypatch):
    """Every figure the statistics read from the text flattened is read, the same, from the rebuilt tables."""
    with_tables = [r.body for r in convert_bytes(path.read_bytes(), path.name).reports]
    monkeypatch.setattr(structure, "find_tables", lambda lines: {})
    without = [r.body for r in convert_bytes(path.read_bytes(), path.name).reports]
    for a, b in zip(with_tables, without, strict=True):
        (stats_a, findings_a, markers_a), (stats_b, findings_b, markers_b) = _stats(a), _stats(b)
        gained = GAINED.get(path.name, set())
        assert [s for s in stats_a if s[0] not in gained] == stats_b
        assert {s[0] for s in stats_a} - {s[0] for s in stats_b} == gained
        assert findings_a == findings_b and markers_a == markers_b


# ---------------------------------------------------------------- goldens of the rebuilt tables


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.glob("*.txt")))
def test_unseen_tables_match_golden(name):
    report = convert_bytes((UNSEEN / name).read_bytes(), name).reports[0]  # (u23: the report, then its page's next article)
    tables = restore_blocks(report)
    got = "\n\n".join(tables) + "\n" if tables else ""
    golden = TABLE_GOLDENS / (Path(name).stem + ".md")
    if os.environ.get("REPORTSITE_UPDATE_GOLDEN"):
        TABLE_GOLDENS.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8"), f"{name}: rebuilt tables differ from {golden}; diff it by eye"


def restore_blocks(report) -> list[str]:
    """The Markdown of each table in a report's body."""
    out, current = [], []
    for line in report.body.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out
