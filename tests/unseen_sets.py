"""Later sets of unseen scrapes keep their expectations in their own test files, `tests/test_ingest_unseen_<set>.py`
(so sets written in parallel never edit the same file): each may define `EXPECT` (file → expectations, the shape of
tests/test_ingest_unseen.py's) and `REMOVES` (rule name → fragments, the shape of tests/test_ingest_noise.py's).
The checks that every fixture has expectations and every rule a fragment count those too."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def _modules() -> tuple:
    out = []
    for path in sorted(HERE.glob("test_ingest_unseen_*.py")):
        spec = importlib.util.spec_from_file_location(f"_unseen_set_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.append(module)
    return tuple(out)


def later(name: str) -> dict:
    """The union of the dicts called `name` in the later sets' test files."""
    merged: dict = {}
    for module in _modules():
        merged.update(getattr(module, name, {}))
    return merged


def check_body(body: str, headings, gone, kept) -> list[str]:
    """Each heading is a line of the body, no `gone` text is left in it, every `kept` text is; its lines."""
    lines = body.split("\n")
    for heading in headings:
        assert heading in lines, heading
    for noise in gone:
        assert noise not in body, noise
    for text in kept:
        assert text in body, text
    return lines


TABLE_KEYS = ("requests.received", "requests.granted", "requests.total", "review.total",
              "litigation.direct.total", "litigation.after_review.total")


def table_figures(body: str, year) -> tuple:
    """(the statistics format, the standard tables' key figures: 新收, 予以公开, 总计, 行政复议 总计, 行政诉讼 总计
    (direct, after review)); each figure must be read from a table, once, and consistent."""
    from reportsite.stats.extract import extract_stats, report_stats

    rs = report_stats(body, year)
    from_tables = {s.key for s in extract_stats(body).stats if s.origin == "table"}
    figures = []
    for key in TABLE_KEYS:
        found = rs.values(key)  # the table's figure (prose stating the same figure is kept once)
        assert len(found) == 1 and "inconsistent" not in found[0].flags, (key, found)
        assert key in from_tables, key
        figures.append(found[0].value)
    return (rs.format, *figures)


UNSEEN = HERE / "fixtures" / "ingest" / "unseen"


def convert_fixture(name: str, pieces: int = 1):
    """The conversion of one unseen fixture, which must succeed and give `pieces` reports."""
    from reportsite.ingest import convert_bytes

    conversion = convert_bytes((UNSEEN / name).read_bytes(), name)
    assert conversion.error is None, conversion.error
    assert len(conversion.reports) == pieces, [r.front["title"] for r in conversion.reports]
    return conversion


def check_front(front: dict, want: dict, encoding: str, site=...) -> None:
    """The front matter has the `want`ed fields (`published` from its source), the encoding (and the site, when
    given), and a title of the text's own."""
    got = {k: front[k] for k in want if k != "published"} | {"published": front["source"]["published"]}
    assert got == want
    assert front["source"]["encoding"] == encoding
    if site is not ...:
        assert front["source"]["site"] == site
    assert front["title_derived"] is False
