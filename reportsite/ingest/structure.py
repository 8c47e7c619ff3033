"""Stage 3: restore headings and paragraphs.

Chinese official documents number their levels `一、` → `（一）`/`(一)` → `1、`/`1.` → `（1）`/`(1)`.
Each pattern maps to one Markdown level (`##` … `#####`) whatever the depth, so a missing level
never shifts the others. A numbered block opens a section when it starts a line (or follows a
sentence end in text flattened to one line); after `；` or a `：` that introduces a list it is a list
item of running text and stays in its paragraph. A run-in heading (`(一)加强领导,完善机制。为使…`)
ends at its first `。`, `：`/`:` (outside brackets) or line end; the rest is its first paragraph.
A flattened statistics table whose cells fit its header exactly becomes one table block (tables.py).
Nothing is invented: every character of the input lines is in exactly one block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ._text import ends_complete, is_number_cell, is_table_row
from .tables import KNOWN_HEADERS, Table, find_tables

CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class Marker:
    name: str
    level: int  # Markdown heading level
    pattern: re.Pattern
    note: str

    def first_item(self, text: str) -> bool:
        """True for the number that opens a list: 一, 1."""
        return number_of(text) == 1


def number_of(marker_text: str) -> int | None:
    """The number a section marker carries: `三、` → 3, `（十二）` → 12, `2.` → 2."""
    digits = re.sub(r"[^0-9" + CN + "]", "", marker_text)
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    value = {c: i + 1 for i, c in enumerate(CN[:9])}
    if digits == "十":
        return 10
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return value.get(tens, 1) * 10 + value.get(ones, 0) if all(c in value for c in tens + ones) else None
    return value.get(digits) if len(digits) == 1 else None


# Section numbers, by level. Each pattern is anchored where it is used (line start or a break point).
MARKERS: tuple[Marker, ...] = (
    Marker("part", 2, re.compile(rf"第[{CN}]{{1,3}}部分(?![{CN}]|[，,。的为是])[：:、]?\s?"),
           "`第一部分 概述`, `第二部分：主动公开政府信息情况` (older reports' top level); not `第一部分的…`"),
    Marker("cn", 2, re.compile(rf"[{CN}]{{1,3}}(?:、|[.．](?!\d))(?![{CN}]{{1,3}}[、级級类類])"),
           "`一、概述`, `十二、`, `一．概述`; not `一、二级` (a range of numerals)"),
    Marker("cn-paren", 3, re.compile(rf"[(（][{CN}]{{1,3}}[)）]"),
           "`（一）加强组织领导`, half-width `(一)`"),
    Marker("arabic", 4, re.compile(r"\d{1,2}[、.．](?![\d])"),
           "`1、抓组织`, `1.`; not `1.5万` or `2009年`"),
    Marker("arabic-paren", 5, re.compile(r"[(（]\d{1,2}[)）]"),
           "`（1）`, `(1)`"),
)

# Where a flattened text hides a block boundary: after a sentence end (and its closing quotes).
SENTENCE_BREAK = re.compile(r"[。！？!?][”’」』\"']*")
# After a colon, a numbered item opens a section when its first clause ends with `。` (`建設目標:(一)加強…。`),
# but is a list item when it ends with `；` (`…改进我们的工作：（一）按照…；（二）…`).
COLON_BREAK = re.compile(r"[：:]")
# A body paragraph glued to a heading in a flattened text starts with a year clause:
# `六、主要问题和改进措施2009年，我厅…`, `四、…咨询处理情况2009年以来，…`, `…情况201*年,…`.
YEAR_CLAUSE = re.compile(r"(?:(?:19|20)\d{2}|(?:19|20)\d\*|20\*\*)年(?:以来|度|上半年|下半年|全年)?[，,]|今年以来[，,]|本年度[，,]")
# Or, after a section name's usual last word (`…情况`, `…措施`, `…概述`), with the report speaking of itself
# (`六、存在的主要问题和改进措施我县政府信息公开工作…`, `…措施2016年我局…`): the body has no comma to show
# where it starts, but a section name never runs on into `我县`/`本局` or a year and `我局` after that word.
BODY_AFTER_NAME = re.compile(r"(?<=情况|情況|措施|概述|问题|問題|事项|事項|成效|打算|计划|計劃)"
                             r"(?:(?:19|20)\d{2}年(?:度)?)?(?:我|本)(?:局|县|縣|市|区|區|厅|廳|委|办|辦|镇|鎮|乡|鄉|街道|院|署|中心|单位|單位|机关|機關|部门|部門|省|旗|州)")
# A report's closing signature: a date (`2020年1月15日`, `二〇二〇年一月十五日`, full-width `２０２０年１月２０日`) or the agency's name
# on a short line of its own (`湖南省公安厅`).
SIGNATURE = re.compile(r"^(?:\S{0,30}?[0-9０-９〇零○一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日"
                       r"|[^\s，,。；;：:、！!？?]{2,30}(?:厅|廳|局|委|会|會|办|辦|院|府|室|中心|队|隊|处|處|所|站|部|署))$")
# A closing signature glued to the last sentence of a text flattened to one line:
# `…推动政府信息公开工作深入开展。武功县人民政府办公室二〇一〇年三月二十六日` → its own lines (agency, date).
SIGNATURE_TAIL = re.compile(r"(?P<name>[^\s，,。；;：:、！!？?“”《》()（）]{2,30}?(?:厅|廳|局|委|会|會|办|辦|院|府|室|中心|队|隊|处|處|所|站|部|署))?"
                            r"(?P<date>[0-9０-９〇零○一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)")
# A heading longer than this is a numbered paragraph, not a heading.
HEADING_MAX = 100

_OPEN = "（(《“「【〈‘"
_CLOSE = "）)》”」】〉’"


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str  # a table's: its lines as written, joined by "\n"
    level: int = 0
    numbered: bool = False
    table: Table | None = None


def marker_at(text: str, pos: int = 0) -> tuple[Marker, re.Match] | None:
    for marker in MARKERS:
        m = marker.pattern.match(text, pos)
        if m:
            return marker, m
    return None


def _item_opens_section(text: str, start: int) -> bool:
    """Does the numbered item at `start` end its first clause with `。` (a section) or `；` (a list item)?"""
    depth = 0
    for ch in text[start:]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif depth == 0 and ch in "。！？!?":
            return True
        elif depth == 0 and ch in "；;":
            return False
    return True


def break_line(text: str) -> list[str]:
    """Split a line where a flattened text hides block boundaries: a section number after a sentence end,
    or after a colon that introduces sections rather than a list."""
    cuts: list[int] = []
    for m in SENTENCE_BREAK.finditer(text):
        if m.end() < len(text) and marker_at(text, m.end()):
            cuts.append(m.end())
    last = None
    for last in SENTENCE_BREAK.finditer(text):
        pass
    if last is not None and last.end() < len(text):
        tail = SIGNATURE_TAIL.fullmatch(text, last.end())
        if tail:
            cuts.append(last.end())
            if tail.group("name"):
                cuts.append(tail.start("date"))
    for m in COLON_BREAK.finditer(text):
        if m.end() < len(text) and marker_at(text, m.end()):
            found = marker_at(text, m.end())
            assert found is not None
            if found[0].first_item(found[1].group()) and _item_opens_section(text, found[1].end()):
                cuts.append(m.end())
    if not cuts:
        return [text]
    parts, last = [], 0
    for cut in sorted(set(cuts)):
        parts.append(text[last:cut])
        last = cut
    parts.append(text[last:])
    return [p for p in parts if p]


def _heading_end(text: str, marker: Marker, start: int) -> tuple[int, bool] | None:
    """Where the run-in heading that starts at 0 ends: (index, keeps punctuation), or None for a list item.

    Ends at the first `。`, `：`/`:` outside brackets (included), before a lower level's first number
    (`三、…情况(一)申请情况。`), before a year clause that starts the body, or at the line end.
    """
    depth = 0
    own = number_of(text[:start])
    for i in range(start, len(text)):
        ch = text[i]
        if depth == 0 and i - start >= 2:
            found = marker_at(text, i)
            if found and found[0].level > marker.level and found[0].first_item(found[1].group()):
                return i, False
            # The next section glued on: `二、主动公开政府信息情况三、收到和处理…`.
            if found and found[0] is marker and own is not None and number_of(found[1].group()) == own + 1:
                return i, False
            if YEAR_CLAUSE.match(text, i) or BODY_AFTER_NAME.match(text, i):
                return i, False
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif depth == 0:
            if ch in "。！？!?：:":
                return i + 1, True
            if ch in "；;":
                return None
    return len(text), True


def classify(text: str, sections: frozenset[str] = frozenset()) -> list[Block]:
    """One block of text → a heading and/or paragraphs."""
    if text in sections:
        return [Block("heading", text, 2)]
    found = marker_at(text)
    if not found:
        return [Block("paragraph", text)]
    marker, m = found
    end = _heading_end(text, marker, m.end())
    if end is None or end[0] > HEADING_MAX or end[0] <= m.end():
        return [Block("paragraph", text)]
    cut = end[0]
    blocks = [Block("heading", text[:cut], marker.level, numbered=True)]
    rest = text[cut:]
    if rest:
        blocks.extend(classify(rest, sections) if marker_at(rest) else [Block("paragraph", rest)])
    return blocks


# Hard-wrapped text (PDF extraction, fixed-width pages): most lines have the same length.
WRAP_MIN_LINES = 8
WRAP_MIN_SHARE = 0.4
WRAP_INDENT = 2  # characters of a paragraph's indent


def display_width(text: str) -> int:
    """A line's width as a page prints it: a Chinese character (or full-width sign) is two columns, a digit or letter one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(lines: list[str], measure=len) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when lines are paragraphs. `measure=display_width`:
    the width of a justified page (pdftotext -layout), where a line holding digits has more characters."""
    unit = 2 if measure is display_width else 1
    # (a line holding a tab is a table's row copied from a Word file or a page, never a wrapped line)
    lengths = [measure(l) for l in lines if len(l) >= 15 and not is_table_row(l) and "\t" not in l]
    if len(lengths) < WRAP_MIN_LINES:
        return None
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    # Lines are at most the width; a paragraph's first line is shorter by its indent (`　　`, stripped).
    span = lambda n: range(n - WRAP_INDENT * unit, n + 1 + unit)
    best = max(counts, key=lambda n: (sum(counts.get(m, 0) for m in span(n)), n))
    near = sum(counts.get(m, 0) for m in span(best))
    return best + unit if near >= WRAP_MIN_SHARE * len(lengths) else None


def _corner(line: str) -> bool:
    """A table's corner note on a line of its own (`（本列数据的勾稽关系为：…）`), or a standard table's first header cell
    (`行政复议`, `申请人情况`, `信息内容`) opening a line: a cell, never the rest of wrapped prose."""
    return any(h.corner and h.corner.fullmatch(line) for h in KNOWN_HEADERS) or line.split()[0] in TABLE_FIRST_CELLS


TABLE_FIRST_CELLS = frozenset(("行政复议", "申请人情况", "信息内容"))


def unwrap(lines: list[str]) -> list[str]:
    """Rejoin the lines of a hard-wrapped text: a full-width line that does not end a sentence continues.
    Full width is counted in characters, or in printed columns when that is what the lines share."""
    widths = [(m, w, 2 if m is display_width else 1) for m in (len, display_width) if (w := wrap_width(lines, m))]
    if not widths:
        return list(lines)
    out: list[str] = []
    carry = False
    for line in lines:
        if carry and out and not marker_at(line) and not is_table_row(line) and not is_number_cell(line) and "\t" not in line \
                and not _corner(line):
            out[-1] += line
        else:
            out.append(line)
        full = any(m(line) >= w - (2 + WRAP_INDENT) * unit for m, w, unit in widths)
        # (a table's corner note fills a line too: `（本列数据的勾稽关系为：…）` ⏎ `申请人情况` is the header's next cell)
        carry = full and line[-1:] not in "。！？!?：:" and not is_table_row(line) and "\t" not in line \
            and not _corner(line)
    return out


def table_line(lines: list[str], i: int) -> bool:
    """Is line i part of a flattened statistics table? Its rows (`（一）予以公开 | 14 | … | 15`,
    `（一）予以公开 7 1 0 0 0 0 8`), its number cells, and the numbered row labels of a table laid out
    one cell a line (`一、本年新收政府信息公开申请数量⏎411⏎1⏎…`, `（三）不予公开⏎1.属于国家秘密⏎0⏎…`):
    a number cell follows within two lines, with no sentence between."""
    line = lines[i]
    if is_table_row(line) or is_number_cell(line):
        return True
    # A table read column by column (pdfminer, a two-column layout): the request table's row labels one after the
    # other, their numbers far below. A run of the format's own row labels is the table's, never headings.
    if _squash(line) in REQUEST_ROW_LABELS and any(0 <= j < len(lines) and (_squash(lines[j]) in REQUEST_ROW_LABELS
                                                                          or _corner(lines[j])) for j in (i - 1, i + 1)):
        return True
    if len(line) > TABLE_LABEL_MAX or re.search(r"[。；;！!？?]", line) or not marker_at(line):
        return False
    # A row label between two rows of figures: `…确认或重新出具已获取信息 0 0 0 0 0 0 0` ⏎ `（六）其他处理 1.申请人…不再处`
    # ⏎ `理其政府信息公开申请 1 0 0 0 0 0 1` (PDF extraction broke the label). A section heading after a
    # table is followed by the next table's header, which holds no figures.
    if i > 0 and i + 1 < len(lines) and (is_table_row(lines[i - 1]) or is_number_cell(lines[i - 1])) \
            and is_table_row(lines[i + 1]) and re.search(r"\d", lines[i + 1]):
        return True
    for j in (i + 1, i + 2):
        if j >= len(lines):
            return False
        if is_number_cell(lines[j]):
            return True  # (a section heading is followed by its table's header or first row, not a number)
        if len(lines[j]) > TABLE_LABEL_MAX or re.search(r"[。；;！!？?]", lines[j]):
            return False
    return False


# The row labels of 三、收到和处理政府信息公开申请情况 (2019 and 2021 editions), spaces removed.
REQUEST_ROW_LABELS = frozenset((
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
    "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计", "四、结转下年度继续办理",
))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# A table's row label is at most this long (`2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`: 38).
TABLE_LABEL_MAX = 60


# A list of attachments after the body: `附件：` ⏎ `1.岳阳市林业局政府信息公开指南` ⏎ `2.…目录`. Its numbered lines
# are items, not headings of empty sections.
ATTACHMENTS_INTRO = re.compile(r"^(?:附件|附表|附录|附錄|附)[0-9一二三四五六七八九十]*\s*[：:]$")


def _attachment_items(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    in_list = False
    for b in blocks:
        if in_list and b.kind == "heading" and b.numbered and not re.search(r"[。！？!?；;]", b.text):
            out.append(Block("paragraph", b.text))
            continue
        in_list = b.kind == "paragraph" and bool(ATTACHMENTS_INTRO.match(b.text))
        out.append(b)
    return out


# The pre-2019 statistics table (政府信息公开情况统计表: the national form of 2014–2018, `统计指标 | 单位 | 统计数`, and the
# provinces' earlier ones), flattened one cell a line or a row a line: its caption (`附表：…政府信息公开情况统计表`) or its
# header (`统计指标`, `指标名称单位数量`) starts it, and it is that table only when one of its own row labels follows
# (`（一）收到申请数`, `四、行政复议数量`). Its numbered row labels (`一、主动公开情况`, `（三）申请答复数`, `2.同意公开答复数`)
# are never headings: the table's lines stay as written, up to the first sentence, long line or signature. A numbered
# line right before that sentence is the next section's heading (a table in the middle of the text).
OLD_TABLE_START = re.compile(r"^(?:.{0,60}(?:统计表|統計表)|(?:统计指标|統計指標|指标名称|指標名稱)(?:单位|單位)?(?:统计数|統計數|数量|數量)?)$")
OLD_TABLE_LABEL = re.compile(r"主动公开政府信息数|主動公開政府信息數|收到申请数|收到申請數|申请答复数|申請答覆數|同意公开答复数|同意公開答覆數|"
                             r"行政复议数量|行政復議數量|行政诉讼数量|行政訴訟數量|依申请公开信息收取的费用|依申請公開信息收取的費用")
OLD_TABLE_REACH = 60  # lines after the caption within which one of its row labels must come


def _old_table_lines(lines: list[str]) -> set[int]:
    """The lines of a pre-2019 统计表 laid out as text (OLD_TABLE_START …): they stay paragraphs as written."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        start = _squash(lines[i])
        if not OLD_TABLE_START.match(start) or not any(OLD_TABLE_LABEL.search(_squash(x)) for x in lines[i + 1:i + 1 + OLD_TABLE_REACH]):
            i += 1
            continue
        end = i + 1
        while end < len(lines):
            line = lines[end].strip()
            if len(line) > TABLE_LABEL_MAX or re.search(r"[。；;！!？?]", line) or (SIGNATURE.match(line) and not marker_at(line)):
                break
            end += 1
        if end < len(lines) and end - 1 > i and marker_at(lines[end - 1].strip()) and re.search(r"[。！!？?]", lines[end]):
            end -= 1  # `六、存在的主要问题…` ⏎ `一是…。`: the next section
        out.update(range(i, end))
        i = end
    return out


def restore(lines: list[str], sections: list[str] | tuple[str, ...] = (), tables: bool = True) -> list[Block]:
    """Lines of a report body (title removed) → blocks. A flattened table whose cells fit its header
    exactly becomes a table block (tables.py); any other table's lines stay paragraphs as written
    (their numbered row labels are not headings). `tables=False`: no table is rebuilt."""
    names = frozenset(sections)
    blocks: list[Block] = []
    lines = unwrap(lines)
    found = find_tables(lines) if tables else {}
    old_table = _old_table_lines(lines)
    end = 0
    for i, line in enumerate(lines):
        if i < end:
            continue
        if i in found:
            table, end = found[i]
            blocks.append(Block("table", "\n".join(lines[i:end]), table=table))
            continue
        if i in old_table or table_line(lines, i):
            blocks.append(Block("paragraph", line))
            continue
        for part in break_line(line):
            blocks.extend(classify(part, names))
    return _attachment_items(blocks)


@dataclass(frozen=True)
class Shape:
    empty_sections: tuple[str, ...]  # numbered headings with nothing under them (tables lost)
    ends_cut: bool  # the last paragraph stops mid-sentence
    top_level: bool  # has a top-level section (`一、`, or a wiki's section)


def shape(blocks: list[Block]) -> Shape:
    empty = []
    for i, b in enumerate(blocks):
        if b.kind != "heading" or not b.numbered:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is None or (nxt.kind == "heading" and nxt.level <= b.level):
            # A run-in heading carries its own sentence: `(四)对公民…暂不收取任何费用。` is not empty.
            if not ends_complete(b.text) or b.text.endswith(("：", ":")):
                empty.append(b.text)
    body = list(blocks)
    # The signature closing a report (agency, date) ends without punctuation and cuts nothing.
    # So does a list of attachments (`附件：` and its items), before or after the signature.
    for _ in range(2):
        while len(body) > 1 and body[-1].kind == "paragraph" and SIGNATURE.match(body[-1].text):
            body.pop()
        for i in range(len(body) - 1, 0, -1):
            if body[i].kind == "paragraph" and ATTACHMENTS_INTRO.match(body[i].text):
                if all(b.kind == "paragraph" and len(b.text) <= TABLE_LABEL_MAX and not SIGNATURE.match(b.text)
                       for b in body[i + 1:]):
                    body = body[:i]
                break
        # So does a 统计表 laid out as text after it (OLD_TABLE_START, then its short lines: `（三）接受培训人员数`⏎`人次`⏎`46`).
        cut = None
        for i in range(len(body) - 1, 0, -1):
            b = body[i]
            if b.kind != "table" and (b.kind != "paragraph" or len(b.text) > TABLE_LABEL_MAX or re.search(r"[。；;！!？?]", b.text)):
                break
            if b.kind == "paragraph" and OLD_TABLE_START.match(_squash(b.text)):
                cut = i
        if cut is not None:
            body = body[:cut]
    last = body[-1] if body else None
    ends_cut = bool(last and last.kind == "paragraph" and not ends_complete(last.text))
    top = any(b.kind == "heading" and b.level == 2 for b in blocks)
    return Shape(tuple(empty), ends_cut, top)
