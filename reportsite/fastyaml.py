"""A fast reader for the plain front matter that the importer and people write; PyYAML reads the rest.

Loading YAML with PyYAML costs about 50 µs a report even with libyaml, most of it building and
resolving nodes in Python, so a cold build of 10,000 reports spent half its parsing time there.
Nearly every front matter is a few `key: value` lines and one or two levels of indented mappings
(`source:`, `import:` / `removed:`), which `load` reads by lines. It gives exactly what
`yaml.load(text, CSafeLoader)` gives — same keys in the same order, same values of the same types —
or None whenever a line is anything else, and then the caller uses PyYAML for the whole text.
It is a whitelist, not a YAML parser: comments, flow collections (but `{}`), anchors, aliases, tags,
block or multi-line scalars, tabs, odd indents, duplicate keys, `-`/`?`/`:`/`%`/`@`/backtick at the
start of a value, and any plain value YAML would read as something other than text, null, true/false,
a decimal int or a `YYYY-MM-DD` date: all None. So an invalid file never gets through; the caller's
PyYAML path reports it with its line.

The type of a plain value is decided by PyYAML's own implicit resolvers (the YAML 1.1 rules of
`yaml.resolver.Resolver`: `yes`/`on` are true, `0x1F` and `012` are ints, `1e3` is text...), so the
two cannot disagree about which values are text; a copy of them, for the PyYAML version it names, spares
a rebuild that reads one report the import of PyYAML. tests/test_fastyaml.py checks the two agree on
generated front matters and near misses.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

_NOT_HANDLED = object()

# Characters outside YAML's printable set, tabs, and those YAML reads as line breaks or a BOM
# (\x85, \u2028, \u2029, \ufeff): any of them anywhere sends the whole text to PyYAML. Written as the few
# ranges it matches, not as the complement of those it lets through: the same characters (tested on every code
# point), compiled in 1 ms instead of 9 (a rebuild that reads one report pays for it).
_UNUSUAL_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")

# `key:` or `key: value`, the key a plain ASCII word, at an indent of spaces. The value's leading
# spaces are left out; its trailing spaces are cut later.
_LINE = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_.-]{0,200}):(?: +(.*))?")

# A plain scalar cannot start with these (`-`, `?`, `:` can in YAML, when not followed by a space: not here).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

# One-line double-quoted text: anything but `"` and `\`, or an escape both PyYAML and libyaml know.
_DOUBLE_QUOTED = re.compile(r'(?:[^"\\]|\\(?:[0abtnvfre "/\\N_LP]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*')
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}

_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # [0-9], not \d: int() would take other digits too
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


# PyYAML's implicit resolvers (yaml.resolver.Resolver: the YAML 1.1 rules) as PyYAML 6.0.4 has them, written
# out by `describe_resolvers`: a rebuild that reads one report then knows which plain values are text without
# importing PyYAML (~25 ms with its regular expressions). Used only when that very version is installed, else
# PyYAML's own are read; tests/test_fastyaml.py checks this copy against the installed PyYAML (and prints a
# new one when the version differs).
_SNAPSHOT_PYYAML = '6.0.4'
_SNAPSHOT_PATTERNS = {
    'tag:yaml.org,2002:bool': ('^(?:yes|Yes|YES|no|No|NO\n                    |true|True|TRUE|false|False|FALSE\n                    |on|On|ON|off|Off|OFF)$', 96),
    'tag:yaml.org,2002:null': ('^(?: ~\n                    |null|Null|NULL\n                    | )$', 96),
    'tag:yaml.org,2002:float': ('^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?\n                    |\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?\n                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*\n                    |[-+]?\\.(?:inf|Inf|INF)\n                    |\\.(?:nan|NaN|NAN))$', 96),
    'tag:yaml.org,2002:int': ('^(?:[-+]?0b[0-1_]+\n                    |[-+]?0[0-7_]+\n                    |[-+]?(?:0|[1-9][0-9_]*)\n                    |[-+]?0x[0-9a-fA-F_]+\n                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$', 96),
    'tag:yaml.org,2002:timestamp': ('^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\n                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?\n                     (?:[Tt]|[ \\t]+)[0-9][0-9]?\n                     :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?\n                     (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$', 96),
    'tag:yaml.org,2002:merge': ('^(?:<<)$', 32),
    'tag:yaml.org,2002:value': ('^(?:=)$', 32),
    'tag:yaml.org,2002:yaml': ('^(?:!|&|\\*)$', 32),
}
_SNAPSHOT_ORDER = (
    ('y', ('tag:yaml.org,2002:bool',)),
    ('Y', ('tag:yaml.org,2002:bool',)),
    ('n', ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null')),
    ('N', ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null')),
    ('t', ('tag:yaml.org,2002:bool',)),
    ('T', ('tag:yaml.org,2002:bool',)),
    ('f', ('tag:yaml.org,2002:bool',)),
    ('F', ('tag:yaml.org,2002:bool',)),
    ('o', ('tag:yaml.org,2002:bool',)),
    ('O', ('tag:yaml.org,2002:bool',)),
    ('-', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int')),
    ('+', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int')),
    ('0', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('1', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('2', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('3', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('4', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('5', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('6', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('7', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('8', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('9', ('tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')),
    ('.', ('tag:yaml.org,2002:float',)),
    ('<', ('tag:yaml.org,2002:merge',)),
    ('~', ('tag:yaml.org,2002:null',)),
    ('', ('tag:yaml.org,2002:null',)),
    ('=', ('tag:yaml.org,2002:value',)),
    ('!', ('tag:yaml.org,2002:yaml',)),
    ('&', ('tag:yaml.org,2002:yaml',)),
    ('*', ('tag:yaml.org,2002:yaml',)),
)
_SNAPSHOT_BOOLS = (('yes', True), ('no', False), ('true', True), ('false', False), ('on', True), ('off', False))


def describe_resolvers(loader_class) -> tuple:
    """(version-free) description of a PyYAML loader's implicit resolvers: ({tag: (pattern, flags)},
    ((first character, (tag…)) in PyYAML's order…), ((true/false word, value)…))."""
    patterns: dict = {}
    order = []
    for first, resolvers in loader_class.yaml_implicit_resolvers.items():
        order.append((first, tuple(tag for tag, _ in resolvers)))
        for tag, regexp in resolvers:
            patterns.setdefault(tag, (regexp.pattern, regexp.flags))
    return patterns, tuple(order), tuple(loader_class.bool_values.items())


def _snapshot_applies() -> bool:
    from .cache import library_versions

    return library_versions("PyYAML") == {_SNAPSHOT_PYYAML}


@lru_cache(maxsize=1)
def _resolvers():
    """(first character → the implicit resolvers to try, in order; those for any other first character;
    the true/false words) of the loader content.py uses: the copy above when its PyYAML is the installed one,
    else read from PyYAML (imported late)."""
    if _snapshot_applies():
        patterns, order, bools = _SNAPSHOT_PATTERNS, _SNAPSHOT_ORDER, _SNAPSHOT_BOOLS
    else:
        from .content import _yaml

        patterns, order, bools = describe_resolvers(_yaml()[1])
    compiled = {tag: re.compile(pattern, flags) for tag, (pattern, flags) in patterns.items()}
    implicit = {first: tuple((tag, compiled[tag]) for tag in tags) for first, tags in order}
    wildcard = implicit.get(None, ())
    by_first = {first: resolvers + wildcard for first, resolvers in implicit.items() if first is not None}
    return by_first, wildcard, dict(bools)


def _unescape(m: re.Match) -> str:
    code = m.group(1) or m.group(2) or m.group(3)
    if code is None:
        return _ESCAPES[m.group(4)]
    code = int(code, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # libyaml refuses these
        raise ValueError
    return chr(code)


def _plain(value: str):
    """What the safe loader makes of a one-line plain scalar, or _NOT_HANDLED."""
    by_first, wildcard, bools = _resolvers()
    resolvers = by_first.get(value[0], wildcard)
    if not resolvers:  # 湖南省, annual-report: text whatever follows
        return value
    tag = None  # the first resolver that matches, as Resolver.resolve picks
    for tag_name, regexp in resolvers:
        if regexp.match(value):
            tag = tag_name
            break
    if tag is None:
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return bools[value.lower()]
    if tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(value):
        return int(value)
    if tag == "tag:yaml.org,2002:timestamp":
        m = _DATE.fullmatch(value)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:  # 2019-13-45: PyYAML raises; let it
                pass
    return _NOT_HANDLED  # floats, octal/hex/sexagesimal ints, timestamps with a time, `<<`, `=`


def _scalar(value: str):
    """The value of a one-line scalar (trailing spaces already cut), or _NOT_HANDLED."""
    first = value[0]
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or "'" in inner.replace("''", ""):
            return _NOT_HANDLED
        return inner.replace("''", "'")
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or not _DOUBLE_QUOTED.fullmatch(inner):
            return _NOT_HANDLED
        if "\\" not in inner:
            return inner
        try:
            return _ESCAPE.sub(_unescape, inner)
        except ValueError:
            return _NOT_HANDLED
    if value == "{}":
        return {}
    if first in _INDICATORS or ": " in value or " #" in value or value[-1] == ":":
        return _NOT_HANDLED
    return _plain(value)


@lru_cache(maxsize=4096)
def _is_text_key(key: str) -> bool:
    """A key YAML reads as text (not `no`, `null`, `true`...)."""
    value = _plain(key)
    return isinstance(value, str) and value == key


def _read_line(line: str):
    """(indent, key, value, opens a mapping) of one line, or None when it is not of the shapes read here."""
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    indent, key, value = m.groups()
    if not _is_text_key(key):
        return None
    value = (value or "").rstrip(" ")
    if not value:
        return len(indent), key, None, True
    value = _scalar(value)
    if value is _NOT_HANDLED:
        return None
    return len(indent), key, value, False


# Lines read before (`kind: annual-report`, `region: 湖南省`... recur in most files), with values that
# cannot be changed (not `{}`); emptied when full, so a long build does not keep every title.
_SEEN: dict[str, tuple] = {}
_SEEN_MAX = 4096


def load(text: str) -> dict | None:
    """The front matter `text` (between the `---` lines, `\n` line ends) as the safe loader reads it,
    or None when it is not of the plain shapes read here (then use PyYAML)."""
    if _UNUSUAL_CHAR.search(text) is not None:
        return None
    root: dict = {}
    stack = [(0, root)]  # (indent, mapping) of each open mapping, the innermost last
    opener = None  # (mapping, key) of the line before when it was `key:` alone: a mapping may follow
    for line in text.split("\n"):
        if not line:
            continue
        read = _SEEN.get(line)
        if read is None:
            read = _read_line(line)
            if read is None:
                return None
            if type(read[2]) is not dict:
                if len(_SEEN) >= _SEEN_MAX:
                    _SEEN.clear()
                _SEEN[line] = read
        indent, key, value, opens = read
        if opener is not None and indent > stack[-1][0]:
            child: dict = {}
            opener[0][opener[1]] = child
            stack.append((indent, child))
        else:
            while indent < stack[-1][0]:
                stack.pop()
            if indent != stack[-1][0]:  # deeper than its mapping (a continued value) or between two levels
                return None
        mapping = stack[-1][1]
        if key in mapping:
            return None
        mapping[key] = value
        opener = (mapping, key) if opens else None
    return root or None
