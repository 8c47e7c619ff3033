"""What the statistics step gives the build (`StatsStep`) and the pages (`Packed` values), apart from `buildstep`
so that a build without the statistics (REPORTSITE_BENCH_WITHOUT=stats, for measurements) and the pages module
use them without importing the extraction and the site tables."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

_HIGHEST = pickle.HIGHEST_PROTOCOL


class Packed:
    """A value kept pickled in the build cache: repickling it is a copy of its bytes; `get()` unpickles it."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes):
        self.blob = blob

    @classmethod
    def of(cls, value) -> "Packed":
        return cls(pickle.dumps(value, protocol=_HIGHEST))

    def get(self):
        return pickle.loads(self.blob)

    def __reduce__(self):
        return (Packed, (self.blob,))


def unpacked(value):
    """A kept value: a `Packed` one unpickled, any other as it is."""
    return value.get() if isinstance(value, Packed) else value


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
