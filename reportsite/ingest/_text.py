"""Character classes and small helpers shared by the importer's stages."""

from __future__ import annotations

import re
from collections import Counter

# Han ideographs: CJK Unified (with Extension A and the supplementary planes) and compatibility ideographs.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")

# Characters of Chinese running text: Han, CJK punctuation and symbols, full-width forms, and the
# curly quotes Chinese text uses. Used to decide that a space between two of them is stray.
CJK_CLASS = HAN_CLASS + "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\uff01-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
CJK = re.compile(f"[{CJK_CLASS}]")

# Punctuation that ends a sentence, optionally followed by closing quotes or brackets.
SENTENCE_END = "。！？!?"
CLOSERS = "”’」』）)》〉】\"'"
# A line that ends with one of these is complete; anything else was cut (by a page break or an excerpt).
LINE_COMPLETE = "。！？!?；;：:…”’」』）)》〉】\"'.．"

# Chinese numerals as used in section numbers.
CN_NUM = "一二三四五六七八九十百零〇两"


def any_script(words: str) -> str:
    """A regex alternation of Simplified `words` (space-separated) that also matches them written in any
    Traditional form: each character a class of its forms under OpenCC's s2t (phrase-aware: 发布 → 發佈), s2tw,
    s2hk and character by character (发布 → 發布). So a label is written once, `发布机构`, and matches 發佈機構 and
    發布機構 alike. Longer words first, so that `主题分类` wins over `分类`."""
    from ..script import _converter

    out = []
    for word in sorted(dict.fromkeys(words.split()), key=len, reverse=True):
        forms = {word, *(_converter(c).convert(word) for c in ("s2t", "s2tw", "s2hk")), "".join(map(_converter("s2t").convert, word))}
        forms = {f for f in forms if len(f) == len(word)}
        out.append("".join(re.escape(c) if len(chars := {f[i] for f in forms}) == 1 else "[" + "".join(sorted(chars)) + "]"
                           for i, c in enumerate(word)))
    return "|".join(out)


def han_chars(text: str) -> list[str]:
    return HAN.findall(text)


def han_counter(text: str) -> Counter:
    return Counter(HAN.findall(text))


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def ends_complete(text: str) -> bool:
    """True when the text ends like a finished sentence (or a heading-like label with a colon)."""
    text = text.rstrip()
    return bool(text) and text[-1] in LINE_COMPLETE


# Lines of a flattened statistics table (the State Council's standard tables of 2019+ reports):
# a cell holding only a number (`412`, `-4`, `18635.7`), a row of `|`-separated cells, or a label
# followed by its numbers (`予以公开 3 0 0 0 0 0 3`, tab-separated too). Such lines are never
# page numbers, headings, wrapped prose or repeated paragraphs.
NUMBER_CELL = re.compile(r"^[-+−]?\d[\d,，]*(?:[.．]\d+)?%?$")
_NUMBER_ROW = re.compile(r"(?:^|\s)[-+]?\d[\d,]*(?:\.\d+)?(?:\s+[-+]?\d[\d,]*(?:\.\d+)?)+$")


def is_number_cell(line: str) -> bool:
    return bool(NUMBER_CELL.match(line.strip()))


# The unit column of the pre-2019 statistics table (政府信息公开情况统计表: `统计指标 | 单位 | 统计数`), flattened one
# cell a line: `（一）收到申请数`⏎`件`⏎`23`, `七、依申请公开信息收取的费用`⏎`万元`⏎`0`. A number under such a cell is the row's figure.
UNIT_CELL = re.compile(r"^(?:条|條|件|次|篇|个|個|人|人次|项|項|份|家|场|場|期|元|万元|萬元)$")


def is_unit_cell(line: str) -> bool:
    return bool(UNIT_CELL.match(line.strip()))


def is_table_row(line: str) -> bool:
    """A row of a flattened table: `|` cells, or a label (or nothing) followed by 2+ numbers."""
    line = line.strip()
    return line.count("|") >= 2 or bool(_NUMBER_ROW.search(line)) or "\t" in line
