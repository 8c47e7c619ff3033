"""Restoring headings and paragraphs: levels by pattern, run-in headings, flattened text, list items."""

from __future__ import annotations

import pytest

from reportsite.ingest.structure import MARKERS, Block, restore, shape, unwrap, wrap_width


def blocks(*lines: str, sections=()) -> list[tuple]:
    return [(b.kind, b.level, b.text) if b.kind == "heading" else (b.kind, b.text) for b in restore(list(lines), sections)]


H = "heading"
P = "paragraph"


@pytest.mark.parametrize("line,level", [
    ("第一部分 概述", 2), ("第二部分：主动公开政府信息情况", 2),
    ("一、概述", 2), ("十二、其他需要报告的事项", 2),
    ("（一）加强组织领导", 3), ("(一)加强组织领导", 3),
    ("1、完善组织体系", 4), ("1.完善组织体系", 4), ("1．完善组织体系", 4),
    ("（1）主动公开情况", 5), ("(1)主动公开情况", 5),
])
def test_levels_by_pattern(line, level):
    assert blocks(line) == [(H, level, line)]


def test_every_marker_pattern_is_tested():
    assert [m.name for m in MARKERS] == ["part", "cn", "cn-paren", "arabic", "arabic-paren"]


def test_a_part_number_in_running_text_is_no_heading():
    assert blocks("第一部分的内容主要是概述全年工作。") == [(P, "第一部分的内容主要是概述全年工作。")]


def test_attachment_lists_are_items_not_headings():
    # an older report's end: the attachments it names, then its signature
    got = blocks("一是公开内容还不够丰富。", "附件：", "1.岳阳市林业局政府信息公开指南", "2.岳阳市林业局政府信息公开目录",
                 "岳阳市林业局", "二〇一一年三月二十日")
    assert got == [(P, "一是公开内容还不够丰富。"), (P, "附件："), (P, "1.岳阳市林业局政府信息公开指南"),
                   (P, "2.岳阳市林业局政府信息公开目录"), (P, "岳阳市林业局"), (P, "二〇一一年三月二十日")]
    shaped = shape(restore(["一、概述", "一是公开内容还不够丰富。", "附件：", "1.政府信息公开指南", "2.政府信息公开目录",
                            "岳阳市林业局", "二〇一一年三月二十日"]))
    assert shaped.empty_sections == () and not shaped.ends_cut
    # numbered sections after an ordinary colon stay headings
    assert blocks("二、主动公开情况：", "1.公开数量。全年主动公开政府信息86条。")[1] == (H, 4, "1.公开数量。")


def test_a_missing_level_shifts_nothing():
    # 001: `1、` sections directly under `一、` stay ####.
    assert blocks("一、概述", "2019年,省公安廳在省委的正確領導下開展工作。", "1、抓組織、強領導,政務公開推進更加有力。副省長定期主持召開會議。") == [
        (H, 2, "一、概述"), (P, "2019年,省公安廳在省委的正確領導下開展工作。"),
        (H, 4, "1、抓組織、強領導,政務公開推進更加有力。"), (P, "副省長定期主持召開會議。")]


def test_run_in_heading_ends_at_first_full_stop_or_colon():
    assert blocks("(一)加强领导,完善政府信息公开机制。为使政府信息公开工作不流于形式,不走过场。") == [
        (H, 3, "(一)加强领导,完善政府信息公开机制。"), (P, "为使政府信息公开工作不流于形式,不走过场。")]
    assert blocks("二、主要做法：一是公开的内容更加充实。") == [(H, 2, "二、主要做法："), (P, "一是公开的内容更加充实。")]
    # A full stop inside brackets does not end it.
    assert blocks("（三）未产生与诉讼(行政复议、行政申诉)有关的费用支出。") == [(H, 3, "（三）未产生与诉讼(行政复议、行政申诉)有关的费用支出。")]


def test_flattened_text_gets_its_blocks_back():
    # A section number glued after a sentence end, with closing quotes.
    assert blocks("让我们这些身在外省的湖南人感到温暖。”二、主动公开政府信息情况2009年，我厅共发布各类公安工作信息3200余条。") == [
        (P, "让我们这些身在外省的湖南人感到温暖。”"), (H, 2, "二、主动公开政府信息情况"), (P, "2009年，我厅共发布各类公安工作信息3200余条。")]
    assert blocks("电话:020-83111809,传真:020-83111874。一、概述") == [(P, "电话:020-83111809,传真:020-83111874。"), (H, 2, "一、概述")]
    # A heading with the first lower-level item glued on.
    assert blocks("三、依申请公开政府信息和不予公开政府信息情况(一)申请情况。201*年,省公安厅共受理申请88件。") == [
        (H, 2, "三、依申请公开政府信息和不予公开政府信息情况"), (H, 3, "(一)申请情况。"), (P, "201*年,省公安厅共受理申请88件。")]
    # Headings glued to a year clause.
    assert blocks("六、主要问题和改进措施2009年，我厅政府信息公开工作取得了一些成绩。") == [
        (H, 2, "六、主要问题和改进措施"), (P, "2009年，我厅政府信息公开工作取得了一些成绩。")]
    assert blocks("四、政府信息公开咨询处理情况2009年以来，我厅共受理问题80余起。") == [
        (H, 2, "四、政府信息公开咨询处理情况"), (P, "2009年以来，我厅共受理问题80余起。")]


def test_headings_glued_to_each_other():
    assert blocks("二、主动公开政府信息情况三、收到和处理政府信息公开申请情况四、存在的主要问题及改进情况主要问题：一是公开内容不够全面。") == [
        (H, 2, "二、主动公开政府信息情况"), (H, 2, "三、收到和处理政府信息公开申请情况"), (H, 2, "四、存在的主要问题及改进情况主要问题："),
        (P, "一是公开内容不够全面。")]
    # A number that does not follow on is text: `三、` inside `一、` is not the next section.
    assert blocks("一、关于三、四级公路的信息") == [(H, 2, "一、关于三、四级公路的信息")]


def test_a_year_right_after_the_number_is_part_of_the_heading():
    assert blocks("一、201*年政务公开工作总体情况") == [(H, 2, "一、201*年政务公开工作总体情况")]


def test_list_items_in_running_text_stay_in_the_paragraph():
    text = ("下一步，我们将着力从以下几个方面改进我们的工作：（一）按照总体规划、分步实施的原则，进一步加强网站互动栏目建设；"
            "（二）进一步开展网上办事系统的开发建设；（三）健全管理长效机制；（四）进一步整合信息资源，确保信息准确鲜活。")
    assert blocks(text) == [(P, text)]
    # A line-start item that ends with `；` is a list item too.
    assert blocks("（一）按照总体规划的原则，进一步加强网站互动栏目建设；") == [(P, "（一）按照总体规划的原则，进一步加强网站互动栏目建设；")]


def test_a_colon_introducing_sections_breaks():
    assert blocks("建設目標:(一)加強網站群建設,優化信息公開載體。2009年,我廳成為試點單位。") == [
        (P, "建設目標:"), (H, 3, "(一)加強網站群建設,優化信息公開載體。"), (P, "2009年,我廳成為試點單位。")]


def test_real_numbers_do_not_open_sections():
    for text in ("2009年，我厅共收到政府信息公开申请5条。", "3200余条信息已经发布。", "1.5万人次访问了网站。",
                 "共发布信息3.9万条。2.6万条为主动公开。", "一、二级公路的信息已公开。"):
        assert blocks(text) == [(P, text)]


def test_known_wiki_section_names_are_headings():
    assert blocks("基本概述", "2009年，我厅以《条例》为指导。", sections=["基本概述", "主要内容"]) == [
        (H, 2, "基本概述"), (P, "2009年，我厅以《条例》为指导。")]
    assert blocks("基本概述") == [(P, "基本概述")]


def test_a_long_numbered_sentence_is_a_paragraph():
    text = "（一）" + "通过政务网站公开各类信息，" * 10 + "取得了良好效果。"
    assert blocks(text) == [(P, text)]


def test_shape_empty_sections_cut_text_and_top_level():
    b = restore(["一、概述", "正文。", "二、主動公開政府信息情況", "三、收到和處理政府信息公開申請情況", "四、其他", "正文。"])
    form = shape(b)
    assert form.empty_sections == ("二、主動公開政府信息情況", "三、收到和處理政府信息公開申請情況")
    assert not form.ends_cut and form.top_level
    assert shape(restore(["一、概述", "(一)申请情况", "受理5件。"])).empty_sections == ()
    # A run-in heading carrying its sentence is not empty.
    assert shape(restore(["(三)未产生有关的费用支出。(四)对公民的申请暂不收取任何费用。六、其他", "正文。"])).empty_sections == ()
    assert shape(restore(["一、概述", "我局进一步加强了"])).ends_cut
    # A signature at the end does not make the text cut.
    assert not shape(restore(["一、概述", "特此报告。", "湖南省公安厅", "2020年1月15日"])).ends_cut
    assert not shape(restore(["我局的主要做法是：", "加强领导。"])).top_level


def test_hard_wrapped_text_is_unwrapped():
    para = ("政府信息公开工作是推进依法行政的重要举措我局高度重视认真贯彻落实条例规定的各项要求不断完善工作机制取得了明显成效"
            "现将有关情况报告如下一是加强组织领导二是完善制度建设三是拓宽公开渠道四是强化监督检查五是做好依申请公开工作六是加强培训"
            "七是做好网站建设八是回应社会关切九是加强保密审查十是抓好考核评议今后我们将继续努力把政府信息公开工作提高到新的水平")
    lines = [para[i:i + 20] for i in range(0, len(para), 20)]
    assert wrap_width(lines) == 21
    assert unwrap(["一、概述", *lines, "二、其他"]) == ["一、概述", para, "二、其他"]
    # Paragraph-per-line texts are left alone.
    assert wrap_width(["第一段比较长的文字，说明了情况。", "短段。", "第三段文字的长度又不一样，而且更长一些，说明更多情况。"]) is None


def test_every_character_is_kept():
    lines = ["三、依申请公开政府信息情况(一)申请情况。201*年,共受理申请88件。(二)申请处理情况。全部按时答复。四、咨询处理情况"]
    assert "".join(b.text for b in restore(lines)) == lines[0]


def test_block_dataclass_defaults():
    assert Block("paragraph", "x") == Block("paragraph", "x", 0, False)


def test_a_flattened_tables_lines_stay_paragraphs():
    from reportsite.ingest.structure import restore

    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况", "一、本年新收政府信息公开申请数量", "411", "1", "412",
             "三、本年度办理结果", "（一）予以公开", "167", "168", "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0",
             "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处", "理其政府信息公开申请 1 0 0 0 0 0 1",
             "四、政府信息公开行政复议、行政诉讼情况", "行政复议 | | 行政诉讼 | |"]
    blocks = restore(lines)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert [b.text for b in blocks if b.kind == "paragraph"] == lines[1:13] + lines[14:]


def test_hard_wrapped_text_with_indented_first_lines():
    from reportsite.ingest.structure import unwrap

    par = "２０１０年，我镇在县委、县政府的正确领导下，认真贯彻落实《条例》，按照以公开为原则、不公开为例外的要求，积极推进政府信息公开工作，取得了较好成效，群众满意度明显提高。" * 3
    lines = []
    for k in range(3):
        text = "　　" + par
        lines += [text[i:i + 40].strip("　") for i in range(0, len(text), 40)]
    assert unwrap(lines) == [par] * 3


def test_a_body_speaking_of_itself_glued_to_a_section_name():
    # An old report flattened to one line: the body starts with `我县`/`2016年我局` right after the section name's last word.
    assert blocks("六、存在的主要问题和改进措施我县政府信息公开工作还存在不足。") == [
        (H, 2, "六、存在的主要问题和改进措施"), (P, "我县政府信息公开工作还存在不足。")]
    assert blocks("六、存在的主要问题及改进措施2016年我局政府信息公开工作取得了一定成绩。") == [
        (H, 2, "六、存在的主要问题及改进措施"), (P, "2016年我局政府信息公开工作取得了一定成绩。")]
    # Inside a heading, `我局` after another word stays: `（一）关于我局信息公开工作。`
    assert blocks("（一）关于我局信息公开工作。") == [(H, 3, "（一）关于我局信息公开工作。")]


def test_a_signature_glued_to_the_last_sentence_is_its_own_lines():
    assert blocks("推动政府信息公开工作深入开展。武功县人民政府办公室二〇一〇年三月二十六日") == [
        (P, "推动政府信息公开工作深入开展。"), (P, "武功县人民政府办公室"), (P, "二〇一〇年三月二十六日")]
    assert blocks("特此报告。2020年1月15日") == [(P, "特此报告。"), (P, "2020年1月15日")]
    # A date inside the last sentence is not a signature.
    assert blocks("统计期限自2019年1月1日起至2019年12月31日") == [(P, "统计期限自2019年1月1日起至2019年12月31日")]
