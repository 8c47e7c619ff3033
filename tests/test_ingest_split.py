"""Several reports in one file: each becomes its own report pointing at the same raw file."""

from __future__ import annotations

from reportsite.ingest import convert_bytes
from reportsite.ingest.noise import strip_noise
from reportsite.ingest.split import split

FIRST = ("公安局201*年度政府信息公开报告\n一、201*年政务公开工作总体情况\n"
         + "我局认真贯彻条例，加强领导，完善政府信息公开机制，促进依法行政。" * 12 + "\n")
SECOND = ("广东省公安厅政府信息公开工作年度报告\n(201*年度)\n一、概述\n"
          + "省公安厅切实加强对政府信息公开工作的组织领导，不断完善相关制度。" * 4 + "\n")


def test_related_reading_marker_starts_a_second_report():
    text = FIRST + "扩展阅读:广东省公安厅政府信息公开工作年度报告(201*年度)\n" + SECOND + "友情提示:本文给出的范例仅供您参考。\n"
    conversion = convert_bytes(text.encode(), "002.txt")
    titles = [r.front["title"] for r in conversion.reports]
    assert titles == ["公安局201*年度政府信息公开报告", "广东省公安厅政府信息公开工作年度报告(201*年度)"]
    assert [r.front["source"]["file"] for r in conversion.reports] == ["002.txt", "002.txt"]
    first, second = conversion.reports
    assert [r.kind for r in first.removals if r.kind != "title"] == []
    assert sorted(r.kind for r in second.removals if r.kind != "title") == ["notice", "related-reading"]
    assert "广东" not in first.body and "我局认真贯彻条例" not in second.body


def test_a_related_reading_line_that_names_no_following_report_is_only_removed():
    text = FIRST + "相关阅读：某某局2018年政府信息公开工作年度报告\n"
    conversion = convert_bytes(text.encode(), "x.txt")
    assert len(conversion.reports) == 1
    assert [(r.kind, r.text) for r in conversion.reports[0].removals if r.kind != "title"] == [
        ("related-reading", "相关阅读：某某局2018年政府信息公开工作年度报告")]


def test_body_lines_that_begin_like_a_marker_stay():
    text = FIRST + "相关文章已在网站公布，供群众查阅。\n"
    report = convert_bytes(text.encode(), "x.txt").reports[0]
    assert "相关文章已在网站公布" in report.body


def test_a_second_full_title_line_after_a_finished_report_starts_a_report():
    text = FIRST + "湖南省民政厅2019年政府信息公开工作年度报告\n一、概述\n" + "我厅认真贯彻条例，加强领导，促进依法行政。" * 3 + "\n"
    conversion = convert_bytes(text.encode(), "x.txt")
    assert [r.front["agency"] for r in conversion.reports] == ["公安局", "湖南省民政厅"]


def test_a_report_quoting_its_title_in_a_line_is_one_report():
    text = FIRST + "公安局201*年度政府信息公开报告\n特此报告。\n"
    assert len(convert_bytes(text.encode(), "x.txt").reports) == 1
    # Too little text before: not a second report either.
    short = "湖南省公安厅2019年政府信息公开工作年度报告\n前言。\n湖南省民政厅2019年政府信息公开工作年度报告\n正文。\n"
    assert len(split(strip_noise(short))) == 1


def test_a_link_list_under_a_bare_marker_is_removed_not_a_second_report():
    # 相关推荐 ⏎ titles ⏎ 上一篇：… (a content farm's page end): links, not a report
    text = (FIRST + "相关推荐\n广州市财政局2011年政府信息公开工作年度报告\n财政局政府信息公开工作总结\n"
            "猜你喜欢\n政府信息公开工作年度报告范文\n上一篇：市国土资源局2012年政府信息公开年报\n")
    conversion = convert_bytes(text.encode(), "x.txt")
    assert len(conversion.reports) == 1
    report = conversion.reports[0]
    assert "财政局" not in report.body and "范文" not in report.body
    assert [r.kind for r in report.removals if r.kind != "title"] == ["related-reading"] * 6


def test_a_title_under_a_bare_marker_followed_by_its_text_stays():
    text = FIRST + "相关推荐\n" + SECOND
    titles = [r.front["title"] for r in convert_bytes(text.encode(), "x.txt").reports]
    assert titles[-1] == "广东省公安厅政府信息公开工作年度报告(201*年度)"


def test_a_pages_next_article_after_the_closing_date_is_its_own_piece():
    # A content farm shows the next article right after the report's signature, without a marker.
    text = (FIRST + "株洲市人力资源和社会保障局\n2016年3月28日\n株洲市2016年一季度城镇新增就业情况分析\n"
            "今年一季度，全市城镇新增就业1.86万人，完成年度目标任务的28.6%；失业人员再就业4520人，就业困难人员实现就业1380人。\n")
    from reportsite.ingest.noise import strip_noise
    from reportsite.ingest.split import split

    segments = split(strip_noise(text))
    assert [s.lines[0].text for s in segments][1:] == ["株洲市2016年一季度城镇新增就业情况分析"]
    # A piece on another subject is not imported: it is logged with the report as `unrelated-piece`.
    reports = convert_bytes(text.encode(), "x.txt").reports
    assert [r.front["title"] for r in reports] == ["公安局201*年度政府信息公开报告"]
    assert reports[0].body.endswith("2016年3月28日\n")
    assert [r.text.split("\n")[0] for r in reports[0].removals if r.kind == "unrelated-piece"] == ["今年一季度，全市城镇新增就业1.86万人，完成年度目标任务的28.6%；失业人员再就业4520人，就业困难人员实现就业1380人。"]
    # An appendix after the date, or a table's title over its rows, is part of the report.
    for tail in ("附件：政府信息公开工作统计表\n今年一季度，全市城镇新增就业1.86万人，完成年度目标任务的28.6%，就业形势总体稳定向好。\n",
                 "政府信息公开情况统计表\n主动公开信息 120\n依申请公开 8\n"):
        assert len(convert_bytes((FIRST + "公安局\n2016年3月28日\n" + tail).encode(), "x.txt").reports) == 1
