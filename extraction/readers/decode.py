"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030; refuses empty and binary input."""

from __future__ import annotations

import unicodedata

from schema.errors import InputError

_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive that is not a Word .docx (xlsx? pptx?)",
    b"\xd0\xcf\x11\xe0": "a legacy Office file or an encrypted .docx; save it as an unprotected .docx",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a document's bytes; raise InputError naming `source` when it is not text."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.lstrip().startswith(b"{\\rtf"):
        # RTF starts with "{" and would otherwise be read as broken JSON
        raise InputError(source, "an RTF document, which is not read: save it as .docx or plain text")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        text = _try(data[3:], "utf-8")
        if text is None:
            raise InputError(source, "undecodable bytes after a UTF-8 byte-order mark")
        return _checked(text, source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
        if text is None:
            raise InputError(source, "undecodable UTF-16 text")
        return _checked(text.lstrip("\ufeff"), source)
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not text")
    text = _try(data, "utf-8")
    if text is None:
        # GB18030 is a superset of GBK and GB2312, so one attempt covers all three
        text = _try(data, "gb18030")
    if text is None:
        text = _mostly(data)
    if text is None:
        raise InputError(source, "undecodable bytes: neither UTF-8 nor GBK/GB18030")
    return _checked(text, source)


def _mostly(data: bytes) -> str | None:
    """A text with a few corrupt bytes (a truncated download, a bad copy): the encoding that needs
    the fewest replacement characters, if they are rare."""
    best = min(
        (data.decode(enc, errors="replace") for enc in ("utf-8", "gb18030")), key=lambda t: t.count("\ufffd")
    )
    return best if best.count("\ufffd") <= max(2, len(best) // 1000) else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str, source: str) -> str:
    """Reject text that decoded but is mostly control characters or unassigned code points."""
    if not text.strip():
        raise InputError(source, "empty file")
    sample = text[:20000]
    bad = sum(
        1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
    )
    if bad > max(3, len(sample) // 50):
        raise InputError(source, "binary or garbled content (control characters), not text")
    return text
