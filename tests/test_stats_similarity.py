"""How much a report repeats last year's text, and the side-by-side view."""

from __future__ import annotations

from reportsite.stats.similarity import paragraphs, repeated_share, side_by_side

LAST = ("## 一、概述\n\n2009年，我厅以《条例》和《办法》为指导，认真贯彻落实省委、省政府有关政府信息公开工作会议和文件精神。\n\n"
        "2009年，我厅共收到政府信息公开申请5条，全部予以答复。")


def test_a_copy_is_100_percent_and_new_text_0():
    assert repeated_share(LAST, LAST) == 1.0
    assert repeated_share("今年的报告完全重写，没有一句与去年相同的话语出现在这里。", LAST) == 0.0


def test_a_copy_with_this_years_numbers_still_counts_as_copied():
    this = LAST.replace("2009", "2010").replace("申请5条", "申请12条")
    assert repeated_share(this, LAST) == 1.0


def test_a_copy_in_the_other_script_still_counts():
    from reportsite.script import to_traditional

    assert repeated_share(to_traditional(LAST), LAST) == 1.0


def test_partial_repetition_is_a_share_of_this_years_characters():
    this = LAST + "\n\n2010年新增加的一段文字，写的是本年度的新工作，与上一年度完全不同。"
    share = repeated_share(this, LAST)
    assert 0.5 < share < 0.9


def test_too_short_to_compare():
    assert repeated_share("短", LAST) is None


def test_side_by_side_marks_changed_numbers_and_new_paragraphs():
    this = LAST.replace("申请5条", "申请12条") + "\n\n新增的一段。"
    rows = side_by_side(LAST, this)
    assert [r.kind for r in rows] == ["same", "same", "changed", "added"]
    changed = rows[2]
    assert [s.text for s in changed.left if s.changed] == ["5"]
    assert [s.text for s in changed.right if s.changed] == ["12"]
    assert rows[3].right[0].text == "新增的一段。"


def test_paragraphs_drop_markdown_syntax():
    assert paragraphs("## 标题\n\n201\\*年,我局\n\n| a | b |\n| --- | --- |\n| 1 | 2 |") == ("标题", "201*年,我局", "| a | b |\n| 1 | 2 |")


def _corpus_bodies(n: int = 30) -> list[str]:
    import importlib.util
    import sys
    import tempfile
    from pathlib import Path

    module = sys.modules.get("bench_corpus")
    if module is None:
        spec = importlib.util.spec_from_file_location("bench_corpus", Path(__file__).resolve().parent.parent / "bench" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_corpus"] = module
        spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as folder:
        module.generate(Path(folder), n, seed=3)
        return [p.read_text("utf-8").split("\n---\n", 1)[-1] for p in sorted((Path(folder) / "reports").glob("*.md"))]


def test_cached_form_gives_back_the_same_rows():
    from reportsite.stats import similarity
    from reportsite.stats.similarity import compare, decode_rows

    this = LAST.replace("申请5条", "申请12条") + "\n\n新增的一段。"
    bodies = [LAST, this, "", "短", *_corpus_bodies()]
    pairs = [(a, b) for a in bodies[:8] for b in bodies[:8]] + list(zip(bodies, bodies[1:]))
    for previous, now in pairs:
        share, encoded = compare(previous, now)
        assert share == repeated_share(now, previous)
        assert decode_rows(previous, now, encoded) == side_by_side(previous, now)
    # a changed paragraph too long to diff by character is marked whole, and kept so
    long_a, long_b = "甲" * 3000 + "乙", "甲" * 3000 + "丙"
    assert len(long_a) * len(long_b) > similarity.MAX_CHAR_DIFF
    share, encoded = compare(long_a, long_b)
    assert decode_rows(long_a, long_b, encoded) == side_by_side(long_a, long_b)
