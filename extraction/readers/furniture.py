"""Repair the furniture of PDF and web-copy text before its structure is read.

Text taken from a PDF or copied from a web page breaks lines inside sentences and numbers
("…最高不超过\\n200万元", "20\\n万元"), prints page numbers and running headers, puts spaces between
Chinese characters or around numbers ("5000 万元", "政 策"), and mixes full-width digits in. `repair`
gives a view of the text with those mended, one paragraph per line, where every character remembers
the document offset it came from (`Clean`), so units read from the view map back onto the document.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from extraction.readers.cleaner import Clean
from extraction.readers.fields import lexicon
from extraction.readers.numbering import parse_marker

# Characters a sentence or a heading may end with; a line that ends otherwise continues below.
_CLOSERS = "。！？!?；;：:…”’」』）)】》"
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·•]*(?:第\s*\d{1,4}\s*页(?:\s*[/，,共]\s*\d{1,4}\s*页?)?|\d{1,4})[\s\-—–·•]*$"
)
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# A digit run broken from its unit or its other half: "20\n万元", "3\n亿元", "1\n0%".
_NUMBER_TAIL = re.compile(r"^[\d.．%％万亿元千百]")
# full-width digits and stops, and the small stop of 1﹒
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％．"} | {ord("﹒"): ord(".")}
_SPACE = " \t\u3000\xa0\u2002\u2003\u2009\f\v\r"
_BENEFIT_START = re.compile(r"^(?:一次性)?(?:给予|奖励|补助|补贴|资助)[^。；;，,\n]{0,10}?\d")
_RELATIVE_SUBJECT = re.compile(r"的[^，。；！？,;!?]{0,24}$")
_AMOUNT_START = re.compile(r"^\d+(?:\.\d+)?\s*(?:万|亿|元|%|％|倍)")
# A paragraph this long that holds numbered items has lost its line breaks.
_PACKED = 200
_SENTENCE_END = "。；;）)〕！？"
_ITEM_STYLES = ("chap", "art", "cn", "pcn", "ar")
# Words a heading or a sentence never ends with: the line goes on below.
_PARTICLES = "的地得和与及或在对向从把被为之等"
# Lines of the furniture kind: how a new paragraph looks in prose (a marker, a bracket heading, a
# field label such as 联系人：).
_PARAGRAPH_START = re.compile(
    r"^(?:【|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|附件|联系|咨询|抄送|注[:：])"
)


@lru_cache(maxsize=4)  # the card and prose readers both ask for one document's view
def repair(text: str) -> Clean:
    """The text with hard line breaks inside sentences joined, page numbers and running headers
    dropped, spaces next to Chinese characters removed and full-width digits made ASCII."""
    lines = _lines(text)
    headers = _running_headers(lines, text)
    cards = _card_numbers(lines, text)
    footer = _site_footer(lines, text) | _article_tail(lines, text) | _digest(lines, text)
    dropped = {
        i
        for i, (a, b) in enumerate(lines)
        if i in footer or (i not in cards and _furniture(text[a:b], headers))
    }
    dropped -= _phone_tails(lines, text, dropped)
    bridged = _page_break_blanks(lines, text, dropped)
    kept = [(a, b) for i, (a, b) in enumerate(lines) if i not in dropped and i not in bridged]
    # the first line of a page (after a page number and its margin): a sentence left unfinished
    # at the foot of the page goes on here
    page_starts = {lines[i + 1][0] for i in sorted(dropped | bridged) if i + 1 < len(lines)}
    width = wrap_width([text[a:b].strip(_SPACE) for a, b in kept])
    chars: list[str] = []
    offs: list[int] = []
    prev_line = para = ""  # the line before, and the paragraph it ends
    for a, b in kept:
        line = text[a:b]
        stripped = line.strip(_SPACE)
        if not stripped:
            if chars and chars[-1] != "\n":
                chars.append("\n")
                offs.append(a)
            prev_line = ""
            continue
        joined = (
            bool(chars)
            and chars[-1] == "\n"
            and bool(prev_line)
            and (
                continues(prev_line, stripped, width, para)
                or (a in page_starts and _unfinished(prev_line, stripped))
            )
        )
        para = para + stripped if joined else stripped
        if joined:
            chars.pop()
            offs.pop()
            if (
                prev_line[-1].isascii()
                and prev_line[-1].isalnum()
                and stripped[0].isascii()
                and stripped[0].isalpha()
            ):
                chars.append(" ")
                offs.append(a)
        lead = len(line) - len(line.lstrip(_SPACE))
        _put_line(line[lead:], a + lead, chars, offs)
        chars.append("\n")
        offs.append(b)
        prev_line = stripped
    return Clean("".join(chars), tuple(offs))


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _running_headers(lines: list[tuple[int, int]], text: str) -> set[str]:
    """Short lines printed next to a page break again and again (a running title)."""
    near: Counter[str] = Counter()
    for i, (a, b) in enumerate(lines):
        if "\f" not in text[a:b]:
            continue
        for j in (*range(max(0, i - 3), i), *range(i + 1, min(len(lines), i + 4))):
            s = text[lines[j][0] : lines[j][1]].strip(_SPACE)
            if 0 < len(s) <= 120 and not _PAGE_NUMBER.match(s):
                near[page_key(s)] += 1
    breaks = text.count("\f")
    # a running title comes back at a good share of the page breaks; a field label (联络方式) that
    # happens to end many pages is content
    return {s for s, n in near.items() if n >= max(3, breaks // 4) and not _is_label(s)}


def _unfinished(prev: str, line: str) -> bool:
    # a field label (联络方式 …) opening the page starts its field, whatever the page above ended on
    return (
        prev[-1] not in _CLOSERS
        and not _is_label(line)
        and parse_marker(line) is None
        and not _PARAGRAPH_START.match(line)
        and not _CARD_NUMBER.match(line)
    )


def _phone_tails(lines: list[tuple[int, int]], text: str, dropped: set[int]) -> set[int]:
    """Bare digit lines that end a phone number broken off the line above ("孙宏伟 0431-8275" /
    "1263"): no page numbers. Only where the two halves make a local number of 7 or 8 digits."""
    out: set[int] = set()
    for i in dropped:
        line = text[lines[i][0] : lines[i][1]].strip(_SPACE)
        if i == 0 or not line.isdigit() or i - 1 in dropped:
            continue
        head = re.search(
            r"(?:0\d{2,3}[-－—])(\d{1,7})$", text[lines[i - 1][0] : lines[i - 1][1]].strip(_SPACE)
        )
        if head is not None and len(head.group(1)) + len(line) in (7, 8):
            out.add(i)
    return out


def _page_break_blanks(lines: list[tuple[int, int]], text: str, dropped: set[int]) -> set[int]:
    """Blank lines around a dropped page number ("…企业工业设计中心 / / — 3 — / / 奖励50万元"): the
    page's margin, not a paragraph break; whether the text goes on is left to `continues`."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (j in dropped or not text[lines[j][0] : lines[j][1]].strip(_SPACE)):
            j += 1
        if j > i and any(k in dropped for k in range(i, j)):
            out.update(k for k in range(i, j) if k not in dropped)
        i = max(j, i + 1)
    return out


# a web page's footer: the site's registration and whoever runs the site, not the notice
_SITE_MARK = re.compile(r"ICP备|公网安备|网站标识码|版权所有|Copyright|©")
_SITE_LINE = re.compile(r"^(?:主办|承办|协办|地址|邮编|技术支持|网站|联系我们|版权)|主办[:：]|邮编[:：]")


def _site_footer(lines: list[tuple[int, int]], text: str) -> set[int]:
    """The lines of a web page's footer: a line of the site's registration (苏ICP备…) and the lines
    about the site around it (主办：…承办：… / 地址：…邮编：…联系电话：…), whose phone is the site's."""
    out: set[int] = set()
    for i, (a, b) in enumerate(lines):
        if not _SITE_MARK.search(text[a:b]):
            continue
        out.add(i)
        j = i - 1
        while j >= 0 and i - j <= 4:
            s = text[lines[j][0] : lines[j][1]].strip(_SPACE)
            if s and not _SITE_LINE.search(s):
                break
            out.add(j)
            j -= 1
        # (and below it: 网站联系电话：…, the site's phone printed after its registration)
        j = i + 1
        while (
            j < len(lines) and j - i <= 3 and _SITE_LINE.search(text[lines[j][0] : lines[j][1]].strip(_SPACE))
        ):
            out.add(j)
            j += 1
    return out


# - END - / 推荐阅读: a WeChat article ends; what follows are links to other articles and the account's
# own furniture
_TAIL_MARK = re.compile(
    r"^(?:[-—_]+\s*END\s*[-—_]+|(?:[▼▽↓👇📖📚🔥]\ufe0f?\s*)?(?:推荐阅读|往期推荐|往期回顾|相关阅读|延伸阅读|精彩推荐|猜你喜欢))$",
    re.I,
)


def _article_tail(lines: list[tuple[int, int]], text: str) -> set[int]:
    """The lines from an article's end mark (- END -, 推荐阅读) to the end of the text."""
    for i, (a, b) in enumerate(lines):
        if _TAIL_MARK.match(text[a:b].strip(_SPACE)):
            return set(range(i, len(lines)))
    return set()


# 📌划重点 / 要点速览: a WeChat article's digest of the measures it then tells in full
_DIGEST_HEAD = re.compile(r"^[^\w【]*【?(?:划重点|要点速览|政策亮点|核心要点|亮点速览|政策速览)】?[:：]?$")


def _digest(lines: list[tuple[int, int]], text: str) -> set[int]:
    """The bullet lines of a digest (✅ 海外仓最高补助100万元 under 📌划重点): summaries of measures the
    article tells below, none a measure of its own."""
    out: set[int] = set()
    for i, (a, b) in enumerate(lines):
        if not _DIGEST_HEAD.match(text[a:b].strip(_SPACE)):
            continue
        for j in range(i + 1, len(lines)):
            line = text[lines[j][0] : lines[j][1]].strip(_SPACE)
            if not line:
                continue
            marker = parse_marker(line)
            if marker is None or marker.style != "blt" or len(line) > 40:
                break
            out.add(j)
    return out


def _card_numbers(lines: list[tuple[int, int]], text: str) -> set[int]:
    """The lines 01, 02, 03 … of a WeChat article's cards, each alone above its heading: numbers, but
    no page numbers. A run starts at a zero-padded 01 and goes on one by one."""
    out: set[int] = set()
    expected = 1
    for i, (a, b) in enumerate(lines):
        s = text[a:b].strip(_SPACE)
        if not s.isdigit() or len(s) != 2:
            continue
        if s == "01" or (expected > 1 and int(s) == expected):
            out.add(i)
            expected = int(s) + 1
    return out if len(out) >= 2 else set()


def page_key(line: str) -> str:
    """A line with its digits masked: a browser's footer (file:///… 3/5, 12/4/26, 3:36 PM) is the same
    line on every page. A short line keeps them: 附件1, 附件2 open pages of their own."""
    return re.sub(r"\d+", "#", line) if len(line) >= 12 else line


def _furniture(line: str, headers: set[str]) -> bool:
    s = line.strip(_SPACE)
    if not s:
        return "\f" in line  # a form feed's own line: a page break is no paragraph break
    return bool(_PAGE_NUMBER.match(s)) or page_key(s) in headers


def _is_label(line: str) -> bool:
    first = re.split(r"[\s:：]", line, maxsplit=1)[0]
    return 2 <= len(first) <= 12 and lexicon().lookup(first) is not None


def printed_width(line: str) -> int:
    """How wide a line prints, in half-width columns: a Chinese character (or a full-width one) takes
    two, a Latin letter, a digit or a space one."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in line)


def wrap_width(lines: list[str]) -> int:
    """The printed width (half-width columns) from which a line counts as full in a hard-wrapped text
    (0 when the lines are paragraphs). A PDF's lines fill the same measure, however many of their
    characters are narrow Latin ones."""
    widths = sorted(printed_width(s) for s in lines if len(s) >= 8)
    if len(widths) < 5:
        return 0
    p90 = widths[int(0.9 * (len(widths) - 1))]
    full = int(p90 * 0.85)
    # many lines near one measure, and a measure a page could print (not short headings alone)
    wrapped = sum(1 for n in widths if n >= full) >= max(3, 0.3 * len(widths))
    return full if 40 <= p90 <= 160 and wrapped else 0


# 2 专精特新“小巨人”企业奖励: a card's number, a space, its title (not "20 万元" cut from its unit)
_CARD_NUMBER = re.compile(
    r"^(?:\d{1,2}[-－])?\d{1,3}[ \u3000]+(?![万亿元个家年月日号条项倍])[\u4e00-\u9fff“\"]"
)


def continues(prev: str, line: str, width: int, para: str = "") -> bool:
    """Whether `line` continues the sentence `prev` (the end of the paragraph `para`) broke off."""
    if "\t" in line or "\t" in prev:
        return False  # a table's row (cells apart by tabs, as a Word or web table is read) is a line
    if _is_label(line):
        return False  # a field label (条件要求, 联系方式 …) starts a field, whatever ran before
    if parse_marker(line) is not None or _PARAGRAPH_START.match(line):
        # a numbered line starts a paragraph, unless a number was cut from its unit ("第\n3条" aside)
        return prev[-1].isdigit() and bool(_NUMBER_TAIL.match(line)) and not parse_marker(line)
    if line[0] in "）)" and prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")"):
        return True  # （第七条 / ）0877-…: a bracket the wrap left open closes here
    if prev[-1].isdigit() and _CARD_NUMBER.match(line):
        return False  # …0917-3262318 / 2 专精特新“小巨人”企业奖励: the next card's number, set apart
    if prev[-1].isdigit() and _NUMBER_TAIL.match(line):
        return True
    if _AMOUNT_START.match(line) and prev[-1] not in _CLOSERS:
        return True  # 最高不超过\n200万元: an amount is never a heading's first word
    if _BENEFIT_START.match(line) and prev[-1] not in _CLOSERS and _RELATIVE_SUBJECT.search(para or prev):
        # 🔹 首次纳入规模以上工业统计的企业\n一次性奖励10万元: a WeChat article's short lines break
        # between whom and what (a heading above 给予… is no such clause)
        return True
    if prev[-1] in "，、,（(“《-—" or prev[-1] in _PARTICLES:
        return True  # a clause never ends on a comma or on 的/和/对 …
    if prev[-1] in _CLOSERS:
        return False
    if len(line) >= 4 and prev.endswith(line):
        return False  # 23.中关村…创制运用 / 中关村…创制运用: a card prints its title twice
    if _ADDRESSEES.match(line) or (
        _TITLE_END.search(prev) and prev.count("《") <= prev.count("》") and _TITLE_END.search(line)
    ):
        # 区内各有关单位：: the addressees start a paragraph; …的通知 / …的通知: a title printed twice
        return False
    # a full line of a wrapped text goes on; a short line without a closing mark is a heading
    return bool(width) and printed_width(prev) >= width


# the kind of document a title names, at its end (…的通知, …若干措施（试行）)
_TITLE_END = re.compile(
    r"(?:的通知|的公告|的通告|办法|细则|若干措施|若干政策|实施意见|实施方案)(?:[（(][^）)]{1,8}[)）])?$"
)
# 各有关单位： / 区内各有关单位：: whom a notice is sent to, a line of its own
_ADDRESSEES = re.compile(r"^(?:[^，。；,;]{0,6}各|有关)[^，。；,;]{1,40}[：:]$")


def _item_at(line: str, i: int) -> bool:
    marker = parse_marker(line[i : i + 12].translate(_FULLWIDTH))
    return (
        marker is not None
        and marker.style in _ITEM_STYLES
        and not line[i + marker.length : i + marker.length + 1].isdigit()
        # 本通知第（一）（二）（十四）条所列: a cross-reference, not a new item
        and line[i + marker.length : i + marker.length + 1]
        not in ("（", "(", "条", "款", "项", "、", "至", "和")
    )


def _heading_only(segment: str) -> bool:
    """A marker and a short heading alone (二、重点行动（一）…, 三、政策支持23.…): the items under it
    run on in the same paragraph."""
    marker = parse_marker(segment.translate(_FULLWIDTH))
    rest = segment[marker.length :] if marker is not None else ""
    return marker is not None and 2 <= len(rest) <= 12 and not re.search(r"[。；;，,、：:（(\d]", rest)


def _keeps_space(line: str, i: int, j: int) -> bool:
    """Whether the spaces line[i:j] separate words: between two Latin words, or between two Chinese
    words of two characters or more (a table's label and its cell: "发文机构 北京市…"). Letter-spaced
    Chinese ("政 策") and a space at a number ("5000 万元", "1 年内") are furniture."""
    before, after = line[i - 1], line[j]
    if not (_CJK.match(before) or _CJK.match(after)):
        return True
    if before.isdigit() or after.isdigit() or not (_CJK.match(before) and _CJK.match(after)):
        return False
    single_before = i < 2 or line[i - 2] in _SPACE
    single_after = j + 1 >= len(line) or line[j + 1] in _SPACE
    return not (single_before or single_after)


def _put_line(line: str, start: int, chars: list[str], offs: list[int]) -> None:
    """Copy one line, dropping spaces that touch a Chinese character and folding other runs; in a
    long paragraph, an item marker right after a sentence ends starts a line of its own (a WeChat
    copy of a policy runs 一、…1．…（责任单位：…）2．… into one paragraph)."""
    n = len(line)
    packed = n >= _PACKED
    i = seg = 0
    while i < n:
        ch = line[i]
        if (
            packed
            and i
            and (line[i - 1] in _SENTENCE_END or (i - seg <= 16 and _heading_only(line[seg:i])))
            and _item_at(line, i)
        ):
            chars.append("\n")
            offs.append(start + i)
            seg = i
        if ch in _SPACE:
            j = i
            while j < n and line[j] in _SPACE:
                j += 1
            before = line[i - 1] if i else ""
            if j < n and before and "\t" in line[i:j]:
                chars.append("\t")  # a table's cells stay apart (a Word or web table's row)
                offs.append(start + line.index("\t", i))
            elif j < n and before and _keeps_space(line, i, j):
                chars.append(" ")
                offs.append(start + i)
            i = j
            continue
        chars.append(chr(_FULLWIDTH.get(ord(ch), ord(ch))))
        offs.append(start + i)
        i += 1
