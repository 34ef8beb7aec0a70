"""The prose reader and its furniture repair, on short real snippets of the development corpus
(tests/fixtures/corpus: 广州黄埔 若干措施, 济南高新区 实施细则, 东莞 通知, 巢湖 若干政策, 北京 导引 PDF)."""

from __future__ import annotations

import pytest

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers import read_text
from extraction.readers.furniture import repair
from extraction.readers.prose import read_prose, reprinted_measures


def _titles(text: str) -> list[str]:
    return [u.title for u in read_prose(text)[0]]


def _contacts(text: str) -> dict[str, str]:
    """Each program's contact text, by its title."""
    return {u.title: u.text_of(FieldName.CONTACT) for u in read_prose(text)[0]}


def _check_offsets(text: str) -> None:
    """Every character of every unit points at the same character of the document, or at a
    character the repair mended (a full-width digit)."""
    for unit in read_prose(text)[0]:
        for f in unit.fields:
            for ch, off in zip(f.text, f.offsets, strict=True):
                if ch != "\n":
                    assert text[off] == ch or text[off] in "０１２３４５６７８９％．\u3000", (ch, text[off])


# ----------------------------------------------------------------------------- numbering forms

HUANGPU = (
    "一、纵深推进文旅产业融合发展\n"
    "　　第一条 【强化文旅体项目用地保障】将文旅体产业发展所需用地纳入国土空间规划统筹安排，保障重点项目用地。"
    "（责任单位：区规划和自然资源局、区文化广电旅游局）\n"
    "　　第二条 【鼓励重大文旅项目投资建设】对政策有效期内在本区投资建设文化旅游项目且固定资产投资额达5000万元以上的，"
    "经认定，按档次给予最高2000万元奖励。（责任单位：区文化广电旅游局）\n"
    "六、附则\n"
    "　　第二十一条 本措施自印发之日起施行，有效期3年。\n"
)


def test_articles_with_bracket_headings_are_programs_named_by_the_heading() -> None:
    # 第一条 has no money of its own (land supply): not a program; 附则 never is
    assert _titles(HUANGPU) == ["鼓励重大文旅项目投资建设"]


def test_responsibility_note_becomes_the_department_field() -> None:
    (unit,) = read_prose(HUANGPU)[0]
    assert unit.text_of(FieldName.DEPARTMENT) == "区文化广电旅游局"
    assert "最高2000万元奖励" in unit.text_of(FieldName.BENEFIT)
    _check_offsets(HUANGPU)


JINAN = (
    "第一条 支持对象\n支持对象一般是在济南高新区注册经营、纳税和统计的企业。\n"
    "第二条 鼓励企业做大做强\n(一)鼓励企业做大\n"
    "1.申报条件:已纳入高新区统计范围，且主营业务收入首次突破标准的企业。\n"
    "2.奖励标准:年主营业务收入首次突破1000亿元企业，一次性给予企业高管人员最高1000万元奖励。\n"
    "(二)鼓励企业做强\n1.申报条件:首次认定为高新技术企业的。\n2.奖励标准:给予20万元奖励。\n"
)


def test_a_group_article_is_read_through_and_field_items_stay_with_their_measure() -> None:
    units = read_prose(JINAN)[0]
    assert [u.title for u in units] == ["鼓励企业做大", "鼓励企业做强"]
    first = units[0]
    assert "主营业务收入首次突破标准" in first.text_of(FieldName.CONDITIONS)
    assert "最高1000万元奖励" in first.text_of(FieldName.BENEFIT)
    assert units[0].section == "鼓励企业做大做强"


def test_run_in_heading_and_sub_items_paying_for_different_results_are_one_program() -> None:
    text = (
        "一、支持企业发展\n"
        "（一）支持企业上规模。对首次纳入规模以上工业企业统计的，分别给予：\n"
        "1.当年奖励10万元；\n2.次年继续保持的，再奖励5万元。\n"
        "（二）支持企业上市。对在境内外主板上市的企业，给予300万元奖励。\n"
    )
    assert _titles(text) == ["支持企业上规模", "支持企业上市"]


def test_parenthesised_arabic_and_circled_numbers_nest() -> None:
    text = (
        "1.支持技术改造\n（1）按设备投资额的10%给予补助，最高不超过200万元。\n（2）同时享受贴息。\n"
        "2.支持创新平台\n①对新认定的国家级企业技术中心给予100万元奖励；\n②对省级的给予50万元奖励。\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["支持技术改造", "支持创新平台"]
    assert "②对省级的给予50万元奖励" in units[1].text_of(FieldName.BENEFIT)


def test_a_number_inside_a_sentence_is_no_item() -> None:
    text = "一、支持企业上市\n对上市企业给予奖励。\n3.5亿元以上的项目另行研究。\n二、支持人才引进\n给予每人5万元补贴。\n"
    assert _titles(text) == ["支持企业上市", "支持人才引进"]


def test_goals_safeguards_and_closing_articles_are_not_programs() -> None:
    text = (
        "第一章 总则\n第一条 为促进产业发展，设立专项资金5000万元，制定本办法。\n"
        "第二章 支持措施\n第二条 对新认定的省级专精特新中小企业给予30万元奖励。\n"
        "第三章 资金管理\n第三条 专项资金实行专款专用，违规使用的收回补助资金。\n"
        "第四章 附则\n第四条 本办法由市工信局负责解释，奖励资金自2025年起执行。\n"
    )
    assert _titles(text) == ["对新认定的省级专精特新中小企业给予30万元奖励"]


# ----------------------------------------------------------------------------- notices

DONGGUAN_NOTICE = (
    "TITLE: 关于组织申报2017年度东莞市首台（套）重点技术装备项目的通知\n\n"
    "各镇（街）经贸办：\n现将有关事项通知如下：\n"
    "一、申报对象\n我市先进装备制造企业自主研发的首台（套）产品。\n"
    "二、申报条件\n（一）已在东莞市办理工商、税务登记，具有独立法人资格。\n"
    "三、申报时间及方式\n请于2017年6月30日前提交材料。\n"
    "联系人：张三，联系电话：22830190。\n"
)


def test_a_notice_calling_for_one_application_is_one_program_with_its_contact() -> None:
    (unit,) = read_prose(DONGGUAN_NOTICE)[0]
    assert unit.title == "2017年度东莞市首台（套）重点技术装备项目"  # what the notice calls for
    assert "独立法人资格" in unit.text_of(FieldName.CONDITIONS)
    assert "22830190" in unit.text_of(FieldName.CONTACT)
    # 申报时间及方式 is the call's own section, not an organisational article left out
    assert "2017年6月30日前" in unit.text_of(FieldName.WINDOW)


def test_a_closing_contact_line_belongs_to_every_measure() -> None:
    text = (
        "一、支持技术改造\n按设备投资额的10%给予补助。\n二、支持上市\n给予300万元奖励。\n"
        "联系人：李四  联系电话：0551-82345678\n"
    )
    units = read_prose(text)[0]
    assert [u.text_of(FieldName.CONTACT) for u in units] == ["联系人：李四 联系电话：0551-82345678"] * 2


# ----------------------------------------------------------------------------- furniture


def test_hard_breaks_inside_sentences_and_numbers_are_joined() -> None:
    wrapped = "对认定为国家级制造业单项冠军企业的给予奖励，最高不超过\n200万元；对认定为省级的\n给予一次性奖励20\n万元。\n"
    assert repair(wrapped).text == (
        "对认定为国家级制造业单项冠军企业的给予奖励，最高不超过200万元；对认定为省级的给予一次性奖励20万元。\n"
    )


def test_a_pdf_wrapped_paragraph_is_one_line_and_a_new_item_is_not_joined() -> None:
    # 北京导引 p.13: lines wrapped at a fixed width, then a new numbered item
    text = (
        "（1）投资补助。低效楼宇改造项目，按照固定资产投资总额 10%的比例安\n"
        "排市政府固定资产投资补助资金，最高不超过 5000 万元。\n"
        "（2）贷款贴息。对于改造升级项目发生的银行贷款，可以按照 LPR（实际\n"
        "利率低于 LPR 的，按照实际利率）给予不超过 2 年的贴息支持，总金额不超过\n"
        "5000 万元。\n"
        "服务流程\n"
        "1．项目申报\n"
    )
    lines = repair(text).text.splitlines()
    assert (
        lines[0]
        == "（1）投资补助。低效楼宇改造项目，按照固定资产投资总额10%的比例安排市政府固定资产投资补助资金，最高不超过5000万元。"
    )
    assert lines[1].endswith("给予不超过2年的贴息支持，总金额不超过5000万元。")
    assert lines[2:] == ["服务流程", "1.项目申报"]  # full-width digits and points made ASCII


def test_page_numbers_running_headers_and_letter_spacing_are_dropped() -> None:
    page = "北京市产业政策导引\n{n}\n对符合条件的企业给予奖励。\n\f\n"
    text = "".join(page.format(n=n) for n in range(1, 6)) + "政 策 名 称 ：首台套保险补偿\n"
    out = repair(text).text
    assert "北京市产业政策导引" not in out
    assert "\n3\n" not in out
    assert "政策名称：首台套保险补偿" in out


def test_full_width_digits_become_ascii_with_their_offsets_kept() -> None:
    text = "一、支持上市\n对上市企业给予３００万元奖励。\n"
    view = repair(text)
    assert "300万元" in view.text
    at = view.text.index("300")
    assert text[view.offsets[at]] == "３"
    _check_offsets(text)


def test_a_field_label_line_is_not_joined_to_the_wrapped_line_above() -> None:
    text = (
        "改造项目需产权清晰、有明确产业定位及准入标准、建立运营管理机制，并满足以下条\n"
        "件。改造后引入的业态应为战略性新兴产业、高精尖产业、现代服务业，或属于融\n"
        "条件要求\n"
        "1．改造后引入的业态应为战略性新兴产业。\n"
    )
    assert "条件要求" in repair(text).text.splitlines()


# ----------------------------------------------------------------------------- through read_text


def test_read_text_prefers_the_prose_reader_for_a_document_without_fields() -> None:
    doc = read_text(HUANGPU, name="huangpu.txt")
    assert [u.title for u in doc.units] == ["鼓励重大文旅项目投资建设"]
    assert all(u.kind is UnitKind.PROGRAM for u in doc.units)


def test_an_html_notice_page_with_numbered_measures() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>关于印发若干措施的通知</title></head><body>"
        "<h1>巢湖市促进产业转型升级若干政策</h1>"
        "<p>一、支持技术改造</p><p>对企业技术改造项目，按设备投资额的8%给予补助，最高200万元。</p>"
        "<p>二、支持企业上规模</p><p>对首次升规的工业企业给予10万元奖励。</p>"
        "<p>三、附则</p><p>本政策由市经信委负责解释。</p></body></html>"
    )
    doc = read_text(page, name="chaohu.html")
    assert [u.title for u in doc.units] == ["支持技术改造", "支持企业上规模"]
    benefit = doc.units[0].get(FieldName.BENEFIT)[0]
    a, b = benefit.span()
    assert "最高200万元" in page[a:b]


def test_attachments_copies_signature_and_date_close_the_last_measure() -> None:
    text = (
        "一、支持技术改造\n按设备投资额的10%给予补助。\n二、支持上市\n给予300万元奖励。\n"
        "附件：1.申报表\n抄送：市财政局。\n厦门市工业和信息化局\n2026年2月12日\n"
    )
    units, meta = read_prose(text)
    assert units[-1].text_of(FieldName.BENEFIT) == "二、支持上市\n给予300万元奖励。"
    assert meta["issuer"] == "厦门市工业和信息化局"


def test_a_contact_line_in_a_submission_section_keeps_the_office_named_before_it() -> None:
    # 东莞 机器人 notice: 报送要求 is neither a measure nor a field, its contact is the notice's
    text = (
        "一、专题方向\n（一）工业机器人应用\n按照机器人购置额的10%予以事后奖励。\n"
        "（二）智能化改造\n对企业智能化改造项目给予资助。\n"
        "二、报送要求\n申报单位将申报资料于2016年5月20日前报送至市经信局技术进步与质量科。联系人：刘宇；联系电话：0769-22221295。\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["工业机器人应用", "智能化改造"]
    assert all("市经信局技术进步与质量科。联系人：刘宇" in u.text_of(FieldName.CONTACT) for u in units)


def test_a_notice_is_run_by_the_body_that_issues_it() -> None:
    text = (
        "TITLE: 广州市天河区发展和改革局关于开展个体工商户转型升级奖励兑现的通知\n"
        "正文\n一、申报条件\n在天河区注册的企业。\n二、申报程序\n网上申报。\n"
    )
    (unit,) = read_prose(text)[0]
    assert unit.text_of(FieldName.DEPARTMENT) == "广州市天河区发展和改革局"


def test_measures_a_department_issues_are_run_by_it_unless_a_note_says_otherwise() -> None:
    text = (
        "发布机构：广州市海珠区人力资源和社会保障局\n正文\n"
        "第一条 【支持机构落户】对新落户的人力资源服务机构给予30万元奖励。\n"
        "第二条 【支持平台建设】对产业园给予50万元补贴。（责任单位：区商务局）\n"
    )
    first, second = read_prose(text)[0]
    assert first.text_of(FieldName.DEPARTMENT) == "广州市海珠区人力资源和社会保障局"
    assert second.text_of(FieldName.DEPARTMENT) == "区商务局"


def test_measures_a_government_issues_are_not_run_by_the_government() -> None:
    text = "发布机构：东莞市人民政府\n一、支持上市\n给予300万元奖励。\n二、支持升规\n给予10万元奖励。\n"
    assert all(not u.get(FieldName.DEPARTMENT) for u in read_prose(text)[0])


def test_leaf_items_without_fields_do_not_keep_a_prose_text_from_the_prose_reader() -> None:
    # six measures whose names end like programs (…补贴。) but carry no labelled fields
    items = "".join(
        f"（{n}）{name}补贴。对符合条件的企业给予{k}0万元补贴。\n"
        for k, (n, name) in enumerate(
            zip("一二三四五六", ("技改", "上市", "升规", "研发", "人才", "物流"), strict=True), 1
        )
    )
    doc = read_text("一、支持企业发展\n" + items, name="measures.txt")
    assert [u.title for u in doc.units] == [
        f"{x}补贴" for x in ("技改", "上市", "升规", "研发", "人才", "物流")
    ]
    assert all(u.measure for u in doc.units)


def test_a_county_level_city_in_the_title_is_the_documents_own() -> None:
    from extraction.assemble import document_context

    text = (
        "TITLE: 关于印发巢湖市培育新动能促进产业转型升级推动经济高质量发展若干政策的通知\n"
        "根据《中共合肥市委办公厅 合肥市人民政府办公厅关于印发合肥市若干政策的通知》，结合我市实际。\n"
        "1.小微工业企业贷款贴息。按银行同期基准利率50%给予贴息。(执行部门:市经信委)\n"
    )
    ctx = document_context(read_text(text, name="chaohu.txt"))
    assert (ctx.city.name, ctx.city.parent) == ("巢湖市", "安徽省")


HUADU = (
    "广州市花都区中小企业助保贷业务管理办法\n"
    "第三章  风险补偿金\n"
    "　　第十八条 政府风险补偿金余额保持在5000万元以上，因发生代偿低于5000万元的，由区财政局给予补足。\n"
    "第四章  区助保贷业务中小微企业名单的确定和管理\n"
    "　　第二十二条 进入“区助保贷业务中小微企业名单”的条件要求：\n"
    "　　本区省级及以上“专精特新”中小企业或获认定国家高新技术企业的中小企业直接列入“区助保贷业务中小微企业名单”。\n"
    "　　第二十三条 区助保贷办公室对“区助保贷业务中小微企业名单”实行动态管理。\n"
)


def test_a_schemes_article_saying_who_may_take_part_is_its_conditions() -> None:
    (unit,) = read_prose(HUADU)[0]
    conditions = [f.text for f in unit.fields if f.name == FieldName.CONDITIONS]
    assert len(conditions) == 1 and "直接列入" in conditions[0]
    assert not any("动态管理" in c for c in conditions)  # an article on managing the list is not one
    _check_offsets(HUADU)


def test_a_notice_is_named_after_what_it_calls_for() -> None:
    from extraction.readers.prose import _notice_name

    # 05-dongguan: a web copy that lost the opening quote, and a pre-application
    assert (
        _notice_name("关于组织实施东莞市重点企业规模与效益倍增计划”预申报的通知")
        == "东莞市重点企业规模与效益倍增计划"
    )
    assert _notice_name("关于组织申报2017年度东莞市首台（套）重点技术装备项目的通知") == (
        "2017年度东莞市首台（套）重点技术装备项目"
    )
    assert _notice_name("关于开展2025年“专精特新”中小企业认定工作的通知") == "2025年“专精特新”中小企业认定"


# 31-西安: a call whose sections name funding directions and a funding mode, not measures
XIAN_CALL = (
    "TITLE: 转发西安市发改委关于做好2015年西安市产业结构调整和自主创新专项资金项目申报工作的通知\n"
    "一、资金支持的重点方向\n"
    "(一) 产业融合发展和新技术及特色产业项目重点支持:自主创新技术转化及产业化示范推广项目。\n"
    "(二) 环保产业和装备制造业项目重点支持:新材料、先进装备制造业、节能环保类等产业项目。\n"
    "二、资金支持的方式\n"
    "2015年市级产业结构调整和自主创新专项资金采取一次性补助方式。\n"
    "三、项目申报条件\n"
    "(一)已开工在建项目或已完全具备开工条件的新建项目。\n"
)


def test_a_call_for_applications_is_one_program_whatever_its_sections_say() -> None:
    units, _meta = read_prose(XIAN_CALL)
    assert [u.title for u in units] == ["2015年西安市产业结构调整和自主创新专项资金项目"]
    assert "一次性补助" in units[0].text_of(FieldName.BENEFIT)
    # the field reader finds two "programs" in its sections; the call wins
    assert [u.title for u in read_text(XIAN_CALL, name="31.txt").units] == [units[0].title]
    _check_offsets(XIAN_CALL)


def test_a_call_that_only_points_to_a_policy_published_elsewhere_is_one_program() -> None:
    # 09-天河: 兑现 of a policy's articles, every section procedural
    text = (
        "TITLE: 广州市天河区发展和改革局关于开展天河区租赁和商务服务业若干政策措施申报工作的通知\n"
        "一、政策条款\n本申报通知所涉及的政策条款为政策第二、三、四条中的租赁和商务服务业条款。\n"
        "二、申报时间\n按季度兑现，具体以后续办事指南为准。\n"
    )
    assert _titles(text) == ["天河区租赁和商务服务业若干政策措施"]


def test_a_schemes_sections_named_like_fields_are_one_program() -> None:
    # 16-南沙: 基本情况 / 准入条件 / 考核及退出机制 of one 入驻 scheme, not three measures
    text = (
        "TITLE: 关于印发南沙元宇宙产业先导示范区入驻管理暂行办法的通知\n"
        "一、先导示范区基本情况\n以免租金和物业费方式提供办公场地。\n"
        "二、先导示范区单位准入条件\n（一）申请入驻单位团队人员数量应不少于3人。\n"
        "三、考核及退出机制\n考核通过的企业，可以续签合同继续享受免租政策。\n"
    )
    assert _titles(text) == ["南沙元宇宙产业先导示范区入驻管理暂行办法"]


def test_a_funds_rules_under_general_provisions_are_still_its_program() -> None:
    # 29-厦门: every article found sits under 总则/职责分工, which are no measures
    text = (
        "TITLE: 厦门市工业和信息化局关于印发《厦门市工业企业工业固投补助资金管理办法》的通知\n"
        "第一章 总则\n第一条 为扩大工业有效投资，制定本办法。\n"
        "第二条 工业固投补助资金用于补助工业企业符合条件的生产设备购置支出。\n"
        "第二章 职责分工\n第三条 市工信局负责兑现。\n"
    )
    (title,) = _titles(text)
    assert "厦门市工业企业工业固投补助资金管理办法" in title


def test_a_signature_with_its_date_on_one_line_names_the_issuer() -> None:
    # 06-dongguan: "东莞市经济和信息化局 2017年7月20日" closes the notice
    text = (
        "TITLE: 关于组织申报2017年度东莞市首台（套）重点技术装备项目的通知\n"
        "一、申报条件\n（一）已在东莞市办理工商、税务登记。\n二、申报时间及方式\n网上申报。\n"
        "东莞市经济和信息化局 2017年7月20日\n"
    )
    (unit,) = read_prose(text)[0]
    assert unit.text_of(FieldName.DEPARTMENT) == "东莞市经济和信息化局"
    assert "2017年7月20日" not in unit.text_of(FieldName.PROCEDURE)


def test_a_forwarded_notice_is_run_by_the_body_it_forwards() -> None:
    # 31-xian: 转发西安市发改委关于…的通知 (an abbreviated body)
    (unit,) = read_prose(XIAN_CALL)[0]
    assert unit.text_of(FieldName.DEPARTMENT) == "西安市发改委"


def test_the_articles_of_a_reward_scheme_that_pay_their_own_sums_are_measures() -> None:
    text = (
        "TITLE: 某市促进工业经济发展奖励办法\n"
        "第一条 为促进工业经济发展，制定本办法。\n"
        "第二条 对首次认定为国家高新技术企业的，给予30万元奖励。\n"
        "第三条 对新认定为省级企业技术中心的，给予50万元奖励。\n"
        "第四条 对首次入选国家级专精特新“小巨人”企业的，给予100万元奖励。\n"
        "第五条 本办法自印发之日起施行。\n"
    )
    assert len(_titles(text)) == 3


def test_a_closing_policy_enquiry_line_is_every_measures_contact() -> None:
    text = (
        "一、支持企业研发投入\n1.研发费用补助。按研发费用增量的10%给予补助，最高不超过200万元。\n"
        "2.高企培育。对首次认定的国家高新技术企业，给予20万元奖励。\n"
        "政策咨询：合肥高新区科技局，电话：0551-65311234\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["研发费用补助", "高企培育"]
    for unit in units:
        assert "0551-65311234" in unit.text_of(FieldName.CONTACT)
        assert "0551" not in unit.text_of(FieldName.BENEFIT)


def test_untitled_articles_about_the_text_itself_are_not_measures() -> None:
    # 13-haizhu 第八条 to 第十条: a service measure named by what it gives; caps and duties are none
    text = (
        "第八条 海珠区每年将根据人力资源服务机构发展情况，依法在人才入户、人才绿卡、人才子女入学、人才公寓等方面给予服务支持。\n"
        "第九条 同时符合本措施及海珠区其他扶持政策规定的，按照从高不重复的原则予以支持，另有规定的除外。\n"
        "第十条 本措施具体由海珠区人力资源和社会保障局负责组织实施，自印发次年起每年发布申报指南。\n"
    )
    assert _titles(text) == ["依法在人才入户、人才绿卡、人才子女入学、人才公寓等方面给予服务支持"]
    _check_offsets(text)


# Reproducers from a review of the prose rules (realistic shapes, not from one file)
CALL_WITH_DIRECTIONS = (
    "关于开展2024年度市工业和信息化发展专项资金项目申报工作的通知\n"
    "一、支持方向及标准\n"
    "（一）技术改造项目。对企业实施设备投资额在500万元以上的技术改造项目，按设备投资额的10%给予补助，单个项目最高不超过500万元。\n"
    "（二）智能制造项目。对新认定的省级智能工厂，给予50万元奖励。\n"
    "（三）专精特新企业。对首次认定为国家级专精特新“小巨人”企业的，给予100万元奖励。\n"
    "二、申报条件\n1.在本市注册登记、具有独立法人资格的工业企业；\n"
    "三、申报时间\n2024年6月1日至6月30日。\n"
)


def test_a_call_whose_directions_each_have_a_title_and_a_sum_is_several_programs() -> None:
    assert _titles(CALL_WITH_DIRECTIONS) == ["技术改造项目", "智能制造项目", "专精特新企业"]


def test_an_untitled_measure_is_named_by_its_recipient_clause_after_a_circumstance() -> None:
    text = (
        "一、本政策实施期间，对首次认定为国家高新技术企业的，给予30万元奖励。\n"
        "二、本措施实施后新认定为国家级专精特新“小巨人”企业的，给予50万元一次性奖励。\n"
        "三、对新认定为省级企业技术中心的企业，给予20万元奖励。\n"
        "四、本措施由市工业和信息化局负责解释，自2024年1月1日起施行。\n"
    )
    assert _titles(text) == [
        "对首次认定为国家高新技术企业的",
        "本措施实施后新认定为国家级专精特新“小巨人”企业的",
        "对新认定为省级企业技术中心的企业",
    ]


def test_each_measures_own_enquiry_line_is_its_contact() -> None:
    text = (
        "一、支持企业技术改造。按设备投资额的10%给予补助，最高不超过300万元。\n"
        "政策咨询：市工业和信息化局技术改造处，电话：0755-83111111\n"
        "二、支持企业上规模。对首次纳入规模以上工业企业统计的，给予10万元奖励。\n"
        "政策咨询：市统计局，电话：0755-83222222\n"
    )
    units = read_prose(text)[0]
    assert [u.text_of(FieldName.CONTACT) for u in units] == [
        "政策咨询：市工业和信息化局技术改造处，电话：0755-83111111",
        "政策咨询：市统计局，电话：0755-83222222",
    ]


def test_a_notice_read_by_its_fields_is_still_run_by_the_body_signing_it() -> None:
    text = (
        "关于组织申报2025年度广州市企业技术中心的通知\n\n各区工业和信息化主管部门：\n"
        "现组织开展2025年度市企业技术中心申报工作，有关事项通知如下：\n"
        "一、申报条件\n1.在广州市依法注册，具有独立法人资格的工业企业；\n"
        "二、申报材料\n申请报告及相关证明材料。\n"
        "三、工作要求\n请各区于2025年7月31日前报送。联系人：张三，联系电话：020-83120000。\n\n"
        "广州市工业和信息化局\n2025年6月10日\n"
    )
    doc = read_text(text, name="notice.txt")
    (unit,) = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert unit.text_of(FieldName.DEPARTMENT) == "广州市工业和信息化局"
    assert doc.issuer == "广州市工业和信息化局"


def test_untitled_items_numbered_through_their_groups_are_the_measures() -> None:
    text = (
        "若干措施\n一、支持平台建设\n"
        "（一）对新获批省级新型研发机构的，给予200万元资助。\n"
        "（二）对获评国家级绿色供应链管理企业的，给予30万元奖励。\n"
        "二、支持企业上市\n"
        "（三）对在境内主板上市的企业，给予300万元奖励。\n"
        "（四）对在新三板挂牌的企业，给予50万元奖励。\n"
    )
    assert _titles(text) == [
        "对新获批省级新型研发机构的",
        "对获评国家级绿色供应链管理企业的",
        "对在境内主板上市的企业",
        "对在新三板挂牌的企业",
    ]


def test_untitled_items_numbered_anew_in_each_group_are_one_measures_clauses() -> None:
    text = (
        "若干措施\n一、支持平台建设\n"
        "（一）对新获批省级新型研发机构的，给予200万元资助。\n"
        "（二）对获评国家级绿色供应链管理企业的，给予30万元奖励。\n"
        "二、支持企业上市\n"
        "（一）对在境内主板上市的企业，给予300万元奖励。\n"
        "（二）对在新三板挂牌的企业，给予50万元奖励。\n"
    )
    assert _titles(text) == ["支持平台建设", "支持企业上市"]


def test_a_recognition_schemes_chapters_say_what_its_articles_state_and_who_runs_it() -> None:
    text = (
        "宁波市专精特新中小企业认定管理办法\n第一章 总则\n"
        "第一条 为加快培育专精特新中小企业，制定本办法。\n"
        "第二条 市经信局负责全市专精特新中小企业的认定和管理工作。\n"
        "第二章 认定条件\n第三条 申请认定的企业应同时具备以下条件：\n（一）已被认定为创新型中小企业；\n"
        "第三章 认定程序\n第四条 市经信局组织专家评审，公示无异议后认定为宁波市专精特新中小企业。\n"
        "第四章 支持政策\n第五条 对新认定的市级专精特新中小企业，给予一次性奖励20万元。\n"
    )
    # the article that pays for the title is a program of its own (ANNOTATION: every numbered measure
    # of a 管理办法 that offers money); the recognition keeps the rest
    unit, reward = read_prose(text)[0]
    assert "已被认定为创新型中小企业" in unit.text_of(FieldName.CONDITIONS)
    assert "公示无异议后" in unit.text_of(FieldName.PROCEDURE)
    assert "给予一次性奖励20万元" in reward.text_of(FieldName.BENEFIT)
    assert unit.text_of(FieldName.DEPARTMENT) == reward.text_of(FieldName.DEPARTMENT) == "市经信局"


def test_chapters_read_by_their_fields_are_run_by_the_bodies_an_article_says_manage_the_fund() -> None:
    text = (
        "苏州市工业企业技术改造扶持资金实施细则\n第一章 总则\n"
        "第一条 为推动工业企业转型升级，制定本细则。\n"
        "第二条 市工信局、市财政局负责专项资金的管理。\n"
        "第二章 技术改造设备投入奖励\n第三条 支持对象。当年设备投入500万元以上的工业企业。\n"
        "第四条 支持标准。按设备投入额的5%给予奖励，单个企业最高不超过300万元。\n"
        "第三章 智能化改造示范奖励\n第五条 支持对象。被认定为市级智能化改造示范项目的企业。\n"
        "第六条 支持标准。给予一次性奖励50万元。\n"
    )
    programs = [u for u in read_text(text, name="rules.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["技术改造设备投入奖励", "智能化改造示范奖励"]
    assert all(u.text_of(FieldName.DEPARTMENT) == "市工信局、市财政局" for u in programs)


def test_a_web_pages_footer_phone_is_no_contact_of_the_notice() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>若干措施</title></head><body>"
        "<h1>巢湖市促进产业转型升级若干政策</h1>"
        "<p>一、支持技术改造</p><p>对企业技术改造项目，按设备投资额的8%给予补助，最高200万元。</p>"
        "<p>二、支持企业上规模</p><p>对首次升规的工业企业给予10万元奖励。</p>"
        "<p>政策咨询电话：市经信委 0551-82321234</p>"
        "<div class='footer'>版权所有：巢湖市人民政府 网站标识码3401810001 联系电话：0551-82888888</div>"
        "</body></html>"
    )
    units = read_text(page, name="chaohu.html").units
    contacts = [u.text_of(FieldName.CONTACT) for u in units]
    assert all("82321234" in c and "82888888" not in c for c in contacts)


def test_word_processor_number_characters_and_a_colon_after_the_article_number() -> None:
    text = (
        "第一条：支持技术改造\n⑴按设备投资额的10%给予补助，最高不超过200万元。\n⑵同时享受贴息。\n"
        "第二条：支持创新平台\n⒈对新认定的国家级企业技术中心给予100万元奖励；\n⒉对省级的给予50万元奖励。\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["支持技术改造", "支持创新平台"]
    assert "⒉对省级的给予50万元奖励" in units[1].text_of(FieldName.BENEFIT)


def test_a_direction_numbered_by_a_label_is_named_by_the_words_after_it() -> None:
    text = (
        "2025年省级专项资金项目申报指南\n一、专题一：中小企业数字化转型\n（一）支持对象\n规模以上工业企业。\n"
        "（二）支持内容及标准\n按项目投资额的20%给予事后奖补，单个企业最高不超过100万元。\n"
        "二、专题二：专精特新“小巨人”企业培育\n（一）支持对象\n国家级专精特新“小巨人”企业。\n"
        "（二）支持内容及标准\n每家企业给予不超过200万元的奖补资金。\n"
    )
    assert _titles(text) == ["中小企业数字化转型", "专精特新“小巨人”企业培育"]
    programs = [u for u in read_text(text, name="guide.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["中小企业数字化转型", "专精特新“小巨人”企业培育"]


def test_a_notice_above_its_attached_guide_gives_each_direction_its_contact_and_issuer() -> None:
    text = (
        "关于组织申报2025年度泉州市工业和信息化发展专项资金项目的通知\n\n各县（市、区）工信局：\n"
        "现组织申报2025年度专项资金项目。具体申报要求详见附件。\n联系人：王五，电话：0595-22100000。\n\n"
        "附件：2025年度泉州市工业和信息化发展专项资金项目申报指南\n\n泉州市工业和信息化局\n2025年4月8日\n\n"
        "附件\n2025年度泉州市工业和信息化发展专项资金项目申报指南\n"
        "一、智能化改造项目\n（一）支持条件：设备投资额1000万元以上。\n"
        "（二）支持标准：按设备投资额的10%给予补助，最高500万元。\n"
        "二、数字化车间奖励\n（一）支持条件：新认定为省级数字化车间的企业。\n（二）支持标准：给予一次性奖励50万元。\n"
    )
    doc = read_text(text, name="quanzhou.txt")
    programs = [u for u in doc.units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in programs] == ["智能化改造项目", "数字化车间奖励"]
    assert all("0595-22100000" in u.text_of(FieldName.CONTACT) for u in programs)
    assert all(u.text_of(FieldName.DEPARTMENT) == "泉州市工业和信息化局" for u in programs)
    assert doc.issuer == "泉州市工业和信息化局"  # not the addressees (各县（市、区）工信局：)


def test_the_body_that_recognises_runs_a_scheme_not_one_that_keeps_its_money() -> None:
    text = (
        "发布机构：佛山市人民政府\n正文\n"
        "第一条 项目承担单位负责专项资金的使用管理；市财政局负责专项资金的管理。\n"
        "第二条 市工业和信息化局负责全市专精特新企业的认定工作。\n"
        "第三条 【支持上规】对首次升规企业给予10万元奖励。\n"
    )
    units = read_prose(text)[0]
    assert {u.text_of(FieldName.DEPARTMENT) for u in units} == {"市工业和信息化局"}


def test_a_web_pages_footer_and_navigation_are_not_the_last_sections_text() -> None:
    text = (
        "TITLE: 关于开展企业奖励申报的通知\n正文\n一、申报条件\n在本区注册的规上工业企业。\n"
        "二、支持内容\n对首次升规的工业企业给予10万元奖励。\n"
        "主办单位：某区人民政府 联系电话：020-88888888\n版权所有 ICP备12345号\n"
    )
    (unit,) = read_prose(text)[0]
    assert unit.text_of(FieldName.BENEFIT) == "二、支持内容\n对首次升规的工业企业给予10万元奖励。"
    page = (
        "<!DOCTYPE html><html><body><h1>关于开展企业奖励申报的通知</h1>"
        "<p>一、支持内容</p><p>对首次升规的工业企业给予10万元奖励。</p>"
        "<p>二、联系方式</p><p>联系人：王工，电话：020-12345678。</p>"
        "<nav>首页 政务公开 电话：020-66666666</nav><footer>主办单位：某区人民政府 电话：020-88888888</footer>"
        "</body></html>"
    )
    (unit,) = read_text(page, name="notice.html").units
    assert "020-12345678" in unit.text_of(FieldName.CONTACT)
    assert "88888888" not in unit.text_of(FieldName.CONTACT) and "66666666" not in unit.text_of(
        FieldName.CONTACT
    )


# --- policies reprinted in one run-on paragraph (WeChat copies), seed 001 shapes -----------------

_FILLER = "推动企业转型升级，提升产业链供应链韧性和安全水平，加快培育新质生产力。" * 3


def _article(title: str, body: str) -> Unit:
    return Unit(
        kind=UnitKind.ARTICLE,
        title=title,
        title_offsets=tuple(range(len(title))),
        fields=(TextField(FieldName.BODY, body, tuple(range(len(body))), ""),),
    )


def test_a_run_on_paragraph_splits_at_items_after_a_bracket_or_a_bare_heading() -> None:
    text = (
        f"一、加强分类指导。{_FILLER}〔省工业和信息化厅、省发展改革委按职责分工负责〕二、统筹实施重点项目。{_FILLER}"
        f"三、重点行动（一）“人工智能＋”科学研究。1﹒促进科学研究范式变革。{_FILLER}"
        "2﹒推动协同。本通知第（一）（二）条所列项目除外。\n"
    )
    lines = [line for line in repair(text).text.split("\n") if line]
    starts = [line[:6] for line in lines]
    assert starts == [
        "一、加强分类",
        "二、统筹实施",
        "三、重点行动",
        "（一）“人工",
        "1.促进科学",
        "2.推动协同",
    ]


def test_a_policy_reprinted_in_an_article_is_one_program_per_supporting_measure() -> None:
    body = (
        "省政府办公厅关于支持优质企业增资扩产的实施意见\n"
        "一、加强企业分类精准指导。建立重点企业跟踪评价机制。\n"
        "二、支持企业加快设备更新。对更新设备的企业给予贴息支持。（省工业和信息化厅、省发展改革委按职责分工负责）\n"
        "三、加大财政金融支持力度。对中小微企业贷款担保业务给予补贴。（省财政厅、人民银行江苏省分行按职责分工负责）\n"
    )
    measures = reprinted_measures(_article("优质中小企业再获财政资金支持！", body), FieldName.BODY)
    assert measures is not None
    assert [u.title for u in measures] == ["支持企业加快设备更新", "加大财政金融支持力度"]
    assert measures[0].text_of(FieldName.DEPARTMENT) == "省工业和信息化厅、省发展改革委"


def test_a_notice_naming_no_collection_is_split_only_when_its_headings_say_what_they_support() -> None:
    measures = "".join(
        f"（{n}）支持{what}。对个人消费者购买{what}给予补贴。\n"
        for n, what in zip(  # noqa: B905
            "一二三四五", ("汽车报废更新", "汽车置换更新", "家电以旧换新", "数码产品购新", "智能家居购新")
        )
    )
    body = (
        f"关于2026年实施消费品以旧换新政策的通知\n{measures}江苏省发展改革委\n江苏省财政厅\n2026年1月22日\n"
    )
    split = reprinted_measures(_article("2026年“省补”政策全文公布", body), FieldName.BODY)
    assert split is not None and len(split) == 5
    # the bodies that sign one per line, every one of them
    assert split[0].text_of(FieldName.DEPARTMENT) == "江苏省发展改革委\n江苏省财政厅"
    steps = "".join(
        f"（{n}）{step}。经办银行按月汇总贴息资金，给予贴息。\n"
        for n, step in zip(
            "一二三四五", ("申请发放", "预拨资金", "贴息审核", "资金结算", "资金清算"), strict=True
        )
    )
    body = f"关于实施中小微企业贷款贴息政策的通知\n{steps}"
    assert reprinted_measures(_article("五部门发文实施贷款贴息政策", body), FieldName.BODY) is None


def test_measures_under_a_section_named_like_the_benefit_field_are_measures() -> None:
    text = (
        "江苏省“人工智能＋”行动方案\n一、总体目标\n到2027年普及率70%以上。\n二、重点行动\n推动人工智能赋能千行百业。\n三、政策支持\n"
        "1.降低算力使用成本。支持有条件的地方发放“算力券”。\n2.加速算法模型研发。支持各地发放“模型券”。\n"
    )
    assert [u.title for u in read_prose(text)[0]] == ["降低算力使用成本", "加速算法模型研发"]


def test_titled_measures_inside_untitled_groups_are_measures() -> None:
    # seed 000, 关于加快推进江苏省技术创新示范企业建设的实施意见
    text = (
        "一、主要目标\n到2025年，培育建设省级技术创新示范企业500家。\n二、工作重点\n"
        "（一）着力夯实基础，提升技术创新能力\n"
        "1.持续加大创新研发投入。支持企业建立研发投入机制，落实研发费用加计扣除政策。\n"
        "2.加快研发载体提档升级。推动研究开发和生产设备迭代升级。\n"
        "（二）加强要素支撑，发挥创新引领作用\n"
        "3.加大宣传推广力度。编制发布企业案例集。\n"
        "4.完善金融服务保障。引导银行提供专项信贷支持，对符合条件的企业给予贷款贴息。\n"
    )
    assert [u.title for u in read_prose(text)[0]] == ["持续加大创新研发投入", "完善金融服务保障"]


def test_the_tail_of_a_hard_wrapped_title_line_is_no_title() -> None:
    # 26-jinan 实施细则 as a PDF would print it: every line 36 characters, the title line broken in two
    text = (
        "济南市高新区高新技术企业奖励政策:济南高新区加快创新创业发展 助力新旧动\n"
        "能转换若干政策实施细则(试行)\n"
        "为深入实践生态赋能发展,推动《济南高新区加快创新创业发展 助力新旧动能转\n"
        "换若干政策(试行)》(济高管办发〔2019〕1号)落地见效,特制定如下实\n"
        "施细则:\n"
        "第一条 支持对象\n"
        "支持对象一般是在济南高新区注册经营、纳税和统计,无不良信用记录,具有独立\n"
        "法人资格、有健全的财务制度的企业或机构(以下统称企业)。对不符合上述全部\n"
        "支持条件的企业,经审定后确定是否予以支持。\n"
        "第二条 鼓励企业做大做强\n"
        "(一)鼓励企业做大\n"
        "1.申报条件:符合下列情形之一的,已纳入高新区统计范围,且符合主营业务收\n"
        "入首次突破标准的企业;新增规模以上企业。\n"
        "2.奖励标准:年主营业务收入首次突破1000亿元企业,一次性给予企业高管\n"
        "人员最高1000万元奖励。年主营业务收入首次突破100亿元的企业,一次性\n"
        "给予企业高管人员最高500万元奖励。对新增规模以上工业企业、重点服务业企业,一次性分别给予20万元、10万元奖\n"
        "励。对新增规模以上工业企业、重点服务业、批发零售业企业,一次性分别给予20\n"
        "万元、10万元、10万元奖励。对首次进入国家统计局统计联网直报范围的规\n"
        "模以上工业企业,一次性给予10万元奖励。\n"
        "3.申报材料:资金申请表。\n"
    )
    (unit,) = read_text(text, name="jinan.txt").units
    assert unit.title == "鼓励企业做大"
    # the field's lines are joined where a sentence runs on: the title broken at 规\n模 is whole again
    assert "对首次进入国家统计局统计联网直报范围的规模以上工业企业" in unit.text_of(FieldName.BENEFIT)


def test_a_full_width_title_line_and_the_addressees_below_it_are_not_joined() -> None:
    # 31-xian, printed from its web page: the title and its repetition fill the line
    title = "转发西安市发改委关于做好2015年西安市产业结构调整和自主创新专项资金项目申报工作的通知"
    body = "为鼓励和引导企业通过自主创新和技术进步提高核心竞争力,加快转型升级并推动产业结构调整,现就做"
    text = f"{title}\n{title}\n区内各有关单位:\n{body}\n好2015年项目申报工作有关事项通知如下。\n" + (
        f"{body}\n" * 4
    )
    lines = repair(text).text.split("\n")
    assert lines[:3] == [title, title, "区内各有关单位:"]
    assert lines[3] == body + "好2015年项目申报工作有关事项通知如下。"  # a wrapped sentence still joins


def test_a_browsers_footer_numbered_per_page_is_furniture() -> None:
    # a notice printed from its web page: Chromium prints the date and title at the top, the file and
    # page counter at the bottom of every page
    pages = [
        f"第{n}条 对{what}给予奖励，每集奖励 5"
        for n, what in enumerate(("电影", "电视剧", "动画", "纪录片"), 1)
    ]
    text = "".join(
        f"{page}\n12/4/26, 3:36 PM 关于印发若干措施的通知\nfile:///tmp/page.html {n}/4\n\f万元。\n"
        for n, page in enumerate(pages, 1)
    )
    repaired = repair(text).text
    assert "file:///" not in repaired and "PM" not in repaired
    assert repaired.count("每集奖励 5万元") == 4 or repaired.count("每集奖励5万元") == 4


def test_a_page_break_is_no_paragraph_break_and_latin_letters_print_narrow() -> None:
    # 14-huangpu 第十六条 across a page break: the sentence runs on after the form feed
    page_end = "产业集群效应。经国家、省、市、区认定的文化产业园区（基地）、版权示范园区（"
    text = f"{page_end}\n\f\n版权产业优势园区），给予园区运营单位最高5万元奖励。\n"
    assert repair(text).text == page_end + "版权产业优势园区），给予园区运营单位最高5万元奖励。\n"
    # 09-tianhe printed by a browser: a full line with a file name in Latin letters is as wide as a
    # full Chinese one, so the title it breaks off runs on
    lines = [
        "SOURCE: github:lukkaal/DataExtract @ 68fd7eaa5b2c29fbd8867be1856b62f6fce90437 : POLICY_TEST/广州",
        "TITLE: 广州市天河区发展和改革局关于开展天河区租赁和商务服务业加快培育个体工商户和小微企业转",
        "型升级的若干政策措施申报工作的通知",
        *["一、申报对象为在天河区注册登记、纳入统计并从事租赁和商务服务业的个体工商户和小微企业主体。"] * 6,
    ]
    assert "小微企业转型升级的若干政策措施申报工作的通知\n" in repair("\n".join(lines)).text


def test_a_wrapped_sentence_ending_a_line_with_a_documents_name_runs_on() -> None:
    from extraction.readers.furniture import continues

    assert continues("为贯彻落实《成都市促进民营经济发展若干措施", "》，现就有关事项通知如下", 30)
    assert continues("申报企业应当同时具备下", "列条件：", 20)  # no addressees: a sentence runs on
    assert not continues("转发西安市发改委关于做好2015年项目申报工作的通知", "区内各有关单位:", 30)


def test_a_policy_whose_measures_name_no_support_a_company_can_take_is_no_measures() -> None:
    body = (
        "关于促进民营经济发展的实施意见\n一、支持民营企业参与重大项目建设。在项目安排上给予倾斜。\n"
        "二、支持民营企业扩大投资。在用地上给予保障。\n三、支持民营企业公平竞争。给予公平待遇。\n"
    )
    assert reprinted_measures(_article("实施意见全文公布", body), FieldName.BODY) is None


def test_a_duty_note_names_the_body_after_the_clause_and_money_notes_name_none() -> None:
    text = (
        "发布机构：成都市人民政府\n一、支持企业上规模\n对首次升规企业给予10万元奖励。（申报受理、审核由市经信局负责）\n"
        "二、支持企业上市\n对上市企业给予100万元奖励。（所需资金由区财政局负责）\n"
    )
    first, second = read_prose(text)[0]
    assert first.text_of(FieldName.DEPARTMENT) == "市经信局"
    assert second.text_of(FieldName.DEPARTMENT) == ""


# ----------------------------------------------------------------------------- WeChat reprints

WECHAT = (
    "重磅！宁波出台专精特新企业培育新政，最高奖励500万元\n\n"
    "01 梯度培育 接续成长\n\n"
    "▶【梯度培育奖励】\n\n"
    "对首次认定为省级专精特新中小企业的，给予一次性奖励30万元。\n\n"
    "▶【研发投入补助】\n\n"
    "省级专精特新中小企业上年度研发费用较前一年度增长的，按增量部分的10%给予补助，最高不超过200万元。\n\n"
    "【精准服务保障】\n\n"
    "建立“一企一专员”服务机制，定期走访。\n\n"
    "📌《若干措施》自2026年4月1日起施行。\n\n"
    "Q1：能拿两笔奖励吗？\n\n"
    "A：不能重复享受，按照“就高”原则给予100万元奖励。\n\n"
    "☎ 政策咨询\n\n"
    "梯度培育奖励：市经信局中小企业处　0574-89186321\n\n"
    "研发投入补助：市经信局技术创新处　0574-89186347\n\n"
)


def test_bracket_headings_of_an_article_are_its_measures_and_its_closing_words_are_none() -> None:
    # 精准服务保障 pays nothing once the Q&A after 《…》自…起施行 is no longer read as its text
    assert _titles(WECHAT) == ["梯度培育奖励", "研发投入补助"]


def test_a_contact_line_that_names_a_measure_is_that_measures_contact() -> None:
    contacts = _contacts(WECHAT)
    assert "89186321" in contacts["梯度培育奖励"] and "89186347" not in contacts["梯度培育奖励"]
    assert "89186347" in contacts["研发投入补助"] and "89186321" not in contacts["研发投入补助"]
    _check_offsets(WECHAT)


NUMBERED_CONTACTS = (
    "关于印发《长沙市推进制造业高质量发展专项资金实施细则》的通知\n"
    "联系人及电话：\n"
    "第（一）（三）项：市工业和信息化局中小企业发展处 周亚楠，0731-88665132；\n"
    "第（二）项：市工业和信息化局技术改造处 彭浩，0731-88665147。\n"
    "长沙市推进制造业高质量发展专项资金实施细则\n"
    "一、支持内容及标准\n"
    "（一）企业梯度培育奖励\n对当年新认定为省级专精特新中小企业的，一次性奖励20万元。\n"
    "（二）智能化改造\n按设备投资额的8%给予补助，单个项目最高不超过300万元。\n"
    "（三）工业设计创新\n对新认定为省级工业设计中心的，奖励30万元。\n"
)


def test_contact_lines_above_the_measures_name_them_by_their_numbers() -> None:
    contacts = _contacts(NUMBERED_CONTACTS)
    assert "88665132" in contacts["企业梯度培育奖励"] and "88665132" in contacts["工业设计创新"]
    assert contacts["智能化改造"].count("0731") == 1 and "88665147" in contacts["智能化改造"]


RECOGNITION_RULES = (
    "关于印发《武汉市企业技术中心认定管理办法》的通知\n"
    "第一章　总　则\n"
    "第一条　为引导和支持企业建立健全技术创新体系，制定本办法。\n"
    "第三条　市经济和信息化局负责市级企业技术中心的认定、评价和管理工作。\n"
    "第二章　认定条件\n"
    "第五条　申请认定市级企业技术中心的企业，应当同时具备下列条件：\n"
    "（一）已认定为高新技术企业；\n"
    "（二）上一年度研究与试验发展经费支出不低于300万元。\n"
    "第七条　有下列情形之一的，不予受理：\n"
    "（一）已认定为国家企业技术中心或湖北省企业技术中心的；\n"
    "第三章　认定程序\n"
    "第十一条　市经信局组织专家对申请材料进行评审，根据评审结果择优提出拟认定名单。\n"
    "第十二条　公示无异议的，由市经信局发文认定，并授予“武汉市企业技术中心”称号。\n"
    "第四章　支持与管理\n"
    "第十三条　对新认定的市级企业技术中心，给予一次性奖励30万元。\n"
    "第十四条　支持市级企业技术中心提升创新能力。对市级以上企业技术中心实施的创新能力建设项目，"
    "按项目研发仪器设备投资额的20%给予补助，单个项目最高不超过100万元。\n"
    "第十五条　市级企业技术中心实行动态管理，每两年开展一次运行评价。\n"
)


def test_a_recognition_schemes_rules_are_one_program_and_its_paying_articles_their_own() -> None:
    titles = _titles(RECOGNITION_RULES)
    assert titles[0] == "武汉市企业技术中心认定管理办法"  # no 《》: the rules it issues, not a citation
    assert len(titles) == 3 and "支持市级企业技术中心提升创新能力" in titles
    scheme = read_prose(RECOGNITION_RULES)[0][0]
    assert "不予受理" in scheme.text_of(FieldName.CONDITIONS) + scheme.text_of(FieldName.BODY)
    assert all("给予一次性奖励30万元" not in f.text for f in scheme.fields)


CHECKED = (
    "政策速递丨南宁8条硬核措施来了！\n\n"
    "✅ 支持企业实施智能化改造\n\n对智能化改造项目，按设备投资额的15%给予补助，单个项目最高300万元。\n\n"
    "✅ 鼓励创建智能工厂\n\n对新获评国家级智能制造示范工厂的企业，一次性奖励200万元。\n\n"
    "✅ 培育本地数字化转型服务商\n\n对年度服务合同额超过1000万元的服务商，按合同额的2%给予奖励，最高50万元。\n\n"
    "📌 温馨提示\n\n同一项目按照“从高、不重复”原则予以支持。\n\n"
    "📞 政策咨询\n\n"
    "智能化改造补助：\n市工业和信息化局技术改造与投资科　0771-5569213\n\n"
    "智能工厂奖励、服务商奖励：\n市工业和信息化局信息化推进科　0771-5569227\n"
)


def test_checked_lines_head_an_articles_measures_and_its_contacts_name_them_by_short_names() -> None:
    contacts = _contacts(CHECKED)
    assert list(contacts)[:3] == ["支持企业实施智能化改造", "鼓励创建智能工厂", "培育本地数字化转型服务商"]
    assert (
        "5569213" in contacts["支持企业实施智能化改造"]
        and "5569227" not in contacts["支持企业实施智能化改造"]
    )
    assert "5569227" in contacts["鼓励创建智能工厂"] and "5569227" in contacts["培育本地数字化转型服务商"]
    assert "5569213" not in contacts["培育本地数字化转型服务商"]


KUNMING = (
    "昆明市人民政府办公厅关于印发昆明市支持工业企业稳增长若干政策措施的通知\n"
    "一、支持企业加大技术改造投入。按项目设备购置额的10%给予补助，单个项目最高补助500万元。"
    "（牵头单位：市工业和信息化局；配合单位：市财政局）\n"
    "二、鼓励企业首次升规纳统。对当年首次纳入规模以上工业企业统计范围的企业，给予一次性奖励10万元。"
    "（牵头单位：市工业和信息化局；配合单位：市统计局、市财政局）\n"
    "三、降低企业融资担保成本。按企业实际缴纳担保费的50%给予担保费补贴，单户企业年度补贴最高不超过20万元。"
    "（牵头单位：市财政局；配合单位：市工业和信息化局）\n"
    "附件：政策措施咨询联系方式\n"
    "序号　政策条款　　　　　　受理咨询处室　　　　　　　　联系电话\n"
    "1　　第一项、第三项　　　市工业和信息化局投资与技术改造处　　0871-63198712\n"
    "2　　第二项　　　　　　　市工业和信息化局运行监测协调处　　　0871-63198765\n"
)


def test_the_lead_runs_a_measure_and_a_contact_tables_rows_name_the_items_they_serve() -> None:
    units = read_prose(KUNMING)[0]
    assert [u.text_of(FieldName.DEPARTMENT) for u in units] == [
        "市工业和信息化局",
        "市工业和信息化局",
        "市财政局",
    ]
    contacts = [u.text_of(FieldName.CONTACT) for u in units]
    assert "63198712" in contacts[0] and "63198712" in contacts[2] and "63198765" not in contacts[0]
    assert "63198765" in contacts[1] and "63198712" not in contacts[1]


BRACKET_NUMBERS = (
    "重磅！珠海出台8条措施支持工业企业技改扩产\n\n"
    "【一】支持企业增资扩产\n\n对增资扩产项目，按项目设备投资额的10%给予补助，单个项目最高1000万元。\n\n"
    "【二】鼓励设备更新\n\n按设备购置额的10%给予补助，单个企业年度最高300万元。\n\n"
    "【三】梯度培育优质企业\n\n对新认定的国家级专精特新“小巨人”企业，一次性奖励100万元。\n\n"
    "▌咨询电话\n\n"
    "📞【一】【二】投资与技术改造科：0756-2121763\n\n"
    "📞【三】中小企业科：2121590\n"
)


def test_numbers_in_brackets_number_measures_and_the_contact_lines_that_name_them() -> None:
    contacts = _contacts(BRACKET_NUMBERS)
    assert list(contacts) == ["支持企业增资扩产", "鼓励设备更新", "梯度培育优质企业"]
    assert "2121763" in contacts["支持企业增资扩产"] and "2121763" in contacts["鼓励设备更新"]
    assert "2121590" in contacts["梯度培育优质企业"] and "2121763" not in contacts["梯度培育优质企业"]
    assert "投资与技术改造科" in contacts["鼓励设备更新"]  # the office is kept with its phone


JINPU = (
    "大连金普新区关于支持先进制造业高质量发展的若干措施\n"
    "第二条　支持企业做大规模。对年营业收入首次突破10亿元的工业企业，给予50万元奖励。\n"
    "第三条　支持技术改造。按设备投资额的10%给予补助，单个项目最高500万元。\n"
    "第九条　降低融资成本。按贷款市场报价利率的50%给予贴息，单家企业年度最高100万元。\n"
    "第十一条　政策兑现。第二条、第三条由区经发局受理；第九条由大连金普新区金融发展局受理。\n"
    "第十二条　资金保障。所需资金由区财政统筹安排。\n"
)


def test_a_policy_article_that_names_who_accepts_each_article_runs_those_measures() -> None:
    units = read_prose(JINPU)[0]
    assert [u.title for u in units] == ["支持企业做大规模", "支持技术改造", "降低融资成本"]
    assert [u.text_of(FieldName.DEPARTMENT) for u in units] == [
        "区经发局",
        "区经发局",
        "大连金普新区金融发展局",
    ]


def test_who_accepts_which_article_is_read_across_a_pdfs_line_breaks() -> None:
    wrapped = JINPU.replace("第二条、第三条由区经发局受理", "第二条、\n第三条由区经发局受理")
    units = read_prose(wrapped)[0]
    assert [u.text_of(FieldName.DEPARTMENT) for u in units][:2] == ["区经发局", "区经发局"]


@pytest.mark.parametrize(
    ("text", "titles", "money"),
    [
        # a measure's bullet points are its conditions, not measures
        (
            "一、支持技术改造\n对企业实施技术改造，按设备投资额的8%给予补助，最高150万元。申报条件：\n"
            "● 在莲都区注册纳税\n● 项目已竣工验收\n二、支持企业上规模\n对首次纳入规模以上工业企业统计的企业，给予奖励10万元。\n",
            ["支持技术改造", "支持企业上规模"],
            "最高150万元",
        ),
        # an article's labels in brackets are no measures
        (
            "【划重点】最高奖励300万元！\n【政策原文】\n一、支持企业技术改造\n按设备投资额的10%给予补助，最高200万元。\n"
            "二、支持企业上市\n对在境内主板上市的企业，给予奖励300万元。\n【来源】鸠江发布\n",
            ["支持企业技术改造", "支持企业上市"],
            "奖励300万元",
        ),
        # a rule that came into force, stated inside a measure that pays, does not close it
        (
            "一、支持企业研发投入\n按增量部分的10%给予补助，最高100万元。\n二、支持企业技术中心建设\n"
            "对新认定的国家企业技术中心，给予一次性奖励100万元。\n"
            "《北仑区企业技术中心认定办法》自2025年3月1日起实施，对新认定的区级企业技术中心给予奖励10万元。\n",
            ["支持企业研发投入", "支持企业技术中心建设"],
            "奖励10万元",
        ),
    ],
)
def test_a_reviewers_probes_of_the_outline(text: str, titles: list[str], money: str) -> None:
    units = read_prose(text)[0]
    assert [u.title for u in units] == titles
    assert any(money in u.text_of(FieldName.BENEFIT) for u in units)


def test_short_forms_of_article_references_and_both_responsible_bodies() -> None:
    text = (
        "第二条 支持企业增产增效。对年度产值增长20%以上的企业，给予奖励10万元。\n"
        "第三条 支持企业上规模。对首次纳入规模以上工业企业统计的企业，给予奖励8万元。\n"
        "第四条 支持企业技术改造。按设备投资额的10%给予补助，最高100万元。\n"
        "第五条 支持企业上市。对在境内主板上市的企业，给予奖励300万元。（责任单位：区经信局；区财政局）\n"
        "第六条 政策兑现。第二、三条由区工信局受理；第四至四条由区发改局受理。\n"
    )
    units = read_prose(text)[0]
    assert [u.text_of(FieldName.DEPARTMENT) for u in units] == [
        "区工信局",
        "区工信局",
        "区发改局",
        "区经信局；区财政局",
    ]


# A WeChat article's cards: 01, 02 … alone above a heading, a contact block keyed by 第01、02条.
CARDS = (
    "点击蓝字 关注我们\n"
    "一图读懂👇\n"
    "01\n"
    "支持企业增资扩产\n"
    "🔹 固定资产投资超过1亿元的\n"
    "按设备投资额的8%给予补助\n"
    "📌 单个项目最高补助500万元\n"
    "\n"
    "02\n"
    "鼓励企业升规入统\n"
    "🔹 首次纳入规模以上工业统计的企业\n"
    "一次性奖励10万元\n"
    "\n"
    "03\n"
    "降低企业融资成本\n"
    "🔹 按贷款市场报价利率的50%给予贴息\n"
    "📌 每家企业每年最高50万元\n"
    "\n"
    "【政策咨询】\n"
    "📞 第01、02条\n"
    "区工业和信息化局 投资与技术改造股\n"
    "0750-6103728\n"
    "\n"
    "📞 第03条\n"
    "区金融工作局\n"
    "0750-6629157\n"
    "\n"
    "来源：新会区工业和信息化局\n"
)


def test_zero_padded_card_numbers_alone_on_a_line_number_measures_headed_by_the_line_below() -> None:
    assert _titles(CARDS) == ["支持企业增资扩产", "鼓励企业升规入统", "降低企业融资成本"]
    assert "\n01\n" in repair(CARDS).text  # a card number, not a page number
    assert "\n7\n" not in repair("第一段。\n7\n第二段。").text  # a bare page number still goes


def test_a_wechat_digest_is_no_measure_and_bulleted_card_numbers_number_the_measures() -> None:
    # 营口-like 外贸 解读 (heldout10 l03): 📌划重点 ✅ bullets sum up the measures told below under
    # 🔹01 / 🔹02; the contact lines cite the cards' numbers (第1、2条 / 第3条)
    text = (
        "划重点！某市稳外贸新政来了\n"
        "📌划重点\n✅ 境外展会展位费最高补贴100%\n✅ 海外仓最高补助100万元\n\n"
        "🔹01 支持企业开拓境外市场\n对企业参加境外展会发生的展位费，按实际发生费用的70%给予补贴，单个展会最高不超过5万元。\n"
        "🔹02 培育外贸新业态\n对企业在境外新建海外仓的，按实际投资额的30%给予一次性补助，最高不超过100万元。\n"
        "🔹03 壮大外贸经营主体\n对首次取得进出口实绩的企业给予2万元奖励。\n"
        "📞政策咨询\n市商务局对外贸易科（第1、3条）：0417-2836217\n市商务局外贸新业态科（第2条）：0417-2836235\n"
    )
    assert _titles(text) == ["支持企业开拓境外市场", "培育外贸新业态", "壮大外贸经营主体"]
    contacts = _contacts(text)
    assert "2836217" in contacts["壮大外贸经营主体"] and "2836235" in contacts["培育外贸新业态"]
    assert "2836235" not in contacts["支持企业开拓境外市场"]


def test_a_posts_label_over_the_policy_it_reprints_is_no_field() -> None:
    # 新乡-like WeChat reprint (heldout11 e04): 📌 政策原文 heads the policy's 一、…三、; 📞 政策咨询 heads
    # contact lines that cite the articles (第一条：…), which are no articles of their own
    text = (
        "重磅！某市出台措施支持制造业高质量发展\n📌 政策原文\n某市支持制造业高质量发展若干措施\n"
        "一、支持企业扩产增效\n对主营业务收入增长20%以上的规模以上工业企业，按增量部分的1%给予奖励，最高100万元。\n"
        "二、加快培育优质企业\n对新认定的国家级专精特新“小巨人”企业给予50万元奖励。\n"
        "三、实施技术改造提升\n对设备投资500万元以上的技术改造项目，按设备投资额的10%给予补助。\n"
        "📞 政策咨询\n第一条：市工业和信息化局运行监测协调科 0373-3681512\n"
        "第二条、第三条：市工业和信息化局中小企业科 0373-3681536\n"
    )
    assert _titles(text) == ["支持企业扩产增效", "加快培育优质企业", "实施技术改造提升"]
    contacts = _contacts(text)
    assert "3681512" in contacts["支持企业扩产增效"] and "3681536" in contacts["实施技术改造提升"]


def test_an_articles_heading_in_brackets_names_it() -> None:
    # 六盘水-like 奖补实施办法 (heldout11 f03): 第六条（专利奖奖励）　对获得…
    text = (
        "某市知识产权奖补实施办法\n"
        "第五条（发明专利授权资助）　对新获得国内发明专利授权的，每件资助5000元。\n"
        "第六条（专利奖奖励）　对获得中国专利金奖、银奖的，分别奖励50万元、30万元。\n"
    )
    assert _titles(text) == ["发明专利授权资助", "专利奖奖励"]


def test_a_contact_block_keyed_by_article_numbers_serves_those_cards_only() -> None:
    contacts = _contacts(CARDS)
    assert "6103728" in contacts["支持企业增资扩产"] and "6103728" in contacts["鼓励企业升规入统"]
    assert "6629157" not in contacts["支持企业增资扩产"]
    assert "6629157" in contacts["降低企业融资成本"] and "6103728" not in contacts["降低企业融资成本"]
    assert "投资与技术改造股" in contacts["鼓励企业升规入统"]  # the office line between label and phone


def test_an_office_above_its_phone_is_no_signature_of_the_text() -> None:
    assert read_prose(CARDS)[1]["issuer"] != "区金融工作局"


def test_a_benefit_on_the_line_below_its_subject_continues_the_sentence() -> None:
    assert "首次纳入规模以上工业统计的企业一次性奖励10万元" in repair(CARDS).text
    assert "支持企业增资扩产\n" in repair(CARDS).text  # a heading above a bullet stays a line


def test_a_web_pages_footer_is_no_part_of_the_notice() -> None:
    text = (
        "一、支持企业上规模\n对首次纳入规模以上统计的企业给予10万元奖励。\n"
        "主办：镇江市人民政府办公室　　承办：镇江市大数据管理中心\n"
        "地址：镇江市南徐大道18号　　邮编：212004　　联系电话：0511-84419021\n"
        "苏ICP备05009567号-1　　苏公网安备 32110202000102号\n"
    )
    assert "84419021" not in repair(text).text
    assert "84419021" not in _contacts(text)["支持企业上规模"]


# A 政策解读: its measures cite the policy's articles, and so do its contact lines.
JIEDU = (
    "一、出台背景\n为推动制造业高质量发展，区经济促进局会同有关部门研究制定了《措施》。\n"
    "二、主要内容\n"
    "1．支持企业增资扩产。《措施》第一条明确，对年度设备投资额达到2000万元以上的，按10%给予补助，最高1000万元。\n"
    "2．支持首台（套）推广应用。《措施》第七条规定，对认定为首台（套）重大技术装备的产品给予奖励，最高300万元。\n"
    "3．支持数字化智能化转型。《措施》第四条明确，按软硬件投入的15%给予补助，最高不超过500万元。\n"
    "三、咨询方式\n"
    "（一）增资扩产、技术改造、数字化智能化转型（第一条、第四条）：区经济促进局工业发展股，电话：0757-86337261。\n"
    "（二）首台（套）（第七条）：区经济促进局企业服务股，电话：0757-86337285。\n"
)


def test_contact_lines_that_name_the_articles_a_reading_cites_serve_those_measures() -> None:
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in read_text(JIEDU, name="jiedu.txt").units}
    assert "86337261" in contacts["支持企业增资扩产"] and "86337285" not in contacts["支持企业增资扩产"]
    assert "86337261" in contacts["支持数字化智能化转型"]  # 第四条 is the third measure
    assert (
        "86337285" in contacts["支持首台（套）推广应用"]
        and "86337261" not in contacts["支持首台（套）推广应用"]
    )


def test_the_body_that_organises_the_applications_runs_every_measure() -> None:
    text = (
        "第三条【技术改造设备奖补】对设备投资额1000万元以上的项目，按10%给予奖补，最高500万元。\n"
        "第四条【小升规奖励】对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。\n"
        "第五条 政策实行年度集中申报。市工业和信息化局负责组织申报、审核和项目管理，市财政局负责资金保障和拨付。\n"
    )
    for unit in read_prose(text)[0]:
        assert "市工业和信息化局" in unit.text_of(FieldName.DEPARTMENT)


def test_a_phone_broken_across_lines_and_a_sentence_across_a_page_break_are_mended() -> None:
    text = (
        "　　联系人：省工业和信息化厅科技处　孙宏伟　0431-8275\n1263\n\n"
        "　　第十四条　对新认定的省级工业设计中心，给予一次性奖励，其中企业工业设计中心\n\n— 3 —\n\n"
        "奖励50万元，工业设计企业奖励30万元。\n"
    )
    view = repair(text).text
    assert "0431-82751263" in view
    assert "其中企业工业设计中心奖励50万元" in view
    assert "\n3\n" not in repair("第一条 电话：0431-82751263\n3\n第二条 …").text  # a page number still goes


def test_a_field_label_opening_a_page_starts_its_field() -> None:
    # a Beijing card: its 联络方式 line is alone on the next page, after 时间/频度 with no full stop
    text = "时间/频度 一般每年一次\n\n233\n联络方式 北京市文化和旅游局：55525973、55525678\n\n234\n"
    assert "\n联络方式 北京市文化和旅游局" in repair(text).text


# ----------------------------------------------------------------------------- unnumbered measures

# 襄阳-like 若干政策 copied from a city portal: no numbering, each measure headed by a short line of its
# own or by a run-in phrase (heldout7 y02)
HEADED = (
    "某市加快推进新型工业化若干政策\n"
    "为加快建设先进制造业强市，结合我市实际，制定以下政策。\n"
    "支持技术改造\n"
    "对企业实施的技术改造项目，按设备投资额的10%给予补助，单个项目最高1000万元。\n"
    "（责任单位：市工业和信息化局、市财政局）\n"
    "推动企业规模扩张。对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。\n"
    "建设高水平创新平台。对新认定的国家企业技术中心，给予一次性奖励200万元。\n"
    "本政策自2025年5月1日起施行。\n"
)


def test_unnumbered_paragraphs_headed_by_a_line_or_a_run_in_phrase_are_measures() -> None:
    assert _titles(HEADED) == ["支持技术改造", "推动企业规模扩张", "建设高水平创新平台"]
    _check_offsets(HEADED)
    # numbered measures keep their numbering: a run-in phrase inside one heads nothing of its own
    numbered = HEADED.replace("支持技术改造\n", "一、支持技术改造\n").replace("推动企业", "二、推动企业")
    assert _titles(numbered)[:2] == ["支持技术改造", "推动企业规模扩张"]


def test_a_policy_qa_names_each_measure_by_its_question() -> None:
    text = (
        "《某市支持工业企业提质增效若干措施》政策问答\n"
        "1．问：企业首次纳入规上统计，能拿到多少奖励？\n"
        "答：对首次纳入规模以上工业统计的企业，市级财政给予一次性奖励15万元。\n"
        "咨询电话：市工信局运行监测协调科，0772-2825316。\n"
        "2．问：企业融资方面有什么贴息政策？\n"
        "答：对工业企业获得的制造业中长期贷款，市级财政按实际支付利息的30%给予贴息。\n"
        "咨询电话：市工信局中小企业科，0772-2825309。\n"
    )
    assert _titles(text) == ["企业首次纳入规上统计，奖励", "企业融资方面贴息政策"]
    assert "2825309" in _contacts(text)["企业融资方面贴息政策"]
    _check_offsets(text)


def test_a_press_conference_tells_each_measure_by_its_aspect() -> None:
    # 洛阳-like 新闻发布会 (heldout7 x03): the measures are the "在…方面，" paragraphs, in the speech or in
    # an answer; the questions and the contacts after them are no part of a measure
    text = (
        "某市政府新闻办召开《某市支持先进制造业企业做优做强若干政策》新闻发布会\n"
        "市工业和信息化局局长　孙建国：\n"
        "在推动企业上规模方面，对首次纳入规模以上统计的工业企业，市级财政给予一次性奖励10万元。\n"
        "在支持企业梯度培育方面，对首次认定为国家级专精特新“小巨人”企业的，给予一次性奖励100万元。\n"
        "洛阳日报记者：\n"
        "研发投入是企业创新的关键，请问《政策》在支持企业研发方面有哪些具体举措？\n"
        "市科学技术局副局长　马丽华：\n"
        "谢谢您的提问。在鼓励企业加大研发投入方面，《政策》明确，对首次认定为高新技术企业的，给予一次性奖励20万元。\n"
        "大河报记者：\n"
        "企业应该如何申报享受这些政策？\n"
    )
    assert _titles(text) == ["推动企业上规模", "支持企业梯度培育", "鼓励企业加大研发投入"]
    units = read_prose(text)[0]
    assert "大河报" not in units[-1].text_of(FieldName.BENEFIT) + units[-1].text_of(FieldName.BODY)
    _check_offsets(text)


def test_measures_told_one_after_another_in_an_answer_are_measures_each() -> None:
    # 天水-like 答记者问 (heldout10 l04): 一是…二是…三是… in one answer, 在…上（第四条），… in another,
    # 一方面，…（第七条） in a third; 另一方面，发挥…作用 is a fund's aim, and 将…提高到 a change told
    text = (
        "问：在支持企业上市方面，《措施》有哪些举措？\n"
        "答：主要有三个方面。一是实行上市分阶段奖励。对辅导备案的企业，给予100万元奖励。"
        "二是支持企业挂牌融资。对在新三板挂牌的企业给予50万元奖励。\n"
        "问：在降低企业融资成本方面，有哪些支持政策？\n"
        "答：《措施》从贴息、担保两个方面发力。在贷款贴息上（第四条），对制造业中小微企业新增贷款，"
        "按LPR的50%给予贴息，单户企业年度贴息最高50万元。在担保费补贴上（第五条），对小微企业按担保费的50%给予补贴。\n"
        "问：《措施》在拓宽直接融资渠道方面还有什么安排？\n"
        "答：一方面，支持企业发行债券（第七条）。对首次发行债券的企业，按融资额的1%给予奖励，最高100万元。"
        "另一方面，发挥政府投资基金引导作用（第八条）。力争到2027年基金总规模达到50亿元。\n"
        "问：与以往政策相比，有哪些新变化？\n"
        "答：一是将辅导备案阶段奖励由50万元提高到100万元；二是新增并购重组奖励。\n"
    )
    assert _titles(text) == [
        "实行上市分阶段奖励",
        "支持企业挂牌融资",
        "贷款贴息",
        "担保费补贴",
        "支持企业发行债券",
    ]
    _check_offsets(text)


def test_contact_lines_citing_printed_numbers_reach_those_measures() -> None:
    # measure 1 is a goal, so the programs are 2． and 3．: "第2条" is the first of them (heldout7 y04)
    text = (
        "某市推动工业高质量发展若干措施\n"
        "1．明确发展目标。到2027年，全市规模以上工业增加值年均增长8%以上。\n"
        "2．支持企业技术改造。对规模以上工业企业实施的技术改造项目，按设备投资额的10%给予补助，最高500万元。\n"
        "3．鼓励企业升规入统。对首次纳入规模以上工业统计的企业，给予一次性奖励20万元。\n"
        "政策咨询\n"
        "▲第2条：市工业和信息化局投资与技术改造科　0991-4568213\n"
        "▲第3条：市工业和信息化局中小企业科　0991-4568227\n"
        "- END -\n"
        "推荐阅读\n"
        "▶ 一季度全市规上工业增加值增长8.1%\n"
    )
    contacts = _contacts(text)
    assert list(contacts) == ["支持企业技术改造", "鼓励企业升规入统"]  # no program from the links
    assert "4568213" in contacts["支持企业技术改造"] and "4568227" not in contacts["支持企业技术改造"]
    assert "4568227" in contacts["鼓励企业升规入统"]


def test_each_office_of_a_closing_line_serves_the_items_named_after_its_phone() -> None:
    # 包头-like 人才 policy (heldout10 l01): 政策咨询：office phone（第（一）（二）项）；…, and an office for a
    # thing named in no item's title (人才公寓), which serves none of the items named before it
    text = (
        "某市人才新政若干措施\n"
        "（一）发放安家补贴。对新全职引进的A类人才给予200万元安家补贴。（责任单位：市委人才办）\n"
        "（二）保障人才安居。对首次购房的人才给予购房补贴，最高不超过100万元。（责任单位：市住房和城乡建设局）\n"
        "（三）资助创新创业项目。对人才领衔的项目给予最高500万元资助。（责任单位：市科学技术局）\n"
        "政策咨询：市委人才办 0472-5617326（第（一）（二）项）；市科学技术局 0472-5366081（第（三）项）；"
        "市住房和城乡建设局 0472-5582913（人才公寓）。\n"
    )
    contacts = _contacts(text)
    assert "5617326" in contacts["发放安家补贴"] and "5366081" not in contacts["发放安家补贴"]
    assert "5366081" in contacts["资助创新创业项目"] and "5617326" not in contacts["资助创新创业项目"]
    assert "5582913" not in contacts["资助创新创业项目"]


def test_offices_name_the_articles_they_serve_by_ranges_between_office_and_phone() -> None:
    # 玉溪-like 科创十条 copied from a PDF (heldout11 f02): 局（第一至二条）0877-…；局（第三条）0877-…, the
    # phone cut by the wrap; and 局（第二条至第三条、第五条）：… as a portal prints it (e01)
    text = (
        "某高新区支持科技创新若干措施\n"
        "一、支持科技企业梯度培育。对新认定的国家高新技术企业给予20万元奖励。\n"
        "二、鼓励企业加大研发投入。按研发费用增量的10%给予补助，最高100万元。\n"
        "三、强化科技金融支撑。按贷款利息的50%给予贴息，最高50万元。\n"
        "政策咨询：高新区科技和人才工作局（第一至二条）087\n7-2058316；高新区财政金融局（第三条\n）0877-2058352。\n"
    )
    units = read_text(text, name="kechuang.txt").units
    # (the phone keeps the document's line break: the phone reader reads across it)
    contacts = {u.title: u.text_of(FieldName.CONTACT).replace("\n", "") for u in units}
    assert (
        "0877-2058316" in contacts["鼓励企业加大研发投入"]
        and "2058352" not in contacts["鼓励企业加大研发投入"]
    )
    assert "2058352" in contacts["强化科技金融支撑"] and "2058316" not in contacts["强化科技金融支撑"]


def test_contact_ordinals_expand_ranges() -> None:
    from extraction.readers.contact_table import _ordinals

    assert _ordinals("区工业和信息化局（第二条至第四条、第十条）") == [2, 3, 4, 10]
    assert _ordinals("第一至六条") == [1, 2, 3, 4, 5, 6]
    assert _ordinals("第（一）（七）项") == [1, 7]


def test_a_table_of_articles_and_their_offices_gives_each_article_its_phone() -> None:
    # heldout7 x02: | 第四条 上规模奖励 | 区工信局运行监测科 | 0515-… |, and a row for the payments
    text = (
        "某区推进新型工业化若干政策实施细则\n"
        "第一条 为规范政策兑现，制定本细则。\n"
        "第二条 工业企业上规模奖励。对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。\n"
        "第三条 首台（套）奖励。对首次认定为省首台（套）重大装备的产品，给予奖励50万元。\n"
        "附件\n"
        "| 条款 | 受理科室 | 联系电话 |\n"
        "| --- | --- | --- |\n"
        "| 第二条 上规模奖励 | 区工信局运行监测科 | 0515-88236512 |\n"
        "| 第三条 首台（套）奖励 | 区工信局投资与技术改造科 | 0515-88236527 |\n"
        "| 资金拨付 | 区财政局经济建设科 | 0515-88233027 |\n"
    )
    contacts = _contacts(text)
    assert "88236512" in contacts["工业企业上规模奖励"] and "88236527" not in contacts["工业企业上规模奖励"]
    assert "88236527" in contacts["首台（套）奖励"] and "88233027" not in contacts["首台（套）奖励"]


def test_a_paragraph_giving_each_aspect_its_office_reaches_those_measures() -> None:
    # heldout7 x03: the contacts are told aspect by aspect in one answer; a measure's own
    # "这部分政策由市科技局负责组织实施" runs that measure, not the others
    text = (
        "某市政府新闻办召开《某市支持先进制造业企业做优做强若干政策》新闻发布会\n"
        "在推动企业上规模方面，对首次纳入规模以上统计的工业企业，市级财政给予一次性奖励10万元。\n"
        "在扩大技术改造投资方面，对年度设备投资额1000万元以上的技术改造项目，按设备投资额的12%给予补助。\n"
        "在鼓励企业加大研发投入方面，对首次认定为高新技术企业的，给予一次性奖励30万元。这部分政策由市科技局负责组织实施。\n"
        "大河报记者：\n"
        "小升规奖励由我们直接兑现；技术改造等需要审核的项目实行即申即享。"
        "企业在申报过程中如有疑问，可以直接咨询相关科室：上规模方面，请联系市工信局中小企业科，电话0379-63921286；"
        "技术改造方面，请联系市工信局投资与技术改造科，电话0379-63921275；研发投入方面，请联系市科技局高新技术发展科，"
        "电话0379-63217802；贷款贴息方面，请联系市财政局金融科，电话0379-63336418。\n"
    )
    units = {u.title: u for u in read_prose(text)[0]}
    assert "63336418" not in units["鼓励企业加大研发投入"].text_of(FieldName.CONTACT)  # an aspect of its own
    contacts = {t: u.text_of(FieldName.CONTACT) for t, u in units.items()}
    assert "63921286" in contacts["推动企业上规模"] and "63921275" not in contacts["推动企业上规模"]
    assert "63921275" in contacts["扩大技术改造投资"]
    assert "63217802" in contacts["鼓励企业加大研发投入"]
    assert "市科技局" not in units["推动企业上规模"].text_of(FieldName.DEPARTMENT)


def test_items_under_a_section_of_conditions_are_titles_one_is_put_forward_for() -> None:
    # heldout7 y01: a call to recommend firms for provincial titles, each item its conditions
    text = (
        "某省工业和信息化厅关于做好2025年度省级企业技术中心等两类企业培育对象推荐工作的通知\n"
        "一、推荐范围和条件\n"
        "（一）省级企业技术中心\n"
        "1．申报企业原则上应为规模以上工业企业，上年度研究与试验发展经费支出不低于300万元；\n"
        "2．已被认定为市（州）级企业技术中心，且运行满一年。\n"
        "（二）省级工业设计中心\n"
        "1．申报企业应为规模以上工业企业，工业设计机构独立设置并运行满两年；\n"
        "2．近两年工业设计投入年均不低于100万元。\n"
        "二、联系方式\n"
        "厅科技与质量处　马晓东　0971-6306527\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["省级企业技术中心", "省级工业设计中心"]
    assert all(not u.measure and u.get(FieldName.CONDITIONS) and not u.get(FieldName.BENEFIT) for u in units)


def test_the_body_that_runs_every_measure_without_a_note_and_a_note_under_a_measure_that_pays_nothing() -> (
    None
):
    text = HEADED.replace(
        "本政策自2025年5月1日起施行。\n",
        "强化用地保障。优先保障先进制造业项目用地需求，推行“标准地+承诺制”出让。\n"
        "（责任单位：市自然资源和规划局）\n"
        "优化政策兑现。各项政策实行“免申即享”。除注明责任单位外，各项政策由市工业和信息化局负责受理审核，"
        "市财政局负责资金拨付。\n"
        "本政策自2025年5月1日起施行。\n",
    )
    departments = {u.title: u.text_of(FieldName.DEPARTMENT) for u in read_prose(text)[0]}
    assert departments["支持技术改造"] == "市工业和信息化局、市财政局"  # its own note
    assert departments["推动企业规模扩张"] == "市工业和信息化局"
    assert "自然资源" not in departments["建设高水平创新平台"]


def test_a_compilations_policies_number_their_measures_afresh_and_keep_their_own_contacts() -> None:
    # heldout8 n03: three policies one after another, each with its own numbering and contact line
    text = (
        "某市惠企政策汇编（2025年版）\n"
        "《某市鼓励企业加大研发投入奖补办法》\n"
        "一、研发投入后补助。对研究开发费用支出500万元以上的企业，按增量部分的10%给予后补助，最高200万元。\n"
        "二、高新技术企业认定奖励。对首次认定的高新技术企业，给予一次性奖励20万元。\n"
        "责任单位：市科技局高新技术发展科　　联系电话：0792-8587326\n"
        "《某市推动外贸稳规模优结构若干措施》\n"
        "（一）支持企业开拓国际市场。对企业参加境外专业展会的，按展位费的60%给予补助，最高20万元。\n"
        "（二）扩大出口信用保险覆盖面。对企业投保短期出口信用保险的，按保费的50%给予补助，最高30万元。\n"
        "责任单位：市商务局对外贸易发展科　　联系电话：0792-8568215\n"
        "《某市工业企业梯度培育和技术改造奖补措施》\n"
        "1.梯度培育奖励。对新认定的国家级专精特新“小巨人”企业，一次性奖励50万元。\n"
        "2.技术改造奖补。对设备投资额500万元以上的技术改造项目，按设备投资额的8%给予奖补，最高300万元。\n"
        "责任单位及联系电话：第1项，市工信局中小企业科，0792-8226915；第2项，市工信局投资与技术改造科，0792-8226937。\n"
    )
    contacts = _contacts(text)
    assert list(contacts) == [
        "研发投入后补助",
        "高新技术企业认定奖励",
        "支持企业开拓国际市场",
        "扩大出口信用保险覆盖面",
        "梯度培育奖励",
        "技术改造奖补",
    ]
    assert "8587326" in contacts["高新技术企业认定奖励"] and "8568215" not in contacts["高新技术企业认定奖励"]
    assert (
        "8568215" in contacts["扩大出口信用保险覆盖面"]
        and "8587326" not in contacts["扩大出口信用保险覆盖面"]
    )
    assert "8226915" in contacts["梯度培育奖励"] and "8226937" not in contacts["梯度培育奖励"]
    assert "8226937" in contacts["技术改造奖补"] and "8226915" not in contacts["技术改造奖补"]


def test_a_note_inside_a_numbered_item_that_pays_nothing_is_that_items() -> None:
    # heldout8 m01: （三）建立科技型企业培育库。…（责任单位：…） pays nothing; its note runs no other measure
    text = (
        "某市支持科技型企业创新发展若干措施\n"
        "一、加大企业培育力度\n"
        "（一）奖励高新技术企业。对首次认定的高新技术企业，给予一次性奖励20万元。\n"
        "（二）建立科技型企业培育库。每年遴选一批企业纳入市级培育库，实行跟踪服务。（责任单位：市科技局、某经开区管委会）\n"
    )
    units = read_prose(text)[0]
    assert [u.title for u in units] == ["奖励高新技术企业"]
    assert "经开区" not in units[0].text_of(FieldName.DEPARTMENT)


def test_an_agency_line_under_each_measure_is_that_measures_contact() -> None:
    # heldout9 t01: 经办机构：… 咨询电话：… after each measure of a 人社 policy
    text = (
        "某市进一步稳岗位扩就业若干措施\n"
        "一、支持经营主体稳岗扩岗\n"
        "1.发放一次性吸纳就业补贴。对招用毕业年度高校毕业生的企业，按1500元/人给予一次性补贴。\n"
        "经办机构：市就业服务中心　咨询电话：0717-6221507\n"
        "2.落实社会保险补贴。对招用就业困难人员的用人单位，按实际缴费给予社会保险补贴。\n"
        "经办机构：市就业服务中心　咨询电话：0717-6221513\n"
    )
    contacts = _contacts(text)
    assert (
        "6221507" in contacts["发放一次性吸纳就业补贴"]
        and "6221513" not in contacts["发放一次性吸纳就业补贴"]
    )
    assert "6221513" in contacts["落实社会保险补贴"]


def test_a_tables_rows_stay_rows_with_their_cells_apart() -> None:
    # a Word table read into a measure (heldout10 k03): a row ending in a number is not "20\n万元" cut
    # by a wrap, and its tabs are no spaces to drop beside Chinese characters
    text = "序号\t认定类别\t认定层级\t奖励金额（万元）\n1\t制造业单项冠军企业\t国家级\t100\n2\t专精特新中小企业\t省级\t15\n"
    assert repair(text).text.split("\n")[1:3] == [
        "1\t制造业单项冠军企业\t国家级\t100",
        "2\t专精特新中小企业\t省级\t15",
    ]


DIGEST_OF_POLICIES = (
    "【政策速递】第23期｜文旅消费、贷款贴息、商贸升级三项政策一文看懂\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "📢 政策一：《三亚市促进文旅消费若干措施》\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "① 发放文旅消费券\n"
    "市财政安排3000万元，分三批发放文旅消费券，面额分为“满200元减60元”和“满500元减150元”两种。\n"
    "消费券咨询：市旅文局市场管理科 0898-88267336\n"
    "② 支持旅游饭店提质升级\n"
    "对新评定为五星级旅游饭店的，一次性奖励100万元；新评定为四星级旅游饭店的，一次性奖励30万元。\n"
    "③ 鼓励景区创A提质\n"
    "对新评定为国家5A级旅游景区的，一次性奖励500万元。\n"
    "④ 提升文旅消费环境\n"
    "延长重点景区、商圈夜间开放时间，持续优化消费环境。\n"
    "📞 第②至③项咨询：市旅文局产业发展科 0898-88267321\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "📢 政策二：关于开展2025年度中小微企业贷款贴息申报工作的通知\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "🔸 谁能报：在三亚市注册、纳税的中小微企业。\n"
    "🔸 给多少：按贷款实际发生利息的50%给予贴息，单户企业年度贴息最高50万元。\n"
    "📞 咨询电话：市工信局中小企业科 0898-88356172\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "📢 政策三：《三亚市促进商贸企业高质量发展的若干措施》\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "1️⃣ 支持商贸企业做大做强\n"
    "对年度零售额首次突破1亿元、5亿元的零售企业，分别给予20万元、50万元一次性奖励。\n"
    "2️⃣ 支持老字号传承创新\n"
    "对新认定为“中华老字号”的企业，一次性奖励30万元。\n"
    "3️⃣ 办好消费促进活动\n"
    "全年举办主题促消费活动。\n"
    "📞 咨询电话：市商务局商贸流通科 0898-88269415\n"
    "━━━━━━━━━━━━━━━━━━━━\n"
    "💡小助手说：以上三项政策均按“就高不重复”原则执行。\n"
)


def test_a_digest_of_several_policies_keeps_each_policys_measures_and_contacts() -> None:
    # heldout11 f04: a forum post sums up three policies, each under 📢 政策N：, each with its own 📞 line
    units = [u for u in read_text(DIGEST_OF_POLICIES, name="digest.txt").units if u.kind is UnitKind.PROGRAM]
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert list(contacts) == [
        "发放文旅消费券",
        "支持旅游饭店提质升级",
        "鼓励景区创A提质",
        "2025年度中小微企业贷款贴息",  # a call summed up: one program, named by what it calls for
        "支持商贸企业做大做强",  # 1️⃣ numbers as 1. does
        "支持老字号传承创新",
    ]
    assert "88267336" in contacts["发放文旅消费券"] and "88267321" not in contacts["发放文旅消费券"]
    assert "88267321" in contacts["支持旅游饭店提质升级"] and "88267321" in contacts["鼓励景区创A提质"]
    assert "88356172" in contacts["2025年度中小微企业贷款贴息"]
    for title in ("支持商贸企业做大做强", "支持老字号传承创新"):
        assert "88269415" in contacts[title] and "88267321" not in contacts[title]


def test_a_measure_that_pays_by_tiers_keeps_its_tiers() -> None:
    # heldout12 j02: the items under …分档给予项目资助： are tiers of one measure, not measures
    text = (
        "三、支持措施\n"
        "（一）人才团队项目资助。对携带项目来宜创新创业的人才团队，经专家评审分档给予项目资助：\n"
        "1．顶尖人才团队：采取“一事一议”方式，最高给予1亿元综合资助；\n"
        "2．重大人才团队：最高给予3000万元资助；\n"
        "（二）人才贡献奖励。对上年度工资薪金收入50万元以上的企业高级管理人才，每人每年最高奖励50万元。\n"
    )
    assert _titles(text) == ["人才团队项目资助", "人才贡献奖励"]


def test_a_contact_table_names_an_articles_items_by_article_and_item() -> None:
    # heldout12 j01: 附件 受理处室及咨询电话 rows cite 第三条第（一）项, 第四条, 第六条第（一）（二）项
    text = (
        "第二章　培育优质企业\n"
        "　　第三条　实施优质企业梯度培育。\n"
        "　　（一）奖励专精特新企业。对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。\n"
        "　　（二）支持企业升规入统。对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。\n"
        "　　第四条　支持企业实施技术改造。按设备投资额的8%给予补助，单个项目最高不超过800万元。\n"
        "第三章　推动转型\n"
        "　　第五条　推进数字化智能化绿色化转型。\n"
        "　　（一）支持智能制造示范。对新入选智能制造示范工厂的企业，给予一次性奖励200万元。\n"
        "　　（二）支持绿色制造。对新认定的国家级绿色工厂，给予一次性奖励100万元。\n"
        "第四章　附　　则\n"
        "　　第六条　本政策措施自2025年7月1日起施行。\n"
        "\n附件\n政策措施受理处室及咨询电话\n条款 政策事项 受理处室 咨询电话\n"
        "第三条第（一）项 奖励专精特新企业 省工业和信息化厅中小企业处 0931-8918236\n"
        "第三条第（二）项 支持企业升规入统 省工业和信息化厅运行监测协调处 0931-8918275\n"
        "第四条 技术改造项目补助 省工业和信息化厅投资与规划处 0931-8918247\n"
        "第五条第（一）（二）项 智能制造示范、绿色制造 省工业和信息化厅节能与综合利用处 0931-8918281\n"
    )
    units = [u for u in read_text(text, name="gansu.txt").units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert "8918236" in phones["奖励专精特新企业"] and "8918275" not in phones["奖励专精特新企业"]
    assert "8918275" in phones["支持企业升规入统"]
    assert "8918247" in phones["支持企业实施技术改造"] and "8918281" not in phones["支持企业实施技术改造"]
    assert "8918281" in phones["支持智能制造示范"] and "8918281" in phones["支持绿色制造"]
    assert "8918247" not in phones["支持绿色制造"]


def test_a_contact_paragraph_lists_articles_in_pairs_and_ends_with_the_paying_office() -> None:
    # heldout12 g01: 联系方式：第一条、第二条，…；第三条，…。奖补资金拨付：… after the last article
    text = (
        "第一条　支持企业增产增效。对年度工业产值首次突破5亿元的规模以上工业企业，给予一次性奖励20万元。\n"
        "第二条　鼓励小微企业升规入统。对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。\n"
        "第三条　支持企业技术改造。按设备投资额的8%给予补助，单个项目最高不超过500万元。\n"
        "第四条　本措施自印发之日起施行。\n"
        "联系方式：第一条、第二条，市工信局运行监测协调科，0594-2296131；第三条，市工信局投资与技术改造科，"
        "0594-2296125。奖补资金拨付：市财政局经济建设科，0594-2286506。\n"
    )
    units = [u for u in read_text(text, name="putian.txt").units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert "2296131" in phones["支持企业增产增效"] and "2296131" in phones["鼓励小微企业升规入统"]
    assert "2296125" in phones["支持企业技术改造"] and "2296131" not in phones["支持企业技术改造"]
    assert not any("2286506" in p for p in phones.values())  # who pays out is no program's contact


def test_a_qa_in_parts_names_measures_by_the_articles_it_cites_and_folds_follow_ups() -> None:
    # heldout13 q03: 百问百答 published in parts (第41问 on); each answer cites 《若干措施》第N条 and its title
    text = (
        "沧州市惠企政策“百问百答”（工业和信息化篇）\n"
        "41．问：《若干措施》的支持对象是哪些企业？\n"
        "答：在沧州市行政区域内依法登记注册、具有独立法人资格的工业企业。\n"
        "42．问：企业首次纳入规模以上工业企业统计，能享受什么奖励？\n"
        "答：对首次纳入规模以上工业企业统计的企业，市财政给予一次性奖励10万元。\n"
        "【政策依据】《若干措施》第二条 支持企业升规入统\n"
        "【咨询电话】市工业和信息化局运行监测协调科　0317-2153416\n"
        "43．问：企业退库后重新入规，还能享受首次入规奖励吗？\n"
        "答：不能。退库后重新入库的企业不予奖励。\n"
        "44．问：对专精特新企业有哪些奖励？\n"
        "答：对新认定的国家级专精特新“小巨人”企业，一次性奖励50万元。\n"
        "【政策依据】《若干措施》第四条 支持优质企业梯度培育\n"
        "【咨询电话】市工业和信息化局中小企业科　0317-2153428\n"
    )
    units = [u for u in read_text(text, name="qa.txt").units if u.kind is UnitKind.PROGRAM]
    assert [u.title for u in units] == ["支持企业升规入统", "支持优质企业梯度培育"]
    first = " ".join(f.text for f in units[0].fields)
    assert "退库后重新入库的企业不予奖励" in first  # the follow-up question is part of the measure


def test_a_calls_directions_by_label_and_their_contacts_by_direction_and_by_city() -> None:
    # heldout13 q02: 专项一：… over （一）（二）, 专项二：… with its fields directly; contacts per 专项, then the
    # cities' intake offices under a list header (every direction's, by heldout10's convention)
    text = (
        "关于组织申报2025年自治区中小企业发展专项资金项目的通知\n"
        "一、支持方向和标准\n"
        "专项一：专精特新企业培育\n"
        "（一）专精特新“小巨人”企业奖补\n"
        "1．支持方式：对2024年度新认定的国家级专精特新“小巨人”企业，给予一次性奖补100万元。\n"
        "（二）专精特新中小企业技术改造\n"
        "1．支持方式：按项目设备投资额的10%给予补助，单个项目最高不超过200万元。\n"
        "专项二：中小企业开拓市场\n"
        "1．支持方式：按实际发生展位费的50%给予补助，每家企业年度补助最高不超过10万元。\n"
        "二、联系方式\n"
        "（一）专项业务咨询\n"
        "专项一：中小企业处　韦海宁　0771-2802316\n"
        "专项二：中小企业处　覃晓东　0771-2802331\n"
        "（二）各设区市受理单位及联系电话\n"
        "单位　　　　　　　　　　　联系人　　联系电话\n"
        "南宁市工业和信息化局　　　梁　斌　　0771-5765218\n"
        "柳州市工业和信息化局　　　潘晓燕　　0772-2825364\n"
    )
    units = [u for u in read_text(text, name="guangxi.txt").units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert list(phones) == ["专精特新“小巨人”企业奖补", "专精特新中小企业技术改造", "中小企业开拓市场"]
    assert (
        "2802316" in phones["专精特新中小企业技术改造"]
        and "2802331" not in phones["专精特新中小企业技术改造"]
    )
    assert "2802331" in phones["中小企业开拓市场"] and "2802316" not in phones["中小企业开拓市场"]
    assert all("5765218" in p and "2825364" in p for p in phones.values())


def test_a_policys_own_article_says_which_body_is_responsible_for_which_articles() -> None:
    # heldout13 q01: 第十一条 政策兑现 （一）第二条、第十条由区投资促进局负责；…
    text = (
        "株洲高新区产业扶持政策\n"
        "第二条　支持重大项目落地。对固定资产投资额5亿元以上的项目，按投资额的2%给予奖励，最高1000万元。\n"
        "第三条　支持企业梯度培育。对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。\n"
        "第四条　政策兑现\n"
        "本政策由各责任部门按条款受理审核：\n"
        "（一）第二条由区投资促进局负责；\n"
        "（二）第三条由区经济发展局负责。\n"
    )
    units = {u.title: u for u in read_prose(text)[0]}
    assert "投资促进局" in units["支持重大项目落地"].text_of(FieldName.DEPARTMENT)
    assert "经济发展局" in units["支持企业梯度培育"].text_of(FieldName.DEPARTMENT)
    assert "投资促进局" not in units["支持企业梯度培育"].text_of(FieldName.DEPARTMENT)


def test_measures_told_by_a_lead_phrase_and_a_comma_in_a_news_report() -> None:
    # 滁州-like 融媒体 news report (heldout14 z02): 一是鼓励企业升规入统，对…; the lead before the comma
    # names the measure. 一是将…纳入…, a change told, names none.
    text = (
        "在培育优质企业梯队方面，《若干政策》明确了三项举措。一是鼓励企业升规入统，对首次纳入规模以上工业统计的"
        "企业给予一次性奖励10万元；二是支持企业专精特新发展，对新认定的国家级专精特新“小巨人”企业奖励100万元；"
        "三是发放数字化转型券，中小企业购买数字化转型服务的，按合同金额的30%给予补助，最高10万元。\n"
        "“和2023年版政策相比，含金量明显提升。”相关负责人介绍。一是将北京证券交易所纳入奖励范围，"
        "二是新增并购重组奖励。\n"
        "在推动绿色低碳和创新发展方面，一是支持绿色工厂创建，对新获评国家级绿色工厂的，奖励50万元；"
        "二是支持创新平台建设，对新认定的国家企业技术中心，奖励100万元。\n"
    )
    assert _titles(text) == [
        "鼓励企业升规入统",
        "支持企业专精特新发展",
        "发放数字化转型券",
        "支持绿色工厂创建",
        "支持创新平台建设",
    ]
    _check_offsets(text)


def test_an_answer_naming_the_office_and_phone_of_each_numbered_measure() -> None:
    # 岳阳-like 解读 (heldout14 o03): measures numbered 1.–3., and an answer 第一条由…负责，电话…；
    # 第二条… (第N条 counts the measures: nothing in the text is numbered 第N条)
    text = (
        "二、主要内容\n"
        "1.支持企业技术改造。对技术改造项目，按设备投资额的10%给予补助，单个项目最高300万元。\n"
        "2.鼓励企业升规入统。对首次纳入规模以上工业企业统计的企业，给予10万元奖励。\n"
        "3.支持绿色制造。对新获评国家级绿色工厂的，奖励50万元。\n"
        "三、政策问答\n"
        "问：政策兑现过程中遇到问题，可以咨询哪些部门？\n"
        "答：第一条由市工业和信息化局规划与技术改造科负责，电话0730-8232516；第二条、第三条由运行监测协调科负责，"
        "电话0730-8232507。\n"
    )
    units = {u.title: u for u in read_prose(text)[0]}
    assert "0730-8232516" in units["支持企业技术改造"].text_of(FieldName.CONTACT)
    assert "规划与技术改造科" in units["支持企业技术改造"].text_of(FieldName.DEPARTMENT)
    for name in ("鼓励企业升规入统", "支持绿色制造"):
        assert "0730-8232507" in units[name].text_of(FieldName.CONTACT)
        assert "0730-8232516" not in units[name].text_of(FieldName.CONTACT)


def test_a_contact_paragraph_naming_topics_reaches_the_measures_named_so() -> None:
    # 滁州-like news report (heldout14 z02): 升规入统和专精特新政策可咨询…，电话…；技术改造…可咨询…
    text = (
        "在培育优质企业梯队方面，《若干政策》明确了三项举措。一是鼓励企业升规入统，对首次纳入规模以上工业统计的"
        "企业给予一次性奖励10万元；二是支持企业专精特新发展，对新认定的国家级专精特新“小巨人”企业奖励100万元；"
        "三是加大技术改造支持力度，对设备投资额1000万元以上的项目，按设备投资额的10%给予补助。\n"
        "咨询电话：升规入统和专精特新政策可咨询市经济和信息化局中小企业科，电话0550-3061325；"
        "技术改造政策可咨询市经济和信息化局投资与规划科，电话0550-3061347。\n"
    )
    units = {u.title: u for u in read_text(text, name="z.txt").units}
    assert "3061325" in units["鼓励企业升规入统"].text_of(FieldName.CONTACT)
    assert "3061347" not in units["鼓励企业升规入统"].text_of(FieldName.CONTACT)
    assert "3061325" in units["支持企业专精特新发展"].text_of(FieldName.CONTACT)
    assert "3061347" in units["加大技术改造支持力度"].text_of(FieldName.CONTACT)
    assert "3061325" not in units["加大技术改造支持力度"].text_of(FieldName.CONTACT)


def test_a_contact_table_whose_rows_are_numbered_and_name_the_directions() -> None:
    # 景德镇-like 申报指南 (heldout14 z03): 附件1 各专项受理科室及联系方式, rows 一　专项名称　科室　联系人　电话
    text = (
        "2025年度某市工业高质量发展专项资金申报指南\n"
        "一、支持方向\n"
        "（一）陶瓷产业提质升级专项\n"
        "支持标准：按设备投资额的10%给予补助，最高300万元。\n"
        "（二）航空产业配套专项\n"
        "支持标准：对首次进入主机厂配套体系的企业，奖励50万元。\n"
        "（三）绿色制造专项\n"
        "支持标准：对新获评国家级绿色工厂的企业，奖励50万元。\n"
        "附件1\n"
        "各专项受理科室及联系方式\n"
        "序号\t专项名称\t受理科室\t联系人\t联系电话\n"
        "一\t陶瓷产业提质升级专项\t投资与规划科\t程　亮\t0798-8569327\n"
        "二\t航空产业配套专项\t装备工业科\t胡建国\t0798-8569341\n"
        "三\t绿色制造专项\t节能与综合利用科\t邹　敏\t0798-8569336\n"
    )
    units = {u.title: u for u in read_text(text, name="z.txt").units}
    assert "8569327" in units["陶瓷产业提质升级专项"].text_of(FieldName.CONTACT)
    assert "8569341" not in units["陶瓷产业提质升级专项"].text_of(FieldName.CONTACT)
    assert "8569341" in units["航空产业配套专项"].text_of(FieldName.CONTACT)
    assert "8569336" in units["绿色制造专项"].text_of(FieldName.CONTACT)


def test_a_hard_wrapped_contact_paragraph_keyed_by_articles_and_a_table_keyed_by_them() -> None:
    # a 红头 PDF's text (三明-like, heldout15 c03): the 附表 rows start with the article they serve
    # (第五条 工业设计中心 100 20 5) and are no articles; the closing 政策咨询 paragraph, wrapped at the
    # page's measure, gives each article its office and phone
    from extraction.readers.numbering import parse_marker

    assert parse_marker("第五条 工业设计中心 100 20 5") is None
    assert parse_marker("第七条 绿色工厂50 20 —第七条") is None
    assert parse_marker("第二条【支持企业技术改造】对规模以上") is not None
    text = "\n".join(
        [
            "某市加快推动制造业高质量发展若干措施",
            "第一条【支持企业技术改造】对规模以上工业企业实施的技术改造",
            "项目，按设备投资额的8%给予补助，单个项目最高300万元。项目",
            "须于上一年度内竣工投产，并已在投资主管部门备案，方可申报。",
            "第二条【鼓励企业升规上台阶】对首次纳入规模以上工业统计的",
            "企业，给予10万元奖励；同一企业跨档晋级的，按差额补足奖励。",
            "第三条【支持创新平台建设】对新认定的企业技术中心，按附表标",
            "准给予一次性奖励，认定工作由市工业和信息化局另行组织实施。",
            "附表 奖励标准（单位：万元）",
            "适用条款 认定类别 国家级 省级 市级",
            "第三条 企业技术中心 100 30 10",
            "第三条 工业设计中心 100 20 5",
            "政策咨询：第一条，市工业和信息化局投资与技术改造科，0598-",
            "8225316；第二条，市工业和信息化局运行监测协调科，0598-822",
            "5302；第三条，市工业和信息化局科技装备科，0598-8225341。",
        ]
    )
    units = [u for u in read_text(text, name="hongtou.txt").units if u.kind is UnitKind.PROGRAM]
    phones = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert list(phones) == ["支持企业技术改造", "鼓励企业升规上台阶", "支持创新平台建设"]
    assert "8225316" in phones["支持企业技术改造"] and "8225302" not in phones["支持企业技术改造"]
    assert "8225341" in phones["支持创新平台建设"] and "8225316" not in phones["支持创新平台建设"]
