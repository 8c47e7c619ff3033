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


def _stat_row(report, stat, fmt: str | None, settings) -> dict:
    page = report_url(report.slug) + (f"#{stat.anchor}" if stat.anchor else "")
    return {"slug": report.slug, "agency": report.agency, "year": report.year, "key": stat.key, "value": stat.value,
            "flags": ";".join(stat.flags), "sentence": stat.sentence, "qualifier": stat.qualifier, "unit": stat.unit,
            "written": stat.text, "origin": stat.origin, "stats_format": fmt,
            "url": (settings.base_url + page) if settings.base_url else page}


# Each of these files is a frame (`FRAMES`: head, separator, tail) around one chunk of bytes per report,
# in slug order: a rebuild can join the chunks it kept from the last file with the few it makes again.
CHUNKED = ("data/reports.json", "data/reports.csv", "data/stats.csv", "data/reports-full.jsonl")
FRAMES = {
    "data/reports.json": (b"[\n", b",\n", b"\n]\n", b"[]\n"),  # head, separator, tail, the file without chunks
    "data/reports.csv": ((BOM + ",".join(REPORT_COLUMNS) + "\r\n").encode("utf-8"), b"", b"", None),
    "data/stats.csv": ((BOM + ",".join(STATS_COLUMNS) + "\r\n").encode("utf-8"), b"", b"", None),
    "data/reports-full.jsonl": (b"", b"", b"", None),
}


def _csv_lines(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if row.get(c) is None else ("true" if row[c] is True else "false" if row[c] is False else row[c])
                         for c in columns])
    return out.getvalue().encode("utf-8")


def report_chunks(report, rs, settings) -> dict[str, bytes]:
    """One report's chunk of data/reports.json, reports.csv and stats.csv (`rs`: its ReportStats or None)."""
    row = _report_row(report, settings)
    element = json.dumps([row], ensure_ascii=False, indent=1)  # '[\n {…}\n]': the element as the array indents it
    return {"data/reports.json": element[2:-2].encode("utf-8"),
            "data/reports.csv": _csv_lines([row], REPORT_COLUMNS),
            "data/stats.csv": _csv_lines([_stat_row(report, s, rs.format, settings) for s in rs.stats] if rs else [],
                                         STATS_COLUMNS)}


def full_chunk(report, rs, settings, body: str) -> bytes:
    """One report's line of data/reports-full.jsonl: its metadata, statistics, findings and body."""
    record = {**_report_row(report, settings), "source": report.source.__dict__.copy() if report.source else None,
              "stats_format": rs.format if rs else None,
              "stats": [{k: v for k, v in _stat_row(report, s, None, settings).items()
                         if k not in ("slug", "agency", "year", "stats_format")} for s in rs.stats] if rs else [],
              "findings": [f.message for f in rs.findings] if rs else [],
              "body": body}
    return (json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def join_chunks(path: str, chunks: list[bytes]) -> bytes:
    """The file `path` (of `CHUNKED`) made of its reports' chunks, in slug order."""
    head, sep, tail, empty = FRAMES[path]
    if not chunks and empty is not None:
        return empty
    return b"".join((head, sep.join(chunks), tail))


def chunk_spans(path: str, lengths: list[int]) -> list[int]:
    """Where chunks of these lengths lie in their file: [start of chunk 0, end of chunk 0, start of chunk 1, …]."""
    head, sep, _, _ = FRAMES[path]
    out, at = [], len(head)
    for n in lengths:
        out += (at, at + n)
        at += n + len(sep)
    return out


def join_pieces(path: str, pieces: list, lengths: list[int], source=None) -> bytes | bytearray:
    """`join_chunks` of chunks given as bytes, or as [start, end, …] runs of chunks (separators included) to read
    from `source`, the file this one was made from the last time. Each byte is copied once."""
    head, sep, tail, empty = FRAMES[path]
    if not lengths:
        return empty if empty is not None else head + tail
    total = len(head) + sum(lengths) + len(sep) * (len(lengths) - 1) + len(tail)
    out = bytearray(total)
    view = memoryview(out)
    view[:len(head)] = head
    at = len(head)
    for n, piece in enumerate(pieces):
        if n and sep:
            view[at:at + len(sep)] = sep
            at += len(sep)
        if isinstance(piece, (bytes, bytearray)):
            view[at:at + len(piece)] = piece
            at += len(piece)
            continue
        start, end = piece[0], piece[1]
        source.seek(start)
        got = 0
        while got < end - start:
            read = source.readinto(view[at + got:at + end - start])
            if not read:
                raise OSError(f"{path}: shorter than when it was written")
            got += read
        at += end - start
    view[at:at + len(tail)] = tail
    at += len(tail)
    view.release()
    assert at == total, (path, at, total)
    return out


def write_pieces(path: str, pieces, chunks: int, out, source=None, block: int = 1 << 20) -> tuple[int, int]:
    """`join_pieces` of `chunks` chunks written to the binary file `out` as `pieces` (an iterable, read once) come,
    instead of made in memory: (bytes, line ends) written. Runs of the last file's chunks are copied through a
    buffer of `block` bytes."""
    head, sep, tail, empty = FRAMES[path]
    if not chunks:
        data = empty if empty is not None else head + tail
        out.write(data)
        return len(data), data.count(b"\n")
    size, lines = 0, 0
    buffer = None

    def put(data: bytes) -> None:
        nonlocal size, lines
        out.write(data)
        size += len(data)
        lines += data.count(b"\n")

    put(head)
    for n, piece in enumerate(pieces):
        if n and sep:
            put(sep)
        if isinstance(piece, (bytes, bytearray)):
            put(piece)
            continue
        if buffer is None:
            buffer = bytearray(block)
        source.seek(piece[0])
        left = piece[1] - piece[0]
        while left:
            read = source.readinto(memoryview(buffer)[:min(left, block)])
            if not read:
                raise OSError(f"{path}: shorter than when it was written")
            out.write(memoryview(buffer)[:read])
            size += read
            lines += buffer.count(b"\n", 0, read)
            left -= read
    put(tail)
    return size, lines


def site_files(reports, catalogue, settings, diff_paths) -> dict[str, bytes]:
    """feed.xml, and with a base URL sitemap.xml (and robots.txt at a domain root): the files made from metadata alone."""
    files = {"feed.xml": atom_feed(reports, catalogue, settings)}
    if settings.base_url:
        files["sitemap.xml"] = sitemap(catalogue, settings, extra=list(diff_paths))
        if settings.base_path == "/":
            files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {settings.base_url}sitemap.xml\n".encode("utf-8")
    return files


def data_files(reports, catalogue, site_stats, settings) -> dict[str, bytes]:
    """Every data file of the site, as bytes, keyed by its site-relative path."""
    reports = sorted(reports, key=lambda r: r.slug)
    chunks: dict[str, list[bytes]] = {path: [] for path in CHUNKED}
    for r in reports:
        rs = site_stats.by_slug[r.slug] if site_stats else None
        for path, chunk in report_chunks(r, rs, settings).items():
            chunks[path].append(chunk)
        chunks["data/reports-full.jsonl"].append(full_chunk(r, rs, settings, r.body))
    files = {path: join_chunks(path, chunks[path]) for path in CHUNKED}
    files.update(site_files(reports, catalogue, settings, _diff_paths(site_stats)))
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


def data_listing(files: dict[str, bytes]) -> dict[str, tuple[int, int]]:
    """file name → (bytes, records) of the data files, as the data page lists them."""
    out = {}
    for name in ("reports.json", "reports.csv", "stats.csv", "reports-full.jsonl"):
        data = files.get(f"data/{name}", b"")
        out[name] = (len(data), file_records(name, data))
    return out


def file_records(name: str, data: bytes) -> int:
    """Records in a data file: a JSON array's items, a CSV file's lines but the header, a JSON Lines file's lines."""
    if name.endswith(".json"):
        return len(json.loads(data.decode("utf-8-sig")))
    lines = data.count(b"\n")  # never part of another character in UTF-8
    return max(lines - 1 if name.endswith(".csv") else lines, 0)


def data_page(files: dict[str, bytes], site_stats=None, listing: dict[str, tuple[int, int]] | None = None) -> Page:
    """The data/index.html page; `listing` (`data_listing`) may be given instead of the files' bytes."""
    listing = listing if listing is not None else data_listing(files)
    listed = []
    for name in ("reports.json", "reports.csv", "stats.csv", "reports-full.jsonl"):
        size, records = listing[name]
        listed.append({"name": name, "url": f"data/{name}", "bytes": size, "size": _size(size),
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
