"""Metadata recovery: title, agency, region, city, year, kind — on real fragments; null where unknown."""

from __future__ import annotations

import pytest

from reportsite.ingest import convert_bytes
from reportsite.ingest.metadata import (agency_from_title, derive_title, infer_agency, infer_kind, infer_region_city, infer_year,
                                        take_title)


# --- title -------------------------------------------------------------------------------------------

def test_title_on_its_own_line():
    t = take_title(["公安局201*年度政府信息公开报告", "201*年,我局在党工委、管委会和市公安局的正确领导下,坚持以科学发展观为指导。"])
    assert (t.text, t.derived, t.consumed) == ("公安局201*年度政府信息公开报告", False, ["公安局201*年度政府信息公开报告"])


def test_title_joined_over_two_lines():
    t = take_title(["广东省公安厅政府信息公开工作年度报告", "(201*年度)", "根据《中华人民共和国政府信息公开条例》规定,特向社会公布。"])
    assert t.text == "广东省公安厅政府信息公开工作年度报告(201*年度)"
    assert t.rest == ["根据《中华人民共和国政府信息公开条例》规定,特向社会公布。"]
    t = take_title(["湖南省公安厅", "2019年政府信息公开工作年度报告", "本报告根据条例编制。"])
    assert t.text == "湖南省公安厅2019年政府信息公开工作年度报告"


def test_title_cut_where_the_body_was_glued_on():
    t = take_title(["湖南省民政廳2009年政府信息公開工作年度報告建設目標:(一)加強網站群建設,優化信息公開載體。"])
    assert t.text == "湖南省民政廳2009年政府信息公開工作年度報告"
    assert t.rest == ["建設目標:(一)加強網站群建設,優化信息公開載體。"]


def test_article_headline_and_year_first_titles():
    t = take_title(["湖南省公安厅以政务公开为着力点提升服务水平", "近年特别是今年以来，湖南省公安厅认真贯彻落实《中华人民共和国政府信息公开条例》，" * 2])
    assert t.text == "湖南省公安厅以政务公开为着力点提升服务水平"
    assert take_title(["2019年湖南省公安厅政府信息公开工作年度报告", "正文。"]).text == "2019年湖南省公安厅政府信息公开工作年度报告"
    # a headline that opens with its year, above the first section; a sentence that opens with one is no title
    assert take_title(["2020年郴州市财政局政务公开工作总结", "一、总体情况"]).text == "2020年郴州市财政局政务公开工作总结"
    assert take_title(["2020年我局政务公开工作取得新进展", "一、总体情况"]).text is None
    assert take_title(["2020年，全市政务公开工作稳步推进", "一、总体情况"]).text is None
    assert agency_from_title("2020年郴州市财政局政务公开工作总结") == "郴州市财政局"
    assert infer_agency(None, {}, "2020年郴州市财政局认真贯彻条例。我局全年主动公开信息120条。") == "郴州市财政局"  # not 年郴州市财政局


def test_no_title_is_not_guessed():
    lines = ["本年度報告根據2019年5月15日起施行的《中華人民共和國政府信息公開條例》編制。", "一、概述"]
    t = take_title(lines)
    assert (t.text, t.derived, t.rest) == (None, True, lines)
    assert take_title(["一、概述", "2019年,省公安廳在省委的正確領導下開展工作。"]).text is None
    assert take_title(["2020年1月15日", "正文。"]).text is None


def test_derived_title_in_the_texts_script():
    assert derive_title("annual-report", "湖南省公安厅", 2019, None, "zh-Hant", "") == "湖南省公安廳2019年政府信息公開工作年度報告"
    assert derive_title("annual-report", None, None, "201*", "zh-Hans", "") == "201*年政府信息公开工作年度报告"
    assert derive_title("article", None, None, None, "zh-Hans", "近年来，我厅加强政务公开。") == "近年来"


# --- agency, region, city ----------------------------------------------------------------------------

@pytest.mark.parametrize("title,agency", [
    ("湖南省公安厅2009年度政府信息公开工作", "湖南省公安厅"),
    ("广东省公安厅政府信息公开工作年度报告(201*年度)", "广东省公安厅"),
    ("湖南省民政厅2009年政府信息公开工作年度报告", "湖南省民政厅"),
    ("公安局201*年度政府信息公开报告", "公安局"),
    ("湖南省公安厅以政务公开为着力点提升服务水平", "湖南省公安厅"),
    ("长沙市人民政府办公厅2019年政府信息公开工作年度报告", "长沙市人民政府办公厅"),
    ("湖南省人民政府2019年政府信息公开工作年度报告", "湖南省人民政府"),
    ("2019年湖南省公安厅政府信息公开工作年度报告", "湖南省公安厅"),
    ("湖南省公安厅关于2019年度政府信息公开工作的报告", "湖南省公安厅"),
    ("关于2019年政府信息公开工作年度报告", None),
])
def test_agency_from_title(title, agency):
    assert agency_from_title(title) == agency


def test_agency_from_self_references_and_the_province_named():
    text = "2019年,省公安厅在省委、省政府的正确领导下开展工作。省公安厅统一建设了平台。如有疑问,请与湖南省公安厅政务公开与信息发布中心联系。"
    assert infer_agency(None, {}, text) == "湖南省公安厅"
    # No full name in the text: the province it names completes `省民政厅`.
    assert infer_agency(None, {}, "2019年,省民政厅认真落实湖南省政务公开工作要点。省民政厅门户网站改版。") == "湖南省民政厅"
    assert infer_agency(None, {}, "我局认真贯彻条例。长沙市公安局门户网站发布信息。长沙市公安局受理申请。") == "长沙市公安局"
    # The superior agency named in the text is not the author.
    assert infer_agency(None, {}, "在湖南省人民政府的领导下，我们开展了工作。") is None
    assert infer_agency(None, {}, "在省公安厅的指导下，我局认真贯彻条例。岳阳市公安局网站发布信息。湖南省公安厅转发通知。") == "岳阳市公安局"


def test_infobox_agency_and_a_short_form_that_stays_as_written():
    assert infer_agency(None, {"主办方": "湖南省公安厅"}, "") == "湖南省公安厅"
    text = "201*年,我局在党工委、管委会和市公安局的正确领导下,为全市经济跨越式发展创造良好的政务环境。"
    assert infer_agency("公安局", {}, text) == "公安局"
    assert infer_agency("公安局", {}, "岳阳市公安局认真贯彻条例。岳阳市公安局门户网站。") == "岳阳市公安局"


@pytest.mark.parametrize("agency,region,city", [
    ("湖南省公安厅", "湖南省", None), ("广东省公安厅", "广东省", None), ("北京市公安局", "北京市", None),
    ("湖南省长沙市公安局", "湖南省", "长沙市"), ("公安局", None, None), (None, None, None),
    ("广西壮族自治区民政厅", "广西壮族自治区", None),
    # A prefecture's name gives its province (cities.py).
    ("长沙市公安局", "湖南省", "长沙市"), ("南宁市青秀区人民政府", "广西壮族自治区", "南宁市"), ("嘉兴市生态环境局", "浙江省", "嘉兴市"),
    ("延边朝鲜族自治州人民政府", "吉林省", "延边朝鲜族自治州"),
    # national organisations' and the Party's local bodies name the organisation first
    ("国家税务总局郴州市税务局", "湖南省", "郴州市"), ("中共郴州市委宣传部", "湖南省", "郴州市"),
    ("国家税务总局湖南省税务局", "湖南省", None), ("中国人民银行衡阳市中心支行", "湖南省", "衡阳市"),
])
def test_region_and_city(agency, region, city):
    assert infer_region_city(agency) == (region, city)


def test_region_from_the_text_only_when_it_names_one_province():
    text = "根据《内蒙古自治区人民政府办公厅关于做好政府信息公开工作年度报告编制发布工作的通知》要求编制。"
    # 白云山旗: a place no table knows (made up; a real banner such as 鄂托克旗 is in counties.py)
    assert infer_region_city("白云山旗人民政府", text) == ("内蒙古自治区", None)
    assert infer_region_city("白云山旗人民政府", text + "与河北省开展交流。") == (None, None)  # two provinces: unknown
    assert infer_region_city("公安局", text) == (None, None)  # no place in the name: the text may name anyone's province


@pytest.mark.parametrize("agency, text, region, city", [
    # county-level divisions (counties.py): a county, a county-level city, a banner, a municipality's district
    ("长兴县人民政府办公室", "", "浙江省", "湖州市"), ("义乌市市场监督管理局", "", "浙江省", "金华市"),
    ("鄂托克旗人民政府", "与河北省开展交流。", "内蒙古自治区", "鄂尔多斯市"), ("海淀区教育委员会", "", "北京市", None),
    ("福田区人民政府", "", "广东省", "深圳市"), ("沙县人民政府", "", "福建省", "三明市"),
    ("浙江省长兴县财政局", "", "浙江省", "湖州市"),  # the province, then the county without its prefecture
    # a name several places share: placed only when the text decides it
    ("鼓楼区人民政府", "", None, None), ("鼓楼区人民政府", "南京市鼓楼区2020年政府信息公开工作年度报告", "江苏省", "南京市"),
    ("鼓楼区人民政府", "根据《江苏省政府信息公开规定》", "江苏省", None),  # 南京 and 徐州 both have one
    ("朝阳区人民政府", "北京市朝阳区人民政府", "北京市", None),
    # two characters that are words more than places
    ("城区卫生健康局", "", None, None), ("郊区农业农村局", "", None, None),
])
def test_region_and_city_of_a_county_level_agency(agency, text, region, city):
    assert infer_region_city(agency, text) == (region, city)


def test_a_township_is_placed_by_the_one_county_its_text_names():
    assert infer_region_city("大营镇人民政府", "主办：枣强县人民政府") == ("河北省", "衡水市")
    assert infer_region_city("大营镇人民政府", "大营镇在县委、县政府的领导下") == (None, None)  # no county named
    assert infer_region_city("大营镇人民政府", "主办：枣强县人民政府。学习长兴县的经验。") == (None, None)  # two: unknown
    # the province the text names decides between a county's namesakes
    assert infer_region_city("某某街道办事处", "鼓楼区人民政府；《江苏省…》") == ("江苏省", None)
    assert infer_region_city("公安局", "主办：枣强县人民政府") == (None, None)  # not a township: the text may name anyone


# --- year --------------------------------------------------------------------------------------------

def test_year_from_title_period_infobox_or_the_report_naming_its_year():
    assert infer_year("湖南省公安厅2009年度政府信息公开工作", "", {}) == (2009, None)
    assert infer_year(None, "报告中所列数据时间为2019年1月1日至2019年12月31日。", {}) == (2019, None)
    assert infer_year(None, "本报告中所列数据的统计期限自201*年1月1日起至12月31日止。", {}) == (None, "201*")
    assert infer_year(None, "", {"时间": "2009年"}) == (2009, None)
    assert infer_year(None, "特向社会公布2018年度广东省公安厅政府信息公开工作年度报告。", {}) == (2018, None)
    assert infer_year("二〇一九年政府信息公开工作年度报告", "", {}) == (2019, None)


def test_masked_year_and_no_year():
    assert infer_year("公安局201*年度政府信息公开报告", "201*年,我局……", {}) == (None, "201*")
    # Dates in the text that are not the year reported on: never a guess.
    assert infer_year("湖南省公安厅以政务公开为着力点提升服务水平", "今年8月28日，……至2008年初，全省创建……", {}) == (None, None)
    assert infer_year(None, "2020年1月15日发布。", {}) == (None, None)


# --- kind --------------------------------------------------------------------------------------------

def test_kind():
    assert infer_kind("公安局201*年度政府信息公开报告", False, "", {}) == "annual-report"
    assert infer_kind("湖南省公安厅2009年度政府信息公开工作", False, "", {"性质": "工作报告"}) == "annual-report"
    assert infer_kind(None, True, "本年度报告根据条例编制。", {}) == "annual-report"
    assert infer_kind("湖南省公安厅以政务公开为着力点提升服务水平", False, "加快政务信息公开步伐，加大政务信息公开力度。", {}) == "article"
    assert infer_kind("春节假期安排", False, "放假七天。", {}) == "other"


# --- source facts through the whole pipeline ----------------------------------------------------------

def test_source_facts_and_masked_year_text():
    data = ("時間:2023-02-09 09:54:02 | 來源:營銷百科\n湖南省民政廳201*年政府信息公開工作年度報告\n"
            "一、概述\n201*年,我廳認真貫徹條例。\n原文链接：http://mzt.hunan.gov.cn/2010/report.html\n").encode("utf-8")
    front = convert_bytes(data, "x.txt").reports[0].front
    assert front["source"]["site"] == "营销百科"
    assert front["source"]["published"] == "2023-02-09"
    assert front["source"]["url"] == "http://mzt.hunan.gov.cn/2010/report.html"
    assert (front["year"], front["year_text"]) == (None, "201*")
    assert front["slug"] == "undated-hunan-minzhengting"


def test_unknown_fields_are_null():
    front = convert_bytes("我们认真做好各项工作。\n一、概述\n全年运行平稳。\n".encode(), "x.txt").reports[0].front
    assert (front["agency"], front["region"], front["city"], front["year"], front["year_text"]) == (None, None, None, None, None)
    assert front["source"]["site"] is None and front["source"]["published"] is None


def test_title_line_with_a_colon_is_kept_whole_when_it_ends_as_a_title():
    t = take_title(["湖南省统计局: 2019年 #政府信息公开工作年度报告", "一、概述"])
    assert (t.text, t.derived) == ("湖南省统计局: 2019年 #政府信息公开工作年度报告", False)
    # A colon inside a sentence still does not make a title (`建設目標:` glued on is body).
    t = take_title(["湖南省民政廳2009年政府信息公開工作年度報告建設目標:(一)加強網站群建設"])
    assert t.text == "湖南省民政廳2009年政府信息公開工作年度報告"
    assert take_title(["根据《条例》规定：特此报告", "正文。"]).text is None


def test_short_title_above_the_full_one():
    # A portal shows its short title, then the page's own full one: the full one is the title.
    t = take_title(["蜀山区人民政府2022年政府信息公开工作年度报告", "合肥市蜀山区人民政府2022年政府信息公开工作年度报告",
                    "本报告根据《中华人民共和国政府信息公开条例》编制。"])
    assert (t.text, t.derived) == ("合肥市蜀山区人民政府2022年政府信息公开工作年度报告", False)
    assert t.rest == ["本报告根据《中华人民共和国政府信息公开条例》编制。"]
    # … or a list title cut with an ellipsis.
    t = take_title(["合肥市蜀山区人民政府2022年政府信息…", "合肥市蜀山区人民政府2022年政府信息公开工作年度报告", "本报告根据条例编制。"])
    assert t.text == "合肥市蜀山区人民政府2022年政府信息公开工作年度报告"
    # A title followed by a longer sentence that quotes it is not a short title.
    t = take_title(["湖南省公安厅2019年政府信息公开工作年度报告", "湖南省公安厅2019年政府信息公开工作年度报告根据条例编制，现予公布。"])
    assert t.text == "湖南省公安厅2019年政府信息公开工作年度报告"


def test_township_names_have_a_place_the_text_can_place():
    text = "按照枣强县人民政府办公室工作要求。认真贯彻落实《条例》和《河北省政务公开工作要点》。"
    assert infer_region_city("大营镇人民政府", text) == ("河北省", "衡水市")  # 枣强县 (counties.py) is in 衡水市
    assert infer_region_city("石牌街道办事处", "《广东省政务公开条例》") == ("广东省", None)


def test_a_county_name_the_tables_do_not_place_is_completed_from_the_text():
    # `福田区人民政府` in the title, `深圳市福田区人民政府办公室` in the text: the full name, which places it.
    text = "由深圳市福田区人民政府办公室编制。福田区深入贯彻落实《条例》。"
    assert infer_agency("福田区人民政府", {}, text) == "深圳市福田区人民政府"
    assert infer_region_city("深圳市福田区人民政府") == ("广东省", "深圳市")
    # Two different completions, or none: as written.
    assert infer_agency("福田区人民政府", {}, text + "宁波市福田区人民政府") == "福田区人民政府"
    assert infer_agency("鄂托克旗人民政府", {}, "鄂托克旗人民政府办公室") == "鄂托克旗人民政府"


def test_the_reports_own_title_below_a_notice_that_publishes_it():
    lines = ["关于印发《2021年度政府信息公开工作年度报告》的通知", "各乡镇人民政府，县直各单位：",
             "现将《桃源县人民政府2021年度政府信息公开工作年度报告》印发给你们，请遵照执行。", "桃源县人民政府办公室", "2022年1月25日",
             "桃源县人民政府2021年度政府信息公开工作年度报告", "一、总体情况", "2021年，县人民政府深入贯彻落实《条例》。"]
    t = take_title(lines)
    assert t.text == "桃源县人民政府2021年度政府信息公开工作年度报告"
    assert t.rest == lines[:5] + lines[6:]  # the notice stays, as the text's first lines
    # a notice whose report follows without a title line of its own keeps the notice's line as the title
    assert take_title(lines[:5] + lines[6:]).text == "关于印发《2021年度政府信息公开工作年度报告》的通知"
