"""Contacts outside any program: contact tables ("附件6 … 项目联系方式": 重点领域 | 处室 | 电话 |
处室 | 电话) and a notice's closing contact section ("五、联系方式" with lines such as
"技术改造类（第一项）：省工信厅投资与规划处，0731-88954321").

Decision: a row's phones become CONTACT fields of the programs the row names (the most specific
label cell whose text is part of a program title, or failing that the name of the program-type
section the programs sit in), one field per column group, the group's name
(省工信厅 / 市工信局) as the field's heading; rows that name no program are left out. A contact
table inside a program (after its fields, before the next title) simply stays in that program's
CONTACT field.

A closing contact section's line names its programs by the label before its colon: a program-type
section of the notice ("技术改造类", matched against the units' sections), a program title, or an
ordinal ("第二项": the second program-type section, or the second program when the notice has no
such sections); the text after the label becomes a CONTACT field of each, or, when it assigns its
offices item by item ("第（五）项，…处，86864456；第（六）项，…处，029-86865567"), each item's piece
becomes the field of the program it names. A section none of whose
lines names a program belongs to the whole notice: it becomes a CONTACT field of every program
without a contact of its own.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.lexicons import BodyKind, departments
from extraction.readers.cleaner import Clean, clean_span, concat, join
from extraction.readers.fields import lexicon, normalize_heading
from extraction.readers.furniture import continues, printed_width, wrap_width
from extraction.readers.lines import Line, LineKind, plain
from extraction.readers.numbering import cn_number, parse_marker

_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—\s]?)?\d{7,8}(?!\d)")
_SUB_ITEM = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])")
_BRACKETS = str.maketrans("（）【】“”‘’\"'", "()[]      ")


def _norm_label(s: str) -> str:
    s = plain(s)
    m = parse_marker(s)
    if m:
        s = s[m.length :]
    s = s.translate(_BRACKETS)
    s = re.sub(r"[\s。.]", "", s)
    return re.sub(r"项目$", "", s)


def attach_contact_tables(text: str, lines: list[Line], heads: list[int], units: list[Unit]) -> list[Unit]:
    """Rows of a contact table outside any unit ("附件6 ... 项目联系方式": 重点领域 | 处室 | 电话) become
    CONTACT fields of the programs whose titles the rows name."""
    if not heads:
        return units
    titles = [_norm_label(u.title) if u.kind is UnitKind.PROGRAM else "" for u in units]
    # the program-type sections a row may name instead ("技术改造类" over its programs)
    sections = [
        {_norm_label(p) for p in u.section.split(" / ") if p} if u.kind is UnitKind.PROGRAM else set()
        for u in units
    ]
    extra: dict[int, list[TextField]] = {}
    for h in heads:
        header_groups: list[tuple[int, int]] = []
        prev_pairs: list[tuple[int, int]] = []
        prev_hits: list[int] = []
        started = False
        for ln in lines[h + 1 :]:
            if ln.kind in (LineKind.BLANK, LineKind.PAGEHEAD):
                continue
            if "\t" not in ln.text:
                if started or ln.level:
                    break
                continue
            started = True
            cells = _cells(ln)
            phones = [
                k for k, (a, b) in enumerate(cells) if _PHONE.search(text[a:b]) and _mostly_phone(text[a:b])
            ]
            if not phones:
                if not header_groups:
                    header_groups = _groups(text, cells)
                if any(text[a:b].strip() for a, b in cells) and prev_pairs:
                    label_cells = [c for c in cells if text[c[0] : c[1]].strip()]
                    _attach(
                        text,
                        label_cells,
                        prev_pairs,
                        header_groups,
                        (titles, sections),
                        extra,
                        inherited=True,
                    )
                continue
            first_office = phones[0] - 1
            labels = [c for c in cells[: max(first_office, 0)] if text[c[0] : c[1]].strip()]
            pairs = []
            for k in phones:
                if k - 1 >= 0:
                    pairs.append(cells[k - 1])
                pairs.append(cells[k])
            prev_pairs = pairs
            hits = _attach(text, labels, pairs, header_groups, (titles, sections), extra)
            if hits:
                prev_hits = hits
            elif labels and prev_hits and _SUB_ITEM.match(plain(text[labels[0][0] : labels[0][1]])):
                # "2. …" under a merged parent cell: the parent's programs, as the row above
                _attach(text, labels, pairs, header_groups, (titles, sections), extra, targets=prev_hits)
    return _with_extra(units, extra)


def _mostly_phone(cell: str) -> bool:
    return len(re.sub(r"[\d\s\-－—、,，;；/]", "", cell)) <= 2


def _cells(ln: Line) -> list[tuple[int, int]]:
    out = []
    pos = ln.start
    for part in ln.text.split("\t"):
        a = pos + (len(part) - len(part.lstrip()))
        b = pos + len(part.rstrip())
        out.append((a, max(a, b)))
        pos += len(part) + 1
    return out


def _groups(text: str, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Header cells naming a group of office/phone columns (省工信厅 / 市工信局)."""
    out = []
    for a, b in cells[2:]:
        s = text[a:b].strip()
        if s and re.search(r"(?:厅|局|委|办|部|中心)$", s) and len(s) <= 12:
            out.append((a, b))
    return out


class _Pieces:
    """Cells of a table row joined by single spaces (each space maps to the tab before the cell)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars: list[str] = []
        self.offs: list[int] = []

    def add(self, start: int, end: int) -> None:
        c = clean_span(self.text, start, end)
        if not c.text:
            return
        if self.chars:
            before = c.offsets[0] - 1
            self.chars.append(" ")
            self.offs.append(before if self.text[before].isspace() else c.offsets[0])
        self.chars.extend(c.text)
        self.offs.extend(c.offsets)


def _attach(
    text: str,
    labels: list[tuple[int, int]],
    pairs: list[tuple[int, int]],
    groups: list[tuple[int, int]],
    names: tuple[list[str], list[set[str]]],
    extra: dict[int, list[TextField]],
    *,
    inherited: bool = False,
    targets: list[int] | None = None,
) -> list[int]:
    """One CONTACT field per column group (省工信厅 / 市工信局: the group name is the field's
    heading), each "label office phone" in document order so offsets never run backwards. A row
    that inherits the offices of the row above (a merged cell) gets the offices only."""
    for a, b in reversed(labels):
        key = _norm_label(text[a:b])
        if len(key) < 4:
            continue
        titles, sections = names
        hits = targets or [i for i, t in enumerate(titles) if t and (key in t or t in key)]
        hits = hits or [i for i, parts in enumerate(sections) if key in parts]
        if not hits:
            continue
        per_group = len(pairs) // len(groups) if groups and len(pairs) % len(groups) == 0 else len(pairs)
        for g, k in enumerate(range(0, len(pairs), max(per_group, 1))):
            pieces = _Pieces(text)
            if not inherited:
                pieces.add(a, b)
            for s, e in pairs[k : k + per_group]:
                pieces.add(s, e)
            heading = "联系方式"
            if groups and per_group < len(pairs):
                ga, gb = groups[g]
                heading = normalize_heading(text[ga:gb])
            for i in hits:
                extra.setdefault(i, []).append(
                    TextField(FieldName.CONTACT, "".join(pieces.chars), tuple(pieces.offs), heading)
                )
        return hits
    return []


_LINE_LABEL = re.compile(r"^(?P<label>[^：:，,。；;\n]{2,60}?)\s*[：:]")
_ORDINAL = re.compile(r"第\s*(?P<n>[一二三四五六七八九十\d①-⑳]{1,3})\s*(?:项|类|部分|批|个|条)")
# 2.工业互联网平台建设项目。申报主体应为… / 2.工业互联网标杆场景项目：…: a program's own conditions
_CONDITION_LABEL = re.compile(r"^(?P<label>[^：:，,。；;\n]{2,30}?)\s*[：:。]")
_ITEM_ROW = re.compile(
    r"^\s*\d{1,2}\s+(?P<refs>(?:第[一二三四五六七八九十\d①-⑳]{1,3}(?:项|条)[、，,和及\s]*)+)"
)
# 一　陶瓷产业提质升级专项　投资与规划科　程亮　0798-…: a table's row, its number, then what it serves
_NUMBERED_ROW = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s+(?P<name>[^\s\d]{4,40})\s+(?=\S)")
_CITED_ROW = re.compile(
    # 第三条第（一）项 / 第六条第（一）（二）项: an article's items
    r"^(?P<items>第[一二三四五六七八九十\d]{1,4}条第?(?:[（(][一二三四五六七八九十\d]{1,3}[)）][、，,和及]?)+项?)(?=[\s，,]|$)"
    # 第四条 / 第三、四条 / 第一条、第二条
    r"|^(?P<refs>第[一二三四五六七八九十\d①-⑳、，,和及至\s]{1,20}?[条项](?:[、和及]第[一二三四五六七八九十\d]{1,4}[条项])*)[\s，,]"
    # （第二项出口信保业务可同时咨询…，联系电话：…）: an aside for one item
    r"|^[（(](?P<aside>第[一二三四五六七八九十\d①-⑳、，,和及至\s]{1,20}?[条项])"
)
_BRACKET_REFS = re.compile(r"^\W*?(?P<refs>(?:【[一二三四五六七八九十\d①-⑳]{1,3}】)+)")
_ORDINAL_RUN = re.compile(
    r"第\s*((?:[（(]\s*[一二三四五六七八九十\d①-⑳]{1,3}\s*[)）]\s*[、，,和及]?\s*)+)(?:项|类|条)"
)
# 第01、02条 / 第三、四、五项: one 第 before a list of numbers
_ORDINAL_LIST = re.compile(
    r"第\s*((?:[一二三四五六七八九十\d①-⑳]{1,3}\s*[、，,和及]\s*)+[一二三四五六七八九十\d①-⑳]{1,3})\s*(?:项|类|条)"
)
# 市委人才办 0472-5617326（第（一）（二）（四）（五）项）: the items a line serves, after its phone
# (第五条至第九条) too, and alone on its line, below the phone it belongs to (a PDF's wrapped line)
_TRAILING_REFS = re.compile(
    r"[（(](?P<refs>第(?:[^（）()\n]|[（(][一二三四五六七八九十\d①-⑳]{1,3}[)）]){1,30}?(?:项|条|类))[)）]\s*[；;。]?$"
)
# 第五条至第九条 / 第一至六条 / 第3—5项: a range of items
_RANGE = re.compile(
    r"第\s*(?P<a>[一二三四五六七八九十\d①-⑳]{1,3})\s*(?:条|项|类)?\s*(?:至|到|—|－|-|~|～)\s*第?\s*(?P<b>[一二三四五六七八九十\d①-⑳]{1,3})\s*(?:条|项|类)"
)
# 高新区财政金融局（第七条）0877-2058352: the items an office serves, between it and its phone
_MIDDLE_REFS = re.compile(
    r"[（(](?P<refs>第[^（）()]{1,24}?(?:条|项|类)[^（）()]{0,12})[)）]\s*[:：]?\s*(?=\d)"
)
# 支持方向一、三、五 / 方向（二）（四）: the directions (categories, topics) of a call a line serves
_DIRECTION_LIST = re.compile(
    r"(?:方向|类别|专题|领域)\s*((?:[（(]?\s*[一二三四五六七八九十\d①-⑳]{1,3}\s*[)）]?\s*[、，,和及]?\s*)+)"
)
# 单位　　联系人　　联系电话: the header of a list of offices and phones
_COLUMN_HEADS = re.compile(
    r"(?:单位|部门|科室|处室|名称|地区|联系人|联系电话|电话|手机|地址|邮箱)(?:\s+(?:单位|部门|科室|处室|名称|联系人|联系电话|电话|手机|地址|邮箱))+"
)
# 各地受理单位 / 受理窗口: the offices that take applications for every direction of a call
_INTAKE_HEAD = re.compile(r"受理(?:单位|窗口|部门)[^：:，,。]{0,6}$")
# a line for the whole call (资金管理：…, 综合协调：…), not for programs the reader failed to name
_ROLE_LABEL = re.compile(r"^\s*(?:资金|财务|综合|统筹|政策)(?:管理|协调|咨询|保障|监管)\s*[:：]")
# a government office named on a contact line (not a helpdesk's bare number, not a company)
_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,}(?:局|厅|委员会|委|办公室|处|科|股)")
_PARENS = re.compile(r"[（(][^（）()]*[)）]")
_DIGITS = re.compile(r"\d{7,}")
# 01\t市工信局投资与规划科\t029-…: a row whose first cell is the numbers of the items it serves
# (03、07（贴息）: a card and the part of it the row serves)
_NUMBER_CELL = re.compile(
    r"^\s*(?P<refs>\d{1,2}(?:[（(][^）)\n]{1,8}[)）])?(?:\s*[、，,]\s*\d{1,2}(?:[（(][^）)\n]{1,8}[)）])?)*)"
    r"(?:\t|\s+(?=[\u4e00-\u9fff]{2,}(?:局|厅|委|办|处|科|股|中心)))"
)
# 专项一 / 方向2: a call's direction named by its number
_DIRECTION_LABEL = re.compile(r"(?:专项|方向|专题|板块)(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})")
# 第三条第（一）项 / 第六条第（一）（二）项 / 第四条: an article, and the items of it a line serves
_ARTICLE_ITEMS = re.compile(
    r"第(?P<article>[一二三四五六七八九十\d]{1,4})条(?:第?(?P<items>(?:[（(][一二三四五六七八九十\d]{1,3}[)）][、，,和及]?)+)项?)?"
)
# one item named alone ("第（五）项", "第5项"), not a run of them ("第（一）（二）项")
_ITEM_REF = re.compile(r"第\s*[（(]?\s*(?P<n>[一二三四五六七八九十\d①-⑳]{1,3})\s*[)）]?\s*项")


def attach_contact_sections(
    text: str, sections: list[tuple[str, list[tuple[int, int]]]], units: list[Unit]
) -> list[Unit]:
    """A notice's closing contact sections (heading, document ranges of their lines) become CONTACT
    fields of the programs their lines name, or of every program when no line names one."""
    programs = [i for i, u in enumerate(units) if u.kind is UnitKind.PROGRAM]
    if not programs:
        return units
    extra: dict[int, list[TextField]] = {}
    for heading, ranges in sections:
        lines = _section_lines(text, ranges)
        groups = _named_groups(lines, units, programs)
        name = normalize_heading(heading) or "联系方式"
        if any(targets for targets, _ in groups):
            intake = False  # the group before is a head of intake offices with no phone of its own
            for targets, parts in groups:
                phones = [k for k, c in enumerate(parts) if _has_phone(c.text)]
                after_intake, intake = (
                    intake,
                    not targets and not phones and bool(_INTAKE_HEAD.search(parts[0].text)),
                )
                if (
                    not targets
                    and phones
                    and _ROLE_LABEL.match(parts[0].text)
                    and _OFFICE.search(parts[0].text)
                ):
                    targets = programs  # 资金管理：市财政局经济建设处 …: an office for every program named
                elif (
                    not targets
                    and phones
                    and ((phones[0] > 0 and _INTAKE_HEAD.search(parts[0].text)) or after_intake)
                ):
                    targets = programs  # （三）各地受理单位 / 银川市工业和信息化局 0951-…: every direction's
                if not targets or not phones:
                    continue
                c = join(parts[: phones[-1] + 1], text, rejoin=False)
                for i, piece in _by_item(c, targets, programs):
                    extra.setdefault(i, []).append(
                        TextField(FieldName.CONTACT, piece.text, piece.offsets, name)
                    )
            continue
        # no line names a program: the section is the whole notice's contact
        phones = [k for k, c in enumerate(lines) if _has_phone(c.text)]
        if not phones:
            continue
        whole = join(lines[: phones[-1] + 1], text, rejoin=False)
        for i in programs:
            if not units[i].get(FieldName.CONTACT):
                extra.setdefault(i, []).append(TextField(FieldName.CONTACT, whole.text, whole.offsets, name))
    return _with_extra(units, extra)


def _by_item(c: Clean, targets: list[int], programs: list[int]) -> list[tuple[int, Clean]]:
    """A line that assigns its offices item by item ("第（五）项，…处，86864456；第（六）项，…处，
    029-86865567") gives each named program its own piece, from its item up to the next; any other
    line is every target's whole."""
    refs = list(_ITEM_REF.finditer(c.text))
    pieces: list[tuple[int, Clean]] = []
    for k, m in enumerate(refs):
        n = _number(m.group("n"))
        if 1 <= n <= len(programs) and programs[n - 1] in targets:
            i = programs[n - 1]  # items numbered through the notice
        elif 1 <= n <= len(targets):
            i = targets[n - 1]  # items numbered within the section
        else:
            return [(i, c) for i in targets]
        piece = c[m.start() : refs[k + 1].start() if k + 1 < len(refs) else len(c.text)]
        if not _has_phone(piece.text):
            return [(i, c) for i in targets]
        pieces.append((i, piece))
    if len(pieces) < 2 or len({i for i, _ in pieces}) < len(pieces):
        return [(i, c) for i in targets]
    return pieces


def _named_groups(
    lines: list[Clean], units: list[Unit], programs: list[int]
) -> list[tuple[list[int], list[Clean]]]:
    """Lines grouped under the line that names their programs ("技术改造类（第一项）：…", or a line
    "（一）技术改造类" alone): the text after the label, then the lines that follow it up to the next
    label ("联系人：", "电话：" are field labels and continue the group)."""
    groups: list[tuple[list[int], list[Clean]]] = []
    after_rows = False  # the line above is a table's row citing articles
    for c in lines:
        numbered = _NUMBER_CELL.match(c.text)
        if numbered is not None and (printed := _printed_numbers(units, programs)):
            # 03、08 | 市工信局中小企业科 | 029-33217538: a table's row citing the cards by number
            cards = [
                printed[n] for n in map(int, re.findall(r"\d{1,2}", numbered.group("refs"))) if n in printed
            ]
            if cards:
                groups.append((cards, [c[numbered.end() :].strip()]))
                after_rows = True
                continue
        cited = _CITED_ROW.match(c.text)
        # (one office's line: a line of several offices, each with its items, is cut elsewhere)
        one = cited is None and len(_DIGITS.findall(c.text)) == 1
        middle = _MIDDLE_REFS.search(c.text) if one else None
        trailing = (_TRAILING_REFS.search(c.text) or middle) if one else None
        alone = _TRAILING_REFS.fullmatch(c.text.strip()) if not _has_phone(c.text) else None
        if alone is not None and groups and not groups[-1][0] and groups[-1][1]:
            # 市工业和信息化局节能与综合利用科 陈蓉 0773-…\n（第五条至第九条）: the line above serves them
            groups[-1] = (_named(alone.group("refs"), units, programs), groups[-1][1])
            after_rows = True
            continue
        if trailing is not None:
            # 市委人才办 0472-…（第（一）（二）项）: the items it serves, then the office and phone
            # (the line without its references: the office and the phone, whichever side they sit)
            rest = concat([c[: trailing.start()], c[trailing.end() :]]).strip()
            # (中国信保营口营业部（第3条统保业务）: named with its office, as a label is)
            refs = c.text[: trailing.end("refs") + 1] if trailing is middle else trailing.group("refs")
            groups.append((_named(refs, units, programs), [rest]))
            after_rows = True  # a line after it with a phone of its own is its own
            continue
        label = _LINE_LABEL.match(c.text) if cited is None else None
        row = _ITEM_ROW.match(c.text) if label is None and cited is None else None
        refs = _BRACKET_REFS.match(c.text)
        numbered = _NUMBERED_ROW.match(c.text) if label is None and row is None and cited is None else None
        aspect = _ASPECT_LABEL.match(c.text) if cited is None and label is None else None
        if aspect is not None:
            head, rest = aspect.group("label"), c[aspect.end() :].strip()
        elif cited is not None:
            # | 第四条 上规模奖励 | 区工信局运行监测科 | 0515-… | (a table's row, its cells spaced apart):
            # the articles it cites, then the rest
            head, rest = (
                cited.group("items") or cited.group("refs") or cited.group("aside"),
                c[cited.end() :].strip(),
            )
        elif refs is not None:
            # 📞【一】【二】【四】投资与技术改造科：0756-…: the items it serves, then the office
            head, rest = refs.group("refs"), c[refs.end() :].strip()
        elif row is not None:
            # 1　第一项、第五项　市工业和信息化局投资与技术改造处　0871-…: a contact table's row
            head, rest = row.group("refs").strip(), c[row.end() :].strip()
        elif numbered is not None and len(c.text) - numbered.end() <= 40:
            # (a short row: office, person, phone; not a row of a programs' table)
            head, rest = numbered.group("name"), c[numbered.end() :].strip()
        elif label is not None:
            head, rest = label.group("label"), c[label.end() :].strip()
            if _OFFICE.search(_PARENS.sub("", head)) and _has_phone(rest.text):
                # 软件和信息服务业处（支持方向一、三、五）：0951-…: the office is in the label
                rest = c
        elif len(c.text) <= 30 and not _has_phone(c.text):
            head, rest = c.text, c[len(c.text) :]
        else:
            head, rest = "", c
        targets = _named(head, units, programs) if head else []
        # 资金拨付 区财政局… 0515-… below rows citing articles: a row of its own, no measure's
        own_row = after_rows and _has_phone(c.text)
        after_rows = cited is not None
        if targets:
            groups.append((targets, [rest] if rest.text else []))
        elif (
            groups
            and not own_row
            and aspect is None  # 贷款贴息方面，…: an aspect of its own, whether or not it names a measure
            and (label is None or lexicon().lookup(label.group("label")) is not None)
            and not (
                _INTAKE_HEAD.search(c.text) and not _has_phone(c.text)
            )  # （三）各地受理单位 opens a list
        ):
            groups[-1][1].append(c)  # "电话：…", a line of offices and phones
        else:
            groups.append(([], [c]))  # a label that names no program ends the group before
    return groups


def _section_lines(text: str, ranges: list[tuple[int, int]]) -> list[Clean]:
    """A contact section's lines, each cut into its pieces; a line whose bracket a PDF's wrap left
    open (…0773-2822547（第十 / 条至第十二条）), or that the wrap cut inside a sentence or a number,
    runs on to the next."""
    lines: list[Clean] = []
    for c in (clean_span(text, a, b).strip() for a, b in ranges):
        if "\n" in c.text:  # a range that runs over a wrap (_wrapped_lines): one line again
            c = concat([part.strip() for part in c.lines()])
        if not c.text:
            continue
        if lines and _cut_by_wrap(lines[-1].text, c.text):
            lines[-1] = concat([lines[-1], c])
        else:
            lines.append(c)
    return [p for c in lines for p in _pieces(c)]


def _names_programs(text: str, ranges: list[tuple[int, int]], units: list[Unit]) -> bool:
    """Whether a contact section's lines name programs (so they are those programs' contacts)."""
    programs = [i for i, u in enumerate(units) if u.kind is UnitKind.PROGRAM]
    lines = _section_lines(text, ranges)
    return any(targets for targets, _ in _named_groups(lines, units, programs))


# 上规模、梯度培育方面，请联系市工信局中小企业科，电话…: what a piece of a contact paragraph serves
# (or 升规入统、专精特新和单项冠军政策可咨询市经信局中小企业科，电话…: the topics a piece serves)
# (or 技术改造类、首台（套）类，市工信局规划与技术改造科 0537-…: the categories of a table's rows)
_ASPECT_LABEL = re.compile(
    r"^(?P<label>[^，,。；;：:]{2,40}?)(?:方面[，,]\s*(?:请)?(?:联系|咨询|致电)?"
    r"|(?:政策|事项|业务|问题)?(?:另|也|还)?(?:可|请)(?:咨询|联系|致电)|(?<=类)[，,])"
)


def _pieces(c: Clean) -> list[Clean]:
    """A paragraph that gives each aspect its office and phone ("可以直接咨询相关科室：上规模、梯度培育方面，
    请联系…，电话…；技术改造…方面，请联系…"): one piece per aspect, the words before the first left out."""
    parts, start = [], 0
    for k, ch in enumerate(c.text + "；"):
        if ch in "；;。":  # (…0594-2697326。奖补资金拨付：…: the list ends, another line begins)
            parts.append(c[start:k].strip())
            start = k + 1
    if len(parts) < 2:
        return [c]

    def names(t: str) -> bool:
        return bool(
            _ASPECT_LABEL.match(t)
            or _CITED_ROW.match(t)
            or _TRAILING_REFS.search(t)
            or _MIDDLE_REFS.search(t)
        )

    for k, p in enumerate(parts):
        head = max(p.text.rfind("："), p.text.rfind(":"))
        if head >= 0 and names(p.text[head + 1 :].strip()):
            # 可以直接咨询相关科室：上规模方面，… / 责任单位及联系电话：第1项，…: from the aspect on
            parts[k] = p[head + 1 :].strip()
    aspects = [p for p in parts if names(p.text) and _has_phone(p.text)]
    return [p for p in parts if p.text] if len(aspects) >= 2 else [c]


# the pictographs a WeChat article leads its sections with (☎ 政策咨询, 📌, 💬 划重点)
SYMBOL_LEAD = re.compile(r"^[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\s]+")


def _cut_by_wrap(prev: str, line: str) -> bool:
    """Whether a PDF's wrap cut a contact line before `line`: inside a phone (…087 / 7-2058316) or
    inside the bracket that names the items it serves (（第三条 / ）0877-…, （第十 / 条至第十二条）)."""
    if prev[-1].isdigit() and line[0].isdigit():
        # (…0734-8811362 / 07（转贷） 市委金融办…: a complete phone, then the next row's number)
        complete = re.search(r"(?<!\d)0\d{2,3}[-－]?\d{7,8}$", prev) is not None
        return not complete and continues(prev.split("\n")[-1], line, 0)
    if prev.endswith(("，", "：", ":", ",")) and re.fullmatch(r"[\d\-－—、，, ]{7,}[；;。]?", line):
        return True  # …认定）：程立华， / 0793-8207316: the phone the wrap put on a line of its own
    if prev.count("（") <= prev.count("）"):
        return False
    # …（第三条 / ）0877-…, or an office's bracket of the measures it serves (投资与规划科（企业技术改造奖补、智能制
    # / 造奖励、…）：程立华，) closed on the next line
    return re.search(r"[（(]第[^（）()]{0,12}$", prev) is not None or (
        re.search(r"(?:局|处|科|股|室|中心)[（(][^（）()]{2,40}$", prev) is not None and "）" in line
    )


@lru_cache(maxsize=8)
def _wrap_width(text: str) -> int:
    return wrap_width([plain(x).strip() for x in text.split("\n")])


def _wrapped_lines(text: str) -> list[tuple[int, int]]:
    """The text's lines, a line the wrap cut (a PDF's: "…（第一至六条）087" / "7-2058316；…（第三条" /
    "）0877-…") joined with the line it runs on to."""
    out: list[tuple[int, int]] = []
    pos = 0
    # a hard-wrapped text (a PDF's): a full line runs on into the next (政策咨询：第二条、第十条，市工业和信息
    # 化局投资与技术 / 改造科，0598-8225316；第三条，…), so a contact paragraph is read as one line
    width = _wrap_width(text)
    for raw in text.split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        line, prev = raw.strip(), text[out[-1][0] : out[-1][1]].strip() if out else ""
        last = prev.split("\n")[-1].strip()
        # (a row of a contact table ends on its phone: complete, however wide)
        full = bool(
            width
            and last
            and line
            and printed_width(last) >= width
            and not re.search(r"\d{7,8}$", last)
            and not (last.endswith("|") or line.startswith("|"))  # (a markdown table's rows)
            and continues(last, line, width)
        )
        if prev and line and (_cut_by_wrap(prev, line) or full):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# 规划投资科 / 企业服务科: an office named alone in a program's cell, its phone in the notice's list
_BARE_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,12}(?:科|处|股|室|中心)")


def contacts_by_office(text: str, units: list[Unit]) -> list[Unit]:
    """A program whose department cell names only an office (受理科室：规划投资科), with no phone of its
    own, takes the contact line that names that office with a phone (区工业和信息化局规划投资科：周先生，
    0431-87905315) from the notice's contact section."""
    covered = _covered(units)
    lines = [(a, b) for a, b in _wrapped_lines(text) if a not in covered and _has_phone(text[a:b])]
    extra: dict[int, list[TextField]] = {}
    for k, u in enumerate(units):
        if u.kind is not UnitKind.PROGRAM or u.get(FieldName.CONTACT):
            continue
        offices = [
            f.text.strip() for f in u.get(FieldName.DEPARTMENT) if _BARE_OFFICE.fullmatch(f.text.strip())
        ]
        for office in offices:
            found = [
                (a, b) for a, b in lines if re.search(rf"{re.escape(office)}(?=[\s：:，,（(])", text[a:b])
            ]
            for a, b in found[:1]:
                c = clean_span(text, a, b).strip()
                extra.setdefault(k, []).append(TextField(FieldName.CONTACT, c.text, c.offsets, "联系方式"))
    return _with_extra(units, extra)


# 市经济和信息化局：0719-8651236 (a list of the bodies' phones, in a notice's 附件 or closing lines)
_BODY_PHONE = re.compile(
    r"^\s*(?P<body>[\u4e00-\u9fff]{3,20}?)(?P<note>[（(][^）)\n]{1,12}[）)])?\s*[:：]\s*(?=[\d（(])"
)


def contacts_by_department(text: str, units: list[Unit]) -> list[Unit]:
    """A list of the bodies' phones (市经济和信息化局：0719-…, one line each) outside every program: a
    program with no contact of its own takes the line of each body its department note names
    (责任单位：市经信局、市财政局), short and full names alike. A line given for one purpose only
    (市财政局（资金拨付）：…) serves no program."""
    covered = _covered(units)
    listed: list[tuple[tuple[str, str], int, int]] = []
    for a, b in _wrapped_lines(text):
        line = text[a:b]
        m = _BODY_PHONE.match(line)
        if a in covered or m is None or not _has_phone(line):
            continue
        key = _body_key(m.group("body"))
        if key is not None and m.group("note") is None:
            listed.append((key, a, b))
    if len(listed) < 2:
        return units
    extra: dict[int, list[TextField]] = {}
    for k, u in enumerate(units):
        if u.kind is not UnitKind.PROGRAM or u.get(FieldName.CONTACT):
            continue
        named = {
            key
            for f in u.get(FieldName.DEPARTMENT)
            for part in re.split(r"[、，,；;和及]", f.text)
            if (key := _body_key(part.strip())) is not None
        }
        for key, a, b in listed:
            if key in named:
                c = clean_span(text, a, b).strip()
                extra.setdefault(k, []).append(TextField(FieldName.CONTACT, c.text, c.offsets, "联系方式"))
    return _with_extra(units, extra)


@lru_cache(maxsize=1)
def _forms() -> dict[str, BodyKind]:
    return departments().form_kind()


def _body_key(name: str) -> tuple[str, str] | None:
    """市经信局 and 市经济和信息化局 alike: (the level word it starts with, the kind of body)."""
    name = _PARENS.sub("", name).strip()
    forms = _forms()
    form = max((f for f in forms if name.endswith(f)), key=len, default=None)
    if form is None or len(name) - len(form) > 8:
        return None
    return name[:1] if name[:1] in "省市区县" else "", forms[form].key


def route_named_contacts(text: str, units: list[Unit]) -> list[Unit]:
    """Contact lines outside every program's own text that name programs ("研发投入补助：市经信局技术创新处
    0574-…", "第（一）（七）（八）项：…处，0731-…", above a 细则 in its cover notice or after its last
    measure) are the contacts of the programs they name, not of every program."""
    covered = _covered(units)
    routed = _routed(units)
    runs: list[list[tuple[int, int]]] = []
    last = -2
    opened = False  # the line before names programs and gives no phone
    # Lines count as adjacent across blank lines (a web page's paragraphs are apart): k numbers
    # the lines with text.
    k = -1
    for a, b in _wrapped_lines(text):
        raw = text[a:b]
        line = SYMBOL_LEAD.sub("", re.sub(r"\s*\n\s*", "", raw.strip()))
        if not line:
            continue
        k += 1
        start = a + len(raw) - len(raw.lstrip())
        if start in covered or (start not in routed and not routed.isdisjoint(range(a, b))):
            continue  # (a line cut into its items' pieces already: 📞 第②至④项咨询：…)
        short = len(line) <= 30 and not re.search(r"[。，；,;\t]", line)
        label = short and (
            line.endswith(("：", ":"))
            or bool(_ordinals(line))
            or bool(_INTAKE_HEAD.search(line))
            or bool(_COLUMN_HEADS.fullmatch(line))  # 单位　联系人　联系电话: a list's header
        )
        # 📞 第01、02条 / 区工业和信息化局 投资与技术改造股 / 0750-…: the office between label and phone
        office = short and opened and last == k - 1 and bool(_OFFICE.search(line))
        opened = label
        if not (_has_phone(line) or label or office):
            continue
        if runs and last == k - 1:
            runs[-1].append((a, b))
        else:
            runs.append([(a, b)])
        last = k
    # a cover notice read as a program of its own lines (its contact block) is none of those named
    hollow = [k for k, u in enumerate(units) if u.kind is UnitKind.PROGRAM and _hollow(u)]
    rest = [u for k, u in enumerate(units) if k not in hollow]
    named = [r for r in runs if _names_programs(text, r, rest)]
    if not named:
        return units
    # every program's copy of those lines (the whole text's contact) goes; their other lines stay
    gone = {i for r in named for a, b in r for i in range(a, b)}
    rest = [replace(u, fields=tuple(_without(f, gone) for f in u.fields if _kept(f, gone))) for u in rest]
    for ranges in named:
        rest = attach_contact_sections(text, [("联系方式", ranges)], rest)
    kept = iter(rest)
    out = []
    for k, u in enumerate(units):
        if k not in hollow:
            out.append(next(kept))
        elif fields := tuple(_without(f, gone) for f in u.fields if _kept(f, gone)):
            out.append(replace(u, fields=fields))
    return out


def route_named_conditions(text: str, units: list[Unit]) -> list[Unit]:
    """A notice's conditions section that states each program's own conditions under its name
    ("二、申报条件 … （二）具体条件 2.工业互联网标杆场景项目：申报单位须已取得…资格") gives each named program
    those lines as its conditions, and no other program: where the section was every program's
    shared conditions field, the named lines leave the others' copies."""
    uses = Counter(f.offsets[:1] for u in units for f in u.fields)
    covered = {
        o
        for u in units
        for f in u.fields
        if not (f.name is FieldName.CONDITIONS and uses[f.offsets[:1]] > 1)
        and (f.name not in (FieldName.CONTACT, FieldName.DEPARTMENT) or uses[f.offsets[:1]] == 1)
        for o in f.offsets
    }
    programs = [i for i, u in enumerate(units) if u.kind is UnitKind.PROGRAM and not _hollow(u)]
    extra: dict[int, list[TextField]] = {}
    routed: set[int] = set()
    pos, in_conditions = 0, False
    for raw in text.split("\n"):
        a = pos
        pos += len(raw) + 1
        line = plain(raw).strip()
        marker = parse_marker(line)
        body = line[marker.length :] if marker else line
        if not line or a + len(raw) - len(raw.lstrip()) in covered:
            continue
        if marker is not None and len(body) <= 16 and not re.search(r"[：:。；;，,]", body):
            fname = lexicon().lookup(body, loose=True)
            # （二）具体条件 / 专项条件 under 二、申报条件: still the conditions
            in_conditions = fname is FieldName.CONDITIONS or (
                in_conditions and fname is None and body.endswith(("条件", "要求"))
            )
            continue
        label = _CONDITION_LABEL.match(body)
        if not in_conditions or label is None or _has_phone(body):
            continue
        targets = _named(label.group("label"), units, programs)
        rest = body[label.end() :].strip()
        start = a + raw.find(rest[:4]) if rest else -1
        if not targets or start < a:
            continue
        c = clean_span(text, start, a + len(raw.rstrip()))
        routed.update(range(a, a + len(raw)))
        for i in targets:
            extra.setdefault(i, []).append(TextField(FieldName.CONDITIONS, c.text, c.offsets, "申报条件"))
    if not extra:
        return units
    shared = [
        replace(u, fields=tuple(_without(f, routed, FieldName.CONDITIONS) for f in u.fields)) for u in units
    ]
    return _with_extra(shared, extra)


def _covered(units: list[Unit]) -> set[int]:
    """Document offsets the programs' own text holds: every field but the contact and department
    lines several programs share (a card's own 联络方式 is its own; a cover notice's is nobody's)."""
    uses = Counter(f.offsets[:1] for u in units for f in u.fields)
    covered: set[int] = set()
    for u in units:
        shared_ok = u.kind is UnitKind.PROGRAM and _hollow(u)
        for f in u.fields:
            if f.name not in (FieldName.CONTACT, FieldName.DEPARTMENT) or (
                uses[f.offsets[:1]] == 1 and not shared_ok and not _cites_cards(f.text)
            ):
                covered.update(f.offsets)
    return covered


def _cites_cards(text: str) -> bool:
    """A contact table read into the last card (措施 咨询科室 电话 / 01 市工信局…科 0734-… / 02 …): its
    rows cite the cards by number, so it is every card's, not that one's."""
    return sum(1 for line in text.split("\n") if _NUMBER_CELL.match(line) and _has_phone(line)) >= 2


def _routed(units: list[Unit]) -> set[int]:
    """Document offsets of contact pieces some programs share but not all: a compiled policy's own
    closing lines, handed to its measures already."""
    programs = sum(1 for u in units if u.kind is UnitKind.PROGRAM)
    uses = Counter(f.offsets[:1] for u in units for f in u.fields if f.name is FieldName.CONTACT)
    return {
        i
        for u in units
        for f in u.fields
        if f.name is FieldName.CONTACT and 1 < uses[f.offsets[:1]] < programs
        for i in f.offsets
    }


def _hollow(u: Unit) -> bool:
    return all(f.name in (FieldName.CONTACT, FieldName.DEPARTMENT, FieldName.WINDOW) for f in u.fields)


def _kept(f: TextField, gone: set[int]) -> bool:
    return f.name is not FieldName.CONTACT or _has_phone(_without(f, gone).text)


def _without(f: TextField, gone: set[int], name: FieldName = FieldName.CONTACT) -> TextField:
    if f.name is not name or not gone.intersection(f.offsets):
        return f
    keep = [i for i, o in enumerate(f.offsets) if o not in gone]
    return replace(f, text="".join(f.text[i] for i in keep), offsets=tuple(f.offsets[i] for i in keep))


def _has_phone(s: str) -> bool:
    return _DIGITS.search(re.sub(r"[-－—\s]", "", s)) is not None


def _in_section(key: str, units: list[Unit], programs: list[int]) -> list[int]:
    """The programs under a section (or a table's category) named `key` (首台类: the rows under 首台（套）)."""
    bare = key.removesuffix("类") or key
    return [
        i
        for i in programs
        if any(
            _same(key, _norm_label(part)) or _same(bare, _norm_label(_PARENS.sub("", part)))
            for part in units[i].section.split(" / ")
            if part
        )
    ]


def _named(label: str, units: list[Unit], programs: list[int]) -> list[int]:
    """The programs a contact line's label names: by section, by title, else by ordinal."""
    printed_label = label
    if (direction := _DIRECTION_LABEL.fullmatch(printed_label.strip())) is not None:
        # 专项一：中小企业处 … 0771-…: the measures under 专项一 (or 专项三 itself)
        found = [i for i in programs if units[i].article == _number(direction.group("n"))]
        if found:
            return found
    marker = None if _BRACKET_REFS.fullmatch(label) else parse_marker(label)
    label = label[marker.length :] if marker else label  # "（二）" numbers the contact lines
    if lexicon().lookup(label) is not None:
        return []  # 联系人：, 电话： … a field label, not a program
    key = _norm_label(_PARENS.sub("", _ORDINAL.sub("", label)))
    groups = list(dict.fromkeys(units[i].section for i in programs if units[i].section))
    listed = [_norm_label(_PARENS.sub("", p)) for p in label.split("、")]
    if len(listed) >= 2 and all(len(p) >= 2 for p in listed):
        # 技术改造类、首台（套）类：the sections it lists, each (when each names one)
        each = [_in_section(p, units, programs) for p in listed]
        if all(each):
            return sorted({i for found in each for i in found})
    if len(key) >= 2:
        in_section = _in_section(key, units, programs)
        if in_section:
            return in_section
        whole = re.sub(r"\s", "", _PARENS.sub("", label))
        titled = [
            i
            for i in programs
            if _same(key, _norm_label(units[i].title))
            or _same(key, _norm_label(_PARENS.sub("", units[i].title)))  # 首台（套）…项目
            or _same(whole, re.sub(r"\s", "", units[i].title))
        ]
        if titled:
            return titled
    # 第四条 alone: the articles cited (a 第N条 marker numbers no contact line of a table's rows)
    numbers = _ordinals(label) or (_ordinals(printed_label) if not label.strip() else [])
    if not numbers and (loose := _loosely_named(key, units, programs)) is not None:
        return [loose]
    if not numbers:
        # 梯度培育奖励、单项冠军奖励、服务券支持：… names several programs by title
        parts = [p for p in re.split(r"[、，,及和与/]", label) if len(p) >= 2]
        if len(parts) < 2 or re.search(
            r"(?:局|厅|委|办)[\u4e00-\u9fff]{0,10}(?:处|科|股|室)$", label.strip()
        ):
            return []  # (区工业和信息化局规划投资科: an office's name, not a list of measures)
        named = [_named(p, units, programs) for p in parts]
        # 数字化转型服务券、免费诊断服务、服务商奖励: most parts name programs (a service may be none)
        return sorted({i for t in named for i in t}) if 2 * sum(map(bool, named)) >= len(parts) else []
    if (held := _ARTICLE_ITEMS.fullmatch(printed_label.strip())) is not None:
        # 第三条第（一）项 / 第四条: the measures of that article, by their own numbers where it names them
        article = _number(held.group("article"))
        items = [_number(n) for n in re.findall(r"[一二三四五六七八九十\d]{1,3}", held.group("items") or "")]
        found = [
            i for i in programs if units[i].article == article and (not items or units[i].number in items)
        ]
        if found:
            return found
    cited = _cited_articles(units, programs)
    if "条" in label and cited and all(n in cited for n in numbers):
        # 政策解读: 8．支持数字化智能化转型。《措施》第四条明确… / 咨询（第一条、第四条）：…: the
        # label names the articles of the policy each measure cites, not the measures' own numbers
        return sorted({cited[n] for n in numbers})
    printed = _printed_numbers(units, programs)
    in_range = (
        len(numbers) > 2 and "至" in printed_label
    )  # 第五条至第九条 spans articles that pay nothing too
    if "条" in printed_label and printed and (all(n in printed for n in numbers) or in_range):
        # ▲第2、3、4条：… after measures 1．–24．, some of which are goals: the printed numbers
        return sorted({printed[n] for n in numbers if n in printed})
    # 第（三）项 / 【三】 numbers an item (items are numbered on through the sections); 第二项 may
    # number a section of items
    items = bool(re.search(r"[（(【条]", label))  # 第05条 numbers an article, never a section
    out: list[int] = []
    for n in numbers:
        if len(groups) >= 2 and not items:
            out += [i for i in programs if units[i].section == groups[n - 1]] if 1 <= n <= len(groups) else []
        elif 1 <= n <= len(programs):
            out.append(programs[n - 1])
    return out


# what a short name of a measure adds to its core (智能化改造补助 for 支持企业实施智能化改造)
_OFFICE_END = re.compile(r"(?:局|厅|委员会|委|办公室|办|处|科|股|中心|公司)$")
_SHORT_NAME_TAIL = re.compile(r"(?:奖励|补助|补贴|支持|政策|资金|项目|奖补)+$")


def _loosely_named(key: str, units: list[Unit], programs: list[int]) -> int | None:
    """The one program whose title holds most of a short name's core: 智能工厂奖励 names 鼓励创建智能工厂,
    服务商奖励 names 培育本地数字化转型服务商 (a contact block names measures by what they pay for)."""
    core = _SHORT_NAME_TAIL.sub("", key)
    if len(core) < 2 or _OFFICE_END.search(core):
        return None  # 北京市文化和旅游局：…: an office, not a short name of a measure
    scores = []
    for i in programs:
        title = _norm_label(units[i].title)
        m = difflib.SequenceMatcher(None, core, title, autojunk=False).find_longest_match(
            0, len(core), 0, len(title)
        )
        scores.append((m.size / len(core), i))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < 0.6 or (len(scores) > 1 and scores[1][0] >= scores[0][0]):
        return None
    return scores[0][1]


_CITES = re.compile(
    r"^(?:[^。；]{0,30}[。；])?[^。；]{0,30}?《[^》]{1,30}》\s*第(?P<n>[一二三四五六七八九十\d①-⑳]{1,3})条"
)


def _cited_articles(units: list[Unit], programs: list[int]) -> dict[int, int]:
    """The article of the policy each program opens by citing ("《措施》第七条规定，…"), when every
    program cites one and no two the same."""
    out: dict[int, int] = {}
    for i in programs:
        m = _CITES.search(" ".join(f.text for f in units[i].fields)[:120])
        if m is None:
            return {}
        n = _number(m.group("n"))
        if n in out:
            return {}
        out[n] = i
    return out


def _printed_numbers(units: list[Unit], programs: list[int]) -> dict[int, int]:
    """Printed number -> program, when the numbers run through the text (no two programs share one)."""
    out: dict[int, int] = {}
    for i in programs:
        n = units[i].number
        if n in out:
            return {}
        if n is not None:
            out[n] = i
    return out


def _number(n: str) -> int:
    """12 / 十二 / ⑫ -> 12."""
    if "①" <= n <= "⑳":
        return ord(n) - ord("①") + 1
    return int(n) if n.isascii() and n.isdigit() else cn_number(n)


def _ordinals(label: str) -> list[int]:
    """第二项 → [2]; 第一项、第五项 → [1, 5]; 第五条至第九条 → [5, 6, 7, 8, 9]; 第（一）（七）（八）项 / 第（三）、（五）项 → [1, 7, 8] / [3, 5];
    第01、02条 → [1, 2]."""
    if re.fullmatch(r"(?:【[一二三四五六七八九十\d①-⑳]{1,3}】)+", label):
        return [_number(n) for n in re.findall(r"【(.+?)】", label)]
    if _RANGE.search(label):
        # 第五条至第九条 / 第一至六条 / 第二条至第八条、第十条: each range, and the numbers beside them
        numbers: list[int] = []
        for m in _RANGE.finditer(label):
            a, b = (_number(n) for n in (m.group("a"), m.group("b")))
            numbers += list(range(a, b + 1)) if a < b else [a, b]
        rest = _RANGE.sub("", label)
        numbers += [_number(n) for n in (m.group("n") for m in _ORDINAL.finditer(rest))]
        return list(dict.fromkeys(numbers))
    found = [m.group("n") for m in _ORDINAL.finditer(label)]  # 第一项、第五项: each
    if found:
        return [_number(n) for n in found]
    run = _ORDINAL_RUN.search(label) or _ORDINAL_LIST.search(label) or _DIRECTION_LIST.search(label)
    if run is None:
        return []
    return [_number(n) for n in re.findall(r"[一二三四五六七八九十\d①-⑳]{1,3}", run.group(1))]


def _same(key: str, name: str) -> bool:
    if not name:
        return False
    if key == name:
        return True
    return len(key) >= 4 and len(name) >= 4 and (key in name or name in key)


def _with_extra(units: list[Unit], extra: dict[int, list[TextField]]) -> list[Unit]:
    if not extra:
        return units
    return [replace(u, fields=u.fields + tuple(extra[i])) if i in extra else u for i, u in enumerate(units)]
