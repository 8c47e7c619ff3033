"""The statistics' part of the cached build (reportsite/build.py `_Run`), kept here so build.py only calls it.

Statistics depend on every body (an agency's table, the year totals, the repetition of last
year's text, the data files with every body in reports-full.jsonl). So:

- when no body, no front matter, no template and no setting changed since the last build
  (the same `stats_key`) and every file it wrote is still as written, nothing is computed:
  the pages get the previous build's contexts (`FrozenStats`) and the data files and
  side-by-side pages are kept as they are;
- otherwise every body is read and everything is recomputed, except `extract_stats(body)`,
  kept in the build cache by the body's digest, and each repetition share, kept by the two
  bodies' digests. Pages are then re-rendered only where their context changed.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from .site import FrozenStats, build_site_stats, cached_extract, frozen_contexts

STATS_VERSION = b"stats-1"  # change when extraction or the contexts change shape


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


def statistics(metas, body_of, digest_of, catalogue, settings, meta_key: bytes, env_key: bytes,
               old_extra: dict, new_extra: dict, still_written) -> StatsStep:
    """`metas`: the good reports (bodies may be empty); `body_of(slug)` reads a body; `digest_of(slug)`:
    its digest; `still_written(paths)`: whether those outputs of the last build are on disk as written."""
    from ..data import data_files, data_page
    from ..pages import diff_pages

    old_extra = old_extra or {}
    key = stats_key(meta_key, env_key, {m.slug: digest_of(m.slug) for m in metas})
    if old_extra.get("stats_key") == key and "stats_view" in old_extra and still_written(old_extra.get("stats_paths", [])):
        for name in ("stats_key", "stats_view", "stats_paths", "stats", "stats_shares"):
            new_extra[name] = old_extra.get(name)
        contexts = old_extra["stats_view"]
        return StatsStep(FrozenStats(contexts), ReportContexts(contexts["report"]), None, None,
                         kept=list(old_extra.get("stats_paths", [])), recomputed=False)
    old_cache, old_shares = old_extra.get("stats") or {}, old_extra.get("stats_shares") or {}
    reports = []
    for m in metas:
        full = copy.copy(m)
        full.body = body_of(m.slug)
        reports.append(full)
    cache: dict = {}
    shares: dict = {}

    def extract(r):
        d = digest_of(r.slug)
        found = cache.get(d) or old_cache.get(d)
        cache[d] = found if found is not None else cached_extract(r.body)
        return cache[d]

    def share(this, prev):
        pair = (digest_of(prev.slug), digest_of(this.slug))
        if pair not in shares:
            from .similarity import repeated_share

            shares[pair] = old_shares[pair] if pair in old_shares else repeated_share(this.body, prev.body)
        return shares[pair]

    site = build_site_stats(reports, catalogue, extract, share)
    files = data_files(reports, catalogue, site, settings)
    pages = [*diff_pages(site), data_page(files)]
    contexts = frozen_contexts(site)
    old_reports = (old_extra.get("stats_view") or {}).get("report", {})
    changed = {slug for slug, ctx in contexts["report"].items() if old_reports.get(slug) != ctx}
    new_extra.update({"stats_key": key, "stats_view": contexts, "stats": cache, "stats_shares": shares,
                      "stats_paths": sorted([*files, *(p.path for p in pages)])})
    return StatsStep(site, ReportContexts(contexts["report"]), files, pages, changed_reports=changed)
