"""Unseen scrapes, later set: reports extracted from PDF and Word files (tests/fixtures/ingest/unseen/u41–u45; the
README there lists them), the shapes u07, u09, u14 and u35 do not cover: pdftotext -layout with header cells broken
over lines side by side and the title as the running head; a PDF viewer's copy hard-wrapped mid-word with a footnote at
a page's foot; a .docx saved as text (tab rows, 表n captions, bullets and their tabs, a right-aligned signature); an OCR'd
scan (letters read for digits, boxes for characters it could not read, ruled lines read as `|`, `l`, `I`); a government
gazette's two-column pages with its tables read column by column.

Same checks as tests/test_ingest_unseen.py, and one real-looking fragment for each rule these files needed (`REMOVES`),
look-alikes that must stay (`KEEPS`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest.decode import normalise, normalise_line
from reportsite.ingest.noise import strip_noise
from reportsite.ingest.structure import restore
from reportsite.stats.extract import extract_stats, report_stats

from unseen_sets import check_body, check_front, convert_fixture

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

# file → (metadata, encoding, headings, gone from the body, kept in the body)
EXPECT = {
    "u41_xiangyang_zrzy_2022_pdflayout.txt": (
        dict(title="襄阳市自然资源和规划局2022年政府信息公开工作年度报告", agency="襄阳市自然资源和规划局", region="湖北省", city="襄阳市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （三）政府信息管理。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["— 1 —", "— 4 —", "件数件数件数", "结果结果其他尚未", "\f"],
        # a sentence the page break cut (running head, page number between) is whole; a number the wrap split is one number
        ["全年制发公文均在拟稿环节明确公开属性。", "全年发布信息1126条，关注人数达3.8万人。",
         "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | --- | --- | --- |\n| 规章 | 0 | 0 | 0 |",
         "| 行政事业性收费 | 0 |", "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 6 | 1 | 0 | 0 | 0 | 0 | 7 |",
         "| 1 | 0 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |", "襄阳市自然资源和规划局\n\n2023年1月18日\n"]),
    "u42_shaoxing_keqiao_scjg_2020_pdfcopy.txt": (
        dict(title="绍兴市柯桥区市场监督管理局2020年政府信息公开工作年度报告", agency="绍兴市柯桥区市场监督管理局", region="浙江省",
             city="绍兴市", year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （一）聚焦重点领域信息公开，扎实推进决策、执行、管理、服务、结果“五公开”。", "### （三）加强平台建设。",
         "## 五、存在的主要问题及改进情况"],
        ["- 1 -", "- 3 -", "　"],
        # words and numbers the wrap split are whole; the footnote at the page's foot follows the sentence it interrupted
        ["邮编：312030，电话：0575-84128875", "涉及样品1863批次。",
         "确保信息准确、及时、完整，全年更新专栏内容326条。\n\n①含区政府门户网站发布信息98条、“柯桥市场监管”微信公众号发布信息28条，以及“浙江政务服务网”柯桥区站点发布信息，下同。\n",
         "| 行政许可 | 41 | -3 | 6827 |", "| 政府集中采购 | 6 | 83.5 |", "| （七）总计 | 27 | 3 | 0 | 0 | 1 | 0 | 31 |",
         "绍兴市柯桥区市场监督管理局\n\n2021年1月25日\n"]),
    "u43_nantong_haimen_wjw_2023_docx.txt": (
        dict(title="南通市海门区卫生健康委员会2023年政府信息公开工作年度报告", agency="南通市海门区卫生健康委员会", region="江苏省",
             city="南通市", year=2023, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （四）平台建设", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["\t", "\r"],
        # captions and the table's note stay paragraphs; bullets stay, their tab a space
        ["\n\n表2 收到和处理政府信息公开申请情况\n\n| （本列数据的勾稽关系为", "● 机构职能、政策文件等基础信息57条；", "■ 受理环节：", "◆ 政策解读信息31条。",
         "Ø 丰富解读形式，力争图解、视频类解读占比达到30%以上；", "| 行政规范性文件 | 2 | 1 | 14 |",
         "\n\n注：“（一）予以公开”含本机关已主动公开、告知申请人获取途径的情形3件。\n\n", "南通市海门区卫生健康委员会\n\n2024年1月22日\n"]),
    "u44_jixi_chengzihe_2010_ocr.txt": (
        dict(title="鸡西市城子河区人民政府2010年政府信息公开工作年度报告", agency="鸡西市城子河区人民政府", region="黑龙江省", city="鸡西市",
             year=2010, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、概述", "### （一）加强组织领导。", "### （二）完善制度，规范程序。", "## 六、存在的主要问题和改进措施"],
        ["2O10", "l2", "|", "\nl\n", "\nI\n", "□"],
        # a letter read for a digit inside a number is the digit; a character the scan lost is 〓, never guessed
        ["主动公开政府信息1208条", "共受理政府信息公开申请12件", "接待查阅群众136人次", "政府信息〓开的深度和广度", "提高政府信息公开工作〓平。",
         "鸡西市城子河区人民政府办公室\n\n二〇一一年三月二十八日\n"]),
    "u45_xiangtan_yjj_2021_gazette_columns.txt": (
        dict(title="湘潭市应急管理局2021年政府信息公开工作年度报告", agency="湘潭市应急管理局", region="湖南省", city="湘潭市",
             year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （四）平台建设。", "## 三、收到和处理政府信息公开申请情况", "## 四、政府信息公开行政复议、行政诉讼情况"],
        ["·23·", "·25·", "湘潭市人民政府公报", "## 一、本年新收", "### （一）予以公开"],
        # the tables read column by column stay as written (no table, no heading); the review table is rebuilt
        ["\n\n信息内容\n\n规章\n\n行政规范性文件\n\n本年制发件数\n\n0\n\n2\n\n", "\n\n四、结转下年度继续办理\n\n申请人情况\n\n自然人\n\n11\n\n",
         "| 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |", "湘潭市应急管理局\n\n2022年1月20日"]),
}

# The standard tables' key figures: 新收, 予以公开, 总计, 行政复议 总计, 行政诉讼 总计 (direct, after review).
TABLES = {
    "u41_xiangyang_zrzy_2022_pdflayout.txt": ("standard-2021", 59, 20, 55, 2, 1, 0),
    "u42_shaoxing_keqiao_scjg_2020_pdfcopy.txt": ("standard-2019", 31, 13, 31, 0, 0, 0),
    "u43_nantong_haimen_wjw_2023_docx.txt": ("standard-2021", 23, 10, 22, 1, 0, 0),
}


def _report(name: str):
    return convert_fixture(name).reports[0]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_pdf_metadata(name):
    want, encoding, *_ = EXPECT[name]
    check_front(_report(name).front, want, encoding)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_pdf_structure_noise_and_text(name):
    report = _report(name)
    _, _, headings, gone, kept = EXPECT[name]
    lines = check_body(report.body, headings, gone, kept)
    assert not [l for l in lines if l.startswith("#") and ("本年新收" in l or "予以公开" in l or "总计" in l)]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_pdf_standard_tables_key_figures(name):
    report = _report(name)
    fmt, *figures = TABLES[name]
    rs = report_stats(report.body, report.front["year"])
    assert rs.format == fmt

    def value(key):
        found = rs.values(key)
        assert len(found) == 1 and "inconsistent" not in found[0].flags, (key, found)
        assert any(s.origin == "table" for s in extract_stats(report.body).stats if s.key == key), key
        return found[0].value

    assert [value(k) for k in ("requests.received", "requests.granted", "requests.total", "review.total",
                               "litigation.direct.total", "litigation.after_review.total")] == figures


def test_tables_read_column_by_column_give_no_figures():
    # u45: the request table's labels, then each column's numbers: nothing is read from it (the prose's figures stay)
    report = _report("u45_xiangtan_yjj_2021_gazette_columns.txt")
    stats = extract_stats(report.body).stats
    assert not [s for s in stats if s.origin == "table" and s.key.startswith(("requests.", "active.documents"))]
    rs = report_stats(report.body, 2021)
    assert [v.value for v in rs.values("requests.received")] == [14]
    assert rs.values("requests.total") == [] and rs.values("requests.granted") == []
    assert [v.value for v in rs.values("litigation.direct.total")] == [1]


def test_ocr_damage_is_logged():
    report = _report("u44_jixi_chengzihe_2010_ocr.txt")
    assert report.front["import"]["unrecoverable"] == {"ocr-unreadable": 1}
    assert report.front["import"]["removed"]["ocr-debris"] == 6
    misread = [r.text for r in report.removals if r.kind == "ocr-misread"]
    assert misread.count("2O10") == 9 and {"l2O8", "l36", "l2", "2O11"} <= set(misread)


def test_layout_header_needs_exactly_its_characters():
    # one character more or fewer than the known header: not that header, the lines stay as written
    rows = ["规章 0 0 0", "行政规范性文件 4 1 36"]
    table = restore(["信息内容本年制发本年废止现行有效", "件数件数件数", *rows])
    assert [b.kind for b in table] == ["table"]
    for header in (["信息内容本年制发本年废止现行有效", "件数件数"], ["信息内容本年制发本年废止现行有效", "件数件数件数件"],
                   ["信息内容现行有效本年废止本年制发", "件数件数件数"]):  # (columns in another order: which is which?)
        assert "table" not in [b.kind for b in restore([*header, *rows])], header


def test_word_bullet_tab_is_a_space():
    assert normalise_line("●\t机构职能信息57条；") == "● 机构职能信息57条；"
    assert normalise_line("Ø\t政策解读形式还不够丰富；") == "Ø 政策解读形式还不够丰富；"
    assert normalise_line("规章\t0\t0\t0") == "规章\t0\t0\t0"  # a table's tab stays


# ---------------------------------------------------------------- the rules, one real-looking fragment each

PARA = "全年通过区政府门户网站主动公开政府信息3126条，召开新闻发布会9场，发布政策解读材料47篇，回应社会关切。"
PARA2 = "全年新收政府信息公开申请31件，上年结转2件，均在法定期限内予以答复，未发生因答复不当引发的行政复议。"

# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "gazette-page-number": [
        (f"{PARA}\n·23·\n{PARA2}", f"{PARA}\n{PARA2}", [("page-number", "·23·")]),
    ],
    "page-footnote": [
        ("依托区政府门户网站专栏，及时更新机构职能、法规文件等栏目内容，确保\n①含区政府门户网站发布信息98条、微信公众号发布信息28条，下同。\n- 1 -\n"
         "信息准确、及时、完整，全年更新专栏内容326条。",
         "依托区政府门户网站专栏，及时更新机构职能、法规文件等栏目内容，确保信息准确、及时、完整，全年更新专栏内容326条。\n"
         "①含区政府门户网站发布信息98条、微信公众号发布信息28条，下同。", [("page-number", "- 1 -")]),
    ],
    "ocr-debris": [
        (f"{PARA}\n|\n{PARA2}\nl\n| |\nI", f"{PARA}\n{PARA2}", [("ocr-debris", "|"), ("ocr-debris", "l"), ("ocr-debris", "| |"), ("ocr-debris", "I")]),
    ],
    "ocr-rule-edge": [
        ("| 一、概述\n| （一）加强组织领导。区政府成立了政府信息公开工作领导小组。", "一、概述\n（一）加强组织领导。区政府成立了政府信息公开工作领导小组。",
         [("ocr-debris", "| "), ("ocr-debris", "| ")]),
    ],
    "ocr-misread-digit": [
        ("2O10年，全区主动公开政府信息l2O8条，共受理申请l2件。", "2010年，全区主动公开政府信息1208条，共受理申请12件。",
         [("ocr-misread", "2O10"), ("ocr-misread", "l2O8"), ("ocr-misread", "l2")]),
    ],
    "ocr-unreadable": [
        ("二是政府信息□开的深度和广度有待加强。", "二是政府信息〓开的深度和广度有待加强。", [("ocr-unreadable", "□")]),
    ],
}

# Report text the rules above must leave alone.
KEEPS = [
    "通过ISO9001质量管理体系认证，全年办理IPv6改造3项。",  # letters and digits that are no misread number
    "□是 □否",  # boxes of a form, not between Chinese characters
    "行政许可 | 58 |",  # a table row's edge
    "① 统一受理；② 统一答复。",  # numbered items in a sentence, no page break after them
    "规章 | 0 | 0 | 0",
    "A",  # one letter that is no OCR speck (only l, I, i and ruled lines are)
    "·23·号文件",
]


@pytest.mark.parametrize("text", KEEPS)
def test_pdf_rules_keep(text):
    result = strip_noise(text)
    assert [(r.kind, r.text) for r in result.removals] == []
    assert result.text == normalise(text)
