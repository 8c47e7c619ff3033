"""Link and anchor checker for a built site: every internal link must hit a file.

The site must work both from a web server under any sub-path and straight from
the disk over file://, so an internal link must be *relative* and point at a
*file*:

- every internal ``href``/``src``/``srcset``/``poster``/``action``/… in every
  HTML file, every CSS ``url()``/``@import`` (in ``.css`` files, ``<style>``
  and ``style=""``) is resolved relative to its file and must name an existing
  file inside the site folder;
- ``#anchor`` must match an ``id`` (or ``<a name>``) in the target page
  (``#`` and ``#top`` always work);
- links to a folder (``x/`` or a path that is a directory) fail: file://
  shows a listing, not ``index.html``;
- root-relative (``/x``) and protocol-relative (``//host/x``) links fail —
  except in the top-level ``404.html`` when it has a ``<base href>``: GitHub
  Pages serves that page at the depth of the missing URL, so it resolves its
  links against the base; a ``/path`` under the base's path is checked against
  the site root;
- external schemes (``http:``, ``https:``, ``mailto:``, ``tel:``, ``data:``, …)
  are skipped; ``javascript:`` is a failure.

Pure Python (html.parser), no network. ``check_site(site)`` returns a sorted
list of ``path:line: message`` strings (paths relative to the site, POSIX);
``python -m reportsite.linkcheck SITE_DIR`` prints them and exits 1 if any.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["check_site", "main"]

HTML_SUFFIXES = (".html", ".htm")
ALWAYS_VALID_ANCHORS = frozenset({"", "top"})  # HTML: "#" and "#top" scroll to the top

# Attributes holding one URL, by element (None: on any element).
URL_ATTRS: dict[str, frozenset[str] | None] = {
    "href": None,  # a, area, link; <base href> is handled apart
    "src": None,  # img, script, iframe, audio, video, source, track, embed, input
    "poster": frozenset({"video"}),
    "data": frozenset({"object"}),
    "action": frozenset({"form"}),
    "formaction": frozenset({"button", "input"}),
    "cite": frozenset({"blockquote", "q", "del", "ins"}),
    "xlink:href": None,  # inline SVG <use>, <image>
    "manifest": frozenset({"html"}),
}
SRCSET_ATTRS = frozenset({"srcset", "imagesrcset"})

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_REF = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)"""  # url("x") url('x') url(x)
    r"""|@import\s+(?:"([^"]*)"|'([^']*)')""",  # @import "x"
    re.I,
)
META_REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'"]*)['"]?\s*$""", re.I)
# What a browser strips from a URL attribute before parsing it.
_URL_STRIP = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "


@dataclass
class Ref:
    line: int
    url: str
    css: bool = False  # from CSS: a bare #fragment there names an SVG element, not an anchor


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    bases: list[tuple[int, str]] = field(default_factory=list)  # <base href>: (line, value)


def _css_refs(text: str, first_line: int = 1) -> list[Ref]:
    """url()/@import references in a piece of CSS, with their line numbers."""
    # Blank the comments but keep their newlines, so line numbers stay right.
    text = CSS_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    refs = []
    for m in CSS_REF.finditer(text):
        url = next((g for g in m.groups() if g is not None), "")
        refs.append(Ref(first_line + text.count("\n", 0, m.start()), url, css=True))
    return refs


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: 'a.png 1x, b.png 2x' -> ['a.png', 'b.png'] (commas inside URLs kept)."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip the descriptors up to the next comma outside parentheses
            depth = 0
            while i < n and (value[i] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[i], 0)
                i += 1
        if url:
            urls.append(url)
    return urls


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._style_line: int | None = None
        self._style_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        page = self.page
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            page.ids.add(values["name"])
        if tag == "base":
            if "href" in values:
                page.bases.append((line, values["href"]))
        else:
            for name, value in values.items():
                if name in URL_ATTRS:
                    allowed = URL_ATTRS[name]
                    if allowed is None or tag in allowed:
                        page.refs.append(Ref(line, value))
                elif name in SRCSET_ATTRS:
                    page.refs.extend(Ref(line, url) for url in _srcset_urls(value))
        if "style" in values:
            page.refs.extend(_css_refs(values["style"], line))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            m = META_REFRESH_URL.match(values.get("content", ""))
            if m and m.group(1).strip():
                page.refs.append(Ref(line, m.group(1).strip()))
        if tag == "style":
            self._style_line, self._style_text = line, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":  # <style/> has no content
            self._style_line = None

    def handle_data(self, data: str) -> None:
        if self._style_line is not None:
            self._style_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style_line is not None:
            self.page.refs.extend(_css_refs("".join(self._style_text), self._style_line))
            self._style_line = None


def parse_html(text: str) -> Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


class _Checker:
    def __init__(self, site: Path) -> None:
        self.site = Path(os.path.abspath(site))
        self.pages: dict[str, Page] = {}  # site-relative POSIX path -> parsed page
        self.problems: list[tuple[str, int, str]] = []
        self.checked = (0, 0)  # HTML and CSS files read

    # -- files -------------------------------------------------------------
    def page(self, rel: str) -> Page:
        if rel not in self.pages:
            text = (self.site / rel).read_text(encoding="utf-8", errors="replace")
            self.pages[rel] = parse_html(text)
        return self.pages[rel]

    def kind(self, rel: str) -> str:
        """'file', 'dir' or 'missing' for a site-relative path (symlinks followed, like a server)."""
        path = self.site / rel
        if path.is_file():
            return "file"
        if path.is_dir():
            return "dir"
        return "missing"

    def fail(self, rel: str, line: int, message: str) -> None:
        self.problems.append((rel, line, message))

    # -- one reference -------------------------------------------------------
    def check_ref(self, source: str, ref: Ref, base_dir: str, base_path: str | None) -> None:
        """Check `ref` found in site file `source`.

        base_dir: site-relative folder that relative links resolve against;
        base_path: URL path that maps to the site root (a 404 page with <base href>), else None.
        """
        url = ref.url.strip(_URL_STRIP).replace("\t", "").replace("\n", "").replace("\r", "")
        shown = ref.url.strip()
        if not url:
            return  # href="": the page itself
        m = SCHEME.match(url)
        if m:
            if m.group(1).lower() == "javascript":
                self.fail(source, ref.line, f"javascript: URL {shown!r} (use a real link or a button)")
            return  # external: http:, https:, mailto:, tel:, data:, …
        if "\\" in url:
            self.fail(source, ref.line, f"backslash in link {shown!r} (use /)")
            return
        parts = urlsplit(url)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if url.startswith("//"):
            self.fail(source, ref.line, f"protocol-relative link {shown!r} (breaks over file://; write https://)")
            return
        if ref.css and not path:
            return  # url(#gradient): an SVG paint server in the document, not an anchor
        if path.startswith("/"):
            if base_path is None:
                self.fail(source, ref.line, f"root-relative link {shown!r} (breaks over file:// and under a"
                                            " sub-path; use a relative path)")
                return
            if not (path + ("/" if not path.endswith("/") else "")).startswith(base_path):
                self.fail(source, ref.line, f"root-relative link {shown!r} is outside the base path {base_path!r}")
                return
            joined = path[len(base_path):]
        else:
            joined = posixpath.join(base_dir, path) if path else source
        if path.endswith("/") or (path and posixpath.basename(path) in (".", "..")):
            self.fail(source, ref.line, f"folder link {shown!r} (file:// shows a listing; link to …/index.html)")
            return
        target = posixpath.normpath(joined) if joined else "."
        if target == ".." or target.startswith("../") or target.startswith("/"):
            self.fail(source, ref.line, f"link {shown!r} points outside the site")
            return
        kind = self.kind(target) if target != "." else "dir"
        if kind == "dir":
            self.fail(source, ref.line, f"folder link {shown!r} -> {target}/ (file:// shows a listing;"
                                        " link to …/index.html)")
            return
        if kind == "missing":
            self.fail(source, ref.line, f"broken link {shown!r}: no file {target}")
            return
        if fragment not in ALWAYS_VALID_ANCHORS and not fragment.startswith(":~:") \
                and target.lower().endswith(HTML_SUFFIXES):
            if fragment not in self.page(target).ids:
                self.fail(source, ref.line, f"broken anchor {shown!r}: no id {fragment!r} in {target}")

    # -- files -------------------------------------------------------------
    def check_html(self, rel: str) -> None:
        page = self.page(rel)
        base_dir = posixpath.dirname(rel)
        base_path = None
        for line, href in page.bases[1:]:
            self.fail(rel, line, "more than one <base href>")
        if page.bases:
            line, href = page.bases[0]
            href = href.strip(_URL_STRIP)
            parts = urlsplit(href)
            if rel == "404.html" and (SCHEME.match(href) or href.startswith("/")):
                # GitHub Pages serves 404.html at any depth: the base points at the site root.
                base_path = parts.path if parts.path.endswith("/") else posixpath.dirname(parts.path) + "/"
                base_path = unquote(base_path)
                base_dir = ""
            elif SCHEME.match(href) or href.startswith("/"):
                self.fail(rel, line, f"<base href={href!r}> breaks every relative link over file://"
                                     " (allowed only in 404.html)")
                return
            else:  # a relative base: links resolve against it
                base_dir = posixpath.normpath(posixpath.join(base_dir, posixpath.dirname(unquote(parts.path)) or "."))
                if base_dir == ".":
                    base_dir = ""
                elif base_dir == ".." or base_dir.startswith("../"):
                    self.fail(rel, line, f"<base href={href!r}> points outside the site")
                    return
        for ref in page.refs:  # CSS inside HTML resolves against the document's base URL too
            self.check_ref(rel, ref, base_dir, base_path)

    def check_css(self, rel: str) -> None:
        text = (self.site / rel).read_text(encoding="utf-8", errors="replace")
        for ref in _css_refs(text):
            self.check_ref(rel, ref, posixpath.dirname(rel), None)

    def run(self) -> list[str]:
        if not self.site.is_dir():
            return [f"{self.site}:0: site folder does not exist"]
        html, css = [], []
        for dirpath, dirnames, filenames in os.walk(self.site):
            dirnames.sort()
            reldir = os.path.relpath(dirpath, self.site)
            for name in sorted(filenames):
                rel = name if reldir == "." else f"{Path(reldir).as_posix()}/{name}"
                low = name.lower()
                if low.endswith(HTML_SUFFIXES):
                    html.append(rel)
                elif low.endswith(".css"):
                    css.append(rel)
        if not (self.site / "index.html").is_file():
            self.fail("index.html", 0, "the site has no home page index.html")
        for rel in html:
            self.check_html(rel)
        for rel in css:
            self.check_css(rel)
        self.checked = (len(html), len(css))
        return [f"{rel}:{line}: {message}" for rel, line, message in sorted(self.problems)]


def check_site(site: str | os.PathLike[str]) -> list[str]:
    """Every broken internal link, anchor, folder or root-relative link in a built site."""
    return _Checker(Path(site)).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reportsite.linkcheck",
        description="Check every internal link and #anchor of a built site (HTML and CSS). Exit 1 on any problem.",
    )
    parser.add_argument("site", type=Path, metavar="SITE_DIR", help="folder of the built site, e.g. site")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"linkcheck: {args.site} is not a folder", file=sys.stderr)
        return 2
    checker = _Checker(args.site)
    problems = checker.run()
    for problem in problems:
        print(problem)
    html, css = checker.checked
    print(f"linkcheck: {html} HTML and {css} CSS files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
