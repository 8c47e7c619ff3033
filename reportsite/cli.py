"""The command line: `python build.py [build|import|serve] …` (a bare `python build.py` builds)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__

COMMANDS = ("build", "import", "serve")


def _site_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                   help="folder holding reports/ and raw/ (default: content)")
    p.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                   help="output folder of the static site (default: site)")
    p.add_argument("--base-url", metavar="URL", default=None,
                   help="public URL the site is served at, e.g. https://example.github.io/archive/;"
                        " overrides base_url in pyproject.toml; used only for absolute URLs (sitemap, feed, canonical link)")
    p.add_argument("--config", type=Path, default=Path("pyproject.toml"), metavar="FILE",
                   help="settings file with a [tool.reportsite] table (default: pyproject.toml)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Build, import and serve an archive of government information-disclosure annual reports."
                    " With no command, `build` is run.",
    )
    parser.add_argument("--version", action="version", version=f"reportsite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser("build", help="build content/ into the static site in site/ (the default)",
                           description="Load and validate every report in content/reports/, render every page, then write"
                                       " the changed files into site/. Nothing is written when a report is invalid"
                                       " (unless --keep-going).")
    _site_options(build)
    build.add_argument("--no-cache", action="store_true",
                       help="ignore the build cache in .cache/ and rebuild it from scratch")
    build.add_argument("--keep-going", action="store_true",
                       help="build the valid reports even when some are invalid; still list the invalid ones and exit non-zero")

    imp = sub.add_parser("import", help="turn raw scraped texts into Markdown reports in content/reports/",
                         description="Decode, clean and structure raw scraped report texts (any common Chinese encoding)"
                                     " and write one Markdown report per report found, copying each raw file into"
                                     " content/raw/ byte for byte.")
    where = imp.add_mutually_exclusive_group()
    where.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                       help="archive folder to import into: DIR/reports/<slug>.md and DIR/raw/ (default: content)")
    where.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="write only the Markdown files, straight into DIR/ (no raw copies)")
    imp.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    imp.add_argument("--force", action="store_true", help="overwrite reports that were edited by hand since import")
    imp.add_argument("--log", type=Path, default=None, metavar="FILE", help="write every removal (kind, text) to FILE")
    imp.add_argument("-v", "--verbose", action="store_true", help="print every removal")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="raw text files or folders of them")

    serve = sub.add_parser("serve", help="build, serve site/ and rebuild and reload on every change",
                           description="Build, then serve site/ with live reload; watch content/, templates/ and theme/"
                                       " and rebuild incrementally on change.")
    _site_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    if args.command == "build":
        from .build import run_build

        return run_build(args)
    if args.command == "import":
        from .ingest.command import run_import

        return run_import(args)
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(args)
    make_parser().print_help()
    return 2


def run(argv: list[str] | None = None) -> NoReturn:
    """The command line's entry point (build.py, the `reportsite` script): `main()`, then the process ends at once.

    A build of thousands of reports leaves large heaps (the catalogue, the search index's tables) that the
    interpreter would free object by object on its way out: ~0.3 s at 10,000 reports, a tenth of a rebuild.
    By the time `main()` returns, every file is written and closed (by atomic renames) and the worker pools
    are stopped, so only the standard streams are left to flush. Under a profiler or a tracer (`python -m
    cProfile build.py`, coverage) the process ends as usual: they write their results on the way out.
    """
    status = main(argv)
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # e.g. a reader that closed the pipe: nothing more can be said there
            pass
    os._exit(status if isinstance(status, int) else 0)
