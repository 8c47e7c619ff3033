"""Stage 4: recover the report's metadata: title, agency, region, city, year, kind, script, source.

Each field comes from the best evidence the text offers, in a fixed order (the title, the wiki's
infobox, the text itself); where nothing says it, the field is None, never a guess. Agency and region
are Simplified (for Traditional texts through OpenCC); the title stays in its original script.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..regions import BY_NAME as REGION_BY_NAME, REGIONS, find_region, region_prefix
from .counties import places_of_county

# ---------------------------------------------------------------------------------------------------
# Patterns (on Simplified text unless the name says otherwise)

REPORT_WORD = r"(?:年度报告|年度報告|工作报告|工作報告|年报|年報|报告|報告)"
# What marks a title as being about disclosure work (either script).
DISCLOSURE = re.compile(r"信息公开|政务公开|信息公開|政務公開|政府信息|政府資訊|政府资讯")  # 政府資訊公開: a Hong Kong/Macau repost's word
# A year as written in titles and texts: 2019, masked 201* / 20** / 201X, or in Chinese numerals 二〇一九.
YEAR = r"(?:(?:19|20)\d{2}|(?:19|20)\d[*＊xX×]|20[*＊]{2}|[〇零○一二][〇零○一二三四五六七八九]{3})"
YEAR_IN_TITLE = re.compile(rf"(?P<y>{YEAR})\s*年")
# The statistics period: `2019年1月1日至2019年12月31日`, `自201*年1月1日起至12月31日止`.
PERIOD = re.compile(rf"(?P<y>{YEAR})\s*年\s*1\s*月\s*1\s*日\s*起?\s*(?:至|到|—|－|-|～|~)\s*(?:(?P<y2>{YEAR})\s*年\s*)?12\s*月\s*31\s*日")
# A report naming its own year: `特向社会公布201*年度广东省公安厅…年度报告`, `本报告为2019年度…`.
REPORT_OF_YEAR = re.compile(rf"(?P<y>{YEAR})\s*年度[^。，,；;]{{0,40}}?(?:报告|報告)")
# A parenthesised year on a line of its own continues the title above it: `(201*年度)`, `（2019年）`.
YEAR_LINE = re.compile(rf"^[（(]\s*{YEAR}\s*年度?\s*[）)]$")
# A title whose line runs on into the body: `…年度報告建設目標:(一)` → the title ends at `年度報告`.
TITLE_GLUED = re.compile(rf"^(?P<title>[^。；;！!？?，,：:]{{4,80}}?{REPORT_WORD}(?:\s*[（(]\s*{YEAR}\s*年度?\s*[）)])?)(?P<rest>.+)$")
# Lines that open with these are sentences, not titles.
SENTENCE_START = re.compile(r"^(?:本|我|该|該|此|现将|現將|根据|根據|按照|依据|依據|为了|為了|近年|今年|去年|截至|截止|\d|[（(]?[一二三四五六七八九十]+[、）)])")
TITLE_MAX = 80
# Lines that are never a title: sentences about the report itself, dates.
NOT_A_TITLE = re.compile(r"^(?:本|我|该|該|此|现将|現將|根据|根據|按照|依据|依據|为了|為了|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})")
SECTION_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Agency names end with one of these (longest first where they overlap).
AGENCY_SUFFIX = (r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|公安厅|公安局|分局|总队|支队|大队|管理局|"
                 r"政府|厅|局|委|办|院|署|部|中心|所|站|馆|会|处|队)")
AGENCY_AT_END = re.compile(rf"{AGENCY_SUFFIX}$")
# Where the agency part of a title stops.
TITLE_AGENCY_STOP = re.compile(rf"{YEAR}|[（(]|关于")
TITLE_PHRASE = re.compile(r"政府信息公开|政务信息公开|政务公开|信息公开|年度|工作|以")
# Self-references: `我厅`, `本局`; and scoped ones naming the level, `省公安厅`, `市民政局`.
SELF_REF = re.compile(r"(?:我|本)(厅|局|委|办|院|署|部|府|中心|会)(?![长長门門议議级級])")
SCOPED_SELF = re.compile(r"(?P<level>省|市|自治区|区|县)(?P<org>(?!政府|委|人大|政协|纪委|高院|法院|检察院)[\u4e00-\u9fff]{1,6}?(?:厅|局))")
# Place prefixes that complete a short agency name (`市` alone is a level, not a place).
_PLACE_CHAR = r"(?:(?![和与及的在对等了是为由向从将把被各全本我该其年月日度])[\u4e00-\u9fff])"  # 年…: `2020年郴州市…` is no place "年郴州市"
PLACE = rf"{_PLACE_CHAR}{{2,4}}(?:省|市|自治区|自治州|州|地区|盟|县|区|旗)"
CITY = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,10}?(?:市|自治州|地区|盟))")

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


@dataclass
class Title:
    text: str | None
    derived: bool
    consumed: list[str]  # title lines taken out of the body (logged as `title`)
    rest: list[str]  # the body's lines


# ---------------------------------------------------------------------------------------------------
# Title


# A whole title line may hold a colon when it still ends as a report title does:
# `湖南省统计局: 2019年政府信息公开工作年度报告`, `政府信息公开：某局2019年度报告（2019年度）`.
TITLE_WITH_COLON = re.compile(rf"^[^。；;！!？?，,]{{4,}}[：:][^。；;！!？?，,：:]*{REPORT_WORD}(?:\s*[（(]\s*{YEAR}\s*年度?\s*[）)])?$")


# A headline may open with its year: `2020年郴州市财政局政务公开工作总结` (not `2020年我局…`: a sentence).
YEAR_HEADLINE = re.compile(rf"^{YEAR}\s*年度?(?![\d，,、])")
SHORT_TITLE_CUT = re.compile(r"(?:…+|\.{3,}|。{3,})$")  # `…年度报告…`, `...`: a list's title cut short


def _title_like(line: str, following: str) -> bool:
    if len(line) > TITLE_MAX or NOT_A_TITLE.match(line):
        return False
    if re.search(r"[。；;！!？?，,：:]", line) and not TITLE_WITH_COLON.match(line):
        return False
    if re.search(REPORT_WORD, line) and (DISCLOSURE.search(line) or YEAR_IN_TITLE.search(line) or re.search(AGENCY_SUFFIX, line)):
        return True  # `2019年湖南省公安厅政府信息公开工作年度报告` may open with its year
    if SENTENCE_START.match(line) and not (YEAR_HEADLINE.match(line) and not SELF_REF.search(line)
                                           and (DISCLOSURE.search(line) or re.search(AGENCY_SUFFIX, line))):
        return False
    # A short line with no clause punctuation, before a longer paragraph or the first section: a headline.
    return len(line) <= 50 and not re.search(r"[，,：:、]", line) and (
        len(following) >= max(60, 2 * len(line)) or bool(re.match(r"[一1][、.．]|[（(][一1][）)]", following)))


# A notice that publishes the report, above it: `关于印发《2021年度政府信息公开工作年度报告》的通知` ⏎ addressees ⏎
# `现将《桃源县人民政府2021年度…年度报告》印发给你们` ⏎ signature ⏎ the report's own title ⏎ the report.
COVER_NOTICE = re.compile(r"^关于(?:印发|公布|发布|公开|报送|上报)[^《]{0,20}《(?P<inner>[^》]{6,80})》[^《》]{0,10}的?(?:通知|公告|通告|函)$")
COVER_LINES = 12  # the report's title is looked for this far below the notice's


# A title naming two or more years: `2019年、2020年`, `2019年和2020年`, `2019—2020年度` (a page holding several reports).
SEVERAL_YEARS = re.compile(rf"{YEAR}\s*年?度?\s*(?:、|和|及|与|與|至|—|－|-|～|~)\s*{YEAR}\s*年")
# A compilation's page title: `…年度报告汇编`, `…年报合集`, `…年度報告彙編`.
COMPILATION = re.compile(r"(?:报告|報告|年报|年報)(?:汇编|彙編|匯編|合集|汇总|彙總|匯總)$")
TITLE_BROKEN_TAIL = 20  # the second line of a title broken over two lines is short (`工作年度报告`)


# A title naming its agency before its year: `湛江市自然资源局2023年政府信息公开工作年度报告`.
OWN_AGENCY_TITLE = re.compile(r"^(?P<agency>[\u4e00-\u9fff（）()]{4,40}?)(?:[1-2]\d{3}|[１２][０-９]{3})年")


def take_title(lines: list[str], entry_title: str | None = None) -> Title:
    """The report's own title from the first line(s); joined when split over two lines; cut where the
    scrape glued the body to it. Below a notice that publishes the report, the report's own title line
    (the notice stays, as the text's first lines)."""
    if not lines:
        return Title(None, False, [], [])
    notice = COVER_NOTICE.match(lines[0])
    if notice and re.search(REPORT_WORD, notice.group("inner")):
        for k in range(1, min(len(lines), COVER_LINES)):
            line = lines[k]
            if re.search(REPORT_WORD, line) and DISCLOSURE.search(line) and not re.search(r"[。；;，,《》]", line) \
                    and _title_like(line, lines[k + 1] if k + 1 < len(lines) else ""):
                return Title(line, False, [line], lines[:k] + lines[k + 1:])
    first = lines[0]
    following = lines[1] if len(lines) > 1 else ""
    after = lines[2] if len(lines) > 2 else ""
    # A page holding several years' reports under one title (`雁塔区民政局2019年、2020年政府信息公开工作年度报告`), then
    # the first report's own title: that line is the title (the page's covers every report on it; split.py cuts the rest).
    if SEVERAL_YEARS.search(first) and re.search(REPORT_WORD, first) and re.search(REPORT_WORD, following) \
            and len(set(YEAR_IN_TITLE.findall(following))) == 1 and _title_like(following, after):
        return Title(following, False, [first, following], lines[2:])
    # A page compiling several agencies' reports under one title (`开化县各乡镇2021年政府信息公开工作年度报告汇编`), then the
    # first report's own title: that line is the title (split.py cuts the rest).
    if COMPILATION.search(first) and re.search(REPORT_WORD, following) and DISCLOSURE.search(following) \
            and len(set(YEAR_IN_TITLE.findall(following))) == 1 and _title_like(following, after):
        return Title(following, False, [first, following], lines[2:])
    # A portal's short title above the page's full one: `蜀山区人民政府2022年政府信息公开工作年度报告` ⏎
    # `合肥市蜀山区人民政府2022年政府信息公开工作年度报告`, or a list title cut with `…`. The full line is
    # the title (the short one holds nothing it does not).
    short = SHORT_TITLE_CUT.sub("", first)
    if len(short) >= 6 and len(following) > len(short) and short in following and _title_like(following, after) \
            and re.search(REPORT_WORD, following):
        return Title(following, False, [first, following], lines[2:])
    # A site's name above a title that names its own agency before its year (a mobile page's header: `湛江市人民政府` ⏎
    # `湛江市自然资源局2023年政府信息公开工作年度报告`): the second line is the title, the name above it is the page's.
    own = OWN_AGENCY_TITLE.match(following)
    if own and AGENCY_AT_END.search(own.group("agency")) and own.group("agency") != first and len(first) <= 30 \
            and AGENCY_AT_END.search(first) and not re.search(r"[，,。：:；;、\s\d]", first) and not SECTION_START_RE.match(first) \
            and re.search(REPORT_WORD, following) and _title_like(following, after):
        return Title(following, False, [first, following], lines[2:])
    # `湖南省公安厅` ⏎ `2019年政府信息公开工作年度报告`: the agency on a line of its own above the rest.
    if len(first) <= 30 and AGENCY_AT_END.search(first) and not re.search(r"[，,。：:；;、\s]", first) \
            and not SECTION_START_RE.match(first) and re.search(REPORT_WORD, following) and _title_like(following, after):
        consumed = [first, following]
        title = first + following
        if YEAR_LINE.match(after):
            consumed.append(after)
            title += after
        return Title(title, False, consumed, lines[len(consumed):])
    # A title a PDF broke inside a word over two lines: `绍兴市柯桥区市场监督管理局2020年政府信息公开` ⏎ `工作年度报告`.
    if not re.search(REPORT_WORD, first) and len(following) <= TITLE_BROKEN_TAIL and re.search(rf"{REPORT_WORD}$", following) \
            and not re.search(r"[，,。：:；;、\s]", first + following) and not SECTION_START_RE.match(following) \
            and _title_like(first + following, after):
        return Title(first + following, False, [first, following], lines[2:])
    if entry_title and first == entry_title or _title_like(first, following):
        consumed = [first]
        title = first
        if YEAR_LINE.match(following):
            consumed.append(following)
            title += following
        return Title(title, False, consumed, lines[len(consumed):])
    m = TITLE_GLUED.match(first)
    if m and not SENTENCE_START.match(first) and (DISCLOSURE.search(m.group("title")) or YEAR_IN_TITLE.search(m.group("title"))):
        return Title(m.group("title"), False, [m.group("title")], [m.group("rest"), *lines[1:]])
    return Title(None, True, [], list(lines))


def derive_title(kind: str, agency: str | None, year: int | None, year_text: str | None, script: str, first_block: str) -> str:
    """A title for a text that has none, composed from what is known (never from a guess)."""
    if kind == "annual-report":
        when = f"{year}年" if year is not None else f"{year_text}年" if year_text else ""
        title = f"{agency or ''}{when}政府信息公开工作年度报告"
    else:
        clause = re.split(r"[。！？!?；;：:，,]", first_block, maxsplit=1)[0].strip()
        title = clause[:30] + ("…" if len(clause) > 30 else "") if clause else "政府信息公开工作"
        return title
    if script == "zh-Hant":
        from ..script import to_traditional

        title = to_traditional(title)
    return title


# ---------------------------------------------------------------------------------------------------
# Year


def _year_value(text: str) -> tuple[int | None, str]:
    """`2019` → (2019, "2019"); `201*` → (None, "201*"); `二〇一九` → (2019, "二〇一九")."""
    if text[0] in _CN_DIGITS:
        digits = "".join(_CN_DIGITS.get(c, "") for c in text)
        return (int(digits), text) if len(digits) == 4 else (None, text)
    if text.isdigit():
        return int(text), text
    return None, text.replace("＊", "*")


def infer_year(title: str | None, body: str, infobox: dict) -> tuple[int | None, str | None]:
    """(year, year_text): from the title, the infobox, the statistics period, or the report naming its year.
    A masked year gives (None, "201*"); nothing gives (None, None). Never a publication date."""
    sources: list[str] = []
    if title:
        m = YEAR_IN_TITLE.search(title)
        if m:
            sources.append(m.group("y"))
    when = infobox.get("时间") or ""
    m = re.match(rf"^({YEAR})\s*年?度?$", when.strip())
    if m:
        sources.append(m.group(1))
    m = PERIOD.search(body)
    if m:
        sources.append(m.group("y"))
    m = REPORT_OF_YEAR.search(body[:1500])
    if m:
        sources.append(m.group("y"))
    for written in sources:
        value, text = _year_value(written)
        if value is not None and 1990 <= value <= 2100:
            return value, None
        if value is None:
            return None, text
    return None, None


# ---------------------------------------------------------------------------------------------------
# Agency, region, city


def agency_from_title(title: str) -> str | None:
    """`湖南省公安厅2009年度政府信息公开工作` → 湖南省公安厅 (title in Simplified)."""
    title = re.sub(rf"^{YEAR}\s*年度?", "", title).strip()
    stop = TITLE_AGENCY_STOP.search(title)
    head = title[:stop.start()] if stop else title
    if AGENCY_AT_END.search(head) and not TITLE_PHRASE.search(head):
        return head if len(head) >= 2 else None
    cuts = sorted({m.start() for m in TITLE_PHRASE.finditer(head)})
    for cut in cuts:
        if cut >= 2 and AGENCY_AT_END.search(head[:cut]):
            return head[:cut]
    # `湖南省公安厅以政务公开为着力点…`: the longest prefix before the first phrase that ends like an agency.
    limit = cuts[0] if cuts else len(head)
    for end in range(limit, 1, -1):
        if AGENCY_AT_END.search(head[:end]):
            return head[:end]
    return None


# A township's or street office's name starts with its place too: `大营镇人民政府`, `石牌街道办事处`, `某某乡人民政府`.
TOWNSHIP = rf"{_PLACE_CHAR}{{2,4}}(?:镇|乡|街道|苏木)"


def _known_prefecture(agency: str) -> bool:
    from .cities import city_province

    return city_province(agency) is not None


def _has_place(agency: str) -> bool:
    return region_prefix(agency) is not None or bool(re.match(PLACE, agency)) or bool(re.match(TOWNSHIP, agency))


@lru_cache(maxsize=1)
def _full_name_pattern() -> re.Pattern:
    regions = "|".join(sorted({re.escape(r.name) for r in REGIONS} | {re.escape(r.short) for r in REGIONS}, key=len, reverse=True))
    return re.compile(rf"(?:(?:{regions})(?:省|市|自治区)?(?:{PLACE})*|(?:{PLACE})+)[\u4e00-\u9fff]{{0,8}}?{AGENCY_SUFFIX}")


def _full_names(text: str) -> Counter:
    """Agency names with a place in front: `湖南省公安厅`, `长沙市公安局`."""
    return Counter(m.group() for m in _full_name_pattern().finditer(text))


def _named_region(text: str):
    counts: Counter = Counter()
    for r in REGIONS:
        n = text.count(r.name) or text.count(r.short)
        if n:
            counts[r] = n
    return counts.most_common(1)[0][0] if counts else None


def infer_agency(title_agency: str | None, infobox: dict, text: str) -> str | None:
    """The agency's full name (Simplified): the title's, the infobox's, or what the text calls itself."""
    if title_agency and _has_place(title_agency):
        if region_prefix(title_agency) is None and not _known_prefecture(title_agency):
            # A county's or district's name the tables do not place (`福田区人民政府`), written once in the
            # text with its prefecture before it (`深圳市福田区人民政府办公室`): that is its full name.
            completed = {m.group() for m in re.finditer(rf"(?:{PLACE})+{re.escape(title_agency)}", text)}
            if len(completed) == 1:
                return completed.pop()
        return title_agency
    for key in ("主办方", "主办单位", "发布单位", "发布机关", "发文机关"):
        value = (infobox.get(key) or "").strip()
        if value and AGENCY_AT_END.search(value):
            return value
    if title_agency:
        # A short form (`公安局`) completed by a place the text puts before it, if exactly one.
        completed = {m.group() for m in re.finditer(rf"(?:{PLACE})+{re.escape(title_agency)}", text)}
        return completed.pop() if len(completed) == 1 else title_agency
    full = _full_names(text)
    selves = Counter(m.group(1) for m in SELF_REF.finditer(text))
    suffix = selves.most_common(1)[0][0] if selves else None
    # `省公安厅` names itself with its level; a city bureau's `省公安厅` (its superior) does not match its `我局`.
    provincial = Counter(m.group("org") for m in SCOPED_SELF.finditer(text) if m.group("level") == "省")
    provincial = Counter({org: n for org, n in provincial.items() if suffix is None or org.endswith(suffix)})
    if provincial:
        org = provincial.most_common(1)[0][0]
        named = [n for n, _ in full.most_common() if n.endswith(org) and region_prefix(n)]
        if named:
            return named[0]
        region = _named_region(text)
        return region.name + org if region is not None else None
    if suffix:
        named = [n for n, _ in full.most_common() if n.endswith(suffix)]
        if named:
            return named[0]
    return None


# A government portal's name as the page's site (noise.py `portal-name`): `衡阳市祁东县人民政府门户网站` → its place's government.
PORTAL_SITE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,24}?(?:人民政府|政府))(?:门户网站|門戶網站|门户网|門戶網|网站|網站)$")


# The local bodies of national organisations and of the Party name the organisation before the place:
# `国家税务总局郴州市税务局`, `中共郴州市委宣传部`, `中国人民银行长沙中心支行`, `国家统计局衡阳调查队`.
NATIONAL_PREFIX = re.compile(r"^(?:国家税务总局|国家统计局|国家外汇管理局|国家金融监督管理总局|中国人民银行|中国银保监会|中国证监会|"
                             r"中国共产党|中国共产主义青年团|共青团|中共)")


def infer_region_city(agency: str | None, text: str = "") -> tuple[str | None, str | None]:
    """The province and city the agency's name starts with (or holds); a prefecture's name gives its
    province (`嘉兴市生态环境局` → 浙江省, 嘉兴市). When the name has a place the tables do not know
    (`鄂托克旗人民政府`), the one province the text names in full, if it names exactly one."""
    if not agency:
        return None, None
    from .cities import city_province

    agency = NATIONAL_PREFIX.sub("", agency)

    region, city = _region_city(agency)
    if region is None:
        found = city_province(agency) or county_place(agency, text)
        if found:
            city, region = found
    elif city is None and (prefix := region_prefix(agency)):  # `浙江省长兴县…`: the province, then a county without its prefecture
        found = county_place(prefix[1], text, region)
        if found:
            city = found[0]
    if region is None and text and _has_place(agency):
        named = {r.name for r in REGIONS if r.name in text}
        named |= {province for name, province in _prefectures_in(text)}
        if len(named) == 1:
            region = named.pop()
    if city is None and text and re.match(TOWNSHIP, agency):
        # A township's name holds no county; its text names the one it is in (`枣强县人民政府`), most often that one only.
        table = places_of_county()
        places = {p for county in _counties_in(text) for p in table[county] if region in (None, p[1])}
        if len(places) == 1:
            city, region = places.pop()
    return region, city


@lru_cache(maxsize=1)
def _county_pattern() -> re.Pattern:
    names = [n for n in places_of_county() if len(n) > 2 or n[1] in "县旗"]  # not 城区, 郊区: words more than places
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def _counties_in(text: str) -> set[str]:
    return set(_county_pattern().findall(text))


def county_place(name: str, text: str = "", province: str | None = None) -> tuple[str | None, str] | None:
    """(prefecture or None, province) when `name` starts with a county-level division's name (counties.py):
    `长兴县财政局` → (湖州市, 浙江省), `海淀区教育委员会` → (None, 北京市). A name several places share (鼓楼区,
    朝阳区) counts only where the text names one of their prefectures or provinces and that decides it;
    two-character names other than a 县 or 旗 (城区, 郊区, 矿区) are words more than places."""
    table = places_of_county()
    for end in range(min(len(name), 16), 1, -1):
        places = table.get(name[:end])
        if places is None or (end == 2 and name[1] not in "县旗"):
            continue
        if province is not None:
            places = tuple(p for p in places if p[1] == province)
        if len(places) > 1:
            places = tuple(p for p in places if p[0] and p[0] in text) or \
                tuple(p for p in places if p[1] in text or REGION_BY_NAME[p[1]].short in text)
        if len({p[1] for p in places}) != 1:
            return None
        prefectures = {p[0] for p in places}
        return (prefectures.pop() if len(prefectures) == 1 else None), places[0][1]
    return None


def _prefectures_in(text: str) -> set[tuple[str, str]]:
    from .cities import province_of_city

    return {(name, province) for name, province in province_of_city().items() if name in text}


def _region_city(agency: str) -> tuple[str | None, str | None]:
    found = region_prefix(agency)
    rest = agency
    region = None
    if found:
        region, rest = found[0].name, found[1]
        rest = re.sub(r"^(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)", "", rest)
    else:
        # `国家税务总局湖南省税务局`: a full province name inside the name.
        inside = [r for r in REGIONS if r.name in agency]
        if len(inside) == 1:
            region = inside[0].name
            rest = agency[agency.index(region) + len(region):]
    m = CITY.match(rest)
    city = m.group("city") if m and not find_region(m.group("city")) else None
    return region, city


# ---------------------------------------------------------------------------------------------------
# Kind


def infer_kind(title: str | None, title_derived: bool, body: str, infobox: dict) -> str:
    """annual-report, article (a piece about disclosure work) or other."""
    if "报告" in (infobox.get("性质") or "") or "報告" in (infobox.get("性质") or ""):
        return "annual-report"
    if title and not title_derived:
        if re.search(REPORT_WORD, title) and (DISCLOSURE.search(title) or YEAR_IN_TITLE.search(title)):
            return "annual-report"
        if re.search(r"年度", title) and DISCLOSURE.search(title):
            return "annual-report"
    else:
        head = body[:2000]
        if re.search(r"本(?:年度)?(?:报告|報告)|本年度(?:政府信息公开|政府信息公開)", head) or PERIOD.search(body):
            return "annual-report"
    if len(DISCLOSURE.findall(body)) >= 2:
        return "article"
    return "other"


def truncated(kind: str, empty_sections: tuple[str, ...], ends_cut: bool, top_level: bool) -> tuple[bool, str | None]:
    """Is the text visibly incomplete? (and why, for the log)"""
    if empty_sections:
        return True, f"empty sections: {', '.join(empty_sections)}"
    if ends_cut:
        return True, "the text stops mid-sentence"
    if kind == "annual-report" and not top_level:
        return True, "an excerpt: no top-level (一、) section"
    return False, None
