"""The statistics' part of the cached build (reportsite/build.py `_Run`), kept here so build.py only calls it.

Statistics depend on every body (an agency's table, the year totals, the repetition of last
year's text, the data files with every body in reports-full.jsonl), but each part depends on
few of them. The build cache keeps each part with the digest of its inputs, and a rebuild redoes
only the parts whose inputs changed:

- per report (a *unit*, keyed by its body's digest and the front matter `finalize` reads): the
  extraction and its `ReportStats`, kept in one pickled shard per agency (`Packed`), so an edit
  unpickles and repickles its agency's shard only; the index (`stats_index`) keeps per report the
  digest of its `ReportStats`, what a year page takes from it (`site.year_cells`), and its pair;
- per pair of reports (the agency's previous report and this one, keyed by the two bodies'
  digests): the repetition share and the side-by-side (`similarity.compare`, in the worker pool
  when there are many); an edit of one body compares at most two pairs;
- the report pages' statistics panels, the agency and year contexts, the home page's table: made
  again only for the reports whose `ReportStats` or pair changed, their agency and their year
  (all of them when the front matter changed); the others are the last build's;
- side-by-side pages: keyed by their inputs (the pair, the two reports' summaries, the template's
  closure and the settings); an unchanged one is neither made nor hashed but kept as written
  (`kept`; `page_for` makes it again if it is found changed on disk), a changed one is a
  `LazyPage` whose context is made when it is rendered (by a worker in a cold build);
- data files: each of data/reports.json, reports.csv, stats.csv, reports-full.jsonl is a frame
  around one chunk per report (`data.report_chunks`); the index keeps each chunk's key and where it
  lies in the file written last, so a rebuild joins the unchanged chunks read back from that file
  with the few it makes again (reading only the changed reports' bodies); feed.xml, sitemap.xml
  and robots.txt are made again only when the front matter or the settings changed.

The whole cache is dropped when the code changes; a part whose file is not as written is made again.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from array import array

from .site import (Utf8Text, agency_context, cached_extract, diff_url, encoded_diff_context, home_context,
                   previous_reports, report_context, year_cells, year_context)
from .extract import finalize
from .step import Packed, StatsStep, unpacked  # (defined apart so that build.py and pages.py need not import this module)

STATS_VERSION = b"stats-3"  # change when extraction or the contexts change shape
_HIGHEST = pickle.HIGHEST_PROTOCOL


def value_digest(value) -> bytes:
    """Digest of a value's pickle made without pickle's memo (equal values, equal bytes: see build.page_key)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=_HIGHEST)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


def _key(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(len(p).to_bytes(4, "little") + p)
    return h.digest()


class ReportContexts:
    """slug → the report page's statistics context: what a build worker needs (`.report(slug)`).

    Contexts are made on first use (`make(slug)`). Pickled (to send to the workers) it is every one of them,
    each pickled alone (`packed`): a worker unpickles a context when it renders its page and keeps only the
    bytes (15 MB for 10,000 reports, where the contexts take 70 MB in each process); once pickled, this
    process also keeps the bytes only."""

    def __init__(self, known: dict | None = None, make=None, slugs=(), packed: dict[str, bytes] | None = None):
        self.known = dict(known or {})
        self.make = make
        self.slugs = list(slugs)
        self.packed = packed

    def report(self, slug: str) -> dict | None:
        if self.packed is not None:
            blob = self.packed.get(slug)
            return pickle.loads(blob) if blob is not None else None
        found = self.known.get(slug)
        if found is None and self.make is not None and slug in self._all:
            found = self.known[slug] = self.make(slug)
        return found

    @property
    def _all(self) -> set:
        if not hasattr(self, "_set"):
            self._set = set(self.slugs)
        return self._set

    def __reduce__(self):
        if self.packed is None:
            packed = {}
            for slug in [*self.slugs, *(s for s in self.known if s not in self._all)]:
                found = self.known.get(slug)
                if found is None and self.make is not None:
                    found = self.make(slug)  # made for the workers, not kept here
                if found is not None:
                    packed[slug] = pickle.dumps(found, protocol=_HIGHEST)
            self.packed, self.known, self.make = packed, {}, None  # from now on this process too reads the bytes
        return (ReportContexts, ({}, None, (), self.packed))


class StatsView:
    """What pages read: .report(slug), .agency(slug), .year(key), .home() (values may be `Packed`)."""

    def __init__(self, reports: ReportContexts, agencies: dict, years: dict, home):
        self.reports, self.agencies, self.years, self._home = reports, agencies, years, home

    def report(self, slug: str) -> dict | None:
        return self.reports.report(slug)

    def agency(self, slug: str) -> dict:
        return unpacked(self.agencies[slug])

    def agency_kept(self, slug: str):
        """The agency's statistics as kept: a dict or a `Packed` (pages.agency_page_context unpacks it)."""
        return self.agencies[slug]

    def year(self, key: str) -> dict:
        return unpacked(self.years[key])

    def home(self) -> dict:
        return unpacked(self._home)


def compare_pairs(items) -> list:
    """[(key, previous body, this body)] → [(key, (share, encoded side-by-side))] of `similarity.compare(previous,
    this)` (also what a worker runs; bodies are str or `site.Utf8Text`). The side-by-side is pickled (`site.encoded_diff_context` reads it so): a
    few hundred bytes where its tuples take a few kilobytes in memory."""
    from .similarity import compare

    out = []
    for key, previous, this in items:
        share, encoded = compare(str(previous), str(this))
        out.append((key, (share, pickle.dumps(encoded, protocol=_HIGHEST))))
    return out


def _unit_key(body_digest: bytes, meta) -> bytes:
    """The inputs of a report's `ReportStats`: its body and what `finalize` reads from the front matter."""
    return _key(STATS_VERSION, body_digest, pickle.dumps((meta.year, meta.year_text, meta.stats), protocol=_HIGHEST))


def _old_index(old_extra) -> dict | None:
    try:
        index = old_extra.get("stats_index")
    except Exception:  # noqa: BLE001 - an unreadable entry is a cold start
        return None
    if not isinstance(index, dict) or index.get("version") != STATS_VERSION:
        return None
    return index


D = 16  # bytes of each digest in the index's columns


def _at(blob: bytes, i: int) -> bytes:
    return blob[D * i:D * i + D]


def _differ(a: bytes, b: bytes) -> list[int]:
    """Positions where two columns of digests (same length) differ."""
    if a == b:
        return []
    return [i for i in range(len(a) // D) if a[D * i:D * i + D] != b[D * i:D * i + D]]


def _patch(blob: bytes, changes: dict[int, bytes]) -> bytes:
    if not changes:
        return blob
    out = bytearray(blob)
    for i, d in changes.items():
        out[D * i:D * i + D] = d
    return bytes(out)


def statistics(rels, meta_of, body_of, digest_of, catalogue, settings, meta_key: bytes, env_key: bytes,
               old_extra: dict, new_extra: dict, still_written, compute_pairs=None, *, meta_digest_of=None,
               open_output=None, extractions=None, page_env: bytes | None = None, spool=None) -> StatsStep:
    """Statistics, data files and side-by-side pages of the good reports (`rels`, their files), redoing what changed.

    `meta_of(rel)`: the report without its body; `body_of(rel)`: its body; `digest_of(rel)`: the body's
    digest; `still_written(paths)`: whether those outputs of the last build are on disk as written;
    `compute_pairs(items)`: like `compare_pairs` (default: it, in this process). Optional:
    `meta_digest_of(rel)`: the digest of its front matter; `open_output(path)`: an output of the last
    build opened for reading (binary) if it is still as written, else None; `extractions`: body digest → extraction
    already made (by the workers); `page_env`: the digest of the side-by-side template's closure and
    the settings (default: `env_key`); `spool()`: a new temporary binary file (or None) to make a data file in,
    which `files` then holds as a read-only map of it. `old_extra`/`new_extra`: the last build's cached entries, and
    where to put this build's."""
    from ..data import (CHUNKED, FRAMES, chunk_spans, data_page, file_records, full_chunk, join_pieces, report_chunks,
                        site_files, write_pieces)
    from ..pages import LazyPage

    extractions = extractions or {}
    page_env = env_key if page_env is None else page_env
    old = _old_index(old_extra or {})
    rels = list(rels)
    meta_same = bool(old) and old["meta_key"] == meta_key and old["rels"] == rels
    if meta_same:
        slug_of_rel = dict(zip(rels, old["rel_slugs"]))
    else:
        slug_of_rel = {rel: meta_of(rel).slug for rel in rels}
    rel_of = {slug: rel for rel, slug in slug_of_rel.items()}
    slugs = sorted(rel_of)
    n = len(slugs)
    summaries = catalogue.summaries
    agency_of = {slug: summaries[slug]["agency_slug"] for slug in slugs}
    metas: dict = {}
    bodies: dict[str, str] = {}

    def meta(slug: str):
        if slug not in metas:
            metas[slug] = meta_of(rel_of[slug])
        return metas[slug]

    def body(slug: str) -> str:
        if slug not in bodies:
            bodies[slug] = body_of(rel_of[slug])
        return bodies[slug]

    wires: dict[str, Utf8Text] = {}

    def wire(slug: str) -> Utf8Text:
        """The body as side-by-side pages and pairs to compare hold it: sent to the workers without a UTF-8 copy
        left in this process."""
        if slug not in wires:
            wires[slug] = Utf8Text(body(slug))
        return wires[slug]

    # --- the last build's columns, by the last build's positions
    old_slugs = old["slugs"] if old else []
    old_pos = {s: i for i, s in enumerate(old_slugs)} if not meta_same else None
    old_body, old_ukey, old_rs = (old["body"], old["ukey"], old["rs"]) if old else (b"", b"", b"")
    old_shards = (old_extra.get("stats_shards") or {}) if old else {}
    old_ctx = (old_extra.get("stats_ctx") or {}) if old else {}
    old_shards_read: dict[str, dict] = {}

    def old_entry(slug: str):
        """[extraction, ReportStats, encoded side-by-side] of the last build, or None."""
        shard = agency_of[slug] if meta_same else None
        if shard is None:  # the reports may have moved between agencies: look everywhere
            if None not in old_shards_read:
                old_shards_read[None] = {}
                for packed in old_shards.values():
                    old_shards_read[None].update(packed.get())
            return old_shards_read[None].get(slug)
        if shard not in old_shards_read:
            packed = old_shards.get(shard)
            old_shards_read[shard] = packed.get() if packed is not None else {}
        return old_shards_read[shard].get(slug)

    def old_index_of(slug: str) -> int | None:
        return (slug_pos[slug] if slug in slug_pos else None) if meta_same else old_pos.get(slug)

    slug_pos = {s: i for i, s in enumerate(slugs)}

    # --- units: a report's ReportStats, made again when its body or what finalize reads changed
    body_blob = b"".join(digest_of(rel_of[s]) for s in slugs)
    if meta_same:
        to_make = [slugs[i] for i in _differ(body_blob, old_body)]
        ukey_blob = _patch(old_ukey, {slug_pos[s]: _unit_key(_at(body_blob, slug_pos[s]), meta(s)) for s in to_make})
    else:
        ukey_blob = b"".join(_unit_key(_at(body_blob, i), meta(s)) for i, s in enumerate(slugs))
        to_make = [s for i, s in enumerate(slugs)
                   if old_pos.get(s) is None or _at(old_ukey, old_pos[s]) != _at(ukey_blob, i)]
    # --- pairs: repetition share and side-by-side, kept by the two bodies' digests
    previous = dict(old["previous"]) if meta_same else previous_reports([meta(s) for s in slugs])
    old_previous = old["previous"] if old else {}
    old_shares = old["shares"] if old else {}
    shares: dict = {}
    pairs: dict[str, tuple] = {}
    changed_pairs: set[str] = set()
    touched = set(to_make)
    old_pair_home: dict | None = None
    reused: dict[str, tuple] = {}  # slug → the side-by-side the last build made of its two bodies, under another slug
    missing: dict = {}
    for slug, prev in sorted(previous.items()):
        pair = (_at(body_blob, slug_pos[prev]), _at(body_blob, slug_pos[slug]))
        pairs[slug] = pair
        if meta_same and slug not in touched and prev not in touched:
            shares[slug] = old_shares[slug]
            continue
        j, k = old_index_of(slug), old_index_of(old_previous.get(slug, ""))
        if j is not None and k is not None and (_at(old_body, k), _at(old_body, j)) == pair:
            shares[slug] = old_shares[slug]
            if old_previous[slug] != prev or not meta_same:
                changed_pairs.add(slug)  # same bodies, another report: its side-by-side page names another one
            continue
        changed_pairs.add(slug)
        if old_pair_home is None:
            old_pair_home = {}
            for s, p in old_previous.items():
                if s in (old_pos if not meta_same else slug_pos) and p in (old_pos if not meta_same else slug_pos):
                    a, b = (old_pos[p], old_pos[s]) if not meta_same else (slug_pos[p], slug_pos[s])
                    old_pair_home[(_at(old_body, a), _at(old_body, b))] = s
        home = old_pair_home.get(pair)
        if home is not None:
            found = old_entry(home)
            if found is not None and found[2] is not None:
                shares[slug] = old_shares[home]
                reused[slug] = found[2]  # into `entries` after the units are made (a new slug has no entry yet)
                continue
        if pair not in missing:
            missing[pair] = ((agency_of[slug], slug), (pair, body(prev), body(slug)))
    changed_pairs |= {s for s in old_previous if s not in previous and s in slug_pos}

    # Compared (in the pool) while the units below are made, and the data files after them.
    answer = None
    if missing:
        # by agency, then year: a body is compared with the year before and then the year after, in one worker's
        # chunk mostly, which makes what comparing needs of it once (similarity._body) and sends it once
        items = [item for _, item in sorted(missing.values(), key=lambda m: m[0])]
        missing.clear()
        answer = (compute_pairs or compare_pairs)(items)  # a list, or a `.result()` to come (made in the pool)
        del items

    try:  # (an error here: the pool answers first, so that its pipes stay in step for the build's next step)
        entries: dict[str, list] = {}  # slug → [extraction, rs, encoded], made or unpacked in this build
        made_rs: dict[str, bytes] = {}
        new_cells: dict[str, tuple] = {}
        for slug in to_make:
            d = _at(body_blob, slug_pos[slug])
            extraction = extractions.get(d)
            j = old_index_of(slug)
            if extraction is None and j is not None and _at(old_body, j) == d:
                extraction = old_entry(slug)[0]
            if extraction is None:
                extraction = cached_extract(body(slug))
            m = meta(slug)
            rs = finalize(extraction, m.year, m.year_text, m.stats)
            made_rs[slug] = value_digest(rs)
            new_cells[slug] = year_cells(rs)
            entries[slug] = [extraction, rs, None]
        if meta_same:
            rs_blob = _patch(old_rs, {slug_pos[s]: d for s, d in made_rs.items()})
        else:
            rs_blob = b"".join(made_rs[s] if s in made_rs else _at(old_rs, old_pos[s]) for s in slugs)
        changed_units = {s for s, d in made_rs.items() if old_index_of(s) is None or _at(old_rs, old_index_of(s)) != d}
        old_cells_packed = old.get("cells") if old else None
        if changed_units or not meta_same or old_cells_packed is None:
            old_cells = old_cells_packed.get() if old_cells_packed is not None else {}
            cells = {s: new_cells[s] if s in new_cells else old_cells[s] for s in slugs}
            cells_packed = Packed.of(cells)
        else:
            old_cells, cells, cells_packed = {}, None, old_cells_packed
        for slug, encoded in reused.items():
            _entry(entries, slug, old_entry)[2] = encoded
    except BaseException:
        if hasattr(answer, "result"):
            answer.result(quiet=True)
        raise

    def rs_of(slug: str):
        return _entry(entries, slug, old_entry)[1]

    def encoded_of(slug: str):
        return _entry(entries, slug, old_entry)[2]

    # --- data files: chunks kept from the last files, the changed ones made again
    old_files = old["files"] if old else {}
    files: dict[str, bytes] = {}
    kept_files: list[str] = []
    file_info: dict[str, dict] = {}
    settings_key = value_digest(repr(settings))
    name_of = {path: path.split("/", 1)[1] for path in CHUNKED}

    def make_data_files() -> None:
        """data/*: chunks kept from the last files, the changed ones made again (while the workers compare pairs)."""

        def chunk_key(path: str, slug: str) -> bytes:
            i = slug_pos[slug]
            md = meta_digest_of(rel_of[slug]) if meta_digest_of is not None else value_digest(meta(slug))
            if path == "data/stats.csv":
                return _key(md, _at(rs_blob, i))
            if path == "data/reports-full.jsonl":
                return _key(md, _at(rs_blob, i), _at(body_blob, i))
            return md

        made: dict[str, dict[str, bytes]] = {}

        def chunk(slug: str, path: str) -> bytes:
            if path == "data/reports-full.jsonl":
                return full_chunk(meta(slug), rs_of(slug), settings, body(slug))
            if slug not in made:
                made[slug] = report_chunks(meta(slug), rs_of(slug), settings)
            return made[slug][path]

        for path in CHUNKED:
            info = old_files.get(path)
            same_frame = info is not None and info["frame"] == settings_key
            if same_frame and meta_same:
                changed = {"data/stats.csv": changed_units, "data/reports-full.jsonl": set(to_make)}.get(path, ())
                keys = _patch(info["keys"], {slug_pos[s]: chunk_key(path, s) for s in changed})
            else:
                keys = b"".join(chunk_key(path, s) for s in slugs)
            if same_frame and meta_same and keys == info["keys"] and still_written([path]):
                kept_files.append(path)
                file_info[path] = info
                continue
            source = open_output(path) if same_frame and open_output is not None else None
            if source is not None and os.fstat(source.fileno()).st_size != info["size"]:
                source.close()
                source = None
            spans = info["spans"] if source is not None else None
            lengths: list[int] = []

            def pieces_of(path=path, info=info, keys=keys, source=source, spans=spans, lengths=lengths):
                """Bytes made now, or [start, end, last chunk] of a run of the last file's chunks; `lengths` filled in."""
                run = None
                for i, slug in enumerate(slugs):
                    j = old_index_of(slug) if source is not None else None
                    if j is not None and _at(info["keys"], j) == _at(keys, i):
                        start, end = spans[2 * j], spans[2 * j + 1]
                        lengths.append(end - start)
                        if run is not None and run[2] == j - 1:
                            run[1:] = [end, j]  # the next chunk of the last file: one read, separator included
                        else:
                            if run is not None:
                                yield run
                            run = [start, end, j]
                    else:
                        if run is not None:
                            yield run
                            run = None
                        made_now = chunk(slug, path)
                        lengths.append(len(made_now))
                        yield made_now
                if run is not None:
                    yield run

            out = spool() if spool is not None else None
            try:
                if out is not None:  # on disk, mapped: neither the chunks nor the file are held in this process's memory
                    size, lines = write_pieces(path, pieces_of(), len(slugs), out, source)
                    head, sep, tail, _ = FRAMES[path]
                    if slugs and size != len(head) + sum(lengths) + len(sep) * (len(slugs) - 1) + len(tail):
                        raise OSError(f"{path}: not as long as its chunks")
                    joined = _mapped(out, size)
                else:
                    pieces = list(pieces_of())
                    joined = join_pieces(path, pieces, lengths, source)
                    del pieces
                    lines = None
            finally:
                if source is not None:
                    source.close()
                if out is not None:
                    out.close()
            if path.endswith((".json", ".jsonl")):
                records = len(lengths)
            else:
                records = file_records(name_of[path], joined) if lines is None else max(lines - 1, 0)
            file_info[path] = {"frame": settings_key, "keys": keys, "spans": array("q", chunk_spans(path, lengths)),
                               "size": len(joined), "records": records}
            files[path] = joined
        made.clear()

    try:
        make_data_files()
    except BaseException:
        if hasattr(answer, "result"):
            answer.result(quiet=True)  # the pool in step before the build fails
        raise
    if answer is not None:
        results = dict(answer.result() if hasattr(answer, "result") else answer)
        answer = None
        for slug in sorted(changed_pairs):
            if slug in pairs and pairs[slug] in results:
                share, encoded = results[pairs[slug]]
                shares[slug] = share
                _entry(entries, slug, old_entry)[2] = encoded
        del results

    # --- contexts: report panels, agencies, years, home
    if meta_same:
        changed_reports = changed_units | changed_pairs
        agencies_changed = {agency_of[s] for s in changed_reports}
        years_changed = {summaries[s]["year_key"] for s in changed_units if old_cells.get(s) != cells[s]}
    else:
        changed_reports = set(slugs)
        agencies_changed = set(catalogue.agencies)
        years_changed = set(catalogue.years)
    agency_ctx = dict(old_ctx.get("agency", {})) if meta_same else {}
    year_ctx = dict(old_ctx.get("year", {})) if meta_same else {}
    for a in sorted(agencies_changed):
        agency_ctx[a] = agency_context(catalogue, a, _RsOf(rs_of), previous, shares)
    for y in sorted(years_changed):
        year_ctx[y] = year_context(catalogue, y, cells.__getitem__)
    home = old_ctx.get("home") if meta_same and not years_changed and "home" in old_ctx else \
        home_context(catalogue, lambda key: unpacked(year_ctx[key]))

    def make_report(slug: str) -> dict:
        return report_context(slug, rs_of(slug), summaries, previous.get(slug), shares.get(slug))

    reports = ReportContexts({s: make_report(s) for s in sorted(changed_reports)} if meta_same else {},
                             make_report, slugs)

    # --- side-by-side pages, keyed by their inputs
    diff_slugs = sorted(previous)
    env_same = bool(old) and old["page_env"] == page_env
    old_diff_keys = old["diffs"] if old else b""

    def diff_key(slug: str) -> bytes:
        pair = pairs[slug]
        return _key(page_env, slug.encode(), pair[0], pair[1], value_digest((summaries[slug], summaries[previous[slug]])))

    if meta_same and env_same:
        diff_blob = _patch(old_diff_keys, {i: diff_key(s) for i, s in enumerate(diff_slugs) if s in changed_pairs})
        new_diffs = set(i for i in _differ(diff_blob, old_diff_keys))
    else:
        diff_blob = b"".join(diff_key(s) for s in diff_slugs)
        old_diff_pos = {s: i for i, s in enumerate(sorted(old_previous))}
        new_diffs = {i for i, s in enumerate(diff_slugs)
                     if s not in old_diff_pos or _at(old_diff_keys, old_diff_pos[s]) != _at(diff_blob, i)}

    def diff_page(slug: str) -> LazyPage:
        prev = previous[slug]
        return LazyPage(diff_url(slug), "diff.html", encoded_diff_context,
                        (summaries[slug], summaries[prev], shares[slug], wire(prev), wire(slug), encoded_of(slug)))

    pages: list = [diff_page(diff_slugs[i]) for i in sorted(new_diffs)]
    kept: list[str] = [diff_url(s) for i, s in enumerate(diff_slugs) if i not in new_diffs] if old else []
    kept.extend(kept_files)


    site_key = _key(meta_key, settings_key)
    site_paths = sorted(old["site_files"]) if old else []
    if old and old["site_key"] == site_key and still_written(site_paths):
        kept.extend(site_paths)
    else:
        made_site = site_files([meta(s) for s in slugs], catalogue, settings, [diff_url(s) for s in diff_slugs])
        files.update(made_site)
        site_paths = sorted(made_site)
    listing = {name_of[p]: (file_info[p]["size"], file_info[p]["records"]) for p in CHUNKED}
    present = {p: b"" for p in [*CHUNKED, *site_paths]}
    pages.append(data_page(present, listing=listing))

    # --- what the next build starts from
    shards: dict[str, Packed] = {}
    dirty = {agency_of[s] for s in entries}
    members: dict[str, list[str]] = {}
    for slug in slugs:
        members.setdefault(agency_of[slug], []).append(slug)
    for a, its in members.items():
        if meta_same and a not in dirty and a in old_shards:
            shards[a] = old_shards[a]
        else:
            shards[a] = Packed.of({s: _entry(entries, s, old_entry) for s in its})
    new_extra.update({
        "stats_index": {"version": STATS_VERSION, "meta_key": meta_key, "page_env": page_env, "rels": rels,
                        "rel_slugs": [slug_of_rel[r] for r in rels], "slugs": slugs, "body": body_blob,
                        "ukey": ukey_blob, "rs": rs_blob, "cells": cells_packed, "previous": previous,
                        "shares": shares, "diffs": diff_blob, "files": file_info,
                        "site_key": site_key, "site_files": site_paths},
        "stats_shards": shards,
        "stats_ctx": {"agency": {a: v if isinstance(v, Packed) else Packed.of(v) for a, v in agency_ctx.items()},
                      "year": {y: v if isinstance(v, Packed) else Packed.of(v) for y, v in year_ctx.items()},
                      "home": home if isinstance(home, Packed) else Packed.of(home)},
    })
    recomputed = bool(changed_reports or agencies_changed or years_changed or files or len(pages) > 1 or not old)
    if meta_same:
        changed_pages = {catalogue.agencies[a]["url"] for a in agencies_changed} \
            | {catalogue.years[y]["url"] for y in years_changed} | ({"index.html"} if years_changed else set())
    else:
        changed_pages = None
    def page_for(path: str):  # reads the side-by-side from the new shards: keeps no ReportStats or extraction alive
        slug = path[len("reports/"):-len("/diff/index.html")] if path.endswith("/diff/index.html") else None
        if slug not in previous:
            return None
        prev = previous[slug]
        return LazyPage(diff_url(slug), "diff.html", encoded_diff_context,
                        (summaries[slug], summaries[prev], shares[slug], wire(prev), wire(slug),
                         shards[agency_of[slug]].get()[slug][2]))

    view = StatsView(reports, agency_ctx, year_ctx, home)
    return StatsStep(view, reports, files, pages, kept=kept, changed_reports=changed_reports,
                     changed_rels={rel_of[s] for s in changed_reports}, recomputed=recomputed,
                     changed_pages=changed_pages, page_for=page_for)


def _mapped(out, size: int):
    """The `size` bytes written to the temporary file `out`, as a read-only memoryview of a map of it (the
    map outlives the file object; the pages are the page cache's, read when the file is hashed and written)."""
    import mmap

    if not size:
        return b""
    out.flush()
    return memoryview(mmap.mmap(out.fileno(), size, access=mmap.ACCESS_READ))


class _RsOf:
    """`by_slug[slug]` for `site.agency_context`, reading each ReportStats where it is."""

    def __init__(self, rs_of):
        self.rs_of = rs_of

    def __getitem__(self, slug):
        return self.rs_of(slug)


def _entry(entries: dict, slug: str, old_entry) -> list:
    """This build's [extraction, ReportStats, encoded side-by-side] of a report (copied from the last build's)."""
    found = entries.get(slug)
    if found is None:
        found = entries[slug] = list(old_entry(slug))
    return found
