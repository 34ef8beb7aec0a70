"""What readers produce and extraction consumes: a source document cut into units of labelled fields.

Offsets always point into `SourceDocument.text` (the decoded file), so every fact's `span` can be
checked against the real text; a field's `text` is cleaned (no HTML tags, folded white space) and
`offsets` maps each of its characters back to the document.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class DocFormat(StrEnum):
    MARKDOWN = "markdown"  # plain text or markdown, possibly with HTML fragments
    ARTICLES = "json-articles"  # a JSON list of articles (WeChat exports)
    TABLE = "tsv"  # a tab-separated table, long rows split over repeated headers


class UnitKind(StrEnum):
    PROGRAM = "program"  # something a company applies for
    POLICY = "policy"  # a policy summary without an application (汇编 chapter 1 items)
    ARTICLE = "article"  # free prose (a WeChat article, a notice)


class FieldName(StrEnum):
    """Canonical field labels; readers map the printed headings (申报条件, 📄 申报主体 ...) onto these."""

    BASIS = "basis"  # 文件依据, 政策来源
    DEPARTMENT = "department"  # 归口部门, 发布部门, 主管部门
    WINDOW = "window"  # 申报时间
    BENEFIT = "benefit"  # 政策优惠, 支持内容, 资金额度, 补助标准
    CONDITIONS = "conditions"  # 申报条件, 申报要求, 申报主体, 支持条件
    MATERIALS = "materials"  # 申报资料, 申报材料
    PROCEDURE = "procedure"  # 申报程序, 申报方式
    CONTACT = "contact"  # 联系方式, 政策指导及联系方式, 服务联系方式
    LINK = "link"  # 原文链接
    SUMMARY = "summary"  # 政策要点, 政策简介, 主要内容
    ISSUED_AT = "issued_at"  # 发布时间
    TITLE = "title"  # 文件名称
    BODY = "body"  # anything not labelled (article prose)
    OVERSIGHT = "oversight"  # 监督电话, 投诉电话: whom to complain to, not where one applies


@dataclass(frozen=True)
class TextField:
    name: FieldName
    text: str
    offsets: tuple[int, ...] = field(repr=False)  # offsets[i]: index in the document of text[i]
    heading: str = ""  # the heading as printed

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Document offsets [a, b) of `text[start:end]`."""
        end = len(self.text) if end is None else end
        if not self.offsets or start >= end:
            anchor = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return anchor, anchor
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Unit:
    """A program, a policy or an article, with its labelled fields."""

    kind: UnitKind
    title: str
    title_offsets: tuple[int, ...] = field(repr=False)
    fields: tuple[TextField, ...] = ()
    section: str = ""  # the chapter or heading the unit sits under
    url: str | None = None
    published_at: str | None = None  # ISO date, where the source states one
    # a numbered measure of a prose policy (若干措施): the titles it names are held by those it pays,
    # not conferred by it (对新认定为…的给予奖励 requires the title)
    measure: bool = False
    # words that place the unit when its title does not (a reprinting article's title and opening:
    # 南京市人民政府 for 市工信局 in its measures)
    place: str = ""
    # the number printed before a measure whose numbering runs through the text (第三条, 2．): what a
    # contact line's "第2、3、4条" names
    number: int | None = None
    # the 第N条 (or 专项N：) a measure is or sits in (第三条（一）): what "第三条第（一）项" or "专项一：" in a
    # contact list names
    article: int | None = None

    def get(self, name: FieldName) -> list[TextField]:
        return [f for f in self.fields if f.name == name]

    def text_of(self, name: FieldName) -> str:
        return "\n".join(f.text for f in self.get(name))

    @property
    def span(self) -> tuple[int, int]:
        starts = [self.title_offsets[0]] if self.title_offsets else []
        ends = [self.title_offsets[-1] + 1] if self.title_offsets else []
        for f in self.fields:
            if f.offsets:
                starts.append(f.offsets[0])
                ends.append(f.offsets[-1] + 1)
        return (min(starts), max(ends)) if starts else (0, 0)


@dataclass(frozen=True)
class SourceDocument:
    """A decoded file and the units it was cut into."""

    name: str  # the file name: a document's identity in the graph
    text: str
    format: DocFormat
    sha256: str
    title: str = ""
    issuer: str = ""  # the body that published the document, where it says
    published_at: str | None = None
    url: str | None = None
    units: tuple[Unit, ...] = ()
    pages: tuple[int, ...] = ()  # a PDF's page starts in `text` (page i+1 starts at pages[i])

    def page_of(self, offset: int) -> int | None:
        """The 1-based page an offset of `text` falls on, for a paged source."""
        if not self.pages:
            return None
        return bisect.bisect_right(self.pages, offset)
