"""Policy cards (the Beijing guide's shape): one numbered title and the same labelled fields per card."""

from __future__ import annotations

from extraction.document import FieldName
from extraction.readers.cards import read_cards


def _card(n: int, head: str, full: str) -> str:
    return (
        f"{n}. {head}\n{full}\n依据文件 《某某办法》\n发文机构 北京市广播电视局\n"
        f"服务内容\n对符合条件的项目给予资金支持。\n联络方式 北京市广播电视局：5556534{n}\n"
    )


def test_a_numbered_title_wrapped_onto_the_next_line_runs_on_to_it() -> None:
    # Beijing guide card 5: the title wraps after 项目, then the card prints it again in full
    text = _card(
        1,
        "关于组织开展中央文化产业发展专项资金推动影视产业发展项目\n（电视剧、纪录片、动画片）申报工作",
        "关于组织开展中央文化产业发展专项资金推动影视产业发展项目（电视剧、纪录片、动画片）申报工作",
    )
    text += "".join(_card(n, f"北京市第{n}项支持政策", f"北京市第{n}项支持政策") for n in range(2, 6))
    cards = read_cards(text)
    assert cards is not None
    assert (
        cards[0].title
        == "关于组织开展中央文化产业发展专项资金推动影视产业发展项目（电视剧、纪录片、动画片）申报工作"
    )
    assert [c.title for c in cards[1:]] == [f"北京市第{n}项支持政策" for n in range(2, 6)]


def test_a_card_title_printed_twice_is_one_title() -> None:
    # 北京 导引 card 23: a title a full line long, printed again under itself, in a page of full lines
    title = "中关村国家自主创新示范区支持加强知识产权、技术标准创制运用"
    card = (
        "{n}."
        + title
        + "\n"
        + title
        + "\n依据文件 《中关村国家自主创新示范区优化创新创业生态支持资金管理办法》\n"
        "服务内容\n对获得国家知识产权示范企业认定的中关村企业给予一百万元资金支持，用于知\n"
        "识产权创造、运用、保护和管理能力建设，支持资金采取后补助方式拨付。\n"
        "联络方式 北京市科学技术委员会、中关村科技园区管理委员会：5557234{n}\n"
    )
    cards = read_cards("".join(card.format(n=n) for n in range(1, 6)))
    assert cards is not None and [c.title for c in cards] == [title] * 5


def test_the_next_number_of_the_level_above_ends_the_last_card() -> None:
    # a 申报指南's directions （一）…（五） under 一、支持方向, then the notice's 二、申报条件 (heldout10 l02):
    # no field of the last direction; a card's own 一、… items do not end it
    directions = "".join(
        f"（{'一二三四五'[n]}）数字化方向{n + 1}\n支持对象：区内企业。\n支持方式：奖励。\n支持标准：给予{10 * (n + 1)}万元奖励。\n"
        for n in range(5)
    )
    text = (
        "一、支持方向\n"
        + directions.replace("支持方式：奖励。\n", "支持方式：奖励。\n一、先评审\n", 1)
        + "二、申报条件\n（一）共性条件\n1.在区内注册。\n五、受理单位及联系方式\n软件处（支持方向一、三、五）：0951-5045176\n"
    )
    cards = read_cards(text)
    assert cards is not None and [c.title for c in cards] == [f"数字化方向{n}" for n in range(1, 6)]
    assert "给予10万元奖励" in cards[0].text_of(FieldName.BENEFIT)  # after its own 一、先评审
    assert cards[-1].fields[-1].text == "给予50万元奖励。"
    assert all("区内注册" not in f.text and "0951" not in f.text for f in cards[-1].fields)


def test_contact_lines_name_directions_by_number_and_local_intake_offices_serve_every_direction() -> None:
    # heldout10 l02's shape: 软件处（支持方向一、三、五）：…, a 资金拨付 line (no direction's), and a list
    # of the cities' 受理单位 under its own heading (every direction's)
    from extraction.readers import read_text

    directions = "".join(
        f"（{'一二三四五'[n]}）数字化方向{n + 1}\n支持对象：区内企业。\n支持标准：给予{10 * (n + 1)}万元奖励。\n"
        for n in range(5)
    )
    text = (
        "关于组织申报2025年自治区数字经济发展专项资金项目的通知\n一、支持方向\n"
        + directions
        + "二、受理单位及联系方式\n"
        "（一）自治区工业和信息化厅\n软件和信息服务业处（支持方向一、三、五）：0951-5045176\n"
        "信息化推进处（支持方向二、四）：0951-5045183\n（二）自治区财政厅经济建设处（资金拨付）：0951-5069312\n"
        "（三）各地受理单位\n石嘴山市工业和信息化局　0952-2012675\n吴忠市工业和信息化局　0953-2136519\n"
    )
    units = [u for u in read_text(text, name="guide.txt").units if u.kind.value == "program"]
    contacts = {u.title: u.text_of(FieldName.CONTACT) for u in units}
    assert "5045176" in contacts["数字化方向3"] and "5045183" not in contacts["数字化方向3"]
    assert "5045183" in contacts["数字化方向4"]
    assert all("2012675" in c and "2136519" in c and "5069312" not in c for c in contacts.values())


def test_a_cards_number_set_apart_from_its_title_numbers_it_and_ends_the_phone_above() -> None:
    # 宝鸡-like 政策明白卡 printed to PDF (heldout11 e03): "2 专精特新…奖励" under "…0917-3262318" is the
    # next card, not the phone's last digit; the cards win over headings the field reader makes of them
    from extraction.readers import read_text

    text = "惠企政策明白卡\n" + "".join(
        f"{n} 第{n}项惠企奖励政策\n支持内容\n对符合条件的企业一次性奖励{n}0万元。\n申报条件\n在本市注册登记。\n"
        f"咨询电话：市工信局中小企业科 0917-326231{n}\n"
        for n in range(1, 7)
    )
    cards = read_cards(text)
    assert cards is not None and [c.title for c in cards] == [f"第{n}项惠企奖励政策" for n in range(1, 7)]
    assert cards[0].text_of(FieldName.CONTACT).endswith("0917-3262311")
    programs = [u.title for u in read_text(text, name="card.pdf.txt").units if u.kind.value == "program"]
    assert programs == [f"第{n}项惠企奖励政策" for n in range(1, 7)]


def test_cards_numbered_by_section_and_item_are_named_by_their_policy_name() -> None:
    # 衢州 汇编-like PDF (heldout14 o01): "2-01 技术改造" heads a category; 政策名称 names the program;
    # a card's code after a phone is not the phone's wrapped tail
    from extraction.readers import read_text

    names = [
        "工业企业技术改造项目补助",
        "数字化改造示范奖励",
        "高新技术企业认定奖励",
        "制造业中小企业贷款贴息",
        "绿色低碳发展奖励",
    ]
    heads = ["技术改造", "数字化改造", "高新技术企业", "融资支持", "绿色低碳"]
    text = "".join(
        f"2-0{k} {heads[k - 1]}\n政策名称 {name}\n政策依据 衢政发〔2025〕4号第{k}条\n扶持对象 市区工业企业\n扶持标准\n"
        f"对新认定的省级企业，奖励{10 * k}万元。\n兑现流程 企业申报 → 审核 → 资金拨付\n"
        f"咨询方式 市经信局某科　0570-306821{k}\n"
        for k, name in enumerate(names, start=1)
    )
    cards = read_cards(text)
    assert cards is not None and [c.title for c in cards] == names
    assert [c.number for c in cards] == [1, 2, 3, 4, 5]
    doc = read_text(text, name="o01.txt")
    assert [u.title for u in doc.units if u.kind.name == "PROGRAM"] == names
