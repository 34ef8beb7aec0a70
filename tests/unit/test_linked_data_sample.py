"""A small graph of real facts from seed 000 (徐州市 2024 政策汇编), shared by the linked-data and
export tests: the 企业技术中心 ladder, the 专精特新 ladder, a contact office, regions, a benefit."""

from __future__ import annotations

from typing import Any

from schema.graph import GraphDocument, Node, Relationship
from schema.ids import make_id

DOC_NAME = "000_7a2f4ff3c5f69e6c.txt"
DOC = make_id("Document", DOC_NAME)


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.rels: list[Relationship] = []

    def node(self, label: str, key: tuple[Any, ...], **props: Any) -> str:
        node_id = make_id(label, *key)
        self.nodes[node_id] = Node(id=node_id, label=label, properties={"id": node_id, **props})
        if label != "Document":
            self.rel(
                "EXTRACTED_FROM",
                node_id,
                DOC,
                f"{props.get('name') or props.get('title') or props.get('text')}",
            )
        return node_id

    def rel(self, rel_type: str, start: str, end: str, evidence: str, offset: int = 0, **props: Any) -> None:
        prov = {"doc": DOC, "evidence": evidence, "span": [offset, offset + len(evidence)]}
        self.rels.append(Relationship(type=rel_type, start=start, end=end, properties={**prov, **props}))

    def graph(self) -> GraphDocument:
        return GraphDocument(nodes=list(self.nodes.values()), relationships=self.rels)


def sample_graph() -> GraphDocument:
    b = _Builder()
    b.node(
        "Document",
        (DOC_NAME,),
        name=DOC_NAME,
        title="2024 工信领域支持企业政策汇编",
        sha256="7a2f4ff3c5f69e6c" * 4,
        format="markdown",
        chars=222483,
        publishedAt="2024-04",
    )
    china = b.node("Region", ("全国",), name="全国", level="national")
    jiangsu = b.node("Region", ("江苏省",), name="江苏省", level="provincial")
    xuzhou = b.node("Region", ("徐州市",), name="徐州市", level="municipal")
    b.rel("PART_OF", jiangsu, china, "江苏省")
    b.rel("PART_OF", xuzhou, jiangsu, "徐州市工业和信息化局")
    b.rel("IN_REGION", DOC, xuzhou, "徐州市工业和信息化局 2024年4月", 40)

    ndrc = b.node(
        "Department",
        ("国家发展和改革委员会",),
        name="国家发展和改革委员会",
        aliases=["国家发展改革委", "国家发改委"],
        level="national",
    )
    jsgxt = b.node(
        "Department",
        ("江苏省工业和信息化厅",),
        name="江苏省工业和信息化厅",
        aliases=["省工信厅"],
        level="provincial",
    )
    xzgxj = b.node(
        "Department",
        ("徐州市工业和信息化局",),
        name="徐州市工业和信息化局",
        aliases=["市工信局"],
        level="municipal",
    )
    b.rel("IN_REGION", xzgxj, xuzhou, "徐州市工业和信息化局")
    b.rel("IN_REGION", jsgxt, jiangsu, "江苏省工业和信息化厅")
    office = b.node(
        "ContactOffice",
        ("徐州市工业和信息化局技术创新处",),
        name="徐州市工业和信息化局技术创新处",
        phones=["0516-80801826"],
        phonesPrinted=["0516-80801826"],
    )
    b.rel("PART_OF", office, xzgxj, "3.联系方式： 市工信局技术创新处      0516-80801826", 9120)
    b.rel("IN_REGION", office, xuzhou, "市工信局技术创新处")

    tc = {
        level: b.node("Designation", ("企业技术中心", level), name="企业技术中心", level=level)
        for level in ("national", "provincial", "municipal")
    }
    b.rel("IMPLIES", tc["national"], tc["provincial"], "具有省级企业技术中心资格两年以上。", 8877)
    b.rel("IMPLIES", tc["provincial"], tc["municipal"], "6.企业具有市级企业技术中心资格 1 年以上;", 9240)

    policy_national = b.node(
        "Policy",
        (
            "发改办高技〔2023〕207号",
            "国家发展改革委办公厅关于组织开展2023年（第30批）国家企业技术中心认定及国家企业技术中心评价工作的通知",
        ),
        title="国家发展改革委办公厅关于组织开展 2023 年（第 30 批）国家企业技术中心认定及国家企业技术中心评价工作的通知",
        docNumber="发改办高技〔2023〕207号",
        level="national",
    )
    b.rel(
        "ISSUED_BY",
        policy_national,
        ndrc,
        "《国家发展改革委办公厅关于组织开展 2023 年（第 30 批）国家企业技术中心认定及国家企业技术中心评价工作的通知》",
    )
    policy_js = b.node(
        "Policy",
        ("苏工信创新〔2023〕256号", "江苏省工业和信息化厅关于组织开展2023年省级企业技术中心申报工作的通知"),
        title="江苏省工业和信息化厅关于组织开展 2023 年省级企业技术中心申报工作的通知",
        docNumber="苏工信创新〔2023〕256号",
        issuedAt="2023-07-20",
        level="provincial",
        url="http://gxt.jiangsu.gov.cn/",
    )
    b.rel(
        "ISSUED_BY",
        policy_js,
        jsgxt,
        "《江苏省工业和信息化厅关于组织开展 2023 年省级企业技术中心申报工作的通知》（苏工信创新〔2023〕256 号）",
    )

    national = b.node(
        "Program",
        (DOC, "国家企业技术中心"),
        name="国家企业技术中心",
        kind="recognition",
        level="national",
        window="具体时间以每年通知为准",
    )
    b.rel("GRANTS", national, tc["national"], "## 国家企业技术中心", 8620)
    b.rel(
        "REQUIRES",
        national,
        tc["provincial"],
        "5.具有省级企业技术中心资格两年以上。",
        8770,
        levelMin="provincial",
    )
    b.rel("BASED_ON", national, policy_national, "（发改办高技〔2023〕207 号）", 8650)
    b.rel("ADMINISTERED_BY", national, xzgxj, "企业向市工信局提出申请并报送有关材料")
    b.rel(
        "HAS_CONTACT",
        national,
        office,
        "3.联系方式： 市工信局技术创新处      0516-80801826",
        8810,
        phone="0516-80801826",
    )
    b.rel("IN_REGION", national, china, "国家企业技术中心")

    provincial = b.node(
        "Program",
        (DOC, "江苏省企业技术中心"),
        name="江苏省企业技术中心",
        kind="recognition",
        level="provincial",
        conditions="企业年主营业务收入不低于 2 亿元（其中高新技术企业不低于 1 亿元）",
    )
    b.rel("GRANTS", provincial, tc["provincial"], "## 江苏省企业技术中心", 9090)
    b.rel(
        "REQUIRES",
        provincial,
        tc["municipal"],
        "6.企业具有市级企业技术中心资格 1 年以上;",
        9240,
        levelMin="municipal",
    )
    b.rel("BASED_ON", provincial, policy_js, "（苏工信创新〔2023〕256 号）", 9120)
    b.rel(
        "HAS_CONTACT",
        provincial,
        office,
        "3.联系方式: 市工信局技术创新处      0516-80801826",
        9280,
        phone="0516-80801826",
    )
    b.rel("IN_REGION", provincial, jiangsu, "江苏省企业技术中心")

    demo = b.node(
        "Program", (DOC, "技术创新示范企业"), name="技术创新示范企业", kind="recognition", level="provincial"
    )
    b.rel(
        "REQUIRES",
        demo,
        tc["provincial"],
        "3.已认定为省级以上企业技术中心的企业；",
        8960,
        levelMin="provincial",
    )
    b.rel("PREFERS", demo, tc["national"], "企业原则上应拥有国家企业技术中心", 8900, levelMin="national")
    b.rel("IN_REGION", demo, xuzhou, "技术创新示范企业")
    reward = b.node(
        "Benefit",
        (demo, "reward", "对新认定的省级技术创新示范企业给予一次性奖励 50 万元"),
        type="reward",
        amountMaxWan=50.0,
        text="对新认定的省级技术创新示范企业给予一次性奖励 50 万元",
    )
    b.rel("OFFERS", demo, reward, "对新认定的省级技术创新示范企业给予一次性奖励 50 万元")

    small_giant = b.node(
        "Designation",
        ("专精特新小巨人企业", "national"),
        name="专精特新小巨人企业",
        level="national",
        aliases=["专精特新“小巨人”企业", "小巨人企业"],
    )
    srdi = b.node(
        "Designation", ("专精特新中小企业", "provincial"), name="专精特新中小企业", level="provincial"
    )
    innov = b.node("Designation", ("创新型中小企业", "provincial"), name="创新型中小企业", level="provincial")
    b.rel("IMPLIES", small_giant, srdi, "创新型中小企业、专精特新中小企业、专精特新“小巨人”企业", 36300)
    b.rel("IMPLIES", srdi, innov, "且公告为创新型中小企业（有效期内）", 11100)
    giant_program = b.node(
        "Program",
        (DOC, "专精特新小巨人企业"),
        name="专精特新小巨人企业",
        kind="recognition",
        level="national",
    )
    b.rel("GRANTS", giant_program, small_giant, "授予“专精特新小巨人”称号", 9850)
    srdi_program = b.node(
        "Program",
        (DOC, "专精特新中小企业认定"),
        name="专精特新中小企业认定",
        kind="recognition",
        level="provincial",
        url="http://gxt.jiangsu.gov.cn/art/2023/8/4/art_6278_10973292.html",
    )
    b.rel("GRANTS", srdi_program, srdi, "专精特新中小企业培育和认定", 11050)
    b.rel("REQUIRES", srdi_program, innov, "且公告为创新型中小企业（有效期内）", 11100, levelMin="provincial")
    b.rel("ADMINISTERED_BY", srdi_program, jsgxt, "江苏省工业和信息化厅中小企业局", 11080)
    b.rel("IN_REGION", srdi_program, jiangsu, "在江苏境内注册")
    return b.graph()


def test_sample_graph_is_valid_and_has_provenance() -> None:
    graph = sample_graph()
    assert graph.counts()["Designation"] == 6
    assert all({"doc", "evidence", "span"} <= set(r.properties) for r in graph.relationships)
