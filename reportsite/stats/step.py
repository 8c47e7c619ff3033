"""What the statistics step gives the build (`StatsStep`), apart from `buildstep` so that a build without the
statistics (REPORTSITE_BENCH_WITHOUT=stats, for measurements) makes an empty one without importing the
extraction and the site tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StatsStep:
    view: object  # StatsView: .report(slug), .agency(slug), .year(key), .home()
    reports: object  # buildstep.ReportContexts for report pages (sent to build workers); None without statistics
    files: dict[str, bytes] | None  # data/*, feed.xml, sitemap.xml, robots.txt to write (bytes or a map: see `spool`)
    pages: list | None  # side-by-side pages whose inputs changed, and data/index.html
    kept: list[str] = field(default_factory=list)  # paths kept as the last build wrote them (data files: checked)
    changed_reports: set[str] = field(default_factory=set)  # slugs whose statistics context changed
    changed_rels: set[str] = field(default_factory=set)  # the files of those reports
    recomputed: bool = True  # anything changed (else every statistics page is as the last build made it)
    changed_pages: set[str] | None = None  # home/agency/year pages whose statistics changed; None: any may have
    page_for: object = None  # path of a kept side-by-side page → the page (to render it again)
