"""The benchmark corpus generator: deterministic, valid, realistic in size and shape."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reportsite.content import load_reports

ROOT = Path(__file__).resolve().parent.parent


def _corpus():
    if "bench_corpus" in sys.modules:
        return sys.modules["bench_corpus"]
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _corpus()


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    paths = corpus.generate(out, 300, seed=3)
    return out, paths


def test_generates_valid_reports(made):
    out, paths = made
    assert len(paths) == 300 == len(list((out / "reports").glob("*.md")))
    loaded = load_reports(out)
    assert loaded.problems == []
    assert len(loaded.reports) == 300
    reports = loaded.reports
    assert len({r.agency for r in reports}) >= 40
    assert len({r.region for r in reports}) >= 10
    assert {r.year for r in reports} <= set(range(2008, 2026))
    assert len({r.year for r in reports}) >= 15
    hant = sum(r.script == "zh-Hant" for r in reports)
    assert 10 <= hant <= 60  # about a tenth
    assert any(r.city for r in reports)


def test_bodies_are_3_to_8_kb_with_official_headings(made):
    _, paths = made
    for path in paths:
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1]
        assert 2800 <= len(body.encode("utf-8")) <= 8400, path
        assert "## 一、" in body
    assert any("### （一）" in p.read_text("utf-8") for p in paths)


def test_deterministic_and_prefix_stable(made, tmp_path):
    out, paths = made
    again = corpus.generate(tmp_path / "a", 300, seed=3)
    assert [p.name for p in again] == [p.name for p in paths]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, paths))
    fewer = corpus.generate(tmp_path / "b", 100, seed=3)
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(fewer, paths[:100]))
    other = corpus.generate(tmp_path / "c", 20, seed=4)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in paths[:20]]


def test_regenerating_keeps_mtimes_and_removes_extras(tmp_path):
    paths = corpus.generate(tmp_path, 30, seed=1)
    mtimes = [p.stat().st_mtime_ns for p in paths]
    extra = tmp_path / "reports" / "zzz-extra.md"
    extra.write_text("x")
    corpus.generate(tmp_path, 30, seed=1)
    assert [p.stat().st_mtime_ns for p in paths] == mtimes
    assert not extra.exists()


def test_sentence_bank_is_committed_and_small():
    bank = corpus.sentence_bank()
    assert len(bank) >= 100
    assert corpus.SENTENCES.stat().st_size < 400_000
    assert all("\n" not in s for s in bank)


def test_edit_body_changes_only_the_body(tmp_path):
    [path, *_] = corpus.generate(tmp_path, 3, seed=0)
    before = path.read_text("utf-8")
    corpus.edit_body(path)
    after = path.read_text("utf-8")
    assert after.startswith(before) and after != before
    assert load_reports(tmp_path).problems == []


def _distinct_pairs(paths) -> int:
    import re

    pairs = set()
    for path in paths:
        for run in re.findall(r"[\u4e00-\u9fff]+", path.read_text("utf-8").split("\n---\n", 1)[1]):
            pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return len(pairs)


def test_open_vocabulary_has_as_many_distinct_tokens_as_real_reports(made, tmp_path):
    """--vocabulary open: the same reports (agencies, years, sizes, headings), deterministic, valid, with words from
    a large dictionary put into the bank's sentences, so that distinct character pairs grow with the corpus."""
    _, bank = made
    opened = corpus.generate(tmp_path / "o", 300, seed=3, vocabulary="open")
    assert [p.name for p in opened] == [p.name for p in bank]
    again = corpus.generate(tmp_path / "o2", 300, seed=3, vocabulary="open")
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, opened))
    assert load_reports(tmp_path / "o").problems == []
    for path in opened[:50]:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert 2800 <= len(body.encode("utf-8")) <= 8400 and "## 一、" in body
    few, many = _distinct_pairs(bank[:30]), _distinct_pairs(bank)
    assert many < 2 * few  # the bank: a closed set of sentences (a few thousand pairs in all)
    open_few, open_many = _distinct_pairs(opened[:30]), _distinct_pairs(opened)
    assert open_many > 5 * many and open_many > 4 * open_few  # the open corpus keeps meeting new ones
    with pytest.raises(ValueError):
        corpus.generate(tmp_path / "x", 1, vocabulary="closed")
