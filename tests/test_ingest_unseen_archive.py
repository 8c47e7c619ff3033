"""Unseen scrapes, later set: copies taken from web archives and caches (tests/fixtures/ingest/unseen/u55–u59; the README
there lists them). Written by the engineer who added the rules they needed (noise.py: ARCHIVE_LINE_RULES `wayback-head`,
`archive-today-line`, `search-cache-note`, `search-cache-buttons`, `mobile-page-buttons`, and `_archive_pages` with the code
rules `wayback-toolbar`, `archive-today-header`, `tab-bar`; metadata.py: a site's name above a title naming its own agency;
__init__.py: the same report in the other script is logged, not kept twice; schema.py: the kinds `archive-chrome` and
`other-script-copy`), modelled on the text real copies give: a Wayback Machine capture with its toolbar; an archive.today
snapshot with its header one item a line; a Google cache copy; a mobile page with its buttons and bottom tab bar; a portal
page captured in Simplified and again in Traditional script.

The archive's facts are kept: the address of the page it copied (`source.url`) and the day it copied it
(`source.retrieved`); the site is the agency's (the page's own chrome names it), never the archive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest import convert_bytes
from reportsite.ingest.decode import normalise
from reportsite.ingest.metadata import take_title
from reportsite.ingest.noise import KINDS, strip_noise

from unseen_sets import check_body, check_front, convert_fixture, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

_HANS = dict(kind="annual-report", script="zh-Hans", truncated=False, year_text=None)

# file → one entry per report: (metadata, site, url, retrieved, headings, gone from the body, kept in the body)
EXPECT = {
    "u55_yingkou_zjj_2020_wayback.txt": [(
        dict(title="营口市住房和城乡建设局2020年政府信息公开工作年度报告", agency="营口市住房和城乡建设局", region="辽宁省", city="营口市",
             year=2020, published="2021-01-25", **_HANS),
        "营口市住房和城乡建设局", "http://zjj.yingkou.gov.cn/xxgk/ndbg/202101/t20210125_3418762.html", "2021-03-15",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["Wayback", "web.archive.org", "captures", "FEB", "2020\t2021", "14\t15", "success", "About this capture", "COLLECTED BY",
         "Organization", "Internet Archive", "Collection", "TIMESTAMPS", "机构概况", "当前位置", "浏览次数", "字体", "打印本页", "主办", "ICP"],
        ["本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "发布公租房分配结果12批次。", "| 行政许可 | 9 | 1 | 286 |",
         "| 政府集中采购 | 4 | 57.80 |", "| （七）总计 | 32 | 3 | 0 | 0 | 1 | 0 | 36 |",
         "本年度我局未收取信息处理费。\n\n营口市住房和城乡建设局\n\n2021年1月22日\n"]),
    ],
    "u56_dongguan_wglj_2021_archive_today.txt": [(
        dict(title="东莞市文化广电旅游体育局2021年政府信息公开工作年度报告", agency="东莞市文化广电旅游体育局", region="广东省",
             city="东莞市", year=2021, published="2022-01-10", **_HANS),
        "东莞市文化广电旅游体育局", "http://www.dgs.gov.cn/dgswj/gkmlpt/content/3/3712/post_3712408.html", "2022-01-12",
        ["## 一、总体情况", "### （四）政府信息公开平台建设", "## 二、主动公开政府信息情况", "## 六、其他需要报告的事项"],
        ["archive", "webpage capture", "Saved from", "snapshots", "UTC", "Screenshot", "download", "coffee", "首页", "浏览次数",
         "字体", "相关链接", "广东省文化和旅游厅", "网站地图", "主办", "ICP"],
        ["（地址：东莞市南城街道鸿福路99号，电话：0769-22831234）", "| 行政许可 | 1436 |", "| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
         "| （七）总计 | 17 | 6 | 0 | 0 | 0 | 1 | 24 |", "本年度我局未收取信息处理费。\n\n东莞市文化广电旅游体育局\n\n2022年1月7日\n"]),
    ],
    "u57_zhangye_fgw_2018_google_cache.txt": [(
        dict(title="张掖市发展和改革委员会2018年政府信息公开工作年度报告", agency="张掖市发展和改革委员会", region="甘肃省",
             city="张掖市", year=2018, published="2019-01-16", **_HANS),
        "张掖市发展和改革委员会", "http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html", "2019-06-03",
        ["## 一、概述", "### （二）完善制度建设。", "## 四、政府信息公开的收费及减免情况", "## 六、存在的主要问题及改进措施"],
        ["Google", "缓存", "快照", "完整版本", "纯文字版本", "查看源代码", "搜索字词", "Ctrl+F", "当前位置", "字体", "打印本页", "版权所有", "ICP"],
        ["本报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。", "其中当面申请2件，网络申请5件，信函申请2件。",
         "2018年，我委在政府信息公开工作中未收取任何费用。",
         "提高信息报送的质量和时效。\n\n张掖市发展和改革委员会\n\n2019年1月15日\n"]),
    ],
    "u58_zhanjiang_zrzyj_2023_mobile.txt": [(
        dict(title="湛江市自然资源局2023年政府信息公开工作年度报告", agency="湛江市自然资源局", region="广东省", city="湛江市",
             year=2023, published="2024-01-29", **_HANS),
        "湛江市自然资源局", None, None,
        ["## 一、总体情况", "### （四）平台建设。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["打开APP", "湛江市人民政府\n", "首页", "政府信息公开年报", "发布时间", "分享到", "朋友圈", "返回顶部", "电脑版", "手机版",
         "主办", "ICP", "办事服务", "互动交流"],
        ["优化局网站移动端页面，“湛江自然资源”微信公众号发布信息508条", "| 行政强制 | 5 |",
         "| （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |",
         "| （七）总计 | 43 | 5 | 0 | 1 | 2 | 0 | 51 |", "均已按时办结并公开答复全文。\n\n湛江市自然资源局\n\n2024年1月26日\n"]),
    ],
    "u59_ningde_jiaocheng_jyj_2022_both_scripts.txt": [(
        # the Simplified one is the report; its Traditional copy (the portal's 繁體 page) is logged as other-script-copy
        dict(title="宁德市蕉城区教育局2022年政府信息公开工作年度报告", agency="宁德市蕉城区教育局", region="福建省", city="宁德市",
             year=2022, published="2023-01-18", **_HANS),
        "宁德市蕉城区人民政府门户网站", None, None,
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["门户网站\n", "简体 |", "繁體", "當前位置", "當前位置", "發佈時間", "報告", "區教育局", "蕉城區", "主辦", "ICP", "【打印】"],
        ["全年在区政府门户网站教育局专栏主动公开政府信息318条", "| 行政许可 | 63 |", "| （七）总计 | 12 | 2 | 0 | 0 | 0 | 0 | 14 |",
         "运用图解、短视频等形式解读招生入学政策。", "本年度我局未收取信息处理费。\n\n宁德市蕉城区教育局\n\n2023年1月17日\n"]),
    ],
}

TABLES = {
    "u55_yingkou_zjj_2020_wayback.txt": [("standard-2019", 35, 16, 36, 1, 1, 0)],
    "u56_dongguan_wglj_2021_archive_today.txt": [("standard-2021", 24, 14, 24, 3, 1, 0)],
    "u58_zhanjiang_zrzyj_2023_mobile.txt": [("standard-2021", 50, 26, 51, 4, 1, 1)],
    "u59_ningde_jiaocheng_jyj_2022_both_scripts.txt": [("standard-2021", 14, 8, 14, 0, 0, 0)],
}

# Notes a report may carry (none but u59's).
NOTES = {"u59_ningde_jiaocheng_jyj_2022_both_scripts.txt": [
    "left out the same report in Traditional script that the page also held: 寧德市蕉城區教育局2022年政府信息公開工作年度報告"]}


def _reports(name: str):
    return convert_fixture(name).reports


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_archive_metadata(name):
    for report, (want, site, url, retrieved, *_) in zip(_reports(name), EXPECT[name], strict=True):
        check_front(report.front, want, "utf-8", site)
        # the archive's facts: the page it copied and the day it copied it (never the archive's own address)
        assert report.front["source"]["url"] == url and report.front["source"]["retrieved"] == retrieved


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_archive_structure_noise_and_text(name):
    for report, (*_, headings, gone, kept) in zip(_reports(name), EXPECT[name], strict=True):
        check_body(report.body, headings, gone, kept)
        assert report.notes == NOTES.get(name, [])
        assert set(report.front["import"]["removed"]) <= set(KINDS)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_archive_standard_tables_key_figures(name):
    for report, want in zip(_reports(name), TABLES[name], strict=True):
        assert table_figures(report.body, report.front["year"]) == want


def test_the_archives_chrome_is_logged_as_such():
    removed = {name: _reports(name)[0].front["import"]["removed"] for name in EXPECT}
    assert removed["u55_yingkou_zjj_2020_wayback.txt"]["archive-chrome"] == 17  # the toolbar, line by line, to TIMESTAMPS
    assert removed["u56_dongguan_wglj_2021_archive_today.txt"]["archive-chrome"] == 14
    assert removed["u57_zhangye_fgw_2018_google_cache.txt"]["archive-chrome"] == 3
    assert "archive-chrome" not in removed["u58_zhanjiang_zrzyj_2023_mobile.txt"]


def test_the_other_script_copy_is_logged_whole():
    data = (UNSEEN / "u59_ningde_jiaocheng_jyj_2022_both_scripts.txt").read_bytes()
    [report] = convert_bytes(data, "u59.txt").reports
    [copy] = [r.text for r in report.removals if r.kind == "other-script-copy"]
    assert copy.startswith("本報告根據《中華人民共和國政府信息公開條例》") and copy.endswith("寧德市蕉城區教育局\n\n2023年1月17日")
    assert "寧德市蕉城區教育局2022年政府信息公開工作年度報告" in {r.text for r in report.removals if r.kind == "title"}
    assert report.front["import"]["removed"]["other-script-copy"] == 1


def test_a_copy_in_the_other_script_holding_more_stays():
    # the Traditional version has a paragraph the Simplified one lacks: nothing may be lost, so both stay
    text = (UNSEEN / "u59_ningde_jiaocheng_jyj_2022_both_scripts.txt").read_text()
    extra = "全年組織開展“政務公開進校園”活動6場，發放宣傳資料1200餘份。"
    text = text.replace("招生政策問答3次。", "招生政策問答3次。\n" + extra)
    assert extra in text
    reports = convert_bytes(text.encode(), "u59-more.txt").reports
    assert [r.front["script"] for r in reports] == ["zh-Hans", "zh-Hant"]
    assert extra in reports[1].body and not reports[0].notes


def test_reports_of_two_years_in_two_scripts_both_stay():
    # not a copy: another year's report in the other script
    text = (UNSEEN / "u59_ningde_jiaocheng_jyj_2022_both_scripts.txt").read_text()
    head, trad = text.split("【打印】 【关闭】\n", 1)
    trad = trad.replace("2022年", "2021年")
    reports = convert_bytes((head + "【打印】 【关闭】\n" + trad).encode(), "u59-years.txt").reports
    assert [r.front["year"] for r in reports] == [2022, 2021]


def test_a_site_name_above_a_title_with_its_own_agency_is_not_glued_to_it():
    lines = ["湛江市人民政府", "湛江市自然资源局2023年政府信息公开工作年度报告", PARA]
    title = take_title(lines)
    assert title.text == lines[1] and title.rest == [PARA]
    # an agency above a title without one is still joined to it
    title = take_title(["湖南省公安厅", "2019年政府信息公开工作年度报告", PARA])
    assert title.text == "湖南省公安厅2019年政府信息公开工作年度报告"


# ---------------------------------------------------------------- the rules, one real-looking fragment each

PARA = "2023年，我局全年主动公开政府信息1932条，其中规划类信息146条，用地审批类信息387条。"
TITLE = "营口市住房和城乡建设局2020年政府信息公开工作年度报告"
WAYBACK = ("The Wayback Machine - https://web.archive.org/web/20210315083012/http://zjj.yingkou.gov.cn/xxgk/ndbg/202101/t20210125_3418762.html\n"
           "http://zjj.yingkou.gov.cn/xxgk/ndbg/202101/t20210125_3418762.html\nGo\n127 captures\n15 Mar 2021 - 20 Aug 2023\n"
           "FEB\tMAR\tAPR\n14\t15\t16\n2020\t2021\t2022\nsuccess\nfail\nAbout this capture\nCOLLECTED BY\n"
           "Organization: Internet Archive\nCollection: Survey Crawls\nTIMESTAMPS")
ARCHIVE_TODAY = ("archive.today\nwebpage capture\nSaved from\nhttp://www.dgs.gov.cn/dgswj/gkmlpt/content/3/3712/post_3712408.html\nsearch\n"
                 "12 Jan 2022 08:31:17 UTC\nAll snapshots\nfrom host www.dgs.gov.cn\nWebpage\nScreenshot\nshare\ndownload .zip\n"
                 "report bug or abuse\nBuy me a coffee")


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "wayback-head": [
        ("The Wayback Machine - https://web.archive.org/web/20190610021545/http://www.hnjt.gov.cn/xxgk/ndbg/201901/t20190121_5264803.html\n"
         + TITLE, TITLE,
         [("archive-chrome", "The Wayback Machine - https://web.archive.org/web/20190610021545/http://www.hnjt.gov.cn/xxgk/ndbg/201901/"
                             "t20190121_5264803.html")]),
    ],
    "wayback-toolbar": [
        (WAYBACK + "\n" + TITLE + "\n" + PARA, TITLE + "\n" + PARA, [("archive-chrome", t) for t in WAYBACK.split("\n")]),
        # without its last line: only the toolbar's own lines go, the page's first Latin line stays
        ("The Wayback Machine - https://web.archive.org/web/20210315083012/http://www.yk.gov.cn/\nGo\n45 captures\nEnglish\n" + PARA,
         "English\n" + PARA,
         [("archive-chrome", "The Wayback Machine - https://web.archive.org/web/20210315083012/http://www.yk.gov.cn/"),
          ("archive-chrome", "Go"), ("archive-chrome", "45 captures")]),
    ],
    "archive-today-line": [
        ("archived 12 Jan 2022 08:31:17 UTC\n" + PARA, PARA, [("archive-chrome", "archived 12 Jan 2022 08:31:17 UTC")]),
        ("All snapshots from host www.dgs.gov.cn\n" + PARA + "\nshare download .zip report bug or abuse Buy me a coffee", PARA,
         [("archive-chrome", "All snapshots from host www.dgs.gov.cn"), ("archive-chrome", "share download .zip report bug or abuse Buy me a coffee")]),
    ],
    "archive-today-header": [
        (ARCHIVE_TODAY + "\n" + TITLE, TITLE, [("archive-chrome", t) for t in ARCHIVE_TODAY.split("\n")]),
    ],
    "search-cache-note": [
        ("这是 Google 对 http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html 的缓存。 这是该网页在 2019年6月3日 08:12:31 GMT "
         "的快照。 当前页在此期间可能已经更改。 了解详情.\n" + PARA, PARA,
         [("archive-chrome", "这是 Google 对 http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html 的缓存。这是该网页在 "
                             "2019年6月3日 08:12:31 GMT 的快照。当前页在此期间可能已经更改。了解详情.")]),
        ("百度快照\n这是百度快照。如果打不开，请点击原网页。\n您查询的关键词是：张掖市发改委 年度报告。如果打开速度慢，可以尝试快速版；如果想保存快照，可以添加到搜藏。\n"
         "(百度和网页http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html的作者无关，不对其内容负责。百度快照谨为网络故障时之索引，"
         "不代表被搜索网站的即时页面。)\n" + PARA, PARA,
         [("archive-chrome", "百度快照"), ("archive-chrome", "这是百度快照。如果打不开，请点击原网页。"),
          ("archive-chrome", "您查询的关键词是：张掖市发改委年度报告。如果打开速度慢，可以尝试快速版；如果想保存快照，可以添加到搜藏。"),
          ("archive-chrome", "(百度和网页http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html的作者无关，不对其内容负责。"
                             "百度快照谨为网络故障时之索引，不代表被搜索网站的即时页面。)")]),
    ],
    "search-cache-buttons": [
        ("完整版本 纯文字版本 查看源代码\n提示：要在此页面上快速找到您的搜索字词，请按 Ctrl+F 或者 ⌘-F (Mac)，然后使用查找栏搜索。\n" + PARA, PARA,
         [("archive-chrome", "完整版本纯文字版本查看源代码"),
          ("archive-chrome", "提示：要在此页面上快速找到您的搜索字词，请按 Ctrl+F 或者 ⌘-F (Mac)，然后使用查找栏搜索。")]),
    ],
    "mobile-page-buttons": [
        ("打开APP\n" + PARA + "\n分享到微信 分享到朋友圈 分享到微博\n返回顶部\n电脑版 | 手机版", PARA,
         [("page-buttons", "打开APP"), ("page-buttons", "分享到微信分享到朋友圈分享到微博"), ("page-buttons", "返回顶部"),
          ("page-buttons", "电脑版 | 手机版")]),
    ],
    "tab-bar": [
        (PARA + "\n首页\n政务公开\n办事服务\n互动交流", PARA, [("breadcrumb", t) for t in ("首页", "政务公开", "办事服务", "互动交流")]),
        ("首页\n政务公开\n政府信息公开年报\n" + TITLE + "\n" + PARA, TITLE + "\n" + PARA,
         [("breadcrumb", t) for t in ("首页", "政务公开", "政府信息公开年报")]),
    ],
}

# URLs of the archive's facts (the strip_noise facts each fragment gives).
FACTS = [
    (WAYBACK, {"url": "http://zjj.yingkou.gov.cn/xxgk/ndbg/202101/t20210125_3418762.html", "retrieved": "2021-03-15"}),
    (ARCHIVE_TODAY, {"url": "http://www.dgs.gov.cn/dgswj/gkmlpt/content/3/3712/post_3712408.html", "retrieved": "2022-01-12"}),
    (REMOVES["search-cache-note"][0][0], {"url": "http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html", "retrieved": "2019-06-03"}),
    (REMOVES["search-cache-note"][1][0], {"url": "http://www.zhangye.gov.cn/fgw/xxgk/ndbg/201901/t20190116_218734.html"}),
]


@pytest.mark.parametrize("text,want", FACTS)
def test_archive_facts(text, want):
    facts = strip_noise(text).facts
    assert {k: facts.get(k) for k in ("url", "retrieved") if k in want or facts.get(k)} == want


# Report text the rules above must leave alone.
KEEPS = [
    # a flattened table's cells: years, days and short Latin words outside an archive's toolbar
    "信息内容\n2020\n2021\n2022",
    "14\t15\t16\n2020\t2021\t2022",
    "行政许可\nGo\n0",
    "首页\n" + PARA,  # `首页` alone, no bar after it
    "政务公开\n办事服务\n互动交流",  # a run of items without `首页` first: a table's column of labels may look like this
    "全年通过“湛江发布”手机版、电脑版网站同步发布信息508条。",
    "本年度我局开展“返回顶部”式网页适老化改造。",
    "（二）依申请公开。本机关收到的申请中，有3件要求提供已归档网页的存档快照。",
    "我局网站已提交国家图书馆网页存档，存档日期为2021年3月15日。",
    "Organization: 湛江市自然资源局",
]


@pytest.mark.parametrize("text", KEEPS)
def test_archive_rules_keep(text):
    got, removed, _ = strip(text)
    assert removed == []
    assert got == normalise(text)
