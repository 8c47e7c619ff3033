"""Statistics from report text: every named pattern on its real fragment, flags, parts, tables (flattened too), sums."""

from __future__ import annotations

import pytest

from reportsite.render import render_markdown
from reportsite.stats import patterns as P
from reportsite.stats.extract import extract_stats, finalize, report_stats


def values(rs, key, qualifier=None):
    return [(s.value, s.flags) for s in rs.stats if s.key == key and s.qualifier == qualifier]


def one(rs, key, qualifier=None):
    found = values(rs, key, qualifier)
    assert len(found) == 1, f"{key}[{qualifier}]: {found} in {[(s.key, s.qualifier, s.value) for s in rs.stats]}"
    return found[0]


# ---------------------------------------------------------------- every pattern on its own real text


@pytest.mark.parametrize("pattern,clause,value", [(p, c, v) for p in P.PROSE for c, v in p.examples],
                         ids=[f"{p.name}:{c[:12]}" for p in P.PROSE for c, _ in p.examples])
def test_each_prose_pattern_matches_its_examples(pattern, clause, value):
    rs = report_stats(clause + "。")
    found = [s for s in rs.stats if s.pattern == pattern.name]
    assert found, f"{pattern.name} did not match {clause!r}: got {[(s.pattern, s.value) for s in rs.stats]}"
    assert found[0].value == value
    assert found[0].sentence == clause + "。"


@pytest.mark.parametrize("clause,qualifier,value", P.PART_EXAMPLES)
def test_part_clauses_after_a_total(clause, qualifier, value):
    parent = "全年共发布各类重要公安工作信息3200余条" if "信息" in clause or "快报" in clause else "共接受咨询32,150件"
    if "栏目" in clause:
        parent = "我厅共受理“湘警网”上“在线咨询”问题80余起"
    rs = report_stats(f"{parent}，{clause}。")
    parts = [s for s in rs.stats if s.qualifier == qualifier]
    assert parts and parts[0].value == value and parts[0].key.endswith(".part")


def test_lower_bounds_approximations_and_rounding():
    got = {(s.value, s.flags, s.text) for text in (
        "全年共发布各类重要公安工作信息3200余条。", "本年度主动公开政府信息1100多条。",
        "共接受公民、法人或其他组织对政府信息公开相关事项咨询约3,498件。", "省公安厅通过上述渠道实际发布各类信息3.9万条。",
        "我厅共收到政府信息公开申请100件以上。") for s in report_stats(text).stats}
    assert (3200, ("lower_bound",), "3200余条") in got
    assert (1100, ("lower_bound",), "1100多条") in got
    assert (3498, ("approximate",), "约3,498件") in got
    assert (39000, ("rounded",), "3.9万条") in got
    assert (100, ("lower_bound",), "100件以上") in got


def test_a_statement_made_twice_with_different_figures_keeps_both():
    # seed 000 (湖南省公安厅2009): 湘警要闻 is 640余条 in one place, 600余条 in another
    body = ("全年共发布各类重要公安工作信息3200余条，其中发布“湘警要闻”信息640余条，治安快报1100余条。\n\n"
            "2009年，我厅共发布各类公安工作信息3200余条，其中发布“湘警要闻”信息600余条，治安快报1100余条，其他信息1500余条。")
    rs = report_stats(body, 2009)
    assert values(rs, "active.items.part", "湘警要闻") == [(640, ("lower_bound", "inconsistent")), (600, ("lower_bound", "inconsistent"))]
    assert one(rs, "active.items") == (3200, ("lower_bound",))  # the same figure twice is one value
    assert one(rs, "active.items.part", "治安快报") == (1100, ("lower_bound",))
    conflict = [f for f in rs.findings if f.kind == "conflict"]
    assert len(conflict) == 1 and "640余条" in conflict[0].message and "600余条" in conflict[0].message
    assert conflict[0].anchors == ("p_1", "p_2")


def test_each_value_links_to_its_paragraph_in_the_rendered_body():
    body = "## 一、概述\n\n说明。\n\n2009年，我厅共收到政府信息公开申请5条，全部予以答复。\n"
    rs = report_stats(body)
    stat = rs.stats[0]
    assert stat.anchor == "p_2" and stat.sentence == "2009年，我厅共收到政府信息公开申请5条，全部予以答复。"
    assert f'<p id="{stat.anchor}">2009年' in render_markdown(body).html


def test_traditional_script_is_read_and_the_sentence_kept_as_written():
    rs = report_stats("2019年，省公安廳共收到政府信息公開申請120件。", 2019)
    stat = rs.stats[0]
    assert (stat.key, stat.value) == ("requests.received", 120)
    assert stat.sentence == "2019年，省公安廳共收到政府信息公開申請120件。"


def test_channel_totals_are_not_mistaken_for_the_archive_total():
    # seed 000: the 400 items are one platform's, the 70 one category's; only 3200 is the total
    rs = report_stats("2009年以来，我厅在省政府网站“政府信息公开发布平台” 共发布信息400余条，其中发布机构职能等政府信息120余条。"
                      "2009年以来，共发布各类政策、法规文件信息70余条。")
    assert values(rs, "active.items") == [] and values(rs, "active.items.part", "机构职能等政府") == []


@pytest.mark.parametrize("sentence,channel,value", P.CHANNEL_EXAMPLES)
def test_a_total_stated_for_one_named_channel_is_its_part(sentence, channel, value):
    rs = report_stats(sentence + "。", 2020)
    assert values(rs, "active.items") == []
    assert one(rs, "active.items.part", channel) == (value, ("lower_bound",) if "余" in sentence else ())


def test_the_archive_total_beside_channel_figures_is_no_conflict():
    # A district's 2020 report: the total once, two channels' figures in other paragraphs.
    body = ("全年共主动公开政府信息12476条，其中政策文件241件。\n\n"
            "围绕疫情防控，开设“疫情防控”专栏，及时发布疫情通报，累计发布信息2103条。\n\n"
            "“北京海淀”政务新媒体矩阵全年发布信息8900余条。")
    rs = report_stats(body, 2020)
    assert values(rs, "active.items") == [(12476, ())]
    assert not [f for f in rs.findings if f.kind == "conflict"]
    # A sentence that opens a channel after its total leaves the total alone.
    rs = report_stats("全年共发布各类信息3200余条，并开设“政策解读”专栏。", 2020)
    assert values(rs, "active.items") == [(3200, ("lower_bound",))]


def test_the_year_total_stated_as_the_own_portal_figure():
    # unseen u01: the year's total is what went through the district government's own portal
    rs = report_stats("全年通过区政府门户网站主动公开政府信息12476条，其中政策文件241件，政策解读156篇。\n\n"
                      "“北京海淀”政务新媒体矩阵全年发布信息8900余条。", 2020)
    assert values(rs, "active.items") == [(12476, ())]
    assert not [f for f in rs.findings if f.kind == "conflict"]
    # without the year, a portal figure after 其中 is a part, not the total
    rs = report_stats("全年主动公开政府信息15000条，其中通过区政府门户网站公开政府信息12476条。", 2020)
    assert values(rs, "active.items") == [(15000, ())]
    # another site's platform is a channel, never the total
    rs = report_stats("全年在省政府网站“信息公开平台”主动公开政府信息400余条。", 2020)
    assert values(rs, "active.items") == []


def test_numbers_the_text_does_not_state_are_not_invented():
    rs = report_stats("2009年，我厅共收到政府信息公开申请5条，全部予以答复。答复率100%。网站日均访问量达到87.7万人次。")
    assert [(s.key, s.value) for s in rs.stats] == [("requests.received", 5)]


# ---------------------------------------------------------------- tables

TABLE_2021 = """\
| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | 申请人情况 | | | | | | |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| | | 自然人 | 法人或其他组织 | | | | | 总计 |
| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |
| 一、本年新收政府信息公开申请数量 | | 40 | 2 | 0 | 0 | 1 | 0 | 43 |
| 二、上年结转政府信息公开申请数量 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| 三、本年度办理结果 | （一）予以公开 | 20 | 1 | 0 | 0 | 0 | 0 | 21 |
| | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
| | （三）不予公开 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 3.危及“三安全一稳定” | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| | 7.属于行政执法案卷 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | （四）无法提供 1.本机关不掌握相关政府信息 | 8 | 1 | 0 | 0 | 1 | 0 | 10 |
| | 2.没有现成信息需要另行制作 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | （五）不予处理 1.信访举报投诉类申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| | （七）总计 | 40 | 2 | 0 | 0 | 1 | 0 | 43 |
| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
"""


def test_the_standard_request_table():
    rs = report_stats(TABLE_2021, 2021)
    assert rs.format == "standard-2021"
    expect = {"requests.received": 43, "requests.carried_over": 2, "requests.granted": 21, "requests.partly_granted": 3,
              "requests.refused.state_secret": 0, "requests.refused.endangers_security": 1,
              "requests.refused.enforcement_files": 2, "requests.unavailable.not_held": 10,
              "requests.not_processed.complaint": 2, "requests.not_processed.repeated": 1,
              "requests.other.no_correction": 1, "requests.other.other": 0, "requests.total": 43,
              "requests.carried_forward": 2}
    for key, value in expect.items():
        assert one(rs, key)[0] == value, key
    assert rs.findings == ()  # 43 + 2 = 43 + 2; the outcomes add up to 43
    received = rs.single("requests.received")
    assert received.origin == "table" and received.anchor == "r_4" and "本年新收" in received.sentence


def test_a_sum_that_does_not_hold_is_a_finding_and_the_numbers_are_kept():
    broken = TABLE_2021.replace("| （七）总计 | 40 | 2 | 0 | 0 | 1 | 0 | 43 |", "| （七）总计 | 40 | 2 | 0 | 0 | 1 | 0 | 44 |")
    rs = report_stats(broken, 2021)
    assert one(rs, "requests.total") == (44, ("inconsistent",))
    kinds = sorted(f.kind for f in rs.findings)
    assert kinds == ["row-sum", "sum", "sum"]  # the row, the balance, and the outcomes' total
    balance = next(f for f in rs.findings if "本年新收 + 上年结转" in f.message)
    assert "45" in balance.message and "46" in balance.message


FLATTENED_ONE_CELL_A_LINE = """\
三、收到和处理政府信息公开申请情况

申请人情况
自然人
法人或其他组织
总计
一、本年新收政府信息公开申请数量
40
2
0
0
1
0
43
二、上年结转政府信息公开申请数量
2
0
0
0
0
0
2
三、本年度办理结果
（一）予以公开
20
1
0
0
0
0
21
（七）总计
40
2
0
0
1
0
43
四、结转下年度继续办理
2
0
0
0
0
0
2

四、政府信息公开行政复议、行政诉讼情况

行政复议
行政诉讼
结果维持
结果纠正
其他结果
尚未审结
总计
未经复议直接起诉
复议后起诉
总计
2
1
0
0
3
1
0
0
1
2
0
0
0
0
0
"""


def test_a_flattened_table_one_cell_a_line():
    rs = report_stats(FLATTENED_ONE_CELL_A_LINE, 2020)
    assert [one(rs, k)[0] for k in ("requests.received", "requests.carried_over", "requests.granted", "requests.total",
                                    "requests.carried_forward")] == [43, 2, 21, 43, 2]
    assert [one(rs, k)[0] for k in ("review.upheld", "review.corrected", "review.total", "litigation.direct.pending",
                                    "litigation.direct.total", "litigation.after_review.total")] == [2, 1, 3, 1, 2, 0]
    assert rs.findings == ()


def test_a_flattened_table_cells_a_paragraph_each():
    rs = report_stats("\n\n".join(FLATTENED_ONE_CELL_A_LINE.splitlines()), 2020)
    assert one(rs, "requests.received")[0] == 43 and one(rs, "review.total")[0] == 3


def test_pipe_rows_with_empty_cells_in_a_paragraph():
    text = ("一、本年新收政府信息公开申请数量 | | 5 | | | | | | 5\n"
            "二、上年结转政府信息公开申请数量 | | | | | | | | \n"
            "（一）予以公开 | 3 | | | | | | 3\n"
            "（七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5\n")
    rs = report_stats(text, 2020)
    assert one(rs, "requests.received")[0] == 5
    assert values(rs, "requests.carried_over") == []  # every cell empty: nothing stated
    assert one(rs, "requests.granted")[0] == 3 and one(rs, "requests.total")[0] == 5


def test_a_label_and_its_numbers_on_one_line():
    rs = report_stats("本年新收政府信息公开申请数量 12 0 0 0 0 0 12\n上年结转政府信息公开申请数量  1  0  0  0  0  0  1", 2020)
    assert one(rs, "requests.received")[0] == 12 and one(rs, "requests.carried_over")[0] == 1


def test_rows_that_cannot_be_read_are_left_alone():
    # three numbers that do not add up: which is the total? Not guessed.
    rs = report_stats("一、本年新收政府信息公开申请数量\n5\n7\n3\n", 2020)
    assert values(rs, "requests.received") == []
    # the table's labels outside a table (prose) do not start one
    assert report_stats("予以公开\n3\n", 2020).stats == ()


def test_the_active_disclosure_table_2021():
    text = ("第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n行政规范性文件\n3\n1\n25\n"
            "第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n1520\n"
            "第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n0.5\n")
    rs = report_stats(text, 2021)
    assert one(rs, "active.normative_documents.in_force")[0] == 25
    assert one(rs, "active.licensing.decisions")[0] == 1520
    assert one(rs, "active.fees.amount")[0] == 0.5


def test_the_active_disclosure_table_as_markdown():
    text = ("| 第二十条第（一）项 | | | |\n| --- | --- | --- | --- |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "| 规章 | 0 | 0 | 2 |\n| 第二十条第（六）项 | | | |\n| 信息内容 | 本年处理决定数量 | | |\n| 行政处罚 | 3861 | | |\n")
    rs = report_stats(text, 2021)
    assert one(rs, "active.rules.in_force")[0] == 2 and one(rs, "active.penalty.decisions")[0] == 3861


# ---------------------------------------------------------------- front matter, format


def test_hand_set_values_replace_the_text_and_are_marked():
    body = "2009年，我厅共收到政府信息公开申请5条，全部予以答复。2009年，我厅未收到因政府信息公开申请的行政复议。"
    rs = finalize(extract_stats(body), 2009, None, {
        "requests.received": 6, "review.total": None,
        "active.items.part[湘警要闻]": {"value": 640, "flags": ["lower_bound"], "note": "见原网页"}})
    assert one(rs, "requests.received") == (6, ("override",))
    assert values(rs, "review.total") == []
    part = rs.values("active.items.part", "湘警要闻")[0]
    assert part.flags == ("lower_bound", "override") and part.origin == "front-matter" and part.sentence == "见原网页"


def test_the_format_follows_the_tables_then_the_year():
    assert report_stats("", 2009).format == "pre-2019"
    assert report_stats("", 2019).format == "standard-2019"
    assert report_stats("", 2022).format == "standard-2021"
    assert report_stats("信息内容\n本年制发件数\n", None).format == "standard-2021"
    assert report_stats("我局没有依申请公开。", None, "201*").format == "pre-2019"
    assert finalize(extract_stats(""), 2009, None, {"format": "standard-2019"}).format == "standard-2019"


def test_the_schema_checks_stats_overrides():
    from reportsite.content import ContentError, parse_report

    head = "---\ntitle: t\nslug: s\nstats:\n"
    assert parse_report(head + "  requests.received: 88\n  active.items.part[湘警要闻]: 640\n---\n", "x.md").stats == {
        "requests.received": 88, "active.items.part[湘警要闻]": 640}
    for bad, word in [("  requests.recieved: 88\n", "requests.received"), ("  requests.received: many\n", "number"),
                      ("  format: gb\n", "standard-2021"), ("  review.total: {value: 1, flags: [maybe]}\n", "lower_bound")]:
        with pytest.raises(ContentError) as e:
            parse_report(head + bad + "---\n", "x.md")
        assert word in str(e.value)


# ---------------------------------------------------------------- tables as PDF extraction and copied pages give them

PDF_TABLES = """\
第二十条第（一）项

信息内容本年制发件数本年废止件数现行有效件数

规章 0 0 12

行政规范性文件 5 2 46

第二十条第（五）项

信息内容\t本年处理决定数量

行政许可\t1873

三、本年度办理结果（一）予以公开 30 1 0 0 0 0 31

（二）部分公开（区分处理的，只计这一情形，不计

其他情形） 5 0 0 0 0 0 5

（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处

理其政府信息公开申请 1 0 0 0 0 0 1

行政复议行政诉讼

结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉

结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计

2 0 0 1 3 1 0 0 0 1 0 0 0 1 1
"""


def test_header_cells_run_together_and_labels_broken_over_two_lines():
    # the spaces between header cells lost (PDF extraction), a tab-separated copy, long labels broken by the page width
    rs = report_stats("一、本年新收政府信息公开申请数量 67 1 0 0 0 0 68\n\n" + PDF_TABLES, 2023)
    assert one(rs, "active.rules.in_force")[0] == 12 and one(rs, "active.normative_documents.issued")[0] == 5
    assert one(rs, "active.licensing.decisions")[0] == 1873
    assert one(rs, "requests.granted")[0] == 31 and one(rs, "requests.partly_granted")[0] == 5
    assert one(rs, "requests.other.no_correction")[0] == 1
    assert [one(rs, k)[0] for k in ("review.total", "litigation.direct.total", "litigation.after_review.total")] == [3, 1, 1]


def test_the_one_regex_of_all_prose_patterns_finds_a_clause_exactly_when_one_of_them_does():
    """extract._any_prose lets most clauses skip the patterns: it must never skip one that a pattern reads."""
    import random

    from reportsite.stats.extract import _any_prose, _prose_patterns

    regexes = [regex for _, regex, _, _ in _prose_patterns()]
    clauses = [c for p in P.PROSE for c, _ in p.examples] + [c for c, _, _ in P.PART_EXAMPLES]
    rng = random.Random(5)
    for clause in list(clauses):  # cut and joined pieces of real clauses: near misses of every pattern
        for _ in range(20):
            i, j = sorted(rng.sample(range(len(clause) + 1), 2))
            other = rng.choice(clauses)
            clauses += [clause[i:j], clause[:i] + other[j % max(len(other), 1):], clause[i:] + "，" + other[:j]]
    found = 0
    for clause in clauses:
        expected = any(regex.search(clause) for regex in regexes)
        assert (_any_prose().search(clause) is not None) == expected, clause
        found += expected
    assert 0 < found < len(clauses)  # both kinds were tried


def test_full_width_figures_are_read_as_the_ascii_ones():
    """extract._fold translates full-width digits only in blocks that have one: such a block must still be read."""
    to_full = str.maketrans("0123456789.", "０１２３４５６７８９．")
    checked = 0
    for pattern in P.PROSE:
        for clause, value in pattern.examples:
            if value is None or not any(c.isdigit() for c in clause):
                continue
            found = [s for s in report_stats(clause.translate(to_full) + "。").stats if s.pattern == pattern.name]
            assert found and found[0].value == value, (pattern.name, clause)
            checked += 1
    assert checked > 10
