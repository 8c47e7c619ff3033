"""The CJK body postings of one block of reports, counted with numpy: the cold build's fast path.

`search._count_doc` counts each report's tokens in a dict and the postings are then appended token
by token: about 0.3 s of CPU per block of 512 reports, most of a cold build's search index. Here a
block's folded texts become one array of UTF-16 units; every CJK character and every pair of
adjacent CJK characters becomes a key `token << DOC_BITS | report`, one sort puts each token's
reports in order, and runs of equal keys are the term frequencies. The segments are then written
for all tokens at once (the base-45 code of `search.encode_number`, the dense form of
`search._encode_segment`). The result is the same as the dict path's, byte for byte
(tests/test_search_block.py compares the two on generated and random texts).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .search import ALPHABET, BASE, BLOCK, CJK_RANGES

DOC_BITS = 9  # report within its block
assert BLOCK <= 1 << DOC_BITS
_BUCKET = np.array([0, 0, 1, 2, 2, 3], dtype=np.int64)  # term frequency (5 = 5 or more) → bucket
_PACK = np.array([1, 5, 25, 125, 625], dtype=np.int64)  # five reports' states → one number (base 5)


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    cjk = np.zeros(0x10000, dtype=bool)
    for lo, hi in CJK_RANGES:
        cjk[lo:hi + 1] = True
    return cjk, np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)


def _token(key: int) -> str:
    return chr(key) if key < 0x10000 else chr(key & 0xFFFF) + chr(key >> 16)


def cjk_segments(folded: list[str], size: int) -> list[tuple[str, str]]:
    """[(token, its segment)…] for every CJK unigram and bigram of a block's folded texts
    (`folded[i]` is report i of the block), in code-point order; `size` is the block's report count."""
    cjk, alphabet = _tables()
    units = [text.encode("utf-16-le", "surrogatepass") for text in folded]
    # A 0 unit after each text: not CJK, so no bigram spans two reports.
    cp = np.frombuffer(b"\0\0".join(units) + b"\0\0", dtype=np.uint16)
    doc = np.repeat(np.arange(len(units), dtype=np.uint64), [len(u) // 2 + 1 for u in units])
    is_cjk = cjk[cp]
    uni = np.flatnonzero(is_cjk)
    bi = np.flatnonzero(is_cjk[:-1] & is_cjk[1:])
    if not len(uni):
        return []
    keys = np.empty(len(uni) + len(bi), dtype=np.uint64)
    keys[:len(uni)] = cp[uni].astype(np.uint64) << DOC_BITS | doc[uni]
    keys[len(uni):] = (cp[bi].astype(np.uint64) | cp[bi + 1].astype(np.uint64) << 16) << DOC_BITS | doc[bi]
    del uni, bi, is_cjk, doc
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    tf = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]  # one per (token, report), ascending
    token = keys >> DOC_BITS
    report = (keys & ((1 << DOC_BITS) - 1)).astype(np.int64)
    e = 4 * report + _BUCKET[np.minimum(tf, 5)]
    opens = np.empty(len(token), dtype=bool)
    opens[0] = True
    np.not_equal(token[1:], token[:-1], out=opens[1:])
    group = np.flatnonzero(opens)  # a token's first posting
    count = np.diff(np.append(group, len(e)))

    # Sparse: the first e, then e − previous e − 1, each in base 45, least significant digit first.
    v = np.empty_like(e)
    v[0] = e[0]
    np.subtract(e[1:], e[:-1] + 1, out=v[1:])
    v[group] = e[group]
    width = 1 + (v >= BASE) + (v >= BASE * BASE)
    if (v >= BASE ** 3).any():  # pragma: no cover - e < 4·BLOCK keeps every value within three digits
        raise ValueError("posting value out of range")
    at = np.cumsum(width) - width
    chars = np.empty(int(width.sum()), dtype=np.uint8)
    chars[at] = alphabet[v % BASE + BASE * (width > 1)]
    two = np.flatnonzero(width > 1)
    chars[at[two] + 1] = alphabet[v[two] // BASE % BASE + BASE * (width[two] > 2)]
    three = np.flatnonzero(width > 2)
    chars[at[three] + 2] = alphabet[v[three] // (BASE * BASE)]
    sparse_text = chars.tobytes().decode("ascii")
    sparse_len = np.add.reduceat(width, group)
    sparse_at = at[group]

    # Dense, where shorter: "~" and the state of every report (0 absent, 1 + bucket), five to two characters.
    dense_len = 1 + 2 * ((size + 4) // 5)
    dense = sparse_len > dense_len
    dense_rows: dict[int, str] = {}
    if dense.any():
        which = np.flatnonzero(dense)
        row_of_group = np.full(len(group), -1, dtype=np.int64)
        row_of_group[which] = np.arange(len(which))
        row = np.repeat(row_of_group, count)
        keep = row >= 0
        packs = (size + 4) // 5
        states = np.zeros((len(which), packs * 5), dtype=np.int64)
        states[row[keep], report[keep]] = 1 + (e[keep] & 3)
        values = states.reshape(len(which), packs, 5) @ _PACK
        pairs = np.empty((len(which), 1 + 2 * packs), dtype=np.uint8)
        pairs[:, 0] = ord("~")
        pairs[:, 1::2] = alphabet[values // 90]
        pairs[:, 2::2] = alphabet[values % 90]
        text, w = pairs.tobytes().decode("ascii"), pairs.shape[1]
        dense_rows = {g: text[i * w:(i + 1) * w] for i, g in enumerate(which.tolist())}

    out = []
    for g, (key, lo, n) in enumerate(zip(token[group].tolist(), sparse_at.tolist(), sparse_len.tolist())):
        seg = dense_rows.get(g)
        out.append((_token(key), seg if seg is not None else sparse_text[lo:lo + n]))
    return out
