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


# --- the plain algorithm the fast one must match exactly (similarity.py before its per-body memo and bounds) ---

def _reference_share(this: str, previous: str, k: int = 8):
    from reportsite.stats.similarity import fold

    a, b = fold(this), fold(previous)
    if len(a) < k or len(b) < k:
        return None
    seen = {b[i:i + k] for i in range(len(b) - k + 1)}
    covered = [False] * len(a)
    run_end = -1
    for i in range(len(a) - k + 1):
        if a[i:i + k] in seen:
            for j in range(max(i, run_end), i + k):
                covered[j] = True
            run_end = i + k
    return sum(covered) / len(a)


def _reference_rows(previous: str, this: str):
    import difflib
    import re

    from reportsite.stats import similarity as S

    def paras(body):
        out = []
        for raw in re.split(r"\n\s*\n", body):
            lines = []
            for line in raw.split("\n"):
                line = S._MD.sub("", line).strip()
                if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?", line):
                    continue
                if line:
                    lines.append(line)
            if lines:
                out.append("\n".join(lines))
        return tuple(out)

    def merge(segments):
        out = []
        for s in segments:
            if out and out[-1].changed == s.changed:
                out[-1] = S.Segment(out[-1].text + s.text, s.changed)
            else:
                out.append(s)
        return tuple(out)

    def char_diff(a, b):
        whole = (S.Segment(a, True),), (S.Segment(b, True),)
        if len(a) * len(b) > S.MAX_CHAR_DIFF:
            return whole
        ta, tb = S._TOKEN.findall(a), S._TOKEN.findall(b)
        matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
            return whole
        left, right = [], []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if i2 > i1:
                left.append(S.Segment("".join(ta[i1:i2]), op != "equal"))
            if j2 > j1:
                right.append(S.Segment("".join(tb[j1:j2]), op != "equal"))
        return merge(left), merge(right)

    a, b = paras(previous), paras(this)
    fa, fb = [S.fold(x, digits=True) for x in a], [S.fold(x, digits=True) for x in b]
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, fa, fb, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(S.DiffRow("same", (S.Segment(a[i], False),), (S.Segment(b[j], False),))
                        for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            rows.append(S.DiffRow("changed", *char_diff(a[i1 + n], b[j1 + n])))
        rows.extend(S.DiffRow("removed", (S.Segment(a[i], True),), ()) for i in range(i1 + pairs, i2))
        rows.extend(S.DiffRow("added", (), (S.Segment(b[j], True),)) for j in range(j1 + pairs, j2))
    return tuple(rows)


def test_fast_comparison_is_the_plain_algorithm():
    """Per-body memo, folds in one OpenCC call, token counts as quick_ratio bounds: the same shares and rows."""
    from reportsite.stats.similarity import compare, decode_rows

    bodies = _corpus_bodies(40)
    edited = [b.replace("2", "3").replace("。", "。WTO 1,200.5件\n\n", 3) for b in bodies[:10]]
    odd = ["１２３ab\x00中文\n\n- 列表 12.5%\n\n1. 第一\n\n| a | b |\n| --- | --- |\n| 1 | 2 |", "\u2028段落 abc 12,000\n\n\n\n", "短"]
    texts = [LAST, *bodies, *edited, *odd]
    pairs = list(zip(texts, texts[1:])) + list(zip(bodies[:10], edited)) + [(x, y) for x in odd for y in odd]
    for previous, this in pairs:
        share, encoded = compare(previous, this)
        assert share == _reference_share(this, previous)
        assert decode_rows(previous, this, encoded) == side_by_side(previous, this) == _reference_rows(previous, this)
