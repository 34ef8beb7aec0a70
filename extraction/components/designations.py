"""Designation mentions: the lexicon (with its aliases, quotes and spaces ignored) plus a generic
rule for unseen names that a level word introduces and that end like a designation.

Each mention carries the canonical name, the level the text gives it (国家级 / 省级（含）以上 /
江苏省 ...) and whether the level is a minimum. `doc.spans["designations"]` holds them as spans
for spaCy tooling; `doc._.designations` holds the richer records the assembler reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extraction.components.clauses import CJK, inside_title
from extraction.components.context import doc_text
from extraction.components.levels import LevelPhrase, level_before, level_word
from extraction.components.levels import _word_pattern as _level_word_pattern
from extraction.lexicons import DesignationEntry, designations
from schema.ontology import ONTOLOGY

_QUOTES = "“”\"'‘’「」『』 \t\u3000\n"
# endings that make a level-introduced name a designation rather than any noun phrase
_GENERIC_ENDINGS = (
    "示范企业|示范基地|示范平台|示范工厂|示范园区|示范项目|示范区|标杆企业|标杆工厂|领军企业|"
    "培育企业|龙头企业|重点企业|技术中心|研究院|研究中心|创新中心|设计中心|服务中心|工厂|车间|"
    "平台|基地|园区|孵化器|众创空间|先导区|集聚区|先行区|试验区|工作室"
)
_GENERIC = re.compile(
    rf"(?:级|[（(]含[^）)]{{0,4}}[)）]|以上|的|认定的|[{_QUOTES}])*((?:[{CJK}“”\"（）()+]){{2,18}}?(?:{_GENERIC_ENDINGS}))"
)
_LEVEL_LEAD = re.compile(
    r"(?:(?:国家|省|市|区|县)(?:[（(][^）)]{1,6}[)）]级|级)?|[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县)(?:级)?)(?![长委场民值])(?:[（(]含[)）])?(?:以上)?"
)
# after a verb that confers or lists a title, any name with a title's head noun
_CUE_VERB = re.compile(
    r"(?:被|已|首次|新)?(?:认定为|评定为|评为|获评为?|入选为?|列入|获批为?|授予|认定的|获评的|获批的)"
)
_CUED = re.compile(
    rf"((?:[{CJK}“”\"（）()+]){{2,16}}?(?:(?:{_GENERIC_ENDINGS}|骨干企业)"
    rf"|(?:企业|公司|中心|单位|机构|景区|饭店|民宿)(?=[的，,、。；;（(）)和及或等]|名单的|$)))"
)
# words that show a generic candidate is a clause, not a name
_NOT_A_NAME = re.compile(
    r"^[内且本其该]|[的在和与及、，。；：等个家项对将为是把被从向由于了且]|申报|注册|支持|给予|推动|开展|组织|建设|建立|认定|评价|培育库|以上|以下|"
    r"专项资金|资金|奖励|补助|工作(?!室)"
)

# a list of offenders or a reserve pool is a generic condition, not a title (未被列入严重违法失信企业名单的)
# (not a zone a policy applies in: 中关村国家自主创新示范区, 自由贸易试验区)
_NOT_A_TITLE = re.compile(
    r"失信|违法|违规|黑名单|异常|后备|储备|培育库|培育名单|自主创新示范区|自由贸易试验区|综合保税区"
)


@dataclass(frozen=True)
class DesignationMention:
    start: int
    end: int
    text: str
    name: str  # canonical, without level words or quotes
    level: str | None  # the level the text states; None when it states none
    at_least: bool  # 省级（含）以上: the level is a minimum
    default_level: str | None  # the lexicon's level for this designation
    in_title: bool  # inside a cited 《title》
    known: bool  # from the lexicon (False: the generic rule)
    levels: tuple[str, ...] = ()  # every level an enumeration names: 国家、省小型微型企业…基地

    @property
    def enumerated(self) -> tuple[str, ...]:
        """The levels to state one edge each: an enumeration's, not a minimum's (省级（含）以上)."""
        if len(self.levels) > 1:
            return self.levels
        return (self.level,) if self.level else ()


def _plain(form: str) -> str:
    return "".join(ch for ch in form if ch not in _QUOTES)


@cache
def _lexicon_pattern() -> tuple[re.Pattern[str], dict[str, DesignationEntry]]:
    """Every printed form without quotes or spaces, longest first, as one alternation of literals
    (matched against the text with its quotes taken out: much faster than gaps inside the pattern)."""
    entries: dict[str, DesignationEntry] = {}
    for form, entry in designations().by_form().items():
        entries.setdefault(_plain(form), entry)
    forms = sorted(entries, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms)), entries


def canonical(text: str) -> str:
    """Quotes and spaces out, brackets in their full-width form."""
    out = "".join(ch for ch in text if ch not in _QUOTES)
    return out.replace("(", "（").replace(")", "）")


def find_designations(text: str) -> list[DesignationMention]:
    return list(_cached_designations(text))


# Cached: the benefit and relation steps both read the designations of a field, and the ladder
# evidence search reads the same sentences once per pair of tiers (2.6 reads of each text).
@lru_cache(maxsize=4096)
def _cached_designations(text: str) -> tuple[DesignationMention, ...]:
    return tuple(_designations_in(text))


def _designations_in(text: str) -> list[DesignationMention]:
    pattern, entries = _lexicon_pattern()
    taken: list[tuple[int, int]] = []
    found: list[DesignationMention] = _paired(text, taken)
    paired = list(taken)
    keep = [i for i, ch in enumerate(text) if ch not in _QUOTES]
    stripped = "".join(text[i] for i in keep)
    for m in pattern.finditer(stripped):
        entry = entries[m.group()]
        start, end = keep[m.start()], keep[m.end() - 1] + 1
        if any(s < end and start < e for s, e in paired):
            continue  # a part of 知识产权示范和优势企业, read as its two titles
        # the brand may be broken across a PDF cell's lines (中关\n村高新技术企业)
        before = text[max(0, start - 8) : start].replace("\n", "")
        brand = next((b for b in designations().brands if before.endswith(b)), None)
        if brand is not None:
            # 中关村高新技术企业: the zone's own title, at no level a level word states
            for _ in brand:  # back over the brand's characters, skipping the line breaks inside it
                start -= 1
                while text[start] == "\n":
                    start -= 1
            found.append(
                DesignationMention(
                    start=start,
                    end=end,
                    text=text[start:end],
                    name=brand + entry.name,
                    level=None,
                    at_least=False,
                    default_level=None,
                    in_title=inside_title(text, start),
                    known=False,
                )
            )
            taken.append((start, end))
            continue
        phrase = level_before(text, start)
        if phrase is not None and _place_below(text[phrase.start : phrase.end], phrase.level, entry.level):
            phrase = None  # 成都市创新型中小企业: a city's company holding a provincial title
        if phrase is None:
            phrase = _conferred_by(text, start)  # 工信部认定的制造业单项冠军企业: national
        if phrase is None:
            phrase = _level_cell(text, end)  # 专精特新“小巨人”企业\t国家级\t50: the row's level column
        found.append(
            DesignationMention(
                start,
                end,
                text[start:end],
                entry.name,
                phrase.level if phrase else None,
                phrase.at_least if phrase else False,
                entry.level,
                inside_title(text, start),
                True,
                phrase.levels if phrase else (),
            )
        )
        taken.append((start, end))
        found.extend(_coordinated(text, found[-1]))
    found.extend(_tiers(text, taken))
    found.extend(_quoted(text, taken))
    found.extend(_listed(text, taken))
    found.extend(_generic(text, taken))
    found.extend(_honours(text, taken))
    found.extend(m for d in list(found) for m in _next_in_list(text, d, taken))
    named = _umbrellas(text, found, taken)
    spans = {(d.start, d.end) for d in named}
    # the short name stands for what the text defined it as, not for a title of that name
    found = [d for d in found if (d.start, d.end) not in spans] + named
    return sorted(found, key=lambda d: d.start)


# 绿色工厂、绿色工业园区（以下合称“绿色制造单位”）: a name the text gives to a list of titles
_UMBRELLA = re.compile(
    r"[（(]以下(?:合称|统称|简称|称)?为?(?:[“\"](?P<alias>[^”\"，。；]{2,12})[”\"]|(?P<bare>[\u4e00-\u9fff]{2,10}))[)）]"
)
# 本办法所称产业技术基础公共服务平台（以下简称服务平台）: an unseen title the text defines a short name for
_DEFINED = re.compile(rf"(?:所称|是指|^)?([{CJK}]{{2,24}}?(?:{_GENERIC_ENDINGS}))$")
_LIST_GLUE = re.compile(r"[\s、和及与或“”\"]*")


def _umbrellas(
    text: str, found: list[DesignationMention], taken: list[tuple[int, int]]
) -> list[DesignationMention]:
    """Where the text later names such a list by its umbrella (原则上应是市级绿色制造单位), every title of the
    list at the level said there."""
    out = []
    for d in _UMBRELLA.finditer(text):
        items: list[DesignationMention] = []
        at = d.start()
        for m in sorted(found, key=lambda x: x.end, reverse=True):
            if m.end <= at and _LIST_GLUE.fullmatch(text[m.end : at]):
                items.insert(0, m)
                at = m.start
        if not items:
            head = re.split(r"[，。；：、\s的称]", text[max(0, d.start() - 30) : d.start()])[-1]
            defined = _DEFINED.search(head)
            if defined is None or _NOT_A_NAME.search(defined.group(1)):
                continue  # 鼓励龙头企业牵头建设…平台（以下简称…）: a clause, not a name
            a, b = d.start() - len(head) + defined.start(1), d.start()
            name = canonical(text[a:b])
            items = [DesignationMention(a, b, text[a:b], name, None, False, None, False, False)]
        alias = re.escape(d.group("alias") or d.group("bare"))
        for use in re.finditer(alias, text[d.end() :]):
            a, b = d.end() + use.start(), d.end() + use.end()
            if any(s < b and a < e and (s, e) != (a, b) for s, e in taken):
                continue
            phrase = level_before(text, a)
            for item in items:
                out.append(
                    replace(
                        item,
                        start=a,
                        end=b,
                        text=text[a:b],
                        level=phrase.level if phrase else None,
                        at_least=phrase.at_least if phrase else False,
                        in_title=inside_title(text, a),
                        levels=phrase.levels if phrase else (),
                    )
                )
            taken.append((a, b))
    return out


# 获“广州市人力资源服务业创新项目”“广州市创新人力资源服务机构”认定的 / 被评为“…”的: names in quotes that
# a verb confers (before them) or that are called a title (after them), whatever words they are made of
_QUOTED_ITEMS = r"((?:[“\"][^”\"，。；]{3,24}[”\"][、和及与或]?){1,6})"
_QUOTED_TITLES = re.compile(
    rf"(?:获得?|荣获|取得|列入|入选|被?(?:认定|评定|评|命名|授予)为?){_QUOTED_ITEMS}的?(?=认定|称号|荣誉|命名|资质|名单|认证|牌匾)"
    rf"|(?:认定为|评定为|评为|命名为|授予){_QUOTED_ITEMS}"
)
_QUOTED_ITEM = re.compile(r"[“\"](?P<name>[^”\"]+)[”\"]")
_TITLE_HEAD = re.compile(
    r"(?:企业|机构|项目|中心|平台|基地|园区|工厂|车间|单位|品牌|产品|示范|标杆|冠军|巨人|空间|孵化器|工作站|工作室|实验室|民宿|景区|集群)$"
)


# 国家知识产权示范和优势企业 / 北京市知识产权示范和试点单位: two titles sharing a stem and a head noun
_KIND = r"示范|试点|优势|标杆|领军|培育|骨干|龙头|重点|先进"
_PAIRED_TAIL = re.compile(
    rf"(?P<a>{_KIND})[和及与、](?P<b>{_KIND})(?P<head>企业|单位|园区|基地|平台|项目|工厂|城市|机构)"
)
_STEM_RUN = re.compile(rf"[{CJK}]{{2,14}}$")
_NOT_IN_STEM = "对的在和与及等为是被把从向由了获"  # the stem starts after the last of these


def _paired(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    out = []
    for m in _PAIRED_TAIL.finditer(text):
        run = _STEM_RUN.search(text, max(0, m.start() - 14), m.start())
        if run is None:
            continue
        a = run.start() + max((i + 1 for i, ch in enumerate(run.group()) if ch in _NOT_IN_STEM), default=0)
        b = m.end()
        lead = _LEVEL_LEAD.match(text, a, m.start())
        if lead is not None and lead.end() < m.start() - 1:
            a = lead.end()  # 国家 / 北京市: the level, not the stem
        stem = text[a : m.start()]
        if any(s < b and a < e for s, e in taken) or _NOT_A_NAME.search(stem) or len(stem) < 2:
            continue
        phrase = level_before(text, a)
        for kind in (m.group("a"), m.group("b")):
            name = canonical(stem + kind + m.group("head"))
            entry = designations().get(name)
            out.append(
                DesignationMention(
                    start=a,
                    end=b,
                    text=text[a:b],
                    name=entry.name if entry else name,
                    level=phrase.level if phrase else None,
                    at_least=phrase.at_least if phrase else False,
                    default_level=entry.level if entry else None,
                    in_title=inside_title(text, a),
                    known=entry is not None,
                    levels=phrase.levels if phrase else (),
                )
            )
        taken.append((a, b))
    return out


def _unseen(text: str, a: int, b: int, name: str) -> DesignationMention:
    """A name the lexicon lacks, found at text[a:b], at the level the words before it state."""
    phrase = level_before(text, a)
    return DesignationMention(
        start=a,
        end=b,
        text=text[a:b],
        name=name,
        level=phrase.level if phrase else None,
        at_least=phrase.at_least if phrase else False,
        default_level=None,
        in_title=inside_title(text, a),
        known=False,
        levels=phrase.levels if phrase else (),
    )


def _quoted(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    out = []
    for m in _QUOTED_TITLES.finditer(text):
        group = 1 if m.group(1) is not None else 2
        base = m.start(group)
        for q in _QUOTED_ITEM.finditer(m.group(group)):
            a, b = base + q.start("name"), base + q.end("name")
            lead = _LEVEL_LEAD.match(text, a, b)
            if lead is not None and lead.end() < b - 2:
                a = lead.end()  # “广州市创新人力资源服务机构”: the city is the title's level, not its name
            name = canonical(text[a:b])
            # 授予“鹿城英才创新团队”称号: conferred as a title, whatever its head noun (not 获得“全国技术能手”
            # 称号, a person's honour, held)
            called = "授予" in m.group(0)[:4] and re.match(r"[”\"](?:荣誉)?称号", text[b : b + 5]) is not None
            if (
                any(s < b and a < e for s, e in taken)
                or not (called or _TITLE_HEAD.search(name))
                or len(name) < 4
                or re.search(
                    r"[的在和与及、，。；：等对将为是把被从向由了]|申报|支持|给予|资金|奖励|补助", name
                )
            ):
                continue
            out.append(_unseen(text, a, b, name))
            taken.append((a, b))
    return out


# 获得国家级专精特新“小巨人”、省级瞪羚企业、市级科技小巨人等称号的企业: every item of the list is a title
_TITLE_LIST = re.compile(
    r"(?:获得|获评|荣获|认定为|评为|入选|具有|取得|拥有)(?P<items>[^，。；：:]{2,160}?)等(?:荣誉)?(?:称号|荣誉|资质|认定)"
)
_LIST_SPLIT = re.compile(r"[、/]|(?<=[\u4e00-\u9fff”\"])(?:和|及|或)(?=[\u4e00-\u9fff“\"])")


def _listed(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    out = []
    for m in _TITLE_LIST.finditer(text):
        pos = m.start("items")
        for piece in _LIST_SPLIT.split(m.group("items")):
            a, b = pos, pos + len(piece)
            pos = b + 1
            lead = _LEVEL_LEAD.match(text, a, b)
            if lead is not None and lead.end() < b - 2:
                a = lead.end()
            name = canonical(text[a:b]).strip('“”"')
            if (
                any(s < b and a < e for s, e in taken)
                or not 3 <= len(name) <= 20
                or _NOT_A_NAME.search(name)
                or name.endswith("奖")  # a prize for a work or a person, not a title a company holds
            ):
                continue
            out.append(_unseen(text, a, b, name))
            taken.append((a, b))
    return out


# 4A级, 五星级; 四星和五星级上云企业: a tier before another may drop its 级
_TIER = r"(?:(?:[1-5一二三四五](?:[A-Z]|星)|[A-Z]{1,4})级|[1-5一二三四五]星(?=[、和及或与][1-5一二三四五]星))"
# 国家5A级、4A级、3A级的旅游景区 / 五星级、四星级评定的旅游饭店: one title per tier, sharing a head noun
_TIER_LIST = re.compile(
    rf"(?P<tiers>{_TIER}(?:[、，,和及或与/]{_TIER})*)(?:评定|认定|评级)?的?"
    rf"(?P<head>[{CJK}]{{2,8}}?(?:景区|饭店|酒店|民宿|宾馆|企业|工厂|园区|基地|平台|车间|机构))(?:[（(][^）)]{{1,10}}[)）])?"
)


_WEAK_END = re.compile(r"(?:企业|公司|中心|单位|机构|景区|饭店|民宿)$")
_GENERIC_END = re.compile(rf"(?:{_GENERIC_ENDINGS}|骨干企业)$")
_CERTIFICATION = re.compile(r"贯标|体系|认证|标准|DCMM|CMMI|等级", re.I)


# 红棉五星、红棉四星、红棉三星的民宿: a brand's star tiers, one title each, named as printed
_BRANDED_TIERS = re.compile(
    rf"(?P<tiers>(?P<brand>[{CJK}]{{2,4}}?)[一二三四五1-5]星级?(?:[、和及或与](?P=brand)?[一二三四五1-5]星级?)+)的?"
    r"(?P<head>景区|饭店|酒店|民宿|宾馆|农家乐|企业)"
)


def _tier_mention(text: str, a: int, b: int, name: str, phrase: LevelPhrase | None) -> DesignationMention:
    """One tier of a list (五星级, 红棉四星) as a title not in the lexicon, at the list's level."""
    return DesignationMention(
        a,
        b,
        text[a:b],
        name,
        phrase.level if phrase else None,
        False,
        None,
        inside_title(text, a),
        False,
        phrase.levels if phrase else (),
    )


def _branded_tiers(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    out = []
    for m in _BRANDED_TIERS.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        brand = m.group("brand")
        if re.search(r"[为评获定选入的级批达增升得年次]|^(?:国家|省|市|区|县)", brand):
            continue  # 评为五星级、四星级的饭店: a verb or a level, not a brand
        phrase = level_before(text, m.start()) or _conferred_by(text, m.start())
        for t in re.finditer(rf"(?:{re.escape(brand)})?[一二三四五1-5]星级?", m.group("tiers")):
            a, b = m.start("tiers") + t.start(), m.start("tiers") + t.end()
            tier = t.group() if t.group().startswith(brand) else brand + t.group()
            out.append(_tier_mention(text, a, b, canonical(tier + m.group("head")), phrase))
        taken.append((m.start(), m.end()))
    return out


def _tiers(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    out = _branded_tiers(text, taken)
    for m in _TIER_LIST.finditer(text):
        # the lexicon may know the last tier with its head (四星和五星级上云企业): the others still count
        known_last = [(s, e) for s, e in taken if e == m.end("head") and s >= m.start("tiers")]
        if any(s < m.end() and m.start() < e for s, e in taken if (s, e) not in known_last):
            continue
        if _CERTIFICATION.search(text[max(0, m.start() - 10) : m.start()]):
            continue  # 两化融合管理体系贯标3A级: a certification level is a condition, not a title
        head = m.group("head")
        phrase = level_before(text, m.start()) or _conferred_by(text, m.start())
        for t in re.finditer(_TIER, m.group("tiers")):
            a, b = m.start("tiers") + t.start(), m.start("tiers") + t.end()
            if any(s <= a < e for s, e in known_last):
                continue
            tier = t.group() if t.group().endswith("级") else t.group() + "级"
            out.append(_tier_mention(text, a, b, canonical(tier + head), phrase))
        taken.append((m.start(), m.end()))
    return out


# 工信部认定的 / 省工信厅公布的 / 市经信局评定的: the level of the body that confers the title
_CONFERRED_BY = (
    (
        "national",
        re.compile(
            r"(?:工业和信息化部|工信部|科技部|商务部|财政部|国家发展改革委|国家发展和改革委员会|国务院[^，。；]{0,6}|国家[^，。；\d]{1,8}(?:部|委|局))$"
        ),
    ),
    ("provincial", re.compile(r"(?:省|自治区)[^，。；\d]{0,10}(?:厅|委|局|部门)$")),
    ("municipal", re.compile(r"市[^，。；\d]{0,10}(?:局|委|部门)$")),
)
# …认定的 / …认定且在存续期内的: the verb of the body that confers it, before the title
_CONFERRING = re.compile(
    r"(?:认定|评定|公布|公告|命名|授予|遴选|评选|批复)(?:[且并][^，。；]{0,10})?的[“\"]?$"
)
_CONFERRING_AT = re.compile(r"(?:认定|评定|公布|公告|命名|授予|遴选|评选|批复)的")


def _conferred_by(text: str, start: int) -> LevelPhrase | None:
    before = text[max(0, start - 24) : start]
    verb = _CONFERRING.search(before)
    if verb is None:
        return None
    body = before[: verb.start()]
    for level, pattern in _CONFERRED_BY:
        m = pattern.search(body)
        if m is not None:
            return LevelPhrase(start - len(before) + m.start(), start, level, False, (level,))
    return None


def _level_cell(text: str, end: int) -> LevelPhrase | None:
    """The level of a table row's next cell, when the title fills its cell and the next holds a level
    alone (认定类别 | 认定层级 | 奖励金额)."""
    rest = text[end : end + 24]
    own = re.match(r"[（(][^（）()\t\n]{1,8}[)）]|", rest)  # 制造业单项冠军企业（产品）
    cells = rest[own.end() :].split("\t") if own is not None else []
    if len(cells) < 2 or cells[0].strip(" \u3000"):
        return None
    word = cells[1].strip(" \u3000")
    level = level_word(word)
    return LevelPhrase(end, end, level, False, (level,)) if level else None


def _place_below(phrase: str, level: str, only: str | None) -> bool:
    """A phrase of place names alone (no 级 word) below the only level a title is awarded at."""
    if only is None or ONTOLOGY.level_rank(level) >= ONTOLOGY.level_rank(only):
        return False
    words = designations().level_words
    return not any(w.group() in words for w in _level_word_pattern().finditer(phrase))


_HEADS = ("企业", "平台", "产品", "项目", "基地", "园区", "工厂", "中心")
_COORDINATED = re.compile(rf"^[（(]?\s*[、和及与/]?\s*({'|'.join(_HEADS)})[)）]?")


def _coordinated(text: str, mention: DesignationMention) -> list[DesignationMention]:
    """制造业单项冠军示范企业及产品, 服务型制造示范企业、平台: the second head shares the first's stem."""
    head = next((h for h in _HEADS if mention.name.endswith(h)), None)
    m = _COORDINATED.match(text[mention.end : mention.end + 8])
    if head is None or m is None or m.group(1) == head or m.group(0) == m.group(1):
        return []
    stem = mention.name[: -len(head)]
    for suffix in ("示范", ""):  # 单项冠军示范企业及产品 -> 单项冠军产品 when that is the known name
        name = stem.removesuffix(suffix) + m.group(1)
        entry = designations().get(name)
        if entry is not None:
            break
    else:
        if not stem.endswith("示范"):
            return []  # 绿色工厂和企业: only a known title or a 示范 stem is shared
        name, entry = stem + m.group(1), None
    a, b = mention.end + m.start(1), mention.end + m.end(1)
    return [
        replace(
            mention, start=a, end=b, text=text[a:b], name=name, default_level=entry.level if entry else None
        )
    ]


_SHORT_ITEM = re.compile(rf"(?:{_KIND})(?:企业|单位|园区|基地|平台|项目|工厂|产品)(?=[，。；、的（(]|$)")
_SHORT_TAIL = re.compile(rf"(?:{_KIND})?(?:企业|单位|园区|基地|平台|项目|工厂|产品)$")
# 经国家、省、市、区认定的文化产业园区（基地）、版权示范园区: the next item of a list of titles
_NEXT_ITEM = re.compile(r"(?:[（(][^（）()，。；]{1,12}[)）])?[、和及与或][“\"]?")


def _next_in_list(
    text: str, mention: DesignationMention, taken: list[tuple[int, int]]
) -> list[DesignationMention]:
    """Unseen names that follow a title in its list, with a title's ending, at the title's level."""
    out = []
    while (sep := _NEXT_ITEM.match(text, mention.end)) is not None:
        m = _GENERIC.match(text, sep.end())
        short = _SHORT_ITEM.match(text, sep.end())
        if short is not None and (m is None or m.end(1) <= short.end()):
            # 国家文化出口重点企业和重点项目: the second shares the first's stem
            stem = _SHORT_TAIL.sub("", mention.name)
            if stem == mention.name or len(stem) < 2:
                break
            a, b = short.span()
            name = stem + canonical(text[a:b])
        elif m is None or m.start(1) != sep.end():
            break
        else:
            a, b = m.span(1)
            name = canonical(text[a:b])
        # 项 counts things (每项), except in 项目
        if (
            any(s < b and a < e for s, e in taken)
            or _NOT_A_NAME.search(name.replace("项目", ""))
            or len(name) < 4
        ):
            break
        mention = replace(mention, start=a, end=b, text=text[a:b], name=name, default_level=None, known=False)
        out.append(mention)
        taken.append((a, b))
    return out


_NOT_A_LEVEL = re.compile(r"市[场民值]|省[份时钱]")


def _generic(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    """Unseen designations: a level phrase, then a short name with a designation ending."""
    out = []
    # after a level word (省级…), or after the body that confers it (国务院国资委认定的…)
    # (not 市 of 市场 or 市民, 省 of 省份: a word that only starts with a level's character)
    starts = [
        w.end() for w in _level_word_pattern().finditer(text) if not _NOT_A_LEVEL.match(text, w.end() - 1)
    ]
    starts += [v.end() for v in _CONFERRING_AT.finditer(text)]
    cued = {v.end() for v in _CUE_VERB.finditer(text)}
    # 中关村知识产权领军企业: a zone's brand before an unseen company title is part of its name
    brands = designations().brands
    branded = (
        {b.end(): b.group() for b in re.finditer("|".join(map(re.escape, brands)), text)} if brands else {}
    )
    for start in sorted({*starts, *cued, *branded}):
        m = _GENERIC.match(text, start)
        if m is None and start in cued:
            m = _CUED.match(text, start)
        if m is None:
            continue
        a, b = m.span(1)
        lead = _LEVEL_LEAD.match(text, a, b)
        if lead is not None and lead.end() < b - 2:
            a = lead.end()  # 认定为国家文化出口重点企业: the level words are not part of the name
        if any(s < b and a < e for s, e in taken) or _NOT_A_TITLE.search(text[a:b]):
            continue
        phrase = level_before(text, a) or _conferred_by(text, a)
        weak = _WEAK_END.search(text[a:b]) if start in cued else None
        if weak and not _GENERIC_END.search(text[a:b]) and b - a - len(weak.group()) < 4:
            continue  # …认定的工业企业: a bare kind of company, not a named title
        if phrase is None and start in cued:
            # 认定为/获评/入选 … 骨干企业: the verb that confers a title shows an unseen name is one
            phrase = LevelPhrase(a, a, None, False)  # type: ignore[arg-type]
        if start in branded and a == start and text[a:b].endswith("企业"):
            phrase = LevelPhrase(a, a, None, False)  # type: ignore[arg-type]
            a -= len(branded[start])  # the zone's own title, at no level a level word states
        if phrase is None:
            continue
        name = canonical(text[a:b])
        core = re.sub(f"(?:{_GENERIC_ENDINGS})$", "", name)
        if _NOT_A_NAME.search(name.replace("项目", "")) or len(name) < 4 or len(core) < 2:
            continue  # a clause from an earlier start does not hide a name a later start finds
        if "项目" in name and phrase.level is None:
            continue  # 列入前期示范项目: a project listed before, not a title (省级…示范项目 is one)
        taken.append((a, b))
        out.append(
            DesignationMention(
                a,
                b,
                text[a:b],
                name,
                phrase.level,
                phrase.at_least,
                None,
                inside_title(text, a),
                False,
                phrase.levels,
            )
        )
    return out


# 入选中国民营企业500强 / 获得“游戏十强”称号: a ranking held is a title too (a prize such as 中国质量奖
# is not: labellers leave prizes out)
_HONOUR_CUE = re.compile(r"(?:首次)?(?:入选|进入|跻身|列入|获评|评为|获得|荣获|获)")
_HONOUR = re.compile(
    rf"[“\"]?(?P<name>[{CJK}\d“”\"]{{2,16}}?(?:\d+|[十百千])强(?:企业)?)[”\"]?(?:[（(][^）()]{{1,10}}[)）])?"
)
_HONOUR_NEXT = re.compile(r"[、和及或与]")
_HONOUR_HOLDER = re.compile(
    # 百强县, 十强的选手: places and persons; 500强的区属企业 is a company (区属, 市属, 县直)
    r"[”\"]?的?(?:(?:县|区|市|镇|乡|村)(?![属直管级])|城市|园区|选手|个人|人才|学生|团队|投资机构|机构|银行|基金)"
)
_SCOPE_LEVEL = {"全省": "provincial", "全市": "municipal", "全区": "district", "全县": "district"}
_HONOUR_SCOPE = re.compile("|".join(_SCOPE_LEVEL))


def _honours(text: str, taken: list[tuple[int, int]]) -> list[DesignationMention]:
    """Rankings a cue verb says are held (入选…500强), each item of a list of them."""
    out = []
    for cue in _HONOUR_CUE.finditer(text):
        at = cue.end()
        while (m := _HONOUR.match(text, at)) is not None:
            a, b = m.span("name")
            if any(s < b and a < e for s, e in taken):
                break
            lead = _LEVEL_LEAD.match(text, a, b)
            if lead is not None and lead.end() < b - 2:
                a = lead.end()  # 广东省制造业500强: the place is its level, not its name
            opened = max(text.rfind("“", a, b), text.rfind('"', a, b))
            if opened > a:  # 中国游戏产业年会“游戏十强”: the title is what the quotes hold
                a = opened + 1
            if _HONOUR_HOLDER.match(text, b):
                break  # 全国百强县, 技能大赛十强的选手: places and persons, not a title a company holds
            scope = _HONOUR_SCOPE.match(text, a, b)
            if scope is not None and scope.end() < b - 2:
                a = scope.end()  # 全市工业企业50强: the city's ranking, named without its scope
            name = canonical(text[a:b])
            if len(name) < 4 or _NOT_A_NAME.search(name):
                break
            phrase = level_before(text, a)
            # 中国民营企业500强, 全国文化企业30强: the nation's; 全省/全市/全区: the scope's level
            level = (
                phrase.level
                if phrase
                else _SCOPE_LEVEL[scope.group()]
                if scope is not None
                else "national"
                if name.startswith(("中国", "全国"))
                else None
            )
            out.append(
                DesignationMention(a, b, text[a:b], name, level, False, None, inside_title(text, a), False)
            )
            taken.append((a, b))
            sep = _HONOUR_NEXT.match(text, m.end())
            if sep is None:
                break
            at = sep.end()
    return out


class DesignationRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        mentions = find_designations(doc_text(doc))
        doc._.designations = mentions
        spans = []
        for d in mentions:
            span = doc.char_span(d.start, d.end, label="DESIGNATION", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["designations"] = spans
        return doc


if not Doc.has_extension("designations"):
    Doc.set_extension("designations", default=[])


@Language.factory("policykg_designations")
def make_designation_recognizer(nlp: Language, name: str) -> DesignationRecognizer:
    return DesignationRecognizer()
