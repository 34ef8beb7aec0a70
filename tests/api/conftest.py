"""API fixtures: a small graph of real facts from the seeds (evidence sentences and spans taken from
the seed files themselves), and an HTTP client over an app serving it from the real embedded store;
and the graph the real extraction builds from seed/, once per test session, with its client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.build import build as build_graph
from api.settings import Settings
from graph import StoreConfig
from graph.embedded import FalkorStore
from schema import GraphDocument, Node, Relationship, make_id

SEED = Path(__file__).resolve().parents[2] / "seed"
EZHOU = "004_477b3b47acea63bc.txt"
XUZHOU = "000_7a2f4ff3c5f69e6c.txt"


class DocumentFacts:
    """Builds one document's GraphDocument; every evidence must occur in the seed file."""

    def __init__(self, name: str, title: str) -> None:
        self.name = name
        self.text = (SEED / name).read_text(encoding="utf-8")
        self.doc_id = make_id("Document", name)
        self.nodes: dict[str, Node] = {}
        self.rels: list[Relationship] = []
        self.node("Document", self.doc_id, name=name, title=title, sha256="0" * 64)

    def node(self, label: str, node_id: str | None = None, **props: Any) -> str:
        if node_id is None:
            assert label == "Program", "other labels are given their ids by the helpers below"
            node_id = make_id(label, self.name, props["name"])
        self.nodes[node_id] = Node(
            id=node_id, label=label, properties={k: v for k, v in props.items() if v is not None}
        )
        if label != "Document":
            self.rels.append(
                Relationship(
                    type="EXTRACTED_FROM", start=node_id, end=self.doc_id, properties={"doc": self.doc_id}
                )
            )
        return node_id

    def fact(self, rel_type: str, start: str, end: str, evidence: str, **props: Any) -> None:
        at = self.text.find(evidence)
        assert at >= 0, f"evidence not in {self.name}: {evidence}"
        self.rels.append(
            Relationship(
                type=rel_type,
                start=start,
                end=end,
                properties={
                    "doc": self.doc_id,
                    "evidence": evidence,
                    "span": [at, at + len(evidence)],
                    **props,
                },
            )
        )

    def graph(self) -> GraphDocument:
        return GraphDocument(nodes=list(self.nodes.values()), relationships=self.rels)


def designation(doc: DocumentFacts, name: str, level: str) -> str:
    return doc.node("Designation", make_id("Designation", name, level), name=name, level=level)


def benefit(doc: DocumentFacts, program: str, text: str, kind: str, amount: float | None) -> str:
    return doc.node(
        "Benefit", make_id("Benefit", program, kind, text), text=text, type=kind, amountMaxWan=amount
    )


def region(doc: DocumentFacts, name: str, level: str) -> str:
    return doc.node("Region", make_id("Region", name), name=name, level=level)


def ezhou_list() -> GraphDocument:
    """鄂州市 工业领域设备更新服务清单: the 专精特新 ladder, 国家技术创新示范企业, their contacts."""
    d = DocumentFacts(EZHOU, "鄂州市工业领域设备更新服务清单")
    nation, hubei, ezhou = (
        region(d, "全国", "national"),
        region(d, "湖北省", "provincial"),
        region(d, "鄂州市", "municipal"),
    )
    ladder = "优质中小企业根据企业不同规模、成长性、创新能力、以及市场占有率等指标依次由低到高分创新型中小企业、专精特新中小企业、专精特新“小巨人”企业三个梯次"
    d.fact("PART_OF", ezhou, hubei, "鄂州市")
    d.fact("PART_OF", hubei, nation, "湖北省")
    d.fact("IN_REGION", d.doc_id, ezhou, "鄂州市")

    innovative = designation(d, "创新型中小企业", "provincial")
    srdi = designation(d, "专精特新中小企业", "provincial")
    giant = designation(d, "专精特新小巨人企业", "national")
    d.nodes[giant] = d.nodes[giant].model_copy(
        update={"properties": {**d.nodes[giant].properties, "aliases": ["小巨人企业", "专精特新小巨人"]}}
    )
    d.fact("IMPLIES", giant, srdi, ladder)
    d.fact("IMPLIES", srdi, innovative, ladder)
    centre_p = designation(d, "企业技术中心", "provincial")
    centre_n = designation(d, "企业技术中心", "national")
    d.fact("IMPLIES", centre_n, centre_p, "3.已认定为省级以上企业技术中心的企业")
    demo_n = designation(d, "技术创新示范企业", "national")

    miit = d.node(
        "Department",
        make_id("Department", "中华人民共和国工业和信息化部"),
        name="中华人民共和国工业和信息化部",
        aliases=["工信部"],
        level="national",
    )
    jxj = d.node(
        "Department",
        make_id("Department", "鄂州市经济和信息化局"),
        name="鄂州市经济和信息化局",
        aliases=["市经信局"],
        level="municipal",
    )
    sme_div = d.node(
        "Department",
        make_id("Department", "鄂州市经济和信息化局中小企业发展科"),
        name="鄂州市经济和信息化局中小企业发展科",
        level="municipal",
    )
    d.fact("PART_OF", sme_div, jxj, "市经信局中小企业发展科 027-60830052")
    d.fact("IN_REGION", jxj, ezhou, "市经信局中小企业发展科 027-60830052")
    sme_office = d.node(
        "ContactOffice",
        make_id("ContactOffice", "市经信局中小企业发展科"),
        name="市经信局中小企业发展科",
        phones=["027-60830052"],
    )
    tech_office = d.node(
        "ContactOffice",
        make_id("ContactOffice", "市经信局规划与技术改造科"),
        name="市经信局规划与技术改造科",
        phones=["027-60830819"],
    )
    d.fact("PART_OF", sme_office, jxj, "市经信局中小企业发展科 027-60830052")
    policy = d.node(
        "Policy",
        make_id("Policy", "工信部企业〔2022〕63号", "优质中小企业梯度培育管理暂行办法"),
        title="优质中小企业梯度培育管理暂行办法",
        docNumber="工信部企业〔2022〕63号",
        level="national",
    )
    d.fact("ISSUED_BY", policy, miit, "《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）")

    giant_p = d.node(
        "Program",
        name="国家级专精特新“小巨人”企业申报",
        kind="recognition",
        level="national",
        summary="专精特新“小巨人”企业为优质中小企业第三个梯次，由工信部组织申报",
    )
    d.fact(
        "REQUIRES",
        giant_p,
        srdi,
        "获批省级专精特新“小巨人”企业（现名：专精特新中小企业）",
        levelMin="provincial",
    )
    d.fact("GRANTS", giant_p, giant, "专精特新“小巨人”企业为优质中小企业第三个梯次，由工信部组织申报")
    reward = benefit(d, giant_p, "省级奖励100万元", "reward", 100.0)
    d.fact("OFFERS", giant_p, reward, "省级奖励100万元")
    d.fact("HAS_CONTACT", giant_p, sme_office, "市经信局中小企业发展科 027-60830052", phone="027-60830052")
    d.fact("ADMINISTERED_BY", giant_p, sme_div, "市经信局中小企业发展科 027-60830052")
    d.fact("BASED_ON", giant_p, policy, "《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）")
    d.fact("IN_REGION", giant_p, ezhou, "市经信局中小企业发展科 027-60830052")

    srdi_p = d.node(
        "Program",
        name="省级专精特新中小企业申报",
        kind="recognition",
        level="provincial",
        summary="专精特新中小企业为优质中小企业第二个梯次，由省经信厅组织申报",
    )
    d.fact("GRANTS", srdi_p, srdi, "专精特新中小企业为优质中小企业第二个梯次，由省经信厅组织申报")
    d.fact(
        "EXCLUDES", srdi_p, giant, "专精特新“小巨人”企业为优质中小企业第三个梯次"
    )  # a 小巨人 already holds it
    reward20 = benefit(d, srdi_p, "20万元", "reward", 20.0)
    d.fact("OFFERS", srdi_p, reward20, "20万元")
    d.fact("HAS_CONTACT", srdi_p, sme_office, "市经信局中小企业发展科 027-60830052", phone="027-60830052")
    d.fact("IN_REGION", srdi_p, ezhou, "市经信局中小企业发展科 027-60830052")

    innov_p = d.node(
        "Program",
        name="省级创新型中小企业申报",
        kind="recognition",
        level="provincial",
        summary="创新型中小企业为优质中小企业第一个梯次，由省经信厅组织申报",
    )
    d.fact("GRANTS", innov_p, innovative, "创新型中小企业为优质中小企业第一个梯次，由省经信厅组织申报")
    d.fact("HAS_CONTACT", innov_p, sme_office, "市经信局中小企业发展科 027-60830052", phone="027-60830052")
    d.fact("IN_REGION", innov_p, ezhou, "市经信局中小企业发展科 027-60830052")

    demo_p = d.node(
        "Program",
        name="国家技术创新示范企业项目申报",
        kind="recognition",
        level="national",
        summary="鼓励工业企业开展技术创新",
    )
    d.fact("REQUIRES", demo_p, centre_p, "3.已认定为省级以上企业技术中心的企业", levelMin="provincial")
    d.fact("GRANTS", demo_p, demo_n, "做好技术创新示范企业的认定工作")
    reward_demo = benefit(d, demo_p, "省级奖励100万元", "reward", 100.0)
    d.fact("OFFERS", demo_p, reward_demo, "省级奖励100万元")
    d.fact("HAS_CONTACT", demo_p, tech_office, "市经信局规划与技术改造科 027-60830819", phone="027-60830819")
    d.fact("IN_REGION", demo_p, ezhou, "市经信局规划与技术改造科 027-60830819")
    return d.graph()


def xuzhou_compendium() -> GraphDocument:
    """徐州 2024 工信领域支持企业政策汇编: 贷款贴息 and the Jiangsu 专精特新中小企业认定."""
    d = DocumentFacts(XUZHOU, "2024 工信领域支持企业政策汇编")
    nation, jiangsu, xuzhou = (
        region(d, "全国", "national"),
        region(d, "江苏省", "provincial"),
        region(d, "徐州市", "municipal"),
    )
    d.fact("PART_OF", xuzhou, jiangsu, "徐州市")
    d.fact("PART_OF", jiangsu, nation, "江苏省")
    d.fact("IN_REGION", d.doc_id, xuzhou, "徐州市")
    innovative = designation(d, "创新型中小企业", "provincial")
    srdi = designation(d, "专精特新中小企业", "provincial")

    gxt = d.node(
        "Department",
        make_id("Department", "江苏省工业和信息化厅"),
        name="江苏省工业和信息化厅",
        aliases=["省工信厅"],
        level="provincial",
    )
    planning = d.node(
        "Department",
        make_id("Department", "江苏省工业和信息化厅综合规划处"),
        name="江苏省工业和信息化厅综合规划处",
        level="provincial",
    )
    d.fact("PART_OF", planning, gxt, "江苏省工业和信息化厅综合规划处")
    office = d.node(
        "ContactOffice",
        make_id("ContactOffice", "徐州市工业和信息化局综合规划处"),
        name="市工信局综合规划处",
        phones=["0516-83735577"],
        phonesPrinted=["83735577"],
    )
    policy = d.node(
        "Policy",
        make_id("Policy", "苏工信综合〔2024〕98号", "江苏省制造业贷款财政贴息实施方案"),
        title="江苏省制造业贷款财政贴息实施方案",
        docNumber="苏工信综合〔2024〕98号",
        level="provincial",
    )
    d.fact(
        "ISSUED_BY",
        policy,
        gxt,
        "《省工业和信息化厅 省财政厅关于印发<江苏省制造业贷款财政贴息实施方案>的通知》（苏工信综合〔2024〕98号）",
    )

    loan = d.node(
        "Program",
        name="江苏省制造业贷款财政贴息实施方案",
        kind="finance",
        level="provincial",
        summary="对符合条件的制造业企业设备购置更新实施贷款贴息",
    )
    d.fact(
        "BASED_ON",
        loan,
        policy,
        "《省工业和信息化厅 省财政厅关于印发<江苏省制造业贷款财政贴息实施方案>的通知》（苏工信综合〔2024〕98号）",
    )
    d.fact("ADMINISTERED_BY", loan, planning, "江苏省工业和信息化厅综合规划处")
    subsidy = benefit(d, loan, "对符合条件的制造业企业设备购置更新实施贷款贴息", "interest_subsidy", None)
    d.fact("OFFERS", loan, subsidy, "对符合条件的制造业企业设备购置更新实施贷款贴息")
    d.fact("HAS_CONTACT", loan, office, "市工信局综合规划处 83735577", phone="0516-83735577")
    d.fact("IN_REGION", loan, jiangsu, "在江苏省行政区域内注册")

    srdi_js = d.node(
        "Program",
        name="专精特新中小企业认定",
        kind="recognition",
        level="provincial",
        summary="2023 年度省级专精特新中小企业申报认定",
    )
    d.fact("REQUIRES", srdi_js, innovative, "且公告为创新型中小企业（有效期内）")
    d.fact("GRANTS", srdi_js, srdi, "关于组织开展 2023 年度省级专精特新中小企业申报认定")
    d.fact(
        "ADMINISTERED_BY",
        srdi_js,
        d.node(
            "Department",
            make_id("Department", "江苏省工业和信息化厅中小企业局"),
            name="江苏省工业和信息化厅中小企业局",
            level="provincial",
        ),
        "江苏省工业和信息化厅中小企业局",
    )
    d.fact("IN_REGION", srdi_js, jiangsu, "在江苏境内注册")
    return d.graph()


SMALL_GRAPH = (ezhou_list, xuzhou_compendium)


def load_small_graph(store: FalkorStore) -> None:
    for build in SMALL_GRAPH:
        graph = build()
        doc = next(n for n in graph.nodes if n.label == "Document")
        store.replace_document(doc.id, graph)


@pytest.fixture
def graph_store(store: FalkorStore) -> FalkorStore:
    """The real embedded store holding the small graph of seed facts."""
    load_small_graph(store)
    return store


@pytest.fixture
def client(graph_store: FalkorStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=graph_store)) as c:
        yield c


@pytest.fixture(scope="session")
def seed_store(falkor_config: StoreConfig, seed_dir: Path) -> Iterator[FalkorStore]:
    """The graph `policykg build` makes of seed/, in a graph of its own on the session's server."""
    store = FalkorStore(replace(falkor_config, graph_name="policykg_seed"))
    store.clear()
    report = build_graph(store, [seed_dir], force=True)
    assert report.ok, report.failed
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="session")
def seed_client(seed_store: FalkorStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=seed_store)) as client:
        yield client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    """POST a GraphQL request; returns the whole response body."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def data(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    """The data of a request that must succeed."""
    body = gql(client, query, **variables)
    assert not body.get("errors"), body["errors"]
    return body["data"]
