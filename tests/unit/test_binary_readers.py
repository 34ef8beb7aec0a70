"""PDF and Word files: chosen by content, read into text with a page map, and every bad file named."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extraction.document import FieldName
from extraction.readers import read_document
from extraction.readers.pdf import PAGE_BREAK
from schema.errors import InputError

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
BEIJING = CORPUS / "beijing-chanye-zhengce-daoyin-2024.pdf"

# A PDF whose trailer names a standard security handler: PDFium asks for a password.
ENCRYPTED = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
4 0 obj << /Filter /Standard /V 1 /R 2 /O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> /U <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> /P -4 >> endobj
trailer << /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] /Size 5 >>
%%EOF
"""


@pytest.fixture(scope="module")
def beijing():
    return read_document(BEIJING)


def test_the_real_pdf_keeps_its_pages(beijing) -> None:
    assert len(beijing.pages) == 331
    # page 13 (printed 3) starts the second card; its text sits on that page
    at = beijing.text.index("北京市低效楼宇改造项目促进产业高质量发展\n关于")
    assert beijing.page_of(at) == 13
    assert beijing.text.count(PAGE_BREAK) == 331


def test_the_real_pdf_is_one_program_per_card_with_its_fields(beijing) -> None:
    titles = [u.title for u in beijing.units]
    assert len(titles) == 145  # the guide says 共145条; chapter titles (两业融合篇) are no cards
    card = next(u for u in beijing.units if u.title == "北京市低效楼宇改造项目促进产业高质量发展")
    assert "最高不超过5000万元" in card.text_of(FieldName.BENEFIT)  # "5000 万元" mended
    assert card.text_of(FieldName.CONTACT) == "北京市发展和改革委员会：55590088"
    assert "产权清晰" in card.text_of(FieldName.CONDITIONS)
    for unit in beijing.units[:20]:  # every field character points at its character of the text
        for f in unit.fields:
            for ch, off in zip(f.text, f.offsets, strict=True):
                assert (
                    ch == "\n" or beijing.text[off] == ch or beijing.text[off] in "．％０１２３４５６７８９"
                )


def test_a_pdf_is_known_by_its_content_not_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "guide.txt"
    renamed.write_bytes(BEIJING.read_bytes())
    assert len(read_document(renamed).pages) == 331


def _textless_pdf() -> bytes:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _broken_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("locked.pdf", lambda: ENCRYPTED, r"locked\.pdf: encrypted PDF"),
        ("scan.pdf", _textless_pdf, r"scan\.pdf: no text layer"),
        ("broken.pdf", lambda: BEIJING.read_bytes()[:5000], r"broken\.pdf: broken PDF"),  # a cut download
        ("broken.docx", _broken_docx, r"broken\.docx: broken Word document"),
        (
            "old.doc",
            lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            r"old\.doc: .*legacy Office file or an encrypted \.docx",
        ),
        # starts with "{" like JSON, and is not read
        ("notice.rtf", lambda: "{\\rtf1\\ansi 关于组织申报的通知}".encode(), r"notice\.rtf: an RTF document"),
    ],
)
def test_a_bad_pdf_or_word_file_is_named(tmp_path: Path, name: str, make, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError, match=message):
        read_document(path)


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_a_word_notice_is_read_into_measures(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(
        _docx(
            [
                "巢湖市培育新动能促进产业转型升级若干政策",
                "一、支持技术改造",
                "对企业技术改造项目，按设备投资额的8%给予补助，最高200万元。",
                "二、支持企业上规模",
                "对首次升规的工业企业给予10万元奖励。",
            ],
            table=[["联系单位", "联系电话"], ["巢湖市经济和信息化委员会", "0551-82321234"]],
        )
    )
    doc = read_document(path)
    assert [u.title for u in doc.units] == ["支持技术改造", "支持企业上规模"]
    assert "巢湖市经济和信息化委员会\t0551-82321234" in doc.text


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _list_item(paragraph: object, num_id: str, level: object = 0) -> None:
    """Number a python-docx paragraph with list `num_id` at `level`, as Word stores it (numPr)."""
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(  # type: ignore[attr-defined]
        parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _saved(document: object) -> bytes:
    buf = io.BytesIO()
    document.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def _numbered_docx(paragraphs: list[tuple[int | None, str]]) -> bytes:
    """A Word file whose outline is a list style (一、 / （一） / 1.), as an office drafts a notice:
    the numbers live in numbering.xml, not in the paragraphs' text."""
    import docx
    from docx.oxml import parse_xml

    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_W} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        p = document.add_paragraph(text)
        if level is not None:
            _list_item(p, "90", level)
    return _saved(document)


def test_word_list_numbers_are_printed_and_give_the_outline(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(
        _numbered_docx(
            [
                (None, "某市促进产业转型升级若干政策"),
                (0, "支持技术改造"),
                (1, "设备补助"),
                (None, "对企业技术改造项目，按设备投资额的8%给予补助，最高200万元。"),
                (1, "贷款贴息"),
                (None, "对技术改造贷款按实际利息的50%给予贴息。"),
                (0, "支持企业上规模"),
                (1, "首次升规奖励"),
                (None, "对首次升规的工业企业给予10万元奖励。"),
                (2, "细则另行制定"),
            ]
        )
    )
    doc = read_document(path)
    for label in (
        "一、支持技术改造",
        "（一）设备补助",
        "（二）贷款贴息",
        "二、支持企业上规模",
        "（一）首次升规奖励",
        "1.细则另行制定",
    ):
        assert f"\n{label}\n" in doc.text
    assert [u.title for u in doc.units] == ["设备补助", "贷款贴息", "首次升规奖励"]


def test_word_numbers_in_chinese_and_a_list_style() -> None:
    import docx

    from extraction.readers.docx import read_docx
    from extraction.readers.docx_numbering import chinese

    assert [chinese(n) for n in (1, 10, 12, 20, 21, 105, 110)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十一",
        "一百零五",
        "一百一十",
    ]
    document = docx.Document()
    for text in ("支持技术改造", "支持企业上规模"):
        document.add_paragraph(text, style="List Number")  # the template's own "%1." list
    assert read_docx(_saved(document), "list.docx") == "1.支持技术改造\n2.支持企业上规模\n"


def test_malformed_list_numbers_are_read_as_plain_paragraphs() -> None:
    import docx

    from extraction.readers.docx import read_docx

    document = docx.Document()
    # a hand-edited file: a level that is no number, a list that does not exist
    _list_item(document.add_paragraph("支持技术改造"), "77", "x")
    assert read_docx(_saved(document), "odd.docx") == "支持技术改造\n"


def test_two_lists_of_one_definition_continue_each_others_numbers() -> None:
    import docx
    from docx.oxml import parse_xml

    from extraction.readers.docx import read_docx

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        ),
    )
    for num_id in ("91", "92"):
        numbering.append(parse_xml(f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="91"/></w:num>'))
    for num_id, text in (("91", "支持技术改造"), ("92", "支持企业上规模")):
        _list_item(document.add_paragraph(text), num_id)
    assert read_docx(_saved(document), "two.docx") == "一、支持技术改造\n二、支持企业上规模\n"


def test_a_bordered_program_table_in_a_pdf_is_laid_out_by_rows() -> None:
    # heldout12 g02 (printed by chromium): 序号 | 项目类别 | 申报条件 | 支持标准, a row cut by each page break
    doc = read_document(
        Path(__file__).resolve().parents[1]
        / "fixtures"
        / "heldout12"
        / "g02_shangrao_shenbao_tongzhi_biaoge.pdf"
    )
    assert "2\t首次升规入统奖励\t1.2024年度首次纳入规模以上工业统计；" in doc.text
    assert "\n\t\t（含软件）投资额1000万元以上" in doc.text  # the rest of row 1 on page 2, no number
    programs = [u for u in doc.units if u.kind.value == "program"]
    assert [u.title for u in programs][:3] == ["企业技术改造奖补", "首次升规入统奖励", "专精特新企业奖励"]
    first = programs[0]
    assert "500万元" in first.text_of(FieldName.BENEFIT)  # the part of its cell after the break
    # the office that lists the measures it serves in a bracket the wrap cut, its phone on a line alone
    assert "0793-8207316" in first.text_of(FieldName.CONTACT)
    assert "0793-8207329" in programs[1].text_of(FieldName.CONTACT)


def test_a_word_card_of_label_and_value_rows_is_read_as_labelled_fields() -> None:
    # heldout13 p01: one Word table per 事项, each row 事项名称 | … / 支持标准 | … / 受理部门 | …
    doc = read_document(
        Path(__file__).resolve().parents[1]
        / "fixtures"
        / "heldout13"
        / "p01_keqiao_duixian_zhinan_shixiang_biaoge.docx"
    )
    assert "\n受理部门：" in doc.text
    first = next(u for u in doc.units if u.kind.value == "program")
    assert first.title == "工业企业技术改造项目补助"
    assert "投资与技术改造科" in first.text_of(FieldName.DEPARTMENT)
