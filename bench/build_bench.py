#!/usr/bin/env python3
"""Build benchmark: our build against Hugo's cold build of the same corpus, side by side.

    python bench/build_bench.py                     # N = 1,000 and 10,000, 3 runs each
    python bench/build_bench.py --sizes 1000 --runs 5
    python bench/build_bench.py --json out.json     # also write the figures as JSON

For each N, a project is made in bench/out/bench-N/ (a copy of templates/, theme/ and
pyproject.toml, and the synthetic corpus of bench/corpus.py as content/), then each run measures:

- pages alone: cold   no cache, empty output folder, no search index, no statistics
                      (REPORTSITE_BENCH_WITHOUT=search,stats): the breakdown;
- cold                pages and search index (…=stats): the scope of the issue's targets;
- no change           the same build again: nothing read, rendered or written;
- one body edited     one report's body edited (a sentence appended), then a build;
- year.html edited    a template used by the year pages only, then a build;
- report.html edited  the template of every report page, then a build;
- +stats: …           cold, no change and one body edited with the statistics too (everything);
- hugo cold           when `hugo` is on PATH: Hugo 0.111's cold build of the same content with
                      bench/hugo/ (taxonomies agency and year, minimal layouts), into an empty folder.

Every figure is the median of the runs; each is also printed as a ratio to Hugo's cold build of
the same run set. Peak memory is the peak, over the run, of the sum of the resident set sizes of
the build process and all its children (the worker pool), sampled every 20 ms; PSS (which counts
pages shared between forked processes once) is shown beside it. Output folders are fresh for
every run (and removed after it) for both tools.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py)

OUT = HERE / "out"
HUGO_SITE = HERE / "hugo"
_SUMMARY = re.compile(r"(\d+) files written, (\d+) unchanged, (\d+) removed")


# --- memory of a process tree ------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _rss_pss(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class Sampler(threading.Thread):
    """Peak of the summed RSS and PSS of a process and its descendants."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        n = 0
        tree = [self.pid]
        while not self.done.is_set():
            if n % 5 == 0:  # the tree changes rarely; /proc scans cost
                tree = _tree(self.pid)
            n += 1
            rss = pss = 0
            for p in tree:
                r, s = _rss_pss(p)
                rss += r
                pss += s
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.done.wait(self.interval)


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run `cmd`; wall seconds, peak tree RSS/PSS (bytes), exit status, output."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                            stdin=subprocess.DEVNULL)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out}\n{err}")
    m = _SUMMARY.search(out)
    return {"seconds": seconds, "rss": sampler.peak_rss, "pss": sampler.peak_pss, "stdout": out, "stderr": err,
            "written": int(m.group(1)) if m else None}


# --- the project ---------------------------------------------------------------------------------

def make_project(n: int, seed: int, vocabulary: str = "bank") -> Path:
    project = OUT / (f"bench-{n}" if vocabulary == "bank" else f"bench-{n}-{vocabulary}")
    project.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "theme"):
        shutil.rmtree(project / name, ignore_errors=True)
        shutil.copytree(CODE / name, project / name)
    shutil.copy(CODE / "pyproject.toml", project / "pyproject.toml")
    print(f"corpus: {n} reports …", file=sys.stderr, flush=True)
    corpus.generate(project / "content", n, seed, vocabulary=vocabulary)
    old = time.time() - 3600  # as if written an hour ago (a fresh file is re-checked by digest once)
    for path in (project / "content" / "reports").iterdir():
        os.utime(path, (old, old))
    return project


CODE = REPO  # the checkout whose build.py is measured (see --snapshot)


def snapshot(rev: str = "HEAD") -> Path:
    """A copy of the committed tree at `rev` in bench/out/code-<hash>/: what is measured does not change
    under the benchmark when someone edits the working tree (the cache is keyed by the code's source)."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", rev], capture_output=True, text=True,
                            check=True).stdout.strip()
    folder = OUT / f"code-{commit}"
    if not (folder / "build.py").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "build.py", "reportsite", "templates", "theme",
                                  "pyproject.toml"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    # Compiled once, as an installed package is: with PYTHONDONTWRITEBYTECODE set (some sandboxes and CI images
    # set it), every measured build would otherwise compile build.py, search.py… from source again (~0.1 s).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "reportsite"), str(folder / "build.py")],
                   check=True)
    return folder


def our_build(project: Path, site: Path, without: str = "", extra: tuple[str, ...] = ()) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTSITE_BENCH_WITHOUT", "REPORTSITE_JOBS")}
    env["CI"] = "true"  # no progress line
    env["PYTHONPATH"] = str(CODE)
    if without:
        env["REPORTSITE_BENCH_WITHOUT"] = without
    cmd = [sys.executable, str(CODE / "build.py"), "build", "--content", "content", "--site", str(site),
           "--config", "pyproject.toml", *extra]
    return timed(cmd, env=env, cwd=project)


def hugo_build(project: Path, dest: Path) -> dict:
    cache = OUT / "hugo-cache"
    return timed(["hugo", "--quiet", "-s", str(HUGO_SITE), "--contentDir", str(project / "content"),
                  "--destination", str(dest), "--cacheDir", str(cache)])


TRASH = OUT / "trash"


def fresh(path: Path) -> Path:
    """`path` made absent by moving it into TRASH (a rename), not by deleting it: on this kind of disk
    (ext4 with online discard) deleting the last run's ~27,000 files keeps the disk busy for seconds
    afterwards, and that would be timed as part of the next build (ours or Hugo's, whichever comes next).
    TRASH is emptied once, after the last timed run."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{path.name}-{time.monotonic_ns()}")
    return path


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def settle(seconds: float = 1.0) -> None:
    """Let the disk write out the previous run's files before timing."""
    os.sync()
    time.sleep(seconds)


def edit_template(path: Path, n: int) -> None:
    text = path.read_text("utf-8")
    text = re.sub(r"\n?\{# bench edit \d+ #\}<!-- bench edit \d+ -->", "", text)
    path.write_text(text.replace("{% block main %}", f"{{% block main %}}\n{{# bench edit {n} #}}<!-- bench edit {n} -->", 1), "utf-8")


def run_size(n: int, runs: int, seed: int, with_hugo: bool, with_stats: bool = True, vocabulary: str = "bank") -> dict:
    project = make_project(n, seed, vocabulary)
    cache = project / ".cache"
    site = project / "site"
    figures: dict[str, list] = {}

    def add(name: str, r: dict) -> None:
        figures.setdefault(name, []).append(r)
        print(f"  {name:<24} {r['seconds']:7.2f} s  rss {r['rss'] / 2**20:7.0f} MiB  pss {r['pss'] / 2**20:7.0f} MiB"
              f"  written {r['written']}", file=sys.stderr, flush=True)

    reports = sorted((project / "content" / "reports").glob("*.md"))
    target = reports[len(reports) // 2]
    edits = 0

    def cold(label: str, without: str) -> None:
        fresh(cache)
        fresh(site)
        settle()
        add(label, our_build(project, site, without))

    def incremental(prefix: str, without: str, templates: bool) -> None:
        nonlocal edits
        add(f"{prefix}no change", our_build(project, site, without))
        edits += 1
        corpus.edit_body(target, edits)
        add(f"{prefix}one body edited", our_build(project, site, without))
        if templates:
            edit_template(project / "templates" / "year.html", edits)
            add(f"{prefix}year.html edited", our_build(project, site, without))
            edit_template(project / "templates" / "report.html", edits)
            add(f"{prefix}report.html edited", our_build(project, site, without))

    def hugo() -> None:
        dest = fresh(OUT / f"hugo-site-{n}")
        settle()
        add("hugo cold", hugo_build(project, dest))
        fresh(dest)
        fresh(OUT / "hugo-cache")

    for i in range(runs):
        print(f"N={n} run {i + 1}/{runs}", file=sys.stderr, flush=True)
        cold("pages alone: cold", "search,stats")
        cold("cold", "stats")  # pages + search index: the scope
        if with_hugo:
            # right after our cold build, so that both meet the disk in the same state: on a disk without a
            # journal, creating files costs more for minutes after many were deleted (bench/README.md)
            hugo()
        incremental("", "stats", templates=True)
        if with_stats:
            cold("+stats: cold", "")
            incremental("+stats: ", "", templates=False)
    fresh(site)
    return {name: {"seconds": statistics.median(r["seconds"] for r in rs),
                   "rss": statistics.median(r["rss"] for r in rs),
                   "pss": statistics.median(r["pss"] for r in rs),
                   "written": statistics.median(r["written"] for r in rs) if all(r["written"] is not None for r in rs) else None,
                   "runs": [round(r["seconds"], 3) for r in rs]}
            for name, rs in figures.items()}


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    hugo = ""
    if shutil.which("hugo"):
        hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    try:
        load = os.getloadavg()
    except OSError:
        load = (0, 0, 0)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {"date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "nproc": os.cpu_count(), "cpu": cpu,
            "code": str(CODE.relative_to(REPO)) if CODE != REPO else f"working tree at {commit}",
            "python": platform.python_version(), "hugo": hugo, "load_before": [round(x, 2) for x in load],
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def paired_ratios(figures: dict) -> dict[str, list[float]]:
    """For the cold figures, each run's time over Hugo's cold build of the same run."""
    hugo = figures.get("hugo cold", {}).get("runs")
    out = {}
    for name in ("pages alone: cold", "cold"):
        runs = figures.get(name, {}).get("runs")
        if hugo and runs and len(runs) == len(hugo):
            out[name] = [ours / theirs for ours, theirs in zip(runs, hugo)]
    return out


def report(results: dict, info: dict) -> str:
    lines = [f"{info['date']} · {info['nproc']} CPUs · {info['cpu']} · Python {info['python']} · {info['hugo'] or 'no hugo'}"
             f" · load before {info['load_before']} · code {info['code']}"
             + (f" · corpus vocabulary {info['vocabulary']}" if info.get("vocabulary", "bank") != "bank" else "")]
    targets = {"cold": 1.0, "no change": 0.1, "one body edited": 0.15}
    for n, figures in results.items():
        hugo = figures.get("hugo cold", {}).get("seconds")
        lines.append("")
        lines.append(f"N = {n}")
        lines.append(f"  {'figure':<22} {'ours (s)':>9} {'Hugo cold':>10} {'ratio':>7} {'target':>7} {'peak RSS':>10} {'peak PSS':>10}  written  runs")
        for name, f in figures.items():
            ratio = f"{f['seconds'] / hugo:.2f}×" if hugo else "–"
            target = f"≤{targets[name]:g}×" if name in targets else ""
            written = "" if f["written"] is None else f"{f['written']:.0f}"
            lines.append(f"  {name:<22} {f['seconds']:9.2f} {hugo if hugo else float('nan'):10.2f} {ratio:>7} {target:>7}"
                         f" {f['rss'] / 2**20:8.0f} MiB {f['pss'] / 2**20:8.0f} MiB  {written:>7}  {f['runs']}")
        paired = paired_ratios(figures)
        if paired:
            lines.append("")
        for name, ratios in paired.items():
            # The machine drifts between runs more than the two builds of one run differ (bench/README.md,
            # session 6): each run's ratio, ours over Hugo's right after it, is the steadier figure.
            lines.append(f"  {name} / hugo cold, run by run: {', '.join(f'{r:.2f}×' for r in ratios)};"
                         f" median {statistics.median(ratios):.2f}×")
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = results[sizes[0]], results[sizes[-1]]
        lines.append("")
        for name in ("pages alone: cold", "cold", "+stats: cold"):
            if name in small and name in large:
                lines.append(f"memory growth {sizes[0]} → {sizes[-1]} ({name}): RSS ×{large[name]['rss'] / small[name]['rss']:.2f},"
                             f" PSS ×{large[name]['pss'] / small[name]['pss']:.2f} for ×{sizes[-1] / sizes[0]:g} reports")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    p.add_argument("--no-hugo", action="store_true", help="skip Hugo even when it is installed")
    p.add_argument("--no-stats", action="store_true", help="skip the figures with the statistics (the slowest part)")
    p.add_argument("--vocabulary", choices=corpus.VOCABULARIES, default="bank",
                   help="the corpus's words: bank (the sentence bank's, the default, as in every recorded run) or open"
                        " (words from a 400,000-word dictionary put in, as many distinct tokens as real reports have;"
                        " project bench/out/bench-N-open)")
    p.add_argument("--snapshot", default="HEAD", metavar="REV",
                   help="measure this commit, exported to bench/out/code-<hash>/ (default HEAD); 'worktree': the working tree as it is")
    args = p.parse_args(argv)
    global CODE
    CODE = REPO if args.snapshot == "worktree" else snapshot(args.snapshot)
    with_hugo = bool(shutil.which("hugo")) and not args.no_hugo
    if not with_hugo and not args.no_hugo:
        print("note: hugo is not installed (apt-get install hugo): no comparison", file=sys.stderr)
    info = machine()
    info["vocabulary"] = args.vocabulary
    if TRASH.exists():  # a run stopped early: its outputs are deleted now, and the disk given time to finish
        empty_trash()
        settle(10.0)
    try:
        results = {n: run_size(n, args.runs, args.seed, with_hugo, not args.no_stats, args.vocabulary) for n in args.sizes}
    finally:
        empty_trash()
    text = report(results, info)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": {str(k): v for k, v in results.items()}},
                                        ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
