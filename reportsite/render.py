"""Rendering: Markdown bodies to safe HTML (markdown-it-py), and pages through Jinja2.

Bodies are scraped, untrusted text: raw HTML is off (it is shown as text), images
are off (an image would be a request outside the site), and link targets go
through markdown-it's own URL check (no `javascript:`, `vbscript:`, `file:`, `data:`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.compiler import CodeGenerator

try:  # markupsafe ≥ 3: the C function inside escape()
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - no C speedups, or an older markupsafe
    def _escape_inner(text: str) -> str:
        return str(markupsafe.escape(text))

from .slugs import slugify, unique_slug

# Ids the page templates use themselves; a heading never takes one of them.
RESERVED_IDS = frozenset({"main", "content", "toc", "report-body", "search-results", "site-search", "meta", "source",
                          "siblings", "top", "stats", "cite", "import-record", "script-switch"})
TOC_LEVELS = (2, 3)


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: tuple[TocEntry, ...]
    text: str  # the body as plain text, one block (heading, paragraph, table cell) a line: for search


@dataclass(frozen=True)
class Block:
    """One anchored block of a body, for statistics: a paragraph (`p_N`), a table row (`r_N`) or a heading."""

    kind: str  # "paragraph" | "row" | "heading"
    anchor: str | None  # the id the rendered body gives it (None for headings: not linked to)
    text: str  # soft line breaks kept as "\n"
    cells: tuple[str, ...] = ()  # a table row's cells


def _inline_text(token) -> str:
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content
                   for c in token.children or () if c.type in ("text", "code_inline", "softbreak", "hardbreak"))


def _anchor_blocks(tokens) -> list[Block]:
    """Give every paragraph the id `p_N` and every table row `r_N` (N counts from 1 in document order).

    The underscore keeps them apart from heading ids, which are `[a-z0-9-]` slugs. A paragraph
    that is not rendered (inside a tight list) lends its id to its list item.
    """
    blocks: list[Block] = []
    paragraphs = rows = 0
    item = None
    row_cells: list[str] | None = None
    row_anchor = ""
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "list_item_open":
            item = token
        elif kind == "paragraph_open":
            paragraphs += 1
            anchor = f"p_{paragraphs}"
            target = token if not token.hidden else item
            if target is not None and target.attrGet("id") is None:
                target.attrSet("id", anchor)
            else:
                anchor = target.attrGet("id") if target is not None else None
            blocks.append(Block("paragraph", anchor, _inline_text(tokens[i + 1])))
        elif kind == "tr_open":
            rows += 1
            row_anchor = f"r_{rows}"
            token.attrSet("id", row_anchor)
            row_cells = []
        elif kind == "inline" and row_cells is not None and tokens[i - 1].type in ("th_open", "td_open"):
            row_cells.append(_inline_text(token))
        elif kind == "tr_close" and row_cells is not None:
            blocks.append(Block("row", row_anchor, " | ".join(row_cells), tuple(row_cells)))
            row_cells = None
        elif kind == "heading_open":
            blocks.append(Block("heading", None, _inline_text(tokens[i + 1])))
    return blocks


def body_blocks(body: str) -> tuple[Block, ...]:
    """The anchored blocks of a body, with the ids `render_markdown` gives them (for statistics).
    Bodies of plain headings and paragraphs take reportsite.fastmd's fast path, which gives the same blocks."""
    from .fastmd import simple_blocks

    fast = simple_blocks(body)
    return fast if fast is not None else tuple(_anchor_blocks(_markdown().parse(body)))


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt  # imported when a body needs it: most take the fast path (fastmd)

    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    return md


class HeadingLevels:
    """HTML heading levels that never skip one, from Markdown levels that may.

    The importer maps numbering to levels by pattern (`一、` → `##`, `1、` → `####`), so a
    report with no `（一）` level goes from `##` straight to `####`. The page gives each
    heading one level below its nearest shallower ancestor instead: h2 for the top
    sections (h1 is the report's title), then h3, h4…, as validators and screen readers expect.
    """

    def __init__(self) -> None:
        self.open: list[int] = []  # Markdown levels of the headings still open above this point

    def next(self, markdown_level: int) -> int:
        while self.open and self.open[-1] >= markdown_level:
            self.open.pop()
        self.open.append(markdown_level)
        return min(len(self.open) + 1, 6)


@lru_cache(maxsize=8192)
def heading_id(text: str) -> str:
    """A stable ASCII id for a Chinese heading: `一、概述` → `yi-gaishu`."""
    return slugify(text, max_length=40) or "section"


def render_markdown(body: str) -> RenderedBody:
    """The body as safe HTML, its table of contents and its plain text.

    Bodies of plain headings and paragraphs (most reports) take reportsite.fastmd's
    fast path, which gives the same bytes as markdown-it; anything else goes through markdown-it.
    """
    from .fastmd import render_simple

    fast = render_simple(body)
    return fast if fast is not None else render_markdown_it(body)


def render_markdown_it(body: str) -> RenderedBody:
    md = _markdown()
    tokens = md.parse(body)
    _anchor_blocks(tokens)  # ids p_N, r_N: statistics link to the sentence they came from
    taken: set[str] = set(RESERVED_IDS)
    toc: list[TocEntry] = []
    blocks: list[str] = []
    levels = HeadingLevels()
    for i, token in enumerate(tokens):
        if token.type == "inline":
            blocks.append("".join(c.content for c in token.children or () if c.type in ("text", "code_inline")))
        if token.type == "heading_open":
            level = levels.next(int(token.tag[1]))
            token.tag = f"h{level}"
            tokens[i + 2].tag = f"h{level}"
            inline = tokens[i + 1]
            text = "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline")).strip()
            anchor = unique_slug(heading_id(text), taken)
            taken.add(anchor)
            token.attrSet("id", anchor)
            if level in TOC_LEVELS and text:
                toc.append(TocEntry(level, anchor, text))
        elif token.type == "table_open":
            token.attrSet("class", "data-table")
    html = md.renderer.render(tokens, md.options, {})
    return RenderedBody(html=html, toc=tuple(toc), text="\n".join(b for b in blocks if b))


class TemplateProblem(Exception):
    """A template that fails: `str()` is `templates/x.html:LINE: message`."""


_DICT_ATTRIBUTES = frozenset(dir(dict))


def _escape_output(value, _str=str, _inner=_escape_inner, _escape=markupsafe.escape):
    """What `{{ value }}` writes: the text of markupsafe.escape(value), as a plain str when value is one.

    Jinja's `escape()` wraps every escaped string in a new Markup object, ~0.5 µs each and
    ~150 times per report page. What `{{ }}` writes is only ever joined into the page (and a
    macro's or `{% set %}` block's output is wrapped in Markup whole), so the wrapper buys
    nothing there: same bytes, the escaping itself unchanged (markupsafe's C code)."""
    return _inner(value) if type(value) is _str else _escape(value)


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with `{{ }}` written through _escape_output where autoescape is on."""

    def visit_Output(self, node, frame) -> None:
        """One `yield` per run of output instead of one per piece: `yield concat((…))` (as Jinja writes into a
        buffer). A page is ~300 pieces that each went up two or three generators (block, base template, page)."""
        if frame.buffer is not None or frame.require_output_check or len(node.nodes) < 2:
            return super().visit_Output(node, frame)
        finalize = self._make_finalize()
        body: list = []
        for child in node.nodes:  # constants folded as Jinja folds them
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        if len(body) < 2:
            return super().visit_Output(node, frame)
        self.writeline("yield concat((")
        self.indent()
        for item in body:
            if isinstance(item, list):
                self.writeline(self._output_const_repr(item) + ",")
            else:
                self.newline(item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                self.write(",")
        self.outdent()
        self.writeline("))")

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escape_output(")  # `environment` is a global of every compiled template
        if finalize.src is not None:
            self.write(finalize.src)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk, keyed by this package's code as well (the code generator is ours)."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        from .cache import code_version

        return super().get_cache_key(f"{name}\0{code_version()}", filename)


class _Environment(jinja2.Environment):
    """`x.key` on a plain dict without the failed attribute lookup first (an exception per lookup).

    Same result as Jinja's own getattr: a plain dict has no attributes but dict's own, so for
    any other name the item is what Jinja would have returned anyway. Templates render ~40% faster.
    """

    code_generator_class = _CodeGenerator
    escape_output = staticmethod(_escape_output)

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["year_label"] = lambda y: "年份不详" if y is None else f"{y}年"
    return env


def _template_line(exc: BaseException, templates_dir: Path) -> tuple[str, int | None]:
    """The innermost template frame of a traceback: (templates/x.html, line)."""
    name, line = None, None
    tb = exc.__traceback__
    root = str(templates_dir.resolve())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root) or filename.endswith(".html"):
            name, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return (name or "templates"), line


def render_template(env: jinja2.Environment, name: str, context: dict, templates_dir: Path) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        where = _shown(e.filename or name, templates_dir)
        raise TemplateProblem(f"{where}:{e.lineno}: template syntax error: {e.message}") from None
    except jinja2.TemplateNotFound as e:
        raise TemplateProblem(f"{_shown(name, templates_dir)}: template not found: {e.name} (is it in {templates_dir}/?)") from None
    except jinja2.UndefinedError as e:
        filename, line = _template_line(e, templates_dir)
        raise TemplateProblem(f"{_shown(filename, templates_dir)}:{line}: {e.message} (a typo in a variable name?"
                              f" the page `{name}` is given: {', '.join(sorted(context))})") from None
    except jinja2.TemplateError as e:
        filename, line = _template_line(e, templates_dir)
        raise TemplateProblem(f"{_shown(filename, templates_dir)}:{line}: {e}") from None


def _shown(filename: str, templates_dir: Path) -> str:
    path = Path(filename)
    if not path.is_absolute():
        path = templates_dir / path
    try:
        import os

        return os.path.relpath(path)
    except ValueError:  # pragma: no cover
        return str(path)
