"""The built-in sums of the State Council's standard tables, checked on the values a report states.

A sum that does not hold is recorded as a finding (shown on the report page, flagged
`inconsistent` in the data files); the numbers are never changed. A check runs only when every
value it needs is stated exactly once and none is a lower bound, an approximation or rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .keys import KEYS, STANDARD_FORMATS

_REFUSED = tuple(k for k in KEYS if k.startswith("requests.refused."))
_UNAVAILABLE = tuple(k for k in KEYS if k.startswith("requests.unavailable."))
_NOT_PROCESSED = tuple(k for k in KEYS if k.startswith("requests.not_processed."))
_OTHER = tuple(k for k in KEYS if k.startswith("requests.other."))


@dataclass(frozen=True)
class Check:
    name: str
    formats: tuple[str, ...]
    left: tuple[tuple[tuple[str, ...], ...], ...]  # each term: alternatives, each a tuple of keys
    right: tuple[tuple[tuple[str, ...], ...], ...]
    doc: str


def _t(*alternatives: tuple[str, ...] | str) -> tuple[tuple[str, ...], ...]:
    return tuple((a,) if isinstance(a, str) else a for a in alternatives)


CHECKS: tuple[Check, ...] = (
    # 表3 的勾稽关系：第一项加第二项之和，等于第三项加第四项之和
    Check("requests-balance", STANDARD_FORMATS,
          (_t("requests.received"), _t("requests.carried_over")),
          (_t("requests.total"), _t("requests.carried_forward")),
          "本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理"),
    # 表3：（七）总计 = （一）至（六）之和
    Check("requests-total", STANDARD_FORMATS,
          (_t("requests.total"),),
          (_t("requests.granted"), _t("requests.partly_granted"), _t("requests.refused", _REFUSED),
           _t("requests.unavailable", _UNAVAILABLE), _t("requests.not_processed", _NOT_PROCESSED),
           _t("requests.other", _OTHER)),
          "办理结果总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理"),
    Check("review-total", STANDARD_FORMATS,
          (_t("review.total"),), (_t("review.upheld"), _t("review.corrected"), _t("review.other"), _t("review.pending")),
          "行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
    Check("litigation-direct-total", STANDARD_FORMATS,
          (_t("litigation.direct.total"),),
          (_t("litigation.direct.upheld"), _t("litigation.direct.corrected"), _t("litigation.direct.other"),
           _t("litigation.direct.pending")),
          "行政诉讼（未经复议直接起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
    Check("litigation-after-review-total", STANDARD_FORMATS,
          (_t("litigation.after_review.total"),),
          (_t("litigation.after_review.upheld"), _t("litigation.after_review.corrected"),
           _t("litigation.after_review.other"), _t("litigation.after_review.pending")),
          "行政诉讼（复议后起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
)

_INEXACT = {"lower_bound", "approximate", "rounded"}


def _term(report, alternatives) -> tuple[Decimal, list] | None:
    """The sum of the first alternative whose keys are all stated exactly once and exactly."""
    for keys in alternatives:
        found = [report.single(k) for k in keys]
        if all(s is not None and not (_INEXACT & set(s.flags)) for s in found):
            return sum((Decimal(str(s.value)) for s in found), Decimal(0)), found
    return None


def _fmt(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else str(d.normalize())


def run_checks(report) -> list:
    """Findings for the sums that do not hold (a `ReportStats` in, `Finding`s out)."""
    from .extract import Finding

    findings = []
    for check in CHECKS:
        if report.format not in check.formats:
            continue
        left = [_term(report, t) for t in check.left]
        right = [_term(report, t) for t in check.right]
        if any(x is None for x in left + right):
            continue
        lsum = sum((x[0] for x in left), Decimal(0))
        rsum = sum((x[0] for x in right), Decimal(0))
        if lsum == rsum:
            continue
        used = [s for x in left + right for s in x[1]]
        findings.append(Finding(
            "sum", f"表格的求和关系不成立：{check.doc}；按报告的数字，左边为 {_fmt(lsum)}，右边为 {_fmt(rsum)}。",
            tuple(dict.fromkeys(s.key for s in used)), tuple(dict.fromkeys(s.anchor for s in used if s.anchor))))
    return findings
