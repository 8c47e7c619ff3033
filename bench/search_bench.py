#!/usr/bin/env python3
"""Benchmark the search index at N synthetic reports: build time and memory, size, first-query
transfer and query time in Chromium.

    .venv/bin/python bench/search_bench.py                 # N = 1,000 and 10,000
    .venv/bin/python bench/search_bench.py --n 1000 --runs 3

For each N it makes (or reuses) the corpus with bench/corpus.py, renders the reports' plain
texts (not timed: that is the site build's work), then:

- **index build**: `reportsite.search.search_files(entries, cache=…)` (what the build's hook runs, its
  cache included), best of `--runs`, each in a fresh process that holds only the reports' texts (its input); CPU is user +
  system time of that process and its workers; memory is the peak proportional set size (PSS) of
  the process plus its worker processes, sampled every 20 ms, so pages the forked workers share
  are counted once ("before" is the process with the texts loaded, before indexing);
- **one body edited**: then a sentence appended to one report's text and the index made again with
  that cache (`unchanged_ok` always true, as when every file on disk is intact: the files not made
  again are returned as None), seconds and files made;
- **index on disk**: raw bytes of every file under search/data/, against the corpus's Markdown;
- **per query**, in Debian's Chromium (headless, fresh profile each query so nothing is cached),
  over http from a local server under a sub-path: open `search/index.html?q=…` and wait for the
  results; the bytes are the gzip size (level 6) of every file the page loaded, as GitHub Pages
  serves them: search code + index files (the page's own HTML and CSS are listed apart);
- **query time**: then the same query again, 15 times, through `__rsSearch.run()` (parse, fold,
  match, rank, verify the first 20, render), median, with everything already loaded.

Writes bench/out/search-N.json and prints a Markdown table for bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

QUERIES = [
    ("公", "one character, in every report"),
    ("诉", "one character, rarer"),
    ("公开", "two characters"),
    ("复议", "two characters, rarer"),
    ("政府信息公开", "phrase, in every report"),
    ("行政复议", "four-character phrase"),
    ("依申请公开", "phrase"),
    ("网上办事", "four-character phrase"),
    ("行政復議", "Traditional script"),
    ("湖南省公安厅", "agency name"),
    ("2019", "year"),
]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SUB_PATH = "/archive/"


# ---------------------------------------------------------------- memory


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


class MemorySampler:
    """Peak PSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            total += _pss_kib(pid)
            todo += _children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            time.sleep(self.interval)

    def __enter__(self):
        self.peak = self._total()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._total())


# ---------------------------------------------------------------- corpus and index


def corpus(n: int) -> Path:
    import corpus as corpus_mod  # bench/corpus.py

    folder = HERE / "out" / f"c{n}"
    if len(list((folder / "reports").glob("*.md"))) != n:
        print(f"generating {n} reports in {folder} …", file=sys.stderr)
        corpus_mod.generate(folder, n)
    return folder


def entries_of(folder: Path):
    from reportsite.content import load_reports
    from reportsite.pages import build_catalogue
    from reportsite.render import render_markdown
    from reportsite.search import search_entries

    loaded = load_reports(folder)
    if loaded.problems:
        raise SystemExit(f"{folder}: {loaded.problems[0]}")
    reports = loaded.reports
    texts = {r.slug: render_markdown(r.body).text for r in reports}
    return search_entries(reports, build_catalogue(reports).summaries, texts)


def write_site(site: Path, files: dict[str, bytes]) -> None:
    """The search files plus what the search page needs: the page itself and the theme."""
    from reportsite.build import page_context
    from reportsite.config import load_settings
    from reportsite.pages import Page
    from reportsite.render import make_environment, render_template

    settings = load_settings(REPO / "pyproject.toml", None)
    env = make_environment(REPO / "templates")
    page = Page("search/index.html", "search.html", {})
    html = render_template(env, page.template, page_context(page, settings), REPO / "templates").encode("utf-8")
    all_files = dict(files)
    all_files["search/index.html"] = html
    for path in sorted((REPO / "theme").rglob("*")):
        if path.is_file():
            all_files["theme/" + path.relative_to(REPO / "theme").as_posix()] = path.read_bytes()
    for rel, data in all_files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# ---------------------------------------------------------------- browser


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript; charset=utf-8",
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(SUB_PATH):
            return os.path.join(self.directory, "\0outside")
        return super().translate_path(path[len(SUB_PATH) - 1:])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure_queries(site: Path, queries: list[tuple[str, str]], repeats: int = 15) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    rows = []
    try:
        with sync_playwright() as p:
            for q, what in queries:
                with tempfile.TemporaryDirectory() as profile:
                    ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                               args=CHROMIUM_ARGS)
                    page = ctx.new_page()
                    loaded: list[str] = []
                    page.on("requestfinished", lambda r: loaded.append(r.url))
                    errors: list[str] = []
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    started = time.perf_counter()
                    page.goto(base + "search/index.html?q=" + q)
                    page.wait_for_function("() => { const s = document.querySelector('#search-results .search-status');"
                                           " return s && /条结果|没有找到|失败/.test(s.textContent); }", timeout=60_000)
                    wall = time.perf_counter() - started
                    status = page.inner_text("#search-results .search-status")
                    shown = page.locator("#search-results .search-hit").count()
                    code = data = page_bytes = 0
                    files = 0
                    for url in loaded:
                        rel = unquote(urlsplit(url).path)[len(SUB_PATH):]
                        path = site / rel
                        if not path.is_file():
                            continue
                        size = gzip_size(path.read_bytes())
                        if rel.startswith("search/data/"):
                            data += size
                            files += 1
                        elif rel.endswith(".js"):
                            code += size
                        else:
                            page_bytes += size
                    times = []
                    for _ in range(repeats):
                        times.append(page.evaluate("async q => { const t = performance.now();"
                                                   " await window.__rsSearch.run(q); return performance.now() - t; }", q))
                    rows.append({"query": q, "what": what, "status": status, "shown": shown,
                                 "code_gz": code, "index_gz": data, "first_query_gz": code + data, "files": files,
                                 "page_gz": page_bytes, "first_query_wall_s": round(wall, 3),
                                 "query_ms_median": round(statistics.median(times), 2),
                                 "query_ms_max": round(max(times), 2), "errors": errors})
                    ctx.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


# ---------------------------------------------------------------- main


def build_only(entries_pickle: Path, site: Path | None) -> dict:
    """In a fresh process that holds only the reports' texts: build the index once, measuring time,
    CPU and memory, and write the search site if `site` is given. Returns the figures."""
    import pickle

    from reportsite import search

    with open(entries_pickle, "rb") as f:
        entries = pickle.load(f)
    import tempfile

    search.char_maps()  # OpenCC's tables are loaded once per process; the site build loads them anyway
    before = MemorySampler()._total()
    cache_dir = Path(tempfile.mkdtemp(prefix="search-bench-cache-"))
    cache: dict = {}
    with MemorySampler() as mem:
        t, c = time.perf_counter(), os.times()
        files = search.search_files(entries, cache=cache, cache_dir=cache_dir)  # as the build does: its cache too
        c2 = os.times()
        seconds = time.perf_counter() - t
    cpu = c2.user - c.user + c2.system - c.system + c2.children_user - c.children_user + c2.children_system - c.children_system
    # One body edited (a sentence appended): the incremental index, files the build would keep returned as None.
    edited = list(entries)
    i = len(edited) // 2
    edited[i] = edited[i]._replace(text=edited[i].text + "\n本报告修订：补充说明政府信息公开工作的有关情况。\n")
    t = time.perf_counter()
    again = search.search_files(edited, cache=cache, cache_dir=cache_dir, unchanged_ok=lambda path: True)
    edit_seconds = time.perf_counter() - t
    edit_files = sum(1 for data in again.values() if data is not None)
    import shutil

    shutil.rmtree(cache_dir)
    if site is not None:
        if site.exists():
            import shutil

            shutil.rmtree(site)
        write_site(site, files)
    m = json.loads(files["search/data/m.js"].decode()[len('__rsIndex.add("m",'):-3])
    return {"build_seconds": round(seconds, 2), "build_cpu_seconds": round(cpu, 2),
            "edit_seconds": round(edit_seconds, 3), "edit_files": edit_files,
            "peak_pss_mib": round(mem.peak / 1024), "pss_before_mib": round(before / 1024),
            "index_files": len(files), "index_raw_bytes": sum(len(v) for v in files.values()),
            "index_gzip_bytes": sum(gzip_size(v) for v in files.values()), "shards": m["shards"],
            "load_average": round(os.getloadavg()[0], 2)}


def bench(n: int, runs: int, out: Path) -> dict:
    import pickle
    import subprocess

    folder = corpus(n)
    md_bytes = sum(p.stat().st_size for p in (folder / "reports").glob("*.md"))
    t = time.perf_counter()
    entries = entries_of(folder)
    prep = time.perf_counter() - t
    site = out / f"search-site-{n}"
    entries_pickle = out / f"search-entries-{n}.pickle"
    with open(entries_pickle, "wb") as f:
        pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
    del entries
    each = []
    for i in range(runs):  # each build in a fresh process: memory freed by one run is not the next run's
        run = subprocess.run([sys.executable, __file__, "--build-only", str(entries_pickle), str(site) if i == 0 else "-"],
                             capture_output=True, text=True, check=True)
        each.append(json.loads(run.stdout))
    entries_pickle.unlink()
    figures = {**each[0], "build_seconds": [r["build_seconds"] for r in each],
               "build_cpu_seconds": [r["build_cpu_seconds"] for r in each],
               "peak_pss_mib": max(r["peak_pss_mib"] for r in each), "pss_before_mib": each[0]["pss_before_mib"],
               "load_average": [r["load_average"] for r in each],
               "edit_seconds": [r["edit_seconds"] for r in each]}
    print(f"N={n}: index built in {min(figures['build_seconds']):.2f} s (runs: {figures['build_seconds']};"
          f" CPU {min(figures['build_cpu_seconds']):.1f} s), load averages {figures['load_average']},"
          f" peak PSS {figures['peak_pss_mib']} MiB (before: {figures['pss_before_mib']} MiB);"
          f" one body edited: {min(figures['edit_seconds']):.3f} s, {figures['edit_files']} files made;"
          f" {figures['index_files']} files, {figures['index_raw_bytes'] / 1e6:.1f} MB raw ="
          f" {figures['index_raw_bytes'] / md_bytes:.2f}× the corpus's {md_bytes / 1e6:.1f} MB of Markdown;"
          " browser queries …", file=sys.stderr)
    rows = measure_queries(site, QUERIES)
    result = {
        "n": n, "date": time.strftime("%Y-%m-%d"), "machine": machine(), "texts_seconds": round(prep, 2),
        **figures, "build_seconds_best": min(figures["build_seconds"]), "corpus_markdown_bytes": md_bytes,
        "index_over_corpus": round(figures["index_raw_bytes"] / md_bytes, 3), "queries": rows,
    }
    (out / f"search-{n}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if names:
            cpu = f"{len(names)} × {names[0]}"
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) // 1024 // 1024
        cpu += f", {mem} GiB RAM"
    except (OSError, ValueError):
        pass
    return f"{cpu}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def table(results: list[dict]) -> str:
    lines = ["| N | index build (CPU) | one body edited (files made) | peak memory: total PSS (before) | index on disk |"
             " × Markdown | gzip total |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['build_seconds_best']:.2f} s ({min(r['build_cpu_seconds']):.1f} s) |"
                     f" {min(r['edit_seconds']):.3f} s ({r['edit_files']}) |"
                     f" {r['peak_pss_mib']} MiB ({r['pss_before_mib']} MiB) |"
                     f" {r['index_raw_bytes'] / 1e6:.1f} MB | {r['index_over_corpus']:.2f} |"
                     f" {r['index_gzip_bytes'] / 1e6:.1f} MB |")
    lines += ["", "| query | " + " | ".join(f"N={r['n']:,}: first-query KB (code + index) / files / ms" for r in results) + " |",
              "| --- | " + " | ".join("---" for _ in results) + " |"]
    for i, (q, what) in enumerate(QUERIES):
        cells = []
        for r in results:
            row = r["queries"][i]
            cells.append(f"{row['first_query_gz'] / 1000:.1f} ({row['code_gz'] / 1000:.1f} + {row['index_gz'] / 1000:.1f})"
                         f" / {row['files']} / {row['query_ms_median']:.1f}")
        lines.append(f"| `{q}` ({what}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default: 1000 10000)")
    p.add_argument("--runs", type=int, default=3, help="index builds per size; the best is reported (default 3)")
    p.add_argument("--out", type=Path, default=HERE / "out", help="where the sites and JSON results go (default bench/out)")
    p.add_argument("--build-only", nargs=2, metavar=("ENTRIES", "SITE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.build_only:
        site = None if args.build_only[1] == "-" else Path(args.build_only[1])
        print(json.dumps(build_only(Path(args.build_only[0]), site)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    results = [bench(n, args.runs, args.out) for n in args.n]
    print(f"{time.strftime('%Y-%m-%d')}, {machine()}, load average before: {os.getloadavg()[0]:.2f}\n")
    print(table(results))
    for r in results:
        for row in r["queries"]:
            if row["errors"]:
                print(f"N={r['n']} {row['query']}: page errors {row['errors']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
