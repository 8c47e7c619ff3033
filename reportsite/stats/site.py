"""The archive's statistics as plain data for pages and data files: per report, per agency, per year.

`build_site_stats(reports, catalogue)` runs `extract_stats` on every body (the per-report step:
a pure function of the body, cached here by the body; a process pool may run it beside rendering),
then the cheap site-level steps: the front matter, the year-over-year repetition of each agency's
reports, and the totals and gaps by year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import chart
from .extract import Extraction, ReportStats, Stat, extract_stats, finalize
from .keys import CHART_SERIES, FLAGS, FORMATS, KEYS, MAIN_SERIES, SHORT_LABELS
from .similarity import repeated_share, side_by_side

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


@dataclass
class SiteStats:
    by_slug: dict[str, ReportStats]
    catalogue: object
    bodies: dict[str, str]
    previous: dict[str, str] = field(default_factory=dict)  # slug → slug of the agency's previous annual report
    repeated: dict[str, float | None] = field(default_factory=dict)
    rows_of: object = None  # (slug, previous slug) → side-by-side rows, when a cache has them (default: computed)

    # ------------------------------------------------------------ report page

    def report(self, slug: str) -> dict:
        rs = self.by_slug[slug]
        rows = []
        for s in rs.stats:
            name = KEYS[s.key].label if s.key in KEYS else s.key
            rows.append({
                "key": s.key, "label": f"{name}：{s.qualifier}" if s.qualifier else name, "qualifier": s.qualifier,
                "value": s.value, "display": display(s), "written": s.text, "unit": s.unit,
                "flags": list(s.flags), "flag_text": flag_text(s.flags), "anchor": s.anchor, "sentence": s.sentence,
                "origin": s.origin, "inconsistent": "inconsistent" in s.flags,
            })
        previous = self.previous.get(slug)
        summaries = self.catalogue.summaries
        return {
            "format": rs.format, "format_label": FORMATS.get(rs.format or "", ""),
            "rows": rows,
            "findings": [{"kind": f.kind, "message": f.message, "anchors": list(f.anchors)} for f in rs.findings],
            "previous": _brief(summaries[previous]) if previous else None,
            "repeated": percent(self.repeated.get(slug)),
            "diff_url": diff_url(slug) if previous else None,
        }

    # ------------------------------------------------------------ agency page

    def agency(self, agency_slug: str) -> dict:
        a = self.catalogue.agencies[agency_slug]
        reports = sorted(a["reports"], key=lambda s: (s["year"] is None, s["year"] or 0, s["slug"]))
        keys = [k for k in MAIN_SERIES if any(self.by_slug[s["slug"]].values(k) for s in reports)]
        rows = []
        for s in reports:
            rs = self.by_slug[s["slug"]]
            cells = []
            for k in keys:
                found = rs.values(k)
                cells.append({"display": " / ".join(display(x) for x in found) if found else "",
                              "title": "；".join(flag_text(x.flags) for x in found if x.flags),
                              "inexact": any(INEXACT & set(x.flags) for x in found),
                              "inconsistent": any("inconsistent" in x.flags for x in found)})
            prev = self.previous.get(s["slug"])
            rows.append({**_brief(s), "format": rs.format, "cells": cells,
                         "repeated": percent(self.repeated.get(s["slug"])),
                         "previous": _brief(self.catalogue.summaries[prev]) if prev else None,
                         "diff_url": diff_url(s["slug"]) if prev else None,
                         "findings": len(rs.findings)})
        known = [s["year"] for s in reports if s["year"] is not None]
        years = list(range(min(known), max(known) + 1)) if known else []  # every calendar year: a gap shows as one
        series = []
        for k in CHART_SERIES:
            points = []
            for s in reports:
                stat = self.by_slug[s["slug"]].single(k) if s["year"] is not None else None
                if stat is not None:
                    points.append(chart.Point(s["year"], float(stat.value), not (INEXACT & set(stat.flags)), display(stat)))
            points = _one_per_year(points)
            series.append(chart.Series(k, SHORT_LABELS.get(k, KEYS[k].label), tuple(points)))
        svg = chart.small_multiples(series, years, ident=f"chart-{agency_slug}")
        return {"columns": [{"key": k, "label": SHORT_LABELS.get(k, KEYS[k].label), "title": KEYS[k].label} for k in keys],
                "rows": rows, "chart_html": svg, "has_values": bool(keys),
                "charted": [s.label for s in series if s.points]}

    # ------------------------------------------------------------ year pages, home page

    def year(self, year_key: str) -> dict:
        y = self.catalogue.years[year_key]
        slugs = [s["slug"] for s in y["reports"]]
        totals = []
        for k in MAIN_SERIES:
            values = [(slug, self.by_slug[slug].values(k)) for slug in slugs]
            stated = [v[0] for _, v in values if len(v) == 1]
            conflicting = sum(1 for _, v in values if len(v) > 1)
            if not stated:
                continue
            total = sum(s.value for s in stated)
            inexact = any(INEXACT & set(s.flags) for s in stated)
            totals.append({"key": k, "label": KEYS[k].label, "total": total,
                           "display": (f"{total:,}" if isinstance(total, int) else f"{total:,.2f}") + ("余" if inexact else ""),
                           "reports": len(stated), "of": len(slugs), "inexact": inexact, "conflicting": conflicting})
        published = {s["agency_slug"] for s in y["reports"] if s["agency"]}
        agencies = [a for a in self.catalogue.agencies.values() if a["known"]]
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

    def home(self) -> dict:
        rows = []
        for y in sorted(self.catalogue.years.values(), key=lambda y: (y["year"] is None, -(y["year"] or 0))):
            if y["year"] is None:
                continue
            ctx = self.year(y["key"])
            by_key = {t["key"]: t for t in ctx["totals"]}
            rows.append({"label": y["label"], "url": y["url"], "reports": y["count"], "published": len(ctx["published"]),
                         "missing": len(ctx["missing"]), "gaps": ctx["gaps"],
                         "cells": [by_key.get(k) for k in HOME_SERIES]})
        return {"columns": [{"key": k, "label": SHORT_LABELS[k]} for k in HOME_SERIES], "rows": rows}

    # ------------------------------------------------------------ side-by-side pages

    def diffs(self) -> list[dict]:
        """Contexts of the side-by-side pages: (path, context)."""
        out = []
        for slug, prev in sorted(self.previous.items()):
            rows = self.rows_of(slug, prev) if self.rows_of is not None else side_by_side(self.bodies[prev], self.bodies[slug])
            out.append({"path": diff_url(slug), "this": _brief(self.catalogue.summaries[slug]),
                        "previous": _brief(self.catalogue.summaries[prev]),
                        "repeated": percent(self.repeated.get(slug)), "rows": _group_rows(rows),
                        "counts": {k: sum(r.kind == k for r in rows) for k in ("same", "changed", "removed", "added")}})
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
            annual.setdefault(r.agency, []).append(r)
    out = {}
    for items in annual.values():
        items.sort(key=lambda r: (r.year, r.slug))
        for i, r in enumerate(items):
            earlier = [p for p in items[:i] if p.year < r.year]
            if earlier:
                year = max(p.year for p in earlier)
                out[r.slug] = min(p.slug for p in earlier if p.year == year)
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


class FrozenStats:
    """The page contexts of a previous build's statistics (the cached build reuses them unchanged)."""

    def __init__(self, contexts: dict):
        self.contexts = contexts

    def report(self, slug: str) -> dict:
        return self.contexts["report"][slug]

    def agency(self, slug: str) -> dict:
        return self.contexts["agency"][slug]

    def year(self, key: str) -> dict:
        return self.contexts["year"][key]

    def home(self) -> dict:
        return self.contexts["home"]


def frozen_contexts(site: SiteStats) -> dict:
    cat = site.catalogue
    return {"report": {slug: site.report(slug) for slug in site.by_slug},
            "agency": {slug: site.agency(slug) for slug in cat.agencies},
            "year": {key: site.year(key) for key in cat.years},
            "home": site.home()}
