"""Amounts in 万元 / 亿元 / 元 and Chinese numerals, caps, thresholds and rates."""

from __future__ import annotations

import pytest

from extraction.components.amounts import cn_number, find_amounts, find_rates


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("创业类项目最高给予1亿元综合资助", 10000.0),
        ("单个项目支持额度最高不超过2000万元", 2000.0),
        ("省级制造业单项冠军（产品）企业 20-30 万元", 30.0),
        ("奖励二百万元", 200.0),
        ("补助3000元/人", 0.3),
        ("工业设计企业 30 万、", 30.0),
    ],
)
def test_amounts_are_converted_to_wan(text: str, wan: float) -> None:
    assert [a.wan for a in find_amounts(text)] == [wan]


def test_caps_and_thresholds() -> None:
    text = "择优遴选总投资1000万元以上的新开工数字经济项目补助金额不超过500万元"
    amounts = find_amounts(text)
    assert [(a.wan, a.threshold, a.cap) for a in amounts] == [(1000.0, True, False), (500.0, False, True)]


def test_a_scheme_total_is_not_a_per_applicant_amount() -> None:
    [amount] = find_amounts("再贷款额度5000亿元")
    assert amount.threshold


def test_rates_need_a_benefit_cue_and_skip_conditions() -> None:
    assert [r.percent for r in find_rates("按不超过项目总投资投入的10%予以补助")] == [10.0]
    assert find_rates("主营业务收入总额占营业收入总额比重不低于70%") == []


def test_chinese_numerals() -> None:
    assert cn_number("一千五百") == 1500
    assert cn_number("十") == 10
    assert cn_number("1,000") == 1000


def test_the_items_of_a_list_of_thresholds_are_thresholds() -> None:
    # 25-shaoxing: sales thresholds, then the rewards for reaching them
    text = "集成电路企业当年销售首次超过5000 万元、1亿元、5 亿元、10 亿元的,分别一次性奖励 20 万元、50 万元、100万元、200 万元。"
    assert [(a.wan, a.threshold) for a in find_amounts(text)] == [
        (5000.0, True),
        (10000.0, True),
        (50000.0, True),
        (100000.0, True),
        (20.0, False),
        (50.0, False),
        (100.0, False),
        (200.0, False),
    ]


@pytest.mark.parametrize(
    ("text", "per_unit"),
    [
        ("（扶持金额每月每平方米最高 50 元）", [True]),  # 14-huangpu
        ("按照 10 元/公斤的标准给予氢气运营补贴", [True]),  # Beijing guide, 氢能
        ("每家企业最高奖励100万元", [False]),  # per company: what a cap counts in
        ("每件给予1000元资助", [False]),  # per patent: a payment per item, kept
    ],
)
def test_an_amount_per_physical_unit_is_a_rate(text: str, per_unit: list[bool]) -> None:
    assert [a.per_unit for a in find_amounts(text)] == per_unit


def test_bare_numbers_under_a_column_that_names_the_unit_are_amounts() -> None:
    text = "序号\t认定类别\t奖励金额（万元）\n1\t专精特新中小企业\t15\n2\t创新型中小企业\t3\n3\t其他\t500元"
    assert [(a.text, a.wan) for a in find_amounts(text)] == [("15", 15.0), ("3", 3.0), ("500元", 0.05)]
