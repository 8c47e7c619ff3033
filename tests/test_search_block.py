"""The numpy block postings (search_block.block_segments, read here as text by `cjk_segments`) against the
per-report dict path they replace in cold builds (search._count_doc + search._encode_segment, which incremental builds still use)."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings, strategies as st

from reportsite import search
from reportsite.search import fold
from reportsite.search_block import BlockSegments, FoldedBlock, block_segments


def segments_text(segments: BlockSegments, part: int = 0) -> str:
    """Partition `part`'s tokens as "token\1segment\0…", in the arrays' order."""
    lo, hi = int(segments.bounds[part]), int(segments.bounds[part + 1])
    chars = bytes(segments.chars[int(segments.char_bounds[part]):int(segments.char_bounds[part + 1])]).decode("ascii")
    items, at = [], 0
    for key, n in zip(segments.keys[lo:hi].tolist(), segments.lengths[lo:hi].tolist()):
        items.append(search._token_text(key) + "\1" + chars[at:at + n])
        at += n
    return "\0".join(items)


def cjk_segments(folded: list[str] | FoldedBlock, size: int, parts: int = 1):
    """block_segments as text: one "token\1segment\0…" string, or with `parts` one per partition and their sizes."""
    segments = block_segments(folded, size, parts)
    if parts == 1:
        return segments_text(segments)
    return [segments_text(segments, p) for p in range(parts)], segments.sizes


def reference(folded: list[str], size: int) -> dict[str, str]:
    lists: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(folded):
        for key, n in search._count_doc(text).items():
            token = search._token_text(key)
            if isinstance(key, int) and token is not None:
                lists[token].append(4 * i + search._BUCKET_OF.get(n, 3))
    return {token: search._encode_segment(found, size) for token, found in lists.items()}


def check(folded: list[str], size: int | None = None) -> dict[str, str]:
    size = len(folded) if size is None else size
    text = cjk_segments(folded, size)
    pairs = [item.split("\1") for item in text.split("\0")] if text else []
    assert all(len(p) == 2 for p in pairs)
    got = dict(pairs)
    assert got == reference(folded, size)
    assert len(pairs) == len(got) and list(got) == sorted(got, key=lambda t: (len(t) > 1, t[::-1]))  # each token once, by key
    return got


def test_one_report_every_bucket():
    text = fold("公开公开，公开。政府信息公开工作年度报告。公开公开")
    got = (check([text]))
    # 公开 5 times: bucket 3 → e = 3; 政府 once: e = 0
    assert search._segment_postings(got["公开"]) == [3]
    assert search._segment_postings(got["政府"]) == [0]
    assert "，" not in "".join(got) and "开，" not in got  # punctuation is no token, bigrams stop at it


def test_bigrams_never_span_reports_or_runs():
    got = (check(["公开", "信息", "年度2019报告"]))
    assert "开信" not in got and "度报" not in got
    assert search._segment_postings(got["公开"]) == [0] and search._segment_postings(got["信息"]) == [4]


def test_astral_characters_and_surrogate_units_break_runs():
    text = fold("汉𠀀字漢𠀁語")  # Extension B characters are not tokens (UTF-16 surrogate pairs)
    got = (check([text, "字漢"]))
    assert "汉字" not in got and "字汉" in got and "𠀀" not in "".join(got)


def test_no_cjk_at_all():
    assert cjk_segments(["wto 2019", "", "abc"], 3) == ""


def test_dense_segments_for_tokens_in_most_reports():
    reports = [fold(f"政府信息公开{'年度' * (i % 7)}报告{'稀有' if i % 200 == 0 else ''}") for i in range(search.BLOCK)]
    got = (check(reports))
    assert got["公开"].startswith("~") and not got["稀有"].startswith("~")
    assert search._segment_postings(got["公开"]) == [4 * i for i in range(search.BLOCK)]
    assert search._segment_postings(got["稀有"]) == [0, 4 * 200, 4 * 400]
    年度 = search._segment_postings(got["年度"])  # tf 1, 2, 3–4, 5+ → buckets 0–3
    assert 年度[:6] == [4 * 1 + 0, 4 * 2 + 1, 4 * 3 + 2, 4 * 4 + 2, 4 * 5 + 3, 4 * 6 + 3]


def test_last_block_smaller_than_block():
    reports = [fold("信息公开" * (1 + i % 6)) for i in range(37)]
    check(reports, 37)


cjk_text = st.text(alphabet=st.sampled_from(list("公开信息政府年度报告漢語資訊，。 a1\n𠀀\x01") + ["\u3400", "\u9fff", "\uf900", "\ufaff",
                                                                                     "\u33ff", "\ufb00"]),
                   max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(cjk_text, min_size=1, max_size=12))
def test_same_segments_as_the_dict_path(texts):
    check([fold(t) for t in texts])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("公开信息")), min_size=0, max_size=30), min_size=1, max_size=40))
def test_same_segments_for_frequent_tokens(texts):
    check(texts)


# What folding changes: Traditional and Hong Kong forms, compatibility ideographs, capitals, full-width letters
# and digits, the ideographic space; and what it keeps (astral characters, lone surrogates, punctuation).
fold_text = st.text(alphabet=st.sampled_from(list("公开信息漢語資訊衞豈ABCＡＢ１２\u3000，。 a1\n𠀀\udc00\x01")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(fold_text, min_size=1, max_size=12))
def test_a_block_folded_at_once_is_each_text_folded(texts):
    from reportsite.search_block import FoldedBlock

    block = FoldedBlock(texts)
    for i, text in enumerate(texts):
        folded, many = block.folded(i)
        assert (folded, many) == search._fold_doc(text)
        if folded == text:
            assert folded is text  # unchanged texts are given back as they are (no patch is made for them)
    assert cjk_segments(block, len(texts)) == cjk_segments([search._fold_doc(t)[0] for t in texts], len(texts))


def test_many_changed_runs_mark_a_traditional_text():
    from reportsite.search_block import FoldedBlock

    traditional = "，".join(["資訊"] * (search.MASK_RUNS + 1))
    few = "資訊公开" * 2
    block = FoldedBlock([traditional, few, "公开", ""])
    assert block.folded(0) == (traditional.replace("資訊", "资讯"), True)
    assert block.folded(1) == ("资讯公开" * 2, False)
    assert block.folded(2)[0] == "公开" and block.folded(3) == ("", False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="公开政府信息年度报告复议诉讼申请答复情况工作", max_size=80), min_size=1, max_size=12),
       st.sampled_from([2, 4, 64]))
def test_partitions_hold_each_token_once_where_its_hash_says(texts, parts):
    """cjk_segments(…, parts): the same "token\1segment" items as one text, each in partition token_hash % parts,
    in code-point order within it, and each partition's size is the sum of its segments' lengths plus
    search.SEGMENT_OVERHEAD each (what search._token_size counts, so that the build can choose the shard count
    without merging the blocks)."""
    folded = [fold(t) for t in texts]
    whole = cjk_segments(folded, len(folded))
    got, sizes = cjk_segments(folded, len(folded), parts)
    assert len(got) == len(sizes) == parts
    items = [item for text in got if text for item in text.split("\0")]
    assert sorted(items) == sorted(whole.split("\0") if whole else [])
    for p, text in enumerate(got):
        pairs = [item.split("\1") for item in text.split("\0")] if text else []
        assert all(search.token_hash(token) % parts == p for token, _ in pairs)
        tokens = [token for token, _ in pairs]
        assert tokens == sorted(tokens, key=lambda t: (len(t) > 1, t[::-1]))
        assert sizes[p] == sum(len(seg) + search.SEGMENT_OVERHEAD for _, seg in pairs)


def merged_reference(blocks: list[list[str]], title: dict[str, str], shards: int) -> dict[int, bytes]:
    """Every shard as the build wrote it before the shard workers merged with numpy: each block's segments (the
    dict path's, CJK and words), merged token by token in Python, dumped as a dict by search._shard_bytes."""
    merged: dict[str, list[str]] = defaultdict(list)
    for b, texts in enumerate(blocks):
        folded = [fold(t) for t in texts]
        segs = reference(folded, len(folded))
        words: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(folded):
            for key, n in search._count_doc(text).items():
                if isinstance(key, str):
                    words[key].append(4 * i + search._BUCKET_OF.get(n, 3))
        segs.update({w: search._encode_segment(found, len(folded)) for w, found in words.items()})
        for token, seg in segs.items():
            merged[token] += [""] * (b - len(merged[token])) + [seg]
    content: dict[int, dict] = defaultdict(dict)
    for token, found in merged.items():
        body, t = "!".join(found), title.get(token)
        content[search.shard_of(token, shards)][token] = [body, t] if t else body
    for token, t in title.items():
        content[search.shard_of(token, shards)].setdefault(token, ["", t])
    return {s: search._shard_bytes(s, content.get(s, {})) for s in range(shards)}


_WORDS = ["wto", "2019", "12345", "a1"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="公开政府信息年度报告复議訴訟申请，。 " + "".join(_WORDS), max_size=60),
                         min_size=1, max_size=6), min_size=1, max_size=5),
       st.lists(st.sampled_from(["公开", "政府", "公", "议", "报告", "诉讼", "开政", "鼎", "鼎鼐", "wto", "2019", "zz"]),
                max_size=8),
       st.sampled_from([1, 2, 8, 64, 256]), st.sampled_from([1, 2, 4]))
def test_shard_workers_merge_blocks_as_the_token_by_token_merge(blocks, title_tokens, shards, workers):
    """search._shard_work (CJK tokens merged by search_block.shard_entries with numpy, words in Python): every
    shard byte for byte what merging the blocks' dict-path segments token by token gives, with tokens absent
    from some blocks, title postings on tokens with and without body postings, and any shard and task count."""
    title = {token: search._encode_title(sorted({(7 * i + len(token)) % 50 for i in range(1 + i % 3)}))
             for i, token in enumerate(dict.fromkeys(title_tokens))}
    block_parts = []
    for texts in blocks:
        docs = [(f"r{i}", "", t, None) for i, t in enumerate(texts)]
        segments, _, _, _ = search._index_block(0, docs, 10_000)
        block_parts.append(segments[0])
    tasks = min(shards, search.PARTS, workers * 2)
    by_task: list[list[str]] = [[] for _ in range(tasks)]
    for token in title:
        by_task[search.token_hash(token) % tasks].append(token)
    search._SHARED = (block_parts, title, by_task, shards, tasks, lambda path, raw: path)
    try:
        got = {s: raw for task in range(tasks) for s, raw, d, path in search._shard_work(task)}
    finally:
        search._SHARED = ()
    assert got == merged_reference(blocks, title, shards)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="ab9Ｚ２公開 ，x" + "z" * 3 + "\U00020000", max_size=90), min_size=1, max_size=8))
def test_a_blocks_words_are_each_texts_words(texts):
    """FoldedBlock.words: each folded text's words as search._WORD_RE.findall finds them (cut to WORD_MAX, at the
    texts' ends too, full-width letters and digits folded first)."""
    from reportsite.search_block import FoldedBlock

    texts = texts + ["x" * (search.WORD_MAX + 5) + "，wto"]
    block = FoldedBlock(texts)
    assert block.words() == [search._WORD_RE.findall(block.folded(i)[0]) for i in range(len(texts))]
