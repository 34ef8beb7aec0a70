"""Chinese numerals, shared by the outline-numbering reader (第十二条) and the amount parser (五十万元)."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
CHARS = "".join(DIGITS) + "".join(UNITS)


def chinese_integer(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零一 -> 101, 一千五百 -> 1500; other characters are ignored."""
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit
