"""The build cache: what the last successful build read and wrote, so the next one redoes only what changed.

One file per (working folder, content folder, site folder) in `.cache/reportsite/`
beside the settings file (never inside site/; `.cache/` is ignored by git). It holds:

- for every report file: its stat (size, mtime, ctime, inode, device), the digest of its
  bytes, and what parsing it gave (the report without its body, or its problems);
- for every output file: the key of its inputs (template closure, page data, body digest),
  the digest of its bytes and its stat right after it was written;
- the digests and references of the templates, and the last catalogue.

The whole cache is keyed by the code version (a digest of the package's source and of the
versions of the libraries that shape the output), so new code never reads an old cache.
A file is trusted by its stat only when it was not modified within RACY_NS of being read
(otherwise a second edit in the same timestamp tick could go unseen); such files are
re-read and compared by digest. The cache is written only after a build has written the
site, atomically; a cache that cannot be read is ignored (the build is then a cold one).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from collections.abc import MutableMapping
from typing import IO, Any, Iterator, NamedTuple


@contextmanager
def atomic_file(target: Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """A binary file that replaces `target` only when the `with` block ends without an error.

    Written to a temporary file beside it, then renamed: readers see the old file or the new
    one, never a half-written one. `mode` sets its permissions (mkstemp's are 0600).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

FORMAT = 3
RACY_NS = 2_000_000_000
CACHE_DIR = Path(".cache") / "reportsite"
# Libraries whose version can change the bytes of the site.
LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "mdurl", "pypinyin", "PyYAML", "opencc", "numpy")


def digest(data: bytes) -> bytes:
    """128 bits of SHA-256 (with the CPU's SHA instructions, twice as fast as BLAKE2 here)."""
    return hashlib.sha256(data).digest()[:16]


def stat_key(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def is_racy(st: os.stat_result, seen_ns: int) -> bool:
    """Modified so shortly before it was read that a later edit could keep the same stat.

    A later edit sets both mtime and ctime to its own time, so it can go unseen only when
    both were already that recent (an mtime set back by a tool is old: no risk).
    """
    return seen_ns - min(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of this package's source, the Python version and the versions of the libraries used."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    h.update(_library_versions().encode())
    return h.hexdigest()


def library_versions(name: str) -> set[str]:
    """The versions of library `name` (one of LIBRARIES) installed on sys.path (usually one)."""
    key = _normal(name) + "=="
    return {item[len(key):] for item in _library_versions().split(";") if item.startswith(key)}


@lru_cache(maxsize=1)
def _library_versions() -> str:
    """`name==version` of each library, read from the installed distributions' folder names (fast)."""
    wanted = {_normal(name) for name in LIBRARIES}
    found: list[str] = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                base = name.rsplit(".", 1)[0]
                project, _, version = base.partition("-")
                if _normal(project) in wanted:
                    found.append(f"{_normal(project)}=={version}")
    return ";".join(sorted(set(found)))


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


class FileRecord(NamedTuple):
    """One report file as last read. (Named tuples: 10× faster to unpickle than dataclasses.)"""

    stat: tuple
    digest: bytes
    racy: bool
    meta: bytes | None  # pickled Report without its body; None when the file has problems
    problems: tuple  # Problems found in the file alone
    meta_digest: bytes
    body_digest: bytes


_new_tuple = tuple.__new__  # OutputRecord from a plain tuple without the named tuple's Python-level __new__


class OutputRecord(NamedTuple):
    """One file of the site as last written (or checked) by a build."""

    key: bytes  # digest of everything its bytes are made from
    digest: bytes  # digest of its bytes
    stat: tuple  # (size, mtime_ns, ctime_ns, inode) right after writing
    kind: str  # "page", "static", "search", "data"


def output_stat(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class State:
    code: str
    files: dict[str, FileRecord] = field(default_factory=dict)  # report path relative to reports/ → record
    outputs: dict[str, OutputRecord] = field(default_factory=dict)  # site-relative path → record
    templates: dict[str, tuple[bytes, tuple]] = field(default_factory=dict)  # name → (digest, referenced names)
    meta_key: bytes = b""  # digest of every report's metadata and problems, and of the raw files present
    env_key: bytes = b""  # digest of settings and templates
    good: list[str] = field(default_factory=list)  # rels of the reports that passed every check, in page order
    cross_problems: list = field(default_factory=list)  # problems found across files
    catalogue: bytes = b""  # the pickled Catalogue of the last build
    raw: dict[str, tuple] = field(default_factory=dict)  # raw file name → (stat, digest, racy)
    extra: dict[str, Any] = field(default_factory=dict)  # room for other features' cached data (search, statistics)


class LazyExtra(MutableMapping):
    """`State.extra` as loaded: each value is unpickled when first read (statistics' and search's
    cached data are large, and a build that does not need them should not pay for them)."""

    def __init__(self, blobs: dict[str, bytes | None]):
        self._blobs = blobs  # key → pickled value; None: the value is in _values only
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._values:
            self._values[key] = pickle.loads(self._blobs[key])
        return self._values[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._blobs[key] = None

    def __delitem__(self, key: str) -> None:
        del self._blobs[key]
        self._values.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def blob(self, key: str) -> bytes:
        """The pickled value (without unpickling it when it was never read)."""
        if key in self._values:
            return pickle.dumps(self._values[key], protocol=pickle.HIGHEST_PROTOCOL)
        return self._blobs[key]


class Store:
    """Where the state of one (cwd, content, site) triple is kept."""

    def __init__(self, root: Path, content: Path, site: Path):
        ident = "\0".join((os.getcwd(), str(Path(content).resolve()), str(Path(site).resolve())))
        self.folder = Path(root) / CACHE_DIR
        self.path = self.folder / (hashlib.blake2b(ident.encode(), digest_size=10).hexdigest() + ".pickle")

    def load(self) -> State | None:
        """The saved state, if it was written by this very code version; None otherwise."""
        try:
            with open(self.path, "rb") as f:
                head = pickle.load(f)
                if head != (FORMAT, code_version()):
                    return None
                state = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, IndexError):
            return None
        if not isinstance(state, State):
            return None
        if isinstance(state.outputs, bytes):
            try:
                paths, rows = marshal.loads(state.outputs)
                state.outputs = dict(zip(paths, [_new_tuple(OutputRecord, row) for row in rows]))
            except (EOFError, ValueError, TypeError):
                return None
        if isinstance(state.files, bytes):
            try:
                rels, rows = marshal.loads(state.files)
                records = [_new_tuple(FileRecord, row) for row in rows]
                state.files = dict(zip(rels, [r if not isinstance(r.problems, bytes) else r._replace(
                    problems=pickle.loads(r.problems)) for r in records]))
            except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
                return None
        if isinstance(state.extra, dict) and all(isinstance(v, bytes) for v in state.extra.values()):
            state.extra = LazyExtra(state.extra)
        return state

    def save(self, state: State) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder.parent / ".gitignore"
        if not ignore.exists():
            try:
                ignore.write_text("# build cache of reportsite: safe to delete\n*\n", "utf-8")
            except OSError:
                pass
        with atomic_file(self.path) as f:
            pickle.dump((FORMAT, state.code), f, protocol=pickle.HIGHEST_PROTOCOL)
            extra, outputs, files = state.extra, state.outputs, state.files
            try:  # each entry pickled apart: a build unpickles only the entries it reads
                state.extra = {k: extra.blob(k) if isinstance(extra, LazyExtra) else
                               pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for k, v in extra.items()}
                # ≈ 50,000 output records at 10,000 reports: as marshalled plain tuples they load and save
                # 2-3× faster than pickled named tuples (every rebuild pays for both).
                state.outputs = marshal.dumps((list(outputs), [tuple(r) for r in outputs.values()]))
                # The reports' records too (10,000 at 10,000 reports): half the time of pickling them. A record's
                # problems (Problem objects, rare) are pickled within.
                state.files = marshal.dumps((list(files), [tuple(r) if not r.problems else tuple(r._replace(
                    problems=pickle.dumps(r.problems, protocol=pickle.HIGHEST_PROTOCOL))) for r in files.values()]))
                pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                state.extra, state.outputs, state.files = extra, outputs, files

    def save_blob(self, suffix: str, data) -> None:
        """Another file of this cache (e.g. `.texts`), with the same header; written atomically."""
        with atomic_file(self.path.with_suffix(suffix)) as f:
            pickle.dump((FORMAT, code_version()), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)

    def clear(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
