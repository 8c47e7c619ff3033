"""What pages the site has and the plain data each is given.

Input: validated `Report`s. Output: `Page(path, template, context)` with plain
dicts and lists only, so templates never call back into Python. Every URL here
is relative to the site root (no leading slash); templates prefix `root`, the
way back up from the page to the site root, so one build works from disk,
under a sub-path, and at a domain root.
"""

from __future__ import annotations

import marshal
import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from .content import Report
from .regions import BY_NAME as REGION_BY_NAME, REGIONS
from .render import RenderedBody
from .schema import NOISE_KINDS, LOST_KINDS, NOISE_LABELS
from .slugs import agency_slug, unique_slug

KIND_LABELS = {"annual-report": "年度报告", "article": "工作文章", "other": "其他"}
SCRIPT_LABELS = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
UNKNOWN_AGENCY = {"name": "机构不详", "slug": "unknown"}
UNKNOWN_REGION = {"name": "地区不详", "slug": "unknown"}
NEWEST_ON_HOME = 20
SIBLINGS_SHOWN = 12  # other reports of the same agency listed on a report page
REGION_ORDER = {r.name: i for i, r in enumerate(REGIONS)}


@dataclass(frozen=True)
class Page:
    path: str  # site-relative output path, always ending in .html
    template: str
    context: dict[str, Any]
    lang: str | None = None  # None: the site's language


def root_of(path: str) -> str:
    """The relative way from a page to the site root: `reports/x/index.html` → `../../`."""
    return "../" * path.count("/")


def report_url(slug: str) -> str:
    return f"reports/{slug}/index.html"


def year_key(year: int | None) -> str:
    return "undated" if year is None else str(year)


def year_label(year: int | None) -> str:
    return "年份不详" if year is None else f"{year}年"


@dataclass
class Catalogue:
    """The archive's indexes: agencies, regions, years, each with its reports' summaries."""

    summaries: dict[str, dict]  # slug → summary
    agencies: dict[str, dict]  # agency slug → {name, slug, url, region…, reports: [summary]}
    regions: dict[str, dict]
    years: dict[str, dict]


def catalogue_blob(catalogue: Catalogue) -> bytes:
    """The catalogue as the build keeps it (cache, workers): marshalled, which keeps the summaries shared between
    the indexes as pickle does and loads in about 60 % of pickle's time (every rebuild that reads it pays);
    pickled if a value is ever of a type marshal does not know."""
    try:
        return b"M" + marshal.dumps((catalogue.summaries, catalogue.agencies, catalogue.regions, catalogue.years))
    except ValueError:
        return b"P" + pickle.dumps(catalogue, protocol=pickle.HIGHEST_PROTOCOL)


def catalogue_from_blob(blob: bytes) -> Catalogue:
    if blob[:1] == b"P":
        return pickle.loads(blob[1:])
    return Catalogue(*marshal.loads(blob[1:]))


def _newest_first(summaries: Iterable[dict]) -> list[dict]:
    return sorted(summaries, key=lambda s: (-(s["year"] or 0), s["agency_name"], s["slug"]))


def build_catalogue(reports: list[Report]) -> Catalogue:
    # Agency slugs: one per distinct name; homophones get -2, -3 in name order.
    agency_names = sorted({r.agency for r in reports if r.agency})
    taken = {UNKNOWN_AGENCY["slug"]}
    agency_slugs: dict[str, str] = {}
    for name in agency_names:
        slug = unique_slug(agency_slug(name), taken)
        taken.add(slug)
        agency_slugs[name] = slug

    summaries: dict[str, dict] = {}
    for r in reports:
        a_slug = agency_slugs[r.agency] if r.agency else UNKNOWN_AGENCY["slug"]
        region = REGION_BY_NAME.get(r.region) if r.region else None
        summaries[r.slug] = {
            "slug": r.slug,
            "title": r.title,
            "url": report_url(r.slug),
            "agency": r.agency,
            "agency_name": r.agency or UNKNOWN_AGENCY["name"],
            "agency_slug": a_slug,
            "agency_url": f"agencies/{a_slug}/index.html",
            "region": r.region,
            "region_name": r.region or UNKNOWN_REGION["name"],
            "region_slug": region.slug if region else UNKNOWN_REGION["slug"],
            "region_url": f"regions/{region.slug if region else UNKNOWN_REGION['slug']}/index.html",
            "city": r.city,
            "year": r.year,
            "year_text": r.year_text,
            "year_label": year_label(r.year) if r.year is not None or not r.year_text else f"{r.year_text}年（年份被遮盖）",
            "year_key": year_key(r.year),
            "year_url": f"years/{year_key(r.year)}/index.html",
            "kind": r.kind,
            "kind_label": KIND_LABELS[r.kind],
            "script": r.script,
            "truncated": r.truncated,
        }

    agencies: dict[str, dict] = {}
    for s in summaries.values():
        a = agencies.setdefault(s["agency_slug"], {"name": s["agency_name"], "slug": s["agency_slug"],
                                                   "url": s["agency_url"], "known": s["agency"] is not None, "reports": []})
        a["reports"].append(s)
    for a in agencies.values():
        a["reports"] = _newest_first(a["reports"])
        region_counts = Counter(s["region"] for s in a["reports"] if s["region"])
        region = min(region_counts, key=lambda n: (-region_counts[n], REGION_ORDER[n])) if region_counts else None
        a["region"] = region
        a["region_name"] = region or UNKNOWN_REGION["name"]
        a["region_slug"] = REGION_BY_NAME[region].slug if region else UNKNOWN_REGION["slug"]
        years = [s["year"] for s in a["reports"] if s["year"] is not None]
        a["year_range"] = (f"{min(years)}–{max(years)}" if min(years) != max(years) else str(years[0])) if years else "年份不详"
        a["count"] = len(a["reports"])

    regions: dict[str, dict] = {}
    for s in summaries.values():
        g = regions.setdefault(s["region_slug"], {"name": s["region_name"], "slug": s["region_slug"],
                                                  "url": s["region_url"], "known": s["region"] is not None, "reports": []})
        g["reports"].append(s)
    for g in regions.values():
        g["reports"] = _newest_first(g["reports"])
        g["count"] = len(g["reports"])
        agency_slugs_here = sorted({s["agency_slug"] for s in g["reports"]}, key=lambda k: agencies[k]["name"])
        g["agencies"] = [{"name": agencies[k]["name"], "url": agencies[k]["url"],
                          "reports": [s for s in g["reports"] if s["agency_slug"] == k]} for k in agency_slugs_here]

    years: dict[str, dict] = {}
    for s in summaries.values():
        y = years.setdefault(s["year_key"], {"year": s["year"], "key": s["year_key"], "label": year_label(s["year"]),
                                             "url": s["year_url"], "reports": []})
        y["reports"].append(s)
    for y in years.values():
        y["count"] = len(y["reports"])
        y["groups"] = _group_by_region_and_agency(y["reports"])

    return Catalogue(summaries=summaries, agencies=agencies, regions=regions, years=years)


def _region_sort_key(name: str | None) -> tuple:
    return (name is None, REGION_ORDER.get(name, 99) if name else 99)


def _group_by_region_and_agency(summaries: list[dict]) -> list[dict]:
    by_region: dict[str | None, list[dict]] = defaultdict(list)
    for s in summaries:
        by_region[s["region"]].append(s)
    groups = []
    for region in sorted(by_region, key=_region_sort_key):
        items = by_region[region]
        by_agency: dict[str, list[dict]] = defaultdict(list)
        for s in items:
            by_agency[s["agency_slug"]].append(s)
        groups.append({
            "name": region or UNKNOWN_REGION["name"],
            "slug": items[0]["region_slug"],
            "url": items[0]["region_url"],
            "agencies": [{"name": v[0]["agency_name"], "url": v[0]["agency_url"],
                          "reports": sorted(v, key=lambda s: (s["title"], s["slug"]))}
                         for _, v in sorted(by_agency.items(), key=lambda kv: (kv[1][0]["agency_name"], kv[0]))],
        })
    return groups


def _sorted_years(catalogue: Catalogue) -> list[dict]:
    return sorted(catalogue.years.values(), key=lambda y: (y["year"] is None, -(y["year"] or 0)))


def _sorted_regions(catalogue: Catalogue) -> list[dict]:
    return sorted(catalogue.regions.values(), key=lambda g: _region_sort_key(g["name"] if g["known"] else None))


def _agencies_by_region(catalogue: Catalogue) -> list[dict]:
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for a in catalogue.agencies.values():
        groups[a["region"]].append(a)
    return [{"name": region or UNKNOWN_REGION["name"],
             "slug": REGION_BY_NAME[region].slug if region else UNKNOWN_REGION["slug"],
             "agencies": sorted(groups[region], key=lambda a: (not a["known"], a["name"]))}
            for region in sorted(groups, key=_region_sort_key)]


def _agency_brief(a: dict) -> dict:
    return {k: a[k] for k in ("name", "slug", "url", "count", "year_range", "region_name")}


def home_page(catalogue: Catalogue, stats=None) -> Page:
    newest = _newest_first(catalogue.summaries.values())[:NEWEST_ON_HOME]
    years = [{k: y[k] for k in ("label", "url", "count", "key")} for y in _sorted_years(catalogue)]
    regions = [{"name": g["name"], "url": g["url"], "count": g["count"], "agencies": len(g["agencies"])} for g in _sorted_regions(catalogue)]
    known_years = [y["year"] for y in catalogue.years.values() if y["year"] is not None]
    return Page("index.html", "home.html", {
        "counts": {"reports": len(catalogue.summaries), "agencies": sum(a["known"] for a in catalogue.agencies.values()),
                   "regions": sum(g["known"] for g in catalogue.regions.values()),
                   "first_year": min(known_years) if known_years else None, "last_year": max(known_years) if known_years else None},
        "newest": newest, "years": years, "regions": regions,
        "agencies": [_agency_brief(a) for a in sorted(catalogue.agencies.values(), key=lambda a: (-a["count"], a["name"]))][:30],
        "year_stats": stats.home() if stats is not None else None,  # stats.site.SiteStats: totals and gaps by year
    })


_POSITIONS: dict[int, tuple[list[dict], dict[str, int]]] = {}


def _positions(agency_reports: list[dict]) -> dict[str, int]:
    """slug → index in an agency's list, made once per list (a build asks for every report of the agency)."""
    entry = _POSITIONS.get(id(agency_reports))
    if entry is None or entry[0] is not agency_reports:
        if len(_POSITIONS) > 10_000:  # lists of earlier builds in a long-lived process
            _POSITIONS.clear()
        entry = _POSITIONS[id(agency_reports)] = (agency_reports, {s["slug"]: i for i, s in enumerate(agency_reports)})
    return entry[1]


def nearest_siblings(agency_reports: list[dict], slug: str) -> tuple[list[dict], int]:
    """At most SIBLINGS_SHOWN of the agency's other reports, those nearest this one in the
    agency's list (newest first), and how many other reports the agency has in all.

    A report page lists its neighbours, not all of them: at 10,000 reports an agency can
    have hundreds, and a full list on every page would make the site grow with the square
    of the archive (and every title edit rewrite hundreds of pages). The agency page lists all.
    """
    total = len(agency_reports) - 1
    if total <= SIBLINGS_SHOWN:
        return [s for s in agency_reports if s["slug"] != slug], total
    here = _positions(agency_reports)[slug]
    start = max(0, min(here - SIBLINGS_SHOWN // 2, len(agency_reports) - SIBLINGS_SHOWN - 1))
    return [s for s in agency_reports[start:start + SIBLINGS_SHOWN + 1] if s["slug"] != slug], total


def report_page(report: Report, body: RenderedBody, catalogue: Catalogue, stats=None) -> Page:
    summary = catalogue.summaries[report.slug]
    siblings, siblings_total = nearest_siblings(catalogue.agencies[summary["agency_slug"]]["reports"], report.slug)
    source = None
    if report.source:
        source = {**report.source.__dict__, "raw_url": f"raw/{report.source.file}"}
    record = report.import_record or {}
    order = {kind: i for i, kind in enumerate(NOISE_KINDS + LOST_KINDS)}
    removed = sorted((record.get("removed") or {}).items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    unrecoverable = sorted((record.get("unrecoverable") or {}).items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    return Page(report_url(report.slug), "report.html", {
        "report": {**summary, "title_derived": report.title_derived, "script_label": SCRIPT_LABELS[report.script]},
        "body_html": body.html,
        "toc": [{"level": t.level, "id": t.id, "text": t.text} for t in body.toc],
        "siblings": siblings if summary["agency"] else [],
        "siblings_total": siblings_total if summary["agency"] else 0,
        "stats": stats.report(report.slug) if stats is not None else None,  # the statistics panel
        "cite": {"year_text": report.year_text, "retrieved": report.source.retrieved if report.source else None},
        "source": source,
        "removed": [_import_item(k, v) for k, v in removed],
        "unrecoverable": [_import_item(k, v) for k, v in unrecoverable],
    }, lang=report.script)


def without_body(page: Page, body: RenderedBody) -> Page:
    """A report page with another body (`report_page` with `body` instead): what the build keys a report
    page by, with a placeholder standing for the body, without building the rest of its data twice."""
    return Page(page.path, page.template, {**page.context, "body_html": body.html,
                                           "toc": [{"level": t.level, "id": t.id, "text": t.text} for t in body.toc]},
                lang=page.lang)


def _import_item(kind: str, count) -> dict:
    return {"kind": kind, "label": NOISE_LABELS.get(kind, kind),
            "count": count if isinstance(count, int) else len(count) if isinstance(count, list) else count}


def index_pages(catalogue: Catalogue, stats=None) -> list[Page]:
    pages = [
        Page("agencies/index.html", "agencies.html", {"groups": [
            {**g, "agencies": [_agency_brief(a) for a in g["agencies"]]} for g in _agencies_by_region(catalogue)]}),
        Page("years/index.html", "years.html", {"years": [{k: y[k] for k in ("label", "url", "count", "key")} for y in _sorted_years(catalogue)]}),
        Page("regions/index.html", "regions.html", {"regions": [
            {"name": g["name"], "url": g["url"], "count": g["count"], "agencies": len(g["agencies"])} for g in _sorted_regions(catalogue)]}),
    ]
    years = _sorted_years(catalogue)
    for i, y in enumerate(years):
        pages.append(Page(y["url"], "year.html", {
            "year": {k: y[k] for k in ("label", "key", "count", "year")}, "groups": y["groups"],
            "newer": {k: years[i - 1][k] for k in ("label", "url")} if i > 0 else None,
            "older": {k: years[i + 1][k] for k in ("label", "url")} if i + 1 < len(years) else None,
            "stats": stats.year(y["key"]) if stats is not None else None,  # totals; agencies with and without a report
        }))
    kept = getattr(stats, "agency_kept", None)  # a build's statistics: each agency's as kept (perhaps pickled)
    for a in sorted(catalogue.agencies.values(), key=lambda a: a["slug"]):
        agency = {**_agency_brief(a), "known": a["known"], "region_url": f"regions/{a['region_slug']}/index.html",
                  "reports": a["reports"]}
        if kept is not None:  # unpickled only if the page is read (a rebuild reads those whose statistics changed)
            pages.append(LazyPage(a["url"], "agency.html", agency_page_context, (agency, kept(a["slug"]))))
        else:
            pages.append(Page(a["url"], "agency.html", {"agency": agency, "stats": stats.agency(a["slug"]) if stats is not None else None}))
    for g in sorted(catalogue.regions.values(), key=lambda g: g["slug"]):
        pages.append(Page(g["url"], "region.html", {"region": {k: g[k] for k in ("name", "slug", "count", "known", "agencies")}}))
    return pages


def other_pages() -> list[Page]:
    return [Page("404.html", "404.html", {}), Page("search/index.html", "search.html", {})]


class LazyPage:
    """A page whose context is made only when it is read: `make(*args)` (a module-level function, so the
    page pickles as its inputs and a worker process makes the context). Nothing is kept: each read makes it
    again, so thousands of these hold their inputs only. Templates still receive plain data."""

    __slots__ = ("path", "template", "make", "args", "lang")

    def __init__(self, path: str, template: str, make, args: tuple, lang: str | None = None):
        self.path, self.template, self.make, self.args, self.lang = path, template, make, args, lang

    @property
    def context(self) -> dict[str, Any]:
        return self.make(*self.args)

    def __reduce__(self):
        return (LazyPage, (self.path, self.template, self.make, self.args, self.lang))


def agency_page_context(agency: dict, stats) -> dict:
    """agency.html's context (table, chart, repetition by year), from the agency's statistics as the build keeps
    them: a dict, or still pickled (stats.step.Packed)."""
    from .stats.step import unpacked

    return {"agency": agency, "stats": unpacked(stats)}


def diff_pages(stats) -> list[Page]:
    """Side by side: each annual report next to the agency's previous one (stats.site.SiteStats.diffs)."""
    return [Page(d["path"], "diff.html", {k: v for k, v in d.items() if k != "path"}) for d in stats.diffs()] if stats is not None else []
