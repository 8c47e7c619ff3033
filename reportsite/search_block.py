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
text by text): the same folded texts, and their units are the input of `cjk_segments`.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .memory import free_large_blocks_at_once
from .search import ALPHABET, BASE, BLOCK, CJK_RANGES, MASK_RUNS, SEGMENT_OVERHEAD, _fold_table

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
    UTF-16 units, each text followed by a 0 unit, ready for `cjk_segments`."""

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


def cjk_segments(folded: list[str] | FoldedBlock, size: int, parts: int = 1):
    """"token\1segment\0…" for every CJK unigram and bigram of a block's folded texts (`folded[i]` is report i
    of the block, or a FoldedBlock of their texts), in code-point order; `size` is the block's report count.
    With `parts` (> 1), a list of `parts` such texts — in text p the tokens whose search.token_hash is p modulo
    `parts` (where the build's shard workers find them) — and the size of each (search._token_size)."""
    cjk, alphabet = _tables()
    cp, bounds = (folded.units, folded.bounds) if isinstance(folded, FoldedBlock) else _joined_units(folded)
    lengths = np.diff(bounds)
    is_cjk = cjk[cp]
    n_uni = int(np.count_nonzero(is_cjk))
    if not n_uni:
        return "" if parts == 1 else ([""] * parts, [0] * parts)
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
        pairs = np.empty((len(which), dense_len), dtype=np.uint32)
        pairs[:, 0] = ord("~")
        pairs[:, 1::2] = alphabet[values // 90]
        pairs[:, 2::2] = alphabet[values % 90]
        del row_of_group, cell, keep, kept, states, values
    del e, count

    # The block's "token\1segment\0…" as UTF-32, assembled in place; with `parts`, the tokens of each partition
    # (search.token_hash(token) % parts) together, partition by partition.
    token_len = 1 + (key >= 0x10000)
    seg_len = np.where(dense, dense_len, sparse_len)
    piece = token_len + seg_len + 2  # token, \1, segment, \0
    if parts > 1:
        part = token_partition(key, parts)
        order = np.argsort(part, kind="stable")  # the pieces' order in the text (code-point order within a partition)
        begin = np.empty_like(piece)
        begin[order] = np.cumsum(piece[order]) - piece[order]
        starts = np.searchsorted(part[order], np.arange(parts + 1))  # each partition's first piece, in `order`
        bounds = [int(begin[order[i]]) if i < len(order) else int(piece.sum()) for i in starts]
    else:
        begin = np.cumsum(piece) - piece
    out = np.zeros(int(piece.sum()) - 1, dtype=np.uint32)  # zeros: the \0 between pieces
    out[begin] = key & 0xFFFF
    bigram = np.flatnonzero(token_len > 1)
    out[begin[bigram] + 1] = key[bigram] >> 16
    seg_at = begin + token_len + 1
    out[seg_at - 1] = 1
    sparse = np.repeat(~dense, sparse_len)
    to = np.repeat((seg_at - sparse_at).astype(np.int32), sparse_len)
    to += np.arange(len(chars), dtype=np.int32)
    out[to[sparse]] = chars[sparse]
    if len(which):
        out[seg_at[which][:, None] + np.arange(dense_len)] = pairs
    text = out.tobytes().decode("utf-32-le")
    if parts > 1:  # (a partition's text ends before the \0 that follows its last piece)
        sizes = np.bincount(part, weights=seg_len + SEGMENT_OVERHEAD, minlength=parts).astype(np.int64)
        return [text[a:b - 1] if b > a else "" for a, b in zip(bounds, bounds[1:])], [int(x) for x in sizes]
    return text


_FNV_BASIS, _FNV_PRIME, _MASK32 = np.uint64(0x811C9DC5), np.uint64(0x01000193), np.uint64(0xFFFFFFFF)


def token_partition(key: np.ndarray, parts: int) -> np.ndarray:
    """search.token_hash(token) % parts for tokens given as keys (a unigram: its code point; a bigram: first |
    second << 16; BMP characters), at once: FNV-1a over the token's one or two UTF-16 units."""
    lo = (key & 0xFFFF).astype(np.uint64)
    hi = (key >> 16).astype(np.uint64)
    h = ((_FNV_BASIS ^ lo) * _FNV_PRIME) & _MASK32
    h = np.where(hi != 0, ((h ^ hi) * _FNV_PRIME) & _MASK32, h)
    return (h % np.uint64(parts)).astype(np.int64)
