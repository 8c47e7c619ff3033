"""Unseen scrapes, later set: reposts of the reports on news portals, self-media platforms, personal libraries,
blogs and document libraries (tests/fixtures/ingest/unseen/u30–u34; the README there lists them). Each platform
glues its own chrome around the report: a channel bar, a byline with the repost's date, an author card, image
buttons and captions inside the text, the platform's statement, counters, link lists and readers' comments after it.

Same checks as tests/test_ingest_unseen.py (metadata, headings, noise gone, text kept, every Han character in the
body or the log, the written file loads, the standard tables' key figures), and one real-looking fragment for each
rule these pages needed (`REMOVES`, counted by tests/test_ingest_noise.py's every-rule check via tests/unseen_sets.py).

`published` is the report's own publication when the page shows it (a copied `发布时间：…` line of the original page,
a `来源：… 发布时间：…` credit), else the date of the repost (byline, `贡献于…`, the blog post's time).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest.decode import normalise
from reportsite.ingest.noise import strip_noise

from unseen_sets import check_body, check_front, convert_fixture, table_figures

UNSEEN = Path(__file__).parent / "fixtures" / "ingest" / "unseen"

# file → (metadata, site, encoding, headings, gone from the body, kept in the body)
EXPECT = {
    "u30_shaoyang_sfj_2019_sohu.txt": (
        dict(title="邵阳市司法局2019年政府信息公开工作年度报告", agency="邵阳市司法局", region="湖南省", city="邵阳市",
             year=2019, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2020-01-13"),
        "搜狐", "utf-8",
        ["## 一、总体情况", "### （三）政府信息管理。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["搜狐首页", "来源：", "作者头像", "粉丝", "关注", "原标题", "展开全文", "点击查看大图", "▲", "广告", "发布时间", "返回搜狐",
         "责任编辑", "声明", "阅读 (123)", "推荐阅读", "2018年政府信息公开", "全市司法行政工作会议", "今日搜狐热点", "\n邵阳司法\n"],
        ["通过“邵阳司法”微信公众号发布信息903条。", "| 规范性文件 | 2 | 2 | 15 |", "| 行政许可 | 3 | 0 | 1268 |",
         "不予处理1件（信访举报投诉类申请），结转下年度继续办理0件。", "邵阳市司法局\n\n2020年1月10日\n"]),
    "u31_jinfeng_2021_netease.txt": (
        dict(title="金凤区人民政府2021年政府信息公开工作年度报告", agency="银川市金凤区人民政府", region="宁夏回族自治区", city="银川市",
             year=2021, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2022-01-26"),
        "网易", "utf-8",
        ["## 一、总体情况", "### （五）监督保障。", "## 四、政府信息公开行政复议、行政诉讼情况", "## 六、其他需要报告的事项"],
        ["网易首页", "申请入驻", "原创", "\n举报\n", "分享至", "微信扫码", "朋友圈", "点击查看大图", "图为", "特别声明", "Notice", "NetEase",
         "\n金凤发布\n", "粉丝", "关注", "相关推荐", "推进会", "考核结果出炉", "热点推荐", "打开网易新闻"],
        ["请与银川市金凤区人民政府办公室联系（电话：0951-5073216）。", "| 行政规范性文件 | 5 | 2 | 31 |", "| 行政处罚 | 1175 |",
         "| （七）总计 | 38 | 2 | 0 | 0 | 1 | 0 | 41 |", "| 2 | 0 | 1 | 0 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |",
         "银川市金凤区人民政府办公室\n\n2022年1月25日\n"]),
    "u32_qujing_qilin_2014_360doc.txt": (
        dict(title="曲靖市麒麟区人民政府2014年政府信息公开工作年度报告", agency="曲靖市麒麟区人民政府", region="云南省", city="曲靖市",
             year=2014, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2015-03-20"),
        "360doc个人图书馆", "utf-8",
        ["## 一、概述", "### （三）推进重点领域信息公开。", "## 五、因政府信息公开申请提起行政复议、行政诉讼的情况", "## 六、存在的主要问题及改进措施"],
        ["个人图书馆", "政务资料小馆", "次阅读", "转藏", "献花", "分享", "来自", "发布时间", "浏览次数", "举报", "上一篇", "下一篇",
         "本站", "+1", "类似文章", "2013年政府信息公开", "云南省人民政府办公厅", "怎么写", "猜你喜欢", "政府工作报告全文", "样表",
         "发表评论", "评论公约", "查看更多评论"],
        ["（地址：曲靖市麒麟区南宁北路128号，邮编：655000，电话：0874-3123456）。",
         "已全部按期答复，其中同意公开41件，同意部分公开6件，不予公开3件，信息不存在9件，不属于本行政机关公开范围4件。",
         "曲靖市麒麟区人民政府办公室\n\n2015年3月18日\n"]),
    "u33_siming_2008_hant_blog.txt": (
        dict(title="廈門市思明區人民政府2008年政府信息公開工作年度報告", agency="厦门市思明区人民政府", region="福建省", city="厦门市",
             year=2008, year_text=None, kind="annual-report", script="zh-Hant", truncated=False, published="2009-04-05"),
        "新浪博客", "utf-8",
        ["## 一、概述", "### （二）編製公開指南和目錄。", "## 三、依申請公開政府信息情況", "## 六、存在的主要問題及改進措施"],
        ["新浪", "博客", "blog.sina", "訂閱", "博文目錄", "字體大小", "09:12:47", "轉載▼", "標籤", "分類", "分享：", "喜歡", "贈金筆",
         "閱讀(52)", "舉報", "已投稿到", "排行榜", "前一篇", "後一篇", "辦事指南", "重要提示", "發評論", "評論區", "小李飛刀", "謝謝博主",
         "不客氣", "意見反饋", "About Sina", "Copyright"],
        ["本報告中所列數據的統計期限自2008年5月1日起至2008年12月31日止。", "累計接待查閱群眾386人次。",
         "廈門市思明區人民政府辦公室\n\n二〇〇九年三月三十日\n"]),
    "u34_tianshui_qinzhou_jyj_2023_wenku.txt": (
        dict(title="天水市秦州区教育局2023年政府信息公开工作年度报告", agency="天水市秦州区教育局", region="甘肃省", city="天水市",
             year=2023, year_text=None, kind="annual-report", script="zh-Hans", truncated=False, published="2024-02-02"),
        "百度文库", "utf-8",
        ["## 一、总体情况", "### （四）平台建设。", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"],
        ["百度文库", "行业资料", "VIP", "文档贡献者", "秦州教育在线", "贡献于", "下载券", "1.2万阅读", "秦州区教育局政府信息公开工作年度报告\n",
         "第 1 页", "第 6 页", "阅读已结束", "立即下载", "下载文档到电脑", "相关文档", "2022年政府信息公开", "工作要点", "模板", "Baidu"],
        # the sentence the page break cut is whole again
        ["及时更新招生入学、学生资助等栏目内容，确保信息准确、权威、及时。", "| 行政规范性文件 | 2 | 1 | 9 |",
         "| （七）总计 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |", "天水市秦州区教育局\n\n2024年1月26日\n"]),
}

# The standard tables' key figures: 新收, 予以公开, 总计, 行政复议 总计, 行政诉讼 总计 (direct, after review).
TABLES = {
    "u31_jinfeng_2021_netease.txt": ("standard-2021", 42, 16, 41, 3, 1, 0),
    "u34_tianshui_qinzhou_jyj_2023_wenku.txt": ("standard-2021", 11, 5, 10, 1, 0, 0),
}


def _report(name: str):
    return convert_fixture(name).reports[0]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_repost_metadata(name):
    want, site, encoding, *_ = EXPECT[name]
    check_front(_report(name).front, want, encoding, site)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_repost_structure_noise_and_text(name):
    report = _report(name)
    _, _, _, headings, gone, kept = EXPECT[name]
    lines = check_body(report.body, headings, gone, kept)
    assert not [l for l in lines if l.startswith("#") and ("本年新收" in l or "予以公开" in l or "总计" in l)]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_repost_standard_tables_key_figures(name):
    report = _report(name)
    assert table_figures(report.body, report.front["year"]) == TABLES[name]


def test_repost_noise_is_logged_by_kind():
    removed = _report("u33_siming_2008_hant_blog.txt").front["import"]["removed"]
    assert removed["comments"] == 8 and removed["related-reading"] == 2 and removed["page-buttons"] >= 6
    removed = _report("u30_shaoyang_sfj_2019_sohu.txt").front["import"]["removed"]
    assert removed["image-caption"] == 2 and removed["notice"] == 1


# ---------------------------------------------------------------- the rules, one real-looking fragment each

# A page's worth of report text (so a page number, a running head, a comments tail have a report around them).
PARA = "全年通过区政府门户网站主动公开政府信息3126条，召开新闻发布会9场，发布政策解读材料47篇，回应社会关切。"

# rule name → (input, expected text, expected removals as (kind, text))
REMOVES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "portal-channel-bar": [
        ("搜狐首页 新闻 体育 汽车 房产 旅游 教育 时尚 科技 财经 娱乐 更多\n正文。", "正文。",
         [("breadcrumb", "搜狐首页新闻体育汽车房产旅游教育时尚科技财经娱乐更多")]),
    ],
    "site-breadcrumb": [
        ("网易首页 > 网易号 > 正文 申请入驻\n正文。", "正文。", [("breadcrumb", "网易首页 > 网易号 > 正文申请入驻")]),
        ("百度文库 > 行业资料 > 政务民生\n正文。", "正文。", [("breadcrumb", "百度文库 > 行业资料 > 政务民生")]),
    ],
    "self-media-byline": [
        ("标题\n2020-01-15 10:23 · 来源：邵阳司法\n正文。", "标题\n正文。", [("page-header", "2020-01-15 10:23 ·来源：邵阳司法")]),
        ("标题\n原创 2022-01-26 16:40:12　来源: 金凤发布\n正文。", "标题\n正文。", [("page-header", "原创 2022-01-26 16:40:12 来源: 金凤发布")]),
        ("标题\n原创2022-01-26 16:40·金凤发布\n正文。", "标题\n正文。", [("page-header", "原创2022-01-26 16:40·金凤发布")]),
    ],
    "library-byline": [
        ("标题\n政务资料小馆 2015-04-07 发布于云南 | 86 次阅读 | 0 评论 | 转藏 | 献花(0) | 分享\n正文。", "标题\n正文。",
         [("page-header", "政务资料小馆 2015-04-07 发布于云南 | 86 次阅读 | 0 评论 | 转藏 | 献花(0) | 分享")]),
    ],
    "library-from": [
        ("正文。\n来自: 政务资料小馆 > 《政务公开》", "正文。", [("page-header", "来自: 政务资料小馆 > 《政务公开》")]),
    ],
    "original-title": [
        ("原标题：邵阳市司法局2019年政府信息公开工作年度报告\n正文。", "正文。", [("page-header", "原标题：邵阳市司法局2019年政府信息公开工作年度报告")]),
    ],
    "author-card": [
        ("作者头像\n粉丝 3245 · 文章 1286\n+关注\n正文。", "正文。",
         [("page-buttons", "作者头像"), ("page-buttons", "粉丝 3245 ·文章 1286"), ("page-buttons", "+关注")]),
        ("正文。\n1.2万粉丝\n关注", "正文。", [("page-buttons", "1.2万粉丝"), ("page-buttons", "关注")]),
    ],
    "image-caption": [
        ("正文。\n▲市司法局门户网站政府信息公开专栏\n正文二。", "正文。\n正文二。", [("image-caption", "▲市司法局门户网站政府信息公开专栏")]),
        ("正文。\n图为金凤区政务服务中心政务公开专区\n正文二。", "正文。\n正文二。", [("image-caption", "图为金凤区政务服务中心政务公开专区")]),
    ],
    "platform-buttons": [
        ("正文。\n点击查看大图\n返回搜狐，查看更多\n阅读 (123)", "正文。",
         [("page-buttons", "点击查看大图"), ("page-buttons", "返回搜狐，查看更多"), ("page-buttons", "阅读 (123)")]),
        ("正文。\n转藏 全屏 打印 分享 献花(0)\n举报/认领\n+1", "正文。",
         [("page-buttons", "转藏全屏打印分享献花(0)"), ("page-buttons", "举报/认领"), ("page-buttons", "+1")]),
        ("用微信扫码二维码\n分享至好友和朋友圈\n正文。", "正文。", [("page-buttons", "用微信扫码二维码"), ("page-buttons", "分享至好友和朋友圈")]),
        ("VIP专享文档\n正文。\n立即下载", "正文。", [("page-buttons", "VIP专享文档"), ("page-buttons", "立即下载")]),
    ],
    "empty-credit-line": [
        ("正文。\n责任编辑：", "正文。", [("page-header", "责任编辑：")]),
    ],
    "platform-statement": [
        ("正文。\n声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。", "正文。",
         [("notice", "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。")]),
        ("正文。\n特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。\n"
         "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao.", "正文。",
         [("notice", "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"),
          ("notice", "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao.")]),
    ],
    "doc-contributor": [
        ("文档贡献者\n贡献于2024-02-02\n正文。", "正文。", [("page-header", "文档贡献者"), ("page-header", "贡献于2024-02-02")]),
    ],
    "doc-library-info": [
        ("下载券 2 · 6页 · 1.2万阅读\n正文。", "正文。", [("page-header", "下载券 2 · 6页· 1.2万阅读")]),
    ],
    "read-end": [
        ("正文。\n阅读已结束，如果下载本文需要使用2下载券", "正文。", [("notice", "阅读已结束，如果下载本文需要使用2下载券")]),
    ],
    "doc-share-blurb": [
        ("《天水市秦州区教育局2023年政府信息公开工作年度报告.docx》由会员分享,可在线阅读,更多相关《天水市秦州区教育局2023年政府信息公开工作年度报告.docx(6页珍藏版)》请在冰豆网上搜索。\n正文。",
         "正文。", [("notice", "《天水市秦州区教育局2023年政府信息公开工作年度报告.docx》由会员分享,可在线阅读,更多相关《天水市秦州区教育局2023年政府信息公开工作年度报告.docx(6页珍藏版)》请在冰豆网上搜索。")]),
    ],
    "blog-header": [
        ("鷺島閒人的博客\nhttp://blog.sina.com.cn/ludaoxianren [訂閱] [手機訂閱]\n首頁 博文目錄 圖片 關於我\n正文 字體大小：大 中 小\n正文。", "正文。",
         [("breadcrumb", "鷺島閒人的博客"), ("breadcrumb", "http://blog.sina.com.cn/ludaoxianren [訂閱] [手機訂閱]"),
          ("breadcrumb", "首頁博文目錄圖片關於我"), ("breadcrumb", "正文字體大小：大中小")]),
    ],
    "blog-toolbar": [
        ("正文。\n分享：\n閱讀(52) ┊ 評論(1) ┊ 收藏(0) ┊轉載(2) ┊ 喜歡▼ ┊打印┊舉報\n已投稿到：", "正文。",
         [("page-buttons", "分享："), ("page-buttons", "閱讀(52) ┊ 評論(1) ┊ 收藏(0) ┊轉載(2) ┊ 喜歡▼ ┊打印┊舉報"), ("page-buttons", "已投稿到：")]),
    ],
    "portal-footer-links": [
        ("正文。\n新浪簡介 | About Sina | 廣告服務 | 聯繫我們 | 招聘信息 | 網站律師", "正文。",
         [("site-footer", "新浪簡介 | About Sina | 廣告服務 | 聯繫我們 | 招聘信息 | 網站律師")]),
        ("正文。\n新浪BLOG意見反饋留言板 電話：4000520066", "正文。", [("site-footer", "新浪BLOG意見反饋留言板電話：4000520066")]),
    ],
    "blog-title-stamp": [
        ("廈門市思明區人民政府2008年政府信息公開工作年度報告 (2009-04-05 09:12:47)轉載▼\n正文。",
         "廈門市思明區人民政府2008年政府信息公開工作年度報告\n正文。", [("page-header", " (2009-04-05 09:12:47)轉載▼")]),
    ],
    "account-line": [
        ("标题\n2020-01-15 10:23 · 来源：邵阳司法\n邵阳司法\n正文。", "标题\n正文。",
         [("page-header", "2020-01-15 10:23 ·来源：邵阳司法"), ("page-header", "邵阳司法")]),
        ("文档贡献者\n秦州教育在线\n正文。", "正文。", [("page-header", "文档贡献者"), ("page-header", "秦州教育在线")]),
    ],
    "button-count": [
        ("正文。\n举报\n0\n分享至", "正文。", [("page-buttons", "举报"), ("page-buttons", "0"), ("page-buttons", "分享至")]),
        ("正文。\n喜歡\n0\n贈金筆", "正文。", [("page-buttons", "喜歡"), ("page-buttons", "0"), ("page-buttons", "贈金筆")]),
    ],
    "running-head": [
        (f"一是{PARA}\n第 1 页 / 共 3 页\n秦州区教育局政府信息公开工作年度报告\n二是{PARA}\n第 2 页 / 共 3 页\n秦州区教育局政府信息公开工作年度报告\n"
         f"三是{PARA}\n秦州区教育局政府信息公开工作年度报告", f"一是{PARA}\n二是{PARA}\n三是{PARA}",
         # (the footer's letter spacing is normalised away before the rule sees it: decode.unspace_letter_spaced)
        [("page-number", "第1页/共3页"), ("page-number", "第2页/共3页")] + [("repeated-title", "秦州区教育局政府信息公开工作年度报告")] * 3),
    ],
    "comment-thread": [
        (f"{PARA}\n評論區\n小李飛刀 2009-04-06 10:21:33 [回復] [刪除]\n謝謝博主分享，收藏了。", PARA,
         [("comments", "評論區"), ("comments", "小李飛刀 2009-04-06 10:21:33 [回復] [刪除]"), ("comments", "謝謝博主分享，收藏了。")]),
    ],
}

# Report text the rules above must leave alone.
KEEPS = [
    "▲全年公开信息1200条，较上年增长12%。",  # a bullet that is a sentence, not a caption
    "我局通过“邵阳司法”微信公众号发布信息903条。\n关注群众关切，及时回应。",
    "省政府 > 市政府 > 县政府三级联动，推进政务公开。",  # `>` in a sentence
    "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 0",  # a table's rows are no footer links
    "二、主动公开政府信息情况\n规章\n0\n0\n0",  # a table's zero cells are no button counts
    "评论区建设情况\n2021年，我区在门户网站开设评论区，收到网友留言120条，全部按期回复，回复率100%，群众满意度明显提升，政务公开工作得到上级部门肯定和表扬，形成了较好的社会反响。",
    "一、总体情况\n（一）主动公开。全年主动公开信息536条。\n秦州区教育局\n2024年1月26日",  # a signature is no account line
    "原标题为《关于加强政务公开的意见》，现予转发。",
]


def _strip(text: str):
    result = strip_noise(text)
    return result.text, [(r.kind, r.text) for r in result.removals], result


@pytest.mark.parametrize("text", KEEPS)
def test_repost_rules_keep(text):
    got, removed, _ = _strip(text)
    assert removed == []
    assert got == normalise(text)


def test_repost_date_only_when_the_page_shows_no_date_of_its_own():
    # the repost's byline date, when nothing else: published
    _, _, result = _strip("标题\n2020-01-15 10:23 · 来源：邵阳司法\n正文。")
    assert result.facts["published"] == "2020-01-15"
    # the original page's date copied with the text beats it, wherever it stands
    _, _, result = _strip("标题\n2020-01-15 10:23 · 来源：邵阳司法\n正文。\n来源：邵阳市人民政府门户网站 发布时间：2020-01-13")
    assert result.facts["published"] == "2020-01-13"
    _, _, result = _strip("标题\n政务资料小馆 2015-04-07 发布于云南 | 86 次阅读 | 0 评论\n发布时间：2015-03-20 来源：麒麟区政府办\n正文。")
    assert result.facts["published"] == "2015-03-20"


def test_platform_is_the_site():
    _, _, result = _strip("标题\n来源：麒麟区政府办 发布时间：2015-03-20\n正文。\n本站是提供个人知识管理的网络存储空间，所有内容均由用户发布，不代表本站观点。如发现有害或侵权内容，请点击一键举报。")
    assert result.facts["site"] == "360doc个人图书馆"
    _, _, result = _strip("正文。\n返回搜狐，查看更多")
    assert result.facts["site"] == "搜狐"
    _, _, result = _strip("来源：麒麟区政府办 发布时间：2015-03-20\n正文。")
    assert result.facts["site"] == "麒麟区政府办"  # no platform mark: the page's own source
