"""Stage 5: one file, several reports.

Aggregator pages append another report after the first: `扩展阅读:广东省公安厅政府信息公开工作年度报告(201*年度)`
followed by that report's own title and text. Each report found becomes its own segment; removals
and facts are attributed to the segment whose lines they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .noise import Line, Removal, Stripped, match_any_script
from .structure import SIGNATURE

# A "read more" line naming another report. It starts a new report when the lines after it begin
# with the title it names; otherwise it is a link list of the aggregator's, and only removed.
RELATED = re.compile(r"^(?:扩展阅读|擴展閱讀|延伸阅读|延伸閱讀|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|相关推荐|相關推薦|"
                     r"更多阅读|更多閱讀|上一篇|下一篇|上一篇文章|下一篇文章|上一条|上一條|下一条|下一條|猜你喜欢|猜你喜歡|热门文章|熱門文章|"
                     r"热门推荐|熱門推薦|精彩推荐|精彩推薦|为你推荐|為你推薦|最新文章|相关文档|相關文檔|相关范文|相關範文|相关链接|相關鏈接|"
                     # a WeChat article's and a document-sharing site's lists: `往期推荐`, `喜欢此内容的人还喜欢`, `相关资源 更多`
                     r"往期推荐|往期推薦|往期回顾|往期回顧|往期精选|往期精選|往期精彩|喜欢此内容的人还喜欢|喜歡此內容的人還喜歡|相关资源|相關資源|"
                     # reposts' lists: a personal library's `类似文章 更多`, a portal's `热点推荐`, `今日搜狐热点`
                     r"类似文章|類似文章|热点推荐|熱點推薦|今日搜狐热点|今日搜狐熱點|"
                     # a blog's neighbours: `前一篇：…`, `後一篇：…`
                     r"前一篇|后一篇|後一篇|"
                     # a wiki's lists of other entries: 360百科's `猜你关注`, `相关词条`, MBA智库百科's `本条目相关文档`, `本条目相关课程`
                     r"猜你关注|猜你關注|相关词条|相關詞條|相关条目|相關條目|本条目相关文档|本條目相關文檔|本条目相关课程|本條目相關課程|"
                     # a government portal's lists under the document: `相关文件`, `相关解读` (u36)
                     r"相关文件|相關文件|相关解读|相關解讀|相关政策解读|相關政策解讀|"
                     # a Hong Kong or Macau news site's list under the article: `相關新聞` (u54)
                     r"相关新闻|相關新聞|相关报道|相關報道|延伸閱讀)"
                     r"(?:\s*更多)?(?:\s*[:：]\s*(?P<title>.*)|\s*)$")
# A line of a link list under a bare "read more" marker: a title, no sentence.
LINK_LINE = re.compile(r"^[^。；;！!？?]{4,60}$")
# A report's full title on a line of its own, in the middle of a text: a second report glued on
# without a marker (`…年度报告` with agency or year; checked against the current report's title).
REPORT_TITLE_LINE = re.compile(r"^[^。，,；;：:！!？?]{2,40}?(?:政府信息公开|政务公开|信息公开|政府信息公開|政務公開|信息公開)"
                               r"[^。，,；;：:！!？?]{0,12}?(?:年度报告|年度報告|工作报告|工作報告|年报|年報)(?:[（(][^（）()]{1,12}[）)])?$")
# A report's closing date (`2016年3月28日`) on a line of its own: what follows a headline after it is another piece.
CLOSING_DATE = re.compile(r"^[0-9０-９〇零○一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$")
# A report needs this much text before a second one can start.
MIN_REPORT_CHARS = 200


def _related(text: str) -> str | None:
    """None when `text` is no "read more" line (RELATED), else the title it names ("" for none), as the text writes
    it. A Traditional form the pattern does not list (Hong Kong's 擴展閲讀) is matched folded to Simplified: same
    length, so the title is cut from the text itself."""
    m = match_any_script(RELATED, text)
    if m is None:
        return None
    return text[m.start("title"):m.end("title")] if m.group("title") else ""


def _report_title_line(text: str) -> bool:
    return match_any_script(REPORT_TITLE_LINE, text) is not None


@dataclass
class Segment:
    lines: list[Line]
    removals: list[Removal]
    facts: dict


def _squash(text: str) -> str:
    return re.sub(r"[\s()（）]", "", text)


def _begins_with(lines: list[Line], i: int, title: str) -> bool:
    want = _squash(title)
    if len(want) < 6:
        return False
    got = ""
    for line in lines[i:i + 3]:
        got += _squash(line.text)
        if got.startswith(want) or want.startswith(got) and len(got) >= len(want):
            return True
        if len(got) >= len(want):
            break
    return got.startswith(want)


def _link_lists(lines: list[Line]) -> set[int]:
    """Lines of link lists: the titles under a bare marker (`相关推荐`, `猜你喜欢`), when nothing but
    other markers and titles follows them (a title followed by a text is the next report)."""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        if _related(lines[i].text) != "":  # no marker, or one naming a title
            i += 1
            continue
        j = i + 1
        while j < len(lines) and LINK_LINE.match(lines[j].text) and _related(lines[j].text) is None:
            j += 1
        if j > i + 1 and (j == len(lines) or _related(lines[j].text) is not None):
            found.update(range(i + 1, j))
        i = j
    return found


def _next_piece(lines: list[Line], i: int, before: str) -> bool:
    """Does line i start another piece: a headline right after a report's closing date, followed by
    running text? (A page's "next article", or another report.) An appendix after the date (`附件：…`,
    a table's title over its rows) is no headline followed by prose."""
    from .metadata import _title_like

    if not CLOSING_DATE.match(before) or i + 1 >= len(lines):
        return False
    line, following = lines[i].text, lines[i + 1].text
    if re.match(r"^(?:附件|附表|附：|附:|注：|注:|联系|聯繫)", line) or SIGNATURE.match(line):
        return False
    return _title_like(line, following) and re.search(r"[。！？!?]$", following) is not None


def split(stripped: Stripped) -> list[Segment]:
    lines = stripped.lines
    starts = [0]
    removed: list[Removal] = []
    kept: list[Line] = []
    chars = 0
    first_title = lines[0].text if lines else ""
    links = _link_lists(lines)
    for i, line in enumerate(lines):
        if i in links:
            removed.append(Removal("related-reading", line.text, line.pos))
            continue
        named = _related(line.text)
        if named is not None:
            if named and _begins_with(lines, i + 1, named) and chars >= MIN_REPORT_CHARS and i + 1 < len(lines):
                # The marker introduces the next report: log it with that report.
                removed.append(Removal("related-reading", line.text, lines[i + 1].pos))
                starts.append(len(kept))
                chars = 0
                first_title = lines[i + 1].text
            else:
                removed.append(Removal("related-reading", line.text, line.pos))
            continue
        if chars >= MIN_REPORT_CHARS and kept and _next_piece(lines, i, kept[-1].text):
            # A page's next article glued after the report's closing date (`…⏎2016年3月28日⏎株洲市2016年一季度…分析⏎今年一季度，…`).
            starts.append(len(kept))
            chars = 0
            first_title = line.text
        elif _report_title_line(line.text) and chars >= MIN_REPORT_CHARS and kept and _squash(line.text) != _squash(first_title) \
                and (re.search(r"[。！？!?”]$", kept[-1].text) or SIGNATURE.match(kept[-1].text)):
            starts.append(len(kept))
            chars = 0
            first_title = line.text
        kept.append(line)
        chars += len(line.text)
    removals = stripped.removals + removed
    segments: list[Segment] = []
    bounds = starts + [len(kept)]
    for k in range(len(starts)):
        seg_lines = kept[bounds[k]:bounds[k + 1]]
        segments.append(Segment(seg_lines, [], dict(stripped.facts)))
    if not segments:
        segments = [Segment([], [], dict(stripped.facts))]
    # Attribute each removal to the last segment starting at or before where it was removed.
    firsts = [seg.lines[0].pos if seg.lines else (10**9,) for seg in segments]
    for r in sorted(removals, key=lambda r: r.pos):
        k = 0
        for j, first in enumerate(firsts):
            if first <= r.pos:
                k = j
        segments[k].removals.append(r)
    # Page facts (site, dates) belong to every report of the page; a wiki's infobox and sections to the first.
    for seg in segments[1:]:
        for key in ("infobox", "sections", "entry_title"):
            seg.facts.pop(key, None)
    return segments
