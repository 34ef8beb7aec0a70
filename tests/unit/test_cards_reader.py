"""Policy cards (the Beijing guide's shape): one numbered title and the same labelled fields per card."""

from __future__ import annotations

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
