"""The statistics: stable English keys, Chinese labels, and the report formats that state them.

A key never changes once published (researchers' scripts depend on it). A value may also carry
a *qualifier*: the text's own name for a part of a total (`active.items.part` with qualifier
`湘警要闻` is the number of 湘警要闻 items among all items published).
"""

from __future__ import annotations

from dataclasses import dataclass

# Report formats (`stats_format`).
FORMATS: dict[str, str] = {
    "standard-2021": "国务院办公厅政府信息公开工作年度报告格式（国办公开办函〔2021〕30号），2021年度起",
    "standard-2019": "国务院办公厅政府信息公开工作年度报告格式（试行，2019年），2019、2020年度",
    "pre-2019": "2008–2018年度：《政府信息公开条例》（国务院令第492号）下的叙述式报告",
}
STANDARD_FORMATS = ("standard-2019", "standard-2021")

# Flags a value may carry, in the order they are written.
FLAGS: dict[str, str] = {
    "lower_bound": "至少：原文写作“余”“多”“以上”“逾”“超过”（3200余条）",
    "approximate": "约数：原文写作“约”“近”“左右”",
    "rounded": "取整：原文以“万”“亿”为单位（3.9万条 = 39000）",
    "zero_in_words": "原文用文字说明没有（如“未收到行政复议申请”），记为 0",
    "override": "人工设定：见报告文件的 stats: 设置",
    "inconsistent": "有矛盾：同一数字前后不一，或表格的内在求和关系不成立",
}
FLAG_ORDER = tuple(FLAGS)


@dataclass(frozen=True)
class Key:
    key: str
    label: str  # Chinese, as the standard table or the reports word it
    doc: str  # English: what the number counts
    unit: str = "件"
    formats: tuple[str, ...] = ("pre-2019", "standard-2019", "standard-2021")


def _k(key: str, label: str, doc: str, unit: str = "件", formats: tuple[str, ...] | None = None) -> Key:
    return Key(key, label, doc, unit, formats or ("pre-2019", "standard-2019", "standard-2021"))


_STD = STANDARD_FORMATS
_PRE = ("pre-2019",)

KEYS: dict[str, Key] = {k.key: k for k in [
    # Proactive disclosure (主动公开)
    _k("active.items", "主动公开信息", "items of information proactively disclosed (published) in the year, as the text totals them", "条"),
    _k("active.items.part", "其中：主动公开信息（分项）", "a part of active.items the text names (a column, a channel); the qualifier names it", "条"),
    _k("active.rules.issued", "规章：本年制发件数", "rules (规章) issued in the year", "件", ("standard-2021",)),
    _k("active.rules.repealed", "规章：本年废止件数", "rules repealed in the year", "件", ("standard-2021",)),
    _k("active.rules.in_force", "规章：现行有效件数", "rules in force at the year's end", "件", ("standard-2021",)),
    _k("active.rules.made", "规章：本年新制作数量", "rules newly made in the year (2019 format)", "件", ("standard-2019",)),
    _k("active.rules.published", "规章：本年新公开数量", "rules newly published in the year (2019 format)", "件", ("standard-2019",)),
    _k("active.rules.total_published", "规章：对外公开总数量", "rules published in total (2019 format)", "件", ("standard-2019",)),
    _k("active.normative_documents.issued", "行政规范性文件：本年制发件数", "normative documents issued in the year", "件", ("standard-2021",)),
    _k("active.normative_documents.repealed", "行政规范性文件：本年废止件数", "normative documents repealed in the year", "件", ("standard-2021",)),
    _k("active.normative_documents.in_force", "行政规范性文件：现行有效件数", "normative documents in force", "件", ("standard-2021",)),
    _k("active.normative_documents.made", "规范性文件：本年新制作数量", "normative documents newly made (2019 format)", "件", ("standard-2019",)),
    _k("active.normative_documents.published", "规范性文件：本年新公开数量", "normative documents newly published (2019 format)", "件", ("standard-2019",)),
    _k("active.normative_documents.total_published", "规范性文件：对外公开总数量", "normative documents published in total (2019 format)", "件", ("standard-2019",)),
    _k("active.licensing.decisions", "行政许可：处理决定数量", "administrative licensing decisions made in the year", "件", _STD),
    _k("active.licensing.items_last_year", "行政许可：上一年项目数量", "licensing items at the end of the previous year (2019 format)", "项", ("standard-2019",)),
    _k("active.licensing.change", "行政许可：本年增/减", "change in licensing items (2019 format)", "项", ("standard-2019",)),
    _k("active.other_services.decisions", "其他对外管理服务事项：处理决定数量", "decisions on other external management services (2019 format)", "件", ("standard-2019",)),
    _k("active.other_services.items_last_year", "其他对外管理服务事项：上一年项目数量", "other service items, previous year (2019 format)", "项", ("standard-2019",)),
    _k("active.other_services.change", "其他对外管理服务事项：本年增/减", "change in other service items (2019 format)", "项", ("standard-2019",)),
    _k("active.penalty.decisions", "行政处罚：处理决定数量", "administrative penalty decisions made in the year", "件", _STD),
    _k("active.penalty.items_last_year", "行政处罚：上一年项目数量", "penalty items, previous year (2019 format)", "项", ("standard-2019",)),
    _k("active.penalty.change", "行政处罚：本年增/减", "change in penalty items (2019 format)", "项", ("standard-2019",)),
    _k("active.enforcement.decisions", "行政强制：处理决定数量", "administrative enforcement (行政强制) decisions made in the year", "件", _STD),
    _k("active.enforcement.items_last_year", "行政强制：上一年项目数量", "enforcement items, previous year (2019 format)", "项", ("standard-2019",)),
    _k("active.enforcement.change", "行政强制：本年增/减", "change in enforcement items (2019 format)", "项", ("standard-2019",)),
    _k("active.fees.amount", "行政事业性收费：本年收费金额", "administrative fees collected in the year, in 万元 (10,000 yuan) as the table states", "万元", ("standard-2021",)),
    _k("active.fees.items_last_year", "行政事业性收费：上一年项目数量", "fee items, previous year (2019 format)", "项", ("standard-2019",)),
    _k("active.fees.change", "行政事业性收费：本年增/减", "change in fee items (2019 format)", "项", ("standard-2019",)),
    _k("active.procurement.items", "政府集中采购：采购项目数量", "centralised government procurement projects (2019 format)", "项", ("standard-2019",)),
    _k("active.procurement.amount", "政府集中采购：采购总金额", "centralised procurement amount, in the unit the table states (2019 format)", "万元", ("standard-2019",)),
    # Requests (依申请公开)
    _k("requests.received", "收到申请（本年新收）", "requests for information received in the year (新收)"),
    _k("requests.carried_over", "上年结转申请", "requests carried over from the previous year"),
    _k("requests.valid", "符合申请条件的申请", "requests that met the legal conditions (pre-2019 prose)", "件", _PRE),
    _k("requests.answered", "已答复申请", "requests answered"),
    _k("requests.granted", "予以公开", "requests granted in full (予以公开 / 同意公开)"),
    _k("requests.partly_granted", "部分公开", "requests granted in part"),
    _k("requests.refused", "不予公开", "requests refused (不予公开), where the text states the total"),
    _k("requests.refused.state_secret", "不予公开：属于国家秘密", "refused: state secret", "件", _STD),
    _k("requests.refused.prohibited_by_law", "不予公开：其他法律行政法规禁止公开", "refused: other laws prohibit disclosure", "件", _STD),
    _k("requests.refused.endangers_security", "不予公开：危及“三安全一稳定”", "refused: endangers national, public, economic security or social stability", "件", _STD),
    _k("requests.refused.third_party", "不予公开：保护第三方合法权益", "refused: protects a third party's lawful rights", "件", _STD),
    _k("requests.refused.internal_affairs", "不予公开：属于三类内部事务信息", "refused: internal affairs information", "件", _STD),
    _k("requests.refused.process_information", "不予公开：属于四类过程性信息", "refused: process information", "件", _STD),
    _k("requests.refused.enforcement_files", "不予公开：属于行政执法案卷", "refused: administrative enforcement case files", "件", _STD),
    _k("requests.refused.query_matters", "不予公开：属于行政查询事项", "refused: administrative query matters", "件", _STD),
    _k("requests.unavailable", "无法提供", "could not be provided, where the text states the total"),
    _k("requests.unavailable.not_held", "无法提供：本机关不掌握相关政府信息", "unavailable: the agency does not hold it", "件", _STD),
    _k("requests.unavailable.needs_creation", "无法提供：没有现成信息需要另行制作", "unavailable: would have to be newly created", "件", _STD),
    _k("requests.unavailable.unclear", "无法提供：补正后申请内容仍不明确", "unavailable: still unclear after correction", "件", _STD),
    _k("requests.not_processed", "不予处理", "not processed, where the text states the total"),
    _k("requests.not_processed.complaint", "不予处理：信访举报投诉类申请", "not processed: petitions, reports and complaints", "件", _STD),
    _k("requests.not_processed.repeated", "不予处理：重复申请", "not processed: repeated request", "件", _STD),
    _k("requests.not_processed.publication", "不予处理：要求提供公开出版物", "not processed: asks for a public publication", "件", _STD),
    _k("requests.not_processed.mass_repeated", "不予处理：无正当理由大量反复申请", "not processed: many repeated requests without good reason", "件", _STD),
    _k("requests.not_processed.confirmation", "不予处理：要求行政机关确认或重新出具已获取信息", "not processed: asks to confirm or reissue information already obtained", "件", _STD),
    _k("requests.other", "其他处理", "handled otherwise (2019 format: one row; 2021 format: where the text states the total)"),
    _k("requests.other.no_correction", "其他处理：申请人逾期不补正", "other: the applicant did not correct the request in time", "件", ("standard-2021",)),
    _k("requests.other.unpaid_fee", "其他处理：申请人逾期未缴纳费用", "other: the applicant did not pay the fee in time", "件", ("standard-2021",)),
    _k("requests.other.other", "其他处理：其他", "other: other", "件", ("standard-2021",)),
    _k("requests.total", "办理结果总计", "outcomes in total (总计)", "件", _STD),
    _k("requests.carried_forward", "结转下年度继续办理", "requests carried forward to the next year", "件", _STD),
    _k("requests.not_government_info", "非政府信息", "answered: not government information (pre-2019 prose)", "件", _PRE),
    _k("requests.outside_remit", "不属于本机关职责范围", "answered: outside the agency's remit (pre-2019 prose)", "件", _PRE),
    _k("requests.unclear", "申请内容不明确", "answered: the request was unclear (pre-2019 prose)", "件", _PRE),
    _k("requests.repeated", "重复申请", "answered: repeated request (pre-2019 prose)", "件", _PRE),
    _k("requests.not_exist", "信息不存在", "answered: the information does not exist (pre-2019 prose)", "件", _PRE),
    _k("requests.already_public", "属于已主动公开范围", "answered: the information was already proactively disclosed (pre-2019 统计表 and prose)", "件", _PRE),
    _k("requests.correction_asked", "告知作出更改补充", "answered: the applicant was told to amend or complete the request (pre-2019 统计表)", "件", _PRE),
    _k("requests.redirected", "告知通过其他途径办理", "answered: the applicant was told to go through another procedure (pre-2019 统计表)", "件", _PRE),
    # Fees charged for answering requests (pre-2019: 收费)
    _k("fees.charged", "依申请公开收取的费用", "fees charged for answering requests, in yuan", "元"),
    # Administrative reconsideration (行政复议) and lawsuits (行政诉讼)
    _k("review.total", "行政复议", "administrative reconsiderations (行政复议) about disclosure: total"),
    _k("review.upheld", "行政复议：结果维持", "reconsiderations: decision upheld", "件", _STD),
    _k("review.corrected", "行政复议：结果纠正", "reconsiderations: decision corrected", "件", _STD),
    _k("review.other", "行政复议：其他结果", "reconsiderations: other result", "件", _STD),
    _k("review.pending", "行政复议：尚未审结", "reconsiderations: not yet decided", "件", _STD),
    _k("litigation.total", "行政诉讼", "lawsuits (行政诉讼) about disclosure: total, where the text states one"),
    _k("litigation.direct.upheld", "行政诉讼（未经复议直接起诉）：结果维持", "lawsuits filed directly: upheld", "件", _STD),
    _k("litigation.direct.corrected", "行政诉讼（未经复议直接起诉）：结果纠正", "lawsuits filed directly: corrected", "件", _STD),
    _k("litigation.direct.other", "行政诉讼（未经复议直接起诉）：其他结果", "lawsuits filed directly: other result", "件", _STD),
    _k("litigation.direct.pending", "行政诉讼（未经复议直接起诉）：尚未审结", "lawsuits filed directly: pending", "件", _STD),
    _k("litigation.direct.total", "行政诉讼（未经复议直接起诉）：总计", "lawsuits filed directly: total", "件", _STD),
    _k("litigation.after_review.upheld", "行政诉讼（复议后起诉）：结果维持", "lawsuits after reconsideration: upheld", "件", _STD),
    _k("litigation.after_review.corrected", "行政诉讼（复议后起诉）：结果纠正", "lawsuits after reconsideration: corrected", "件", _STD),
    _k("litigation.after_review.other", "行政诉讼（复议后起诉）：其他结果", "lawsuits after reconsideration: other result", "件", _STD),
    _k("litigation.after_review.pending", "行政诉讼（复议后起诉）：尚未审结", "lawsuits after reconsideration: pending", "件", _STD),
    _k("litigation.after_review.total", "行政诉讼（复议后起诉）：总计", "lawsuits after reconsideration: total", "件", _STD),
    # Consultations (咨询), stated in pre-2019 reports
    _k("consultations", "政府信息公开咨询", "consultations (enquiries) about disclosure handled, as the text totals them", "件"),
    _k("consultations.part", "其中：咨询（分项）", "consultations through one channel the text names (the qualifier)", "件"),
]}

# The series shown in the agency table and chart, and totalled on year pages, in this order.
MAIN_SERIES: tuple[str, ...] = (
    "active.items", "requests.received", "requests.granted", "requests.partly_granted", "requests.refused",
    "requests.total", "review.total", "litigation.total", "litigation.direct.total", "litigation.after_review.total",
    "consultations",
)
CHART_SERIES: tuple[str, ...] = (
    "active.items", "requests.received", "requests.granted", "review.total", "litigation.total",
    "litigation.direct.total", "consultations",
)
SHORT_LABELS: dict[str, str] = {
    "active.items": "主动公开信息", "requests.received": "收到申请", "requests.granted": "予以公开",
    "requests.partly_granted": "部分公开", "requests.refused": "不予公开", "requests.total": "办理总计",
    "review.total": "行政复议", "litigation.total": "行政诉讼", "litigation.direct.total": "直接起诉",
    "litigation.after_review.total": "复议后起诉", "consultations": "咨询",
}


def label(key: str) -> str:
    known = KEYS.get(key)
    return known.label if known else key
