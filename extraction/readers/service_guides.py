"""Service guides (办事指南) of a government service portal (政务服务网): one page per 事项, named on
its 事项名称 line and laid out in the portal's fixed blocks (基本信息, 设定依据, 申报条件, 扶持标准,
申报材料, 办理流程, 咨询电话 / 监督电话). A page may hold several guides one after another; a
department's 兑现指南 prints its 事项 the same way (事项名称 / 兑现标准 / 兑现条件 / 受理部门).

Each guide is read by the markdown reader on its own stretch of the text (everything else blanked,
so offsets stay the document's), and all it finds becomes one program named by 事项名称: the
portal's blocks and the numbered steps of 办理流程 are no programs of their own.
"""

from __future__ import annotations

import re

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import clean_span
from extraction.readers.fields import lexicon
from extraction.readers.markdown import read_markdown

# 事项名称：赣州市优质中小企业梯度培育奖励申报
_ITEM_NAME = re.compile(
    r"^[ \t\u3000]*(?:事项名称|服务事项名称)[ \t\u3000]*[:：][ \t\u3000]*(?P<name>\S[^\n]{2,60}?)[ \t\u3000]*$",
    re.M,
)
# the blocks only a service portal's guide prints
_GUIDE_WORDS = (
    "办件类型",
    "办结时限",
    "设定依据",
    "办理地点",
    "实施主体",
    "行使层级",
    "到办事现场次数",
    "服务对象",
)


# the labelled blocks of a 兑现指南 (事项名称 / 兑现标准 / 兑现条件 / 受理部门 / 咨询电话), which a
# department prints one 事项 after another without a portal's blocks
_BLOCK_WORDS = (
    "兑现标准",
    "兑现条件",
    "扶持标准",
    "支持标准",
    "奖补标准",
    "申报条件",
    "受理部门",
    "咨询电话",
)


def read_service_guides(text: str) -> list[Unit] | None:
    """One program per 事项 of a page of service guides (or of a 兑现指南's blocks), or None when
    `text` is no such page."""
    names = list(_ITEM_NAME.finditer(text))
    portal = sum(w in text for w in _GUIDE_WORDS) >= 3
    blocks = len(names) >= 2 and sum(w in text for w in _BLOCK_WORDS) >= 3
    if not names or not (portal or blocks):
        return None
    starts = []
    floor = 0
    for m in names:
        # the guide starts at its name printed alone above the blocks (the page's heading)
        head = text.rfind("\n" + m.group("name") + "\n", floor, m.start())
        starts.append(head + 1 if head >= 0 else text.rfind("\n", 0, m.start()) + 1)
        floor = m.end()
    out = []
    for k, m in enumerate(names):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        out.append(_guide(text, starts[k], end, m) if portal else _blocks(text, m.end(), end, m))
    return out


# 兑现标准：对…给予… / 兑现条件：: a labelled block (the words after the colon start its text)
_LABEL = re.compile(r"^[ \t\u3000]*(?P<label>[\u4e00-\u9fff]{2,8})[ \t\u3000]*[:：][ \t\u3000]*")


# a 兑现指南's own labels (elsewhere, as in a 兑现清单's cards, 兑现标准 runs on inside a wrapped text)
_BLOCK_FIELDS = {"兑现标准": FieldName.BENEFIT, "兑现条件": FieldName.CONDITIONS}


def _blocks(text: str, start: int, end: int, name: re.Match[str]) -> Unit:
    """A 事项 of a 兑现指南: each labelled block a field of its own, up to the next label."""
    fields: list[TextField] = []
    current: tuple[FieldName, str, int] | None = None  # field, heading, where its text starts

    def close(at: int) -> None:
        if current is not None:
            c = clean_span(text, current[2], at).strip()
            if c.text:
                fields.append(TextField(current[0], c.text, c.offsets, current[1]))

    pos = start
    for line in text[start:end].split("\n"):
        m = _LABEL.match(line)
        field = (_BLOCK_FIELDS.get(m.group("label")) or lexicon().lookup(m.group("label"))) if m else None
        if m is not None and field is not None and field not in (FieldName.TITLE, FieldName.OVERSIGHT):
            close(pos)
            current = (field, m.group("label"), pos + m.end())
        elif m is not None and field in (FieldName.TITLE, FieldName.OVERSIGHT):
            close(pos)
            current = None
        pos += len(line) + 1
    close(min(pos, end))
    a, b = name.span("name")
    return Unit(UnitKind.PROGRAM, name.group("name"), tuple(range(a, b)), tuple(fields))


def _guide(text: str, start: int, end: int, name: re.Match[str]) -> Unit:
    # blank every character outside the guide, keeping line breaks, so offsets stay the text's
    masked = re.sub(r"[^\n]", " ", text[:start]) + text[start:end] + re.sub(r"[^\n]", " ", text[end:])
    units, _meta = read_markdown(masked)
    fields: list[TextField] = []
    for u in units:
        fields += [f for f in u.fields if f.name not in (FieldName.TITLE, FieldName.OVERSIGHT)]
    a, b = name.span("name")
    return Unit(UnitKind.PROGRAM, name.group("name"), tuple(range(a, b)), tuple(fields))
