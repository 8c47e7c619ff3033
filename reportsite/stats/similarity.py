"""How much of a report's text repeats the previous year's, and a side-by-side view of what changed.

Repetition is measured on character shingles: both texts are folded (Simplified script, no spaces
or punctuation, every digit written as 0 so that a copied sentence with this year's numbers still
counts as copied), and a character of this year's text counts as *repeated* when it lies inside a
run of `SHINGLE` characters that also occurs anywhere in last year's text. The share is repeated
characters / all characters of this year's text: 0 % is new text, 100 % a copy.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

SHINGLE = 8  # characters: long enough that set phrases (政府信息公开工作) alone do not count as copying
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_MD = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)|\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+|.", re.S)
MAX_CHAR_DIFF = 4_000_000  # len(a) * len(b) above which a changed paragraph is not diffed by character


@lru_cache(maxsize=4096)
def fold(text: str, digits: bool = False) -> str:
    """Simplified script without spaces or punctuation; every digit 0 unless `digits`."""
    from ..script import to_simplified

    text = _DROP.sub("", to_simplified(text))
    return text if digits else re.sub(r"\d", "0", text)


def paragraphs(body: str) -> tuple[str, ...]:
    """The body's blocks as plain lines (Markdown markers dropped; table rows kept as `a | b`)."""
    out = []
    for raw in re.split(r"\n\s*\n", body):
        lines = []
        for line in raw.split("\n"):
            line = _MD.sub("", line).strip()
            if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?", line):
                continue  # a table's delimiter row
            if line:
                lines.append(line)
        if lines:
            out.append("\n".join(lines))
    return tuple(out)


def repeated_share(this: str, previous: str, k: int = SHINGLE) -> float | None:
    """Share (0–1) of `this` text's characters inside a k-character run also found in `previous`."""
    a, b = fold(this), fold(previous)
    if len(a) < k or len(b) < k:
        return None
    seen = {b[i:i + k] for i in range(len(b) - k + 1)}
    covered = [False] * len(a)
    run_end = -1
    for i in range(len(a) - k + 1):
        if a[i:i + k] in seen:
            for j in range(max(i, run_end), i + k):
                covered[j] = True
            run_end = i + k
    return sum(covered) / len(a)


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | changed | removed | added
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]


def _char_diff(a: str, b: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    if len(a) * len(b) > MAX_CHAR_DIFF:
        return (Segment(a, True),), (Segment(b, True),)
    left: list[Segment] = []
    right: list[Segment] = []
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)  # a number is one token: 2009 → 2010 shows whole
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:  # rewritten, not edited: mark it whole
        return (Segment(a, True),), (Segment(b, True),)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append(Segment("".join(ta[i1:i2]), op != "equal"))
        if j2 > j1:
            right.append(Segment("".join(tb[j1:j2]), op != "equal"))
    return tuple(_merge(left)), tuple(_merge(right))


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        if out and out[-1].changed == s.changed:
            out[-1] = Segment(out[-1].text + s.text, s.changed)
        else:
            out.append(s)
    return out


def side_by_side(previous: str, this: str) -> tuple[DiffRow, ...]:
    """Rows aligning last year's paragraphs (left) with this year's (right), changes marked by character."""
    a, b = paragraphs(previous), paragraphs(this)
    fa, fb = [fold(x, digits=True) for x in a], [fold(x, digits=True) for x in b]
    rows: list[DiffRow] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, fa, fb, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(DiffRow("same", (Segment(a[i], False),), (Segment(b[j], False),)) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            left, right = _char_diff(a[i1 + n], b[j1 + n])
            rows.append(DiffRow("changed", left, right))
        rows.extend(DiffRow("removed", (Segment(a[i], True),), ()) for i in range(i1 + pairs, i2))
        rows.extend(DiffRow("added", (), (Segment(b[j], True),)) for j in range(j1 + pairs, j2))
    return tuple(rows)


# --- cached form: what the build keeps per (previous body, this body) ------------------------------
#
# A side-by-side is kept as paragraph indices and segment lengths only (no text): the rows are
# rebuilt from the two bodies, which the build reads anyway. A segment's length is positive when
# it is marked changed, negative when it is not (segments are never empty).

def _spec(segments: tuple[Segment, ...]) -> tuple[int, ...]:
    return tuple(len(s.text) if s.changed else -len(s.text) for s in segments)


def _cut(text: str, spec: tuple[int, ...]) -> tuple[Segment, ...]:
    out, at = [], 0
    for n in spec:
        size = abs(n)
        out.append(Segment(text[at:at + size], n > 0))
        at += size
    return tuple(out)


def encode_rows(previous: str, this: str, rows: tuple[DiffRow, ...]) -> tuple:
    """`side_by_side(previous, this)` as indices and lengths (see `decode_rows`)."""
    i = j = 0
    out = []
    for r in rows:
        if r.kind == "same":
            out.append((0, i, j))
            i, j = i + 1, j + 1
        elif r.kind == "changed":
            out.append((1, i, j, _spec(r.left), _spec(r.right)))
            i, j = i + 1, j + 1
        elif r.kind == "removed":
            out.append((2, i))
            i += 1
        else:
            out.append((3, j))
            j += 1
    return tuple(out)


def decode_rows(previous: str, this: str, encoded: tuple) -> tuple[DiffRow, ...]:
    """The rows `side_by_side(previous, this)` returns, from `encode_rows`'s form."""
    a, b = paragraphs(previous), paragraphs(this)
    rows = []
    for item in encoded:
        op = item[0]
        if op == 0:
            rows.append(DiffRow("same", (Segment(a[item[1]], False),), (Segment(b[item[2]], False),)))
        elif op == 1:
            rows.append(DiffRow("changed", _cut(a[item[1]], item[3]), _cut(b[item[2]], item[4])))
        elif op == 2:
            rows.append(DiffRow("removed", (Segment(a[item[1]], True),), ()))
        else:
            rows.append(DiffRow("added", (), (Segment(b[item[1]], True),)))
    return tuple(rows)


def compare(previous: str, this: str) -> tuple[float | None, tuple]:
    """What the build caches per pair: (repeated_share(this, previous), encode_rows(side_by_side(previous, this)))."""
    return repeated_share(this, previous), encode_rows(previous, this, side_by_side(previous, this))
