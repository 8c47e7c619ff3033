"""Stage 2: strip what is not the report, and log every piece removed.

Every rule is a general pattern of real scrapes of these reports (content farms, Baidu Baike and its
mirrors, PDF extraction), kept as data: a named regular expression in one of the tables below, with
a comment saying what real text it matches. Code only where a pattern needs a check a regex cannot
make (is this annotation a reading of the character before it? do these line-start numbers count
pages?).

The stage works on lines. Each line remembers where it came from (`pos`), so removals can be
attributed to the right report when a file holds several. Removed text goes to `removals` (kind,
text); facts found in page furniture (site, dates, infobox) go to `facts` and are used as metadata.
Applied to its own output, the stage changes nothing (it runs its passes to a fixpoint).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ._text import CN_NUM, HAN as HAN_RE, HAN_CLASS, any_script, ends_complete, is_number_cell, is_table_row, is_unit_cell
from .decode import LOST, normalise, normalise_line

# ---------------------------------------------------------------------------------------------------
# Data


@dataclass
class Line:
    text: str
    pos: tuple[int, ...]


@dataclass(frozen=True)
class Removal:
    kind: str
    text: str
    pos: tuple[int, ...] = (0,)


@dataclass
class Stripped:
    lines: list[Line]
    removals: list[Removal]
    facts: dict
    lost: dict[str, int] = field(default_factory=dict)  # unrecoverable kind → count (each is a 〓 in the text)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Rule:
    name: str  # the rule's own name (tests and docs refer to it)
    kind: str  # the kind of noise, as logged and counted on the report page
    pattern: re.Pattern
    note: str  # what real text it matches
    replace: str = ""  # "" for inline noise; "\n" where the noise separated blocks of the report


# The kinds of noise and their labels are part of the content model (`import.removed` keys).
from ..schema import LOST_KINDS, NOISE_KINDS as KINDS, NOISE_LABELS as KIND_LABELS  # noqa: E402

# ---------------------------------------------------------------------------------------------------
# Reading annotations: content farms "help" readers of Traditional text with pinyin after characters:
# 報(bào)告, 號(hào), 簡(jiǎn)稱(chēng). Only a reading of the character(s) just before it is noise.

_PY = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềḿńňǹ\u0300-\u036f"
ANNOTATION = re.compile(rf"[(（](?P<py>[{_PY}]{{1,7}}[1-5]?(?: [{_PY}]{{1,7}}[1-5]?){{0,5}})[)）]")
# A run of annotations after one spot: `號(hào)`, doubled `號(hào)(hào)`.
ANNOTATION_RUN = re.compile(rf"(?:{ANNOTATION.pattern})+")
# An annotation that ate its character: the character became `?` (or U+FFFD), the opening
# parenthesis went with it, and a stray Latin letter may be left: `辦理?xiàng)l件`, `《湖南日?qǐng)?bào)》`.
EATEN = re.compile(rf"[?？\ufffd][(（]?[{_PY}]{{1,6}}[)）](?:[?？\ufffd]?[(（]?[{_PY}]{{1,6}}[)）])*(?:[a-z](?=[{HAN_CLASS}]))?")
_EATEN_SYLLABLES = re.compile(rf"[{_PY}]+")
# Characters already lost before the scrape reached us.
REPLACEMENT = re.compile("\ufffd+")

_TONE_MARKS = re.compile("[\u0300\u0301\u0304\u030c]")


def _plain(syllable: str) -> str:
    """Toneless ASCII form: `lǜ` → `lv`, `bào` → `bao`."""
    s = unicodedata.normalize("NFD", syllable.lower())
    s = _TONE_MARKS.sub("", s)
    s = unicodedata.normalize("NFC", s).replace("ü", "v").replace("u:", "v")
    return s.replace("ê", "e")


def _toned(syllable: str) -> str:
    return unicodedata.normalize("NFC", syllable.lower())


def _has_tone(syllable: str) -> bool:
    return bool(_TONE_MARKS.search(unicodedata.normalize("NFD", syllable)))


@lru_cache(maxsize=1)
def _pinyin_dict() -> dict:
    from pypinyin.pinyin_dict import pinyin_dict  # lazy: ~0.1 s

    return pinyin_dict


@lru_cache(maxsize=1)
def _syllables() -> tuple[frozenset[str], frozenset[str]]:
    toned: set[str] = set()
    for value in _pinyin_dict().values():
        toned.update(value.split(","))
    return frozenset(toned), frozenset(_plain(s) for s in toned)


@lru_cache(maxsize=65536)
def readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """(toned, toneless) readings of a character, all heteronyms; Traditional characters pypinyin lacks
    are looked up through their Simplified form."""
    value = _pinyin_dict().get(ord(char))
    if value is None:
        from ..script import to_simplified

        simple = to_simplified(char)
        value = _pinyin_dict().get(ord(simple)) if len(simple) == 1 else None
    if not value:
        return frozenset(), frozenset()
    toned = frozenset(_toned(r) for r in value.split(","))
    return toned, frozenset(_plain(r) for r in toned)


_TONE_NUMBERS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def _tone3(syllable: str) -> str:
    """`bào` → `bao4`; a neutral tone has no number."""
    s = unicodedata.normalize("NFD", syllable.lower())
    number = next((_TONE_NUMBERS[c] for c in s if c in _TONE_NUMBERS), "")
    return _plain(syllable) + number


def is_reading(char: str, syllable: str) -> bool:
    toned, toneless = readings(char)
    if not toned:
        return False
    if syllable[-1:].isdigit():  # numbered tones: `bao4`
        return syllable.lower().replace("ü", "v").replace("u:", "v").rstrip("5") in {_tone3(r) for r in toned}
    if _has_tone(syllable):
        return _toned(syllable) in toned
    return _plain(syllable) in toneless


def _strip_annotations(line: str, log: list[tuple[str, str]]) -> str:
    out: list[str] = []
    last = 0
    for run in ANNOTATION_RUN.finditer(line):
        start = run.start()
        kept: list[str] = []
        for m in ANNOTATION.finditer(run.group()):
            syllables = m.group("py").split(" ")
            before = line[max(0, start - len(syllables)):start]
            if len(before) == len(syllables) and all(is_reading(c, s) for c, s in zip(before, syllables)):
                log.append(("reading-annotation", m.group()))
            else:
                kept.append(m.group())
        out.append(line[last:start])
        out.append("".join(kept))
        last = run.end()
    out.append(line[last:])
    return "".join(out)


def _eaten_ok(text: str) -> bool:
    toned, toneless = _syllables()
    syllables = _EATEN_SYLLABLES.findall(text)
    if not syllables:
        return False
    marked = False
    for s in syllables:
        if _has_tone(s):
            if _toned(s) not in toned:
                return False
            marked = True
        elif _plain(s) not in toneless:
            return False
    return marked


def _mark_lost(line: str, log: list[tuple[str, str]], lost: dict[str, int]) -> str:
    def eaten(m: re.Match) -> str:
        # The trailing stray letter is only part of the match when a Han character follows it.
        body = m.group()
        core = body[:-1] if body[-1].isascii() and body[-1].isalpha() and body[-2] in ")）" else body
        if not _eaten_ok(core):
            return body
        log.append(("eaten-by-annotation", body))
        lost["eaten-by-annotation"] = lost.get("eaten-by-annotation", 0) + 1
        return LOST

    line = EATEN.sub(eaten, line)

    def replacement(m: re.Match) -> str:
        log.append(("replacement-character", m.group()))
        lost["replacement-character"] = lost.get("replacement-character", 0) + 1
        return LOST

    return REPLACEMENT.sub(replacement, line)


# ---------------------------------------------------------------------------------------------------
# Wiki furniture (Baidu Baike and its mirrors), found inside lines: scrapes flatten the page.

WIKI_SITE = "百度百科"

WIKI_RULES: tuple[Rule, ...] = (
    Rule("baike-toolbar", "wiki-toolbar", re.compile(r"收藏\s*查看\s*我的收藏\s*\d*\s*有用\s*\+\s*\d+\s*已投票\s*\d*"),
         "Baike's toolbar with its counters, glued before the entry title: `收藏查看我的收藏0有用+1已投票0`", "\n"),
    Rule("baike-edit-lock", "wiki-toolbar", re.compile(r"(?:播报\s*)?(?:编辑|編輯)\s*(?:锁定|鎖定)(?:\s*(?:讨论|討論)\s*\d*)?(?:\s*上传视频|\s*上傳視頻)?"),
         "Baike's edit/lock links after the entry title: `编辑锁定`, `编辑锁定讨论999上传视频`", "\n"),
    Rule("baike-stub-notice", "wiki-notice", re.compile(r"本(?:词条|詞條)缺少[^，,！!\n]{1,20}[，,]\s*补充相关内容使词条更完整[，,]\s*还能快速升级[，,]\s*赶紧来编辑吧[！!]"),
         "Baike's stub notice: `本词条缺少名片图，补充相关内容使词条更完整，还能快速升级，赶紧来编辑吧！`", "\n"),
    Rule("citation-mark", "citation-mark", re.compile(r"\[\d{1,3}(?:\s*[-–,，]\s*\d{1,3})*\]"),
         "footnote marks of wiki references: `重点开展了以下工作：[1]`, `[2-3]` (never a 4-digit year like [2019])"),
    Rule("wiki-references", "references", re.compile(r"(?:参考资料|參考資料)\s*(?=1\s*[.．、])[^\n]*?(?=(?:词条标签|詞條標籤)|$)", re.M),
         "the wiki's reference list: `参考资料1.湖南省公安厅…．湖南省人民政府[引用日期2014-04-21]`", "\n"),
    Rule("wiki-tags", "tags", re.compile(r"(?:词条标签|詞條標籤)\s*[:：][^\n]*"),
         "the wiki's tag line: `词条标签：社会，公文`", "\n"),
)

# `[引用日期2014-04-21]` inside the references: the date the wiki's editor retrieved the source.
RETRIEVED = re.compile(r"[\[【](?:引用日期|引用日期：)\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[\]】]")
# The entry title is what stands before Baike's edit links on the first line.
ENTRY_TITLE = re.compile(r"^(?P<title>[^\n]{2,80}?)(?=(?:播报\s*)?(?:编辑|編輯)\s*(?:锁定|鎖定))", re.M)
# Newer Baike pages put `播报编辑` (listen, edit) after each section name: `主要内容播报编辑（一）…`.
SPOKEN_EDIT = re.compile(r"(?:(?<=[。！？；：:”」』])|^)(?P<name>[^。！？；：:\n\d]{2,16}?)(?P<edit>播报\s*(?:编辑|編輯))", re.M)
# The infobox: `中文名…主办方…时间…性质…`, then the contents `目录1基本概述2主要内容`.
INFOBOX_LABELS = (
    "中文名", "外文名", "别名", "主办方", "主办单位", "承办单位", "发布单位", "发布机关", "发文机关", "发文字号",
    "发布时间", "发布日期", "成文日期", "实施日期", "时间", "性质", "类别", "地点", "作者",
    "中文名稱", "主辦方", "主辦單位", "發布單位", "發文機關", "發布時間", "時間", "性質", "類別",
)
INFOBOX_LABEL = re.compile("|".join(sorted(map(re.escape, INFOBOX_LABELS), key=len, reverse=True)))
INFOBOX_START = re.compile(r"中文名稱?(?=\S)")
TOC = re.compile(r"(?:目录|目錄)\s*(?=1\D)")
# One entry of the contents: its number (`1`, `2.1`) and name.
TOC_ITEM = re.compile(r"(?P<n>\d+(?:\.\d+)*)(?P<name>[^\d\n]{1,30})")
INFOBOX_CANON = {"中文名稱": "中文名", "主辦方": "主办方", "主辦單位": "主办单位", "發布單位": "发布单位", "發文機關": "发文机关",
                 "發布時間": "发布时间", "時間": "时间", "性質": "性质", "類別": "类别"}

# ---------------------------------------------------------------------------------------------------
# Other wikis' copies: 360百科 (baike.so.com), 搜狗百科 (baike.sogou.com), 快懂百科/互动百科 (baike.com),
# MBA智库百科 (wiki.mbalib.com), 维基文库 (zh.wikisource.org). A page is recognised by a mark of its site
# in the chrome (the site's own header or footer, its address); the site is the report's source.site.
# (Scrapes lose the spaces between Chinese words: `快懂百科 首页` arrives as `快懂百科首页`.)
# Then, on such a page only, whole lines of its furniture go (WIKI_PAGE_RULES), and the blocks code
# must find: the contents list, the reference list, `编辑` after a section name, the entry's definition.

WIKI_SITES: tuple[tuple[str, re.Pattern], ...] = (
    # `360百科` alone or before its nav bar; the footer `© 2024 360.CN 京ICP证080047号`; its address
    ("360百科", re.compile(r"^360百科(?=$|\s|首页|首頁|网页|網頁|[|｜])|https?://baike\.so\.com|©\s*\d{4}\s*360\.CN", re.M | re.I)),
    # `搜狗百科 网页 微信 知乎 …`; the footer `©2024 SOGOU.COM 京ICP证050897号`; its address
    ("搜狗百科", re.compile(r"^搜狗百科(?=$|\s|首页|首頁|网页|網頁|[|｜])|https?://baike\.sogou\.com|©\s*\d{4}\s*SOGOU\.COM", re.M | re.I)),
    # `快懂百科 首页 搜索 登录`; the footer `©2024 快懂百科 京ICP备…`; baike.com (not baike.sogou.com, baike.so.com)
    ("快懂百科", re.compile(r"^快懂百科(?=$|\s|首页|首頁|网页|網頁|[|｜])|©\s*\d{4}\s*快懂百科|https?://(?:www\.|m\.)?baike\.com(?![\w.])", re.M)),
    # the older name of the same site: `互动百科 首页 …`, hudong.com
    ("互动百科", re.compile(r"^(?:互动百科|互動百科)(?=$|\s|首页|首頁|网页|網頁|[|｜])|https?://(?:www\.)?hudong\.com", re.M)),
    # MediaWiki's `出自 MBA智库百科(https://wiki.mbalib.com/)` under the title
    ("MBA智库百科", re.compile(r"出自\s*MBA智库百科|出自\s*MBA智庫百科|https?://wiki\.mbalib\.com")),
    # `維基文庫，自由的圖書館` under the title; `取自“https://zh.wikisource.org/…”` at the end
    ("维基文库", re.compile(r"^(?:维基文库|維基文庫)[，,]\s*自由的(?:图书馆|圖書館)$|https?://zh\.(?:m\.)?wikisource\.org", re.M)),
)

WIKI_PAGE_RULES: tuple[Rule, ...] = (
    Rule("wiki-site-bar", "breadcrumb", re.compile(
        r"^(?:360百科|搜狗百科|快懂百科|互动百科|互動百科|MBA智库|MBA智庫|维基文库|維基文庫)(?:\s*[|｜»]?\s*(?:首页|首頁|网页|網頁|新闻|新聞|微信|知乎|图片|圖片|视频|視頻|医疗|醫療|"
        r"汉语|漢語|问问|問問|百科|文档|文檔|问答|問答|课程|課程|资讯|資訊|分类|分類|特色百科|用户|用戶|帮助|幫助|搜索|搜尋|更多»?|登录|登錄|注册|註冊))*$|"
        r"^(?:(?:首页|首頁|分类|分類|特色百科|用户|用戶|百科协议|百科協議|帮助|幫助|搜索|搜尋|登录|登錄|注册|註冊)\s*[|｜]?\s*){3,}$|"
        r"^(?:跳至內容|跳至内容|跳到内容|跳到內容|跳转到内容|跳轉到內容|主選單|主菜单|主選單|搜索|搜尋|語言|语言|工具|連結至其他語言|链接至其他语言|用手机看条目|用手機看條目)$|"
        r"^(?:维基文库|維基文庫)[，,]\s*自由的(?:图书馆|圖書館)$|^出自\s*MBA(?:智库|智庫)百科\s*(?:[(（]\s*https?://[^\s)）]*\s*[)）])?$"),
        "a wiki's header and navigation on lines of their own: `360百科`, `搜狗百科 网页 微信 知乎 …`, `首页 | 分类 | 特色百科 | 用户 | 帮助 | 登录`,"
        " `MBA智库 | 百科 | 文档 | … | 登录 注册`, MediaWiki's `跳至內容`, `主選單`, `語言`, `工具`, the site under the title:"
        " `維基文庫，自由的圖書館`, `出自 MBA智库百科(https://wiki.mbalib.com/)`"),
    Rule("wiki-page-toolbar", "wiki-toolbar", re.compile(
        r"^(?:(?:编辑|編輯|收藏|分享|锁定|鎖定|讨论|討論|上传视频|上傳視頻|收起|展开|展開|赏|賞|编辑本段|編輯本段)\s*[|｜]?\s*)+$|"
        r"^(?:页面|頁面)\s*(?:讨论|討論)$|^(?:阅读|閱讀)\s*(?:编辑|編輯)\s*(?:查看历史|檢視歷史|查看歷史)$|^(?:姊妹计划|姊妹計劃)\s*[:：]\s*(?:数据项|數據項)$|"
        r"^MBA(?:智库|智庫)APP$|^(?:扫一扫|掃一掃)[，,]?\s*(?:下载|下載)MBA(?:智库|智庫)APP$"),
        "a wiki's buttons on a line of their own: `编辑 收藏 分享`, `编辑 锁定 讨论`, `收起`, `赏`, MediaWiki's `頁面 討論`, `閱讀 編輯 檢視歷史`,"
        " Wikisource's `姊妹計劃: 數據項`, MBA智库's `MBA智库APP`, `扫一扫，下载MBA智库APP`"),
    Rule("wiki-stats", "page-header", re.compile(
        r"^(?:词条统计|詞條統計)$|^(?:浏览次数|瀏覽次數)\s*[:：]\s*\d+\s*次?$|^(?:编辑次数|編輯次數)\s*[:：]\s*\d+\s*次?\s*(?:历史版本|歷史版本)?$|"
        r"^(?:最近更新|最後更新|最后更新)\s*[:：]\s*\S{1,30}$|^(?:创建者|創建者)\s*[:：]\s*\S{1,30}$|"
        r"^(?:本页面|本頁面|此页面|此頁面)最[后後](?:修订|修訂|编辑|編輯|修改)[于於]\s*\d{4}年.{0,40}$"),
        "a wiki entry's statistics, one a line: 搜狗百科's `词条统计`⏎`浏览次数：2187次`⏎`编辑次数：3次 历史版本`⏎`最近更新：2021-03-02`⏎`创建者：…`;"
        " MediaWiki's `本頁面最後修訂於2021年6月3日 (星期四) 12:40。`"),
    Rule("wiki-credits", "wiki-notice", re.compile(
        r"^本(?:词条|詞條|条目|條目)由.{1,30}(?:认证|認證|提供|审核|審核)$|^本(?:词条|詞條|条目|條目)(?:对我有帮助|對我有幫助)\s*\d*$|"
        r"^(?:如果)?您?(?:认为|認為)本(?:词条|詞條|条目|條目)(?:还有待完善|還有待完善).*$|^内容由网友共同编辑.*$|^內容由網友共同編輯.*$|"
        r"^本(?:条目|條目|词条|詞條)由以下(?:用户|用戶)参与(?:贡献|貢獻)\s*[:：]?$|"
        r"^(?:评论|評論)\s*[（(]\s*共?\s*\d+\s*条?\s*[）)]$|^提示\s*[:：]\s*(?:评论|評論)内容为网友针对(?:条目|词条).*$|^(?:发表评论|發表評論)请文明上网.*$"),
        "a wiki's credits and prompts: `本词条由“淄博政务公开”认证`, `本词条对我有帮助 12`, `本条目对我有帮助8`,"
        " `如果您认为本条目还有待完善，…请编辑条目或投诉举报。`, `内容由网友共同编辑，…`, `本条目由以下用户参与贡献`, `评论（共0条）`, `提示：评论内容为网友针对条目…`"),
    Rule("wiki-license", "wiki-notice", re.compile(
        r"^本作品(?:来自|來自)中(?:华|華)人民共和(?:国|國).{0,160}(?:著作权法|著作權法)》?\s*第五(?:条|條).{0,20}不受(?:著作权|著作權)保(?:护|護)。?$|"
        r"^本站的全部文字在.{0,80}(?:协议|協議|许可协议|授权条款|授權條款)(?:之(?:条款|條款))?下提供.*$"),
        "Wikisource's licence notes: `本作品來自中華人民共和國政府的法律、法規，…依據《中華人民共和國著作權法》第五條，不受著作權保護。`,"
        " `本站的全部文字在創用CC 姓名標示-相同方式分享 4.0 授權條款之條款下提供，…`"),
    Rule("wiki-categories", "tags", re.compile(r"^(?:分类|分類|页面分类|頁面分類|开放分类|開放分類)\s*[:：]\s*\S.{0,200}$"),
         "a wiki's category line: `分類：2009年作品 | 成都市人民政府辦公廳作品`, MBA智库's `页面分类: 政府信息公开`, 互动百科's `开放分类：…`"),
    Rule("wiki-source-page", "source-link", re.compile(r"^(?:取自|取自[:：])\s*[“\"「]?(?P<url>https?://[^\s”\"」]+)[”\"」]?$"),
         "MediaWiki's `取自“https://zh.wikisource.org/w/index.php?title=…&oldid=…”` (the page's address)"),
    Rule("wiki-nav", "breadcrumb", re.compile(r"^←[^。！？]{0,120}$|^[^。！？]{0,120}→$"),
         "Wikisource's header template: `← 上一篇的标题⏎…`, `…⏎下一篇的标题 →` (the previous and next works)"),
    Rule("wiki-header-author", "page-header", re.compile(r"^(?:作者|作者)\s*[:：]\s*[^\s。，,；;]{2,30}$"),
         "Wikisource's header template naming the work's author on a line of its own: `作者：成都市人民政府辦公廳`"),
    Rule("wiki-footer-links", "site-footer", re.compile(
        r"^(?:(?:百科协议|百科協議|隐私政策|隱私政策|意见反馈|意見反饋|帮助中心|幫助中心|关于维基文库|關於維基文庫|免责声明|免責聲明|行为准则|行為準則|"
        r"开发者|開發者|开发人员|開發人員|统计|統計|Cookie\s*(?:声明|聲明)|手机版视图|手機版檢視|使用条款|使用條款)\s*[|｜·]?\s*){2,}$"),
        "a wiki's footer links on one line: `百科协议 | 隐私政策 | 意见反馈 | 帮助中心` (one a line, see WIKI_FOOTER_LINK)"),
)
# Inline, on a wiki's page: the toolbar glued after the entry title on its line.
WIKI_INLINE_RULES: tuple[Rule, ...] = (
    Rule("wiki-title-toolbar", "wiki-toolbar", re.compile(r"(?<=报告|報告|年报|年報)\s*(?:(?:编辑|編輯|收藏|分享|锁定|鎖定|讨论|討論|上传视频|上傳視頻)\s*){2,}$"),
         "a wiki's buttons glued after the entry title: `…工作年度报告 编辑 收藏 分享` → `…工作年度报告`"),
)
# The wiki-page rules that need code (tests/test_ingest_unseen_wiki.py has a fragment of each, as for RULES and CODE_RULES).
WIKI_CODE_RULES: dict[str, str] = {
    "document-contents": "a PDF's or Word file's contents: `目  录` and entries ending in dot leaders and a page number"
                         " (`一、总体情况……………………1`, `二、主动公开政府信息情况.........3`), two or more in a row",
    "wiki-site": "the site, from a mark in the page's chrome (WIKI_SITES): `360百科`, `©2024 SOGOU.COM`, `出自 MBA智库百科(…)` → source.site",
    "wiki-contents": "the contents under `目录` one entry a line (`1 概述`⏎`2 主动公开…`, numbers counting up, `收起` after), or on"
                     " one line `目录 1 一、概述 2 二、…`; the names are the sections (logged as infobox)",
    "wiki-reference-list": "`参考资料`/`参考文献[编辑]` followed by entries one a line (`1.  标题．来源[引用日期…]`, `[1] 标题 来源 日期`, `↑ …`)",
    "wiki-edit-after-name": "a section name with the edit link after it on its own line: `概述 编辑` (a name of the contents),"
                            " `一、总体情况 编辑本段` → the name stays (the link logged as wiki-section-chrome)",
    "wiki-definition": "the wiki's own definition of the entry just under its title: `《<entry>》是…于2021年1月发布的…年度报告，…。` (logged as infobox)",
    "wiki-footer-link-run": "a wiki's footer links one a line, three or more in a row: `隱私政策`⏎`關於維基文庫`⏎`免責聲明`",
    "wiki-tag-values": "a tag line whose tags went to the next line: `词条标签：`⏎`政府文件 报告`",
    "wiki-credit-values": "the line a credit's value went to: `本条目由以下用户参与贡献`⏎`苏小满,Cabbage.`, `本词条对我有帮助`⏎`12`",
}
# The same footer links one a line (MediaWiki): `隱私政策`⏎`關於維基文庫`⏎`免責聲明`⏎…; a run of three or more goes.
WIKI_FOOTER_LINK = re.compile(r"^(?:百科协议|百科協議|隐私政策|隱私政策|意见反馈|意見反饋|帮助中心|幫助中心|关于维基文库|關於維基文庫|免责声明|免責聲明|"
                              r"行为准则|行為準則|开发者|開發者|开发人员|開發人員|统计|統計|Cookie\s*(?:声明|聲明)|手机版视图|手機版檢視|使用条款|使用條款)$")
# A contents list under its own heading line, one entry a line: `目录`⏎`1 概述`⏎`2 主动公开…`, MediaWiki's `目录 [隐藏]`;
# or on one line with spaces: `目录 1 一、概述 2 二、主动公开政府信息情况 …`.
TOC_HEAD = re.compile(r"^(?:目录|目錄)\s*(?:\[\s*(?:隐藏|隱藏|显示|顯示|收起|展开|展開)\s*\])?$")
TOC_LINE = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})*)\s*(?P<name>[^\d\s].{0,40})$")
TOC_ONE_LINE = re.compile(r"^(?:目录|目錄)\s+(?=1\s+\S)")
# A section name with the wiki's edit link after it, on a line of its own: `概述 编辑`, 搜狗百科's `一、总体情况 编辑本段`.
# (`编辑` only after a name the contents list: `二、信息采集与编辑` is a heading of the report.)
EDIT_AFTER_NAME = re.compile(r"^(?P<name>[^。！？；，,：:\n]{2,40}?)\s*(?P<edit>编辑本段|編輯本段|编辑|編輯)$")
# The wiki's reference list: its heading (`参考资料`, MediaWiki's `参考文献[编辑]`), then entries one a line:
# `1.  标题．来源[引用日期2017-04-18]`, `[1] 标题 来源 2021-01-25`, `[1] 标题·来源·2013-03-29`, MediaWiki's `↑ 作者.标题.2023-01-20`.
REFS_HEAD = re.compile(r"^(?:参考资料|參考資料|参考文献|參考文獻|参考来源|參考來源|注释|註釋|脚注|腳註)\s*(?:\[?\s*(?:编辑|編輯)\s*\]?)?$")
REF_ENTRY = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\s*[.．、](?!\d)|↑|\^)\s*\S.{0,300}$")
# The wiki's own definition of the entry, before the report: `《<entry>》是<agency>于2021年1月发布的…年度报告，…。`
WIKI_DEFINITION = r"^《?{title}》?(?:是|係|系)[^。]{{0,80}}?(?:发布|公布|印发|编制|發布|公佈|印發|編製)的[^。]{{0,80}}。$"
# A wiki's tag line whose tags went to the next line: `词条标签：`⏎`政府文件 报告 住房和城乡建设`.
BARE_TAGS = re.compile(r"^(?:词条标签|詞條標籤)\s*[:：]?$")

# ---------------------------------------------------------------------------------------------------
# HTML tags a careless scrape left in the text (`<p>一、总体情况</p>`, `…止。<br>`, `<span style="…">`).
# Only tags of HTML's own names go (`<条例>` or `〈规定〉` are text); a paragraph's or a row's tag ended
# a block, so it becomes a line break, a table cell's a tab (a cell boundary, as tables.py reads it).

_BLOCK_TAGS = r"p|div|br|hr|tr|table|tbody|thead|tfoot|caption|li|ul|ol|dl|dt|dd|h[1-6]|section|article|header|footer|blockquote|pre|center"
_INLINE_TAGS = r"span|font|strong|b|i|em|u|s|a|img|sup|sub|small|big|label|o:p|st1:[a-z]+|wbr|nobr|ins|del|mark|col|colgroup"
_TAG_ATTRS = r"(?:\s[^<>\n]{0,300})?\s*/?"

MARKUP_RULES: tuple[Rule, ...] = (
    Rule("html-cell-tag", "html-tag", re.compile(rf"(?:</t[dh]\s*>\s*)?<t[dh]{_TAG_ATTRS}>", re.I),
         "a table cell's tags left in the text: `<tr><td>信息内容</td><td>本年制发件数</td>` (a cell boundary: a tab)", "\t"),
    Rule("html-block-tag", "html-tag", re.compile(rf"</?(?:{_BLOCK_TAGS}){_TAG_ATTRS}>", re.I),
         "a block's tags left in the text: `<p>一、总体情况</p>`, `…止。<br>`, `<p style=\"text-align: right;\">` (a line break)", "\n"),
    Rule("html-inline-tag", "html-tag", re.compile(rf"</?(?:{_INLINE_TAGS}|t[dh]){_TAG_ATTRS}>", re.I),
         "inline tags left in the text: `<span style=\"font-size:12px\">`, `</span>`, `<strong>`"),
)

# ---------------------------------------------------------------------------------------------------
# Inline noise of any page.

INLINE_RULES: tuple[Rule, ...] = (
    Rule("breadcrumb", "breadcrumb", re.compile(r"^(?:首页|首頁|网站首页|網站首頁|当前位置|當前位置|您当前的位置|您當前的位置|您现在的位置|您現在的位置|您的位置)\s*[:：]?.{0,120}?(?:>|＞|»|›|→|/)\s*.{0,120}$"),
         "a site's breadcrumb trail: `首页 > 政府信息公开 > 年度报告`, `当前位置：首页 > 信息公开`"),
    Rule("page-buttons-line", "page-buttons", re.compile(r"^(?:[【\[]?\s*(?:打印本页|打印本頁|打印此页|打印|关闭窗口|關閉窗口|关闭本页|关闭|關閉|收藏本页|返回顶部|返回頂部|分享到[:：]?|分享至[:：]?|"
                                                         r"扫一扫在手机打开当前页|掃一掃在手機打開當前頁|保存本页|我要纠错|我要糾錯|纠错|糾錯|"
                                                         r"(?:字号|字號|字体|字體)\s*[:：]?\s*(?:大\s*中\s*小|[大中小]{3}))\s*[】\]]?\s*[|｜]?\s*)+$"),
         "a page's buttons on a line of their own: `打印本页 关闭窗口`, `分享到：`, `扫一扫在手机打开当前页`, `【我要纠错】`, `字号：大 中 小 | 打印 | 关闭`"),
    Rule("site-footer", "site-footer", re.compile(r"^.{0,80}(?:(?:版权所有|版權所有)\s*[:：©(（]|©|Copyright|ICP备|ICP備|网站标识码|網站標識碼|公网安备|公網安備).{0,100}$"),
         "a site's footer: `版权所有：湖南省人民政府办公厅 湘ICP备05000001号`"),
    Rule("page-buttons-inline", "page-buttons", re.compile(r"[【\[]\s*(?:字体|字體|字号|字號)\s*[:：]?\s*大\s*中\s*小\s*[】\]]|[【\[]\s*(?:打印(?:本页|本頁|此页|此頁)?|关闭(?:窗口|本页)?|關閉(?:窗口|本頁)?|收藏(?:本页)?|返回顶部|返回頂部|保存(?:本页)?|(?:我要)?纠错|(?:我要)?糾錯)\s*[】\]]"),
         "a government page's buttons in brackets: `【字体：大 中 小】`, `【打印】`, `【关闭窗口】`"),
    Rule("ocr-rule-edge", "ocr-debris", re.compile(r"^[|｜¦]\s*(?=[^|｜¦\s][^|｜¦]*$)"),
         "an OCR'd scan's left ruled line read as `|` before a line of text: `| （二）完善制度，规范程序。` (a line with another `|` is a table's row: it stays)"),
    Rule("wiki-edit-link", "wiki-section-chrome", re.compile(r"\[\s*(?:编辑|編輯)\s*\]"),
         "a wiki mirror's edit link after a section name: `概述[编辑]`"),
    Rule("empty-brackets", "empty-brackets", re.compile(r"[(（][ \u3000]*[)）]|\[\s*\]|【\s*】"),
         "brackets left empty where a link was stripped: `平安南粤网”()下载`"),
    Rule("stray-separator", "stray-punctuation", re.compile(rf"(?:(?<=[。！？；;!?])|^)[、，,]+(?=[{CN_NUM}]{{1,3}}、|[(（][{CN_NUM}]{{1,3}}[)）])", re.M),
         "a separator left before a section number: `…280余条。、三、依申请公开`"),
)

# ---------------------------------------------------------------------------------------------------
# Whole lines of page furniture.

# The fields of a government page's metadata table (政府信息公开目录: `索引号：… 发布机构：… 生成日期：… 文号：…`)
# are header fields too; longer labels first (`主题分类` before `分类`).
_META_WORDS = ("索引号 主题分类 组配分类 体裁分类 信息分类 分类 发文机关 发布机构 所属机构 发文字号 文号 成文日期 生成日期 发文日期 "
               "公开日期 有效性 时效性 公开方式 公开范围 公开时限 主题词")
# Labels are written in Simplified once; any_script() matches them in any Traditional form too (發布機構, 發佈機構).
_META_LABELS = any_script(_META_WORDS)
_HEADER_LABELS = "(?:" + any_script(
    _META_WORDS + " 发布时间 发布日期 更新时间 时间 日期 信息来源 来源 作者 浏览次数 阅读次数 点击数 访问次数 访问量 点击 浏览 阅读 字号 "
    "字体 责任编辑 编辑 文章来源 本文标题 文章标题 标题") + ")"
# The labels of a page's own title in a block of page fields (`标题：…` in a scraper's record, `本文标题：…`), in Simplified.
TITLE_LABELS = ("本文标题", "文章标题", "标题")
META_LABEL = re.compile(_META_LABELS)


@lru_cache(maxsize=1)
def _hans_table() -> dict[int, str]:
    from ..search import char_maps

    return str.maketrans(char_maps()[0])


@lru_cache(maxsize=4096)
def hans(text: str) -> str:
    """`text` folded to Simplified character by character, same length (search.py's map from OpenCC: 門户網站 →
    门户网站, 閲讀 → 阅读, 為 and 爲 → 为). Rules list Simplified and the usual Traditional forms of their words;
    Traditional has more forms than any rule lists (Hong Kong's 户, 閲, 眾), and every one of them folds to the
    Simplified the rule has. (Cached: a line is tried against many rules.)"""
    return text.translate(_hans_table())


def match_any_script(pattern: re.Pattern, text: str) -> re.Match | None:
    """`pattern.match(text)`, else its match of `text` folded to Simplified (hans): a Traditional form the pattern
    does not list. Folding keeps the length, so the match's spans are those of `text` (cut groups from `text`)."""
    m = pattern.match(text)
    if m is None and (folded := hans(text)) != text:
        m = pattern.match(folded)
    return m


# The metadata table's fields that name the publishing agency (Simplified: compare a label folded, `hans`).
PUBLISHER_LABELS = ("发布机构", "发文机关", "所属机构")
# Lines this near the top may hold the metadata table (it comes before or after the title).
META_LINES = 12
# One field of a page header: `時間:2023-02-09 09:54:02`, `來源:營銷百科`, `作者:admin`.
# A value ends where the next field starts, also in the page's brackets (`文章来源：区政府办公室【字号：大 中 小】`).
HEADER_FIELD = re.compile(rf"(?P<label>{_HEADER_LABELS})\s*[:：]\s*(?P<value>.*?)\s*(?=[|｜]|[【\[]?{_HEADER_LABELS}\s*[:：]|$)")
# A timestamp leading a header line without a label: `2023-02-09 09:54:02 来源：…` (a date alone is a signature, kept).
TIMESTAMP = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?=\s|$)")
# A web-style date on its own line just under the title: the page's publication date.
# (`2020年1月15日` at the end is the report's own signature and stays.)
WEB_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# (A page's buttons may follow the date on its line: `发布时间：2014-03-27 【打印】【关闭】`.)
HEADER_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?=\s*(?:$|[【\[]))")
# 来源 values that name no site.
NOT_A_SITE = frozenset({"网络整理", "網絡整理", "网络", "網絡", "互联网", "互聯網", "本站", "原创", "原創", "转载", "轉載", "未知", "网友", "網友",
                       # a content farm's `來源：網友投稿` names no site either
                       "网友投稿", "網友投稿", "网友上传", "網友上傳", "网友分享", "網友分享", "用户上传", "用戶上傳"})

LINE_RULES: tuple[Rule, ...] = (
    Rule("keywords", "keywords", re.compile(r"^(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|TAGS?|Tags?)\s*[:：][^。！？\n]{0,100}$"),
         "a content farm's keyword line: `關鍵詞:工作,報告,信息,民政,政府`"),
    Rule("farm-notice", "notice", re.compile(r"^(?:友情提示|温馨提示|溫馨提示)\s*[:：].*(?:仅供|僅供|参考|參考|版权|版權|转载|轉載|删除|刪除|自主创作|自主創作|范例|範例).*$"),
         "a content farm's disclaimer: `友情提示:本文中关于《…》给出的范例仅供您参考拓展思维使用,…`"),
    Rule("farm-source-line", "notice", re.compile(r"^(?:来源|來源)\s*[:：]\s*(?:网络整理|網絡整理|网络|網絡|互联网|互聯網)(?:\s|$|免责|免責).*$"),
         "a content farm's source-and-disclaimer line: `来源:网络整理 免责声明:本文仅限学习分享,…`"),
    Rule("disclaimer", "notice", re.compile(r"^(?:免责声明|免責聲明|版权声明|版權聲明)\s*[:：].*$"),
         "a disclaimer or copyright line: `免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。`"),
    Rule("source-link", "source-link", re.compile(r"^[（(\[【]?\s*(?:原文(?:链接|鏈接|连结|連結|地址|網址|网址)|本文(?:链接|鏈接|连结|連結|地址|網址|网址)|文章(?:链接|鏈接|地址|来源|來源)|转载自|轉載自|来源网址|來源網址|"
                                                 r"链接地址|鏈接地址|链接|鏈接|连结|連結|网址|網址|页面地址|頁面地址|URL|url)\s*[:：]\s*(?P<url>https?://[^\s）)\]】]+)\s*[）)\]】]?\s*$"),
         "the page's own address: `原文链接：http://…`, `（原文連結：http://…）`, `链接地址：https://…`"),
    Rule("farm-buttons", "page-buttons", re.compile(r"^(?:广告|廣告|下载文档|下載文檔|下载本文|下載本文|下载全文|下載全文|下载word文档|下载Word文档|阅读全文|閱讀全文|展开全文|展開全文|"
                                                   r"点击阅读全文|點擊閱讀全文|查看全文|收起全文|举报|舉報|相关附件\s*[:：]?|相關附件\s*[:：]?|附件下载\s*[:：]?|附件下載\s*[:：]?|"
                                                   r"分享到\s*[:：]?(?:\s*(?:微信|朋友圈|QQ空间|QQ空間|QQ好友|QQ|新浪微博|腾讯微博|騰訊微博|微博|人人网|豆瓣|复制链接|複製鏈接))+)$"),
         "a content farm's or page's buttons on a line of their own: `广告`, `下载文档`, `阅读全文`, `分享到：微信 QQ空间新浪微博`, an empty `相关附件：`"),
    Rule("upload-notice", "notice", re.compile(r"^本(?:文|篇文章|文档|文檔)(?:由|系|为|為)?(?:用户|用戶|网友|網友|会员|會員|作者)?(?:上传|上傳|投稿|整理|收集|转载|轉載|提供).{0,40}(?:侵权|侵權|删除|刪除|版权|版權|联系|聯繫).{0,30}$"),
         "a document-sharing site's notice: `本文由用户上传，如有侵权请联系删除！`"),
    Rule("editor-line", "page-header", re.compile(r"^[（(\[【]?\s*(?:责任编辑|責任編輯|编辑|編輯|审核|審核|校对|校對|编审|編審|供稿|撰稿|初审|初審|复审|複審|终审|終審|一审|一審|二审|二審|三审|三審|排版|美编|美編|统筹|統籌)\s*[:：]\s*[^。，,；;！!？?]{1,20}?\s*[）)\]】]?$"),
         "a news page's editor line: `（责任编辑：李静）`, `编辑：王敏`"),
    Rule("site-sponsor", "site-footer", re.compile(r"^(?:主办单位|主辦單位|主办|主辦|承办单位|承辦單位|承办|承辦|技术支持|技術支持|网站维护|網站維護)\s*[:：].{1,100}$"),
         "a site's footer naming its sponsor: `主办：北京市海淀区人民政府办公室 承办：北京市海淀区政务服务管理局`"),
    Rule("wechat-follow", "page-buttons", re.compile(r"^[↑☝👆▲△⬆]?\s*(?:点击|點擊)\s*(?:上方|上面|标题下方?|標題下方?)?\s*(?:的)?\s*(?:蓝字|藍字|[“\"「][^”\"」\n]{1,16}[”\"」])\s*[,，]?\s*(?:一键)?(?:关注|關注).{0,12}$|"
                                                      r"^(?:长按|長按)(?:识别|識別|扫描|掃描)?(?:下方|上方|图中|圖中)?(?:二维码|二維碼).{0,12}$"),
         "a WeChat account's follow prompts: `点击上方蓝字关注我们`, `点击上方“某某发布”关注我们`, `长按识别二维码`"),
    Rule("wechat-byline", "page-header", re.compile(r"^(?:(?:原创|原創)\s*(?P<account>[^\s\d:：，,。]{0,40}?)\s*|(?P<account2>[^\s\d:：，,。]{2,40}?)\s+(?=\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*(?:发表于|發表於)))"
                                                      r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+\d{1,2}:\d{2})?(?:\s*(?:发表于|發表於)\s*\S{1,10})?$"),
         "a WeChat article's byline: `原创 安吉发布 安吉发布 2023-01-28 17:30 发表于浙江` (the date is the post's; the account its site)"),
    Rule("wechat-topic", "page-buttons", re.compile(r"^(?:收录于合集|收錄於合集|收录于话题|收錄於話題)?\s*#[^\s#]{1,20}\s*\d{1,4}\s*个$"),
         "a WeChat collection tag: `#政务公开 12个`"),
    Rule("button-run", "page-buttons", re.compile(
        r"^(?:(?:阅读原文|閱讀原文|轻触阅读原文|輕觸閱讀原文|在看|点赞|點讚|點贊|分享|收藏|写留言|寫留言|留言|暂无留言|暫無留言|关注我们|關注我們|"
        r"微信扫一扫|微信掃一掃|关注该公众号|關注該公眾號|使用小程序|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|向上滑動看下一個|知道了|"
        r"预览时标签不可点|預覽時標籤不可點|收录于合集|收錄於合集|赞赏|讚賞|(?:阅读|閱讀)\s*\d+(?:\.\d+)?(?:万|萬|\+)?|"
        r"回复|回覆|引用|举报|舉報|检举|檢舉|只看该作者|只看該作者|楼主|樓主|沙发|沙發|板凳|"
        r"版权申诉|版權申訴|文档简介|文檔簡介|文档介绍|文檔介紹|关于本文|關於本文|"
        r"还剩\s*\d+\s*页未读[，,]?\s*(?:继续(?:免费)?阅读)?|還剩\s*\d+\s*頁未讀[，,]?\s*(?:繼續(?:免費)?閱讀)?|"
        r"下载文档到电脑[，,]?\s*查找使用更方便|下載文檔到電腦[，,]?\s*查找使用更方便|"
        r"分享至\s*[:：]?(?:\s*(?:Facebook|Twitter|LINE|Line|Plurk|WhatsApp|Telegram|微信|微博|QQ))*)\s*[|｜·]?\s*)+$"),
         "buttons and labels of WeChat, forum and document-sharing pages on a line of their own: `阅读原文`, `在看`, `写留言`,"
         " `阅读 1586`, `回覆 引用 檢舉`, `樓主`, `举报 版权申诉 分享 收藏`, `文档简介`, `还剩2页未读，继续阅读`, `分享至 Facebook Twitter`"),
    Rule("forum-byline", "page-header", re.compile(r"^(?:发表于|發表於)\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                                                     r"(?:\s*[|｜]?\s*(?:只看该作者|只看該作者|显示全部楼层|顯示全部樓層|倒序浏览|倒序瀏覽|阅读模式|閱讀模式|来自\S{1,12}|來自\S{1,12}))*$"),
         "a forum post's header: `發表於 2020-3-2 10:15 | 只看該作者`"),
    Rule("forum-edit-notice", "notice", re.compile(r"^本帖最[后後]由\s*\S{1,20}?\s*[于於]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:编辑|編輯)$"),
         "a forum's edit notice: `本帖最後由 阿明 於 2020-3-2 10:20 編輯`"),
    Rule("doc-share-info", "page-header", re.compile(r"^(?:VIP\s*(?:免费下载|免費下載|专享|專享)?|免费下载|免費下載|立即下载|立即下載)?\s*"
                                                      r"(?:(?:下载积分|下載積分|积分|積分|页数|頁數|大小|文件大小|上传时间|上傳時間|上传者|上傳者|上传人|上傳人|贡献者|貢獻者|"
                                                      r"文档格式|文檔格式|格式|下载次数|下載次數|下载量|下載量)\s*[:：]\s*[^:：]{1,24}?\s*){2,}$"),
         "a document-sharing site's file facts: `VIP免费下载 下载积分：200 页数：5 页 大小：28.5 KB 上传时间：2017-04-12`"),
    Rule("preview-limit", "notice", re.compile(r"^.{0,6}(?:该|該|此|本)?(?:文档|文檔|文章).{0,20}(?:免费预览|免費預覽|预览范围|預覽範圍|可预览|可預覽|试读|試讀).{0,40}$"),
         "a document-sharing site's preview limit: `亲，该文档总共5页，到这儿已超出免费预览范围，如果喜欢就下载吧！`"),
    Rule("site-disclaimer", "notice", re.compile(r"^本站(?:为|為|是|只是|仅|僅|所有|部分|不).{0,200}(?:用户|用戶|上传|上傳|网友|網友).{0,200}(?:侵犯|侵权|侵權|版权|版權|著作权|著作權).{0,200}$"),
         "a document-sharing site's disclaimer: `本站为文档C2C交易模式，即用户上传的文档直接被用户下载，…如您发现上传作品侵犯了您的版权，…`"),
    Rule("site-nav-bar", "breadcrumb", re.compile(r"^.{0,24}?(?:首页|首頁).{0,60}?(?:登录|登錄)\s*[|/｜]?\s*(?:注册|註冊)$|"
                                                   r"^(?:(?:网站地图|網站地圖|联系我们|聯繫我們|使用帮助|使用幫助|关于我们|關於我們|网站声明|網站聲明|隐私政策|隱私政策|"
                                                   r"无障碍|無障礙|关怀版|關懷版|长者模式|長者模式|繁体版?|繁體版?|简体版?|簡體版?)\s*[|｜·/]?\s*){2,}$"),
         "a site's navigation bar: `原创力文档 首页 文档分类 … 登录 注册`, `网站地图 | 联系我们 | 使用帮助`"),
    Rule("ocr-debris", "ocr-debris", re.compile(r"^(?:[|｜¦]\s*){1,3}$|^[lIi!|｜¦]{1,2}$"),
         "an OCR'd scan's ruled lines and specks read as a line of their own: `|`, `| |`, `l`, `I`, `i` (a report has no such line)"),
    Rule("gazette-page-number", "page-number", re.compile(r"^[·•]\s*\d{1,3}\s*[·•]$"),
         "a government gazette's (政府公报) page number between middle dots, on a line of its own: `·23·`"),
    Rule("page-number-line", "page-number", re.compile(r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*[页頁](?:\s*[/，,]?\s*共\s*\d{1,3}\s*[页頁])?|\d{1,3}\s*/\s*\d{1,3})$"),
         "a page number on its own line from PDF extraction: `- 3 -`, `第3页 共9页`, `3/9`"),
    # Reposts on news portals, self-media platforms (搜狐号, 网易号, 今日头条), personal libraries (360doc), blogs and
    # document libraries (百度文库, 豆丁, 道客巴巴): their own chrome around the report.
    Rule("portal-channel-bar", "breadcrumb", re.compile(r"^\S{0,6}?(?:首页|首頁)\s*(?:(?:新闻|新聞|体育|體育|汽车|汽車|房产|房產|旅游|旅遊|教育|时尚|時尚|科技|财经|財經|娱乐|娛樂|军事|軍事|"
                                                         r"国内|國內|国际|國際|社会|社會|视频|視頻|图片|圖片|文化|历史|歷史|健康|母婴|母嬰|游戏|遊戲|数码|數碼|手机|手機|"
                                                         r"政务|政務|本地|热点|熱點|推荐|推薦|美食|生活|家居|女人|星座|读书|讀書|公益|更多|登录|登錄|注册|註冊)\s*[|｜·]?\s*){4,}$"),
         "a news portal's channel bar at the top of a repost: `搜狐首页 新闻 体育 汽车 房产 旅游 教育 时尚 科技 财经 娱乐 更多`"),
    Rule("site-breadcrumb", "breadcrumb", re.compile(r"^[^\s>＞»›。，,；;：:！!？?]{2,10}\s*(?:>|＞|»|›)(?:\s*[^>＞»›。，,；;：:！!？?]{1,20}\s*(?:>|＞|»|›))+\s*[^>＞»›。，,；;：:！!？?]{1,24}$"),
         "a platform's trail led by its own name (two or more `>`): `网易首页 > 网易号 > 正文 申请入驻`, `百度文库 > 行业资料 > 政务民生`"),
    Rule("self-media-byline", "page-header", re.compile(r"^(?:(?:原创|原創)\s*)?(?P<ry>\d{4})-(?P<rm>\d{1,2})-(?P<rd>\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*[·•]?\s*"
                                                        r"(?:(?:来源|來源)\s*[:：]\s*)?(?P<account>[^\s\d:：，,。|｜·]{2,20})?(?:\s*(?:发布于|發布於)\s*[:：]?\s*\S{2,8})?$"),
         "a self-media repost's byline, the repost's date (not the report's): `2020-01-15 10:23 · 来源：邵阳司法`, `原创 2022-01-26 16:40:12 来源: 金凤发布`,"
         " `原创2022-01-26 16:40·金凤发布`"),
    Rule("library-byline", "page-header", re.compile(r"^(?P<account>[^\s\d:：，,。|｜]{2,20}?)\s*(?P<ry>\d{4})-(?P<rm>\d{1,2})-(?P<rd>\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:(?:发布于|發布於)\s*\S{2,6})?"
                                                     r"(?:\s*[|｜]\s*(?:\d+\s*(?:次阅读|次閱讀|评论|評論|人阅读|人閱讀)|转藏|轉藏|献花\s*[(（]\d+[)）]|獻花\s*[(（]\d+[)）]|分享|举报|舉報))+$"),
         "a personal library's byline, the date the user saved the page: `政务资料小馆 2015-04-07 发布于云南 | 86 次阅读 | 0 评论 | 转藏 | 献花(0) | 分享`"),
    Rule("library-from", "page-header", re.compile(r"^(?:来自|來自)\s*[:：]\s*\S{1,20}\s*(?:>|＞)\s*《[^》\n]{1,24}》$"),
         "a personal library's folder line: `来自: 政务资料小馆 > 《政务公开》`"),
    Rule("original-title", "page-header", re.compile(r"^(?:原标题|原標題)\s*[:：]\s*\S.{0,80}$"),
         "a repost's note of the original headline: `原标题：邵阳市司法局2019年政府信息公开工作年度报告`"),
    Rule("author-card", "page-buttons", re.compile(r"^(?:(?:作者头像|作者頭像|头像|頭像|\+\s*(?:关注|關注)|(?:关注|關注|已关注|已關注)|查看TA的文章\s*[>＞]?|"
                                                  r"(?:粉丝|粉絲|文章|总阅读|總閱讀|获赞|獲讚|关注|關注|作品)\s*[\d.]+\s*(?:万|萬|w|W|k|K)?|[\d.]+\s*(?:万|萬|w|W|k|K)?\s*(?:粉丝|粉絲|获赞|獲讚|总阅读|總閱讀))"
                                                  r"\s*[·|｜]?\s*)+$"),
         "a self-media author card: `作者头像`, `粉丝 3245 · 文章 1286`, `+关注`, `1.2万粉丝`, `关注`"),
    Rule("image-caption", "image-caption", re.compile(r"^(?:[▲△↑]\s*[^。！？!?\n]{2,40}|(?:图为|圖為|图片来源|圖片來源)\s*[:：]?[^。！？!?\n]{2,40}|[（(](?:图片来源|圖片來源|图源|圖源)\s*[:：][^）)\n]{1,30}[）)])$"),
         "a repost's image caption on a line of its own: `▲市司法局门户网站政府信息公开专栏`, `图为金凤区政务服务中心政务公开专区`, `（图片来源：网络）`"),
    Rule("platform-buttons", "page-buttons", re.compile(r"^(?:(?:点击查看大图|點擊查看大圖|点击图片查看大图|查看原图|查看原圖|返回搜狐[，,]?\s*查看更多|"
                                                       r"(?:阅读|閱讀)\s*[(（]\s*[\d.]+\s*(?:万|萬)?\s*[)）]|分享至好友和朋友圈|用微信扫码二维码|用微信掃碼二維碼|打开网易新闻\s*查看精彩图片|申请入驻|"
                                                       r"转藏到我的图书馆|轉藏到我的圖書館|转藏|轉藏|全屏|打印|分享|献花\s*[(（]\d+[)）]|獻花\s*[(（]\d+[)）]|\+1|举报\s*/\s*认领|舉報\s*/\s*認領|"
                                                       r"立即下载|立即下載|VIP专享文档|VIP專享文檔|(?:共享|付费|付費|免费|免費)(?:文档|文檔))\s*[|｜·]?\s*)+$"),
         "a platform's buttons on a line of their own: `点击查看大图`, `返回搜狐，查看更多`, `阅读 (123)`, `分享至好友和朋友圈`,"
         " `转藏 全屏 打印 分享 献花(0)`, `举报/认领`, `立即下载`, `VIP专享文档`"),
    Rule("empty-credit-line", "page-header", re.compile(r"^[（(\[【]?\s*(?:责任编辑|責任編輯|编辑|編輯|审核|審核|作者|来源|來源)\s*[:：]\s*[）)\]】]?$"),
         "a credit line left empty: `责任编辑：`"),
    Rule("platform-statement", "notice", re.compile(r"^(?:(?:特别声明|特別聲明|平台声明|平台聲明|声明|聲明)\s*[:：].{0,80}(?:信息发布平台|信息發布平台|信息存储|信息存儲|自媒体平台|自媒體平台|观点仅代表|觀點僅代表).{0,200}|"
                                                       r"Notice\s*[:：]\s*The content above.{0,300})$"),
         "a self-media platform's statement after the text: `声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。`,"
         " `特别声明：以上内容…为自媒体平台“网易号”用户上传并发布…`, `Notice: The content above …`"),
    Rule("doc-contributor", "page-header", re.compile(r"^(?:文档贡献者|文檔貢獻者|贡献者|貢獻者|上传者|上傳者)?\s*(?:[^\s\d:：]{2,20}\s+)?(?:贡献于|貢獻於|上传于|上傳於)\s*(?P<ry>\d{4})-(?P<rm>\d{1,2})-(?P<rd>\d{1,2})$|^(?:文档贡献者|文檔貢獻者)$"),
         "a document library's contributor and upload date: `文档贡献者`, `贡献于2024-02-02` (the upload's date, not the report's)"),
    Rule("doc-library-info", "page-header", re.compile(r"^(?:(?:下载券|下載券)\s*\d+|\d+\s*(?:下载券|下載券)|\d+\s*(?:页|頁)|[\d.]+\s*(?:万|萬)?\s*(?:阅读|閱讀|人阅读|人閱讀|次下载|次下載|下载|下載)|"
                                                      r"[\d.]+\s*(?:KB|MB|kb|mb))(?:\s*[·|｜]\s*(?:(?:下载券|下載券)\s*\d+|\d+\s*(?:下载券|下載券)|\d+\s*(?:页|頁)|[\d.]+\s*(?:万|萬)?\s*(?:阅读|閱讀|人阅读|人閱讀|次下载|次下載|下载|下載)|[\d.]+\s*(?:KB|MB|kb|mb)))+$"),
         "a document library's file facts run together: `下载券 2 · 6页 · 1.2万阅读`"),
    Rule("read-end", "notice", re.compile(r"^(?:阅读已结束|閱讀已結束)[，,]\s*(?:如果|若)?(?:下载|下載)本文需要使用\s*\d+\s*(?:下载券|下載券)$"),
         "a document library's end of preview: `阅读已结束，如果下载本文需要使用2下载券`"),
    Rule("doc-share-blurb", "notice", re.compile(r"^《[^》\n]{2,80}》由(?:会员|會員|用户|用戶)分享[，,]\s*可在线阅读[，,]\s*更多相关《[^》\n]{2,80}》请在\S{2,12}上搜索。?$"),
         "a document-sharing site's blurb: `《…年度报告.docx》由会员分享,可在线阅读,更多相关《…(6页珍藏版)》请在冰豆网上搜索。`"),
    Rule("blog-header", "breadcrumb", re.compile(r"^\S{1,20}的(?:博客|部落格|个人空间|個人空間)$|^https?://blog\.\S+(?:\s*[\[【](?:订阅|訂閱|手机订阅|手機訂閱)[\]】])+$|"
                                                 r"^(?:(?:首页|首頁|博文目录|博文目錄|图片|圖片|关于我|關於我|相册|相冊|音乐|音樂)\s*[|｜]?\s*){3,}$|^正文\s*(?:字体大小|字體大小)\s*[:：]\s*大\s*中\s*小$"),
         "a blog's header: `鷺島閒人的博客`, `http://blog.sina.com.cn/… [訂閱] [手機訂閱]`, `首頁 博文目錄 圖片 關於我`, `正文 字體大小：大 中 小`"),
    Rule("blog-toolbar", "page-buttons", re.compile(r"^(?:(?:阅读|閱讀|评论|評論|收藏|转载|轉載|喜欢|喜歡|打印|举报|舉報)\s*(?:[(（]\s*\d+\s*[)）]|\d+)?\s*[▼▾]?\s*[┊|｜]?\s*){3,}$|"
                                                  r"^(?:分享|喜欢|喜歡|赠金笔|贈金筆|已投稿到|排行榜)\s*[:：]?\s*\d*$"),
         "a blog post's toolbar: `閱讀(52) ┊ 評論(1) ┊ 收藏(0) ┊轉載(2) ┊ 喜歡▼ ┊打印┊舉報`, `分享：`, `贈金筆`, `已投稿到：`"),
    Rule("portal-footer-links", "site-footer", re.compile(r"^(?!.*\d)(?=.*(?:关于我们|關於我們|联系我们|聯繫我們|广告服务|廣告服務|招聘信息|网站律师|網站律師|About|隐私|隱私|简介|簡介))"
                                                         r"(?:[^|｜\n]{2,14}[|｜]){3,}[^|｜\n]{2,14}$|^.{0,20}(?:意见反馈|意見反饋)(?:留言板)?.{0,60}$"),
         "a portal's footer links and feedback line: `新浪簡介 | About Sina | 廣告服務 | 聯繫我們 | …`, `新浪BLOG意見反饋留言板 電話：…`"),
    # Traditional-script content farms and Hong Kong/Macau news sites (fixtures u50, u54)
    Rule("site-login-bar", "breadcrumb", re.compile(r"^[^。！？!?]{0,80}?(?:登入|登录|登錄)\s*[|/｜]?\s*(?:註冊|注册|注冊)$"),
         "a site's top bar ending in its login links, as Hong Kong and Taiwan sites write them: `港澳範文網 - 工作報告 年度報告 … | 登入 | 註冊`"),
    Rule("farm-reference-note", "notice", re.compile(r"^(?:呢篇|這篇|这篇|本篇|此篇|本)(?:範文|范文|文章|文)[^。！!\n]{0,20}(?:僅供|仅供)(?:參考|参考|學習|学习)[^。\n]{0,4}[！!。]?$"),
         "a content farm's note that its piece is for reference only, also in Cantonese: `呢篇範文係網友分享嘅，僅供參考㗎！`"),
    Rule("share-platforms", "page-buttons", re.compile(r"^[^。！？\n]{0,12}(?:分享|分享到|分享至|分享畀|分享給|分享给)[^。\n]{0,6}[:：]\s*"
                                                       r"(?:(?:Facebook|WhatsApp|Twitter|LINE|Line|Telegram|微信|微博|新浪微博|QQ空間|QQ空间|QQ|複製連結|複製鏈接|复制链接)\s*){2,}$"),
         "a repost's share row naming social networks: `分享：Facebook WhatsApp 微信 微博`, `喜歡就分享畀朋友啦：Facebook WhatsApp 微信`"),
    Rule("repost-credit", "page-header", re.compile(r"^[（(]?\s*(?:轉載自|转载自|轉自|转自|本文轉自|本文转自)\s*[:：]\s*[^。\n]{2,120}?[）)]?$"),
         "a reposting site's credit line naming the original: `（轉載自：中山市市場監督管理局網站，原題為《…》）`"),
    Rule("repost-copyright", "site-footer", re.compile(r"^[【\[]?[^\s【】。]{2,20}[】\]]?\s*(?:版權所有|版权所有)\s*[，,]\s*(?:轉載|转载|未經|未经)[^。\n]{0,20}[。！!]?$"),
         "a news site's copyright note under an article: `【澳門頭條網】版權所有，轉載請註明出處。`"),
)

# Government portals' own chrome (provincial, municipal and county portals, their 政府信息公开 columns; fixtures
# u36–u40, tests/test_ingest_unseen_portal.py): the portal's name in its header, its accessibility and language
# toolbar, the search box, today's date, the channel bar, QR-code prompts and an attachment's link line. Whole lines,
# applied before LINE_RULES and HEAD_RULES (a title rule must not cut `.docx` off an attachment's link first).
PORTAL_LINE_RULES: tuple[Rule, ...] = (
    Rule("portal-name", "breadcrumb", re.compile(
        r"^(?P<portal>[\u4e00-\u9fff]{2,24}?(?:人民政府|政府))(?:门户网站|門戶網站|门户网|門戶網|网站|網站)$|"
        r"^(?:政府信息公开专栏|政府信息公開專欄|政府信息公开平台|政府信息公開平台|政务公开专栏|政務公開專欄)$"),
        "a portal's name in its header on a line of its own (the site): `青海省人民政府门户网站`, `衡阳市祁东县人民政府门户网站`;"
        " the column's name `政府信息公开专栏`"),
    Rule("portal-toolbar", "breadcrumb", re.compile(
        r"^(?:(?:无障碍浏览|無障礙瀏覽|无障碍阅读|無障礙閱讀|无障碍|無障礙|长者模式|長者模式|关怀版|關懷版|适老版|適老版|English|ENGLISH|EN|"
        r"繁體版?|繁体版?|简体版?|簡體版?|手机版|手機版|移动版|移動版|个人登录|個人登錄|法人登录|法人登錄|登录|登錄|注册|註冊)\s*[|｜·/]?\s*){3,}$"),
        "a portal's accessibility and language toolbar: `无障碍浏览 | 长者模式 | English | 繁體`"),
    Rule("portal-search-box", "page-buttons", re.compile(
        r"^(?:请输入|請輸入)(?:关键字|关键词|關鍵字|關鍵詞|搜索内容|搜索內容|检索内容|檢索內容|您要搜索的内容)?\s*(?:搜索|搜尋|检索|檢索|查询|查詢)?\s*(?:高级搜索|高級搜索|高级检索|高級檢索)?$|"
        r"^(?:站内搜索|站內搜索|全站搜索|高级搜索|高級搜索|高级检索|高級檢索)$"),
        "a portal's search box copied as text: `请输入关键字 搜索`, `站内搜索`, `高级搜索`"),
    Rule("portal-date-line", "page-header", re.compile(
        r"^(?:今天是\s*[:：]?\s*)?\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周|禮拜|礼拜)[一二三四五六日天]"
        r"(?:\s*(?:农历|農曆)\s*[^\s\d]{2,10})?(?:\s*[^\s。，,；;：:]{1,8}\s*-?\d{1,2}\s*(?:℃|°C)?(?:\s*[~～-]\s*-?\d{1,2}\s*(?:℃|°C))?)?$"),
        "a portal's date (and weather) line, the day the page was viewed, not published: `2023年1月28日 星期六 农历正月初七`"),
    Rule("portal-nav-bar", "breadcrumb", re.compile(
        r"^(?:首页|首頁|网站首页|網站首頁)(?:\s*[|｜·]?\s*(?:要闻动态|要聞動態|要闻|要聞|新闻中心|新聞中心|新闻动态|新聞動態|政务动态|政務動態|政务公开|政務公開|"
        r"信息公开|信息公開|政府信息公开|政府信息公開|政务服务|政務服務|办事服务|辦事服務|网上办事|網上辦事|互动交流|互動交流|政民互动|政民互動|公众参与|公眾參與|"
        r"数据开放|數據開放|专题专栏|專題專欄|走进[\u4e00-\u9fff]{2,4}?|走進[\u4e00-\u9fff]{2,4}?|魅力[\u4e00-\u9fff]{2,4}?|投资[\u4e00-\u9fff]{2,4}?|"
        r"机构概况|機構概況|领导信息|領導信息))+$"),
        "a portal's channel bar: `首页 要闻动态 政务公开 政务服务 互动交流 数据开放 走进洛阳`, `首页 | 政务公开 | 政务服务 | 互动交流 | 走进雁塔`"),
    Rule("qr-prompt", "page-buttons", re.compile(
        r"^(?:微信|手机|手機)?(?:扫一扫|掃一掃|扫码|掃碼|扫描二维码|掃描二維碼)\s*[，,]?\s*(?:分享到朋友圈|分享给好友|分享給好友|关注[^。，,；;]{0,16}|關注[^。，,；;]{0,16}|"
        r"在手机(?:上)?(?:打开|查看|阅读)[^。，,；;]{0,8}|在手機(?:上)?(?:打開|查看|閱讀)[^。，,；;]{0,8}|下载[^。，,；;]{0,10}|下載[^。，,；;]{0,10})$|"
        r"^[^\s。，,；;：:]{2,20}(?:微信公众号|微信公眾號|政务微信|政務微信|政务微博|政務微博|官方微博|手机版|手機版)(?:二维码|二維碼)?$"),
        "a portal's QR-code prompts: `微信扫一扫，分享到朋友圈`, `扫码关注“洛阳发布”`, `洛阳市人民政府微信公众号`"),
    Rule("attachment-link", "page-buttons", re.compile(
        r"^(?:附件|附件下载|附件下載|相关附件|相關附件)\s*[:：]?\s*(?:\d{1,2}\s*[.、．]\s*)?[^\s。；;]{2,80}?\.(?:docx?|DOCX?|pdf|PDF|wps|WPS|xlsx?|XLSX?|et|ofd|OFD|zip|rar)"
        r"(?:\s*[(（]\s*[\d.]+\s*[KkMm]?B?\s*[)）])?$"),
        "a page's link to the report's file: `附件：济宁市医疗保障局2021年政府信息公开工作年度报告.docx` (the report's list of"
        " attachments, `附件：1.政府信息公开指南`, names no file and stays)"),
    Rule("page-count", "page-buttons", re.compile(r"^共\s*\d{1,3}\s*[页頁](?:\s*[,，/|｜]?\s*(?:当前|當前)?第\s*\d{1,3}\s*[页頁])?$|"
                                                  r"^(?:当前|當前)第\s*\d{1,3}\s*[页頁]\s*[,，/|｜]?\s*共\s*\d{1,3}\s*[页頁]$"),
         "a paged article's page count under its pager: `共3页`, `共3页 第1页` (`第2页` alone is a `page-number-line`)"),
    Rule("pagination", "page-buttons", re.compile(r"^(?=.*(?:上一页|上一頁|下一页|下一頁|尾页|尾頁|末页|末頁))(?:共\s*\d+\s*(?:页|頁|条|條)|首页|首頁|上一页|上一頁|"
                                                  r"下一页|下一頁|尾页|尾頁|末页|末頁|当前第?\s*\d+\s*(?:页|頁)?|第?\s*\d+\s*(?:页|頁)?|跳转到?|跳轉到?|GO|Go|go|[\s|｜/:：，,])+$"),
         "a list page's pagination: `共5页 首页 上一页 1 2 3 下一页 尾页`"),
)

# Copies taken from web archives and caches (fixtures u55–u59, tests/test_ingest_unseen_archive.py): the archive's own
# chrome above the agency's page. Whole lines, applied before every other rule; the lines they match say which page was
# copied (`url`) and when the copy was taken (`retrieved`). The Wayback Machine's toolbar and archive.today's header are
# blocks (`_archive_pages`): their short Latin lines (`Go`, `FEB MAR APR`, `2020 2021 2022`) go only inside the block.
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_EN_DATE = r"(?P<ed>\d{1,2})\s+(?P<em>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+(?P<ey>\d{4})"
ARCHIVE_LINE_RULES: tuple[Rule, ...] = (
    Rule("wayback-head", "archive-chrome", re.compile(
        r"^(?:The\s+)?Wayback\s+Machine\s*[-–—:：]?\s*https?://web\.archive\.org/web/(?P<ts>\d{8,14})(?:[a-z]{2}_)?/(?P<url>https?://\S+|[\w.-]+\.\w{2,}\S*)$"),
        "the Wayback Machine's first line over a capture: `The Wayback Machine - https://web.archive.org/web/20210315083012/http://…`"
        " (the capture's time → source.retrieved, the address inside → source.url; the toolbar under it goes with it)"),
    Rule("archive-today-line", "archive-chrome", re.compile(
        r"^(?:archive\.(?:today|ph|is|li|md|vn|fo)(?:\s+webpage\s+capture)?|webpage\s+capture|"
        r"Saved\s+from\s*(?P<url>https?://\S+)?|(?:archived\s+)?" + _EN_DATE + r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*UTC|"
        r"no\s+other\s+snapshots\s+from\s+this\s+url|All\s+snapshots\s*(?:from\s+host\s+\S+)?|from\s+host\s+\S+|"
        r"(?:(?:Webpage|Screenshot|share|download\s+\.zip|report\s+bug\s+or\s+abuse|Buy\s+me\s+a\s+coffee|search)\s*)+)$", re.I),
        "archive.today's (archive.ph's) header over a snapshot: `archived 12 Jan 2022 08:31:17 UTC` (→ source.retrieved), `Saved from"
        " http://…` (→ source.url), `All snapshots from host www.….gov.cn`, `Webpage Screenshot`, `share download .zip report bug or abuse Buy me a coffee`"),
    Rule("search-cache-note", "archive-chrome", re.compile(
        r"^这是\s*Google\s*对\s*(?P<url>https?://\S+?)\s*的缓存。\s*(?:这是该网页在\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日[^。]{0,30}的快照。)?.{0,80}$|"
        r"^[（(]?\s*百度和网页\s*(?P<url2>https?://\S+?)\s*的作者无关[，,]\s*不对其内容负责。.{0,80}$|"
        r"^(?:这是百度快照|百度快照)(?:[。.]\s*如果打不开[^\n]{0,40})?$|^您查询的关键词是\s*[:：][^\n]{0,60}?(?:如果打开速度慢|如果想保存快照)[^\n]{0,80}$"),
        "a search engine's cache note over its copy: Google's `这是 Google 对 http://… 的缓存。 这是该网页在 2019年6月3日 08:12:31 GMT 的快照。…`"
        " (the address → source.url, the day → source.retrieved), 百度快照's `这是百度快照。如果打不开，请点击…`, `百度和网页http://…的作者无关，不对其内容负责。…`"),
    Rule("search-cache-buttons", "archive-chrome", re.compile(
        r"^(?:(?:完整版本|纯文字版本|查看源代码|了解详情)\s*[.。]?\s*)+$|^提示\s*[:：]\s*要在此页面上快速找到您的搜索字词.{0,80}$"),
        "Google cache's buttons and tip: `完整版本 纯文字版本 查看源代码`, `提示：要在此页面上快速找到您的搜索字词，请按 Ctrl+F …`"),
    Rule("warc-header", "archive-chrome", re.compile(
        r"^(?:WARC/1\.[01]|WARC-Target-URI:\s*(?P<url>https?://\S+)|WARC-Date:\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})T[\d:.]+Z?|"
        r"WARC-[A-Za-z-]+:.*)$"),
        "a web crawl's WARC record header over the page's text (Common Crawl's WET files: `WARC/1.0`, `WARC-Type: conversion`,"
        " `WARC-Target-URI: http://…` → source.url, `WARC-Date: 2021-04-18T03:12:45Z` → source.retrieved, `WARC-Record-ID: <urn:uuid:…>`;"
        " the `Content-Type:`/`Content-Length:` lines under `WARC/1.0` go with it)"),
    Rule("mobile-page-buttons", "page-buttons", re.compile(
        r"^(?:(?:返回顶部|回到顶部|返回顶端|返回首页|打开\s*APP|打开\s*App|APP\s*内打开|App\s*内打开|在\s*APP\s*中打开|下载\s*APP|下载客户端|电脑版|PC版|触屏版|手机版|"
        r"分享到\s*(?:微信好友|微信|朋友圈|微博|QQ空间|QQ好友|QQ)|扫码分享|复制链接|字号\s*[+＋-－]|收藏)\s*[|｜·/]?\s*)+$"),
        "a mobile page's buttons on a line of their own: `返回顶部`, `打开APP`, `电脑版 | 手机版`, `分享到微信 分享到朋友圈 分享到微博`"),
)
# A mobile page's bottom tab bar copied one item a line: `首页`⏎`政务公开`⏎`办事服务`⏎`互动交流` (three or more, `首页` first);
# its trail the same way, into the 政府信息公开 column: `首页`⏎`政务公开`⏎`政府信息公开年报` (PORTAL_MENU_ITEM).
TAB_BAR_ITEM = re.compile(r"^(?:政务公开|政務公開|信息公开|信息公開|办事服务|辦事服務|政务服务|政務服務|互动交流|互動交流|政民互动|政民互動|新闻资讯|新聞資訊|"
                          r"要闻|要聞|数据开放|數據開放|专题专栏|專題專欄|我的|个人中心|個人中心|服务|服務|互动|互動|资讯|資訊)$")
TAB_BAR_MIN = 3
# The Wayback Machine's toolbar under its first line, Latin text only, to its last line `TIMESTAMPS`; without that line
# only lines of the toolbar's own vocabulary go.
WAYBACK_END = re.compile(r"^TIMESTAMPS$", re.I)
WAYBACK_LINE = re.compile(r"^(?:https?://\S+|Go|\d[\d,]*\s+captures?|" + _EN_DATE.replace("?P<", "?P<a") + r"\s*[-–—]\s*" + _EN_DATE.replace("?P<", "?P<b") +
                          r"|(?:(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*){1,3}|(?:\d{1,2}\s*){1,3}|(?:(?:19|20)\d\d\s*){1,3}|success|fail|"
                          r"About this capture|COLLECTED BY|(?:Organization|Collection)\s*:.*|TIMESTAMPS|loading|Close|Help|Dismiss)$", re.I)
ARCHIVE_TODAY_END = re.compile(r"(?:Buy\s+me\s+a\s+coffee|report\s+bug\s+or\s+abuse)$", re.I)
ARCHIVE_BLOCK_MAX = 40
WARC_FIELD = re.compile(r"^[A-Za-z][\w-]{1,40}:\s*\S.*$")  # a WARC record's header field: `Content-Type: text/plain`, `isPartOf: CC-MAIN-2021-17`

# A CMS's JSON API response (decode.unwrap_json wrote each value as `$.path: value`; fixture u62): the record's fields are
# the page's header (title, date, source, address: facts), the body its longest Chinese value, on lines of its own.
RECORD_LINE_RULES: tuple[Rule, ...] = (
    Rule("json-field", "page-header", re.compile(r"^\$(?P<path>(?:\.[A-Za-z_$][\w$-]*|\[[^\]\n]{1,80}\])+):(?:\s(?P<value>.*))?$"),
         "a field of a JSON API response as decode.unwrap_json writes it: `$.data.title: …` (→ the title when the text has none),"
         " `$.data.publishTime: 2022-01-20 10:00:00` (→ source.published), `$.data.source: …` (→ source.site), `$.code: 200`, `$.msg: 操作成功`"),
)
RECORD_TITLE_KEYS = frozenset({"title", "doctitle", "articletitle", "newstitle", "infotitle", "maintitle", "contenttitle"})
RECORD_DATE_KEYS = frozenset({"publishtime", "publishdate", "pubdate", "pubtime", "releasetime", "releasedate", "publishedtime",
                              "publishedat", "issuedate", "docpubtime", "fbsj", "fbrq"})
RECORD_SITE_KEYS = frozenset({"source", "sourcename", "sitename", "origin", "ly"})
RECORD_URL_KEYS = frozenset({"url", "link", "docurl", "weburl", "articleurl", "pageurl"})

# Reader conversions (Jina Reader, html2text, browser "reader" exports; fixture u60): the page saved as Markdown under a
# header of its own. On such a page only (`_reader_pages`: the header, or three links `[…](http…)`), the Markdown syntax is
# no part of the text: links keep their text and lose their address, images go, `**`/`#`/bullets/rules/escapes go.
READER_MARK = re.compile(r"^(?:Markdown Content:|URL Source:\s*https?://\S+)$", re.M)
READER_LINKS = re.compile(r"\]\((?:https?://|javascript:|/)")
READER_LINKS_MIN = 3
_MD_URL = r"(?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?"
MARKDOWN_CAPTION_ROW = re.compile(r"^\|\s*(?P<cell>[^|\s][^|]*?)\s*\|$")  # `| 第二十条第（一）项 |`
READER_LINE_RULES: tuple[Rule, ...] = (
    Rule("reader-header", "page-header", re.compile(
        r"^(?:Title:\s*\S.*|URL Source:\s*(?P<url>https?://\S+)|Published Time:\s*(?P<ry>\d{4})-(?P<rm>\d{2})-(?P<rd>\d{2})\S*|"
        r"Markdown Content:|Warning:\s.*|Description:\s.*)$"),
        "a reader conversion's header (Jina Reader): `Title: …`, `URL Source: http://…` (→ source.url), `Published Time: 2023-01-18T09:30:00+08:00`"
        " (→ source.published when the page shows no date of its own), `Markdown Content:`"),
    Rule("markdown-rule", "markdown-markup", re.compile(r"^(?:(?:[-*_]\s*){3,}|={3,})$"),
         "a Markdown rule or a heading's underline on a line of its own: `* * *`, `---------------------------`, `===============`"),
    Rule("markdown-table-rule", "markdown-markup", re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$"),
         "a Markdown table's delimiter row under its first row: `|---|---|---|---|`, `| :--- | ---: |` (the table's rows stay; a table"
         " whose rows fit is rebuilt with its own; a converter's one-cell caption row `| 第二十条第（一）项 |` above wider rows no longer"
         " hides them)"),
    Rule("markdown-link-menu", "breadcrumb", re.compile(rf"^[*+-]\s+\[[^\]\n]*\]\({_MD_URL}\)$"),
         "a menu copied as a Markdown list of links, one item a line, two or more in a row: `*   [首页](http://…)`⏎`*   [政务公开](http://…)`"),
)
READER_INLINE_RULES: tuple[Rule, ...] = (
    Rule("markdown-image", "image-caption", re.compile(rf"!\[[^\]\n]*\]\({_MD_URL}\)"),
         "an image in Markdown, its alt text with it: `![Image 2: 吴兴区农业农村局政府信息公开专栏](http://…/2301180930123.jpg)`"),
    Rule("markdown-link", "markdown-markup", re.compile(rf"(?<!\\)\[(?P<text>[^\[\]\n]*)\]\({_MD_URL}\)"),
         "a Markdown link: its text stays, its address goes: `依托[吴兴区人民政府门户网站](http://www.wuxing.gov.cn/)和…` → `依托吴兴区人民政府门户网站和…`"),
    Rule("markdown-emphasis", "markdown-markup", re.compile(r"(?<!\\)(?:\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)(?<!\\)(?:\*\*|__)"),
         "bold marks around a heading or a phrase: `**一、总体情况**` → `一、总体情况`"),
    Rule("markdown-heading-mark", "markdown-markup", re.compile(r"^#{1,6}\s+|\s+#{1,6}$"),
         "an ATX heading's marks: `## 湖州市吴兴区人民政府` → `湖州市吴兴区人民政府`"),
    Rule("markdown-bullet", "markdown-markup", re.compile(r"^[*+]\s+(?=\S)|^-\s{2,}(?=\S)"),
         "a Markdown list item's bullet: `*   湖州市农业农村局` → `湖州市农业农村局`"),
    Rule("markdown-escape", "markdown-markup", re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~<])"),
         "a backslash the converter put before punctuation Markdown would read: `1\\. 丰富解读形式` → `1. 丰富解读形式`, `\\>` → `>`"),
)

# Page text in a language other than Chinese (pages of ethnic autonomous areas: Uyghur, Kazakh and Kyrgyz in Arabic script,
# Mongolian, Tibetan, Yi, Korean; fixture u63): the header, menu and footer in both languages, sometimes a translation of
# the report after it. A report given in full in Chinese is the report; the other language's lines go to the log whole.
MINORITY_CLASS = ("\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"  # Arabic script (Uyghur, Kazakh, Kyrgyz)
                  "\u1800-\u18af"  # Mongolian
                  "\u0f00-\u0fff"  # Tibetan
                  "\ua000-\ua4cf"  # Yi
                  "\uac00-\ud7af\u1100-\u11ff")  # Korean (Hangul)
_CHINESE_NAME = r"中文|汉文|漢文|汉语|漢語|简体|繁體|繁体|English|ENGLISH|EN|维吾尔文|維吾爾文|维文|蒙古文|蒙文|藏文|哈萨克文|哈薩克文|朝鲜文|朝鮮文|彝文"
_LANGUAGE_NAME = rf"(?:[{MINORITY_CLASS}]+(?: [{MINORITY_CLASS}]+)*|{_CHINESE_NAME})"
_MINORITY_RUN = rf"[{MINORITY_CLASS}](?:[{MINORITY_CLASS}\s\d،؛؟.\-]*[{MINORITY_CLASS}])?"
LANGUAGE_LINE_RULES: tuple[Rule, ...] = (
    Rule("other-language-line", "other-language", re.compile(rf"^(?![^\n]*[{HAN_CLASS}A-Za-z])(?=[^\n]*[{MINORITY_CLASS}]{{2}})[^\n]+$"),
         "a line in another language's script, with no Chinese character: `باش بەت` (Uyghur: home page), `ھۆكۈمەت ئۇچۇرلىرىنى ئاشكارىلاش`,"
         " a translation's paragraphs"),
    Rule("language-switch", "breadcrumb", re.compile(
        rf"^(?=.*[{MINORITY_CLASS}])(?=.*(?:{_CHINESE_NAME})){_LANGUAGE_NAME}(?:\s*[|｜/·]\s*{_LANGUAGE_NAME})+$"),
        "a bilingual site's language switch: `ئۇيغۇرچە | 中文`, `ᠮᠣᠩᠭᠣᠯ | 中文`"),
)
LANGUAGE_INLINE_RULES: tuple[Rule, ...] = (
    Rule("other-language-run", "other-language", re.compile(rf"(?<=[{HAN_CLASS}])\s*{_MINORITY_RUN}\s*[:：]?|^\s*{_MINORITY_RUN}(?:\s*[:：]\s*[\d\-/.: ]*)?\s*(?=[{HAN_CLASS}])"),
         "another language's words beside the Chinese on one line: `阿克苏地区生态环境局 ئاقسۇ ۋىلايەتلىك ئېكولوگىيىلىك مۇھىت ئىدارىسى`;"
         " a field in the other language before the Chinese ones: `ئېلان قىلىنغان ۋاقىت: 2022-01-28 来源：…` (its value a date or number)"),
)
# A report of more than this many characters in another language left out is likely a translation: the report says so.
OTHER_LANGUAGE_NOTE_MIN = 200

# A paged article saved page by page and joined (fixture u64): each page repeats the page's head (title, 发布时间/来源,
# 字号) and ends with its pager (`上一页 1 2 3 下一页 尾页`, `共3页 第1页`). Where a pager is followed by lines of the
# first page's head, the pager and the repeated head go, and a sentence the page break cut is joined again.
PAGE_HEAD_MAX = 12  # the first page's head: its first lines up to the first sentence or long line, at most this many

# Rules that need code beyond a regex (annotation readings, counting pages, comparing lines); named
# here so tests and docs can list every rule.
CODE_RULES: dict[str, str] = {
    "reading-annotation": "pinyin after a character that is one of its readings: `報(bào)告`, `號(hào)(hao)`; `組織(WTO)` stays",
    "eaten-by-annotation": "an annotation that ate its character: `辦理?xiàng)l件` → `辦理〓件` (logged as unrecoverable)",
    "replacement-character": "U+FFFD left by an earlier bad decode → `〓` (logged as unrecoverable)",
    "infobox": "Baike's infobox and contents: `中文名…主办方…时间…性质…目录1基本概述2主要内容` (facts kept as metadata)",
    "wiki-section-head": "the entry title before a section name and `编辑` after it: `湖南省公安厅…工作基本概述编辑` → `基本概述`;"
                         " newer pages' `主要内容播报编辑` → `主要内容`",
    "page-header": "a line of page-header fields: `時間:2023-02-09 09:54:02 | 來源:營銷百科` (date → source.published, 来源 → site)",
    "glued-page-number": "page numbers counting up at line starts: `1(一)加强`, `2影响力` (the split sentence is rejoined)",
    "repeated-line": "a line repeated right after itself: the title printed twice",
    "repeated-title-prefix": "a line repeated as the start of the next line: `…年度報告建` before `…年度報告建設目標:`",
    "preview-copy": "a preview cut with `……` whose 20+ characters start a later paragraph (a document-sharing site's"
                    " `文档简介`): the preview goes, the paragraph stays (logged as repeated-paragraph)",
    "account-line": "the name of a repost's account alone on a line: the one its byline names (`来源：邵阳司法` … `邵阳司法`), or the"
                    " name under an author or contributor label (`作者头像`⏎`邵阳司法`, `文档贡献者`⏎`秦州教育在线`)",
    "button-count": "a bare count between two of a page's buttons: `举报`⏎`0`⏎`分享至`, `喜歡`⏎`0`⏎`贈金筆`",
    "running-head": "a PDF's running header or footer: a short line (8+ Han characters, no sentence end) printed 3+ times,"
                    " at least twice next to a page number (`秦州区教育局政府信息公开工作年度报告`⏎…⏎`第 1 页 / 共 6 页`⏎`秦州区教育局…`): every copy goes",
    "comment-thread": "readers' comments after the text: from a comments marker (`評論區`, `发表评论`, `[發評論]`, `评论 重要提示：警惕虚假中奖信息`)"
                      " to the end, when nothing after it is a section or a long paragraph",
    "meta-table-cells": "a portal's metadata table of the national standard copied one cell a line near the top: three or more"
                        " label lines (`索引号：`, `发文机关：`, `发布日期：`, …) each followed by its value line (`2020-01-21`); both go"
                        " (发布日期 → source.published, 发文机关 → agency when the title names none, 标题 → the title when the text has none)",
    "portal-side-menu": "a 政府信息公开 column's side menu, one item a line, three or more in a row: `政府信息公开指南`⏎`政府信息公开制度`⏎"
                        "`法定主动公开内容`⏎`政府信息公开目录`⏎`政府信息公开年报`⏎`依申请公开`",
    "page-footnote": "a footnote at the foot of a PDF page (`①含区政府门户网站发布信息98条…`) between a sentence the page break cut and its"
                     " rest: it moves after the end of that sentence, so the sentence is whole again and the footnote follows it",
    "ocr-misread-digit": "an OCR'd number with a letter read for a digit, before a unit: `2O10年` → `2010年`, `l2件` → `12件`"
                         " (O/o → 0, l/I → 1; only inside a number that has a real digit; logged as ocr-misread)",
    "ocr-unreadable": "an OCR'd scan's box for a character it could not read, between Chinese characters: `政府信息□开` → `政府信息〓开`"
                      " (logged as unrecoverable)",
    "column-list": "a portal column's list of links, three or more lines of a title and its date in a row:"
                   " `信州区财政局2021年政府信息公开工作年度报告 2022-01-27` (logged as related-reading; a page holding nothing else"
                   " is a list page, no report: convert_bytes says so)",
    "wayback-toolbar": "the Wayback Machine's toolbar under its first line (`wayback-head`): Latin lines only (`http://…`, `Go`,"
                       " `127 captures`, `15 Mar 2021 - 20 Aug 2023`, `FEB MAR APR`, `14 15 16`, `2020 2021 2022`, `About this capture`,"
                       " `COLLECTED BY`, `Organization: …`, the collection's English blurb) to `TIMESTAMPS` (logged as archive-chrome)",
    "archive-today-header": "archive.today's header one item a line, from `archive.today`/`webpage capture` through Latin lines to"
                            " `Buy me a coffee`: `Saved from`⏎`http://…` (→ source.url), `search`, the capture time (→ source.retrieved)",
    "markdown-caption-row": "on a reader conversion, a Markdown table's one-cell first row over wider rows (an HTML table's"
                            " caption cell spanning the columns): `| 第二十条第（一）项 |` → `第二十条第（一）项` (logged as markdown-markup)",
    "paged-article": "a paged article saved page by page: a pager (`上一页 1 2 3 下一页 尾页`, `共3页 第1页`, `第2页`) followed by lines"
                     " of the first page's head (title, `发布时间：… 来源：…`, `字号：大 中 小`): pager and head go (the head as"
                     " `repeated-title`), and a sentence the page break cut is joined again",
    "tab-bar": "a mobile page's bottom tab bar or trail one item a line, `首页` first: `首页`⏎`政务公开`⏎`办事服务`⏎`互动交流`,"
               " `首页`⏎`政务公开`⏎`政府信息公开年报` (logged as breadcrumb)",
    "repeated-paragraph": "a paragraph of 20+ characters repeated verbatim anywhere later (the first copy stays), except"
                          " a page summary: a copy before any heading-like line that recurs right under one (Baike's"
                          " abstract, then `基本概述` and the same paragraph) goes, the copy in its section stays; a page compiling several"
                          " reports compares each report's paragraphs only with its own (they share their opening sentence)",
}

# ---------------------------------------------------------------------------------------------------
# Page numbers glued to the start of a line by PDF extraction: `1(一)加强组织领导`, `2影响力,通过…`,
# `10友情提示`. Real numbers are followed by a unit (`2009年`, `3200余条`, `12项`) or a list
# separator (`1、抓组织`, `1.5万`); page numbers count up 1, 2, 3 down the text.
_UNITS = ("年月日号號时時点點分秒个個件项項条條次人名位万萬亿億元角千百十余餘多家所期批起篇份台辆輛宗户戶场場类類级級天周届屆倍部本"
          "册冊张張页頁米吨噸亩畝岁歲栋棟层層座处處门門股支队隊种種例季轮輪趟遍成折刻路楼樓室栏欄款章节節段句字组組团團口度升克套艘架间間片块塊版星小公平")
GLUED_PAGE_NUMBER = re.compile(rf"^(?P<n>[1-9]\d{{0,2}})(?![\d.．、,，:：/\-~～%％)）\]】])(?=[{HAN_CLASS}（(《“「【])")
BARE_NUMBER_LINE = re.compile(r"^[1-9]\d{0,2}$")
# Page numbers have a page of text between them; a flattened table's row numbers do not.
PAGE_MIN_CHARS = 100
# A line shorter than this before a page break is a label or a table cell, not a sentence the break split.
PAGE_SPLIT_MIN = 12
# A section number at the start of a line: never glue such a line to the one before.
SECTION_START = re.compile(rf"^(?:[{CN_NUM}]{{1,3}}、|[(（][{CN_NUM}]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d)|[(（]\d{{1,2}}[)）]|第[{CN_NUM}]{{1,3}}[部章节])")

# Rules for the first lines of a page only (where its title is).
HEAD_LINES = 3
HEAD_RULES: tuple[Rule, ...] = (
    Rule("repost-mark", "repost-mark", re.compile(r"^[【\[]\s*(?:转载|轉載|转帖|轉帖|转|轉|原创|原創|分享|推荐|推薦|置顶|置頂|精华|精華|资料|資料)\s*[】\]]\s*(?=\S)"),
         "a forum's or blog's mark before a re-posted title: `【轉載】福田區人民政府2019年…年度報告`"),
    Rule("title-file-extension", "title-suffix", re.compile(r"(?:(?<=报告)|(?<=報告)|(?<=年报)|(?<=年報)|(?<=[)）]))\s*\.(?:docx?|DOCX?|pdf|PDF|wps|WPS|txt|TXT|pptx?|PPTX?)$"),
         "the file extension a document-sharing site's title carries: `…工作年度报告.doc`"),
    Rule("title-site-suffix", "title-suffix", re.compile(r"(?:(?<=报告)|(?<=報告)|(?<=年报)|(?<=年報)|(?<=年度\))|(?<=年度）)|(?<=年\))|(?<=年）))\s*(?:[_｜|]|\s[-–—]\s)\s*[^。，,；;：:！!？?\n]{2,40}$"),
         "the site name a page title carries: `…工作年度报告_政务公开_湖南省人民政府门户网站`, `…年度报告 - 某某网`"),
    Rule("blog-title-stamp", "page-header", re.compile(r"(?:(?<=报告)|(?<=報告)|(?<=年报)|(?<=年報)|(?<=[)）]))\s*[(（]\s*(?P<ry>\d{4})-(?P<rm>\d{1,2})-(?P<rd>\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s*[)）]\s*(?:转载|轉載)?\s*[▼▾]?$"),
         "a blog post's title with its posting time (the repost's date): `…年度報告 (2009-04-05 09:12:47)轉載▼`"),
    # Hong Kong and Macau news sites (fixture u54): the site's name, its channel bar and a short trail above the headline
    Rule("site-name-head", "breadcrumb", re.compile(r"^[^\s，。,；;：:|｜]{2,10}(?:網|网)$"),
         "a news site's name alone on the first line: `澳門頭條網`"),
    Rule("channel-bar-head", "breadcrumb", re.compile(r"^(?!.*(?:结果|結果|总计|總計|合计|合計|审结|審結))(?:[\u4e00-\u9fff]{1,4}\s*[|｜]\s*){4,}[\u4e00-\u9fff]{1,4}$"),
         "a news site's channel bar above the headline: `新聞 | 澳聞 | 大灣區 | 內地 | 國際 | 財經 | 評論` (never a table's header row)"),
    Rule("trail-head", "breadcrumb", re.compile(r"^[^\s>＞»›。，,；;：:！!？?]{1,10}\s*(?:>|＞|»|›)\s*[^\s>＞»›。，,；;：:！!？?]{1,10}$"),
         "a short trail of one step above the headline: `大灣區 > 中山`"),
)

RULES: dict[str, Rule] = {r.name: r for r in (*WIKI_RULES, *MARKUP_RULES, *INLINE_RULES, *LINE_RULES, *HEAD_RULES, *PORTAL_LINE_RULES,
                                              *ARCHIVE_LINE_RULES, *RECORD_LINE_RULES, *READER_LINE_RULES, *READER_INLINE_RULES,
                                              *LANGUAGE_LINE_RULES, *LANGUAGE_INLINE_RULES)}

# Lines shorter than this are not compared for verbatim repeats far apart (headings may repeat).
REPEAT_MIN = 20


# ---------------------------------------------------------------------------------------------------
# The passes


class _Pass:
    def __init__(self, lines: list[Line], facts: dict, lost: dict[str, int]):
        self.lines = lines
        self.removals: list[Removal] = []
        self.facts = facts
        self.lost = lost

    def log(self, kind: str, text: str, pos: tuple[int, ...]) -> None:
        if text:
            self.removals.append(Removal(kind, text, pos))

    def map_lines(self, fn) -> None:
        """Apply `fn(text, log) -> text` to each line; a result with `\\n` splits the line."""
        out: list[Line] = []
        for line in self.lines:
            log: list[tuple[str, str]] = []
            text = fn(line.text, log)
            for kind, removed in log:
                self.log(kind, removed, line.pos)
            parts = [p.strip() for p in text.split("\n")]
            parts = [p for p in parts if p]
            if len(parts) == 1:
                out.append(Line(parts[0], line.pos))
            else:
                out.extend(Line(p, line.pos + (k,)) for k, p in enumerate(parts))
        self.lines = out


def _apply(p: _Pass, *names: str) -> None:
    for name in names:
        rule = RULES[name]
        p.map_lines(lambda t, log, rule=rule: _apply_rule(rule, t, log))


def _apply_rule(rule: Rule, text: str, log: list[tuple[str, str]]) -> str:
    def sub(m: re.Match) -> str:
        log.append((rule.kind, m.group()))
        return rule.replace

    return rule.pattern.sub(sub, text)


def _wiki(p: _Pass) -> None:
    text = "\n".join(l.text for l in p.lines)
    if not any(r.name.startswith("baike-") and r.pattern.search(text) for r in WIKI_RULES) and not SPOKEN_EDIT.search(text) \
            and not p.facts.get("wiki"):
        return
    p.facts.setdefault("site", WIKI_SITE)
    _apply(p, "baike-toolbar")
    text = "\n".join(l.text for l in p.lines)
    m = ENTRY_TITLE.search(text)
    if m:
        p.facts.setdefault("entry_title", m.group("title").strip())
    _apply(p, "baike-edit-lock", "baike-stub-notice")
    _infobox(p)
    _section_heads(p)


def _wiki_site(text: str) -> str | None:
    """The wiki whose mark comes first in the page, if any (WIKI_SITES)."""
    found = [(m.start(), name) for name, pattern in WIKI_SITES for m in [pattern.search(text)] if m]
    return min(found)[1] if found else None


def _toc_one_line(text: str) -> list[str] | None:
    """`目录 1 一、概述 2 二、主动公开…` → the names, when the numbers count 1, 2, 3 … to the end of the line."""
    m = TOC_ONE_LINE.match(text)
    if not m:
        return None
    parts = re.split(r"(?:^|\s+)(\d{1,2})\s+", text[m.end():])
    numbers, names = parts[1::2], [n.strip() for n in parts[2::2]]
    if parts[0].strip() or len(names) < 2 or [int(n) for n in numbers] != list(range(1, len(names) + 1)) or not all(names):
        return None
    return names


def _wiki_pages(p: _Pass) -> None:
    """A copy from another wiki (WIKI_SITES): its site, and its furniture out (WIKI_PAGE_RULES and the blocks below)."""
    if "wiki" not in p.facts:
        site = _wiki_site("\n".join(l.text for l in p.lines))
        p.facts["wiki"] = site
        if site:
            p.facts.setdefault("site", site)
    if not p.facts["wiki"]:
        return
    for rule in WIKI_INLINE_RULES:
        p.map_lines(lambda t, log, rule=rule: _apply_rule(rule, t, log))
    kept: list[Line] = []
    lines = p.lines
    i = 0
    sections: list[str] = []

    def drop(kind: str, line: Line) -> None:
        p.log(kind, line.text, line.pos)

    while i < len(lines):
        line = lines[i]
        text = line.text
        rule = next((r for r in WIKI_PAGE_RULES if r.pattern.match(text)), None)
        if rule is not None:
            drop(rule.kind, line)
            m = rule.pattern.match(text)
            if "url" in rule.pattern.groupindex and m.group("url"):
                p.facts.setdefault("url", m.group("url"))
            i += 1
            if rule.name == "wiki-credits" and i < len(lines) and (
                    re.search(r"(?:参与|参與)(?:贡献|貢獻)\s*[:：]?$", text) and len(lines[i].text) <= 60 and not re.search(r"[。！？]", lines[i].text)
                    or re.search(r"(?:帮助|幫助)$", text) and re.fullmatch(r"\d{1,6}", lines[i].text)):
                drop("wiki-notice", lines[i])  # the contributors' names (`苏小满,Cabbage.`), the votes (`本词条对我有帮助`⏎`12`)
                i += 1
            continue
        if WIKI_FOOTER_LINK.match(text):
            j = i
            while j < len(lines) and WIKI_FOOTER_LINK.match(lines[j].text):
                j += 1
            if j - i >= 3:
                for k in range(i, j):
                    drop("site-footer", lines[k])
                i = j
                continue
        if BARE_TAGS.match(text) and i + 1 < len(lines) and len(lines[i + 1].text) <= 60 and not re.search(r"[。！？；，,]", lines[i + 1].text):
            drop("tags", line)
            drop("tags", lines[i + 1])
            i += 2
            continue
        # The contents: `目录`⏎`1 概述`⏎`2 …` (numbers counting up), or all on one line.
        names = _toc_one_line(text)
        if names:
            drop("infobox", line)
            sections.extend(names)
            i += 1
            continue
        if TOC_HEAD.match(text):
            j, top, names = i + 1, 0, []
            while j < len(lines):
                m = TOC_LINE.match(lines[j].text)
                if not m:
                    break
                number = [int(n) for n in m.group("n").split(".")]
                if not (number[0] == top + 1 and len(number) == 1 or number[0] == top and len(number) > 1):
                    break
                top = number[0]
                names.append(m.group("name").strip())
                j += 1
            if len(names) >= 2:
                for k in range(i, j):
                    drop("infobox", lines[k])
                sections.extend(n for n in names if n)
                i = j
                continue
        # The reference list: its heading, then entries one a line.
        if REFS_HEAD.match(text) and i + 1 < len(lines) and REF_ENTRY.match(lines[i + 1].text):
            j = i + 1
            while j < len(lines) and REF_ENTRY.match(lines[j].text):
                j += 1
            for r in RETRIEVED.finditer("\n".join(l.text for l in lines[i:j])):
                if iso_date(*r.groups()):
                    p.facts.setdefault("retrieved", iso_date(*r.groups()))
            p.log("references", "\n".join(l.text for l in lines[i:j]), line.pos)
            i = j
            continue
        kept.append(line)
        i += 1
    if sections:
        p.facts.setdefault("sections", sections)
    # `概述 编辑`, `一、总体情况 编辑本段`: the section name stays, on its own line.
    names = set(p.facts.get("sections") or ())
    out: list[Line] = []
    for line in kept:
        m = EDIT_AFTER_NAME.match(line.text)
        if m and (m.group("name").strip() in names or m.group("edit") in ("编辑本段", "編輯本段")):
            p.log("wiki-section-chrome", m.group("edit"), line.pos)
            line = Line(m.group("name").strip(), line.pos)
        out.append(line)
    # The wiki's definition of the entry before the report: `<entry title>是…于2013年3月发布的年度报告。`
    if out:
        definition = re.compile(WIKI_DEFINITION.format(title=re.escape(out[0].text)))
        for k in range(min(len(out) - 1, 6), 0, -1):
            if definition.match(out[k].text):
                p.log("infobox", out[k].text, out[k].pos)
                del out[k]
    p.lines = out


def _references(p: _Pass) -> None:
    """Citation marks, the reference list and the tag line: wiki furniture that content farms copy too."""
    for r in RETRIEVED.finditer("\n".join(l.text for l in p.lines)):
        if iso_date(*r.groups()):
            p.facts.setdefault("retrieved", iso_date(*r.groups()))
    _apply(p, "citation-mark", "wiki-references", "wiki-tags")


def _contents(after: str, title: str | None, whole: str) -> tuple[int, list[str]] | None:
    """Parse Baike's contents `1基本概述2主要内容` at the start of `after`: (its length, the names).

    Names run up to the next number; the last one up to the entry title (the first section head
    follows the contents), or else it is the longest prefix that appears later as `<name>编辑`.
    """
    items = list(TOC_ITEM.finditer(after))
    names: list[str] = []
    pos = 0
    top = 0
    for m in items:
        number = int(m.group("n").split(".")[0])
        sub = "." in m.group("n")
        if m.start() != pos or number != (top if sub else top + 1):
            break  # the numbers of a contents count up: 1, 2, 2.1, 3 …; `2009年` is the body again
        top = number
        names.append(m.group("name"))
        pos = m.end()
    if not names:
        return None
    last = names[-1]
    last_start = pos - len(last)
    # The contents are followed by the first section's head: the entry title (or its start, cut by
    # its first digit) before the first name and `编辑`, or on newer pages the first name and `播报编辑`.
    first_head = re.compile(rf"{re.escape(names[0])}\s*(?:播报\s*)?(?:编辑|編輯)")
    spoken = next((k for k in range(1, len(last)) if first_head.match(after, last_start + k)), None)
    head = next((k for k in range(1, len(last)) if title and len(last) - k >= 2 and title.startswith(last[k:])), None) if title else None
    if title and title in last:
        names[-1] = last[:last.index(title)]
    elif head is not None:
        names[-1] = last[:head]
    elif spoken is not None:
        names[-1] = last[:spoken]
    else:
        ends = [n for n in range(len(last), 1, -1) if (last[:n] + "编辑") in whole or (last[:n] + "編輯") in whole]
        if not ends:
            return None
        names[-1] = last[:ends[0]]
    if not names[-1]:
        return None
    return last_start + len(names[-1]), [n.strip() for n in names]


def _infobox(p: _Pass) -> None:
    """`中文名<title>主办方<agency>时间<2009年>性质<工作报告>目录1基本概述2主要内容`: facts, then out."""
    title = p.facts.get("entry_title")
    whole = "\n".join(l.text for l in p.lines)

    def cut(text: str, log: list[tuple[str, str]]) -> str:
        nonlocal title
        m = INFOBOX_START.search(text)
        if not m:
            return text
        start = m.start()
        rest = text[start:]
        toc = TOC.search(rest)
        names: list[str] = []
        if toc and toc.start() <= 300:
            end_fields = toc.start()
            parsed = _contents(rest[toc.end():], title, whole)
            if parsed is None:
                return text
            end = toc.end() + parsed[0]
            names = parsed[1]
        elif len(rest) <= 200:
            end_fields = end = len(rest)
        else:
            return text  # cannot tell where the infobox ends: leave it
        fields = rest[:end_fields]
        labels = list(INFOBOX_LABEL.finditer(fields))
        if title and fields[m.end() - m.start():].startswith(title):
            # The name is the entry title: a label word inside it is not a label.
            after = m.end() - m.start() + len(title)
            labels = labels[:1] + [lab for lab in labels[1:] if lab.start() >= after]
        if not labels or labels[0].start() != 0 or len(labels) < 2:
            return text
        info: dict[str, str] = {}
        for i, lab in enumerate(labels):
            value_end = labels[i + 1].start() if i + 1 < len(labels) else len(fields)
            label = INFOBOX_CANON.get(lab.group(), lab.group())
            info.setdefault(label, fields[lab.end():value_end].strip())
        p.facts.setdefault("infobox", info)
        if not title and info.get("中文名"):
            title = info["中文名"]
            p.facts.setdefault("entry_title", title)
        if names:
            p.facts.setdefault("sections", names)
        log.append(("infobox", rest[:end]))
        return text[:start] + "\n" + rest[end:]

    p.map_lines(cut)


def _section_heads(p: _Pass) -> None:
    """`<entry title><section>编辑` → the section name on its own line: `…工作基本概述编辑` → `基本概述`."""
    title = p.facts.get("entry_title")
    spoken: list[str] = []

    def newer(text: str, log: list[tuple[str, str]]) -> str:
        def one(m: re.Match) -> str:
            log.append(("wiki-section-chrome", m.group("edit")))
            spoken.append(m.group("name"))
            return "\n" + m.group("name") + "\n"

        return SPOKEN_EDIT.sub(one, text)

    if not title:
        p.map_lines(newer)
        if spoken:
            p.facts.setdefault("sections", spoken)
        return
    names = p.facts.get("sections")
    name = "|".join(map(re.escape, names)) if names else rf"[{HAN_CLASS}]{{2,12}}?"
    head = re.compile(rf"{re.escape(title)}(?P<name>{name})(?P<edit>编辑|編輯)")
    found: list[str] = []

    def sub(text: str, log: list[tuple[str, str]]) -> str:
        def one(m: re.Match) -> str:
            log.append(("wiki-section-chrome", title))
            log.append(("wiki-section-chrome", m.group("edit")))
            found.append(m.group("name"))
            return "\n" + m.group("name") + "\n"

        return head.sub(one, text)

    p.map_lines(sub)
    p.map_lines(newer)
    found += spoken
    if found:
        p.facts.setdefault("sections", found)


def iso_date(year: str, month: str, day: str) -> str | None:
    """`2014`, `4`, `21` → `2014-04-21`; None for a date that does not exist (`2023-02-30`)."""
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _header_line(text: str) -> dict | None:
    """The fields of a page-header line (`時間:2023-02-09 09:54:02 | 來源:營銷百科`), or None.

    The line must consist of nothing but fields (a timestamp may lead without a label), and one of
    them must be a date or a source: a body sentence never parses.
    """
    if len(text) > 160:
        return None
    fields: list[tuple[str, str]] = []
    stamp = TIMESTAMP.match(text)
    if stamp:
        fields.append(("时间", stamp.group().strip()))
        text = text[stamp.end():]
    elif not re.match(_HEADER_LABELS, text):
        return None
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " |｜【】[]":
            pos += 1
        if pos >= len(text):
            break
        m = HEADER_FIELD.match(text, pos)
        if not m or m.end() == pos:
            return None
        fields.append((m.group("label"), m.group("value")))
        pos = m.end()
    out: dict = {}
    for label, value in fields:
        date = HEADER_DATE.match(value)
        label = hans(label)
        if label in ("来源", "信息来源", "文章来源"):
            out.setdefault("source", value)
        elif label in TITLE_LABELS:
            if value:
                out.setdefault("title", value)
        elif label in PUBLISHER_LABELS:
            if value:
                out.setdefault("publisher", value)
        elif date:
            if iso_date(*date.groups()):
                # the page's publication date beats the document's own dates (成文日期, 生成日期)
                document_date = label in ("成文日期", "生成日期", "发文日期")
                if not document_date or "date" not in out:
                    out["date"] = iso_date(*date.groups())
                    out["document_date"] = document_date
        if META_LABEL.fullmatch(label):
            out["meta"] = True
    return out if out else None


def _cell_like(text: str) -> bool:
    """A table's cell or row, or a short label line (`第二十条第（一）项`): a page break after it split no sentence."""
    return is_number_cell(text) or is_table_row(text) or len(text) < PAGE_SPLIT_MIN


# A sentence cut after a list separator (`…确保信息准确、`): its short rest on the next page (`权威、及时。`) ends it.
CUT_AFTER_SEPARATOR = re.compile(r"[、，,]$")


def _short_tail(prev: str, text: str) -> bool:
    return bool(CUT_AFTER_SEPARATOR.search(prev)) and ends_complete(text) and not is_number_cell(text) and not is_table_row(text)


def _continue(out: list[Line], text: str, pos: tuple[int, ...]) -> None:
    """Append `text` after a page break: glued to the line before when the break cut a sentence."""
    prev = out[-1] if out else None
    if prev is not None and not ends_complete(prev.text) and not SECTION_START.match(text) \
            and not (len(prev.text) <= 40 and SECTION_START.match(prev.text)) and not _cell_like(prev.text) \
            and (not _cell_like(text) or _short_tail(prev.text, text)):
        sep = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum() else ""
        prev.text = prev.text + sep + text
    else:
        out.append(Line(text, pos))


def _account(m: re.Match) -> str | None:
    """The account a WeChat byline names (written twice when author and account are the same: `安吉发布安吉发布`)."""
    groups = m.re.groupindex
    name = next((m.group(g) for g in ("account", "account2") if g in groups and m.group(g)), None)
    if not name:
        return None
    half = len(name) // 2
    if len(name) % 2 == 0 and name[:half] == name[half:]:
        name = name[:half]
    if not 2 <= len(name) <= 20:
        return None
    from ..script import to_simplified

    return to_simplified(name)


def _field_block(lines: list[Line]) -> set[int]:
    """Lines of a block of page fields below the top of the page: a scraper's record after the text
    (`标题：…`⏎`发布时间：2021-01-29 16:42:10`⏎`来源：…`⏎`链接：http://…`) or a WeChat article's credits
    (`来源：县政府办`⏎`编辑：王晓燕`⏎`审核：陈建国`). A field line without a date (`来源：…`) further down is
    page furniture only in such a block: two or more field lines in a row, one of them surely furniture
    (a date field, an editor line, the page's address). Alone it may be a table's source note, and stays."""
    sure_rules = (RULES["editor-line"], RULES["source-link"])
    marks: list[tuple[bool, bool]] = []
    for line in lines:
        header = _header_line(line.text)
        sure = any(r.pattern.match(line.text) for r in sure_rules) or (header is not None and "date" in header)
        marks.append((sure or header is not None, sure))
    block: set[int] = set()
    i = 0
    while i < len(lines):
        if not marks[i][0]:
            i += 1
            continue
        j = i
        while j < len(lines) and marks[j][0]:
            j += 1
        if j - i >= 2 and any(marks[k][1] for k in range(i, j)):
            block.update(range(i, j))
        i = j
    return block


def _line_rules(p: _Pass) -> None:
    kept: list[Line] = []
    after_page_break = False
    field_block = _field_block(p.lines)
    for i, line in enumerate(p.lines):
        if i < HEAD_LINES:
            for rule in HEAD_RULES:
                log: list[tuple[str, str]] = []
                m = rule.pattern.search(line.text)
                if m:
                    _repost_date(p, m)
                line.text = _apply_rule(rule, line.text, log)
                for kind, removed in log:
                    p.log(kind, removed, line.pos)
        web_date = WEB_DATE.match(line.text)
        if web_date and i <= 2 and iso_date(*web_date.groups()):
            p.log("page-header", line.text, line.pos)
            p.facts.setdefault("published", iso_date(*web_date.groups()))
            continue
        for rule in LINE_RULES:
            m = match_any_script(rule.pattern, line.text)
            if m:
                p.log(rule.kind, line.text, line.pos)
                if "url" in rule.pattern.groupindex and m.group("url"):
                    p.facts.setdefault("url", m.group("url"))
                if "y" in rule.pattern.groupindex and iso_date(m.group("y"), m.group("m"), m.group("d")):
                    p.facts.setdefault("published", iso_date(m.group("y"), m.group("m"), m.group("d")))
                _repost_date(p, m)
                account = _account(m)
                if account:
                    p.facts.setdefault("site", account)
                    p.facts.setdefault("account", account)
                after_page_break = rule.kind == "page-number"
                break
        else:
            header = _header_line(line.text)
            if header is not None and "date" not in header and i >= HEAD_LINES + 2 and not (header.get("meta") and i < META_LINES) \
                    and i not in field_block:
                header = None  # `来源：…` alone further down is a table's source note, not page furniture
            if header is None:
                if after_page_break:
                    _continue(kept, line.text, line.pos)
                else:
                    kept.append(line)
                after_page_break = False
                continue
            p.log("page-header", line.text, line.pos)
            _header_facts(p, header)
            site = header.get("source", "").strip()
            if site and site not in NOT_A_SITE and 2 <= len(site) <= 20 and not re.search(r"\s", site):
                from ..script import to_simplified

                p.facts.setdefault("site", to_simplified(site))
    p.lines = kept


def _chars_between(lines: list[Line], a: int, b: int) -> int:
    """Characters from the start of line a to the start of line b (a bare number line counts as nothing)."""
    first = 0 if BARE_NUMBER_LINE.match(lines[a].text) else len(lines[a].text)
    return first + sum(len(lines[i].text) for i in range(a + 1, b))


def _in_table(lines: list[Line], i: int) -> bool:
    """A bare number next to another number cell (or a table row) is a cell of a flattened table,
    one cell a line (`规范性文件⏎6⏎6⏎58`), not a page number; so is a number under a unit cell of the pre-2019
    统计表 (`1.参加或举办新闻发布会总次数⏎次⏎3`)."""
    return any(0 <= j < len(lines) and (is_number_cell(lines[j].text) or is_table_row(lines[j].text)) for j in (i - 1, i + 1)) \
        or (i > 0 and is_unit_cell(lines[i - 1].text))


def _page_numbers(p: _Pass) -> None:
    """Remove line-start page numbers that count up, and rejoin sentences a page break split."""
    lines = p.lines
    cands: list[tuple[int, int, bool]] = []  # (line index, number, strong)
    for i, line in enumerate(lines):
        m = GLUED_PAGE_NUMBER.match(line.text)
        if m:
            rest = line.text[m.end():]
            cands.append((i, int(m.group("n")), rest[:1] not in _UNITS))
        elif BARE_NUMBER_LINE.match(line.text) and not _in_table(lines, i):
            cands.append((i, int(line.text), True))
    if not cands:
        return
    # Chains of numbers counting up by one, in line order, longest first.
    accepted: set[int] = set()
    rejected: set[int] = set()
    free = list(range(len(cands)))
    while free:
        best: dict[int, tuple[int, int | None]] = {}
        for k in free:
            _, n, _ = cands[k]
            length, prev = 1, None
            for j in free:
                if j >= k:
                    break
                if cands[j][1] == n - 1 and best[j][0] + 1 > length:
                    length, prev = best[j][0] + 1, j
            best[k] = (length, prev)
        end = max(free, key=lambda k: (best[k][0], -k))
        if best[end][0] < 2:
            break
        chain = []
        k: int | None = end
        while k is not None:
            chain.append(k)
            k = best[k][1]
        chain.reverse()
        strong = sum(cands[c][2] for c in chain)
        close = any(_chars_between(lines, cands[a][0], cands[b][0]) < PAGE_MIN_CHARS for a, b in zip(chain, chain[1:]))
        if not close and (len(chain) >= 3 and strong >= 2 or len(chain) == 2 and strong == 2):
            accepted.update(chain)
        else:
            rejected.update(chain)  # numbers close together: a list's or a table's, not pages
        free = [f for f in free if f not in chain]
    # A single strong number that splits a sentence is a page number too.
    for k, (i, n, strong) in enumerate(cands):
        if k not in accepted and k not in rejected and strong and i > 0 and not ends_complete(lines[i - 1].text) \
                and not BARE_NUMBER_LINE.match(lines[i].text) and not SECTION_START.match(lines[i - 1].text):
            accepted.add(k)
    if not accepted:
        return
    numbered = {cands[k][0] for k in accepted}
    out: list[Line] = []
    after_page_break = False
    for i, line in enumerate(lines):
        if i not in numbered:
            if after_page_break:
                _continue(out, line.text, line.pos)
            else:
                out.append(line)
            after_page_break = False
            continue
        bare = BARE_NUMBER_LINE.match(line.text)
        number = bare.group() if bare else GLUED_PAGE_NUMBER.match(line.text).group("n")
        p.log("page-number", number, line.pos)
        rest = line.text[len(number):]
        if rest:
            _continue(out, rest, line.pos)
        after_page_break = not rest
    p.lines = out


def _heading_like(text: str) -> bool:
    """A short label on a line of its own (`基本概述`, `一、概述`): a section starts after it."""
    return len(text) <= 24 and not ends_complete(text) and len(HAN_RE.findall(text)) >= 2 and not is_table_row(text)


def _summary_copies(lines: list[Line]) -> set[int]:
    """Lines that are a page's summary of its own first section: a long paragraph standing before the
    first heading-like line (after the title) whose verbatim copy comes later right under one (a wiki's abstract repeats the
    paragraph under `基本概述`; a portal's description repeats the report's opening). The copy in the
    section is the one to keep: dropping it would leave its heading empty."""
    # The first line may be the page's title; the summary stands between it and the first section.
    first_heading = next((i for i in range(1, len(lines)) if _heading_like(lines[i].text)), len(lines))
    early = {line.text: i for i, line in enumerate(lines[:first_heading]) if len(line.text) >= REPEAT_MIN}
    out: set[int] = set()
    for j in range(first_heading + 1, len(lines)):
        i = early.get(lines[j].text)
        if i is not None and i not in out and _heading_like(lines[j - 1].text):
            out.add(i)
    return out


# A preview cut short: `…主动公开政府信息情况……`, `...`.
PREVIEW_CUT = re.compile(r"(?:…{1,2}|\.{3,6}|。{3})$")


def _preview_copies(lines: list[Line]) -> set[int]:
    """Lines that are a page's preview of a later paragraph, cut with `……` (a document-sharing site's
    `文档简介`, a list's excerpt): the stem, 20+ characters, is the start of a later line. The paragraph stays."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        m = PREVIEW_CUT.search(line.text)
        if not m:
            continue
        stem = line.text[:m.start()]
        if len(stem) >= REPEAT_MIN and any(later.text.startswith(stem) and len(later.text) > len(stem) for later in lines[i + 1:]):
            out.add(i)
    return out


# A simple grid's header run together (`信息内容 上一年项目数量 本年增/减 处理决定数量` with its spaces normalised away):
# 2019-edition tables repeat it for 第（五）项 and 第（六）项, and a table's header is no repeated paragraph.
GRID_HEADER = re.compile(r"^(?:信息内容|信息內容)(?:本年|上一年|处理决定|采购|處理決定|採購)")  # (also as a Traditional repost writes it)


def _repeats(p: _Pass) -> None:
    """Drop repeated lines: a title line repeated (also as the start of the next line), and any long
    paragraph repeated verbatim (the first copy stays, unless it is a page summary: `_summary_copies`)."""
    out: list[Line] = []
    seen: set[str] = set()
    lines = p.lines
    summaries = _summary_copies(lines) | _preview_copies(lines)
    from .split import REPORT_TITLE_LINE

    report_title = None
    for i, line in enumerate(lines):
        text = line.text
        if REPORT_TITLE_LINE.match(text):
            # Another report's own title (a page compiling several reports): its paragraphs repeat none of the one before.
            if report_title is not None and re.sub(r"\s", "", text) != report_title:
                seen = set()
            report_title = re.sub(r"\s", "", text)
        if i in summaries:
            p.log("repeated-paragraph", text, line.pos)
            continue
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        title_zone = len(out) < 3
        if out and text == out[-1].text and len(HAN_RE.findall(text)) >= 2:  # not `0`⏎`0`: a table's cells
            p.log("repeated-title" if title_zone and not ends_complete(text) else "repeated-paragraph", text, line.pos)
            continue
        if 8 <= len(text) <= 80 and "。" not in text and len(nxt) > len(text) and nxt.startswith(text):
            p.log("repeated-title", text, line.pos)
            continue
        if len(text) >= REPEAT_MIN and text in seen and not is_table_row(text) and not GRID_HEADER.match(text):
            p.log("repeated-paragraph", text, line.pos)
            continue
        seen.add(text)
        out.append(line)
    p.lines = out


# One entry of a document's contents: a name, dot leaders, a page number (`一、总体情况……………………1`).
CONTENTS_ENTRY = re.compile(r"^[^。；;！!？?]{2,60}?\s*(?:…{2,}|\.{4,}|·{4,}|．{4,}|-{4,}|—{3,}|_{4,}|⋯{2,})\s*(?:第\s*)?\d{1,3}\s*(?:页|頁)?$")
CONTENTS_HEAD = re.compile(r"^(?:目\s*录|目\s*錄|目\s*次)$")


def _document_contents(p: _Pass) -> None:
    """A contents list (two or more entries in a row, with its `目录` line above): the report's own headings
    follow it, so it goes (logged)."""
    lines = p.lines
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and CONTENTS_ENTRY.match(lines[j].text):
            j += 1
        if j - i >= 2:
            drop.update(range(i, j))
            if i > 0 and CONTENTS_HEAD.match(lines[i - 1].text):
                drop.add(i - 1)
        i = max(j, i + 1)
    if drop:
        for k in sorted(drop):
            p.log("contents", lines[k].text, lines[k].pos)
        p.lines = [l for k, l in enumerate(lines) if k not in drop]


# ---------------------------------------------------------------------------------------------------
# PDF footnotes and OCR'd scans.

FOOTNOTE_START = re.compile(r"^(?:注\s*)?[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*\S")
FOOTNOTE_MAX_LINES = 4  # a footnote block at a page's foot
FOOTNOTE_REST_LINES = 12  # the cut sentence ends within this many lines after the page break


def _page_footnotes(p: _Pass) -> None:
    """`…确保` ⏎ `①含区政府门户网站…` ⏎ `- 1 -` ⏎ `信息准确、及时、完整。`: the footnote at the page's foot moves after the end
    of the sentence the page break cut, which the page-number rule then rejoins."""
    lines = p.lines
    i = 0
    while i < len(lines):
        if not _page_number_line(lines[i].text) or i + 1 >= len(lines):
            i += 1
            continue
        start = next((k for k in range(i - 1, max(0, i - FOOTNOTE_MAX_LINES) - 1, -1) if FOOTNOTE_START.match(lines[k].text)), None)
        if start is None or start == 0 or ends_complete(lines[start - 1].text) or _cell_like(lines[start - 1].text) \
                or any(FOOTNOTE_START.match(lines[k].text) is None and SECTION_START.match(lines[k].text) for k in range(start, i)):
            i += 1
            continue
        end = next((k for k in range(i + 1, min(len(lines), i + 1 + FOOTNOTE_REST_LINES)) if ends_complete(lines[k].text)), None)
        if end is None or any(SECTION_START.match(lines[k].text) or _page_number_line(lines[k].text) for k in range(i + 1, end + 1)):
            i += 1
            continue
        notes = lines[start:i]
        lines[start:end + 1] = [*lines[i:end + 1], *notes]
        i = end + 1
    p.lines = lines


OCR_MISREAD = re.compile(r"(?<![A-Za-z0-9.])(?=[0-9OolI]*[0-9])(?P<n>[0-9OolI]*[OolI][0-9OolI]*)(?=[年月日件条項项次人个個名篇期场場份])")
OCR_UNREADABLE = re.compile(rf"(?<=[{HAN_CLASS}])□+(?=[{HAN_CLASS}])")


def _ocr_line(line: str, log: list[tuple[str, str]], lost: dict[str, int]) -> str:
    def digit(m: re.Match) -> str:
        log.append(("ocr-misread", m.group()))
        return m.group().translate(str.maketrans("OolI", "0011"))

    def unreadable(m: re.Match) -> str:
        log.append(("ocr-unreadable", m.group()))
        lost["ocr-unreadable"] = lost.get("ocr-unreadable", 0) + 1
        return LOST

    return OCR_UNREADABLE.sub(unreadable, OCR_MISREAD.sub(digit, line))


def _one_pass(lines: list[Line], facts: dict, lost: dict[str, int]) -> tuple[list[Line], list[Removal]]:
    p = _Pass(lines, facts, lost)
    for rule in MARKUP_RULES:
        p.map_lines(lambda t, log, rule=rule: _apply_rule(rule, t, log))
    p.map_lines(lambda t, log: normalise_line(t))  # removals can leave spaces between Chinese characters
    p.map_lines(lambda t, log: _mark_lost(t, log, lost))
    p.map_lines(lambda t, log: _ocr_line(t, log, lost))
    p.map_lines(_strip_annotations)
    _archive_pages(p)
    _record_fields(p)
    _reader_pages(p)
    _other_language(p)
    _paged_article(p)
    _wiki_pages(p)
    _wiki(p)
    _references(p)
    _running_heads(p)
    _document_contents(p)
    _account_lines(p)
    _button_counts(p)
    _portal_page(p)
    _page_footnotes(p)
    _line_rules(p)
    for rule in INLINE_RULES:
        p.map_lines(lambda t, log, rule=rule: _apply_rule(rule, t, log))
    _comment_threads(p)
    _page_numbers(p)
    _repeats(p)
    return p.lines, p.removals


MAX_PASSES = 8


def strip_noise(text: str) -> Stripped:
    """Normalise `text` and remove every kind of noise, to a fixpoint."""
    text = normalise(text)
    lines = [Line(t, (i,)) for i, t in enumerate(text.split("\n")) if t]
    facts: dict = {}
    lost: dict[str, int] = {}
    removals: list[Removal] = []
    for _ in range(MAX_PASSES):
        before = [l.text for l in lines]
        lines, found = _one_pass(lines, facts, lost)
        removals.extend(found)
        if [l.text for l in lines] == before:
            break
    facts.pop("published_is_document_date", None)
    _platform_facts(text, facts)
    facts.pop("wiki", None)
    facts.pop("reader", None)
    reader_published = facts.pop("reader_published", None)
    if reader_published:
        facts.setdefault("published", reader_published)  # a reader's header date, when the page shows none of its own
    return Stripped(lines, removals, facts, lost)


# ---------------------------------------------------------------------------------------------------
# Reposts (self-media platforms, personal libraries, blogs, document libraries): the platform is the site;
# the date a repost shows is the repost's, used as `published` only when the page shows no date of the
# report's own publication (a copied `发布时间：…` line of the original page).

# Unmistakable marks of a platform anywhere on the page → its name (beats a `来源：` the copied text names).
PLATFORMS: tuple[tuple[str, re.Pattern, str], ...] = (
    ("sohu", re.compile(r"返回搜狐[，,]?\s*查看更多|搜狐号系信息发布平台|搜狐號系信息發布平台"), "搜狐"),
    ("netease", re.compile(r"自媒体平台[“\"]?网易号[”\"]?用户上传并发布|NetEase Hao"), "网易"),
    ("toutiao", re.compile(r"头条号|頭條號|今日头条|今日頭條"), "今日头条"),
    ("360doc", re.compile(r"本站是提供个人知识管理的网络存储空间|转藏到我的图书馆|轉藏到我的圖書館|360doc"), "360doc个人图书馆"),
    ("sina-blog", re.compile(r"新浪博客|新浪BLOG|blog\.sina\.com"), "新浪博客"),
    ("baidu-wenku", re.compile(r"百度文库|百度文庫|下载券|下載券"), "百度文库"),
    ("docin", re.compile(r"豆丁网|豆丁網|docin\.com"), "豆丁网"),
    ("doc88", re.compile(r"道客巴巴|doc88\.com"), "道客巴巴"),
)


def _platform_facts(text: str, facts: dict) -> None:
    for _name, mark, site in PLATFORMS:
        if mark.search(text):
            facts["site"] = site
            break
    repost = facts.pop("repost_date", None)
    if repost and "published" not in facts:
        facts["published"] = repost
    facts.pop("account", None)


def _repost_date(p: _Pass, m: re.Match) -> None:
    if "ry" in m.re.groupindex and m.group("ry") and iso_date(m.group("ry"), m.group("rm"), m.group("rd")):
        p.facts.setdefault("repost_date", iso_date(m.group("ry"), m.group("rm"), m.group("rd")))


# A label above the account's name on a line of its own: `作者头像`⏎`邵阳司法`, `文档贡献者`⏎`秦州教育在线`.
ACCOUNT_LABEL = re.compile(r"^(?:作者头像|作者頭像|头像|頭像|文档贡献者|文檔貢獻者|贡献者|貢獻者|上传者|上傳者|博主)$")
ACCOUNT_NAME = re.compile(r"^[^\s。，,；;：:！!？?、（）()《》“”]{2,20}$")


def _account_lines(p: _Pass) -> None:
    account = p.facts.get("account")
    out: list[Line] = []
    for i, line in enumerate(p.lines):
        after_label = i > 0 and ACCOUNT_LABEL.match(p.lines[i - 1].text) and ACCOUNT_NAME.match(line.text) \
            and not AGENCY_LIKE.search(line.text)
        if line.text == account or after_label:
            p.log("page-header", line.text, line.pos)
            continue
        out.append(line)
    p.lines = out


# A name ending like an agency's is the report's signature, never an account's name.
AGENCY_LIKE = re.compile(r"(?:政府|办公室|办公厅|辦公室|辦公廳|委员会|委員會|[厅局委办院署部廳辦])$")
COUNT_LINE = re.compile(r"^[\d.]{1,7}\s*(?:万|萬|w|W|k|K)?$")
_BUTTON_KINDS = ("page-buttons",)


def _is_button(text: str) -> bool:
    return any(r.kind in _BUTTON_KINDS and r.pattern.match(text) for r in (*INLINE_RULES, *LINE_RULES))


def _button_counts(p: _Pass) -> None:
    lines = p.lines
    drop = {i for i in range(1, len(lines) - 1)
            if COUNT_LINE.match(lines[i].text) and _is_button(lines[i - 1].text) and _is_button(lines[i + 1].text)}
    for i in sorted(drop):
        p.log("page-buttons", lines[i].text, lines[i].pos)
    p.lines = [l for i, l in enumerate(lines) if i not in drop]


def _page_number_line(text: str) -> bool:
    return bool(RULES["page-number-line"].pattern.match(text) or RULES["gazette-page-number"].pattern.match(text)
                or BARE_NUMBER_LINE.match(text))


def _running_heads(p: _Pass) -> None:
    lines = p.lines
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    heads = set()
    for text, n in counts.items():
        if n < 3 or len(text) > 40 or len(HAN_RE.findall(text)) < 8 or ends_complete(text) or SECTION_START.match(text) \
                or is_table_row(text) or is_number_cell(text):
            continue
        beside = sum(1 for i, l in enumerate(lines) if l.text == text
                     and any(0 <= j < len(lines) and _page_number_line(lines[j].text) for j in (i - 1, i + 1)))
        if beside >= 2:
            heads.add(text)
    if not heads:
        return
    # A PDF whose running head is the report's title prints the title itself at the top of page 1, without a
    # page number beside it (`襄阳市…2022年政府信息公开工作年度报告` ⏎ `本报告根据…`): that first line is the title.
    title = 0 if lines[0].text in heads and re.search(r"(?:报告|報告|年报|年報)$", lines[0].text) \
        and not (len(lines) > 1 and _page_number_line(lines[1].text)) else None
    for i, line in enumerate(lines):
        if line.text in heads and i != title:
            p.log("repeated-title", line.text, line.pos)
    p.lines = [l for i, l in enumerate(lines) if l.text not in heads or i == title]


COMMENTS_START = re.compile(r"^(?:(?:评论|評論)\s*)?重要提示[:：]\s*(?:警惕虚假中奖信息|警惕虛假中獎信息)$|^[\[【]?(?:发评论|發評論|发表评论|發表評論|我要评论|我要評論)[\]】]?$|"
                            r"^(?:评论区|評論區|网友评论|網友評論|全部评论|全部評論|最新评论|最新評論|热门评论|熱門評論|读者评论|讀者評論)(?:\s*[(（]\d+[)）])?$")
COMMENT_MAX = 100


def _comment_threads(p: _Pass) -> None:
    lines = p.lines
    start = next((i for i, l in enumerate(lines) if COMMENTS_START.match(l.text)), None)
    if start is None or start == 0:
        return
    tail = lines[start:]
    if any(len(l.text) > COMMENT_MAX or SECTION_START.match(l.text) for l in tail):
        return
    for l in tail:
        p.log("comments", l.text, l.pos)
    p.lines = lines[:start]


def summarise(removals: list[Removal]) -> dict[str, int]:
    """kind → count, in the order of KINDS (unknown kinds last, by name)."""
    counts: dict[str, int] = {}
    for r in removals:
        if r.kind in LOST_KINDS or r.kind == "title":
            continue
        counts[r.kind] = counts.get(r.kind, 0) + 1
    order = {k: i for i, k in enumerate(KINDS)}
    return {k: counts[k] for k in sorted(counts, key=lambda k: (order.get(k, len(order)), k))}


# ---------------------------------------------------------------------------------------------------
# Government portals (PORTAL_LINE_RULES above; fixtures u36–u40): the chrome's whole lines, the metadata table of the
# national standard copied one cell a line (`索引号：`⏎`11630000MB1921837K/2020-00012`⏎`主题分类：`⏎`综合政务`⏎…), and the
# 政府信息公开 column's side menu.

# A label of the metadata table alone on its line, its value on the next: `发文机关：`⏎`青海省交通运输厅`.
META_LABEL_LINE = re.compile(rf"^(?P<label>{_HEADER_LABELS})\s*[:：]$")
# A label line needs this many companions to be the table (one `来源：` alone may be a table's source note).
META_CELLS_MIN = 3
# The side menu of a 政府信息公开 column, one item a line.
PORTAL_MENU_ITEM = re.compile(
    r"^(?:政府信息公开|政府信息公開|政府信息公开指南|政府信息公開指南|政府信息公开制度|政府信息公開制度|法定主动公开内容|法定主動公開內容|"
    r"政府信息公开目录|政府信息公開目錄|政府信息公开年报|政府信息公開年報|政府信息公开年度报告|政府信息公開年度報告|依申请公开|依申請公開|"
    r"政府信息公开规定|政府信息公開規定|信息公开指南|信息公開指南|信息公开目录|信息公開目錄|信息公开年报|信息公開年報|信息公开制度|信息公開制度|"
    r"主动公开|主動公開|政策文件|政策解读|政策解讀|机构职能|機構職能|规划计划|規劃計劃|财政资金|財政資金|重点领域信息公开|重點領域信息公開)$")
PORTAL_MENU_MIN = 3
# One entry of a portal column's list of links: a title and its date (`XX局2021年政府信息公开工作年度报告 2022-01-20`,
# `…年报 [2022-01-20]`), no sentence. A list page holds three or more in a row (a report's lines never end in a bare date).
COLUMN_LIST_ENTRY = re.compile(r"^[^。；;！!？?\s][^。；;！!？?]{5,80}?\s*[\[【(（]?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[\]】)）]?$")
COLUMN_LIST_MIN = 3


def _portal_page(p: _Pass) -> None:
    lines = p.lines
    drop: dict[int, str] = {}
    for i, line in enumerate(lines):
        for rule in PORTAL_LINE_RULES:
            m = match_any_script(rule.pattern, line.text)
            if m:
                drop[i] = rule.kind
                if "portal" in rule.pattern.groupindex and m.group("portal"):
                    p.facts.setdefault("site", line.text)
                break
    # The metadata table one cell a line, starting near the top.
    i = next((k for k in range(min(len(lines), META_LINES)) if k not in drop and META_LABEL_LINE.match(lines[k].text)), None)
    if i is not None:
        cells: list[tuple[int, int | None]] = []  # (label line, value line)
        j = i
        while j < len(lines) and META_LABEL_LINE.match(lines[j].text):
            value = j + 1 if j + 1 < len(lines) and not META_LABEL_LINE.match(lines[j + 1].text) \
                and len(lines[j + 1].text) <= 80 and not re.search(r"[。！？；]", lines[j + 1].text) else None
            cells.append((j, value))
            j = value + 1 if value is not None else j + 1
        if len(cells) >= META_CELLS_MIN:
            for label, value in cells:
                drop[label] = "page-header"
                if value is not None:
                    drop[value] = "page-header"
                    _meta_cell_facts(p, lines[label].text + lines[value].text)
    # The side menu: a run of its items.
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and PORTAL_MENU_ITEM.match(lines[j].text):
            j += 1
        if j - k >= PORTAL_MENU_MIN:
            drop.update({n: "breadcrumb" for n in range(k, j)})
        k = max(j, k + 1)
    # A portal column's list of links, one title and date a line (a list page: `facts["link_list"]` counts them).
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and j not in drop and COLUMN_LIST_ENTRY.match(lines[j].text):
            j += 1
        if j - k >= COLUMN_LIST_MIN:
            drop.update({n: "related-reading" for n in range(k, j)})
            p.facts["link_list"] = p.facts.get("link_list", 0) + (j - k)
        k = max(j, k + 1)
    if not drop:
        return
    for n in sorted(drop):
        p.log(drop[n], lines[n].text, lines[n].pos)
    p.lines = [l for n, l in enumerate(lines) if n not in drop]


def _meta_cell_facts(p: _Pass, field_text: str) -> None:
    """The facts of one field of the metadata table (`发布日期：2020-01-21`): as a header line's."""
    header = _header_line(field_text)
    if header:
        _header_facts(p, header)


def _header_facts(p: _Pass, header: dict) -> None:
    """The date, title and publisher a page-header line (or a metadata table's field) states, as facts."""
    if header.get("date"):
        # The page's own date (发布日期) beats a document date (成文日期) found first.
        if "published" not in p.facts or (p.facts.get("published_is_document_date") and not header["document_date"]):
            p.facts["published"] = header["date"]
            p.facts["published_is_document_date"] = header["document_date"]
    if header.get("title"):
        p.facts.setdefault("page_title", header["title"])
    if header.get("publisher"):
        from ..script import to_simplified

        p.facts.setdefault("publisher", to_simplified(header["publisher"]))


# ---------------------------------------------------------------------------------------------------
# Web archives and caches (ARCHIVE_LINE_RULES above; fixtures u55–u59): the archive's chrome, its facts kept.

def _archive_facts(p: _Pass, m: re.Match) -> None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    url = groups.get("url") or groups.get("url2")
    if url:
        p.facts.setdefault("url", url if "://" in url else "http://" + url)
    day = None
    if "ts" in groups:
        ts = groups["ts"]
        day = iso_date(ts[:4], ts[4:6], ts[6:8])
    elif "y" in groups:
        day = iso_date(groups["y"], groups["m"], groups["d"])
    elif "ey" in groups:
        day = iso_date(groups["ey"], str(_MONTHS[groups["em"][:3].lower()]), groups["ed"])
    if day:
        p.facts.setdefault("retrieved", day)


def _archive_pages(p: _Pass) -> None:
    lines = p.lines
    drop: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i in drop:
            continue
        for rule in ARCHIVE_LINE_RULES:
            m = rule.pattern.match(line.text)
            if not m:
                continue
            drop[i] = rule.kind
            _archive_facts(p, m)
            if rule.name == "warc-header" and line.text.startswith("WARC/"):
                # the record's header: its fields one a line, Latin only, up to the blank line the text shows as nothing
                j = i + 1
                while j < len(lines) and j - i <= ARCHIVE_BLOCK_MAX and WARC_FIELD.match(lines[j].text) and not HAN_RE.search(lines[j].text):
                    drop[j] = "archive-chrome"
                    j += 1
                # the dates of a WET file's own `warcinfo` record (when the file was written) are not the page's crawl
                info = any(re.match(r"^WARC-Type:\s*(?:warcinfo|request|metadata)\s*$", lines[n].text, re.I) for n in range(i + 1, j))
                for n in range(i + 1, j):
                    own = rule.pattern.match(lines[n].text)
                    if own and not info:
                        _archive_facts(p, own)
            if rule.name in ("wayback-head", "archive-today-line"):
                end_re, vocabulary = (WAYBACK_END, WAYBACK_LINE) if rule.name == "wayback-head" else (ARCHIVE_TODAY_END, None)
                block = []
                j = i + 1
                while j < len(lines) and j - i <= ARCHIVE_BLOCK_MAX and not HAN_RE.search(lines[j].text):
                    block.append(j)
                    if end_re.search(lines[j].text):
                        break
                    j += 1
                ended = bool(block) and end_re.search(lines[block[-1]].text)
                for k in block:
                    text = lines[k].text
                    own = ARCHIVE_LINE_RULES[1].pattern.match(text)
                    if ended or (vocabulary and vocabulary.match(text)) or own or (rule.name == "archive-today-line" and re.match(r"^https?://\S+$", text)):
                        drop[k] = "archive-chrome"
                        if own:
                            _archive_facts(p, own)
                        elif re.match(r"^https?://\S+$", text) and "web.archive.org" not in text:
                            p.facts.setdefault("url", text)
                    elif not ended:
                        break
            break
    # A mobile page's tab bar, one item a line.
    k = 0
    while k < len(lines):
        if lines[k].text in ("首页", "首頁") and k not in drop:
            j = k + 1
            while j < len(lines) and (TAB_BAR_ITEM.match(lines[j].text) or PORTAL_MENU_ITEM.match(lines[j].text)):
                j += 1
            if j - k >= TAB_BAR_MIN:
                drop.update({n: "breadcrumb" for n in range(k, j)})
            k = max(j, k + 1)
        else:
            k += 1
    if not drop:
        return
    for n in sorted(drop):
        p.log(drop[n], lines[n].text, lines[n].pos)
    p.lines = [l for n, l in enumerate(lines) if n not in drop]


# ---------------------------------------------------------------------------------------------------
# Other page types (fixtures u60–u64, tests/test_ingest_unseen_formats.py): a CMS's JSON record, a reader conversion to
# Markdown, a bilingual page, a paged article saved page by page. (A WARC record's header is in ARCHIVE_LINE_RULES.)

def _record_fields(p: _Pass) -> None:
    rule = RECORD_LINE_RULES[0]
    if not any(l.text.startswith("$") for l in p.lines):
        return
    kept: list[Line] = []
    for line in p.lines:
        m = rule.pattern.match(line.text)
        if not m:
            kept.append(line)
            continue
        p.log(rule.kind, line.text, line.pos)
        key = re.sub(r"[^a-z]", "", re.split(r"[.\[]", m.group("path"))[-1].lower())
        value = (m.group("value") or "").strip()
        if not value or value == "null":
            continue
        if key in RECORD_TITLE_KEYS and HAN_RE.search(value):
            p.facts.setdefault("page_title", value)
        elif key in RECORD_DATE_KEYS:
            date = HEADER_DATE.match(value)
            if date and iso_date(*date.groups()):
                p.facts.setdefault("published", iso_date(*date.groups()))
        elif key in RECORD_SITE_KEYS and value not in NOT_A_SITE and 2 <= len(value) <= 30 and not re.search(r"\s", value):
            from ..script import to_simplified

            p.facts.setdefault("site", to_simplified(value))
        elif key in RECORD_URL_KEYS and re.match(r"^https?://\S+$", value):
            p.facts.setdefault("url", value)
    p.lines = kept


def _reader_pages(p: _Pass) -> None:
    if not p.facts.get("reader"):
        text = "\n".join(l.text for l in p.lines)
        if not READER_MARK.search(text) and len(READER_LINKS.findall(text)) < READER_LINKS_MIN:
            return
        p.facts["reader"] = True
    header, rule_line, table_rule, menu = READER_LINE_RULES
    drop: dict[int, str] = {}
    lines = p.lines
    for i, line in enumerate(lines):
        m = header.pattern.match(line.text)
        if m:
            drop[i] = header.kind
            if m.group("url"):
                p.facts.setdefault("url", m.group("url"))
            if m.group("ry") and iso_date(m.group("ry"), m.group("rm"), m.group("rd")):
                p.facts.setdefault("reader_published", iso_date(m.group("ry"), m.group("rm"), m.group("rd")))
        elif rule_line.pattern.match(line.text):
            drop[i] = rule_line.kind
        elif table_rule.pattern.match(line.text) and i > 0 and lines[i - 1].text.startswith("|"):
            drop[i] = table_rule.kind
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and menu.pattern.match(lines[j].text):
            j += 1
        if j - k >= 2:
            drop.update({n: menu.kind for n in range(k, j)})
        k = max(j, k + 1)
    for n in sorted(drop):
        p.log(drop[n], lines[n].text, lines[n].pos)
    p.lines = lines = [l for n, l in enumerate(lines) if n not in drop]
    # A one-cell row over wider rows: an HTML table's caption cell (colspan) the converter made the table's first row.
    for i, line in enumerate(lines[:-1]):
        m = MARKDOWN_CAPTION_ROW.match(line.text)
        if m and lines[i + 1].text.startswith("|") and lines[i + 1].text.count("|") > 2:
            p.log("markdown-markup", "||", line.pos)
            line.text = m.group("cell")

    def unmark(rule: Rule, text: str, log: list[tuple[str, str]]) -> str:
        def sub(m: re.Match) -> str:
            keep = m.groupdict().get("text") or ""
            if rule.name == "markdown-link":
                log.append((rule.kind, f"[]({m.group('url')})"))
            elif rule.name == "markdown-emphasis":
                log.append((rule.kind, m.group()[:2] + m.group()[-2:]))
            else:
                log.append((rule.kind, m.group()))
            return keep

        for _ in range(3):  # a link around an image, bold around a link
            new = rule.pattern.sub(sub, text)
            if new == text:
                break
            text = new
        return text

    for rule in READER_INLINE_RULES:
        p.map_lines(lambda t, log, rule=rule: unmark(rule, t, log))


def _other_language(p: _Pass) -> None:
    line_rule, switch = LANGUAGE_LINE_RULES
    if not any(re.search(f"[{MINORITY_CLASS}]", l.text) for l in p.lines):
        return
    kept: list[Line] = []
    for line in p.lines:
        rule = next((r for r in (switch, line_rule) if r.pattern.match(line.text)), None)
        if rule is not None:
            p.log(rule.kind, line.text, line.pos)
        else:
            kept.append(line)
    p.lines = kept
    for rule in LANGUAGE_INLINE_RULES:
        p.map_lines(lambda t, log, rule=rule: _apply_rule(rule, t, log))


def _pager_rule(text: str) -> Rule | None:
    for name in ("pagination", "page-count", "page-number-line"):
        rule = RULES[name]
        if rule.pattern.match(text) and (name != "page-number-line" or re.match(r"^第\s*\d{1,3}\s*[页頁]", text)):
            return rule
    return None


def _digits_folded(text: str) -> str:
    """A page head's line with its numbers folded: its view counter goes up from one page's load to the next (`浏览次数：836`, `837`)."""
    return re.sub(r"\d+", "0", text)


def _paged_article(p: _Pass) -> None:
    lines = p.lines
    if not any(RULES["pagination"].pattern.match(l.text) for l in lines):
        return
    head: set[str] = set()
    for line in lines[:PAGE_HEAD_MAX]:
        if len(line.text) > 60 or re.search(r"[。！？；]$", line.text) or _pager_rule(line.text):
            break
        head.add(_digits_folded(line.text))
    drop: dict[int, str] = {}
    breaks: list[tuple[int, int]] = []  # (the last line of a page, the first line of the next)
    i = 0
    while i < len(lines):
        if not _pager_rule(lines[i].text):
            i += 1
            continue
        j = i
        while j < len(lines) and _pager_rule(lines[j].text):
            j += 1
        k = j
        while k < len(lines) and _digits_folded(lines[k].text) in head:
            k += 1
        web_pager = any(RULES["pagination"].pattern.match(lines[n].text) for n in range(i, j))  # not a PDF's `第 2 页 / 共 6 页`
        if k > j and web_pager:
            drop.update({n: _pager_rule(lines[n].text).kind for n in range(i, j)})
            drop.update({n: "repeated-title" for n in range(j, k)})
            if i > 0 and k < len(lines):
                breaks.append((i - 1, k))
        i = max(k, i + 1)
    if not drop:
        return
    for n in sorted(drop):
        p.log(drop[n], lines[n].text, lines[n].pos)
    glued: dict[int, int] = {}  # first line of a page → the line it continues
    for last, first in breaks:
        a, b = lines[last].text, lines[first].text
        b_tail = ends_complete(b) and not is_number_cell(b) and not is_table_row(b)  # a short rest of the sentence: `办结。`
        if not ends_complete(a) and not SECTION_START.match(b) and not _cell_like(a) and (not _cell_like(b) or b_tail) and last not in drop:
            glued[first] = last
    out: list[Line] = []
    index: dict[int, Line] = {}
    for n, line in enumerate(lines):
        if n in drop:
            continue
        if n in glued and glued[n] in index:
            index[glued[n]].text += line.text
            continue
        index[n] = line
        out.append(line)
    p.lines = out
