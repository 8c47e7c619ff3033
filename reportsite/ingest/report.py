"""One segment of a raw file → one report: title, structure, metadata, Markdown (stages 3–6 together)."""

from __future__ import annotations

from ..script import detect_script, to_simplified
from ..slugs import report_slug
from . import ImportedReport
from .markdown import render_body
from .metadata import PORTAL_SITE, AGENCY_AT_END, FULLWIDTH_DIGITS, agency_from_title, derive_title, infer_agency, infer_kind, infer_region_city, infer_year, take_title, truncated, Title
from .noise import LOST_KINDS, OTHER_LANGUAGE_NOTE_MIN, Removal, summarise
from .split import Segment
from .structure import restore, shape


def build_report(segment: Segment, extra_lost: dict[str, int], file_name: str, sha256: str, encoding: str | None) -> ImportedReport | None:
    facts = segment.facts
    lines = [line.text for line in segment.lines]
    title = take_title(lines, facts.get("entry_title"))
    if title.text is None and facts.get("page_title"):
        # The text has no title line, but its page's record names it (`标题：…`, logged as page-header).
        found = take_title([facts["page_title"]])
        if found.text == facts["page_title"]:
            title = Title(found.text, False, [], title.rest)
    blocks = restore(title.rest, facts.get("sections", ()))
    if not blocks and not title.text:
        return None
    plain = "\n".join(b.text for b in blocks)
    # The script of what a reader reads: the title and the running text, not the tables (a machine conversion to Traditional
    # often leaves a page's tables, or some paragraphs, Simplified; the text is kept as written).
    prose = "\n".join([title.text or ""] + [b.text for b in blocks if b.kind != "table"])
    script = detect_script(prose.strip() or plain or title.text or "")
    simple = to_simplified(plain).translate(FULLWIDTH_DIGITS)
    simple_title = to_simplified(title.text).translate(FULLWIDTH_DIGITS) if title.text else None
    infobox = facts.get("infobox") or {}
    year, year_text = infer_year(simple_title, simple, infobox)
    agency = infer_agency(agency_from_title(simple_title) if simple_title else None, infobox, simple)
    if agency is None and facts.get("publisher") and AGENCY_AT_END.search(facts["publisher"]):
        agency = facts["publisher"]  # the page's metadata table: `发布机构：…`
    agency = to_simplified(agency) if agency else None
    region, city = infer_region_city(agency, simple)
    if region is None and agency and facts.get("site"):
        # A township's page on its county's portal, the text naming no province (`衡阳市祁东县人民政府门户网站`): the portal's place.
        portal = PORTAL_SITE.match(to_simplified(facts["site"]))  # `…門户網站` in any script
        if portal:
            region, city = infer_region_city(portal.group("place"))
    kind = infer_kind(simple_title, title.derived, simple, infobox)
    form = shape(blocks)
    is_truncated, why = truncated(kind, form.empty_sections, form.ends_cut, form.top_level)
    text_title = title.text or derive_title(kind, agency, year, year_text, script, blocks[0].text if blocks else "")
    removals = list(segment.removals) + [Removal("title", t, segment.lines[0].pos if segment.lines else (0,)) for t in title.consumed]
    lost: dict[str, int] = {}
    for r in removals:
        if r.kind in LOST_KINDS:
            lost[r.kind] = lost.get(r.kind, 0) + 1
    for kind_lost, n in extra_lost.items():
        lost[kind_lost] = lost.get(kind_lost, 0) + n
    front = {
        "title": text_title,
        "title_derived": title.text is None,
        "agency": agency,
        "region": region,
        "city": city,
        "year": year,
        "year_text": year_text,
        "kind": kind,
        "script": script,
        "truncated": is_truncated,
        "source": {
            "file": file_name,
            "sha256": sha256,
            "site": facts.get("site"),
            "url": facts.get("url"),
            "published": facts.get("published"),
            "retrieved": facts.get("retrieved"),
            "encoding": encoding,
        },
        "slug": report_slug(year, agency, text_title),
        "import": {"removed": summarise(removals), "unrecoverable": lost},
    }
    notes = [f"truncated: {why}"] if why else []
    other = [r.text for r in removals if r.kind == "other-language"]
    if sum(len(t) for t in other) >= OTHER_LANGUAGE_NOTE_MIN:
        # A page of an autonomous area in two languages: the report is the Chinese one; the other language's lines (its
        # header and menus, often a translation of the report) are in the removal log, whole.
        notes.append(f"left out {len(other)} lines in another language (its page chrome and, at this length, likely a translation of the report); they are in the removal log")
    return ImportedReport(front, render_body(blocks), removals, notes)
