"""The statistics' part of the cached build (reportsite/build.py `_Run`), kept here so build.py only calls it.

Statistics depend on every body (an agency's table, the year totals, the repetition of last
year's text, the data files with every body in reports-full.jsonl). So:

- when no body, no front matter, no template and no setting changed since the last build
  (the same `stats_key`) and every file it wrote is still as written, nothing is computed:
  the pages get the previous build's contexts (`FrozenStats`) and the data files and
  side-by-side pages are kept as they are;
- otherwise every body is read and everything is recomputed, except `extract_stats(body)`,
  kept in the build cache by the body's digest, and each pair's comparison (the repetition
  share and the side-by-side, `similarity.compare`), kept by the two bodies' digests
  (`stats_pairs`; the whole cache is dropped when the code changes). Missing pairs are computed
  by `compute_pairs` (the build's worker pool when there are many); an edit of one body misses
  at most two pairs (it against its previous report, the next report against it). Pages are
  then re-rendered only where their context changed.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from .similarity import decode_rows
from .site import FrozenStats, build_site_stats, cached_extract, frozen_contexts, previous_reports

STATS_VERSION = b"stats-2"  # change when extraction or the contexts change shape


class ReportContexts(dict):
    """slug → the report page's statistics context: what a build worker needs (`.report(slug)`)."""

    def report(self, slug: str) -> dict | None:
        return self.get(slug)


@dataclass
class StatsStep:
    view: object  # SiteStats or FrozenStats: .report(slug), .agency(slug), .year(key), .home()
    reports: ReportContexts  # for report pages (sent to build workers)
    files: dict[str, bytes] | None  # data/*, feed.xml, sitemap.xml, robots.txt; None: keep the last build's
    pages: list | None  # side-by-side pages and data/index.html; None: keep the last build's
    kept: list[str] = field(default_factory=list)  # paths kept as the last build wrote them
    changed_reports: set[str] = field(default_factory=set)  # slugs whose statistics context changed
    recomputed: bool = True


def stats_key(meta_key: bytes, env_key: bytes, body_digests: dict[str, bytes]) -> bytes:
    h = hashlib.blake2b(STATS_VERSION + b"\0" + meta_key + b"\0" + env_key, digest_size=16)
    for slug in sorted(body_digests):
        h.update(slug.encode() + b"\0" + body_digests[slug])
    return h.digest()


def compare_pairs(items) -> list:
    """[(key, previous body, this body)] → [(key, similarity.compare(previous, this))] (also what a worker runs)."""
    from .similarity import compare

    return [(key, compare(previous, this)) for key, previous, this in items]


def statistics(metas, body_of, digest_of, catalogue, settings, meta_key: bytes, env_key: bytes,
               old_extra: dict, new_extra: dict, still_written, compute_pairs=None) -> StatsStep:
    """`metas`: the good reports (bodies may be empty); `body_of(slug)` reads a body; `digest_of(slug)`:
    its digest; `still_written(paths)`: whether those outputs of the last build are on disk as written;
    `compute_pairs(items)`: like `compare_pairs` (default: it, in this process)."""
    from ..data import data_files, data_page
    from ..pages import diff_pages

    old_extra = old_extra or {}
    key = stats_key(meta_key, env_key, {m.slug: digest_of(m.slug) for m in metas})
    if old_extra.get("stats_key") == key and "stats_view" in old_extra and still_written(old_extra.get("stats_paths", [])):
        for name in ("stats_key", "stats_view", "stats_paths", "stats", "stats_pairs"):
            new_extra[name] = old_extra.get(name)
        contexts = old_extra["stats_view"]
        return StatsStep(FrozenStats(contexts), ReportContexts(contexts["report"]), None, None,
                         kept=list(old_extra.get("stats_paths", [])), recomputed=False)
    old_cache, old_pairs = old_extra.get("stats") or {}, old_extra.get("stats_pairs") or {}
    reports = []
    for m in metas:
        full = copy.copy(m)
        full.body = body_of(m.slug)
        reports.append(full)
    cache: dict = {}
    by = {r.slug: r for r in reports}
    pairs: dict = {}  # (previous body digest, this body digest) → (share, encoded side-by-side)
    missing: dict = {}
    for slug, prev in sorted(previous_reports(reports).items()):
        pair = (digest_of(prev), digest_of(slug))
        if pair in pairs or pair in missing:
            continue
        if pair in old_pairs:
            pairs[pair] = old_pairs[pair]
        else:
            missing[pair] = (pair, by[prev].body, by[slug].body)
    if missing:
        for pair, result in (compute_pairs or compare_pairs)(list(missing.values())):
            pairs[pair] = result

    def extract(r):
        d = digest_of(r.slug)
        found = cache.get(d) or old_cache.get(d)
        cache[d] = found if found is not None else cached_extract(r.body)
        return cache[d]

    def share(this, prev):
        return pairs[(digest_of(prev.slug), digest_of(this.slug))][0]

    def rows(slug, prev):
        return decode_rows(by[prev].body, by[slug].body, pairs[(digest_of(prev), digest_of(slug))][1])

    site = build_site_stats(reports, catalogue, extract, share, rows)
    files = data_files(reports, catalogue, site, settings)
    pages = [*diff_pages(site), data_page(files)]
    contexts = frozen_contexts(site)
    old_reports = (old_extra.get("stats_view") or {}).get("report", {})
    changed = {slug for slug, ctx in contexts["report"].items() if old_reports.get(slug) != ctx}
    new_extra.update({"stats_key": key, "stats_view": contexts, "stats": cache, "stats_pairs": pairs,
                      "stats_paths": sorted([*files, *(p.path for p in pages)])})
    return StatsStep(site, ReportContexts(contexts["report"]), files, pages, changed_reports=changed)
