"""Province-level divisions of China: the only values `region` may take.

Data, not code: (full Simplified name, short name used in running text, ASCII slug).
The short name is what agencies prefix themselves with (湖南省公安厅 → 湖南),
and what texts write in self-references (省公安厅 does not name it; 湖南公安 does).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    name: str  # 湖南省
    short: str  # 湖南
    slug: str  # hunan


REGIONS: tuple[Region, ...] = tuple(
    Region(*row)
    for row in (
        ("北京市", "北京", "beijing"),
        ("天津市", "天津", "tianjin"),
        ("河北省", "河北", "hebei"),
        ("山西省", "山西", "shanxi"),
        ("内蒙古自治区", "内蒙古", "neimenggu"),
        ("辽宁省", "辽宁", "liaoning"),
        ("吉林省", "吉林", "jilin"),
        ("黑龙江省", "黑龙江", "heilongjiang"),
        ("上海市", "上海", "shanghai"),
        ("江苏省", "江苏", "jiangsu"),
        ("浙江省", "浙江", "zhejiang"),
        ("安徽省", "安徽", "anhui"),
        ("福建省", "福建", "fujian"),
        ("江西省", "江西", "jiangxi"),
        ("山东省", "山东", "shandong"),
        ("河南省", "河南", "henan"),
        ("湖北省", "湖北", "hubei"),
        ("湖南省", "湖南", "hunan"),
        ("广东省", "广东", "guangdong"),
        ("广西壮族自治区", "广西", "guangxi"),
        ("海南省", "海南", "hainan"),
        ("重庆市", "重庆", "chongqing"),
        ("四川省", "四川", "sichuan"),
        ("贵州省", "贵州", "guizhou"),
        ("云南省", "云南", "yunnan"),
        ("西藏自治区", "西藏", "xizang"),
        # 陕西 and 山西 share the toneless pinyin "shanxi"; the official romanisation is Shaanxi.
        ("陕西省", "陕西", "shaanxi"),
        ("甘肃省", "甘肃", "gansu"),
        ("青海省", "青海", "qinghai"),
        ("宁夏回族自治区", "宁夏", "ningxia"),
        ("新疆维吾尔自治区", "新疆", "xinjiang"),
        ("台湾省", "台湾", "taiwan"),
        ("香港特别行政区", "香港", "xianggang"),
        ("澳门特别行政区", "澳门", "aomen"),
    )
)

BY_NAME: dict[str, Region] = {r.name: r for r in REGIONS}
BY_SHORT: dict[str, Region] = {r.short: r for r in REGIONS}
BY_SLUG: dict[str, Region] = {r.slug: r for r in REGIONS}


def find_region(name: str | None) -> Region | None:
    """The region a full or short Simplified name refers to, or None."""
    if not name:
        return None
    return BY_NAME.get(name) or BY_SHORT.get(name)


def region_prefix(text: str) -> tuple[Region, str] | None:
    """If `text` starts with a province name (full first, then short), the region and what follows."""
    for r in REGIONS:
        if text.startswith(r.name):
            return r, text[len(r.name):]
    for r in sorted(REGIONS, key=lambda r: -len(r.short)):
        if text.startswith(r.short):
            return r, text[len(r.short):]
    return None
