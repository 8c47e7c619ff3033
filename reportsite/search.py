"""Full-text search: a static, sharded index built at `python build.py` time, read by `theme/search.js`.

How it works (docs/search.md says more):

- **Folding.** Every text (body, title, agency, and in the browser the query) is folded one UTF-16
  unit at a time: A–Z to a–z, full-width letters and digits to ASCII, the ideographic space to a space and
  Traditional to Simplified with a character map taken from OpenCC's `t2s`. Folding never changes
  a string's length, so a position in the folded text is the same position in the original.
- **Tokens.** No word segmenter: every CJK character (for one-character queries), every pair of
  adjacent CJK characters (bigrams, as Lucene's CJK analyzer does) and every run of `[a-z0-9]`
  (`2019`, `wto`, `12345`) is a token. A query term of several characters needs all its bigrams;
  the browser then checks that the characters stand together (a phrase) in the text itself.
- **Files** (all JavaScript that calls `__rsIndex.add(name, data)`, so they load with `<script src>`,
  which works over file:// where fetch() does not):
  - `search/data/m.js` the manifest: per-report facet codes (agency, year, region, kind), a
    quantised length for BM25 and the script; agency/region names; the shard count; a version.
  - `search/data/p/<n>.js` postings, sharded by an FNV-1a hash of the token: for each token the
    reports that hold it in the body (in blocks of BLOCK reports, delta-coded with a 2-bit
    term-frequency bucket, or a dense state per report) and in the title.
  - `search/data/t/<k>/<id>.js`, `<id>.<part>.js` each report's text in parts of about
    `PART_CHARS` characters, cut at line ends: the original text plus a patch that turns it into the
    folded text (or, for a Traditional text, a mark: fold it in the browser); part 0 also has the
    slug and title. Loaded only for the results shown.
  - `search/data/f/<block>.js` the fold map for one block of 256 code points (queries need a few),
    `search/data/f/all.js` all of it (to fold Traditional texts), `search/data/charmap.js` the whole
    map both ways, for the report pages' Simplified ↔ Traditional switch.
- **Numbers** are written in a base-45 variable-length code over printable ASCII, no quotes or
  backslashes (see `encode_number`), so a JavaScript string holds them without escapes.

`SearchIndex` reads the same files back and searches them exactly the way `theme/search.js` does
(the tests compare the two); it also verifies every candidate, which the browser does only for the
results it shows.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import json
import math
import os
import re
import unicodedata
from collections import Counter, _count_elements, defaultdict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import sub
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

# ---------------------------------------------------------------- parameters

PART_CHARS = 1500  # characters of report text per loadable part (600 gave 2.5× the files to write and stat on every build; first queries about a fifth smaller)
SHARD_TARGET_BYTES = 4_000  # aim for posting shards about this big (raw): a query loads one per token
SEGMENT_OVERHEAD = 2  # counted for a token's segment in a block beside its length (separator, quotes: _token_size)
MAX_SHARDS = 16384
WORD_MAX = 32  # a Latin/number token longer than this is cut to its first WORD_MAX characters
TERM_TOKENS = 8  # postings looked up for a query term at most
TF_BUCKETS = (1.0, 2.0, 3.5, 6.0)  # term frequency 1, 2, 3–4, 5+ → the value BM25 uses
K1, B = 1.2, 0.75
PAGE_SIZE = 20
FORMAT = 1

# Words written one way in Taiwan or Hong Kong and another on the mainland (資訊 for 信息): a query of them finds
# nothing in mainland reports, where folding character by character cannot help. When a query finds nothing,
# the search page offers it again with the mainland words. Keys are folded (資訊 → 资讯); values are what
# OpenCC's `tw2sp` conversion gives (tests/test_search.py checks every pair against it). Longest first.
MAINLAND_WORDS: tuple[tuple[str, str], ...] = (
    ("智慧财产权", "知识产权"), ("网际网路", "互联网"), ("行动网路", "移动网络"), ("行动电话", "移动电话"),
    ("人工智慧", "人工智能"), ("政府资讯", "政府信息"), ("资讯公开", "信息公开"), ("伺服器", "服务器"),
    ("资料库", "数据库"), ("部落格", "博客"), ("数位", "数字"), ("资讯", "信息"), ("网路", "网络"), ("软体", "软件"),
    ("硬体", "硬件"), ("线上", "在线"), ("程式", "程序"), ("列印", "打印"), ("视讯", "视频"), ("简讯", "短信"),
    ("光碟", "光盘"), ("萤幕", "屏幕"), ("介面", "界面"), ("位址", "地址"), ("登入", "登录"), ("晶片", "芯片"),
    ("雷射", "激光"),
)

CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # Extension A, unified, compatibility
CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in CJK_RANGES)
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_RUN_RE = re.compile(f"[{CJK_CLASS}]+")
_WORD_RE = re.compile(f"([a-z0-9]{{1,{WORD_MAX}}})[a-z0-9]*")
_TOKEN_RUN_RE = re.compile(f"[{CJK_CLASS}]+|[a-z0-9]+")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_SPACE_RE = re.compile(r"\s+")

# ---------------------------------------------------------------- numbers as text

ALPHABET = "".join(chr(c) for c in range(35, 126) if c != 92)[:90]  # '#'..'}' without '\'
BASE = 45  # digits 0–44 end a number, 45–89 continue it (least significant group first)
_DIGIT = {c: i for i, c in enumerate(ALPHABET)}


def encode_number(v: int) -> str:
    if v < 0:
        raise ValueError(f"cannot encode {v}")
    out = []
    while v >= BASE:
        out.append(ALPHABET[BASE + v % BASE])
        v //= BASE
    out.append(ALPHABET[v])
    return "".join(out)


@lru_cache(maxsize=1)
def _number_table() -> list[str]:
    """[v] = encode_number(v) for v < BASE³, made by concatenation (10× quicker than encoding each)."""
    end, more = ALPHABET[:BASE], ALPHABET[BASE:2 * BASE]
    two = [m + e for e in end[1:] for m in more]  # BASE ≤ v < BASE²: low group first
    return list(end) + two + [m + t for t in two for m in more]


def encode_numbers(values: Iterable[int]) -> str:
    table = _number_table()
    values = list(values)
    if not values:
        return ""
    if max(values) < len(table):
        return "".join(map(table.__getitem__, values))
    return "".join(map(encode_number, values))


def decode_numbers(text: str) -> list[int]:
    out = []
    value, mult = 0, 1
    for ch in text:
        d = _DIGIT[ch]
        if d >= BASE:
            value += (d - BASE) * mult
            mult *= BASE
        else:
            out.append(value + d * mult)
            value, mult = 0, 1
    if mult != 1:
        raise ValueError("truncated number")
    return out


# ---------------------------------------------------------------- folding


_CHAR_MAPS: tuple[dict[str, str], dict[str, str]] | None = None  # made once per process, or taken from the cache


def char_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(t2s, s2t): single BMP character → single BMP character, from OpenCC, over the CJK blocks.

    t2s is closed (folding twice changes nothing); s2t is OpenCC's default for each character alone.
    Taken from reportsite/charmaps.py when it was generated with the installed OpenCC, else made once per process
    (0.15 s); an incremental build takes them from the index's cache instead.
    """
    global _CHAR_MAPS
    if _CHAR_MAPS is None:
        _CHAR_MAPS = _generated_maps()
    if _CHAR_MAPS is None:
        from .memory import give_back_free_memory

        _CHAR_MAPS = _opencc_maps()
        give_back_free_memory()  # OpenCC's dictionaries, ~30 MB of C++ heap freed but kept by malloc
    return _CHAR_MAPS


def _installed_opencc() -> str | None:
    from .cache import _library_versions

    for item in _library_versions().split(";"):
        name, _, version = item.partition("==")
        if name == "opencc":
            return version
    return None


def _generated_maps() -> tuple[dict[str, str], dict[str, str]] | None:
    """The maps as reportsite/charmaps.py has them (scripts/make_charmaps.py), when they were made with the
    installed OpenCC; else None (they are then made here)."""
    from . import charmaps

    if charmaps.OPENCC_VERSION != _installed_opencc():
        return None
    return dict(zip(*charmaps.T2S, strict=True)), dict(zip(*charmaps.S2T, strict=True))


@lru_cache(maxsize=1)
def _gb2312_chars() -> frozenset[str]:
    """Every character of GB 2312 (its two-byte codes decoded, rather than 28,000 encodes that mostly fail)."""
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


def _in_gb2312(c: str) -> bool:
    return c in _gb2312_chars()


def _opencc_maps() -> tuple[dict[str, str], dict[str, str]]:
    import opencc

    t2s_conv, s2t_conv, hk2s_conv = opencc.OpenCC("t2s"), opencc.OpenCC("s2t"), opencc.OpenCC("hk2s")

    def each(conv, chars: list[str]) -> list[str]:
        """conv.convert(c) for each character, in one call (a line each: no phrase spans a line break; 0.25 s → 0.05 s
        for the 28,000 CJK characters; tests/test_search.py checks it against one call per character)."""
        return conv.convert("\n".join(chars)).split("\n") if chars else []

    chars = [chr(cp) for lo, hi in CJK_RANGES for cp in range(lo, hi + 1)]
    simplified = each(t2s_conv, chars)
    # A compatibility ideograph OpenCC leaves is read as its NFKC form (豈 U+F900 → 豈 U+8C48).
    compat = {i: n for i, (c, s) in enumerate(zip(chars, simplified))
              if s == c and (n := unicodedata.normalize("NFKC", c)) != c and len(n) == 1}
    for i, s in zip(compat, each(t2s_conv, list(compat.values())), strict=True):
        simplified[i] = s
    t2s: dict[str, str] = {}
    s2t: dict[str, str] = {}
    left: list[str] = []  # characters t2s leaves, outside GB 2312
    for c, s, t in zip(chars, simplified, each(s2t_conv, chars), strict=True):
        if len(s) == 1 and s != c and ord(s) <= 0xFFFF:
            t2s[c] = s
        elif s == c and not _in_gb2312(c):
            left.append(c)
        if len(t) == 1 and t != c and ord(t) <= 0xFFFF:
            s2t[c] = t
    # Hong Kong's own forms, which t2s leaves (衞生, 敍述, 衹有): folded as hk2s reads them. Not a character Simplified
    # text uses itself (GB 2312 has 么 and 著, which hk2s would turn into 幺 and 着).
    for c, s in zip(left, each(hk2s_conv, left), strict=True):
        if len(s) == 1 and s != c and ord(s) <= 0xFFFF:
            t2s[c] = s
    t2s = dict(sorted(t2s.items()))  # in code-point order, as the files made from it expect
    for c in list(t2s):  # close chains (A→B, B→C): fold A straight to C
        seen = {c}
        target = t2s[c]
        while target in t2s and target not in seen:
            seen.add(target)
            target = t2s[target]
        t2s[c] = target
    return t2s, s2t


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {ord(k): v for k, v in char_maps()[0].items()}
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):  # full-width digits and letters only:
        for cp in range(lo, hi + 1):  # punctuation (，（）；) is never a token, and folding it would cost a patch
            table[cp] = chr(cp - 0xFEE0).lower()
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    table[0x3000] = " "
    return table


@lru_cache(maxsize=1)
def _fold_re() -> re.Pattern:
    """Runs of characters that folding changes."""
    cps = sorted(_fold_table())
    ranges = []
    start = prev = cps[0]
    for cp in cps[1:]:
        if cp != prev + 1:
            ranges.append((start, prev))
            start = cp
        prev = cp
    ranges.append((start, prev))
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{cls}]+")


def fold(text: str) -> str:
    """Lower-case, half-width letters and digits, Simplified; same length as `text`."""
    table = _fold_table()
    return _fold_re().sub(lambda m: m.group().translate(table), text)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript counts."""
    return len(text) + len(_ASTRAL_RE.findall(text))


# ---------------------------------------------------------------- tokens


def tokens(folded: str) -> Counter:
    """Every token of a folded text with its count: CJK characters, CJK bigrams, Latin/number words."""
    out: Counter = Counter()
    for run in _RUN_RE.findall(folded):
        out.update(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update(_WORD_RE.findall(folded))
    return out


@dataclass(frozen=True)
class Term:
    """One whitespace-separated piece of a query, folded; it must occur as a phrase."""

    text: str  # folded, without leading/trailing punctuation
    tokens: tuple[str, ...]  # what the postings are looked up by
    exact: bool  # the postings alone prove a match (one token that is the whole term)


def query_terms(query: str) -> list[Term]:
    """The query split at white space, folded, deduplicated; pieces with no token are dropped."""
    terms: list[Term] = []
    seen = set()
    for piece in _SPACE_RE.split(fold(query)):
        runs = list(_TOKEN_RUN_RE.finditer(piece))
        if not runs:
            continue
        text = piece[runs[0].start():runs[-1].end()]
        toks: list[str] = []
        for m in runs:
            run = m.group()
            if _CJK_RE.match(run):
                toks += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
            else:
                toks.append(run[:WORD_MAX])
        toks = list(dict.fromkeys(toks))
        if len(toks) > TERM_TOKENS:  # a long phrase: a spread of its tokens finds the candidates,
            toks = [toks[i * (len(toks) - 1) // (TERM_TOKENS - 1)] for i in range(TERM_TOKENS)]  # verification the rest
        if text in seen:
            continue
        seen.add(text)
        exact = len(toks) == 1 and toks[0] == text
        terms.append(Term(text, tuple(toks), exact))
    return terms


def _is_word_char(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def find_term(folded: str, term: str, start: int = 0) -> int:
    """Index of the first occurrence of `term` in `folded` at or after `start` where the characters stand
    together and a Latin/number edge is not inside a longer word (`12345` is not in `123456`); -1 if none."""
    head_word = _is_word_char(term[0])
    tail_word = _is_word_char(term[-1])
    i = folded.find(term, start)
    while i >= 0:
        ok = not (head_word and i > 0 and _is_word_char(folded[i - 1]))
        end = i + len(term)
        ok = ok and not (tail_word and end < len(folded) and _is_word_char(folded[end]))
        if ok:
            return i
        i = folded.find(term, i + 1)
    return -1


def term_year(term: Term) -> int | None:
    """A term that is a four-digit number also matches reports of that year."""
    return int(term.text) if re.fullmatch(r"[0-9]{4}", term.text) else None


def token_hash(token: str) -> int:
    """FNV-1a, 32 bits, over UTF-16 code units (as `theme/search.js` computes it)."""
    h = 0x811C9DC5
    for c in token:  # (a character beyond the BMP is its two surrogates)
        unit = ord(c)
        if unit > 0xFFFF:
            unit -= 0x10000
            h = ((h ^ (0xD800 | unit >> 10)) * 0x01000193) & 0xFFFFFFFF
            unit = 0xDC00 | (unit & 0x3FF)
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(token: str, shards: int) -> int:
    return token_hash(token) % shards


def length_code(n: int) -> int:
    """A report length (characters) quantised to a quarter octave: one base-45 digit up to 2^11 chars."""
    return round(4 * math.log2(n + 1))


def _length_codes(lengths: list[int]) -> list[int]:
    """length_code of each length (its expression inline: a fifth of the time of 10,000 calls)."""
    log2 = math.log2
    return [round(4 * log2(n + 1)) for n in lengths]


def length_of(code: int) -> int:
    return round(2 ** (code / 4))  # an integer, so that Python and JavaScript agree to the bit


# ---------------------------------------------------------------- what the build gives us


class SearchEntry(NamedTuple):
    """One report as search sees it: plain data, no Report/summary objects. (A named tuple: a build makes one per
    report each time, 5× quicker than a frozen dataclass.)"""

    slug: str
    title: str
    agency_name: str
    agency_slug: str
    region_name: str
    region_slug: str
    year: int | None
    kind: str
    kind_label: str
    script: str
    text: str | SpooledText | None  # RenderedBody.text: the body as plain text, one block a line (see text_key)
    # What the text is made from (the build: the body's digest). With a cache, `text` may be None when
    # the text is unchanged since the last build: the index then uses the text it kept, or `text_of`.
    text_key: bytes = b""


class SpooledText(NamedTuple):
    """A text written by a build worker into a spool file (UTF-8, surrogates passed): where the indexing worker
    reads it. The build's process then never holds the 10,000 texts of a cold build (~40 MB) itself."""

    path: str
    offset: int
    length: int  # bytes


_SPOOL_FDS: dict[str, int] = {}  # path → file descriptor, per process


def read_spooled(ref: SpooledText) -> bytes:
    fd = _SPOOL_FDS.get(ref.path)
    if fd is None:
        fd = _SPOOL_FDS[ref.path] = os.open(ref.path, os.O_RDONLY)
    raw = os.pread(fd, ref.length, ref.offset)
    if len(raw) != ref.length:
        raise ValueError(f"search: {ref.path} is shorter than the build wrote it")
    return raw


def close_spools() -> None:
    while _SPOOL_FDS:
        os.close(_SPOOL_FDS.popitem()[1])


def _as_str(e: SearchEntry) -> SearchEntry:
    """The entry with its text as a str (read from its spool file if it is there)."""
    if isinstance(e.text, SpooledText):
        return e._replace(text=read_spooled(e.text).decode("utf-8", "surrogatepass"))
    return e


def search_entries(reports, summaries: Mapping[str, dict], texts: Mapping[str, str]) -> list[SearchEntry]:
    """Entries from the build's reports, catalogue summaries (by slug) and rendered plain texts (by slug)."""
    out = []
    for r in reports:
        s = summaries[r.slug]
        out.append(SearchEntry(slug=r.slug, title=s["title"], agency_name=s["agency_name"], agency_slug=s["agency_slug"],
                               region_name=s["region_name"], region_slug=s["region_slug"], year=s["year"],
                               kind=s["kind"], kind_label=s["kind_label"], script=s["script"], text=texts[r.slug]))
    return out


# ---------------------------------------------------------------- building

DATA = "search/data/"
KIND_ORDER = ("annual-report", "article", "other")


def _js(name: str, data) -> bytes:
    return _js_call(name, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _js_call(name: str, data_json: bytes) -> bytes:
    """An index file: `__rsIndex.add(name, data)` around data already in JSON (UTF-8)."""
    return f"__rsIndex.add({json.dumps(name)},".encode("ascii") + data_json + b");\n"


def part_path(doc: int, part: int) -> str:
    return f"t/{doc // 1000}/{doc}.js" if part == 0 else f"t/{doc // 1000}/{doc}.{part}.js"


def split_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """[start, end) ranges covering `text`, about `size` characters each, cut after a line end; a line
    longer than about 2×size is cut after a sentence end (。！？；) or, failing that, anywhere, with the
    next part starting OVERLAP characters back so that a phrase across the cut is still found."""
    n = len(text)
    ranges = []
    start = 0
    while True:
        if n - start <= size + size // 2:
            ranges.append((start, n))
            return ranges
        cut = text.rfind("\n", start + size // 3, start + size + 1)
        if cut < 0:
            cut = text.find("\n", start + size, start + 2 * size)
        if cut >= 0:
            ranges.append((start, cut + 1))
            start = cut + 1
            continue
        best = max(text.rfind(mark, start + size // 3, start + size + 1) for mark in "。！？；")
        if best >= 0:
            ranges.append((start, best + 1))
            start = best + 1
            continue
        ranges.append((start, start + size))
        start += size - OVERLAP


OVERLAP = 24


MASK_RUNS = 32  # a report with more changed runs than this is a Traditional text: the browser folds it


def _patch_numbers(runs: list[tuple[int, int]], astral: list[int]) -> str:
    """Runs [start, end) as numbers: gap·4 + length−1 (length ≤ 3), or gap·4 + 3 and length−4; in UTF-16
    units (`astral`: positions of characters outside the BMP; fold runs are BMP only)."""
    numbers: list[int] = []
    last = 0
    for a, b in runs:
        pos = a + bisect.bisect_left(astral, a) if astral else a
        gap, length = pos - last, b - a
        if length <= 3:
            numbers.append(gap * 4 + length - 1)
        else:
            numbers += (gap * 4 + 3, length - 4)
        last = pos + length
    return encode_numbers(numbers)


def _patch(piece: str, folded: str, many: bool) -> list[str] | None:
    """How to turn a part's text into its folded text: None (it is folded already); ["~", ""] (a
    Traditional text: fold it with the whole map, search/data/f/all.js); or [runs, the folded runs]."""
    if piece == folded:
        return None
    if many:
        return ["~", ""]
    runs = [m.span() for m in _fold_re().finditer(piece)]
    astral = [m.start() for m in _ASTRAL_RE.finditer(piece)] if not piece.isascii() else []
    return [_patch_numbers(runs, astral), "".join(folded[a:b] for a, b in runs)]


def _doc_files(doc: int, slug: str, title: str, folded_title: str, text: str, folded: str, many: bool,
               size: int) -> list[tuple[str, bytes]]:
    """The text parts of one report: [text, patch numbers, patch text] (+ [parts, slug, title, folded title] in part 0)."""
    files: list[tuple[str, bytes]] = []
    ranges = split_parts(text, size)
    for k, (lo, hi) in enumerate(ranges):
        piece = text[lo:hi]
        data: list = [piece]
        patch = _patch(piece, folded[lo:hi], many) if folded is not text else None
        if patch:
            data += patch
        if k == 0:
            data += [""] * (3 - len(data))
            data += [len(ranges), slug, title]
            if folded_title != title:
                data.append(folded_title)
        files.append((part_path(doc, k), _js(f"t{doc}.{k}", data)))
    return files


def _fold_doc(text: str) -> tuple[str, bool]:
    """(folded text, whether folding changed many runs: a Traditional text)."""
    runs = _fold_re().findall(text)
    if not runs:
        return text, False
    table = _fold_table()
    if len(runs) > MASK_RUNS:
        return text.translate(table), True
    return _fold_re().sub(lambda m: m.group().translate(table), text), False


def _count_doc(folded: str) -> dict:
    """Token counts of one folded text, fast: CJK tokens as ints (unigram: code point; bigram:
    first | second << 16) counted from the UTF-16 bytes, words as strings. Ids with a 1 half are junk."""
    data = "\x01".join(_RUN_RE.findall(folded)).encode("utf-16-le")  # not 0: a bigram (x, 0) would be the unigram x
    mv = memoryview(data)
    n = len(data)
    counts: dict = {}  # counted in C, straight into a dict (no Counter, no chain(): they cost per element)
    _count_elements(counts, mv[: n // 4 * 4].cast("I"))
    _count_elements(counts, mv[2: 2 + max(0, n - 2) // 4 * 4].cast("I"))
    _count_elements(counts, mv.cast("H"))
    _count_elements(counts, _WORD_RE.findall(folded))
    return counts


def _report_files(doc: int, slug: str, title: str, text: str, part_chars: int, files: bool = True):
    """One report folded: (its folded text, its folded title, its part files [(path under DATA, bytes)…] or None)."""
    folded, many = _fold_doc(text)
    folded_title = fold(title)
    parts = _doc_files(doc, slug, title, folded_title, text, folded, many, part_chars) if files else None
    return folded, folded_title, parts


def _index_doc(doc: int, slug: str, title: str, text: str, part_chars: int, files: bool = True):
    """One report: (its part files (or None), body token counts {key: n}, title token keys)."""
    folded, folded_title, parts = _report_files(doc, slug, title, text, part_chars, files)
    return parts, _count_doc(folded), _count_doc(folded_title)


def _files_digest(files: list[tuple[str, bytes]]) -> bytes:
    """Digest of one report's part files (paths and bytes): the index's version is made of these."""
    h = hashlib.sha256()
    for path, data in files:
        h.update(b"%s\0%d\0" % (path.encode(), len(data)))
        h.update(data)
    return h.digest()[:16]


BLOCK = 512  # postings are coded per block of this many reports (fixed: the output must not depend on the machine)
_BUCKET_OF = {1: 0, 2: 1, 3: 2, 4: 2}  # term frequency → bucket (5 and more: 3)


@lru_cache(maxsize=1)
def _gap_table() -> list[str]:
    """[i] = encode_number(i − 1): the code of e − previous e − 1 looked up without the − 1."""
    return [""] + _number_table()


@lru_cache(maxsize=1)
def _pack_table() -> dict[bytes, str]:
    """Five reports' one-hot term-frequency buckets (4 bytes each, all 0 when absent) → two characters:
    the states (0 absent, 1 + bucket) as a base-5 number, in base 90."""
    out = {}
    for v in range(5 ** 5):
        onehot = bytearray(20)
        for i in range(5):
            state = (v // 5 ** i) % 5
            if state:
                onehot[4 * i + state - 1] = 1
        out[bytes(onehot)] = ALPHABET[v // 90] + ALPHABET[v % 90]
    return out


@lru_cache(maxsize=4)
def _slices(size: int) -> list[slice]:
    return [slice(i, i + 20) for i in range(0, 4 * size, 20)]


def _encode_segment(arr, size: int) -> str:
    """One block's postings of a token, e = 4·(report − block start) + bucket, ascending.
    Sparse: e₀, then e − previous e − 1 (never negative: the report grows by one or more).
    Dense (when shorter): `~` then the state of every report of the block (0 absent, 1 + bucket),
    five reports to two characters (base 90)."""
    dense_len = 1 + 2 * ((size + 4) // 5)
    if len(arr) <= dense_len:  # else dense is shorter for sure: sparse needs a character per posting
        sparse = encode_number(arr[0])
        if len(arr) > 1:
            sparse += "".join(map(_gap_table().__getitem__, map(sub, arr[1:], arr[:-1])))
        if len(sparse) <= dense_len:
            return sparse
    onehot = bytearray(4 * size + 20)
    deque(map(onehot.__setitem__, arr, repeat(1)), maxlen=0)
    return "~" + "".join(map(_pack_table().__getitem__, map(bytes, map(onehot.__getitem__, _slices(size)))))


def _segment_postings(seg: str) -> list[int]:
    """The e values of one block's segment (the inverse of `_encode_segment`)."""
    if not seg:
        return []
    if seg[0] == "~":
        out = []
        for i in range(1, len(seg), 2):
            v = _DIGIT[seg[i]] * 90 + _DIGIT[seg[i + 1]]
            for j in range(5):
                if v % 5:
                    out.append(4 * ((i - 1) // 2 * 5 + j) + v % 5 - 1)
                v //= 5
        return out
    return _ascending(seg)


def _ascending(text: str) -> list[int]:
    """Numbers written as gaps (each − the previous − 1, from −1), back to an ascending list."""
    out = []
    prev = -1
    for v in decode_numbers(text):
        prev += v + 1
        out.append(prev)
    return out


def _encode_title(docs: list[int]) -> str:
    """Title postings: the reports, ascending, as report − previous report − 1."""
    if docs[-1] < BASE ** 3:
        return "".join(map(_gap_table().__getitem__, map(sub, docs, [-1] + docs[:-1])))  # gap[d] = the code of d − 1
    return encode_numbers(b - a - 1 for a, b in zip([-1] + docs[:-1], docs))


def _index_block(block: int, docs: list[tuple[str, str, str, bytes | None]], part_chars: int, write=None):
    """One block of reports, docs = [(slug, title, text, the text in UTF-8 if it was read so, else None)…]:
    ((its CJK tokens' search_block.BlockSegments, [partition p's words as "word\1segment\0…" for p < PARTS]),
    the block's share of _token_size's total),
    {title token: [report…]},
    [(length, parts, digest of the parts, the text in UTF-8) per report], [(path, bytes, or what `write` returned)…]).
    (The text's bytes for the cache: made here, the parent does not touch the texts while the workers run, so that
    their memory stays shared.)"""
    from .search_block import FoldedBlock, block_segments  # numpy: imported by the cold build's workers only

    start = block * BLOCK
    size = len(docs)
    titles: defaultdict = defaultdict(list)  # token key → reports whose title has it
    words: defaultdict = defaultdict(list)  # Latin/number word → e of each posting
    consume = deque(maxlen=0).extend
    info: list[tuple[int, int, bytes, bytes]] = []
    out: list = []
    block_fold = FoldedBlock([text for _, _, text, _ in docs])  # the texts folded at once: _fold_doc's answers
    block_words = block_fold.words()
    for doc, (slug, title, text, raw) in enumerate(docs, start):
        folded, many = block_fold.folded(doc - start)
        folded_title = fold(title)
        files = _doc_files(doc, slug, title, folded_title, text, folded, many, part_chars)
        info.append((len(text), len(files), _files_digest(files), raw if raw is not None else text.encode("utf-8", "surrogatepass")))
        if write is None:
            out += [(DATA + path, data) for path, data in files]
        else:
            out += [(DATA + path, write(DATA + path, data)) for path, data in files]
        consume(map(list.append, map(titles.__getitem__, _count_doc(folded_title)), repeat(doc)))
        counts: dict = {}
        _count_elements(counts, block_words[doc - start])
        base = 4 * (doc - start)
        for word, n in counts.items():
            words[word].append(base + _BUCKET_OF.get(n, 3))
    # The CJK segments as a few arrays (search_block.BlockSegments: partition by partition, PARTS of them by
    # token_hash, where the shard workers find their tokens), the words' as one string "word\1segment\0…" per
    # partition: the build's process keeps a few objects per block, not 2 per token (its heap, shared with the
    # workers, is then not written to while they run), and never merges them itself.
    cjk = block_segments(block_fold, size, PARTS)
    block_size = sum(cjk.sizes)  # this block's share of the postings' size (_token_size)
    by_part: list[list[str]] = [[] for _ in range(PARTS)]
    for word, found in words.items():
        seg = _encode_segment(found, size)
        by_part[token_hash(word) % PARTS].append(word + "\1" + seg)
        block_size += len(seg) + SEGMENT_OVERHEAD
    segments = ((cjk, ["\0".join(part).encode("ascii") for part in by_part]), block_size)
    title_docs = {}
    for key, found in titles.items():
        token = _token_text(key)
        if token is not None:
            title_docs[token] = found
    return segments, title_docs, info, out


_SHARED: tuple = ()  # what the forked workers of `_in_workers` inherit (not sent to them)


def make_shared_tables(numpy: bool = False) -> None:
    """Make the tables the indexing workers use, here, before they fork: they then share them instead of each
    making its own. With `numpy`, also import numpy and make the cold build's block tables (search_block): the
    build calls this while its workers render, rather than between the pages and the index, when only this
    process would be at work."""
    for table in (_number_table, _gap_table, _pack_table, _fold_table, _fold_re):
        table()
    if numpy:
        from .search_block import _digit_tables, _fold_units

        _digit_tables()
        _fold_units()


def _in_workers(fn, tasks: list, shared: tuple, workers: int | None, initializer=None):
    """fn(task) for each task, in order, with `shared` as _SHARED: in forked worker processes when there are
    several tasks and workers (and fork exists; each worker runs `initializer()` first), else here."""
    global _SHARED
    if workers is None:
        workers = min(os.cpu_count() or 1, 4, len(tasks))
    ctx = None
    if workers > 1 and len(tasks) > 1:
        import multiprocessing

        try:
            ctx = multiprocessing.get_context("fork")  # the workers inherit `shared` and the fold map
        except ValueError:  # pragma: no cover - no fork on this platform
            ctx = None
    if ctx is None:
        _SHARED = shared
        try:
            for task in tasks:
                yield fn(task)
        finally:
            _SHARED = ()
        return
    from concurrent.futures import ProcessPoolExecutor

    make_shared_tables()
    # Inherited pages stay shared only while nothing writes to them: the garbage collector
    # would (it marks every object it scans), so the parent's objects are frozen out of it.
    gc.freeze()
    _SHARED = shared
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer) as pool:
            yield from pool.map(fn, tasks)  # taken one by one
    finally:
        _SHARED = ()
        gc.unfreeze()


def _block_work(args):
    block, part_chars = args
    names, texts, write = _SHARED
    text, lengths = texts[block]
    docs, at = [], 0
    if text is None:  # spooled: `lengths` are the texts' SpooledText
        for (slug, title), ref in zip(names[block * BLOCK:(block + 1) * BLOCK], lengths):
            raw = read_spooled(ref)
            docs.append((slug, title, raw.decode("utf-8", "surrogatepass"), raw))
        return _index_block(block, docs, part_chars, write)
    for (slug, title), n in zip(names[block * BLOCK:(block + 1) * BLOCK], lengths):
        docs.append((slug, title, text[at:at + n], None))
        at += n
    return _index_block(block, docs, part_chars, write)


def _token_key(token: str) -> int:
    """The fast-path key of a CJK token (one or two BMP characters): `_token_text`'s inverse."""
    return ord(token[0]) | (ord(token[1]) << 16 if len(token) > 1 else 0)


def _token_text(key) -> str | None:
    """The token string of a fast-path key, or None for a junk key (one that spans a run boundary)."""
    if isinstance(key, str):
        return key
    lo, hi = key & 0xFFFF, key >> 16
    if lo == 1 or hi == 1:  # the run separator
        return None
    return chr(lo) if hi == 0 else chr(lo) + chr(hi)


def _index_blocks(names: list[tuple[str, str]], texts: dict[int, tuple[str, list[int]]], part_chars: int,
                  workers: int | None, write=None):
    """The blocks numbered in `texts` (block → its reports' texts joined, and their lengths), indexed in that order
    (in worker processes when there are several); names[i] = (slug, title) of report i."""
    from .memory import keep_freed_blocks

    return _in_workers(_block_work, [(b, part_chars) for b in texts], (names, texts, write), workers, keep_freed_blocks)


def _texts_by_block(entries: list[SearchEntry]) -> dict[int, tuple[str | None, list]]:
    """Each block's texts as one string (and their lengths), or (None, their SpooledText) when they all are in spool
    files. A forked worker reading a report's own string would copy a page of the parent's memory (its reference
    count is written): ~20 MB per worker at 10,000 reports."""
    out: dict[int, tuple[str | None, list]] = {}
    for b in range((len(entries) + BLOCK - 1) // BLOCK):
        chunk = entries[b * BLOCK:(b + 1) * BLOCK]
        if all(isinstance(e.text, SpooledText) for e in chunk):
            out[b] = (None, [e.text for e in chunk])
            continue
        chunk = [_as_str(e) for e in chunk]
        out[b] = ("".join([e.text for e in chunk]), [len(e.text) for e in chunk])
    return out


PARTS = 64  # the blocks' segments are kept in this many partitions by token_hash (a power of two, like the shard count)


def _shard_work(task: int) -> list[tuple[int, bytes, bytes, object]]:
    """The shards s with s % tasks == task: their tokens' segments merged from every block's partitions p with
    p % tasks == task (a token's shard is its hash % shards, its partition its hash % PARTS, both powers of two:
    the same token is in the same task either way), encoded and written: [(s, bytes, digest, what `emit`
    returned)…]. Only this task's tokens are ever held at once, and not by the build's process. The CJK tokens
    (nearly all) are merged by search_block.shard_entries with numpy; the words here."""
    from .search_block import shard_entries

    blocks, title, title_tokens, shards, tasks, emit = _SHARED
    merged: dict[str, list[str]] = {}  # word → its segment in each block up to its last ("" where it is absent)
    pieces = []
    for block, (cjk, word_parts) in enumerate(blocks):
        for p in range(task, PARTS, tasks):
            pieces.append((block, cjk, p))
            blob = word_parts[p]
            for item in blob.decode("ascii").split("\0") if blob else ():
                token, _, seg = item.partition("\1")
                found = merged.get(token)
                if found is None:
                    merged[token] = found = []
                found += [""] * (block - len(found))
                found.append(seg)
    cjk_titles = {}
    words: dict[int, dict] = defaultdict(dict)
    for token in title_tokens[task]:
        if token[0] >= "\u3400":  # a CJK token: by its key, as block_segments has them
            cjk_titles[_token_key(token)] = title[token]
        elif token not in merged:
            words[shard_of(token, shards)][token] = ["", title[token]]
    for token, found in merged.items():
        body, t = "!".join(found), title.get(token)
        words[shard_of(token, shards)][token] = [body, t] if t else body
    del merged
    cjk = shard_entries(pieces, cjk_titles, shards)
    del pieces, cjk_titles
    out = []
    for s in range(task, shards, tasks):
        raw = _shard_raw(s, words.pop(s, None), cjk.pop(s, b""))
        out.append((s, raw, _DIGEST(raw), emit(DATA + f"p/{s}.js", raw)))
    return out


def _shard_raw(s: int, words: dict | None, cjk: bytes) -> bytes:
    """A shard's file from its words' entries and its CJK tokens' (search_block.shard_entries): what
    `_shard_bytes` makes of them all (words sort before every CJK token)."""
    inner = json.dumps({token: words[token] for token in sorted(words)}, ensure_ascii=False,
                       separators=(",", ":"))[1:-1].encode("utf-8") if words else b""
    return _js_call(f"p{s}", b"{" + b",".join(part for part in (inner, cjk) if part) + b"}")


def _region_rank(slug: str) -> int:
    from .regions import REGIONS

    for i, r in enumerate(REGIONS):
        if r.slug == slug:
            return i
    return len(REGIONS)


def _sort_entries(entries: Iterable[SearchEntry]) -> list[SearchEntry]:
    return sorted(entries, key=_entry_order)


def _entry_order(e: SearchEntry) -> tuple:
    return (e.agency_slug, e.year or 0, e.slug)


def _shard_count(total: int) -> int:
    """Shards for `total` bytes of postings (a power of two, about SHARD_TARGET_BYTES each)."""
    shards = 1
    while shards < MAX_SHARDS and total / shards > SHARD_TARGET_BYTES:
        shards *= 2
    return shards


def _token_size(body: str, title: str) -> int:
    """A token's share of the postings' size (what the shard count is chosen by): each block's segment of it and
    its title postings (sizes the cold build's block workers can add up without merging the blocks)."""
    size = sum(len(piece) + SEGMENT_OVERHEAD for piece in body.split("!") if piece) if body else 0
    return size + (len(title) + 8 if title else 0)


def _shard_bytes(i: int, data: dict) -> bytes:
    return _js(f"p{i}", {token: data[token] for token in sorted(data)})


def _manifest(entries: list[SearchEntry], lengths: list[int], shards: int, fold_blocks: list[int]) -> dict:
    """The manifest without its version."""
    agencies = {e.agency_slug: e.agency_name for e in entries}
    regions = {e.region_slug: e.region_name for e in entries}
    kinds = {e.kind: e.kind_label for e in entries}
    agency_region: dict[str, Counter] = {}
    for (agency, region), n in Counter([(e.agency_slug, e.region_slug) for e in entries]).items():
        found = agency_region.get(agency)
        if found is None:
            found = agency_region[agency] = Counter()
        found[region] = n
    agency_rank = {a: min(_region_rank(r) for r, c in rc.items() if c == max(rc.values())) for a, rc in agency_region.items()}
    agency_keys = sorted(agencies, key=lambda k: (k == "unknown", agency_rank[k], agencies[k], k))
    region_keys = sorted(regions, key=lambda k: (_region_rank(k), k))
    kind_keys = [k for k in KIND_ORDER if k in kinds] + sorted(set(kinds) - set(KIND_ORDER))
    a_index = {k: i for i, k in enumerate(agency_keys)}
    r_index = {k: i for i, k in enumerate(region_keys)}
    k_index = {k: i for i, k in enumerate(kind_keys)}
    years = sorted({e.year for e in entries if e.year is not None})
    return {
        "format": FORMAT,
        "n": len(entries),
        "shards": shards,
        "agencies": [[k, agencies[k]] + ([fold(agencies[k])] if fold(agencies[k]) != agencies[k] else []) for k in agency_keys],
        "regions": [[k, regions[k]] for k in region_keys],
        "kinds": [[k, kinds[k]] for k in kind_keys],
        "years": years,
        "a": encode_numbers([a_index[e.agency_slug] for e in entries]),
        "r": encode_numbers([r_index[e.region_slug] for e in entries]),
        "k": encode_numbers([k_index[e.kind] for e in entries]),
        "y": encode_numbers([0 if e.year is None else e.year - years[0] + 1 for e in entries]),
        "l": encode_numbers(_length_codes(lengths)),
        "h": encode_numbers([int(e.script == "zh-Hant") for e in entries]),
        "block": BLOCK,
        "fold": fold_blocks,
        "mainland": [list(pair) for pair in MAINLAND_WORDS],
    }


def _manifest_bytes(manifest: dict, doc_digests: Iterable[bytes], shard_digests: Iterable[bytes],
                    fixed_digests: Iterable[bytes]) -> bytes:
    """m.js, with the version `v`: a digest of every other file (through the digests of each report's parts,
    of each shard and of the fixed files) and of the manifest, so a browser never mixes files of two builds."""
    h = hashlib.sha256(b"reportsite-search\0")
    for digests in (doc_digests, shard_digests, fixed_digests):
        h.update(b"".join(digests) + b"\0")
    h.update(json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode())
    manifest = dict(manifest, v=h.hexdigest()[:12])
    return _js("m", manifest)


def _fixed_files() -> list[tuple[str, bytes]]:
    """The files that depend only on the code and OpenCC: the fold map in blocks, whole, and both ways."""
    files = sorted(_fold_block_files().items())
    files.append(("charmap.js", _js("charmap", charmap_data())))
    return files


def _fold_blocks(paths: Iterable[str]) -> list[int]:
    return sorted(int(p[2:-3], 16) for p in paths if p.startswith("f/") and p != "f/all.js")


def _encode_map(mapping: dict[str, str]) -> list[str]:
    keys = sorted(mapping, key=ord)
    return [encode_numbers(b - a for a, b in zip([0] + [ord(k) for k in keys[:-1]], [ord(k) for k in keys])),
            "".join(mapping[k] for k in keys)]


def _fold_block_files() -> dict[str, bytes]:
    blocks: dict[int, dict[str, str]] = {}
    for src, dst in char_maps()[0].items():
        blocks.setdefault(ord(src) >> 8, {})[src] = dst
    files = {f"f/{b:x}.js": _js(f"f{b:x}", _encode_map(m)) for b, m in sorted(blocks.items())}
    files["f/all.js"] = _js("fall", _encode_map(char_maps()[0]))
    return files


def charmap_data() -> dict:
    t2s, s2t = char_maps()
    return {"t2s": _encode_map(t2s), "s2t": _encode_map(s2t)}


# ---------------------------------------------------------------- the cache: incremental builds

CACHE_FORMAT = 2  # 2: `total` is _token_size per block segment (session 7)
_DIGEST = lambda data: hashlib.sha256(data).digest()[:16]  # noqa: E731


class _Stale(Exception):
    """The cache cannot serve this build (other reports, another shard count, a damaged data file): index all."""


class _Data:
    """The cache's data: texts and shards, each a record (offset, length, digest) in one append-only file
    (`cache_dir/data-<id>.bin`), or in `cache["data"]` (a bytearray) when there is no cache_dir. A record is
    never overwritten, so the last saved cache stays valid whatever happens to a later build; every read is
    checked against its digest (a damaged file makes the build index everything again)."""

    def __init__(self, cache: dict, cache_dir: Path | None, fresh: bool):
        self.cache, self.pending, self.fd = cache, [], None
        if cache_dir is None:
            if fresh or not isinstance(cache.get("data"), bytearray):
                cache["data"] = bytearray()
            self.buf: bytearray | None = cache["data"]
            self.size = len(self.buf)
            return
        self.buf = None
        cache_dir.mkdir(parents=True, exist_ok=True)
        name = cache.get("file") if not fresh else None
        if not isinstance(name, str) or not (cache_dir / name).is_file():
            if not fresh:
                raise _Stale("no data file")
            name = f"data-{os.urandom(8).hex()}.bin"
        for old in os.listdir(cache_dir):  # the files of builds whose cache was not kept, or of older codes
            if old != name:
                try:
                    os.unlink(cache_dir / old)
                except OSError:
                    pass
        cache["file"] = name
        self.fd = os.open(cache_dir / name, os.O_RDWR | os.O_CREAT, 0o644)
        self.size = os.fstat(self.fd).st_size

    def read(self, ref: tuple[int, int, bytes]) -> bytes:
        off, n, d = ref
        if self.buf is not None:
            data = bytes(self.buf[off:off + n])
        else:
            data = os.pread(self.fd, n, off)
        if len(data) != n or _DIGEST(data) != d:
            raise _Stale("damaged data file")
        return data

    def add(self, data: bytes, d: bytes | None = None) -> tuple[int, int, bytes]:
        ref = (self.size, len(data), d if d is not None else _DIGEST(data))
        self.size += len(data)
        self.pending.append(data)
        return ref

    def flush(self) -> None:
        if not self.pending:
            return
        data = b"".join(self.pending)
        self.pending = []
        if self.buf is not None:
            self.buf += data
        else:
            os.pwrite(self.fd, data, self.size - len(data))

    def close(self) -> None:
        self.flush()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _text_key(e: SearchEntry, raw: bytes | None = None) -> bytes:
    """What names an entry's text in the cache: its text_key, else a digest of the text (`raw`: in UTF-8)."""
    if e.text_key:
        return b"k" + e.text_key
    return b"t" + _DIGEST(raw if raw is not None else e.text.encode("utf-8", "surrogatepass"))


def _cache_format(part_chars: int) -> tuple:
    return (CACHE_FORMAT, FORMAT, BLOCK, part_chars, SHARD_TARGET_BYTES, MAX_SHARDS)


def _cache_ok(cache: dict, part_chars: int) -> bool:
    return cache.get("format") == _cache_format(part_chars)


# cache["docs"]: per report, in index order: (slug, title, text key, text record, length, parts, parts' digest)
_SLUG, _TITLE, _TKEY, _TREF, _LEN, _NPARTS, _PDIG = range(7)


def iter_files(entries: Iterable[SearchEntry], *, part_chars: int = PART_CHARS, workers: int | None = None,
               shards: int | None = None, cache: dict | None = None, cache_dir: Path | None = None,
               unchanged_ok=None, write=None, text_of=None):
    """Every file of the search index as (site-relative path, content), where content is
    - bytes;
    - None: the same bytes as the last build that used this `cache` left at that path, said only of
      paths for which `unchanged_ok(path)` is true (the build: the file is as that build wrote it);
    - or what `write(path, bytes)` returned, when `write` is given: the file's bytes were handed to it
      (maybe in a worker process: `write` must work in a forked child, e.g. write into a folder).
    See `search_files` for the rest."""
    entries = _sort_entries(entries)
    if cache is None or shards is not None:
        full = _full(_with_texts(entries, None, None, text_of), part_chars, workers, shards, None, None, write)
        del entries  # _full keeps the texts, once
        yield from full
        return
    data = None
    if _cache_ok(cache, part_chars) and "docs" in cache:
        global _CHAR_MAPS
        if _CHAR_MAPS is None and cache.get("maps") is not None:
            _CHAR_MAPS = cache["maps"]  # made by this code from this OpenCC (the cache is dropped with them)
        try:
            data = _Data(cache, cache_dir, fresh=False)
        except (_Stale, OSError):
            data = None
    if data is not None:
        entries = [_as_str(e) for e in entries]
        try:
            outputs = _incremental(entries, cache, data, part_chars, unchanged_ok, write, text_of)
        except _Stale:
            outputs = None
        if outputs is not None:
            try:
                yield from outputs
            finally:
                data.close()
            return
        entries = _with_texts(entries, cache, data, text_of)
        data.close()
    else:
        entries = _with_texts(entries, None, None, text_of)
    cache.clear()
    cache["format"] = _cache_format(part_chars)
    data = _Data(cache, cache_dir, fresh=True)
    full = _full(entries, part_chars, workers, None, cache, data, write)
    del entries  # _full keeps the texts, once
    try:
        yield from full
    finally:
        data.close()
    cache["maps"] = char_maps()


def _with_texts(entries: list[SearchEntry], cache: dict | None, data: _Data | None, text_of) -> list[SearchEntry]:
    """The entries, each with its text: given, kept in the cache (same text key), or from `text_of`."""
    kept = {d[_SLUG]: d for d in cache.get("docs", ())} if cache is not None and data is not None else {}
    out = []
    for e in entries:
        if e.text is None:
            text = None
            d = kept.get(e.slug)
            if d is not None and e.text_key and d[_TKEY] == _text_key(e):
                try:
                    text = data.read(d[_TREF]).decode("utf-8", "surrogatepass")  # type: ignore[union-attr]
                except _Stale:
                    kept = {}
            if text is None:
                if text_of is None:
                    raise ValueError(f"search: no text for {e.slug}")
                text = text_of(e)
            e = e._replace(text=text)
        out.append(e)
    return out


def _full(entries: list[SearchEntry], part_chars: int, workers: int | None, shards: int | None, cache: dict | None,
          data: _Data | None, write):
    """Index every report: blocks of BLOCK reports in worker processes, then the shards and the manifest.
    The entries' texts are dropped once joined by block (the caller passes its list on and keeps no reference)."""
    from .memory import give_back_free_memory

    texts = _texts_by_block(entries)
    entries = [e._replace(text=None) for e in entries]
    give_back_free_memory()  # the texts' own strings, freed now, before the workers fork
    docs: list[tuple] = []
    doc_digests: list[bytes] = []
    lengths: list[int] = []
    block_parts: list[tuple] = []  # per block: its CJK segments (search_block.BlockSegments), its words by partition
    total = 0  # the postings' size (_token_size), the shard count's measure
    title_lists: dict[str, list[int]] = {}
    emit = (lambda path, raw: raw) if write is None else write
    from . import search_block  # noqa: F401  numpy, imported before the workers fork: they share its pages
    names = [(e.slug, e.title) for e in entries]
    for block, (segments, title_docs, info, out) in enumerate(_index_blocks(names, texts, part_chars, workers, write)):
        yield from out
        for token, found in title_docs.items():
            title_lists.setdefault(token, []).extend(found)
        # Kept as bytes: merged by token here, the postings would be 2 objects per token in this process's heap
        # (a block of real reports has tens of thousands of tokens); the shard workers merge them, by partition.
        block_parts.append(segments[0])
        total += segments[1]
        for e, (length, parts, digest, raw) in zip(entries[block * BLOCK:(block + 1) * BLOCK], info):
            lengths.append(length)
            doc_digests.append(digest)
            if data is not None:
                docs.append((e.slug, e.title, _text_key(e, raw), data.add(raw), length, parts, digest))
        if data is not None:
            data.flush()
        del segments, title_docs, out

    close_spools()
    title = {token: _encode_title(found) for token, found in title_lists.items()}
    del title_lists
    total += sum(len(v) + 8 for v in title.values())
    if shards is None:
        shards = _shard_count(total)
    tasks = min(shards, PARTS)  # shard s and partition p are task s % tasks and p % tasks
    title_tokens: list[list[str]] = [[] for _ in range(tasks)]
    for token in title:
        title_tokens[token_hash(token) % tasks].append(token)
    # Merged, encoded and written in worker processes when the files can be written there (`write`), else here.
    found: list = []
    for done in _in_workers(_shard_work, list(range(tasks)), (block_parts, title, title_tokens, shards, tasks, emit),
                            workers if write is not None else 1):
        found += done
    del block_parts, title, title_tokens
    found.sort(key=lambda r: r[0])
    shard_refs, shard_digests = [], []
    for s, raw, d, emitted in found:
        shard_digests.append(d)
        if data is not None:
            shard_refs.append(data.add(raw, d))
        yield DATA + f"p/{s}.js", emitted
    del found
    if data is not None:
        data.flush()

    fixed = _fixed_files()
    fixed_digests = [_DIGEST(raw) for _, raw in fixed]
    for path, raw in fixed:
        yield DATA + path, emit(DATA + path, raw)
    fold_blocks = _fold_blocks(path for path, _ in fixed)
    m = _manifest_bytes(_manifest(entries, lengths, shards, fold_blocks), doc_digests, shard_digests, fixed_digests)
    yield DATA + "m.js", emit(DATA + "m.js", m)
    if cache is not None:
        cache.update(docs=docs, shards=shard_refs, total=total, fixed=([path for path, _ in fixed], fixed_digests),
                     manifest=_DIGEST(m))


def _apply_body(body: str, changes: dict[int, int | None], n: int) -> str:
    """A token's body postings with the postings of some reports replaced: {report: new e (in its block), or None}."""
    pieces = body.split("!") if body else []
    by_block: dict[int, dict[int, int | None]] = defaultdict(dict)
    for doc, e in changes.items():
        by_block[doc // BLOCK][doc % BLOCK] = e
    for b, change in by_block.items():
        while len(pieces) <= b:
            pieces.append("")
        es = [e for e in _segment_postings(pieces[b]) if (e >> 2) not in change]
        es += [e for e in change.values() if e is not None]
        es.sort()
        pieces[b] = _encode_segment(es, min(BLOCK, n - b * BLOCK)) if es else ""
    while pieces and not pieces[-1]:
        pieces.pop()
    return "!".join(pieces)


def _part_files(doc: int, slug: str, title: str, text: str, part_chars: int) -> list[tuple[str, bytes]]:
    folded, many = _fold_doc(text)
    return _doc_files(doc, slug, title, fold(title), text, folded, many, part_chars)


def _incremental(entries: list[SearchEntry], cache: dict, data: _Data, part_chars: int, unchanged_ok, write, text_of):
    """The index from the cached one when the reports are the same, in the same order, and few changed (else
    _Stale): the changed reports are indexed again, the shards holding a token whose postings changed encoded
    again, the manifest made again. Returns an iterator over the files (see `iter_files`); `cache` is updated."""
    old_docs = cache["docs"]
    n = len(entries)
    if len(old_docs) != n:
        raise _Stale("other reports")
    changed = []
    for i, e in enumerate(entries):
        d = old_docs[i]
        if d[_SLUG] != e.slug:
            raise _Stale("other reports")
        if d[_TITLE] != e.title or (d[_TKEY] != _text_key(e) if e.text is not None or e.text_key else True):
            changed.append(i)
    if len(changed) > max(16, n // 50):  # many reports changed: indexing them all is about as quick
        raise _Stale("many changes")

    docs = list(old_docs)
    body_changes: dict[str, dict[int, int | None]] = defaultdict(dict)  # token → {report: its new e, or None}
    title_changes: dict[str, dict[int, bool]] = defaultdict(dict)  # token → {report: in its title now}
    new_files: list[tuple[str, bytes]] = []
    new_texts: list[tuple[int, str]] = []
    for i in changed:
        e, d = entries[i], old_docs[i]
        old_text = data.read(d[_TREF]).decode("utf-8", "surrogatepass")
        text = e.text
        if text is None:
            if text_of is None:
                raise _Stale("no text")
            text = text_of(e)
        files, counts, title_keys = _index_doc(i, e.slug, e.title, text, part_chars)
        _, old_counts, old_title_keys = _index_doc(i, d[_SLUG], d[_TITLE], old_text, part_chars, files=False)
        base = 4 * (i % BLOCK)
        for key in counts.keys() | old_counts.keys():
            new, old = counts.get(key), old_counts.get(key)
            new_e = None if new is None else base + _BUCKET_OF.get(new, 3)
            if new_e != (None if old is None else base + _BUCKET_OF.get(old, 3)):
                token = _token_text(key)
                if token is not None:
                    body_changes[token][i] = new_e
        for key in title_keys.keys() ^ old_title_keys.keys():
            token = _token_text(key)
            if token is not None:
                title_changes[token][i] = key in title_keys
        new_files += files
        new_texts.append((i, text))
        docs[i] = (e.slug, e.title, _text_key(e), None, len(text), len(files), _files_digest(files))

    shard_refs = list(cache["shards"])
    shards = len(shard_refs)
    total = cache["total"]
    by_shard: dict[int, list[str]] = defaultdict(list)
    for token in body_changes.keys() | title_changes.keys():
        by_shard[shard_of(token, shards)].append(token)
    new_shards: dict[int, bytes] = {}
    for s, toks in sorted(by_shard.items()):
        content = _parse_js(data.read(shard_refs[s]))[1]
        for token in toks:
            value = content.get(token)
            body, title = ("", "") if value is None else (value, "") if isinstance(value, str) else value
            total -= _token_size(body, title)
            if token in body_changes:
                body = _apply_body(body, body_changes[token], n)
            if token in title_changes:
                found = decode_title(title)
                for doc, present in title_changes[token].items():
                    (found.add if present else found.discard)(doc)
                title = _encode_title(sorted(found)) if found else ""
            total += _token_size(body, title)
            if body or title:
                content[token] = [body, title] if title else body
            else:
                content.pop(token, None)
        new_shards[s] = _shard_bytes(s, content)
    if _shard_count(total) != shards:
        raise _Stale("another shard count")

    # Nothing can fail from here on: the cache is updated, then the files are handed out.
    for i, text in new_texts:
        docs[i] = docs[i][:_TREF] + (data.add(text.encode("utf-8", "surrogatepass")),) + docs[i][_TREF + 1:]
    for s, raw in new_shards.items():
        shard_refs[s] = data.add(raw)
    data.flush()
    fixed_paths, fixed_digests = cache["fixed"]
    m = _manifest_bytes(_manifest(entries, [d[_LEN] for d in docs], shards, _fold_blocks(fixed_paths)),
                        (d[_PDIG] for d in docs), (r[2] for r in shard_refs), fixed_digests)
    same_manifest = _DIGEST(m) == cache["manifest"]
    cache.update(docs=docs, shards=shard_refs, total=total, manifest=_DIGEST(m))
    return _incremental_files(old_docs, set(changed), new_files, new_shards, m, same_manifest, cache, data, part_chars,
                              unchanged_ok, write)


def _incremental_files(old_docs, changed: set[int], new_files, new_shards: dict[int, bytes], m: bytes,
                       same_manifest: bool, cache: dict, data: _Data, part_chars: int, unchanged_ok, write):
    keep = unchanged_ok if unchanged_ok is not None else (lambda path: False)
    emit = (lambda path, raw: raw) if write is None else write
    for path, raw in new_files:
        yield DATA + path, emit(DATA + path, raw)
    for i, d in enumerate(old_docs):
        if i in changed:
            continue
        lost = []
        stem = f"{DATA}t/{i // 1000}/{i}"  # part_path(i, k), without a call per file
        for k in range(d[_NPARTS]):
            path = f"{stem}.{k}.js" if k else stem + ".js"
            if keep(path):
                yield path, None
            else:
                lost.append(k)
        if lost:  # not as the last build left it (removed, or changed by hand): made again from the kept text
            files = _part_files(i, d[_SLUG], d[_TITLE], data.read(d[_TREF]).decode("utf-8", "surrogatepass"), part_chars)
            for k in lost:
                path, raw = files[k]
                yield DATA + path, emit(DATA + path, raw)
    shard_refs = cache["shards"]
    for s in range(len(shard_refs)):
        path = DATA + f"p/{s}.js"
        if s in new_shards:
            yield path, emit(path, new_shards[s])
        elif keep(path):
            yield path, None
        else:
            yield path, emit(path, data.read(shard_refs[s]))
    fixed = None
    for path in cache["fixed"][0]:
        if keep(DATA + path):
            yield DATA + path, None
        else:
            fixed = fixed if fixed is not None else dict(_fixed_files())
            yield DATA + path, emit(DATA + path, fixed[path])
    if same_manifest and keep(DATA + "m.js"):
        yield DATA + "m.js", None
    else:
        yield DATA + "m.js", emit(DATA + "m.js", m)


def build_index(entries: list[SearchEntry], part_chars: int = PART_CHARS, workers: int | None = None,
                shards: int | None = None, cache: dict | None = None) -> dict[str, bytes]:
    """Every search file, keyed by site-relative path (under `search/data/`). `cache`: see `search_files`."""
    return search_files(entries, cache=cache, part_chars=part_chars, workers=workers, shards=shards)


def search_files(entries: list[SearchEntry], cache: dict | None = None, **options) -> dict:
    """The build's hook: every file of the search index (site-relative path → bytes), in path order.

    Without `cache`, every report's `text` must be given and every file is made. With `cache` (a dict the
    build keeps between builds; dropped when the code changes) and `cache_dir` (a folder for the cache's data
    file, else the data is kept in the dict), a build whose reports are those of the last one, in the same order,
    is incremental: only the reports whose title or text changed are indexed again, only the shards holding a
    token whose postings changed and the manifest are made again. Then:

    - `text_key` of an entry names its text (the build: the body's digest); an entry whose text is unchanged
      may come without `text` (None): the cache keeps it, else `text_of(entry)` gives it;
    - `unchanged_ok(path) -> bool`: when given, a file whose bytes are those that the last build using this
      cache left at `path` is returned as None if `unchanged_ok(path)` (the build: the file on disk is as that
      build wrote it); otherwise its bytes are returned, made again from the cache;
    - `write(path, bytes)`: when given, files are handed to it instead of returned (perhaps in a forked worker
      process), and what it returns is returned in their place.

    Whatever the cache holds, the bytes are those of a build without it. Other options: `iter_files`."""
    return dict(sorted(iter_files(entries, cache=cache, **options), key=lambda item: item[0]))


# ---------------------------------------------------------------- reading (the reference engine)


def _parse_js(data: bytes) -> tuple[str, object]:
    text = data.decode("utf-8")
    prefix = "__rsIndex.add("
    assert text.startswith(prefix) and text.endswith(");\n"), text[:40]
    name, _, rest = text[len(prefix):-3].partition(",")
    return json.loads(name), json.loads(rest)


@dataclass
class Hit:
    doc: int
    slug: str
    title: str
    agency: str
    year: int | None
    tier: int
    score: float
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, highlighted)


@dataclass
class Results:
    total: int  # exact count of matching reports (the reference engine verifies every candidate)
    candidates: int  # what the postings alone give (the browser's estimate is based on this)
    hits: list[Hit]
    facets: dict[str, dict[str, int]]


class SearchIndex:
    """The built index read back from its files; `search()` follows theme/search.js step by step."""

    def __init__(self, files: Mapping[str, bytes]):
        self.files = {k[len(DATA):]: v for k, v in files.items() if k.startswith(DATA)}
        _, m = _parse_js(self.files["m.js"])
        self.m = m
        self.n = m["n"]
        self.agency = decode_numbers(m["a"])
        self.region = decode_numbers(m["r"])
        self.kind = decode_numbers(m["k"])
        self.year = [None if y == 0 else m["years"][0] + y - 1 for y in decode_numbers(m["y"])] if m["years"] else [None] * self.n
        self.length = [length_of(c) for c in decode_numbers(m["l"])]
        self.avgdl = sum(self.length) / self.n if self.n else 1.0
        self.agency_folded = [a[2] if len(a) > 2 else a[1] for a in m["agencies"]]
        self._shards: dict[int, dict] = {}
        self._parts: dict[tuple[int, int], dict] = {}

    # -- loading
    def shard(self, token: str) -> dict:
        i = shard_of(token, self.m["shards"])
        if i not in self._shards:
            self._shards[i] = _parse_js(self.files[f"p/{i}.js"])[1]
        return self._shards[i]

    def postings(self, token: str) -> tuple[dict[int, float], set[int]]:
        """(body: doc → tf value, title: docs) of a token."""
        entry = self.shard(token).get(token)
        if entry is None:
            return {}, set()
        body_text, title_text = (entry, "") if isinstance(entry, str) else entry
        return decode_body(body_text, self.m["block"]), decode_title(title_text)

    def part(self, doc: int, k: int) -> dict:
        key = (doc, k)
        if key not in self._parts:
            data = _parse_js(self.files[part_path(doc, k)])[1]
            part = {"x": data[0], "folded": apply_patch(data[0], data[1], data[2]) if len(data) > 1 and data[1] else data[0]}
            if k == 0:
                part.update(n=data[3], s=data[4], t=data[5], T=data[6] if len(data) > 6 else data[5])
            self._parts[key] = part
        return self._parts[key]

    # -- searching
    def search(self, query: str, filters: Mapping[str, str] | None = None, limit: int = PAGE_SIZE) -> Results:
        terms = query_terms(query)
        filters = {k: v for k, v in (filters or {}).items() if v}
        if not terms:
            if not filters:
                return Results(0, 0, [], self.facets(list(range(self.n)), {}))
            docs = list(range(self.n))
            order = sorted((d for d in docs if self._passes(d, filters)), key=lambda d: (self.year[d] is None, -(self.year[d] or 0), d))
            hits = [self._hit(d, [], 0, 0.0, False) for d in order[:limit]]
            return Results(len(order), len(order), hits, self.facets(docs, filters))
        scores: dict[int, float] = {}
        tiers: dict[int, int] = {}
        body_any: set[int] = set()
        candidates: set[int] | None = None
        for term in terms:
            term_docs, term_score, term_field, body_docs = self._term(term)
            candidates = set(term_docs) if candidates is None else candidates & set(term_docs)
            body_any |= body_docs
            for d in term_docs:
                scores[d] = scores.get(d, 0.0) + term_score.get(d, 0.0)
                tiers[d] = tiers.get(d, 0) + (d in term_field)
        assert candidates is not None
        facets = self.facets(candidates, filters)  # as the browser does: over candidates, not verified matches
        passing = [d for d in candidates if self._passes(d, filters)]
        order = sorted((d for d in passing if self._verify(d, terms)),
                       key=lambda d: (-tiers[d], -scores[d], self.year[d] is None, -(self.year[d] or 0), d))
        hits = [self._hit(d, terms, tiers[d], scores[d], d in body_any) for d in order[:limit]]
        return Results(len(order), len(passing), hits, facets)

    def _term(self, term: Term) -> tuple[set[int], dict[int, float], set[int], set[int]]:
        """(candidate docs, score by doc, docs where the term is in title/agency/year, docs where it is in the body)."""
        body_docs: set[int] | None = None
        title_docs: set[int] | None = None
        tf: dict[int, float] = {}
        df_min = self.n
        for token in term.tokens:
            body, title = self.postings(token)
            df_min = min(df_min, len(body))
            body_docs = set(body) if body_docs is None else body_docs & set(body)
            title_docs = set(title) if title_docs is None else title_docs & title
            for d, v in body.items():
                tf[d] = min(tf.get(d, v), v)
        body_docs = body_docs or set()
        title_docs = title_docs or set()
        idf = math.log(1 + (self.n - df_min + 0.5) / (df_min + 0.5))
        field_docs = set(title_docs)
        agencies = {i for i, name in enumerate(self.agency_folded) if find_term(name, term.text) >= 0}
        year = term_year(term)
        for d in range(self.n):
            if self.agency[d] in agencies or (year is not None and self.year[d] == year):
                field_docs.add(d)
        score: dict[int, float] = {}
        for d in body_docs:
            t = tf[d]
            score[d] = idf * t * (K1 + 1) / (t + K1 * (1 - B + B * self.length[d] / self.avgdl))
        for d in title_docs:
            score[d] = score.get(d, 0.0) + idf
        return body_docs | field_docs, score, field_docs, body_docs

    def _verify(self, doc: int, terms: list[Term]) -> bool:
        return all(self._where(doc, t) is not None for t in terms)

    def _where(self, doc: int, term: Term):
        if find_term(self.agency_folded[self.agency[doc]], term.text) >= 0:
            return "agency"
        if term_year(term) is not None and self.year[doc] == term_year(term):
            return "year"
        p0 = self.part(doc, 0)
        if find_term(p0["T"], term.text) >= 0:
            return "title"
        for k in range(p0["n"]):
            i = find_term(self.part(doc, k)["folded"], term.text)
            if i >= 0:
                return (k, i)
        return None

    def _passes(self, doc: int, filters: Mapping[str, str], skip: str | None = None) -> bool:
        for name, value in filters.items():
            if name == skip:
                continue
            if self.facet_value(doc, name) != value:
                return False
        return True

    def facet_value(self, doc: int, name: str) -> str:
        if name == "agency":
            return self.m["agencies"][self.agency[doc]][0]
        if name == "region":
            return self.m["regions"][self.region[doc]][0]
        if name == "kind":
            return self.m["kinds"][self.kind[doc]][0]
        if name == "year":
            y = self.year[doc]
            return "undated" if y is None else str(y)
        raise KeyError(name)

    def facets(self, docs: Iterable[int], filters: Mapping[str, str]) -> dict[str, dict[str, int]]:
        docs = list(docs)
        out: dict[str, dict[str, int]] = {}
        for name in ("agency", "year", "region", "kind"):
            counts: Counter = Counter(self.facet_value(d, name) for d in docs if self._passes(d, filters, skip=name))
            out[name] = dict(counts)
        return out

    def _hit(self, doc: int, terms: list[Term], tier: int, score: float, in_body: bool = False) -> Hit:
        p0 = self.part(doc, 0)
        return Hit(doc, p0["s"], p0["t"], self.m["agencies"][self.agency[doc]][1], self.year[doc], tier, score,
                   self.snippet(doc, terms, in_body))

    def snippet(self, doc: int, terms: list[Term], in_body: bool = True) -> list[tuple[str, bool]]:
        """The snippet the browser shows: [(text, highlighted)…]; parts are searched in order for the
        best hit only when the postings put a term in the body."""
        p0 = self.part(doc, 0)
        best = None
        for k in range(p0["n"] if terms and in_body else 0):
            part = self.part(doc, k)
            found = best_hit(part["folded"], [t.text for t in terms])
            if found is not None:
                best = (part, found)
                break
        if best is None:
            part = p0
            hit = 0
        else:
            part, hit = best
        return snippet_pieces(part["x"], part["folded"], hit, [t.text for t in terms])


def decode_body(text: str, block: int) -> dict[int, float]:
    """Body postings: report → term-frequency value."""
    out: dict[int, float] = {}
    for b, seg in enumerate(text.split("!")):
        start = b * block
        for e in _segment_postings(seg):  # e = 4 × (report − block start) + tf bucket
            out[start + (e >> 2)] = TF_BUCKETS[e & 3]
    return out


def decode_title(text: str) -> set[int]:
    return set(_ascending(text))


def apply_patch(text: str, numbers_text: str, changed: str) -> str:
    """The folded text from an original part and its patch (positions in UTF-16 units, as in JS)."""
    units = text.encode("utf-16-le")
    out = bytearray()
    if numbers_text == "~":
        return fold(text)
    numbers = decode_numbers(numbers_text)
    pos = r = i = 0
    while i < len(numbers):
        v = numbers[i]
        gap, length = v >> 2, (v & 3) + 1
        i += 1
        if length == 4:
            length += numbers[i]
            i += 1
        out += units[2 * pos: 2 * (pos + gap)]
        out += changed[r:r + length].encode("utf-16-le")
        pos += gap + length
        r += length
    out += units[2 * pos:]
    return out.decode("utf-16-le")


SNIPPET_BEFORE = 36  # characters before the hit, at most
SNIPPET_LENGTH = 120  # characters in all, at most
SENTENCE_END = "。！？；!?;\n"


def best_hit(folded: str, terms: list[str]) -> int | None:
    """Position of the best hit: the occurrence with the most distinct terms within 80 characters after it."""
    if not terms:
        return None
    hits: list[tuple[int, int]] = []
    for ti, t in enumerate(terms):
        i = find_term(folded, t)
        count = 0
        while i >= 0 and count < 50:
            hits.append((i, ti))
            count += 1
            i = find_term(folded, t, i + 1)
    if not hits:
        return None
    hits.sort()
    best, best_count = None, 0
    for i, (pos, _) in enumerate(hits):
        seen = {ti for p, ti in hits[i:] if p < pos + 80}
        if len(seen) > best_count:
            best, best_count = pos, len(seen)
    return best


def snippet_window(text: str, hit: int) -> tuple[int, int]:
    """[start, end) of the snippet around `hit`: from the start of its sentence when that is near,
    else SNIPPET_BEFORE characters back; to a sentence end within SNIPPET_LENGTH, else a hard cut."""
    line_start = text.rfind("\n", 0, hit) + 1
    start = max(line_start, hit - SNIPPET_BEFORE)
    for i in range(hit - 1, start - 1, -1):
        if text[i] in SENTENCE_END:
            start = i + 1
            break
    limit = min(len(text), start + SNIPPET_LENGTH)
    nl = text.find("\n", hit)
    if 0 <= nl < limit:
        limit = nl
    end = limit
    for i in range(limit - 1, hit, -1):
        if text[i] in SENTENCE_END:
            end = i + 1
            break
    return start, end


def snippet_pieces(text: str, folded: str, hit: int, terms: list[str]) -> list[tuple[str, bool]]:
    start, end = snippet_window(text, hit)
    marks = [False] * (end - start)
    for t in terms:
        i = find_term(folded, t, start)
        while 0 <= i < end:
            for j in range(max(i, start), min(i + len(t), end)):
                marks[j - start] = True
            i = find_term(folded, t, i + 1)
    pieces: list[tuple[str, bool]] = []
    if start > 0 and text[start - 1] != "\n":
        pieces.append(("…", False))
    i = start
    while i < end:
        j = i
        while j < end and marks[j - start] == marks[i - start]:
            j += 1
        pieces.append((text[i:j].replace("\n", " "), marks[i - start]))
        i = j
    if end < len(text) and text[end] != "\n" and text[end - 1] not in SENTENCE_END:
        pieces.append(("…", False))
    return pieces
