"""A fast path for the Markdown of typical report bodies: ATX headings and plain paragraphs.

Most report bodies are headings (`## 一、概述`) and paragraphs of Chinese text
with no Markdown syntax in them. For those, markdown-it-py spends ~0.5 ms per
report building tokens the output does not need. `render_simple()` renders
exactly that subset itself, byte for byte what `render.render_markdown` would
produce with markdown-it, and returns None for anything else (a list, a table,
emphasis, a link, an entity, odd whitespace…) so the caller falls back to
markdown-it. tests/test_fastmd.py checks the equivalence on generated and
random bodies.
"""

from __future__ import annotations

import re

# A line starting with one of these may open a block other than a paragraph.
_BLOCK_START = frozenset("#>-+*_=<`~[|")
# Characters that may start inline syntax (or change whitespace handling): any of them → fall back.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&!~|\t\r\x00]")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_HEADING = re.compile(r"(#{1,6}) ([^#\s](?:[^#]*[^#\s])?)$")


def render_simple(body: str):
    """`RenderedBody` for a body of headings and plain paragraphs only, else None."""
    from .render import RESERVED_IDS, TOC_LEVELS, HeadingLevels, RenderedBody, TocEntry, heading_id
    from .slugs import unique_slug

    if _INLINE_SPECIAL.search(body):
        return None
    html: list[str] = []
    blocks: list[str] = []
    toc: list[TocEntry] = []
    taken: set[str] = set(RESERVED_IDS)
    para: list[str] = []
    levels = HeadingLevels()
    headings = [0]  # headings so far: blocks minus headings numbers the paragraphs

    def close_paragraph() -> None:
        text = "".join(para)
        blocks.append(text)
        # the same `p_N` ids as render._anchor_blocks (statistics link to their sentence)
        html.append(f'<p id="p_{len(blocks) - headings[0]}">' + "\n".join(para).replace('"', "&quot;") + "</p>\n")
        para.clear()

    for line in body.split("\n"):
        if not line.strip(" "):  # blank (tabs never get here)
            if para:
                close_paragraph()
            continue
        first = line[0]
        if first.isspace() or line[-1].isspace():
            return None
        if first == "#":
            m = _HEADING.match(line)
            if m is None:
                return None
            if para:
                close_paragraph()
            text = m.group(2)
            level = levels.next(len(m.group(1)))
            anchor = unique_slug(heading_id(text), taken)
            taken.add(anchor)
            blocks.append(text)
            headings[0] += 1
            html.append(f'<h{level} id="{anchor}">{text.replace(chr(34), "&quot;")}</h{level}>\n')
            if level in TOC_LEVELS:
                toc.append(TocEntry(level, anchor, text))
            continue
        if first in _BLOCK_START or (first.isdigit() and _ORDERED_ITEM.match(line)):
            return None
        para.append(line)
    if para:
        close_paragraph()
    return RenderedBody(html="".join(html), toc=tuple(toc), text="\n".join(b for b in blocks if b))
