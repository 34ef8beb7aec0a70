"""What a document's cover says about it: title, issuer, date."""

from __future__ import annotations

import re

from extraction.readers.cleaner import clean_span
from extraction.readers.lines import Line, LineKind, Toc, plain
from extraction.readers.tidy import find_date, site_record, tidy_title

_ISSUER = re.compile(
    r"(?:局|厅|委员会|委|中心|办公室|人民政府|政府|部|院|协会|联合会|商会|平台|管委会|管理委员会|研究院)$"
)


_TITLE_LINE = re.compile(r"^(?:TITLE|标题|政策标题|文件名称|文件标题)\s*[:：]\s*(?P<title>\S.{3,})$")
_TITLE_WORDS = re.compile(r"关于|通知|办法|措施|政策|方案|细则|意见|指南|规定|目录|清单|汇编|公告")


def cover_metadata(text: str, lines: list[Line], toc: Toc) -> dict[str, str | None]:
    """Title, issuer and date printed on the cover (the lines before the TOC or the first unit)."""
    stop = toc.first if toc.first >= 0 else min(len(lines), 40)
    for k, ln in enumerate(lines[:stop]):
        if ln.kind is LineKind.TOC or ln.field is not None:
            stop = k
            break
    headings: list[str] = []
    plain_lines: list[str] = []
    issuer = ""
    published: str | None = None
    for ln in lines[:stop]:
        if ln.kind is not LineKind.TEXT:
            continue
        p = plain(ln.text)
        if ln.marker is not None or len(p) > 60:
            break
        if "\t" in ln.text:
            continue
        if re.search(r"[：:]\s*$", p) or p.startswith("各"):
            continue  # 各县（市、区）工信局：: whom the notice is sent to, not who issues it
        compact = tidy_title(clean_span(text, ln.start, ln.end)).text
        if re.match(r"^附件\s*[\d\-]*$", compact) or site_record(compact):
            continue
        date = find_date(compact) if re.fullmatch(r"[\d\s年月日季度一二三四上下半.\-/]+", compact) else None
        if date:
            published = published or date
            continue
        # 长沙市工业和信息化局 长沙市财政局 above 关于印发…的通知: the bodies that issue it head the cover
        bodies_only = not _TITLE_WORDS.search(compact) and not ln.level
        if (
            _ISSUER.search(compact)
            and len(compact) <= 30
            and not issuer
            and (plain_lines or headings or bodies_only)
        ):
            issuer = compact
            continue
        if ln.level:
            headings.append(compact)
        else:
            plain_lines.append(compact)
    title_parts = headings or plain_lines[:1]
    title = "".join(title_parts)
    if not title:
        # a saved page's header lines (TITLE: 关于印发…的通知, 标题：…) name it where no cover line does
        for ln in lines[:12]:
            m = _TITLE_LINE.match(plain(ln.text).strip())
            if m:
                title = tidy_title(clean_span(text, ln.end - len(m.group("title")), ln.end)).text
                break
    if not issuer:
        for cand in plain_lines[1:]:
            if _ISSUER.search(cand) and len(cand) <= 30:
                issuer = cand
                break
    return {"title": title, "issuer": issuer, "published_at": published}
