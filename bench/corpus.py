#!/usr/bin/env python3
"""A deterministic synthetic corpus of reports, for benchmarks and scale tests.

    python bench/corpus.py --n 10000 --out bench/out/c10000        # writes bench/out/c10000/reports/*.md
    python bench/corpus.py --n 1000 --out DIR --seed 7

Each report is a `content/reports/<slug>.md` file in the archive's front-matter
format: ~60 agencies (provincial departments and city bureaus across a dozen
provinces), years 2008–2025, bodies of 3–8 KB of Chinese sentences sampled
from the sentence bank `bench/sentences.txt` (extracted once from the seed
texts, see `--extract-sentences`), with `##` / `###` headings in the official
numbering style (一、… / （一）…). About a tenth are in Traditional script.

The output depends only on (n, seed): report i is generated from its own random
stream, so the first 1,000 reports of a 10,000 corpus are the 1,000 corpus.
Files whose bytes are already right are not rewritten (mtimes stay), and `.md`
files in the folder that the corpus does not contain are removed.

Python use: `generate(content_dir, n, seed=0) -> list[Path]`,
`edit_body(path, n=1)` appends a sentence to a report's body (for rebuild benchmarks).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "sentences.txt"
YEARS = tuple(range(2008, 2026))
TRADITIONAL_SHARE = 0.1

# (province, province slug, capital city, city slug)
PROVINCES = (
    ("湖南省", "hunan", "长沙市", "changsha"),
    ("广东省", "guangdong", "广州市", "guangzhou"),
    ("浙江省", "zhejiang", "杭州市", "hangzhou"),
    ("江苏省", "jiangsu", "南京市", "nanjing"),
    ("四川省", "sichuan", "成都市", "chengdu"),
    ("湖北省", "hubei", "武汉市", "wuhan"),
    ("山东省", "shandong", "济南市", "jinan"),
    ("河南省", "henan", "郑州市", "zhengzhou"),
    ("福建省", "fujian", "福州市", "fuzhou"),
    ("云南省", "yunnan", "昆明市", "kunming"),
    ("陕西省", "shaanxi", "西安市", "xian"),
    ("黑龙江省", "heilongjiang", "哈尔滨市", "haerbin"),
)
# Provincial departments (…厅) and city bureaus (…局), with their slug parts.
PROVINCE_DEPTS = (("公安厅", "gonganting"), ("民政厅", "minzhengting"), ("教育厅", "jiaoyuting"),
                  ("财政厅", "caizhengting"))
CITY_DEPTS = (("公安局", "gonganju"),)


@dataclass(frozen=True)
class Agency:
    name: str
    region: str
    city: str | None
    slug: str  # hunan-gonganting, hunan-changsha-gonganju


def agencies() -> tuple[Agency, ...]:
    """60 agencies: 4 departments in each of 12 provinces, and the capital's police bureau."""
    out = []
    for province, p_slug, city, c_slug in PROVINCES:
        for dept, d_slug in PROVINCE_DEPTS:
            out.append(Agency(province + dept, province, None, f"{p_slug}-{d_slug}"))
        for dept, d_slug in CITY_DEPTS:
            out.append(Agency(city + dept, province, city, f"{p_slug}-{c_slug}-{d_slug}"))
    return tuple(out)


SECTIONS = (
    ("概述", ("基本情况", "组织领导", "制度建设")),
    ("主动公开政府信息情况", ("公开的主要内容", "公开的方式和途径", "重点领域信息公开")),
    ("收到和处理政府信息公开申请情况", ("申请情况", "答复情况", "收费及减免情况")),
    ("政府信息公开行政复议、行政诉讼情况", ("行政复议情况", "行政诉讼情况")),
    ("政府信息公开工作存在的主要问题及改进情况", ("存在的主要问题", "改进措施")),
    ("其他需要报告的事项", ()),
)
NUMERALS = "一二三四五六七八九十"
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)|201\*")
_NUMBER = re.compile(r"(?<![\d.])\d{1,6}(?![\d.年])")


@lru_cache(maxsize=1)
def sentence_bank() -> tuple[str, ...]:
    lines = SENTENCES.read_text("utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc  # only when a Traditional report is made

    return opencc.OpenCC("s2t").convert


VOCABULARIES = ("bank", "open")
_HAN = re.compile(r"[\u4e00-\u9fff]{2}")


@lru_cache(maxsize=1)
def word_list() -> tuple[str, ...]:
    """Words of two to four Han characters from pypinyin's phrase dictionary (~400,000 of them), sorted."""
    from pypinyin.phrases_dict import phrases_dict

    return tuple(sorted(w for w in phrases_dict if 2 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w)))


def _sentence(rng: random.Random, year: int, vocabulary: str = "bank") -> str:
    s = rng.choice(sentence_bank())
    s = _YEAR.sub(str(year), s)
    s = _NUMBER.sub(lambda m: str(max(1, int(int(m.group()) * rng.uniform(0.3, 3.0)))), s)
    if vocabulary == "open":
        # Real reports name their own places, projects, systems and laws: a sentence bank of a few hundred
        # sentences has ~5,000 distinct character pairs in all, a block of 512 real reports tens of thousands.
        # Two characters of the sentence, once or twice, become a word drawn from ~400,000.
        words = word_list()
        for _ in range(rng.randint(1, 2)):
            spots = [m.start() for m in _HAN.finditer(s)]
            if spots:
                at = rng.choice(spots)
                s = s[:at] + rng.choice(words) + s[at + 2:]
    return s


def _paragraph(rng: random.Random, year: int, vocabulary: str = "bank") -> str:
    return "".join(_sentence(rng, year, vocabulary) for _ in range(rng.randint(1, 3)))


def make_body(rng: random.Random, year: int, target_bytes: int, vocabulary: str = "bank") -> str:
    """Markdown body of about `target_bytes` UTF-8 bytes (3–8 KB), official heading numbering."""
    sections = SECTIONS[: rng.randint(4, len(SECTIONS))]
    outline: list[tuple[str, list[str]]] = [("", [])]  # (heading line, paragraphs); the first is the preamble
    for i, (title, subs) in enumerate(sections):
        outline.append((f"## {NUMERALS[i]}、{title}", []))
        for j in range(rng.randint(0, len(subs)) if subs else 0):
            outline.append((f"### （{NUMERALS[j]}）{subs[j]}", []))
    size = sum(len(h.encode("utf-8")) + 2 for h, _ in outline)
    paragraphs: list[str] = []
    misses = 0
    while size < target_bytes - 150 and misses < 20:
        p = _paragraph(rng, year, vocabulary)
        n = len(p.encode("utf-8")) + 2
        if size + n > target_bytes + 150:
            misses += 1
            continue
        paragraphs.append(p)
        size += n
    for k, p in enumerate(paragraphs):  # at least one paragraph under every heading, in order
        outline[min(len(outline) - 1, k * len(outline) // max(1, len(paragraphs)))][1].append(p)
    parts: list[str] = []
    for heading, paras in outline:
        if heading:
            parts.append(heading)
        parts.extend(paras)
    return "\n\n".join(parts) + "\n"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def report_text(i: int, seed: int, slug: str, agency: Agency, year: int, rng: random.Random,
                vocabulary: str = "bank") -> str:
    traditional = rng.random() < TRADITIONAL_SHARE
    kind = "annual-report" if rng.random() < 0.9 else rng.choice(("article", "other"))
    if kind == "annual-report":
        title = f"{agency.name}{year}年政府信息公开工作年度报告"
    else:
        title = f"{agency.name}{year}年政府信息公开工作情况"
    body = make_body(rng, year, rng.randint(3000, 8000), vocabulary)
    if traditional:
        convert = _to_traditional()
        title, body = convert(title), convert(body)
    lines = ["---", f"title: {_yaml_text(title)}", f"agency: {agency.name}", f"region: {agency.region}"]
    if agency.city:
        lines.append(f"city: {agency.city}")
    lines += [f"year: {year}", f"kind: {kind}", f"script: {'zh-Hant' if traditional else 'zh-Hans'}",
              f"slug: {slug}", "---"]
    return "\n".join(lines) + "\n" + body


def plan(n: int, seed: int = 0) -> list[tuple[str, Agency, int, random.Random]]:
    """(slug, agency, year, the report's own random stream) for reports 0..n-1."""
    all_agencies = agencies()
    taken: dict[str, int] = {}
    out = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        agency = rng.choice(all_agencies)
        year = rng.choice(YEARS)
        base = f"{year}-{agency.slug}"
        count = taken.get(base, 0) + 1
        taken[base] = count
        out.append((base if count == 1 else f"{base}-{count}", agency, year, rng))
    return out


def generate(content_dir: Path, n: int, seed: int = 0, quiet: bool = True, vocabulary: str = "bank") -> list[Path]:
    """Write the corpus to `content_dir/reports/`; returns the report paths (in generation order).
    `vocabulary`: "bank" (the sentence bank as it is) or "open" (words from a large dictionary put into its
    sentences: the number of distinct tokens grows with the corpus as real reports' does)."""
    if vocabulary not in VOCABULARIES:
        raise ValueError(f"vocabulary must be one of {', '.join(VOCABULARIES)}")
    reports_dir = Path(content_dir) / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    (Path(content_dir) / "raw").mkdir(exist_ok=True)
    paths = []
    for i, (slug, agency, year, rng) in enumerate(plan(n, seed)):
        data = report_text(i, seed, slug, agency, year, rng, vocabulary).encode("utf-8")
        path = reports_dir / f"{slug}.md"
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            path.write_bytes(data)
        paths.append(path)
        if not quiet and sys.stderr.isatty() and (i + 1) % 500 == 0:
            print(f"\r{i + 1}/{n} reports", end="", file=sys.stderr, flush=True)
    if not quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    wanted = {p.name for p in paths}
    for extra in reports_dir.glob("*.md"):
        if extra.name not in wanted:
            extra.unlink()
    return paths


def edit_body(path: Path, n: int = 1) -> None:
    """Append the n-th edit sentence to a report's body (a body-only change)."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\n本报告第{n}次修订：补充说明政府信息公开工作的有关情况。\n")


# --- one-off: build the sentence bank from the seed texts -------------------------------------

_PINYIN_NOTE = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_NOISE = ("百科", "词条", "编辑", "收藏", "来源", "时间:", "时间：", "投票", "点击", "登录", "http", "www", "版权", "分享",
          "目录", "中文名", "主办方", "名片", "浏览", "上一篇", "下一篇")


def extract_sentences(seed_dir: Path) -> list[str]:
    """Sentences (Simplified) from the seed texts: page chrome and pinyin notes removed, deduplicated."""
    import opencc

    to_simplified = opencc.OpenCC("t2s").convert
    seen: dict[str, None] = {}
    for path in sorted(Path(seed_dir).glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        text = to_simplified(_PINYIN_NOTE.sub("", text))
        text = re.sub(r"\[\d+\]", "", text)
        for piece in re.split(r"(?<=[。！？；])|\n", text):
            s = piece.strip().strip("　 ")
            s = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[、)）.．]\s*", "", s)
            if not 12 <= len(s) <= 220 or any(word in s for word in _NOISE):
                continue
            han = sum("\u4e00" <= c <= "\u9fff" for c in s)
            if han < 0.6 * len(s) or "\ufffd" in s or "�" in s:
                continue
            if not s.endswith(("。", "；", "！", "？")):
                s = s.rstrip("，,:：;") + "。"
            seen.setdefault(s, None)
    return list(seen)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1000, help="number of reports (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--vocabulary", choices=VOCABULARIES, default="bank",
                   help="bank: the sentence bank's words only (default); open: words from a 400,000-word dictionary"
                        " put into its sentences, for as many distinct tokens as real reports have")
    p.add_argument("--out", type=Path, default=HERE / "out" / "corpus", help="content folder: reports go in OUT/reports/")
    p.add_argument("--extract-sentences", type=Path, metavar="SEED_DIR",
                   help="rebuild bench/sentences.txt from the seed texts in SEED_DIR, then stop")
    args = p.parse_args(argv)
    if args.extract_sentences:
        sentences = extract_sentences(args.extract_sentences)
        SENTENCES.write_text("# sentence bank for bench/corpus.py, extracted by --extract-sentences\n"
                             + "\n".join(sentences) + "\n", "utf-8")
        print(f"{len(sentences)} sentences written to {SENTENCES}")
        return 0
    paths = generate(args.out, args.n, args.seed, quiet=False, vocabulary=args.vocabulary)
    print(f"{len(paths)} reports in {args.out / 'reports'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
