"""Unseen scrapes, later set: Traditional-script and several-or-no-report pages (tests/fixtures/ingest/unseen/u50–u54; the
README there lists them). Written by the engineer who added the rules they needed (noise.py: `site-login-bar`,
`farm-reference-note`, `share-platforms`, `repost-credit`, `repost-copyright`, the head rules `site-name-head`,
`channel-bar-head`, `trail-head`, the portal rule `pagination` and the code rule `column-list`; a compilation's paragraphs
compared per report; metadata.py: a compilation's page title gives way, 政府資訊公開 is disclosure vocabulary; split.py:
`相關新聞`; report.py: `script` read on the title and running text; __init__.py: a list page is no report), modelled on
the text real pages give: a Hong Kong content farm saved as Big5-HKSCS with full-width digits and Cantonese chrome; a
portal's machine-converted 繁體 version with Simplified residue; a county page compiling four township reports; a portal
column's list page; a Macau news site's repost of a mainland report.

u53 (the list page) lives in `unseen/not-reports/`: it holds no report, so the checks every report-bearing fixture gets
(tests/test_ingest_unseen.py, tests/test_ingest_tables.py) do not apply to it; its own checks are here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reportsite.ingest import convert_bytes
from reportsite.ingest._text import han_counter
from reportsite.ingest.decode import decode, normalise
from reportsite.ingest.metadata import take_title
from reportsite.ingest.noise import KINDS, strip_noise
from reportsite.script import detect_script

from unseen_sets import check_body, check_front, convert_fixture, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"
LIST_PAGE = UNSEEN / "not-reports" / "u53_shangrao_xinzhou_nianbao_2021_list_page.txt"

PIECES = {"u52_kaihua_townships_2021_compilation.txt": 4}

_TOWNSHIP = dict(region="浙江省", city="衢州市", year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
                 published="2022-01-28")
_OPENING = "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
_TOWNSHIP_HEADINGS = ["## 一、总体情况", "## 二、存在的主要问题及改进情况", "## 三、其他需要报告的事项"]

# file → one entry per report: (metadata, encoding, site, headings, gone from the body, kept in the body)
EXPECT = {
    "u50_zhuhai_xiangzhou_mzj_2016_hkscs_farm.txt": [(
        # the title as written, full-width digits and all; the year read through them
        dict(title="珠海市香洲區民政局２０１６年政府信息公開工作年度報告", agency="珠海市香洲区民政局", region="广东省", city="珠海市",
             year=2016, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2019-06-21"),
        "big5hkscs", None,  # `來源：網友投稿` names no site
        ["## 一、概述", "### （三）拓展公開渠道。", "## 三、依申請公開政府信息情況", "## 六、存在的主要問題及改進措施"],
        ["港澳範文網", "登入", "首頁", "時間：", "網友投稿", "呢篇", "㗎", "字體", "Facebook", "畀朋友", "上一篇", "下一篇", "相關文章",
         "２０１５年民政局", "免責聲明", "Copyright"],
        # characters outside plain Big5 (着, 峯, 裏), full-width letters and digits, 「」 quotes: kept as written
        ["２０１６年，我局着力推進政府信息公開工作", "以「公開為原則、不公開為例外」", "手機ＡＰＰ，在東峯社區", "在社區宣傳欄裏張貼",
         "２０１７年，我局將着重做好以下工作", "珠海市香洲區民政局\n\n２０１７年３月２０日\n"]),
    ],
    "u51_jiangmen_pengjiang_rsj_2021_machine_hant.txt": [(
        # mixed script: the title and most paragraphs Traditional, a paragraph, two headings and the tables Simplified
        dict(title="江門市蓬江區人力資源和社會保障局2021年政府信息公開工作年度報告", agency="江门市蓬江区人力资源和社会保障局",
             region="广东省", city="江门市", year=2021, year_text=None, kind="annual-report", script="zh-Hant", truncated=False,
             published="2022-01-26"),
        "utf-8", "江門市蓬江區人民政府門戶網站",
        ["## 一、總體情況", "### （二）依申请公开。", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
         "## 五、存在的主要問題及改進情況", "## 六、其他需要报告的事项"],
        ["门戶網站\n", "简体版", "無障礙", "首頁", "發佈時間", "瀏覽次數", "字體", "【打印】", "主辦", "ICP", "公網安備"],
        # nothing is converted: the residue stays as the page has it
        ["全年共收到政府信息公开申请28件，上年结转1件", "嚴格落實信息發佈保密審查制度", "| 行政许可 | 186 |",
         "| （七）总计 | 24 | 2 | 0 | 0 | 1 | 0 | 27 |", "本机关2021年度未收取信息处理费。\n\n江門市蓬江區人力資源和社會保障局\n\n2022年1月25日\n"]),
    ],
    "u52_kaihua_townships_2021_compilation.txt": [
        (dict(title=f"{town}镇人民政府2021年政府信息公开工作年度报告", agency=f"{town}镇人民政府", **_TOWNSHIP), "utf-8",
         "衢州市开化县人民政府门户网站", _TOWNSHIP_HEADINGS,
         ["开化县各乡镇", "汇编", "发布日期", "访问次数", "字体", "打印本页", "上一篇", "下一篇", "主办", "ICP",
          *[f"{other}镇人民政府" for other in ("华埠", "马金", "池淮", "村头") if other != town]],
         [_OPENING + "\n\n## 一、总体情况\n\n2021年，" + town + "镇", f"本年度我镇未收取信息处理费。\n\n{town}镇人民政府\n\n{date}\n"])
        for town, date in (("华埠", "2022年1月20日"), ("马金", "2022年1月19日"), ("池淮", "2022年1月21日"), ("村头", "2022年1月18日"))
    ],
    "u54_zhongshan_scjgj_2020_macau_repost.txt": [(
        # the headline as the reposter wrote it (政府資訊公開); the date shown is the repost's (the report's own is its signature)
        dict(title="中山市市場監督管理局2020年政府資訊公開工作年度報告", agency="中山市市场监督管理局", region="广东省", city="中山市",
             year=2020, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2021-01-22"),
        "utf-8", "澳门头条网",
        ["## 一、總體情況", "### （五）監督保障。", "## 二、主動公開政府信息情況", "## 四、政府信息公開行政復議、行政訴訟情況",
         "## 六、其他需要報告的事項"],
        ["澳門頭條網", "澳聞", "大灣區 \\>", "15:36", "轉載自", "原題為", "責任編輯", "轉載請註明", "Facebook", "相關新聞", "評價結果出爐",
         "備忘錄", "私隱政策"],
        ["全年通過局網站和中山市人民政府門戶網站主動公開政府資訊2147條", "於2020年2月3日起每日更新", "2020-06-30前完成年中自查",
         # the 2019-edition grids in Traditional are left as written (lines), their headers kept, none dropped as a repeat
         "第二十條第（六）項\n\n信息內容上一年項目數量本年增/減處理決定數量\n\n行政處罰 312 -8 412",
         "予以公開27件，部分公開6件", "本年度我局未收取信息處理費。\n\n中山市市場監督管理局\n\n2021年1月20日\n"]),
    ],
}

TABLES = {"u51_jiangmen_pengjiang_rsj_2021_machine_hant.txt": [("standard-2021", 28, 13, 27, 1, 1, 0)]}


def _reports(name: str):
    return convert_fixture(name, PIECES.get(name, 1)).reports


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_trad_metadata(name):
    for report, (want, encoding, site, *_) in zip(_reports(name), EXPECT[name], strict=True):
        check_front(report.front, want, encoding, site)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_trad_structure_noise_and_text(name):
    for report, (_, _, _, headings, gone, kept) in zip(_reports(name), EXPECT[name], strict=True):
        check_body(report.body, headings, gone, kept)
        assert not report.notes
        assert set(report.front["import"]["removed"]) <= set(KINDS)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_trad_standard_tables_key_figures(name):
    for report, want in zip(_reports(name), TABLES[name], strict=True):
        assert table_figures(report.body, report.front["year"]) == want


def test_a_compilation_is_cut_into_its_reports_and_shares_only_the_page():
    reports = _reports("u52_kaihua_townships_2021_compilation.txt")
    # each keeps its own copy of the opening sentence all four share (no repeated-paragraph across reports)
    assert all(r.body.count(_OPENING) == 1 for r in reports)
    assert not [x for r in reports for x in r.removals if x.kind == "repeated-paragraph"]
    # the page's chrome is logged with the first report (header) and the last (footer), the compilation's title with the first
    assert {x.text for x in reports[0].removals if x.kind == "title"} == {"开化县各乡镇2021年政府信息公开工作年度报告汇编",
                                                                          "华埠镇人民政府2021年政府信息公开工作年度报告"}
    assert {x.kind for x in reports[-1].removals} >= {"related-reading", "site-footer"}
    assert len({r.slug for r in reports}) == 4


def test_a_list_page_is_no_report():
    data = LIST_PAGE.read_bytes()
    conversion = convert_bytes(data, LIST_PAGE.name)
    assert conversion.reports == [] and conversion.encoding == "utf-8"
    assert conversion.error == "a list page: links to 10 other pages and no report text (import the reports it links to)"
    # what strip_noise found: the list and its pagination logged, only the portal's and the column's names left
    stripped = strip_noise(decode(data).text)
    assert [l.text for l in stripped.lines] == ["上饶市信州区人民政府", "政府信息公开年报"]
    kinds = Counter(r.kind for r in stripped.removals)
    assert kinds["related-reading"] == 10 and kinds["page-buttons"] == 1
    kept = han_counter("\n".join(l.text for l in stripped.lines)) + sum((han_counter(r.text) for r in stripped.removals), Counter())
    assert kept == han_counter(normalise(decode(data).text))


def test_script_of_a_mixed_text_is_that_of_its_title_and_running_text():
    report = _reports("u51_jiangmen_pengjiang_rsj_2021_machine_hant.txt")[0]
    # the whole body, tables and all, has more Simplified than Traditional characters; its prose does not
    assert detect_script(report.body) == "zh-Hans" and report.front["script"] == "zh-Hant"


def test_big5_hkscs_is_read_as_such():
    data = (UNSEEN / "u50_zhuhai_xiangzhou_mzj_2016_hkscs_farm.txt").read_bytes()
    for codec in ("big5", "cp950"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)
    assert decode(data).encoding == "big5hkscs" and "㗎" in decode(data).text


def test_a_compilation_title_gives_way_to_the_first_report_title():
    lines = ["开化县各乡镇2021年政府信息公开工作年度报告汇编", "华埠镇人民政府2021年政府信息公开工作年度报告", PARA]
    title = take_title(lines)
    assert title.text == lines[1] and title.rest == [PARA]


# ---------------------------------------------------------------- the rules, one real-looking fragment each

PARA = "２０１６年，我局共主动公开政府信息３１２条，其中機構職能類１５條，政策法規類４６條，業務工作類１８３條。"


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


LIST = ("信州区财政局2021年政府信息公开工作年度报告 2022-01-27\n信州区民政局2021年政府信息公开工作年度报告 2022-01-25\n"
        "信州区应急管理局2021年政府信息公开工作年度报告 [2022-01-20]")

# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "site-login-bar": [
        ("港澳範文網 - 工作報告 年度報告 心得體會 講話稿 | 登入 | 註冊\n" + PARA, PARA,
         [("breadcrumb", "港澳範文網 - 工作報告年度報告心得體會講話稿 | 登入 | 註冊")]),
    ],
    "farm-reference-note": [
        ("呢篇範文係網友分享嘅，僅供參考㗎！\n" + PARA, PARA, [("notice", "呢篇範文係網友分享嘅，僅供參考㗎！")]),
        ("本文僅供學習參考。\n" + PARA, PARA, [("notice", "本文僅供學習參考。")]),
    ],
    "share-platforms": [
        (PARA + "\n喜歡就分享畀朋友啦：Facebook WhatsApp 微信 微博", PARA, [("page-buttons", "喜歡就分享畀朋友啦：Facebook WhatsApp 微信微博")]),
        (PARA + "\n分享：Facebook WhatsApp 微信 微博", PARA, [("page-buttons", "分享：Facebook WhatsApp 微信微博")]),
    ],
    "repost-credit": [
        ("（轉載自：中山市市場監督管理局網站，原題為《中山市市場監督管理局2020年政府信息公開工作年度報告》）\n" + PARA, PARA,
         [("page-header", "（轉載自：中山市市場監督管理局網站，原題為《中山市市場監督管理局2020年政府信息公開工作年度報告》）")]),
        ("转载自：珠海市人民政府门户网站\n" + PARA, PARA, [("page-header", "转载自：珠海市人民政府门户网站")]),
    ],
    "repost-copyright": [
        (PARA + "\n【澳門頭條網】版權所有，轉載請註明出處。", PARA, [("site-footer", "【澳門頭條網】版權所有，轉載請註明出處。")]),
    ],
    "site-name-head": [
        ("澳門頭條網\n中山市市場監督管理局2020年政府資訊公開工作年度報告\n" + PARA, "中山市市場監督管理局2020年政府資訊公開工作年度報告\n" + PARA,
         [("breadcrumb", "澳門頭條網")]),
    ],
    "channel-bar-head": [
        ("新聞 | 澳聞 | 大灣區 | 內地 | 國際 | 財經 | 評論\n" + PARA, PARA, [("breadcrumb", "新聞 | 澳聞 | 大灣區 | 內地 | 國際 | 財經 | 評論")]),
    ],
    "trail-head": [
        ("大灣區 > 中山\n" + PARA, PARA, [("breadcrumb", "大灣區 > 中山")]),
    ],
    "pagination": [
        (PARA + "\n共5页 首页 上一页 1 2 3 下一页 尾页", PARA, [("page-buttons", "共5页首页上一页 1 2 3 下一页尾页")]),
        (PARA + "\n共3頁 上一頁 1 2 3 下一頁 末頁 跳轉到 GO", PARA, [("page-buttons", "共3頁上一頁 1 2 3 下一頁末頁跳轉到 GO")]),
    ],
    "column-list": [
        (LIST + "\n" + PARA, PARA, [("related-reading", t) for t in LIST.split("\n")]),
    ],
}

# Report text the rules above must leave alone.
KEEPS = [
    "以上数据仅供参考。",  # a report's own caveat
    "本报告中所列数据仅供参考，以统计部门公布数据为准。",
    "全年通过“中山发布”微信、微博分享政策解读信息126条。",
    "（一）主动公开。全年通过中山市人民政府门户网站公开信息2147条。",
    "第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n规章 0 0 0",
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n1 | 0 | 0 | 0 | 1",  # a table's header row of short cells, not a channel bar
    "中山市市場監督管理局\n2021年1月20日",
    "中山市市場監督管理局2020年政府信息公開工作年度報告 2021-01-22\n" + PARA,  # a title with its date, once: no list
    "2022年，我局将继续做好转载自上级网站的政策文件的公开工作。",
]


@pytest.mark.parametrize("text", KEEPS)
def test_trad_rules_keep(text):
    got, removed, _ = strip(text)
    assert removed == []
    assert got == normalise(text)
