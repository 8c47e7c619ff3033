"""The archive as data: data/reports.json, reports.csv, stats.csv, reports-full.jsonl; feed.xml, sitemap.xml, robots.txt.

`data_files(reports, catalogue, site_stats, settings)` returns {site path: bytes}, byte-identical
from one build to the next: rows in slug order, no clock (the feed's `updated` is the newest date
the content itself states). CSV files are UTF-8 with a byte-order mark and CRLF line ends, so that
Excel on a Chinese Windows reads them right. `data_page(files)` is the `data/index.html` page.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from xml.sax.saxutils import escape as xml_escape, quoteattr

from .pages import Page, report_url

REPORT_COLUMNS = ("slug", "title", "agency", "region", "city", "year", "year_text", "kind", "script", "truncated",
                  "source_site", "source_url", "source_file", "sha256", "url")
STATS_COLUMNS = ("slug", "agency", "year", "key", "value", "flags", "sentence", "qualifier", "unit", "written", "origin",
                 "stats_format", "url")
FEED_ENTRIES = 50
BOM = "\ufeff"

DESCRIPTIONS = {
    "reports.json": "每份报告一条记录（JSON 数组），字段同 reports.csv。",
    "reports.csv": "每份报告一行：元数据、来源、原始文件的 SHA-256 和本站地址。",
    "stats.csv": "长格式的统计数字：每个数字一行，附标记和它所在的原句。",
    "reports-full.jsonl": "每行一份报告（JSON Lines）：全部元数据、统计数字和完整正文，供语料分析。",
}


def _report_row(report, settings) -> dict:
    src = report.source
    return {
        "slug": report.slug, "title": report.title, "agency": report.agency, "region": report.region, "city": report.city,
        "year": report.year, "year_text": report.year_text, "kind": report.kind, "script": report.script,
        "truncated": report.truncated,
        "source_site": src.site if src else None, "source_url": src.url if src else None,
        "source_file": src.file if src else None, "sha256": src.sha256 if src else None,
        "url": (settings.base_url + report_url(report.slug)) if settings.base_url else report_url(report.slug),
    }


def _csv(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else ("true" if row[c] is True else "false" if row[c] is False else row[c])
                         for c in columns])
    return (BOM + out.getvalue()).encode("utf-8")


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _stat_row(report, stat, fmt: str | None, settings) -> dict:
    page = report_url(report.slug) + (f"#{stat.anchor}" if stat.anchor else "")
    return {"slug": report.slug, "agency": report.agency, "year": report.year, "key": stat.key, "value": stat.value,
            "flags": ";".join(stat.flags), "sentence": stat.sentence, "qualifier": stat.qualifier, "unit": stat.unit,
            "written": stat.text, "origin": stat.origin, "stats_format": fmt,
            "url": (settings.base_url + page) if settings.base_url else page}


def data_files(reports, catalogue, site_stats, settings) -> dict[str, bytes]:
    """Every data file of the site, as bytes, keyed by its site-relative path."""
    reports = sorted(reports, key=lambda r: r.slug)
    rows = [_report_row(r, settings) for r in reports]
    stat_rows = []
    full = []
    for r, row in zip(reports, rows):
        rs = site_stats.by_slug[r.slug] if site_stats else None
        if rs:
            stat_rows.extend(_stat_row(r, s, rs.format, settings) for s in rs.stats)
        record = {**row, "source": r.source.__dict__.copy() if r.source else None,
                  "stats_format": rs.format if rs else None,
                  "stats": [{k: v for k, v in _stat_row(r, s, None, settings).items()
                             if k not in ("slug", "agency", "year", "stats_format")} for s in rs.stats] if rs else [],
                  "findings": [f.message for f in rs.findings] if rs else [],
                  "body": r.body}
        full.append(json.dumps(record, ensure_ascii=False, sort_keys=False))
    files = {
        "data/reports.json": _json(rows),
        "data/reports.csv": _csv(rows, REPORT_COLUMNS),
        "data/stats.csv": _csv(stat_rows, STATS_COLUMNS),
        "data/reports-full.jsonl": ("\n".join(full) + ("\n" if full else "")).encode("utf-8"),
        "feed.xml": atom_feed(reports, catalogue, settings),
    }
    if settings.base_url:
        files["sitemap.xml"] = sitemap(catalogue, settings, extra=[p for p in _diff_paths(site_stats)])
        if settings.base_path == "/":
            files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {settings.base_url}sitemap.xml\n".encode("utf-8")
    return files


def _diff_paths(site_stats) -> list[str]:
    return [f"reports/{slug}/diff/index.html" for slug in sorted(site_stats.previous)] if site_stats else []


def notes(settings) -> list[str]:
    """What the build summary should say about the data files."""
    if not settings.base_url:
        return ["no base_url configured: sitemap.xml and robots.txt were left out (set base_url in pyproject.toml"
                " or pass --base-url)"]
    if settings.base_path != "/":
        return [f"robots.txt left out: the site is under the sub-path {settings.base_path}, where crawlers never look for it"]
    return []


# ---------------------------------------------------------------- feed, sitemap


def _date_of(report) -> str | None:
    src = report.source
    return (src.published or src.retrieved) if src else None


def atom_feed(reports, catalogue, settings) -> bytes:
    """An Atom feed of the newest reports (by the year reported on, then the source's date)."""
    newest = sorted(reports, key=lambda r: (-(r.year or 0), _date_of(r) and -int(_date_of(r).replace("-", "")) or 0, r.slug))
    newest = newest[:FEED_ENTRIES]
    dates = [d for d in (_date_of(r) for r in reports) if d]
    years = [r.year for r in reports if r.year is not None]
    # from the content, never the clock: the newest source date, else the end of the newest year reported on
    updated = (max(dates) if dates else f"{max(years)}-12-31" if years else "1970-01-01") + "T00:00:00Z"
    base = settings.base_url

    def link(path: str) -> str:
        return base + path if base else path

    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(settings.language)}>',
           f"<title>{xml_escape(settings.title)}</title>",
           f"<subtitle>{xml_escape(settings.description)}</subtitle>",
           f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'reportsite:feed:' + (base or settings.title))}</id>",
           f"<updated>{updated}</updated>",
           f'<link rel="alternate" type="text/html" href={quoteattr(link("index.html"))}/>']
    if base:
        out.append(f'<link rel="self" type="application/atom+xml" href={quoteattr(base + "feed.xml")}/>')
    out.append("<author><name>" + xml_escape(settings.title) + "</name></author>")
    for r in newest:
        s = catalogue.summaries[r.slug]
        entry_updated = (_date_of(r) or updated[:10]) + "T00:00:00Z"
        summary = f"{s['agency_name']} · {s['year_label']} · {s['kind_label']}"
        out += ["<entry>",
                f"<title>{xml_escape(r.title)}</title>",
                f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'reportsite:report:' + r.slug)}</id>",
                f'<link rel="alternate" type="text/html" href={quoteattr(link(report_url(r.slug)))}/>',
                f"<updated>{entry_updated}</updated>",
                f"<summary>{xml_escape(summary)}</summary>",
                "</entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def sitemap(catalogue, settings, pages: list[str] | None = None, extra: list[str] | None = None) -> bytes:
    """sitemap.xml of every page (absolute URLs under the configured base URL)."""
    paths = pages if pages is not None else _page_paths(catalogue)
    paths = sorted(set(paths) | set(extra or []))
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in paths:
        out.append(f"<url><loc>{xml_escape(settings.base_url + path.removesuffix('index.html'))}</loc></url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _page_paths(catalogue) -> list[str]:
    paths = ["index.html", "agencies/index.html", "years/index.html", "regions/index.html", "search/index.html",
             "data/index.html"]
    paths += [s["url"] for s in catalogue.summaries.values()]
    paths += [a["url"] for a in catalogue.agencies.values()]
    paths += [y["url"] for y in catalogue.years.values()]
    paths += [g["url"] for g in catalogue.regions.values()]
    return paths


# ---------------------------------------------------------------- the data page


def data_page(files: dict[str, bytes], site_stats=None) -> Page:
    listed = []
    for name in ("reports.json", "reports.csv", "stats.csv", "reports-full.jsonl"):
        data = files.get(f"data/{name}", b"")
        text = data.decode("utf-8-sig")
        lines = text.count("\n")
        records = len(json.loads(text)) if name.endswith(".json") else (lines - 1 if name.endswith(".csv") else lines)
        listed.append({"name": name, "url": f"data/{name}", "bytes": len(data), "size": _size(len(data)),
                       "records": max(records, 0), "description": DESCRIPTIONS[name]})
    from .stats.keys import FLAGS, FORMATS, KEYS

    return Page("data/index.html", "data.html", {
        "files": listed,
        "report_columns": list(REPORT_COLUMNS), "stats_columns": list(STATS_COLUMNS),
        "keys": [{"key": k.key, "label": k.label, "doc": k.doc, "unit": k.unit, "formats": list(k.formats)} for k in KEYS.values()],
        "flags": [{"flag": f, "text": t} for f, t in FLAGS.items()],
        "formats": [{"name": n, "text": t} for n, t in FORMATS.items()],
        "feed": "feed.xml" in files, "sitemap": "sitemap.xml" in files,
    })


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} 字节"
