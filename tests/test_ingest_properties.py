"""Property tests: over arbitrary text and over the seeds with random noise inserted, the importer never
raises, is deterministic, its noise stage is a fixpoint, nothing of the input's Han text is lost or
invented, and what it writes loads."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportsite.content import parse_report
from reportsite.ingest import convert_bytes, convert_text
from reportsite.ingest._text import HAN, han_counter
from reportsite.ingest.decode import normalise
from reportsite.ingest.markdown import render_file
from reportsite.ingest.noise import readings, strip_noise

SEEDS = Path(__file__).parent / "fixtures" / "ingest" / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
SETTINGS = settings(max_examples=int(__import__("os").environ.get("INGEST_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Alphabets real scrapes are made of: Han (both scripts), CJK and ASCII punctuation, digits, pinyin, spaces.
CHINESE = "政府信息公开工作年度报告湖南省公安厅民政廳報告號一二三四五六七八九十我局本年度至月日条件的是了在"
PUNCT = "，。、；：？！“”‘’《》（）()[]【】·—…,.;:?!*#_`|<>&-+= \u3000\u00a0\t"
LATIN = "abcdefghijklmnopqrstuvwxyzāáǎàōóǒòēéěèīíǐìūúǔù"
scrape_text = st.text(alphabet=st.sampled_from(list(CHINESE + PUNCT + LATIN + "0123456789\n\n\n?〓")), max_size=400)

NOISE_LINES = [
    "收藏查看我的收藏0有用+1已投票0", "编辑锁定", "[1]", "[2-3]", "()", "（）", "時間:2023-02-09 09:54:02 | 來源:營銷百科",
    "关键词:工作,报告,信息", "友情提示:本文给出的范例仅供您参考。", "来源:网络整理 免责声明:本文仅限学习分享。", "【打印】【关闭窗口】",
    "- 3 -", "首页 > 信息公开 > 年度报告", "、", "\u3000\u3000", " ", "\n", "\n\n", "扩展阅读:某局2019年政府信息公开工作年度报告",
    "词条标签：社会，公文", "参考资料1.某某．某网[引用日期2014-04-21]", "?xiàng)l", "\ufffd",
]


def check(text: str, name: str = "x.txt"):
    """Convert twice; check every property; return the conversion."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    first = convert_text(text, name, sha, "utf-8")
    second = convert_text(text, name, sha, "utf-8")
    files = [render_file(r.front, r.body) for r in first.reports]
    assert files == [render_file(r.front, r.body) for r in second.reports], "not deterministic"
    assert first.error == second.error
    once = strip_noise(text).text
    assert strip_noise(once).text == once, "noise stage is not a fixpoint"
    if first.error is None:
        kept: Counter = Counter()
        for report in first.reports:
            kept += han_counter(report.body)
            for removal in report.removals:
                kept += han_counter(removal.text)
        assert kept == han_counter(normalise(text)), "Han characters lost or invented"
        for report, file in zip(first.reports, files):
            loaded = parse_report(file, f"content/reports/{report.slug}.md")
            assert loaded.body == report.body
    else:
        assert not HAN.search(strip_noise(text).text) or first.error
    return first


@SETTINGS
@given(scrape_text)
def test_arbitrary_scrape_like_text(text):
    check(text)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode_text(text):
    check(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    conversion = convert_bytes(data, "x.bin")
    assert (conversion.error is None) == bool(conversion.reports)
    if conversion.error:
        assert "\n" not in conversion.error


@st.composite
def noisy_seed(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 12))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(NOISE_LINES)) + text[pos:]
    return text


@SETTINGS
@given(noisy_seed())
def test_seeds_with_random_noise(text):
    check(text)


@st.composite
def annotated_seed(draw):
    """A seed, and the same seed with pinyin readings inserted after random Han characters."""
    index = draw(st.integers(0, len(SEED_TEXTS) - 1))
    text = SEED_TEXTS[index]
    spots = sorted(set(draw(st.lists(st.integers(0, len(text) - 1), max_size=25))), reverse=True)
    noisy = text
    for spot in spots:
        char = noisy[spot]
        toned, _ = readings(char) if HAN.match(char) else (frozenset(), frozenset())
        if toned:
            noisy = noisy[:spot + 1] + "(" + draw(st.sampled_from(sorted(toned))) + ")" + noisy[spot + 1:]
    return text, noisy


@SETTINGS
@given(annotated_seed())
def test_inserted_reading_annotations_are_removed_exactly(pair):
    clean, noisy = pair
    want = [r.body for r in check(clean).reports]
    got = check(noisy).reports
    assert [r.body for r in got] == want
