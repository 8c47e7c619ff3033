"""Read the figures a report states into statistics: `extract_stats(body)`, then `finalize(...)`.

`extract_stats` is a pure function of the Markdown body (cache it by the body; run it beside
rendering): it finds every number the prose states with a known pattern (patterns.PROSE) and the
rows of the State Council's standard tables, flattened or not, where their labels can be
recognised. Each value keeps the sentence (or table row) it came from and the id of its block in
the rendered body (`p_N`, `r_N`), so the report page can link the number to its place.

`finalize` is cheap and needs the front matter: it names the report's format, applies the values
set by hand (`stats:`), keeps a statement made twice with different figures as two values flagged
`inconsistent`, and runs the built-in sums (checks.py). Numbers are never estimated or "fixed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Iterable

from . import patterns as P
from .keys import FLAG_ORDER, KEYS, STANDARD_FORMATS

Number = int | float


@dataclass(frozen=True)
class Stat:
    key: str
    value: Number
    flags: tuple[str, ...] = ()
    sentence: str | None = None  # the sentence or table row as written (None: set by hand)
    anchor: str | None = None  # id of its block in the rendered body: p_12, r_3
    qualifier: str | None = None  # the text's name for a part: 湘警要闻, 网站
    unit: str | None = None  # as written: 条, 件, 人次, 万元
    text: str | None = None  # the number as written: 3200余条, 约3,498人次, 3.9万条
    origin: str = "text"  # text | table | front-matter
    pattern: str = ""  # the pattern or table that found it

    @property
    def ident(self) -> tuple[str, str | None]:
        return (self.key, self.qualifier)


@dataclass(frozen=True)
class Finding:
    kind: str  # conflict | sum | row-sum
    message: str  # for the report page (Chinese)
    keys: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What the body states (before the front matter is considered)."""

    stats: tuple[Stat, ...] = ()
    findings: tuple[Finding, ...] = ()
    markers: tuple[str, ...] = ()  # format markers found in the text (patterns.FORMAT_MARKERS)


@dataclass(frozen=True)
class ReportStats:
    format: str | None
    stats: tuple[Stat, ...] = ()
    findings: tuple[Finding, ...] = ()

    def values(self, key: str, qualifier: str | None = None) -> list[Stat]:
        return [s for s in self.stats if s.key == key and s.qualifier == qualifier]

    def single(self, key: str) -> Stat | None:
        """The one value of an unqualified key, or None when there is none or they disagree."""
        found = self.values(key)
        return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- numbers

def _to_number(d: Decimal) -> Number:
    d = d.normalize() if d != 0 else Decimal(0)
    return int(d) if d == d.to_integral_value() else float(d)


def parse_digits(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("+", "").strip())
    except InvalidOperation:
        return None


def number_from_match(m: re.Match[str]) -> tuple[Number, tuple[str, ...], str]:
    """(value, flags, the number as written) from a match of patterns.num()."""
    digits = parse_digits(m.group("num"))
    assert digits is not None
    flags: set[str] = set()
    mult = m.group("mult")
    if mult:
        digits *= 10000 if mult == "万" else 100000000
        flags.add("rounded")
    pre, post, post2 = m.group("pre") or "", m.group("post") or "", m.group("post2") or ""
    if pre in P.PRE_APPROXIMATE or post2 in P.POST_APPROXIMATE:
        flags.add("approximate")
    if pre in P.PRE_LOWER_BOUND or post in P.POST_LOWER_BOUND or post2 in P.POST_LOWER_BOUND:
        flags.add("lower_bound")
    start = m.start("pre") if pre and (pre in P.PRE_APPROXIMATE or pre in P.PRE_LOWER_BOUND) else m.start("num")
    written = m.string[start:m.end("post2") if post2 else m.end("unit")]
    return _to_number(digits), ordered_flags(flags), written


def ordered_flags(flags: Iterable[str]) -> tuple[str, ...]:
    flags = set(flags)
    return tuple(f for f in FLAG_ORDER if f in flags) + tuple(sorted(flags - set(FLAG_ORDER)))


# ---------------------------------------------------------------- text


_FULL_WIDTH = re.compile("[０-９．]")


def _fold(text: str) -> str:
    """Simplified script and ASCII digits, for matching only (same length where possible)."""
    from ..script import to_simplified

    if _FULL_WIDTH.search(text):  # rare: translate() looks up every character of the block
        text = text.translate(P.FULL_WIDTH_DIGITS)
    return to_simplified(text, hong_kong=False)  # the figures' words: t2s is enough, and half the cost


@dataclass
class _Text:
    original: str
    folded: str

    def original_of(self, start: int, end: int) -> str:
        """The original text of a span of the folded text (the folded text when lengths differ)."""
        if len(self.original) == len(self.folded):
            return self.original[start:end]
        return self.folded[start:end]


def clean_qualifier(q: str) -> str:
    q = q.strip(" 　：:，,、")
    q = re.sub(r"^其中[，,：:]?", "", q)
    q = re.sub(r"(?:问题|信息|留言|来电|来信)$", "", q).strip()
    if re.fullmatch(r"[“\"「][^“”\"「」]*[”\"」]", q):
        q = q[1:-1]
    return q


def _sentences(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each sentence: ends at 。！？ or a line break."""
    start = 0
    for m in re.finditer(r"[。！？!?]|\n", text):
        end = m.end() if m.group() != "\n" else m.start()
        if text[start:end].strip():
            yield start, end
        start = m.end()
    if text[start:].strip():
        yield start, len(text)


def _clauses(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    pos = start
    for m in P.CLAUSE_SPLIT.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _named_channel(text: str, sentence_start: int, clause_start: int, prefix: str) -> str | None:
    """The channel a total is stated for (`patterns.NAMED_CHANNEL`, `OPENS_CHANNEL`), or None."""
    if P.NAMED_CHANNEL.search(prefix):
        return clean_qualifier(prefix) or None
    opened = None
    for opened in P.OPENS_CHANNEL.finditer(text, sentence_start, clause_start):
        pass  # the last channel the sentence opened before this clause
    return clean_qualifier(opened.group("channel")) or None if opened else None


@lru_cache(maxsize=1)
def _prose_patterns() -> tuple[tuple[P.Pattern, re.Pattern[str], bool, bool], ...]:
    """Each prose pattern with its regex, whether it reads a number, and whether it has a `what` group."""
    out = []
    for p in P.PROSE:
        regex = p.compiled()
        out.append((p, regex, "num" in regex.groupindex, "what" in regex.groupindex))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_prose() -> re.Pattern[str]:
    """Every prose pattern in one regex (their named groups unnamed): a clause in which it finds nothing has no match
    of any of them. Most clauses with a figure are so (five in six of the corpus's), and one search costs a fifth
    of trying the patterns one by one."""
    return re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z_0-9]+>', '(?:', regex.pattern)})"
                               for _, regex, _, _ in _prose_patterns()))


def _prose(block_text: _Text, anchor: str | None) -> list[Stat]:
    out: list[Stat] = []
    text = block_text.folded
    compiled = _prose_patterns()
    any_prose = _any_prose().search
    for s_start, s_end in _sentences(text):
        sentence = block_text.original_of(s_start, s_end).strip()
        chain: str | None = None  # key the following clauses are parts of
        parent: str | None = None  # the last such key in this sentence: a later 其中 resumes it
        for c_start, c_end in _clauses(text, s_start, s_end):
            clause = text[c_start:c_end]
            stripped = clause.strip().rstrip("。！？!?")
            if not stripped:
                continue
            if not _WORTH_READING.search(clause) and not stripped.startswith("其中"):
                chain = None
                continue
            found: list[Stat] = []
            claimed: list[tuple[int, int]] = []
            for pattern, regex, numeric, has_what in compiled if any_prose(clause) else ():
                for m in regex.finditer(clause):
                    span = m.span("num") if numeric else (m.start(), m.end())
                    if numeric and any(a < span[1] and span[0] < b for a, b in claimed):
                        continue  # a number belongs to the first pattern that reads it
                    if not numeric and any(s.key == pattern.key for s in found):
                        continue
                    if pattern.reject_before and re.search(pattern.reject_before, clause[:m.start()]):
                        continue
                    key, qualifier = pattern.key, None
                    if numeric:
                        value, flags, written = number_from_match(m)
                        unit = m.group("unit")
                    else:
                        value, flags, written, unit = 0, ("zero_in_words",), m.group(0), None
                    if pattern.channel_is_part and has_what:
                        what = (m.group("what") or "") + "咨询" + (m.group("what2") or "")
                        if P.CHANNEL_WORDS.search(what):
                            key, qualifier = P.PART_OF[key], clean_qualifier(what)
                    if qualifier is None and key in ("active.items", "consultations"):
                        channel = _named_channel(text, s_start, c_start, clause[:m.start()])
                        if channel:
                            key, qualifier = P.PART_OF[key], channel
                    if numeric:
                        claimed.append(span)
                    found.append(Stat(key, value, flags, sentence, anchor, qualifier, unit, written, "text", pattern.name))
            if found:
                out.extend(found)
                chain = P.PART_OF.get(found[-1].key)
                parent = chain or parent
                continue
            if stripped.startswith("其中"):
                chain = parent
                if re.fullmatch(r"其中[：:]?", stripped):
                    continue
            m = P.PART_CLAUSE.match(stripped) if chain else None
            if m:
                value, flags, written = number_from_match(m)
                qualifier = clean_qualifier(m.group("q"))
                if qualifier:
                    out.append(Stat(chain, value, flags, sentence, anchor, qualifier, m.group("unit"), written, "text", "part"))
                    continue
            chain = None
    return out


# ---------------------------------------------------------------- tables

_TABLE_WORDS = re.compile(r"新收|上年结转|信息内容|结果维持|收到申请数|主动公开政府信息数|申请答复数|行政复议数量|行政诉讼数量|收取的费用")
_NUMERIC = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_EMPTY = re.compile(r"^(?:|[-—–/／\\无]|－)$")
_LABEL_AND_NUMBERS = re.compile(r"^(?P<label>.*?[^\d\s,.+\-])\s+(?P<nums>[-+]?\d[\d,.]*(?:\s+[-+]?\d[\d,.]*)*)$")


@dataclass
class _Row:
    labels: list[str]  # normalised
    raw: list[str]  # as written
    values: list[Decimal | None]
    written: list[str]
    anchor: str | None
    explicit: bool  # cells of one row (empty cells kept) rather than one cell a line
    heading: bool = False

    def text(self) -> str:
        label = " ".join(self.raw)
        numbers = " ".join(w if w else "（空）" for w in self.written)
        return f"{label}：{numbers}" if label and numbers else label or numbers


def _cell_value(cell: str) -> tuple[bool, Decimal | None]:
    """(is a value cell, value): numbers and empty/dash cells are value cells."""
    c = cell.strip().translate(P.FULL_WIDTH_DIGITS)
    if _NUMERIC.match(c):
        return True, parse_digits(c)
    return (bool(_EMPTY.match(c)), None)


def _explicit_row(cells: list[str], folded: list[str], anchor: str | None) -> _Row:
    """One row of cells: the label cells, then everything after the last label is a value cell."""
    kinds = [_cell_value(f) for f in folded]
    last_label = max((i for i, (c, (is_value, _)) in enumerate(zip(cells, kinds)) if c.strip() and not is_value), default=-1)
    row = _Row([], [], [], [], anchor, True)
    for i in range(last_label + 1):
        if cells[i].strip():
            row.labels.extend(P.label_segments(folded[i]))
            row.raw.append(cells[i].strip())
    values = [kinds[i][1] for i in range(last_label + 1, len(cells))]
    if any(v is not None for v in values):
        row.values = values
        row.written = [cells[i].strip() for i in range(last_label + 1, len(cells))]
    return row


def _split_pipes(line: str) -> list[str]:
    cells = line.strip().split("|")
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


_CELL_GAP = re.compile(r"\t|\s{2,}|\u3000")


def _line_cells(line: str, folded: str) -> tuple[list[str], list[str]] | None:
    """A line that holds a label and numbers (`予以公开  3  0  3`, `予以公开 3 0 3`): its cells, else None."""
    parts, fparts = _CELL_GAP.split(line), _CELL_GAP.split(folded)
    if len(parts) != len(fparts):
        parts = fparts
    if len(fparts) == 1:
        m = _LABEL_AND_NUMBERS.match(folded)
        if not m:
            return None
        label = m.group("label")
        fparts = [label, *m.group("nums").split()]
        parts = [line[:len(label)] if len(line) == len(folded) else label, *m.group("nums").split()]
    if not any(_cell_value(f)[1] is not None for f in fparts[1:]):
        return None
    return parts, fparts


_NUMBERS_ONLY = re.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?(?:\s+[-+]?\d[\d,]*(?:\.\d+)?)+\s*$")


def _known_label(label: str) -> bool:
    """A label of one of the standard tables' rows."""
    return bool(label) and any(re.fullmatch(regex, label) for regex, _ in (*P.REQUEST_ROWS, *P.ACTIVE_ROWS))


def _rows(blocks) -> list[_Row]:
    """Table rows from table blocks, `|` lines, label-and-number lines, and one-cell-a-line text."""
    rows: list[_Row] = []
    current: _Row | None = None
    for block in blocks:
        if block.kind == "row":
            rows.append(_explicit_row(list(block.cells), [_fold(c) for c in block.cells], block.anchor))
            current = None
            continue
        for line in block.text.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            folded = _fold(stripped)
            if stripped.count("|") >= 2:
                rows.append(_explicit_row(_split_pipes(stripped), _split_pipes(folded), block.anchor))
                current = None
                continue
            numbers = _NUMBERS_ONLY.match(folded)
            if numbers:
                # `2 0 0 1 3 1 0 0 0 1 0 0 0 1 1`: a row's values without its label (the label is above)
                if current is None or current.values:
                    current = _Row([], [], [], [], block.anchor, False)
                    rows.append(current)
                for written in stripped.split():
                    current.values.append(parse_digits(written.translate(P.FULL_WIDTH_DIGITS)))
                    current.written.append(written)
                current = None
                continue
            cells = _line_cells(stripped, folded)
            if cells:
                row = _explicit_row(cells[0], cells[1], block.anchor)
                if current is not None and not current.values and current.raw and row.raw and rows and rows[-1] is current:
                    # A label broken over two lines (PDF extraction): `（二）部分公开（区分处理的，只计这一情形，不计⏎其他情形） 5 0 …`
                    joined = current.raw[-1] + row.raw[0]
                    segments = P.label_segments(_fold(joined))
                    if not _known_label(row.labels[-1] if row.labels else "") and _known_label(segments[-1]):
                        row.labels = current.labels[:-1] + segments if len(current.raw) > 1 else segments
                        row.raw = current.raw[:-1] + [joined] + row.raw[1:]
                        rows.pop()
                rows.append(row)
                current = None
                continue
            is_value, value = _cell_value(folded)
            if is_value and value is not None:
                if current is None:
                    current = _Row([], [], [], [], block.anchor, False)
                    rows.append(current)
                current.values.append(value)
                current.written.append(stripped)
            else:
                current = _Row(P.label_segments(folded), [stripped], [], [], block.anchor, False)
                rows.append(current)
        if block.kind == "heading":
            if rows:
                rows[-1].heading = True
            current = None
    return rows


_TABLES: dict[int, list] = {}


def _match(label: str, table: tuple[tuple[str, Any], ...]) -> Any:
    compiled = _TABLES.get(id(table))
    if compiled is None:
        compiled = _TABLES[id(table)] = [(re.compile(regex), key) for regex, key in table]
    for regex, key in compiled:
        if regex.fullmatch(label):
            return key
    return None


def _decimal_sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _table_stat(key: str, value: Decimal, row: _Row, written: str, pattern: str, unit: str | None = None,
                flags: tuple[str, ...] = ()) -> Stat:
    return Stat(key, _to_number(value), flags, row.text(), row.anchor, None, unit or KEYS[key].unit, written, "table", pattern)


def _request_table(rows: list[_Row]) -> tuple[list[Stat], list[Finding]]:
    stats: list[Stat] = []
    findings: list[Finding] = []
    in_table = False
    previous: str | None = None
    for row in rows:
        label = row.labels[-1] if row.labels else ""
        key = _match(label, P.REQUEST_ROWS) if label else None
        if key == "requests.other.other" and not (previous in ("requests.other.no_correction", "requests.other.unpaid_fee")
                                                   or "其他处理" in row.labels[:-1]):
            key = None
        if not in_table:
            if key not in P.REQUEST_TABLE_START:
                continue
            in_table = True
        if key is None:
            if row.heading or label and (len(label) > 40 or "。" in label or P.REVIEW_HEADER_WORDS.match(label)):
                in_table = False
            if label == "其他处理":
                previous = "requests.other"
            continue
        previous = key
        values, written = row.values, row.written
        while len(values) > P.REQUEST_COLUMNS and values[0] is None:  # an empty second label column
            values, written = values[1:], written[1:]
        total: Decimal | None = None
        stated = [v for v in values if v is not None]
        if len(values) == 1:
            total = values[0]
        elif len(values) == P.REQUEST_COLUMNS:
            total = values[-1]
            if len(stated) == len(values) and _decimal_sum(values[:-1]) != values[-1]:
                findings.append(Finding("row-sum", f"“{row.raw[-1]}”一行：各类申请人之和为 {_to_number(_decimal_sum(values[:-1]))}，"
                                                   f"但“总计”一栏为 {_to_number(values[-1])}。", (key,), (row.anchor,) if row.anchor else ()))
        elif len(values) >= 2 and len(stated) == len(values) and _decimal_sum(values[:-1]) == values[-1]:
            total = values[-1]
        if total is not None:
            stats.append(_table_stat(key, total, row, written[-1], "standard-table-3"))
        if key == P.REQUEST_TABLE_END:
            in_table = False
    return stats, findings


def _glued_columns(label: str) -> list[str] | None:
    """The columns a header whose cells ran together names, or None when it is not made of column names."""
    rest = label[len("信息内容"):]
    columns: list[str] = []
    compiled = [(re.compile(regex), key) for regex, key in P.ACTIVE_COLUMNS]
    while rest:
        best = max(((m.end(), key) for regex, key in compiled if (m := regex.match(rest))), default=None)
        if best is None or best[0] == 0:
            return None
        columns.append(best[1])
        rest = rest[best[0]:]
    return columns or None


def _active_table(rows: list[_Row]) -> list[Stat]:
    stats: list[Stat] = []
    columns: list[str] | None = None
    collecting = False
    for row in rows:
        label = row.labels[0] if row.labels else ""
        if label and re.fullmatch(P.ACTIVE_HEADER, label):
            columns = [c for c in (_match(x, P.ACTIVE_COLUMNS) for x in row.labels[1:]) if c]
            collecting = not row.explicit or not columns
            continue
        glued = _glued_columns(label) if label.startswith("信息内容") and not row.values else None
        if glued:
            # `信息内容本年制发件数本年废止件数现行有效件数`: the header's cells run together (spaces or tabs lost)
            columns, collecting = glued, False
            continue
        if columns is None:
            continue
        if collecting and label and not row.values:
            column = _match(label, P.ACTIVE_COLUMNS)
            if column:
                columns.append(column)
                continue
        collecting = False
        doc = _match(label, P.ACTIVE_ROWS) if label else None
        if doc is None:
            if label:
                columns = None
            continue
        values, written_cells = row.values, row.written
        if row.explicit:
            while len(values) > len(columns or ()) and values[-1] is None:  # empty cells of a wider table
                values, written_cells = values[:-1], written_cells[:-1]
        if not columns or len(values) != len(columns):
            continue
        for column, value, written in zip(columns, values, written_cells):
            key = f"active.{doc}.{column}"
            if value is not None and key in KEYS:
                stats.append(_table_stat(key, value, row, written, "standard-table-1"))
    return stats


def _review_table(rows: list[_Row]) -> list[Stat]:
    for i, row in enumerate(rows):
        if not any("行政复议" in x and P.REVIEW_HEADER_RUN.match(x) for x in row.labels):
            continue  # `行政复议`, or its header cells run together: `行政复议行政诉讼`
        window = rows[i:i + 30]
        if not any("行政诉讼" in x and P.REVIEW_HEADER_RUN.match(x) for r in window for x in r.labels):
            continue
        for r in window:
            if r.values:
                if len(r.values) != len(P.REVIEW_KEYS) or any(not P.REVIEW_HEADER_RUN.match(x) for x in r.labels):
                    break
                sentence = "行政复议、行政诉讼情况表：" + " ".join(w or "（空）" for w in r.written)
                return [replace(_table_stat(key, value, r, written, "standard-table-4"), sentence=sentence)
                        for key, value, written in zip(P.REVIEW_KEYS, r.values, r.written) if value is not None]
            if any(not P.REVIEW_HEADER_RUN.match(x) and len(x) > 12 for x in r.labels):
                break
    return []


_OLD_UNIT_END = re.compile("(?:" + "|".join(P.OLD_TABLE_UNITS) + ")$")
_OLD_NOTE_END = re.compile(r"[（(][^（）()]{4,}[）)]$")


def _old_label(label: str) -> tuple[str | None, str | None]:
    """(key, unit) of a row label of the pre-2019 统计表; a unit the scrape ran into the label (`收到申请数件`) or a
    note after it (`主动公开政府信息数（不同渠道和方式公开相同信息计1条）`) is taken off."""
    key = _match(label, P.OLD_TABLE_ROWS)
    if key:
        return key, None
    unit = _OLD_UNIT_END.search(label)
    rest = label[:unit.start()] if unit else label
    rest = _OLD_NOTE_END.sub("", rest)
    key = _match(rest, P.OLD_TABLE_ROWS) if rest != label else None
    return (key, unit.group() if unit else None) if key else (None, None)


def _old_table(rows: list[_Row]) -> list[Stat]:
    """The pre-2019 统计表's rows of a label, a unit and one figure (patterns.OLD_TABLE_ROWS). A label with no figure,
    or with more than one (columns of other years, a table read column by column), gives nothing."""
    stats: list[Stat] = []
    pending: tuple[str, str | None, _Row] | None = None  # a label laid out one cell a line, waiting for its unit and figure

    def emit(key: str, unit: str | None, label_row: _Row, values: list, written: list, anchor: str | None) -> None:
        stated = [(v, w) for v, w in zip(values, written) if w]
        if len(stated) != 1 or stated[0][0] is None:
            return
        value, text = stated[0]
        flags: tuple[str, ...] = ()
        if key in ("fees.charged",):
            if unit not in P.OLD_TABLE_MONEY:
                return  # 元 or 万元? not stated: no figure
            if P.OLD_TABLE_MONEY[unit] != 1 and value != 0:
                flags = ("rounded",)
            value = value * P.OLD_TABLE_MONEY[unit]
        elif unit in P.OLD_TABLE_MONEY:
            return  # a count in money: not this row
        raw = " ".join(label_row.raw + ([unit] if unit and not label_row.raw[-1].endswith(unit) else []))
        row = _Row(label_row.labels, [raw], [value], [text], anchor, True)
        stats.append(_table_stat(key, value, row, text + (unit or ""), "pre-2019-table", unit, flags))

    for row in rows:
        labels = [x for x in row.labels if x]
        if pending and len(labels) == 1 and labels[0] in P.OLD_TABLE_UNITS and not row.explicit:
            key, _, label_row = pending  # `（一）收到申请数`⏎`件`⏎`23`
            pending = None
            emit(key, labels[0], label_row, row.values, row.written, row.anchor)
            continue
        if pending and not labels and row.values:
            key, unit, label_row = pending  # `（一）收到申请数`⏎`23`: no unit column
            pending = None
            emit(key, unit, label_row, row.values, row.written, row.anchor)
            continue
        pending = None
        if not labels:
            continue
        unit = labels[-1] if len(labels) > 1 and labels[-1] in P.OLD_TABLE_UNITS else None
        label = labels[-2] if unit else labels[-1]
        key, glued_unit = _old_label(label)
        if key is None:
            continue
        unit = unit or glued_unit
        if row.values or row.explicit:
            emit(key, unit, row, row.values, row.written, row.anchor)
        else:
            pending = (key, unit, row)
    return stats


# ---------------------------------------------------------------- entry points


def _fold_all(texts: list[str]) -> list[str]:
    """`_fold` of each text, in one call to OpenCC (which costs per call)."""
    joined = _fold("\x00".join(texts))
    parts = joined.split("\x00")
    return parts if len(parts) == len(texts) else [_fold(t) for t in texts]


# A clause is tried against the prose patterns only when it holds a digit or one of these words.
_WORTH_READING = re.compile(r"\d|未|没有|不存在|不收取")


def extract_from_blocks(blocks) -> Extraction:
    stats: list[Stat] = []
    texts = [b.text for b in blocks]
    folded = _fold_all(texts)
    for block, f in zip(blocks, folded):
        if block.kind == "paragraph" and _WORTH_READING.search(f):
            stats.extend(_prose(_Text(block.text, f), block.anchor))
    folded_all = "\n".join(folded)
    findings: list[Finding] = []
    if _TABLE_WORDS.search(folded_all):  # the tables' own labels: no need to look for rows otherwise
        rows = _rows(blocks)
        table_stats, findings = _request_table(rows)
        stats.extend(table_stats)
        stats.extend(_active_table(rows))
        stats.extend(_review_table(rows))
        stats.extend(_old_table(rows))
    markers = tuple(name for name, regex in P.FORMAT_MARKERS.items() if regex.search(folded_all))
    order = {a: i for i, a in enumerate(b.anchor for b in blocks if b.anchor)}
    stats.sort(key=lambda s: order.get(s.anchor or "", len(order)))  # document order (stable within a block)
    return Extraction(tuple(stats), tuple(findings), markers)


def extract_stats(body: str) -> Extraction:
    """Every statistic the Markdown body states: a pure function of `body` (cache and parallelise freely)."""
    from ..render import body_blocks

    return extract_from_blocks(body_blocks(body))


# ---------------------------------------------------------------- with the front matter


def choose_format(markers: tuple[str, ...], year: int | None, year_text: str | None = None) -> str:
    """The report format: the text's own table headings first, then the year it reports on."""
    if "standard-2021" in markers:
        return "standard-2021"
    if "standard-2019" in markers:
        return "standard-2019"
    if year is not None:
        if year >= 2021:
            return "standard-2021"
        if year >= 2019:
            return "standard-2019"
        return "pre-2019"
    if "standard" in markers:
        return "standard-2019"
    return "pre-2019"  # a masked year (201*) and prose only: the text follows the older, prose form


_OVERRIDE_KEY = re.compile(r"^(?P<key>[a-z_.]+)(?:\[(?P<q>[^\]]+)\])?$")


def parse_override_key(text: str) -> tuple[str, str | None]:
    m = _OVERRIDE_KEY.match(text.strip())
    if not m:
        raise ValueError(text)
    return m.group("key"), m.group("q")


def _overrides(overrides: dict) -> tuple[str | None, list[tuple[tuple[str, str | None], Stat | None]]]:
    fmt = None
    out: list[tuple[tuple[str, str | None], Stat | None]] = []
    for raw_key, spec in (overrides or {}).items():
        if raw_key == "format":
            fmt = spec
            continue
        key, qualifier = parse_override_key(str(raw_key))
        note, flags, value = None, (), spec
        if isinstance(spec, dict):
            value, note, flags = spec.get("value"), spec.get("note"), tuple(spec.get("flags") or ())
        if value is None:
            out.append(((key, qualifier), None))
            continue
        number = _to_number(Decimal(str(value)))
        unit = KEYS[key].unit if key in KEYS else None
        out.append(((key, qualifier), Stat(key, number, ordered_flags({"override", *flags}), note, None, qualifier, unit,
                                           str(value), "front-matter", "front-matter")))
    return fmt, out


def finalize(extraction: Extraction, year: int | None = None, year_text: str | None = None,
             overrides: dict | None = None) -> ReportStats:
    from .checks import run_checks

    fmt_override, hand = _overrides(overrides or {})
    fmt = fmt_override or choose_format(extraction.markers, year, year_text)
    replaced = {ident for ident, _ in hand}
    stats = [s for s in extraction.stats if s.ident not in replaced]
    stats.extend(s for _, s in hand if s is not None)

    # A statement made more than once: the same figure is kept once; different figures are all kept.
    kept: list[Stat] = []
    by_ident: dict[tuple[str, str | None], list[Stat]] = {}
    for s in stats:
        same = by_ident.setdefault(s.ident, [])
        if any(t.value == s.value for t in same):
            continue
        same.append(s)
        kept.append(s)
    findings = list(extraction.findings)
    inconsistent: set[int] = set()
    for ident, group in by_ident.items():
        if len(group) > 1:
            key, qualifier = ident
            label = KEYS[key].label if key in KEYS else key
            what = f"{label}（{qualifier}）" if qualifier else label
            figures = "、".join(s.text or str(s.value) for s in group)
            findings.append(Finding("conflict", f"{what}前后写作不同的数字：{figures}。两者都保留。", (key,),
                                    tuple(s.anchor for s in group if s.anchor)))
            inconsistent.update(id(s) for s in group)
    result = ReportStats(fmt, tuple(kept), ())
    sum_findings = run_checks(result)
    findings.extend(sum_findings)
    flagged_keys = {k for f in findings if f.kind != "conflict" for k in f.keys}
    final = []
    for s in kept:
        if id(s) in inconsistent or (s.qualifier is None and s.key in flagged_keys):
            s = replace(s, flags=ordered_flags({*s.flags, "inconsistent"}))
        final.append(s)
    key_order = {k: i for i, k in enumerate(KEYS)}
    final.sort(key=lambda s: (key_order.get(s.key, len(key_order)), s.qualifier is not None))
    return ReportStats(fmt, tuple(final), tuple(findings))


def report_stats(body: str, year: int | None = None, year_text: str | None = None, overrides: dict | None = None) -> ReportStats:
    return finalize(extract_stats(body), year, year_text, overrides)


__all__ = ["Stat", "Finding", "Extraction", "ReportStats", "extract_stats", "extract_from_blocks", "finalize",
           "report_stats", "choose_format", "STANDARD_FORMATS", "field"]
