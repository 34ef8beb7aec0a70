"""Section-aware REQUIRES / PREFERS / EXCLUDES / GRANTS on real sentences."""

from __future__ import annotations

import pytest

from extraction.components.context import Context
from extraction.pipeline import annotate


def relations(text: str, field: str) -> list[tuple[str, str, str | None]]:
    doc = annotate(text, Context(field=field))
    return [(r.type, r.mention.name, r.mention.level) for r in doc._.relations]


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (
            "①项目的申报主体须为省级（含）以上智能制造示范工厂。",
            "conditions",
            [("REQUIRES", "智能制造示范工厂", "provincial")],
        ),
        (
            "3.工业和信息化部认定的专精特新“小巨人”企业、国务院国资委认定的创建世界一流专业领军示范企业,优先推荐。",
            "conditions",
            [
                ("PREFERS", "专精特新小巨人企业", "national"),
                ("PREFERS", "创建世界一流专业领军示范企业", "national"),
            ],
        ),
        (
            "5.获得国家、省小型微型企业创业创新示范基地认定且非省级示范平台的单位,原则上不得新申报省级示范平台认定。",
            "conditions",
            [("EXCLUDES", "小型微型企业创业创新示范基地", "provincial")],
        ),
        ("授予“专精特新小巨人”称号", "benefit", [("GRANTS", "专精特新小巨人企业", None)]),
        (
            "1.企业年主营业务收入不低于 2 亿元（其中高新技术企业不低于 1 亿元）",
            "conditions",
            [("PREFERS", "高新技术企业", None)],
        ),
        (
            "6.企业具有市级企业技术中心资格 1 年以上;",
            "conditions",
            [("REQUIRES", "企业技术中心", "municipal")],
        ),
        (
            "国家级“双跨”工业互联网平台500万元；省级5G全连接工厂30万元",
            "benefit",
            [
                ("REQUIRES", "双跨工业互联网平台", "national"),
                ("REQUIRES", "5G全连接工厂", "provincial"),
            ],
        ),
        ("2.自建或与高等院校、科研机构联合建立研发机构，设立技术研究院、企业技术中心", "conditions", []),
        (
            # 11-guangzhou-huadu 助保贷: holders skip the banks' recommendation, a fast track
            "本区省级及以上“专精特新”中小企业或获认定国家高新技术企业的中小企业直接列入“区助保贷业务中小微企业名单”。",
            "conditions",
            [("PREFERS", "专精特新中小企业", "provincial"), ("PREFERS", "高新技术企业", "national")],
        ),
        (
            # 13-guangzhou-haizhu: quoted titles of a city that a reward is paid for having received
            "第三条获“广州市人力资源服务业创新项目”“广州市创新人力资源服务机构”认定的，分别给予认定项目、机构5万元、10万元的奖励。",
            "benefit",
            [
                ("REQUIRES", "人力资源服务业创新项目", "municipal"),
                ("REQUIRES", "创新人力资源服务机构", "municipal"),
            ],
        ),
    ],
)
def test_relation_of_each_mention(text: str, field: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert relations(text, field) == expected


def test_a_list_carries_its_level_over() -> None:
    text = "省级制造业单项冠军（产品）企业 20-30 万元、智能制造 30 万元、企业工业设计中心 20 万元"
    assert relations(text, "benefit") == [
        ("REQUIRES", "制造业单项冠军企业", "provincial"),
        ("REQUIRES", "制造业单项冠军产品", "provincial"),  # 单项冠军（产品）企业: both titles
        ("REQUIRES", "工业设计中心", "provincial"),
    ]


def test_who_recognised_a_list_gives_every_item_its_level() -> None:
    text = "对经国家、天津市认定的首台（套）重大技术装备、首批次新材料和首版次软件，按产品首年销售额的20%给予奖励。"
    levels = {name: level for _, name, level in relations(text, "benefit")}
    assert levels == {
        "首台（套）重大装备": "municipal",
        "首批次新材料": "municipal",
        "首版次软件": "municipal",
    }


def test_prose_needs_an_explicit_cue() -> None:
    text = "近日，工信部公布了专精特新中小企业名单。申报企业须为已认定的高新技术企业。"
    assert relations(text, "body") == [("REQUIRES", "高新技术企业", None)]


def test_a_title_alone_in_its_clause_is_listed() -> None:
    # required by a funding program, conferred by a recognition: the assembler decides
    assert relations("1.绿色工厂", "conditions") == [("LISTED", "绿色工厂", None)]


def test_a_former_name_gives_way_to_the_current_one() -> None:
    text = "获批省级专精特新“小巨人”企业（现名：专精特新中小企业）"
    assert relations(text, "conditions") == [("REQUIRES", "专精特新中小企业", None)]


def test_support_for_a_project_about_a_title_is_not_a_requirement() -> None:
    text = "3.自主品牌企业培育。支持龙头企业兼并重组、专精特新中小企业能力提升、头雁型软件企业培育。"
    assert relations(text, "conditions") == []


def test_other_ways_to_bar_an_application() -> None:
    text = "已获评国家级绿色工厂的企业不得同时申报省级绿色工厂。"
    assert relations(text, "conditions")[0] == ("EXCLUDES", "绿色工厂", "national")
    # heldout7 y01: 无需重复申报 bars holders too
    text = "已认定为国家级专精特新“小巨人”企业的，无需重复申报。"
    assert relations(text, "conditions") == [("EXCLUDES", "专精特新小巨人企业", "national")]


def test_a_count_of_title_holders_is_not_a_title() -> None:
    text = "各地区要组织工业基础好的工业园区进行申报,优先推荐绿色工厂数量多的工业园区。"
    assert relations(text, "conditions") == []


def test_a_bar_on_funding_received_is_not_a_bar_on_the_title() -> None:
    text = "（四）对在上一轮政策中已获得支持的“小巨人”企业不再重复支持。"
    assert [r for r in relations(text, "conditions") if r[0] == "EXCLUDES"] == []
    text = "4.已经承担智能制造示范工厂揭榜任务的主体不再重复申报；"
    assert relations(text, "conditions") == [("EXCLUDES", "智能制造示范工厂", None)]


def test_the_title_applied_for_is_not_a_title_held() -> None:
    text = (
        "已入选国家双跨工业互联网平台的不得重复申报，已入选省级工业互联网平台的可申报省级双跨工业互联网平台。"
    )
    found = relations(text, "conditions")
    assert ("EXCLUDES", "双跨工业互联网平台", "national") in found
    assert ("REQUIRES", "工业互联网平台", "provincial") in found
    assert all(name != "双跨工业互联网平台" or level != "provincial" for _, name, level in found)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # a negation before the title bars the application
        (
            "申报企业应为创新型中小企业，且尚未被认定为专精特新中小企业；",
            "conditions",
            [("REQUIRES", "创新型中小企业", None), ("EXCLUDES", "专精特新中小企业", None)],
        ),
        # 不再参与 bars like 不再申报
        (
            "已获评省级及以上工业设计中心的企业不再参与市级认定。",
            "body",
            [("EXCLUDES", "工业设计中心", "provincial")],
        ),
        # one reward for a company that holds two titles is not a bar
        (
            "申报单位须为获评国家级制造业单项冠军企业（含单项冠军产品）的企业，同一企业以企业和产品身份获评的，"
            "按就高原则给予奖励，不重复支持。",
            "conditions",
            [("REQUIRES", "制造业单项冠军企业", "national"), ("REQUIRES", "制造业单项冠军产品", "national")],
        ),
        # better terms for holders, in a program open to every company, are a preference
        (
            "3.属于国家高新技术企业或科技型中小企业的，贴息比例提高10个百分点。",
            "conditions",
            [("PREFERS", "高新技术企业", "national"), ("PREFERS", "科技型中小企业", None)],
        ),
        ("高新技术企业贴息比例可提高至70%。", "benefit", [("PREFERS", "高新技术企业", None)]),
        # a higher cap for holders, a list of them sharing the words
        (
            "单家企业每年最高不超过10万元；对已认定为高新技术企业或科技型中小企业的，最高可提高至15万元。",
            "benefit",
            [("PREFERS", "高新技术企业", None), ("PREFERS", "科技型中小企业", None)],
        ),
        # a title that bars the benefit itself (no application named)
        (
            "向创新型中小企业发放服务券，每家企业每年最高5万元。已认定为国家级专精特新“小巨人”企业的，不再发放服务券。",
            "benefit",
            [("REQUIRES", "创新型中小企业", None), ("EXCLUDES", "专精特新小巨人企业", "national")],
        ),
    ],
)
def test_bars_and_better_terms(text: str, field: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert relations(text, field) == expected


def test_a_level_word_carries_along_a_list_but_a_usual_name_does_not() -> None:
    # 国家 is part of 国家高新技术企业; 专精特新中小企业 keeps its own (provincial) level
    found = relations("申报企业须为国家高新技术企业或专精特新中小企业，且已上市。", "conditions")
    assert found == [("REQUIRES", "高新技术企业", "national"), ("REQUIRES", "专精特新中小企业", None)]
    found = relations("省级制造业单项冠军企业20万元、企业工业设计中心20万元", "benefit")
    assert [lv for _t, _n, lv in found] == ["provincial", "provincial"]


def test_a_provinces_name_carries_along_a_list() -> None:
    text = "对首次认定为河南省首台（套）重大技术装备、首批次新材料的产品，按销售价格的10%给予奖励"
    assert [lv for _t, _n, lv in relations(text, "benefit")] == ["provincial", "provincial"]
    text = "对经认定的自治区首台（套）重大技术装备，按首台（套）产品首年度销售额的10%给予奖励"
    assert [lv for _t, _n, lv in relations(text, "benefit")] == ["provincial"]


def test_a_table_rows_condition_cell_requires_its_title() -> None:
    text = "| 首台（套）技术装备 | 列入山东省首台（套）技术装备名单 | 按单台（套）售价的20%给予奖励，最高500万元 |"
    assert ("REQUIRES", "首台（套）重大装备", "provincial") in relations(text, "benefit")


def test_a_tier_tables_rows_pay_their_titles_at_the_level_column() -> None:
    # 当涂-like 扶持办法 from a Word file (heldout10 k03): 表1's rows give the title, its level in a
    # column of its own, and the sum in a column whose header gives the unit
    text = (
        "对新认定的企业，按照表1标准给予一次性奖励。\n序号\t认定类别\t认定层级\t奖励金额（万元）\n"
        "1\t专精特新“小巨人”企业\t国家级\t50\n2\t创新型中小企业\t省级\t3"
    )
    found = relations(text, "benefit")
    assert ("REQUIRES", "专精特新小巨人企业", "national") in found
    assert ("REQUIRES", "创新型中小企业", "provincial") in found


def test_a_title_conferred_by_name_is_granted_whatever_its_head_noun() -> None:
    # 包头-like 人才 policy (heldout10 l01): a team is named a title; a person's honour held is no title
    granted = "对人才领衔的项目给予最高500万元项目资助，入选团队授予“鹿城英才创新团队”称号。"
    assert [(t, n) for t, n, _ in relations(granted, "benefit")] == [("GRANTS", "鹿城英才创新团队")]
    held = "对新获得“中华技能大奖”“全国技术能手”称号的个人，分别给予20万元、10万元奖励。"
    assert relations(held, "benefit") == []


def test_leave_to_reapply_is_not_a_condition() -> None:
    text = "5.2020年(不含2020年)以前已认定的省级两化融合试点示范企业可重新申报认定。"
    assert relations(text, "conditions") == []


def test_a_list_of_kinds_names_categories_not_their_sub_kinds() -> None:
    text = "包括省智能制造示范车间、省智能制造示范工厂（含 5G 工厂、工业互联网标杆工厂）、省重点工业互联网平台四类。"
    assert relations(text, "conditions") == [
        ("CATEGORY", "智能制造示范车间", "provincial"),
        ("CATEGORY", "智能制造示范工厂", "provincial"),
        ("MENTIONS", "5G工厂", None),
        ("MENTIONS", "工业互联网标杆工厂", None),
        ("CATEGORY", "重点工业互联网平台", "provincial"),
    ]


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # the bar in brackets is the second title's, not the first's
        (
            "需要评价的省级企业技术中心包括新认定的省级企业技术中心（已认定为国家级企业技术中心的除外）。",
            "conditions",
            [
                ("REQUIRES", "企业技术中心", "provincial"),
                ("REQUIRES", "企业技术中心", "provincial"),
                ("EXCLUDES", "企业技术中心", "national"),
            ],
        ),
        # a list of titles shares one bar
        (
            "（二）对于已认定为国家专精特新“小巨人”企业、省级专精特新中小企业且在有效期内的，不再推荐",
            "conditions",
            [("EXCLUDES", "专精特新小巨人企业", "national"), ("EXCLUDES", "专精特新中小企业", "provincial")],
        ),
        # a database, a place, a gathering: not a title the applicant holds
        (
            "（一）纳入“全国科技型中小企业信息库”且在存续期内的科技型中小企业",
            "conditions",
            [("REQUIRES", "科技型中小企业", None)],
        ),
        ("3.入驻各类科技企业孵化器和大学科技园的在孵创新创业企业", "conditions", []),
        ("5.已经集聚一批设计水平高、经济效益好的工业设计企业", "conditions", []),
    ],
)
def test_whose_words_and_which_titles(
    text: str, field: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert relations(text, field) == expected


def test_a_title_with_its_own_lower_threshold_is_preferred() -> None:
    text = "1. 企业年主营收入总额在 2000 万元以上，高新技术企业年主营收入总额在 1000 万元以上；"
    assert relations(text, "conditions") == [("PREFERS", "高新技术企业", None)]


def test_priority_for_building_a_title_is_not_a_preference_for_holders() -> None:
    text = "1.对基地内企业创建国家级工业互联网创新发展工程、省级工业互联网平台等项目给予优先支持；"
    assert relations(text, "benefit") == []


def test_items_of_a_scope_list_are_listed_titles() -> None:
    text = "申报范围：1.工信部新型信息消费示范项目；11.省级工业互联网平台；12.省级上云标杆企业；"
    found = relations(text, "body")
    assert ("LISTED", "工业互联网平台", "provincial") in found
    assert ("LISTED", "上云标杆企业", "provincial") in found


def test_a_title_within_its_validity_is_required() -> None:
    text = "(一) 有效期内的专精特新“小巨人”企业，且未在上交所、深交所、北交所公开发行股票。"
    assert relations(text, "conditions") == [("REQUIRES", "专精特新小巨人企业", None)]


def test_candidates_and_works_toward_a_title_are_not_the_title() -> None:
    text = "（二）绿色工业园区培育对象应当符合下列条件：2.发布园区绿色工厂培育计划，组织园区内企业开展绿色工厂建设；"
    assert relations(text, "conditions") == []


def test_priority_for_applicants_that_hold_a_title_is_a_preference() -> None:
    text = "同等条件下，优先支持申报单位为高新技术企业的项目。"
    assert relations(text, "conditions") == [("PREFERS", "高新技术企业", None)]


def test_a_process_that_ends_in_a_title_grants_it() -> None:
    text = "公示期为 5 个工作日，公示无异议的，授予“北京市技能大师工作室”称号和铭牌。"
    assert relations(text, "body") == [("GRANTS", "技能大师工作室", "municipal")]
    # 被授予 …: a title held, not conferred
    assert relations("曾被授予“北京市技能大师工作室”称号的单位", "body") != [
        ("GRANTS", "技能大师工作室", "municipal")
    ]


def test_a_workshop_title_and_the_title_one_may_be_put_forward_for() -> None:
    # 北京 导引 card 10: the district title held is preferred; the national one is only a prospect
    text = "3．已被区人力资源社会保障局认定为区（行业）级技能大师工作室，同等条件下，优先认定为市级工作室。"
    assert relations(text, "conditions") == [("PREFERS", "技能大师工作室", "district")]
    assert relations("1．经绩效考核等次为优秀的，可优先推荐为国家级大师工作室。", "benefit") == []


def test_not_being_a_holder_is_a_bar() -> None:
    assert relations("申报单位不属于高新技术企业。", "conditions") == [("EXCLUDES", "高新技术企业", None)]


def test_money_for_holders_in_prose_requires_the_title() -> None:
    text = "对获评国家级绿色工厂的企业给予一次性奖励30万元。"
    assert relations(text, "body") == [("REQUIRES", "绿色工厂", "national")]


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # a lower threshold and a higher cap for holders (heldout7 y02, y04)
        (
            "对专精特新中小企业以及传统产业集群内企业，设备投资门槛降至300万元。",
            "benefit",
            [("PREFERS", "专精特新中小企业", None)],  # (the lexicon's level is given later)
        ),
        (
            "按研发费用增量部分的10%给予后补助，最高100万元；高新技术企业最高可达150万元。",
            "benefit",
            [("PREFERS", "高新技术企业", None)],
        ),
        # the better rate is the second title's, not the first's
        (
            "入库科技型中小企业贴息比例为50%，高新技术企业贴息比例上浮10个百分点。",
            "benefit",
            [("PREFERS", "高新技术企业", None)],
        ),
        (
            "（二）专精特新“小巨人”企业申报的，设备投资额门槛降低至300万元。",
            "conditions",
            [("PREFERS", "专精特新小巨人企业", None)],
        ),
        (
            "申报企业为省级专精特新中小企业的，可不受营业收入条件限制。",
            "conditions",
            [("PREFERS", "专精特新中小企业", "provincial")],
        ),
    ],
)
def test_better_terms_for_holders(text: str, field: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert relations(text, field) == expected


def test_a_duty_of_holders_is_not_a_condition_to_apply() -> None:
    text = "特别是已被公告认定为创新型中小企业、省级以上专精特新中小企业必须及时更新年度数据"
    assert relations(text, "conditions") == []
    # the applicant's own duties after an explicit requirement keep it
    text = "申报单位须为省级专精特新中小企业，且须按要求填报申报书"
    assert relations(text, "conditions") == [("REQUIRES", "专精特新中小企业", "provincial")]


def test_money_for_holders_of_an_unseen_title_is_a_requirement() -> None:
    # 东莞 机器人 notice: 支持 here pays holders; it is not a goal to create the title
    text = "方向1：对已认定的广东省工业机器人骨干企业销售机器人给予事后奖补。"
    assert relations(text, "benefit") == [("REQUIRES", "工业机器人骨干企业", "provincial")]
    text = "采用股权投资方式支持已认定的广东省工业机器人骨干企业实施的重大技术创新及产业化项目。"
    assert relations(text, "benefit") == [("REQUIRES", "工业机器人骨干企业", "provincial")]


def test_a_tier_rewarded_on_first_rating_is_required() -> None:
    text = "对首次评为国家5A级、4A级的旅游景区，分别最高给予1000万元、300万元奖励。"
    assert relations(text, "benefit") == [
        ("REQUIRES", "5A级旅游景区", "national"),
        ("REQUIRES", "4A级旅游景区", "national"),
    ]


def test_a_reward_for_becoming_a_title_requires_it() -> None:
    # 绍兴 若干政策: 被认定为…的，…分别一次性奖励
    text = "企业当年被认定为省级重点工业信息工程公司的，当年认定为省级上云标杆企业的，分别一次性奖励20万元。"
    assert relations(text, "benefit") == [
        ("REQUIRES", "重点工业信息工程公司", "provincial"),
        ("REQUIRES", "上云标杆企业", "provincial"),
    ]


def test_a_zone_where_the_applicant_is_registered_is_no_title() -> None:
    # 北京 导引: 注册在中关村国家自主创新示范区范围内的…
    text = "申报企业应注册在中关村国家自主创新示范区范围内，且为国家高新技术企业。"
    assert [r[:2] for r in relations(text, "conditions")] == [("REQUIRES", "高新技术企业")]


def test_a_lead_that_prefers_the_items_of_its_list_prefers_each_title() -> None:
    text = (
        "2．对符合以下条件之一的予以优先资助：\n（1）所属技术领域属于本市十大高精尖产业的专利；\n"
        "（2）国家知识产权示范和优势企业、专精特新中小企业的专利。"
    )
    assert {(t, n) for t, n, _lv in relations(text, "conditions")} == {
        ("PREFERS", "知识产权示范企业"),
        ("PREFERS", "知识产权优势企业"),
        ("PREFERS", "专精特新中小企业"),
    }
    # a list the lead does not prefer: its items are what they are
    assert relations("申报单位须符合以下条件：\n（1）已认定为省级企业技术中心。", "conditions") == [
        ("REQUIRES", "企业技术中心", "provincial")
    ]


def test_a_project_located_in_a_titled_base_is_not_a_title_holder() -> None:
    # seed 004: 优先支持…1.在国家新型工业化产业示范基地…中的项目
    text = "优先支持符合以下一项或多项条件的项目：\n1.在国家新型工业化产业示范基地、转型升级成效明显市(州)中的项目；"
    assert relations(text, "conditions") == []


def test_taking_part_in_or_investing_in_a_titled_body_is_not_holding_the_title() -> None:
    # seed 001 (南京 若干政策 23．and 7．)
    text = "对参加市中小企业出口信用保险统保平台的企业，给予最高100%的参保保费补贴。"
    assert relations(text, "benefit") == []
    assert relations("对投资新型研发机构和初创期科技型企业的给予奖励。", "benefit") == []


def test_a_bracketed_heading_is_no_part_of_the_clause_after_it() -> None:
    # "支持…建设" in the heading is the measure's goal; the sentence pays holders
    text = (
        "第四条 【支持数字化车间建设】对新认定为省级数字化车间、智能工厂的企业，分别给予30万元、50万元奖励。"
    )
    assert relations(text, "benefit") == [
        ("REQUIRES", "数字化车间", "provincial"),
        ("REQUIRES", "智能工厂", "provincial"),
    ]


def test_a_rate_of_its_own_for_holders_is_a_preference() -> None:
    text = "按设备投资额的8%给予补助，单个项目最高500万元。其中，省级以上专精特新中小企业按10%给予补助。"
    assert relations(text, "benefit") == [("PREFERS", "专精特新中小企业", "provincial")]


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        # a verb of taking part or investing far from the title is about something else
        (
            "对年度技改投资额500万元以上的规上工业企业，按设备投资额的10%给予补助。",
            "benefit",
            [("REQUIRES", "规模以上工业企业", None)],
        ),
        (
            "对参与制定国际标准的国家级专精特新“小巨人”企业，给予30万元奖励。",
            "benefit",
            [("REQUIRES", "专精特新小巨人企业", "national")],
        ),
        # a list ends where its items do: the requirement after it stays one
        (
            "同等条件下，优先支持以下企业：\n1.国家级专精特新小巨人企业\n申报主体须为已认定的省级以上企业技术中心。",
            "conditions",
            [("PREFERS", "专精特新小巨人企业", "national"), ("REQUIRES", "企业技术中心", "provincial")],
        ),
        # a time is no place: 认定后两年内的企业 hold the title
        (
            "对在认定为省级企业技术中心后两年内的企业给予20万元奖励。",
            "benefit",
            [("REQUIRES", "企业技术中心", "provincial")],
        ),
        # located in a zone is no title held
        ("对位于省级产业集聚区内的工业企业，给予10万元奖励。", "benefit", []),
    ],
)
def test_reviewed_misfires_stay_fixed(
    text: str, field: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert relations(text, field) == expected


def test_a_title_already_held_is_required_even_among_a_recognitions_articles() -> None:
    # one scheme's rules whose articles are all read as its support
    assert relations("（二）已被认定为创新型中小企业；", "benefit") == [("REQUIRES", "创新型中小企业", None)]
    # the place alone is no level word; the scheme's own level comes from its title
    assert relations("公示无异议后认定为宁波市专精特新中小企业。", "benefit") == [
        ("GRANTS", "专精特新中小企业", None)
    ]


def test_a_bare_national_heads_a_list_a_later_level_closes_and_its_lead_opens_it_all() -> None:
    # Beijing guide k=29 (美丽健康): 国家 without 级 is shared by its list up to 市级, and 对 opens both parts
    text = (
        "对符合条件的国家技术创新示范企业、工程研究中心、重点实验室，"
        "市级产业创新中心和企业技术中心，给予政策和奖励支持。"
    )
    assert relations(text, "benefit") == [
        ("REQUIRES", "技术创新示范企业", "national"),
        ("REQUIRES", "工程研究中心", "national"),
        ("REQUIRES", "重点实验室", "national"),
        ("REQUIRES", "产业创新中心", "municipal"),
        ("REQUIRES", "企业技术中心", "municipal"),
    ]
    # 国家高新技术企业 alone is the title's usual name: no level for the next item
    assert relations("对国家高新技术企业、专精特新中小企业给予奖励。", "benefit")[1] == (
        "REQUIRES",
        "专精特新中小企业",
        None,
    )


def test_money_for_becoming_each_title_of_a_list_or_for_creating_one_requires_it() -> None:
    text = "新认定为国家级技术创新示范企业、省级技术创新示范企业的，分别奖励100万元、30万元。"
    assert relations(text, "benefit") == [
        ("REQUIRES", "技术创新示范企业", "national"),
        ("REQUIRES", "技术创新示范企业", "provincial"),
    ]
    assert relations("对成功创建国家级制造业创新中心的，给予1000万元支持。", "benefit") == [
        ("REQUIRES", "制造业创新中心", "national")
    ]
    assert relations("鼓励企业争创国家级专精特新“小巨人”企业。", "benefit") == []  # a goal


def test_a_title_that_may_not_be_applied_for_is_no_bar_on_holders() -> None:
    assert relations("存在违法情形的单位，不得申报、推荐和公布为绿色工厂。", "conditions") == []
    assert relations("已认定为省级企业技术中心的，不再推荐。", "conditions") == [
        ("EXCLUDES", "企业技术中心", "provincial")
    ]


def test_a_consortium_the_applicant_forms_is_no_title_it_holds() -> None:
    # seed 002: 关键核心技术（装备）工程化攻关
    assert relations("（四）申报主体。符合上述条件的单位或由申报单位牵头的创新联合体。", "conditions") == []
    assert relations("申报主体应为省级创新联合体。", "conditions") == [
        ("REQUIRES", "创新联合体", "provincial")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "不再推荐已认定为省级企业技术中心的企业。",
        "不予受理已认定为省级企业技术中心的企业申报。",
        "以下企业不得申报：已认定为省级企业技术中心的。",
    ],
)
def test_a_bar_on_those_already_holding_a_title_excludes_them(text: str) -> None:
    # 已认定为 after the bar names a title held, not one the bar forbids applying for
    assert relations(text, "conditions") == [("EXCLUDES", "企业技术中心", "provincial")]


def test_a_blacklist_or_a_reserve_list_is_no_title() -> None:
    assert relations("近三年未被列入严重违法失信企业名单的企业。", "conditions") == []
    assert relations("须列入市级拟上市后备企业名单。", "conditions") == []


def test_a_platform_the_text_only_encourages_building_is_no_title() -> None:
    text = "鼓励龙头企业牵头建设行业共性技术平台（以下简称“共性平台”），对共性平台给予支持。"
    assert relations(text, "conditions") == []


def test_a_title_still_being_sought_is_not_required() -> None:
    assert relations("对正在创建省级企业技术中心的企业给予50万元奖励。", "benefit") == []
    assert relations("对成功创建省级企业技术中心的企业给予50万元奖励。", "benefit") == [
        ("REQUIRES", "企业技术中心", "provincial")
    ]


def test_a_duty_of_holders_and_a_yardstick_are_no_requirement() -> None:
    assert relations("已被认定为高新技术企业的，须报送年度评价材料。", "conditions") == []
    assert [r for r in relations("参照高新技术企业标准给予支持。", "benefit") if r[0] != "MENTIONS"] == []


def test_national_or_provincial_paid_respectively_is_both_levels() -> None:
    doc = annotate(
        "对获得国家级或省级企业技术中心认定的企业，分别给予100万元、50万元奖励。", Context(field="benefit")
    )
    (rel,) = doc._.relations
    assert (rel.type, rel.mention.name, rel.mention.levels) == (
        "REQUIRES",
        "企业技术中心",
        ("national", "provincial"),
    )


def test_a_ranking_of_places_or_people_is_no_title_of_a_company() -> None:
    assert relations("对获评全市工业企业50强的企业给予10万元奖励。", "benefit") == [
        ("REQUIRES", "工业企业50强", "municipal")
    ]
    assert relations("对入选全省十佳县的给予奖励。", "benefit") == []


def test_money_for_a_title_granted_to_build_and_listed_with_another_kind_requires_it() -> None:
    # seed 001, 宁政规字〔2026〕2号 measure 1
    text = "对新获批建设国家新兴产业发展示范基地以及获省布局建设的特色优势产业所在重点园区给予支持。"
    assert relations(text, "benefit") == [("REQUIRES", "新兴产业发展示范基地", "national")]


def test_a_body_the_measure_has_companies_form_is_no_title_when_named_again() -> None:
    text = "支持科创企业组建创新联合体，对创新联合体给予市级科技攻关项目扶持。"
    assert relations(text, "benefit") == []


def test_a_park_the_applicant_moves_into_or_a_ranking_of_its_investors_is_no_title_it_holds() -> None:
    # 14-guangzhou-huangpu 第十七条
    text = (
        "对入驻经国家、省、市、区认定的文化产业园区（基地）、版权示范园区，且获得国内头部创投榜单前三十强的"
        "投资机构累计股权投资 5000 万元以上的企业，给予最高50万元扶持。"
    )
    assert relations(text, "benefit") == []
    assert relations("对获评国家高新技术企业的给予10万元奖励。", "benefit") == [
        ("REQUIRES", "高新技术企业", "national")
    ]


def test_a_title_that_earns_a_better_rate_than_everyone_gets_is_preferred() -> None:
    # 北京 产业政策导读, 高精尖产业发展资金 方向 10
    text = (
        "一般智能化技术改造项目奖励比例不超过 20％；申报主体获评北京市“数字化车间”的智能化技术改造项目"
        "奖励比例不超过 25％；申报主体获评国家级“智能制造标杆企业”实施的项目，奖励比例不超过 30％。"
    )
    assert relations(text, "benefit") == [
        ("PREFERS", "数字化车间", "municipal"),
        ("PREFERS", "智能制造标杆企业", "national"),
    ]
    # every rate for a title of its own: the program is for the holders
    assert [
        r[0]
        for r in relations("对获评国家级绿色工厂的给予30%补助；对获评省级绿色工厂的给予20%补助。", "benefit")
    ] == [
        "REQUIRES",
        "REQUIRES",
    ]
    # the standard of a title is a yardstick, not a title held
    assert (
        relations("实施主体达到国家级绿色工厂、国家级绿色供应链管理企业标准的，按30%给予奖励。", "benefit")
        == []
    )


def test_holders_a_measure_supports_by_name_are_required() -> None:
    # 北京 导引 card 23: 1．支持科技型中小企业开展发明专利布局。…给予不超过 50 万元资金支持
    text = "1．支持科技型中小企业开展发明专利布局。根据企业开展发明专利创造运用情况，给予不超过 50 万元资金支持。"
    assert relations(text, "benefit") == [("REQUIRES", "科技型中小企业", None)]
    # a title to be built or applied for is no holder
    assert relations("支持企业创建国家级技术创新示范企业。", "benefit") == []
    assert relations("支持专精特新中小企业梯度培育。", "benefit") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cost share, a threshold or an own-funds share is no rate everyone is paid at
        (
            "对首次认定的专精特新“小巨人”企业，按其研发投入的10%给予奖励，最高50万元；所需资金市级财政承担60%，区级财政承担40%。",
            [("REQUIRES", "专精特新小巨人企业", None)],
        ),
        (
            "对新认定的省级智能工厂，按投资额的10%给予补助，最高300万元；企业自有资金投入比例不低于30%。",
            [("REQUIRES", "智能工厂", "provincial")],
        ),
        # 符合条件的 … 按照…标准: a payment scale, not a yardstick
        (
            "对符合条件的国家级专精特新“小巨人”企业按照每家50万元的标准给予一次性奖励。",
            [("REQUIRES", "专精特新小巨人企业", "national")],
        ),
        (
            "对达到省级企业技术中心标准并通过认定的，给予50万元奖励。",
            [("REQUIRES", "企业技术中心", "provincial")],
        ),
        (
            "对首次达到规模以上工业企业标准、纳入统计的企业，给予20万元奖励。",
            [("REQUIRES", "规模以上工业企业", None)],
        ),
    ],
)
def test_a_reviewers_rates_and_yardsticks_that_are_requirements(text: str, expected: list) -> None:
    assert relations(text, "benefit") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the holders open the sentence the measure pays (a WeChat reprint's measures, heldout3 p04)
        (
            "国家级专精特新“小巨人”企业和省级专精特新中小企业上年度研发费用较前一年度增长的，按增量部分的10%给予补助。",
            [("REQUIRES", "专精特新小巨人企业", "national"), ("REQUIRES", "专精特新中小企业", "provincial")],
        ),
        (
            "省级以上专精特新中小企业获得银行贷款的，按贷款市场报价利率（LPR）的30%给予贴息。",
            [("REQUIRES", "专精特新中小企业", "provincial")],
        ),
        # a title worked toward is no title held, and a title named after the pay is not who is paid
        ("鼓励企业争创国家级专精特新“小巨人”企业的，给予一次性奖励。", []),
        ("专精特新中小企业数量达到100家。", []),
    ],
)
def test_the_holders_a_measure_pays_are_its_subject(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert relations(text, "benefit") == expected


def test_a_lead_that_bars_bars_the_titles_held_in_its_items() -> None:
    text = "有下列情形之一的，不予受理：\n（一）已认定为国家企业技术中心或湖北省企业技术中心的；\n（二）申请材料不齐全的。"
    assert relations(text, "conditions") == [
        ("EXCLUDES", "企业技术中心", "national"),
        ("EXCLUDES", "企业技术中心", "provincial"),
    ]


def test_the_title_a_subject_holds_is_not_the_one_it_is_later_recognised_as() -> None:
    text = "市级企业技术中心此后被认定为湖北省企业技术中心的，再给予50万元一次性奖励。"
    found = relations(text, "benefit")
    assert ("GRANTS", "企业技术中心", "municipal") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who published the list gives the level, and the list carries it
        (
            "奖励类申报单位应为工业和信息化部公布的2025年度绿色工厂或绿色供应链管理企业名单内的企业。",
            [("REQUIRES", "绿色工厂", "national"), ("REQUIRES", "绿色供应链管理企业", "national")],
        ),
        # a ministry's field before 主管部门
        (
            "产品须为经省级以上工业和信息化主管部门认定的首台（套）重大装备或首批次新材料。",
            [("REQUIRES", "首台（套）重大装备", "provincial"), ("REQUIRES", "首批次新材料", "provincial")],
        ),
    ],
)
def test_the_body_that_recognised_a_title_gives_its_level(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert relations(text, "conditions") == expected


def test_selected_into_the_list_of_a_titles_holders_holds_it() -> None:
    text = "对入选工业和信息化部5G工厂名录的企业，每家奖励30万元。"
    assert relations(text, "benefit") == [("REQUIRES", "5G工厂", "national")]
    # a catalogue of products is no title held
    assert relations("对列入国家首台（套）重大技术装备推广应用指导目录的产品给予奖励。", "benefit") == []


def test_an_exception_in_brackets_is_its_own_not_a_bar_on_the_title() -> None:
    text = "对当年首次纳入规模以上工业企业统计范围的企业（退库后重新入库的除外），给予一次性奖励10万元。"
    assert relations(text, "benefit") == [("REQUIRES", "规模以上工业企业", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reviewer's probes of this session's rules, each a misfire it found
        (  # a higher sum for becoming a higher title is an award for becoming it
            "对新认定的省级专精特新中小企业，给予一次性奖励10万元；被认定为国家级专精特新“小巨人”企业的，奖励金额提高到50万元。",
            [("REQUIRES", "专精特新中小企业", "provincial"), ("REQUIRES", "专精特新小巨人企业", "national")],
        ),
        (  # no second payment is no bar on the title
            "对新认定的省级专精特新中小企业，给予奖励20万元；同一年度获得两项认定的，按就高原则奖励，不再发放省级专精特新中小企业奖励。",
            [("REQUIRES", "专精特新中小企业", "provincial")],
        ),
        (  # money taken back from holders is no requirement
            "按设备投资额的10%给予补助，最高100万元。高新技术企业在申报过程中弄虚作假的，取消其资格并追回已发放的补助资金。",
            [],
        ),
        (  # the bank that lends to holders is paid, not the holders
            "向科技型中小企业提供贷款的合作银行，按贷款额的1%给予风险补偿，最高50万元。",
            [],
        ),
    ],
)
def test_a_reviewers_misfires(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert relations(text, "benefit") == expected


def test_a_reward_received_in_a_barring_list_is_no_title_held() -> None:
    text = "有下列情形之一的，不予受理：\n1.已获得国家级专精特新“小巨人”企业奖励的；\n2.申请材料不齐全的。"
    assert relations(text, "conditions") == []


def test_a_threshold_lowered_for_holders_is_a_preference() -> None:
    # heldout12 j04: the title's holders need a smaller investment, they are not the only applicants
    text = "项目设备投资额须达到500万元以上，专精特新中小企业降至200万元。"
    assert [r[0] for r in relations(text, "benefit") if r[1] == "专精特新中小企业"] == ["PREFERS"]


def test_a_lower_bar_of_its_own_for_holders_is_a_preference() -> None:
    # heldout12 g04
    text = "项目设备（含软件）投资额500万元以上，省级专精特新中小企业300万元以上。"
    assert [r[0] for r in relations(text, "conditions") if r[1] == "专精特新中小企业"] == ["PREFERS"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # heldout10 k04: a measure's run-in text read as its summary; the cue before a list holds for each item
        (
            "对新获评国家级绿色工厂、自治区级绿色工厂的企业，分别给予100万元、30万元一次性奖励。",
            [("REQUIRES", "绿色工厂", "national"), ("REQUIRES", "绿色工厂", "provincial")],
        ),
        (
            "对新认定为国家级智能制造示范工厂的企业，给予200万元一次性奖励；对入选工业和信息化部5G工厂名录的企业，给予30万元一次性奖励。",
            [("REQUIRES", "智能制造示范工厂", "national"), ("REQUIRES", "5G工厂", "national")],
        ),
    ],
)
def test_money_for_holders_in_a_measures_own_words(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert relations(text, "summary") == expected
