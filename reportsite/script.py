"""Simplified ↔ Traditional: detection and folding, from OpenCC (one source for build and browser)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc  # lazy: loading the dictionaries costs time at start-up

    return opencc.OpenCC(config)


def to_simplified(text: str, hong_kong: bool = True) -> str:
    # OpenCC's hk2s: t2s, after Hong Kong's variant forms are read as the standard ones (衞生 → 卫生, 敍述 → 叙述);
    # on Simplified, standard Traditional and Taiwan texts it gives what t2s gives (tests/test_script.py), at about
    # twice t2s's cost: `hong_kong=False` for whole bodies read many times (the statistics' matching)
    return _converter("hk2s" if hong_kong else "t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def detect_script(text: str, sample: int = 4000) -> str:
    """`zh-Hant` when more characters of the text change under t→s than under s→t."""
    head = text[:sample]
    to_s = sum(a != b for a, b in zip(head, to_simplified(head)))
    to_t = sum(a != b for a, b in zip(head, to_traditional(head)))
    return "zh-Hant" if to_s > to_t else "zh-Hans"
