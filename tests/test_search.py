"""Search index: folding, tokens, phrase matching, ranking, the file format (reportsite/search.py).

The browser engine (theme/search.js) follows SearchIndex step by step; tests/test_browser_search.py
checks that both give the same results.
"""

from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st

from reportsite import search
from reportsite.search import (SearchEntry, SearchIndex, apply_patch, build_index, decode_numbers, encode_number,
                               encode_numbers, find_term, fold, query_terms, snippet_window, split_parts, tokens)


def entry(slug, text, title=None, agency="湖南省公安厅", agency_slug="hunan-gonganting", region="湖南省",
          region_slug="hunan", year=2019, kind="annual-report", script="zh-Hans") -> SearchEntry:
    return SearchEntry(slug=slug, title=title or f"{agency}{year}年政府信息公开工作年度报告", agency_name=agency,
                       agency_slug=agency_slug, region_name=region, region_slug=region_slug, year=year, kind=kind,
                       kind_label={"annual-report": "年度报告", "article": "工作文章", "other": "其他"}[kind],
                       script=script, text=text)


def index_of(entries, **kw) -> SearchIndex:
    return SearchIndex(build_index(entries, workers=1, **kw))


def slugs(results) -> list[str]:
    return [h.slug for h in results.hits]


# ---------------------------------------------------------------- folding


def test_fold_traditional_to_simplified():
    assert fold("行政復議") == "行政复议"
    assert fold("政府信息公開工作年度報告") == "政府信息公开工作年度报告"
    assert fold("行政复议") == "行政复议"  # Simplified stays


def test_hong_kong_forms_fold_but_simplified_characters_stay():
    # forms t2s leaves and Hong Kong writes: folded as OpenCC's hk2s reads them
    assert search.fold("衞生健康局 敍述 衹有 梳粧") == "卫生健康局 叙述 只有 梳妆"
    # characters Simplified text uses itself stay, though hk2s would change them (么 → 幺, 著 → 着)
    assert search.fold("什么 著作") == "什么 著作"


def test_mainland_words_are_openccs_and_longest_first():
    """Each pair: the folded Taiwan/Hong Kong word, and what OpenCC's tw2sp makes of it (the mainland word)."""
    import opencc

    to_traditional, to_mainland = opencc.OpenCC("s2t"), opencc.OpenCC("tw2sp")
    for folded, mainland in search.MAINLAND_WORDS:
        written = to_traditional.convert(folded)  # as Taiwan writes it: 资讯公开 → 資訊公開
        assert search.fold(written) == folded and to_mainland.convert(written) == mainland != folded
    lengths = [len(k) for k, _ in search.MAINLAND_WORDS]
    assert lengths == sorted(lengths, reverse=True)
    assert len({k for k, _ in search.MAINLAND_WORDS}) == len(lengths)


def test_fold_width_case_and_ideographic_space():
    assert fold("ＷＴＯ　２０１９年") == "wto 2019年"
    assert fold("WTO") == "wto"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF, exclude_categories=("Cs",)), max_size=60))
@settings(max_examples=300, deadline=None)
def test_fold_keeps_length_and_is_idempotent(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert search.utf16_len(folded) == search.utf16_len(text)
    assert fold(folded) == folded


def test_char_map_is_single_bmp_characters():
    t2s, s2t = search.char_maps()
    assert len(t2s) > 3000 and len(s2t) > 2000
    for src, dst in list(t2s.items()) + list(s2t.items()):
        assert len(src) == len(dst) == 1 and ord(src) <= 0xFFFF and ord(dst) <= 0xFFFF
    assert t2s["議"] == "议" and s2t["议"] == "議"


def _char_maps_one_call_per_character():
    """The fold maps as first written: OpenCC called once per character (the build converts all in one call)."""
    import unicodedata

    import opencc

    t2s_conv, s2t_conv, hk2s_conv = opencc.OpenCC("t2s"), opencc.OpenCC("s2t"), opencc.OpenCC("hk2s")
    t2s, s2t = {}, {}
    for lo, hi in search.CJK_RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            s = t2s_conv.convert(c)
            if s == c:
                n = unicodedata.normalize("NFKC", c)
                if n != c and len(n) == 1:
                    s = t2s_conv.convert(n)
            try:
                c.encode("gb2312")
                in_gb2312 = True
            except UnicodeEncodeError:
                in_gb2312 = False
            if len(s) == 1 and s != c and ord(s) <= 0xFFFF:
                t2s[c] = s
            elif s == c and not in_gb2312:
                hk = hk2s_conv.convert(c)
                if len(hk) == 1 and hk != c and ord(hk) <= 0xFFFF:
                    t2s[c] = hk
            t = s2t_conv.convert(c)
            if len(t) == 1 and t != c and ord(t) <= 0xFFFF:
                s2t[c] = t
    t2s = dict(sorted(t2s.items()))
    for c in list(t2s):
        seen, target = {c}, t2s[c]
        while target in t2s and target not in seen:
            seen.add(target)
            target = t2s[target]
        t2s[c] = target
    return t2s, s2t


def test_char_maps_made_in_one_call_equal_one_call_per_character():
    t2s, s2t = search._opencc_maps()
    ref_t2s, ref_s2t = _char_maps_one_call_per_character()
    assert list(t2s.items()) == list(ref_t2s.items())  # same pairs, same order (the fold files are made from it)
    assert s2t == ref_s2t
    assert t2s["衞"] == "卫" and t2s["豈"] == "岂"  # a Hong Kong form; a compatibility ideograph (U+F900) by its NFKC form


def test_generated_char_maps_are_the_installed_opencc_s():
    """reportsite/charmaps.py (scripts/make_charmaps.py) holds exactly the maps OpenCC gives, in their order."""
    from reportsite import charmaps

    if charmaps.OPENCC_VERSION != search._installed_opencc():
        pytest.skip(f"charmaps.py was made with OpenCC {charmaps.OPENCC_VERSION}, not the installed "
                    f"{search._installed_opencc()}: run scripts/make_charmaps.py (builds make the maps themselves)")
    t2s, s2t = search._generated_maps()
    made_t2s, made_s2t = search._opencc_maps()
    assert list(t2s.items()) == list(made_t2s.items()) and list(s2t.items()) == list(made_s2t.items())


def test_char_maps_are_made_when_opencc_is_another_version(monkeypatch):
    from reportsite import charmaps

    monkeypatch.setattr(charmaps, "OPENCC_VERSION", "0.0")
    monkeypatch.setattr(search, "_CHAR_MAPS", None)
    assert search._generated_maps() is None
    t2s, s2t = search.char_maps()
    assert t2s["議"] == "议" and s2t["议"] == "議" and list(t2s.items()) == list(search._opencc_maps()[0].items())


# ---------------------------------------------------------------- tokens and terms


def test_tokens_are_characters_bigrams_and_words():
    t = tokens(fold("行政复议，WTO 2019年"))
    assert {"行", "政", "复", "议", "行政", "政复", "复议", "wto", "2019", "年"} == set(t)
    assert "议w" not in t and "9年" not in t  # bigrams never cross out of a CJK run


def test_token_counts():
    t = tokens("公开公开，公开")
    assert t["公开"] == 3 and t["开公"] == 1 and t["公"] == 3


def test_long_words_are_cut():
    word = "a" * 40
    assert tokens(word) == {"a" * search.WORD_MAX: 1}


def test_fast_token_count_matches_reference():
    text = fold("一、概述\n2019年，省公安廳在省委、省政府的正確領導下，全面推進政務公開。WTO規則12345熱線。𠀀𠀁漢字")
    fast = search._count_doc(text)
    by_text = {}
    for key, count in fast.items():
        token = search._token_text(key)
        if token is not None:
            by_text[token] = count
    assert by_text == dict(tokens(text))


def test_query_terms():
    terms = query_terms("  行政復議   2019 WTO  ")
    assert [t.text for t in terms] == ["行政复议", "2019", "wto"]
    assert terms[0].tokens == ("行政", "政复", "复议") and not terms[0].exact
    assert terms[1].tokens == ("2019",) and terms[1].exact
    assert query_terms("公开")[0].exact and query_terms("公")[0].exact
    assert query_terms("2019年")[0].tokens == ("2019", "年")
    assert query_terms("“信息公开。”")[0].text == "信息公开"  # punctuation around a term is dropped
    assert query_terms("。，、 ") == []
    assert [t.text for t in query_terms("公开 公開")] == ["公开"]  # the same term twice counts once


def test_long_terms_look_up_a_spread_of_tokens():
    term = query_terms("中华人民共和国政府信息公开条例")[0]
    assert len(term.tokens) == search.TERM_TOKENS and term.tokens[0] == "中华" and term.tokens[-1] == "条例"
    assert not term.exact


def test_find_term_needs_adjacent_characters_and_whole_words():
    assert find_term("行政机关复议", "行政复议") == -1
    assert find_term("依法行政复议案件", "行政复议") == 2
    assert find_term("热线123456", "12345") == -1
    assert find_term("热线12345号", "12345") == 2
    assert find_term("(wto)规则", "wto") == 1
    assert find_term("wtos", "wto") == -1


# ---------------------------------------------------------------- encodings


@given(st.lists(st.integers(min_value=0, max_value=10 ** 9), max_size=50))
def test_numbers_round_trip(values):
    text = encode_numbers(values)
    assert decode_numbers(text) == values
    assert '"' not in text and "\\" not in text and "!" not in text and "~" not in text


def test_small_numbers_take_one_character():
    assert [len(encode_number(v)) for v in (0, 44, 45, 2024, 2025)] == [1, 1, 2, 2, 3]


def test_split_parts_cover_the_text_at_line_ends():
    lines = [f"第{i}段。" + "政府信息公开" * (i % 7 + 1) for i in range(200)]
    text = "\n".join(lines)
    ranges = split_parts(text, 120)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    for (a, b), (c, d) in zip(ranges, ranges[1:]):
        assert b == c and text[b - 1] == "\n"


def test_split_parts_overlap_inside_a_very_long_line():
    text = "甲" * 1000 + "行政复议" + "乙" * 1000
    ranges = split_parts(text, 100)
    assert any(text[a:b].find("行政复议") >= 0 for a, b in ranges)
    covered = set()
    for a, b in ranges:
        covered.update(range(a, b))
    assert covered == set(range(len(text)))


@pytest.mark.parametrize("text", ["𠀀行政復議，𠀁ＷＴＯ與臺灣" * 3, "行政復議，ＷＴＯ與臺灣。" * 40, "只有简体字。", "ＡＢＣ" + "简" * 7])
@pytest.mark.parametrize("many", [False, True])
def test_patch_restores_the_folded_text(text, many):
    folded = fold(text)
    patch = search._patch(text, folded, many)
    if folded == text:
        assert patch is None
    else:
        assert apply_patch(text, *patch) == folded
        assert (patch == ["~", ""]) == many


# ---------------------------------------------------------------- the index, read back


@pytest.fixture(scope="module")
def small():
    entries = [
        entry("a-2019", "2019年，我厅依法办理行政复议案件3件。\n行政复议工作有序开展。", year=2019),
        entry("b-2019-hant", "2019年，本廳依法辦理行政復議案件。", agency="广东省公安厅", agency_slug="guangdong-gonganting",
              region="广东省", region_slug="guangdong", script="zh-Hant", title="廣東省公安廳2019年政府信息公開工作年度報告"),
        entry("c-2018-false", "行政机关对复议决定予以公开。息公司、信息、公开。", year=2018, title="湖南省公安厅2018年工作总结"),
        entry("d-2020-title", "本年度共受理申请12件，热线12345全天开通。", year=2020, title="关于行政复议工作的报告", kind="article"),
        entry("e-undated", "政府信息公开工作平稳推进，WTO 规则宣传纳入其中。", year=None, agency="公安局", agency_slug="gonganju",
              region="地区不详", region_slug="unknown"),
        entry("f-2017-many", "行政复议。" * 6 + "其他内容。" * 3, year=2017),
    ]
    return index_of(entries)


def test_traditional_query_finds_simplified_and_the_reverse(small):
    simp = small.search("行政复议")
    trad = small.search("行政復議")
    assert set(slugs(simp)) == set(slugs(trad))
    assert {"a-2019", "b-2019-hant"} <= set(slugs(simp))


def test_false_phrase_is_a_candidate_but_not_a_match(small):
    r = small.search("信息公开")
    assert "c-2018-false" not in slugs(r)  # 信息, 息公, 公开 are all there, but apart
    assert "e-undated" in slugs(r)
    assert r.candidates > r.total
    r2 = small.search("行政复议")
    assert "c-2018-false" not in slugs(r2)


def test_title_matches_rank_above_body_matches(small):
    r = small.search("行政复议")
    assert slugs(r)[0] == "d-2020-title"  # only in the title
    assert r.hits[0].tier == 1 and all(h.tier == 0 for h in r.hits[1:])


def test_bm25_prefers_more_occurrences(small):
    order = slugs(small.search("行政复议"))
    assert order.index("f-2017-many") < order.index("b-2019-hant")


def test_agency_name_matches_rank_first(small):
    r = small.search("广东省公安厅")
    assert slugs(r) == ["b-2019-hant"]
    r = small.search("公安局")
    assert slugs(r)[0] == "e-undated"


def test_year_query(small):
    r = small.search("2019")
    assert set(slugs(r)) == {"a-2019", "b-2019-hant"}


def test_latin_and_number_tokens(small):
    assert slugs(small.search("WTO")) == ["e-undated"]
    assert slugs(small.search("ｗｔｏ")) == ["e-undated"]
    assert slugs(small.search("12345")) == ["d-2020-title"]
    assert slugs(small.search("1234")) == []


def test_several_terms_must_all_match(small):
    assert set(slugs(small.search("行政复议 2019年"))) == {"a-2019", "b-2019-hant"}
    assert slugs(small.search("行政复议 WTO")) == []


def test_one_character_query(small):
    r = small.search("廳")
    assert "b-2019-hant" in slugs(r)
    assert set(slugs(small.search("厅"))) >= {"a-2019", "b-2019-hant"}


def test_filters_and_facets(small):
    r = small.search("行政复议", {"year": "2019"})
    assert set(slugs(r)) == {"a-2019", "b-2019-hant"}
    assert r.facets["year"]["2020"] == 1  # a facet's counts ignore its own filter
    r = small.search("行政复议", {"agency": "guangdong-gonganting", "kind": "annual-report"})
    assert slugs(r) == ["b-2019-hant"]
    assert slugs(small.search("行政复议", {"region": "nowhere"})) == []


def test_empty_query_with_filters_lists_newest_first(small):
    r = small.search("", {"agency": "hunan-gonganting"})
    assert slugs(r) == ["d-2020-title", "a-2019", "c-2018-false", "f-2017-many"]
    r = small.search("", {"year": "undated"})
    assert slugs(r) == ["e-undated"]
    assert small.search("").hits == []


def test_ties_break_newest_first():
    text = "行政复议案件依法办理。"
    idx = index_of([entry(f"r{y}", text, year=y) for y in (2015, 2021, 2018)] + [entry("r-none", text, year=None)])
    assert slugs(idx.search("行政复议")) == ["r2021", "r2018", "r2015", "r-none"]


def test_snippet_is_cut_at_sentence_boundaries_and_highlights(small):
    hit = next(h for h in small.search("行政復議").hits if h.slug == "b-2019-hant")
    text = "".join(t for t, _ in hit.snippet)
    marked = [t for t, m in hit.snippet if m]
    assert marked == ["行政復議"]  # the original script is shown, the folded one matched
    assert text == "2019年，本廳依法辦理行政復議案件。"


def test_snippet_window_long_text():
    text = "前文" * 200 + "。这是一句包含行政复议的话，后面还有很多字" + "后文" * 200
    hit = text.index("行政复议")
    a, b = snippet_window(text, hit)
    assert text[a - 1] == "。" and a <= hit < b
    assert b - a <= search.SNIPPET_LENGTH


def test_more_than_one_page():
    idx = index_of([entry(f"r{i:03}", f"第{i}次行政复议。", year=2000 + i % 20) for i in range(45)])
    r = idx.search("行政复议", limit=20)
    assert r.total == 45 and len(r.hits) == 20


def test_html_in_text_stays_text():
    idx = index_of([entry("x", "<script>alert(1)</script> 与 <img src=x onerror=alert(1)> 行政复议",
                          title="<script>alert(1)</script>{{ 7*7 }}")])
    r = idx.search("alert")
    assert r.hits[0].title == "<script>alert(1)</script>{{ 7*7 }}"
    files = build_index([entry("x", "</script><script>alert(1)</script>")], workers=1)
    js = b"".join(v for k, v in files.items() if "/t/" in k)
    assert js.count(b"</script><script>alert(1)</script>") == 1  # a JSON string in a .js file: inert


# ---------------------------------------------------------------- the files


def test_build_is_deterministic_and_independent_of_workers(monkeypatch):
    monkeypatch.setattr(search, "BLOCK", 7)
    entries = [entry(f"r{i:03}", f"第{i}次行政复议。" * (i % 5 + 1) + "政府信息公开" * (i % 3), year=2000 + i % 20)
               for i in range(60)]
    one = build_index(entries, workers=1)
    again = build_index(list(reversed(entries)), workers=1)
    two = build_index(entries, workers=2)
    assert one == again == two


def test_blocks_and_dense_postings_decode(monkeypatch):
    monkeypatch.setattr(search, "BLOCK", 16)
    entries = [entry(f"r{i:03}", ("公开" * (i % 6 + 1) if i % 3 else "其他") + f"。编号{i}", year=2000 + i % 20,
                     title=f"报告{i}") for i in range(100)]
    idx = index_of(entries)
    body_text = idx.shard("公开")["公开"]
    body_text = body_text if isinstance(body_text, str) else body_text[0]
    assert "~" in body_text  # dense in some blocks
    body, _ = idx.postings("公开")
    docs = {e.slug for e in entries if "公开" in e.text}
    assert {idx.part(d, 0)["s"] for d in body} == docs
    assert len(idx.search("公开", limit=200).hits) == len(docs)


def test_file_layout():
    files = build_index([entry("a", "政府信息公开。"), entry("b", "行政复议。", year=2018)], workers=1)
    assert "search/data/m.js" in files and "search/data/charmap.js" in files
    assert all(k.startswith("search/data/") for k in files)
    for path, data in files.items():
        assert data.startswith(b"__rsIndex.add(") and data.endswith(b");\n"), path
        data.decode("utf-8")
    assert any(k.startswith("search/data/p/") for k in files)
    assert any(k.startswith("search/data/f/") for k in files)
    assert "search/data/t/0/0.js" in files and "search/data/t/0/1.js" in files


def test_empty_archive():
    files = build_index([], workers=1)
    idx = SearchIndex(files)
    assert idx.search("公开").hits == [] and idx.search("").hits == []


# ---------------------------------------------------------------- the cache: incremental == cold


def _resolve(got: dict, last: dict) -> dict:
    """search_files' answer with None ("as the last build left it") replaced by the last build's bytes."""
    return {p: (last[p] if d is None else d) for p, d in got.items()}


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(search, "BLOCK", 4)
    monkeypatch.setattr(search, "SHARD_TARGET_BYTES", 200)  # several shards, and shard counts that change
    monkeypatch.setattr(search.os, "cpu_count", lambda: 1)  # indexed in this process (counted here)


def _report_texts(n: int) -> list[str]:
    return [f"第{i}份报告。今年共收到申请{i * 3}件，公开{i}件。" + "政府信息公开工作稳步推进。" * (i % 5) for i in range(n)]


@pytest.mark.parametrize("on_disk", [False, True])
def test_cache_indexes_only_the_edited_report_and_gives_the_files_of_a_cold_build(small_blocks, monkeypatch, tmp_path, on_disk):
    """search_files(entries, cache=…): a body edit indexes that report alone, makes again only its parts, the shards of
    the tokens whose postings changed and the manifest, and returns the others as None; the bytes are a cold build's."""
    options = {"cache_dir": tmp_path / "cache"} if on_disk else {}
    # 16 shards whatever the postings' size: this edit is not to move the shard count (that path is
    # test_cache_when_the_shard_count_changes's)
    monkeypatch.setattr(search, "_shard_count", lambda total: 16)
    entries = [entry(f"r{i:02d}", t, year=2008 + i) for i, t in enumerate(_report_texts(18))]
    indexed: list = []  # reports folded and counted one at a time (the cache's path; a cold index folds whole blocks)
    parted: list = []  # reports whose text parts were made
    real, real_parts = search._report_files, search._doc_files
    monkeypatch.setattr(search, "_report_files", lambda doc, *a, **kw: indexed.append(doc) or real(doc, *a, **kw))
    monkeypatch.setattr(search, "_doc_files", lambda doc, *a, **kw: parted.append(doc) or real_parts(doc, *a, **kw))
    cache: dict = {}
    first = search.search_files(entries, cache=cache, **options)
    assert first == search.search_files(entries) and len(parted) == 2 * 18
    indexed.clear()
    parted.clear()
    same = search.search_files(entries, cache=cache, unchanged_ok=lambda path: True, **options)
    assert same.keys() == first.keys() and all(d is None for d in same.values()) and indexed == parted == []
    edited = list(entries)
    edited[9] = edited[9]._replace(text=edited[9].text + "新增一段：依申请公开。")
    again = search.search_files(edited, cache=cache, unchanged_ok=lambda path: True, **options)
    assert indexed == [9, 9]  # the new text and the old one (to know which postings changed); sorted by year: 9th
    assert parted == [9]  # the new text's parts only
    cold = search.search_files(edited)
    assert _resolve(again, first) == cold and cold != first
    made = {p for p, d in again.items() if d is not None}
    assert made == {p for p in cold if cold[p] != first.get(p)} | {p for p in cold if p.startswith(search.DATA + "t/0/9.")}
    assert search.DATA + "m.js" in made and any("/p/" in p for p in made) and len(made) < len(cold) / 3
    # without unchanged_ok, every file's bytes (made again from the cache)
    assert search.search_files(edited, cache=cache, **options) == cold


def test_cache_makes_again_the_files_the_build_cannot_keep(small_blocks):
    entries = [entry(f"r{i:02d}", t, year=2008 + i) for i, t in enumerate(_report_texts(10))]
    cache: dict = {}
    first = search.search_files(entries, cache=cache)
    lost = {search.DATA + "t/0/3.js", search.DATA + "p/1.js", search.DATA + "f/all.js", search.DATA + "m.js"}
    got = search.search_files(entries, cache=cache, unchanged_ok=lambda path: path not in lost)
    assert {p for p, d in got.items() if d is not None} == lost
    assert _resolve(got, first) == first


def test_cache_without_texts_of_unchanged_reports(small_blocks):
    """Entries may come without text when their text_key is the last build's: the cache holds the text."""
    texts = _report_texts(12)
    entries = [entry(f"r{i:02d}", t, year=2008 + i)._replace(text_key=b"%d" % i) for i, t in enumerate(texts)]
    cache: dict = {}
    first = search.search_files(entries, cache=cache)
    bare = [e._replace(text=None) for e in entries]
    bare[4] = entries[4]._replace(text=texts[4] + "又一段。", text_key=b"new")
    got = search.search_files(bare, cache=cache)
    want = search.search_files([e._replace(text=texts[4] + "又一段。") if e.slug == "r04" else e for e in entries])
    assert got == want != first
    # a report added: everything is indexed again, the other texts still from the cache
    more = bare + [entry("r99", "新增的报告。", year=2030)]
    asked: list = []
    got = search.search_files(more, cache=cache, text_of=lambda e: asked.append(e.slug) or "unused")
    assert asked == [] and got == search.search_files([*[e._replace(text=texts[4] + "又一段。") if e.slug == "r04" else e
                                                          for e in entries], more[-1]])
    # an unknown text key: asked for
    with pytest.raises(ValueError):
        search.search_files([e._replace(text_key=b"other") for e in bare[:3]], cache={})
    got = search.search_files(bare[:3], cache={}, text_of=lambda e: texts[int(e.slug[1:])])
    assert got == search.search_files(entries[:3])


def test_damaged_cache_data_is_not_trusted(small_blocks, tmp_path):
    entries = [entry(f"r{i:02d}", t, year=2008 + i) for i, t in enumerate(_report_texts(10))]
    cache: dict = {}
    search.search_files(entries, cache=cache, cache_dir=tmp_path)
    (data,) = tmp_path.iterdir()
    raw = bytearray(data.read_bytes())
    raw[len(raw) // 2] ^= 1  # a texts record (they come first) or a shard
    data.write_bytes(bytes(raw[: len(raw) - 7]))
    edited = list(entries)
    edited[2] = edited[2]._replace(text="全新的正文。")
    assert search.search_files(edited, cache=cache, cache_dir=tmp_path) == search.search_files(edited)
    data.unlink() if data.exists() else None
    edited[3] = edited[3]._replace(title="新的标题")
    assert search.search_files(edited, cache=cache, cache_dir=tmp_path) == search.search_files(edited)
    assert len(list(tmp_path.iterdir())) == 1  # the data files of earlier caches are removed


_CJK = "公开政府信息申请复议行政年度报告工作"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["body", "append", "title", "agency", "same", "add", "remove", "year"]),
                          st.integers(0, 40), st.text(_CJK + "ABC 12。\n", max_size=40)), min_size=1, max_size=6))
def test_incremental_is_cold_after_any_edits(edits):
    """Whatever the edits (bodies growing or shrinking, titles, agencies, reports added or removed, reordered), the
    incremental index is the cold one, byte for byte, and None is said only of files that did not change."""
    import unittest.mock

    with unittest.mock.patch.object(search, "BLOCK", 3), unittest.mock.patch.object(search, "SHARD_TARGET_BYTES", 150), \
            unittest.mock.patch.object(search.os, "cpu_count", lambda: 1):
        entries = [entry(f"r{i:02d}", t, year=2010 + i % 4, title=f"报告{i}") for i, t in enumerate(_report_texts(8))]
        cache: dict = {}
        last = search.search_files(entries, cache=cache)
        for what, i, text in edits:
            i %= len(entries)
            e = entries[i]
            if what == "body":
                entries[i] = e._replace(text=text)
            elif what == "append":
                entries[i] = e._replace(text=e.text + text)
            elif what == "title":
                entries[i] = e._replace(title=text or "无题")
            elif what == "agency":
                entries[i] = e._replace(agency_name=text or "某机构")
            elif what == "year":
                entries[i] = e._replace(year=2000 + i)
            elif what == "add":
                entries.append(entry(f"n{len(entries):02d}", text, year=2012))
            elif what == "remove" and len(entries) > 1:
                entries.pop(i)
            got = search.search_files(entries, cache=cache, unchanged_ok=lambda path: True)
            cold = search.search_files(entries)
            assert _resolve(got, last) == cold
            assert all(cold[p] == last[p] for p, d in got.items() if d is None)
            last = cold


def test_cache_when_the_shard_count_changes(small_blocks):
    entries = [entry(f"r{i:02d}", t, year=2008 + i) for i, t in enumerate(_report_texts(10))]
    cache: dict = {}
    first = search.search_files(entries, cache=cache)
    big = list(entries)
    big[0] = big[0]._replace(text=big[0].text + "".join(chr(0x4E00 + 7 * k) for k in range(2000)))
    got = search.search_files(big, cache=cache)
    assert got == search.search_files(big)
    shard_count = lambda files: search._parse_js(files[search.DATA + "m.js"])[1]["shards"]  # noqa: E731
    assert shard_count(got) > shard_count(first)
    assert search.search_files(entries, cache=cache) == first  # and back


def test_token_hash_is_fnv1a_over_utf16_units_as_the_browser_computes_it():
    """search.token_hash picks a token's shard here; theme/search.js's fnv() (charCodeAt: UTF-16 units) picks it in
    the browser. Checked against FNV-1a over the UTF-16 bytes' units, characters beyond the BMP included."""
    import random

    from reportsite.search import token_hash

    def by_units(token: str) -> int:
        h = 0x811C9DC5
        data = token.encode("utf-16-le")
        for i in range(0, len(data), 2):
            h = ((h ^ (data[i] | data[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
        return h

    assert token_hash("") == 0x811C9DC5 and token_hash("a") == 0xE40C292C  # FNV-1a's published values
    rng = random.Random(7)
    pool = [(0x61, 0x7A), (0x30, 0x39), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x10000, 0x1FFFF)]
    for _ in range(5000):
        token = "".join(chr(rng.randint(*rng.choice(pool))) for _ in range(rng.randint(1, 5)))
        assert token_hash(token) == by_units(token), token


def test_the_cold_index_measures_its_size_as_an_edit_does(small_blocks):
    """The shard count is chosen by the postings' size: a cold index adds up what its block workers report
    (search_block.block_segments' sizes and the words'), an incremental one keeps the total by each changed
    token's search._token_size. Both must measure the same, or an edit could choose another shard count than a
    cold build of the same reports."""
    entries = [entry(f"r{i:02d}", t, year=2008 + i) for i, t in enumerate(_report_texts(18))]
    entries[3] = entries[3]._replace(text=entries[3].text + " WTO 2019 abc 公开")  # words too, not only CJK
    cache: dict = {}
    files = search.search_files(entries, cache=cache)
    measured = 0
    for path, raw in files.items():
        if path.startswith(search.DATA + "p/"):
            for value in search._parse_js(raw)[1].values():
                body, title = (value, "") if isinstance(value, str) else value
                measured += search._token_size(body, title)
    assert measured == cache["total"] > 0


def test_length_codes_of_many_reports_are_each_length_code():
    lengths = [0, 1, 2, 3, 1499, 1500, 2047, 2048, 10 ** 6, *range(0, 70_000, 37)]
    assert search._length_codes(lengths) == [search.length_code(n) for n in lengths]
