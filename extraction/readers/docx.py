"""Word documents (.docx) to text through python-docx: paragraphs and table rows in body order.

A table row becomes one line with its cells separated by tabs, so the table reader sees a table;
paragraphs keep their order around tables. Word's automatic list numbers are not part of the text
and are not invented here.
"""

from __future__ import annotations

import io
import zipfile

from schema.errors import InputError


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def read_docx(data: bytes, source: str) -> str:
    """The document's text; raises InputError naming `source` for a broken or protected file."""
    import docx  # python-docx, imported here: only Word files need it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors on a broken package
        raise InputError(source, f"broken Word document: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # a merged cell repeats itself
                        cells.append(value)
                lines.append("\t".join(cells))
    text = "\n".join(lines).strip()
    if not text:
        raise InputError(source, "Word document with no text")
    return text + "\n"
