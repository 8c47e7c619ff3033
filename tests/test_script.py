"""Simplified ↔ Traditional (reportsite/script.py)."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from reportsite.script import detect_script, to_simplified

FIXTURES = Path(__file__).parent / "fixtures"


def test_hong_kong_forms_fold_too():
    assert to_simplified("衞生健康委員會") == "卫生健康委员会"  # t2s alone leaves 衞
    assert to_simplified("門户網站 閲讀 敍述 衹有") == "门户网站 阅读 叙述 只有"
    assert to_simplified("什么 著作 乾隆") == "什么 著作 乾隆"  # Simplified words that are also Traditional stay


@pytest.mark.parametrize("config", [None, "s2t", "s2tw"])
def test_on_simplified_standard_and_taiwan_texts_it_is_openccs_t2s(config):
    """to_simplified is hk2s; on every text but Hong Kong's it must give exactly what t2s gives (the statistics and
    the importer's metadata were written against t2s)."""
    t2s = opencc.OpenCC("t2s").convert
    convert = opencc.OpenCC(config).convert if config else (lambda t: t)
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("**/*.md"))[:80]]
    assert len(texts) >= 40
    for text in texts:
        text = convert(text)
        assert to_simplified(text) == t2s(text)


def test_detect_script():
    assert detect_script("湖南省公安厅2019年政府信息公开工作年度报告") == "zh-Hans"
    assert detect_script("湖南省公安廳2019年政府信息公開工作年度報告") == "zh-Hant"
    assert detect_script("衞生健康局門户網站") == "zh-Hant"
