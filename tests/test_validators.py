"""Every page of a built site is valid HTML (Nu HTML checker) and every internal link works (linkcheck)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.linkcheck import check_site

from conftest import run_vnu

# The pages of the site contract that every build must have (the fixture content has at least one dated report).
REQUIRED_PAGES = ["index.html", "agencies/index.html", "years/index.html", "regions/index.html",
                  "search/index.html", "404.html"]


def listing(problems: list[str], limit: int = 60) -> str:
    more = f"\n  … and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problems:\n  " + "\n  ".join(problems[:limit]) + more


def test_fixture_site_has_the_contract_pages(fixture_site: Path) -> None:
    missing = [p for p in REQUIRED_PAGES if not (fixture_site / p).is_file()]
    assert not missing, f"missing pages: {missing}"
    for folder in ("reports", "agencies", "years", "regions"):
        pages = list((fixture_site / folder).glob("*/index.html"))
        assert pages, f"no {folder}/<slug>/index.html page"
    assert any((fixture_site / "theme").iterdir()), "theme/ was not copied into the site"


@pytest.mark.slow
def test_fixture_site_is_valid_html(fixture_site: Path) -> None:
    errors = run_vnu(fixture_site)
    assert not errors, "Nu HTML checker: " + listing(errors)


def test_fixture_site_css_is_valid(fixture_site: Path) -> None:
    """theme/*.css through the checker's CSS validator: a typo there is silently ignored by browsers."""
    errors = run_vnu(fixture_site, css=True)
    assert not errors, "Nu CSS checker: " + listing(errors)


def test_fixture_site_links(fixture_site: Path) -> None:
    problems = check_site(fixture_site)
    assert not problems, "linkcheck: " + listing(problems)


@pytest.mark.slow
def test_archive_is_valid_html(archive_site: Path) -> None:
    errors = run_vnu(archive_site)
    assert not errors, "Nu HTML checker on content/: " + listing(errors)


@pytest.mark.slow
def test_archive_links(archive_site: Path) -> None:
    problems = check_site(archive_site)
    assert not problems, "linkcheck on content/: " + listing(problems)


def test_vnu_catches_errors(tmp_path: Path) -> None:
    """The checker really runs and its output is read: a page with known errors must fail."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "ok.html").write_text('<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
                                      "<title>好</title></head><body><p>政府信息公开</p></body></html>",
                                      encoding="utf-8")
    (tmp_path / "sub" / "bad.html").write_text('<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
                                               "</head><body><p id=a>x</p><p id=a>y</p></body></html>",
                                               encoding="utf-8")
    (tmp_path / "style.css").write_text("this is not css {", encoding="utf-8")  # skipped: --skip-non-html
    errors = run_vnu(tmp_path)
    assert errors, "vnu reported nothing for a page without <title> and with a duplicate id"
    assert all(e.startswith("sub/bad.html:") for e in errors), errors
    assert any("title" in e for e in errors) and any("Duplicate ID" in e for e in errors), errors
    css_errors = run_vnu(tmp_path, css=True)
    assert css_errors and all(e.startswith("style.css:") for e in css_errors), css_errors


def test_deployed_site_links(deployed_site: Path) -> None:
    """Built with --base-url: 404.html carries <base href="/archive/"> and must still resolve."""
    problems = check_site(deployed_site)
    assert not problems, "linkcheck with --base-url: " + listing(problems)
