"""Outline numbering markers of Chinese official documents: 第一章 / 第一条 / 一、 / （一） / 1. / （1） / ①."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.numerals import chinese_integer

_CN = "一二三四五六七八九十百零〇"

_LABELS = (
    r"(?:划重点|政策原文|原文|来源|编辑|责编|审核|导读|提示|温馨提示|解读|附件|链接|注|小编|一图读懂"
    r"|政策咨询|咨询方式|联系方式|咨询电话|联系电话|申报流程|申报方式|办理流程)"
)
# the words a guide numbers its directions and projects with (专项一：, 项目2：)
_LABEL_WORDS = "(?:专项|专题|方向|类别|领域|任务|板块|事项|项目|支持方向|重点方向|申报方向)"
_BULLET = "[▶►▷●■◆◇★☆➤➢✦•▪🔸🔹🔶🔷📌✅☑✔💡📞☎]\ufe0f?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chap", re.compile(rf"^第\s*(?P<n>[{_CN}\d]{{1,4}})\s*章\s*")),
    ("sect", re.compile(rf"^第\s*(?P<n>[{_CN}\d]{{1,4}})\s*节\s*")),
    # (not 第六条、第七条由…受理: a hard-wrapped line that starts with references to articles)
    # (nor 第七条 绿色工厂 50 20 —, a row of a table keyed by the articles it serves: cells of figures)
    (
        "art",
        re.compile(
            rf"^第\s*(?P<n>[{_CN}\d]{{1,4}})\s*条(?!\s*[、，,和及至或与第])(?!\s*[^\s\d]{{2,24}}\s*(?:\d+(?:\.\d+)?|[—–-]+)(?:\s+(?:\d+(?:\.\d+)?|[—–-]+))+(?:\s|$|[^\d\s.万亿元%]))\s*[:：]?\s*"
        ),
    ),
    ("cn", re.compile(rf"^(?P<n>[{_CN}]{{1,4}})\s*[、．.]\s*")),
    ("pcn", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,4}})\s*[)）]\s*[、.．]?\s*")),
    ("par", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.．]?\s*")),
    ("circ", re.compile(r"^(?P<n>[①-⑳])\s*")),
    # 1️⃣ / 🔟: a WeChat or forum post's keycap emoji
    ("key", re.compile("^(?P<n>\\d\ufe0f?\u20e3|\U0001f51f)\\s*")),
    # ⑴ / ⒈: the single characters some word processors print for (1) and 1.
    ("par", re.compile(r"^(?P<n>[⑴-⒇])\s*")),
    ("ar", re.compile(r"^(?P<n>[⒈-⒛])\s*")),
    # "1." / "1、" / "1．" but not a decimal or a date ("1.5", "2024.3")
    # (7.5G工厂奖励: item 7 about 5G factories, not the number 7.5)
    ("ar", re.compile(r"^(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d{1,3}(?:[^\dGg]|$)))\s*")),
    # 【一】支持企业增资扩产 / 【3】…: a number in brackets numbers an article's measures
    ("bnum", re.compile(rf"^【\s*(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})\s*】\s*")),
    # ▶【梯度培育奖励】 / 【研发投入补助】 / ✅ 支持建设5G工厂: a WeChat reprint heads its measures with
    # brackets or a bullet before a short line of its own, unnumbered
    # (not an article's labels: 【划重点】, 【政策原文】, 【来源】)
    # 01 / 02 … on a line of its own, or before a bar (01丨支持企业增资扩产): a WeChat article's cards.
    # 1–9 must be zero-padded, so "20 万元" broken off a line numbers nothing.
    # (or inside a card's rules: ━━ 01 梯度培育奖励 ━━; a bare "01 梯度培育奖励" may be a list of contents)
    (
        "pad",
        re.compile(
            r"^(?P<n>0[1-9]|[1-9]\d)\s*(?:$|[|丨｜]\s*(?=\S)|\s+(?=(?![万亿元个家人年月日号])[\u4e00-\u9fff（）()]{2,16}\s*[━─═]{2,}\s*$))"
        ),
    ),
    # 01 🏭 支持技术改造: a card's number before the icon that leads its title
    ("pad", re.compile("^(?P<n>0[1-9]|[1-9]\\d)\\s+(?=[\U0001f300-\U0001faff\u2600-\u27bf])")),
    # 🔹01 支持企业开拓境外市场: a card's number after the bullet that leads it
    (
        "pad",
        re.compile(
            rf"^{_BULLET}\s*(?P<n>0[1-9]|[1-9]\d)\s*(?=(?![万亿元个家人年月日号])[\u4e00-\u9fff（）()“”、]{{2,24}}$)"
        ),
    ),
    # 项目一：工业企业技术改造补助 / 专项2：…: a guide numbers its directions with a label word
    # (专项一：中小企业处　韦海宁　0771-…, a contact line that routes by the label, is none)
    (
        "lbl",
        re.compile(
            rf"^{_LABEL_WORDS}(?P<n>[{_CN}]{{1,3}}|\d{{1,2}})\s*[：:]\s*(?=[^\n]*$)(?![^\n]*\d{{5}})(?=\S)"
        ),
    ),
    ("brk", re.compile(rf"^(?P<n>)(?:{_BULLET}\s*)?(?=【(?!{_LABELS})[^】\n]{{2,20}}】\s*$)")),
    ("blt", re.compile(rf"^(?P<n>){_BULLET}\s*(?=(?![^\n]*\d{{5}})[^。，；：:,;！!？?\n]{{2,24}}$)")),
)


# 专题一：中小企业数字化转型 / 方向2：…: a label that numbers a direction before the words naming it
NUMBERED_LABEL = re.compile(rf"^{_LABEL_WORDS}[一二三四五六七八九十\d]{{1,3}}\s*[：:]\s*(?=\S)")


@dataclass(frozen=True)
class Marker:
    style: str  # chap | sect | art (第X章/节/条) | cn | pcn | ar | par | circ | key (1️⃣) | bnum (【一】) | pad (01) | brk (▶【…】) | head (an unnumbered heading) | doc (a compilation's policy): prose.py
    number: int
    length: int  # characters the marker (and the spaces after it) takes


def cn_number(s: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零一 -> 101."""
    return chinese_integer(s)


def parse_marker(text: str) -> Marker | None:
    """The numbering marker at the very start of `text`, if any."""
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            n = m.group("n")
            if style in ("cn", "pcn", "chap", "sect", "art", "bnum", "pad", "lbl"):
                number = int(n) if n.isdigit() else cn_number(n)
            elif style in ("brk", "blt"):
                number = 0  # unnumbered: every bracket heading is the next item
            elif style == "circ":
                number = ord(n) - ord("①") + 1
            elif style == "key":
                number = 10 if n == "\U0001f51f" else int(n[0])
            elif "⑴" <= n <= "⒇":
                number = ord(n) - ord("⑴") + 1
            elif "⒈" <= n <= "⒛":
                number = ord(n) - ord("⒈") + 1
            else:
                number = int(n)
            return Marker(style, number, m.end())
    return None
