"""Import and build together: what a user does with a raw scrape, end to end."""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

import pytest

from reportsite.cli import main

REPO = Path(__file__).resolve().parent.parent
TITLE = "湖南省统计局: 2019年 #政府信息公开工作年度报告"
RAW = (f"{TITLE}\n一、概述\n2019年,我局认真贯彻落实《中华人民共和国政府信息公开条例》,全面推进政务公开工作。\n"
       "二、主动公开政府信息情况\n2019年,我局主动公开政府信息120条。\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in ("templates", "theme"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "scrapes").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_title_with_colon_and_hash_round_trips_through_import_and_build(project):
    (project / "scrapes/tongjiju.txt").write_text(RAW, "utf-8")
    assert main(["import", "scrapes"]) == 0
    report = project / "content/reports/2019-hunan-tongjiju.md"
    assert f"title: '{TITLE}'" in report.read_text("utf-8")
    assert main(["build"]) == 0
    page = (project / "site/reports/2019-hunan-tongjiju/index.html").read_text("utf-8")
    assert f'<h1 id="report-title">{html.escape(TITLE, quote=False)}</h1>' in page
    assert f"<title>{html.escape(TITLE, quote=False)} · " in page
    assert (project / "site/raw/tongjiju.txt").read_bytes() == RAW.encode("utf-8")


def test_a_failed_import_changes_nothing_in_content_and_site(project, capsys):
    (project / "scrapes/tongjiju.txt").write_text(RAW, "utf-8")
    assert main(["import", "scrapes"]) == 0
    assert main(["build"]) == 0
    content, site = tree_digest(project / "content"), tree_digest(project / "site")
    (project / "bad").mkdir()
    (project / "bad/empty.txt").write_bytes(b"")
    (project / "bad/binary.txt").write_bytes(bytes(range(256)) * 8)
    capsys.readouterr()
    assert main(["import", "bad"]) == 1
    err = capsys.readouterr().err
    assert "bad/empty.txt: the file is empty" in err and "bad/binary.txt: this is a binary file, not text" in err
    assert tree_digest(project / "content") == content
    assert tree_digest(project / "site") == site
    # Importing the same scrape again changes nothing either.
    assert main(["import", "scrapes"]) == 0
    assert tree_digest(project / "content") == content
