"""The front-matter schema of a report: the one place that says which keys exist.

Both the loader (content.py) and the importer (ingest/) use it, so a key added
here is known everywhere. Each field validates a YAML value and returns the
clean Python value or raises `FieldError` with a message meant for a person.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from .regions import BY_NAME as REGIONS_BY_NAME
from .slugs import MAX_SLUG_LENGTH, is_safe_slug

KINDS = ("annual-report", "article", "other")
SCRIPTS = ("zh-Hans", "zh-Hant")
YEAR_MIN, YEAR_MAX = 1990, 2100


class FieldError(ValueError):
    """A value that does not fit its key; `key_path` names a nested key (e.g. `source.sha256`)."""

    def __init__(self, message: str, key_path: str | None = None):
        super().__init__(message)
        self.key_path = key_path


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a mapping", _dt.date: "a date", _dt.datetime: "a date"}.get(type(value), type(value).__name__)


def text(value: Any, key: str) -> str:
    if not isinstance(value, str) or isinstance(value, bool):
        raise FieldError(f"`{key}` must be text, not {_type_name(value)} ({value!r}); quote it in YAML")
    return value


def required_text(value: Any, key: str) -> str:
    value = text(value, key)
    if not value.strip():
        raise FieldError(f"`{key}` must not be empty")
    return value.strip()


def optional_text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    value = text(value, key).strip()
    return value or None


def boolean(value: Any, key: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError(f"`{key}` must be true or false, not {value!r}")
    return value


def year(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(
            f"`{key}` must be a whole number like 2019 (or null when unknown), not {_type_name(value)} ({value!r});"
            " write a masked year such as 201* as `year: null` with `year_text: \"201*\"`"
        )
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise FieldError(f"`{key}` must be between {YEAR_MIN} and {YEAR_MAX}, not {value}")
    return value


def one_of(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def check(value: Any, key: str) -> str:
        if value not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise FieldError(f"`{key}` must be one of {', '.join(choices)}, not {value!r}{hint}")
        return value

    return check


def region(value: Any, key: str) -> str | None:
    value = optional_text(value, key)
    if value is None:
        return None
    if value not in REGIONS_BY_NAME:
        close = difflib.get_close_matches(value, list(REGIONS_BY_NAME), n=1, cutoff=0.3)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise FieldError(f"`{key}` must be a province-level name in Simplified Chinese such as 湖南省, not {value!r}{hint}")
    return value


def slug(value: Any, key: str) -> str:
    if not is_safe_slug(value):
        raise FieldError(
            f"`{key}` must be lower-case ASCII letters, digits and single hyphens (at most {MAX_SLUG_LENGTH}),"
            f" such as 2009-hunan-gonganting, not {value!r}"
        )
    return value


def iso_date(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise FieldError(f"`{key}` must be a date written YYYY-MM-DD, not {value!r}")


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256(value: Any, key: str) -> str:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise FieldError(f"`{key}` must be the 64 lower-case hex digits of a SHA-256, not {value!r}")
    return value


def plain_file_name(value: Any, key: str) -> str:
    value = required_text(value, key)
    if "/" in value or "\\" in value or value in (".", "..") or value.startswith(".") or "\x00" in value:
        raise FieldError(f"`{key}` must be a plain file name inside content/raw/, not {value!r}")
    return value


def mapping_of(fields: dict[str, "Field"]) -> Callable[[Any, str], dict]:
    def check(value: Any, key: str) -> dict:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise FieldError(f"`{key}` must be a mapping of keys ({', '.join(fields)}), not {_type_name(value)}")
        return validate_mapping(value, fields, prefix=f"{key}.")

    return check


def free_mapping(value: Any, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"`{key}` must be a mapping, not {_type_name(value)}")
    return value


_STAT_KEY = re.compile(r"^(?P<key>[a-z_.]+)(?:\[(?P<qualifier>[^\]]+)\])?$")
HAND_FLAGS = ("lower_bound", "approximate", "rounded")


def stats_overrides(value: Any, key: str) -> dict:
    """`stats:` — statistics set or corrected by hand; each replaces what the text gives for its key.

        stats:
          format: standard-2019            # the report's format, when the year does not say it
          requests.received: 88            # a number
          review.total: null               # null: the text's figure is wrong and is dropped
          active.items.part[湘警要闻]: 640  # a part, named as the text names it
          active.items: {value: 3200, flags: [lower_bound], note: "正文写作3200余条"}

    Keys are those of reportsite/stats/keys.py (docs/data.md lists them); values are marked `override`.
    """
    from .stats.keys import FORMATS, KEYS

    value = free_mapping(value, key)
    for name, spec in value.items():
        where = f"{key}.{name}"
        if name == "format":
            if spec not in FORMATS:
                raise FieldError(f"`{where}` must be one of {', '.join(FORMATS)}, not {spec!r}", where)
            continue
        m = _STAT_KEY.match(str(name))
        if not m or m.group("key") not in KEYS:
            close = difflib.get_close_matches(str(name), list(KEYS), n=1, cutoff=0.6)
            hint = f" (did you mean `{close[0]}`?)" if close else " (the keys are listed in docs/data.md)"
            raise FieldError(f"unknown statistic `{where}`{hint}", where)
        if isinstance(spec, dict):
            unknown = set(spec) - {"value", "flags", "note"}
            if unknown:
                raise FieldError(f"`{where}` may have value, flags and note, not {', '.join(sorted(map(str, unknown)))}", where)
            flags = spec.get("flags") or []
            if not isinstance(flags, list) or any(f not in HAND_FLAGS for f in flags):
                raise FieldError(f"`{where}.flags` must be a list of {', '.join(HAND_FLAGS)}, not {flags!r}", where)
            if spec.get("note") is not None and not isinstance(spec.get("note"), str):
                raise FieldError(f"`{where}.note` must be text", where)
            spec = spec.get("value")
        if spec is not None and (isinstance(spec, bool) or not isinstance(spec, (int, float))):
            raise FieldError(f"`{where}` must be a number (or null to drop the text's figure), not {spec!r}", where)
    return value


@dataclass(frozen=True)
class Field:
    check: Callable[[Any, str], Any]
    required: bool = False
    doc: str = ""


SOURCE_FIELDS: dict[str, Field] = {
    "file": Field(plain_file_name, required=True, doc="name of the raw file in content/raw/"),
    "sha256": Field(sha256, required=True, doc="SHA-256 of the raw file's bytes"),
    "site": Field(optional_text, doc="the site the copy was taken from, e.g. 百度百科"),
    "url": Field(optional_text, doc="the page's address"),
    "published": Field(iso_date, doc="the date the page was published"),
    "retrieved": Field(iso_date, doc="the date the copy was taken"),
    "encoding": Field(optional_text, doc="the raw file's text encoding, as detected on import"),
}

# The kinds of noise the importer removes, in the order summaries list them (the keys of `import.removed`).
NOISE_KINDS = (
    "reading-annotation", "wiki-toolbar", "wiki-notice", "wiki-section-chrome", "infobox", "contents", "citation-mark",
    "references", "tags", "breadcrumb", "page-header", "page-buttons", "site-footer", "keywords", "notice",
    "source-link", "related-reading", "title-suffix", "repost-mark", "html-tag", "unrelated-piece",
    "empty-brackets", "stray-punctuation", "page-number", "repeated-title", "repeated-paragraph",
    "image-caption", "comments", "ocr-debris", "ocr-misread",
    "archive-chrome", "other-script-copy",  # a web archive's or search cache's chrome; the same report in the other script
    "markdown-markup", "other-language",  # a reader conversion's Markdown syntax; page text in a language other than Chinese
)
# Damage found in the scrape: each is a 〓 in the body (the keys of `import.unrecoverable`).
LOST_KINDS = ("eaten-by-annotation", "replacement-character", "undecodable-bytes", "ocr-unreadable")
# Chinese labels of the kinds, for pages that show the import record to readers.
NOISE_LABELS = {
    "reading-annotation": "拼音注音", "wiki-toolbar": "百科工具栏", "wiki-notice": "百科提示", "wiki-section-chrome": "百科章节标记",
    "infobox": "百科信息框与目录", "contents": "文档目录", "citation-mark": "引注标记", "references": "参考资料", "tags": "词条标签", "breadcrumb": "导航路径",
    "page-header": "网页页眉（时间、来源）", "page-buttons": "网页按钮", "site-footer": "网站页脚", "keywords": "关键词",
    "notice": "转载网站声明", "source-link": "原文链接", "related-reading": "扩展阅读", "title-suffix": "网页标题后缀",
    "repost-mark": "转载标记", "html-tag": "网页标签（HTML）", "unrelated-piece": "同页的无关文章", "empty-brackets": "空括号",
    "stray-punctuation": "多余标点", "page-number": "页码", "repeated-title": "重复的标题", "repeated-paragraph": "重复的段落",
    "image-caption": "图片说明", "comments": "读者评论", "ocr-debris": "扫描件的表格线残迹", "ocr-misread": "识别错的数字（已改正）",
    "ocr-unreadable": "扫描件无法识别的字",
    "archive-chrome": "网页存档与快照的工具栏", "other-script-copy": "另一字体的同一报告",
    "markdown-markup": "网页转换留下的Markdown标记", "other-language": "其他语言的网页文字与译文",
    "eaten-by-annotation": "被注音吞掉的字", "replacement-character": "乱码替换符", "undecodable-bytes": "无法解码的字节",
}

# Keys of the import record the importer writes (`import:`); shown on the report page.
IMPORT_FIELDS: dict[str, Field] = {
    "removed": Field(free_mapping, doc="kind of noise → how many pieces were removed"),
    "unrecoverable": Field(free_mapping, doc="characters lost in the scrape, marked 〓 in the body"),
    "log": Field(optional_text, doc="file of the full removal log"),
    "written_sha256": Field(optional_text, doc="SHA-256 of this file as the importer wrote it, without this line;"
                                               " a file that no longer matches was edited by hand and is not overwritten without --force"),
}

FIELDS: dict[str, Field] = {
    "title": Field(required_text, required=True, doc="the report's own title, in its original script"),
    "title_derived": Field(boolean, doc="true when the text has no title and the importer composed one"),
    "slug": Field(slug, required=True, doc="the page's address: reports/<slug>/index.html"),
    "agency": Field(optional_text, doc="the publishing agency's full name in Simplified Chinese, or null"),
    "region": Field(region, doc="province-level name in Simplified Chinese, or null"),
    "city": Field(optional_text, doc="city, where stated"),
    "year": Field(year, doc="the year reported on, or null"),
    "year_text": Field(optional_text, doc="the year as written when masked, e.g. 201*"),
    "kind": Field(one_of(KINDS), doc="annual-report, article or other"),
    "script": Field(one_of(SCRIPTS), doc="zh-Hans or zh-Hant: the script of the body as written"),
    "source": Field(mapping_of(SOURCE_FIELDS), doc="where the text came from"),
    "truncated": Field(boolean, doc="true when the text is visibly incomplete"),
    "stats": Field(stats_overrides, doc="statistics set or corrected by hand (key: number; see stats_overrides)"),
    "import": Field(mapping_of(IMPORT_FIELDS), doc="what the importer removed"),
}

DEFAULTS: dict[str, Any] = {"kind": "annual-report"}

# The order keys are written in by the importer, so files read naturally.
KEY_ORDER = ("title", "title_derived", "agency", "region", "city", "year", "year_text", "kind", "script",
             "truncated", "source", "slug", "stats", "import")


def suggest_key(key: str, known: dict[str, Field] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.5)
    return f" (did you mean `{close[0]}`?)" if close else f" (known keys: {', '.join(known)})"


def validate_mapping(data: dict, fields: dict[str, Field], prefix: str = "") -> dict:
    """Validate one mapping; raise the first `FieldError` (the loader collects per key)."""
    clean = checked(data, fields, prefix)
    if clean is None:
        raise list(iter_errors(data, fields, prefix))[0]
    return clean


def checked(data: dict, fields: dict[str, Field], prefix: str = "") -> dict | None:
    """The clean values of a mapping in which `iter_errors` finds nothing, else None (then ask it what
    is wrong): one pass over the checks, where the loader used to run them twice, to find errors and
    again for the values."""
    for key in data:
        if key not in fields:
            return None
    clean = {}
    for key, field in fields.items():
        if key in data:
            try:
                clean[key] = field.check(data[key], prefix + key)
            except FieldError:
                return None
        elif field.required:
            return None
    return clean


def iter_errors(data: dict, fields: dict[str, Field], prefix: str = ""):
    for key in data:
        if key not in fields:
            yield FieldError(f"unknown key `{prefix}{key}`{suggest_key(key, fields)}", prefix + str(key))
    for key, field in fields.items():
        if key not in data:
            if field.required:
                yield FieldError(f"required key `{prefix}{key}` is missing ({field.doc})", prefix + key)
            continue
        try:
            field.check(data[key], prefix + key)
        except FieldError as e:
            e.key_path = e.key_path or prefix + key
            yield e


def ordered(front_matter: dict) -> dict:
    """Front matter in the canonical key order (for writing)."""
    out = {k: front_matter[k] for k in KEY_ORDER if k in front_matter}
    out.update({k: v for k, v in front_matter.items() if k not in out})
    return out
