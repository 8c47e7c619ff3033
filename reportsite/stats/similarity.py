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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

SHINGLE = 8  # characters: long enough that set phrases (政府信息公开工作) alone do not count as copying
_DROP = re.compile(r"[\W_]+", re.UNICODE)
_MD = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)|\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+|.", re.S)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+")  # `_TOKEN`'s tokens of more than one character
MAX_CHAR_DIFF = 4_000_000  # len(a) * len(b) above which a changed paragraph is not diffed by character


@lru_cache(maxsize=4096)
def fold(text: str, digits: bool = False) -> str:
    """Simplified script without spaces or punctuation; every digit 0 unless `digits`."""
    from ..script import to_simplified

    text = _DROP.sub("", to_simplified(text, hong_kong=False))  # t2s: half hk2s's cost, and enough to compare
    return text if digits else re.sub(r"\d", "0", text)


def paragraphs(body: str) -> tuple[str, ...]:
    """The body's blocks as plain lines (Markdown markers dropped; table rows kept as `a | b`)."""
    return _body(body).paras


def _paragraphs(body: str) -> tuple[str, ...]:
    out = []
    md, delimiter = _MD.sub, _DELIMITER_ROW.fullmatch
    for raw in _BLANK_LINE.split(body):
        lines = []
        for line in raw.split("\n"):
            line = md("", line).strip()
            if "-" in line and delimiter(line):
                continue  # a table's delimiter row
            if line:
                lines.append(line)
        if lines:
            out.append("\n".join(lines))
    return tuple(out)


_BLANK_LINE = re.compile(r"\n\s*\n")
_DELIMITER_ROW = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
_DROP_BUT_NUL = re.compile(r"(?:[^\w\x00]|_)+", re.UNICODE)  # `_DROP` but for the NUL that separates texts


def _fold_paragraphs(paras: tuple[str, ...]) -> list[str]:
    """`fold(p, digits=True)` of each paragraph, in one call to OpenCC (which costs per call)."""
    from ..script import to_simplified

    if not paras:
        return []
    parts = _DROP_BUT_NUL.sub("", to_simplified("\x00".join(paras), hong_kong=False)).split("\x00")
    return parts if len(parts) == len(paras) else [fold(p, digits=True) for p in paras]


class _Body:
    """What comparing needs of one body, made once however many pairs it is part of (a report is the
    `this` of one pair and the `previous` of the next year's): its paragraphs and their folds, and
    lazily the body's fold, its shingles, and each paragraph's tokens and their counts."""

    __slots__ = ("paras", "folded", "_text", "_flat", "_shingles", "_seen", "_tokens", "_sizes", "_words", "_counts")

    def __init__(self, text: str):
        self._text = text
        self.paras = _paragraphs(text)
        self.folded: list[str] | None = None
        self._flat: str | None = None
        self._shingles: list[str] | None = None
        self._seen: set[str] | None = None
        self._tokens: dict[int, list[str]] = {}
        self._sizes: dict[int, int] = {}
        self._words: dict[int, list[str]] = {}
        self._counts: dict[int, Counter] = {}

    def folds(self) -> list[str]:
        if self.folded is None:
            self.folded = _fold_paragraphs(self.paras)
        return self.folded

    def flat(self) -> str:
        """`fold(text)`: the whole body folded, digits as 0."""
        if self._flat is None:
            self._flat = fold(self._text)
        return self._flat

    def shingles(self) -> list[str]:
        """Every `SHINGLE`-character run of `flat()`, in order."""
        if self._shingles is None:
            a, k = self.flat(), SHINGLE
            self._shingles = [a[i:i + k] for i in range(len(a) - k + 1)]
        return self._shingles

    def seen(self) -> set[str]:
        if self._seen is None:
            self._seen = set(self.shingles())
        return self._seen

    def tokens(self, i: int) -> list[str]:
        found = self._tokens.get(i)
        if found is None:
            found = self._tokens[i] = _tokens(self.paras[i])
        return found

    def size(self, i: int) -> int:
        """How many tokens paragraph i has (`len(self.tokens(i))`, counted from its characters and its words)."""
        found = self._sizes.get(i)
        if found is None:
            text = self.paras[i]
            words = [w for w in _WORD.findall(text) if len(w) > 1]
            found = self._sizes[i] = len(text) - sum(map(len, words)) + len(words)
            if words:
                self._words[i] = words
        return found

    def counts(self, i: int) -> Counter:
        """How many of each token paragraph i has (`Counter(self.tokens(i))`, from its characters and its words)."""
        found = self._counts.get(i)
        if found is None:
            found = self._counts[i] = Counter(self.paras[i])
            self.size(i)
            words = self._words.get(i)
            if words:
                found.subtract("".join(words))
                found.update(words)
        return found


def _tokens(text: str) -> list[str]:
    """`_TOKEN.findall(text)`: the numbers and Latin words whole, every other character alone."""
    out: list[str] = []
    at = 0
    for m in _WORD.finditer(text):
        start = m.start()
        if start > at:
            out.extend(text[at:start])
        out.append(m.group())
        at = m.end()
    out.extend(text[at:])
    return out


@lru_cache(maxsize=8)
def _body(text: str) -> _Body:
    return _Body(text)


_RUN = re.compile(rb"\x01+")


def repeated_share(this: str, previous: str) -> float | None:
    """Share (0–1) of `this` text's characters inside a SHINGLE-character run also found in `previous`."""
    k = SHINGLE
    mine, theirs = _body(this), _body(previous)
    a, b = mine.flat(), theirs.flat()
    if len(a) < k or len(b) < k:
        return None
    hits = bytes(map(theirs.seen().__contains__, mine.shingles()))  # 1 where a's shingle at i is in b
    covered = run_end = 0
    for m in _RUN.finditer(hits):  # a run of hits at s…e-1 covers the characters s…e-2+k
        start, end = m.start(), m.end() - 1 + k
        covered += end - max(start, run_end)
        run_end = end
    return covered / len(a)


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | changed | removed | added
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]


def _ratio(matches: int, length: int) -> float:
    return 2.0 * matches / length if length else 1.0  # difflib's ratios


def _char_spec(x: _Body, i: int, y: _Body, j: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The segments (`_spec`) of a changed paragraph pair: paragraph i of x (left) against j of y (right).

    Marked whole when the pair is too long to diff or was rewritten rather than edited: difflib's
    real_quick_ratio or quick_ratio of the two token lists below 0.5, computed here from lengths and
    token counts before any SequenceMatcher is made (most changed pairs are rewritten)."""
    a, b = x.paras[i], y.paras[j]
    whole = (len(a),), (len(b),)
    if len(a) * len(b) > MAX_CHAR_DIFF:
        return whole
    if a == b:
        return (-len(a),), (-len(b),)
    la, lb = x.size(i), y.size(j)  # tokens: a number is one token, 2009 → 2010 shows whole
    if _ratio(min(la, lb), la + lb) < 0.5:  # SequenceMatcher.real_quick_ratio
        return whole
    ca, cb = x.counts(i), y.counts(j)
    common = ca.keys() & cb.keys()
    matches = sum(map(min, map(ca.get, common), map(cb.get, common)))
    if _ratio(matches, la + lb) < 0.5:  # SequenceMatcher.quick_ratio: rewritten, not edited: mark it whole
        return whole
    ta, tb = x.tokens(i), y.tokens(j)
    left: list[int] = []
    right: list[int] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if i2 > i1:
            _add(left, sum(map(len, ta[i1:i2])), op != "equal")
        if j2 > j1:
            _add(right, sum(map(len, tb[j1:j2])), op != "equal")
    return tuple(left), tuple(right)


def _add(spec: list[int], size: int, changed: bool) -> None:
    """Append a segment to a `_spec`, merged with the last one when both are changed or both are not."""
    if spec and (spec[-1] > 0) == changed:
        spec[-1] += size if changed else -size
    else:
        spec.append(size if changed else -size)


def _encoded(previous: str, this: str) -> tuple:
    """`encode_rows(previous, this, side_by_side(previous, this))`, made without the rows."""
    x, y = _body(previous), _body(this)
    out: list[tuple] = []
    append, extend = out.append, out.extend
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x.folds(), y.folds(), autojunk=False).get_opcodes():
        if op == "equal":
            extend((0, i, j) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            append((1, i1 + n, j1 + n, *_char_spec(x, i1 + n, y, j1 + n)))
        extend((2, i) for i in range(i1 + pairs, i2))
        extend((3, j) for j in range(j1 + pairs, j2))
    return tuple(out)


def side_by_side(previous: str, this: str) -> tuple[DiffRow, ...]:
    """Rows aligning last year's paragraphs (left) with this year's (right), changes marked by character."""
    return decode_rows(previous, this, _encoded(previous, this))


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
    return repeated_share(this, previous), _encoded(previous, this)
