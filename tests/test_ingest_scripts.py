"""The same scrape in another script gives the same report: every unseen fixture and seed written in Simplified is
converted with OpenCC to Traditional (OpenCC's standard forms, 發佈) and to Hong Kong's forms (門户, 閲讀, 衞生), and
must give the same agency, region, city, year and kind. Rules list Simplified and the usual Traditional forms of
their words; what they do not list is matched folded to Simplified (noise.hans, _text.any_script)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest import convert_bytes
from reportsite.script import detect_script

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
# u59 holds the same report in both scripts: converted whole, it is two Traditional copies, no longer one of each
SIMPLIFIED = sorted(p for p in [*FIXTURES.glob("unseen/u*.txt"), *FIXTURES.glob("seeds/*.txt")]
                    if not p.name.startswith("u59_"))


def _facts(text: str, name: str) -> list[tuple]:
    conversion = convert_bytes(text.encode("utf-8"), name)
    assert conversion.error is None, conversion.error
    return [tuple(r.front.get(k) for k in ("agency", "region", "city", "year", "kind")) for r in conversion.reports]


def _simplified_text(path: Path) -> str | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:  # the GB/Big5/UTF-16 fixtures: their own tests cover them
        return None
    return text if detect_script(text) == "zh-Hans" else None


@pytest.mark.parametrize("config", ["s2t", "s2hk"])
def test_a_simplified_scrape_written_in_traditional_gives_the_same_report(config):
    import opencc

    convert = opencc.OpenCC(config).convert
    checked, different = 0, []
    for path in SIMPLIFIED:
        text = _simplified_text(path)
        if text is None:
            continue
        checked += 1
        want, got = _facts(text, path.name), _facts(convert(text), path.name)
        if got != want:
            different.append((path.name, want, got))
    assert checked >= 40
    assert different == []
