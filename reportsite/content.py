"""Load `content/reports/*.md` into `Report`s, validating every file and collecting every problem.

A report file is YAML front matter between `---` lines, then the Markdown body.
Problems are reported as `path:line: message`, with the file's own line numbers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import fastyaml, schema


def _yaml():
    """PyYAML and its fastest safe loader, imported when a report is first parsed (a rebuild that reads
    no report does not pay for the import). libyaml's parser is several times faster at 10,000 reports."""
    import yaml

    try:
        return yaml, yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        return yaml, yaml.SafeLoader


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    site: str | None = None
    url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    encoding: str | None = None


@dataclass
class Report:
    path: str  # as given, for messages: content/reports/x.md
    slug: str
    title: str
    body: str
    body_line: int  # file line of the body's first line
    title_derived: bool = False
    agency: str | None = None
    region: str | None = None
    city: str | None = None
    year: int | None = None
    year_text: str | None = None
    kind: str = "annual-report"
    script: str = "zh-Hans"
    source: Source | None = None
    truncated: bool = False
    stats: dict = field(default_factory=dict)
    import_record: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found; `str()` is one problem per line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def display_path(path: Path | str) -> str:
    """`path` relative to the working folder, or absolute when outside it."""
    folder, name = os.path.split(os.fspath(path))
    if name in ("", ".", "..") or name.startswith(".."):
        return _display_path(path)
    # relpath and absolute() of a file are those of its folder with the name added: worked out once per
    # folder (and working folder), not 10,000 times for the reports of one folder
    shown, absolute = _display_folder(folder, os.getcwd())
    if shown is None:
        return str(path)
    if shown.startswith(".."):
        return absolute + name if absolute.endswith(os.sep) else absolute + os.sep + name
    return name if shown == os.curdir else os.path.join(shown, name)


def _display_path(path: Path | str) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if shown.startswith("..") else shown


@lru_cache(maxsize=64)
def _display_folder(folder: str, cwd: str) -> tuple[str | None, str]:
    """(relpath of `folder`, or None on another drive; its absolute() as a str). `cwd` is in the key only."""
    try:
        shown = os.path.relpath(folder or os.curdir)
    except ValueError:  # another drive on Windows
        return None, ""
    return shown, str(Path(folder).absolute())


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """(yaml text, body, body's first line number); raises ContentError for a missing/unclosed block."""
    # Line by line with find(), not text.split("\n"): the body, most of the file, is not cut into lines.
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != "---":
        raise ContentError([Problem(path, 1, "front matter missing: the file must start with a line `---`, then YAML keys, then `---`")])
    first = start = end + 1  # first: of the YAML; start: of the line looked at, line `number` of the file
    number = 2
    while end >= 0:
        end = text.find("\n", start)
        if (text[start:] if end < 0 else text[start:end]).rstrip() in ("---", "..."):
            return text[first:max(first, start - 1)], "" if end < 0 else text[end + 1:], number + 1
        start = end + 1
        number += 1
    raise ContentError([Problem(path, 1, "front matter not closed: add a line `---` after the YAML keys")])


def _key_lines(node, base: int) -> dict[str, int]:
    """File line of every key (`source.file` for nested), from the YAML node graph."""
    lines: dict[str, int] = {}
    yaml, _ = _yaml()
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[key] = key_node.start_mark.line + base
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, sub_line in _key_lines(value_node, base).items():
                    lines[f"{key}.{sub_key}"] = sub_line
    return lines


def parse_report(text: str, path: str) -> Report:
    """One report from its file text; raises ContentError listing every problem in it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # `not text.strip()`, without copying the text
        raise ContentError([Problem(path, None, "the file is empty: a report needs front matter (`---` … `---`) and a body")])
    yaml_text, body, body_line = split_front_matter(text, path)
    # The usual front matter: read by lines (fastyaml gives what PyYAML would) and valid. Anything else,
    # an unusual shape or any problem, goes the whole PyYAML way below, which says what and where.
    data = fastyaml.load(yaml_text)
    clean = schema.checked(data, schema.FIELDS) if data is not None else None
    if clean is None:
        clean = _load_checked(yaml_text, path)
    for key, default in schema.DEFAULTS.items():
        clean.setdefault(key, default)
    if "script" not in clean:
        from .script import detect_script

        clean["script"] = detect_script(body)
    source = clean.pop("source", None)
    return Report(
        path=path,
        body=body,
        body_line=body_line,
        source=Source(**source) if source else None,
        import_record=clean.pop("import", None) or {},
        **clean,
    )


def _bad_date(loader, node) -> tuple[int | None, str]:
    """(file line, text) of the first scalar under `node` that YAML takes for a date but cannot construct."""
    todo = [node]
    while todo:
        n = todo.pop(0)
        if isinstance(n.value, list):
            todo.extend(v for pair in n.value for v in (pair if isinstance(pair, tuple) else (pair,)))
        elif n.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(n)
            except (ValueError, OverflowError):
                return n.start_mark.line + 2, n.value
    return None, ""


def _load_checked(yaml_text: str, path: str) -> dict:
    """The clean front matter read by PyYAML; raises ContentError with every problem, at its line."""
    yaml, loader_class = _yaml()
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ContentError([Problem(path, line, f"front matter is not valid YAML: {problem}; quote values that contain `: ` or ` #`")]) from None
    except (ValueError, OverflowError) as e:  # a value YAML reads as a date that is none: `retrieved: 2019-13-45`
        line, value = _bad_date(loader, node)
        raise ContentError([Problem(path, line, f"`{value}` is not a date ({e}): write a real date as YYYY-MM-DD")]) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError([Problem(path, 2, "front matter must be YAML `key: value` lines")])
    lines = _key_lines(node, 2)
    problems = []
    for error in schema.iter_errors(data, schema.FIELDS):
        key_path = error.key_path or ""
        line = lines.get(key_path) or lines.get(key_path.split(".")[0]) or 1
        problems.append(Problem(path, line, str(error)))
    if problems:
        raise ContentError(problems)
    return {key: f.check(data[key], key) for key, f in schema.FIELDS.items() if key in data}


def read_report(path: Path, data: bytes | None = None) -> Report:
    """The report in the file at `path` (or in `data`, its bytes when already read)."""
    shown = display_path(path)
    if data is None:
        data = path.read_bytes()
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError([Problem(shown, None, "this is a binary file, not a Markdown report; move it out of content/reports/")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ContentError([Problem(shown, line, "the file is not UTF-8 text: convert it to UTF-8 or use `python build.py import` on the raw text")]) from None
    return parse_report(text, shown)


@dataclass
class LoadResult:
    reports: list[Report]
    problems: list[Problem]


def load_reports(content_dir: Path) -> LoadResult:
    """Every report under `content_dir/reports/`, sorted by slug, and every problem found.

    Checks across files too: duplicate slugs and a source file that is not in content/raw/.
    """
    problems: list[Problem] = []
    reports: list[Report] = []
    for path, problem in report_files(content_dir):
        if problem is not None:
            problems.append(problem)
            continue
        try:
            reports.append(read_report(path))
        except ContentError as e:
            problems.extend(e.problems)
    good, more = check_reports(reports, content_dir)
    return LoadResult(good, problems + more)


def report_files(content_dir: Path) -> list[tuple[Path, Problem | None]]:
    """Everything under `content_dir/reports/` in load order: (path, None) for a `.md` file to read,
    (path, problem) for anything else."""
    reports_dir = content_dir / "reports"
    if not reports_dir.is_dir():
        return [(reports_dir, Problem(display_path(reports_dir), None, "folder not found: reports go in content/reports/<slug>.md"))]
    out: list[tuple[Path, Problem | None]] = []
    for path in sorted(reports_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix != ".md":
            out.append((path, Problem(display_path(path), None, "not a Markdown report (reports end in .md); move it out of content/reports/")))
            continue
        out.append((path, None))
    return out


def check_reports(reports: list[Report], content_dir: Path) -> tuple[list[Report], list[Problem]]:
    """The reports that pass the checks across files (sorted by slug), and the problems of the others."""
    problems: list[Problem] = []
    by_slug: dict[str, Report] = {}
    raw_dir = content_dir / "raw"
    good: list[Report] = []
    for report in sorted(reports, key=lambda r: (r.slug, r.path)):
        first = by_slug.get(report.slug)
        if first is not None:
            problems.append(Problem(report.path, _line_of_key(report, "slug"),
                                    f"duplicate slug `{report.slug}`: {first.path} has it too; give one of them another slug (e.g. `{report.slug}-2`)"))
            continue
        if report.source and not (raw_dir / report.source.file).is_file():
            problems.append(Problem(report.path, _line_of_key(report, "source"),
                                    f"`source.file` names {report.source.file!r}, which is not in {display_path(raw_dir)}/; copy the raw file there or fix the name"))
            continue
        by_slug[report.slug] = report
        good.append(report)
    return good, problems


def _line_of_key(report: Report, key: str) -> int | None:
    try:
        with open(report.path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                if line.startswith(f"{key}:"):
                    return n
                if n > 1 and line.rstrip() == "---":
                    break
    except OSError:
        pass
    return None


def front_matter_dict(report: Report) -> dict[str, Any]:
    """The report's front matter as plain data (for data files and templates)."""
    data: dict[str, Any] = {k: getattr(report, k) for k in ("title", "title_derived", "agency", "region", "city", "year",
                                                            "year_text", "kind", "script", "truncated", "slug")}
    data["source"] = report.source.__dict__.copy() if report.source else None
    return data
