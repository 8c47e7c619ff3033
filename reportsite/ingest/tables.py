"""Part of stage 3 (structure): flattened statistics tables rebuilt as tables.

Since 2019 every report carries the State Council's standard tables (国务院办公厅政府信息公开工作年度报告
格式, 2019 edition, revised 2021 — same tables, small label changes). Scraped pages flatten them: one
cell a line, tab-separated cells on a line, or a row's label and its numbers on one line
(`予以公开 3 0 0 0 0 0 3`). This module finds such runs of lines and rebuilds them as a grid of cells,
but only when the structure is certain: every row must have exactly the header's number of cells,
with numbers where numbers belong. When they do not fit (a cell lost by the scrape, an extra page
number, a header cell missing), nothing is rebuilt and the lines stay as they are — a misaligned
table would be misinformation.

Two kinds of rules, both data:

* KNOWN_HEADERS: the standard tables whose header has merged cells (收到和处理政府信息公开申请情况,
  行政复议、行政诉讼情况). Each lists its header cells in the order the flattened text gives them and
  where each sits in the grid. A merged cell is written once, in the first column it spans; the
  columns it spans are left empty (GitHub-flavoured Markdown has one header row: the header's lower
  rows become the first body rows). The header is recognised by its text with whitespace removed,
  so tabs, one cell a line or cells a PDF broke (`结果 维持`) all match; each cell keeps its text as
  written.
* GRID_CORNERS: a simple grid — a header of k label cells, then rows of one label and k−1 numbers
  (主动公开政府信息情况: `信息内容 | 本年制发件数 | …`). Laid out a line a row (tabs or spaces between the
  cells), a grid is recognised by its line boundaries; laid out one cell a line, only from a known
  corner cell (`信息内容`), since otherwise where the header starts is a guess.

Every character of the lines is kept: a table holds each line's cells as written (only the whitespace
between cells goes), in the order they came.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ._text import is_number_cell

# A row label is at most this long, and holds no sentence (a table ends where prose starts).
LABEL_MAX = 60
SENTENCE = re.compile(r"[。；;！!？?]")
# A label continues on the next line (PDF extraction broke it) unless the next piece opens a row of its own:
# a numbered label (`（一）予以公开`, `1.属于国家秘密`, `四、结转下年度继续办理`).
ROW_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))")
# A line of cells: a label then its numbers, whitespace between (`（七）总计 16 1 0 0 0 0 17`, `规章 0 0 12`).
LABEL_THEN_NUMBERS = re.compile(r"^(?P<label>.*?\S)(?P<numbers>(?:\s+[-+−]?\d[\d,]*(?:[.．]\d+)?)+)$")


@dataclass(frozen=True)
class KnownHeader:
    name: str
    # (cell text, header row, column) in the order flattened text gives them (the page's reading order)
    cells: tuple[tuple[str, int, int], ...]
    columns: int  # columns of the grid, the label column included
    label_column: bool  # rows start with a label (else the table is one row of numbers)
    group_rows: bool  # a label may stand alone above its sub-rows (`三、本年度办理结果` ⏎ `（一）予以公开 …`)
    last_row: re.Pattern | None  # the label of the table's last row (what follows is not the table's)
    note: str
    corner: re.Pattern | None = None  # text the header's first line may start with: the grid's top-left cell

    @property
    def numbers(self) -> int:
        return self.columns - (1 if self.label_column else 0)


_APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

KNOWN_HEADERS: tuple[KnownHeader, ...] = (
    KnownHeader(
        "requests",
        (("申请人情况", 0, 1), ("自然人", 1, 1), ("法人或其他组织", 1, 2), ("总计", 1, 7))
        + tuple((name, 2, 2 + i) for i, name in enumerate(_APPLICANTS)),
        columns=8, label_column=True, group_rows=True, last_row=re.compile(r"四、结转下年度继续办理"),
        note="三、收到和处理政府信息公开申请情况 (2019 and 2021 editions): `申请人情况⏎自然人⏎法人或其他组织⏎总计⏎商业企业⏎"
             "科研机构⏎社会公益组织⏎法律服务机构⏎其他`, or `自然人 法人或其他组织 总计` a line; rows `一、本年新收政府信息公开申请数量` "
             "… `四、结转下年度继续办理`, each with 7 numbers",
        # the table's top-left cell, copied with the header's first row: `（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）⇥申请人情况`
        corner=re.compile(r"[（(]本列数据的勾稽关系为[^（）()]*[）)]")),
    KnownHeader(
        "review-litigation",
        (("行政复议", 0, 0), ("行政诉讼", 0, 5))
        + tuple((name, 1, i) for i, name in enumerate(_RESULTS))
        + (("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 10))
        + tuple((name, 2, 5 + i) for i, name in enumerate(_RESULTS))
        + tuple((name, 2, 10 + i) for i, name in enumerate(_RESULTS)),
        columns=15, label_column=False, group_rows=False, last_row=None,
        note="四、政府信息公开行政复议、行政诉讼情况 (2019 and 2021 editions): `行政复议⏎行政诉讼⏎结果维持⏎…⏎总计⏎"
             "未经复议直接起诉⏎复议后起诉⏎结果维持…` then one row of 15 numbers"),
)

# Corner cells that open a simple grid laid out one cell a line: 主动公开政府信息情况's blocks
# (`信息内容⏎本年新制作数量⏎本年新公开数量⏎对外公开总数量⏎规章⏎0⏎0⏎0`, 2021: `信息内容⏎本年制发件数⏎…`).
GRID_CORNERS: tuple[str, ...] = ("信息内容",)
# A grid laid out a line a row without a known corner needs this many rows (one row could be anything).
GRID_MIN_ROWS = 2
# The column names of 主动公开政府信息情况's blocks (2019 and 2021 editions), to split a header whose cells ran
# together once the spaces between Chinese cells were dropped (`信息内容本年制发件数本年废止件数现行有效件数`,
# `信息内容本年收费金额（单位：万元）`): after a corner cell, the rest must be these names and nothing else.
GRID_COLUMNS: tuple[str, ...] = (
    r"本年新制作数量", r"本年新公开数量", r"对外公开总数量",  # 2019 第二十条第（一）项
    r"上一年项目数量", r"本年增\s*[/／]?\s*减", r"(?:本年)?处理决定数量",  # 2019 第（五）（六）（八）项; 2021 第（五）（六）项
    r"采购项目数量", r"采购总金额",  # 2019 第（九）项
    r"本年制发件数", r"本年废止件数", r"现行有效件数",  # 2021 第（一）项
    r"本年收费金额(?:[（(]单位[：:]\s*万元[）)])?",  # 2021 第（八）项
)
_GRID_COLUMNS = [re.compile(c) for c in GRID_COLUMNS]


@dataclass(frozen=True)
class Table:
    layout: str  # the rule that recognised it: a KnownHeader's name, `grid`
    header_rows: int  # how many of the rows are the header
    rows: tuple[tuple[str, ...], ...]  # every row has the same number of cells

    @property
    def width(self) -> int:
        return len(self.rows[0])


# ---------------------------------------------------------------- cells of a line


def line_cells(line: str) -> list[str] | None:
    """The cells of one line as written: tab-separated cells, a label then its numbers, numbers only,
    else the line is one cell. None for a line that is no table's (`|` rows are left as written)."""
    line = line.strip()
    if not line or "|" in line:
        return None
    if "\t" in line:
        return [c.strip() for c in line.split("\t") if c.strip()]
    if is_number_cell(line):
        return [line]
    m = LABEL_THEN_NUMBERS.match(line)
    if m:  # (the label is the shortest start: a line of numbers only gives its first number)
        return [m.group("label"), *m.group("numbers").split()]
    return [line]


def is_label(cell: str) -> bool:
    return not is_number_cell(cell) and len(cell) <= LABEL_MAX and not SENTENCE.search(cell)


@dataclass
class _Token:
    text: str
    line: int
    last: bool  # the last cell of its line

    @property
    def number(self) -> bool:
        return is_number_cell(self.text)


def _tokens(lines: list[str], start: int, limit: int = 400) -> list[_Token]:
    out: list[_Token] = []
    for i in range(start, min(len(lines), start + limit)):
        cells = line_cells(lines[i])
        if cells is None:
            break
        out.extend(_Token(c, i, k == len(cells) - 1) for k, c in enumerate(cells))
    return out


# ---------------------------------------------------------------- body rows


def _body(tokens: list[_Token], numbers: int, group_rows: bool, join_broken: bool,
          last_row: re.Pattern | None = None) -> tuple[list[list[str]], int] | None:
    """Rows of a label and `numbers` numbers from the tokens: (rows, tokens used), or None when a row does not fit.

    The table ends before a label that no row of numbers follows (the text after the table), but a
    run of numbers of the wrong length anywhere — a lost cell, a page number — means nothing fits."""
    rows: list[list[str]] = []
    i = 0
    while i < len(tokens):
        if tokens[i].number:
            return None  # numbers without a label: a lost label or a stray number
        labels: list[str] = []
        j = i
        # label-only lines before the row's numbers: a group label above its sub-rows, or a broken label
        while j < len(tokens) and not tokens[j].number and is_label(tokens[j].text) and len(labels) < 3:
            labels.append(tokens[j].text)
            j += 1
        k = j
        while k < len(tokens) and tokens[k].number:
            k += 1
        count = k - j
        row_labels = _labels(labels, group_rows, join_broken)
        if not row_labels or count == 0:
            break  # the text after the table
        if count != numbers or not tokens[k - 1].last:
            return None  # a lost or extra cell; or the row's numbers end inside a line
        for group in row_labels[:-1]:
            rows.append([group] + [""] * numbers)
        rows.append([row_labels[-1]] + [t.text for t in tokens[j:k]])
        i = k
        if last_row and last_row.fullmatch(_squash(row_labels[-1])):
            break
    if not rows:
        return None
    if i < len(tokens) and tokens[i].number:
        return None
    return rows, i


def _labels(labels: list[str], group_rows: bool, join_broken: bool) -> list[str] | None:
    """Label-only lines before a row: each numbered one opens a row (a group label stays a row of its own);
    an unnumbered piece continues the label above it (a PDF broke it over two lines)."""
    out: list[str] = []
    for piece in labels:
        if out and not ROW_NUMBER.match(piece):
            if not join_broken:
                return None
            out[-1] += piece
        else:
            out.append(piece)
    if len(out) > 1 and not group_rows:
        return None
    return out


# ---------------------------------------------------------------- known headers


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _known_header(lines: list[str], i: int, header: KnownHeader) -> tuple[list[list[str]], int] | None:
    """The header rows of a known header starting at line i, and the line after it; None when it is not there."""
    target = "".join(text for text, _, _ in header.cells)
    first = lines[i].strip() if i < len(lines) else ""
    corner = header.corner.match(first) if header.corner else None
    if corner and corner.end() < len(first) and not first[corner.end()].isspace():
        corner = None
    acc = ""
    j = i
    while j < len(lines) and len(acc) < len(target):
        if "|" in lines[j]:
            return None
        acc += _squash(lines[j][corner.end():] if corner and j == i else lines[j])
        j += 1
        if not target.startswith(acc):
            return None
    if acc != target:
        return None
    # each cell's text as written (a PDF's `结果 维持` keeps its space)
    text = "\n".join([first[corner.end():] if corner else first, *lines[i + 1:j]])
    grid = [[""] * header.columns for _ in range(1 + max(r for _, r, _ in header.cells))]
    if corner:
        grid[0][0] = corner.group()
    pos = 0
    for cell, row, column in header.cells:
        while text[pos].isspace():
            pos += 1
        start = pos
        for ch in cell:
            while text[pos].isspace():
                pos += 1
            if text[pos] != ch:
                return None
            pos += 1
        grid[row][column] = re.sub(r"\s*\n\s*", "", text[start:pos]).strip()
    return grid, j


# The corner note of 三、收到和处理政府信息公开申请情况 as the format writes it (a layout extraction may break it among the
# header's cells, see _layout_header).
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# A header that a layout-keeping extraction (pdftotext -layout) printed side by side, its cells broken over two or
# three lines, takes this many lines at most.
LAYOUT_HEADER_LINES = 5


def _layout_lines(lines: list[str], i: int, target: str) -> int | None:
    """The line after a header at line i whose lines hold exactly the characters of `target`, no more and no fewer,
    in any order: a header whose cells the page printed side by side, each broken over lines, so that every line holds
    pieces of several cells (`信息内容本年制发本年废止现行有效` ⏎ `件数件数件数`). Two lines at least (one line is the
    other rules' case)."""
    want = Counter(target)
    acc: Counter = Counter()
    for j in range(i, min(len(lines), i + LAYOUT_HEADER_LINES)):
        line = lines[j]
        if "|" in line or "\t" in line or is_number_cell(line.strip()) or re.search(r"\d", line) or SENTENCE.search(line):
            return None
        acc += Counter(_squash(line))
        if acc == want:
            return j + 1 if j > i else None
        if acc - want:
            return None
    return None


def _layout_header(lines: list[str], i: int, header: KnownHeader) -> tuple[list[list[str]], int] | None:
    """A known header printed side by side and broken over lines (see _layout_lines): its cells as the format
    names them, with the corner note when the lines hold it too."""
    target = "".join(text for text, _, _ in header.cells)
    corner = header.corner is not None and _layout_lines(lines, i, CORNER_NOTE + target)
    j = corner or _layout_lines(lines, i, target)
    if not j:
        return None
    grid = [[""] * header.columns for _ in range(1 + max(r for _, r, _ in header.cells))]
    if corner:
        grid[0][0] = CORNER_NOTE
    for cell, row, column in header.cells:
        grid[row][column] = cell
    return grid, j


def _known_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    for header in KNOWN_HEADERS:
        found = _known_header(lines, i, header) or _layout_header(lines, i, header)
        if not found:
            continue
        grid, j = found
        tokens = _tokens(lines, j)
        if header.label_column:
            body = _body(tokens, header.numbers, header.group_rows, join_broken=True, last_row=header.last_row)
            if body is None:
                return None
            rows, used = body
        else:
            if len(tokens) < header.numbers or not all(t.number for t in tokens[:header.numbers]):
                return None
            if not tokens[header.numbers - 1].last or (len(tokens) > header.numbers and tokens[header.numbers].number):
                return None
            rows, used = [[t.text for t in tokens[:header.numbers]]], header.numbers
        end = tokens[used - 1].line + 1
        return Table(header.name, len(grid), tuple(tuple(r) for r in grid + rows)), end
    return None


# ---------------------------------------------------------------- simple grids


def _grid_one_cell_a_line(lines: list[str], i: int) -> tuple[Table, int] | None:
    """`信息内容⏎本年制发件数⏎本年废止件数⏎现行有效件数⏎规章⏎0⏎0⏎0⏎…`: the header runs from the corner to the
    label before the first number."""
    if lines[i].strip() not in GRID_CORNERS:
        return None
    header: list[str] = []
    j = i
    while j < len(lines):
        cells = line_cells(lines[j])
        if cells is None or len(cells) != 1 or not is_label(cells[0]):
            break
        header.append(cells[0])
        j += 1
    if len(header) < 3 or j >= len(lines) or line_cells(lines[j]) != [lines[j].strip()] or not is_number_cell(lines[j]):
        return None
    header, j = header[:-1], j - 1  # the last label is the first row's
    tokens = _tokens(lines, j)
    body = _body(tokens, len(header) - 1, group_rows=False, join_broken=False)
    if body is None:
        return None
    rows, used = body
    if any(regex.fullmatch(row[0]) for row in rows for regex in _GRID_COLUMNS):
        return None  # a column's name as a row's label: the extraction read the table column by column (`规章` a column)
    return Table("grid", 1, (tuple(header), *(tuple(r) for r in rows))), tokens[used - 1].line + 1


def _grid_line_a_row(lines: list[str], i: int) -> tuple[Table, int] | None:
    """`信息内容⇥本年制发件数⇥…` ⏎ `规章⇥0⇥0⇥0`, or with spaces: a header line of k labels, then lines of a label and k−1 numbers."""
    line = lines[i].strip()
    if "|" in line:
        return None
    header = [c.strip() for c in line.split("\t")] if "\t" in line else (_glued_header(line) or line.split())
    header = [c for c in header if c]
    if len(header) < 2 or not all(is_label(c) for c in header):
        return None
    rows: list[tuple[str, ...]] = []
    j = i + 1
    while j < len(lines):
        cells = line_cells(lines[j])
        if cells is None or len(cells) < 2 or not is_label(cells[0]) or not all(is_number_cell(c) for c in cells[1:]):
            if cells and any(is_number_cell(c) for c in cells):
                return None  # numbers that fit no row: a lost cell or a stray number
            break
        if len(cells) != len(header):
            return None
        rows.append(tuple(cells))
        j += 1
    if len(rows) < (1 if header[0] in GRID_CORNERS else GRID_MIN_ROWS):
        return None
    return Table("grid", 1, (tuple(header), *rows)), j


# The standard grids' headers (主动公开政府信息情况, 2019 and 2021 editions), cell by cell, for a header printed side by
# side with its cells broken over lines (`信息内容本年制发本年废止现行有效` ⏎ `件数件数件数`, `信息内容本年收费金额（单位：` ⏎ `万元）`).
LAYOUT_GRID_HEADERS: tuple[tuple[str, ...], ...] = (
    ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),  # 2021 第二十条第（一）项
    ("信息内容", "本年处理决定数量"),  # 2021 第（五）（六）项
    ("信息内容", "本年收费金额（单位：万元）"),  # 2021 第（八）项
    ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),  # 2019 第（一）项
    ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),  # 2019 第（五）（六）项
    ("信息内容", "上一年项目数量", "本年增/减"),  # 2019 第（八）项
    ("信息内容", "采购项目数量", "采购总金额"),  # 2019 第（九）项
)


def _grid_layout_header(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A standard grid whose header the page printed side by side, cells broken over lines: the header's lines hold
    exactly one known header's characters, each cell starting in the order the format gives (`本年制发` before
    `本年废止` before `现行有效`), then rows of a label and one number a column."""
    if not lines[i].strip().startswith(GRID_CORNERS):
        return None
    for cells in LAYOUT_GRID_HEADERS:
        j = _layout_lines(lines, i, "".join(cells))
        if not j:
            continue
        text = "".join(_squash(l) for l in lines[i:j])
        pos = 0
        for cell in cells:  # the columns in the page's order
            pos = text.find(cell[:2], pos)
            if pos < 0:
                break
            pos += 2
        if pos < 0:
            continue
        tokens = _tokens(lines, j)
        body = _body(tokens, len(cells) - 1, group_rows=False, join_broken=False)
        if body is None:
            return None
        rows, used = body
        return Table("grid", 1, (cells, *(tuple(r) for r in rows))), tokens[used - 1].line + 1
    return None


def _glued_header(line: str) -> list[str] | None:
    """`信息内容本年制发件数本年废止件数现行有效件数` → its cells, by the known column names; None when any text is left over."""
    corner = next((c for c in GRID_CORNERS if line.startswith(c)), None)
    if corner is None:
        return None
    cells, pos = [corner], len(corner)
    while pos < len(line):
        while pos < len(line) and line[pos].isspace():
            pos += 1
        best = max((m.end() for regex in _GRID_COLUMNS if (m := regex.match(line, pos))), default=pos)
        if best == pos:
            return None
        cells.append(line[pos:best])
        pos = best
    return cells if len(cells) > 1 else None


# ---------------------------------------------------------------- rows of `|` cells

# A row copied from a page's table with its cells between `|` (`行政规范性文件 | 4 | 2 | 31`, `| 规章 | 0 | 0 | 0 |`).
PIPE_ROW = re.compile(r"^\|?(?:[^|]*\|){1,}[^|]*\|?$")
# The row under a Markdown table's header (`| --- | --- |`), kept by a scrape of a Markdown page.
PIPE_DELIMITER = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _pipe_cells(line: str) -> list[str]:
    """GFM's reading: a leading and a trailing `|` are the row's edges, not empty cells."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def _edges(line: str) -> tuple[bool, bool]:
    line = line.strip()
    return line.startswith("|"), line.endswith("|")


def _pipe_rows(lines: list[str], i: int) -> tuple[Table, int] | None:
    """Rows of `|` cells, every one as wide as the first and with the same edges (all `| a | b |` or all
    `a | b`), numbers in some: the page's own table, cells as written. Anything else — a row of another
    width, a row with a `|` at one edge only (`第二十条第（一）项 | | |`: an empty cell or an edge?) — is left as it is."""
    edges = _edges(lines[i])
    if lines[i].count("|") < 2 or PIPE_DELIMITER.match(lines[i].strip()) or edges[0] != edges[1]:
        return None
    if i > 0 and "|" in lines[i - 1]:
        return None  # a table starts where its `|` rows start, never after a row that did not fit
    width = len(_pipe_cells(lines[i]))
    rows = [tuple(_pipe_cells(lines[i]))]
    j = i + 1
    if j < len(lines) and PIPE_DELIMITER.match(lines[j].strip()):
        if len(_pipe_cells(lines[j])) != width or _edges(lines[j]) != edges:
            return None
        j += 1
    while j < len(lines) and lines[j].count("|") >= 2 and not PIPE_DELIMITER.match(lines[j].strip()):
        cells = _pipe_cells(lines[j])
        if len(cells) != width or _edges(lines[j]) != edges:
            return None
        rows.append(tuple(cells))
        j += 1
    if len(rows) < 2 or width < 2 or not any(is_number_cell(c) for r in rows for c in r):
        return None
    if j < len(lines) and "|" in lines[j]:
        return None  # a row that does not fit follows
    return Table("pipe-rows", 1, tuple(rows)), j


# ---------------------------------------------------------------- entry point

RULES = (
    ("pipe-rows", _pipe_rows),
    ("known-header", _known_table),
    ("grid-one-cell-a-line", _grid_one_cell_a_line),
    ("grid-line-a-row", _grid_line_a_row),
    ("grid-layout-header", _grid_layout_header),
)


def find_tables(lines: list[str]) -> dict[int, tuple[Table, int]]:
    """Tables in the lines: {first line: (table, the line after it)}, none overlapping."""
    found: dict[int, tuple[Table, int]] = {}
    i = 0
    while i < len(lines):
        hit = None
        if not SENTENCE.search(lines[i]):  # (a header copied as one line of cells may be longer than a label)
            for _, rule in RULES:
                hit = rule(lines, i)
                if hit:
                    break
        if hit:
            found[i] = hit
            i = hit[1]
        else:
            i += 1
    return found
