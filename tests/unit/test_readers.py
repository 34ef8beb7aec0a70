"""Readers on short real excerpts of the seeds (each awkward shape once) and on the seeds themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.document import DocFormat, FieldName, SourceDocument, UnitKind
from extraction.readers import read_document, read_text
from schema.errors import InputError

# 000: a numbered-field program whose 申报条件 is cut by the running header "## » 第三章 ..."
PAGE_HEADER_CUT = """## 国家重点新材料首批次应用保险补偿机制试点

一、\t文件依据
\t《工业和信息化部办公厅 财政部办公厅 银保监会办公厅关于开展 2023 年重点新材料首批次应用保险补偿机制试点工作的通知》（工信厅联原函〔2023〕10 号）
二、\t归口部门
\t国家工信部原材料工业司
三、\t申报时间
\t1 月（具体时间以每年通知为准）
四、\t政策优惠
\t具体优惠以当年申报通知为准
五、\t申报条件
\t<p>1.生产《重点新材料首批次应用示范指导目录（2021 年版）》内新材料产品，可提出保费补贴申请；</p> <p>2.申请保费补贴的产品应由新材料用户单位直接购买使用，用户单位为关联企业及贸易商的不得提出保费补贴申请。原则上</p>

## » 第三章 制造业推进发展

\t<p>单个品种的保险金额不低于 5000 万元；</p> <p>3.已获得保险补贴资金的项目，原则上不得提出续保保费补贴申请。</p>
<b>六、</b>\t<b>申报资料</b>
\t<ol style="list-style-type: none"><li>1.重点新材料首批次应用保险补偿申报表；</li><li>2.企业营业执照或事业单位法人证书副本；</li></ol>
<b>七、</b>\t<b>申报程序</b>
\t<ol style="list-style-type: none"><li>1.申报方式：线上申报，网址 <a href="https://xclcygx.miit.gov.cn">https://xclcygx.miit.gov.cn</a></li><li>2.申报流程： 企业自愿申报，经市工信局审核后报省工信厅。</li><li>3.联系方式： 市工信局材料工业处      0516-80805078</li></ol>


八、\t原文链接
\t<p data-bbox="328 421 1369 524"><a href="https://www.miit.gov.cn/zwgk/zcwj/wjfb/tz/art/2023/art_12cb0a4dc43e492abc6d2e79db7b412f.html">https://www.miit.gov.cn/zwgk/zcwj/wjfb/tz/art/2023/art_12cb0a4dc43e492abc6d2e79db7b412f.html</a></p>
"""

# 000: HTML contact list inside 申报程序, and a repeated chapter heading between two fields
HTML_FIELDS = """## 目 录

## 第二章 资金支持升级

江苏省制造业贷款财政贴息实施方案 .....\t40

## 江苏省制造业贷款财政贴息实施方案

一、\t文件依据
\t《省工业和信息化厅 省财政厅关于印发<江苏省制造业贷款财政贴息实施方案>的通知》（苏工信综合〔2024〕98号）
二、\t归口部门
\t江苏省工业和信息化厅综合规划处
六、\t申报资料
\t在线填报《江苏省制造业领域项目贷款需求表》

## 第二章 资金支持升级

七、\t申报程序
\t<p>1.申报方式：网上申报，网址：省工信厅网上政务服务旗舰店（<a href="https://www.jszwfw.gov.cn/col/col140127/index.html">https://www.jszwfw.gov.cn/col/col140127/index.html</a>），点击“江苏省制造强省建设专项资金项目管理系统”。</p> <p>3.联系方式：</p> <p>市工信局综合规划处 83735577；</p> <p>技术创新处（创新载体建设项目）80801826；</p> <p>市财政局工贸处 83736166。</p>
八、\t原文链接
\t<p><a href="http://gxt.jiangsu.gov.cn/art/2024/3/21/art_6278_11197625.html">http://gxt.jiangsu.gov.cn/art/2024/3/21/art_6278_11197625.html</a></p>
"""

# 003: brochure items with emoji field markers (and one with the emoji lost in conversion)
EMOJI_ITEMS = """1.享受增值税加计抵减政策的 集成电路企业清单

🕒 申报时间：9-10月
(时间仅供参考，具体申报时间以当年通知为准)

📞 联系方式：工业和信息化部
010-68208267

📄 申请条件

- 1.在中国境内（不包括港、澳、台地区）依法设立具有独立法人资格的企业，属于增值税一般纳税人；
- 2.企业拥有核心关键技术和属于本企业的知识产权，并以此为基础开展经营活动；

📄 申报程序

申请企业应于截止时间前在信息填报系统（<https://ic-tax.ccidthinktank.com/>）中提交申请。

🔗 原文链接及二维码

[https://policy.smejs.cn/frontend/policy-service/91326425d2044dcd82c
fb82f71a64a00](https://policy.smejs.cn/frontend/policy-service/91326425d2044dcd82cfb82f71a64a00)



2. 5G工厂

🕒 **申报时间:** 7-9月

(时间仅供参考, 具体申报时间以当年通知为准)

📞 **联系方式:** 工业和信息化部

010-62300441、62300030

📄 申报主体

制造业、采矿业、电力、港口等重点领域企业, 在中华人民共和国境内注册, 具备独立法人资格。

4.工业领域数据要素应用场景

 **申报时间:** 8-9月

 **联系方式:** 工业和信息化部

010-68208206

申报主体

中华人民共和国境内注册登记的企事业单位, 具有独立法人资格。
"""

# 004: one program printed as two fragments that repeat the header, 序号 and 政策名称
TSV_FRAGMENTS = (
    "\n目 录\n\n一、 税收支持和服务措施 ·····\t1\n1. 增值税加计抵减申报·····\t1\n\n工业领域设备更新服务清单\n\n"
    "一、税收支持和服务措施\t\t\t\t\t\t\t\n"
    "序号\t政策名称\t政策简介\t政策来源\t申报要求\t资金额度\t申报材料\t服务联系方式\n"
    "1\t增值税加计抵减申报\t自 2023 年 1 月 1 日至 2027 年 12 月 31 日，允许先进制造业企业按照当前可抵扣进项税额加计 5%\t"
    "《财政部税务总局关于先进制造业企业增值税加计抵减政策的公告》（财政部税务总局公告〔2023〕43 号）\t"
    "一、本公告所称先进制造业企业是指高新技术企业（含所属的非法人分支机构）中的制造业一般纳税人\t"
    "按照当期可抵扣进项税额加计 5% 抵减应纳税额\t登录高新技术企业认定管理工作网，根据提示进入相应模块进行申报。\t"
    "市经信局规划与技术改造科 027-60830819\n\n"
    "序号\t政策名称\t政策简介\t政策来源\t申报要求\t资金额度\t申报材料\t服务联系方式\n"
    "1\t增值税加计抵减申报\t自 2023 年 1 月 1 日至 2027 年 12 月 31 日，允许先进制造业企业按照当前可抵扣进项税额加计 5%\t"
    "《财政部税务总局关于先进制造业企业增值税加计抵减政策的公告》（财政部税务总局公告〔2023〕43 号）\t"
    "四、先进制造业企业可计提但未计提的加计抵减额，可在确定适用加计抵减政策当期一并计提。\t"
    "按照当期可抵扣进项税额加计 5% 抵减应纳税额\t登录高新技术企业认定管理工作网，根据提示进入相应模块进行申报。\t"
    "市经信局规划与技术改造科 027-60830819\n\n"
    "序号\t政策名称\t政策简介\t政策来源\t申报要求\t资金额度\t申报材料\t服务联系方式\n"
    "2\t国家级专精特新“小巨人”企业申报\t专精特新“小巨人”企业为优质中小企业第三个梯次\t"
    "《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）\t<p>获批省级专精特新“小巨人”企业</p>\t"
    "省级奖励100万元\t<ol><li>1.申请书</li></ol>\t市经信局中小企业发展科 027-60830052\n"
)

# 001: one article with run-in numbered fields and `\r` line breaks, as the JSON export prints it
ARTICLES = [
    {
        "文章标识符aid": "2652057800_1",
        "标题title": "南京丨2025年市工业企业重大设备技改项目奖补资金正在申报",
        "链接url": "http://mp.weixin.qq.com/s?__biz=MzI4MzAzMjU3MQ==&mid=1",
        "时间time": "2025-12-08",
        "公众号名称": "江苏省中小企业公共服务平台",
        "finalContent": "关于组织申报2025年南京市工业企业重大设备技改项目奖补的通知\r各区工信局、财政局：现就有关事项通知如下："
        "一、申报条件（一）在南京市注册的具有独立法人资格的工业企业。（二）诚信经营，财务管理健全规范。"
        "二、申报材料（一）重大设备技改项目奖补申请表&nbsp;（二）企业法人营业执照复印件"
        "四、联系方式市工信局综合规划与投资处 025-68788776市财政局企业处 025-51808715附件：各区咨询和项目受理联系方式",
    }
]


# 001 (article 84) laid out as a markdown notice: a title, a preamble, then numbered fields
NOTICE = """# 关于组织申报2025年南京市工业企业重大设备技改项目奖补的通知

各区工信局、财政局，江北新区、各国家级开发区经发局、财政局：

根据《南京市工业和信息化局 南京市财政局关于印发工业企业重大设备技改项目奖补实施办法的通知》（宁工信规〔2023〕1号），为支持传统产业焕新升级，现就做好南京市2025年工业企业重大设备技改项目奖补申报事项通知如下：

一、申报条件

（一）在南京市注册的具有独立法人资格的工业企业。

（二）诚信经营，财务管理健全规范。

二、申报材料

（一）重大设备技改项目奖补申请表

（二）企业法人营业执照或组织机构代码复印件

四、联系方式

市工信局综合规划与投资处 025-68788776

市财政局企业处 025-51808715
"""


def _check_offsets(doc: SourceDocument) -> int:
    """Every cleaned character maps back to its source character (entities and JSON escapes
    point at their first character, white space may come from any white space or tag)."""
    checked = 0
    for u in doc.units:
        pairs = list(zip(u.title, u.title_offsets, strict=True))
        for offs in [u.title_offsets, *(f.offsets for f in u.fields)]:
            assert list(offs) == sorted(offs), "offsets run in document order"
        for f in u.fields:
            assert len(f.text) == len(f.offsets)
            pairs.extend(zip(f.text, f.offsets, strict=True))
        for ch, off in pairs:
            src = doc.text[off]
            if ch.isspace() or src in "&\\<":
                continue
            assert src == ch, (u.title, ch, doc.text[max(0, off - 10) : off + 10])
            checked += 1
    return checked


def _unit(doc: SourceDocument, title: str):
    hits = [u for u in doc.units if u.title == title]
    assert hits, [u.title for u in doc.units]
    return hits[0]


def test_page_header_cut_field_is_rejoined() -> None:
    doc = read_text(PAGE_HEADER_CUT, name="snippet.md")
    assert [u.title for u in doc.units] == ["国家重点新材料首批次应用保险补偿机制试点"]
    u = doc.units[0]
    assert u.kind is UnitKind.PROGRAM
    cond = u.text_of(FieldName.CONDITIONS)
    assert "原则上单个品种的保险金额不低于 5000 万元" in cond
    assert "第三章" not in cond
    assert "0516-80805078" in u.text_of(FieldName.CONTACT)
    assert (
        u.url
        == "https://www.miit.gov.cn/zwgk/zcwj/wjfb/tz/art/2023/art_12cb0a4dc43e492abc6d2e79db7b412f.html"
    )
    assert "<" not in "".join(f.text for f in u.fields)
    _check_offsets(doc)


def test_html_fields_and_repeated_chapter_heading() -> None:
    doc = read_text(HTML_FIELDS, name="snippet.md")
    assert [u.title for u in doc.units] == ["江苏省制造业贷款财政贴息实施方案"], "the TOC line is not a unit"
    u = doc.units[0]
    contact = u.text_of(FieldName.CONTACT)
    assert "市工信局综合规划处 83735577；\n技术创新处" in contact
    assert "第二章" not in "".join(f.text for f in u.fields)
    assert "https://www.jszwfw.gov.cn/col/col140127/index.html" in u.text_of(FieldName.PROCEDURE)
    assert u.section == "第二章 资金支持升级"
    assert _check_offsets(doc) > 100


def test_emoji_field_markers() -> None:
    doc = read_text(EMOJI_ITEMS, name="snippet.md")
    assert [u.title for u in doc.units] == [
        "享受增值税加计抵减政策的集成电路企业清单",
        "5G工厂",
        "工业领域数据要素应用场景",
    ]
    first, second, fourth = doc.units
    assert first.text_of(FieldName.WINDOW).startswith("9-10月")
    assert "010-68208267" in first.text_of(FieldName.CONTACT)
    assert "增值税一般纳税人" in first.text_of(FieldName.CONDITIONS)
    assert first.text_of(FieldName.LINK) == (
        "https://policy.smejs.cn/frontend/policy-service/91326425d2044dcd82cfb82f71a64a00"
    )
    assert "62300030" in second.text_of(FieldName.CONTACT)
    assert "独立法人资格" in fourth.text_of(FieldName.CONDITIONS)
    assert "010-68208206" in fourth.text_of(FieldName.CONTACT)
    _check_offsets(doc)


def test_notice_with_preamble_is_one_program() -> None:
    doc = read_text(NOTICE, name="notice.md")
    assert doc.title == "关于组织申报2025年南京市工业企业重大设备技改项目奖补的通知"
    (u,) = doc.units
    assert u.kind is UnitKind.PROGRAM
    assert u.title == doc.title
    assert "独立法人资格的工业企业" in u.text_of(FieldName.CONDITIONS)
    assert "奖补申请表" in u.text_of(FieldName.MATERIALS)
    assert "025-51808715" in u.text_of(FieldName.CONTACT)
    _check_offsets(doc)


def test_table_fragments_merge_into_one_program() -> None:
    doc = read_text(TSV_FRAGMENTS, name="snippet.tsv")
    assert doc.format is DocFormat.TABLE
    assert doc.title == "工业领域设备更新服务清单"
    assert [u.title for u in doc.units] == ["增值税加计抵减申报", "国家级专精特新“小巨人”企业申报"]
    first, second = doc.units
    assert first.section == "税收支持和服务措施"
    conditions = first.get(FieldName.CONDITIONS)
    assert len(conditions) == 2 and conditions[1].text.startswith("四、先进制造业企业")
    assert len(first.get(FieldName.CONTACT)) == 1, "a repeated cell is kept once"
    assert len(first.get(FieldName.SUMMARY)) == 1
    assert first.text_of(FieldName.BASIS).startswith("《财政部税务总局")
    assert second.text_of(FieldName.CONDITIONS) == "获批省级专精特新“小巨人”企业"
    assert "027-60830052" in second.text_of(FieldName.CONTACT)
    _check_offsets(doc)


def test_articles_keep_raw_json_offsets(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(ARTICLES, ensure_ascii=False), encoding="utf-8")
    doc = read_document(path)
    assert doc.format is DocFormat.ARTICLES
    assert doc.text == path.read_text(encoding="utf-8")
    (u,) = doc.units
    assert u.kind is UnitKind.ARTICLE
    assert u.title == "2025年市工业企业重大设备技改项目奖补资金正在申报"
    assert u.section == "南京"
    assert u.published_at == "2025-12-08"
    assert u.url is not None and u.url.startswith("http://mp.weixin.qq.com/")
    body = u.text_of(FieldName.BODY)
    assert "的通知\n各区工信局" in body, "\\r is a line break"
    assert "奖补申请表 （二）" in body, "&nbsp; is unescaped"
    assert "独立法人资格的工业企业" in u.text_of(FieldName.CONDITIONS)
    assert "重大设备技改项目奖补申请表" in u.text_of(FieldName.MATERIALS)
    contact = u.text_of(FieldName.CONTACT)
    assert "025-68788776" in contact and "附件" not in contact
    # the \r escape maps to its backslash, the &nbsp; entity to its ampersand
    field = u.get(FieldName.BODY)[0]
    nl = field.text.index("\n")
    assert doc.text[field.offsets[nl] : field.offsets[nl] + 2] == "\\r"
    assert _check_offsets(doc) > 100


def test_json_escapes_map_to_their_backslash(tmp_path: Path) -> None:
    path = tmp_path / "escaped.json"
    path.write_text(json.dumps(ARTICLES, ensure_ascii=True), encoding="utf-8")
    doc = read_document(path)
    (u,) = doc.units
    assert u.title == "2025年市工业企业重大设备技改项目奖补资金正在申报"
    for ch, off in zip(u.title, u.title_offsets, strict=True):
        assert doc.text[off] == ch or doc.text[off : off + 6] == f"\\u{ord(ch):04x}"


def test_gbk_bytes_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes(
        EMOJI_ITEMS.replace("🕒", "").replace("📞", "").replace("📄", "").replace("🔗", "").encode("gbk")
    )
    doc = read_document(path)
    assert [u.title for u in doc.units] == [
        "享受增值税加计抵减政策的集成电路企业清单",
        "5G工厂",
        "工业领域数据要素应用场景",
    ]
    assert "010-68208267" in doc.units[0].text_of(FieldName.CONTACT)


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.md"
    path.write_bytes(PAGE_HEADER_CUT.encode("utf-16"))
    doc = read_document(path)
    assert [u.title for u in doc.units] == ["国家重点新材料首批次应用保险补偿机制试点"]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + PAGE_HEADER_CUT.encode("utf-8"))
    doc = read_document(path)
    assert not doc.text.startswith("\ufeff")
    assert len(doc.units) == 1
    _check_offsets(doc)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x81\x30\xff\xfe\x80\x80\x80", "undecodable"),
        (b'[{"\xe6\xa0\x87\xe9\xa2\x98title": "x",\n "finalContent": }]', "line 2 column"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad_input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "bad_input.txt" in str(info.value)
    assert reason in str(info.value)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.md"):
        read_document(tmp_path / "nothere.md")


def test_markdown_pipe_table_inside_a_notice() -> None:
    # 004's columns, as a converter that writes markdown pipe tables would print them
    text = (
        "# 工业领域设备更新服务清单\n\n各区经信部门：现将清单印发给你们，请认真组织企业申报，确保政策落地见效。\n\n"
        "| 序号 | 政策名称 | 政策简介 | 申报要求 | 资金额度 | 服务联系方式 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 1 | 国家级制造业单项冠军项目申报 | 由工信部组织申报 | 长期专注并深耕于制造业产业链某一环节 | 100万元 "
        "| 市经信局产业政策科 027-60830428 |\n"
    )
    doc = read_text(text, name="list.md")
    (u,) = doc.units
    assert u.title == "国家级制造业单项冠军项目申报"
    assert u.text_of(FieldName.BENEFIT) == "100万元"
    assert u.text_of(FieldName.CONTACT) == "市经信局产业政策科 027-60830428"
    _check_offsets(doc)


def test_bracketed_headings() -> None:
    text = "## 2. 5G工厂\n\n【申报时间】7-9月\n\n【联系方式】工业和信息化部 010-62300441\n"
    (u,) = read_text(text, name="b.md").units
    assert u.title == "5G工厂"
    assert u.text_of(FieldName.WINDOW) == "7-9月"
    assert "010-62300441" in u.text_of(FieldName.CONTACT)


def test_json_lines_and_timestamps(tmp_path: Path) -> None:
    rows = [
        dict(ARTICLES[0]),
        {
            "title": "【通知】2025年首版次软件",
            "content": "联系人及电话：黄辉 010-68208210",
            "publish_time": 1735689600,
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    doc = read_document(path)
    assert [u.title for u in doc.units] == [
        "2025年市工业企业重大设备技改项目奖补资金正在申报",
        "2025年首版次软件",
    ]
    second = doc.units[1]
    assert second.section == "通知"
    assert second.published_at == "2025-01-01"
    assert "010-68208210" in second.text_of(FieldName.CONTACT)
    _check_offsets(doc)


def test_repeated_page_header_and_untitled_toc() -> None:
    # a compilation whose page header repeats the document title, with a TOC printed without 目录
    text = (
        "# 徐州市2024年工信领域支持企业政策汇编\n\n"
        "江苏省制造业贷款财政贴息实施方案 ........ 40\n江苏省企业技术中心 ........ 76\n徐州市企业技术中心 ........ 79\n\n"
        "## 江苏省制造业贷款财政贴息实施方案\n\n五、\t申报条件\n"
        "\t贴息对象为通过银行贷款进行新建或改扩建项目的制造业企业，在江苏省行政区域内注册，具有独立法人资格的\n\n"
        "## 徐州市2024年工信领域支持企业政策汇编\n\n\t制造业企业。\n七、\t申报程序\n\t3.联系方式：市工信局综合规划处 83735577\n"
        "\n- 12 -\n\n## 江苏省企业技术中心\n\n五、\t申报条件\n\t企业技术中心具有较强的技术创新能力\n\n"
        "## 徐州市2024年工信领域支持企业政策汇编\n\n七、\t申报程序\n\t3.联系方式：市工信局技术创新处 80801826\n\n"
        "## 徐州市企业技术中心\n\n五、\t申报条件\n\t在徐州市注册\n\n## 徐州市2024年工信领域支持企业政策汇编\n"
    )
    doc = read_text(text, name="compilation.md")
    assert doc.title == "徐州市2024年工信领域支持企业政策汇编"
    assert [u.title for u in doc.units] == [
        "江苏省制造业贷款财政贴息实施方案",
        "江苏省企业技术中心",
        "徐州市企业技术中心",
    ]
    first = doc.units[0]
    assert first.text_of(FieldName.CONDITIONS).endswith("具有独立法人资格的制造业企业。")
    assert first.text_of(FieldName.CONTACT) == "市工信局综合规划处 83735577"
    assert "12" not in doc.units[0].text_of(FieldName.PROCEDURE)
    _check_offsets(doc)


def test_key_value_rows() -> None:
    text = (
        "## 江苏省企业技术中心\n\n"
        "申报条件\t<p>1.在江苏省内注册；2.上年度研发投入不低于1000万元</p>\n"
        "政策优惠\t授予“江苏省企业技术中心”牌匾\n"
        "联系方式\t市工信局技术创新处 0516-80801826\n\n"
        "## 江苏省工业设计中心认定申报项目\n\n| 申报条件 | 已认定为市级工业设计中心 |\n| 联系方式 | 0516-83722729 |\n"
    )
    first, second = read_text(text, name="kv.md").units
    assert first.text_of(FieldName.CONDITIONS) == "1.在江苏省内注册；2.上年度研发投入不低于1000万元"
    assert first.text_of(FieldName.BENEFIT) == "授予“江苏省企业技术中心”牌匾"
    assert second.title == "江苏省工业设计中心认定申报项目"
    assert second.text_of(FieldName.CONTACT) == "0516-83722729"


def test_gb18030_seed_reads_like_utf8(tmp_path: Path, seed_dir: Path) -> None:
    (src,) = seed_dir.glob("003_*.txt")
    path = tmp_path / "003_gb18030.txt"
    path.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    ours, theirs = read_document(path), read_document(src)
    assert ours.text == theirs.text
    assert [u.title for u in ours.units] == [u.title for u in theirs.units]


def test_field_lexicon_is_unambiguous() -> None:
    import yaml

    from extraction.readers.fields import LEXICON_PATH, lexicon, normalize_heading

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for name, headings in data["exact"].items():
        FieldName(name)  # every key is a canonical field
        for h in headings:
            key = normalize_heading(h)
            assert seen.setdefault(key, name) == name, f"{h} maps to {seen[key]} and {name}"
    lex = lexicon()
    assert lex.lookup("📞 **联系方式:**") is FieldName.CONTACT
    assert lex.lookup("原文链接及二维码") is FieldName.LINK
    assert lex.lookup("主要内容 / MAIN CONTENT") is FieldName.SUMMARY
    # two printed headings joined (申报主体 + 申报条件) are read exactly; a word inside a longer
    # heading only loosely
    assert lex.lookup("申报主体及条件") is FieldName.CONDITIONS
    assert lex.lookup("企业申报条件说明") is None
    assert lex.lookup("企业申报条件说明", loose=True) is FieldName.CONDITIONS


def test_measures_with_chapters_and_articles_are_one_program() -> None:
    # a 管理办法 laid out in chapters (第X章) and articles (第X条)
    text = (
        "# 徐州市工业企业技术改造综合奖补管理办法\n\n## 第一章 总则\n\n"
        "第一条 为加快推进全市工业企业技术改造，根据有关规定，制定本办法。\n\n## 第二章 申报条件\n\n"
        "第二条 在徐州市注册，具有独立法人资格的工业企业。\n\n第三条 已认定为市级以上企业技术中心的企业优先支持。\n\n"
        "## 第三章 支持标准\n\n第四条 按设备投资额的10%给予奖补，最高不超过500万元。\n\n## 第四章 附则\n\n"
        "第五条 咨询电话：0516-83735577。\n"
    )
    (u,) = read_text(text, name="measures.md").units
    assert u.kind is UnitKind.PROGRAM
    assert u.title == "徐州市工业企业技术改造综合奖补管理办法"
    assert "企业技术中心的企业优先支持" in u.text_of(FieldName.CONDITIONS)
    assert "最高不超过500万元" in u.text_of(FieldName.BENEFIT)
    assert "0516-83735577" in u.text_of(FieldName.CONTACT)


def test_heading_with_subtitle_or_preamble_before_its_fields() -> None:
    text = (
        "## 江苏省企业技术中心\n\n（省级认定）\n\n一、申报条件\n在江苏省内注册\n\n二、联系方式\n025-69652715\n\n"
        "## 徐州市企业技术中心\n\n说明：以下为市级认定事项，请各县区工信部门认真组织企业申报，确保材料真实完整。\n\n"
        "一、申报条件\n在徐州市注册\n"
    )
    first, second = read_text(text, name="subtitles.md").units
    assert (first.title, second.title) == ("江苏省企业技术中心", "徐州市企业技术中心")
    assert first.text_of(FieldName.CONTACT) == "025-69652715"
    assert second.text_of(FieldName.CONDITIONS) == "在徐州市注册"


def test_html_page_is_read_through_a_rendered_view() -> None:
    # 001's article 84 and one 004 row, as a government web page would print them
    page = (
        "<!DOCTYPE html><html><head><title>通知</title><script>var x = '<p>一、申报条件</p>';</script></head>"
        '<%@ page contentType="text/html;charset=UTF-8"%>'
        "<body><h1>南京市工业和信息化局<br>关于组织申报2025年南京市工业企业重大设备技改项目奖补的通知</h1>"
        "<p>各区工信局、财政局：现就有关事项通知如下：</p><p><strong>一、申报条件</strong></p>"
        "<p>（一）在南京市注册的具有独立法人资格的工业企业。</p><p><strong>四、联系方式</strong></p>"
        "<p>市工信局综合规划与投资处&nbsp;025-68788776</p>"
        "<table><tr><td>序号</td><td>政策名称</td><td>政策简介</td><td>申报要求</td><td>资金额度</td><td>服务联系方式</td></tr>"
        "<tr><td>1</td><td>国家级制造业单项冠军项目申报</td><td>由工信部组织申报</td><td>长期专注于制造业某一环节</td>"
        "<td>100万元</td><td>市经信局产业政策科 027-60830428</td></tr></table></body></html>"
    )
    doc = read_text(page, name="notice.html")
    assert doc.text == page
    assert [u.title for u in doc.units] == [
        "南京市工业和信息化局关于组织申报2025年南京市工业企业重大设备技改项目奖补的通知",
        "国家级制造业单项冠军项目申报",
    ]
    notice, row = doc.units
    assert notice.text_of(FieldName.CONDITIONS) == "（一）在南京市注册的具有独立法人资格的工业企业。"
    assert notice.text_of(FieldName.CONTACT) == "市工信局综合规划与投资处 025-68788776"
    assert row.text_of(FieldName.BENEFIT) == "100万元"
    assert "027-60830428" in row.text_of(FieldName.CONTACT)
    _check_offsets(doc)


def test_a_pages_table_pasted_from_word_gives_a_program_per_row_and_its_contact_by_name() -> None:
    # a 申报通知 page whose categories sit in a Word table (a <p> in every cell), its contacts named by
    # category apart on their own paragraphs, and the site's footer with the site's phone
    def cell(text: str) -> str:
        return f'<td style="border:solid windowtext 1.0pt"><p><span style="font-size:12pt">{text}</span></p></td>'

    def row(*cells: str) -> str:
        return "<tr>" + "".join(cell(c) for c in cells) + "</tr>"

    page = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"><html><head><title>通知</title></head>'
        '<body><div id="menu"><a href="/">首页</a><a href="/tzgg/">通知公告</a></div>'
        '<div class="TRS_Editor"><p><strong>一、支持方向、申报条件和奖补标准</strong></p><table><tbody>'
        + row("序号", "项目类别", "申报条件", "奖补标准")
        + row(
            "1",
            "技术改造项目",
            "申报主体为规模以上工业企业。",
            "按设备投资额的10%给予补助，最高不超过300万元。",
        )
        + row("2", "绿色制造体系建设奖励", "2024年度新获评的国家级绿色工厂。", "国家级绿色工厂奖励50万元。")
        + "</tbody></table><p><strong>二、联系方式</strong></p>"
        "<p>技术改造项目：市工业和信息化局投资与规划科，刘工，0312-5906124</p>"
        "<p>绿色制造体系建设奖励：市工业和信息化局节能与综合利用科，赵工，0312-5906152</p>"
        "<p>资金拨付：市财政局经济建设科，0312-3086213</p></div>"
        '<div id="footer"><div class="w"><p>主办单位：保定市工业和信息化局</p>'
        "<p>联系电话：0312-5906100 网站标识码：1306000029 冀ICP备12003745号-2</p></div></div></body></html>"
    )
    doc = read_text(page, name="notice.html")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["技术改造项目", "绿色制造体系建设奖励"]
    tech, green = programs
    assert tech.text_of(FieldName.CONDITIONS) == "申报主体为规模以上工业企业。"
    assert tech.text_of(FieldName.CONTACT) == "市工业和信息化局投资与规划科，刘工，0312-5906124"
    assert green.text_of(FieldName.CONTACT) == "市工业和信息化局节能与综合利用科，赵工，0312-5906152"
    _check_offsets(doc)


def test_contact_lines_citing_article_ranges_wrapped_by_a_pdf_reach_those_articles() -> None:
    # 桂林-like 实施细则 read from a PDF (heldout10 k04): 第五条至第九条 on the line below the phone, and
    # （第十 / 条至第十一条） cut by the wrap; 第六条 pays nothing, so the range reaches the others
    articles = [
        "第五条 绿色制造示范奖励。对新获评国家级绿色工厂的企业，给予100万元一次性奖励。",
        "第六条 绿色工厂评价。市工业和信息化局每年组织开展一次市级绿色工厂评价工作。",
        "第七条 节能降碳技术改造补助。对规模以上工业企业实施节能改造的，给予30万元补助。",
        "第八条 合同能源管理补助。按照节能服务合同金额的20%给予补助，最高不超过50万元。",
        "第九条 绿色信贷贴息。按照实际支付利息的30%给予贴息，最高不超过50万元。",
        "第十条 智能制造示范奖励。对新认定为国家级智能制造示范工厂的企业，给予200万元奖励。",
        "第十一条 中小企业上云用数补助。按照云服务费用的30%给予补助，最高不超过10万元。",
    ]
    text = (
        "桂林市工业和信息化局关于印发某某奖补实施细则的通知\n"
        + "\n".join(articles)
        + "\n联系人及电话：\n市工业和信息化局节能与综合利用科 陈蓉 0773-2822561\n（第五条至第九条）\n"
        "市工业和信息化局信息化推进科 杨志斌 0773-2822547（第十\n条至第十一条）\n"
        "市财政局经济建设科 周勇 0773-2825208（资金拨付）\n"
    )
    doc = read_text(text, name="xize.txt")
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units if u.kind is UnitKind.PROGRAM}
    for title in ("绿色制造示范奖励", "节能降碳技术改造补助", "绿色信贷贴息"):
        assert "2822561" in contacts[title] and "2822547" not in contacts[title], title
    for title in ("智能制造示范奖励", "中小企业上云用数补助"):
        assert "2822547" in contacts[title] and "2822561" not in contacts[title], title
    assert all("2825208" not in c for c in contacts.values())


def test_a_column_of_offices_and_phones_is_each_rows_contact() -> None:
    # 黄石-like 兑现清单 from a Word table (heldout11 e02): 受理科室及电话, an office and its phone
    from extraction.readers.fields import lexicon

    assert lexicon().lookup("受理科室及电话") is FieldName.CONTACT
    assert lexicon().lookup("支持对象和标准") is FieldName.BENEFIT  # (a joined heading as before)


def test_bold_lines_are_titles() -> None:
    text = (
        "**5G工厂**\n\n🕒 申报时间：7-9月\n\n📞 联系方式：工业和信息化部 010-62300441\n\n"
        "**制造业单项冠军**\n\n🕒 申报时间：8-10月\n\n📄 申报要求\n\n遴选企业须符合单项冠军企业认定标准。\n"
    )
    first, second = read_text(text, name="bold.md").units
    assert (first.title, second.title) == ("5G工厂", "制造业单项冠军")
    assert first.text_of(FieldName.CONTACT) == "工业和信息化部 010-62300441"
    assert second.text_of(FieldName.CONDITIONS) == "遴选企业须符合单项冠军企业认定标准。"


def test_spreadsheet_export_with_quoted_multiline_cells() -> None:
    text = (
        "工业领域设备更新服务清单\n\n序号\t政策名称\t政策简介\t申报要求\t资金额度\t服务联系方式\n"
        '1\t省级专精特新中小企业申报\t专精特新中小企业为优质中小企业第二个梯次\t"同时满足以下四项条件\n'
        '1.从事特定细分市场2年以上\n2.研发费用不低于100万元"\t20万元\t市经信局中小企业发展科 027-60830052\n'
        "2\t市级首次进规专项奖补资金申报\t扩大规上企业数量\t年度销售收入达到2000万以上\t20万元\t"
        "市经信局中小企业发展科 027-60830052\n"
    )
    doc = read_text(text, name="export.tsv")
    assert doc.format is DocFormat.TABLE
    first, second = doc.units
    assert first.text_of(FieldName.CONDITIONS) == (
        "同时满足以下四项条件\n1.从事特定细分市场2年以上\n2.研发费用不低于100万元"
    )
    assert first.text_of(FieldName.BENEFIT) == "20万元"
    assert second.title == "市级首次进规专项奖补资金申报"
    _check_offsets(doc)


def test_a_few_corrupt_bytes_are_tolerated(tmp_path: Path) -> None:
    data = EMOJI_ITEMS.encode("utf-8")
    path = tmp_path / "truncated.md"
    cut = data.index(b"\n") + 1  # at a character boundary
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = read_document(path)
    assert doc.text.count("\ufffd") == 1
    assert len(doc.units) == 3


def test_articles_inside_an_api_envelope() -> None:
    raw = json.dumps(
        {
            "code": 0,
            "data": {
                "total": 1,
                "list": [
                    {
                        "title": "南京丨2025年市工业企业重大设备技改项目奖补资金正在申报",
                        "content": "一、申报条件\n在南京市注册的具有独立法人资格的工业企业。\n四、联系方式\n市工信局 025-68788776",
                        "publishTime": "2025-12-08 10:00",
                    }
                ],
            },
        },
        ensure_ascii=False,
    )
    (u,) = read_text(raw, name="envelope.json").units
    assert (u.section, u.published_at) == ("南京", "2025-12-08")
    assert u.text_of(FieldName.CONTACT) == "市工信局 025-68788776"
    assert u.text_of(FieldName.CONDITIONS) == "在南京市注册的具有独立法人资格的工业企业。"


def test_table_with_generic_column_names() -> None:
    text = (
        "序号\t项目\t内容\t条件\t额度\t电话\n"
        "1\t国家级专精特新“小巨人”企业申报\t对新认定企业给予奖励\t获批省级专精特新中小企业\t省级奖励100万元\t027-60830052\n"
        "2\t省级创新型中小企业申报\t优质中小企业梯度培育\t评价得分达到60分以上\t/\t027-60830052\n"
        "3\t市级首次进规专项奖补资金申报\t扩大规上企业数量\t年度销售收入达到2000万以上\t20万元\t027-60830052\n"
    )
    doc = read_text(text, name="generic.tsv")
    assert doc.format is DocFormat.TABLE
    first, second, _ = doc.units
    assert first.title == "国家级专精特新“小巨人”企业申报"
    assert first.text_of(FieldName.BENEFIT) == "省级奖励100万元"
    assert second.get(FieldName.BENEFIT) == [], "a '/' cell is empty"


# a 湖南-style notice: program types 一、/二、, programs （一）…（三） with a one-line description,
# a notice-wide 三、申报要求 and a closing 四、联系方式 naming each type by name or by ordinal
NOTICE_TYPES = """关于组织申报2025年度制造强省专项资金项目的通知

一、技术改造类

（一）重大技术改造项目

支持企业实施设备更新、工艺升级和生产线智能化改造。

1.支持条件。项目在省内实施，设备投资不低于3000万元。

2.支持标准。按设备投资额的10%给予补助，单个项目最高不超过1500万元。

（二）制造业重大产业化项目

支持产业链关键环节、投资规模大、带动作用强的重大产业化项目。

1.支持条件。项目固定资产投资不低于10亿元。

2.支持标准。按固定资产投资的5%给予补助，单个项目最高1.5亿元。

二、中小企业服务类

（三）技术改造贷款贴息

1.支持条件。属于规模以上工业企业。

2.支持标准。按实际支付利息的50%给予贴息，单个企业最高不超过500万元。

三、申报要求

（一）各市州工业和信息化局会同财政局组织申报，于2025年6月30日前报送省工业和信息化厅。

（二）同一企业同一年度只能申报一个项目。

四、联系方式

技术改造类（第一项）：省工业和信息化厅投资与规划处，王XX，0731-88954321；省财政厅企业处，0731-85165432。

第二项：省工业和信息化厅中小企业处，孙XX，0731-88954323、13974112345。

湖南省工业和信息化厅

2025年5月20日
"""


def _description(paragraphs: int) -> str:
    sentences = ["支持产业链关键环节、投资规模大、带动作用强的重大产业化项目。", "重点支持先进制造业集群。"]
    sentences += ["鼓励龙头企业带动上下游协同发展。"] * (paragraphs - 2)
    return "\n\n".join(sentences[:paragraphs])


@pytest.mark.parametrize("paragraphs", [1, 2, 4])
def test_sibling_headings_cut_whatever_prose_follows(paragraphs: int) -> None:
    text = NOTICE_TYPES.replace(
        "支持产业链关键环节、投资规模大、带动作用强的重大产业化项目。", _description(paragraphs)
    )
    doc = read_text(text, name="notice.txt")
    assert [u.title for u in doc.units] == ["重大技术改造项目", "制造业重大产业化项目", "技术改造贷款贴息"]
    first, second, _ = doc.units
    assert first.text_of(FieldName.BENEFIT) == "按设备投资额的10%给予补助，单个项目最高不超过1500万元。"
    assert second.text_of(FieldName.BENEFIT) == "按固定资产投资的5%给予补助，单个项目最高1.5亿元。"
    assert second.text_of(FieldName.CONDITIONS) == "项目固定资产投资不低于10亿元。"
    assert (first.section, second.section) == ("技术改造类", "技术改造类")
    # the field line's own text is not repeated as a summary
    assert "设备投资不低于3000万元" not in first.text_of(FieldName.SUMMARY)
    if paragraphs <= 2:  # a short description is the program's summary
        assert second.text_of(FieldName.SUMMARY).startswith("支持产业链关键环节")
    _check_offsets(doc)


def test_closing_contact_section_goes_to_the_programs_it_names() -> None:
    doc = read_text(NOTICE_TYPES, name="notice.txt")
    assert all("同一企业" not in u.title for u in doc.units), "a notice-wide 申报要求 item is no program"
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units}
    by_name = "省工业和信息化厅投资与规划处，王XX，0731-88954321；省财政厅企业处，0731-85165432。"
    by_ordinal = "省工业和信息化厅中小企业处，孙XX，0731-88954323、13974112345。"
    assert contacts == {
        "重大技术改造项目": by_name,
        "制造业重大产业化项目": by_name,
        "技术改造贷款贴息": by_ordinal,
    }
    assert all("2024年" not in c and "湖南省工业和信息化厅\n" not in c for c in contacts.values())
    _check_offsets(doc)


def test_contact_line_assigning_offices_item_by_item_is_split() -> None:
    text = NOTICE_TYPES.replace(
        "技术改造类（第一项）：省工业和信息化厅投资与规划处，王XX，0731-88954321；省财政厅企业处，0731-85165432。",
        "技术改造类：第（一）项，省工业和信息化厅投资与规划处，0731-88954321；"
        "第（二）项，省工业和信息化厅综合规划处，88954300。",
    )
    doc = read_text(text, name="notice.txt")
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units}
    assert contacts == {
        "重大技术改造项目": "第（一）项，省工业和信息化厅投资与规划处，0731-88954321；",
        "制造业重大产业化项目": "第（二）项，省工业和信息化厅综合规划处，88954300。",
        "技术改造贷款贴息": "省工业和信息化厅中小企业处，孙XX，0731-88954323、13974112345。",
    }
    _check_offsets(doc)


def test_closing_contact_section_naming_no_program_is_shared() -> None:
    head, _, _ = NOTICE_TYPES.partition("四、联系方式")
    text = (
        head + "四、联系方式\n\n省工业和信息化厅投资与规划处，王XX，0731-88954321\n\n湖南省工业和信息化厅\n"
    )
    text = text.replace(
        "单个企业最高不超过500万元。\n",
        "单个企业最高不超过500万元。\n\n3.联系电话：省财政厅企业处，0731-85165432。\n",
    )
    doc = read_text(text, name="notice.txt")
    shared = "省工业和信息化厅投资与规划处，王XX，0731-88954321"
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units}
    assert contacts == {
        "重大技术改造项目": shared,
        "制造业重大产业化项目": shared,
        "技术改造贷款贴息": "省财政厅企业处，0731-85165432。",  # its own contact, not the notice's
    }
    _check_offsets(doc)


def test_contact_ordinal_without_program_types_counts_programs() -> None:
    text = (
        "一、扶持的项目\n\n（一）重大技术改造项目\n\n1.支持条件。设备投资不低于3000万元。\n\n"
        "（二）制造业重大产业化项目\n\n1.支持条件。固定资产投资不低于10亿元。\n\n"
        "二、工作要求\n\n（一）请各地认真组织项目申报工作。\n\n（二）严禁弄虚作假项目。\n\n"
        "三、联系方式\n\n（一）第二项：省工信厅规划处，0731-88954322。\n\n"
        "（二）重大技术改造项目：省工信厅投资处，0731-88954321。\n"
    )
    doc = read_text(text, name="notice.txt")
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units}
    assert contacts == {
        "重大技术改造项目": "省工信厅投资处，0731-88954321。",
        "制造业重大产业化项目": "省工信厅规划处，0731-88954322。",
    }


def test_notice_sections_at_the_programs_level_are_not_their_fields() -> None:
    # programs 一、/二、 with their fields one level down: 三、申报要求 and 四、联系方式 are the notice's
    text = (
        "一、重大技术改造项目\n\n（一）支持条件。设备投资不低于3000万元。\n\n（二）支持标准。最高不超过1500万元。\n\n"
        "二、技术改造贷款贴息\n\n（一）支持条件。属于规模以上工业企业。\n\n（二）支持标准。最高不超过500万元。\n\n"
        "三、申报要求\n\n（一）请各地认真组织。\n\n（二）同一企业同一年度只能申报一个项目。\n\n"
        "四、联系方式\n\n省工业和信息化厅投资与规划处，王XX，0731-88954321\n\n湖南省工业和信息化厅\n"
    )
    doc = read_text(text, name="notice.txt")
    assert [u.title for u in doc.units] == ["重大技术改造项目", "技术改造贷款贴息"]
    for u in doc.units:
        assert "同一企业" not in "".join(f.text for f in u.fields)
        assert u.text_of(FieldName.CONTACT) == "省工业和信息化厅投资与规划处，王XX，0731-88954321"
    _check_offsets(doc)


@pytest.mark.parametrize(
    "requirements",
    [
        "三、组织申报\n\n（一）请各地认真组织。\n\n（二）严格审核把关\n\n",
        "三、组织申报\n\n（一）各市州工业和信息化局会同财政局组织申报，于6月30日前报送，同时抄送省财政厅。\n\n",
    ],
)
def test_unlisted_notice_section_before_the_contacts_is_no_program(requirements: str) -> None:
    # 组织申报 is neither a field heading nor a listed notice section: the numbering tells
    head, _, tail = NOTICE_TYPES.partition("三、申报要求")
    _, _, contacts = tail.partition("四、联系方式")
    doc = read_text(head + requirements + "四、联系方式" + contacts, name="notice.txt")
    assert [u.title for u in doc.units] == ["重大技术改造项目", "制造业重大产业化项目", "技术改造贷款贴息"]
    assert "孙XX" in doc.units[2].text_of(FieldName.CONTACT)


def test_contact_section_with_a_label_line_over_its_phones() -> None:
    text = (
        "一、技术改造类\n\n（一）重大技术改造项目\n\n1.支持条件。设备投资不低于3000万元。\n\n"
        "二、中小企业服务类\n\n（二）技术改造贷款贴息\n\n1.支持条件。属于规模以上工业企业。\n\n"
        "三、联系方式\n\n（一）技术改造类\n\n联系人：王XX\n\n电话：0731-88954321\n\n"
        "（二）中小企业服务类：\n\n省工业和信息化厅中小企业处 孙XX 0731-88954323\n\n"
        "湖南省工业和信息化厅\n\n2025年5月20日\n"
    )
    doc = read_text(text, name="notice.txt")
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units}
    assert contacts == {
        "重大技术改造项目": "联系人：王XX\n电话：0731-88954321",
        "技术改造贷款贴息": "省工业和信息化厅中小企业处 孙XX 0731-88954323",
    }
    _check_offsets(doc)


def test_closing_contact_table_names_program_types() -> None:
    head, _, _ = NOTICE_TYPES.partition("四、联系方式")
    text = head + (
        "四、联系方式\n\n项目类别\t联系处室\t联系电话\n"
        "技术改造类\t省工业和信息化厅投资与规划处\t0731-88954321\n"
        "中小企业服务类\t省工业和信息化厅中小企业处\t0731-88954323\n"
    )
    doc = read_text(text, name="notice.txt")
    phones = {u.title: u.text_of(FieldName.CONTACT).split()[-1] for u in doc.units}
    assert phones == {
        "重大技术改造项目": "0731-88954321",
        "制造业重大产业化项目": "0731-88954321",
        "技术改造贷款贴息": "0731-88954323",
    }


def test_a_title_printed_at_every_page_break_is_no_part_of_a_field() -> None:
    # a field-labelled notice as a PDF's text layer gives it: page numbers, form feeds, a running title
    pages = [
        "一、重大技术改造项目\n申报条件：在本省注册的规模以上工业企业。\n支持标准：按设备投资的10%给予补助，最高500万元。",
        "二、企业技术中心创新能力提升项目\n申报条件：省级企业技术中心。\n支持标准：给予最高200万元补助。",
        "三、中小企业公共服务示范平台奖补\n申报条件：国家级中小企业公共服务示范平台。\n支持标准：给予50万元奖补。",
        "四、技术改造贷款贴息\n申报条件：规模以上工业企业。\n支持标准：按贷款利息的50%给予贴息。\n联系方式：省工信厅技改处，0731-88954321。",
    ]
    text = "".join(f"{page}\n— {n} —\n\f\n某某省工业和信息化厅文件\n" for n, page in enumerate(pages, 1))
    doc = read_text(text, name="notice.txt")
    assert len(doc.units) == 4
    assert all("某某省工业和信息化厅文件" not in f.text for u in doc.units for f in u.fields)
    assert all("— " not in f.text for u in doc.units for f in u.fields)


CHANGSHA = (
    "长沙市工业和信息化局 长沙市财政局\n"
    "关于印发《长沙市推进制造业高质量发展专项资金实施细则》的通知\n\n"
    "长工信发〔2026〕9号\n\n"
    "联系人及电话：\n"
    "第（一）（三）项：市工业和信息化局中小企业发展处 周亚楠，0731-88665132；\n"
    "第（二）项：市工业和信息化局技术改造处 彭浩，0731-88665147。\n\n"
    "附件：1.长沙市推进制造业高质量发展专项资金申请表\n"
    "      2.专项资金项目绩效目标表\n\n"
    "长沙市推进制造业高质量发展专项资金实施细则\n\n"
    "一、支持内容及标准\n"
    "（一）企业梯度培育奖励\n1.支持对象。工业企业。\n2.支持标准。对当年新认定为省级专精特新中小企业的，一次性奖励20万元。\n"
    "（二）智能化改造\n1.支持对象。工业企业。\n2.支持标准。按设备投资额的8%给予补助，单个项目最高不超过300万元。\n"
    "（三）工业设计创新\n1.支持对象。工业设计中心。\n2.支持标准。对新认定为省级工业设计中心的，奖励30万元。\n"
)


def test_a_cover_notice_heads_its_rules_with_the_bodies_its_number_and_a_contact_block_by_item() -> None:
    doc = read_text(CHANGSHA, name="changsha.txt")
    assert doc.title == "关于印发《长沙市推进制造业高质量发展专项资金实施细则》的通知"
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    # the document number is no program, the attachments are no section
    assert [u.title for u in programs] == ["企业梯度培育奖励", "智能化改造", "工业设计创新"]
    assert all("绩效目标表" not in u.section for u in programs)
    contacts = [u.text_of(FieldName.CONTACT) for u in programs]
    assert "88665132" in contacts[0] and "88665147" not in contacts[0]
    assert "88665147" in contacts[1] and "88665132" not in contacts[1]
    assert "88665132" in contacts[2]


NANJING = (
    "关于组织申报2026年度南京市工业和信息化专项资金项目的通知\n\n"
    "一、支持方向和支持标准\n\n"
    "（一）智能化改造和数字化转型项目\n支持企业实施智能化改造。\n支持标准：按设备投资额的10%给予补助，最高不超过500万元。\n\n"
    "（二）工业互联网标杆场景项目\n支持企业打造标杆应用场景。\n支持标准：按项目软硬件投入的20%给予补助，最高不超过200万元。\n\n"
    "二、申报条件\n\n（一）基本条件\n1.在南京市行政区域内依法登记注册。\n\n（二）具体条件\n"
    "1.智能化改造和数字化转型项目：设备投资额不低于1000万元。\n"
    "2.工业互联网标杆场景项目：申报单位须已取得省级以上智能制造示范工厂资格。\n\n"
    "三、联系方式\n"
    "（一）智能化改造和数字化转型项目：市工业和信息化局智能制造推进处　王晨，025-68787112\n"
    "（二）工业互联网标杆场景项目：市工业和信息化局信息化推进处　刘畅，025-68787135\n"
    "资金管理：市财政局经济建设处　孙立，025-68789321\n"
    "申报系统技术支持：025-83279900\n"
)


def test_a_notices_conditions_and_contacts_by_program_name_go_to_the_programs_they_name() -> None:
    programs = [u for u in read_text(NANJING, name="nanjing.txt").units if u.kind is UnitKind.PROGRAM]
    first, second = programs
    assert "须已取得省级以上智能制造示范工厂资格" in second.text_of(FieldName.CONDITIONS)
    assert "须已取得" not in first.text_of(FieldName.CONDITIONS)
    # its own office, and the office every program shares; not the helpdesk's bare number
    assert "68787135" in second.text_of(FieldName.CONTACT) and "68787112" not in second.text_of(
        FieldName.CONTACT
    )
    assert all("68789321" in u.text_of(FieldName.CONTACT) for u in programs)
    assert all("83279900" not in u.text_of(FieldName.CONTACT) for u in programs)


def test_item_seven_about_5g_factories_is_an_item_not_a_decimal() -> None:
    from extraction.readers.numbering import parse_marker

    assert parse_marker("7.5G工厂及工业互联网标杆工厂奖励") is not None
    assert parse_marker("1.5万元") is None


SUZHOU_PDF_COPY = "".join(
    f"{k}.第{k}项奖励\n兑现标准：对获评省级智能工厂的企业，按设备投资额的10%给予\n"
    + ("\n— " + str(k) + " —\n苏州市惠企政策兑现清单（工业和信息化领域）\n\n" if k < 5 else "")
    + f"一次性奖励，最高{k}0万元。\n受理部门：苏州市工业和信息化局\n咨询电话：0512-6861610{k}\n"
    for k in range(1, 6)
)


def test_a_title_printed_at_every_page_number_of_a_pdf_copy_is_furniture() -> None:
    programs = [u for u in read_text(SUZHOU_PDF_COPY, name="suzhou.txt").units if u.kind is UnitKind.PROGRAM]
    assert len(programs) == 5
    assert all("兑现清单" not in u.text_of(FieldName.BENEFIT) for u in programs)


def test_a_saved_pages_title_line_names_it_where_no_cover_line_does() -> None:
    from extraction.readers.markdown import read_markdown

    page = (
        "SOURCE: https://example.org/display/305419.html (stored copy)\n"
        "TITLE: 关于印发巢湖市培育新动能促进产业转型升级若干政策的通知\n\n"
        "一、支持先进制造业发展政策\n1.小微工业企业贷款贴息。按银行同期基准利率50%给予贴息。\n"
    )
    assert read_markdown(page)[1]["title"] == "关于印发巢湖市培育新动能促进产业转型升级若干政策的通知"


TAIYUAN_ROWS = (
    "太原市2026年惠企政策清单（节选）\n"
    "序号 政策名称 政策内容 申报条件 兑现部门 联系电话\n"
    "1\n国家级专精特新“小巨人”企业奖励\n对新获工业和信息化部认定的专精特新“小巨\n人”企业，给予一次性奖励50万元。\n"
    "在太原市注册的独立法人企业；2025年度新获国\n家级专精特新“小巨人”企业认定。\n市工信局\n0351-4085236\n"
    "2\n中小企业技术改造贷款贴息\n对中小工业企业技术改造项目的银行贷款，按\n照实际支付利息的50%给予贴息，单个企业\n年度贴息最高200万元。\n"
    "项目已备案且设备投资不低于500万元。\n市工信局\n4085241\n\n"
    "第 1 页 共 6 页\n序号 政策名称 政策内容 申报条件 兑现部门 联系电话\n"
    "3\n绿色工厂奖励\n对新获评国家级、省级绿色工厂的企业，分别\n给予一次性奖励100万元、30万元。\n"
    "近三年未发生较大及以上环境污染事件。\n市工信局\n4085253\n\n"
    "注：兑现部门简称：市工信局——太原市工业和信息化局。\n"
)


def test_a_table_printed_to_pdf_and_read_row_by_row_gives_a_program_per_row() -> None:
    programs = [u for u in read_text(TAIYUAN_ROWS, name="taiyuan.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == [
        "国家级专精特新“小巨人”企业奖励",
        "中小企业技术改造贷款贴息",
        "绿色工厂奖励",
    ]
    first, _second, third = programs
    # the wrapped cell is one text again, cut from the conditions where the content cell ends
    assert "专精特新“小巨人”企业，给予一次性奖励50万元。" in first.text_of(FieldName.BENEFIT)
    assert first.text_of(FieldName.CONDITIONS).startswith("在太原市注册")
    assert first.text_of(FieldName.DEPARTMENT) == "市工信局" and "4085236" in first.text_of(FieldName.CONTACT)
    assert "注：" not in third.text_of(FieldName.CONDITIONS) and "4085253" in third.text_of(FieldName.CONTACT)


WUXI = (
    "无锡市工业和信息化专项资金（智能化改造方向）申报指南\n\n"
    "一、支持方向\n"
    "（一）智能制造示范工厂建设项目。支持企业建设智能制造示范工厂。\n"
    "（二）工业互联网平台建设项目。支持面向重点产业建设工业互联网平台。\n"
    "（三）中小企业数字化改造项目。支持中小工业企业应用数字化产品和服务。\n"
    "二、支持标准\n"
    "（一）智能制造示范工厂建设项目：按照项目智能化设备投入的10%给予补助，最高不超过500万元。\n"
    "（二）工业互联网平台建设项目：按照平台建设期内软硬件投入的20%给予补助，最高不超过300万元。\n"
    "（三）中小企业数字化改造项目：以服务券方式给予支持，每家最高20万元。\n"
    "三、申报条件\n（一）基本条件\n1.在无锡市范围内依法注册的企业。\n（二）专项条件\n"
    "1.智能制造示范工厂建设项目。申报单位须为已获评江苏省智能制造示范工厂的企业。\n"
    "2.工业互联网平台建设项目。申报主体应为已入选省级工业互联网平台的平台运营企业。\n"
    "3.中小企业数字化改造项目。已认定为省级专精特新中小企业的，合同金额门槛放宽至10万元。\n"
    "四、申报材料\n1.项目申报书。\n"
)


def test_a_shared_conditions_section_gives_each_program_only_the_lines_that_name_it() -> None:
    programs = [u for u in read_text(WUXI, name="wuxi.txt").units if u.kind is UnitKind.PROGRAM]
    assert len(programs) == 3
    conditions = [u.text_of(FieldName.CONDITIONS) for u in programs]
    assert all("在无锡市范围内依法注册" in c for c in conditions)  # the general lines stay everyone's
    assert "智能制造示范工厂的企业" in conditions[0] and "工业互联网平台的平台运营企业" not in conditions[0]
    assert "工业互联网平台的平台运营企业" in conditions[1] and "放宽至10万元" not in conditions[1]
    assert "放宽至10万元" in conditions[2] and "智能制造示范工厂的企业" not in conditions[2]


def test_two_headings_joined_name_the_benefit_when_either_is() -> None:
    from extraction.readers.fields import lexicon

    assert lexicon().lookup("支持对象和标准") is FieldName.BENEFIT
    assert lexicon().lookup("申报条件和材料") is FieldName.CONDITIONS
    assert lexicon().lookup("支持方向和支持标准") is None  # the directions are the programs


def test_a_line_that_starts_with_references_to_articles_is_no_article() -> None:
    from extraction.readers.numbering import parse_marker

    assert parse_marker("第六条、第七条、第八条由区经发局受理；") is None
    assert parse_marker("第六条至第八条所需资金由区财政安排。") is None
    marker = parse_marker("第六条　支持企业上规模。")
    assert marker is not None and (marker.style, marker.number) == ("art", 6)


# Two 事项 of a 政务服务网 page of 办事指南, cut down to their blocks.
GUIDES = (
    "江西政务服务网\n首页 > 赣州市 > 办事指南\n\n"
    "赣州市优质中小企业梯度培育奖励申报\n在线办理  收藏  打印指南\n\n基本信息\n"
    "事项名称：赣州市优质中小企业梯度培育奖励申报\n办件类型：承诺件\n实施主体：赣州市工业和信息化局\n"
    "承办机构：赣州市工业和信息化局中小企业科\n咨询电话：0797-8993517\n监督电话：0797-8993500；12345\n"
    "办理地点：赣州市政务服务中心二楼\n\n设定依据\n1．《中华人民共和国中小企业促进法》；\n\n"
    "申报条件\n（1）在赣州市辖区内注册；\n（2）上一年度新认定为国家级专精特新“小巨人”企业。\n\n"
    "扶持标准\n对新认定的国家级专精特新“小巨人”企业，一次性奖励50万元。\n\n"
    "办理流程\n1．申请：企业提交申报材料；\n2．拨付：公示无异议后下达奖励资金。\n\n"
    "赣州市工业企业技术改造项目奖补申报\n\n基本信息\n"
    "事项名称：赣州市工业企业技术改造项目奖补申报\n办件类型：承诺件\n"
    "承办机构：赣州市工业和信息化局技术改造与投资科\n咨询电话：0797-8993506\n\n"
    "扶持标准\n按设备投资额的8%给予奖补，单个项目最高不超过500万元。\n"
)


def test_a_page_of_service_guides_gives_one_program_per_item_named_by_its_item_name() -> None:
    doc = read_text(GUIDES, name="guides.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == [
        "赣州市优质中小企业梯度培育奖励申报",
        "赣州市工业企业技术改造项目奖补申报",
    ]
    first, second = programs
    assert "8993517" in first.text_of(FieldName.CONTACT)
    assert "8993500" not in first.text_of(FieldName.CONTACT)  # the complaint line is nobody's contact
    assert "中小企业科" in first.text_of(FieldName.DEPARTMENT)
    assert "50万元" in first.text_of(FieldName.BENEFIT) and "500万元" not in first.text_of(FieldName.BENEFIT)
    assert "500万元" in second.text_of(FieldName.BENEFIT)
    for u in programs:
        for f in u.fields:
            assert all(GUIDES[o] == ch for ch, o in zip(f.text, f.offsets, strict=True) if ch != "\n")


def test_a_wechat_cards_rules_around_its_number_and_heading() -> None:
    # heldout8 m03 (一图读懂 text): ━━ 01 梯度培育奖励 ━━ heads a card; "最高奖励100万" is an amount
    text = (
        "一图读懂丨专精特新企业看过来！\n"
        "━━ 01 梯度培育奖励 ━━\n"
        "【支持对象】\n首次获得认定的省级专精特新中小企业\n"
        "【支持标准】\n💰 省级专精特新：奖励20万\n"
        "━━ 02 研发投入奖补 ━━\n"
        "【支持对象】\n省级以上专精特新中小企业\n"
        "【支持标准】\n▶ 按15%给予奖补\n▶ 单个企业每年最高50万\n"
        "☎ 政策咨询\n某市工业和信息化局中小企业科\n0759-3380265\n"
        "-END-\n"
        "▼ 往期推荐\n▶ 某市新增12家国家级专精特新“小巨人”企业！\n"
    )
    doc = read_text(text, name="cards.txt")
    assert [u.title for u in doc.units if u.kind is UnitKind.PROGRAM] == ["梯度培育奖励", "研发投入奖补"]


def test_a_guides_closing_sections_at_its_categories_level_are_the_notices() -> None:
    # heldout8 m02: 一、…五、 categories with labelled lines, then 六、申报材料 … 八、联系方式 naming them
    text = (
        "2025年度某市制造业高质量发展专项资金申报指南\n"
        "一、数字化改造项目\n"
        "　　支持对象：在市区实施数字化改造的规模以上工业企业。\n"
        "　　支持标准：按软硬件投入的15%给予补助，最高100万元。\n"
        "二、专精特新企业培育项目\n"
        "　　支持对象：2024年度新认定的省级专精特新中小企业。\n"
        "　　支持标准：一次性奖励20万元。\n"
        "三、申报材料\n"
        "　　项目申报表、营业执照。\n"
        "四、联系方式\n"
        "　　数字化改造项目：市经信局数字经济处，联系人：林佳颖，电话：0576-88513162\n"
        "　　专精特新企业培育项目：市经信局中小企业处，联系人：王丽萍，电话：0576-88513185\n"
    )
    doc = read_text(text, name="guide.txt")
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units if u.kind is UnitKind.PROGRAM}
    assert "88513162" in contacts["数字化改造项目"] and "88513185" not in contacts["数字化改造项目"]
    assert (
        "88513185" in contacts["专精特新企业培育项目"] and "88513162" not in contacts["专精特新企业培育项目"]
    )


def test_a_pages_breadcrumb_and_record_rows_are_no_title() -> None:
    text = (
        "某市经济和信息化局　>　通知公告\n\n"
        "索 引 号：11340300MB1524708X/202504-00031\n"
        "信息分类：通知\n\n"
        "关于组织申报2025年度某市制造业高质量发展专项资金项目的通知\n\n"
        "各区经信局：\n"
        "一、数字化改造项目。对规模以上工业企业实施的数字化改造项目，按投入的15%给予补助，最高100万元。\n"
        "二、绿色低碳发展项目。对新获评国家级绿色工厂的企业，奖励50万元。\n"
    )
    assert (
        read_text(text, name="page.txt").title == "关于组织申报2025年度某市制造业高质量发展专项资金项目的通知"
    )


def test_a_posts_procedure_after_its_cards_is_no_program_and_its_contact_is_every_cards() -> None:
    # heldout8 m03 (一图读懂 text): 💡 温馨提示 ✔ …, 【申报流程】 ① … ⑤, 【申报方式】 and ☎ 政策咨询 after
    # the cards are the post's, not programs; the closing contact is every card's
    path = Path(__file__).resolve().parents[1] / "fixtures" / "heldout8" / "m03_zhanjiang_yitu_dudong.txt"
    programs = [
        u
        for u in read_text(path.read_text(encoding="utf-8"), name=path.name).units
        if u.kind is UnitKind.PROGRAM
    ]
    assert [u.title for u in programs] == [
        "梯度培育奖励",
        "研发投入奖补",
        "技改设备补助",
        "数字化转型",
        "融资增信",
        "上市挂牌",
    ]
    assert all("0759-3380265" in u.text_of(FieldName.CONTACT) for u in programs)


def test_a_payout_guides_labelled_blocks_are_one_program_each() -> None:
    # heldout9 t02: 兑现指南 copied from a DOCX, 事项名称 / 兑现标准 / 兑现条件 / 申报材料 / 受理部门 / 咨询电话
    block = (
        "事项名称：{name}\n"
        "兑现标准：对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。\n"
        "兑现条件：\n（1）在本市注册登记；\n（2）认定文件在有效期内。\n"
        "申报材料：\n1．兑现申请表；\n2．企业银行账户信息。\n"
        "受理部门：某市经济和信息化局中小企业科\n"
        "咨询电话：{phone}\n\n"
    )
    text = (
        "某市2025年惠企政策兑现指南\n\n"
        + block.format(name="梯度培育奖励", phone="0838-2902316")
        + block.format(name="技术改造投资奖补", phone="0838-2902327")
    )
    units = [u for u in read_text(text, name="guide.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in units] == ["梯度培育奖励", "技术改造投资奖补"]
    assert "奖励50万元" in units[0].text_of(FieldName.BENEFIT)
    assert "有效期内" in units[0].text_of(FieldName.CONDITIONS)
    assert "2902327" in units[1].text_of(FieldName.CONTACT) and "2902316" not in units[1].text_of(
        FieldName.CONTACT
    )


def test_keycap_emoji_number_items() -> None:
    from extraction.readers.numbering import parse_marker

    first = parse_marker("1️⃣ 支持商贸企业做大做强")
    assert first is not None and (first.style, first.number) == ("key", 1)
    assert parse_marker("3️⃣ 支持老字号传承创新").number == 3
    assert parse_marker("🔟 十").number == 10


def test_a_card_is_named_by_its_policy_name_field_not_by_its_status_line() -> None:
    # heldout12 j04: a 政策计算器 result screen heads each card with its match score and status tags
    text = (
        "🎯 为您匹配到 2 条政策（按匹配度排序）\n\n"
        "① 匹配度 96%　　🏷免申即享\n"
        "【政策名称】高新技术企业认定奖励\n"
        "【适用对象】首次通过认定或重新认定的高新技术企业\n"
        "【补贴标准】首次认定的，给予一次性奖励20万元；重新认定的，给予一次性奖励10万元。\n"
        "【主管部门】中山市科学技术局\n"
        "【咨询电话】0760-88310936\n\n"
        "② 匹配度 90%　　🏷免申即享\n"
        "【政策名称】工业企业首次升规奖励\n"
        "【适用对象】首次纳入规模以上工业统计的工业企业\n"
        "【补贴标准】一次性奖励10万元。\n"
        "【主管部门】中山市工业和信息化局（中小企业科）\n"
        "【咨询电话】0760-88322458\n"
    )
    doc = read_text(text, name="calculator.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["高新技术企业认定奖励", "工业企业首次升规奖励"]
    assert all(text[o] == ch for u in programs for ch, o in zip(u.title, u.title_offsets, strict=True))


def test_a_card_that_gives_nothing_is_no_program_but_a_free_service_is() -> None:
    # heldout12 j04 (⑦ 备案办事指引) and heldout8 n01 (免费诊断（不涉及资金兑现）, a service all the same)
    card = "【政策名称】{}\n【适用对象】在本市注册的工业企业\n【补贴标准】{}\n【咨询电话】0760-8832{}\n\n"
    text = (
        "① 匹配度 96%\n"
        + card.format("高新技术企业认定奖励", "给予一次性奖励20万元。", "2471")
        + "② 匹配度 90%\n"
        + card.format("工业企业首次升规奖励", "一次性奖励10万元。", "2458")
        + "③ 匹配度 80%\n"
        + card.format("数字化转型诊断", "组织服务商上门免费开展诊断（不涉及资金兑现）", "2459")
        + "④ 匹配度 72%\n"
        + card.format("技术改造项目备案办事指引", "本事项为备案服务，不涉及资金兑现", "2460")
    )
    titles = [u.title for u in read_text(text, name="cards.txt").units if u.kind is UnitKind.PROGRAM]
    assert titles == ["高新技术企业认定奖励", "工业企业首次升规奖励", "数字化转型诊断"]


def test_a_portal_list_of_items_with_tags_filters_and_errands() -> None:
    # heldout12 g04: 政务服务网 政策兑现 cards (tags and a code between the title and the fields, labels
    # and values in <dl>), a filter panel above them and a 备案 errand among the paid items
    def card(title: str, tag: str, body: str, benefit: str) -> str:
        return (
            f'<div class="item"><h3>{title}</h3><span class="tag">{tag}</span>'
            "<dl><dt>事项编码</dt><dd>340800-JXJ-ZCDX-0012</dd></dl>"
            "<dl><dt>实施主体</dt><dd>安庆市经济和信息化局</dd></dl>"
            f"<dl><dt>承办机构</dt><dd>{body}</dd></dl>"
            "<dl><dt>申报条件</dt><dd>规模以上工业企业。</dd></dl>"
            f"<dl><dt>扶持标准</dt><dd>{benefit}</dd></dl>"
            "<dl><dt>咨询电话</dt><dd>0556-5519326</dd></dl></div>"
        )

    page = (
        "<!DOCTYPE html><html><body>"
        '<div class="filter-panel"><p>主管部门：全部市经信局市科技局</p><p>适用对象：法人自然人</p></div>'
        + card(
            "工业企业技术改造设备投资补助",
            "申报兑现市级",
            "投资与技术改造科",
            "按设备投资额的10%给予补助，单个项目最高500万元。",
        )
        + card("首次升规工业企业奖励", "免申即享市级", "运行监测协调科", "一次性奖励10万元。")
        + card(
            "企业投资技术改造项目备案",
            "办事服务市级",
            "投资与技术改造科",
            "本事项为行政备案，即时办结，不收费。",
        )
        + "</body></html>"
    )
    doc = read_text(page, name="portal.html")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["工业企业技术改造设备投资补助", "首次升规工业企业奖励"]
    assert programs[0].text_of(FieldName.DEPARTMENT) == "安庆市经济和信息化局\n投资与技术改造科"
    _check_offsets(doc)


def test_a_web_tables_rowspan_leaves_its_columns_empty_below() -> None:
    # heldout12 g03: 条款 | 支持事项 | 支持对象及条件 | 奖补标准 | 责任单位, one 支持事项 over several tiers
    page = (
        "<!DOCTYPE html><html><body><h1>政策解读</h1><table>"
        "<tr><th>条款</th><th>支持事项</th><th>支持对象及条件</th><th>奖补标准</th><th>责任单位</th></tr>"
        '<tr><td rowspan="2">第一条</td><td rowspan="2">企业升规纳统奖励</td>'
        '<td>首次纳入规模以上工业统计的工业企业</td><td>一次性奖励10万元</td><td rowspan="2">市工信局</td></tr>'
        "<tr><td>纳统次年仍在库且产值保持正增长的企业</td><td>再奖励5万元</td></tr>"
        '<tr><td rowspan="2">第二条</td><td rowspan="2">优质企业梯度培育奖励</td>'
        '<td>新认定的国家级专精特新“小巨人”企业</td><td>一次性奖励50万元</td><td rowspan="2">市工信局</td></tr>'
        "<tr><td>新认定的省级专精特新中小企业</td><td>一次性奖励10万元</td></tr>"
        "<tr><td>第三条</td><td>重点展会补贴</td><td>参加重点展会的工业企业</td><td>按展位费的50%给予补贴</td><td>市商务局</td></tr>"
        "</table></body></html>"
    )
    from extraction.readers.htmlview import html_view

    assert "\n\t\t\t纳统次年仍在库且产值保持正增长的企业\t再奖励5万元\t\n" in html_view(page).text
    doc = read_text(page, name="jiedu.html")
    programs = {u.title: u for u in doc.units if u.kind is UnitKind.PROGRAM}
    assert list(programs) == ["企业升规纳统奖励", "优质企业梯度培育奖励", "重点展会补贴"]
    assert "再奖励5万元" in programs["企业升规纳统奖励"].text_of(FieldName.BENEFIT)
    assert "省级专精特新中小企业" in programs["优质企业梯度培育奖励"].text_of(FieldName.CONDITIONS)
    _check_offsets(doc)


def test_a_run_in_measures_first_line_wrapped_in_a_pdf_joins_the_next() -> None:
    # heldout10 k04 (a 红头文件 printed to PDF): 第五条 绿色制造示范奖励。对新获评…自治区 / 级绿色工厂的企业…:
    # the text after the run-in title is short, but the printed line it ends is full
    from pathlib import Path

    from extraction.readers import read_document

    pdf = (
        Path(__file__).resolve().parents[1] / "fixtures" / "heldout10" / "k04_guilin_shishi_xize_hongtou.pdf"
    )
    units = {u.title: u for u in read_document(pdf).units if u.kind is UnitKind.PROGRAM}
    said = " ".join(f.text for f in units["绿色制造示范奖励"].fields)
    assert "对新获评国家级绿色工厂、自治区级绿色工厂的企业" in said


def test_a_table_aligned_with_spaces_is_read_by_its_columns() -> None:
    # heldout13 q04: an Excel 清单 saved as text; cells wrap onto lines whose first column is empty
    text = (
        "松北区惠企政策清单（2025年第二批）\n\n"
        "序号  政策层级  政策名称              支持标准                      申报条件                  责任单位    咨询电话\n"
        "1     省        工业企业首次升规奖励  对首次纳入规模以上工业企业统  当年首次纳入规模以上工业  区工信局    0451-88316620\n"
        "                                      计的企业给予一次性奖励20万元  企业统计\n"
        "2     市        工业企业技术改造设备  按项目设备投资额的10%给予补   规上工业企业；项目设备投  市工信局    0451-86631245\n"
        "                补助                  助，单个项目最高1000万元      资额1000万元以上                      0451-88316620\n"
        "3     区        中小企业贷款贴息      按LPR的50%给予贴息，每家企    区内中小微企业新增的流动  区金融服务  0451-88317236\n"
        "                                      业每年最高50万元              资金贷款                  中心\n"
        "\n注：表中“区”指松北区。\n"
    )
    doc = read_text(text, name="list.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == [
        "工业企业首次升规奖励",
        "工业企业技术改造设备补助",
        "中小企业贷款贴息",
    ]
    assert (
        programs[0].text_of(FieldName.BENEFIT) == "对首次纳入规模以上工业企业统计的企业给予一次性奖励20万元"
    )
    assert programs[1].text_of(FieldName.CONTACT) == "0451-86631245 0451-88316620"
    for u in programs:  # every character points at the same character of the document
        for f in u.fields:
            assert all(ch == " " or text[o] == ch for ch, o in zip(f.text, f.offsets, strict=True))


def test_numbered_category_rows_take_their_offices_phone_from_the_contact_list() -> None:
    # heldout13 p03: 序号 | 类别 | 支持内容 | 申报条件 | 受理科室, and the offices' phones in 五、联系方式
    text = (
        "关于组织申报2025年度绿园区工业发展专项资金的通知\n"
        "序号\t类别\t支持内容\t申报条件\t受理科室\n"
        "1\t技术改造设备补助\t按项目设备投资额的8%给予补助，单个项目最高不超过200万元。\t申报主体为规模以上工业企业。\t规划投资科\n"
        "2\t首次升规奖励\t对首次纳入规模以上工业统计的企业，给予一次性奖励8万元。\t2024年度新纳入规上工业统计。\t企业服务科\n"
        "3\t专精特新企业奖励\t新认定为国家级专精特新“小巨人”企业的，奖励50万元。\t2024年度新认定的企业。\t企业服务科\n"
        "五、联系方式\n"
        "区工业和信息化局规划投资科：周先生，0431-87905315；\n"
        "区工业和信息化局企业服务科：谭女士，0431-87905327；\n"
        "区财政局经济建设科（资金拨付）：0431-87905042。\n"
    )
    programs = [u for u in read_text(text, name="lvyuan.txt").units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in programs}
    assert list(phones) == ["技术改造设备补助", "首次升规奖励", "专精特新企业奖励"]
    assert "87905315" in phones["技术改造设备补助"] and "87905327" not in phones["技术改造设备补助"]
    assert "87905327" in phones["首次升规奖励"] and "87905327" in phones["专精特新企业奖励"]
    assert not any("87905042" in p for p in phones.values())


def test_numbered_cards_with_icons_and_a_contact_table_citing_their_numbers() -> None:
    # heldout13 p04 (a WeChat page saved from the browser): 01 🏭 支持技术改造 / 💰 支持标准：… cards, then
    # 📞 咨询电话 as a table 要点 | 咨询科室 | 电话 whose rows cite the cards by number (03、08)
    from pathlib import Path

    from extraction.readers import read_document

    page = (
        Path(__file__).resolve().parents[1]
        / "fixtures"
        / "heldout13"
        / "p04_xianyang_weixin_yitu_zhengce_yaodian.html"
    )
    programs = [u for u in read_document(page).units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in programs}
    assert list(phones)[:3] == ["支持技术改造", "鼓励升规入统", "培育优质企业"]
    assert "33217516" in phones["支持技术改造"] and "33217538" not in phones["支持技术改造"]
    assert "33217538" in phones["培育优质企业"] and "33217538" in phones["开拓国内外市场"]
    assert "33217516" not in phones["开拓国内外市场"]


def test_an_ordered_list_of_measures_on_a_page_reads_as_numbered_programs() -> None:
    # 岳阳-style 图文解读: the browser numbers the <ol>, the page's text has no numbers of its own
    from extraction.readers.htmlview import html_view

    page = (
        "<html><body><div class='article-con'><p>二、主要内容</p><ol>"
        "<li><strong>支持企业技术改造。</strong>对规模以上工业企业的技术改造项目，按设备投资额的10%给予补助，"
        "单个项目最高300万元。</li>"
        "<li><strong>鼓励企业升规入统。</strong>对首次纳入规模以上工业企业统计的企业，给予10万元奖励。</li>"
        "</ol><ul><li>相关链接</li></ul><ol start='3'><li>支持绿色制造。对新获评国家级绿色工厂的，奖励50万元。</li>"
        "</ol></div></body></html>"
    )
    view = html_view(page).text
    assert "\n1.支持企业技术改造。" in view and "\n2.鼓励企业升规入统。" in view
    assert "\n3.支持绿色制造。" in view and "\n相关链接" in view
    names = {u.title for u in read_text(page, name="p.html").units if u.kind is UnitKind.PROGRAM}
    assert {"支持企业技术改造", "鼓励企业升规入统", "支持绿色制造"} <= names


def test_an_api_dump_of_policy_records_reads_their_english_keyed_fields(tmp_path: Path) -> None:
    # 龙岩 惠企通-like mini-program API (heldout14 o04): the benefit, the condition, the body and the
    # contact are keys of the record, not passages of its content
    from extraction.extract import extract_file

    record = {
        "policyName": "工业企业首次升规奖励",
        "deptName": "市工信局",
        "deptFullName": "龙岩市工业和信息化局",
        "handleOffice": "运行监测协调科",
        "supportObject": "首次纳入规模以上工业统计的企业",
        "supportStandard": "对首次纳入规上工业统计的企业给予15万元一次性奖励。",
        "content": "<p>本事项实行&ldquo;免申即享&rdquo;，企业无需申报。</p>",
        "contactPerson": "吴科长",
        "contactPhone": "0597-2336827",
    }
    raw = json.dumps(
        {"code": 200, "data": {"list": [record, {**record, "policyName": "另一项奖励"}]}}, ensure_ascii=False
    )
    doc = read_text(raw, name="api.json")
    unit = doc.units[0]
    assert unit.text_of(FieldName.DEPARTMENT) == "龙岩市工业和信息化局"
    assert unit.text_of(FieldName.CONTACT) == "运行监测协调科 吴科长 0597-2336827"
    assert "15万元" in unit.text_of(FieldName.BENEFIT)
    contact = unit.get(FieldName.CONTACT)[0]  # every character points into the raw JSON
    assert all(raw[o] == ch for ch, o in zip(contact.text, contact.offsets, strict=True) if ch != " ")
    (tmp_path / "api.json").write_text(raw, encoding="utf-8")
    graph = extract_file(tmp_path / "api.json")
    programs = [n for n in graph.nodes if n.label == "Program"]
    assert {n.properties["name"] for n in programs} == {"工业企业首次升规奖励", "另一项奖励"}


def test_a_label_word_numbers_the_projects_of_a_guide() -> None:
    """项目一：… / 项目二：… head a 申报指南's projects; their 一、申报条件 … 四、受理地点及咨询电话 are fields."""
    from extraction.readers.numbering import parse_marker

    assert parse_marker("项目二：工业企业升规入统奖励").style == "lbl"
    assert parse_marker("项目二：工业企业升规入统奖励").number == 2
    # a contact line keyed by the label is no heading
    assert parse_marker("专项一：中小企业处　王明　0851-28632316") is None
    text = "\n".join(
        [
            "某区2025年度惠企政策兑现申报指南",
            "",
            "项目一：工业企业技术改造补助",
            "一、申报条件",
            "1、申报主体为在本区注册的规模以上工业企业；",
            "二、支持标准",
            "按项目设备投资额的8%给予补助，单个项目最高不超过200万元。",
            "三、申报材料",
            "1、申报表；",
            "四、受理地点及咨询电话",
            "受理地点：区政务服务中心二楼15号窗口",
            "咨询电话：0851-28632316（区工业和信息化局投资与技术改造股）",
            "",
            "项目二：工业企业升规入统奖励",
            "一、申报条件",
            "1、2024年度首次纳入规模以上工业统计的企业；",
            "二、支持标准",
            "给予一次性奖励10万元。",
            "三、申报材料",
            "1、申报表；",
            "四、受理地点及咨询电话",
            "受理地点：区行政中心B栋409室",
            "咨询电话：0851-28632325（区工业和信息化局运行监测股）",
        ]
    )
    doc = read_text(text, name="guide.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs][-2:] == ["工业企业技术改造补助", "工业企业升规入统奖励"]
    assert "28632325" in programs[-1].text_of(FieldName.CONTACT)
    assert "28632316" not in programs[-1].text_of(FieldName.CONTACT)
    assert "规模以上工业企业" in programs[-2].text_of(FieldName.CONDITIONS)


def test_a_contact_line_keyed_by_a_direction_serves_the_programs_under_it() -> None:
    """专项一：中小企业处 … in a notice's contacts reaches the programs under the 专项一： heading."""
    text = "\n".join(
        [
            "关于组织申报2025年中小企业发展专项资金项目的通知",
            "一、支持方向和标准",
            "专项一：专精特新企业培育",
            "（一）专精特新中小企业技术改造",
            "1．支持内容：支持专精特新中小企业开展设备更新。",
            "2．支持方式：按项目设备投资额的10%给予补助，单个项目最高不超过200万元。",
            "3．申报条件：申报企业须为有效期内的省级专精特新中小企业。",
            "专项二：中小企业开拓市场",
            "（一）参加重点展会",
            "1．支持内容：支持中小企业参加重点展会。",
            "2．支持方式：按实际发生展位费的50%给予补助，最高不超过10万元。",
            "3．申报条件：须以企业名义参展。",
            "二、联系方式",
            "专项一：中小企业处　王明　0771-2802316",
            "专项二：市场处　李丽　0771-2802331",
        ]
    )
    doc = read_text(text, name="notice.txt")
    by_title = {u.title: u for u in doc.units if u.kind is UnitKind.PROGRAM}
    assert "2802316" in by_title["专精特新中小企业技术改造"].text_of(FieldName.CONTACT)
    assert "2802331" not in by_title["专精特新中小企业技术改造"].text_of(FieldName.CONTACT)
    assert "2802331" in by_title["参加重点展会"].text_of(FieldName.CONTACT)


def test_a_compilation_names_each_entry_by_a_bracket_field() -> None:
    """【政策名称】 again starts the next entry, under one section heading; 【兑现条件】 is its conditions."""
    text = "\n".join(
        [
            "某市惠企政策汇编",
            "",
            "一、科技创新",
            "",
            "【政策名称】高新技术企业认定奖励",
            "【支持内容】对首次认定的国家高新技术企业，给予一次性奖励20万元。",
            "【兑现条件】在本市注册、具有独立法人资格。",
            "【主管部门】市科技局（高新技术科）",
            "【咨询电话】0352-2043165",
            "",
            "【政策名称】科技创新券",
            "【支持内容】按企业实际支付科技服务费用的50%兑付创新券，每家企业每年最高10万元。",
            "【兑现条件】已入库国家科技型中小企业。",
            "【主管部门】市科技局（高新技术科）",
            "【咨询电话】0352-2043172",
        ]
    )
    programs = [u for u in read_text(text, name="huibian.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["高新技术企业认定奖励", "科技创新券"]
    assert "科技型中小企业" in programs[1].text_of(FieldName.CONDITIONS)
    assert "2043165" not in programs[1].text_of(FieldName.CONTACT)


def test_a_table_copied_from_a_web_page_with_a_line_break_inside_a_cell() -> None:
    """A 奖补项目 column names the rows (not the merged 类别 beside it), and a cell broken over two lines
    (the rest of the row on the next line, no quotes) stays one row."""
    rows = [
        "序号\t类别\t奖补项目\t奖补标准\t政策依据\t责任单位",
        "1\t技术改造\t技术改造设备奖补\t按设备投资额的10%给予奖补，单个项目最高500万元\t第二条\t市工信局",
        "2\t\t技改专项贷款贴息\t按实际支付利息的50%给予贴息，最高100万元\t第三条\t市工信局",
        "3\t企业培育\t专精特新企业奖励\t对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元；",
        "对通过三年期复核的，再给予20万元奖励\t第五条\t市工信局",
        "4\t\t首次升规纳统奖励\t给予一次性奖励10万元\t第四条\t市统计局",
    ]
    doc = read_text("某市奖补标准一览表\n" + "\n".join(rows) + "\n", name="yilanbiao.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == [
        "技术改造设备奖补",
        "技改专项贷款贴息",
        "专精特新企业奖励",
        "首次升规纳统奖励",
    ]
    assert "再给予20万元" in programs[2].text_of(FieldName.BENEFIT)
    assert "市工信局" in programs[2].text_of(FieldName.DEPARTMENT)


def test_service_guides_named_by_their_item_name_line_with_an_aligned_materials_table() -> None:
    """A portal page of 事项 (事项名称 / 设定依据 / 受理条件 / 兑现标准 / 受理部门 / 咨询电话 / 办理地点 /
    申请材料 as a space-aligned table): each 事项 a program with its fields, the table no title."""
    guide = [
        "事项名称：{name}",
        "事项类型：其他行政权力（政策兑现·申报兑现）",
        "设定依据：《若干政策》第{n}条",
        "受理条件：",
        "  1．在本市注册登记、具有独立法人资格的规模以上工业企业；",
        "兑现标准：{benefit}",
        "办理时限：承诺办结时限：30个工作日",
        "受理部门：某市经济和信息化局（{office}）",
        "咨询电话：{phone}",
        "办理地点：某市政务服务中心一楼综合窗口12号",
        "申请材料：",
        "  序号  材料名称                        材料形式  份数  备注",
        "  1     惠企政策兑现申请表              原件      1     加盖企业公章",
        "  2     营业执照                        复印件    1     ",
        "办理流程：企业申报 → 初审 → 审核 → 公示 → 拨付",
        "",
    ]
    items = [
        {"name": "工业企业技术改造项目补助", "n": "二", "benefit": "按设备投资额的8%给予补助，最高200万元。"},
        {"name": "专精特新中小企业奖励", "n": "四", "benefit": "一次性奖励10万元。"},
    ]
    items[0] |= {"office": "投资与技术改造科", "phone": "0833-2441316"}
    items[1] |= {"office": "中小企业科", "phone": "0833-2441325"}
    text = "\n".join(
        [
            "某市经济和信息化局  2025年度惠企政策兑现事项",
            "",
            *(line.format(**item) for item in items for line in guide),
        ]
    )
    programs = [u for u in read_text(text, name="guides.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["工业企业技术改造项目补助", "专精特新中小企业奖励"]
    assert "规模以上工业企业" in programs[0].text_of(FieldName.CONDITIONS)
    assert "10万元" in programs[1].text_of(FieldName.BENEFIT)
    assert "2441325" in programs[1].text_of(FieldName.CONTACT)


def test_a_list_of_the_bodies_phones_serves_the_measures_their_notes_name() -> None:
    """附件：政策咨询电话 lists 市经济和信息化局：… per body; a measure whose 责任单位 note names 市经信局 takes
    that line (short and full names alike), not the 资金拨付 line, and never the site's phone under its
    registration (网站联系电话)."""
    text = "\n".join(
        [
            "某市支持制造业高质量发展若干措施",
            "（一）支持企业技术改造。对设备投资额500万元以上的项目，按设备投资额的8%给予奖补，最高300万元。"
            "（责任单位：市经信局、市财政局）",
            "（二）支持企业开拓市场。对参加境外展会的企业，按展位费的50%给予补助，最高10万元。（责任单位：市商务局）",
            "",
            "附件：政策咨询电话",
            "市经济和信息化局：0719-8651236",
            "市商务局：0719-8683540",
            "市财政局（资金拨付）：0719-8621705",
            "",
            "主办：某市人民政府办公室",
            "网站标识码：4203000011　　鄂ICP备05003307号",
            "网站联系电话：0719-8109012",
        ]
    )
    programs = {u.title: u for u in read_text(text, name="cuoshi.txt").units if u.kind is UnitKind.PROGRAM}
    upgrade, fairs = programs["支持企业技术改造"], programs["支持企业开拓市场"]
    assert "8651236" in upgrade.text_of(FieldName.CONTACT)
    assert "8621705" not in upgrade.text_of(FieldName.CONTACT)
    assert "8683540" in fairs.text_of(FieldName.CONTACT) and "8651236" not in fairs.text_of(FieldName.CONTACT)
    assert all("8109012" not in u.text_of(FieldName.CONTACT) for u in programs.values())


def test_a_note_under_a_table_gives_each_category_its_office_and_phone() -> None:
    """备注：政策咨询电话：技术改造类、首台（套）类，…科 0537-…；企业培育类，…: the rows under each 类别 (a merged
    cell, printed on its group's first row only) take that category's phone."""
    rows = [
        "序号\t类别\t奖补项目\t奖补标准\t责任单位",
        "1\t技术改造\t技术改造设备奖补\t按设备投资额的10%给予奖补，最高500万元\t市工信局",
        "2\t\t技改专项贷款贴息\t按实际支付利息的50%给予贴息，最高100万元\t市工信局",
        "3\t企业培育\t首次升规纳统奖励\t给予一次性奖励10万元\t市工信局",
        "4\t首台（套）\t首台（套）技术装备奖励\t按首年度销售额的10%给予奖励，最高100万元\t市工信局",
    ]
    note = (
        "备注：政策咨询电话：技术改造类、首台（套）类，市工信局规划与技术改造科 0537-2967316；"
        "企业培育类，市工信局中小企业科 0537-2967328。"
    )
    doc = read_text("某市奖补标准一览表\n" + "\n".join(rows) + "\n\n" + note + "\n", name="biao.txt")
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units if u.kind is UnitKind.PROGRAM}
    assert "2967316" in phones["技改专项贷款贴息"] and "2967328" not in phones["技改专项贷款贴息"]
    assert "2967316" in phones["首台（套）技术装备奖励"]
    assert "2967328" in phones["首次升规纳统奖励"] and "2967316" not in phones["首次升规纳统奖励"]


def test_cards_numbered_on_a_line_above_their_title_and_a_table_of_phones_by_card() -> None:
    """A WeChat post's cards: 01 on a line of its own, then ▶title, then ◆ fields; the 📞 table under the
    last card cites them by number (03、07（贴息） 市工信局中小企业科 0734-…): each card its row's phone."""
    cards = []
    for n, title, amount in (
        ("01", "支持企业技术改造", "300"),
        ("02", "鼓励企业升规入统", "10"),
        ("03", "强化融资支持", "100"),
    ):
        cards += [n, "", f"▶{title}", "", f"◆ 支持标准：对符合条件的企业，给予补助，最高{amount}万元。", ""]
    table = [
        "📞 政策咨询",
        "措施\t咨询科室\t电话",
        "01\t市工信局投资与规划科\t0734-8811316",
        "02、03（贴息）\t市工信局中小企业科\t0734-8811325",
        "03（转贷）\t市委金融办地方金融发展科\t0734-8887219",
    ]
    doc = read_text("\n".join(["某市支持制造业若干措施来了", "", *cards, *table]) + "\n", name="post.md")
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in doc.units if u.kind is UnitKind.PROGRAM}
    assert list(phones) == ["支持企业技术改造", "鼓励企业升规入统", "强化融资支持"]
    assert "8811316" in phones["支持企业技术改造"] and "8811325" not in phones["支持企业技术改造"]
    assert "8811325" in phones["强化融资支持"] and "8887219" in phones["强化融资支持"]
    assert "8887219" not in phones["鼓励企业升规入统"]
