"""The CJK body postings of one block of reports, counted with numpy: the cold build's fast path.

`search._count_doc` counts each report's tokens in a dict and the postings are then appended token
by token: about 0.3 s of CPU per block of 512 reports, most of a cold build's search index. Here a
block's folded texts become one array of UTF-16 units; every CJK character and every pair of
adjacent CJK characters becomes a key `token << DOC_BITS | report`, one sort puts each token's
reports in order, and runs of equal keys are the term frequencies. The segments are then written
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
from .search import ALPHABET, BASE, BLOCK, CJK_RANGES, MASK_RUNS, _fold_table

DOC_BITS = 9  # report within its block
assert BLOCK <= 1 << DOC_BITS
_BUCKET = np.array([0, 0, 1, 2, 2, 3], dtype=np.int32)  # term frequency (5 = 5 or more) → bucket
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


def cjk_segments(folded: list[str] | FoldedBlock, size: int) -> str:
    """"token\1segment\0…" for every CJK unigram and bigram of a block's folded texts (`folded[i]` is report i
    of the block, or a FoldedBlock of their texts), in code-point order; `size` is the block's report count."""
    cjk, alphabet = _tables()
    cp, bounds = (folded.units, folded.bounds) if isinstance(folded, FoldedBlock) else _joined_units(folded)
    lengths = np.diff(bounds)
    is_cjk = cjk[cp]
    n_uni = int(np.count_nonzero(is_cjk))
    if not n_uni:
        return ""
    is_pair = is_cjk[:-1] & is_cjk[1:]
    doc = np.repeat(np.arange(len(lengths), dtype=np.uint16), lengths)
    # key of the unigram at i: cp[i] << DOC_BITS | report; of the bigram at i: (cp[i] | cp[i + 1] << 16) << DOC_BITS
    # | report; made in place from 2-byte pieces (a block's peak memory is the keys, ~15 MB, and little more)
    keys = np.empty(n_uni + int(np.count_nonzero(is_pair)), dtype=np.uint64)
    uni, pair = keys[:n_uni], keys[n_uni:]
    uni[:] = np.compress(is_cjk, cp)
    uni <<= np.uint64(DOC_BITS)
    uni |= np.compress(is_cjk, doc)
    pair[:] = np.compress(is_pair, cp[1:])
    pair <<= np.uint64(16)
    pair |= np.compress(is_pair, cp[:-1])
    pair <<= np.uint64(DOC_BITS)
    pair |= np.compress(is_pair, doc[:-1])
    del is_cjk, is_pair, doc, uni, pair
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    n_keys = len(keys)
    keys = keys[first]  # one per (token, report), ascending
    starts = np.flatnonzero(first).astype(np.int32)
    del first
    tf = np.diff(starts, append=np.int32(n_keys))
    del starts
    token = (keys >> np.uint64(DOC_BITS)).astype(np.uint32)
    report = (keys & np.uint64((1 << DOC_BITS) - 1)).astype(np.int32)
    del keys
    e = report * 4 + _BUCKET[np.minimum(tf, 5)]
    del tf
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
    width = (v >= BASE).astype(np.int32) + (v >= BASE * BASE) + 1
    if (v >= BASE ** 3).any():  # pragma: no cover - e < 4·BLOCK keeps every value within three digits
        raise ValueError("posting value out of range")
    at = np.cumsum(width, dtype=np.int32) - width
    chars = np.empty(int(width.sum()), dtype=np.uint8)
    chars[at] = alphabet[v % BASE + BASE * (width > 1)]
    two = np.flatnonzero(width > 1)
    chars[at[two] + 1] = alphabet[v[two] // BASE % BASE + BASE * (width[two] > 2)]
    three = np.flatnonzero(width > 2)
    chars[at[three] + 2] = alphabet[v[three] // (BASE * BASE)]
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
        states[cell[keep] + report[keep]] = 1 + (e[keep] & 3)
        values = states.reshape(len(which), packs, 5) @ _PACK
        pairs = np.empty((len(which), dense_len), dtype=np.uint32)
        pairs[:, 0] = ord("~")
        pairs[:, 1::2] = alphabet[values // 90]
        pairs[:, 2::2] = alphabet[values % 90]
        del row_of_group, cell, keep, states, values
    del report, e, count

    # The block's "token\1segment\0…" as UTF-32, assembled in place.
    token_len = 1 + (key >= 0x10000)
    seg_len = np.where(dense, dense_len, sparse_len)
    piece = token_len + seg_len + 2  # token, \1, segment, \0
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
    return out.tobytes().decode("utf-32-le")
