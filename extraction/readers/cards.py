"""Policy cards: a document made of one record per program, each a numbered title followed by the
same labelled fields (政策名称 / 依据文件 / 服务内容 / 条件要求 / 联络方式 …), as in government policy
guides printed from a table template (《北京市产业政策导引》) and their PDF exports.

A card starts at a numbered title line ("2. 北京市低效楼宇改造项目…", "（三）…") that has a field
label within its next three lines; a field runs from its label to the next label or card. Labels
sit alone on their line ("服务内容"), before their value ("发文机构 北京市…", "联络方式：…"), or
several to a line ("工具分类 资金支持 服务对象 全市范围"). The text is read through the furniture
repair (`furniture.repair`), so page numbers and wrapped lines are already mended and every
character keeps its document offset.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean
from extraction.readers.fields import lexicon, normalize_heading
from extraction.readers.furniture import continues, repair, wrap_width
from extraction.readers.numbering import Marker, parse_marker

_MIN_CARDS = 5
_TITLE_MAX = 80
_LOOKAHEAD = 3
# a label is a short word followed by a space, a colon or the end of the line
_TOKEN = re.compile(r"(?:(?<=\s)|^)(?P<label>[^\s:：]{2,10})(?:\s*[:：]\s*|\s+|$)|\S+\s*")


@dataclass(frozen=True)
class _Label:
    name: FieldName
    heading: str
    start: int  # in the line: where the label starts
    value: int  # in the line: where its value starts


def read_cards(text: str) -> list[Unit] | None:
    """The cards of `text`, or None when it is not a document of cards."""
    if not any(w in text for w in ("依据文件", "条件要求", "服务内容", "政策名称", "联络方式", "申报条件")):
        return None  # cheap test first: no card template's words at all
    lines = [ln for ln in repair(text).lines() if ln.text.strip()]
    labels = [_labels(ln.text) for ln in lines]
    starts = [i for i, ln in enumerate(lines) if _is_title(ln.text, labels, i)]
    if len(starts) < _MIN_CARDS:
        return None
    # The template's first label follows every real title; a numbered line inside a field that
    # happens to precede some other label (1.改造目标 … 条件要求) is not a card.
    firsts = Counter(_first_label(labels, i) for i in starts)
    template = firsts.most_common(1)[0][0]
    starts = [i for i in starts if _first_label(labels, i) == template]
    if len(starts) < _MIN_CARDS:
        return None
    # The numbering of the level above the cards (一、支持方向 over （一）…（六）): its next number ends a
    # card (二、申报条件 after the last card is the notice's, no field of that card; a card's own
    # 一、… items are not the next number).
    styles = [_title_marker(lines[i].text).style for i in starts]  # type: ignore[union-attr]
    style = Counter(styles).most_common(1)[0][0]
    above: Marker | None = None
    units = []
    for k, first in enumerate(starts):
        for ln in lines[starts[k - 1] if k else 0 : first]:
            if (
                (m := parse_marker(ln.text)) is not None
                and m.style != style
                and (above is None or m.style == above.style)
            ):
                above = m
        last = starts[k + 1] if k + 1 < len(starts) else len(lines)
        for j in range(first + 1, last):
            m = parse_marker(lines[j].text)
            if (
                above is not None
                and m is not None
                and m.style == above.style
                and m.number == above.number + 1
            ):
                last = j
                break
        card = _card(lines[first:last], labels[first:last])
        if any(f.heading for f in card.fields):  # 四、两业融合篇 right before a card is a chapter title
            units.append(card)
    return units


def _labels(line: str) -> list[_Label]:
    """The field labels of a line: a label at its start, and after a value, any further label
    ("工具分类 资金支持 服务对象 全市范围": 资金支持 is a value, 服务对象 a label)."""
    out: list[_Label] = []
    glued = _glued_label(line)
    if glued is not None:
        return [glued]
    after_value = True
    for m in _TOKEN.finditer(line):
        name = lexicon().lookup(m.group("label")) if m.group("label") else None
        if name is not None and after_value and (m.start() == 0 or out):
            out.append(_Label(name, normalize_heading(m.group("label")), m.start(), m.end()))
            after_value = False
        elif not out:
            break
        else:
            after_value = True
    return out


def _first_label(labels: list[list[_Label]], i: int) -> str:
    return next(labels[j][0].heading for j in range(i + 1, len(labels)) if labels[j])


def _glued_label(line: str) -> _Label | None:
    """A label printed against its value ("发布日期2023-09-26", "发文字号/"): only labels of four
    characters or more, so that a sentence starting with a bare word (项目…) is not one."""
    word = re.match(r"[^\s:：]*", line).group()
    for k in range(min(10, len(word) - 1), 3, -1):
        name = lexicon().lookup(line[:k])
        if name is not None and not line[k].isspace() and line[k] not in ":：":
            return _Label(name, normalize_heading(line[:k]), 0, k)
    return None


# 1 技术改造贷款贴息: a card's number printed apart from its title (a numbered box in a designed card)
# (the repair drops the space before a Chinese character: "1技术改造贷款贴息"; not "5万元", "12月")
# 12 …, or a code of section and item (2-01 技术改造) as a 汇编 numbers its cards
_BARE_NUMBER = re.compile(
    r"^(?:\d{1,2}[-－])?(?P<n>\d{1,3})[ \t\u3000]*(?=(?![万亿元个家年月日号条项倍])[\u4e00-\u9fff“\"])"
)


def _title_marker(line: str) -> Marker | None:
    """The numbering of a card's title line: a marker, or a bare number set apart by a space."""
    marker = parse_marker(line)
    if marker is None and (m := _BARE_NUMBER.match(line)) is not None:
        return Marker("bare", int(m.group("n")), m.end())
    return marker


def _is_title(line: str, labels: list[list[_Label]], i: int) -> bool:
    marker = _title_marker(line)
    if marker is None or marker.style not in ("ar", "cn", "pcn", "bare") or labels[i]:
        return False
    title = line[marker.length :].strip()
    if not 4 <= len(title) <= _TITLE_MAX or re.search(r"[。；;]|\.{3,}|…{2,}|\s\d{1,3}$", title):
        return False  # a sentence or a table-of-contents entry with its dotted leader
    return any(labels[j] for j in range(i + 1, min(i + 1 + _LOOKAHEAD, len(labels))))


def _card(lines: list[Clean], labels: list[list[_Label]]) -> Unit:
    head = lines[0]
    marker = _title_marker(head.text)
    title = head[marker.length if marker else 0 :].strip()
    title = _wrapped_title(title, lines, labels)
    fields: list[TextField] = []
    current: tuple[FieldName, str, list[Clean]] | None = None

    def close() -> None:
        if current is not None:
            text = _joined(current[2])
            if text.text.strip():
                fields.append(TextField(current[0], text.text, text.offsets, heading=current[1]))

    for line, found in zip(lines[1:], labels[1:], strict=True):
        if not found:
            if current is None:
                current = (FieldName.SUMMARY, "", [])
            current[2].append(line)
            continue
        if found[0].start > 0 and current is not None:
            current[2].append(line[: found[0].start])
        for k, lab in enumerate(found):
            close()
            end = found[k + 1].start if k + 1 < len(found) else len(line.text)
            current = (lab.name, lab.heading, [line[lab.value : end]])
    close()
    # 2-01 技术改造 / 政策名称 工业企业技术改造项目补助: the card's number heads a category; its
    # 政策名称 names the program
    named = next((f for f in fields if f.name is FieldName.TITLE), None)
    if named is not None and 4 <= len(named.text) <= _TITLE_MAX and "\n" not in named.text:
        title = Clean(named.text, named.offsets)
    number = marker.number if marker is not None and marker.number else None
    return Unit(UnitKind.PROGRAM, title.text, title.offsets, tuple(fields), number=number)


def _wrapped_title(title: Clean, lines: list[Clean], labels: list[list[_Label]]) -> Clean:
    """A numbered title wrapped onto the next line ("5. 关于…发展项目" / "（电视剧、纪录片、动画片）申报工作"),
    which the card prints again in full before its fields: the title runs on to the wrapped line."""
    before = [ln.strip() for ln, found in zip(lines[1:], labels[1:], strict=True) if not found]
    before = before[: next((k for k, found in enumerate(labels[1:]) if found), len(before))]
    if len(before) < 2 or not before[0].text:
        return title
    longer = title.text + before[0].text
    again = "".join(ln.text for ln in before[1:])
    if longer not in again:
        return title
    return Clean(longer, title.offsets + before[0].offsets)


def _joined(parts: list[Clean]) -> Clean:
    """A field's lines as one text. A table cell wraps at its own width, narrower than the page's
    ("…中关\n村高新技术企业"), so its full lines are joined by the cell's width, not the page's."""
    parts = [p.strip() for p in parts]
    parts = [p for p in parts if p.text]
    width = wrap_width([p.text for p in parts])
    text, offs = "", []
    prev = ""
    for p in parts:
        if text and not continues(prev, p.text, width):
            text += "\n"
            offs.append(p.offsets[0])
        text += p.text
        offs.extend(p.offsets)
        prev = p.text
    return Clean(text, tuple(offs))
