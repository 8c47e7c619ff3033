"""The archive's statistics as plain data for pages and data files: per report, per agency, per year.

`build_site_stats(reports, catalogue)` runs `extract_stats` on every body (the per-report step:
a pure function of the body, cached here by the body; a process pool may run it beside rendering),
then the cheap site-level steps: the front matter, the year-over-year repetition of each agency's
reports, and the totals and gaps by year.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from functools import lru_cache

from .. import chart
from .extract import Extraction, ReportStats, Stat, extract_stats, finalize
from .keys import CHART_SERIES, FLAGS, FORMATS, KEYS, MAIN_SERIES, SHORT_LABELS
from .similarity import decode_rows, repeated_share, side_by_side

INEXACT = frozenset({"lower_bound", "approximate", "rounded"})


@lru_cache(maxsize=16384)
def cached_extract(body: str) -> Extraction:
    return extract_stats(body)


def display(stat: Stat) -> str:
    """The value for a table cell: 3,200余, 约3,498, 39,000 (3.9万)."""
    v = stat.value
    number = f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip(".")
    if "approximate" in stat.flags:
        number = "约" + number
    if "lower_bound" in stat.flags:
        number += "余"
    return number


def flag_text(flags) -> str:
    return "；".join(FLAGS[f] for f in flags if f in FLAGS)


def diff_url(slug: str) -> str:
    return f"reports/{slug}/diff/index.html"


def percent(share: float | None) -> str | None:
    return None if share is None else f"{round(share * 100)}%"


def report_context(slug: str, rs: ReportStats, summaries: dict, previous: str | None, share: float | None) -> dict:
    """The statistics panel of a report page: a function of its `ReportStats`, its previous report and the share."""
    rows = []
    for s in rs.stats:
        name = KEYS[s.key].label if s.key in KEYS else s.key
        rows.append({
            "key": s.key, "label": f"{name}：{s.qualifier}" if s.qualifier else name, "qualifier": s.qualifier,
            "value": s.value, "display": display(s), "written": s.text, "unit": s.unit,
            "flags": list(s.flags), "flag_text": flag_text(s.flags), "anchor": s.anchor, "sentence": s.sentence,
            "origin": s.origin, "inconsistent": "inconsistent" in s.flags,
        })
    return {
        "format": rs.format, "format_label": FORMATS.get(rs.format or "", ""),
        "rows": rows,
        "findings": [{"kind": f.kind, "message": f.message, "anchors": list(f.anchors)} for f in rs.findings],
        "previous": _brief(summaries[previous]) if previous else None,
        "repeated": percent(share),
        "diff_url": diff_url(slug) if previous else None,
    }


def agency_context(catalogue, agency_slug: str, by_slug, previous: dict, repeated: dict) -> dict:
    """An agency page's table and charts: from its reports' `ReportStats` (`by_slug[slug]`), previous reports and shares."""
    a = catalogue.agencies[agency_slug]
    reports = sorted(a["reports"], key=lambda s: (s["year"] is None, s["year"] or 0, s["slug"]))
    keys = [k for k in MAIN_SERIES if any(by_slug[s["slug"]].values(k) for s in reports)]
    rows = []
    for s in reports:
        rs = by_slug[s["slug"]]
        cells = []
        for k in keys:
            found = rs.values(k)
            cells.append({"display": " / ".join(display(x) for x in found) if found else "",
                          "title": "；".join(flag_text(x.flags) for x in found if x.flags),
                          "inexact": any(INEXACT & set(x.flags) for x in found),
                          "inconsistent": any("inconsistent" in x.flags for x in found)})
        prev = previous.get(s["slug"])
        rows.append({**_brief(s), "format": rs.format, "cells": cells,
                     "repeated": percent(repeated.get(s["slug"])),
                     "previous": _brief(catalogue.summaries[prev]) if prev else None,
                     "diff_url": diff_url(s["slug"]) if prev else None,
                     "findings": len(rs.findings)})
    known = [s["year"] for s in reports if s["year"] is not None]
    years = list(range(min(known), max(known) + 1)) if known else []  # every calendar year: a gap shows as one
    series = []
    for k in CHART_SERIES:
        points = []
        for s in reports:
            stat = by_slug[s["slug"]].single(k) if s["year"] is not None else None
            if stat is not None:
                points.append(chart.Point(s["year"], float(stat.value), not (INEXACT & set(stat.flags)), display(stat)))
        points = _one_per_year(points)
        series.append(chart.Series(k, SHORT_LABELS.get(k, KEYS[k].label), tuple(points)))
    svg = chart.small_multiples(series, years, ident=f"chart-{agency_slug}")
    return {"columns": [{"key": k, "label": SHORT_LABELS.get(k, KEYS[k].label), "title": KEYS[k].label} for k in keys],
            "rows": rows, "chart_html": svg, "has_values": bool(keys),
            "charted": [s.label for s in series if s.points]}


def year_cells(rs: ReportStats) -> tuple:
    """What a year page's totals take from one report: per MAIN_SERIES key, (how many values, the value when
    one, whether it is inexact)."""
    out = []
    for k in MAIN_SERIES:
        found = rs.values(k)
        if len(found) == 1:
            out.append((1, found[0].value, bool(INEXACT & set(found[0].flags))))
        else:
            out.append((len(found), None, False))
    return tuple(out)


def year_context(catalogue, year_key: str, cells_of) -> dict:
    """A year page's totals and the agencies with and without a report: from `cells_of(slug)` (`year_cells`)."""
    y = catalogue.years[year_key]
    slugs = [s["slug"] for s in y["reports"]]
    cells = [cells_of(slug) for slug in slugs]
    totals = []
    for i, k in enumerate(MAIN_SERIES):
        stated = [c[i] for c in cells if c[i][0] == 1]
        conflicting = sum(1 for c in cells if c[i][0] > 1)
        if not stated:
            continue
        total = sum(s[1] for s in stated)
        inexact = any(s[2] for s in stated)
        totals.append({"key": k, "label": KEYS[k].label, "total": total,
                       "display": (f"{total:,}" if isinstance(total, int) else f"{total:,.2f}") + ("余" if inexact else ""),
                       "reports": len(stated), "of": len(slugs), "inexact": inexact, "conflicting": conflicting})
    published = {s["agency_slug"] for s in y["reports"] if s["agency"]}
    agencies = [a for a in catalogue.agencies.values() if a["known"]]
    missing = []
    for a in sorted(agencies, key=lambda a: a["name"]):
        if a["slug"] in published:
            continue
        years = [s["year"] for s in a["reports"] if s["year"] is not None]
        gap = y["year"] is not None and bool(years) and min(years) < y["year"] < max(years)
        missing.append({"name": a["name"], "url": a["url"], "gap": gap,
                        "years": sorted(set(years))})
    return {"totals": totals,
            "published": [{"name": a["name"], "url": a["url"]} for a in sorted(agencies, key=lambda a: a["name"])
                          if a["slug"] in published],
            "missing": missing, "gaps": sum(m["gap"] for m in missing)}


def home_context(catalogue, year_of) -> dict:
    """The home page's table by year: from the year contexts (`year_of(key)`)."""
    rows = []
    for y in sorted(catalogue.years.values(), key=lambda y: (y["year"] is None, -(y["year"] or 0))):
        if y["year"] is None:
            continue
        ctx = year_of(y["key"])
        by_key = {t["key"]: t for t in ctx["totals"]}
        rows.append({"label": y["label"], "url": y["url"], "reports": y["count"], "published": len(ctx["published"]),
                     "missing": len(ctx["missing"]), "gaps": ctx["gaps"],
                     "cells": [by_key.get(k) for k in HOME_SERIES]})
    return {"columns": [{"key": k, "label": SHORT_LABELS[k]} for k in HOME_SERIES], "rows": rows}


def diff_context(this: dict, previous: dict, share: float | None, rows) -> dict:
    """A side-by-side page's context (without its path): `this` and `previous` are the two reports' summaries."""
    return {"this": _brief(this), "previous": _brief(previous), "repeated": percent(share), "rows": _group_rows(rows),
            "counts": {k: sum(r.kind == k for r in rows) for k in ("same", "changed", "removed", "added")}}


def encoded_diff_context(this: dict, previous: dict, share: float | None, previous_body, this_body,
                         encoded: tuple | bytes) -> dict:
    """`diff_context` from the cached form of the side-by-side (`similarity.encode_rows`, or its pickle): what a
    lazy page builds. The bodies are str or `Utf8Text`."""
    if isinstance(encoded, bytes):
        encoded = pickle.loads(encoded)
    return diff_context(this, previous, share, decode_rows(str(previous_body), str(this_body), encoded))


class Utf8Text:
    """A text (a body) to send to the worker processes, which get it as a plain str (`str(x)` is the text here).

    Pickling a plain str makes CPython keep a UTF-8 copy of it inside the string for as long as the
    string lives (PyUnicode_AsUTF8AndSize): 3 bytes a character more, in the parent, for every body the
    build sends. This pickles a UTF-8 encoding made for the occasion, and holds the str without copying it."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __reduce__(self):
        return (str, (self.text.encode("utf-8", "surrogatepass"), "utf-8", "surrogatepass"))


@dataclass
class SiteStats:
    """Every report's statistics in memory, and the page contexts made from them (the reference build's view)."""

    by_slug: dict[str, ReportStats]
    catalogue: object
    bodies: dict[str, str]
    previous: dict[str, str] = field(default_factory=dict)  # slug → slug of the agency's previous annual report
    repeated: dict[str, float | None] = field(default_factory=dict)
    rows_of: object = None  # (slug, previous slug) → side-by-side rows, when a cache has them (default: computed)

    def report(self, slug: str) -> dict:
        return report_context(slug, self.by_slug[slug], self.catalogue.summaries, self.previous.get(slug),
                              self.repeated.get(slug))

    def agency(self, agency_slug: str) -> dict:
        return agency_context(self.catalogue, agency_slug, self.by_slug, self.previous, self.repeated)

    def year(self, year_key: str) -> dict:
        return year_context(self.catalogue, year_key, lambda slug: year_cells(self.by_slug[slug]))

    def home(self) -> dict:
        return home_context(self.catalogue, self.year)

    def diffs(self) -> list[dict]:
        """Contexts of the side-by-side pages: (path, context)."""
        out = []
        summaries = self.catalogue.summaries
        for slug, prev in sorted(self.previous.items()):
            rows = self.rows_of(slug, prev) if self.rows_of is not None else side_by_side(self.bodies[prev], self.bodies[slug])
            out.append({"path": diff_url(slug), **diff_context(summaries[slug], summaries[prev], self.repeated.get(slug), rows)})
        return out


HOME_SERIES = ("requests.received", "review.total", "litigation.total")


def _brief(s: dict) -> dict:
    return {k: s[k] for k in ("slug", "title", "url", "year", "year_label", "agency_name", "agency_url")}


def _one_per_year(points: list) -> list:
    """A chart shows one value a year: where an agency has two reports for a year, neither is drawn."""
    years = [p.year for p in points]
    return [p for p in points if years.count(p.year) == 1]


def _group_rows(rows) -> list[dict]:
    """Diff rows as template data; a run of more than 3 unchanged paragraphs is folded into one group."""
    out: list[dict] = []
    run: list[dict] = []

    def flush() -> None:
        if len(run) > 3:
            out.append({"kind": "same-run", "rows": list(run), "count": len(run)})
        else:
            out.extend(run)
        run.clear()

    for r in rows:
        item = {"kind": r.kind, "left": [{"text": s.text, "changed": s.changed} for s in r.left],
                "right": [{"text": s.text, "changed": s.changed} for s in r.right]}
        if r.kind == "same":
            run.append(item)
            continue
        flush()
        out.append(item)
    flush()
    return out


def previous_reports(reports) -> dict[str, str]:
    """slug → slug of the same agency's annual report for the latest earlier year (lowest slug on a tie)."""
    annual: dict[str, list] = {}
    for r in reports:
        if r.agency and r.year is not None and r.kind == "annual-report":
            annual.setdefault(r.agency, []).append((r.year, r.slug))
    out = {}
    for items in annual.values():
        items.sort()
        year_before, first_before = None, None  # the latest year before the current one, its lowest slug
        year_here, first_here = None, None
        for year, slug in items:
            if year != year_here:
                year_before, first_before = year_here, first_here
                year_here, first_here = year, slug
            if first_before is not None:
                out[slug] = first_before
    return out


def build_site_stats(reports, catalogue, extract=None, share=None, rows=None) -> SiteStats:
    """`extract(report)`, `share(this, previous)` and `rows(slug, previous slug)` (the side-by-side) may be
    given to use a cache (defaults compute)."""
    extract = extract or (lambda r: cached_extract(r.body))
    share = share or (lambda this, prev: repeated_share(this.body, prev.body))
    by_slug: dict[str, ReportStats] = {}
    for r in reports:
        by_slug[r.slug] = finalize(extract(r), r.year, r.year_text, r.stats)
    site = SiteStats(by_slug, catalogue, {r.slug: r.body for r in reports}, rows_of=rows)
    by = {r.slug: r for r in reports}
    for slug, prev in sorted(previous_reports(reports).items()):
        site.previous[slug] = prev
        site.repeated[slug] = share(by[slug], by[prev])
    return site
