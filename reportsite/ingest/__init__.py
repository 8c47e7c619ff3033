"""The importer: raw scraped report texts → clean Markdown reports with front matter.

Pipeline, one module per stage:

    decode.py     bytes → text (encoding detected), line endings and stray whitespace normalised
    noise.py      page furniture and scrape damage removed, every removal logged
    split.py      several reports in one file → one segment each
    metadata.py   title taken out; agency, region, city, year, kind recovered
    structure.py  headings and paragraphs restored; tables.py: flattened statistics tables rebuilt when they fit
    report.py     the stages above put together for one report
    markdown.py   escaped Markdown body, YAML front matter
    command.py    `python build.py import`: files in, files out

`convert_bytes()` runs the whole pipeline on one raw file without touching the disk; it never raises
for bad input (the problem is in `Conversion.error`). Heavy libraries (pypinyin, OpenCC) load lazily.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ._text import han_count
from .decode import DecodeError, decode
from .noise import Removal

# A report has at least this many Han characters (a stray JavaScript or CSV file has none).
MIN_HAN = 10
# Running text: a line ending a sentence. A list page (titles and dates) has none.
SENTENCE_END = re.compile(r"[。！？!?；;]$")


@dataclass
class ImportedReport:
    front: dict  # front matter (source.file may still be renamed by the command)
    body: str  # Markdown
    removals: list[Removal]  # everything taken out of the text, in reading order (kind `title`: moved to front matter)
    notes: list[str] = field(default_factory=list)  # why truncated, etc. (shown with -v)

    @property
    def slug(self) -> str:
        return self.front["slug"]


@dataclass
class Conversion:
    reports: list[ImportedReport]
    error: str | None = None
    encoding: str | None = None


def convert_bytes(data: bytes, file_name: str) -> Conversion:
    """Decode and convert one raw file. `file_name` is what `source.file` will say."""
    try:
        decoded = decode(data)
    except DecodeError as e:
        return Conversion([], str(e))
    conversion = convert_text(decoded.text, file_name, hashlib.sha256(data).hexdigest(), decoded.encoding, lost=decoded.lost)
    return conversion


def convert_text(text: str, file_name: str, sha256: str, encoding: str | None, lost: int = 0) -> Conversion:
    from .noise import strip_noise
    from .report import build_report
    from .split import split

    stripped = strip_noise(text)
    if stripped.facts.get("link_list") and not any(SENTENCE_END.search(line.text) for line in stripped.lines):
        # A portal column's list page: titles and dates of other pages, pagination, no sentence of a report.
        return Conversion([], f"a list page: links to {stripped.facts['link_list']} other pages and no report text "
                              "(import the reports it links to)", encoding)
    segments = split(stripped)
    reports = []
    for i, segment in enumerate(segments):
        extra_lost = {"undecodable-bytes": lost} if lost and i == 0 else {}
        report = build_report(segment, extra_lost, file_name, sha256, encoding)
        if report is not None:
            reports.append(report)
    reports = _without_unrelated_pieces(reports)
    reports = _without_other_script_copies(reports)
    if not reports:
        return Conversion([], "no report text is left once page furniture is removed", encoding)
    if sum(han_count(r.body) + (0 if r.front["title_derived"] else han_count(r.front["title"])) for r in reports) < MIN_HAN:
        return Conversion([], "no Chinese report text in it", encoding)
    return Conversion(reports, None, encoding)


def _without_unrelated_pieces(reports: list[ImportedReport]) -> list[ImportedReport]:
    """A page that holds a report (or an article on disclosure work) and a piece on something else
    after it (a content farm's next article, `kind: other`): the piece is not part of the archive. It
    is logged with the first report as `unrelated-piece` (its text and its own removals), not written.
    A file holding nothing but such a piece is still imported: the user chose it."""
    from .noise import summarise

    kept = [r for r in reports if r.front["kind"] != "other"]
    if not kept or len(kept) == len(reports):
        return reports
    host = kept[0]
    for r in reports:
        if r.front["kind"] != "other":
            continue
        host.removals.extend(r.removals)
        host.removals.append(Removal("unrelated-piece", r.body.strip(), r.removals[0].pos if r.removals else (0,)))
        title = r.front["title"] if not r.front["title_derived"] else r.body.strip().split("\n", 1)[0][:40]
        host.notes.append(f"left out a piece on another subject that followed on the page: {title}")
    host.front["import"]["removed"] = summarise(host.removals)
    return kept


# A copy in the other script, simplified, must hold nothing the report does not: compared as one run of characters
# (Markdown and table layout aside: one copy's table may be rebuilt, the other's left as rows), no run of more than
# this many characters of it may be missing from the report (a character that converts back to another one, `於`→`于`).
SCRIPT_COPY_SLACK = 2
_LAYOUT = re.compile(r"[\s|#*:\-]+")


def _without_other_script_copies(reports: list[ImportedReport]) -> list[ImportedReport]:
    """A page holding the same report twice, once in Simplified and once in Traditional script (a portal's 简/繁 toggle
    captured twice, a repost pasting both): one report, not a duplicate in another script. The Simplified one is the
    report (mainland agencies write Simplified; the other is a conversion of it); the other is logged with it as
    `other-script-copy` (its text and its own removals), when every line of it, simplified, is a line of the report:
    otherwise it holds something the report does not and both stay."""
    from ..script import to_simplified
    from .noise import summarise

    if len(reports) < 2:
        return reports
    kept: list[ImportedReport] = []
    for r in reports:
        twin = next((k for k in kept if _same_in_other_script(k, r, to_simplified)), None)
        if twin is None:
            kept.append(r)
            continue
        host, copy = (twin, r) if twin.front["script"] == "zh-Hans" or r.front["script"] != "zh-Hans" else (r, twin)
        if host is r:
            kept[kept.index(twin)] = r
        host.removals.extend(copy.removals)
        host.removals.append(Removal("other-script-copy", copy.body.strip(), copy.removals[0].pos if copy.removals else (0,)))
        label = "Traditional" if copy.front["script"] == "zh-Hant" else "the other"
        host.notes.append(f"left out the same report in {label} script that the page also held: {copy.front['title']}")
        host.front["import"]["removed"] = summarise(host.removals)
    return kept


def _same_in_other_script(a: ImportedReport, b: ImportedReport, to_simplified) -> bool:
    from difflib import SequenceMatcher

    if a.front["script"] == b.front["script"] or a.front["year"] != b.front["year"] or a.front["agency"] != b.front["agency"]:
        return False
    base, other = (a, b) if a.front["script"] == "zh-Hans" else (b, a)
    base_text, other_text = _LAYOUT.sub("", base.body), _LAYOUT.sub("", to_simplified(other.body))
    matcher = SequenceMatcher(None, base_text, other_text, autojunk=False)
    return all(j2 - j1 <= SCRIPT_COPY_SLACK for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag in ("replace", "insert"))
