"""Golden tests: each seed scrape → the Markdown reports in tests/fixtures/ingest/expected/, reviewed by eye.

Regenerate after a deliberate change with `REPORTSITE_UPDATE_GOLDEN=1 pytest tests/test_ingest_golden.py`,
then read the diff character by character against the seed.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from reportsite.content import parse_report
from reportsite.ingest import convert_bytes
from reportsite.ingest._text import han_counter
from reportsite.ingest.decode import decode
from reportsite.ingest.markdown import render_file
from reportsite.ingest.noise import strip_noise

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEEDS = FIXTURES / "seeds"
EXPECTED = FIXTURES / "expected"
SEED_FILES = sorted(p.name for p in SEEDS.iterdir())

# What each seed must give, field by field (the goldens hold the rest).
FIELDS = {
    "000_8e16a0f8b265d4ca.txt": [dict(
        slug="2009-hunan-gonganting", title="湖南省公安厅2009年度政府信息公开工作", title_derived=False,
        agency="湖南省公安厅", region="湖南省", city=None, year=2009, year_text=None, kind="annual-report",
        script="zh-Hans", truncated=False, site="百度百科", published=None, retrieved="2014-04-21")],
    "001_3186a304ea40dec5.txt": [dict(
        slug="2019-hunan-gonganting", title="湖南省公安廳2019年政府信息公開工作年度報告", title_derived=True,
        agency="湖南省公安厅", region="湖南省", city=None, year=2019, year_text=None, kind="annual-report",
        script="zh-Hant", truncated=True, site=None, published=None, retrieved=None)],
    "002_e00a3d7553d4c109.txt": [
        dict(slug="undated-gonganju", title="公安局201*年度政府信息公开报告", title_derived=False,
             agency="公安局", region=None, city=None, year=None, year_text="201*", kind="annual-report",
             script="zh-Hans", truncated=False, site=None, published=None, retrieved=None),
        dict(slug="undated-guangdong-gonganting", title="广东省公安厅政府信息公开工作年度报告(201*年度)", title_derived=False,
             agency="广东省公安厅", region="广东省", city=None, year=None, year_text="201*", kind="annual-report",
             script="zh-Hans", truncated=False, site=None, published=None, retrieved=None),
    ],
    "003_de6c72722ec4c202.txt": [dict(
        slug="undated-hunan-gonganting", title="湖南省公安厅以政务公开为着力点提升服务水平", title_derived=False,
        agency="湖南省公安厅", region="湖南省", city=None, year=None, year_text=None, kind="article",
        script="zh-Hans", truncated=False, site=None, published=None, retrieved=None)],
    "004_b8d1624687e839ed.txt": [dict(
        slug="2009-hunan-minzhengting", title="湖南省民政廳2009年政府信息公開工作年度報告", title_derived=False,
        agency="湖南省民政厅", region="湖南省", city=None, year=2009, year_text=None, kind="annual-report",
        script="zh-Hant", truncated=True, site="营销百科", published="2023-02-09", retrieved=None)],
}


def _convert(name: str):
    conversion = convert_bytes((SEEDS / name).read_bytes(), name)
    assert conversion.error is None
    return conversion


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_matches_golden(name):
    conversion = _convert(name)
    got = {r.slug: render_file(r.front, r.body) for r in conversion.reports}
    if os.environ.get("REPORTSITE_UPDATE_GOLDEN"):
        EXPECTED.mkdir(parents=True, exist_ok=True)
        for slug, text in got.items():
            (EXPECTED / f"{slug}.md").write_text(text, encoding="utf-8")
    assert list(got) == [f["slug"] for f in FIELDS[name]]
    for slug, text in got.items():
        expected = (EXPECTED / f"{slug}.md").read_text(encoding="utf-8")
        assert text == expected, f"{slug}: output differs from the golden file; diff it by eye"


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_metadata(name):
    reports = _convert(name).reports
    for report, want in zip(reports, FIELDS[name], strict=True):
        front = report.front
        got = {k: front[k] for k in want if k in front}
        got.update({k: front["source"][k] for k in ("site", "published", "retrieved")})
        assert got == want
        assert front["source"]["file"] == name
        assert front["source"]["encoding"] == "utf-8"


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_han_character_is_in_the_body_or_the_log(name):
    """Nothing lost, nothing invented: the Han characters of the input, as a multiset, are exactly those
    of the bodies plus those of the removal log (which includes the title lines moved to front matter)."""
    data = (SEEDS / name).read_bytes()
    given = han_counter(decode(data).text)
    kept: Counter = Counter()
    for report in _convert(name).reports:
        kept += han_counter(report.body)
        for removal in report.removals:
            kept += han_counter(removal.text)
    assert given - kept == Counter(), "characters lost"
    assert kept - given == Counter(), "characters invented"


@pytest.mark.parametrize("name", SEED_FILES)
def test_output_loads_with_the_content_loader(name):
    for report in _convert(name).reports:
        text = render_file(report.front, report.body)
        loaded = parse_report(text, f"content/reports/{report.slug}.md")
        assert loaded.slug == report.slug
        assert loaded.title == report.front["title"]
        assert loaded.body == report.body
        assert loaded.source is not None and loaded.source.file == name


@pytest.mark.parametrize("name", SEED_FILES)
def test_conversion_is_deterministic_and_noise_stage_idempotent(name):
    first = [render_file(r.front, r.body) for r in _convert(name).reports]
    second = [render_file(r.front, r.body) for r in _convert(name).reports]
    assert first == second
    once = strip_noise((SEEDS / name).read_text(encoding="utf-8")).text
    assert strip_noise(once).text == once


def test_seed_copies_are_the_originals():
    """The fixtures are byte-for-byte copies of the seeds (names carry no meaning beyond order)."""
    assert SEED_FILES == ["000_8e16a0f8b265d4ca.txt", "001_3186a304ea40dec5.txt", "002_e00a3d7553d4c109.txt",
                          "003_de6c72722ec4c202.txt", "004_b8d1624687e839ed.txt"]
