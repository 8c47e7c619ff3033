"""Stage 6: blocks → Markdown body, and the report file with its YAML front matter.

Body text is escaped wherever CommonMark would read it as syntax (`201*年,我局…201*年` is not
emphasis; a leading `#`, `1. `, `- `, `>`, `|` is not structure; `[…](…)` is not a link). Backslash
escapes of ASCII punctuation render as the character itself, so the text reads exactly as written.
Front matter is written with yaml.safe_dump in the schema's key order, never by string formatting.
"""

from __future__ import annotations

import hashlib
import re

import yaml

from .. import schema
from .structure import Block

# ASCII punctuation CommonMark may read as syntax anywhere in a line: emphasis `*` `_`, code `` ` ``,
# links `[` `]`, raw HTML and autolinks `<` (and `>` with it), headings `#`, tables `|`,
# strikethrough `~`, and the backslash itself.
INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>#|~]")
# `&copy;`, `&#169;`: an entity reference would be decoded.
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At the start of a line: an ordered list `1. ` / `1) `, a bullet or thematic break `-`, `+`, a setext underline `=`.
ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
LEADING = re.compile(r"^[-+=]")

WRITTEN_KEY = "written_sha256"
_PLACEHOLDER = "f" * 64
WRITTEN_LINE = re.compile(rf"^  {WRITTEN_KEY}: ['\"]?([0-9a-f]{{64}})['\"]?\n", re.M)


def escape_inline(text: str) -> str:
    text = INLINE_SYNTAX.sub(lambda m: "\\" + m.group(), text)
    return ENTITY.sub("\\&", text)


def escape_paragraph(text: str) -> str:
    text = escape_inline(text)
    text = ORDERED_LIST.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return LEADING.sub(lambda m: "\\" + m.group(), text)


def render_table(rows) -> str:
    """A GFM pipe table: the first row is the header; every cell escaped (`|` → `\\|`), empty cells kept."""
    def line(cells) -> str:
        return "|" + "|".join(f" {escape_inline(c)} " if c else " " for c in cells) + "|"

    width = len(rows[0])
    return "\n".join([line(rows[0]), "| " + " | ".join(["---"] * width) + " |", *(line(r) for r in rows[1:])])


def render_body(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind == "heading":
            out.append("#" * b.level + " " + escape_inline(b.text))
        elif b.kind == "table" and b.table is not None:
            out.append(render_table(b.table.rows))
        else:
            out.append(escape_paragraph(b.text))
    return "\n\n".join(out) + "\n" if out else ""


def _dump(front: dict) -> str:
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 30)


def _digest(text: str) -> str:
    return hashlib.sha256(WRITTEN_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def render_file(front: dict, body: str) -> str:
    """The report file: `---`, front matter (schema key order), `---`, body. The import record carries
    the SHA-256 of the file without that line, so a later import can tell a hand-edited file."""
    front = schema.ordered(front)
    record = dict(front.get("import") or {})
    record[WRITTEN_KEY] = _PLACEHOLDER
    front["import"] = record
    text = "---\n" + _dump(front) + "---\n" + body
    digest = _digest(text)
    value = digest if isinstance(yaml.safe_load(digest), str) else f"'{digest}'"  # all digits would read as a number
    return text.replace(f"{WRITTEN_KEY}: {_PLACEHOLDER}", f"{WRITTEN_KEY}: {value}", 1)


def edited_by_hand(text: str) -> bool | None:
    """True when the file changed since the importer wrote it; None when it carries no digest (not ours)."""
    m = WRITTEN_LINE.search(text)
    if not m:
        return None
    return _digest(text) != m.group(1)
