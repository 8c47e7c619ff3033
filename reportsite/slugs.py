"""ASCII slugs: stable, lower-case `[a-z0-9-]`, never a path escape.

Han characters become toneless pinyin (pypinyin); everything else that is not
ASCII alphanumeric becomes a separator.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .regions import region_prefix

SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def is_safe_slug(slug: object) -> bool:
    return isinstance(slug, str) and len(slug) <= MAX_SLUG_LENGTH and bool(SAFE_SLUG.match(slug))


# Words already converted: the build cache saves and restores it, so that a rebuild that meets
# no new heading or agency name never imports pypinyin (~0.25 s with its dictionaries).
PINYIN_MEMO: dict[str, str] = {}


def pinyin_word(han: str) -> str:
    """A run of Han characters as one toneless pinyin word: 公安厅 → gonganting."""
    known = PINYIN_MEMO.get(han)
    if known is None:
        from pypinyin import Style, lazy_pinyin  # imported lazily: ~0.14 s

        known = "".join(lazy_pinyin(han, style=Style.NORMAL, errors="ignore", v_to_u=False)).replace("ü", "v")
        if len(PINYIN_MEMO) < 200_000:
            PINYIN_MEMO[han] = known
    return known


@lru_cache(maxsize=65536)
def slugify(text: str, max_length: int = 60) -> str:
    """`湖南省 公安厅` → `hunansheng-gonganting`; `WTO规则` → `wto-guize`; '' when nothing is left."""
    text = _HAN.sub(lambda m: f" {pinyin_word(m.group())} ", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def agency_slug(agency: str) -> str:
    """`湖南省公安厅` → `hunan-gonganting`: the province's slug, then the rest as one word."""
    found = region_prefix(agency)
    if found:
        region, rest = found
        rest_slug = slugify(rest)
        return f"{region.slug}-{rest_slug}" if rest_slug else region.slug
    return slugify(agency) or "agency"


def report_slug(year: int | None, agency: str | None, title: str | None = None) -> str:
    """`2009-hunan-gonganting`; `undated-…` when the year is null. Collisions are the caller's (`-2`)."""
    lead = str(year) if year is not None else "undated"
    tail = agency_slug(agency) if agency else (slugify(title or "") or "report")
    return f"{lead}-{tail}"[:MAX_SLUG_LENGTH].rstrip("-")


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… whichever is not in `taken`."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
