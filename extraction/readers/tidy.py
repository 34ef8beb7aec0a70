"""Small normalisers shared by the readers: titles, dates, URLs, and a web page's record lines."""

from __future__ import annotations

import re

from extraction.readers.cleaner import Clean

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》]")
_TRAIL = "。.：:；;，,、 \n*#-—|━─═"  # (━━ 01 梯度培育奖励 ━━: a card's rules)


_PICTOGRAPHS = re.compile(r"[\U0001f000-\U0001faff\u2600-\u27bf\u25a0-\u25ff\u2022\ufe0f\u200d]+\s*")


def tidy_title(c: Clean) -> Clean:
    """Drop line breaks and spaces next to CJK characters (PDF line wraps: "江苏省工业和信息产业 转型升级"),
    surrounding punctuation and emphasis; offsets follow the kept characters."""
    text, offs = c.text, c.offsets
    keep = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in " \n\t":
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if ch == "\n" or _WIDE.match(prev or " ") or _WIDE.match(nxt or " ") or not prev or not nxt:
                continue
        keep.append(i)
    t = Clean("".join(text[i] for i in keep), tuple(offs[i] for i in keep)).strip(_TRAIL + "\t")
    lead = _PICTOGRAPHS.match(
        t.text
    )  # 🏭 支持技术改造 / ▶支持技术改造: a card's icon or bullet is no part of its name
    return t[lead.end() :] if lead and lead.end() < len(t.text) else t


_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|[-./])\s*(?:(?P<m>\d{1,2})\s*(?:月|[-./])?\s*(?:(?P<d>\d{1,2})\s*日?)?)?"
)


def find_date(text: str) -> str | None:
    """The first date in `text` as ISO (YYYY-MM-DD, or YYYY-MM / YYYY when the day or month is not printed)."""
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if mo and 1 <= int(mo) <= 12:
        if d and 1 <= int(d) <= 31:
            return f"{y}-{int(mo):02d}-{int(d):02d}"
        return f"{y}-{int(mo):02d}"
    return y


_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+")


def first_url(text: str) -> str | None:
    m = _URL.search(text)
    return m.group().rstrip(".,;") if m else None


# 当前位置：首页 > 政务公开 > 通知公告 / 某市经济和信息化局 > 通知公告: where a page sits on its site
_BREADCRUMB = re.compile(r"当前位置|首页\s*[>＞»›]|^[^>＞»›]{1,20}(?:\s*[>＞»›]\s*[^>＞»›]{1,20}){1,6}$")
# 索引号：… / 信息分类：通知: the site's record of the page (not 标题：…, which names it)
_RECORD_ROW = re.compile(
    r"^(?![\s]*(?:标题|政策标题|文件名称|文件标题)\s*[：:])[\u4e00-\u9fff\s]{2,8}[：:]\s*\S"
)


def site_record(line: str) -> bool:
    """Whether a line is a web page's breadcrumb or record row, never the document's title."""
    return bool(_BREADCRUMB.search(line) or _RECORD_ROW.match(line))
