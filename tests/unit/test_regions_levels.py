"""Regions and level phrases on real snippets."""

from __future__ import annotations

import pytest

from extraction.components.levels import level_before, level_in
from extraction.components.regions import find_regions
from extraction.lexicons import regions


def test_regions_full_and_short_names_resolve_to_one_region() -> None:
    text = "徐州市工业和信息化局；鄂州市经信局；江苏省中小企业发展中心；徐州"
    found = [(m.region.name, m.region.level) for m in find_regions(text)]
    assert found == [
        ("徐州市", "municipal"),
        ("鄂州市", "municipal"),
        ("江苏省", "provincial"),
        ("徐州市", "municipal"),
    ]


def test_region_table_has_parents_and_area_codes() -> None:
    table = regions()
    assert table.get("徐州").area_code == "0516"  # type: ignore[union-attr]
    assert table.get("鄂州市").parent == "湖北省"  # type: ignore[union-attr]
    assert table.province_of(table.get("南京市")).name == "江苏省"  # type: ignore[union-attr]
    assert table.get("江苏省").area_code == "025"  # the capital's  # type: ignore[union-attr]
    # every prefecture-level city of a province, not its capital alone (宁夏's 受理单位 list)
    assert [table.get(c).area_code for c in ("石嘴山", "吴忠市", "固原", "中卫")] == [  # type: ignore[union-attr]
        "0952",
        "0953",
        "0954",
        "0955",
    ]


@pytest.mark.parametrize(
    ("text", "level", "at_least", "levels"),
    [
        ("①项目的申报主体须为省级（含）以上", "provincial", True, ("provincial",)),
        ("已认定为国家级", "national", False, ("national",)),
        ("获得国家、省", "provincial", True, ("national", "provincial")),
        ("江苏省", "provincial", False, ("provincial",)),
        ("企业具有市级", "municipal", False, ("municipal",)),
        # Recognised at any of the levels: one minimum; 区 names a district only in the enumeration
        # (14-guangzhou-huangpu: 经省、市、区相关部门认定的影视拍摄基地).
        ("强化微短剧拍摄基地协同联动，经省、市、区相关部门认定的", "district", True, ("district",)),
        ("经国家、省、市、区认定的", "district", True, ("district",)),
        ("经国家或省有关部门认定的", "provincial", True, ("provincial",)),
        # either will do: the lower is the minimum, one requirement (seed 003: 国家或省实验室)
        ("原则上应为国家或省", "provincial", True, ("provincial",)),
        ("申报主体应为国家级或省级", "provincial", True, ("provincial",)),
        # both are named: one title at each level
        ("国家、省", "provincial", True, ("national", "provincial")),
        # a level with its equals in brackets (北京 导引 card 10: 认定为区（行业）级技能大师工作室)
        ("已被区人力资源社会保障局认定为区（行业）级", "district", False, ("district",)),
        ("县（市、区）级", "district", False, ("district",)),
        ("市（州）级", "municipal", False, ("municipal",)),
    ],
)
def test_level_phrase_before_a_mention(
    text: str, level: str, at_least: bool, levels: tuple[str, ...]
) -> None:
    phrase = level_before(text, len(text))
    assert phrase is not None
    assert (phrase.level, phrase.at_least, phrase.levels) == (level, at_least, levels)


def test_no_level_phrase_when_none_is_printed() -> None:
    assert level_before("申报企业须为已认定的", len("申报企业须为已认定的")) is None
    # 区 and 县 alone are parts of names, not levels, outside an enumeration
    assert level_before("企业入驻本区", len("企业入驻本区")) is None
    assert level_before("省外、县", len("省外、县")) is None


def test_level_of_a_title() -> None:
    assert level_in("国家级专精特新“小巨人”企业申报") == "national"
    assert level_in("江苏省企业技术中心") == "provincial"
    assert level_in("专精特新小巨人企业") is None


def test_the_body_that_recognised_a_title_gives_its_level() -> None:
    text = "对经广东省工业和信息化厅认定为首台（套）重大技术装备的产品，按销售额的20%给予奖励"
    found = level_before(text, text.index("首台"))
    assert found is not None and found.level == "provincial"
