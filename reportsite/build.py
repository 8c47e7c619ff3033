"""Orchestrate a build: load → validate → render everything → write what changed.

Nothing goes into site/ until every page has rendered: files rendered in this process are
held in memory, files rendered by the worker pool go to a staging folder beside site/
(`.site.reportsite-stage-PID-N`, removed when a build fails). Then each file is moved or
written into site/ atomically, and only when its bytes differ from what is there, so a
failed build leaves the previous site exactly as it was and unchanged files keep their mtimes.

Fast at 10,000 reports:

- a build cache (reportsite/cache.py) remembers, for every report file, its stat, digest
  and parse result, and for every output file the key of its inputs (template closure,
  page data, body digest) and its stat. A rebuild reads only the changed files and
  renders only the pages whose key changed or whose file in site/ is not as written;
- when nothing read changed and site/ is as written, nothing is computed at all; when only
  bodies changed, the catalogue comes from the cache and only those reports' pages (and
  what statistics and search derive from the bodies) are redone;
- cold builds (and any build with many files to read or pages to render) use a pool of
  forked worker processes, one per CPU: workers read and parse the files (and run the
  statistics extraction), keep the bodies, render their report pages straight into the
  staging folder; a new site is that folder, renamed into place. A worker reads its
  commands in a thread of its own, so the next chunk is already waiting when it finishes
  one, and while it has none (the parent checking and cataloguing) it renders the Markdown
  of the bodies it holds ahead. In a cold build the workers append the bodies' plain texts
  to spool files in the staging folder, where search's workers read them: this process
  never holds them;
- `render_site()` is the plain, uncached, single-process reference: a cached or
  parallel build writes exactly the bytes it returns (tests check this).

`REPORTSITE_TIMINGS=1` prints the seconds spent per phase; `REPORTSITE_JOBS=N` sets the
number of workers (default: one per CPU; 1: none).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import pickle
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import cache as cachemod
from .cache import FileRecord, OutputRecord, State, Store, digest, is_racy, output_stat, stat_key
from .config import Settings, SettingsError, load_settings
from .content import ContentError, Problem, display_path
from .progress import Progress

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".reportsite-manifest.json"
PARALLEL_MIN = 300  # fewer files to read / pages to render than this: done in this process
CHUNK = 200  # files or pages sent to a worker at a time
SPOOL = ".reportsite-texts"  # in the staging folder: the texts for search, written by the workers of a cold build
PAIRS_PARALLEL_MIN = 32  # fewer report pairs to compare for the statistics than this: done in this process
PAIRS_CHUNK = 50  # report pairs sent to a worker at a time (≈ 3 ms each)


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
    read: int = 0  # report files read and parsed (the others came from the cache)
    rendered: int = 0  # pages rendered (the others were up to date)
    written_paths: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)  # (phase, seconds)


@dataclass(frozen=True)
class Project:
    """Where a build reads from and writes to."""

    content: Path
    site: Path
    templates: Path
    theme: Path
    root: Path | None = None  # the project's folder (holds .cache/); None: the working folder


def page_context(page, settings: Settings) -> dict:
    from .pages import root_of

    root = "" if page.path == "404.html" and settings.base_path else root_of(page.path)
    canonical = settings.base_url + page.path.removesuffix("index.html") if settings.base_url and page.path != "404.html" else None
    return {
        **page.context,
        "root": root,
        "site": {"title": settings.title, "description": settings.description, "language": settings.language,
                 "base_path": settings.base_path if page.path == "404.html" else ""},
        "page": {"path": page.path, "lang": page.lang or settings.language, "canonical": canonical},
    }


# --- the reference build: everything, in memory, in this process -------------------------------

def render_site(reports, settings: Settings, project: Project) -> dict[str, bytes]:
    """Every output file of the site, as bytes, keyed by its site-relative path."""
    from .data import data_files, data_page
    from .pages import Catalogue, Page, build_catalogue, diff_pages, home_page, index_pages, other_pages, report_page
    from .render import make_environment, render_markdown, render_template
    from .search import search_entries, search_files
    from .stats.site import build_site_stats

    env = make_environment(project.templates)
    catalogue: Catalogue = build_catalogue(reports)
    site_stats = build_site_stats(reports, catalogue)  # statistics: per report stats.extract_stats(body), pure
    data = data_files(reports, catalogue, site_stats, settings)  # data/*, feed.xml, sitemap.xml, robots.txt
    pages: list[Page] = [home_page(catalogue, site_stats), *index_pages(catalogue, site_stats), *other_pages(),
                         *diff_pages(site_stats), data_page(data)]
    texts: dict[str, str] = {}  # search: each body as plain text
    for report in reports:
        body = render_markdown(report.body)
        texts[report.slug] = body.text
        pages.append(report_page(report, body, catalogue, site_stats))
    out: dict[str, bytes] = {}
    for page in pages:
        if page.path in out:
            raise BuildError(f"two pages map to the same file {page.path}; rename one of the reports' slugs")
        out[page.path] = render_template(env, page.template, page_context(page, settings), project.templates).encode("utf-8")
    out.update(static_files(project, reports))
    out.update(data)
    out.update(search_files(search_entries(reports, catalogue.summaries, texts)))  # search index: reportsite/search.py
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


# --- writing -----------------------------------------------------------------------------------

def write_site(site: Path, files: dict[str, bytes]) -> tuple[int, int, int]:
    """Write changed files atomically, remove files of the previous build that are gone.

    Returns (written, unchanged, removed). Only files this tool wrote before (listed
    in the manifest) are ever removed, so a wrong `--site` cannot delete anything else.
    """
    site.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    writer = _Writer(site)
    for rel, data in sorted(files.items()):
        if writer.write_if_changed(rel, data, None)[1]:
            written += 1
        else:
            unchanged += 1
    removed = remove_stale(site, read_manifest(site), set(files))
    write_manifest(site, files)
    return written, unchanged, removed


def read_manifest(site: Path) -> list[str]:
    try:
        files = json.loads((site / MANIFEST).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def manifest_bytes(files) -> bytes:
    """`json.dumps({"generator": "reportsite", "files": sorted(files)}, ensure_ascii=False, indent=0)` in UTF-8,
    each path encoded by json's C function: with an indent, json.dumps runs its Python encoder, ~35 ms for the
    40,000 paths of a 10,000-report site, on every build that writes a file."""
    from json.encoder import encode_basestring

    paths = sorted(files)
    listed = "[\n" + ",\n".join(map(encode_basestring, paths)) + "\n]" if paths else "[]"
    return ('{\n"generator": "reportsite",\n"files": ' + listed + "\n}").encode("utf-8")


def write_manifest(site: Path, files) -> None:
    manifest_path = site / MANIFEST
    manifest = manifest_bytes(files)
    try:
        same = manifest_path.read_bytes() == manifest
    except OSError:
        same = False
    if not same:
        atomic_write(manifest_path, manifest)


def remove_stale(site: Path, previous: list[str], current: set[str]) -> int:
    removed = 0
    for rel in sorted(set(previous) - current):
        if not _inside(rel):
            continue
        target = site / rel
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed += 1
            _remove_empty_parents(target.parent, site)
    return removed


def _inside(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "\\" not in rel


_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0)
        os.umask(_UMASK)
    return _UMASK


def atomic_write(target: Path, data: bytes) -> None:
    with cachemod.atomic_file(target, mode=0o644) as f:
        f.write(data)


def _make_folder(folder: str, made: set[str]) -> None:
    """os.makedirs once per folder and writer (thousands of files share a few folders)."""
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _write_new(path: str, data, flags: int) -> os.stat_result:
    """Write `data` into the file `path` (mode 0644 whatever the umask); its stat before it is closed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if _umask() & 0o644:
            os.fchmod(fd, 0o644)
        return os.fstat(fd)
    finally:
        os.close(fd)


def _already_there(target: str, size: int, d: bytes, old: OutputRecord | None, key: bytes, kind: str,
                   new_bytes) -> OutputRecord | None:
    """The record of `target` when it already holds the new file (`size` bytes, digest `d`): trusted by its
    stat when the last build wrote these very bytes there, else by comparing contents (`new_bytes()`).
    None when it must be written."""
    try:
        current = os.stat(target)
    except OSError:
        return None
    if current.st_size != size:
        return None
    if old is not None and old.digest == d and old.stat == output_stat(current):
        return OutputRecord(key, d, old.stat, kind)
    try:
        with open(target, "rb") as f:
            same = f.read() == new_bytes()
    except OSError:
        return None
    return OutputRecord(key, d, output_stat(current), kind) if same else None


class _Writer:
    """Writes files into site/ atomically, only when their bytes differ from what is there."""

    def __init__(self, site: Path):
        self.site = site
        self.folders: set[str] = set()
        self.count = 0
        self.prefix = f".tmp-{os.getpid()}-{time.monotonic_ns() % 1_000_000}-"

    def write_if_changed(self, rel: str, data: bytes, old: OutputRecord | None, key: bytes = b"",
                         kind: str = "page", data_digest: bytes | None = None) -> tuple[OutputRecord, bool]:
        """(record of the file as it now is, whether it was written)."""
        if not _inside(rel):
            raise BuildError(f"refusing to write {rel!r}: not a path inside the site folder")
        target = os.path.join(self.site, rel)
        d = data_digest if data_digest is not None else digest(data)
        kept = _already_there(target, len(data), d, old, key, kind, lambda: data)
        if kept is not None:
            return kept, False
        folder = os.path.dirname(target)
        _make_folder(folder, self.folders)
        self.count += 1
        tmp = os.path.join(folder, f"{self.prefix}{self.count}")
        try:
            _write_new(tmp, data, os.O_EXCL)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return OutputRecord(key, d, output_stat(os.stat(target)), kind), True


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


# --- reading the content -----------------------------------------------------------------------

class Found:
    """One entry of content/reports/, in load order. `path` is made when first asked for: a rebuild
    scans 10,000 files and needs the Path of only those it reads."""

    __slots__ = ("_path", "rel", "stat", "problem")

    def __init__(self, path: Path | str, rel: str, stat: os.stat_result | None, problem: Problem | None = None):
        self._path, self.rel, self.stat, self.problem = path, rel, stat, problem

    @property
    def path(self) -> Path:
        if not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path


class _PathOf(Mapping):
    """rel → Path of a report file, made on access from the scan's `Found` entries."""

    def __init__(self):
        self._found: dict[str, Found] = {}

    def add(self, found: Found) -> None:
        self._found[found.rel] = found

    def __getitem__(self, rel: str) -> Path:
        return self._found[rel].path

    def __iter__(self):
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __contains__(self, rel: object) -> bool:
        return rel in self._found


def _suffix(name: str) -> str:
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def scan_reports(content_dir: Path) -> list[Found]:
    """What `content.report_files` lists, in the same order, with each file's stat (fast: os.scandir)."""
    reports_dir = content_dir / "reports"
    if not reports_dir.is_dir():
        return [Found(reports_dir, "", None, Problem(display_path(reports_dir), None,
                                                     "folder not found: reports go in content/reports/<slug>.md"))]
    entries: list[tuple[tuple[str, ...], os.DirEntry]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as it:
                listing = list(it)
        except PermissionError:
            return
        for entry in listing:
            here = parts + (entry.name,)
            try:
                real_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                real_dir = False
            if real_dir:
                walk(entry.path, here)
            else:
                entries.append((here, entry))

    walk(str(reports_dir), ())
    entries.sort(key=lambda item: item[0])
    found: list[Found] = []
    for parts, entry in entries:
        try:
            if entry.is_dir():  # a link to a folder
                continue
        except OSError:
            pass
        if entry.name.startswith("."):
            continue
        rel = "/".join(parts)
        path = entry.path  # a Path only when needed (Found.path)
        if _suffix(entry.name) != ".md":
            found.append(Found(path, rel, None, Problem(display_path(Path(path)), None,
                                                        "not a Markdown report (reports end in .md); move it out of content/reports/")))
            continue
        try:
            st = entry.stat()
        except OSError as e:
            found.append(Found(path, rel, None, Problem(display_path(Path(path)), None, f"cannot read this file: {e.strerror}")))
            continue
        found.append(Found(path, rel, st))
    return found


def parse_file(found: Found, seen_ns: int, old: FileRecord | None):
    """(record, the full Report or None). Reads the file; reuses `old`'s parse when the bytes are the same."""
    from .content import read_report

    data = _read_file(found)
    d = digest(data)
    racy = is_racy(found.stat, seen_ns)
    key = stat_key(found.stat)
    if old is not None and old.digest == d:
        return FileRecord(key, d, racy, old.meta, old.problems, old.meta_digest, old.body_digest), None
    try:
        report = read_report(found.path, data)
    except ContentError as e:
        problems = tuple(e.problems)
        return FileRecord(key, d, racy, None, problems, digest(repr(problems).encode()), b""), None
    body, report.body = report.body, ""  # the metadata alone, pickled (a copy of the report costs more)
    try:
        blob = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        report.body = body
    body_digest = digest(body.encode("utf-8", "surrogatepass"))
    return FileRecord(key, d, racy, blob, (), digest(blob), body_digest), report


def _read_file(found: Found) -> bytes:
    """The file's bytes, read by os calls with the size the scan saw (pathlib's read_bytes makes a buffered file
    object for each: a fifth of the time to read and parse a report)."""
    fd = os.open(found._path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = found.stat.st_size if found.stat is not None else 0
        first = os.read(fd, size + 1)
        if len(first) <= size:  # a short read of a regular file: its end (one read when the size is the scan's)
            return first
        chunks = [first]  # it grew since the scan (or its size is unknown)
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_full_report(found_path: Path, record: FileRecord):
    """Read a report again for rendering; its bytes must be those the build parsed."""
    from .content import read_report

    data = found_path.read_bytes()
    if digest(data) != record.digest:
        raise BuildError(f"{display_path(found_path)}: changed while the site was being built; build again")
    if record.meta is not None:  # the front matter is already parsed: take the body alone (no YAML)
        from .content import split_front_matter

        try:
            text = data.decode("utf-8")
            if text.startswith("\ufeff"):
                text = text[1:]
            body = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), "")[1]
        except (UnicodeDecodeError, ContentError):
            body = None
        if body is not None and digest(body.encode("utf-8", "surrogatepass")) == record.body_digest:
            report = pickle.loads(record.meta)
            report.body = body
            return report
    return read_report(found_path, data)  # the parse gives another body than this shortcut: trust the parse


# --- templates -----------------------------------------------------------------------------------

def template_closures(templates_dir: Path, old: dict[str, tuple[bytes, tuple]]) -> tuple[dict, dict[str, bytes]]:
    """(name → (digest, referenced names)), and for each template the digest of itself and all it uses."""
    info: dict[str, tuple[bytes, tuple]] = {}
    sources: dict[str, bytes] = {}
    if templates_dir.is_dir():
        for folder, dirs, files in os.walk(templates_dir):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, templates_dir).replace(os.sep, "/")
                try:
                    data = Path(path).read_bytes()
                except OSError:
                    continue
                sources[rel] = data
    env = None
    for name, data in sources.items():
        d = digest(data)
        previous = old.get(name)
        if previous is not None and previous[0] == d:
            info[name] = previous
            continue
        refs: tuple = ("*",)
        try:
            import jinja2
            from jinja2 import meta

            if env is None:
                env = jinja2.Environment()
            found = list(meta.find_referenced_templates(env.parse(data.decode("utf-8"))))
            refs = ("*",) if any(r is None for r in found) else tuple(sorted(set(found)))
        except Exception:  # a syntax error: rendering will report it; meanwhile depend on everything
            refs = ("*",)
        info[name] = (d, refs)
    closures: dict[str, bytes] = {}
    for name in info:
        seen = {name}
        todo = [name]
        everything = False
        while todo:
            current = todo.pop()
            refs = info.get(current, (b"", ()))[1]
            if "*" in refs:
                everything = True
                break
            for r in refs:
                if r not in seen:
                    seen.add(r)
                    todo.append(r)
        members = sorted(info) if everything else sorted(seen)
        h = hashlib.blake2b(digest_size=16)
        for m in members:
            h.update(m.encode() + b"\0" + info.get(m, (b"missing", ()))[0])
        closures[name] = h.digest()
    return info, closures


def _missing_template_key(name: str) -> bytes:
    return digest(b"missing template\0" + name.encode())


def page_key(template_closure: bytes, context: dict) -> bytes:
    """Digest of a page's template (with all it includes) and its data.

    The data is pickled without pickle's memo, so equal data gives equal bytes however its
    objects happen to be shared (a memo would write a shared string once, two equal ones twice).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(context)
    return digest(template_closure + buffer.getvalue())


def _placeholder_body(body_digest: bytes):
    from .render import RenderedBody

    return RenderedBody(html="\0body " + body_digest.hex(), toc=(), text="")


# --- the worker pool ---------------------------------------------------------------------------

class _WorkerState:
    def __init__(self):
        self.reports: dict[str, object] = {}  # rel → full Report, parsed by this worker this build
        self.bodies: dict[str, object] = {}  # rel → its body rendered (RenderedBody) ahead of its page
        self.unrendered: list[str] = []  # rels of the reports held here whose body is not rendered yet
        self.outputs: dict[str, bytes] = {}  # site path → bytes rendered by this worker, waiting to be written
        self.catalogue = None
        self.settings: Settings | None = None
        self.project: Project | None = None
        self.closures: dict[str, bytes] = {}
        self.env = None
        self.jinja_cache: str | None = None
        self.stage: _Stage | None = None
        self.spool: str | None = None  # the folder of the texts' spool files (search reads them), or None
        self.spool_fd: int | None = None
        self.spool_size = 0

    def get_catalogue(self):
        return self.catalogue

    def spooled(self, text: str):
        """`text` appended to this worker's spool file: where search's worker reads it (search.SpooledText)."""
        from .search import SpooledText

        path = os.path.join(self.spool, f"{os.getpid()}.txt")
        if self.spool_fd is None:
            self.spool_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        raw = text.encode("utf-8", "surrogatepass")
        view = memoryview(raw)
        while view:
            view = view[os.write(self.spool_fd, view):]
        self.spool_size += len(raw)
        return SpooledText(path, self.spool_size - len(raw), len(raw))

    def closure(self, template: str) -> bytes:
        return self.closures.get(template, _missing_template_key(template))

    def prerender_one(self) -> bool:
        """Render the Markdown of one report held here whose page is still to render; False when there is none.
        (Run while this worker would otherwise wait: the body does not depend on the catalogue.)"""
        while self.unrendered:
            rel = self.unrendered.pop()
            report = self.reports.get(rel)
            if report is not None and rel not in self.bodies:
                from .render import render_markdown

                body = render_markdown(report.body)
                report.body = ""  # not read again (the page takes the rendered body): memory
                if self.spool is not None:  # the text for search goes to the spool now, not when the page is made
                    body = dataclasses.replace(body, text=self.spooled(body.text))
                elif "search" in _without():
                    body = dataclasses.replace(body, text="")
                self.bodies[rel] = body
                return True
        return False


def _worker_main(conn) -> None:
    import gc
    import queue
    import threading

    gc.freeze()  # leave the parent's objects alone (copy-on-write)
    state = _WorkerState()
    # Commands are read as they come, by a thread of their own: the parent sends the next chunk before this one is
    # done (_Pool.run), and neither side may block on a full pipe while the other does.
    commands: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = ("stop", None)
            commands.put(message)
            if message[0] == "stop":
                return

    threading.Thread(target=read, daemon=True).start()
    while True:
        if commands.empty() and state.prerender_one():  # idle (e.g. while the parent checks and catalogues)
            continue
        try:
            cmd, payload = commands.get()
        except KeyboardInterrupt:
            return
        if cmd == "stop":
            return
        try:
            result = _HANDLERS[cmd](state, payload)
            conn.send(("ok", result))
        except BaseException as e:  # noqa: BLE001 - reported to the parent, which decides
            import traceback

            kind = type(e).__name__
            conn.send(("error", (kind, str(e), traceback.format_exc())))


def _w_parse(state: _WorkerState, payload):
    """Read and parse files; keep the reports here for rendering. With `extract`, also return each
    body and its statistics extraction (stats.site.cached_extract: a pure function of the body),
    so that this per-report work runs in the pool rather than in the parent."""
    seen_ns, items, extract, state.spool = payload
    out = []
    for found, old in items:
        record, report = parse_file(found, seen_ns, old)
        extra = None
        if report is not None:
            state.reports[found.rel] = report
            state.unrendered.append(found.rel)
            if extract:
                from .stats.site import cached_extract

                extra = (report.body, cached_extract(report.body))
        out.append((found.rel, record, report is not None, extra))
    return out


def _w_setup(state: _WorkerState, payload):
    catalogue_blob, settings, project, closures, jinja_cache, stage, spool = payload
    from .pages import catalogue_from_blob

    state.catalogue = catalogue_from_blob(catalogue_blob)
    state.settings, state.project, state.closures, state.jinja_cache = settings, project, closures, jinja_cache
    state.stage = _Stage(Path(stage), create=False) if stage else None
    state.spool = spool
    state.env = None
    return None


def _w_render(state: _WorkerState, items):
    out = []
    for rel, path, record in items:
        report = state.reports.pop(rel, None)
        if report is None:
            report = load_full_report(path, record)
        page_path, data, key, text = render_report_page(report, record, state, state.bodies.pop(rel, None))
        d = digest(data)
        if state.stage is not None:  # straight into the staging folder: nothing held in memory
            staged = state.stage.put(page_path, data)
        else:
            state.outputs[page_path] = data
            staged = None
        if "search" in _without():
            text = ""
        elif state.spool is not None and isinstance(text, str):  # (else spooled already, with its body)
            text = state.spooled(text)
        out.append((page_path, d, key, (record.body_digest, text), staged))
    return out


def _w_render_pages(state: _WorkerState, pages):
    """Render pages given whole (index, side-by-side…) into the staging folder."""
    from .render import render_template

    if state.env is None:
        state.env = _environment(state.project.templates, state.jinja_cache)
    out = []
    for page in pages:
        context = page_context(page, state.settings)
        key = page_key(state.closure(page.template), context)
        data = render_template(state.env, page.template, context, state.project.templates).encode("utf-8")
        out.append((page.path, digest(data), key, state.stage.put(page.path, data)))
    return out


def _w_write(state: _WorkerState, payload):
    site, olds = payload
    writer = _Writer(site)
    out = []
    for rel, data in sorted(state.outputs.items()):
        record, wrote = writer.write_if_changed(rel, data, olds.get(rel), kind="page")
        out.append((rel, record, wrote))
    state.outputs.clear()
    from .slugs import PINYIN_MEMO

    return out, dict(PINYIN_MEMO)


def _w_stats(state: _WorkerState, payload):
    state.stats_reports = payload  # stats.buildstep.ReportContexts: the statistics panels of report pages (or None)
    return None


def _w_compare(state: _WorkerState, items):
    """Pairs of bodies compared for the statistics (repetition share and side-by-side: stats.buildstep.compare_pairs)."""
    from .stats.buildstep import compare_pairs

    return compare_pairs(items)


def _w_memo(state: _WorkerState, payload):
    from .slugs import PINYIN_MEMO

    return dict(PINYIN_MEMO)


_HANDLERS = {"parse": _w_parse, "setup": _w_setup, "render": _w_render, "render_pages": _w_render_pages,
             "write": _w_write, "memo": _w_memo,
             "stats": _w_stats, "compare": _w_compare}


def render_report_page(report, record: FileRecord, state, body=None) -> tuple[str, bytes, bytes, str]:
    """(path, bytes, key, plain text of the body) of one report's page; `state` has catalogue, settings, project, closures;
    `body`: the report's body rendered already, if it was (its text then may be a search.SpooledText already)."""
    from .pages import report_page, without_body
    from .render import render_markdown, render_template

    if state.env is None:
        state.env = _environment(state.project.templates, state.jinja_cache)
    catalogue = state.get_catalogue()
    stats = getattr(state, "stats_reports", None)
    if body is None:
        body = render_markdown(report.body)
    page = report_page(report, body, catalogue, stats)
    placeholder = without_body(page, _placeholder_body(record.body_digest))  # the key the build compares
    key = page_key(state.closure(placeholder.template), page_context(placeholder, state.settings))
    html = render_template(state.env, page.template, page_context(page, state.settings), state.project.templates)
    return page.path, html.encode("utf-8"), key, body.text


class _Stage:
    """The staging folder beside site/: a build's new files go there first, and into site/ only once
    everything has rendered (a failed build removes it and leaves site/ as it was)."""

    def __init__(self, folder: Path, create: bool = True):
        self.folder = folder
        self.made: set[str] = set()
        if create:
            folder.mkdir()

    def put(self, rel: str, data: bytes) -> tuple:
        """Write one file; its output_stat (which a rename of the whole folder keeps)."""
        if not _inside(rel):
            raise BuildError(f"refusing to write {rel!r}: not a path inside the site folder")
        target = os.path.join(self.folder, rel)
        _make_folder(os.path.dirname(target), self.made)
        return output_stat(_write_new(target, data, os.O_TRUNC))

    def read(self, rel: str) -> bytes:
        with open(os.path.join(self.folder, rel), "rb") as f:
            return f.read()

    def move_in(self, site: Path, rel: str, d: bytes, st: tuple, old: OutputRecord | None, key: bytes,
                kind: str) -> tuple[OutputRecord, bool]:
        """Move one staged file into site/ unless site/ already has these bytes: (record, moved)."""
        target = os.path.join(site, rel)
        kept = _already_there(target, st[0], d, old, key, kind, lambda: self.read(rel))
        if kept is not None:
            return kept, False
        _make_folder(os.path.dirname(target), self.made)
        os.replace(os.path.join(self.folder, rel), target)
        return OutputRecord(key, d, output_stat(os.stat(target)), kind), True

    def remove(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def _empty_or_missing(folder: Path) -> bool:
    try:
        with os.scandir(folder) as it:
            return next(it, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _stage_for(site: Path) -> _Stage | None:
    """A new staging folder beside site/ (same file system: files move in by rename), or None."""
    site = Path(os.path.abspath(site))
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for n in range(100):
        folder = site.parent / f".{site.name}.reportsite-stage-{os.getpid()}-{n}"
        try:
            return _Stage(folder)
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def _remove_dead_stages(site: Path) -> None:
    """Staging folders left by builds that were killed (their process is gone)."""
    import shutil

    site = Path(os.path.abspath(site))
    try:
        entries = list(os.scandir(site.parent))
    except OSError:
        return
    prefix = f".{site.name}.reportsite-stage-"
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            pid = entry.name[len(prefix):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid():
                try:
                    os.kill(int(pid), 0)
                    continue  # a build still running
                except ProcessLookupError:
                    pass
                except OSError:
                    continue
                shutil.rmtree(entry.path, ignore_errors=True)


class _Pool:
    """Forked worker processes, each with a pipe; work is sent in chunks to whichever is free."""

    def __init__(self, jobs: int):
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.workers = []
        for _ in range(jobs):
            parent, child = ctx.Pipe()
            process = ctx.Process(target=_worker_main, args=(child,), daemon=True)
            process.start()
            child.close()
            self.workers.append((process, parent))

    def run(self, cmd: str, own: list[list], shared: list, on_result=None, steal: bool = False) -> list[list]:
        """Send `own[i]` (a list of chunks) to worker i, and the `shared` chunks to any free worker; with `steal`,
        a worker that has run out takes the last unsent chunk of the one with most left (any worker can do any
        chunk, only more cheaply its own: a report it holds).

        Returns each worker's results in the order its chunks were sent. Raises on the first error
        (after every worker has answered, so the pipes stay in step).
        """
        from multiprocessing.connection import wait

        queues = [list(chunks) for chunks in own] + [[] for _ in range(len(self.workers) - len(own))]
        shared = list(shared)
        results: list[list] = [[] for _ in self.workers]
        waiting: dict = {}  # pipe → (worker, chunks sent and not answered yet)
        error = None

        def feed(i: int) -> None:
            chunk = queues[i].pop(0) if queues[i] else (shared.pop(0) if shared else None)
            if chunk is None and steal:
                most = max(range(len(queues)), key=lambda j: len(queues[j]))
                if len(queues[most]) >= 2:  # (its last chunk, when it has one other to go on with)
                    chunk = queues[most].pop()
            if chunk is not None and error is None:
                conn = self.workers[i][1]
                conn.send((cmd, chunk))
                waiting[conn] = (i, waiting[conn][1] + 1 if conn in waiting else 1)

        # Two chunks ahead per worker: the next is already in its pipe when it finishes one, however busy this
        # process is meanwhile (it may be rendering pages of its own, holding the GIL).
        for _ in range(2):
            for i in range(len(self.workers)):
                feed(i)
        while waiting:
            for conn in wait(list(waiting)):
                i, sent = waiting.pop(conn)
                if sent > 1:
                    waiting[conn] = (i, sent - 1)
                try:
                    status, value = conn.recv()
                except EOFError:
                    status, value = "error", ("WorkerDied", "a build worker process died", "")
                    waiting.pop(conn, None)
                if status == "ok":
                    results[i].append(value)
                    if on_result is not None:
                        on_result(value)
                elif error is None:
                    error = value
                feed(i)
        if error is not None:
            kind, message, trace = error
            from .render import TemplateProblem

            if kind == "TemplateProblem":
                raise TemplateProblem(message)
            if kind == "BuildError":
                raise BuildError(message)
            raise BuildError(f"a build worker failed: {kind}: {message}\n{trace}")
        return results

    def call_all(self, cmd: str, payload) -> list:
        for _, conn in self.workers:
            conn.send((cmd, payload))
        out = []
        error = None
        for _, conn in self.workers:
            try:
                status, value = conn.recv()
            except EOFError:
                status, value = "error", ("WorkerDied", "a build worker process died", "")
            if status == "ok":
                out.append(value)
            elif error is None:
                error = value
        if error is not None:
            raise BuildError(f"a build worker failed: {error[0]}: {error[1]}\n{error[2]}")
        return out

    def close(self) -> None:
        for process, conn in self.workers:
            try:
                conn.send(("stop", None))
            except (OSError, BrokenPipeError):
                pass
        for process, conn in self.workers:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
            conn.close()
        self.workers = []


def _can_fork() -> bool:
    """The pool relies on fork() to share the loaded state (not on Windows). Checked without importing
    multiprocessing, which a rebuild that needs no pool should not pay for."""
    return hasattr(os, "fork") and sys.platform != "win32"


def default_jobs() -> int:
    """Worker processes: REPORTSITE_JOBS, else one per CPU this process may use; 1 (none) without fork()."""
    if not _can_fork():
        return 1
    value = os.environ.get("REPORTSITE_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _chunks(items: list, size: int | None = None) -> list[list]:
    size = size or CHUNK  # read at each call (tests make chunks smaller)
    return [items[i:i + size] for i in range(0, len(items), size)]


# --- the build -----------------------------------------------------------------------------------

def build(project: Project, settings: Settings, keep_going: bool = False, use_cache: bool = True,
          jobs: int | None = None, show_progress: bool | None = None) -> BuildResult:
    """Build the site. Reads, validates and renders everything needed before writing anything.

    `use_cache=False` ignores the build cache (and writes a new one); `jobs` is the number of
    worker processes for large amounts of work (default: one per CPU; 1: none).
    """
    check_site_folder(project.site)
    jobs = 1 if not _can_fork() else default_jobs() if jobs is None else max(1, jobs)
    run = _Run(project, settings, keep_going, use_cache, jobs,
               Progress("", 0, enabled=show_progress))
    _remove_dead_stages(project.site)
    try:
        return run.build()
    finally:
        run.progress.close()
        if run.pool is not None:
            run.pool.close()
        if run.stage is not None:  # the build failed before its files went into site/
            run.stage.remove()


class _StageWriter:
    """search's `write`: a file into the staging folder, giving its `staged` entry (digest, key, kind, stat).
    Called in search's worker processes too (forked: the folder is the same)."""

    def __init__(self, stage: _Stage):
        self.stage = stage

    def __call__(self, path: str, data: bytes) -> tuple:
        d = digest(data)
        return (d, d, "search", self.stage.put(path, data))


def _intact_paths(site: Path, outputs: list[tuple[str, OutputRecord]]) -> set[str]:
    """The paths of `outputs` whose file is as its record says (`_Run._intact` for many files): stats relative to
    each folder's descriptor, which saves walking the path each time (a body edit checks ~48,000 search files)."""
    by_folder: dict[str, list[tuple[str, str, tuple]]] = {}
    for path, rec in outputs:
        folder, _, name = path.rpartition("/")
        by_folder.setdefault(folder, []).append((name, path, rec.stat))
    ok: set[str] = set()
    stat = os.stat
    for folder, items in by_folder.items():
        try:
            fd = os.open(os.path.join(site, folder), os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            for name, path, want in items:
                try:
                    st = stat(name, dir_fd=fd)
                except OSError:
                    continue
                if (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) == want:
                    ok.add(path)
        finally:
            os.close(fd)
    return ok


class _Run:
    """One build: its inputs, the previous state, the new state, the worker pool if any."""

    def __init__(self, project: Project, settings: Settings, keep_going: bool, use_cache: bool, jobs: int, progress: Progress):
        self.project, self.settings, self.keep_going, self.jobs, self.progress = project, settings, keep_going, jobs, progress
        self.store = Store(project.root or Path.cwd(), project.content, project.site)
        self.site_prefix = os.path.join(str(project.site), "")
        self.old: State | None = self.store.load() if use_cache else None
        self.state = State(code=cachemod.code_version())
        self.pool: _Pool | None = None
        self.only_bodies = False  # only bodies changed since the last build: its catalogue is this one's
        self.spool: Path | None = None  # the texts for search, spooled by the workers of a cold build (in the stage)
        self.stage: _Stage | None = None
        self.catalogue = None
        self.catalogue_blob = b""
        self.env = None  # Jinja environment of this process, made when first needed
        self.closures: dict[str, bytes] = {}
        self.jinja_cache = str(self.store.folder / "jinja")
        self.bodies: dict[str, str] = {}  # rel → body, returned by the workers (for statistics)
        self.extractions: dict[bytes, object] = {}  # body digest → statistics extraction, from the workers
        self.pending_blobs: dict[str, dict] = {}  # suffix → dict written beside the build cache with it (e.g. ".search")
        self.timings: list[tuple[str, float]] = []
        self._t0 = time.perf_counter()
        if self.old is not None:
            from . import slugs

            for word, value in self.old.extra.get("pinyin", {}).items():
                slugs.PINYIN_MEMO.setdefault(word, value)

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings.append((phase, now - self._t0))
        self._t0 = now

    def get_pool(self) -> _Pool:
        if self.pool is None:
            # Import here what every worker needs, once, before forking (shared copy-on-write).
            from . import pages, render  # noqa: F401
            from .slugs import pinyin_word

            if self.old is None or not self.old.extra.get("pinyin"):
                pinyin_word("预热")  # loads pypinyin's dictionaries (a cached build has most words memoised)
            if "stats" not in _without():
                from .stats import site  # noqa: F401
            if "search" not in _without():
                from . import search  # noqa: F401  the workers' spool files hold search.SpooledText
            self.pool = _Pool(self.jobs)
        return self.pool

    def get_catalogue(self):
        if self.catalogue is None:
            from .pages import catalogue_from_blob

            self.catalogue = catalogue_from_blob(self.catalogue_blob)
        return self.catalogue

    # The steps, in order.

    def build(self) -> BuildResult:
        project, settings, old, state = self.project, self.settings, self.old, self.state
        result = BuildResult()
        old_files = old.files if old is not None else {}
        old_outputs = old.outputs if old is not None else {}

        # 1. Which report files changed: stat, then digest; read and parse those.
        seen_ns = time.time_ns()
        found = scan_reports(project.content)
        records: dict[str, FileRecord] = {}
        to_read: list[Found] = []
        for f in found:
            if f.problem is not None:
                continue
            rec = old_files.get(f.rel)
            if rec is not None and not rec.racy and rec.stat == stat_key(f.stat):
                records[f.rel] = rec
            else:
                to_read.append(f)
        fresh: dict[str, object] = {}  # rel → full Report parsed in this process
        held_by: dict[str, int] = {}  # rel → worker holding its full Report
        result.read = len(to_read)
        if len(to_read) >= PARALLEL_MIN:
            self.progress.set_label("reading reports", len(to_read))
        if self.jobs > 1 and len(to_read) >= PARALLEL_MIN:
            if old is None and "search" not in _without():
                # A cold build: the workers write the texts for search into spool files (in the staging folder,
                # removed before it becomes site/), from the bodies they render ahead on; this process keeps
                # where they are, not the texts.
                self.stage = _stage_for(project.site)
                if self.stage is not None:
                    self.spool = self.stage.folder / SPOOL
                    self.spool.mkdir()
            extract = "stats" not in _without()
            spool = str(self.spool) if self.spool is not None else None
            # To whichever worker is free: each keeps the reports it parses and renders their pages later
            # (_w_render), and one left with more of them than the other hands chunks over then (`steal`).
            chunks = [(seen_ns, [(f, old_files.get(f.rel)) for f in chunk], extract, spool) for chunk in _chunks(to_read)]
            answers = self.get_pool().run("parse", [], chunks, on_result=lambda r: self.progress.advance(len(r)))
            for i, worker_answers in enumerate(answers):
                for answer in worker_answers:
                    for rel, record, kept, extra in answer:
                        records[rel] = record
                        if kept:
                            held_by[rel] = i
                        if extra is not None:
                            self.bodies[rel] = extra[0]
                            self.extractions[record.body_digest] = extra[1]
            del answers  # the bodies and extractions live on in self.bodies / self.extractions only until the statistics use them
        else:
            for f in to_read:
                record, report = parse_file(f, seen_ns, old_files.get(f.rel))
                records[f.rel] = record
                if report is not None:
                    fresh[f.rel] = report
                self.progress.advance()
        state.files = records
        self.mark("scan and read")

        # 2. Problems, file by file then across files; the keys of the archive's metadata and settings.
        problems: list[Problem] = []
        meta_hash = hashlib.blake2b(digest_size=16)
        path_of = _PathOf()
        for f in found:
            if f.problem is not None:
                problems.append(f.problem)
                meta_hash.update(b"P" + str(f.problem).encode() + b"\0")
                continue
            rec = records[f.rel]
            path_of.add(f)
            meta_hash.update(f.rel.encode() + b"\0" + rec.meta_digest)
            problems.extend(rec.problems)
        meta_hash.update(b"raw\0" + "\0".join(_raw_listing(project.content / "raw")).encode())
        state.meta_key = meta_hash.digest()
        state.templates, self.closures = template_closures(project.templates, old.templates if old is not None else {})
        env_hash = hashlib.blake2b(repr(settings).encode() + b"\0" + str(project.templates.resolve()).encode()
                                   + b"\0" + ",".join(sorted(_without())).encode(), digest_size=16)
        for name in sorted(state.templates):
            env_hash.update(name.encode() + b"\0" + state.templates[name][0])
        state.env_key = env_hash.digest()
        only_bodies = (old is not None and old.meta_key == state.meta_key and old.env_key == state.env_key
                       and bool(old.catalogue) and "report_paths" in old.extra)
        self.only_bodies = only_bodies
        metas: dict[str, object] = {}

        def meta_of(rel: str):
            if rel not in metas:
                metas[rel] = pickle.loads(records[rel].meta)
            return metas[rel]

        if only_bodies:
            good_rels, cross = list(old.good), list(old.cross_problems)
        else:
            from .content import check_reports

            candidates, rel_of = [], {}
            for f in found:
                if f.problem is None and records[f.rel].meta is not None:
                    m = meta_of(f.rel)
                    rel_of[id(m)] = f.rel
                    candidates.append(m)
            good, cross = check_reports(candidates, project.content)
            good_rels = [rel_of[id(m)] for m in good]
        problems.extend(cross)
        state.good, state.cross_problems = good_rels, list(cross)
        result.problems = problems
        if problems and not self.keep_going:
            return result
        self.mark("check")

        # Nothing read changed (front matter, bodies, raw files present, templates, settings) and every
        # file the last build wrote is still as written: nothing to compute, render or write but the
        # static files (theme, raw texts), which are checked on their own.
        if (old is not None and old.meta_key == state.meta_key and old.env_key == state.env_key
                and "report_paths" in old.extra and records.keys() == old_files.keys()
                and all(old_files[rel].body_digest == rec.body_digest for rel, rec in records.items())
                and all(rec.kind == "static" or self._intact(path, rec) for path, rec in old_outputs.items())):
            return self.nothing_changed(result, good_rels, meta_of, records)

        # 3. Which pages must be rendered: those whose key changed or whose file is not as written.
        site = project.site
        if only_bodies:
            self.catalogue_blob = old.catalogue
        else:
            from .pages import build_catalogue, catalogue_blob

            self.catalogue = build_catalogue([meta_of(rel) for rel in good_rels])
            self.catalogue_blob = catalogue_blob(self.catalogue)
        state.catalogue = self.catalogue_blob
        self.stats = self.statistics_step(good_rels, meta_of, records, path_of, fresh)  # reportsite/stats/buildstep.py
        self.stats_reports = self.stats.reports

        def disk_ok(path: str, rec: OutputRecord | None) -> bool:
            return rec is not None and self._intact(path, rec)

        report_path_of: dict[str, str] = {}
        other_render: list = []  # Page objects to render in this process
        report_render: list[str] = []  # rels of the reports whose page must be rendered
        new_outputs: dict[str, OutputRecord] = {}
        page_paths: set[str] = set()
        if only_bodies:
            stale_other: set[str] = set()
            old_paths = old.extra["report_paths"]
            for rel in good_rels:
                path = old_paths[rel]
                report_path_of[rel] = path
                page_paths.add(path)
                rec_old = old_outputs.get(path)
                if old_files.get(rel) is not None and old_files[rel].body_digest == records[rel].body_digest and disk_ok(path, rec_old):
                    new_outputs[path] = rec_old
                else:
                    report_render.append(rel)
            for path, rec_old in old_outputs.items():
                if rec_old.kind == "page" and path not in page_paths:
                    page_paths.add(path)
                    if disk_ok(path, rec_old):
                        new_outputs[path] = rec_old
                    else:
                        stale_other.add(path)
            if stale_other or self.stats.recomputed:
                from .pages import home_page, index_pages, other_pages

                cat, view = self.get_catalogue(), self.stats.view
                stats_paths = {p.path for p in self.stats.pages or []}
                candidates = [home_page(cat, view), *index_pages(cat, view), *other_pages(), *(self.stats.pages or [])]
                candidates += [p for p in map(self.stats.page_for, sorted(stale_other - {c.path for c in candidates})) if p]
                for p in candidates:
                    rec_old = old_outputs.get(p.path)
                    if self.stats.changed_pages is not None and p.path not in self.stats.changed_pages \
                            and p.path not in stale_other and p.path not in stats_paths and rec_old is not None:
                        continue  # only statistics can have changed it, and they did not
                    if p.path in stale_other or rec_old is None \
                            or rec_old.key != page_key(self.closure(p.template), page_context(p, settings)):
                        other_render.append(p)
                        page_paths.add(p.path)
                changed_rels = self.stats.changed_rels
                for rel in good_rels:  # another report's body can change this one's statistics (repetition)
                    if rel in changed_rels and rel not in report_render:
                        report_render.append(rel)
        else:
            from .pages import home_page, index_pages, other_pages, report_page, report_url

            cat, view = self.catalogue, self.stats.view
            keyed = bool(old_outputs)
            for path in self.stats.kept:  # side-by-side pages kept as the last build wrote them (if still so)
                if old_outputs.get(path) is not None and old_outputs[path].kind == "page":
                    page_paths.add(path)
                    if disk_ok(path, old_outputs[path]):
                        new_outputs[path] = old_outputs[path]
                    else:
                        other_render.append(self.stats.page_for(path))
            for page in [home_page(cat, view), *index_pages(cat, view), *other_pages(), *(self.stats.pages or [])]:
                if page.path in page_paths:
                    raise BuildError(f"two pages map to the same file {page.path}; rename one of the reports' slugs")
                page_paths.add(page.path)
                rec_old = old_outputs.get(page.path)
                if keyed and rec_old is not None and disk_ok(page.path, rec_old) \
                        and rec_old.key == page_key(self.closure(page.template), page_context(page, settings)):
                    new_outputs[page.path] = rec_old
                else:
                    other_render.append(page)
            for rel in good_rels:
                path = report_url(meta_of(rel).slug)
                if path in page_paths:
                    raise BuildError(f"two pages map to the same file {path}; rename one of the reports' slugs")
                page_paths.add(path)
                report_path_of[rel] = path
                rec_old = old_outputs.get(path)
                if keyed and rec_old is not None and disk_ok(path, rec_old):  # the key only when the page may be kept
                    placeholder = report_page(meta_of(rel), _placeholder_body(records[rel].body_digest), cat, self.stats.reports)
                    if rec_old.key == page_key(self.closure(placeholder.template), page_context(placeholder, settings)):
                        new_outputs[path] = rec_old
                        continue
                report_render.append(rel)
        state.extra["report_paths"] = report_path_of
        self.mark("catalogue and keys")

        # 4. Render all of it before writing anything (into the staging folder beside site/, or memory).
        pending: dict[str, tuple[bytes, bytes, str]] = {}  # path → (bytes, key, kind), held in memory
        staged: dict[str, tuple] = {}  # path → (digest, key, kind, stat), written in the staging folder
        in_pool: dict[str, bytes] = {}  # path → key, rendered by a worker and held there (no staging folder)
        texts: dict[bytes, str] = {}  # body digest → the body as plain text (for search), from this build's rendering
        result.rendered = len(report_render) + len(other_render)
        if result.rendered >= PARALLEL_MIN:
            self.progress.set_label("rendering pages", result.rendered)
        if self.jobs > 1 and len(report_render) + len(other_render) >= PARALLEL_MIN:
            pool = self.get_pool()
            if self.stage is None:
                self.stage = _stage_for(site)
            pool.call_all("setup", (self.catalogue_blob, settings, project, self.closures, self.jinja_cache,
                                    str(self.stage.folder) if self.stage is not None else None,
                                    str(self.spool) if self.spool is not None else None))
            pool.call_all("stats", self.stats.reports)
            own: list[list] = [[] for _ in pool.workers]
            shared: list = []
            for rel in report_render:
                item = (rel, path_of[rel], records[rel])
                (own[held_by[rel]] if rel in held_by else shared).append(item)
            many_others = self.stage is not None and len(other_render) >= PARALLEL_MIN

            def meanwhile() -> None:  # in this process, while the workers render
                if not many_others:
                    self.render_pages(other_render, pending, staged)
                if self.spool is not None:  # a cold search index follows: its numpy and tables, ready now
                    from .search import make_shared_tables

                    make_shared_tables(numpy=True)

            answers = self._render_in_pool_and_here(pool, [_chunks(items) for items in own], _chunks(shared), meanwhile)
            for worker_answers in answers:
                for answer in worker_answers:
                    for path, d, key, (body_digest, text), st in answer:
                        if st is not None:
                            staged[path] = (d, key, "page", st)
                        else:
                            in_pool[path] = key
                        texts[body_digest] = text
            del answers  # the texts are in `texts` alone: search drops them once joined by block
            if many_others:  # e.g. thousands of side-by-side pages: the workers render them too
                for worker_answers in pool.run("render_pages", [], _chunks(other_render, 50),
                                               on_result=lambda r: self.progress.advance(len(r))):
                    for answer in worker_answers:
                        for path, d, key, st in answer:
                            staged[path] = (d, key, "page", st)
            from .slugs import PINYIN_MEMO

            for memo in pool.call_all("memo", None):
                for word, value in memo.items():
                    PINYIN_MEMO.setdefault(word, value)
        else:
            for rel in report_render:
                report = fresh.pop(rel, None) or load_full_report(path_of[rel], records[rel])
                path, data, key, text = render_report_page(report, records[rel], self)
                pending[path] = (data, key, "page")
                texts[records[rel].body_digest] = text
                self.progress.advance()
            self.render_pages(other_render, pending, staged)
        rendered_paths = [*pending, *staged, *in_pool]
        if len(set(rendered_paths)) != len(rendered_paths):
            raise BuildError("two pages map to the same file; rename one of the reports' slugs")
        self.mark("render")
        self.search_step(good_rels, records, meta_of, path_of, fresh, texts, pending, new_outputs, page_paths, staged)
        if self.spool is not None:
            import shutil

            shutil.rmtree(self.spool)
            self.spool = None
        fresh.clear()
        self.mark("search index")

        static = self.static_outputs(good_rels, meta_of, only_bodies)
        for path, entry in static.items():
            if path in page_paths:
                raise BuildError(f"two outputs map to the same file {path}")
            if entry is None:  # known unchanged, and as written
                new_outputs[path] = old_outputs[path]
            else:
                pending[path] = entry
        for path, data in (self.stats.files or {}).items():  # data/*, feed.xml, sitemap.xml, robots.txt
            if path in page_paths or path in static:
                raise BuildError(f"two outputs map to the same file {path}")
            pending[path] = (data, digest(data), "data")
        for path in self.stats.kept:
            if path not in pending and path not in staged and path not in new_outputs and old_outputs.get(path) is not None:
                new_outputs[path] = old_outputs[path]

        self.mark("static files")

        # 5. Write the changed files; remove the files of the last build that are gone.
        self.progress.set_label("writing", 0)
        written: list[str] = []
        new_site = False  # site/ is this build's staging folder, renamed: nothing in it is stale
        if self.stage is not None and not old_outputs and not in_pool and _empty_or_missing(site):
            # A new site: everything is in the staging folder; it becomes site/ in one rename.
            for path, (data, key, kind) in pending.items():
                staged[path] = (digest(data), key, kind, self.stage.put(path, data))
            pending.clear()
            write_manifest(self.stage.folder, staged)
            os.replace(self.stage.folder, site)
            self.stage = None
            new_site = True
            for path, (d, key, kind, st) in staged.items():
                new_outputs[path] = OutputRecord(key, d, st, kind)
            written = list(staged)
            staged = {}
        site.mkdir(parents=True, exist_ok=True)
        for path in sorted(staged):  # into site/ by rename, where the bytes differ from what is there
            d, key, kind, st = staged[path]
            record, wrote = self.stage.move_in(site, path, d, st, old_outputs.get(path), key, kind)
            new_outputs[path] = record
            if wrote:
                written.append(path)
        if self.stage is not None:
            self.stage.remove()
            self.stage = None
        writer = _Writer(site)
        for path in sorted(pending):
            data, key, kind = pending[path]
            record, wrote = writer.write_if_changed(path, data, old_outputs.get(path), key, kind)
            new_outputs[path] = record
            if wrote:
                written.append(path)
        if in_pool:
            olds = {p: old_outputs[p] for p in in_pool if p in old_outputs}
            for answer, _memo in self.pool.call_all("write", (site, olds)):
                for path, record, wrote in answer:
                    new_outputs[path] = OutputRecord(in_pool[path], record.digest, record.stat, "page")
                    if wrote:
                        written.append(path)
        removed = 0 if new_site else remove_stale(site, read_manifest(site), set(new_outputs))
        if only_bodies and "counts" in old.extra:
            counts = old.extra["counts"]
        else:
            summaries = self.get_catalogue().summaries.values()
            counts = (len({s["agency"] for s in summaries if s["agency"]}), len({s["year"] for s in summaries if s["year"] is not None}))
        state.extra["counts"] = counts
        from .slugs import PINYIN_MEMO

        state.extra["pinyin"] = dict(PINYIN_MEMO)
        changed = old is None or bool(to_read) or bool(result.rendered) or state.templates != old.templates
        return self._finish(result, good_rels, new_outputs, written, removed, counts, changed, manifest_written=new_site)

    def closure(self, template: str) -> bytes:
        return self.closures.get(template, _missing_template_key(template))

    def nothing_changed(self, result: BuildResult, good_rels, meta_of, records) -> BuildResult:
        """The end of a build whose inputs are those of the last one: only static files may need writing."""
        old, state, site = self.old, self.state, self.project.site
        state.good, state.cross_problems = list(old.good), list(old.cross_problems)
        state.catalogue, state.extra = old.catalogue, old.extra  # extra: lazily loaded, passed on as it is
        new_outputs = {p: r for p, r in old.outputs.items() if r.kind != "static"}
        static = self.static_outputs(good_rels, meta_of, True)
        writer = _Writer(site)
        written = []
        for path, entry in sorted(static.items()):
            if entry is None:
                new_outputs[path] = old.outputs[path]
                continue
            data, key, kind = entry
            record, wrote = writer.write_if_changed(path, data, old.outputs.get(path), key, kind)
            new_outputs[path] = record
            if wrote:
                written.append(path)
        removed = remove_stale(site, list(old.outputs), set(new_outputs))
        changed = records != old.files or state.templates != old.templates or state.raw != old.raw
        return self._finish(result, good_rels, new_outputs, written, removed, old.extra.get("counts", (0, 0)), changed)

    def _finish(self, result: BuildResult, good_rels, new_outputs: dict, written: list[str], removed: int,
                counts: tuple[int, int], changed: bool, manifest_written: bool = False) -> BuildResult:
        """The end of every build: the manifest (unless `manifest_written`: site/ came whole from the staging
        folder, with it), the build cache (saved only when something differs from the last build) and the
        result's figures and notes."""
        old, state, site = self.old, self.state, self.project.site
        old_outputs = old.outputs if old is not None else {}
        if not manifest_written and (old is None or written or removed or new_outputs.keys() != old_outputs.keys()
                                     or not (site / MANIFEST).is_file()):
            write_manifest(site, new_outputs)
        state.outputs = new_outputs
        self.mark("write")
        if changed or written or removed or new_outputs != old_outputs:
            try:
                for suffix, data in self.pending_blobs.items():
                    self.store.save_blob(suffix, data)
                self.store.save(state)
            except OSError as e:
                result.notes.append(f"could not save the build cache ({e}); the next build will do everything again")
        self.mark("save cache")
        result.timings = self.timings
        result.written, result.unchanged, result.removed = len(written), len(new_outputs) - len(written), removed
        result.written_paths = sorted(written)
        result.reports = len(good_rels)
        result.agencies, result.years = counts
        if "stats" not in _without():
            from .data import notes as data_notes

            result.notes.extend(data_notes(self.settings))
        if not good_rels:
            result.notes.append(f"no reports in {display_path(self.project.content / 'reports')}: "
                                "import some with `python build.py import PATH…`")
        return result

    def search_step(self, good_rels, records, meta_of, path_of, fresh, texts: dict, pending: dict, new_outputs: dict, page_paths,
                    staged: dict | None = None) -> None:
        """The search index (reportsite/search.py): made again only when a report's summary or body changed.

        Its input is every report's catalogue summary and body text. search_files keeps its own cache beside the
        build cache (`.search`, a small pickle saved with the build cache, and `.search.d/`, an append-only file
        of the texts and shards): when the reports are the same as in the last build and few bodies changed, it
        indexes only those again and returns the files it did not change as None, which are kept as they are
        when the file on disk is as the last build wrote it (one stat each; otherwise search_files makes its bytes
        again). Texts of bodies not rendered by this build come from that cache, else are rendered again. In a cold
        build the search workers write their files into the staging folder themselves.
        """
        if "search" in _without():
            return
        try:
            from . import search
        except ImportError:  # pragma: no cover - search not part of this build
            return
        old, state = self.old, self.state
        old_outputs = old.outputs if old is not None else {}
        if self.only_bodies and "search_summaries" in old.extra:
            summaries_digest = old.extra["search_summaries"]  # the catalogue is the last build's (even if unpickled)
        else:  # pickled without memo: equal summaries give equal bytes however their strings are shared
            summaries_digest = page_key(b"", self.get_catalogue().summaries)
        state.extra["search_summaries"] = summaries_digest
        h = hashlib.blake2b(b"search\0" + summaries_digest, digest_size=16)
        for rel in good_rels:
            h.update(records[rel].body_digest)
        key = h.digest()
        # The search files the last build wrote that are still as it wrote them: one stat each, in one tight loop.
        intact_paths = _intact_paths(self.project.site, [(p, r) for p, r in old_outputs.items() if r.kind == "search"])
        if old is not None and old.extra.get("search_key") == key:
            paths = old.extra.get("search_paths", [])
            if all(p in intact_paths for p in paths):
                for p in paths:
                    new_outputs[p] = old_outputs[p]
                state.extra["search_key"], state.extra["search_paths"] = key, paths
                return
        self.progress.set_label("search index", 0)
        # Each report's summary for search, kept with the build cache while the metadata and catalogue are the
        # same (a body edit then does not unpickle the catalogue and every report's metadata).
        rows_key = summaries_digest + state.meta_key
        cached_rows = old.extra.get("search_rows") if old is not None and "search_rows" in old.extra else None
        if cached_rows is not None and cached_rows[0] == rows_key and len(cached_rows[1]) == len(good_rels):
            rows = cached_rows[1]
        else:
            summaries = self.get_catalogue().summaries
            rows = []
            for rel in good_rels:
                slug = meta_of(rel).slug  # unpickled once per build (a cold build's checks did)
                s = summaries[slug]
                rows.append((slug, s["title"], s["agency_name"], s["agency_slug"], s["region_name"], s["region_slug"],
                             s["year"], s["kind"], s["kind_label"], s["script"]))
        state.extra["search_rows"] = (rows_key, rows)
        entries = []
        rel_of: dict[str, str] = {}
        for rel, row in zip(good_rels, rows):
            bd = records[rel].body_digest
            entries.append(search.SearchEntry(*row, text=texts.get(bd), text_key=bd))
            rel_of[row[0]] = rel

        def text_of(entry) -> str:  # a body neither rendered by this build nor kept by the search cache
            from .render import render_markdown

            rel = rel_of[entry.slug]
            report = fresh.get(rel) or load_full_report(path_of[rel], records[rel])
            return render_markdown(report.body).text

        write = _StageWriter(self.stage) if self.stage is not None and staged is not None else None
        if self.pool is not None and self.stage is not None:
            # The render workers are done (with a staging folder they hold no page; nothing after this step uses
            # them): closed now, their memory is free before search forks its own workers.
            self.pool.close()
            self.pool = None
        search_cache = self.load_blob(".search") if old is not None else {}
        paths = []
        files = search.iter_files(entries, cache=search_cache, cache_dir=self.search_cache_dir(),
                                  unchanged_ok=intact_paths.__contains__, write=write, text_of=text_of)
        del entries  # search holds the texts from here on (a cold build: once, joined by block)
        texts.clear()
        for path, data in files:
            if path in page_paths:
                raise BuildError(f"two outputs map to the same file {path}")
            if data is None:  # as the last build wrote it (and still so on disk)
                new_outputs[path] = old_outputs[path]
            elif path in pending or (staged is not None and path in staged):
                raise BuildError(f"two outputs map to the same file {path}")
            elif isinstance(data, bytes):
                self.emit(path, data, digest(data), "search", pending, staged)
            else:
                staged[path] = data  # written into the staging folder by `write`
            paths.append(path)
        self.pending_blobs[".search"] = search_cache
        state.extra["search_key"], state.extra["search_paths"] = key, paths
        try:  # the texts cache of earlier versions: search keeps the texts itself now
            os.unlink(self.store.path.with_suffix(".texts"))
        except OSError:
            pass

    def search_cache_dir(self) -> Path:
        """The folder of search's data file, beside the build cache (`<cache>.search.d/`)."""
        return self.store.path.with_suffix(".search.d")

    def _intact(self, path: str, rec: OutputRecord) -> bool:
        """The file of the site is as the last build wrote it (its stat is unchanged). Called for every
        output of a rebuild (≈ 50,000 at 10,000 reports): a string join, one stat, no Path objects."""
        try:
            st = os.stat(self.site_prefix + path)
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) == rec.stat

    def load_blob(self, suffix: str) -> dict:
        """Another dict kept beside the build cache (`Store.save_blob`), if written by this code; else {}."""
        try:
            with open(self.store.path.with_suffix(suffix), "rb") as f:
                if pickle.load(f) != (cachemod.FORMAT, self.state.code):
                    return {}
                data = pickle.load(f)
            return data if isinstance(data, dict) else {}
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError, IndexError):
            return {}

    def statistics_step(self, good_rels, meta_of, records, path_of, fresh):
        """Statistics, data files and side-by-side pages (reportsite/stats/buildstep.py decides what to redo)."""
        if "stats" in _without():  # measurements only: pages without statistics (and without importing them)
            from .stats.step import StatsStep

            return StatsStep(None, None, {}, [], recomputed=False, page_for=lambda path: None)
        from .stats.buildstep import ReportContexts, statistics
        old_outputs = self.old.outputs if self.old is not None else {}

        def body_of(rel: str) -> str:  # asked once per report: the statistics keep what they need of it
            if rel in self.bodies:
                return self.bodies.pop(rel)
            report = fresh.get(rel) or load_full_report(path_of[rel], records[rel])
            return report.body

        def still_written(paths) -> bool:
            for path in paths:
                rec = old_outputs.get(path)
                try:
                    if rec is None or output_stat(os.stat(os.path.join(self.project.site, path))) != rec.stat:
                        return False
                except OSError:
                    return False
            return True

        def open_output(path: str):
            """An output of the last build opened for reading, if it is still as that build wrote it."""
            if not still_written([path]):
                return None
            try:
                return open(os.path.join(self.project.site, path), "rb")
            except OSError:
                return None

        def compute_pairs(items):
            """Report pairs to compare: many (a cold build) go to the worker pool, a few (an edit) are done here.
            From the pool the answer is `.result()`: the statistics make the data files meanwhile."""
            import threading

            from .stats.buildstep import compare_pairs

            if self.jobs <= 1 or len(items) < PAIRS_PARALLEL_MIN:
                return compare_pairs(items)
            from .stats.site import Utf8Text

            self.progress.set_label("statistics: comparing reports", len(items))
            pool = self.get_pool()
            wires: dict[int, Utf8Text] = {}  # one per body: a chunk sends each body once; none leaves a UTF-8 copy here

            def wire(body: str) -> Utf8Text:
                if id(body) not in wires:
                    wires[id(body)] = Utf8Text(body)
                return wires[id(body)]

            chunks = _chunks([(key, wire(previous), wire(this)) for key, previous, this in items], PAIRS_CHUNK)
            wires.clear()
            done: dict = {}

            def compare():
                try:
                    done["answers"] = pool.run("compare", [], chunks, on_result=lambda r: self.progress.advance(len(r)))
                except BaseException as e:  # noqa: BLE001 - raised by result()
                    done["error"] = e

            thread = threading.Thread(target=compare, daemon=True)
            thread.start()

            class Later:
                @staticmethod
                def result(quiet: bool = False) -> list:
                    thread.join()
                    if "error" in done and not quiet:
                        raise done["error"]
                    return [pair for worker_answers in done.get("answers", []) for answer in worker_answers for pair in answer]

            return Later()

        def spool():
            """A temporary file beside site/ to make a data file in (not held in memory until it is written)."""
            import tempfile

            try:
                return tempfile.TemporaryFile(dir=os.path.dirname(os.path.abspath(self.project.site)),
                                              prefix=".reportsite-data-")
            except OSError:
                return None

        page_env = hashlib.blake2b(self.closure("diff.html") + b"\0" + repr(self.settings).encode(), digest_size=16).digest()
        result = statistics(good_rels, meta_of, body_of, lambda rel: records[rel].body_digest,
                            self.get_catalogue(), self.settings, self.state.meta_key, self.state.env_key,
                            self.old.extra if self.old is not None else {}, self.state.extra, still_written, compute_pairs,
                            meta_digest_of=lambda rel: records[rel].meta_digest, open_output=open_output,
                            extractions=self.extractions, page_env=page_env, spool=spool)
        self.bodies.clear()
        self.extractions.clear()
        return result

    def render_pages(self, pages, pending: dict, staged: dict | None = None) -> None:
        """Render pages (index pages, 404, search…) in this process: into the staging folder if there is one."""
        if not pages:
            return
        from .render import render_template

        if self.env is None:
            self.env = _environment(self.project.templates, self.jinja_cache)
        for page in pages:
            context = page_context(page, self.settings)
            key = page_key(self.closure(page.template), context)
            data = render_template(self.env, page.template, context, self.project.templates).encode("utf-8")
            self.emit(page.path, data, key, "page", pending, staged)
            self.progress.advance()

    def emit(self, path: str, data: bytes, key: bytes, kind: str, pending: dict, staged: dict | None) -> None:
        if self.stage is not None and staged is not None:
            staged[path] = (digest(data), key, kind, self.stage.put(path, data))
        else:
            pending[path] = (data, key, kind)

    def _render_in_pool_and_here(self, pool: _Pool, own_chunks, shared_chunks, local_work):
        """Start the workers on their chunks, do `local_work()` meanwhile, then collect the workers' answers."""
        import threading

        answers: list = []
        errors: list = []

        def collect():
            try:
                # (stealing: a worker done with its own reports takes chunks of another's, read again from their files)
                answers.extend(pool.run("render", own_chunks, shared_chunks, on_result=lambda r: self.progress.advance(len(r)),
                                        steal=True))
            except BaseException as e:  # noqa: BLE001 - re-raised below
                errors.append(e)

        thread = threading.Thread(target=collect, daemon=True)
        thread.start()
        try:
            local_work()
        finally:
            thread.join()
        if errors:
            raise errors[0]
        return answers

    def static_outputs(self, good_rels, meta_of, only_bodies: bool) -> dict[str, tuple | None]:
        """Theme files, raw texts and .nojekyll: path → (bytes, key, "static"), or None when known unchanged."""
        old, state, project = self.old, self.state, self.project
        old_outputs = old.outputs if old is not None else {}
        out: dict[str, tuple | None] = {}
        if project.theme.is_dir():
            for path in sorted(project.theme.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    data = path.read_bytes()
                    out["theme/" + path.relative_to(project.theme).as_posix()] = (data, digest(data), "static")
        if only_bodies:
            names = old.extra.get("raw_names", [])
        else:
            names = sorted({r.source.file for r in (meta_of(rel) for rel in good_rels) if r.source})
        state.extra["raw_names"] = names
        raw_dir = project.content / "raw"
        old_raw = old.raw if old is not None else {}
        seen_ns = time.time_ns()
        for name in names:
            source = raw_dir / name
            st = source.stat()
            prev = old_raw.get(name)
            target = f"raw/{name}"
            rec_old = old_outputs.get(target)
            if prev is not None and not prev[2] and prev[0] == stat_key(st) and rec_old is not None and rec_old.digest == prev[1]:
                try:
                    same_output = output_stat(os.stat(os.path.join(project.site, target))) == rec_old.stat
                except OSError:
                    same_output = False
                if same_output:
                    state.raw[name] = prev
                    out[target] = None
                    continue
            data = source.read_bytes()
            d = digest(data)
            state.raw[name] = (stat_key(st), d, is_racy(st, seen_ns))
            out[target] = (data, d, "static")
        out[".nojekyll"] = (b"", digest(b""), "static")
        return out


def _without() -> frozenset[str]:
    """Parts of the build left out for measurements: REPORTSITE_BENCH_WITHOUT=search,stats (benchmarks only)."""
    return _parts_left_out(os.environ.get("REPORTSITE_BENCH_WITHOUT", ""))


@lru_cache(maxsize=8)
def _parts_left_out(value: str) -> frozenset[str]:  # asked once per page by the workers
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _environment(templates: Path, jinja_cache: str | None):
    """The Jinja environment, with compiled templates kept in the build cache (keyed by their source)."""
    from .render import make_environment

    env = make_environment(templates)
    if jinja_cache:
        import jinja2

        try:
            os.makedirs(jinja_cache, exist_ok=True)
            from .render import _BytecodeCache

            env.bytecode_cache = _BytecodeCache(jinja_cache)
        except OSError:
            pass
    return env


def _raw_listing(raw_dir: Path) -> list[str]:
    try:
        with os.scandir(raw_dir) as it:
            return sorted(e.name for e in it if e.is_file())
    except OSError:
        return []


# --- the command -----------------------------------------------------------------------------------

def project_from_args(args) -> Project:
    """templates/ and theme/ sit beside the settings file (the project's root), as content/ does by default."""
    root = args.config.resolve().parent if args.config.is_file() else Path.cwd()
    return Project(content=args.content, site=args.site, templates=root / "templates", theme=root / "theme", root=root)


def run_build(args) -> int:
    started = time.perf_counter()
    try:
        settings = load_settings(args.config, args.base_url)
        project = project_from_args(args)
        result = build(project, settings, keep_going=args.keep_going, use_cache=not getattr(args, "no_cache", False),
                       jobs=getattr(args, "jobs", None))
    except (SettingsError, BuildError, ContentError) as e:
        print(f"error: {e}", file=sys.stderr)
        print(f"build failed: {display_path(args.site)}/ was left as it was", file=sys.stderr)
        return 1
    except Exception as e:
        from .render import TemplateProblem

        if not isinstance(e, TemplateProblem):
            raise
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
    if os.environ.get("REPORTSITE_TIMINGS"):
        print("timings: " + ", ".join(f"{phase} {t:.3f}" for phase, t in result.timings)
              + f"; read {result.read} files, rendered {result.rendered} pages", file=sys.stderr)
    print(f"built {result.reports} reports, {result.agencies} agencies, {result.years} years:"
          f" {result.written} files written, {result.unchanged} unchanged, {result.removed} removed"
          f" in {seconds:.2f} s; open {display_path(args.site / 'index.html')}")
    if result.problems:
        print(f"{bad_files} invalid file(s) skipped (listed above)", file=sys.stderr)
        return 1
    return 0
