"""Loading and validating reports: every problem reported whole, as `path:line: message`."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from reportsite.content import ContentError, load_reports, parse_report

GOOD = textwrap.dedent("""\
    ---
    title: 湖南省公安厅2009年度政府信息公开工作
    agency: 湖南省公安厅
    region: 湖南省
    year: 2009
    kind: annual-report
    script: zh-Hans
    slug: 2009-hunan-gonganting
    ---
    ## 一、概述

    2009年，我厅以《条例》为指导。
    """)


def problems_of(text: str, path: str = "content/reports/x.md") -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_report(text, path)
    return [str(p) for p in info.value.problems]


def with_line(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_good_report_loads_into_plain_fields():
    r = parse_report(GOOD, "content/reports/x.md")
    assert (r.slug, r.title, r.agency, r.region, r.year, r.kind, r.script) == (
        "2009-hunan-gonganting", "湖南省公安厅2009年度政府信息公开工作", "湖南省公安厅", "湖南省", 2009, "annual-report", "zh-Hans")
    assert r.body.startswith("## 一、概述")
    assert r.body_line == 10
    assert r.source is None and r.truncated is False and r.title_derived is False


def test_bom_and_crlf_are_accepted():
    r = parse_report("\ufeff" + GOOD.replace("\n", "\r\n"), "x.md")
    assert r.title == "湖南省公安厅2009年度政府信息公开工作"
    assert "\r" not in r.body


def test_titles_with_colon_and_hash_round_trip_when_quoted():
    text = with_line(GOOD, "title: 湖南省公安厅2009年度政府信息公开工作", 'title: "公安局：工作报告 #2"')
    assert parse_report(text, "x.md").title == "公安局：工作报告 #2"


def test_yaml_error_names_the_file_line_not_the_block_line():
    text = with_line(GOOD, "region: 湖南省", "region: [湖南省")
    assert problems_of(text) == [
        "content/reports/x.md:5: front matter is not valid YAML: did not find expected ',' or ']';"
        " quote values that contain `: ` or ` #`"]


@pytest.mark.parametrize("value, reason", [("2019-13-45", "month must be in 1..12"), ("2019-02-30", "day is out of range for month")])
def test_a_date_that_is_no_date_is_a_problem_at_its_line_not_a_crash(value, reason):
    text = GOOD.replace("slug: 2009-hunan-gonganting\n", f"slug: 2009-hunan-gonganting\nsource:\n  file: a.txt\n  retrieved: {value}\n")
    assert text != GOOD
    line = text.split("\n").index(f"  retrieved: {value}") + 1
    assert problems_of(text) == [f"content/reports/x.md:{line}: `{value}` is not a date ({reason}): write a real date as YYYY-MM-DD"]


def test_front_matter_missing():
    assert problems_of("## 一、概述\n正文\n") == [
        "content/reports/x.md:1: front matter missing: the file must start with a line `---`, then YAML keys, then `---`"]


def test_front_matter_not_closed():
    assert problems_of("---\ntitle: x\nslug: x\n## 一、概述\n") == [
        "content/reports/x.md:1: front matter not closed: add a line `---` after the YAML keys"]


def test_empty_file():
    assert problems_of("") == [
        "content/reports/x.md: the file is empty: a report needs front matter (`---` … `---`) and a body"]


def test_required_key_missing():
    text = with_line(GOOD, "title: 湖南省公安厅2009年度政府信息公开工作\n", "")
    assert problems_of(text) == [
        "content/reports/x.md:1: required key `title` is missing (the report's own title, in its original script)"]


def test_unknown_key_suggests_the_closest_known_one():
    text = with_line(GOOD, "region: 湖南省", "regoin: 湖南省")
    assert problems_of(text) == ["content/reports/x.md:4: unknown key `regoin` (did you mean `region`?)"]


def test_every_problem_in_a_file_is_reported_at_once():
    text = with_line(with_line(GOOD, "year: 2009", "year: 19999"), "kind: annual-report", "kind: annual")
    assert problems_of(text) == [
        "content/reports/x.md:5: `year` must be between 1990 and 2100, not 19999",
        "content/reports/x.md:6: `kind` must be one of annual-report, article, other, not 'annual' (did you mean `annual-report`?)",
    ]


def test_year_as_chinese_text_is_a_type_error():
    text = with_line(GOOD, "year: 2009", 'year: "二〇一九"')
    assert problems_of(text) == [
        "content/reports/x.md:5: `year` must be a whole number like 2019 (or null when unknown), not text ('二〇一九');"
        " write a masked year such as 201* as `year: null` with `year_text: \"201*\"`"]


@pytest.mark.parametrize("slug", ["../etc", "a/b", "has space", "Upper", "报告", "a--b", "-a", ""])
def test_unsafe_slugs_are_rejected(slug):
    text = with_line(GOOD, "slug: 2009-hunan-gonganting", f"slug: {slug!r}" if slug else "slug: ''")
    assert problems_of(text) == [
        "content/reports/x.md:8: `slug` must be lower-case ASCII letters, digits and single hyphens (at most 80),"
        f" such as 2009-hunan-gonganting, not {slug!r}"]


def test_region_must_be_a_province_name():
    text = with_line(GOOD, "region: 湖南省", "region: 湖南")
    assert problems_of(text) == [
        "content/reports/x.md:4: `region` must be a province-level name in Simplified Chinese such as 湖南省,"
        " not '湖南' (did you mean `湖南省`?)"]


def test_nested_source_key_errors_name_the_nested_line():
    text = with_line(GOOD, "slug: 2009-hunan-gonganting", "slug: 2009-hunan-gonganting\nsource:\n  file: a.txt\n  sha256: abc")
    assert problems_of(text) == [
        "content/reports/x.md:11: `source.sha256` must be the 64 lower-case hex digits of a SHA-256, not 'abc'"]


def test_source_file_cannot_escape_raw_folder():
    text = with_line(GOOD, "slug: 2009-hunan-gonganting", "slug: 2009-hunan-gonganting\nsource:\n  file: ../../etc/passwd\n  sha256: " + "0" * 64)
    assert problems_of(text) == [
        "content/reports/x.md:10: `source.file` must be a plain file name inside content/raw/, not '../../etc/passwd'"]


def test_script_is_detected_when_not_given():
    text = with_line(GOOD, "script: zh-Hans\n", "")
    text = text.replace("2009年，我厅以《条例》为指导。", "2019年,省公安廳在省委、省政府的正確領導下,全面推進政務公開。")
    assert parse_report(text, "x.md").script == "zh-Hant"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_load_reports_collects_problems_across_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    write(content, "reports/a.md", GOOD)
    write(content, "reports/b.md", GOOD)  # same slug
    write(content, "reports/gbk.md", GOOD.encode("gbk"))
    write(content, "reports/bin.md", b"\x00\x01\x02binary")
    write(content, "reports/notes.txt", "not a report")
    result = load_reports(content)
    assert [r.path for r in result.reports] == ["content/reports/a.md"]
    assert [str(p) for p in result.problems] == [
        "content/reports/bin.md: this is a binary file, not a Markdown report; move it out of content/reports/",
        "content/reports/gbk.md:2: the file is not UTF-8 text: convert it to UTF-8 or use `python build.py import` on the raw text",
        "content/reports/notes.txt: not a Markdown report (reports end in .md); move it out of content/reports/",
        "content/reports/b.md:8: duplicate slug `2009-hunan-gonganting`: content/reports/a.md has it too;"
        " give one of them another slug (e.g. `2009-hunan-gonganting-2`)",
    ]


def test_source_file_must_exist_in_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    raw = b"raw text"
    text = GOOD.replace("slug: 2009-hunan-gonganting", "slug: 2009-hunan-gonganting\nsource:\n  file: seed.txt\n  sha256: "
                        + hashlib.sha256(raw).hexdigest())
    write(content, "reports/a.md", text)
    assert [str(p) for p in load_reports(content).problems] == [
        "content/reports/a.md:9: `source.file` names 'seed.txt', which is not in content/raw/; copy the raw file there or fix the name"]
    write(content, "raw/seed.txt", raw)
    loaded = load_reports(content)
    assert loaded.problems == [] and loaded.reports[0].source.file == "seed.txt"


def test_missing_reports_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in load_reports(tmp_path / "nothing").problems] == [
        "nothing/reports: folder not found: reports go in content/reports/<slug>.md"]
