"""Orchestrate a build: load → validate → render everything in memory → write what changed.

Nothing is written until every page has rendered, and each file is written
atomically (temporary file, then rename) only when its bytes change, so a
failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings, SettingsError, load_settings
from .content import ContentError, Problem, display_path, load_reports
from .pages import Catalogue, Page, build_catalogue, home_page, index_pages, other_pages, report_page, root_of
from .render import TemplateProblem, make_environment, render_markdown, render_template

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".reportsite-manifest.json"


class BuildError(Exception):
    """A build that cannot go on; `str()` is what to tell the user."""


@dataclass
class BuildResult:
    reports: int = 0
    agencies: int = 0
    years: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Project:
    """Where a build reads from and writes to."""

    content: Path
    site: Path
    templates: Path
    theme: Path


def page_context(page: Page, settings: Settings) -> dict:
    root = "" if page.path == "404.html" and settings.base_path else root_of(page.path)
    canonical = settings.base_url + page.path.removesuffix("index.html") if settings.base_url and page.path != "404.html" else None
    return {
        **page.context,
        "root": root,
        "site": {"title": settings.title, "description": settings.description, "language": settings.language,
                 "base_path": settings.base_path if page.path == "404.html" else ""},
        "page": {"path": page.path, "lang": page.lang or settings.language, "canonical": canonical},
    }


def render_site(reports, settings: Settings, project: Project) -> dict[str, bytes]:
    """Every output file of the site, as bytes, keyed by its site-relative path."""
    env = make_environment(project.templates)
    catalogue: Catalogue = build_catalogue(reports)
    pages: list[Page] = [home_page(catalogue), *index_pages(catalogue), *other_pages()]
    for report in reports:
        pages.append(report_page(report, render_markdown(report.body), catalogue))
    out: dict[str, bytes] = {}
    for page in pages:
        if page.path in out:
            raise BuildError(f"two pages map to the same file {page.path}; rename one of the reports' slugs")
        out[page.path] = render_template(env, page.template, page_context(page, settings), project.templates).encode("utf-8")
    out.update(static_files(project, reports))
    out[".nojekyll"] = b""
    return out


def static_files(project: Project, reports) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    if project.theme.is_dir():
        for path in sorted(project.theme.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files["theme/" + path.relative_to(project.theme).as_posix()] = path.read_bytes()
    raw_dir = project.content / "raw"
    for name in sorted({r.source.file for r in reports if r.source}):
        files[f"raw/{name}"] = (raw_dir / name).read_bytes()
    return files


def write_site(site: Path, files: dict[str, bytes]) -> tuple[int, int, int]:
    """Write changed files atomically, remove files of the previous build that are gone.

    Returns (written, unchanged, removed). Only files this tool wrote before (listed
    in the manifest) are ever removed, so a wrong `--site` cannot delete anything else.
    """
    site.mkdir(parents=True, exist_ok=True)
    manifest_path = site / MANIFEST
    previous: list[str] = []
    if manifest_path.is_file():
        try:
            previous = json.loads(manifest_path.read_text("utf-8"))["files"]
        except (ValueError, KeyError, TypeError):
            previous = []
    written = unchanged = removed = 0
    for rel, data in sorted(files.items()):
        target = site / rel
        try:
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                unchanged += 1
                continue
        except OSError:
            pass
        atomic_write(target, data)
        written += 1
    for rel in sorted(set(previous) - set(files)):
        target = site / rel
        if target.is_file():
            target.unlink()
            removed += 1
            _remove_empty_parents(target.parent, site)
    manifest = json.dumps({"generator": "reportsite", "files": sorted(files)}, ensure_ascii=False, indent=0).encode("utf-8")
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        atomic_write(manifest_path, manifest)
    return written, unchanged, removed


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def check_site_folder(site: Path) -> None:
    """Refuse to build into a non-empty folder this tool did not make (it could be anything)."""
    if site.exists() and not site.is_dir():
        raise BuildError(f"{display_path(site)}: is a file, not a folder; choose another --site")
    if site.is_dir() and not (site / MANIFEST).is_file() and any(site.iterdir()):
        raise BuildError(f"{display_path(site)}: this folder is not empty and was not made by reportsite;"
                         " choose an empty or new folder with --site (nothing was written)")


def build(project: Project, settings: Settings, keep_going: bool = False) -> BuildResult:
    check_site_folder(project.site)
    loaded = load_reports(project.content)
    result = BuildResult(problems=loaded.problems)
    if loaded.problems and not keep_going:
        return result
    reports = loaded.reports
    files = render_site(reports, settings, project)
    result.written, result.unchanged, result.removed = write_site(project.site, files)
    result.reports = len(reports)
    result.agencies = len({r.agency for r in reports if r.agency})
    result.years = len({r.year for r in reports if r.year is not None})
    if not reports:
        result.notes.append(f"no reports in {display_path(project.content / 'reports')}: import some with `python build.py import PATH…`")
    return result


def project_from_args(args) -> Project:
    """templates/ and theme/ sit beside the settings file (the project's root), as content/ does by default."""
    root = args.config.resolve().parent if args.config.is_file() else Path.cwd()
    return Project(content=args.content, site=args.site, templates=root / "templates", theme=root / "theme")


def run_build(args) -> int:
    started = time.perf_counter()
    try:
        settings = load_settings(args.config, args.base_url)
        project = project_from_args(args)
        result = build(project, settings, keep_going=args.keep_going)
    except (SettingsError, BuildError, TemplateProblem, ContentError) as e:
        print(f"error: {e}", file=sys.stderr)
        print(f"build failed: {display_path(args.site)}/ was left as it was", file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    bad_files = len({p.path for p in result.problems})
    if result.problems and not args.keep_going:
        print(f"build stopped: {len(result.problems)} problem(s) in {bad_files} file(s); {display_path(args.site)}/ was left as it was"
              " (fix them, or use --keep-going to build the valid reports)", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"built {result.reports} reports, {result.agencies} agencies, {result.years} years:"
          f" {result.written} files written, {result.unchanged} unchanged, {result.removed} removed"
          f" in {seconds:.2f} s; open {display_path(args.site / 'index.html')}")
    if result.problems:
        print(f"{bad_files} invalid file(s) skipped (listed above)", file=sys.stderr)
        return 1
    return 0
