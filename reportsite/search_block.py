"""The CJK body postings of one block of reports, counted with numpy: the cold build's fast path.

`search._count_doc` counts each report's tokens in a dict and the postings are then appended token
by token: about 0.3 s of CPU per block of 512 reports, most of a cold build's search index. Here a
block's folded texts become one array of UTF-16 units; every CJK character and every pair of
adjacent CJK characters becomes a key `token << DOC_BITS | report`, sorting them (unigrams and bigrams
apart: a unigram's key fits 32 bits) puts each token's reports in order, and runs of equal keys are the
term frequencies. The segments are then written
for all tokens at once (the base-45 code of `search.encode_number`, the dense form of
`search._encode_segment`). The result is the same as the dict path's, byte for byte
(tests/test_search_block.py compares the two on generated and random texts).

`FoldedBlock` folds the block's texts the same way at once, through a table of 65,536 UTF-16 units, and
counts each text's runs of changed characters (what `search._fold_doc` finds with a regular expression,
text by text): the same folded texts, and their units are the input of `block_segments`.

`block_segments` gives a block's segments back as a few arrays, partition by partition (where the shard
workers find their tokens), and `shard_entries` merges those of every block into the shards' JSON.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .memory import free_large_blocks_at_once
from .search import ALPHABET, BASE, BLOCK, CJK_RANGES, MASK_RUNS, SEGMENT_OVERHEAD, WORD_MAX, _fold_table

DOC_BITS = 9  # report within its block
assert BLOCK <= 1 << DOC_BITS
_BUCKET_STEPS = (2, 3, 5)  # term frequency → bucket: 1 → 0, 2 → 1, 3 or 4 → 2, 5 or more → 3 (search._BUCKET_OF)
_PACK = np.array([1, 5, 25, 125, 625], dtype=np.int64)  # five reports' states → one number (base 5)


free_large_blocks_at_once()  # a worker would otherwise keep its biggest block's ~30 MB of arrays to the end


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    cjk = np.zeros(0x10000, dtype=bool)
    for lo, hi in CJK_RANGES:
        cjk[lo:hi + 1] = True
    return cjk, np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)


@lru_cache(maxsize=1)
def _fold_units() -> np.ndarray:
    """search.fold as a table of UTF-16 units: every folded character is one BMP character, and so is its fold."""
    table = np.arange(0x10000, dtype=np.uint16)
    for src, dst in _fold_table().items():
        table[src] = ord(dst)
    return table


def _joined_units(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' UTF-16 units, each text followed by a 0 unit (not CJK: no bigram spans two reports), and where
    each text starts (text i is units[bounds[i]:bounds[i + 1] − 1])."""
    raw = [text.encode("utf-16-le", "surrogatepass") for text in texts]
    units = np.frombuffer(b"\0\0".join(raw) + b"\0\0", dtype=np.uint16)
    return units, np.cumsum([0] + [len(r) // 2 + 1 for r in raw])


class FoldedBlock:
    """A block's texts folded at once (what search._fold_doc does text by text): `units` are the folded texts'
    UTF-16 units, each text followed by a 0 unit, ready for `block_segments`."""

    def __init__(self, texts: list[str]):
        original, self.bounds = _joined_units(texts)
        self.units = _fold_units()[original]
        changed = self.units != original
        opens = changed.copy()
        opens[1:] &= ~changed[:-1]  # the first unit of each run of changed characters (no run spans two texts)
        self.runs = np.add.reduceat(opens, self.bounds[:-1], dtype=np.int64) if texts else np.zeros(0, dtype=np.int64)
        self.texts = texts

    def folded(self, i: int) -> tuple[str, bool]:
        """Text i folded, and whether folding changed many runs of it (search._fold_doc's answer)."""
        runs = int(self.runs[i])
        if not runs:
            return self.texts[i], False
        piece = self.units[self.bounds[i]:self.bounds[i + 1] - 1]
        return piece.tobytes().decode("utf-16-le", "surrogatepass"), runs > MASK_RUNS

    def words(self) -> list[list[str]]:
        """Each folded text's Latin and number words, in order, each cut to WORD_MAX characters: what
        `search._WORD_RE.findall` gives text by text (a regular expression tries every character of the
        block, ~35 ms; here only the words' characters are decoded)."""
        u = self.units
        word = (u >= 97) & (u <= 122)  # a–z …
        word |= (u >= 48) & (u <= 57)  # … 0–9
        where = np.flatnonzero(word)  # only the words' units from here (a few per cent of the block's)
        new_run = np.empty(len(where), dtype=bool)
        if len(where):
            new_run[0] = True
            np.not_equal(where[1:], where[:-1] + 1, out=new_run[1:])
        run_starts = np.flatnonzero(new_run)
        joined = np.full(len(where) + len(run_starts), 32, dtype=np.uint16)  # each word followed by a space
        joined[np.arange(len(where)) + np.cumsum(new_run) - 1] = u[where]
        text = joined.tobytes().decode("utf-16-le")
        units_before = np.searchsorted(where, self.bounds)  # no word spans two texts (a 0 unit ends each)
        at = units_before + np.searchsorted(run_starts, units_before)
        return [[w if len(w) <= WORD_MAX else w[:WORD_MAX] for w in text[a:b].split(" ") if w] if b > a else []
                for a, b in zip(at[:-1].tolist(), at[1:].tolist())]


@lru_cache(maxsize=1)
def _digit_tables() -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For every value below BASE³: its code's length (search.encode_number) and its three digits (ASCII codes,
    least significant first; 0 past its length). A lookup each, instead of a division and a modulo each."""
    _, alphabet = _tables()
    v = np.arange(BASE ** 3, dtype=np.int32)
    width = (1 + (v >= BASE) + (v >= BASE * BASE)).astype(np.int32)
    first = alphabet[v % BASE + BASE * (width > 1)]
    second = np.where(width > 1, alphabet[v // BASE % BASE + BASE * (width > 2)], 0).astype(np.uint8)
    third = np.where(width > 2, alphabet[np.minimum(v // (BASE * BASE), BASE - 1)], 0).astype(np.uint8)
    return width, (first, second, third)


def _postings(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys `token << DOC_BITS | report` → (token, e = report · 4 + term frequency's bucket), one per
    distinct key."""
    if not len(keys):
        return np.zeros(0, np.uint32), np.zeros(0, np.int32)
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    tf = np.empty(len(starts), dtype=starts.dtype)
    np.subtract(starts[1:], starts[:-1], out=tf[:-1])
    tf[-1] = len(keys) - starts[-1]
    keys = keys.take(starts)
    del starts
    e = (keys & keys.dtype.type((1 << DOC_BITS) - 1)).astype(np.int32)
    e <<= 2
    for at_least in _BUCKET_STEPS:  # the bucket: how many steps tf reaches (quicker than a lookup)
        e += tf >= at_least
    keys >>= keys.dtype.type(DOC_BITS)
    return keys.astype(np.uint32), e


class BlockSegments(NamedTuple):
    """A block's CJK segments, token by token: partition by partition, in key order within a partition (a token's
    key is its first UTF-16 unit | its second's << 16; unigrams first, then bigrams by their second character).
    What the cold build's block workers give back: a few arrays per block, not an object per token."""

    keys: np.ndarray  # uint32, per token
    lengths: np.ndarray  # int32, per token: its segment's length
    chars: np.ndarray  # uint8: the segments' characters (ASCII), one after the other in the tokens' order
    bounds: np.ndarray  # int64, parts + 1: partition p's tokens are keys[bounds[p]:bounds[p + 1]] …
    char_bounds: np.ndarray  # … and their segments chars[char_bounds[p]:char_bounds[p + 1]]
    sizes: list  # each partition's share of search._token_size's total


def _no_segments(parts: int) -> BlockSegments:
    zeros = np.zeros(parts + 1, dtype=np.int64)
    return BlockSegments(np.zeros(0, np.uint32), np.zeros(0, np.int32), np.zeros(0, np.uint8), zeros, zeros,
                         [0] * parts)


def block_segments(folded: list[str] | FoldedBlock, size: int, parts: int = 1) -> BlockSegments:
    """The segment of every CJK unigram and bigram of a block's folded texts (`folded[i]` is report i of the
    block, or a FoldedBlock of their texts); `size` is the block's report count. With `parts` (> 1), partition p
    holds the tokens whose search.token_hash is p modulo `parts` (where the build's shard workers find them)."""
    cjk, alphabet = _tables()
    cp, bounds = (folded.units, folded.bounds) if isinstance(folded, FoldedBlock) else _joined_units(folded)
    lengths = np.diff(bounds)
    is_cjk = cjk[cp]
    n_uni = int(np.count_nonzero(is_cjk))
    if not n_uni:
        return _no_segments(parts)
    is_pair = is_cjk[:-1] & is_cjk[1:]
    doc = np.repeat(np.arange(len(lengths), dtype=np.uint16), lengths)
    # Key of the unigram at i: cp[i] << DOC_BITS | report (25 bits: sorted as 32-bit numbers, twice as quick);
    # of the bigram at i: (cp[i] | cp[i + 1] << 16) << DOC_BITS | report. Every bigram key is above every
    # unigram key (cp[i + 1] is CJK, not 0), so the two sorted runs joined are in key order.
    unit_key = cp.astype(np.uint32)  # every unit's unigram key: cp << DOC_BITS | report
    unit_key <<= np.uint32(DOC_BITS)
    unit_key |= doc
    del doc
    uni = unit_key[is_cjk]
    uni.sort()
    pair = cp[1:][is_pair].astype(np.uint64)
    pair <<= np.uint64(16 + DOC_BITS)
    pair |= unit_key[:-1][is_pair]
    del is_cjk, is_pair, unit_key
    pair.sort()
    (uni_token, uni_e), (pair_token, pair_e) = _postings(uni), _postings(pair)
    del uni, pair
    token = np.concatenate([uni_token, pair_token])
    e = np.concatenate([uni_e, pair_e])  # report · 4 + bucket, by token then report
    del uni_token, pair_token, uni_e, pair_e
    opens = np.empty(len(token), dtype=bool)
    opens[0] = True
    np.not_equal(token[1:], token[:-1], out=opens[1:])
    group = np.flatnonzero(opens)  # a token's first posting
    count = np.diff(group, append=len(e))

    # Sparse: the first e, then e − previous e − 1, each in base 45, least significant digit first.
    v = np.empty_like(e)
    v[0] = e[0]
    np.subtract(e[1:], e[:-1] + 1, out=v[1:])
    v[group] = e[group]
    if int(v.max()) >= BASE ** 3:  # pragma: no cover - e < 4·BLOCK keeps every value within three digits
        raise ValueError("posting value out of range")
    widths, digits = _digit_tables()
    width = widths[v]
    at = np.cumsum(width, dtype=np.int32)
    chars = np.empty(int(at[-1]), dtype=np.uint8)
    at -= width
    chars[at] = digits[0][v]
    two = np.flatnonzero(width > 1)
    chars[at[two] + 1] = digits[1][v[two]]
    three = np.flatnonzero(width > 2)
    chars[at[three] + 2] = digits[2][v[three]]
    sparse_len = np.add.reduceat(width, group)
    sparse_at = at[group]
    key = token[group]
    del v, width, at, two, three, token

    # Dense, where shorter: "~" and the state of every report (0 absent, 1 + bucket), five to two characters.
    packs = (size + 4) // 5
    dense_len = 1 + 2 * packs
    dense = sparse_len > dense_len
    which = np.flatnonzero(dense)
    if len(which):
        row_of_group = np.full(len(group), -1, dtype=np.int32)
        row_of_group[which] = np.arange(len(which)) * (packs * 5)
        cell = np.repeat(row_of_group, count)
        keep = cell >= 0
        states = np.zeros(len(which) * packs * 5, dtype=np.int32)
        kept = e[keep]
        states[cell[keep] + (kept >> 2)] = 1 + (kept & 3)
        values = states.reshape(len(which), packs, 5) @ _PACK
        pairs = np.empty((len(which), dense_len), dtype=np.uint8)
        pairs[:, 0] = ord("~")
        pairs[:, 1::2] = alphabet[values // 90]
        pairs[:, 2::2] = alphabet[values % 90]
        del row_of_group, cell, keep, kept, states, values
    del e, count

    # The segments' characters, token after token in partition order (key order within a partition).
    seg_len = np.where(dense, dense_len, sparse_len).astype(np.int32)
    key = key.astype(np.uint32)
    if parts > 1:
        part = token_partition(key, parts)
        order = np.argsort(part, kind="stable")
        part_bounds = np.searchsorted(part[order], np.arange(parts + 1))
        sizes = np.bincount(part, weights=seg_len + SEGMENT_OVERHEAD, minlength=parts).astype(np.int64)
        key, ordered_len = key[order], seg_len[order]
    else:
        order = None
        part_bounds = np.array([0, len(key)], dtype=np.int64)
        sizes = np.array([int(seg_len.sum()) + SEGMENT_OVERHEAD * len(key)], dtype=np.int64)
        ordered_len = seg_len
    ends = np.cumsum(ordered_len, dtype=np.int64)
    begin = ends - ordered_len  # where each token's segment starts, in the tokens' new order …
    if order is not None:
        begin[order] = begin.copy()  # … and in their key order, the order of `chars`, `sparse_len` and `which`
    out = np.empty(int(ends[-1]), dtype=np.uint8)
    sparse = np.repeat(~dense, sparse_len)
    to = np.repeat(begin - sparse_at, sparse_len)
    to += np.arange(len(chars), dtype=np.int64)
    out[to[sparse]] = chars[sparse]
    if len(which):
        out[begin[which][:, None] + np.arange(dense_len)] = pairs
    char_bounds = np.concatenate([np.zeros(1, np.int64), ends])[part_bounds]
    return BlockSegments(key, ordered_len, out, part_bounds.astype(np.int64), char_bounds, [int(x) for x in sizes])


_FNV_BASIS, _FNV_PRIME, _MASK32 = np.uint64(0x811C9DC5), np.uint64(0x01000193), np.uint64(0xFFFFFFFF)


def token_partition(key: np.ndarray, parts: int) -> np.ndarray:
    """search.token_hash(token) % parts for tokens given as keys (a unigram: its code point; a bigram: first |
    second << 16; BMP characters), at once: FNV-1a over the token's one or two UTF-16 units."""
    lo = (key & 0xFFFF).astype(np.uint64)
    hi = (key >> 16).astype(np.uint64)
    h = ((_FNV_BASIS ^ lo) * _FNV_PRIME) & _MASK32
    h = np.where(hi != 0, ((h ^ hi) * _FNV_PRIME) & _MASK32, h)
    return (h % np.uint64(parts)).astype(np.int64)


def _utf8_3(units: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three UTF-8 bytes of BMP characters from U+0800 (every CJK character)."""
    return ((0xE0 | units >> 12).astype(np.uint8), (0x80 | (units >> 6) & 0x3F).astype(np.uint8),
            (0x80 | units & 0x3F).astype(np.uint8))


def _spread(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """starts[i] + 0 … starts[i] + counts[i] − 1 for every i, one after the other."""
    total = int(counts.sum())
    out = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    out += np.arange(total, dtype=np.int64)
    return out


def shard_entries(pieces: list[tuple[int, BlockSegments, int]], titles: dict[int, str], shards: int) -> dict[int, bytes]:
    """The CJK tokens' entries of the posting shards, merged across blocks, as search._shard_bytes writes them:
    per shard (that has any), `"token":"segments"` — or `"token":["segments","title postings"]` — joined by
    commas, tokens in code-point order (as a sorted dict's JSON), in UTF-8. A token's segments are its segment
    in each block up to its last, "" where it is absent, joined by "!". `pieces` = [(block, its segments,
    partition)…] in block order; `titles` = {token key: its title postings} (tokens with no body postings
    included); a token's shard is search.shard_of (its FNV-1a hash modulo `shards`)."""
    keys, lengths, chars, blocks = [], [], [], []
    for block, seg, p in pieces:
        lo, hi = int(seg.bounds[p]), int(seg.bounds[p + 1])
        if hi > lo:
            keys.append(seg.keys[lo:hi])
            lengths.append(seg.lengths[lo:hi])
            chars.append(seg.chars[int(seg.char_bounds[p]):int(seg.char_bounds[p + 1])])
            blocks.append(np.full(hi - lo, block, dtype=np.int64))
    n_body = sum(len(k) for k in keys)
    title_keys = np.fromiter(titles, dtype=np.uint32, count=len(titles))
    title_text = list(titles.values())
    # A token with title postings gets one more entry, with no segment, before its others (block −1).
    keys.append(title_keys)
    lengths.append(np.zeros(len(title_keys), np.int32))
    blocks.append(np.full(len(title_keys), -1, dtype=np.int64))
    key = np.concatenate(keys)
    if not len(key):
        return {}
    seg_len = np.concatenate(lengths).astype(np.int64)
    block = np.concatenate(blocks)
    source = np.cumsum(seg_len) - seg_len  # where each entry's segment is in `body_chars`
    body_chars = np.concatenate(chars) if chars else np.zeros(0, np.uint8)
    del keys, lengths, chars, blocks
    shard = token_partition(key, shards)
    lo, hi = key & 0xFFFF, key >> 16
    order = np.lexsort((block, lo << 16 | hi, shard))  # by shard, token (code-point order), block
    key, seg_len, block, source, shard, lo, hi = (a[order] for a in (key, seg_len, block, source, shard, lo, hi))
    n = len(key)
    first = np.empty(n, dtype=bool)  # a token's first entry
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    shard_first = np.empty(n, dtype=bool)
    shard_first[0] = True
    np.not_equal(shard[1:], shard[:-1], out=shard_first[1:])
    f = np.flatnonzero(first)
    last = np.append(f[1:] - 1, n - 1)
    # "!" before each segment: its block − the token's previous block (0 before the first; the title entry is 0).
    at_block = np.maximum(block, 0)
    previous = np.empty(n, dtype=np.int64)
    previous[0] = 0
    previous[1:] = at_block[:-1]
    previous[f] = 0
    bang = at_block - previous

    has_title = block[f] < 0
    title_of = order[f[has_title]] - n_body  # index in title_text
    title_len = np.zeros(len(f), dtype=np.int64)
    title_len[has_title] = [len(title_text[i]) for i in title_of]
    comma = ~shard_first[f]
    bigram = hi[f] != 0
    token_bytes = 3 + 3 * bigram
    head = comma + 1 + token_bytes + 2 + 1 + has_title  # [,]"token":["
    tail = 1 + has_title * (4 + title_len)  # " or ","title"]
    size = bang + seg_len
    size[f] += head
    size[last] += tail
    ends = np.cumsum(size)
    pos = ends - size
    out = np.empty(int(ends[-1]), dtype=np.uint8)

    p = pos[f]
    out[p[comma]] = ord(",")
    q = p + comma
    out[q] = ord('"')
    b0, b1, b2 = _utf8_3(lo[f])
    out[q + 1], out[q + 2], out[q + 3] = b0, b1, b2
    r = q[bigram] + 3
    b0, b1, b2 = _utf8_3(hi[f][bigram])
    out[r + 1], out[r + 2], out[r + 3] = b0, b1, b2
    r = q + 1 + token_bytes
    out[r] = ord('"')
    out[r + 1] = ord(":")
    out[r[has_title] + 2] = ord("[")
    out[r + 2 + has_title] = ord('"')

    start = pos.copy()
    start[f] += head
    out[_spread(start, bang)] = ord("!")
    out[_spread(start + bang, seg_len)] = body_chars[_spread(source, seg_len)]

    t = ends[last] - tail
    out[t] = ord('"')
    t = t[has_title]
    out[t + 1] = ord(",")
    out[t + 2] = ord('"')
    if len(t):
        joined = np.frombuffer("".join(title_text[i] for i in title_of).encode("ascii"), dtype=np.uint8)
        lengths_t = title_len[has_title]
        out[_spread(t + 3, lengths_t)] = joined
        out[t + 3 + lengths_t] = ord('"')
        out[t + 4 + lengths_t] = ord("]")

    starts = np.flatnonzero(shard_first)
    cut = np.append(pos[starts], len(out))
    data = out.tobytes()
    return {int(shard[s]): data[cut[i]:cut[i + 1]] for i, s in enumerate(starts)}
