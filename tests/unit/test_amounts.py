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
