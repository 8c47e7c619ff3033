"""Unseen scrapes, later set: page types saved by other tools (tests/fixtures/ingest/unseen/u60–u64; the README there lists
them). Written by the engineer who added the rules they needed (decode.py: `unwrap_json`; noise.py: ARCHIVE_LINE_RULES
`warc-header`, RECORD_LINE_RULES `json-field`, READER_LINE_RULES and READER_INLINE_RULES (`reader-header`, `markdown-…`),
LANGUAGE_LINE_RULES and LANGUAGE_INLINE_RULES (`other-language-…`, `language-switch`), PORTAL_LINE_RULES `page-count`, and
the code rule `paged-article`; schema.py: the kinds `markdown-markup` and `other-language`), modelled on the text real
tools give: a Jina Reader conversion to Markdown; a Common Crawl WET record; a government CMS's JSON API response saved raw;
a bilingual (Uyghur and Chinese) page of a Xinjiang agency with a partial Uyghur translation after the report; an article
paged by its CMS, saved page by page and joined.

The tool's facts are kept where they are the page's: the address it fetched (`source.url`), the crawl's date
(`source.retrieved`, never the report's year or published date), the record's title, date and source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest import convert_bytes
from reportsite.ingest._text import han_counter
from reportsite.ingest.decode import decode, normalise, unwrap_json
from reportsite.ingest.noise import KINDS, strip_noise

from unseen_sets import check_body, check_front, convert_fixture, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

_HANS = dict(kind="annual-report", script="zh-Hans", truncated=False, year_text=None)

# file → one entry per report: (metadata, encoding, site, url, retrieved, headings, gone from the body, kept in the body)
EXPECT = {
    "u60_huzhou_wuxing_nyj_2022_reader.txt": [(
        dict(title="湖州市吴兴区农业农村局2022年政府信息公开工作年度报告", agency="湖州市吴兴区农业农村局", region="浙江省", city="湖州市",
             year=2022, published="2023-01-18", **_HANS),
        "utf-8", "区农业农村局", "http://www.wuxing.gov.cn/art/2023/1/18/art_1229211530_59037412.html", None,
        ["## 一、总体情况", "### （五）监督保障", "## 三、收到和处理政府信息公开申请情况", "#### 2. 规范补贴公示。", "## 六、其他需要报告的事项"],
        ["Title:", "URL Source", "Published Time", "Markdown Content", "http", "javascript", "](", "![", "Image", "\\*\\*", "\\*   ",
         "===", "\\-\\-\\-\\-", "\\* \\* \\*", "无障碍", "走进吴兴", "政府信息公开年报", "_湖州市吴兴区人民政府", "浏览次数", "字号",
         "打印本页", "相关链接", "浙江省农业农村厅", "网站地图", "主办", "ICP", "1\\\\."],
        # link text inside the report stays as text, its address goes
        ["依托吴兴区人民政府门户网站和“吴兴农业”微信公众号做好信息公开。", "公开《吴兴区2022年耕地地力保护补贴实施方案》等政策文件",
         "| 行政规范性文件 | 3 | 1 | 14 |", "| | （七）总计 | 12 | 2 | 0 | 0 | 0 | 0 | 14 |",
         "更多运用图解、短视频等方式解读涉农政策，提高政策知晓率。", "本年度我局未收取信息处理费。\n\n湖州市吴兴区农业农村局\n\n2023年1月17日\n"]),
    ],
    "u61_wuhu_jiujiang_scjgj_2020_commoncrawl_wet.txt": [(
        # the crawl's date is when the page was retrieved: never the report's year or its published date
        dict(title="芜湖市鸠江区市场监督管理局2020年政府信息公开工作年度报告", agency="芜湖市鸠江区市场监督管理局", region="安徽省",
             city="芜湖市", year=2020, published="2021-01-20", **_HANS),
        "utf-8", "区市场监管局", "http://www.jiujiang.gov.cn/xxgk/public/6596/19876543.html", "2021-04-18",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["WARC", "conversion", "urn:uuid", "sha1:", "Content-Type", "Content-Length", "9721", "text/plain", "zho",
         "_芜湖市鸠江区人民政府", "无障碍", "当前位置", "索引号", "阅读次数", "字体", "上一篇", "下一篇", "网站地图", "主办", "ICP"],
        ["本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "疫情期间及时公开口罩等防疫物资价格监测和违法案件查处信息31条。",
         "| 规范性文件 | 1 | 1 | 6 |", "| 政府集中采购 | 3 | 41.6 |",
         "本年度我局未收取信息处理费。\n\n芜湖市鸠江区市场监督管理局\n\n2021年1月20日\n"]),
    ],
    "u62_ningbo_beilun_rsj_2021_cms_json.txt": [(
        # the record's fields: its title (the content has none), publishTime, source, url
        dict(title="宁波市北仑区人力资源和社会保障局2021年政府信息公开工作年度报告", agency="宁波市北仑区人力资源和社会保障局",
             region="浙江省", city="宁波市", year=2021, published="2022-01-20", **_HANS),
        "utf-8 (JSON unwrapped)", "北仑区人力资源和社会保障局", "http://www.bl.gov.cn/art/2022/1/20/art_1229056123_3967821.html", None,
        ["## 一、总体情况", "### （五）监督保障", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况",
         "## 六、其他需要报告的事项"],
        ["$.", "\\$.", "\\u", "\\n", "\\/", "code", "操作成功", "channelName", "publishTime", "年度报告,政府信息公开", "<", "\\<", "style",
         "仿宋", "黑体", "text-indent", "&ldquo;", "null", "1580234"],
        ["以“稳就业、保民生”为重点", "| 行政规范性文件 | 1 | 2 | 8 |", "| 行政许可 | 862 |",
         "| （四）无法提供 1.本机关不掌握相关政府信息 | 4 | 1 | 0 | 0 | 1 | 0 | 6 |",
         "本年度我局未收取信息处理费。\n\n宁波市北仑区人力资源和社会保障局\n\n2022年1月19日\n"]),
    ],
    "u63_aksu_sthjj_2021_uyghur_bilingual.txt": [(
        dict(title="阿克苏地区生态环境局2021年政府信息公开工作年度报告", agency="阿克苏地区生态环境局", region="新疆维吾尔自治区",
             city="阿克苏地区", year=2021, published="2022-01-28", **_HANS),
        "utf-8", "阿克苏地区生态环境局", None, None,
        ["## 一、总体情况", "### （四）平台建设。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["ئ", "ۇ", "ى", "«", "يىل", "中文", "首页", "当前位置", "字体", "网站地图", "版权所有", "ICP"],
        ["以国家通用语言发布信息，发布环保政策解读和科普信息134条。", "| 行政规范性文件 | 1 | 0 | 4 |",
         "| （七）总计 | 5 | 1 | 0 | 1 | 0 | 0 | 7 |",
         "加强对县（市）生态环境分局信息公开工作的指导", "本年度我局未收取信息处理费。\n\n阿克苏地区生态环境局\n\n2022年1月27日\n"]),
    ],
    "u64_jingmen_dongbao_wjj_2023_paged.txt": [(
        dict(title="荆门市东宝区卫生健康局2023年政府信息公开工作年度报告", agency="荆门市东宝区卫生健康局", region="湖北省", city="荆门市",
             year=2023, published="2024-01-22", **_HANS),
        "utf-8", "东宝区卫生健康局", None, None,
        ["## 一、总体情况", "### （二）依申请公开。", "### （五）监督保障。", "## 二、主动公开政府信息情况",
         "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["上一页", "下一页", "尾页", "共3页", "第1页", "第2页", "第3页", "发布时间", "浏览次数", "字号", "当前位置", "打印本页", "主办", "ICP",
         "工作年度报告\n"],
        # the sentence the first page break cut is one sentence again
        ["全年共收到政府信息公开申请11件，上年结转1件，均按法定时限和程序办结，结转下年度继续办理1件。申请内容主要涉及",
         "| 行政许可 | 392 |", "| （七）总计 | 9 | 1 | 0 | 0 | 1 | 0 | 11 |",
         "本年度我局未收取信息处理费。\n\n荆门市东宝区卫生健康局\n\n2024年1月19日\n"]),
    ],
}

TABLES = {
    "u60_huzhou_wuxing_nyj_2022_reader.txt": [("standard-2021", 13, 7, 14, 1, 0, 0)],
    "u61_wuhu_jiujiang_scjgj_2020_commoncrawl_wet.txt": [("standard-2019", 9, 5, 9, 1, 0, 0)],
    "u62_ningbo_beilun_rsj_2021_cms_json.txt": [("standard-2021", 21, 10, 21, 2, 1, 0)],
    "u63_aksu_sthjj_2021_uyghur_bilingual.txt": [("standard-2021", 7, 5, 7, 0, 0, 0)],
    "u64_jingmen_dongbao_wjj_2023_paged.txt": [("standard-2021", 11, 6, 11, 0, 1, 0)],
}

# Notes a report may carry (none but u63's: the other language's lines left out, a translation among them).
NOTES = {"u63_aksu_sthjj_2021_uyghur_bilingual.txt": [
    "left out 20 lines in another language (its page chrome and, at this length, likely a translation of the report); they are in the removal log"]}


def _reports(name: str):
    return convert_fixture(name).reports


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_formats_metadata(name):
    for report, (want, encoding, site, url, retrieved, *_) in zip(_reports(name), EXPECT[name], strict=True):
        check_front(report.front, want, encoding, site)
        assert report.front["source"]["url"] == url and report.front["source"]["retrieved"] == retrieved


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_formats_structure_noise_and_text(name):
    for report, (*_, headings, gone, kept) in zip(_reports(name), EXPECT[name], strict=True):
        check_body(report.body, headings, gone, kept)
        assert report.notes == NOTES.get(name, [])
        assert set(report.front["import"]["removed"]) <= set(KINDS)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_formats_standard_tables_key_figures(name):
    for report, want in zip(_reports(name), TABLES[name], strict=True):
        assert table_figures(report.body, report.front["year"]) == want


def test_the_formats_chrome_is_logged_as_such():
    removed = {name: _reports(name)[0].front["import"]["removed"] for name in EXPECT}
    assert removed["u60_huzhou_wuxing_nyj_2022_reader.txt"]["image-caption"] == 2  # the logo (inside a link) and the photo
    assert removed["u61_wuhu_jiujiang_scjgj_2020_commoncrawl_wet.txt"]["archive-chrome"] == 10  # WARC/1.0 to Content-Length
    assert removed["u63_aksu_sthjj_2021_uyghur_bilingual.txt"]["other-language"] == 20
    assert removed["u64_jingmen_dongbao_wjj_2023_paged.txt"]["repeated-title"] == 8  # pages 2 and 3 repeat the head's 4 lines


def test_the_uyghur_translation_is_in_the_log_whole():
    [report] = _reports("u63_aksu_sthjj_2021_uyghur_bilingual.txt")
    other = [r.text for r in report.removals if r.kind == "other-language"]
    assert "بىرىنچى، ئومۇمىي ئەھۋال" in other  # the translation's first heading
    assert any(t.startswith("«جۇڭخۇا خەلق جۇمھۇرىيىتىنىڭ") for t in other)
    assert "ئېلان قىلىنغان ۋاقىت: 2022-01-28 " in other  # the Uyghur field before the Chinese ones on the same line


def test_json_is_unwrapped_in_decoding():
    raw = (UNSEEN / "u62_ningbo_beilun_rsj_2021_cms_json.txt").read_bytes()
    assert b"\\u5b81" in raw and b"<\\/p>" in raw
    decoded = decode(raw)
    assert decoded.encoding == "utf-8 (JSON unwrapped)"
    lines = decoded.text.split("\n")
    assert lines[:2] == ["$.code: 200", "$.msg: 操作成功"]
    assert "$.data.publishTime: 2022-01-20 10:00:00" in lines
    assert lines[lines.index("$.data.content:") + 1].startswith('<p style="text-indent:2em;')
    # every Han character of the record is in the unwrapped text, and in the report or its log
    [report] = convert_bytes(raw, "u62.txt").reports
    logged = sum((han_counter(r.text) for r in report.removals), han_counter(report.body))
    assert logged == han_counter(normalise(decoded.text))


def test_jsonp_is_unwrapped_too():
    raw = (UNSEEN / "u62_ningbo_beilun_rsj_2021_cms_json.txt").read_text()
    jsonp = "jQuery11230912_1642640400123(" + raw + ");"
    assert decode(jsonp.encode()).text == decode(raw.encode()).text
    [report] = convert_bytes(jsonp.encode(), "u62.js").reports
    assert report.body == _reports("u62_ningbo_beilun_rsj_2021_cms_json.txt")[0].body


def test_json_without_chinese_or_not_json_stays_as_it_is():
    assert unwrap_json('{"code":200,"msg":"success","data":{"id":3}}') is None
    assert unwrap_json("{一、总体情况") is None
    assert unwrap_json("[2019]12号文件") is None
    assert unwrap_json("根据《条例》规定，现公布报告。") is None
    assert unwrap_json("callback(一、总体情况)") is None


def test_a_paged_article_without_its_head_repeated_keeps_its_pager_rules_only():
    # a list page's pager (no page head after it) is left to `pagination`; nothing is joined
    text = PARA + "\n上一页 1 2 3 下一页 尾页\n共3页 第1页"
    got, removed = strip(text)
    assert got == PARA and [k for k, _ in removed] == ["page-buttons", "page-buttons"]


# ---------------------------------------------------------------- the rules, one real-looking fragment each

PARA = "2022年，我局全年主动公开政府信息412条，其中政策文件17条，涉农补贴信息96条。"
TITLE = "湖州市吴兴区农业农村局2022年政府信息公开工作年度报告"
READER_HEAD = ("Title: " + TITLE + "_湖州市吴兴区人民政府\nURL Source: http://www.wuxing.gov.cn/art/2023/1/18/art_1229211530_59037412.html\n"
               "Published Time: 2023-01-18T09:30:00+08:00\nMarkdown Content:")
WARC = ("WARC/1.0\nWARC-Type: conversion\nWARC-Target-URI: http://www.jiujiang.gov.cn/xxgk/public/6596/19876543.html\n"
        "WARC-Date: 2021-04-18T03:12:45Z\nWARC-Record-ID: <urn:uuid:6f2c9a1e-3b7d-4e52-9c1a-8d0e5f4b2a71>\nContent-Type: text/plain\n"
        "Content-Length: 9721")
PAGED_HEAD = ["荆门市东宝区卫生健康局2023年政府信息公开工作年度报告", "发布时间：2024-01-22 16:30 来源：东宝区卫生健康局 浏览次数：836", "字号：大 中 小"]


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals]


def _md(rest: str) -> str:
    return READER_HEAD + "\n" + rest  # the reader's header marks the page as a reader conversion


_MD_HEAD = [("page-header", t) for t in READER_HEAD.split("\n")]

# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "warc-header": [
        (WARC + "\n" + PARA, PARA, [("archive-chrome", t) for t in WARC.split("\n")]),
        ("WARC-Target-URI: http://www.bl.gov.cn/art/2022/1/20/art_1229056123_3967821.html\n" + PARA, PARA,
         [("archive-chrome", "WARC-Target-URI: http://www.bl.gov.cn/art/2022/1/20/art_1229056123_3967821.html")]),
    ],
    "page-count": [
        (PARA + "\n共3页", PARA, [("page-buttons", "共3页")]),
        (PARA + "\n共3页 第3页", PARA, [("page-buttons", "共3页第3页")]),
    ],
    "paged-article": [
        ("\n".join(PAGED_HEAD) + "\n" + PARA + "\n全年共收到申请11件，均按法定时限和程序\n上一页 1 2 3 下一页 尾页\n共3页 第1页\n"
         + "\n".join(PAGED_HEAD) + "\n办结。\n二、主动公开政府信息情况",
         PAGED_HEAD[0] + "\n" + PARA + "\n全年共收到申请11件，均按法定时限和程序办结。\n二、主动公开政府信息情况",
         [("page-buttons", "上一页 1 2 3 下一页尾页"), ("page-buttons", "共3页第1页")]
         + [("repeated-title", t) for t in ("荆门市东宝区卫生健康局2023年政府信息公开工作年度报告", "发布时间：2024-01-22 16:30 来源：东宝区卫生健康局浏览次数：836",
                                            "字号：大中小")]
         + [("page-header", "发布时间：2024-01-22 16:30 来源：东宝区卫生健康局浏览次数：836"), ("page-buttons", "字号：大中小")]),
    ],
    "json-field": [
        ("$.code: 200\n$.msg: 操作成功\n$.data.title: " + TITLE + "\n$.data.publishTime: 2023-01-18 09:30:00\n$.data.content:\n" + PARA, PARA,
         [("page-header", "$.code: 200"), ("page-header", "$.msg: 操作成功"), ("page-header", "$.data.title: " + TITLE),
          ("page-header", "$.data.publishTime: 2023-01-18 09:30:00"), ("page-header", "$.data.content:")]),
    ],
    "reader-header": [
        (_md(PARA), PARA, _MD_HEAD),
    ],
    "markdown-rule": [
        (_md(TITLE + "\n===============\n" + PARA + "\n* * *"), TITLE + "\n" + PARA,
         _MD_HEAD + [("markdown-markup", "==============="), ("markdown-markup", "* * *")]),
    ],
    "markdown-table-rule": [
        (_md("| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 127 |"), "| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 127 |",
         _MD_HEAD + [("markdown-markup", "|---|---|")]),
    ],
    "markdown-caption-row": [
        (_md("| 第二十条第（五）项 |\n|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 127 |"),
         "第二十条第（五）项\n| 信息内容 | 本年处理决定数量 |\n| 行政许可 | 127 |",
         _MD_HEAD + [("markdown-markup", "|---|"), ("markdown-markup", "||")]),
    ],
    "markdown-link-menu": [
        (_md("* [首页](http://www.wuxing.gov.cn/)\n* [政务公开](http://www.wuxing.gov.cn/col/col1229211001/index.html)\n" + PARA), PARA,
         _MD_HEAD + [("breadcrumb", "* [首页](http://www.wuxing.gov.cn/)"),
                     ("breadcrumb", "* [政务公开](http://www.wuxing.gov.cn/col/col1229211001/index.html)")]),
    ],
    "markdown-image": [
        (_md(PARA + "\n![Image 2: 吴兴区农业农村局政府信息公开专栏](http://www.wuxing.gov.cn/picture/0/2301180930123.jpg)"), PARA,
         _MD_HEAD + [("image-caption", "![Image 2: 吴兴区农业农村局政府信息公开专栏](http://www.wuxing.gov.cn/picture/0/2301180930123.jpg)")]),
    ],
    "markdown-link": [
        (_md("依托[吴兴区人民政府门户网站](http://www.wuxing.gov.cn/)和“吴兴农业”微信公众号做好信息公开。"),
         "依托吴兴区人民政府门户网站和“吴兴农业”微信公众号做好信息公开。", _MD_HEAD + [("markdown-markup", "[](http://www.wuxing.gov.cn/)")]),
        # without the reader's header: three links make the page a reader conversion
        ("依托[门户网站](http://www.wuxing.gov.cn/)、[政务新媒体](http://www.wuxing.gov.cn/xmt/)和[公开专栏](http://www.wuxing.gov.cn/zl/)做好信息公开。",
         "依托门户网站、政务新媒体和公开专栏做好信息公开。",
         [("markdown-markup", "[](http://www.wuxing.gov.cn/)"), ("markdown-markup", "[](http://www.wuxing.gov.cn/xmt/)"),
          ("markdown-markup", "[](http://www.wuxing.gov.cn/zl/)")]),
    ],
    "markdown-emphasis": [
        (_md("**一、总体情况**\n" + PARA), "一、总体情况\n" + PARA, _MD_HEAD + [("markdown-markup", "****")]),
    ],
    "markdown-heading-mark": [
        (_md("## 湖州市吴兴区人民政府\n" + PARA), "湖州市吴兴区人民政府\n" + PARA, _MD_HEAD + [("markdown-markup", "## ")]),
    ],
    "markdown-bullet": [
        (_md(PARA + "\n*   湖州市农业农村局公开了补贴名单。"), PARA + "\n湖州市农业农村局公开了补贴名单。", _MD_HEAD + [("markdown-markup", "* ")]),
    ],
    "markdown-escape": [
        (_md("1\\. 丰富解读形式。更多运用图解、短视频等方式解读涉农政策。"), "1. 丰富解读形式。更多运用图解、短视频等方式解读涉农政策。",
         _MD_HEAD + [("markdown-markup", "\\")]),
    ],
    "other-language-line": [
        ("باش بەت\nھۆكۈمەت ئۇچۇرلىرىنى ئاشكارىلاش\n" + PARA, PARA,
         [("other-language", "باش بەت"), ("other-language", "ھۆكۈمەت ئۇچۇرلىرىنى ئاشكارىلاش")]),
        (PARA + "\nᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ", PARA, [("other-language", "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ")]),
    ],
    "language-switch": [
        ("ئۇيغۇرچە | 中文\n" + PARA, PARA, [("breadcrumb", "ئۇيغۇرچە | 中文")]),
    ],
    "other-language-run": [
        ("阿克苏地区生态环境局 ئاقسۇ ۋىلايەتلىك ئېكولوگىيىلىك مۇھىت ئىدارىسى\n" + PARA, "阿克苏地区生态环境局\n" + PARA,
         [("other-language", " ئاقسۇ ۋىلايەتلىك ئېكولوگىيىلىك مۇھىت ئىدارىسى")]),
        ("ئېلان قىلىنغان ۋاقىت: 2022-01-28 来源：阿克苏地区生态环境局 发布时间：2022-01-28 11:20\n" + PARA, PARA,
         [("other-language", "ئېلان قىلىنغان ۋاقىت: 2022-01-28 "), ("page-header", "来源：阿克苏地区生态环境局发布时间：2022-01-28 11:20")]),
    ],
}

# Report text the rules above must leave alone.
KEEPS = [
    "Title: 2022年度报告",  # a Latin label in a text that is no reader conversion (no header, no links)
    "全年在门户网站发布“[2022]12号”文件解读3篇。",
    "**注**：本表数据截至2022年12月31日。",  # bold marks outside a reader conversion stay as written
    "# 一、总体情况",
    "共收到申请3页材料",
    "第二十条第（一）项\n共3件",
    "2021年，我局以国家通用语言文字发布信息，同时提供维吾尔文版本。",
    "$100万元的项目",
    "Content-Type: text/plain",  # a field like a WARC record's, without `WARC/1.0` above it
]


@pytest.mark.parametrize("text", KEEPS)
def test_formats_rules_keep(text):
    got, removed = strip(text)
    assert removed == []
    assert got == normalise(text)


FACTS = [
    (WARC, {"url": "http://www.jiujiang.gov.cn/xxgk/public/6596/19876543.html", "retrieved": "2021-04-18"}),
    # a WET file's own warcinfo record first: its date is the file's, not the crawl's
    ("WARC/1.0\nWARC-Type: warcinfo\nWARC-Date: 2021-05-02T11:05:12Z\nWARC-Filename: CC-MAIN-20210410105831-20210410135831-00412.warc.wet.gz\n"
     "Content-Type: application/warc-fields\nContent-Length: 371\nSoftware-Info: ia-web-commons.1.1.10-SNAPSHOT\n"
     "isPartOf: CC-MAIN-2021-17\npublisher: Common Crawl\n" + WARC + "\n" + PARA,
     {"url": "http://www.jiujiang.gov.cn/xxgk/public/6596/19876543.html", "retrieved": "2021-04-18"}),
    (READER_HEAD + "\n" + PARA, {"url": "http://www.wuxing.gov.cn/art/2023/1/18/art_1229211530_59037412.html", "published": "2023-01-18"}),
    # the page's own date beats the reader's header
    (READER_HEAD + "\n发布时间：2023-01-19 09:30 来源：区农业农村局\n" + PARA,
     {"url": "http://www.wuxing.gov.cn/art/2023/1/18/art_1229211530_59037412.html", "published": "2023-01-19", "site": "区农业农村局"}),
    ("$.data.title: " + TITLE + "\n$.data.publishTime: 2023-01-18 09:30:00\n$.data.source: 区农业农村局\n$.data.url: http://www.wuxing.gov.cn/a.html\n"
     "$.data.content:\n" + PARA,
     {"page_title": TITLE, "published": "2023-01-18", "site": "区农业农村局", "url": "http://www.wuxing.gov.cn/a.html"}),
]


@pytest.mark.parametrize("text,want", FACTS)
def test_formats_facts(text, want):
    facts = strip_noise(text).facts
    assert {k: facts.get(k) for k in want} == want
    assert "retrieved" not in facts or "retrieved" in want
