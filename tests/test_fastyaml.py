"""The fast front-matter reader (reportsite/fastyaml.py) gives exactly what PyYAML's safe loader gives,
or None (then content.py uses PyYAML); and parse_report, with it, gives what it gave without it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportsite import content, fastyaml, schema
from reportsite.content import ContentError, parse_report, split_front_matter
from reportsite.ingest.markdown import render_file

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT / "content" / "reports").glob("*.md"))
SETTINGS = settings(max_examples=int(os.environ.get("FASTYAML_EXAMPLES", "400")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def pyyaml(text: str):
    """What PyYAML's loader (the one content.py uses) makes of `text`: ("ok", data) or ("error", type)."""
    _, loader = content._yaml()
    try:
        return "ok", yaml.load(text, Loader=loader)
    except Exception as e:  # noqa: BLE001 - an invalid date raises ValueError, not YAMLError
        return "error", type(e).__name__


def typed(value):
    """`value` with the type of every part and the order of every mapping: 1 == True and 1 == 1.0 in Python."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def assert_agrees(text: str) -> dict | None:
    fast = fastyaml.load(text)
    if fast is not None:
        outcome, data = pyyaml(text)
        assert outcome == "ok", f"fast path read what PyYAML refuses ({data}): {text!r}"
        assert typed(fast) == typed(data), text
    return fast


def outcome_of(text: str):
    """parse_report's Report (as a dict) or its problems, or the exception it raises."""
    try:
        return "ok", typed(vars(parse_report(text, "content/reports/x.md")))
    except ContentError as e:
        return "problems", [str(p) for p in e.problems]
    except Exception as e:  # noqa: BLE001 - e.g. ValueError of an unquoted 2019-13-45 (a bug of the PyYAML path, kept)
        return "raised", (type(e).__name__, str(e))


def assert_parse_unchanged(text: str, monkeypatch) -> None:
    fast = outcome_of(text)
    with monkeypatch.context() as m:
        m.setattr(fastyaml, "load", lambda _text: None)
        assert outcome_of(text) == fast, text


# --- values and front matters ------------------------------------------------------------------

TRICKY = [
    "'001'", "001", "yes", "no", "on", "off", "On", "OFF", "y", "n", "Yes", "NO", "true", "False", "TRUE", "tRue",
    "1e3", "1.0e+3", "1.5", ".5", "-1", "+1", "0", "-0", "00", "012", "09", "0o17", "0x1F", "0b101", "1_000", "1:30",
    "190:20:30", "2019", "2019-13-45", "2019-02-30", "2014-04-21", "2014-4-21", "2014-04-21 10:00:00",
    "2014-04-21T10:00:00Z", "null", "Null", "NULL", "nULL", "~", ".inf", "-.Inf", ".nan", "<<", "=", "!", "&", "*",
    '"a: b"', "a: b", "a:b", "a:", "a :b", "a : b", "年度报告 #1", "年度报告#1", "http://x.cn/a#b", "# 注", "#1",
    "{}", "{ }", "[]", "[a]", "{a: 1}", "[湖南省", "&a x", "*a", "!!str 1", "!!int '1'", "|", ">", "|-", "- x", "-x",
    "? x", "?x", ":x", "%x", "@x", "`x`", ",x", "x,y", "a[1]", "{x", "}", "'it''s'", "'a'b'", "''", "''''", "'''",
    "'", '"', '""', '"a"b"', '"a\\"b"', '"a\\\\"', '"a\\"', '"a\\tb"', '"\\u4e2d\\u6587"', '"\\U0001F600"', '"\\ud800"',
    '"\\x41\\x00"', '"\\q"', '"\\/"', '"\\ "', '"\\N\\_\\L\\P"', '"\\e\\a\\b\\v\\f\\r\\n\\0"', "'a\\tb'", '"a #b"',
    "'a: b'", "湖南省", "湖南省 ", "湖南 省", "湖南省\u3000", "\u3000湖南省", "a\u00a0", "\u00a0a", "a\tb", "a\u0085b",
    "a\u2028b", "a\ufeffb", "a\x7fb", "a\x1bb", "zh-Hans", "annual-report", "fcd498527d3f48a2dc725be07cf1410d",
    "8e16a0f8", "1234e56", "000_8e16a0f8b265d4ca.txt", "2009-hunan-gonganting", "201*", "年度报告 ", "a  b",
]
KEYS = list(schema.FIELDS) + list(schema.SOURCE_FIELDS) + list(schema.IMPORT_FIELDS) + [
    "wiki-toolbar", "page-number", "requests.received", "yes", "no", "on", "null", "true", "True", "Y", "n", "~x",
    "_k", "K9", "1", "2019", "a b", "a\tb", "年份", "-a", "'title'", '"title"', "? title", "title ", "x" * 300]
TEXT = st.text(alphabet=st.sampled_from(list("湖南省公安厅年度报告：《》abzAZ019 _-.:#'\"\\{}[],&*!|>%@`?~/\u3000\u00a0\t")), max_size=12)


def single_quoted(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def double_quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


VALUES = st.one_of(
    st.sampled_from(TRICKY),
    TEXT,
    TEXT.map(single_quoted),
    TEXT.map(double_quoted),
    TEXT.map(lambda s: yaml.safe_dump(s, allow_unicode=True, width=1 << 30).removesuffix("\n...\n").rstrip("\n")),
    st.tuples(st.sampled_from(TRICKY), TEXT).map("".join),
    st.tuples(TEXT, st.sampled_from(TRICKY)).map("".join),
    st.integers(-5, 3000).map(str),
    st.dates().map(str),
)
# What may follow `key:`: the usual one space, none, several; and after the value nothing, spaces, a comment, a tab.
GAPS = st.sampled_from([" ", " ", " ", "  ", "", "\t"])
TAILS = st.sampled_from(["", "", "", " ", "   ", " # 注", "\t", "#"])


@st.composite
def front_matters(draw, near_misses: bool = True) -> str:
    """Front matter of `key: value` lines and nested mappings, with near misses (odd indents, comments,
    blank lines, tabs, continued values, sequences) when asked."""
    lines: list[str] = []

    def block(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 5))):
            key = draw(st.sampled_from(KEYS))
            if depth < 2 and draw(st.integers(0, 3)) == 0:  # a nested mapping
                lines.append(" " * indent + key + ":" + draw(st.sampled_from(["", "", " ", "  "])))
                step = draw(st.sampled_from([2, 2, 2, 4, 1, 3]))
                block(indent + step, depth + 1)
            else:
                value = draw(VALUES)
                lines.append(" " * indent + key + ":" + draw(GAPS) + value + draw(TAILS))

    block(0, 0)
    if near_misses:
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(lines)))
            odd = draw(st.sampled_from(["", " ", "  ", "# 注释", "  # 注释", "- a", "  - a", "\tkey: x", " title: x",
                                        "   slug: x", "  continued", "continued", "...x", "%YAML 1.1", "? a", ": b",
                                        "title: x", "year: 2019", "&a k: v", "[a, b]: c", "k: [a,", "  b]"]))
            lines.insert(at, odd)
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


# --- the reader alone ----------------------------------------------------------------------------

@SETTINGS
@given(front_matters())
@example("")
@example("\n\n")
@example("title: 年度报告 #1\nyear: 2009")
@example("source:\n  file: a\n retrieved: 2014-04-21")
@example("source:\n  file: a\n    sha256: b")
@example("title: a\n  b")
@example("title:\n  b")
@example("title:\n- b")
@example("year: 2009\nyear: 2010")
def test_reader_gives_what_pyyaml_gives_or_nothing(text):
    assert_agrees(text)


# The shapes the reader is for, which it must read (else the tests above pass by reading nothing).
PLAIN_KEYS = [k for k in KEYS if k.isascii() and k[0].isalpha() and " " not in k and "\t" not in k and len(k) < 100
              and k not in ("yes", "no", "on", "null", "true", "True", "n")]
SAFE_TEXT = st.text(alphabet=st.sampled_from(list("湖南省公安厅年度报告：《》abzAZ019 _-.:#'\"\\{}[],&*!|>%@`?~/\u3000\u00a0")), max_size=12)
HANDLED = st.one_of(
    st.sampled_from(["yes", "No", "on", "OFF", "true", "False", "null", "~", "Null", "1e3", "09", "0", "2014-04-21", "'001'",
                     '"a: b"', "'it''s'", "湖南省", "zh-Hans", "2009-hunan-gonganting", "http://x.cn/a#b", "a[1]", "x,y", "a:b",
                     "年度报告#1", "{}", "201*", "a  b", "湖南省\u3000", "\u00a0a"]),
    st.integers(0, 3000).map(str),
    st.integers(1, 3000).map(lambda n: f"+{n}"),
    st.dates(min_value=dt.date(1000, 1, 1)).map(dt.date.isoformat),
    SAFE_TEXT.map(single_quoted),
    SAFE_TEXT.map(double_quoted),
    st.text(alphabet=st.sampled_from(list("湖南省公安厅年度报告")), min_size=1).flatmap(
        lambda head: SAFE_TEXT.filter(lambda t: ": " not in t and " #" not in t and not t.endswith((":", " "))).map(lambda t: head + t)),
)


@st.composite
def plain_front_matters(draw) -> str:
    lines: list[str] = []

    def block(indent: int, depth: int) -> None:
        for key in draw(st.lists(st.sampled_from(PLAIN_KEYS), min_size=1, max_size=5, unique=True)):
            if depth < 2 and draw(st.integers(0, 3)) == 0:
                lines.append(" " * indent + key + ":" + draw(st.sampled_from(["", " "])))
                block(indent + draw(st.sampled_from([2, 4, 1])), depth + 1)
            else:
                lines.append(" " * indent + key + ":" + draw(st.sampled_from([" ", "  "])) + draw(HANDLED)
                             + draw(st.sampled_from(["", "  "])))
            if draw(st.integers(0, 9)) == 0:
                lines.append("")

    block(0, 0)
    return "\n".join(lines)


@SETTINGS
@given(plain_front_matters())
def test_reader_reads_plain_front_matter(text):
    assert fastyaml.load(text) is not None, text
    assert assert_agrees(text) is not None


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values_agree(value):
    for text in (f"title: {value}", f"title: {value}\nyear: 2019", f"source:\n  retrieved: {value}\nslug: x",
                 f"import:\n  removed:\n    tags: {value}\n  log: x"):
        assert_agrees(text)


@pytest.mark.parametrize("text, expected", [
    ("title: '001'", {"title": "001"}),
    ("title: 001", None),  # octal 1 in YAML 1.1: left to PyYAML
    ("year: 2009", {"year": 2009}),
    ("truncated: yes\ntitle_derived: off", {"truncated": True, "title_derived": False}),
    ("title: 1e3", {"title": "1e3"}),  # no dot: not a float in YAML 1.1
    ("title: 0x1F", None),
    ("title: 09", {"title": "09"}),
    ("city: null\nagency: ~\nregion:", {"city": None, "agency": None, "region": None}),
    ("title: \"a: b\"", {"title": "a: b"}),
    ("title: a: b", None),
    ("title: 年度报告 #1", None),  # a comment: PyYAML reads 年度报告
    ("title: 年度报告#1", {"title": "年度报告#1"}),
    ("title: 湖南省   \nslug: x  ", {"title": "湖南省", "slug": "x"}),
    ("title: 'it''s'", {"title": "it's"}),
    ("title: \"\\u4e2d\\t\\\"\"", {"title": "中\t\""}),
    ("source:\n  retrieved: 2014-04-21\n  published: '2014-04-21'",
     {"source": {"retrieved": dt.date(2014, 4, 21), "published": "2014-04-21"}}),
    ("source:\n  retrieved: 2019-13-45", None),  # PyYAML raises ValueError: left to it
    ("import:\n  removed:\n    tags: 1\n  unrecoverable: {}\n  log: null", {"import": {"removed": {"tags": 1}, "unrecoverable": {}, "log": None}}),
    ("yes: 1", None),  # the key is True
    ("title: a\ntitle: b", None),  # PyYAML keeps the last; not read here
    ("title: a # 注", None),
    ("title: [a]", None),
    ("title: |\n  a", None),
])
def test_examples(text, expected):
    assert assert_agrees(text) == expected
    assert fastyaml.load(text) == expected  # also from the reader's memory of lines, the second time


def test_each_empty_mapping_is_its_own():
    """Lines are remembered between files; a `{}` must still be a new dict in each (a caller may fill it)."""
    first = fastyaml.load("import:\n  unrecoverable: {}")
    second = fastyaml.load("import:\n  unrecoverable: {}")
    assert first == second == {"import": {"unrecoverable": {}}}
    assert first["import"]["unrecoverable"] is not second["import"]["unrecoverable"]


# --- files: the real ones, the importer's, and parse_report with and without the reader ---------------

@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_reports_take_the_fast_path(path):
    text = path.read_text(encoding="utf-8")
    yaml_text = split_front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"), str(path))[0]
    fast = assert_agrees(yaml_text)
    assert fast is not None
    assert schema.checked(fast, schema.FIELDS) is not None


def test_real_reports_exist():
    assert len(REAL) >= 5


@pytest.mark.parametrize("title", ["湖南省公安厅2009年度政府信息公开工作", "年度报告 #1", "a: b", "'001'", "001", "yes", "null",
                                   "2019-01-02", " 前后空格 ", "制表\t符", "换\n行", "\u2028", "引号\"'", "\\", "#1", "- 1", "{}"])
def test_what_the_importer_writes_is_read_alike(title, monkeypatch):
    front = {"title": title, "title_derived": False, "agency": "湖南省公安厅", "region": "湖南省", "city": None, "year": 2009,
             "year_text": None, "kind": "annual-report", "script": "zh-Hans", "truncated": False,
             "source": {"file": "000_8e16a0f8b265d4ca.txt", "sha256": "0" * 64, "site": "百度百科", "url": None,
                        "published": None, "retrieved": "2014-04-21", "encoding": "utf-8"},
             "slug": "2009-hunan-gonganting", "import": {"removed": {"tags": 1, "page-number": 3}, "unrecoverable": {}}}
    text = render_file(front, "## 一、概述\n\n正文。\n")
    assert_agrees(split_front_matter(text, "x.md")[0])
    assert_parse_unchanged(text, monkeypatch)
    if title == "湖南省公安厅2009年度政府信息公开工作":
        assert fastyaml.load(split_front_matter(text, "x.md")[0]) is not None


BAD = [
    "title: x\nslug: x\nyear: 二〇〇九",  # wrong type
    "title: x\nslug: x\nyear: 1900",
    "title: x\nslug: Bad Slug",
    "title: x",  # slug missing
    "title: x\nslug: x\ntitel: y",  # unknown key
    "title: x\nslug: x\nregion: 湖南",
    "title: x\nslug: x\nkind: annual",
    "title: x\nslug: x\nsource:\n  file: a.txt\n  sha256: abc",
    "title: x\nslug: x\nsource:\n  file: a.txt\n  sha256: " + "a" * 64 + "\n  retrieved: 2014-13-01",
    "title: x\nslug: x\nsource:\n  file: a.txt\n  sha256: " + "a" * 64 + "\n  retrieved: '2014-13-01'",
    "title: x\nslug: x\nsource:\n  file: a.txt\n  sha256: " + "a" * 64 + "\n  fil: b",
    "title: x\nslug: x\nimport:\n  removed: 3",
    "title: x\nslug: x\nstats:\n  requests.recieved: 3",
    "title: x\nslug: x\ntruncated: maybe",
    "title: ''\nslug: x",
    "title: x\nslug: x\ncity: [长沙]",
    "title: x\n slug: x",
    "title: x\nslug: x\n\tyear: 2019",
]
# Valid, but not for the reader: PyYAML's answers.
UNUSUAL = ["title: x\nslug: x\nyear: 2009\nyear: 2010", "title: 年度报告 #1\nslug: x\nregion: 湖南省 # 注"]


@pytest.mark.parametrize("front", BAD + UNUSUAL)
def test_bad_front_matter_gives_the_same_problems(front, monkeypatch):
    text = "---\n" + front + "\n---\n正文\n"
    assert (outcome_of(text)[0] == "ok") == (front in UNUSUAL)
    assert_parse_unchanged(text, monkeypatch)
    assert_parse_unchanged("\ufeff" + text.replace("\n", "\r\n"), monkeypatch)


@SETTINGS
@given(front_matters(), st.sampled_from(["", "\ufeff"]), st.sampled_from(["\n", "\r\n"]))
def test_parse_report_is_unchanged_by_the_reader(front, bom, newline):
    text = bom + ("---\n" + front + "\n---\n## 概述\n正文\n").replace("\n", newline)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_parse_unchanged(text, monkeypatch)


VALID = ("title: 湖南省公安厅2009年度政府信息公开工作\nagency: 湖南省公安厅\nregion: 湖南省\nyear: 2009\nkind: annual-report\n"
         "script: zh-Hans\nslug: 2009-hunan-gonganting\n")


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(VALID.splitlines()), st.sampled_from(["", " ", "  ", "\t", " # c"])), max_size=3))
def test_parse_report_of_valid_files_is_unchanged(changes):
    """Valid files, mostly: the reader's answers are used only when the schema finds nothing wrong."""
    front = VALID
    for line, tail in changes:
        front = front.replace(line + "\n", line + tail + "\n")
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_parse_unchanged("---\n" + front + "---\n正文\n", monkeypatch)


def test_valid_file_takes_the_fast_path(monkeypatch):
    calls = []
    monkeypatch.setattr(content, "_load_checked", lambda *a: calls.append(a))
    parse_report("---\n" + VALID + "---\n正文\n", "x.md")
    assert calls == []


# --- the other shortcuts: split_front_matter, display_path, schema.checked -----------------------------

@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n\u3000\r\n", "\ufeff \n"])
def test_blank_file_is_still_called_empty(text):
    with pytest.raises(ContentError) as info:
        parse_report(text, "x.md")
    assert [str(p) for p in info.value.problems] == [
        "x.md: the file is empty: a report needs front matter (`---` … `---`) and a body"]


def old_split(text: str, path: str):
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContentError([content.Problem(path, 1, "missing")])
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    raise ContentError([content.Problem(path, 1, "not closed")])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- ", "...", "... ", " ---", "---x", "a: b", "", " ", "\u3000", "正文"]), max_size=8),
       st.sampled_from(["", "\n"]))
def test_split_front_matter_is_unchanged(lines, end):
    text = "\n".join(lines) + end

    def run(split):
        try:
            return split(text, "x.md")
        except ContentError as e:
            return e.problems[0].line, "closed" in e.problems[0].message

    assert run(split_front_matter) == run(old_split)


@pytest.mark.parametrize("path", [
    "content/reports/x.md", "./content//reports/./x.md", "x.md", "../x.md", "../../a/b.md", "/", "/x.md", "/tmp/a/b.md",
    "content/reports/", "content/..", "content/.", "..x.md", "a/..x.md", "a/../b.md", "a/.x.md"])
def test_display_path_is_unchanged(path, tmp_path, monkeypatch):
    for cwd in (ROOT, tmp_path, Path("/")):
        monkeypatch.chdir(cwd)
        for p in (path, Path(path), os.path.join(str(cwd), path)):
            assert content.display_path(p) == content._display_path(p), (cwd, p)


@SETTINGS
@given(front_matters())
def test_checked_agrees_with_iter_errors(front):
    outcome, data = pyyaml(front)
    if outcome != "ok" or not isinstance(data, dict):
        return
    try:
        errors = list(schema.iter_errors(data, schema.FIELDS))
        old = None if errors else {k: f.check(data[k], k) for k, f in schema.FIELDS.items() if k in data}
    except Exception as e:  # noqa: BLE001 - a check that raises another error raises it both ways
        with pytest.raises(type(e)):
            schema.checked(data, schema.FIELDS)
        return
    assert typed(schema.checked(data, schema.FIELDS)) == typed(old)


def test_the_copy_of_pyyamls_resolvers_is_the_installed_pyyamls():
    """fastyaml's copy of PyYAML's implicit resolvers (what decides which plain values are text) is exactly
    the installed PyYAML's, when that is the version it was copied from; another version's are read from it."""
    _, loader = content._yaml()
    installed = fastyaml.describe_resolvers(loader)
    if yaml.__version__ != fastyaml._SNAPSHOT_PYYAML:
        assert not fastyaml._snapshot_applies()
        pytest.skip(f"PyYAML {yaml.__version__} installed; the copy is of {fastyaml._SNAPSHOT_PYYAML}: "
                    f"its resolvers are read from PyYAML. New copy: {installed!r}")
    assert fastyaml._snapshot_applies()
    assert (fastyaml._SNAPSHOT_PATTERNS, fastyaml._SNAPSHOT_ORDER, fastyaml._SNAPSHOT_BOOLS) == installed
    by_first, wildcard, bools = fastyaml._resolvers()
    implicit = loader.yaml_implicit_resolvers
    assert {k: [(t, r.pattern, r.flags) for t, r in v] for k, v in by_first.items()} == \
        {k: [(t, r.pattern, r.flags) for t, r in v] for k, v in implicit.items() if k is not None}
    assert bools == loader.bool_values and wildcard == tuple(implicit.get(None, ()))


def test_a_plain_front_matter_is_read_without_importing_pyyaml():
    """A rebuild that reads one ordinary report does not import PyYAML (~25 ms), its resolvers copied."""
    import subprocess
    import sys

    if yaml.__version__ != fastyaml._SNAPSHOT_PYYAML:
        pytest.skip("the copy of the resolvers is of another PyYAML: PyYAML is imported for them")
    code = ("import sys\nfrom reportsite.content import parse_report\n"
            "r = parse_report(open(sys.argv[1], encoding='utf-8').read(), 'r.md')\n"
            "print(r.year, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(REAL[0])], capture_output=True, text=True, check=True)
    year, imported = out.stdout.split()
    assert imported == "False" and (year == "None" or year.isdigit())


def test_unusual_characters_are_the_complement_of_yamls_printable_set():
    """fastyaml._UNUSUAL_CHAR, written as the ranges it matches, matches exactly the code points outside what it
    lets through: YAML's printable set without tabs and without what YAML reads as a line break or a BOM."""
    import re

    allowed = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    unusual = fastyaml._UNUSUAL_CHAR
    wrong = [hex(cp) for cp in range(0x110000) if bool(unusual.match(chr(cp))) == bool(allowed.match(chr(cp)))]
    assert not wrong, wrong[:10]
