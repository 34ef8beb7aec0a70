"""Service guides (办事指南) of a government service portal (政务服务网): one page per 事项, named on
its 事项名称 line and laid out in the portal's fixed blocks (基本信息, 设定依据, 申报条件, 扶持标准,
申报材料, 办理流程, 咨询电话 / 监督电话). A page may hold several guides one after another.

Each guide is read by the markdown reader on its own stretch of the text (everything else blanked,
so offsets stay the document's), and all it finds becomes one program named by 事项名称: the
portal's blocks and the numbered steps of 办理流程 are no programs of their own.
"""

from __future__ import annotations

import re

from extraction.document import FieldName, TextField, Unit, UnitKind
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


def read_service_guides(text: str) -> list[Unit] | None:
    """One program per 事项 of a page of service guides, or None when `text` is no such page."""
    names = list(_ITEM_NAME.finditer(text))
    if not names or sum(w in text for w in _GUIDE_WORDS) < 3:
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
        out.append(_guide(text, starts[k], end, m))
    return out


def _guide(text: str, start: int, end: int, name: re.Match[str]) -> Unit:
    # blank every character outside the guide, keeping line breaks, so offsets stay the text's
    masked = re.sub(r"[^\n]", " ", text[:start]) + text[start:end] + re.sub(r"[^\n]", " ", text[end:])
    units, _meta = read_markdown(masked)
    fields: list[TextField] = []
    for u in units:
        fields += [f for f in u.fields if f.name not in (FieldName.TITLE, FieldName.OVERSIGHT)]
    a, b = name.span("name")
    return Unit(UnitKind.PROGRAM, name.group("name"), tuple(range(a, b)), tuple(fields))
