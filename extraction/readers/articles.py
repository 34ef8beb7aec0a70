"""JSON article lists (WeChat exports): one ARTICLE unit per article.

The document text is the raw JSON, so offsets must point into it: a small scanner decodes the
JSON while remembering, for every character of every string, where it sits in the raw text (an
escape such as `\\r` or `\\u4e2d` points at its backslash). Labelled passages inside an article's
prose ("一、申报条件…", "四、联系方式…", "联系人：…") become fields besides the whole body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean, clean
from extraction.readers.fields import lexicon, normalize_heading
from extraction.readers.numbering import cn_number
from extraction.readers.tidy import find_date, tidy_title
from schema.errors import InputError


@dataclass(frozen=True)
class Located:
    """A decoded JSON string and the raw-text offset of each of its characters."""

    text: str
    offsets: tuple[int, ...]


_WS = re.compile(r"[ \t\n\r]*")
_CHUNK = re.compile(r'[^"\\]+')
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Scanner:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.pos = 0

    def ws(self) -> None:
        self.pos = _WS.match(self.raw, self.pos).end()  # type: ignore[union-attr]

    def value(self) -> object:
        self.ws()
        ch = self.raw[self.pos]
        if ch == '"':
            return self.string()
        if ch == "{":
            self.pos += 1
            obj: dict[str, object] = {}
            self.ws()
            if self.raw[self.pos] == "}":
                self.pos += 1
                return obj
            while True:
                self.ws()
                key = self.string().text
                self.ws()
                self.pos += 1  # ':'
                obj[key] = self.value()
                self.ws()
                sep = self.raw[self.pos]
                self.pos += 1
                if sep == "}":
                    return obj
        if ch == "[":
            self.pos += 1
            arr: list[object] = []
            self.ws()
            if self.raw[self.pos] == "]":
                self.pos += 1
                return arr
            while True:
                arr.append(self.value())
                self.ws()
                sep = self.raw[self.pos]
                self.pos += 1
                if sep == "]":
                    return arr
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.raw.startswith(word, self.pos):
                self.pos += len(word)
                return val
        m = _NUMBER.match(self.raw, self.pos)
        assert m is not None
        self.pos = m.end()
        return json.loads(m.group())

    def string(self) -> Located:
        raw = self.raw
        self.pos += 1  # opening quote
        chars: list[str] = []
        offs: list[int] = []
        while True:
            m = _CHUNK.match(raw, self.pos)
            if m:
                chars.append(m.group())
                offs.extend(range(m.start(), m.end()))
                self.pos = m.end()
            ch = raw[self.pos]
            if ch == '"':
                self.pos += 1
                return Located("".join(chars), tuple(offs))
            # a backslash escape
            start = self.pos
            kind = raw[self.pos + 1]
            if kind == "u":
                code = int(raw[self.pos + 2 : self.pos + 6], 16)
                self.pos += 6
                if 0xD800 <= code < 0xDC00 and raw.startswith("\\u", self.pos):
                    low = int(raw[self.pos + 2 : self.pos + 6], 16)
                    if 0xDC00 <= low < 0xE000:
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        self.pos += 6
                # A lone surrogate ("\ud800") is valid JSON but no character: no text containing it
                # can be encoded, so it reads as the replacement character, as a broken byte does.
                chars.append("\ufffd" if 0xD800 <= code < 0xE000 else chr(code))
            else:
                chars.append(_ESCAPES.get(kind, kind))
                self.pos += 2
            offs.append(start)


def scan_json(raw: str, source: str) -> object:
    """Parse JSON text keeping string positions; broken JSON raises InputError with line/column.
    JSON Lines (one object per line) read as a list."""
    try:
        try:
            json.loads(raw)
        except json.JSONDecodeError as e:
            if e.msg == "Extra data" and _is_json_lines(raw):
                return _json_lines(raw)
            raise InputError(source, f"broken JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
        scanner = _Scanner(raw)
        scanner.pos = len(raw) - len(raw.lstrip("\ufeff \t\r\n"))
        return scanner.value()
    except RecursionError as e:
        # Both parsers recurse per level of nesting; an article list needs a handful of levels.
        raise InputError(source, "JSON nested too deeply to be an article list") from e


def _is_json_lines(raw: str) -> bool:
    try:
        for line in raw.splitlines():
            if line.strip():
                json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _json_lines(raw: str) -> list[object]:
    scanner = _Scanner(raw)
    out = []
    while True:
        scanner.ws()
        if scanner.pos >= len(raw):
            return out
        out.append(scanner.value())


def looks_like_json(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    return head in ("[", "{")


def _records(data: object, depth: int = 0) -> list[dict[str, object]]:
    """The article objects: a top-level list, or the first list of objects found inside an
    envelope such as {"data": {"list": [...]}}, or a single article object."""
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if isinstance(data, dict):
        if depth < 3:
            for v in data.values():
                if isinstance(v, list) and v and all(isinstance(d, dict) for d in v):
                    return v  # type: ignore[return-value]
            for v in data.values():
                if isinstance(v, dict):
                    found = _records(v, depth + 1)
                    if found and found != [v]:
                        return found
        return [data]
    return []


_KEYS = {
    "title": ("title", "标题", "题目", "name"),
    "url": ("url", "链接", "link", "href"),
    "time": ("time", "时间", "date", "日期", "publish"),
    "content": ("content", "正文", "内容", "text", "body", "article"),
    "account": ("公众号", "account", "source", "author", "来源", "作者"),
}


def _pick(rec: dict[str, object], role: str) -> Located | None:
    found = [
        v
        for k, v in rec.items()
        if isinstance(v, Located) and any(w.lower() in k.lower() for w in _KEYS[role])
    ]
    if not found:
        return None
    return max(found, key=lambda v: len(v.text)) if role == "content" else found[0]


def read_articles(raw: str, source: str) -> tuple[list[Unit], dict[str, str | None]]:
    data = scan_json(raw, source)
    records = _records(data)
    if not records:
        raise InputError(source, "JSON without a list of article objects")
    units: list[Unit] = []
    accounts: set[str] = set()
    for rec in records:
        unit = _article(rec)
        if unit is not None:
            units.append(unit)
        acc = _pick(rec, "account")
        if acc is not None and acc.text.strip():
            accounts.add(acc.text.strip())
    account = accounts.pop() if len(accounts) == 1 else ""
    return units, {"title": account, "issuer": account, "published_at": None}


_COLUMN = re.compile(r"^(?:(?P<col>[^丨|｜【】\s]{1,8})\s*[丨|｜]|【(?P<bracket>[^】]{1,8})】)\s*")


def _article(rec: dict[str, object]) -> Unit | None:
    t = _pick(rec, "title")
    body = _pick(rec, "content")
    if t is None and body is None:
        return None
    section = ""
    title = Clean("", ())
    if t is not None:
        title = tidy_title(clean(t.text, t.offsets))
        m = _COLUMN.match(title.text)
        if m and m.end() < len(title.text):
            section = m.group("col") or m.group("bracket")
            title = title[m.end() :]
    fields: list[TextField] = []
    if body is not None:
        c = clean(body.text, body.offsets)
        if c.text:
            fields.append(TextField(FieldName.BODY, c.text, c.offsets, ""))
            fields.extend(labelled_passages(c))
    fields.extend(_record_fields(rec))
    url = _pick(rec, "url")
    time = _pick(rec, "time")
    published = find_date(time.text) if time is not None else _epoch_date(rec)
    if not title.text and not fields:
        return None
    return Unit(
        kind=UnitKind.ARTICLE,
        title=title.text,
        title_offsets=title.offsets,
        fields=tuple(fields),
        section=section,
        url=url.text.strip() if url is not None and url.text.strip() else None,
        published_at=published,
    )


# A portal's or mini-program's API names a record's fields in English (supportStandard, deptFullName)
# or in Chinese (支持标准): each a labelled field of the article, as a page's labels would be.
_FIELD_KEYS: tuple[tuple[FieldName, tuple[str, ...]], ...] = (
    (FieldName.BENEFIT, ("supportstandard", "supportcontent", "benefit")),
    (FieldName.CONDITIONS, ("applycondition", "condition", "supportobject", "applyobject")),
    (FieldName.DEPARTMENT, ("deptfullname", "deptname", "department")),
    (FieldName.CONTACT, ("handleoffice", "contactperson", "contactphone", "contactinfo", "phone")),
)


def _record_fields(rec: dict[str, object]) -> list[TextField]:
    found: dict[FieldName, list[Clean]] = {}
    for key, v in rec.items():
        if not isinstance(v, Located) or not v.text.strip():
            continue
        k = key.lower().replace("_", "")
        name = next((n for n, words in _FIELD_KEYS if any(w in k for w in words)), None)
        if name is None and re.search(r"[\u4e00-\u9fff]", key) and len(key) <= 10:
            name = lexicon().lookup(key)
        if name in (None, FieldName.TITLE, FieldName.BODY):
            continue
        c = clean(v.text, v.offsets)
        if c.text.strip():
            found.setdefault(name, []).append(c)
    fields = []
    for name, parts in found.items():
        if name is FieldName.DEPARTMENT:
            parts = [max(parts, key=len)]  # 市工信局 and 龙岩市工业和信息化局: one body, the full name
        # the parts of a contact (office, person, phone) read as one line, a space apart
        text, offs = "", []
        for c in parts:
            if text:
                text += " "
                offs.append(c.offsets[0])
            text += c.text
            offs.extend(c.offsets)
        fields.append(TextField(name, text, tuple(offs), ""))
    return fields


def _epoch_date(rec: dict[str, object]) -> str | None:
    """A publication time given as a Unix timestamp (seconds or milliseconds)."""
    for k, v in rec.items():
        if isinstance(v, int | float) and any(w in k.lower() for w in _KEYS["time"]):
            seconds = v / 1000 if v > 1e11 else v
            if 9e8 < seconds < 5e9:
                return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    return None


_CN_HEAD = re.compile(r"(?<![（(])(?P<n>[一二三四五六七八九十]{1,3})、\s*")
_CONTACT = re.compile(r"(?:联系方式|联系人|联系电话|咨询电话|咨询方式)(?:及电话)?\s*[：:]")
_TAIL = re.compile(r"附件[：:\d]|来源[：:]|编辑[：:]|扫码|点赞|\n\n")


def labelled_passages(c: Clean) -> list[TextField]:
    """Fields found in run-in prose: "一、申报条件（一）…二、申报材料…", "联系人：…"."""
    text = c.text
    lex = lexicon()
    heads = []
    for m in _CN_HEAD.finditer(text):
        after = m.end()
        best = None
        for length in range(10, 1, -1):
            cand = text[after : after + length]
            name = lex.lookup(cand)
            if name is not None:
                best = (name, normalize_heading(cand), after + length)
                break
        glued = m.start() > 0 and re.match(r"[\w]", text[m.start() - 1]) is not None
        if glued and best is None:
            continue  # "十四五、" or a word ending in a numeral, not an outline marker
        heads.append((m.start(), cn_number(m.group("n")), best))
    regions: list[tuple[FieldName, str, int, int, int]] = []  # name, heading, head, content, end
    for k, (start, number, best) in enumerate(heads):
        if best is None:
            continue
        name, heading, content_start = best
        end = len(text)
        for start2, number2, _ in heads[k + 1 :]:
            if number2 > number:
                end = start2
                break
        tail = _TAIL.search(text, content_start, end)
        if tail:
            end = tail.start()
        regions.append((name, heading, start, content_start, end))
    contact_regions = [(a, e) for n, _, a, _, e in regions if n is FieldName.CONTACT]
    contacts: list[tuple[int, int, int]] = []  # label start, content start, end
    for m in _CONTACT.finditer(text):
        if any(a <= m.start() < b for a, b in contact_regions + [(x, z) for x, _, z in contacts]):
            continue
        end = min(len(text), m.end() + 300)
        tail = _TAIL.search(text, m.end(), end)
        nxt = _CN_HEAD.search(text, m.end(), end)
        for cut in (tail, nxt):
            if cut is not None:
                end = min(end, cut.start())
        # the clause before the label often names the office ("联系单位：X局 Y处咨询电话：...")
        start = m.end()
        back = max(text.rfind(p, max(0, m.start() - 40), m.start()) for p in "。\n；;")
        if back >= 0 and not any(a <= back < c0 for _, _, a, c0, _ in regions):
            start = back + 1
        if re.search(r"\d{5,}", text[start : min(end, start + 120)]):
            contacts.append((m.start() if start == m.end() else start, start, end))
    out: list[TextField] = []
    for name, heading, _, content_start, end in regions:
        if name is not FieldName.CONTACT:
            # a contact clause inside another passage ends it
            end = min([end] + [a for a, _, _ in contacts if content_start <= a < end])
        piece = c[content_start:end].strip(" \n：:")
        if piece.text:
            out.append(TextField(name, piece.text, piece.offsets, heading))
    for _, start, end in contacts:
        piece = c[start:end].strip(" \n：:")
        if piece.text:
            out.append(TextField(FieldName.CONTACT, piece.text, piece.offsets, "联系方式"))
    return out
