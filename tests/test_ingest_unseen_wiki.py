"""Copies of the reports on wikis other than Baidu Baike: tests/fixtures/ingest/unseen/u25–u29.

Written by the engineer who added the other wikis' rules (noise.py: WIKI_SITES, WIKI_PAGE_RULES,
WIKI_CODE_RULES; split.py: the wikis' lists of other entries), modelled on the text real pages of these
sites give when copied: 360百科 (baike.so.com), 搜狗百科 (baike.sogou.com), 快懂百科 (baike.com, once
互动百科), MBA智库百科 (wiki.mbalib.com) and 维基文库 (zh.wikisource.org, Traditional script). Each holds a
whole report with the site's chrome before it (site bar, toolbar, the entry's definition or a summary
copied from the report, contents), inside it (`编辑` after section names, `[1]`/`[2-3]` reference marks)
and after it (reference list, tags, statistics, credits, related entries, licence, categories, footer).

Same checks as tests/test_ingest_unseen.py (metadata, headings, noise gone, report text kept, every Han
character in the body or the log, the written file loads), plus the site; then each new rule on a real
fragment, and look-alikes that must stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest.noise import KINDS, strip_noise

from unseen_sets import check_body, convert_fixture

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

# file → (metadata, headings, gone from the body, kept in the body)
EXPECT = {
    "u25_liuzhou_zjw_2016_360baike.txt": (
        dict(title="柳州市住房和城乡建设委员会2016年政府信息公开工作年度报告", agency="柳州市住房和城乡建设委员会", region="广西壮族自治区",
             city="柳州市", year=2016, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
             site="360百科", published="2017-04-20", retrieved="2017-04-18"),
        # the wiki's section names (the editor dropped the report's numbering) are the headings
        ["## 概述", "### （一）加强组织领导。", "## 主动公开政府信息情况", "## 行政复议和行政诉讼情况", "## 存在的主要问题及改进措施"],
        ["360百科", "注册", "编辑", "收藏", "浏览次数", "目录", "收起", "[1]", "[2-3]", "参考资料", "引用日期", "词条标签", "政府文件",
         "本词条对我有帮助", "猜你关注", "住房公积金", "2015年", "百科协议", "360.CN"],
        # the summary above the contents is a copy of the paragraph under 概述: the copy in the section stays, once
        ["本报告中所列数据的统计期限自2016年1月1日起至2016年12月31日止。",
         "## 概述\n\n2016年，我委认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）",
         "配备专职工作人员1名、兼职信息员16名。\n", "及时公开政策文件和办理结果。\n", "柳州市住房和城乡建设委员会\n\n2017年3月28日\n"]),
    "u26_zibo_zhangdian_2020_sogoubaike.txt": (
        dict(title="淄博市张店区人民政府2020年政府信息公开工作年度报告", agency="淄博市张店区人民政府", region="山东省", city="淄博市",
             year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
             site="搜狗百科", published=None, retrieved=None),
        ["## 一、总体情况", "### （四）平台建设。", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["搜狗百科", "知乎", "锁定", "认证", "是淄博市张店区人民政府于2021年1月发布", "1 一、总体情况", "编辑本段", "[1]", "[3]", "参考资料", "鲁中晨报",
         "词条标签", "词条统计", "浏览次数", "编辑次数", "最近更新", "创建者", "淄川小鱼", "相关词条", "2019年", "SOGOU"],
        ["本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "全面提升政务公开质量。\n", "| 行政规范性文件 | 6 | 4 | 35 |",
         "| 行政处罚 | 1437 |", "本年度未收取信息处理费。", "淄博市张店区人民政府办公室\n\n2021年1月25日\n"]),
    "u27_kunming_hbj_2012_baikecom.txt": (
        dict(title="昆明市环境保护局2012年政府信息公开工作年度报告", agency="昆明市环境保护局", region="云南省", city="昆明市",
             year=2012, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
             site="快懂百科", published=None, retrieved=None),
        ["## 一、概述", "### （三）规范建设项目环评信息公开。", "## 二、主动公开政府信息情况", "## 六、存在的主要问题及改进措施"],
        ["快懂百科", "收藏", "中文名", "发布单位", "性质", "目录", "是昆明市环境保护局于2013年3月发布", "[1]", "参考资料", "·",
         "内容由网友共同编辑", "免责声明", "相关词条", "2011年", "云南省环境保护厅", "ICP"],
        ["现公布昆明市环境保护局2012年政府信息公开工作年度报告。", "保障公众的环境知情权、参与权和监督权。\n",
         "加强与公众的互动交流。\n", "昆明市环境保护局\n\n2013年3月29日\n"]),
    "u28_jiangsu_scjgj_2022_mbalib.txt": (
        dict(title="江苏省市场监督管理局2022年政府信息公开工作年度报告", agency="江苏省市场监督管理局", region="江苏省", city=None,
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
             site="MBA智库百科", published=None, retrieved=None),
        ["## 一、总体情况", "### （五）监督保障。", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["MBA智库", "用手机看条目", "出自", "7 参考文献", "[隐藏]", "[编辑]", "[1]", "参考文献", "↑", "2022年江苏省政务公开工作要点", "本条目", "赏",
         "扫一扫", "分享到", "有待完善", "12页", "苏小满", "Cabbage", "页面分类", "评论", "文明上网", "最后修订"],
        ["由江苏省市场监督管理局编制。", "持续加大政务公开力度。\n", "| 行政规范性文件 | 9 | 5 | 47 |", "| 行政许可 | 21864 |",
         "| 9 | 1 | 0 | 2 | 12 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 0 | 0 | 1 |", "本年度我局未收取信息处理费。", "江苏省市场监督管理局\n\n2023年1月20日\n"]),
    "u29_chengdu_bgt_2008_wikisource.txt": (
        dict(title="成都市人民政府辦公廳2008年政府信息公開工作年度報告", agency="成都市人民政府办公厅", region="四川省", city="成都市",
             year=2008, year_text=None, kind="annual-report", script="zh-Hant", truncated=False,
             site="维基文库", published=None, retrieved=None),
        ["## 一、概述", "### （三）及時公開抗震救災信息。", "## 二、主動公開政府信息情況", "## 六、存在的主要問題和改進措施"],
        ["跳至內容", "主選單", "搜尋", "語言", "討論", "檢視歷史", "工具", "自由的圖書館", "←", "→", "作者", "姊妹計劃", "1 一、概述", "[編輯]",
         "本作品", "著作權法", "取自", "oldid", "分類", "2009年作品", "最後修訂", "創用CC", "隱私政策", "免責聲明", "Cookie", "手機版"],
        ["本報告中所列數據的統計期限自2008年5月1日起至2008年12月31日止。", "克服「5·12」汶川特大地震帶來的嚴重影響",
         "共召開新聞發佈會32場。\n", "成都市人民政府辦公廳\n\n二〇〇九年三月三十一日\n"]),
}

URLS = {"u29_chengdu_bgt_2008_wikisource.txt": "https://zh.wikisource.org/w/index.php?title=成都市人民政府辦公廳2008年政府信息公開工作年度報告&oldid=1874512"}


def _convert(name: str):
    return convert_fixture(name)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_metadata(name):
    front = _convert(name).reports[0].front
    want = EXPECT[name][0]
    source = front["source"]
    got = {k: front[k] for k in want if k in front} | {k: source[k] for k in ("site", "published", "retrieved")}
    assert got == want
    assert front["title_derived"] is False
    assert source["encoding"] == "utf-8"
    assert source["url"] == URLS.get(name)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_structure_noise_and_text(name):
    report = _convert(name).reports[0]
    _, headings, gone, kept = EXPECT[name]
    check_body(report.body, headings, gone, kept)
    # no paragraph twice (a wiki's summary copy is gone), no section left empty
    paragraphs = [p for p in report.body.split("\n\n") if len(p) >= 20 and not p.startswith("|")]
    assert len(paragraphs) == len(set(paragraphs))
    assert not report.notes


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_noise_is_logged_by_kind(name):
    removed = _convert(name).reports[0].front["import"]["removed"]
    assert set(removed) <= set(KINDS)
    assert removed.get("wiki-section-chrome", 0) + removed.get("infobox", 0) >= 1  # the wiki's own structure went, and was counted


# ---------------------------------------------------------------------------------------------------
# The rules, one real fragment each (rule name → (input, expected text, expected removals as (kind, text))).

# A page's worth of report text.
PAGE = "2016年，我委共主动公开政府信息1257条，其中通过委门户网站公开1042条，通过微信公众号公开186条。"
PAGE2 = "2016年，我委共受理政府信息公开申请27件，已答复27件，其中同意公开19件，同意部分公开3件。"


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "wiki-site": [
        # the site's name in its own header line, its footer or its address: the page's site
        ("360百科\n" + PAGE, PAGE, [("breadcrumb", "360百科")]),
        (PAGE + "\n©2024 SOGOU.COM 京ICP证050897号", PAGE, [("site-footer", "©2024 SOGOU.COM 京ICP证050897号")]),
    ],
    "wiki-site-bar": [
        ("搜狗百科 网页 微信 知乎 图片 视频 医疗 汉语 问问 百科 更多»\n" + PAGE, PAGE,
         [("breadcrumb", "搜狗百科网页微信知乎图片视频医疗汉语问问百科更多»")]),
        ("MBA智库 | 百科 | 文档 | 问答 | 课程 | 资讯 | 登录 注册\n出自 MBA智库百科(https://wiki.mbalib.com/)\n" + PAGE, PAGE,
         [("breadcrumb", "MBA智库 | 百科 | 文档 | 问答 | 课程 | 资讯 | 登录注册"), ("breadcrumb", "出自 MBA智库百科(https://wiki.mbalib.com/)")]),
        ("跳至內容\n主選單\n維基文庫，自由的圖書館\n" + PAGE, PAGE,
         [("breadcrumb", "跳至內容"), ("breadcrumb", "主選單"), ("breadcrumb", "維基文庫，自由的圖書館")]),
    ],
    "wiki-page-toolbar": [
        ("快懂百科 首页 搜索 登录\n收藏 分享 编辑\n" + PAGE, PAGE, [("breadcrumb", "快懂百科首页搜索登录"), ("wiki-toolbar", "收藏分享编辑")]),
        ("維基文庫，自由的圖書館\n閱讀 編輯 檢視歷史\n姊妹計劃: 數據項\n" + PAGE, PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("wiki-toolbar", "閱讀編輯檢視歷史"), ("wiki-toolbar", "姊妹計劃: 數據項")]),
    ],
    "wiki-title-toolbar": [
        ("360百科\n柳州市住建委2016年政府信息公开工作年度报告 编辑 收藏 分享\n" + PAGE, "柳州市住建委2016年政府信息公开工作年度报告\n" + PAGE,
         [("breadcrumb", "360百科"), ("wiki-toolbar", "编辑收藏分享")]),
    ],
    "wiki-stats": [
        (PAGE + "\n词条统计\n浏览次数：2187次\n编辑次数：3次 历史版本\n最近更新：2021-03-02\n创建者：淄川小鱼\n©2024 SOGOU.COM", PAGE,
         [("page-header", "词条统计"), ("page-header", "浏览次数：2187次"), ("page-header", "编辑次数：3次历史版本"),
          ("page-header", "最近更新：2021-03-02"), ("page-header", "创建者：淄川小鱼"), ("site-footer", "©2024 SOGOU.COM")]),
        ("維基文庫，自由的圖書館\n" + PAGE + "\n本頁面最後修訂於2021年6月3日 (星期四) 12:40。", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("page-header", "本頁面最後修訂於2021年6月3日 (星期四) 12:40。")]),
    ],
    "wiki-credits": [
        ("搜狗百科\n本词条由“淄博政务公开”认证\n" + PAGE, PAGE, [("breadcrumb", "搜狗百科"), ("wiki-notice", "本词条由“淄博政务公开”认证")]),
        ("出自 MBA智库百科(https://wiki.mbalib.com/)\n" + PAGE + "\n本条目对我有帮助8\n如果您认为本条目还有待完善，需要补充新内容或修改错误内容，请编辑条目或投诉举报。\n"
         "评论（共0条）\n提示：评论内容为网友针对条目\"某某年度报告\"展开的讨论，与本站观点立场无关。\n发表评论请文明上网，理性发言并遵守有关规定。", PAGE,
         [("breadcrumb", "出自 MBA智库百科(https://wiki.mbalib.com/)"), ("wiki-notice", "本条目对我有帮助8"),
          ("wiki-notice", "如果您认为本条目还有待完善，需要补充新内容或修改错误内容，请编辑条目或投诉举报。"), ("wiki-notice", "评论（共0条）"),
          ("wiki-notice", "提示：评论内容为网友针对条目\"某某年度报告\"展开的讨论，与本站观点立场无关。"),
          ("wiki-notice", "发表评论请文明上网，理性发言并遵守有关规定。")]),
    ],
    "wiki-credit-values": [
        ("出自 MBA智库百科(https://wiki.mbalib.com/)\n" + PAGE + "\n本条目由以下用户参与贡献\n苏小满,Cabbage.", PAGE,
         [("breadcrumb", "出自 MBA智库百科(https://wiki.mbalib.com/)"), ("wiki-notice", "本条目由以下用户参与贡献"), ("wiki-notice", "苏小满,Cabbage.")]),
        ("360百科\n" + PAGE + "\n本词条对我有帮助\n12", PAGE, [("breadcrumb", "360百科"), ("wiki-notice", "本词条对我有帮助"), ("wiki-notice", "12")]),
    ],
    "wiki-license": [
        ("維基文庫，自由的圖書館\n" + PAGE + "\n本作品來自中華人民共和國政府的法律、法規，國家機關的決議、決定、命令和其他具有立法、行政、司法性質的文件，"
         "及其官方正式譯文。依據《中華人民共和國著作權法》第五條，不受著作權保護。", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("wiki-notice", "本作品來自中華人民共和國政府的法律、法規，國家機關的決議、決定、命令和其他具有立法、"
                                                     "行政、司法性質的文件，及其官方正式譯文。依據《中華人民共和國著作權法》第五條，不受著作權保護。")]),
        ("維基文庫，自由的圖書館\n" + PAGE + "\n本站的全部文字在創用CC 姓名標示-相同方式分享 4.0 授權條款之條款下提供，附加條款亦可能應用。", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("wiki-notice", "本站的全部文字在創用CC 姓名標示-相同方式分享 4.0 授權條款之條款下提供，附加條款亦可能應用。")]),
    ],
    "wiki-categories": [
        ("維基文庫，自由的圖書館\n" + PAGE + "\n分類：2009年作品 | 成都市人民政府辦公廳作品", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("tags", "分類：2009年作品 | 成都市人民政府辦公廳作品")]),
    ],
    "wiki-source-page": [
        ("維基文庫，自由的圖書館\n" + PAGE + "\n取自“https://zh.wikisource.org/w/index.php?title=某某&oldid=1874512”", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("source-link", "取自“https://zh.wikisource.org/w/index.php?title=某某&oldid=1874512”")]),
    ],
    "wiki-nav": [
        ("維基文庫，自由的圖書館\n← 成都市人民政府2008年政府信息公開工作年度報告\t本篇\n2009年3月\t成都市人民政府辦公廳2009年政府信息公開工作年度報告 →\n" + PAGE, PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("breadcrumb", "← 成都市人民政府2008年政府信息公開工作年度報告\t本篇"),
          ("breadcrumb", "2009年3月\t成都市人民政府辦公廳2009年政府信息公開工作年度報告 →")]),
    ],
    "wiki-header-author": [
        ("維基文庫，自由的圖書館\n作者：成都市人民政府辦公廳\n" + PAGE, PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("page-header", "作者：成都市人民政府辦公廳")]),
    ],
    "wiki-footer-links": [
        ("360百科\n" + PAGE + "\n百科协议 | 隐私政策 | 意见反馈 | 帮助中心", PAGE,
         [("breadcrumb", "360百科"), ("site-footer", "百科协议 | 隐私政策 | 意见反馈 | 帮助中心")]),
    ],
    "wiki-footer-link-run": [
        ("維基文庫，自由的圖書館\n" + PAGE + "\n隱私政策\n關於維基文庫\n免責聲明\n手機版檢視", PAGE,
         [("breadcrumb", "維基文庫，自由的圖書館"), ("site-footer", "隱私政策"), ("site-footer", "關於維基文庫"), ("site-footer", "免責聲明"),
          ("site-footer", "手機版檢視")]),
    ],
    "wiki-tag-values": [
        ("360百科\n" + PAGE + "\n词条标签：\n政府文件 报告 住房和城乡建设", PAGE,
         [("breadcrumb", "360百科"), ("tags", "词条标签："), ("tags", "政府文件报告住房和城乡建设")]),
    ],
    "wiki-contents": [
        ("360百科\n目录\n1 概述\n2 主动公开政府信息情况\n收起\n概述\n" + PAGE, "概述\n" + PAGE,
         [("breadcrumb", "360百科"), ("infobox", "目录"), ("infobox", "1 概述"), ("infobox", "2 主动公开政府信息情况"), ("wiki-toolbar", "收起")]),
        ("快懂百科\n目录 1 一、概述 2 二、主动公开政府信息情况 3 三、依申请公开政府信息情况\n一、概述\n" + PAGE, "一、概述\n" + PAGE,
         [("breadcrumb", "快懂百科"), ("infobox", "目录 1 一、概述 2 二、主动公开政府信息情况 3 三、依申请公开政府信息情况")]),
    ],
    "wiki-edit-after-name": [
        ("360百科\n目录\n1 概述\n2 依申请公开政府信息情况\n概述 编辑\n" + PAGE + "\n依申请公开政府信息情况 编辑\n" + PAGE2,
         "概述\n" + PAGE + "\n依申请公开政府信息情况\n" + PAGE2,
         [("breadcrumb", "360百科"), ("infobox", "目录"), ("infobox", "1 概述"), ("infobox", "2 依申请公开政府信息情况"),
          ("wiki-section-chrome", "编辑"), ("wiki-section-chrome", "编辑")]),
        ("搜狗百科\n一、总体情况 编辑本段\n" + PAGE, "一、总体情况\n" + PAGE, [("breadcrumb", "搜狗百科"), ("wiki-section-chrome", "编辑本段")]),
    ],
    "wiki-reference-list": [
        ("360百科\n" + PAGE + "\n参考资料\n1.  柳州市住建委2016年政府信息公开工作年度报告．柳州市住建委[引用日期2017-04-18]\n"
         "2.  柳州市2016年棚户区改造工作情况通报．柳州日报[引用日期2017-04-19]", PAGE,
         [("breadcrumb", "360百科"), ("references", "参考资料\n1. 柳州市住建委2016年政府信息公开工作年度报告．柳州市住建委[引用日期2017-04-18]\n"
                                                   "2. 柳州市2016年棚户区改造工作情况通报．柳州日报[引用日期2017-04-19]")]),
        ("出自 MBA智库百科(https://wiki.mbalib.com/)\n" + PAGE + "\n参考文献[编辑]\n↑ 江苏省人民政府办公厅.2022年江苏省政务公开工作要点.2022-04-15", PAGE,
         [("breadcrumb", "出自 MBA智库百科(https://wiki.mbalib.com/)"),
          ("references", "参考文献[编辑]\n↑ 江苏省人民政府办公厅.2022年江苏省政务公开工作要点.2022-04-15")]),
        ("搜狗百科\n" + PAGE + "\n参考资料\n[1] 张店区深化政务公开工作综述 淄博日报 2020-12-18", PAGE,
         [("breadcrumb", "搜狗百科"), ("references", "参考资料\n[1] 张店区深化政务公开工作综述淄博日报 2020-12-18")]),
    ],
    "wiki-definition": [
        ("快懂百科\n昆明市环境保护局2012年政府信息公开工作年度报告\n昆明市环境保护局2012年政府信息公开工作年度报告是昆明市环境保护局于2013年3月发布的年度报告。\n" + PAGE,
         "昆明市环境保护局2012年政府信息公开工作年度报告\n" + PAGE,
         [("breadcrumb", "快懂百科"), ("infobox", "昆明市环境保护局2012年政府信息公开工作年度报告是昆明市环境保护局于2013年3月发布的年度报告。")]),
    ],
}

# On a wiki's page, report text that looks like its furniture stays; off a wiki's page, the wiki rules do nothing.
KEEPS = [
    # `编辑` after a name the contents do not list is the report's
    "360百科\n二、信息采集与编辑\n" + PAGE,
    "搜狗百科\n（三）加强信息审核编辑\n" + PAGE,
    # a numbered list in the report after a heading that is not a reference list
    "360百科\n参考资料汇编\n1.制定年度公开工作要点。\n2.编制政府信息公开指南。",
    # the report's own list under a contents-like word
    "360百科\n目录管理\n1 主动公开目录\n2 依申请公开目录",
    # a report's title ending in a word of a toolbar: one word is no toolbar
    "360百科\n关于政务信息编辑发布的工作报告\n" + PAGE,
    # arrows and `作者` inside sentences
    "維基文庫，自由的圖書館\n办理流程为申请→受理→答复，全年办结41件。\n" + PAGE,
    # a year or a document number in brackets is no reference mark
    "360百科\n依据[2019]10号文件执行。\n" + PAGE,
    # not a wiki page: nothing of the wikis' rules applies
    "概述编辑\n" + PAGE,
    "目录\n1 概述\n2 主动公开政府信息情况\n" + PAGE,
    "本作品由市档案馆整理。\n" + PAGE,
    # a report mentioning a wiki is not a wiki page
    "我局在360百科等平台更新了机构词条，" + PAGE,
]


@pytest.mark.parametrize("text", KEEPS)
def test_keeps(text):
    out, removed, _ = strip(text)
    site_marks = {"360百科", "搜狗百科", "維基文庫，自由的圖書館"}
    assert [r for r in removed if r[1] not in site_marks] == []
    assert out == "\n".join(l for l in text.split("\n") if l not in site_marks)


@pytest.mark.parametrize("text,site", [
    ("360百科\n" + PAGE, "360百科"),
    (PAGE + "\n©2024 SOGOU.COM 京ICP证050897号", "搜狗百科"),
    ("快懂百科 首页 搜索 登录\n" + PAGE, "快懂百科"),
    ("互动百科 首页\n" + PAGE, "互动百科"),
    ("出自 MBA智库百科(https://wiki.mbalib.com/)\n" + PAGE, "MBA智库百科"),
    ("維基文庫，自由的圖書館\n" + PAGE, "维基文库"),
    ("我局在360百科等平台更新了机构词条，" + PAGE, None),
])
def test_the_wiki_is_the_site(text, site):
    assert strip(text)[2].facts.get("site") == site


def test_a_wiki_list_of_other_entries_is_related_reading():
    name = "u28_jiangsu_scjgj_2022_mbalib.txt"
    report = _convert(name).reports[0]
    related = [r.text for r in report.removals if r.kind == "related-reading"]
    assert related == ["本条目相关文档", "江苏省市场监督管理局2021年政府信息公开工作年度报告 12页", "市场监管领域政务公开标准指引 28页"]
