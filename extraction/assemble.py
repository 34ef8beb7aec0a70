"""Assemble one SourceDocument's units into a GraphDocument, per the ontology.

Each PROGRAM unit becomes a Program (and an ARTICLE unit one when it describes something a company
applies for); its labelled fields are read by the pipeline's components (the functions they call,
on the field's text: `pipeline.field_relations`, `field_contacts`) and give the program's policy
basis, departments, designations (REQUIRES / PREFERS / EXCLUDES / GRANTS), benefits and contact
offices. Every relationship carries `doc`, `evidence` (the sentence) and `span` (offsets
in `source.text`). Names are canonical, so the same real entity gets the same id in every document.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from extraction.components.benefits import BenefitMention, benefit_type, find_benefits
from extraction.components.clauses import clauses, enclosing, sentences
from extraction.components.context import Context
from extraction.components.departments import DepartmentMention, find_departments
from extraction.components.designations import DesignationMention, canonical, find_designations
from extraction.components.docnumbers import PolicyRef, find_policy_refs, issuer_of
from extraction.components.levels import level_in
from extraction.components.phones import ContactMention
from extraction.components.relations import _NOT_THE_TITLE, DesignationRelation
from extraction.components.sentence_labels import label_sentences
from extraction.document import FieldName, SourceDocument, TextField, Unit, UnitKind
from extraction.lexicons import Region, cues, designations, regions
from extraction.pipeline import field_contacts, field_relations
from extraction.readers.htmlview import html_view, looks_like_html_page
from extraction.timing import document_validity, policy_timing, program_timing, reference_date
from schema.graph import GraphDocument, Node, Relationship, clean_properties
from schema.ids import make_id
from schema.ontology import ONTOLOGY

# cues.yaml: a title that names money is a funding program, an article titled 申报… a program ...
_PROGRAM_CUES = cues("programs")
_FUNDING_TITLE = _PROGRAM_CUES["funding_title"]
# An article is a program when its title says something can be applied for or is given.
_ARTICLE_PROGRAM = _PROGRAM_CUES["article_program"]
_ARTICLE_NOT_PROGRAM = _PROGRAM_CUES["article_not_program"]
_TITLE_PREFIX = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(]\d+[)）])\s*")
_WECHAT_PREFIX = re.compile(r"^[^丨|]{1,6}[丨|]")
# a section of recognitions (认定培育): its programs confer the title they are named after
_RECOGNITION_SECTION = _PROGRAM_CUES["recognition_section"]
_TITLE_LEAD = re.compile(r"^(?:\d{4}年度?|第.批)*(?:国家级|国家|全国|省级|省|市级|市|区级|县级)?")
_TITLE_TAIL = re.compile(
    r"(?:项目)?(?:申报|认定|评选|遴选|评定|创建|评价|推荐|征集|入库培育|培育)+"
    # …认定及支持办法 / …认定管理暂行办法: the rules of a recognition
    r"(?:[及和与]?(?:支持|管理|奖励|扶持))*(?:工作|项目|(?:暂行|实施)?办法|(?:实施)?细则)?$"
)
# 省级企业技术中心评价 / 复核: a review of holders, who must already hold the title
_REVIEW_TITLE = _PROGRAM_CUES["review_title"]
# what an unseen title a recognition section confers ends with (not 案例, 场景, 项目 of research)
_TITLE_DESIGNATION_END = re.compile(
    r"(?:企业|中心|平台|基地|园区|工厂|产品|机构|联合体|研究院|示范项目|试点项目|示范|车间|集群|软件|装备|单位)$"
)
# （一）示范企业: / 二、示范平台 (a heading alone on its line, or before a colon)
_CATEGORY_HEADING = re.compile(
    r"(?:^|(?<=[\n。；]))\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、])\s*"
    r"(示范(?:企业|平台|项目|城市|园区|基地))\s*(?=[:：\n]|$)"
)
# 一、申报江苏省工业设计中心应具备以下基本条件 / 二、工业设计企业申报材料清单: a heading per kind
_KIND_HEADING = re.compile(
    r"(?:^|(?<=\n))\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])\s*(?:申报|申请)?"
    r"([^\n，。；：:]{2,30}?)(?:申报材料清单|材料清单|应具备以下(?:基本)?条件|需提供|应具备的条件|申报条件)(?:[：:]|\s*(?=\n|$))"
)
# 已列入前期试点示范…不可重复申报: a bar on holders of the program's own title
_HELD = re.compile(r"已(?:列入|入选|获评|认定|被认定|获批|通过认定)")
_BARRED = cues("relations")["exclude"]
_FUNDS = re.compile(r"资金|补助|奖励|奖补|支持|扶持")
# 企业技术中心能力提升 / 专精特新中小企业上市培育: work done by holders of the title the name states
_UPGRADE = re.compile(r"\s*[\u4e00-\u9fff]{0,4}(?:能力提升|提升|升级|提质|改造|上市|挂牌|融资|开展)")
_REWARDS_THE_RECOGNISED = re.compile(
    r"以[^。；]{0,30}公布的?名单为准|对(?:新|首次)(?:通过)?(?:认定|获评)的?[^。；，]{0,30}[，,]?(?:奖励|给予)"
)
_GROWS = re.compile(r"(?:培育|打造|鼓励|支持)")
_POOL = re.compile(r"\s*(?:入库|培育库|储备库|后备库)")
_TITLE_TYPES = ("voucher", "interest_subsidy", "insurance_subsidy", "guarantee", "tax_credit", "tax_refund")
_SENT_TO = re.compile(r"(?:报送|提交|上报|寄送|发送|报)[^。；，]{0,20}?至")
_BASIS_CUE = re.compile(r"根据|依据|按照|贯彻落实|为落实|和《|、《")
_LADDER_EVIDENCE = "designations.yaml: ladder"
_LEVEL_EVIDENCE = "designations.yaml: national > provincial > municipal > district"
_BODY_FIELDS = (FieldName.SUMMARY, FieldName.BODY, FieldName.PROCEDURE, FieldName.MATERIALS)
_KIND_BY_BENEFIT = {
    "tax_credit": "tax",
    "tax_refund": "tax",
    "loan": "finance",
    "guarantee": "finance",
    "interest_subsidy": "finance",
    "insurance_subsidy": "finance",
}


@dataclass(frozen=True)
class Provenance:
    evidence: str
    span: tuple[int, int]


@dataclass
class GraphBuilder:
    """Nodes and deduplicated relationships of one document, every relationship with provenance."""

    doc_id: str
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[tuple[str, str, str, str], Relationship] = field(default_factory=dict)
    first_seen: dict[str, Provenance] = field(default_factory=dict)

    def node(self, label: str, node_id: str, prov: Provenance | None = None, **props: object) -> str:
        props = clean_properties(props)
        old = self.nodes.get(node_id)
        if old is not None:
            merged = dict(old.properties)
            for key, value in props.items():
                if isinstance(value, list) and isinstance(merged.get(key), list):
                    merged[key] = list(dict.fromkeys([*merged[key], *value]))  # type: ignore[list-item]
                else:
                    merged.setdefault(key, value)
            props = merged
        self.nodes[node_id] = Node(id=node_id, label=label, properties=props)
        if prov is not None:
            self.first_seen.setdefault(node_id, prov)
        return node_id

    def rel(
        self, rel_type: str, start: str, end: str, prov: Provenance, key: str = "", **props: object
    ) -> None:
        if start == end:
            return
        k = (rel_type, start, end, key)
        if k in self.rels:
            return
        properties = clean_properties(
            {**props, "doc": self.doc_id, "evidence": prov.evidence[:500], "span": list(prov.span)}
        )
        self.rels[k] = Relationship(type=rel_type, start=start, end=end, properties=properties)

    def build(self) -> GraphDocument:
        for node_id, node in self.nodes.items():
            if node.label != "Document" and node_id in self.first_seen:
                self.rel("EXTRACTED_FROM", node_id, self.doc_id, self.first_seen[node_id])
        return GraphDocument(nodes=list(self.nodes.values()), relationships=list(self.rels.values()))


# ----------------------------------------------------------------------------- document region


def document_context(source: SourceDocument) -> Context:
    """The document's province and city: named by its issuer or title, else the most mentioned."""
    table = regions()
    # a web page is read as it shows: its markup and scripts name no region
    text = html_view(source.text).text if looks_like_html_page(source.text) else source.text
    head = f"{source.issuer} {source.title} {text[:300]}"
    from extraction.components.regions import find_regions

    def pick(mentions: list[Region]) -> tuple[Region | None, Region | None]:
        cities = Counter(r.name for r in mentions if r.level == "municipal")
        provinces = Counter(r.name for r in mentions if r.level == "provincial")
        for city, _ in cities.most_common():
            provinces[table.get(city).parent] += 1  # type: ignore[union-attr]
        province = table.get(provinces.most_common(1)[0][0]) if provinces else None
        in_province = [
            (c, n) for c, n in cities.most_common() if table.get(c).parent == getattr(province, "name", None)
        ]  # type: ignore[union-attr]
        city = table.get(in_province[0][0]) if in_province else None
        return province, city

    head_regions = [m.region for m in find_regions(head)]
    province, city = pick(head_regions)
    if province is None:
        all_regions = [m.region for m in find_regions(text[:200000])]
        province, city = pick(all_regions)
        total = sum(1 for r in all_regions if r.level == "municipal")
        top = sum(1 for r in all_regions if city is not None and r.name == city.name)
        if city is not None and (top < 3 or top < 0.5 * total):
            city = None  # many cities, none dominant: a provincial document
    # 关于印发巢湖市…若干政策的通知: a city the title names that the region table lacks (a county-level
    # city) is the document's own, ahead of the prefecture merely mentioned in the text
    titled = _TITLE_CITY.search(source.title)
    if titled and regions().get(titled.group(1)) is None and regions().get(titled.group(1) + "市") is None:
        city = _unlisted_city(titled.group(1) + "市政府", text, province) or city
    if city is None:
        city = _unlisted_city(head, text, province)
    district = None
    # 天津市滨海新区: a province-level city's districts sit right under it
    seat = city or (province if province is not None and province.name.endswith("市") else None)
    if seat is not None:
        # (the district, and its name as printed: 徐州市鼓楼区, 大连金普新区)
        found = [
            (m.group(1), m.group(0))
            for m in re.finditer(
                rf"(?:{seat.name}|{seat.short})([\u4e00-\u9fff]{{1,5}}?[区县])(?=[\u4e00-\u9fff\d])", head
            )
            if m.group(1) not in ("地区", "市区", "城区", "省区")
        ]
        # 广州开发区 广州市黄埔区: a zone shares its bureaux with the district that hosts it
        found.sort(key=lambda d: bool(_ZONE.search(d[0])))
        if found:
            district = Region(found[0][1], found[0][0], "district", seat.name, seat.area_code)
    if district is None and (issuer := _COUNTY_ISSUER.search(head)) is not None:
        # 南陵县经济和信息化局 关于…: a county's bureau issues it, in a city the text may never name
        parent = seat or province
        name = issuer.group("county")
        district = Region(
            name, name, "district", parent.name if parent else None, parent.area_code if parent else None
        )
    return Context(province=province, city=city, district=district, issuer=source.issuer)


# a county's or a district's own body at the head of a notice (南陵县经济和信息化局, 新会区人民政府)
_COUNTY_ISSUER = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<county>[\u4e00-\u9fff]{2,3}[县区])(?=人民政府|经济|工业|财政|科学|科技|商务|发展和改革|市场监督)"
)


# 中关村国家自主创新示范区支持领军企业…: a zone that opens a program's name is where it applies
_PLACE = re.compile(r"(?:支持|关于|促进|推动|加快|实施|鼓励|对)")
_TITLE_CITY = re.compile(r"^(?:.*?关于)?(?:印发|转发)?([\u4e00-\u9fff]{2,3}?)市(?![场民级区委政内外])")
_FOR_HOLDERS = re.compile(r"(?:支持|扶持|资助|奖励|补助|补贴)[^，。；]{0,4}$")
# 关于推动“专精特新”中小企业集约集聚发展: growing holders of the title (unless the name is a recognition's
# rules: 促进中小企业特色产业集群发展管理办法)
_HELPS_HOLDERS = re.compile(r"(?:推动|促进|助力|服务)[^，。；]{0,4}$")
_RULES_NAME = re.compile(r"(?:办法|细则|认定|评选|评定|遴选|工作|通知)$")
# a program whose name or section says it confers titles (…认定, …名单推荐): a reward it pays for a
# title is for the title it confers; elsewhere (鼓励企业做大) a reward pays holders of a title others confer
_CONFERS = re.compile(r"认定|评定|评选|遴选|评审|命名|授牌|称号|示范|申报|推荐|名单")
# 中关村国家自主创新示范区: a zone the program is for, whose 示范 confers nothing
_ZONE_NAME = re.compile(r"[\u4e00-\u9fff]{0,12}示范区")


def _confers(name: str) -> bool:
    return bool(_CONFERS.search(_ZONE_NAME.sub("", name)))


# …牵头建设技术创新中心: a program for building a title, not for its holders
_BUILDS_IT = re.compile(r"(?:建设|创建|组建|争创|打造|建立)[^，。；]{0,2}$")
_ZONE = re.compile(r"(?:开发|高新|保税|园|新)区$")
_CITY_ISSUER = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)市(?=工业和信息化局|经济和信息化局|人民政府|政府|科学技术局|财政局|发展和改革委员会)"
)
_AREA_CODE = re.compile(r"(?<!\d)(0\d{2,3})[-－—]\d{7,8}(?!\d)")


def _unlisted_city(head: str, text: str, province: Region | None) -> Region | None:
    """A city the regions lexicon lacks, named by the issuer (铜仁市工业和信息化局); its area code is
    the one the document prints most."""
    # the issuer or title first; else the first local government the text names (巢湖市人民政府)
    m = _CITY_ISSUER.search(head) or _CITY_ISSUER.search(text[:3000])
    if m is None or regions().get(m.group(1)) is not None or regions().get(m.group(1) + "市") is not None:
        return None
    codes = Counter(c.group(1) for c in _AREA_CODE.finditer(text[:200000]))
    code = codes.most_common(1)[0][0] if codes else None
    return Region(m.group(1) + "市", m.group(1), "municipal", province.name if province else None, code)


def unit_context(unit: Unit, doc_ctx: Context) -> Context:
    """A unit about one city (an article headed 苏州丨...) reads 市工信局 as that city's."""
    from extraction.components.regions import find_regions

    for m in find_regions(unit.title) or find_regions(unit.place):
        if m.region == doc_ctx.city:
            return doc_ctx
        if m.region.level == "municipal" and (
            doc_ctx.province is None or m.region.parent == doc_ctx.province.name
        ):
            return replace(doc_ctx, province=regions().get(m.region.parent), city=m.region, district=None)
        if m.region.level == "provincial" and doc_ctx.province is not None and m.region != doc_ctx.province:
            return replace(doc_ctx, province=m.region, city=None, district=None)
    return doc_ctx


# ----------------------------------------------------------------------------- assembler


class DocumentAssembler:
    def __init__(self, source: SourceDocument) -> None:
        self.source = source
        self.doc_id = make_id("Document", source.name)
        self.g = GraphBuilder(self.doc_id)
        self.ctx = document_context(source)
        self.region_ids: dict[str, str] = {}
        # a prose policy's own validity (本办法自…起施行), which every measure of it shares
        self.policy_validity = document_validity(source)

    # --------------------------------------------------------------- helpers

    def prov(self, f: TextField, start: int, end: int) -> Provenance:
        """The sentence of `f` around [start, end) as evidence, its document offsets as span."""
        end = min(end, len(f.text))
        s, e = enclosing(sentences(f.text), min(start, end), end)
        return Provenance(f.text[s:e].strip(), field_span(f, s, e))

    def funding(self, unit: Unit, name: str) -> bool:
        """A program that gives money: its name, its section (资金引导) or a fund guide's title says so."""
        if unit.measure or _FUNDING_TITLE.search(name) or _FUNDING_TITLE.search(unit.section):
            return True
        # 国家级专精特新“小巨人”企业培育 in a fund's notice: growing holders of the title it names
        grows = name.endswith("培育") and bool(find_designations(name))
        return bool(_FUNDING_TITLE.search(self.source.title)) and not (
            _RECOGNITION_SECTION.search(name) or grows
        )

    def region_evidence(self, region: Region) -> Provenance:
        """The first sentence of the document that names `region` (full or short name)."""
        text = self.source.text
        hits = [i for i in (text.find(region.name), text.find(region.short)) if i >= 0]
        if not hits:
            return Provenance(f"regions.yaml: {region.name}", (0, 0))
        at = min(hits)
        s, e = enclosing(
            sentences(text[max(0, at - 200) : at + 200]),
            200 if at >= 200 else at,
            (200 if at >= 200 else at) + 1,
        )
        base = max(0, at - 200)
        return Provenance(text[base + s : base + e].strip(), (base + s, base + e))

    def title_prov(self, unit: Unit) -> Provenance:
        offsets = unit.title_offsets
        span = (offsets[0], offsets[-1] + 1) if offsets else unit.span
        return Provenance(unit.title, span)

    def region(self, region: Region | None, prov: Provenance) -> str | None:
        if region is None:
            return None
        if region.name in self.region_ids:
            return self.region_ids[region.name]
        rid = self.g.node(
            "Region", make_id("Region", region.name), prov, name=region.name, level=region.level
        )
        self.region_ids[region.name] = rid
        parent = regions().get(region.parent)
        if parent is not None:
            pid = self.region(parent, prov)
            if pid is not None:
                self.g.rel(
                    "PART_OF", rid, pid, Provenance(f"regions.yaml: {region.name} ⊂ {parent.name}", prov.span)
                )
        return rid

    def level_region(self, level: str | None, ctx: Context) -> Region | None:
        if level == "national":
            return regions().country
        if level == "provincial":
            return ctx.province
        if level == "municipal":
            return ctx.city
        if level == "district":
            return ctx.district
        return None

    def department(self, mention: DepartmentMention, prov: Provenance) -> str:
        """The most specific node of a mention (the division when named), PART_OF its body."""
        body_id = self.g.node(
            "Department", make_id("Department", mention.body), prov, name=mention.body, level=mention.level
        )
        region = mention.region or (regions().country if mention.level == "national" else None)
        rid = self.region(region, prov)
        if rid is not None:
            self.g.rel("IN_REGION", body_id, rid, prov)
        if not mention.division:
            return body_id
        div_id = self.g.node(
            "Department", make_id("Department", mention.name), prov, name=mention.name, level=mention.level
        )
        self.g.rel("PART_OF", div_id, body_id, prov)
        return div_id

    def designation(self, name: str, level: str | None, prov: Provenance, alias: str | None = None) -> str:
        name = designations().level_names.get((name, level or ""), name)  # 国家级专精特新 = 小巨人
        aliases = [alias] if alias and alias != name else []
        return self.g.node(
            "Designation",
            make_id("Designation", name, level or ""),
            prov,
            name=name,
            level=level,
            aliases=aliases,
        )

    def policy(
        self,
        ref: PolicyRef,
        prov: Provenance,
        ctx: Context,
        issued_at: str | None = None,
        url: str | None = None,
    ) -> str:
        pid = make_id("Policy", ref.doc_number) if ref.doc_number else make_id("Policy", "", ref.title)
        issuers = [d for d in find_departments(_issuer_part(ref.title), ctx) if _resolved(d)]
        if not issuers and ref.doc_number:
            issuers = [d for d in [issuer_of(ref.doc_number)] if d is not None]
        level = issuers[0].level if issuers else None
        self.g.node(
            "Policy",
            pid,
            prov,
            title=ref.title,
            docNumber=ref.doc_number,
            issuedAt=issued_at,
            url=url,
            level=level,
        )
        for dept in issuers:
            self.g.rel("ISSUED_BY", pid, self.department(dept, prov), prov)
        rid = self.region(self.level_region(level, ctx), prov)
        if rid is not None:
            self.g.rel("IN_REGION", pid, rid, prov)
        return pid

    # --------------------------------------------------------------- document

    def assemble(self) -> GraphDocument:
        s = self.source
        self.g.node(
            "Document",
            self.doc_id,
            name=s.name,
            title=s.title,
            url=s.url,
            publishedAt=s.published_at,
            sha256=s.sha256,
            format=str(s.format),
            chars=len(s.text),
        )
        doc_region = self.ctx.district or self.ctx.city or self.ctx.province
        if doc_region is not None:
            head = self.region_evidence(doc_region)
            rid = self.region(doc_region, head)
            if rid is not None:
                self.g.rel("IN_REGION", self.doc_id, rid, head)
        for unit in s.units:
            ctx = unit_context(unit, self.ctx)
            if unit.kind == UnitKind.PROGRAM and _unlabelled(unit):
                # a measure of a prose text: its sentences read as conditions and benefits
                self.program(read_prose(unit), ctx, prose=True)
            elif unit.kind == UnitKind.PROGRAM:
                self.program(unit, ctx)
            elif unit.kind == UnitKind.POLICY:
                self.policy_unit(unit, ctx)
            elif unit.kind == UnitKind.ARTICLE and _describes_program(unit):
                self.program(read_prose(unit), ctx, prose=True)
        self.implications()
        return self.g.build()

    def policy_unit(self, unit: Unit, ctx: Context) -> None:
        main: str | None = None
        issued = _first_date(unit.text_of(FieldName.ISSUED_AT)) or unit.published_at
        url = unit.url or _first_url(unit.text_of(FieldName.LINK))
        for f in unit.get(FieldName.TITLE):
            for ref in find_policy_refs(f.text) or [PolicyRef(0, len(f.text), f.text.strip(), None)]:
                main = self.policy(ref, self.prov(f, ref.start, ref.end), ctx, issued, url)
                break
        if main is None:
            return
        self.g.node("Policy", main, **policy_timing(self.source, unit, issued))
        for f in unit.get(FieldName.DEPARTMENT):
            for dept in filter(_resolved, find_departments(f.text, ctx)):
                self.g.rel(
                    "ISSUED_BY",
                    main,
                    self.department(dept, self.prov(f, dept.start, dept.end)),
                    self.prov(f, dept.start, dept.end),
                )
        self.cites(main, unit, ctx, (FieldName.SUMMARY, FieldName.BODY))

    def cites(self, main: str, unit: Unit, ctx: Context, names: tuple[FieldName, ...]) -> None:
        for name in names:
            for f in unit.get(name):
                for ref in find_policy_refs(f.text):
                    if ref.doc_number is None:
                        continue  # a bare 《title》 in prose is often a book or a plan, not a policy
                    prov = self.prov(f, ref.start, ref.end)
                    cited = self.policy(ref, prov, ctx)
                    self.g.rel("CITES", main, cited, prov)

    # --------------------------------------------------------------- programs

    def program(self, unit: Unit, ctx: Context, prose: bool = False) -> None:
        name = _program_name(unit.title)
        if not name:
            return
        tprov = self.title_prov(unit)
        pid = make_id("Program", self.source.name, name)
        summary = unit.text_of(FieldName.SUMMARY)
        conditions = unit.text_of(FieldName.CONDITIONS)
        url = unit.url or _first_url(unit.text_of(FieldName.LINK))

        contacts = self.contacts(unit, ctx, prose)
        admins = self.administrators(unit, pid, ctx, tprov, contacts, prose)
        basis = self.bases(unit, pid, ctx)
        if basis:
            self.cites(basis[0][0], unit, ctx, (FieldName.CONDITIONS, FieldName.SUMMARY))

        level = (
            level_in(name)
            or next((lv for _, lv in admins if lv), None)
            or next((lv for _, lv in basis if lv), None)
        )
        # an amount printed alone is a reward on a recognition program, a grant on a funding one
        benefits = self.benefits(
            pid, unit, name, tprov, prose, "grant" if self.funding(unit, name) else "reward"
        )
        grants = self.designation_relations(pid, unit, ctx, level, name, tprov, benefits)
        kind = _program_kind(name, grants, benefits)
        self.g.node(
            "Program",
            pid,
            tprov,
            name=name,
            kind=kind,
            summary=summary[:1000] or None,
            conditions=conditions[:2000] or None,
            level=level,
            url=url,
            # 申报时间 as printed, opensOn/closesOn/recurring read from it, and the validity
            **program_timing(
                unit, reference_date(unit.published_at, self.source.published_at), self.policy_validity
            ),
        )
        for contact, prov, _f in self.own_offices(unit, contacts, admins):
            self.contact_edges(pid, contact, prov, admins)
        rid = self.region(self.level_region(level, ctx), tprov)
        if rid is not None:
            self.g.rel("IN_REGION", pid, rid, tprov)

    def administrators(
        self,
        unit: Unit,
        pid: str,
        ctx: Context,
        tprov: Provenance,
        contacts: list[tuple[ContactMention, Provenance, TextField]],
        prose: bool,
    ) -> list[tuple[str, str | None]]:
        """ADMINISTERED_BY: 归口部门; else (an article) the bodies it names; else the issuer a notice's
        title names; else the first body on the contact line. Returns (department id, level)."""
        admins: list[tuple[str, str | None]] = []
        admins: list[tuple[str, str | None]] = []
        named = [
            (f, dept)
            for f in unit.get(FieldName.DEPARTMENT)
            for dept in filter(_resolved, find_departments(f.text, ctx))
        ]
        for f, dept in named:
            if any(other.name != dept.name and other.name.startswith(dept.name) for _, other in named):
                continue  # 实施主体 赣州市工业和信息化局 / 承办机构 赣州市工业和信息化局中小企业科: the division runs it
            prov = self.prov(f, dept.start, dept.end)
            admins.append((self.department(dept, prov), dept.level))
            self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], prov, key="")
        if not admins and prose:
            # an article: the bodies its title names (省财政厅等三部门) and every body it gives a
            # phone number for
            for dept in list(filter(_resolved, find_departments(unit.title, ctx)))[:1]:
                admins.append((self.department(dept, tprov), dept.level))
                self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], tprov)
            for contact, prov, _f in contacts:
                dept = contact.department
                if dept is not None and _resolved(dept) and not _is_company(contact.office or ""):
                    admins.append((self.department(dept, prov), dept.level))
                    self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], prov)
            for dept, prov in self.prose_bodies(unit, ctx):
                admins.append((self.department(dept, prov), dept.level))
                self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], prov)
        if not admins:
            # a notice titled 徐州市鼓楼区工业和信息化局关于…: its issuer
            for dept in list(filter(_resolved, find_departments(_issuer_part(unit.title), ctx)))[:1]:
                if _issuer_part(unit.title) != unit.title[:20]:
                    admins.append((self.department(dept, tprov), dept.level))
                    self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], tprov)
        if not admins:
            # the first office of the first contact field that names one administers it, and so does
            # every other government office of that field ("省工信厅…处 …；省财政厅…处 …"); a later field
            # is a liaison (the 市工信局 column of a contact table); a company or a body whose region is
            # unknown does not
            first: TextField | None = None
            for contact, prov, f in contacts:
                dept = contact.department
                if dept is None or _is_company(contact.office or ""):
                    continue
                if not _resolved(dept):
                    continue
                if first is not None and (f is not first or not _is_office(dept.name)):
                    continue
                first = f
                admins.append((self.department(dept, prov), dept.level))
                self.g.rel("ADMINISTERED_BY", pid, admins[-1][0], prov)

        return admins

    def bases(self, unit: Unit, pid: str, ctx: Context) -> list[tuple[str, str | None]]:
        """BASED_ON: the 文件依据 field, else the policies the text says it rests on. Returns
        (policy id, level)."""
        basis: list[tuple[str, str | None]] = []
        for f in unit.get(FieldName.BASIS):
            refs = find_policy_refs(f.text)
            if not refs and 4 <= len(f.text.strip()) <= 120:
                refs = [PolicyRef(0, len(f.text), f.text.strip().strip("。；;"), None)]
            for ref in refs:
                prov = self.prov(f, ref.start, ref.end)
                ppid = self.policy(ref, prov, ctx)
                basis.append((ppid, str(self.g.nodes[ppid].properties.get("level") or "") or None))
                self.g.rel("BASED_ON", pid, ppid, prov)
        if not basis:
            # no 文件依据 field: the policies the text says it rests on (根据《…》（文号）)
            for f in (
                *unit.get(FieldName.BODY),
                *unit.get(FieldName.SUMMARY),
                *unit.get(FieldName.CONDITIONS),
            ):
                for ref in find_policy_refs(f.text):
                    if _BASIS_CUE.search(f.text[max(0, ref.start - 12) : ref.start + 1]) and ref.doc_number:
                        prov = self.prov(f, ref.start, ref.end)
                        ppid = self.policy(ref, prov, ctx)
                        basis.append((ppid, str(self.g.nodes[ppid].properties.get("level") or "") or None))
                        self.g.rel("BASED_ON", pid, ppid, prov)
            basis += self.preamble_basis(unit, pid, ctx)
        return basis

    def preamble_basis(self, unit: Unit, pid: str, ctx: Context) -> list[tuple[str, str | None]]:
        """A notice's opening paragraph (between its title and its first section) names its basis."""
        if not unit.title_offsets or not unit.fields:
            return []
        start = unit.title_offsets[-1] + 1
        end = min((f.offsets[0] for f in unit.fields if f.offsets), default=start)
        text = self.source.text[start:end] if end > start else ""
        out = []
        for ref in find_policy_refs(text[:2000]):
            if ref.doc_number and _BASIS_CUE.search(text[max(0, ref.start - 30) : ref.start + 1]):
                s, e = enclosing(sentences(text), ref.start, ref.end)
                prov = Provenance(text[s:e].strip(), (start + s, start + e))
                ppid = self.policy(ref, prov, ctx)
                out.append((ppid, str(self.g.nodes[ppid].properties.get("level") or "") or None))
                self.g.rel("BASED_ON", pid, ppid, prov)
        return out

    def prose_bodies(self, unit: Unit, ctx: Context) -> list[tuple[DepartmentMention, Provenance]]:
        """An article's administering bodies: the issuer of the notice it reprints (工业和信息化部办公厅
        关于…的通知) and the body applications go to (报送审核材料至工业和信息化部信息技术发展司)."""
        out = []
        for f in unit.get(FieldName.BODY)[:1]:
            head = f.text[:120]
            if "关于" in head:
                issuer = head.split("关于", 1)[0]
                out += [
                    (d, self.prov(f, d.start, d.end)) for d in find_departments(issuer, ctx) if _resolved(d)
                ]
        for f in unit.fields:
            depts = find_departments(f.text, ctx)
            for m in _SENT_TO.finditer(f.text):
                out += [
                    (d, self.prov(f, d.start, d.end))
                    for d in depts
                    if m.end() <= d.start <= m.end() + 2 and _resolved(d)
                ]
        return out

    def contacts(
        self, unit: Unit, ctx: Context, prose: bool
    ) -> list[tuple[ContactMention, Provenance, TextField]]:
        out = []
        names = (FieldName.CONTACT,) if unit.get(FieldName.CONTACT) else ()
        names += (FieldName.PROCEDURE, FieldName.BODY, FieldName.SUMMARY)
        if not unit.get(FieldName.CONTACT):
            # 责任单位：市经信局运行监测处（0579-82468513）: the office runs it and takes its calls
            names += (FieldName.DEPARTMENT,)
        for name in names:
            # (a department field is read as a contact line: its phone follows the office it names)
            read_as = FieldName.CONTACT if name is FieldName.DEPARTMENT else name
            for f in unit.get(name):
                for c in field_contacts(f.text, replace(ctx, field=str(read_as.value), heading=f.heading)):
                    out.append((c, self.prov(f, c.start, c.end), f))
        return out

    def own_offices(
        self,
        unit: Unit,
        contacts: list[tuple[ContactMention, Provenance, TextField]],
        admins: list[tuple[str, str | None]],
    ) -> list[tuple[ContactMention, Provenance, TextField]]:
        """政策咨询电话：区工信局 0591-…；区商务局 0591-…: a line of every body's phone gives a measure
        the phones of the bodies that run it, where its own words name them."""
        if not unit.measure or not unit.get(FieldName.DEPARTMENT) or not admins:
            return contacts
        runs = {str(self.g.nodes[did].properties.get("name")) for did, _ in admins}
        out = []
        for f in dict.fromkeys(f for _c, _p, f in contacts):
            mine = [(c, p, g) for c, p, g in contacts if g is f]
            bodies = {c.department.name for c, _p, _g in mine if c.department is not None}
            shared = sum(1 for u in self.source.units if f in u.fields) >= 2  # the whole text's line
            if shared and len(bodies) >= 2 and all(c.department is not None for c, _p, _g in mine):
                kept = [(c, p, g) for c, p, g in mine if c.department.name in runs]  # type: ignore[union-attr]
                mine = kept or mine
            out += mine
        return out

    def contact_edges(
        self, pid: str, contact: ContactMention, prov: Provenance, admins: list[tuple[str, str | None]]
    ) -> None:
        office = contact.office
        dept = contact.department
        dept_id = self.department(dept, prov) if dept is not None and _resolved(dept) else None
        if office is None:
            if dept_id is None and admins:
                dept_id = admins[0][0]
            office = str(self.g.nodes[dept_id].properties["name"]) if dept_id else None
        # an office of a body this document does not place (市工信局 in a provincial guide) or no
        # office at all is this document's own: its id must not merge with another city's
        local = dept_id is None
        if office is None:
            office = "联系电话"  # no office printed and no body known: keep the numbers reachable
        oid = self.g.node(
            "ContactOffice",
            make_id("ContactOffice", self.source.name, pid, office)
            if local
            else make_id("ContactOffice", office),
            prov,
            name=office,
            phones=[p.normalised for p in contact.phones],
            phonesPrinted=[p.printed for p in contact.phones],
        )
        if dept_id is not None and not _is_company(office):
            self.g.rel("PART_OF", oid, dept_id, prov)
        for phone in contact.phones:
            self.g.rel("HAS_CONTACT", pid, oid, prov, key=phone.normalised, phone=phone.normalised)

    def benefits(
        self, pid: str, unit: Unit, name: str, tprov: Provenance, prose: bool, bare: str
    ) -> list[BenefitMention]:
        found: list[tuple[BenefitMention, Provenance]] = []
        for f in unit.get(FieldName.BENEFIT):
            found.extend(
                (b, Provenance(b.text, field_span(f, b.start, b.end)))
                for b in find_benefits(f.text, bare=bare)
            )
        if not unit.get(FieldName.BENEFIT):
            for field_name in (*_BODY_FIELDS, FieldName.CONDITIONS):
                for f in unit.get(field_name):
                    found.extend(
                        (b, Provenance(b.text, field_span(f, b.start, b.end)))
                        for b in find_benefits(f.text, prose=True)
                    )
        if not found:
            # 绿色债券贴息, 享受增值税加计抵减政策的…清单: the title names what is given
            kind = benefit_type(name)
            if kind is not None and kind != "grant":
                found.append((BenefitMention(0, len(name), name, kind, None, None), tprov))
        # 湖北省企业上云服务券, 支持科技创新专项担保计划: the title names the kind of every grant it gives
        title_type = benefit_type(name)
        if title_type in _TITLE_TYPES:
            found = [(replace(b, type=title_type) if b.type == "grant" else b, p) for b, p in found]
        # one benefit per (type, amount): a type stated with an amount needs no amount-less twin
        with_amount = {_family(b.type) for b, _ in found if b.amount_max_wan is not None}
        found = [
            (b, p) for b, p in found if b.amount_max_wan is not None or _family(b.type) not in with_amount
        ]
        out = []
        for b, prov in found:
            bid = make_id("Benefit", pid, b.type, b.text)
            self.g.node(
                "Benefit", bid, prov, type=b.type, amountMaxWan=b.amount_max_wan, rate=b.rate, text=b.text
            )
            self.g.rel("OFFERS", pid, bid, prov)
            out.append(b)
        return out

    def designation_relations(
        self,
        pid: str,
        unit: Unit,
        ctx: Context,
        level: str | None,
        name: str,
        tprov: Provenance,
        benefits: list[BenefitMention],
    ) -> list[str]:
        """REQUIRES / PREFERS / EXCLUDES / GRANTS edges; returns the granted designation ids."""
        granted: dict[str, tuple[str, str | None]] = {}
        # a recognition program grants the title its name states
        funding = self.funding(unit, name)
        held_by_title: list[DesignationMention] = []
        if funding or _REVIEW_TITLE.search(name):
            # 工业互联网平台项目 in a fund guide: money for holders of the title it names (stated once
            # the fields are read: their words give the level; 首台（套）…保险补偿 names a product scheme)
            held_by_title = [
                m
                for m in find_designations(name)
                if not _NOT_THE_TITLE.match(name[m.end :]) and not _BUILDS_IT.search(name[: m.start])
            ]
        else:
            # 绿色工厂入库培育申报: entry to a pool of candidates, not the title
            # …牵头建设技术创新中心: building one is no recognition of it
            in_title = [
                m
                for m in find_designations(name)
                if not m.in_title
                and not _POOL.match(name[m.end :])
                and not _PLACE.match(name[m.end :])
                and not _BUILDS_IT.search(name[: m.start])
            ]
            # 企业技术中心创新能力提升项目: work on a title held, for its holders; 支持高新技术企业“小升规”培育:
            # support paid to holders of the title the name states, not a recognition of it
            # 专精特新企业培育 whose text rewards those another body recognised (对新认定的…奖励, 以…公布
            # 名单为准): the title is held by whom it pays, not conferred
            # (培育隐形冠军企业 / 打造未来工厂和智能工厂 in a list of measures: growing holders too)
            rewards_holders = (name.endswith("培育") or bool(_GROWS.match(name))) and bool(
                _REWARDS_THE_RECOGNISED.search(" ".join(f.text for f in unit.fields))
            )
            held_by_title = [
                m
                for m in in_title
                if rewards_holders
                or _UPGRADE.match(name[m.end :])
                or _FOR_HOLDERS.search(name[: m.start])
                or (_HELPS_HOLDERS.search(name[: m.start]) and not _RULES_NAME.search(name))
            ]
            in_title = [m for m in in_title if m not in held_by_title]
            for m in in_title:
                lvl = m.level or level or m.default_level
                did = self.designation(m.name, lvl, tprov, m.text)
                granted[did] = (m.name, lvl)
                self.g.rel("GRANTS", pid, did, tprov)
            titled = (
                _title_designation(name)
                if not in_title
                and (_RECOGNITION_SECTION.search(unit.section) or _RECOGNITION_SECTION.search(name))
                else None
            )
            if titled is not None:
                # 省创新联合体 under 认定培育: an unseen title the program confers
                lvl = level_in(name) or level
                did = self.designation(titled, lvl, tprov, name)
                granted[did] = (titled, lvl)
                self.g.rel("GRANTS", pid, did, tprov)
        granted_names = {n for n, _ in granted.values()}
        title_granted = bool(granted)
        found: list[tuple[DesignationRelation, TextField]] = []
        fields = [(f, "conditions") for f in unit.get(FieldName.CONDITIONS)]
        fields += [(f, "benefit") for f in unit.get(FieldName.BENEFIT)]
        fields += [(f, "body") for n in _BODY_FIELDS for f in unit.get(n)]
        for f, kind in fields:
            found.extend((r, f) for r in field_relations(f.text, kind))
        # 智能制造示范工厂项目 whose applicant "须为省级（含）以上智能制造示范工厂": a funding program for
        # holders, not a recognition: the explicit requirement wins over the title's GRANTS
        for r, _f in found:
            for did, (gname, glevel) in list(granted.items()):
                lv = r.mention.level or glevel
                if (
                    r.type == "REQUIRES"
                    and r.explicit
                    and r.mention.name == gname
                    and (lv == glevel or glevel is None)
                ):
                    del granted[did]
                    self.g.rels.pop(("GRANTS", pid, did, ""), None)
        stated = {r.mention.name: r.mention.level for r, _f in found}
        for m in held_by_title:
            if m.name in stated and m.level is None:
                continue  # 制造业单项冠军企业奖励 whose conditions say 国家级制造业单项冠军企业: theirs counts
            lvl = m.level or m.default_level or level
            did = self.designation(m.name, lvl, tprov, m.text)
            self.g.rel("REQUIRES", pid, did, tprov, levelMin=lvl)
        granted_names = {n for n, _ in granted.values()}
        recognition = not funding and (
            bool(granted)
            or any(r.type == "GRANTS" and f.name == FieldName.BENEFIT for r, f in found)
            # a reward makes a recognition where the name or section says titles are conferred; 支持科技型
            # 小微企业开展关键技术创新 rewards contest winners and confers nothing
            or (any(b.type == "reward" for b in benefits) and _confers(f"{name} {unit.section}"))
        )
        resolved: list[tuple[DesignationRelation, TextField]] = []
        headings = self.category_headings(unit, granted, level) if recognition else []
        categories = [r for r, _f in found if r.type == "CATEGORY"] + [r for r, _f in headings]
        if recognition and categories:
            # 包括…四类 / 一、示范企业 二、示范平台: the program confers those kinds; a title read from
            # its name alone (服务型制造示范项目申报) is the application, not a further kind
            kinds = {r.mention.name for r in categories}
            for did, (gname, _lv) in list(granted.items()):
                if gname not in kinds:
                    del granted[did]
                    self.g.rels.pop(("GRANTS", pid, did, ""), None)
            found += headings
        resolved: list[tuple[DesignationRelation, TextField]] = []
        for r, f in found:
            m: DesignationMention = r.mention
            if r.type == "CATEGORY":
                r = DesignationRelation("GRANTS" if recognition else "MENTIONS", m, r.sentence)
            if r.type == "LISTED":  # 1.绿色工厂 in a recognition's conditions: a title it confers
                r = DesignationRelation("MENTIONS" if recognition else "REQUIRES", m, r.sentence)
            if r.type == "MENTIONS" and not m.known:
                continue  # an unseen name in passing is too weak to state a relation
            if (
                r.type == "GRANTS"
                and not r.explicit
                and not title_granted
                and not _confers(f"{name} {unit.section}")
            ):
                continue  # 认定为高新技术企业可享受…优惠 in a measure for an industry: the title's effect, told
            if r.type == "MENTIONS":
                # a recognition program's conditions name the titles it confers (示范企业 and 示范平台)
                if not recognition:
                    r = DesignationRelation("REQUIRES", m, r.sentence)  # a funding program's scope
                elif (m.level or m.default_level) not in (None, level) or (
                    title_granted and m.name not in granted_names
                ):
                    continue  # a title its name states is what it confers; others are in passing
                else:
                    r = DesignationRelation("GRANTS", m, r.sentence)
            if (
                recognition
                and r.type == "REQUIRES"
                and f.name == FieldName.BENEFIT
                and (m.level or level) == level
                # a program that confers titles says so in its name or section (…认定, …遴选); one
                # named 鼓励企业做大 pays for becoming 规模以上工业企业, which others confer
                and (title_granted or _confers(f"{name} {unit.section}"))
            ):
                if not m.known:
                    continue  # 国家级智能制造工厂100万元: a loose name of the title it confers
                # 省级工业设计企业 30 万元 on a recognition program: the reward for a title it confers
                r = DesignationRelation("GRANTS", m, r.sentence)
            resolved.append((r, f))
        # every title the program confers, wherever stated (1.绿色工厂 after 为发挥绿色工厂…作用 in its
        # conditions): its own title in the conditions is not a prerequisite
        for r, _f in resolved:
            if r.type == "GRANTS" and not r.mention.enumerated[1:]:
                m = r.mention
                granted.setdefault(f"pending:{m.name}", (m.name, m.level or m.default_level or level))
        granted_names = {n for n, _ in granted.values()}
        # 对新认定的国家级、省级工业设计中心… / 申报主体为工业设计中心的依托企业: the levels stated
        # elsewhere say which; the bare name is not a further, program-level requirement
        levelled = {r.mention.name for r, _f in resolved if r.type == "REQUIRES" and r.mention.level}
        for r, f in resolved:
            m = r.mention
            if r.type == "REQUIRES" and m.level is None and m.default_level is None and m.name in levelled:
                continue
            if r.type in ("REQUIRES", "PREFERS") and m.name in granted_names:
                own = [lv for n, lv in granted.values() if n == m.name]
                if m.level is None or m.level in own:
                    continue  # a recognition program's own title in its conditions is not a prerequisite
            # no level printed: the lexicon's, else the program's (a provincial guide's 示范工厂 is provincial)
            lvl = m.level or m.default_level or level
            if r.type == "EXCLUDES" and m.level is None and m.name in granted_names:
                lvl = next(lv for n, lv in granted.values() if n == m.name)
            prov = Provenance(f.text[r.sentence[0] : r.sentence[1]].strip(), field_span(f, *r.sentence))
            # 国家、省小型微型企业创业创新示范基地: one edge per level the enumeration names
            for lv in m.enumerated if len(m.enumerated) > 1 else (lvl,):
                did = self.designation(m.name, lv, prov, m.text)
                if r.type == "GRANTS":
                    granted[did] = (m.name, lv)
                    self.g.rel("GRANTS", pid, did, prov)
                elif r.type in ("REQUIRES", "PREFERS"):
                    self.g.rel(r.type, pid, did, prov, levelMin=lv)
                else:
                    self.g.rel(r.type, pid, did, prov)
        if recognition and title_granted:
            self.own_title_bars(pid, unit, {d: g for d, g in granted.items() if not d.startswith("pending:")})
        return [did for did in granted if not did.startswith("pending:")]

    def own_title_bars(self, pid: str, unit: Unit, granted: dict[str, tuple[str, str | None]]) -> None:
        """已列入前期试点示范且仍在示范期的项目不可重复申报: a holder of the title the program confers,
        named by a short form, may not apply again."""
        for f in unit.get(FieldName.CONDITIONS):
            for s, e in sentences(f.text):
                sentence = f.text[s:e]
                held = _HELD.search(sentence)
                if held is None or find_designations(sentence) or _FUNDS.search(sentence[held.start() :]):
                    continue  # 已获批省级专项资金的项目不得申报: a bar on funding received
                if not _BARRED.search(sentence[held.end() : held.end() + 40]):
                    continue
                prov = Provenance(sentence.strip(), field_span(f, s, e))
                for did in granted:
                    self.g.rel("EXCLUDES", pid, did, prov)
            # 仍处于有效期的国家示范平台无需申报: the title's head with a level word, barred in its clause
            words = designations().level_words
            for name, _lv in set(granted.values()):
                if "示范" not in name:
                    continue
                short = re.escape(name[name.rindex("示范") :])
                word = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                for m in re.finditer(rf"(?<![非未不是])({word}){short}", f.text):
                    _cs, ce = enclosing(clauses(f.text), m.start(), m.end())
                    bar = _BARRED.search(f.text[m.end() : ce])
                    rest = f.text[m.end() + bar.end() : ce] if bar else ""
                    if bar is None or re.search(rf"示范(?!{short[len('示范') :]})", rest):
                        continue  # 被认定为市级示范平台的单位不再申报市级示范基地认定: a bar elsewhere
                    s, e = enclosing(sentences(f.text), m.start(), m.end())
                    prov = Provenance(f.text[s:e].strip(), field_span(f, s, e))
                    did = self.designation(name, words[m.group(1)], prov)
                    self.g.rel("EXCLUDES", pid, did, prov)

    def category_headings(
        self, unit: Unit, granted: dict[str, tuple[str, str | None]], level: str | None
    ) -> list[tuple[DesignationRelation, TextField]]:
        """一、示范企业 / （二）示范平台: headings of a recognition's conditions naming the kinds of the
        title its name states (服务型制造示范 -> 服务型制造示范企业, 服务型制造示范平台)."""
        stems = {n[: n.index("示范") + 2] for n, _ in granted.values() if "示范" in n}
        out = []
        for f in (*unit.get(FieldName.CONDITIONS), *unit.get(FieldName.MATERIALS)):
            # 二、申报江苏省工业设计示范园区应具备以下基本条件 / 二、工业设计企业申报材料清单
            for h in _KIND_HEADING.finditer(f.text):
                for m in find_designations(h.group(1)):
                    if m.in_title:
                        continue
                    a, b = h.start(1) + m.start, h.start(1) + m.end
                    m = replace(m, start=a, end=b, level=m.level or m.default_level or level)
                    out.append((DesignationRelation("GRANTS", m, enclosing(sentences(f.text), a, b)), f))
        for f in unit.get(FieldName.CONDITIONS):
            for h in _CATEGORY_HEADING.finditer(f.text):
                for stem in sorted(stems):
                    name = stem + h.group(1).removeprefix("示范")
                    known = designations().get(name) is not None
                    if not known and not _TITLE_DESIGNATION_END.search(name):
                        continue
                    a, b = h.span(1)
                    m = DesignationMention(a, b, h.group(1), name, level, False, None, False, known)
                    s, e = enclosing(sentences(f.text), a, b)
                    out.append((DesignationRelation("GRANTS", m, (s, e)), f))
        return out

    # --------------------------------------------------------------- ladders

    def implications(self) -> None:
        """IMPLIES: a higher level of a designation satisfies a lower one; a ladder's higher tier its lower."""
        present = [
            (n.properties["name"], n.properties.get("level"), n.id)
            for n in list(self.g.nodes.values())
            if n.label == "Designation"
        ]
        levels = list(ONTOLOGY.levels)  # national first
        for name, level, did in present:
            if level not in levels or level == "national":
                continue
            higher = levels[levels.index(level) - 1]
            prov = self.g.first_seen.get(did, Provenance(_LEVEL_EVIDENCE, (0, 0)))
            hid = self.designation(str(name), higher, Provenance(_LEVEL_EVIDENCE, prov.span))
            self.g.rel("IMPLIES", hid, did, Provenance(_LEVEL_EVIDENCE, prov.span))
        table = designations()
        names = {str(n.properties["name"]) for n in self.g.nodes.values() if n.label == "Designation"}
        for ladder in table.ladders:
            for lower, upper in itertools.pairwise(ladder):
                if lower not in names and upper not in names:
                    continue
                lo_entry, up_entry = table.get(lower), table.get(upper)
                if lo_entry is None or up_entry is None:
                    continue
                span = self.ladder_span(lower, upper)
                prov = Provenance(span[0], span[1])
                lo_id = self.designation(lower, lo_entry.level, prov)
                up_id = self.designation(upper, up_entry.level, prov)
                self.g.rel("IMPLIES", up_id, lo_id, prov)
        for n in list(self.g.nodes.values()):  # nodes added here are extracted from this document too
            if n.label == "Designation" and n.id not in self.g.first_seen:
                self.g.first_seen[n.id] = Provenance(_LEVEL_EVIDENCE, (0, 0))

    def ladder_span(self, lower: str, upper: str) -> tuple[str, tuple[int, int]]:
        """The sentence of the document that states both tiers, else the lexicon as evidence."""
        text = self.source.text
        for s, e in sentences(text[:400000]):
            piece = text[s:e]
            if len(piece) < 300:
                found = {m.name for m in find_designations(piece)} if lower[:2] in piece else set()
                if lower in found and upper in found:
                    return piece, (s, e)
        return f"{_LADDER_EVIDENCE}: {upper} ⊃ {lower}", (0, 0)


# ----------------------------------------------------------------------------- small helpers


def field_span(f: TextField, start: int, end: int) -> tuple[int, int]:
    """Document offsets covering f.text[start:end]; a reader may rejoin pieces out of order."""
    offsets = f.offsets[start:end]
    if not offsets:
        return f.span(start, end)
    return min(offsets), max(offsets) + 1


_PROSE_FIELDS = {"CONDITION": FieldName.CONDITIONS, "BENEFIT": FieldName.BENEFIT}


def read_prose(unit: Unit) -> Unit:
    """An article with the sentences the trained classifier reads as conditions or benefits added
    as fields of those kinds (offsets kept), where the reader found no such section."""
    added: list[TextField] = []
    for name in _PROSE_FIELDS.values():
        if unit.get(name):
            continue
        for f in unit.get(FieldName.BODY):
            pieces = [
                (lab.start, lab.end)
                for lab in label_sentences(f.text)
                if _PROSE_FIELDS.get(lab.label) == name
            ]
            if pieces:
                added.append(_joined(f, name, pieces))
    return replace(unit, fields=(*unit.fields, *added)) if added else unit


def _joined(f: TextField, name: FieldName, pieces: list[tuple[int, int]]) -> TextField:
    """Sentences of `f` as one field, a line break between them (pointing at the sentence before)."""
    text, offsets = "", []
    for a, b in pieces:
        if text:
            text += "\n"
            offsets.append(offsets[-1])
        text += f.text[a:b]
        offsets.extend(f.offsets[a:b])
    return TextField(name, text, tuple(offsets), heading="")


def _resolved(dept: DepartmentMention) -> bool:
    """A body placed in a region (or national): 市工信局 with no known city is not one real body."""
    return dept.region is not None or dept.level == "national"


def _issuer_part(title: str) -> str:
    """The words before 关于 in a policy title name its issuers."""
    head = title.split("关于", 1)[0]
    return head if len(head) < len(title) else title[:20]


def _program_name(title: str) -> str:
    name = _WECHAT_PREFIX.sub("", title.strip())
    name = _TITLE_PREFIX.sub("", name)
    return re.sub(r"\s+", "", name)[:120]


def _title_designation(name: str) -> str | None:
    """The title a recognition program is named after: 省创新联合体 -> 创新联合体."""
    for region in sorted(regions().by_name, key=len, reverse=True):
        if name.startswith(region) and len(name) > len(region) + 2:
            name = name[len(region) :]
            break
    core = canonical(_TITLE_TAIL.sub("", _TITLE_LEAD.sub("", name)))
    core = re.sub(r"[“”\"（(]?第.批[）)]?$", "", core)
    if not 3 <= len(core) <= 24 or re.search(r"[，。；：、]", core):
        return None
    if _TITLE_DESIGNATION_END.search(core):
        return core
    # …认定 names what it confers whatever its ending: 北京市新技术新产品（服务）认定 -> 新技术新产品服务
    return re.sub(r"[（）]", "", core) if re.search(r"(?:认定|评定)$", name) else None


def _family(benefit_type: str) -> str:
    """Grants and rewards are both money paid out: "给予支持" beside "奖励100万元" is no second benefit."""
    return "money" if benefit_type in ("grant", "reward") else benefit_type


def _unlabelled(unit: Unit) -> bool:
    """A program read from prose: a body, and no conditions or benefit field of its own."""
    return bool(unit.get(FieldName.BODY)) and not (
        unit.get(FieldName.CONDITIONS) or unit.get(FieldName.BENEFIT)
    )


def _describes_program(unit: Unit) -> bool:
    """An article about something to apply for: its title says so, or it has eligibility or benefit
    sections (申报条件, 支持内容) the reader labelled."""
    title = unit.title
    if _ARTICLE_NOT_PROGRAM.search(title):
        return False
    return bool(
        _ARTICLE_PROGRAM.search(title) or unit.get(FieldName.CONDITIONS) or unit.get(FieldName.BENEFIT)
    )


def _program_kind(name: str, grants: list[str], benefits: list[BenefitMention]) -> str:
    if grants and not _FUNDING_TITLE.search(name):
        return "recognition"
    types = [b.type for b in benefits]
    if types:
        first = types[0]
        return _KIND_BY_BENEFIT.get(first, "funding")
    if _FUNDING_TITLE.search(name):
        return "funding"
    return "other"


def _is_office(name: str) -> bool:
    """A government body or one of its divisions (厅, 局, 处, 科 …), not a service centre it
    entrusts (生产力促进中心) or a platform."""
    return re.search(r"(?:厅|局|委员会|委|部|司|处|科|室|办)$", name) is not None


def _is_company(name: str) -> bool:
    return bool(re.search(r"公司|银行(?!.*(科|处|室))|集团|协会|平台$", name))


def _first_url(text: str) -> str | None:
    m = re.search(r"https?://[^\s<>\"'）)]+", text)
    return m.group() if m else None


def _first_date(text: str) -> str | None:
    from extraction.components.dates import first_date

    return first_date(text)


def assemble_document(source: SourceDocument) -> GraphDocument:
    """The ontology graph of one read document."""
    return DocumentAssembler(source).assemble()
