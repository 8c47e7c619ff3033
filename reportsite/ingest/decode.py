"""Stage 1: bytes → text. Detect the encoding, decode, normalise line endings and stray whitespace.

Real scrapes come as UTF-8 (with or without BOM), GB18030/GBK, Big5 and UTF-16. We decide by
strict decoding plus a plausibility score (how much of the result is common Chinese text), and fall
back to charset-normalizer. A file that is empty, binary or undecodable raises `DecodeError` with a
one-line message. A few undecodable bytes inside an otherwise clean text become `〓` (the customary
mark for a lost character) and are counted, never guessed.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ._text import CJK_CLASS, HAN as HAN_RE

LOST = "〓"


class DecodeError(ValueError):
    """The file cannot be read as text; `str()` is one line meant for a person."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used: utf-8, utf-8-sig, utf-16-le, utf-16-be, gbk, gb18030, big5, cp950, big5hkscs, …
    lost: int = 0  # undecodable bytes replaced by 〓


# Magic numbers of binary formats people mistake for text, with what to say about them.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file, not text: extract its text first"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx), not text: extract its text first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls), not text: extract its text first"),
    (b"{\\rtf", "an RTF document, not plain text: extract its text first"),
    (b"\x1f\x8b", "a gzip archive, not text"),
)

# Frequent characters of Chinese prose and of these reports in particular (Simplified; the Traditional
# forms are added at run time). Text decoded with the wrong codec is mostly rare characters.
COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处理府研即保治济信息申请报告年度工作情况主动依公开政务网站服务办事群众监督机关单位省市县厅局委办"
    "领导组织制度规范建设推进加强完善落实进一步开展积极深化提高水平要求实施条例规定答复收到受理咨询复议诉讼"
    "费用经费人员安排存在问题改进措施共计件条次余项个万元月日以来全面及时准确公布发布栏目平台渠道形式内容"
)

_SPACE_CLASS = "\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t"
# A run of spaces (ASCII, NBSP, ideographic, …) between two characters of Chinese text is stray:
# `开通 “网上办事”`, `时    间` (NBSPs inside an infobox label), `湖南省　公安厅`.
_STRAY_SPACE = re.compile(f"(?<=[{CJK_CLASS}])[{_SPACE_CLASS}]+(?=[{CJK_CLASS}])")
_SPACES = re.compile(f"[{_SPACE_CLASS}]+")
# Invisible characters scrapes carry: BOMs inside the text, zero-width spaces and joiners, soft hyphens.
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
# Control characters other than the line feed (tabs are spaces, handled above).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85")


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    chars = set(COMMON_SIMPLIFIED)
    try:
        from ..script import to_traditional

        chars |= set(to_traditional(COMMON_SIMPLIFIED))
    except Exception:  # pragma: no cover - OpenCC missing: the Simplified set still separates most cases
        pass
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the characters that are ordinary text: ASCII, whitespace, CJK punctuation, common Han."""
    if not text:
        return 0.0
    common = _common_chars()
    good = 0
    sample = text[:20000]
    for ch in sample:
        if ch in common or ("\x20" <= ch <= "\x7e") or ch in "\n\t\r" or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" \
                or ch in "“”‘’…—·":
            good += 1
    return good / len(sample)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _errors(data: bytes, codec: str) -> int:
    count = 0

    def handler(e: UnicodeDecodeError):
        nonlocal count
        count += e.end - e.start
        return ("", e.end)

    name = f"reportsite-count-{id(handler)}"
    codecs.register_error(name, handler)
    try:
        data.decode(codec, errors=name)
    except LookupError:
        return len(data)
    return count


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL.findall(text[:20000]))
    return controls > max(2, len(text[:20000]) // 200)


# Markup documents: their text has to be extracted first (tags are not report text).
MARKUP = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml\s)", re.I)


# A CMS's JSON API response saved raw (`{"code":200,"data":{"title":"\\u5b81…","publishTime":"2022-01-20 10:00:00",
# "content":"<p style=\\"…\\">…<\\/p>"}}`): the page's record is in its string values, written with JSON's escapes
# (`\\uXXXX`, `\\n`, `\\"`, `\\/`). Like an HTML character reference, an escape is a character written another way, so
# the whole file is read as JSON and written out as text: one line per value, `$.data.title: …` (its JSON path, the way
# JSONPath names it, so the noise stage can tell the record's fields from the text), the string unescaped. The body (the
# value holding the most Han characters) follows its path's line on lines of its own: its HTML then goes like any HTML
# left in a text (noise.MARKUP_RULES). Nothing is dropped: numbers, `true` and `null` are values too.
JSON_START = re.compile(r"^\s*[{\[]")
# The same response fetched as JSONP (`jQuery11230912_1642640400123({…});`, `callback({…})`): the call around it is no text.
JSONP = re.compile(r"^\s*(?P<callback>[A-Za-z_$][\w$.]{0,80})\s*\(\s*(?P<json>[{\[].*[}\]])\s*\)\s*;?\s*$", re.S)
JSON_MIN_HAN = 10  # a JSON file without Chinese text in its values is no record of a report (left as it is)


def unwrap_json(text: str) -> str | None:
    """A whole-file JSON document → its values as `$.path: value` lines (the longest Chinese value last on its own lines);
    None when the text is not one JSON document or holds no Chinese text."""
    text = text.lstrip("\ufeff")
    jsonp = re.match(r"^\s*[A-Za-z_$][\w$.]{0,80}\s*\(\s*[{\[]", text[:120]) and JSONP.match(text)
    if jsonp:
        text = jsonp.group("json")
    if not JSON_START.match(text[:100]):
        return None
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    leaves: list[tuple[str, object]] = []

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if re.fullmatch(r"[A-Za-z_$][\w$-]*", key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")
        else:
            leaves.append((path, node))

    walk(doc, "$")
    strings = [(len(HAN_RE.findall(v)), i) for i, (_, v) in enumerate(leaves) if isinstance(v, str)]
    if not strings or max(strings)[0] < JSON_MIN_HAN:
        return None
    body = max(strings)[1]
    out = []
    for i, (path, value) in enumerate(leaves):
        shown = value if isinstance(value, str) else json.dumps(value)
        if i == body:
            out.append(f"{path}:")
            out.append(shown)
        else:
            out.append(f"{path}: {shown}" if "\n" not in shown else f"{path}: " + shown.replace("\n", " "))
    return "\n".join(out)


# `锟斤拷`: what characters lost earlier (U+FFFD, saved as UTF-8, read as GBK) look like; each run is one lost stretch.
KUN_JIN_KAO = re.compile("(?:锟斤拷)+")


def decode(data: bytes) -> Decoded:
    """Detect the encoding of raw scraped bytes and decode them; raise DecodeError when not text."""
    decoded = _decode(data)
    record = unwrap_json(decoded.text)
    if record is not None:
        decoded = Decoded(record, decoded.encoding + " (JSON unwrapped)", decoded.lost)
    if MARKUP.match(decoded.text[:1000].lstrip("\ufeff")):
        raise DecodeError("this is an HTML or XML page, not a raw text: save the page's text instead")
    runs = len(KUN_JIN_KAO.findall(decoded.text))
    if runs:
        decoded = Decoded(KUN_JIN_KAO.sub(LOST, decoded.text), decoded.encoding, decoded.lost + runs)
    return decoded


def _decode(data: bytes) -> Decoded:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DecodeError("the file is empty")
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            raise DecodeError(f"this is {what}")
    # Byte-order marks say it outright.
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
                             (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
                             (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")):
        if data.startswith(bom):
            text = _strict(data[len(bom):], codec.replace("-sig", ""))
            if text is not None and not _looks_binary(text):
                return Decoded(text, name)
    candidates: list[tuple[str, str]] = []
    if b"\x00" in data:
        # UTF-16 without a BOM: the NULs of ASCII characters give it away; anything else with NULs is binary.
        for codec in ("utf-16-le", "utf-16-be"):
            text = _strict(data, codec) if len(data) % 2 == 0 else None
            if text is not None and not _looks_binary(text) and plausibility(text) > 0.5:
                candidates.append((codec, text))
        if not candidates:
            raise DecodeError("this is a binary file, not text")
        best = max(candidates, key=lambda c: plausibility(c[1]))
        return Decoded(best[1], best[0])
    text = _strict(data, "utf-8")
    if text is not None:
        if _looks_binary(text):
            raise DecodeError("this is a binary file, not text")
        return unmojibake(text) or Decoded(text, "utf-8")
    for codec in ("gbk", "gb18030", "big5", "cp950", "big5hkscs"):
        text = _strict(data, codec)
        if text is not None:
            candidates.append((codec, text))
    if candidates:
        # GBK before GB18030 and Big5 before its extensions: max() keeps the first of equal scores.
        scored = [(plausibility(t), -i, codec, t) for i, (codec, t) in enumerate(candidates)]
        score, _, codec, text = max(scored)
        if score > 0.5 and not _looks_binary(text):
            return Decoded(text, codec)
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    # A few bad bytes inside an otherwise clean text: keep the text, mark each lost stretch with 〓.
    best_codec, best_errors = min(((c, _errors(data, c)) for c in ("utf-8", "gb18030", "big5")), key=lambda ce: ce[1])
    if best_errors <= max(4, len(data) // 200):
        lost = 0
        last_end = -1

        def mark(e: UnicodeDecodeError):
            nonlocal lost, last_end
            adjacent = e.start == last_end
            last_end = e.end
            if adjacent:  # one run of bad bytes is one 〓: how many characters it held is unknown
                return ("", e.end)
            lost += 1
            return (LOST, e.end)

        name = f"reportsite-lost-{id(mark)}"
        codecs.register_error(name, mark)
        text = data.decode(best_codec, errors=name)
        if plausibility(text) > 0.5 and not _looks_binary(text):
            return Decoded(text, best_codec, lost=lost)
    raise DecodeError("cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5 text")


# Mojibake: UTF-8 bytes that a scraper or a CMS decoded with another codec, then saved again as UTF-8:
# `é•¿æ²™å¸‚æ°‘æ”¿å±€` (read as Windows-1252 or Latin-1), `闀挎矙甯傛皯鏀垮眬` (read as GBK). Encoding the text back
# with that codec gives the original bytes; a character the wrong decode could not read (it left U+FFFD) is
# lost and marked 〓. Tried only on text that is not plausible Chinese as it is, kept only when the result is.
MOJIBAKE_CODECS = ("cp1252", "gbk")
_CP1252_HIGH = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_INVALID_UTF8 = 0xFF  # a byte no UTF-8 text holds: where the wrong decode lost a character


def _cp1252_bytes(text: str) -> bytes | None:
    """The bytes a Windows-1252 (or Latin-1) decode turned into `text`, or None when it holds other characters."""
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if o < 0x100:
            out.append(o)
        elif ch in _CP1252_HIGH:
            out.append(_CP1252_HIGH[ch])
        elif ch == "\ufffd":
            out.append(_INVALID_UTF8)
        else:
            return None
    return bytes(out)


def _gbk_bytes(text: str) -> bytes | None:
    try:
        return text.replace("\ufffd", "\x00\x00").encode("gbk").replace(b"\x00\x00", bytes([_INVALID_UTF8]))
    except UnicodeEncodeError:
        return None


def unmojibake(text: str) -> Decoded | None:
    """The text mojibake stands for (Decoded, encoding `utf-8 (repaired: read as cp1252)`), or None."""
    if plausibility(text) >= 0.5:
        return None
    best: Decoded | None = None
    for codec, to_bytes in zip(MOJIBAKE_CODECS, (_cp1252_bytes, _gbk_bytes)):
        raw = to_bytes(text)
        if raw is None or raw == text.encode("utf-8"):
            continue
        lost = 0
        last_end = -1

        def mark(e: UnicodeDecodeError):
            nonlocal lost, last_end
            adjacent = e.start == last_end
            last_end = e.end
            if adjacent:
                return ("", e.end)
            lost += 1
            return (LOST, e.end)

        name = f"reportsite-mojibake-{id(mark)}"
        codecs.register_error(name, mark)
        repaired = raw.decode("utf-8", errors=name)
        if lost > max(4, len(repaired) // 4):  # the wrong decode lost this much: not worth reading
            continue
        score = plausibility(repaired)
        if score > 0.5 and score > plausibility(text) + 0.2 and (best is None or score > plausibility(best.text)):
            best = Decoded(repaired, f"utf-8 (repaired: read as {codec})", lost=lost)
    return best


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(data[:200000]).best()
    if best is None:
        return None
    codec = best.encoding
    text = _strict(data, codec)
    if text is None or _looks_binary(text) or plausibility(text) < 0.6:
        return None
    return Decoded(text, codec.replace("_", "-"))


# HTML character references a careless scrape left in the page's text: `&nbsp;`, `&ldquo;`, `&#8220;`,
# `&#x201C;`, `&gt;`, twice escaped `&amp;nbsp;`. They are characters written another way, so they are
# decoded (not logged). Only complete references ending in `;`: `R&D`, `?a=1&b=2` stay as written.
HTML_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def decode_entities(text: str) -> str:
    """`&ldquo;防汛&rdquo;` → `“防汛”`; `&amp;nbsp;` → NBSP (decoded until nothing changes); unknown names stay."""
    for _ in range(3):
        new = HTML_ENTITY.sub(lambda m: html.unescape(m.group()), text)
        if new == text:
            break
        text = new
    return text


def normalise(text: str) -> str:
    """HTML character references decoded; line endings to `\\n`; invisible characters out; stray spaces between Chinese characters out;
    other runs of spaces to one space; every line stripped; blank lines dropped.

    Punctuation is kept as written, half- or full-width. Idempotent.
    """
    text = decode_entities(text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = normalise_line(line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def _space(m: re.Match) -> str:
    # A tab is a cell boundary of a table copied from a page (`信息内容\t本年制发件数\t…`): it stays, one tab.
    return "\t" if "\t" in m.group() else " "


# The space after a part's or chapter's number is the heading's own: `第一部分 概述`, `第二章 主动公开`.
_PART_NUMBER = re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分|章|节|節)$")


def _stray(m: re.Match) -> str:
    if "\t" in m.group():
        return "\t"
    return " " if _PART_NUMBER.search(m.string, max(0, m.start() - 6), m.start()) else ""


# Letter-spaced text, as some PDFs extract (each character followed by one space): `2 0 2 0 年 ， 市 财 政 局`.
# Its single spaces are not the text's (the text's own spaces are runs of two or more there).
_LETTER_SPACE = re.compile(r"(?<=\S) (?=\S)")
# Spaced single digits ending the line are a table row's one-digit cells (`行 政 复 议 0 0 0 0 0`), not a number:
# they keep their spaces (and the space before them).
_TRAILING_CELLS = re.compile(r"(?<= )\d(?: \d)*$")
LETTER_SPACED_MIN_TOKENS = 6  # a short line of single characters (`公 安 局`) is left to the other rules
LETTER_SPACED_SINGLES = 0.8  # share of the line's space-separated pieces that are one character
LETTER_SPACED_HAN = 1 / 4  # and Han characters among the pieces at least: a row of one-digit cells is not text


def unspace_letter_spaced(line: str) -> str:
    """`2 0 2 0 年 ， 市 财 政 局` → `2020年，市财政局`: a letter-spaced line without its single spaces; other lines as they are."""
    if "\t" in line or " " not in line:
        return line
    pieces = [p for p in line.split(" ") if p]
    if len(pieces) < LETTER_SPACED_MIN_TOKENS:
        return line
    if sum(1 for p in pieces if len(p) == 1) < LETTER_SPACED_SINGLES * len(pieces) or \
            sum(1 for p in pieces if len(p) == 1 and HAN_RE.match(p)) < LETTER_SPACED_HAN * len(pieces):
        return line
    cells = _TRAILING_CELLS.search(line)
    if cells is None:
        return _LETTER_SPACE.sub("", line)
    return _LETTER_SPACE.sub("", line[:cells.start()]).rstrip(" ") + " " + cells.group()


# A Word list's bullet and the tab after it, as a .docx saved as text writes them (`●⇥机构职能…`, `Ø⇥政策解读…`): the tab
# is no table's cell boundary, it becomes a space.
BULLET_TAB = re.compile(r"^[ \u3000]*(?P<bullet>[●○■□◆◇▪▫•Ø➢➤►▶√★☆◎※])[ \u3000]*\t+")


def normalise_line(line: str) -> str:
    """One line's spaces: none between Chinese characters, one elsewhere, none at the ends; a run
    holding a tab (a table's cell boundary) becomes one tab; a letter-spaced line loses its single spaces."""
    line = BULLET_TAB.sub(lambda m: m.group("bullet") + " ", line)
    return _SPACES.sub(_space, _STRAY_SPACE.sub(_stray, unspace_letter_spaced(line))).strip()
