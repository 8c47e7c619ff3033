"""Scrapes the importer was not built from: tests/fixtures/ingest/unseen/, modelled on real pages.

u13 and u14 were written later, by the engineer who added the table rebuilding (tables.py), modelled
on real 2021-edition reports: u13 a district government's page copied with its tables as tab-separated
rows; u14 a PDF extraction of a 民政局 report (label-then-numbers rows, a row label broken over two lines,
group labels on lines of their own, page footers between rows, and a review table that lost a cell).

u15–u24 were written later, by the engineer hardening the importer against page types none of the others
have (tests/fixtures/ingest/unseen/README lists them): a provincial portal's chrome, a WeChat repost, a
document-sharing copy, a Traditional forum re-post, an old county report flattened to one line, a township
report, a page title as the only title, HTML entities and tags, a content farm's next article, and the
page's record after the text.

u35 was written later, by the engineer who added the letter-spacing rule (decode.unspace_letter_spaced): a PDF
extraction that put one space after every character (`2 0 2 1 年 ， 我 局`), table cells in wider gaps.

Twelve raw files as scrapers save them — government sites with their furniture and metadata tables,
content farms (Simplified and Traditional, with and without pinyin annotations, Big5), a PDF
extraction with page footers, a hard-wrapped GBK text, UTF-16 with ideographic-space indents, CRLF,
BOM — from 2008 to 2024, from a 街道办事处 and a 镇 to 办公厅s and 委员会s, in provinces, autonomous
regions and municipalities. The 2019+ reports carry the State Council's standard tables, flattened
the ways scrapes flatten them (one cell a line; `|` rows with empty cells; a label and its numbers
on one line; tabs; PDF rows with labels broken over two lines).

For each: the metadata a careful reader would write down, the headings, the noise that must be gone,
report text that must stay, and for the standard-format reports the tables' key figures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reportsite.content import parse_report
from reportsite.ingest import convert_bytes
from reportsite.ingest._text import han_counter
from reportsite.ingest.decode import decode, normalise
from reportsite.ingest.markdown import render_file
from unseen_sets import check_body, check_front, convert_fixture, later, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

# file → (metadata, encoding, headings, gone from the body, kept in the body)
EXPECT = {
    "u01_beijing_haidian_2020.txt": (
        dict(title="北京市海淀区人民政府2020年政府信息公开工作年度报告", agency="北京市海淀区人民政府", region="北京市", city=None,
             year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2021-01-29"),
        "utf-8",
        ["## 一、总体情况", "### （一）主动公开。", "## 二、主动公开政府信息情况", "## 三、收到和处理政府信息公开申请情况",
         "## 四、政府信息公开行政复议、行政诉讼情况", "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项"],
        ["当前位置", "索引号", "发布机构", "生成日期", "主题分类", "浏览次数", "字号", "打印本页", "关闭窗口", "主办：", "京ICP备", "网站标识码"],
        ["本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "| 规范性文件 | 6 | 6 | 58 |", "| 行政事业性收费 | 3 | 0 |",
         "本年度未收取政府信息公开信息处理费。", "北京市海淀区人民政府办公室\n\n2021年1月29日"]),
    "u02_nanning_qingxiu_2021.txt": (
        dict(title="南宁市青秀区人民政府2021年政府信息公开工作年度报告", agency="南宁市青秀区人民政府", region="广西壮族自治区",
             city="南宁市", year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2022-01-25"),
        "gbk",
        ["## 一、总体情况", "### （一）主动公开情况。", "## 三、收到和处理政府信息公开申请情况", "## 五、存在的主要问题及改进情况",
         "### （二）改进措施。"],
        ["首页", "阅读次数", "字体", "【打印】", "【关闭】", "相关附件", "上一篇", "下一篇", "法治政府建设情况报告", "桂ICP备"],
        ["行政规范性文件 \\| 4 \\| 2 \\| 31", "本机关2021年度未收取信息处理费。"]),
    "u03_jiaxing_sthjj_2022.txt": (
        dict(title="嘉兴市生态环境局2022年政府信息公开工作年度报告", agency="嘉兴市生态环境局", region="浙江省", city="嘉兴市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2023-01-16"),
        "utf-8-sig",
        ["## 一、总体情况", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["发布日期", "字号", "\r"],
        ["| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 行政许可 | 432 |", "| （七）总计 | 16 | 1 | 0 | 0 | 0 | 0 | 17 |", "嘉兴市生态环境局\n\n2023年1月16日"]),
    "u04_guangzhou_czj_2012_big5.txt": (
        dict(title="廣州市財政局2012年政府信息公開工作年度報告", agency="广州市财政局", region="广东省", city="广州市",
             year=2012, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2019-05-12"),
        "big5",
        ["## 一、概述", "### （一）加強組織領導。", "## 六、存在的主要問題及改進措施"],
        ["時間：", "範文先生網", "點擊數", "相關推薦", "2011年", "工作總結", "上一篇", "下一篇"],
        ["已答復58件，其中同意公開39件，不屬於本機關職責範圍的11件，信息不存在的8件。", "提高信息公開的時效性。"]),
    "u05_cangxi_2015_annotated.txt": (
        dict(title="四川省蒼溪縣人民政府2015年政府信息公開工作年度報告", agency="四川省苍溪县人民政府", region="四川省", city="广元市",
             year=2015, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2021-07-18"),
        "utf-8",
        ["## 一、概述", "### (一)健全工作機制。", "## 二、主動公開政府信息情況", "## 六、存在的主要問題及改進措施"],
        ["(bào)", "(kāi)", "時間", "公文范文網", "關鍵詞", "友情提示", "自主創作"],
        ["2015年,全縣共主動公開政府信息4263條,其中縣政府門戶網站公開3518條。", "提高信息公開質量。"]),
    "u06_etuokeqi_2019_utf16.txt": (
        dict(title="鄂托克旗人民政府2019年政府信息公开工作年度报告", agency="鄂托克旗人民政府", region="内蒙古自治区", city="鄂尔多斯市",
             year=2019, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-16-le",
        ["## 一、总体情况", "### （三）平台建设。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["\u3000"],
        ["全年主动公开政府信息２１７６条，其中规范性文件５件。", "| 规范性文件 | 5 | 5 | 37 |", "鄂托克旗人民政府办公室\n\n２０２０年１月２０日"]),
    "u07_shanghai_mzj_2023_pdf.txt": (
        dict(title="上海市民政局2023年政府信息公开工作年度报告", agency="上海市民政局", region="上海市", city=None,
             year=2023, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 二、主动公开政府信息情况", "## 五、存在的主要问题及改进情况"],
        ["— 1 —", "— 3 —", "第 2 页 共 4 页", "第 4 页 共 4 页"],
        # hard-wrapped prose is joined again, also across a page footer
        ["全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
         "推动基层民政政务公开标准目录落地见效。", "上海市民政局\n\n2024年1月19日"]),
    "u08_tianhe_shipai_2024.txt": (
        dict(title="广州市天河区石牌街道办事处2024年政府信息公开工作年度报告", agency="广州市天河区石牌街道办事处", region="广东省",
             city="广州市", year=2024, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2025-01-21"),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况"],
        ["您当前的位置", "索引号", "成文日期", "分享到", "扫一扫", "【打印】", "版权所有", "粤ICP备"],
        # the table's rows repeat (`信息内容 | 本年处理决定数量`): both stay
        ["| 行政处罚 | 58 | | |", "本机关2024年度未收取信息处理费。"]),
    "u09_huaxian_daokou_2010_wrapped.txt": (
        dict(title="河南省滑县道口镇人民政府2010年政府信息公开工作年度报告", agency="河南省滑县道口镇人民政府", region="河南省", city="安阳市",
             year=2010, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "gbk",
        ["## 一、概述", "### （一）加强领导，健全机构。", "### （二）完善制度，规范程序。", "## 六、存在的主要问题和改进措施"],
        [],
        # lines hard-wrapped at 40 characters are paragraphs again
        ["根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《河南省政府信息公开规定》要求，特向社会公布2010年度河南省滑县道口镇人民政府政府信息公开工作年度报告。",
         "领导小组办公室设在党政办，配备专职工作人员1名、兼职工作人员3名。", "推动政府信息公开工作再上新台阶。\n\n二〇一一年三月二十五日"]),
    "u10_foshan_gtj_2008_article.txt": (
        dict(title="佛山市国土资源局召开政府信息公开工作动员会", agency="佛山市国土资源局", region="广东省", city="佛山市",
             year=None, year_text=None, kind="article", script="zh-Hans", truncated=False, published="2008-05-06"),
        "gb18030",
        [],
        ["网站首页", "点击数", "字体", "责任编辑", "相关文章", "国土资源局政府信息公开指南", "国土资源局政府信息公开目录", "Copyright", "粤ICP备"],
        ["一是思想认识到位。", "确保土地供应、征地补偿、矿业权出让等群众关心的信息及时、准确公开。"]),
    "u11_chongqing_fgw_2013.txt": (
        dict(title="重庆市发展和改革委员会2013年政府信息公开工作年度报告", agency="重庆市发展和改革委员会", region="重庆市", city=None,
             year=2013, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2014-03-27"),
        "utf-8",
        ["## 一、概述", "### (一)完善工作机制。", "### (二)深化重点领域公开。", "## 六、存在的主要问题及改进措施", "### (二)改进措施。"],
        ["当前位置", "作者", "发布时间", "【打印】"],
        ["已答复37件，其中同意公开24件，同意部分公开3件，不予公开2件，信息不存在5件，不属于本机关公开职责范围3件。", "重庆市发展和改革委员会\n\n2014年3月27日"]),
    "u12_xinjiang_bgt_2017_farm.txt": (
        dict(title="新疆维吾尔自治区人民政府办公厅2017年政府信息公开工作年度报告", agency="新疆维吾尔自治区人民政府办公厅",
             region="新疆维吾尔自治区", city=None, year=2017, year_text=None, kind="annual-report", script="zh-Hans", truncated=False,
             published="2020-11-03"),
        "utf-8",
        ["## 一、概述", "### （二）加强政策解读。", "## 六、存在的主要问题及改进措施"],
        ["范文大全", "admin", "本文由用户上传", "广告", "下载文档", "阅读全文", "分享到", "相关推荐", "猜你喜欢", "2016年", "范文",
         "上一篇", "下一篇", "乌鲁木齐"],
        ["2018年，我们将进一步加大公开力度，做好解读回应工作。"]),
    "u13_hefei_shushan_2022_tabs.txt": (
        dict(title="合肥市蜀山区人民政府2022年政府信息公开工作年度报告", agency="合肥市蜀山区人民政府", region="安徽省", city="合肥市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2023-01-18"),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["当前位置", "浏览次数", "【打印本页】", "皖ICP备", "\t"],
        # tab-separated rows are tables again; a group label (`三、本年度办理结果`) is a row of its own
        ["| 行政规范性文件 | 3 | 1 | 25 |", "| 三、本年度办理结果 | | | | | | | |\n| （一）予以公开 | 20 | 1 | 0 | 0 | 0 | 0 | 21 |",
         "| 2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 1 | 1 |", "本机关2022年度未收取信息处理费。"]),
    "u14_changsha_yuelu_mzj_2023_pdf.txt": (
        dict(title="长沙市岳麓区民政局2023年政府信息公开工作年度报告", agency="长沙市岳麓区民政局", region="湖南省", city="长沙市",
             year=2023, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["— 2 —", "— 3 —", "— 4 —"],
        # a label the PDF broke over two lines is one cell; the review table lost a cell (14 numbers): left as text
        ["| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "| （三）不予公开 | | | | | | | |",
         "\n\n1 0 0 0 1 0 0 0 1 0 0 0 0 0\n\n", "长沙市岳麓区民政局\n\n2024年1月22日"]),
    "u15_jiangxi_zrzyt_2021_portal.txt": (
        dict(title="江西省自然资源厅2021年政府信息公开工作年度报告", agency="江西省自然资源厅", region="江西省", city=None,
             year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2022-01-26"),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["_江西省自然资源厅", "字号", "打印", "关闭", "我要纠错", "扫一扫", "分享到", "相关链接", "网站地图", "网站标识码", "赣公网安备", "邮编"],
        ["| 行政规范性文件 | 6 | 3 | 38 |", "| （七）总计 | 142 | 8 | 0 | 0 | 4 | 0 | 154 |", "本机关2021年度未收取信息处理费。",
         "江西省自然资源厅\n\n2022年1月26日\n"]),
    "u16_anji_2022_wechat.txt": (
        dict(title="安吉县人民政府2022年政府信息公开工作年度报告", agency="安吉县人民政府", region="浙江省", city="湖州市",
             year=2022, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2023-01-28"),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 五、存在的主要问题及改进情况", "## 六、其他需要报告的事项"],
        ["点击上方蓝字", "原创", "发表于", "收录于合集", "#政务公开", "来源：", "编辑：", "审核：", "往期推荐", "长按识别二维码", "阅读原文",
         "在看", "点赞", "留言", "喜欢此内容", "微信扫一扫", "继续滑动", "知道了", "政务公开工作会议"],
        ["“安吉发布”微信公众号发布政务信息1260条", "| 行政规范性文件 | 11 | 4 | 63 |", "安吉县人民政府办公室\n\n2023年1月28日\n"]),
    "u17_jiujiang_swj_2016_docshare.txt": (
        dict(title="九江市商务局2016年政府信息公开工作年度报告", agency="九江市商务局", region="江西省", city="九江市",
             year=2016, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、概述", "### （一）加强组织领导。", "## 二、主动公开政府信息情况", "## 六、存在的主要问题及改进措施"],
        ["原创力文档", ".doc", "下载积分", "VIP", "文档简介", "……", "举报", "第1页", "第3页", "免费预览", "继续阅读", "关于本文", "本文标题",
         "max.book118.com", "相关资源", "2015年政府信息公开", "C2C"],
        # the text a page break cut is whole; the repeated page header is gone
        ["修订了《九江市商务局政府信息公开保密审查制度》，明确了公开前审查的程序和责任。\n\n## 二、主动公开政府信息情况\n\n2016年，我局通过",
         "2016年我局政府信息公开工作虽然取得了一定成绩", "九江市商务局\n\n2017年3月20日\n"]),
    "u18_futian_2019_hant_forum.txt": (
        dict(title="福田區人民政府2019年政府信息公開工作年度報告", agency="深圳市福田区人民政府", region="广东省", city="深圳市",
             year=2019, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2020-03-02"),
        "utf-8",
        ["## 一、總體情況", "### （四）平臺建設。", "## 二、主動公開政府信息情況", "## 六、其他需要報告的事項"],
        ["轉載", "討論區", "發表於", "只看該作者", "樓主", "原文連結", "本帖", "回覆", "檢舉", "Facebook"],
        ["以「公開為常態、不公開為例外」為原則", "| 規範性文件 | 14 | 14 | 97 |", "深圳市福田區人民政府辦公室\n\n2020年1月20日\n"]),
    "u19_wugong_2009_gbk_oneline.txt": (
        dict(title="武功县人民政府2009年政府信息公开工作年度报告", agency="武功县人民政府", region="陕西省", city="咸阳市",
             year=2009, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2010-03-29"),
        "gbk",
        ["## 一、概述", "### （一）健全组织机构。", "### （二）完善工作制度。", "## 五、因政府信息公开申请提起行政复议、行政诉讼的情况",
         "## 六、存在的主要问题和改进措施"],
        ["浏览次数", "打印本页", "关闭窗口", "版权所有", "陕ICP备", "技术支持"],
        # a text flattened to one line gets its sections back, and its signature its own lines
        ["\n\n我县政府信息公开工作虽然取得了一定成效", "推动政府信息公开工作深入开展。\n\n武功县人民政府办公室\n\n二〇一〇年三月二十六日\n"]),
    "u20_daying_zhen_2020.txt": (
        dict(title="大营镇人民政府2020年政府信息公开工作年度报告", agency="大营镇人民政府", region="河北省", city="衡水市",
             year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2021-01-22"),
        "utf-8",
        ["## 一、总体情况", "### （四）平台建设。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["当前位置", "访问量", "上一篇", "下一篇", "枣强镇", "【关闭】", "网站标识码", "冀ICP备"],
        ["| 规范性文件 | 0 | 0 | 0 |", "2020年，我镇未收到政府信息公开申请，无上年结转申请。", "大营镇人民政府\n\n2021年1月20日"]),
    "u21_yichang_tjj_2018_pagetitle.txt": (
        dict(title="2018年政府信息公开工作年度报告", agency="宜昌市统计局", region="湖北省", city="宜昌市",
             year=2018, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、概述", "#### 1.加强组织领导。", "#### 3.强化解读回应。", "## 六、存在的主要问题及改进措施"],
        ["_宜昌市统计局", "_宜昌市人民政府"],
        ["请与宜昌市统计局办公室联系（地址：宜昌市沿江大道115号，邮编：443000，电话：0717-6224507）。", "宜昌市统计局\n\n2019年3月25日\n"]),
    "u22_quanzhou_slj_2023_entities.txt": (
        dict(title="泉州市水利局2023年政府信息公开工作年度报告", agency="泉州市水利局", region="福建省", city="泉州市",
             year=2023, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2024-01-23"),
        "utf-8",
        ["## 一、总体情况", "### （四）平台建设。", "## 二、主动公开政府信息情况", "## 六、其他需要报告的事项"],
        ["&#", "&amp;", "nbsp", "ldquo", "<", "\\<", "td", "span", "style", "打印本页"],
        ["围绕“防汛抗旱”“水资源管理”等重点领域", "开设“河湖长制”专栏", "参训人数\\>60人次", "加强“图解”&“视频”等解读方式",
         "| 行政规范性文件 | 1 | 2 | 9 |", "泉州市水利局\n\n2024年1月23日\n"]),
    "u23_zhuzhou_rsj_2015_next_article.txt": (
        dict(title="株洲市人力资源和社会保障局2015年政府信息公开工作年度报告", agency="株洲市人力资源和社会保障局", region="湖南省", city="株洲市",
             year=2015, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2016-05-18"),
        "utf-8",
        ["## 一、概述", "### （二）突出公开重点。", "## 六、存在的主要问题及改进措施"],
        ["首页", "网络整理", "人气", "新增就业", "打印本页", "上一篇", "下一篇"],
        ["不属于本机关公开范围3件。", "株洲市人力资源和社会保障局\n\n2016年3月28日\n"]),
    "u24_honghuagang_2020_meta_at_end.txt": (
        dict(title="遵义市红花岗区人民政府2020年政府信息公开工作年度报告", agency="遵义市红花岗区人民政府", region="贵州省", city="遵义市",
             year=2020, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2021-01-29"),
        "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["标题：", "发布时间", "来源：", "链接", "http"],
        ["| 规范性文件 | 3 | 3 | 41 |", "## 六、其他需要报告的事项\n\n无。\n"]),
    "u35_hengyang_rsj_2021_letterspaced_pdf.txt": (
        dict(title="衡阳市人力资源和社会保障局2021年政府信息公开工作年度报告", agency="衡阳市人力资源和社会保障局", region="湖南省",
             city="衡阳市", year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published=None),
        "utf-8",
        ["## 一、总体情况", "### （一）主动公开。", "## 二、主动公开政府信息情况", "## 六、其他需要报告的事项"],
        ["— 1 —", "— 2 —", "2 0 2 1", "政 府"],
        # the letter spacing is gone from words and numbers; one-digit table cells are cells again
        ["全年通过市政府门户网站主动公开政府信息386条，其中就业创业信息142条", "| 行政规范性文件 | 2 | 0 | 7 |",
         "全年发布信息1200余条。", "衡阳市人力资源和社会保障局\n\n2022年1月18日"]),
}

# Files holding more than one report: how many. (u23's page shows an unrelated next article after its report:
# that piece is logged as `unrelated-piece`, not imported; see test_unrelated_next_article_is_left_out.)
PIECES: dict[str, int] = later("PIECES")  # files holding several reports (a later set may define PIECES: file → count)

# The standard tables' key figures: 新收, 予以公开, 总计, 行政复议 总计, 行政诉讼 总计 (direct, after review).
TABLES = {
    "u01_beijing_haidian_2020.txt": ("standard-2019", 412, 168, 408, 12, 9, 4),
    "u02_nanning_qingxiu_2021.txt": ("standard-2021", 37, 15, 35, 1, 3, 0),
    "u03_jiaxing_sthjj_2022.txt": ("standard-2021", 19, 8, 17, 0, 1, 0),
    "u06_etuokeqi_2019_utf16.txt": ("standard-2019", 8, 5, 8, 0, 1, 0),
    "u07_shanghai_mzj_2023_pdf.txt": ("standard-2021", 68, 31, 67, 3, 1, 1),
    "u08_tianhe_shipai_2024.txt": ("standard-2021", 6, 3, 6, 0, 0, 0),
    "u13_hefei_shushan_2022_tabs.txt": ("standard-2021", 56, 21, 55, 4, 2, 1),
    "u15_jiangxi_zrzyt_2021_portal.txt": ("standard-2021", 153, 71, 154, 9, 3, 1),
}


def _convert(name: str):
    return convert_fixture(name, PIECES.get(name, 1))


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in UNSEEN.glob("*.txt")) == sorted(EXPECT | later("EXPECT"))  # later sets: tests/unseen_sets.py


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_metadata(name):
    conversion = _convert(name)
    want, encoding, *_ = EXPECT[name]
    check_front(conversion.reports[0].front, want, encoding)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_structure_noise_and_text(name):
    report = _convert(name).reports[0]
    _, _, headings, gone, kept = EXPECT[name]
    lines = check_body(report.body, headings, gone, kept)
    # a flattened table's row labels are never headings
    assert not [l for l in lines if l.startswith("#") and ("本年新收" in l or "予以公开" in l or "总计" in l)]


ALL_FIXTURES = sorted(p.name for p in UNSEEN.glob("*.txt"))  # this file's and the later sets'


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_han_character_is_in_the_body_or_the_log(name):
    conversion = _convert(name)
    text = decode((UNSEEN / name).read_bytes()).text
    kept: Counter = Counter()
    for report in conversion.reports:
        kept += han_counter(report.body)
        for removal in report.removals:
            kept += han_counter(removal.text)
    assert kept == han_counter(normalise(text))


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_the_written_file_loads(name):
    report = _convert(name).reports[0]
    loaded = parse_report(render_file(report.front, report.body), f"content/reports/{report.slug}.md")
    assert loaded.body == report.body


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_standard_tables_key_figures(name):
    report = _convert(name).reports[0]
    assert table_figures(report.body, report.front["year"]) == TABLES[name]


def test_unrelated_next_article_is_left_out():
    name = "u23_zhuzhou_rsj_2015_next_article.txt"
    conversion = convert_bytes((UNSEEN / name).read_bytes(), name)
    [report] = conversion.reports
    assert report.front["kind"] == "annual-report"
    assert report.front["import"]["removed"]["unrelated-piece"] == 1
    [piece] = [r.text for r in report.removals if r.kind == "unrelated-piece"]
    assert "城镇新增就业" in piece and "城镇新增就业" not in report.body
    assert any("another subject" in note for note in report.notes)
