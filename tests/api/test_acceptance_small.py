"""The issue's four acceptance questions, through HTTP, over the small graph of seed facts."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import data

ELIGIBLE = """
query ($holding: [DesignationInput!]!, $region: String) {
  eligible(holding: $holding, region: $region) {
    __typename
    ... on EligiblePrograms {
      region { name }
      programs {
        program {
          name
          benefits { benefit { text type amountMaxWan } evidence }
          contacts { office { name phones } phone evidence span document { name } }
        }
        met { designation { name level } levelMin evidence span document { name } }
      }
    }
    ... on UnknownInput { message suggestions }
  }
}
"""


def test_q1_eligible_in_ezhou_with_provincial_srdi(client: TestClient) -> None:
    out = data(
        client, ELIGIBLE, holding=[{"name": "专精特新中小企业", "level": "PROVINCIAL"}], region="鄂州"
    )["eligible"]
    assert out["__typename"] == "EligiblePrograms"
    assert out["region"]["name"] == "鄂州市"
    by_name = {e["program"]["name"]: e for e in out["programs"]}
    giant = by_name["国家级专精特新“小巨人”企业申报"]
    assert any(
        b["benefit"]["text"] == "省级奖励100万元" and b["benefit"]["amountMaxWan"] == 100
        for b in giant["program"]["benefits"]
    )
    contact = giant["program"]["contacts"][0]
    assert contact["office"]["name"] == "市经信局中小企业发展科"
    assert contact["phone"] == "027-60830052"
    assert contact["document"]["name"] == "004_477b3b47acea63bc.txt"
    met = giant["met"][0]
    assert met["designation"] == {"name": "专精特新中小企业", "level": "PROVINCIAL"}
    assert "专精特新中小企业" in met["evidence"] and met["span"][1] > met["span"][0]
    # Jiangsu's programs do not apply in 鄂州; the 专精特新 programs it already holds are excluded or open.
    assert "江苏省制造业贷款财政贴息实施方案" not in by_name
    assert "国家技术创新示范企业项目申报" not in by_name


def test_q2_enterprise_technology_centre_unlocks_national_demo(client: TestClient) -> None:
    query = """query ($level: Level) { designation(name: "企业技术中心", level: $level) {
        name level unlocks { program { name } requirement { name level } levelMin evidence } } }"""
    provincial = data(client, query, level="PROVINCIAL")["designation"]
    assert provincial["level"] == "PROVINCIAL"
    unlocked = {u["program"]["name"]: u for u in provincial["unlocks"]}
    assert "国家技术创新示范企业项目申报" in unlocked
    assert unlocked["国家技术创新示范企业项目申报"]["evidence"] == "3.已认定为省级以上企业技术中心的企业"
    national = data(client, query, level="NATIONAL")["designation"]
    assert "国家技术创新示范企业项目申报" in {u["program"]["name"] for u in national["unlocks"]}


PATHWAYS = """
query ($from: [DesignationInput!]!, $to: PathTarget!) {
  pathways(from: $from, to: $to, maxSteps: 4) {
    ... on Pathways {
      pathways {
        length amountMaxWan
        steps {
          index
          program { name }
          met { designation { name level } evidence span document { name } }
          grants { designation { name level } evidence }
          benefits { benefit { text amountMaxWan } evidence }
        }
      }
    }
    ... on UnknownInput { message }
  }
}
"""


def test_q3_pathway_from_innovative_sme_to_a_million(client: TestClient) -> None:
    out = data(client, PATHWAYS, **{"from": [{"name": "创新型中小企业"}], "to": {"benefitMinWan": 100}})[
        "pathways"
    ]
    chains = out["pathways"]
    assert chains, out
    best = chains[0]
    names = [s["program"]["name"] for s in best["steps"]]
    assert names == ["专精特新中小企业认定", "国家级专精特新“小巨人”企业申报"]
    assert best["length"] == 2 and best["amountMaxWan"] == 100
    assert best["steps"][0]["grants"][0]["designation"]["name"] == "专精特新中小企业"
    for step in best["steps"]:
        for fact in step["met"]:
            assert fact["evidence"] and fact["span"] and fact["document"]["name"]
    assert best["steps"][-1]["benefits"][0]["benefit"]["amountMaxWan"] == 100
    assert best["steps"][-1]["benefits"][0]["evidence"] == "省级奖励100万元"


def test_q4_contacts_of_jiangsu_loan_subsidy(client: TestClient) -> None:
    query = """{ programs(filter: {text: "江苏省制造业贷款财政贴息实施方案"}) { edges { node {
        name contacts { office { name phones } phone evidence } } } } }"""
    edges = data(client, query)["programs"]["edges"]
    assert [e["node"]["name"] for e in edges] == ["江苏省制造业贷款财政贴息实施方案"]
    contacts = edges[0]["node"]["contacts"]
    assert any(c["office"]["name"] == "市工信局综合规划处" and "83735577" in c["phone"] for c in contacts)
    assert any("83735577" in c["evidence"] for c in contacts)
