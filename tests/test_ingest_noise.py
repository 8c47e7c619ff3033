"""Noise stripping, rule by rule, on real fragments of scrapes, and on fragments that must NOT change."""

from __future__ import annotations

import pytest

from reportsite.ingest.noise import (CODE_RULES, KIND_LABELS, KINDS, LOST_KINDS, RULES, WIKI_CODE_RULES, WIKI_INLINE_RULES, WIKI_PAGE_RULES,
                                     is_reading, strip_noise, summarise)
from unseen_sets import later


def strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


# A page's worth of report text.
PAGE = "省公安厅将政府信息公开作为我省公安机关贯彻落实科学发展观，深入推进依法行政，保障公民知情权的一项重要工作。" * 3

# rule name → (input, expected text, expected removals as (kind, text)); one real fragment each.
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "reading-annotation": [
        ("湖南省民政廳2009年政府信息公開(kāi)工作年度報(bào)告", "湖南省民政廳2009年政府信息公開工作年度報告",
         [("reading-annotation", "(kāi)"), ("reading-annotation", "(bào)")]),
        # Inside genuine parentheses, which stay.
        ("(省政府令第245號(hào),以下簡(jiǎn)稱(chēng)《實(shí)施辦法》)編制。", "(省政府令第245號,以下簡稱《實施辦法》)編制。",
         [("reading-annotation", "(hào)"), ("reading-annotation", "(jiǎn)"), ("reading-annotation", "(chēng)"),
          ("reading-annotation", "(shí)")]),
        # Toneless and doubled annotations, full-width parentheses, a reading of two characters.
        ("政(zheng)府信息", "政府信息", [("reading-annotation", "(zheng)")]),
        ("年度報(bào)(bào)告", "年度報告", [("reading-annotation", "(bào)"), ("reading-annotation", "(bào)")]),
        ("公開（kāi）工作", "公開工作", [("reading-annotation", "（kāi）")]),
        ("年度報告(bào gào)全文", "年度報告全文", [("reading-annotation", "(bào gào)")]),
        # A heteronym: 行 is both xíng and háng.
        ("銀行(háng)業", "銀行業", [("reading-annotation", "(háng)")]),
        # Tones written as numbers.
        ("年度報(bao4)告", "年度報告", [("reading-annotation", "(bao4)")]),
    ],
    "eaten-by-annotation": [
        ("按照事項名稱(chēng)、辦理?xiàng)l件、申請(qǐng)材料", "按照事項名稱、辦理〓件、申請材料",
         [("reading-annotation", "(chēng)"), ("eaten-by-annotation", "?xiàng)l"), ("reading-annotation", "(qǐng)")]),
        ("在《湖南日?qǐng)?bào)》、紅網(wǎng)等媒體", "在《湖南日〓》、紅網等媒體",
         [("eaten-by-annotation", "?qǐng)?bào)"), ("reading-annotation", "(wǎng)")]),
        ("湖南日?(bào)刊登", "湖南日〓刊登", [("eaten-by-annotation", "?(bào)")]),
    ],
    "replacement-character": [
        ("全年共受理\ufffd\ufffd件申请", "全年共受理〓件申请", [("replacement-character", "\ufffd\ufffd")]),
    ],
    "baike-toolbar": [
        ("收藏查看我的收藏0有用+1已投票0湖南省公安厅2009年度政府信息公开工作",
         "湖南省公安厅2009年度政府信息公开工作", [("wiki-toolbar", "收藏查看我的收藏0有用+1已投票0")]),
    ],
    "baike-edit-lock": [
        ("湖南省公安厅2009年度政府信息公开工作编辑锁定2009年，我厅以《条例》为指导。",
         "湖南省公安厅2009年度政府信息公开工作\n2009年，我厅以《条例》为指导。", [("wiki-toolbar", "编辑锁定")]),
    ],
    "baike-stub-notice": [
        ("湖南省公安厅2009年度政府信息公开工作编辑锁定本词条缺少名片图，补充相关内容使词条更完整，还能快速升级，赶紧来编辑吧！2009年，我厅以《条例》为指导。",
         "湖南省公安厅2009年度政府信息公开工作\n2009年，我厅以《条例》为指导。",
         [("wiki-toolbar", "编辑锁定"), ("wiki-notice", "本词条缺少名片图，补充相关内容使词条更完整，还能快速升级，赶紧来编辑吧！")]),
    ],
    "citation-mark": [
        ("促进和谐警民关系建设，重点开展了以下工作：[1]", "促进和谐警民关系建设，重点开展了以下工作：", [("citation-mark", "[1]")]),
        ("共发布信息400余条[2-3]。", "共发布信息400余条。", [("citation-mark", "[2-3]")]),
    ],
    "wiki-references": [
        ("确保信息准确鲜活。参考资料1.湖南省公安厅2009年度政府信息公开工作．湖南省人民政府[引用日期2014-04-21]",
         "确保信息准确鲜活。", [("references", "参考资料1.湖南省公安厅2009年度政府信息公开工作．湖南省人民政府[引用日期2014-04-21]")]),
    ],
    "wiki-tags": [
        ("确保信息准确鲜活。词条标签：社会，公文", "确保信息准确鲜活。", [("tags", "词条标签：社会，公文")]),
    ],
    "infobox": [
        ("收藏查看我的收藏0有用+1已投票0湖南省公安厅2009年度政府信息公开工作编辑锁定重点开展了以下工作："
         "中文名湖南省公安厅2009年度政府信息公开工作主办方湖南省公安厅时\u00a0\u00a0\u00a0\u00a0间2009年性\u00a0\u00a0\u00a0\u00a0质工作报告目录1基本概述2主要内容"
         "湖南省公安厅2009年度政府信息公开工作基本概述编辑2009年，我厅以《条例》为指导。",
         "湖南省公安厅2009年度政府信息公开工作\n重点开展了以下工作：\n基本概述\n2009年，我厅以《条例》为指导。",
         [("wiki-toolbar", "收藏查看我的收藏0有用+1已投票0"), ("wiki-toolbar", "编辑锁定"),
          ("infobox", "中文名湖南省公安厅2009年度政府信息公开工作主办方湖南省公安厅时间2009年性质工作报告目录1基本概述2主要内容"),
          ("wiki-section-chrome", "湖南省公安厅2009年度政府信息公开工作"), ("wiki-section-chrome", "编辑")]),
    ],
    "wiki-section-head": [
        # Newer pages: `播报编辑` after the name, and a contents list running straight into the first head.
        ("收藏查看我的收藏0有用+1已投票0湖南省民政厅2019年政府信息公开工作年度报告播报编辑锁定讨论上传视频本报告根据条例编制。"
         "中文名湖南省民政厅2019年政府信息公开工作年度报告发布单位湖南省民政厅目录1总体情况2主动公开情况总体情况播报编辑2019年，我厅认真贯彻条例。"
         "主动公开情况播报编辑全年主动公开信息500条。",
         "湖南省民政厅2019年政府信息公开工作年度报告\n本报告根据条例编制。\n总体情况\n2019年，我厅认真贯彻条例。\n主动公开情况\n全年主动公开信息500条。",
         [("wiki-toolbar", "收藏查看我的收藏0有用+1已投票0"), ("wiki-toolbar", "播报编辑锁定讨论上传视频"),
          ("infobox", "中文名湖南省民政厅2019年政府信息公开工作年度报告发布单位湖南省民政厅目录1总体情况2主动公开情况"),
          ("wiki-section-chrome", "播报编辑"), ("wiki-section-chrome", "播报编辑")]),
        ("重点开展了以下工作：主要内容播报编辑（一）及时主动公开警务工作信息。", "重点开展了以下工作：\n主要内容\n（一）及时主动公开警务工作信息。",
         [("wiki-section-chrome", "播报编辑")]),
        ("收藏查看我的收藏0有用+1已投票0湖南省公安厅2009年度政府信息公开工作编辑锁定"
         "湖南省公安厅2009年度政府信息公开工作主要内容编辑（一）及时主动公开警务工作信息。",
         "湖南省公安厅2009年度政府信息公开工作\n主要内容\n（一）及时主动公开警务工作信息。",
         [("wiki-toolbar", "收藏查看我的收藏0有用+1已投票0"), ("wiki-toolbar", "编辑锁定"),
          ("wiki-section-chrome", "湖南省公安厅2009年度政府信息公开工作"), ("wiki-section-chrome", "编辑")]),
    ],
    "wiki-edit-link": [
        ("概述[编辑]\n2019年，我局认真贯彻《条例》。", "概述\n2019年，我局认真贯彻《条例》。", [("wiki-section-chrome", "[编辑]")]),
    ],
    "page-header": [
        ("時間:2023-02-09 09:54:02 | 來源:營銷百科\n湖南省民政廳2009年工作。", "湖南省民政廳2009年工作。",
         [("page-header", "時間:2023-02-09 09:54:02 | 來源:營銷百科")]),
        ("時間:2023-02-09 09:54:02 來源:營銷百科\n湖南省民政廳2009年工作。", "湖南省民政廳2009年工作。",
         [("page-header", "時間:2023-02-09 09:54:02 來源:營銷百科")]),
        ("发布时间：2020-01-15 来源：湖南省公安厅 浏览次数：123\n正文。", "正文。",
         [("page-header", "发布时间：2020-01-15 来源：湖南省公安厅浏览次数：123")]),
        ("2020-01-15 10:00 来源：湖南省公安厅\n正文。", "正文。", [("page-header", "2020-01-15 10:00 来源：湖南省公安厅")]),
        # buttons after the date on the header line
        ("作者： 来源：市发展改革委办公室 发布时间：2014-03-27 【打印】【关闭】\n正文。", "正文。",
         [("page-header", "作者：来源：市发展改革委办公室发布时间：2014-03-27 【打印】【关闭】")]),
        # A government page's metadata table (政府信息公开目录), before or after the title.
        ("索引号：000014348/2021-00012\n发布机构：北京市海淀区人民政府办公室\n生成日期：2021-01-29\n文号：\n主题分类：政府信息公开年报\n"
         "北京市海淀区人民政府2020年政府信息公开工作年度报告", "北京市海淀区人民政府2020年政府信息公开工作年度报告",
         [("page-header", "索引号：000014348/2021-00012"), ("page-header", "发布机构：北京市海淀区人民政府办公室"),
          ("page-header", "生成日期：2021-01-29"), ("page-header", "文号："), ("page-header", "主题分类：政府信息公开年报")]),
        ("索 引 号：007482911/2025-00031 分    类：政府信息公开年报\n发布机构：广州市天河区石牌街道办事处 成文日期：2025-01-20\n"
         "文    号： 发布日期：2025-01-21\n正文。", "正文。",
         [("page-header", "索引号：007482911/2025-00031 分类：政府信息公开年报"),
          ("page-header", "发布机构：广州市天河区石牌街道办事处成文日期：2025-01-20"), ("page-header", "文号：发布日期：2025-01-21")]),
    ],
    "keywords": [
        ("耐心回答群眾的提問。\n關鍵詞:工作,報告,信息,民政,政府", "耐心回答群眾的提問。", [("keywords", "關鍵詞:工作,報告,信息,民政,政府")]),
    ],
    "farm-notice": [
        ("切实提高工作的质量和水平。\n友情提示:本文中关于《公安局201*年度政府信息公开报告》给出的范例仅供您参考拓展思维使用,该篇文章建议您自主创作。",
         "切实提高工作的质量和水平。",
         [("notice", "友情提示:本文中关于《公安局201*年度政府信息公开报告》给出的范例仅供您参考拓展思维使用,该篇文章建议您自主创作。")]),
    ],
    "farm-source-line": [
        ("切实提高工作的质量和水平。\n来源:网络整理 免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。", "切实提高工作的质量和水平。",
         [("notice", "来源:网络整理免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。")]),
    ],
    "disclaimer": [
        ("正文。\n免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。", "正文。",
         [("notice", "免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。")]),
    ],
    "source-link": [
        ("正文。\n原文链接：http://www.hunan.gov.cn/xxgk/2020/0115.html", "正文。",
         [("source-link", "原文链接：http://www.hunan.gov.cn/xxgk/2020/0115.html")]),
        ("正文。\n（原文連結：http://www.szft.gov.cn/xxgk/t20200120_19013842.htm）", "正文。",
         [("source-link", "（原文連結：http://www.szft.gov.cn/xxgk/t20200120_19013842.htm）")]),
    ],
    "breadcrumb": [
        ("首页 > 政府信息公开 > 年度报告\n湖南省公安厅2019年政府信息公开工作年度报告", "湖南省公安厅2019年政府信息公开工作年度报告",
         [("breadcrumb", "首页 > 政府信息公开 > 年度报告")]),
    ],
    "page-buttons-line": [
        ("正文。\n打印本页 关闭窗口", "正文。", [("page-buttons", "打印本页关闭窗口")]),
        ("正文。\n扫一扫在手机打开当前页", "正文。", [("page-buttons", "扫一扫在手机打开当前页")]),
        # unbracketed, with separators; the correction button
        ("字号：大 中 小 | 打印 | 关闭\n正文。\n【我要纠错】", "正文。", [("page-buttons", "字号：大中小 | 打印 | 关闭"), ("page-buttons", "【我要纠错】")]),
    ],
    "page-buttons-inline": [
        ("湖南省公安厅【字体：大 中 小】【打印】", "湖南省公安厅", [("page-buttons", "【字体：大中小】"), ("page-buttons", "【打印】")]),
    ],
    "site-footer": [
        ("正文。\n版权所有：湖南省人民政府办公厅 湘ICP备05000001号", "正文。", [("site-footer", "版权所有：湖南省人民政府办公厅湘ICP备05000001号")]),
    ],
    "title-site-suffix": [
        ("湖南省公安厅2019年政府信息公开工作年度报告_政务公开_湖南省人民政府门户网站\n一、概述", "湖南省公安厅2019年政府信息公开工作年度报告\n一、概述",
         [("title-suffix", "_政务公开_湖南省人民政府门户网站")]),
        ("广东省公安厅政府信息公开工作年度报告(2019年度) - 某某范文网", "广东省公安厅政府信息公开工作年度报告(2019年度)",
         [("title-suffix", " - 某某范文网")]),
    ],
    "empty-brackets": [
        ("本报告的电子版可在“广东省公安厅政务网站-平安南粤网”()下载。", "本报告的电子版可在“广东省公安厅政务网站-平安南粤网”下载。",
         [("empty-brackets", "()")]),
    ],
    "stray-separator": [
        ("发布工作动态信息280余条。、三、依申请公开政府信息情况", "发布工作动态信息280余条。三、依申请公开政府信息情况",
         [("stray-punctuation", "、")]),
    ],
    "farm-buttons": [
        ("正文。\n广告\n下载文档\n阅读全文\n分享到：微信 QQ空间 新浪微博", "正文。",
         [("page-buttons", "广告"), ("page-buttons", "下载文档"), ("page-buttons", "阅读全文"), ("page-buttons", "分享到：微信 QQ空间新浪微博")]),
        ("南宁市青秀区人民政府办公室\n2022年1月25日\n相关附件：", "南宁市青秀区人民政府办公室\n2022年1月25日", [("page-buttons", "相关附件：")]),
    ],
    "upload-notice": [
        ("本文由用户上传，如有侵权请联系删除！\n本报告根据《条例》编制。", "本报告根据《条例》编制。",
         [("notice", "本文由用户上传，如有侵权请联系删除！")]),
    ],
    "editor-line": [
        ("确保信息及时、准确公开。\n（责任编辑：李静）", "确保信息及时、准确公开。", [("page-header", "（责任编辑：李静）")]),
        # a WeChat article's credits: a `来源` line next to editor lines goes with them
        ("2023年1月28日\n来源：县政府办\n编辑：王晓燕\n审核：陈建国", "2023年1月28日",
         [("page-header", "来源：县政府办"), ("page-header", "编辑：王晓燕"), ("page-header", "审核：陈建国")]),
        # a scraper's record after the text: title, date, source, address
        ("无。\n标题：遵义市红花岗区人民政府2020年政府信息公开工作年度报告\n发布时间：2021-01-29 16:42:10\n来源：遵义市红花岗区人民政府办公室",
         "无。", [("page-header", "标题：遵义市红花岗区人民政府2020年政府信息公开工作年度报告"), ("page-header", "发布时间：2021-01-29 16:42:10"),
                 ("page-header", "来源：遵义市红花岗区人民政府办公室")]),
    ],
    "site-sponsor": [
        ("2021年1月29日\n主办：北京市海淀区人民政府办公室 承办：北京市海淀区政务服务管理局", "2021年1月29日",
         [("site-footer", "主办：北京市海淀区人民政府办公室承办：北京市海淀区政务服务管理局")]),
    ],
    "document-contents": [
        # a PDF's contents page above the report (常德市自然资源和规划局 style), dot leaders of three kinds
        ("目  录\n一、总体情况……………………………………1\n二、主动公开政府信息情况.........3\n三、收到和处理政府信息公开申请情况··········4\n"
         "一、总体情况\n2022年，我局深入贯彻落实《条例》。",
         "一、总体情况\n2022年，我局深入贯彻落实《条例》。",
         [("contents", "目录"), ("contents", "一、总体情况……………………………………1"), ("contents", "二、主动公开政府信息情况.........3"),
          ("contents", "三、收到和处理政府信息公开申请情况··········4")]),
    ],
    "page-number-line": [
        ("同时，进一步提升新闻发布会的权威性和\n- 2 -\n影响力，通过及时、准确地发布权威信息。", "同时，进一步提升新闻发布会的权威性和影响力，通过及时、准确地发布权威信息。",
         [("page-number", "- 2 -")]),
    ],
    "glued-page-number": [
        ("取得了明显成效。\n1(一)加强组织领导,建立健全政府信息公开工作组织体系。" + PAGE + "\n同时,进一步提升新闻发布会的权威性和\n"
         "2影响力,通过及时、准确地发布权威信息。" + PAGE + "\n3建设民意调查、网站日常监测情况和省公安厅自评报告。",
         "取得了明显成效。\n(一)加强组织领导,建立健全政府信息公开工作组织体系。" + PAGE + "\n同时,进一步提升新闻发布会的权威性和影响力,"
         "通过及时、准确地发布权威信息。" + PAGE + "\n建设民意调查、网站日常监测情况和省公安厅自评报告。",
         [("page-number", "1"), ("page-number", "2"), ("page-number", "3")]),
        # A single number that splits a sentence.
        ("省公安厅政府信息公开办公室受理申请。此外,\n7省公安厅政府信息公开办公室努力践行“科学发展观”。",
         "省公安厅政府信息公开办公室受理申请。此外,省公安厅政府信息公开办公室努力践行“科学发展观”。", [("page-number", "7")]),
    ],
    "repeated-line": [
        ("公安局201*年度政府信息公开报告\n公安局201*年度政府信息公开报告\n201*年,我局在党工委的正确领导下。",
         "公安局201*年度政府信息公开报告\n201*年,我局在党工委的正确领导下。", [("repeated-title", "公安局201*年度政府信息公开报告")]),
    ],
    "repeated-title-prefix": [
        ("湖南省民政廳2009年政府信息公開工作年度報告建\n湖南省民政廳2009年政府信息公開工作年度報告建設目標:(一)加強網站群建設。",
         "湖南省民政廳2009年政府信息公開工作年度報告建設目標:(一)加強網站群建設。",
         [("repeated-title", "湖南省民政廳2009年政府信息公開工作年度報告建")]),
    ],
    "html-cell-tag": [
        ("<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>", "规章\t0\t0\t0",
         [("html-tag", "<tr>"), ("html-tag", "<td>"), ("html-tag", "</td><td>"), ("html-tag", "</td><td>"), ("html-tag", "</td><td>"),
          ("html-tag", "</td>"), ("html-tag", "</tr>")]),
    ],
    "html-block-tag": [
        ("<p>一、总体情况</p>\n统计期限自2023年1月1日起至2023年12月31日止。<br>", "一、总体情况\n统计期限自2023年1月1日起至2023年12月31日止。",
         [("html-tag", "<p>"), ("html-tag", "</p>"), ("html-tag", "<br>")]),
        ('<p style="text-align: right;">泉州市水利局</p>', "泉州市水利局", [("html-tag", '<p style="text-align: right;">'), ("html-tag", "</p>")]),
    ],
    "html-inline-tag": [
        ('全年公开<span style="font-size:12px">信息</span>527条。', "全年公开信息527条。",
         [("html-tag", '<span style="font-size:12px">'), ("html-tag", "</span>")]),
    ],
    "wechat-follow": [
        ("点击上方蓝字关注我们\n安吉县人民政府2022年政府信息公开工作年度报告", "安吉县人民政府2022年政府信息公开工作年度报告",
         [("page-buttons", "点击上方蓝字关注我们")]),
        ("正文。\n长按识别二维码", "正文。", [("page-buttons", "长按识别二维码")]),
    ],
    "wechat-byline": [
        ("安吉县人民政府2022年政府信息公开工作年度报告\n原创 安吉发布 安吉发布 2023-01-28 17:30 发表于浙江\n正文。",
         "安吉县人民政府2022年政府信息公开工作年度报告\n正文。", [("page-header", "原创安吉发布安吉发布 2023-01-28 17:30 发表于浙江")]),
    ],
    "wechat-topic": [
        ("收录于合集\n#政务公开 12个\n正文。", "正文。", [("page-buttons", "收录于合集"), ("page-buttons", "#政务公开 12个")]),
    ],
    "button-run": [
        ("正文。\n阅读原文\n阅读 1586\n在看\n写留言", "正文。",
         [("page-buttons", "阅读原文"), ("page-buttons", "阅读 1586"), ("page-buttons", "在看"), ("page-buttons", "写留言")]),
        ("正文。\n回覆 引用 檢舉\n分享至 Facebook Twitter", "正文。", [("page-buttons", "回覆引用檢舉"), ("page-buttons", "分享至 Facebook Twitter")]),
        ("举报 版权申诉 分享 收藏\n正文。\n还剩2页未读，继续阅读", "正文。", [("page-buttons", "举报版权申诉分享收藏"), ("page-buttons", "还剩2页未读，继续阅读")]),
    ],
    "forum-byline": [
        ("發表於 2020-3-2 10:15 | 只看該作者\n正文。", "正文。", [("page-header", "發表於 2020-3-2 10:15 | 只看該作者")]),
    ],
    "forum-edit-notice": [
        ("正文。\n本帖最後由 阿明 於 2020-3-2 10:20 編輯", "正文。", [("notice", "本帖最後由阿明於 2020-3-2 10:20 編輯")]),
    ],
    "doc-share-info": [
        ("VIP免费下载 下载积分：200 页数：5 页 大小：28.5 KB 上传时间：2017-04-12\n正文。", "正文。",
         [("page-header", "VIP免费下载下载积分：200 页数：5 页大小：28.5 KB 上传时间：2017-04-12")]),
    ],
    "preview-limit": [
        ("正文。\n亲，该文档总共5页，到这儿已超出免费预览范围，如果喜欢就下载吧！", "正文。",
         [("notice", "亲，该文档总共5页，到这儿已超出免费预览范围，如果喜欢就下载吧！")]),
    ],
    "site-disclaimer": [
        ("正文。\n本站为文档C2C交易模式，即用户上传的文档直接被用户下载，本站只是中间服务平台。如您发现上传作品侵犯了您的版权，请立刻联系我们。", "正文。",
         [("notice", "本站为文档C2C交易模式，即用户上传的文档直接被用户下载，本站只是中间服务平台。如您发现上传作品侵犯了您的版权，请立刻联系我们。")]),
    ],
    "site-nav-bar": [
        ("原创力文档 首页 文档分类 精品文档 VIP专享 上传文档 登录 注册\n正文。", "正文。",
         [("breadcrumb", "原创力文档首页文档分类精品文档 VIP专享上传文档登录注册")]),
        ("正文。\n网站地图 | 联系我们 | 使用帮助", "正文。", [("breadcrumb", "网站地图 | 联系我们 | 使用帮助")]),
    ],
    "repost-mark": [
        ("【轉載】福田區人民政府2019年政府信息公開工作年度報告\n正文。", "福田區人民政府2019年政府信息公開工作年度報告\n正文。", [("repost-mark", "【轉載】")]),
    ],
    "title-file-extension": [
        ("九江市商务局2016年政府信息公开工作年度报告.doc\n正文。", "九江市商务局2016年政府信息公开工作年度报告\n正文。", [("title-suffix", ".doc")]),
    ],
    "preview-copy": [
        ("文档简介\n本报告根据《条例》要求，由九江市商务局编制。全文包括概述，主动公开……\n本报告根据《条例》要求，由九江市商务局编制。全文包括概述，主动公开政府信息情况。",
         "本报告根据《条例》要求，由九江市商务局编制。全文包括概述，主动公开政府信息情况。",
         [("page-buttons", "文档简介"), ("repeated-paragraph", "本报告根据《条例》要求，由九江市商务局编制。全文包括概述，主动公开……")]),
    ],
    "repeated-paragraph": [
        # Baike's abstract above the contents, then the same paragraph under `基本概述`: the copy in the section stays.
        ("2009年，我厅以《条例》和《办法》为指导，重点开展了以下工作：\n基本概述\n2009年，我厅以《条例》和《办法》为指导，重点开展了以下工作：",
         "基本概述\n2009年，我厅以《条例》和《办法》为指导，重点开展了以下工作：",
         [("repeated-paragraph", "2009年，我厅以《条例》和《办法》为指导，重点开展了以下工作：")]),
        # A paragraph quoted again later in the body: the first copy stays.
        ("一、概述\n全年共受理政府信息公开申请88件，均已按时答复。\n二、申请情况\n受理情况如下。\n全年共受理政府信息公开申请88件，均已按时答复。",
         "一、概述\n全年共受理政府信息公开申请88件，均已按时答复。\n二、申请情况\n受理情况如下。",
         [("repeated-paragraph", "全年共受理政府信息公开申请88件，均已按时答复。")]),
    ],
}

# Fragments no rule may touch.
KEEPS = [
    # Genuine parentheses and Latin terms.
    "加入世界贸易组织(WTO)以来，我省对外开放水平不断提高。",
    "(省政府令第245號,以下簡稱《實施辦法》)編制。",
    "电子邮件咨询2,578人次(封),QQ咨询4,308人次。",
    "《印发广东省政府信息公开工作考核办法(试行)等制度的通知》(粤府办201*107号)",
    # Pinyin in parentheses that is not a reading of the character before it.
    "组织(a)项和(b)项的内容。",
    "“一把手”(yī bǎ shǒu)负责制。",
    # Real numbers at line starts.
    "2009年，我厅共收到政府信息公开申请5条，全部予以答复。\n3200余条信息中，发布“湘警要闻”信息640余条。",
    "1、抓组织、强领导，政务公开推进更加有力。\n2、建“中心”、强统领，政务信息获取更加便捷。",
    "1.5万人次访问了网站。\n12项网上便民措施已推出。",
    "09年以来，共制作播出“嘉宾访谈”节目20余期。",
    # Masked numbers inside the body.
    "201*年,我局在党工委、管委会和市公安局的正确领导下。",
    # Question marks and brackets in real text.
    "群众最关心什么?我们就公开什么。",
    "依据[2019]10号文件执行。",
    # Words that look like furniture inside sentences.
    "我们组织编辑了政务公开手册，并参考资料汇编进行培训。",
    "时间紧、任务重，我们克服困难完成了工作。",
    "央视新闻联播报道了我局的工作，编辑部来函表示感谢。",
    "详见《2019年度报告》(附件1)。",
    # Furniture words in body lines.
    "第一段。\n第二段。\n第三段。\n第四段。\n第五段。\n第六段。\n来源：省统计局2019年统计年鉴",
    "我局依法保护版权所有人的合法权益，查处侵权案件12起。",
    "首页改版后，我们在网站上开设了专栏。",
    "全年共受理申请88件，其中第\n3季度受理最多。",
    "截至年底，全省共有\n15名专职工作人员。",
    "广东省公安厅政务网站-平安南粤网",
    "来源于群众的意见，我们及时研究整改。",
    # A table's row numbers on lines of their own, or glued to short rows, are not page numbers; equal cells are not repeats.
    "序号\n1\n主动公开\n2\n依申请公开\n3\n咨询",
    "1主动公开政府信息情况\n2收到和处理政府信息公开申请情况\n3政府信息公开行政复议情况",
    "规章\n0\n0\n12\n规范性文件\n5\n5\n30",
    # A heading repeated in two sections is not a repeated paragraph.
    "一、2018年情况\n（一）申请情况\n受理5件。\n二、2019年情况\n（一）申请情况\n受理8件。",
    # Furniture words inside report sentences.
    "本文件由市政府办公室负责解释。",
    "（一）分类推进公开。全年公开信息200条。",
    "编辑出版了《政务公开工作手册》，发放3000册。",
    "广告宣传、展板等形式普及《条例》知识。",
    # A signature date at the end.
    "特此报告。\n湖南省公安厅\n2020年1月15日",
    # look-alikes of the markup, WeChat, forum and document-sharing rules
    "《条例》规定<某某>条款，详见〈规定〉。",  # not HTML tags
    "研发投入R&D占比提高，网址为http://a.gov.cn/?a=1&b=2。",  # `&` without a complete reference
    "群众点击关注的热点问题，我们及时回应。",
    "全年在网站首页开设专栏，用户登录注册后可在线申请。",
    "本站全年发布信息1200条，其中原创稿件300条。",
    "本站严格遵守著作权法律，全年未发生侵权事件。",
    "本文档共分六个部分，下面逐一报告。",
    "第一段。\n第二段。\n第三段。\n第四段。\n第五段。\n第六段。\n来源：省统计局\n单位：件",
    "全年收到申请120件……\n全年收到申请120件，其中同意公开98件。",  # a stem under 20 characters is no preview
    # one line with leaders is no contents list; `目录` without entries under it stays
    "详见附件……2\n一、总体情况",
    "目录\n一、总体情况\n二、主动公开政府信息情况",
]


def test_every_rule_has_a_real_fragment():
    wiki = {r.name for r in (*WIKI_PAGE_RULES, *WIKI_INLINE_RULES)} | set(WIKI_CODE_RULES)  # the other wikis' pages only
    assert set(REMOVES) | set(later("REMOVES")) == set(RULES) | set(CODE_RULES) | wiki  # later sets: tests/unseen_sets.py


def test_every_kind_is_known_and_labelled():
    assert {r.kind for r in (*RULES.values(), *WIKI_PAGE_RULES, *WIKI_INLINE_RULES)} <= set(KINDS)
    assert set(KIND_LABELS) == set(KINDS) | set(LOST_KINDS)


ALL_REMOVES = REMOVES | later("REMOVES")  # with the later sets' fragments (tests/test_ingest_unseen_*.py)


@pytest.mark.parametrize("name,case", [(n, c) for n, cases in ALL_REMOVES.items() for c in cases],
                         ids=[f"{n}-{i}" for n, cases in ALL_REMOVES.items() for i, _ in enumerate(cases)])
def test_rule_removes(name, case):
    given, want_text, want_removed = case
    text, removed, _ = strip(given)
    assert text == want_text
    assert sorted(removed) == sorted(want_removed)


@pytest.mark.parametrize("text", KEEPS)
def test_keeps(text):
    got, removed, _ = strip(text)
    assert removed == []
    assert got == text


def test_facts_from_furniture():
    _, _, result = strip("收藏查看我的收藏0有用+1已投票0湖南省公安厅2009年度政府信息公开工作编辑锁定重点开展了以下工作："
                         "中文名湖南省公安厅2009年度政府信息公开工作主办方湖南省公安厅时间2009年性质工作报告目录1基本概述2主要内容"
                         "湖南省公安厅2009年度政府信息公开工作基本概述编辑2009年，我厅以《条例》为指导。"
                         "参考资料1.湖南省公安厅2009年度政府信息公开工作．湖南省人民政府[引用日期2014-04-21]词条标签：社会，公文")
    facts = result.facts
    assert facts["site"] == "百度百科"
    assert facts["retrieved"] == "2014-04-21"
    assert facts["infobox"] == {"中文名": "湖南省公安厅2009年度政府信息公开工作", "主办方": "湖南省公安厅", "时间": "2009年", "性质": "工作报告"}
    assert facts["sections"] == ["基本概述", "主要内容"]
    _, _, result = strip("時間:2023-02-09 09:54:02 | 來源:營銷百科\n正文。")
    assert result.facts == {"published": "2023-02-09", "site": "营销百科"}
    _, _, result = strip("来源：网络整理\n正文。")
    assert "site" not in result.facts
    _, _, result = strip("索引号：007482911/2025-00031\n发布机构：广州市天河区石牌街道办事处 成文日期：2025-01-20\n文号： 发布日期：2025-01-21\n正文。")
    assert result.facts == {"publisher": "广州市天河区石牌街道办事处", "published": "2025-01-21"}


def test_whitespace_normalised_punctuation_kept():
    text, removed, _ = strip("\ufeff通过在《湘警网》开通 “网上办事”栏目，\r\n时\u00a0\u00a0间\u3000\u30002009年\r\n\r\n  Windows 10系统, half-width, 全角，  ")
    assert text == "通过在《湘警网》开通“网上办事”栏目，\n时间 2009年\nWindows 10系统, half-width, 全角，"
    assert removed == []


def test_reading_check_uses_heteronyms():
    assert is_reading("行", "háng") and is_reading("行", "xíng") and is_reading("行", "hang")
    assert not is_reading("行", "hǎo") and not is_reading("织", "wto")
    assert is_reading("報", "bao4") and not is_reading("報", "bao3") and is_reading("的", "de5")
    assert is_reading("廳", "tīng")  # Traditional characters


def test_summary_counts_by_kind_in_fixed_order():
    _, _, result = strip("公開(kāi)報(bào)告()\n正(zhèng)文。")
    assert summarise(result.removals) == {"reading-annotation": 3, "empty-brackets": 1}


def test_removals_remember_their_line():
    _, _, result = strip("第一行。\n關鍵詞:工作,報告\n第三行報(bào)告。")
    assert [(r.kind, r.pos) for r in result.removals] == [("reading-annotation", (2,)), ("keywords", (1,))]


def test_labels_match_in_any_traditional_form():
    """Header labels are written once in Simplified (noise._META_WORDS…) and match every Traditional form of them."""
    import re

    from reportsite.ingest._text import any_script
    from reportsite.ingest.noise import HEADER_FIELD, _header_line, hans

    pattern = re.compile(f"^(?:{any_script('发布机构 发布时间')})$")
    for label in ("发布机构", "發布機構", "發佈機構", "发布时间", "發佈時間", "發布時間"):
        assert pattern.match(label), label
    assert not pattern.match("发行机构")
    # a portal's metadata table as OpenCC writes it in Traditional (`發佈`): the publisher is read
    assert _header_line("發佈機構：北京市海淀區人民政府辦公室")["publisher"] == "北京市海淀區人民政府辦公室"
    assert HEADER_FIELD.match("發佈時間：2021-01-29").group("value") == "2021-01-29"
    # whole-line rules see a line folded to Simplified when its own forms are not listed (Hong Kong's 門户, 閲)
    assert hans("衢州市開化縣人民政府門户網站") == "衢州市开化县人民政府门户网站"
    assert len(hans("擴展閲讀：某某")) == len("擴展閲讀：某某")
