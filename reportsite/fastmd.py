"""A fast path for the Markdown of typical report bodies: ATX headings and plain paragraphs.

Most report bodies are headings (`## 一、概述`) and paragraphs of Chinese text
with no Markdown syntax in them. For those, markdown-it-py spends ~0.5 ms per
report building tokens the output does not need. `render_simple()` renders
exactly that subset itself, byte for byte what `render.render_markdown` would
produce with markdown-it, and returns None for anything else (a list, a table,
emphasis, a link, an entity, odd whitespace…) so the caller falls back to
markdown-it. `simple_blocks()` gives, for the same bodies, the blocks the
statistics read (`render.body_blocks`), from the same pass over the lines.
tests/test_fastmd.py checks both against markdown-it on generated and random
bodies.
"""

from __future__ import annotations

import re

from .render import RESERVED_IDS, TOC_LEVELS, Block, HeadingLevels, RenderedBody, TocEntry, heading_id
from .slugs import unique_slug

# A line starting with one of these may open a block other than a paragraph.
_BLOCK_START = frozenset("#>-+*_=<`~[|")
# Characters that may start inline syntax (or change whitespace handling): any of them → fall back.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&!~|\t\r\x00]")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_HEADING = re.compile(r"(#{1,6}) ([^#\s](?:[^#]*[^#\s])?)$")


def _simple_parts(body: str) -> list | None:
    """The blocks of a body of the subset, in order: a heading as (its Markdown level, its text), a paragraph as
    the list of its lines; None for any other body."""
    if _INLINE_SPECIAL.search(body):
        return None
    parts: list = []
    para: list[str] | None = None
    for line in body.split("\n"):
        if not line.strip(" "):  # blank (tabs never get here)
            para = None
            continue
        first = line[0]
        if first.isspace() or line[-1].isspace():
            return None
        if first == "#":
            m = _HEADING.match(line)
            if m is None:
                return None
            parts.append((len(m.group(1)), m.group(2)))
            para = None
            continue
        if first in _BLOCK_START or (first.isdigit() and _ORDERED_ITEM.match(line)):
            return None
        if para is None:
            para = [line]
            parts.append(para)
        else:
            para.append(line)
    return parts


def render_simple(body: str):
    """`RenderedBody` for a body of headings and plain paragraphs only, else None."""
    parts = _simple_parts(body)
    if parts is None:
        return None
    html: list[str] = []
    blocks: list[str] = []
    toc: list[TocEntry] = []
    taken: set[str] = set(RESERVED_IDS)
    levels = HeadingLevels()
    paragraphs = 0  # the same `p_N` ids as render._anchor_blocks (statistics link to their sentence)
    for part in parts:
        if type(part) is list:
            paragraphs += 1
            blocks.append("".join(part))
            html.append(f'<p id="p_{paragraphs}">' + "\n".join(part).replace('"', "&quot;") + "</p>\n")
            continue
        hashes, text = part
        level = levels.next(hashes)
        anchor = unique_slug(heading_id(text), taken)
        taken.add(anchor)
        blocks.append(text)
        html.append(f'<h{level} id="{anchor}">{text.replace(chr(34), "&quot;")}</h{level}>\n')
        if level in TOC_LEVELS:
            toc.append(TocEntry(level, anchor, text))
    return RenderedBody(html="".join(html), toc=tuple(toc), text="\n".join(b for b in blocks if b))


def simple_blocks(body: str) -> tuple[Block, ...] | None:
    """`render.body_blocks` for a body of headings and plain paragraphs only (what the statistics read), else None:
    markdown-it's tokens are not needed for those (a third of a report's statistics extraction)."""
    parts = _simple_parts(body)
    if parts is None:
        return None
    blocks = []
    paragraphs = 0
    for part in parts:
        if type(part) is list:
            paragraphs += 1
            blocks.append(Block("paragraph", f"p_{paragraphs}", "\n".join(part)))
        else:
            blocks.append(Block("heading", None, part[1]))
    return tuple(blocks)
