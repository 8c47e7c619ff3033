"""Unseen scrapes, later set: government portal pages of CMS families u01–u24 do not cover
(tests/fixtures/ingest/unseen/u36–u40; the README there lists them). Written by the engineer who added the portal rules
(noise.py: PORTAL_LINE_RULES, `_portal_page`; split.py: `相关文件`/`相关解读`; metadata.py: a page title naming several
years, a portal's place for a township), modelled on the text real portal pages give when copied: a provincial
政府信息公开专栏 with the national standard's metadata table one cell a line and a side menu; a district page holding two
years' reports of one agency; a municipal page whose report is the text of its attachment; a township's page on its
county's portal; a portal with an accessibility and language toolbar, a search box, today's date and QR-code prompts.

Same checks as tests/test_ingest_unseen.py (metadata, headings, noise gone, text kept, the standard tables' key
figures; every Han character in the body or the log and the written file loading are checked there for every fixture),
and one real-looking fragment for each rule these pages needed (`REMOVES`), with look-alikes that must stay (`KEEPS`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest.decode import normalise
from reportsite.ingest.metadata import take_title
from reportsite.ingest.noise import KINDS, strip_noise

from unseen_sets import check_body, check_front, convert_fixture, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

# Files holding several reports (tests/test_ingest_unseen.py reads this through tests/unseen_sets.py).
PIECES = {"u37_xian_yanta_mzj_2019_2020_two_reports.txt": 2}

# file → one entry per report: (metadata, site, headings, gone from the body, kept in the body)
EXPECT = {
    "u36_qinghai_jtt_2019_xxgk.txt": [(
        dict(title="青海省交通运输厅2019年政府信息公开工作年度报告", agency="青海省交通运输厅", region="青海省", city=None,
             year=2019, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2020-01-21"),
        "青海省人民政府门户网站",
        ["## 一、总体情况", "### （二）依申请公开。", "## 三、收到和处理政府信息公开申请情况", "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项"],
        ["门户网站\n", "政府信息公开专栏\n", "当前位置", "索引号", "11630000MB1921837K", "主题分类", "综合政务", "发文机关", "成文日期", "标题：",
         "发文字号", "发布日期", "有效性", "\n有效\n", "字体", "打印", "相关文件", "2018年", "政府信息公开指南", "相关解读", "图解：", "政府信息公开制度",
         "法定主动公开内容\n", "政府信息公开目录", "政府信息公开年报", "依申请公开\n", "主办", "ICP", "公网安备"],
        ["本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", "按新《条例》调整“法定主动公开内容”栏目，开通政策文件库和依申请公开网上申请系统。",
         "| 行政处罚 | 9 | 1 | 1538 |", "| 政府集中采购 | 14 | 386.52 |", "| （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
         "本年度我厅无其他需要报告的事项。\n\n青海省交通运输厅\n\n2020年1月20日\n"]),
    ],
    "u37_xian_yanta_mzj_2019_2020_two_reports.txt": [(
        dict(title="西安市雁塔区民政局2019年政府信息公开工作年度报告", agency="西安市雁塔区民政局", region="陕西省", city="西安市",
             year=2019, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2021-02-03"),
        "雁塔区民政局",
        ["## 一、总体情况", "### （五）监督保障。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["首页", "走进雁塔", "当前位置", "2019年、2020年", "发布时间", "浏览次数", "字体", "2020年政府信息公开工作年度报告", "2021年1月28日",
         "疫情", "打印本页", "上一篇", "下一篇", "主办", "ICP"],
        ["自2019年1月1日起至2019年12月31日止。", "全年在区政府门户网站民政局专栏主动公开政府信息263条",
         "| 其他对外管理服务事项 | 2 | 0 | 318 |", "| （七）总计 | 20 | 3 | 0 | 0 | 0 | 0 | 23 |",
         "本年度未收取信息处理费。\n\n西安市雁塔区民政局\n\n2020年1月21日\n"]),
        (dict(title="西安市雁塔区民政局2020年政府信息公开工作年度报告", agency="西安市雁塔区民政局", region="陕西省", city="西安市",
              year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2021-02-03"),
         "雁塔区民政局",
         ["## 一、总体情况", "### （四）平台建设。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
         ["2019年政府信息公开工作年度报告", "2020年1月21日", "社会救助信息148条", "打印本页", "上一篇", "下一篇", "法治政府", "主办", "ICP", "网站标识码"],
         ["自2020年1月1日起至2020年12月31日止。", "开通“雁塔民政”微信公众号，全年发布信息215条。", "| 其他对外管理服务事项 | 2 | 1 | 402 |",
          "| （七）总计 | 26 | 2 | 0 | 1 | 0 | 0 | 29 |", "本年度未收取信息处理费。\n\n西安市雁塔区民政局\n\n2021年1月28日\n"]),
    ],
    "u38_jining_ybj_2021_attachment.txt": [(
        dict(title="济宁市医疗保障局2021年政府信息公开工作年度报告", agency="济宁市医疗保障局", region="山东省", city="济宁市",
             year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2022-01-24"),
        "市医疗保障局",
        ["## 一、总体情况", "### （三）政府信息管理。", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["发布日期", "点击数", "字号", "附件：", ".docx", "附件下载", "工作年度报告\n\n本年度报告", "打印本页", "网站地图", "主办", "ICP"],
        # the page's lead stays, the attachment's own title (a copy of the page's) goes, the report follows
        ["现将济宁市医疗保障局2021年政府信息公开工作年度报告予以公布，具体内容详见附件。\n\n本年度报告根据《中华人民共和国政府信息公开条例》",
         "| 行政规范性文件 | 4 | 2 | 17 |", "| 行政处罚 | 46 |", "| （七）总计 | 64 | 4 | 0 | 0 | 1 | 0 | 69 |",
         "本年度我局未收取信息处理费。\n\n济宁市医疗保障局\n\n2022年1月21日\n"]),
    ],
    "u39_qidong_yanxi_zhen_2022_township.txt": [(
        # the text names neither province nor prefecture: the county's portal (`衡阳市祁东县人民政府门户网站`) places the township
        dict(title="岩溪镇人民政府2022年政府信息公开工作年度报告", agency="岩溪镇人民政府", region="湖南省", city="衡阳市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2023-01-20"),
        "衡阳市祁东县人民政府门户网站",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["衡阳市", "门户网站\n", "当前位置", "乡镇信息公开 >", "发布日期", "信息来源", "访问次数", "字体", "【打印】", "主办", "技术支持",
         "ICP", "公网安备"],
        ["本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和祁东县人民政府办公室工作要求编制。",
         "通过祁东县人民政府门户网站乡镇信息公开专栏主动公开政府信息97条", "| 行政处罚 | 3 |",
         "| （四）无法提供 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
         "本年度我镇未收取信息处理费。\n\n岩溪镇人民政府\n\n2023年1月18日\n"]),
    ],
    "u40_luoyang_wjw_2022_toolbar.txt": [(
        dict(title="洛阳市卫生健康委员会2022年政府信息公开工作年度报告", agency="洛阳市卫生健康委员会", region="河南省", city="洛阳市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2023-01-19"),
        "洛阳市人民政府门户网站",
        ["## 一、总体情况", "### （四）平台建设。", "## 三、收到和处理政府信息公开申请情况", "## 五、存在的主要问题及改进情况"],
        ["无障碍浏览", "长者模式", "English", "繁體", "门户网站\n", "请输入", "搜索", "星期六", "农历", "要闻动态", "走进洛阳", "当前位置",
         "发布时间", "浏览次数", "分享到", "纠错", "扫一扫", "朋友圈", "微信公众号", "扫码关注", "洛阳发布", "打印本页", "主办", "ICP"],
        ["本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。", "完成网站适老化和无障碍改造，开通“洛阳卫健”政务新媒体矩阵。",
         "| 行政许可 | 4836 |", "| （七）总计 | 114 | 9 | 0 | 2 | 3 | 1 | 129 |",
         "本机关2022年度未收取信息处理费。\n\n洛阳市卫生健康委员会\n\n2023年1月18日\n"]),
    ],
}

# Each report's standard tables' key figures: 新收, 予以公开, 总计, 行政复议 总计, 行政诉讼 总计 (direct, after review).
TABLES = {
    "u36_qinghai_jtt_2019_xxgk.txt": [("standard-2019", 48, 22, 49, 1, 1, 0)],
    "u37_xian_yanta_mzj_2019_2020_two_reports.txt": [("standard-2019", 24, 11, 23, 0, 0, 0), ("standard-2019", 30, 15, 29, 1, 0, 0)],
    "u38_jining_ybj_2021_attachment.txt": [("standard-2021", 68, 31, 69, 2, 1, 0)],
    "u39_qidong_yanxi_zhen_2022_township.txt": [("standard-2021", 4, 3, 4, 0, 0, 0)],
    "u40_luoyang_wjw_2022_toolbar.txt": [("standard-2021", 127, 55, 129, 4, 2, 0)],
}


def _reports(name: str):
    return convert_fixture(name, PIECES.get(name, 1)).reports


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_portal_metadata(name):
    for report, (want, site, *_) in zip(_reports(name), EXPECT[name], strict=True):
        check_front(report.front, want, "utf-8", site)
        # today's date on the portal is no retrieval date
        assert report.front["source"]["url"] is None and report.front["source"]["retrieved"] is None


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_portal_structure_noise_and_text(name):
    for report, (_, _, headings, gone, kept) in zip(_reports(name), EXPECT[name], strict=True):
        lines = check_body(report.body, headings, gone, kept)
        assert not [l for l in lines if l.startswith("#") and ("本年新收" in l or "予以公开" in l or "总计" in l)]
        assert not report.notes
        assert set(report.front["import"]["removed"]) <= set(KINDS)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_portal_standard_tables_key_figures(name):
    for report, want in zip(_reports(name), TABLES[name], strict=True):
        assert table_figures(report.body, report.front["year"]) == want


def test_two_reports_on_one_page_are_two_reports_each_with_its_own_text():
    first, second = _reports("u37_xian_yanta_mzj_2019_2020_two_reports.txt")
    assert "2019年，区民政局以贯彻落实新修订的《条例》为主线" in first.body and "2019年，区民政局" not in second.body
    assert "2020年，区民政局坚持以人民为中心" in second.body and "2020年，区民政局" not in first.body
    # the page's chrome above the first report is logged with it, the chrome below the second with that one
    assert {r.kind for r in first.removals} >= {"breadcrumb", "page-header", "title"}
    assert {r.kind for r in second.removals} >= {"related-reading", "site-footer"}
    assert first.slug != second.slug


def test_the_metadata_table_one_cell_a_line_gives_its_facts():
    removed = _reports("u36_qinghai_jtt_2019_xxgk.txt")[0].front["import"]["removed"]
    assert removed["page-header"] == 15 and removed["related-reading"] == 5 and removed["breadcrumb"] >= 9
    # the table names the title: a page whose text has no title line gets it from there
    _, _, result = strip("索引号：\n001/2020-00012\n标题：\n某某县统计局2019年政府信息公开工作年度报告\n发布机构：\n某某县统计局\n"
                         "成文日期：\n2020-01-15\n发布日期：\n2020-01-16\n" + PARA)
    assert result.facts["page_title"] == "某某县统计局2019年政府信息公开工作年度报告"
    assert result.facts["published"] == "2020-01-16" and result.facts["publisher"] == "某某县统计局"


def test_a_page_title_naming_several_years_gives_way_to_the_report_title():
    lines = ["雁塔区民政局2019年、2020年政府信息公开工作年度报告", "西安市雁塔区民政局2019年政府信息公开工作年度报告", PARA]
    title = take_title(lines)
    assert title.text == lines[1] and title.rest == [PARA]
    # one year's title is taken as it is
    title = take_title(lines[1:])
    assert title.text == lines[1] and title.rest == [PARA]


# ---------------------------------------------------------------- the rules, one real-looking fragment each

PARA = "全年通过市政府门户网站主动公开政府信息2315条，发布疫情防控信息876条，召开新闻发布会18场，发布政策解读31篇。"


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "portal-name": [
        ("青海省人民政府门户网站\n政府信息公开专栏\n" + PARA, PARA, [("breadcrumb", "青海省人民政府门户网站"), ("breadcrumb", "政府信息公开专栏")]),
        ("衡阳市祁东县人民政府门户网站\n" + PARA, PARA, [("breadcrumb", "衡阳市祁东县人民政府门户网站")]),
    ],
    "portal-toolbar": [
        ("无障碍浏览 | 长者模式 | English | 繁體\n" + PARA, PARA, [("breadcrumb", "无障碍浏览 | 长者模式 | English | 繁體")]),
        ("无障碍 关怀版 繁体版 English\n" + PARA, PARA, [("breadcrumb", "无障碍关怀版繁体版 English")]),
    ],
    "portal-search-box": [
        ("请输入关键字 搜索\n" + PARA, PARA, [("page-buttons", "请输入关键字搜索")]),
        ("站内搜索\n" + PARA, PARA, [("page-buttons", "站内搜索")]),
    ],
    "portal-date-line": [
        ("2023年1月28日 星期六 农历正月初七\n" + PARA, PARA, [("page-header", "2023年1月28日星期六农历正月初七")]),
        ("今天是：2022年3月5日 星期六 多云 6℃~15℃\n" + PARA, PARA, [("page-header", "今天是：2022年3月5日星期六多云 6℃~15℃")]),
    ],
    "portal-nav-bar": [
        ("首页 要闻动态 政务公开 政务服务 互动交流 数据开放 走进洛阳\n" + PARA, PARA,
         [("breadcrumb", "首页要闻动态政务公开政务服务互动交流数据开放走进洛阳")]),
        ("首页 | 政务公开 | 政务服务 | 互动交流 | 走进雁塔\n" + PARA, PARA, [("breadcrumb", "首页 | 政务公开 | 政务服务 | 互动交流 | 走进雁塔")]),
    ],
    "qr-prompt": [
        (PARA + "\n微信扫一扫，分享到朋友圈\n洛阳市人民政府微信公众号\n扫码关注“洛阳发布”", PARA,
         [("page-buttons", "微信扫一扫，分享到朋友圈"), ("page-buttons", "洛阳市人民政府微信公众号"), ("page-buttons", "扫码关注“洛阳发布”")]),
    ],
    "attachment-link": [
        ("现将年度报告予以公布。\n附件：济宁市医疗保障局2021年政府信息公开工作年度报告.docx\n" + PARA, "现将年度报告予以公布。\n" + PARA,
         [("page-buttons", "附件：济宁市医疗保障局2021年政府信息公开工作年度报告.docx")]),
        ("现将年度报告予以公布。\n相关附件：2020年度报告.pdf（356KB）\n" + PARA, "现将年度报告予以公布。\n" + PARA,
         [("page-buttons", "相关附件：2020年度报告.pdf（356KB）")]),
    ],
    "meta-table-cells": [
        ("索引号：\n11630000MB1921837K/2020-00012\n主题分类：\n综合政务/政务公开\n发文字号：\n发布日期：\n2020-01-21\n有效性：\n有效\n" + PARA, PARA,
         [("page-header", "索引号："), ("page-header", "11630000MB1921837K/2020-00012"), ("page-header", "主题分类："),
          ("page-header", "综合政务/政务公开"), ("page-header", "发文字号："), ("page-header", "发布日期："), ("page-header", "2020-01-21"),
          ("page-header", "有效性："), ("page-header", "有效")]),
    ],
    "portal-side-menu": [
        (PARA + "\n政府信息公开指南\n政府信息公开制度\n法定主动公开内容\n政府信息公开目录\n政府信息公开年报\n依申请公开", PARA,
         [("breadcrumb", t) for t in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开目录", "政府信息公开年报", "依申请公开")]),
    ],
}

# Report text the rules above must leave alone.
KEEPS = [
    "附件：1.青海省交通运输厅政府信息公开指南\n2.青海省交通运输厅政府信息公开目录",  # the report's own list of attachments names no file
    "附件：政府信息公开工作年度报告统计表",
    "青海省人民政府\n2020年1月20日",  # a signature, not the portal's name
    "全年通过洛阳市人民政府门户网站公开信息2315条。",
    "二、主动公开政府信息情况\n政府信息公开指南\n2020年，我局修订政府信息公开指南，在门户网站公布。",  # one menu-like line is text
    "2023年1月18日",  # a signature's date has no weekday
    "（三）平台建设。开通“洛阳卫健”微信公众号，全年发布信息615条，扫码关注人数达3.2万。",
    "首页改版工作于2022年完成。",
]


@pytest.mark.parametrize("text", KEEPS)
def test_portal_rules_keep(text):
    got, removed, _ = strip(text)
    assert removed == []
    assert got == normalise(text)


def test_portal_name_is_the_site_and_today_is_no_date():
    _, _, result = strip("无障碍浏览 | 长者模式 | English | 繁體\n洛阳市人民政府门户网站\n2023年1月28日 星期六 农历正月初七\n"
                         "洛阳市卫生健康委员会2022年政府信息公开工作年度报告\n" + PARA)
    assert result.facts["site"] == "洛阳市人民政府门户网站"
    assert "published" not in result.facts
