"""Decoding raw scrapes: every common Chinese encoding detected and named; bad files refused in one line."""

from __future__ import annotations

import codecs

import pytest

from reportsite.ingest.decode import Decoded, DecodeError, decode, normalise

SIMPLIFIED = "湖南省公安厅2009年度政府信息公开工作\n2009年，我厅以《条例》和《办法》为指导，认真贯彻落实省委、省政府有关政府信息公开工作会议和文件精神。\n"
TRADITIONAL = "湖南省民政廳2009年政府信息公開工作年度報告\n2009年,我廳成為民政部全國民政網站群建設的試點單位,切實提高電子政務水平。\n"


@pytest.mark.parametrize("text,encoding,data", [
    (SIMPLIFIED, "utf-8", SIMPLIFIED.encode("utf-8")),
    (SIMPLIFIED, "utf-8-sig", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8")),
    (SIMPLIFIED, "gbk", SIMPLIFIED.encode("gbk")),
    (SIMPLIFIED + "\u00a0€", "gb18030", (SIMPLIFIED + "\u00a0€").encode("gb18030")),
    (TRADITIONAL, "big5", TRADITIONAL.encode("big5")),
    (TRADITIONAL, "gbk", TRADITIONAL.encode("gbk")),
    (SIMPLIFIED, "utf-16-le", codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le")),
    (SIMPLIFIED, "utf-16-be", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be")),
    (SIMPLIFIED, "utf-16-le", SIMPLIFIED.encode("utf-16-le")),
    (TRADITIONAL, "utf-16-be", TRADITIONAL.encode("utf-16-be")),
])
def test_detects_and_names_the_encoding(text, encoding, data):
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.lost == 0


def test_big5_text_is_not_read_as_gbk():
    data = ("本年度報告根據《中華人民共和國政府信息公開條例》編制。報告由概述、主動公開政府信息情況等五個部分組成。"
            "如對本報告有疑問,請與湖南省公安廳政務公開與信息發布中心聯繫。").encode("big5")
    assert decode(data).encoding in ("big5", "cp950")


@pytest.mark.parametrize("data,message", [
    (b"", "the file is empty"),
    (b"  \r\n\t\n", "the file is empty"),
    (codecs.BOM_UTF8, "the file is empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF file, not text: extract its text first"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not text"),
    (bytes(range(256)) * 4, "this is a binary file, not text"),
    (b"\x00\x01\x02\x03ELF\x00\x00", "this is a binary file, not text"),
    ("<!DOCTYPE html>\n<html><body>湖南省公安厅</body></html>".encode(), "this is an HTML or XML page, not a raw text: save the page's text instead"),
    (b"\xef\xbb\xbf  <html lang=zh>", "this is an HTML or XML page, not a raw text: save the page's text instead"),
])
def test_refuses_with_one_line(data, message):
    with pytest.raises(DecodeError) as e:
        decode(data)
    assert str(e.value) == message
    assert "\n" not in str(e.value)


def test_undecodable_bytes():
    with pytest.raises(DecodeError, match="^cannot decode"):
        decode(bytes(range(0x80, 0x100)) * 20)


def test_a_few_bad_bytes_become_lost_character_marks():
    data = SIMPLIFIED.encode("utf-8") * 3
    decoded = decode(data[:9] + b"\xff\xfe" + data[9:])  # after 湖南省
    assert decoded.lost == 1
    assert decoded.text == "湖南省〓" + (SIMPLIFIED * 3)[3:]
    # A character cut in half: one mark for the run, nothing guessed.
    decoded = decode(data[:10] + b"\xff" + data[10:])
    assert decoded.lost == 1 and decoded.text.startswith("湖南省〓〓") is False and decoded.text.count("〓") == 1


def test_normalise_line_endings_and_stray_spaces():
    assert normalise("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalise("通过在《湘警网》开通 “网上办事”栏目") == "通过在《湘警网》开通“网上办事”栏目"
    assert normalise("时\u00a0\u00a0\u00a0\u00a0间2009年性\u3000\u3000质工作报告") == "时间2009年性质工作报告"
    assert normalise("\u3000\u30002009年，我厅\u200b以《条例》为指导。  \n\n\n") == "2009年，我厅以《条例》为指导。"
    # Spaces that are not between Chinese characters, and punctuation as written, stay.
    assert normalise("发布“警方提示”信息 120余条, Windows 10 系统，全角：半角:") == "发布“警方提示”信息 120余条, Windows 10 系统，全角：半角:"
    once = normalise("一、 概述 \r\n\u3000（一）  加强领导")
    assert normalise(once) == once == "一、概述\n（一）加强领导"


def test_html_character_references_are_characters():
    # A careless scrape's `&nbsp;`, `&ldquo;`, `&#8220;`, `&gt;`, twice escaped `&amp;nbsp;`: decoded, then normalised.
    assert normalise("&nbsp;&nbsp;围绕&ldquo;防汛抗旱&rdquo;和&#8220;河湖长制&#x201D;，参训人数&gt;60人次") == "围绕“防汛抗旱”和“河湖长制”，参训人数>60人次"
    assert normalise("发布时间：2024-01-23&amp;nbsp;信息来源：泉州市水利局") == "发布时间：2024-01-23 信息来源：泉州市水利局"
    # Not a complete reference: stays as written.
    assert normalise("R&D投入，网址?a=1&b=2，&unknownname;") == "R&D投入，网址?a=1&b=2，&unknownname;"
    once = normalise("&amp;amp;ldquo;")
    assert normalise(once) == once


@pytest.mark.parametrize("line, want", [
    # a PDF's letter-spaced extraction: every character followed by one space
    ("2 0 2 0 年 ， 市 人 力 资 源 和 社 会 保 障 局 认 真 贯 彻 落 实", "2020年，市人力资源和社会保障局认真贯彻落实"),
    ("全 年 主 动 公 开 政 府 信 息 3 1 2 条 ， 其 中 政 策 文 件 1 5 件 。", "全年主动公开政府信息312条，其中政策文件15件。"),
    ("2 0 2 1 年 1 月 2 0 日", "2021年1月20日"),
    # the text's own space is a wider gap there
    ("（ 一 ） 主 动 公 开  本 年 度 新 制 作", "（一）主动公开本年度新制作"),
    # one-digit cells that end a row keep their spaces, and the space before them
    ("行 政 复 议 0 0 0 1 0", "行政复议 0 0 0 1 0"),
])
def test_letter_spaced_lines_lose_their_single_spaces(line, want):
    assert normalise(line) == want


@pytest.mark.parametrize("line", [
    "0 0 0 0 0 0 0",  # a row of one-digit cells
    "规章 0 0 12",  # a table row: label and numbers
    "Office of the People's Government of X County",  # Latin text
    "A B C D E F G H",  # single letters, no Han
    "（七）总计 16 1 0 0 0 0 17",
])
def test_lines_that_are_not_letter_spaced_keep_their_spaces(line):
    assert normalise(line) == line


def test_the_space_after_a_part_number_is_the_headings_own():
    assert normalise("第一部分　概述") == "第一部分 概述"
    assert normalise("第二章 主动公开政府信息情况") == "第二章 主动公开政府信息情况"
    assert normalise("部分 概述") == "部分概述"  # no number: a stray space like any other


MOJIBAKE_REPORT = ("长沙市民政局2020年政府信息公开工作年度报告\n一、总体情况\n2020年，我局认真贯彻落实《条例》，全年主动公开政府信息120条。\n"
                   "二、存在的主要问题及改进情况\n公开的及时性有待提高。\n长沙市民政局\n2021年1月20日\n")


def test_utf8_read_as_latin1_and_saved_again_is_repaired_whole():
    bad = MOJIBAKE_REPORT.encode("utf-8").decode("latin-1").encode("utf-8")  # `é•¿æ²™å¸‚…`
    d = decode(bad)
    assert d.text == MOJIBAKE_REPORT and d.lost == 0 and d.encoding == "utf-8 (repaired: read as cp1252)"
    # Windows-1252 has no character for five bytes: a decode that dropped them lost those characters, marked 〓
    d = decode(MOJIBAKE_REPORT.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8"))
    assert d.encoding == "utf-8 (repaired: read as cp1252)" and d.lost > 0
    assert d.text.startswith("长沙市民政局2020年政府信〓公开工作年度报告") and "〓" in d.text


def test_utf8_read_as_gbk_is_repaired_with_its_losses_marked():
    bad = MOJIBAKE_REPORT.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")  # `闀挎矙甯傛皯鏀垮眬…`
    d = decode(bad)
    assert d.encoding == "utf-8 (repaired: read as gbk)" and d.lost > 0
    assert d.text.startswith("长沙市民政局2020年政府信") and "全年主动" in d.text and "长沙市民政局\n" in d.text
    assert d.text.replace("〓", "") != d.text  # what the wrong decode lost is marked, not guessed


def test_plain_text_and_rare_characters_are_never_repaired():
    assert decode(MOJIBAKE_REPORT.encode("utf-8")) == Decoded(MOJIBAKE_REPORT, "utf-8")
    rare = "鬯鬯龘龘靐齉爩麤" * 20 + "\n" + MOJIBAKE_REPORT  # a text of rare characters stays as it is
    assert decode(rare.encode("utf-8")).encoding == "utf-8"
    latin = "Annual report of the Bureau: café, naïve, Zürich — 2020.\n" * 5
    assert decode(latin.encode("utf-8")) == Decoded(latin, "utf-8")


def test_kun_jin_kao_runs_are_lost_characters():
    d = decode("全年主动公开锟斤拷锟斤拷信息120条。".encode("utf-8"))
    assert d.text == "全年主动公开〓信息120条。" and d.lost == 1
