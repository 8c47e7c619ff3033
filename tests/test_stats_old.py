"""The pre-2019 统计表 (政府信息公开情况统计表, `统计指标 | 单位 | 统计数`): rows of a label, a unit and one figure
(patterns.OLD_TABLE_ROWS). A label whose figure is missing, or stated more than once on its row, gives nothing; a money row
needs its unit (元 or 万元)."""

from __future__ import annotations

from reportsite.stats.extract import extract_stats, report_stats


def table(body: str) -> dict:
    return {s.key: (s.value, s.flags) for s in extract_stats(body).stats if s.origin == "table"}


def cells(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_one_cell_a_line_with_and_without_the_unit_column():
    assert table(cells("（一）收到申请数", "件", "36", "2.同意公开答复数", "件", "20")) == {
        "requests.received": (36, ()), "requests.granted": (20, ())}
    assert table(cells("（一）收到申请数", "36", "四、行政复议数量", "0")) == {"requests.received": (36, ()), "review.total": (0, ())}


def test_a_missing_figure_gives_nothing_and_shifts_nothing():
    # 收到申请数 lost its number: the next row's figure is not its
    assert table(cells("（一）收到申请数", "件", "1.当面申请数", "件", "12", "（三）申请答复数", "件", "—")) == {}


def test_a_row_with_two_figures_gives_nothing():
    assert table("| （一）收到申请数 | 件 | 36 | 28 |\n| 四、行政复议数量 | 件 | 1 |\n") == {"review.total": (1, ())}


def test_labels_read_column_by_column_give_nothing():
    assert table(cells("（一）收到申请数", "（二）申请办结数", "（三）申请答复数", "件", "件", "件", "36", "36", "36")) == {}


def test_fees_need_their_unit_and_are_in_yuan():
    assert table(cells("七、依申请公开信息收取的费用", "万元", "0.02")) == {"fees.charged": (200, ("rounded",))}
    assert table("七、依申请公开信息收取的费用元 350\n") == {"fees.charged": (350, ())}
    assert table(cells("七、依申请公开信息收取的费用", "0")) == {}  # 元 or 万元?
    assert table("| 四、行政复议数量 | 万元 | 3 |\n") == {}  # a count in money is no such row


def test_unit_run_into_the_label_and_a_note_after_it():
    assert table("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）条 1263\n") == {"active.items": (1263, ())}
    assert table("（一）收到申请数件 9\n4.不同意公开答复数件 0\n") == {"requests.received": (9, ()), "requests.refused": (0, ())}


def test_rows_without_a_key_are_not_read():
    body = cells("（二）申请办结数", "件", "36", "六、举报投诉数量", "件", "2", "其中：涉及国家秘密", "件", "0",
                 "（一）维持具体行政行为数", "件", "1")
    assert table(body) == {}


def test_traditional_script_labels():
    assert table("| （一）收到申請數 | 件 | 8 |\n| 五、行政訴訟數量 | 件 | 1 |\n") == {"requests.received": (8, ()), "litigation.total": (1, ())}


def test_prose_wording_of_the_tables_answers():
    rs = report_stats("在已答复的23件申请中，属于已主动公开范围的4件，同意公开的11件，不同意公开的1件。", 2015)
    assert [(s.key, s.value) for s in rs.stats] == [("requests.granted", 11), ("requests.refused", 1), ("requests.already_public", 4)]


def test_one_topic_of_a_list_is_no_total():
    rs = report_stats("全年公开精准扶贫信息318条、财政预决算信息142条。", 2017)
    assert rs.values("active.items") == []
