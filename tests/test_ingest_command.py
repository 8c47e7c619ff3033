"""`python build.py import`: files in, files out; repeatable; hand edits protected; bad files reported."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportsite.cli import main
from reportsite.content import load_reports

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "fixtures" / "ingest" / "seeds"
EXPECTED = REPO / "tests" / "fixtures" / "ingest" / "expected"
SLUGS = sorted(p.stem for p in EXPECTED.glob("*.md"))


def run(*args: str) -> int:
    return main(["import", *map(str, args)])


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_imports_the_seeds_into_an_archive(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    assert run("--content", content, seeds) == 0
    out = capsys.readouterr().out
    assert sorted(p.stem for p in (content / "reports").glob("*.md")) == SLUGS
    for slug in SLUGS:
        assert (content / "reports" / f"{slug}.md").read_text(encoding="utf-8") == (EXPECTED / f"{slug}.md").read_text(encoding="utf-8")
    for seed in SEEDS.iterdir():
        assert (content / "raw" / seed.name).read_bytes() == seed.read_bytes()
    assert "2009-hunan-gonganting.md  湖南省公安厅  2009  removed: wiki-toolbar 2" in out
    assert out.strip().splitlines()[-1] == "6 reports from 5 of 5 files: 6 new, 0 updated, 0 unchanged, 0 skipped (edited by hand)"
    result = load_reports(content)
    assert result.problems == []
    assert len(result.reports) == 6


def test_importing_twice_changes_nothing(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    assert run("--content", content, seeds) == 0
    before = snapshot(content)
    assert run("--content", content, seeds, seeds / "002_e00a3d7553d4c109.txt") == 0
    assert snapshot(content) == before
    assert "0 new, 0 updated, 6 unchanged" in capsys.readouterr().out.splitlines()[-1]


def test_same_raw_file_under_another_name_is_not_duplicated(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    run("--content", content, seeds / "003_de6c72722ec4c202.txt")
    copy = tmp_path / "again.txt"
    shutil.copy(seeds / "003_de6c72722ec4c202.txt", copy)
    assert run("--content", content, copy) == 0
    assert [p.name for p in (content / "raw").iterdir()] == ["003_de6c72722ec4c202.txt"]
    assert [p.name for p in (content / "reports").iterdir()] == ["undated-hunan-gonganting.md"]


def test_slug_collisions_get_a_suffix_and_keep_it(tmp_path, capsys):
    content = tmp_path / "content"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("湖南省公安厅2019年政府信息公开工作年度报告\n一、概述\n我厅认真贯彻条例。\n", encoding="utf-8")
    b.write_text("湖南省公安厅2019年政府信息公开工作年度报告\n一、概述\n我厅认真贯彻条例，另一个版本。\n", encoding="utf-8")
    assert run("--content", content, a, b) == 0
    assert sorted(p.name for p in (content / "reports").iterdir()) == ["2019-hunan-gonganting-2.md", "2019-hunan-gonganting.md"]
    before = snapshot(content)
    assert run("--content", content, b, a) == 0  # other order: same slugs
    assert snapshot(content) == before
    # A different raw file with the same name is kept under a name of its own.
    other = tmp_path / "x" / "a.txt"
    other.parent.mkdir()
    other.write_text("湖南省民政厅2019年政府信息公开工作年度报告\n一、概述\n我厅认真贯彻条例。\n", encoding="utf-8")
    assert run("--content", content, other) == 0
    raws = sorted(p.name for p in (content / "raw").iterdir())
    assert len(raws) == 3 and "a.txt" in raws and any(n.startswith("a-") and n.endswith(".txt") for n in raws)
    assert load_reports(content).problems == []


def test_hand_edits_are_kept_unless_forced(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    run("--content", content, seeds)
    report = content / "reports" / "2009-hunan-gonganting.md"
    edited = report.read_text(encoding="utf-8").replace("认真贯彻落实省委", "认真贯彻落实（已校对）省委", 1)
    report.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert run("--content", content, seeds) == 0
    out = capsys.readouterr().out
    assert "skipped   " in out and "2009-hunan-gonganting.md  (edited by hand" in out
    assert report.read_text(encoding="utf-8") == edited
    assert run("--content", content, "--force", seeds) == 0
    assert report.read_text(encoding="utf-8") == (EXPECTED / "2009-hunan-gonganting.md").read_text(encoding="utf-8")


def test_out_writes_only_markdown(seeds, tmp_path, capsys):
    out_dir = tmp_path / "out"
    assert run("--out", out_dir, seeds) == 0
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{s}.md" for s in SLUGS]


def test_dry_run_writes_nothing(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    log = tmp_path / "log.jsonl"
    assert run("--content", content, "--dry-run", "--log", log, seeds) == 0
    out = capsys.readouterr().out
    assert not content.exists() and not log.exists()
    assert out.count("would write") == 6
    assert out.strip().endswith("dry run: nothing written")


def test_log_and_verbose(seeds, tmp_path, capsys):
    content = tmp_path / "content"
    log = tmp_path / "import.jsonl"
    assert run("--content", content, "--log", log, "-v", seeds / "004_b8d1624687e839ed.txt") == 0
    out = capsys.readouterr().out
    assert "    - page-header: 時間:2023-02-09 09:54:02 | 來源:營銷百科" in out
    assert "    - eaten-by-annotation: ?xiàng)l" in out
    assert "    note: truncated: an excerpt" in out
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {e["slug"] for e in entries} == {"2009-hunan-minzhengting"}
    assert sum(e["kind"] == "reading-annotation" for e in entries) == 217
    assert {"file": "004_b8d1624687e839ed.txt", "slug": "2009-hunan-minzhengting", "kind": "keywords",
            "text": "關鍵詞:工作,報告,信息,民政,政府"} in entries
    assert "log: " + str(log) in (content / "reports" / "2009-hunan-minzhengting.md").read_text(encoding="utf-8")


def test_bad_files_are_listed_and_the_rest_imports(seeds, tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(seeds / "003_de6c72722ec4c202.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (folder / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n...")
    (folder / "gbk.txt").write_bytes("湖南省公安厅2019年政府信息公开工作年度报告\n一、概述\n我厅认真贯彻条例。\n".encode("gbk"))
    (folder / "chrome-only.txt").write_text("收藏查看我的收藏0有用+1已投票0\n关键词：工作,报告\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("不导入", encoding="utf-8")
    (folder / "README").write_text("这些文件是抓取的原始文本。", encoding="utf-8")  # the folder's notes: skipped
    (folder / "script.js").write_text("function f() { return 1; }\n", encoding="utf-8")
    content = tmp_path / "content"
    assert run("--content", content, folder, tmp_path / "missing.txt") == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert sorted(errors) == sorted([
        f"error: {tmp_path / 'missing.txt'}: no such file or folder",
        f"error: {folder / 'binary.dat'}: this is a binary file, not text",
        f"error: {folder / 'chrome-only.txt'}: no report text is left once page furniture is removed",
        f"error: {folder / 'empty.txt'}: the file is empty",
        f"error: {folder / 'report.pdf'}: this is a PDF file, not text: extract its text first",
        f"error: {folder / 'script.js'}: no Chinese report text in it",
        f"error: {folder / 'undecodable.txt'}: cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5 text",
    ])
    assert "2 reports from 2 of 9 files" in captured.out and "7 failed (listed above)" in captured.out
    assert sorted(p.name for p in (content / "raw").iterdir()) == ["gbk.txt", "good.txt"]
    gbk = (content / "reports" / "2019-hunan-gonganting.md").read_text(encoding="utf-8")
    assert "encoding: gbk" in gbk


def test_the_build_script_runs_the_import(seeds, tmp_path):
    proc = subprocess.run([sys.executable, "build.py", "import", "--out", str(tmp_path / "o"), str(seeds / "001_3186a304ea40dec5.txt")],
                          cwd=REPO, capture_output=True, text=True, env={"CI": "true", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("wrote       ")
    assert "\x1b" not in proc.stdout + proc.stderr  # no progress counter off a terminal
    assert (tmp_path / "o" / "2019-hunan-gonganting.md").exists()
