"""Unseen scrapes, later set: old-format reports, 2008–2018 (tests/fixtures/ingest/unseen/u46–u49; the README there lists
them), before the State Council's 2019 standard tables: sections 一、概述 … 六、存在的主要问题和改进措施, and the
政府信息公开情况统计表 (`统计指标 | 单位 | 统计数`, the national form of 2014–2018, and the provinces' earlier ones) flattened
one cell a line, as `|` rows with units, or a label with its unit run into it and the number on one line.

Same checks as tests/test_ingest_unseen.py (metadata, headings, noise gone, text kept); the 统计表 stays text (no
heading, no empty section) unless its `|` rows fit exactly, and the statistics read its key figures (only from rows
with one figure; tests/test_stats_old.py has the extractor's own cases).
"""

from __future__ import annotations

import pytest

from reportsite.ingest.noise import strip_noise
from reportsite.ingest.structure import restore, shape
from reportsite.stats.extract import extract_stats, report_stats

from unseen_sets import check_body, check_front, convert_fixture

# file → (metadata, encoding, headings, gone from the body, kept in the body)
EXPECT = {
    "u46_taizhou_jtj_2015_table_cells.txt": (
        dict(title="台州市交通运输局2015年政府信息公开工作年度报告", agency="台州市交通运输局", region="浙江省", city="台州市",
             year=2015, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2016-03-28"),
        "utf-8",
        ["## 一、概述", "### （二）规范公开程序。", "## 三、依申请公开政府信息情况", "## 六、存在的主要问题及改进措施"],
        ["首页 > 信息公开", "浏览次数", "【打印】", "相关链接", "浙ICP备", "_台州市交通运输局\n"],
        # the table one cell a line stays as written: its numbered labels are paragraphs, a small figure under its unit
        # cell is no page number
        ["台州市交通运输局\n\n2016年3月25日\n\n附表：台州市交通运输局2015年政府信息公开情况统计表\n\n统计指标\n\n单位\n\n统计数\n\n一、主动公开情况\n\n—\n\n—\n\n",
         "1.参加或举办新闻发布会总次数\n\n次\n\n3\n\n", "（三）申请答复数\n\n件\n\n23\n\n", "七、依申请公开信息收取的费用\n\n万元\n\n0\n\n",
         "（三）接受培训人员数\n\n人次\n\n46\n"]),
    "u47_xinfeng_2017_table_pipes.txt": (
        dict(title="信丰县人民政府2017年政府信息公开工作年度报告", agency="信丰县人民政府", region="江西省", city="赣州市",
             year=2017, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2018-03-29"),
        "utf-8",
        ["## 一、概述", "### （二）推进重点领域信息公开。", "## 五、因政府信息公开申请行政复议、提起行政诉讼情况", "## 七、其他需要报告的事项"],
        ["点击数", "【打印本页】", "上一篇", "下一篇", "赣ICP备"],
        # `|` rows of one width: rebuilt, cells as written (`—` kept)
        ["附表：信丰县2017年政府信息公开情况统计表\n\n| 统计指标 | 单位 | 统计数 |\n| --- | --- | --- |\n| 一、主动公开情况 | — | — |\n",
         "| （三）申请答复数 | 件 | 14 |\n| 1.属于已主动公开范围数 | 件 | 2 |", "| 七、依申请公开信息收取的费用 | 万元 | 0 |",
         "| （三）接受培训人员数 | 人次 | 156 |\n\n信丰县人民政府办公室\n\n2018年3月26日\n"]),
    "u48_baoji_hbj_2011_short_sections.txt": (
        dict(title="宝鸡市环境保护局2011年政府信息公开工作年度报告", agency="宝鸡市环境保护局", region="陕西省", city="宝鸡市",
             year=2011, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、概述", "## 四、政府信息公开的收费及减免情况。", "## 五、因政府信息公开申请行政复议、提起行政诉讼的情况",
         "## 六、存在的主要问题和改进措施"],
        [],
        # one-sentence sections keep their sentence; the table's rows (unit run into the label) stay lines, no headings
        ["## 四、政府信息公开的收费及减免情况。\n\n2011年，我局未收取任何政府信息公开费用。\n\n## 五、",
         "提起行政诉讼的情况\n\n2011年，我局没有发生因政府信息公开申请行政复议、提起行政诉讼的情况。\n\n## 六、",
         "指标名称单位数量\n\n一、主动公开政府信息数条 562\n\n", "二、依申请公开情况\n\n（一）收到申请数件 9\n\n1.当面申请数件 2\n\n",
         "五、依申请公开信息收取的费用元 0\n\n宝鸡市环境保护局\n\n二〇一二年三月二十日\n"]),
    "u49_mianyang_youxian_2009_prose_gbk.txt": (
        dict(title="绵阳市游仙区人民政府2009年政府信息公开工作年度报告", agency="绵阳市游仙区人民政府", region="四川省", city="绵阳市",
             year=2009, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2010-03-31"),
        "gbk",
        ["## 一、概述", "## 二、主动公开政府信息的情况", "#### 2、公开栏和查阅点。", "## 三、依申请公开政府信息和不予公开政府信息的情况",
         "## 六、政府信息公开工作存在的主要问题和改进措施", "### （二）改进措施。"],
        ["您现在的位置", "文章来源", "【字号", "【打印本页】"],
        ["共收到政府信息公开申请36件，其中当面申请12件、网络申请20件、信函申请4件。",
         "绵阳市游仙区人民政府办公室\n\n二〇一〇年三月三十日\n"]),
}


def _report(name: str):
    return convert_fixture(name).reports[0]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_old_metadata(name):
    want, encoding, *_ = EXPECT[name]
    check_front(_report(name).front, want, encoding)


OLD_TABLE_WORDS = ("申请数", "答复数", "主动公开情况", "依申请公开情况", "回应解读情况", "行政复议数量", "行政诉讼数量", "收取的费用",
                   "机构建设", "培训情况", "举报投诉")


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_old_structure_noise_and_text(name):
    report = _report(name)
    _, _, headings, gone, kept = EXPECT[name]
    lines = check_body(report.body, headings, gone, kept)
    assert not [l for l in lines if l.startswith("#") and any(w in l for w in OLD_TABLE_WORDS)]
    assert report.front["import"]["removed"].get("page-number", 0) == 0


def test_page_source_stops_at_the_buttons():
    # u49: `文章来源：区政府办公室 【字号：大 中 小】` → the site is 区政府办公室
    assert _report("u49_mianyang_youxian_2009_prose_gbk.txt").front["source"]["site"] == "区政府办公室"


# The 统计表's key figures, read from the table: key → value.
TABLES = {
    "u46_taizhou_jtj_2015_table_cells.txt": {
        "active.items": 1263, "requests.received": 23, "requests.answered": 23, "requests.already_public": 4, "requests.granted": 11,
        "requests.partly_granted": 2, "requests.refused": 1, "requests.outside_remit": 3, "requests.not_exist": 2,
        "requests.correction_asked": 0, "requests.redirected": 0, "review.total": 1, "litigation.total": 0, "fees.charged": 0},
    "u47_xinfeng_2017_table_pipes.txt": {
        "active.items": 4826, "requests.received": 14, "requests.answered": 14, "requests.already_public": 2, "requests.granted": 7,
        "requests.partly_granted": 1, "requests.refused": 1, "requests.outside_remit": 2, "requests.not_exist": 1,
        "requests.correction_asked": 0, "requests.redirected": 0, "review.total": 2, "litigation.total": 1, "fees.charged": 0},
    "u48_baoji_hbj_2011_short_sections.txt": {
        "active.items": 562, "requests.received": 9, "requests.answered": 9, "requests.granted": 6, "requests.partly_granted": 1,
        "requests.refused": 0, "review.total": 0, "litigation.total": 0, "fees.charged": 0},
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_old_table_key_figures(name):
    report = _report(name)
    from_table = {s.key: s.value for s in extract_stats(report.body).stats if s.origin == "table"}
    assert from_table == TABLES[name]
    rs = report_stats(report.body, report.front["year"])
    assert rs.format == "pre-2019"
    for key, value in TABLES[name].items():  # the prose states the same figures: one value each, no conflict
        found = rs.values(key)
        assert [s.value for s in found] == [value] and "inconsistent" not in found[0].flags, (key, found)
    assert not rs.findings


def test_old_table_units_and_sentences():
    report = _report("u48_baoji_hbj_2011_short_sections.txt")
    stats = {s.key: s for s in extract_stats(report.body).stats if s.origin == "table"}
    assert stats["fees.charged"].unit == "元" and stats["requests.received"].sentence == "（一）收到申请数件：9"
    report = _report("u47_xinfeng_2017_table_pipes.txt")
    stats = {s.key: s for s in extract_stats(report.body).stats if s.origin == "table"}
    assert stats["fees.charged"].unit == "万元" and stats["fees.charged"].text == "0万元"
    assert stats["review.total"].sentence == "四、行政复议数量 件：2" and stats["review.total"].anchor.startswith("r_")


def test_prose_only_report_figures():
    report = _report("u49_mianyang_youxian_2009_prose_gbk.txt")
    rs = report_stats(report.body, 2009)
    got = {k: [s.value for s in rs.values(k)] for k in (
        "active.items", "requests.received", "requests.answered", "requests.granted", "requests.partly_granted", "requests.refused",
        "requests.not_exist", "requests.not_government_info", "fees.charged", "review.total", "litigation.total", "consultations")}
    assert got == {"active.items": [2186], "requests.received": [36], "requests.answered": [36], "requests.granted": [29],
                   "requests.partly_granted": [3], "requests.refused": [1], "requests.not_exist": [2],
                   "requests.not_government_info": [1], "fees.charged": [120], "review.total": [1], "litigation.total": [0],
                   "consultations": [1280]}
    # the site's own count under 公开形式 (a column it 设置了) is a part, not a second total
    assert [(s.qualifier, s.value) for s in rs.values("active.items.part", "“政府信息公开”专栏")] == [("“政府信息公开”专栏", 1865)]
    assert not [s for s in extract_stats(report.body).stats if s.origin == "table"]


# ---------------------------------------------------------------- the importer's rules, fragments

HEAD = ["附表：某县2016年政府信息公开情况统计表", "统计指标", "单位", "统计数", "一、主动公开情况", "—", "—"]


def test_old_table_labels_are_never_headings():
    lines = [*HEAD, "（一）主动公开政府信息数", "条", "512", "二、回应解读情况", "—", "—", "三、依申请公开情况", "—", "—",
             "（一）收到申请数", "件", "7", "四、行政复议数量", "件", "0"]
    blocks = restore(lines)
    assert [b.kind for b in blocks] == ["paragraph"] * len(lines)
    assert [b.text for b in blocks] == lines
    body = restore(["六、存在的主要问题和改进措施", "一是公开内容不够全面。", *lines])
    assert not shape(body).ends_cut and not shape(body).empty_sections  # a table at the end cuts nothing


def test_a_section_after_the_table_is_a_heading():
    lines = [*HEAD, "（一）收到申请数", "件", "7", "五、存在的主要问题和改进措施", "一是公开内容不够全面；二是更新不够及时。"]
    blocks = restore(lines)
    assert [(b.kind, b.text) for b in blocks[-2:]] == [("heading", "五、存在的主要问题和改进措施"),
                                                      ("paragraph", "一是公开内容不够全面；二是更新不够及时。")]
    assert all(b.kind == "paragraph" for b in blocks[:-2])


def test_a_caption_without_the_old_tables_labels_changes_nothing():
    # a 2019+ report's attachment caption, its sections after it: headings as before
    lines = ["附件：政府信息公开工作年度报告统计表", "一、总体情况", "2020年，我局全面贯彻落实《条例》。"]
    assert [b.kind for b in restore(lines)] == ["paragraph", "heading", "paragraph"]


def test_a_number_under_a_unit_cell_is_no_page_number():
    text = "1.参加或举办新闻发布会总次数\n次\n3\n2.政府网站在线访谈次数\n次\n4\n3.政策解读稿件发布数\n篇\n5\n4.微博微信回应事件数\n次\n6"
    result = strip_noise(text)
    assert result.removals == [] and result.text == text
