"""Benefit clauses: type, largest amount in 万元, rate; honours are not benefits."""

from __future__ import annotations

from extraction.components.benefits import find_benefits


def facts(text: str, **kw: object) -> list[tuple[str, float | None, float | None]]:
    return [(b.type, b.amount_max_wan, b.rate) for b in find_benefits(text, **kw)]  # type: ignore[arg-type]


def test_some_support_without_an_amount_is_a_grant() -> None:
    assert facts("给予一定资金支持") == [("grant", None, None)]


def test_amounts_in_yi_yuan() -> None:
    text = "经“一事一议”，创新类项目最高给予3000万元综合资助，创业类项目最高给予1亿元综合资助。"
    assert facts(text) == [("grant", 3000.0, None), ("grant", 10000.0, None)]


def test_rate_and_cap_in_one_clause() -> None:
    text = "按不超过项目总投资投入的10%予以补助，单个项目支持额度最高不超过2000万元。"
    assert facts(text) == [("grant", 2000.0, 10.0)]


def test_one_benefit_per_amount_in_a_list() -> None:
    text = "国家级智能制造工厂100万元，优秀场景30万元"
    assert facts(text, bare="reward") == [("reward", 100.0, None), ("reward", 30.0, None)]


def test_types_from_the_lexicon() -> None:
    assert facts("对“苏体贷”贷款给予1.2个百分点的利息补贴，实施贴息和担保费补贴")[0][0] == "interest_subsidy"
    assert facts("允许先进制造业企业按照当前可抵扣进项税额加计5%抵减应纳税额")[0][:1] == ("tax_credit",)
    # the stated maximum, not the regional exception in brackets
    assert facts("省科技创新券对单个企业一个年度内的支持总额最高不超过10万元（苏北五市14万元）") == [
        ("voucher", 10.0, None)
    ]
    assert facts("绿色债券贴息") == [("interest_subsidy", None, None)]  # 债券 is not a 券


def test_an_honour_is_not_a_benefit() -> None:
    assert facts("授予“专精特新小巨人”称号") == []


def test_prose_needs_an_amount_and_a_giving_verb() -> None:
    prose = "省体育局联合省财政厅、省委金融办推出“苏体贷”金融产品及支持政策。项目贷款原则上单户享受补贴的贷款额度最高不超过3000万元。"
    assert facts(prose, prose=True) == [("loan", 3000.0, None)]


def test_a_list_of_title_rewards_gives_one_reward_per_amount() -> None:
    text = "省级制造业单项冠军（产品）企业 20-30 万元、智能制造 30 万元、两化融合 10 万元"
    assert facts(text) == [("reward", 30.0, None), ("reward", 30.0, None), ("reward", 10.0, None)]


def test_the_loan_size_is_not_the_interest_subsidy() -> None:
    text = "项目贷款原则上单户享受贴息的贷款额度最高不超过3000万元。"
    assert facts(text) == [("interest_subsidy", None, None)]


def test_a_sum_beside_a_rate_per_unit_is_the_benefit() -> None:
    # 14-huangpu 第十七条
    text = "最高给予实际租金 50%的扶持（扶持金额每月每平方米最高 50 元），扶持期限最多 3 年，每家企业机构每年给予最高 50 万元扶持。"
    assert [b.amount_max_wan for b in find_benefits(text)] == [50.0]


def test_a_bracketed_heading_does_not_type_the_first_amount() -> None:
    text = "第三条 【支持企业上云】对获评省级星级上云企业的，分别给予5万元、10万元、20万元奖励。"
    assert facts(text) == [("reward", 5.0, None), ("reward", 10.0, None), ("reward", 20.0, None)]


def test_a_numbered_heading_that_only_names_an_aim_gives_nothing() -> None:
    text = (
        "三、强化金融支持。对获得技改贷款的企业，按实际支付利息的50%给予贴息，单个企业年度贴息最高100万元。"
    )
    assert facts(text) == [("interest_subsidy", 100.0, 50.0)]
    assert facts("（一）给予一定资金支持") == [("grant", None, None)]  # a heading that gives
    assert facts("1.无偿资助") == [("grant", None, None)]  # a kind of benefit, listed


def test_a_rent_waived_is_other_support_not_a_tax_benefit() -> None:
    assert facts("给予3年房租减免，第一年全免，第二、三年减半。") == [("other", None, None)]
    assert facts("给予50%的租金减免，最高20万元。") == [("other", 20.0, 50.0)]
    assert facts("减免企业所得税。") == [("tax_credit", None, None)]


def test_a_share_of_rent_paid_back_is_a_grant() -> None:
    assert facts("按其减免房租金额的50%给予补贴") == [("grant", None, 50.0)]


def test_a_voucher_of_any_kind_is_a_voucher_but_securities_are_not() -> None:
    # seed 001, 江苏省“人工智能＋”行动方案 24.加速算法模型研发
    assert facts("支持各地发放“模型券”，降低企业成本。") == [("voucher", None, None)]
    assert facts("对在证券交易所上市的企业给予500万元奖励。") == [("reward", 500.0, None)]


def test_the_step_a_reward_is_counted_in_and_the_size_of_a_loan_are_no_sums_paid() -> None:
    from extraction.components.benefits import find_benefits

    step = "按每新增1亿元奖励10万元的标准给予奖励，单户企业最高不超过50万元。"
    assert sorted(b.amount_max_wan or 0 for b in find_benefits(step)) == [10.0, 50.0]
    loan = "对单户1000万元（含）以下贷款担保，按实际缴纳担保费的50%给予担保费补贴，单户企业年度补贴最高不超过20万元。"
    assert [(b.type, b.amount_max_wan) for b in find_benefits(loan)] == [("guarantee", 20.0)]


def test_a_bare_cap_on_the_next_line_bounds_the_benefit_above_it() -> None:
    found = find_benefits("🔹 按贷款市场报价利率的50%给予贴息\n📌 每家企业每年最高50万元")
    assert [(b.type, b.amount_max_wan, b.rate) for b in found] == [("interest_subsidy", 50.0, 50.0)]
    # a cap with words between it and a benefit of its own amount is its own
    found = find_benefits("给予贴息50万元。另对设备投资最高补助100万元。")
    assert [(b.type, b.amount_max_wan) for b in found] == [("interest_subsidy", 50.0), ("grant", 100.0)]


def test_a_share_of_a_premium_paid_back_is_an_insurance_subsidy() -> None:
    text = "对企业投保首台（套）重大技术装备综合保险的，按实际支付保费的80%给予补贴，每家企业每年最高50万元。"
    assert [(b.type, b.amount_max_wan) for b in find_benefits(text)] == [("insurance_subsidy", 50.0)]
    text = "对融资担保机构按担保费的50%给予补贴，最高100万元。"
    assert find_benefits(text)[0].type != "insurance_subsidy"


def test_each_cell_of_a_tab_separated_tier_row_is_a_benefit() -> None:
    # heldout12 j02: 人才类别 | 安家费 | 购房补贴（最高） | 生活补贴（每月）, a row per tier
    assert facts("A类\t100万元\t150万元\t10000元\t5年") == [
        ("grant", 100.0, None),
        ("grant", 150.0, None),
        ("grant", 1.0, None),
    ]


def test_a_refund_is_a_grant_and_a_lowered_threshold_pays_nothing() -> None:
    assert facts("中小微企业按上年度实际缴纳失业保险费的60%返还，大型企业按30%返还。")[0][0] == "grant"
    # 降至200万元 lowers the investment asked for; the benefit is the 10% up to 500万元
    text = "按项目设备投资额的10%给予补助，单个项目最高500万元。项目设备投资额须达到500万元以上，专精特新中小企业降至200万元。"
    found = facts(text)
    assert found[0] == ("grant", 500.0, 10.0) and all(amount != 200.0 for _, amount, _ in found)


def test_a_title_with_no_money_is_no_benefit() -> None:
    # heldout12 g04: a recognition listed among paid items says it pays nothing
    assert facts("经评审认定的，授予“安庆市企业技术中心”称号，有效期三年。本事项不设资金奖励。") == []
