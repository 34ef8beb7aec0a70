"""Designation mentions: lexicon names and aliases, quotes ignored, levels read, unseen names caught."""

from __future__ import annotations

from extraction.components.designations import find_designations


def names(text: str) -> list[tuple[str, str | None, bool]]:
    return [(d.name, d.level, d.at_least) for d in find_designations(text)]


def test_quotes_and_level_words_are_not_part_of_the_name() -> None:
    text = "3.工业和信息化部认定的专精特新“小巨人”企业、国务院国资委认定的创建世界一流专业领军示范企业,优先推荐。"
    # 工业和信息化部认定的: the body that confers the title gives its level
    assert names(text)[0] == ("专精特新小巨人企业", "national", False)


def test_the_conferring_body_gives_the_level() -> None:
    assert names("申报企业须为省工信厅认定的企业技术中心") == [("企业技术中心", "provincial", False)]
    assert names("市经信局评定的企业技术中心") == [("企业技术中心", "municipal", False)]


def test_provincial_or_higher_is_a_minimum() -> None:
    text = "①项目的申报主体须为省级（含）以上智能制造示范工厂。"
    assert names(text) == [("智能制造示范工厂", "provincial", True)]


def test_region_names_give_the_level() -> None:
    assert names("江苏省企业技术中心") == [("企业技术中心", "provincial", False)]
    assert names("徐州市企业技术中心") == [("企业技术中心", "municipal", False)]


def test_enumerated_levels_are_all_kept() -> None:
    [d] = find_designations("5.获得国家、省小型微型企业创业创新示范基地认定且非省级示范平台的单位")[:1]
    assert d.name == "小型微型企业创业创新示范基地"
    assert d.enumerated == ("national", "provincial")


def test_aliases_map_to_the_canonical_name() -> None:
    assert names("授予“江苏省小型微型企业创业创新示范基地”牌匾")[0][0] == "小型微型企业创业创新示范基地"
    assert names("国家级制造业单项冠军项目申报")[0][:2] == ("制造业单项冠军企业", "national")
    assert names("省级制造业单项冠军产品20万元")[0][:2] == ("制造业单项冠军产品", "provincial")


def test_generic_rule_catches_an_unseen_designation_after_a_level_word() -> None:
    found = find_designations("对获得省级工业互联网创新示范平台的企业")
    assert [(d.name, d.level, d.known) for d in found] == [("工业互联网创新示范平台", "provincial", False)]


def test_generic_rule_ignores_clauses_and_bare_endings() -> None:
    assert find_designations("在江苏省内注册且运营管理本基地两年以上") == []
    assert find_designations("国家级、省级示范平台") == []


def test_mentions_inside_a_cited_title_are_flagged() -> None:
    text = "《工信部办公厅关于开展第五批专精特新“小巨人”企业培育工作的通知》"
    assert [d.in_title for d in find_designations(text)] == [True]


def test_a_second_head_shares_the_first_ones_stem() -> None:
    assert names("国家制造业单项冠军示范企业及产品") == [
        ("制造业单项冠军企业", "national", False),
        ("制造业单项冠军产品", "national", False),
    ]
    assert [d.name for d in find_designations("省级服务型制造示范企业、平台申报")] == [
        "服务型制造示范企业",
        "服务型制造示范平台",
    ]
    assert [d.name for d in find_designations("绿色工厂和企业")] == ["绿色工厂"]


def test_a_city_name_is_not_the_level_of_a_title_awarded_higher_up() -> None:
    # 创新型中小企业 is awarded by a province: 成都市 says where the company is
    (m,) = find_designations("申报企业应为成都市创新型中小企业")
    assert (m.name, m.level) == ("创新型中小企业", None)
    (m,) = find_designations("对新认定的成都市工业设计中心给予奖励")
    assert (m.name, m.level) == ("工业设计中心", "municipal")


def test_generic_rule_catches_an_unseen_title_after_the_body_that_confers_it() -> None:
    text = "国务院国资委认定的创建世界一流专业领军示范企业,优先推荐。"
    assert names(text) == [("创建世界一流专业领军示范企业", "national", False)]


def test_a_bracketed_inclusion_names_the_level_it_includes() -> None:
    assert names("申报企业须为省级以上（含省级）企业技术中心") == [("企业技术中心", "provincial", True)]


def test_an_unseen_title_after_a_conferring_verb_keeps_its_level_apart() -> None:
    # 东莞 机器人 notice and 黄埔 若干措施 (tests/fixtures/corpus)
    assert names("采用股权投资方式支持已认定的广东省工业机器人骨干企业（名单见附件1）实施的") == [
        ("工业机器人骨干企业", "provincial", False)
    ]
    assert names("对新认定为国家文化出口重点企业的，给予奖励") == [("文化出口重点企业", "national", False)]


def test_a_verb_alone_does_not_make_a_clause_a_title() -> None:
    assert names("对列入名单的企业给予支持") == []
    assert names("入选市级创新项目的企业") == []


def test_tiers_sharing_a_head_noun_are_one_title_each() -> None:
    text = "对首次评为国家 5A 级、4A 级、3A 级的旅游景区，分别最高给予1000万元、300万元、100万元奖励。"
    assert names(text.replace(" ", "")) == [
        ("5A级旅游景区", "national", False),
        ("4A级旅游景区", "national", False),
        ("3A级旅游景区", "national", False),
    ]
    assert [n for n, _, _ in names("对首次获得五星级、四星级评定的旅游饭店（星级酒店）")] == [
        "五星级旅游饭店",
        "四星级旅游饭店",
    ]
    # seed 000: a tier before another drops its 级, and the lexicon knows the last one
    assert [n for n, _, _ in names("四星和五星级上云企业仅限工业企业")] == [
        "四星级上云企业",
        "五星级上云企业",
    ]


def test_a_certification_level_is_not_a_title() -> None:
    assert names("通过两化融合管理体系贯标3A级认定的工业企业") == []


def test_every_item_of_a_title_list_is_a_title() -> None:
    text = "对获得国家级专精特新“小巨人”企业、省级瞪羚企业、市级科技领军企业等称号的企业给予奖励"
    assert names(text) == [
        ("专精特新小巨人企业", "national", False),
        ("瞪羚企业", "provincial", False),
        ("科技领军企业", "municipal", False),
    ]
    assert names("对获得中国质量奖、省长质量奖等荣誉的企业") == []  # prizes are not titles


def test_quoted_names_a_verb_confers_or_that_are_called_titles_are_titles() -> None:
    found = find_designations("获“广州市人力资源服务业创新项目”“广州市创新人力资源服务机构”认定的")
    assert [(d.name, d.level, d.known) for d in found] == [
        ("人力资源服务业创新项目", "municipal", False),
        ("创新人力资源服务机构", "municipal", False),
    ]
    assert [d.name for d in find_designations("被评为“长沙市中小企业特色产业集群”的")] == [
        "中小企业特色产业集群"
    ]
    # a quoted slogan or fund is no title: no verb that confers it, or no title's head noun
    assert find_designations("支持“专精特新”发展") == []
    assert find_designations("获得“首贷贴息”支持") == []


def test_an_unseen_name_next_in_a_list_of_titles_is_one_at_its_level() -> None:
    # 14-huangpu 第十六条
    found = find_designations(
        "经国家、省、市、区认定的文化产业园区（基地）、版权示范园区（版权产业优势园区），"
    )
    assert [(d.name, d.level) for d in found] == [("文化产业园区", "district"), ("版权示范园区", "district")]
    # the list ends where a name no longer ends like a title
    assert [d.name for d in find_designations("获评国家级绿色工厂、节能技术改造项目")] == ["绿色工厂"]


def test_a_pilot_zone_is_a_title_a_park_is_selected_as() -> None:
    # seed 001 (南京 若干政策 3．)
    found = find_designations("对入选国家级未来产业先导区的园区给予支持")
    assert [(d.name, d.level) for d in found] == [("未来产业先导区", "national")]


def test_two_titles_sharing_a_stem_and_a_head_noun_are_both_found() -> None:
    # Beijing guide, 北京市对获得国内发明专利的申请人予以资助
    found = find_designations("国家知识产权示范和优势企业、北京市知识产权示范和试点单位")
    assert [(d.name, d.level) for d in found] == [
        ("知识产权示范企业", "national"),
        ("知识产权优势企业", "national"),
        ("知识产权示范单位", "municipal"),
        ("知识产权试点单位", "municipal"),
    ]


def test_a_short_second_item_shares_the_first_ones_stem() -> None:
    # 14-huangpu 第十八条; also: a clause read from an earlier level word (有关部门认定的…) must not
    # hide the name the conferring verb introduces
    text = (
        "对在政策有效期内国家有关部门认定的国家文化出口重点企业和重点项目，分别最高给予 50 万元、30 万元奖励"
    )
    assert [(d.name, d.level) for d in find_designations(text)] == [
        ("文化出口重点企业", "national"),
        ("文化出口重点项目", "national"),
    ]


def test_a_zone_brand_before_a_title_makes_the_zones_own_title() -> None:
    # Beijing guide, 服务对象 of a 中关村 fund card
    found = find_designations("国家高新技术企业、中关村高新技术企业、评价入库的科技型中小企业")
    assert [(d.name, d.level) for d in found] == [
        ("高新技术企业", "national"),
        ("中关村高新技术企业", None),
        ("科技型中小企业", None),
    ]


def test_paired_titles_inside_a_sentence_and_brands_only_where_listed() -> None:
    found = find_designations("（三）对新获批的国家知识产权示范和优势企业，分别奖励30万元、20万元。")
    assert [(d.name, d.level) for d in found] == [
        ("知识产权示范企业", "national"),
        ("知识产权优势企业", "national"),
    ]
    # 张江 is not a brand with titles of its own in the lexicon: the national title
    assert [
        (d.name, d.level or d.default_level) for d in find_designations("对张江高新技术企业给予房租补贴。")
    ] == [("高新技术企业", "national")]


def test_a_title_broken_across_a_pdf_cells_lines_is_one_title() -> None:
    # Beijing guide, 服务对象 cell: "…国家高新技术企业、中关\n村高新技术企业或评价入库的科技型中小\n企业"
    text = "注册在中关村示范区范围内的国家高新技术企业、中关\n村高新技术企业或评价入库的科技型中小\n企业"
    assert [(d.name, d.text) for d in find_designations(text)] == [
        ("高新技术企业", "高新技术企业"),
        ("中关村高新技术企业", "中关\n村高新技术企业"),
        ("科技型中小企业", "科技型中小\n企业"),
    ]


def test_rankings_held_are_titles() -> None:
    found = find_designations("对首次入选中国民营企业500强、广东省制造业500强的企业，给予200万元奖励")
    assert [(d.name, d.level) for d in found] == [
        ("中国民营企业500强", "national"),
        ("制造业500强", "provincial"),
    ]
    # 14-huangpu: the quotes hold the title, the words before them name who awards it
    found = find_designations("对获得中国游戏产业年会“游戏十强”称号的游戏企业")
    assert [(d.name, d.level) for d in found] == [("游戏十强", None)]
    # money won is no award held
    assert find_designations("获得奖励资金的企业不再支持；获得市级以上奖补的项目") == []


def test_a_listed_project_is_a_title_only_at_a_stated_level() -> None:
    found = find_designations("对入选省级工业互联网标杆示范项目的企业，给予50万元奖励")
    assert [(d.name, d.level) for d in found] == [("工业互联网标杆示范项目", "provincial")]
    # seed 004: a project listed in an earlier round
    assert find_designations("已列入前期示范项目且仍在示范期内的项目不可重复申报") == []


def test_a_list_a_company_is_on_is_a_title_where_it_is_held() -> None:
    found = find_designations("对列入市级产业链“链主”企业名单的，给予100万元奖励")
    assert [(d.name, d.level) for d in found] == [("产业链链主企业", "municipal")]
    # 11-huadu: the program's own list that holders are put on
    assert find_designations("由合作银行推荐列入“区助保贷业务中小微企业名单”，") == []


def test_an_umbrella_the_text_defines_for_a_list_of_titles_names_each_of_them() -> None:
    # seed 001: 江苏省绿色工厂绿色工业园区梯度培育及管理实施细则
    text = (
        "发挥绿色工厂、绿色工业园区（以下合称“绿色制造单位”）在转型中的作用。"
        "申报省级绿色制造单位的企业和园区，原则上应是市级绿色制造单位。"
    )
    found = [(d.name, d.level, d.text) for d in find_designations(text)]
    assert found[-2:] == [
        ("绿色工厂", "municipal", "绿色制造单位"),
        ("绿色工业园区", "municipal", "绿色制造单位"),
    ]

    # seed 001: an unseen title defined with a short name, which then stands for it
    text = "本办法所称产业技术基础公共服务平台（以下简称服务平台），是…。被认定为服务平台的单位，不再授予服务平台资格。"
    assert {(d.name, d.text) for d in find_designations(text)} == {
        ("产业技术基础公共服务平台", "产业技术基础公共服务平台"),
        ("产业技术基础公共服务平台", "服务平台"),
    }


def test_the_body_that_confers_a_title_gives_its_level_across_a_qualifier() -> None:
    # seed 003: 支持科技创新专项担保计划
    found = find_designations("经省级相关管理部门认定且在存续期内的高新技术中小企业。")
    assert [(d.name, d.level) for d in found] == [("高新技术企业", "provincial")]


def test_a_whole_region_before_a_ranking_is_its_level() -> None:
    assert names("获评全市工业企业50强的企业") == [("工业企业50强", "municipal", False)]
    assert names("获评全国民营企业500强的企业") == [("全国民营企业500强", "national", False)]
    assert names("获评全市优秀企业家个人") == []


def test_a_brands_star_tiers_are_one_title_each_named_as_printed() -> None:
    # 14-guangzhou-huangpu 文旅版权 若干措施 第五条
    text = "对新获评市级红棉五星、红棉四星、红棉三星的民宿，分别最高给予 20 万元、15 万元、10 万元奖励。"
    assert names(text) == [
        ("红棉五星民宿", "municipal", False),
        ("红棉四星民宿", "municipal", False),
        ("红棉三星民宿", "municipal", False),
    ]
    # a verb before the tiers is no brand
    assert all(not n.startswith("评为") for n, _, _ in names("对新评为五星级、四星级的饭店给予奖励。"))


def test_a_zone_brand_before_an_unseen_company_title_is_part_of_its_name() -> None:
    # 北京 导引 card 23: 中关村知识产权领军企业每家支持额度不超过 100 万元
    found = names(
        "中关村知识产权领军企业每家支持额度不超过 100 万元，中关村知识产权示范企业每家不超过 50 万元"
    )
    assert ("中关村知识产权领军企业", None, False) in found
    # the zone itself is no title of the brand's
    assert all(not n.startswith("中关村") for n, _, _ in names("注册在中关村国家自主创新示范区范围内的企业"))


def test_a_ranking_of_companies_a_district_owns_and_star_tiers_after_a_verb() -> None:
    assert names("对首次进入中国民营企业500强的区属企业") == [("中国民营企业500强", "national", False)]
    assert names("对上云达到三星、四星的企业") == []
    assert names("对当年新增五星、四星农家乐") == []


def test_guangdongs_key_technical_equipment_is_the_first_unit_title() -> None:
    # 广东 names its 首台（套） list 重点技术装备 (东莞 2017 notice)
    found = find_designations("2017年度东莞市首台（套）重点技术装备项目")
    assert [m.name for m in found] == ["首台（套）重大装备"]


def test_a_word_that_starts_with_a_levels_character_names_no_level() -> None:
    # 市场 is no 市: no 场服务平台 at the municipal level
    assert [m.name for m in find_designations("中关村多层次资本市场服务平台（基地）建设资金补贴")] != [
        "场服务平台"
    ]
    assert [(m.name, m.level) for m in find_designations("对新认定的市级服务平台给予奖励")] == [
        ("服务平台", "municipal")
    ]


def test_a_zone_a_policy_applies_in_is_no_title() -> None:
    assert find_designations("中关村国家自主创新示范区国际交流合作") == []
