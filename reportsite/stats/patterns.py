"""What the extractor recognises, as data: prose patterns and table labels, each with the real text it matches.

Prose patterns are matched against one *clause* at a time (a sentence split at ，；), after the text
is folded to Simplified script and full-width digits are made ASCII. `{NUM}` stands for a stated
number with its unit and qualifiers (`约3,498人次`, `3200余条`, `3.9万条`); a pattern without
`{NUM}` states a zero in words (`未收到…行政复议`). The `examples` are copied from real reports
(the seeds) and the tests check that each one still matches with the value given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- numbers

COUNT_UNITS = ("人次", "批次", "余件", "条", "件", "篇", "项", "份", "个", "起", "宗", "次", "期", "封", "例")
MONEY_UNITS = ("万元", "元")

# Words before a number: `约3,498人次` (approximate), `逾100件`/`超过100件` (lower bound).
PRE_APPROXIMATE = ("大约", "约", "近")
PRE_LOWER_BOUND = ("逾", "超过", "多于")
# Words after the digits: `3200余条`, `1100多条` (lower bound); after the unit: `100件以上`, `100件左右`.
POST_LOWER_BOUND = ("余", "多", "以上", "有余", "之多")
POST_APPROXIMATE = ("左右",)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def num(units: tuple[str, ...] = COUNT_UNITS) -> str:
    """The regex of a stated number with one of `units` (groups: pre, num, mult, post, unit, post2)."""
    unit_alt = "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
    return (rf"(?P<pre>大约|约|近|逾|超过|多于|达到|达|共计|合计|总计|累计|计|共|为|有)?\s*"
            rf"(?P<num>{_DIGITS})\s*(?P<mult>万|亿)?\s*(?P<post>余|多)?\s*(?P<unit>{unit_alt})"
            rf"(?P<post2>以上|左右|有余|之多)?")


NUM = num()
MONEY = num(MONEY_UNITS)

# A clause ends at ， ； or at an ASCII comma that is not a thousands separator (`32,150件` stays whole).
CLAUSE_SPLIT = re.compile(r"[，；;]|,(?!\d{3}(?!\d))")
SENTENCE_SPLIT = re.compile(r"(?<=[。！？!?])|\n")
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

# ---------------------------------------------------------------- prose


@dataclass(frozen=True)
class Pattern:
    name: str
    key: str
    regex: str  # uses {NUM} / {MONEY}; no {NUM} means a zero stated in words
    examples: tuple[tuple[str, float | None], ...]  # (real clause, value it gives) — checked by the tests
    reject_before: str | None = None  # the clause text before the match must not match this
    channel_is_part: bool = False  # a named channel (“…”, 网站, 栏目) before the number makes it a part

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compile(regex: str) -> re.Pattern[str]:
    found = _CACHE.get(regex)
    if found is None:
        found = _CACHE[regex] = re.compile(regex.replace("{NUM}", NUM).replace("{MONEY}", MONEY))
    return found


_GAP = r"[^，。；\d]"  # text inside a clause that is not a number

PROSE: tuple[Pattern, ...] = (
    # ---- items proactively disclosed
    Pattern(
        "active-items-total", "active.items",
        # 全年共发布各类重要公安工作信息3200余条 (湖南省公安厅2009); 省公安厅通过上述渠道实际发布各类信息3.9万条 (广东省公安厅)
        # (one of a list is a topic's count, not the total: 全年公开精准扶贫信息318条、财政预决算信息142条)
        rf"(?:共|累计|实际|全年)(?:主动)?(?:公开|发布)了?(?:各类|各种)?(?P<what>[^，。；、\d]{{0,14}}?)信息(?:共|计)?\s*{{NUM}}(?!、)",
        examples=(("全年共发布各类重要公安工作信息3200余条", 3200), ("我厅共发布各类公安工作信息3200余条", 3200),
                  ("省公安厅通过上述渠道实际发布各类信息3.9万条", 39000)),
        # 我厅在省政府网站“政府信息公开发布平台” 共发布信息400余条: one channel, not the total
        reject_before=r"网站|平台|栏目|专栏|网上|其中|以来",
    ),
    Pattern(
        "active-items-proactive", "active.items",
        # 全年主动公开政府信息1234条
        rf"主动公开(?:各类)?政府信息(?:共|计)?\s*{{NUM}}",
        examples=(("本年度主动公开政府信息1234条", 1234),),
        reject_before=r"网站|平台|栏目|专栏|其中",
    ),
    Pattern(
        "active-items-own-portal", "active.items",
        # 全年通过区政府门户网站主动公开政府信息12476条，其中政策文件241件: the year's total, stated as what went
        # through the government's own portal (a part is stated without the year: 其中通过门户网站公开…)
        rf"^(?:全年|本年度?|今年|年内)(?:共|累计)?通过(?:本|区|市|县|省|自治区|州|盟|旗|镇|乡|街道)?(?:级)?(?:人民)?政府(?:门户)?网站"
        rf"(?:主动)?公开(?:各类)?政府信息(?:共|计)?\s*{{NUM}}",
        examples=(("全年通过区政府门户网站主动公开政府信息12476条", 12476), ("本年度通过市政府网站公开政府信息3,210条", 3210)),
    ),
    # ---- requests
    Pattern(
        "requests-received", "requests.received",
        # 我厅共收到政府信息公开申请5条 (湖南省公安厅2009); 省公安厅共受理政府信息公开申请88件 (广东省公安厅)
        rf"(?:收到|受理|接到|接收|收悉|新收)(?:各类)?的?(?:政府信息公开|信息公开|公开)?申请(?:数量)?(?:共|计|为)?\s*{{NUM}}",
        examples=(("我厅共收到政府信息公开申请5条", 5), ("省公安厅共受理政府信息公开申请88件", 88),
                  ("本年度新收政府信息公开申请120件", 120)),
    ),
    Pattern(
        "requests-carried-over", "requests.carried_over",
        # 上年结转政府信息公开申请3件
        rf"上年度?结转的?(?:政府信息公开)?(?:申请)?(?:数量)?(?:为|共)?\s*{{NUM}}",
        examples=(("上年结转政府信息公开申请3件", 3),),
    ),
    Pattern(
        "requests-valid", "requests.valid",
        # 符合法定申请条件和要求的29件 (广东省公安厅)
        rf"符合(?:法定)?(?:申请)?条件{_GAP}{{0,8}}?的?\s*{{NUM}}",
        examples=(("符合法定申请条件和要求的29件", 29),),
    ),
    Pattern(
        "requests-answered", "requests.answered",
        # 省公安厅对受理的29件政府信息公开申请全部按时答复 (广东省公安厅)
        rf"对(?:受理|收到)的\s*{{NUM}}\s*(?:政府信息公开)?申请(?:全部|均)(?:已|按时|依法|及时)*(?:予以)?(?:答复|办结)",
        examples=(("省公安厅对受理的29件政府信息公开申请全部按时答复", 29),),
    ),
    Pattern(
        "requests-answered-count", "requests.answered",
        # 已答复82件
        rf"(?:已|共|全部)(?:按时|依法)?(?:答复|办结)(?:申请)?\s*{{NUM}}",
        examples=(("已答复82件", 82),),
    ),
    Pattern(
        "requests-granted", "requests.granted",
        # 同意公开的10件 (广东省公安厅)
        rf"(?<![不分])(?:同意|予以|准予|全部)公开(?:政府信息)?的?(?:申请)?(?:有|为)?\s*{{NUM}}",
        examples=(("同意公开的10件", 10), ("予以公开23件", 23)),
    ),
    Pattern(
        "requests-partly-granted", "requests.partly_granted",
        # 部分公开的2件
        rf"部分公开的?(?:申请)?(?:有|为)?\s*{{NUM}}",
        examples=(("部分公开的2件", 2),),
    ),
    Pattern(
        "requests-refused", "requests.refused",
        # 按规定不予公开的4件 (广东省公安厅)
        rf"(?:不予以?公开|不公开)的?(?:申请)?(?:有|为)?\s*{{NUM}}",
        examples=(("按规定不予公开的4件", 4),),
    ),
    Pattern(
        "requests-refused-not-agreed", "requests.refused",
        # 不同意公开的1件 (the pre-2019 统计表's wording 不同意公开答复数, written in prose)
        rf"不同意公开的?(?:申请)?(?:有|为)?\s*{{NUM}}",
        examples=(("不同意公开的1件", 1), ("不同意公开3件", 3)),
    ),
    Pattern(
        "requests-already-public", "requests.already_public",
        # 属于已主动公开范围的4件 (the 统计表's 属于已主动公开范围数, written in prose)
        rf"属于?已主动公开(?:范围|的范围|信息)的?\s*{{NUM}}",
        examples=(("属于已主动公开范围的4件", 4),),
    ),
    Pattern(
        "requests-not-government-info", "requests.not_government_info",
        # 非政府信息的2件 (广东省公安厅)
        rf"(?:非|不属于)政府信息的?\s*{{NUM}}",
        examples=(("非政府信息的2件", 2),),
    ),
    Pattern(
        "requests-outside-remit", "requests.outside_remit",
        # 非省公安厅职责权限范围的7件 (广东省公安厅)
        rf"(?:非|不属于){_GAP}{{0,10}}?(?:职责|职权|职能|公开范围|掌握范围){_GAP}{{0,6}}?的?\s*{{NUM}}",
        examples=(("非省公安厅职责权限范围的7件", 7),),
    ),
    Pattern(
        "requests-unclear", "requests.unclear",
        # 申请内容不明确的5件 (广东省公安厅)
        rf"内容不明确的?\s*{{NUM}}",
        examples=(("申请内容不明确的5件", 5),),
    ),
    Pattern(
        "requests-repeated", "requests.repeated",
        # 重复申请的1件 (广东省公安厅)
        rf"重复申请的?\s*{{NUM}}",
        examples=(("重复申请的1件", 1),),
    ),
    Pattern(
        "requests-not-exist", "requests.not_exist",
        # 信息不存在的3件
        rf"信息不存在的?\s*{{NUM}}",
        examples=(("信息不存在的3件", 3),),
    ),
    # ---- fees
    Pattern(
        "fees-charged", "fees.charged",
        # 收取检索、复制费用共计120元
        rf"收取{_GAP}{{0,12}}?费用?(?:共计|合计|共|计)?\s*{{MONEY}}",
        examples=(("收取检索、复制费用共计120元", 120),),
    ),
    Pattern(
        "fees-none", "fees.charged",
        # 对公民、法人和其他组织的申请暂不收取任何费用 (广东省公安厅); 我局政府信息公开不收取任何费用
        r"(?:未|没有|不|未曾)收取(?:任何)?(?:[^，。；\d]{0,10}?)费用",
        examples=(("对公民、法人和其他组织的申请暂不收取任何费用", 0), ("我局政府信息公开不收取任何费用", 0)),
    ),
    # ---- administrative reconsideration and lawsuits
    Pattern(
        "review-count", "review.total",
        # 发生行政复议案件2件
        rf"行政复议(?:申请|案件)?(?:共|计|有)?\s*{{NUM}}",
        examples=(("因政府信息公开申请提起行政复议案件2件", 2),),
    ),
    Pattern(
        "review-none", "review.total",
        # 我厅未收到因政府信息公开申请的行政复议 (湖南省公安厅2009); 不存在因政府信息公开申请行政复议、提起行政诉讼的情况
        r"(?:未(?:收到|发生|受理|出现|接到|有)|没有(?:收到|发生|受理|出现)?|不存在)[^，。；\d]{0,30}?行政复议",
        examples=(("我厅未收到因政府信息公开申请的行政复议", 0), ("省公安厅未受理因政府信息公开申请提起的行政复议申请", 0),
                  ("不存在因政府信息公开申请行政复议、提起行政诉讼的情况", 0)),
    ),
    Pattern(
        "litigation-count", "litigation.total",
        # 提起行政诉讼1件
        rf"行政诉讼(?:案件)?(?:共|计|有)?\s*{{NUM}}",
        examples=(("因政府信息公开工作被提起行政诉讼1件", 1),),
    ),
    Pattern(
        "litigation-none", "litigation.total",
        # 全年，未发生针对政府信息公开工作提起的行政诉讼 (湖南省公安厅2009)
        r"(?:未(?:收到|发生|受理|出现|接到|有)|没有(?:收到|发生|受理|出现)?|不存在)[^，。；\d]{0,40}?行政诉讼",
        examples=(("未发生针对政府信息公开工作提起的行政诉讼", 0), ("全年亦未发生针对政府信息公开工作提起的行政诉讼", 0)),
    ),
    # ---- consultations
    Pattern(
        "consultations", "consultations",
        # 共接受公民、法人或其他组织对政府信息公开相关事项咨询32,150件 (广东省公安厅);
        # 我厅共受理“湘警网”上“在线咨询”问题80余起 (湖南省公安厅2009: a named channel, so a part)
        rf"(?:接受|受理|接待|办理|处理|收到|接听)(?P<what>[^，。；]{{0,30}}?)咨询(?P<what2>{_GAP}{{0,8}}?)(?:共|计)?\s*{{NUM}}",
        examples=(("共接受公民、法人或其他组织对政府信息公开相关事项咨询32,150件", 32150),
                  ("我厅共受理“湘警网”上“在线咨询”问题80余起", 80)),
        channel_is_part=True,
    ),
    Pattern(
        "consultations-number-first", "consultations",
        # 全年接受1100多条咨询 (湖南省民政厅2009)
        rf"(?:接受|受理|收到|接待)(?:各类)?{{NUM}}咨询",
        examples=(("全年接受1100多条咨询", 1100),),
    ),
)

# After a total (or a part) of these keys, the clauses that follow in the same sentence and name
# a part and a number are its parts: 其中发布“湘警要闻”信息640余条，治安快报1100余条 (湖南省公安厅2009);
# 其中网站咨询21,766人次，电话咨询约3,498人次 (广东省公安厅).
PART_OF: dict[str, str] = {"active.items": "active.items.part", "active.items.part": "active.items.part",
                           "consultations": "consultations.part", "consultations.part": "consultations.part"}
PART_CLAUSE = _compile(
    r"^(?:其中)?[，,：:]?\s*(?:(?:发布|公开|受理|接受|接听|办理|收到)了?)?(?!回复|答复|办结|处理|解答)(?P<q>[^\d，。；]{1,30}?)"
    r"(?:发布|公开)?(?:信息|咨询|问题|留言|来电|来信)?(?:共|计)?\s*{NUM}\s*(?:[(（][^)）]{0,8}[)）])?$")
PART_EXAMPLES = (("其中发布“湘警要闻”信息640余条", "湘警要闻", 640), ("治安快报1100余条", "治安快报", 1100),
                 ("其中网站咨询21,766人次", "网站", 21766), ("电话咨询约3,498人次", "电话", 3498),
                 ("电子邮件咨询2,578人次(封)", "电子邮件", 2578),
                 ("受理省政府门户网站“公众问答”栏目问题110余起", "省政府门户网站“公众问答”栏目", 110))
CHANNEL_WORDS = re.compile(r"[“”\"「」]|网站|栏目|平台|信箱|热线|专栏|网上|微信|微博")

# A total of items published or consultations stated for one named channel is that channel's part, not the
# agency's total: the clause names the channel before the figure — `“北京海淀”政务新媒体矩阵全年发布信息8900余条`
# (a district's 2020 report) — or an earlier clause of the sentence opens one — `开设“疫情防控”专栏，及时发布
# 疫情通报…，累计发布信息2103条` (the same report; its total, 12476条, is stated elsewhere).
NAMED_CHANNEL = re.compile(r"[“”\"「」]|专栏|栏目|专题|公众号|新媒体|微博|微信|客户端|政务号")
OPENS_CHANNEL = re.compile(r"(?:开设|开辟|开通|设立|设置|推出)了?(?P<channel>[^，。；]{0,20}?(?:专栏|栏目|专题|公众号|客户端))")
CHANNEL_EXAMPLES = (("“北京海淀”政务新媒体矩阵全年发布信息8900余条", "“北京海淀”政务新媒体矩阵", 8900),
                    ("开设“疫情防控”专栏，及时发布疫情通报、防控措施和复工复产政策，累计发布信息2103条", "“疫情防控”专栏", 2103),
                    # a 2009 district report, under 公开形式 (its total, 2186条, is stated above)
                    ("区政府门户网站设置了“政府信息公开”专栏，全年通过区政府网站公开政府信息1865条", "“政府信息公开”专栏", 1865))

# ---------------------------------------------------------------- tables

# Labels are compared after `normalise_label`: Simplified script, no spaces, no enumerators
# (一、 （一） 1. ), no quotes or brackets' notes. Each regex must match the whole label.


_ENUMERATOR = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]|(?<![\d.])[一二三四五六七八九十]{1,3}、|(?<![\d.])\d{1,2}[.．、](?!\d)")


def label_segments(text: str) -> list[str]:
    """A cell that joins merged labels (`（三）不予公开 1.属于国家秘密`) as its labels, each normalised."""
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[（(][^（）()]{4,}[）)]$", "", text)
    parts = [normalise_label(x) for x in _ENUMERATOR.split(text)]
    return [x for x in parts if x] or [normalise_label(text)]


def normalise_label(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[（(][^（）()]{4,}[）)]$", "", text)  # （区分处理的，只计这一情形，不计其他情形）
    for _ in range(2):
        text = re.sub(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)）])", "", text)
    return re.sub(r"[“”\"「」『』‘’'、，,：:·•\-—]", "", text)


# The State Council's table 3 (收到和处理政府信息公开申请情况): label regex → key.
# Row order as printed; `None` for a row that only heads the rows below it.
REQUEST_ROWS: tuple[tuple[str, str | None], ...] = (
    (r"本年度?新收(?:政府信息公开)?申请(?:数量|数)?", "requests.received"),
    (r"上年度?结转(?:政府信息公开)?申请(?:数量|数)?", "requests.carried_over"),
    (r"本年度?办理结果", None),
    (r"予以公开", "requests.granted"),
    (r"部分公开", "requests.partly_granted"),
    (r"不予公开", "requests.refused"),
    (r"属于国家秘密", "requests.refused.state_secret"),
    (r"其他法律行政法规禁止公开", "requests.refused.prohibited_by_law"),
    (r"危及三安全一稳定", "requests.refused.endangers_security"),
    (r"保护第三方合法权益", "requests.refused.third_party"),
    (r"属于三类内部事务信息", "requests.refused.internal_affairs"),
    (r"属于四类过程性信息", "requests.refused.process_information"),
    (r"属于行政执法案卷", "requests.refused.enforcement_files"),
    (r"属于行政查询事项", "requests.refused.query_matters"),
    (r"无法提供", "requests.unavailable"),
    (r"本机关不掌握相关政府信息", "requests.unavailable.not_held"),
    (r"没有现成信息需要另行制作", "requests.unavailable.needs_creation"),
    (r"补正后申请内容仍不明确", "requests.unavailable.unclear"),
    (r"不予处理", "requests.not_processed"),
    (r"信访举报投诉类申请", "requests.not_processed.complaint"),
    (r"重复申请", "requests.not_processed.repeated"),
    (r"要求提供公开出版物", "requests.not_processed.publication"),
    (r"无正当理由大量反复申请", "requests.not_processed.mass_repeated"),
    (r"要求行政机关确认或重新出具已获取信息", "requests.not_processed.confirmation"),
    (r"其他处理", "requests.other"),
    (r"申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "requests.other.no_correction"),
    (r"申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "requests.other.unpaid_fee"),
    (r"其他", "requests.other.other"),  # only right after the two rows above (2021 format)
    (r"总计", "requests.total"),
    (r"结转下年度继续办理", "requests.carried_forward"),
)
REQUEST_TABLE_START = ("requests.received", "requests.carried_over")
REQUEST_TABLE_END = "requests.carried_forward"
# The columns of table 3: 自然人, then 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), then 总计.
REQUEST_COLUMNS = 7

# The State Council's table 1 (主动公开政府信息情况): rows and the columns a `信息内容` header names.
ACTIVE_HEADER = r"信息内容"
ACTIVE_ROWS: tuple[tuple[str, str], ...] = (
    (r"规章", "rules"),
    (r"(?:行政)?规范性文件", "normative_documents"),
    (r"行政许可", "licensing"),
    (r"其他对外管理服务事项", "other_services"),
    (r"行政处罚", "penalty"),
    (r"行政强制", "enforcement"),
    (r"行政事业性收费", "fees"),
    (r"政府集中采购", "procurement"),
)
ACTIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"本年制发件数", "issued"),
    (r"本年废止件数", "repealed"),
    (r"现行有效件数", "in_force"),
    (r"本年新制作数量", "made"),
    (r"本年新公开数量", "published"),
    (r"对外公开总数量", "total_published"),
    (r"上一年项目数量", "items_last_year"),
    (r"本年增/?减", "change"),
    (r"本年增减", "change"),
    (r"(?:本年)?处理决定数量", "decisions"),
    (r"本年收费金额(?:单位万元)?|本年收费金额（单位万元）", "amount"),
    (r"采购项目数量", "items"),
    (r"采购总金额", "amount"),
)

# The State Council's table 4 (行政复议、行政诉讼): 15 numbers after its headings.
REVIEW_HEADINGS = (r"行政复议", r"行政诉讼")
REVIEW_KEYS: tuple[str, ...] = tuple(
    f"{group}.{outcome}"
    for group in ("review", "litigation.direct", "litigation.after_review")
    for outcome in ("upheld", "corrected", "other", "pending", "total"))
REVIEW_HEADER_WORDS = re.compile(r"^(?:行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉)$")
# Its header cells run together when a scrape lost the spaces between them: `结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉`.
REVIEW_HEADER_RUN = re.compile(r"^(?:行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉)+$")

# The pre-2019 statistics table (政府信息公开情况统计表; the national form of 2014–2018 and the provinces' earlier ones):
# rows of a label, a unit and one figure — `（三）申请答复数 | 件 | 23`, one cell a line (`（一）收到申请数`⏎`件`⏎`23`), a label
# and its number on one line (`（一）收到申请数件 9`: a scrape ran the unit into the label). Label regex (after
# `normalise_label` and the unit and a trailing note removed) → key. Only these rows are read; the table's other rows (渠道,
# 回应解读, 办结, the refusal reasons under 不同意公开, 举报投诉, 机构和经费, 会议和培训) have no key.
OLD_TABLE_ROWS: tuple[tuple[str, str], ...] = (
    (r"主动公开政府信息数", "active.items"),  # （一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） | 条 | 1263
    (r"收到申请数", "requests.received"),  # （一）收到申请数 | 件 | 36
    (r"申请答复数", "requests.answered"),  # （三）申请答复数 | 件 | 23
    (r"属于已主动公开范围数", "requests.already_public"),  # 1.属于已主动公开范围数 | 件 | 4
    (r"同意公开答复数", "requests.granted"),  # 2.同意公开答复数 | 件 | 11
    (r"同意部分公开答复数", "requests.partly_granted"),  # 3.同意部分公开答复数 | 件 | 2
    (r"不同意公开答复数", "requests.refused"),  # 4.不同意公开答复数 | 件 | 1
    (r"不属于本行政机关公开数", "requests.outside_remit"),  # 5.不属于本行政机关公开数 | 件 | 3
    (r"申请信息不存在数", "requests.not_exist"),  # 6.申请信息不存在数 | 件 | 2
    (r"告知作出更改补充数", "requests.correction_asked"),  # 7.告知作出更改补充数 | 件 | 0
    (r"告知通过其他途径办理数", "requests.redirected"),  # 8.告知通过其他途径办理数 | 件 | 0
    (r"行政复议数量", "review.total"),  # 四、行政复议数量 | 件 | 1
    (r"行政诉讼数量", "litigation.total"),  # 五、行政诉讼数量 | 件 | 0
    (r"依申请公开信息收取的费用", "fees.charged"),  # 七、依申请公开信息收取的费用 | 万元 | 0 (a money row: its unit must be stated)
)
# The table's unit column. A money row's figure is read only with 元 or 万元 stated (万元 × 10000 → 元, flagged `rounded`).
OLD_TABLE_UNITS = ("人次", "万元", "条", "件", "次", "篇", "个", "人", "项", "元")
OLD_TABLE_MONEY = {"元": 1, "万元": 10000}

# Which format a body follows, when its own words say so.
FORMAT_MARKERS: dict[str, re.Pattern[str]] = {
    "standard-2021": re.compile(r"本年制发件数|现行有效件数|本年废止件数|逾期不补正"),
    "standard-2019": re.compile(r"本年新制作数量|对外公开总数量|上一年项目数量"),
    "standard": re.compile(r"本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理"),
}
