"""Write each text of a folder again as a planner might receive it: a DOCX, a saved web page, a
PDF-like hard-wrapped text (72 columns, a Chinese character two) with page numbers and a running header, and (with --pdf, when Chromium is
installed) the web page printed to PDF by a real browser. Every variant keeps the file name (the
format is read from the content), so the same gold scores it:

    .venv/bin/python scripts/make_variants.py tests/fixtures/corpus /tmp/variants
    .venv/bin/python scripts/evaluate.py --gold tests/fixtures/corpus/gold --seed-dir /tmp/variants/wrapped

A variant that scores below its original shows a reader that depends on the original's layout.
JSON exports stay as they are; a table becomes an HTML table, and is not wrapped.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

from extraction.document import DocFormat
from extraction.readers import detect_format
from extraction.readers.furniture import printed_width

WIDTH = 72  # half-width columns per printed line: 36 Chinese characters, about an A4 page
PAGE = 40  # lines per page


def as_docx(lines: list[str], out: Path) -> None:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(out))


def as_web_page(lines: list[str], out: Path, chrome: bool = True) -> None:
    if detect_format("\n".join(lines)) is DocFormat.TABLE:  # a table is published as one
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>"
            for line in lines
        )
        body = f"<table>{rows}</table>"
    else:
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    title = html.escape(lines[0]) if lines else ""
    nav = "<nav>首页 政务公开 政策文件</nav>" if chrome else ""
    footer = (
        "<footer>主办单位：某市人民政府办公室 网站标识码：1234567890 ICP备12345678号</footer>"
        if chrome
        else ""
    )
    out.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'{nav}<div class="article">{body}</div>{footer}</body></html>',
        encoding="utf-8",
    )


def as_printed_pdf(lines: list[str], out: Path) -> None:
    """The web page (without the site's menu and footer) printed by headless Chromium: a PDF with a
    text layer, the browser's date, title, file and page counter on every page."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        as_web_page(lines, page, chrome=False)
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def as_wrapped(lines: list[str], out: Path) -> None:
    printed: list[str] = []
    for line in lines:
        line = line.strip().replace("\u3000", "")
        if line.startswith(("SOURCE:", "TITLE:")):
            printed.append(line)
            continue
        while printed_width(line) > WIDTH:
            cut = next(i for i in range(len(line) + 1) if printed_width(line[:i]) > WIDTH) - 1
            printed.append(line[:cut])
            line = line[cut:]
        printed.append(line)
    paged: list[str] = []
    for i, line in enumerate(printed):
        paged.append(line)
        if i and i % PAGE == 0:
            paged += [f"— {i // PAGE} —", "\f", "某某市人民政府文件"]
    out.write_text("\n".join(paged), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of .txt documents")
    parser.add_argument("target", type=Path, help="folder to write docx/, web/ and wrapped/ into")
    parser.add_argument("--pdf", action="store_true", help="also print each web page to PDF with Chromium")
    args = parser.parse_args()
    writers = {"docx": as_docx, "web": as_web_page, "wrapped": as_wrapped}
    if args.pdf:
        writers["pdf"] = as_printed_pdf
    for kind in writers:
        (args.target / kind).mkdir(parents=True, exist_ok=True)
    for path in sorted(args.source.iterdir()):
        for kind, write in writers.items():
            text = path.read_text(encoding="utf-8") if path.suffix == ".txt" else ""
            shaped = detect_format(text) if text else None
            if shaped is DocFormat.MARKDOWN or (shaped is DocFormat.TABLE and kind in ("web", "pdf")):
                write(text.splitlines(), args.target / kind / path.name)
            elif shaped is not None:
                shutil.copy(path, args.target / kind / path.name)  # a JSON export or a table stays as it is
            elif path.is_file() and path.suffix != ".md":
                shutil.copy(path, args.target / kind / path.name)  # a PDF stays as it is
    print(f"wrote {', '.join(writers)} variants of {args.source} into {args.target}")


if __name__ == "__main__":
    main()
