"""`python build.py import [--content DIR | --out DIR] [--dry-run] [--force] [--log FILE] [-v] PATH…`

Writes one Markdown file per report found into `<content>/reports/<slug>.md` and copies each raw file
byte for byte into `<content>/raw/`; with `--out DIR`, only the Markdown files, straight into DIR/.
Prints one line per report and a summary; a bad file gets one error line and the rest goes on.

Repeatable: a report keeps its slug on re-import (a file with that slug from the same raw bytes and
title is the same report); a file edited by hand since it was written (its `import.written_sha256`
no longer matches) is never overwritten without `--force`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..progress import Progress, interactive
from ..slugs import MAX_SLUG_LENGTH
from . import ImportedReport, convert_bytes
from .markdown import edited_by_hand, render_file

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class Existing:
    path: Path
    sha256: str | None
    title: str | None


@dataclass
class Tally:
    files: int = 0
    failed: int = 0
    reports: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def _front(text: str) -> dict:
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    try:
        data = yaml.load(text[3:end], Loader=_Loader)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _index(reports_dir: Path) -> dict[str, Existing]:
    """slug → what is there now (only the identity: the raw file's hash and the title)."""
    found: dict[str, Existing] = {}
    if not reports_dir.is_dir():
        return found
    for path in sorted(reports_dir.glob("*.md")):
        try:
            data = _front(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            data = {}
        source = data.get("source") if isinstance(data.get("source"), dict) else {}
        found[path.stem] = Existing(path, source.get("sha256"), data.get("title"))
    return found


# A folder's notes about its scrapes (`README`, `README.md`) are not scrapes: skipped in folders (a file named outright is read).
NOTES = re.compile(r"^README(?:\.[A-Za-z]{1,8})?$", re.I)


def _collect(paths: list[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            found = sorted(p for p in given.rglob("*") if p.is_file() and not NOTES.match(p.name)
                           and not any(part.startswith(".") for part in p.relative_to(given).parts))
        elif given.is_file():
            found = [given]
        else:
            errors.append(f"{given}: no such file or folder")
            continue
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files, errors


class RawStore:
    """content/raw/: each raw file once, byte for byte, under its own name (or name-<hash> on a clash)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._by_size: dict[int, list[Path]] | None = None

    def _sizes(self) -> dict[int, list[Path]]:
        if self._by_size is None:
            self._by_size = {}
            if self.folder and self.folder.is_dir():
                for p in sorted(self.folder.iterdir()):
                    if p.is_file() and not p.name.startswith("."):
                        self._by_size.setdefault(p.stat().st_size, []).append(p)
        return self._by_size

    def name_for(self, name: str, data: bytes, sha: str) -> tuple[str, bool]:
        """(the name in raw/, whether it must be written)."""
        name = name.lstrip(".").replace("/", "_").replace("\\", "_") or f"raw-{sha[:12]}.txt"
        if self.folder is None:
            return name, False
        same = [p for p in self._sizes().get(len(data), []) if hashlib.sha256(p.read_bytes()).hexdigest() == sha]
        if any(p.name == name for p in same):
            return name, False
        if same:
            return same[0].name, False
        if (self.folder / name).exists():
            stem, dot, suffix = name.rpartition(".")
            name = f"{stem}-{sha[:12]}.{suffix}" if dot and stem else f"{name}-{sha[:12]}"
            if (self.folder / name).exists():
                return name, False
        return name, True

    def add(self, name: str, data: bytes) -> None:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.folder / name, data)
        self._sizes().setdefault(len(data), []).append(self.folder / name)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _slug_for(report: ImportedReport, existing: dict[str, Existing], claimed: set[str]) -> str:
    """The report's slug: its own if free or already its own; else -2, -3 … (stable across re-imports)."""
    base = report.front["slug"]
    sha, title = report.front["source"]["sha256"], report.front["title"]
    n = 1
    while True:
        suffix = "" if n == 1 else f"-{n}"
        candidate = base[:MAX_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        n += 1
        if candidate in claimed:
            continue
        there = existing.get(candidate)
        if there is None or (there.sha256 == sha and there.title == title):
            claimed.add(candidate)
            return candidate


def _removed_summary(report: ImportedReport) -> str:
    removed = report.front["import"]["removed"]
    lost = report.front["import"]["unrecoverable"]
    parts = [f"{k} {v}" for k, v in removed.items()] + [f"{k} {v} (marked 〓)" for k, v in lost.items()]
    return "removed: " + ", ".join(parts) if parts else "nothing removed"


def _one_line(text: str, limit: int = 0) -> str:
    text = text.replace("\n", "⏎")
    return text if not limit or len(text) <= limit else text[:limit] + "…"


def run_import(args) -> int:
    from ..content import ContentError, parse_report

    out_dir: Path | None = getattr(args, "out", None)
    content: Path = getattr(args, "content", None) or Path("content")
    reports_dir = out_dir if out_dir is not None else content / "reports"
    raw = RawStore(None if out_dir is not None else content / "raw")
    dry, force, verbose = bool(args.dry_run), bool(args.force), bool(args.verbose)
    log_path: Path | None = args.log

    files, errors = _collect(list(args.paths))
    tally = Tally(files=len(errors), failed=len(errors))
    for message in errors:
        print(f"error: {message}", file=sys.stderr)
    existing = _index(reports_dir)
    claimed: set[str] = set()
    log_lines: list[str] = []
    # `importing ██·· 12/3400` on a terminal, for big imports only (reportsite/progress.py; never under CI=true)
    progress = Progress("importing", len(files), enabled=interactive() and len(files) >= 50)
    verb = "would write" if dry else "wrote"

    def say(line: str, err: bool = False) -> None:
        progress.close()
        print(line, file=sys.stderr if err else sys.stdout)

    for path in files:
        progress.advance()
        tally.files += 1
        try:
            data = path.read_bytes()
        except OSError as e:
            say(f"error: {path}: cannot read: {e.strerror or e}", err=True)
            tally.failed += 1
            continue
        sha = hashlib.sha256(data).hexdigest()
        raw_name, raw_new = raw.name_for(path.name, data, sha)
        conversion = convert_bytes(data, raw_name)
        if conversion.error:
            say(f"error: {path}: {conversion.error}", err=True)
            tally.failed += 1
            continue
        wrote_any = False
        for report in conversion.reports:
            slug = _slug_for(report, existing, claimed)
            report.front["slug"] = slug
            if log_path is not None:
                report.front["import"]["log"] = str(log_path)
            text = render_file(report.front, report.body)
            target = reports_dir / f"{slug}.md"
            try:
                parse_report(text, str(target))
            except ContentError as e:  # a bug of ours: say so, write nothing
                say(f"error: {path}: the report made from it does not load: {str(e).splitlines()[0]}", err=True)
                tally.failed += 1
                continue
            tally.reports += 1
            status = "new"
            if target.exists():
                old = target.read_text(encoding="utf-8", errors="replace")
                if old == text:
                    status = "unchanged"
                elif edited_by_hand(old) is not False and not force:
                    status = "skipped"
                else:
                    status = "updated"
            setattr(tally, status, getattr(tally, status) + 1)
            year = report.front["year"] if report.front["year"] is not None else report.front["year_text"] or "year?"
            agency = report.front["agency"] or "agency?"
            if status == "skipped":
                say(f"skipped   {target}  (edited by hand since it was imported; --force overwrites it)")
            else:
                label = {"new": verb, "updated": f"{verb} (updated)" if dry else "updated", "unchanged": "unchanged"}[status]
                say(f"{label:<11} {target}  {agency}  {year}  {_removed_summary(report)}")
            if verbose:
                for note in report.notes:
                    say(f"    note: {note}")
                for r in report.removals:
                    if r.kind != "title":
                        say(f"    - {r.kind}: {_one_line(r.text)}")
            for r in report.removals:
                log_lines.append(json.dumps({"file": raw_name, "slug": slug, "kind": r.kind, "text": r.text}, ensure_ascii=False))
            if status in ("new", "updated") and not dry:
                _write_atomic(target, text.encode("utf-8"))
                wrote_any = True
            existing[slug] = Existing(target, report.front["source"]["sha256"], report.front["title"])
        if raw_new and not dry and (wrote_any or conversion.reports):
            raw.add(raw_name, data)
    progress.close()
    if log_path is not None and not dry:
        _write_atomic(log_path, ("\n".join(log_lines) + "\n" if log_lines else "").encode("utf-8"))
    summary = (f"{tally.reports} report{'s' if tally.reports != 1 else ''} from {tally.files - tally.failed} of {tally.files} file{'s' if tally.files != 1 else ''}: "
               f"{tally.new} new, {tally.updated} updated, {tally.unchanged} unchanged, {tally.skipped} skipped (edited by hand)")
    if tally.failed:
        summary += f"; {tally.failed} failed (listed above)"
    if dry:
        summary += "; dry run: nothing written"
    print(summary)
    return 1 if tally.failed else 0
