"""Contact offices and phones: several pairs in one cell, inferred area codes, shared codes."""

from __future__ import annotations

from dataclasses import replace

from extraction.components.context import Context
from extraction.components.phones import find_contacts
from extraction.lexicons import regions

XUZHOU = Context(regions().get("江苏省"), regions().get("徐州市"), "contact")


def test_several_offices_in_one_cell_and_the_body_carries_over() -> None:
    text = "市工信局综合规划处 83735577；技术创新处 80801826；信息化发展处 83732089；市财政局工贸处 83736166"
    found = [
        (c.office, [p.normalised for p in c.phones], [p.printed for p in c.phones])
        for c in find_contacts(text, XUZHOU)
    ]
    assert found == [
        ("徐州市工业和信息化局综合规划处", ["0516-83735577"], ["83735577"]),
        ("徐州市工业和信息化局技术创新处", ["0516-80801826"], ["80801826"]),
        ("徐州市工业和信息化局信息化发展处", ["0516-83732089"], ["83732089"]),
        ("徐州市财政局工贸处", ["0516-83736166"], ["83736166"]),
    ]


def test_a_second_number_shares_the_first_ones_area_code() -> None:
    [c] = find_contacts("联系方式:工业和信息化部\n010-62300441、62300030", XUZHOU)
    assert c.office == "工业和信息化部"
    assert [p.normalised for p in c.phones] == ["010-62300441", "010-62300030"]


def test_a_provincial_office_takes_the_capitals_code() -> None:
    [c] = find_contacts("省工信厅中小企业局 69652749", XUZHOU)
    assert c.office == "江苏省工业和信息化厅中小企业局"
    assert [p.normalised for p in c.phones] == ["025-69652749"]


def test_printed_area_codes_are_kept() -> None:
    [c] = find_contacts("市工信局中小企业综合协调处      0516-83861958", XUZHOU)
    assert [p.normalised for p in c.phones] == ["0516-83861958"]


def test_prose_needs_a_phone_cue() -> None:
    prose = Context(XUZHOU.province, XUZHOU.city, "body")
    assert find_contacts("全市GDP突破10000亿元，新增企业83735577家", prose, prose=True) == []
    [c] = find_contacts("联系人：王某，联系电话：025-83235635", prose, prose=True)
    assert [p.normalised for p in c.phones] == ["025-83235635"]


def test_a_phone_on_its_own_line_after_a_blank_one_belongs_to_the_office_above() -> None:
    shenzhen = Context(regions().get("广东省"), regions().get("深圳市"), "contact")
    [c] = find_contacts("📞 联系方式：深圳市地方金融管理局\n\n电话：0755—88127733", shenzhen)
    assert (c.office, [p.normalised for p in c.phones]) == ("深圳市地方金融管理局", ["0755-88127733"])


def test_a_number_a_hard_wrapped_line_broke_is_one_number_pointing_at_its_printed_span() -> None:
    xian = Context(regions().get("陕西省"), regions().get("西安市"), "contact")
    text = "省工业和信息化厅投资与规划处，86\n861234；省财政厅经济建设处，0\n29-86862234。"
    found = [(p.normalised, text[p.start : p.end]) for c in find_contacts(text, xian) for p in c.phones]
    assert found == [("029-86861234", "86\n861234"), ("029-86862234", "0\n29-86862234")]
    # digits broken over two lines with no contact near are left alone
    assert find_contacts("2024\n2025年度", xian) == []


def test_a_whole_number_at_a_lines_end_is_not_mended_onto_the_next_line() -> None:
    chengdu = Context(regions().get("四川省"), regions().get("成都市"), "contact")
    cases = {
        "联系电话：87051234\n2026年3月1日": [["028-87051234"]],
        "联系电话：0512-68661234\n0512-68661235": [["0512-68661234", "0512-68661235"]],
        "1.市工信局，联系电话：87654321\n2.市财政局": [["028-87654321"]],
    }
    for text, expected in cases.items():
        assert [[p.normalised for p in c.phones] for c in find_contacts(text, chengdu)] == expected, text


def test_the_office_printed_in_brackets_after_the_number() -> None:
    # a district guide's 咨询电话：0851-…（区工业和信息化局投资与技术改造股）
    zunyi = Context(regions().get("贵州省"), regions().get("遵义市"), "contact")
    contacts = find_contacts("0851-28632316（区工业和信息化局投资与技术改造股）", zunyi)
    assert len(contacts) == 1
    assert contacts[0].office is not None and contacts[0].office.endswith("工业和信息化局投资与技术改造股")
    assert contacts[0].phones[0].normalised == "0851-28632316"


def test_a_division_alone_in_a_column_of_divisions_is_the_issuing_bureaus() -> None:
    # 邯郸-like joint notice: 责任科室及电话 | 投资与规划科 0310-3155216 (a column of the issuer's divisions)
    handan = Context(regions().get("河北省"), regions().get("邯郸市"), "contact")
    issued = replace(handan, heading="责任科室及电话", issuer="邯郸市工业和信息化局邯郸市财政局")
    contacts = find_contacts("投资与规划科 0310-3155216", issued)
    assert contacts[0].office == "邯郸市工业和信息化局投资与规划科"
    # a contact section (no column of divisions) says nothing of whose division it is
    assert (
        find_contacts("投资与规划科 0310-3155216", replace(issued, heading="联系方式"))[0].department is None
    )
