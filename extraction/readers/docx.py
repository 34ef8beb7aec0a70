"""Word documents (.docx) to text through python-docx: paragraphs and table rows in body order.

A table row becomes one line with its cells separated by tabs, so the table reader sees a table;
paragraphs keep their order around tables. Word's automatic list numbers are printed before their
paragraphs as Word would print them (docx_numbering.py).
"""

from __future__ import annotations

import io
import zipfile

from extraction.readers.docx_numbering import Numbering
from schema.errors import InputError


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _labels(cell: str) -> bool:
    """A short cell that names a field (事项名称, 支持标准, 咨询电话 …)."""
    from extraction.readers.fields import lexicon, normalize_heading

    return len(cell) <= 12 and lexicon().lookup(normalize_heading(cell)) is not None


def read_docx(data: bytes, source: str) -> str:
    """The document's text; raises InputError naming `source` for a broken or protected file."""
    import docx  # python-docx, imported here: only Word files need it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors on a broken package
        raise InputError(source, f"broken Word document: {type(e).__name__}: {e}") from e
    numbering = Numbering.of(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(block, document).text
            # 一、 （一） 1. printed by a Word list style: the outline the prose reader reads
            label = numbering.label(block) if numbering is not None and text.strip() else ""
            lines.append(label + text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # a merged cell repeats itself
                        cells.append(value)
                if len(cells) == 2 and _labels(cells[0]):
                    # 受理部门 | 区经信局投资与技术改造科: a card's label and its value, a labelled field
                    lines.append(f"{cells[0]}：{cells[1]}")
                else:
                    lines.append("\t".join(cells))
    text = "\n".join(lines).strip()
    if not text:
        raise InputError(source, "Word document with no text")
    return text + "\n"
