"""The numbers the seed reports state, extracted. The fragments are copied from the seeds (never read here)."""

from __future__ import annotations

from reportsite.stats.extract import report_stats

# seed 000: 湖南省公安厅2009年度政府信息公开工作 (百度百科), as the importer lays it out
SEED_000 = """\
## （一）及时主动公开警务工作信息

通过《湘警网》“湘警要闻”、“治安快报”等栏目及时发布群众普遍关注的公安工作动态、重大案件侦破进展情况、各地侦破的重大案件等实时信息。全年共发布各类重要公安工作信息3200余条，其中发布“湘警要闻”信息640余条，治安快报1100余条。

## 二、主动公开政府信息情况

2009年，我厅共发布各类公安工作信息3200余条，其中发布“湘警要闻”信息600余条，治安快报1100余条，其他信息1500余条。

（三）通过省政府门户网站“政府信息发布平台”公开各类政务信息。2009年以来，我厅在省政府网站“政府信息公开发布平台” 共发布信息400余条，其中发布机构职能等政府信息120余条，发布工作动态信息280余条。

## 三、依申请公开政府信息情况

2009年，我厅共收到政府信息公开申请5条，全部予以答复。

## 四、政府信息公开咨询处理情况

2009年以来，我厅共受理“湘警网”上“在线咨询”问题80余起，受理省政府门户网站“公众问答”栏目问题110余起，全部予以公开答复。

## 五、因政府信息公开申请行政复议、提起行政诉讼情况

2009年，我厅未收到因政府信息公开申请的行政复议；全年，未发生针对政府信息公开工作提起的行政诉讼。
"""

# seed 002: the 广东省公安厅 report embedded after 扩展阅读 (year masked as 201*)
SEED_002_GUANGDONG = """\
(一)深化政府信息公开内容。省公安厅在制定规范性文件,规定4项主动公开内容的基础上,结合全省公安工作实际情况,列举了应重点公开的17项内容。201*年,省公安厅通过上述渠道实际发布各类信息3.9万条,全文电子化率达100%,其中,省公安厅机关发布信息3883条,其中主要是影响公众人身和财产安全的全省治安情况发布。

三、依申请公开政府信息和不予公开政府信息情况(一)申请情况。201*年,省公安厅共受理政府信息公开申请88件,均为网上申请。经审查,符合法定申请条件和要求的29件。其中,涉及交通管理执法依据的5件,涉及治安管理执法依据和公安统计数据的各4件。(二)申请处理情况。省公安厅对受理的29件政府信息公开申请全部按时答复,答复率100%。答复意见中,同意公开的10件,非政府信息的2件,非省公安厅职责权限范围的7件,申请内容不明确的5件,重复申请的1件,按规定不予公开的4件。

201*年,省公安厅政府信息公开办公室共接受公民、法人或其他组织对政府信息公开相关事项咨询32,150件,其中网站咨询21,766人次,电话咨询约3,498人次,电子邮件咨询2,578人次(封),QQ咨询4,308人次。

(四)对公民、法人和其他组织的申请暂不收取任何费用。

201*年,省公安厅未受理因政府信息公开申请提起的行政复议申请。全年亦未发生针对政府信息公开工作提起的行政诉讼。
"""


def table(rs):
    return {(s.key, s.qualifier, s.value, s.flags) for s in rs.stats}


def test_seed_000_hunan_gonganting_2009():
    rs = report_stats(SEED_000, 2009)
    assert rs.format == "pre-2019"
    got = table(rs)
    assert ("active.items", None, 3200, ("lower_bound",)) in got  # 3200余条 items published
    assert ("active.items.part", "治安快报", 1100, ("lower_bound",)) in got  # 1100余条
    assert ("active.items.part", "湘警要闻", 640, ("lower_bound", "inconsistent")) in got  # stated as 640余条 …
    assert ("active.items.part", "湘警要闻", 600, ("lower_bound", "inconsistent")) in got  # … and as 600余条
    assert ("active.items.part", "其他", 1500, ("lower_bound",)) in got
    assert ("requests.received", None, 5, ()) in got  # 5条 requests
    assert ("consultations.part", "“湘警网”上“在线咨询”", 80, ("lower_bound",)) in got  # 80余起 consultations
    assert ("consultations.part", "省政府门户网站“公众问答”栏目", 110, ("lower_bound",)) in got  # 110余起
    assert ("review.total", None, 0, ("zero_in_words",)) in got
    assert ("litigation.total", None, 0, ("zero_in_words",)) in got
    # the 400 items of one platform are not the total; nothing else is read
    assert len(got) == 10, sorted(got, key=str)
    assert [f.kind for f in rs.findings] == ["conflict"]


def test_seed_002_guangdong_report():
    rs = report_stats(SEED_002_GUANGDONG, None, "201*")
    assert rs.format == "pre-2019"
    got = table(rs)
    assert ("requests.received", None, 88, ()) in got  # 88件 requests received
    assert ("requests.valid", None, 29, ()) in got  # 29件 valid
    assert ("requests.answered", None, 29, ()) in got
    assert ("consultations", None, 32150, ()) in got  # 32,150件 consultations
    assert ("active.items", None, 39000, ("rounded",)) in got  # 3.9万条
    assert ("active.items.part", "省公安厅机关", 3883, ()) in got
    assert ("consultations.part", "电话", 3498, ("approximate",)) in got
    for key, value in [("requests.granted", 10), ("requests.not_government_info", 2), ("requests.outside_remit", 7),
                       ("requests.unclear", 5), ("requests.repeated", 1), ("requests.refused", 4)]:
        assert (key, None, value, ()) in got, key
    assert ("fees.charged", None, 0, ("zero_in_words",)) in got
    assert ("review.total", None, 0, ("zero_in_words",)) in got and ("litigation.total", None, 0, ("zero_in_words",)) in got
    # the topics of the 29 valid requests (各4件 …) are a breakdown of another sentence's figure: not read
    assert not any(s.value == 4 and s.key != "requests.refused" for s in rs.stats)
    assert rs.findings == ()


def test_seed_001_hunan_2019_has_no_tables_left():
    # seed 001 (湖南省公安廳2019, Traditional): the scrape lost the tables; only headings remain
    body = "## 二、主動公開政府信息情況\n\n## 三、收到和處理政府信息公開申請情況\n\n## 四、政府信息公開行政復議、行政訴訟情況\n"
    rs = report_stats(body, 2019)
    assert rs.format == "standard-2019" and rs.stats == () and rs.findings == ()


def test_seed_004_minzhengting_consultations():
    # seed 004 (湖南省民政廳2009, Traditional)
    rs = report_stats("通過湖南民政外網網上信訪系統解答民政對象和人民群眾需要了解的民政業務或政策法律法規,全年接受1100多條咨詢,回復咨詢1100多條。", 2009)
    assert table(rs) == {("consultations", None, 1100, ("lower_bound",))}


def test_seed_002_gonganju_states_none_in_words():
    # seed 002, first report (公安局201*年度政府信息公开报告)
    rs = report_stats("201*年我局没有依申请公开和不予公开政府信息情况;我局政府信息公开不收取任何费用;"
                      "不存在因政府信息公开申请行政复议、提起行政诉讼的情况。", None, "201*")
    assert table(rs) == {("fees.charged", None, 0, ("zero_in_words",)), ("review.total", None, 0, ("zero_in_words",)),
                         ("litigation.total", None, 0, ("zero_in_words",))}
