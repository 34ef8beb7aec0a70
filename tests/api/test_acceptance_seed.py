"""The issue's four acceptance questions, through HTTP, over the graph built from seed/ by the real
extraction (built once per test session: `seed_client` in conftest.py). A failure here names the fact
extraction did not produce."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import data
from tests.api.test_acceptance_small import ELIGIBLE, PATHWAYS


def test_q1_eligible_in_ezhou(seed_client: TestClient) -> None:
    out = data(
        seed_client, ELIGIBLE, holding=[{"name": "专精特新中小企业", "level": "PROVINCIAL"}], region="鄂州"
    )
    programs = {e["program"]["name"]: e["program"] for e in out["eligible"]["programs"]}
    if "国家级专精特新“小巨人”企业申报" not in programs:
        stated = data(
            seed_client,
            """{ programs(filter: {text: "国家级专精特新“小巨人”企业申报"}) { edges { node { name
                requires { designation { name level } levelMin evidence } regions { region { name } } } } } }""",
        )["programs"]["edges"]
        pytest.fail(
            "extraction lacks (国家级专精特新“小巨人”企业申报)-[:REQUIRES {levelMin: provincial}]->"
            "(专精特新中小企业 provincial) from 获批省级专精特新“小巨人”企业（现名：专精特新中小企业）; "
            f"the graph has {stated}; eligible in 鄂州: {sorted(programs)}"
        )
    giant = programs["国家级专精特新“小巨人”企业申报"]
    assert "省级奖励100万元" in [b["benefit"]["text"] for b in giant["benefits"]], giant["benefits"]
    assert any(b["benefit"]["amountMaxWan"] == 100 for b in giant["benefits"])
    contacts = [(c["office"]["name"], c["phone"], c["evidence"]) for c in giant["contacts"]]
    assert any(
        office.endswith("中小企业发展科")
        and "经" in office
        and phone == "027-60830052"
        and "027-60830052" in evidence
        for office, phone, evidence in contacts
    ), contacts


def test_q2_enterprise_technology_centre_unlocks(seed_client: TestClient) -> None:
    query = """query ($level: Level) { designation(name: "企业技术中心", level: $level) {
        unlocks { program { name } evidence span document { name } } } }"""
    for level in ("PROVINCIAL", "NATIONAL"):
        unlocks = data(seed_client, query, level=level)["designation"]["unlocks"]
        names = {u["program"]["name"] for u in unlocks}
        assert "国家技术创新示范企业项目申报" in names, (level, sorted(names))
        fact = next(u for u in unlocks if u["program"]["name"] == "国家技术创新示范企业项目申报")
        assert "企业技术中心" in fact["evidence"] and fact["span"] and fact["document"]["name"]


def test_q3_pathway_through_the_ladder(seed_client: TestClient) -> None:
    out = data(seed_client, PATHWAYS, **{"from": [{"name": "创新型中小企业"}], "to": {"benefitMinWan": 100}})
    chains = out["pathways"]["pathways"]
    assert chains, "no pathway from 创新型中小企业 to 100万元"
    lengths = [c["length"] for c in chains]
    assert lengths == sorted(lengths)

    def through_ladder(chain: dict) -> bool:
        steps = chain["steps"]
        granted = [{g["designation"]["name"] for g in s["grants"]} for s in steps]
        met = [{m["designation"]["name"] for m in s["met"]} for s in steps]
        return (
            len(steps) >= 2
            and any("专精特新中小企业" in granted[i] and met[i + 1] for i in range(len(steps) - 1))
            and chain["amountMaxWan"] >= 100
        )

    ladder = [c for c in chains if through_ladder(c)]
    assert ladder, [[s["program"]["name"] for s in c["steps"]] for c in chains]
    for step in ladder[0]["steps"]:
        for fact in step["met"] + step["grants"] + step["benefits"]:
            assert fact["evidence"], step
        assert all(f["span"] and f["document"]["name"] for f in step["met"])
    assert ladder[0]["steps"][-1]["benefits"]


def test_q4_contacts_of_jiangsu_loan_subsidy(seed_client: TestClient) -> None:
    query = """{ programs(filter: {text: "江苏省制造业贷款财政贴息实施方案"}) { edges { node {
        name contacts { office { name } phone evidence document { name } } } } } }"""
    edges = data(seed_client, query)["programs"]["edges"]
    loan = [e["node"] for e in edges if e["node"]["name"] == "江苏省制造业贷款财政贴息实施方案"]
    assert loan, [e["node"]["name"] for e in edges]
    contacts = [(c["office"]["name"], c["phone"], c["evidence"]) for c in loan[0]["contacts"]]
    assert any(
        office.endswith("综合规划处")
        and phone
        and phone.endswith("83735577")
        and "市工信局综合规划处 83735577" in evidence
        for office, phone, evidence in contacts
    ), contacts
