"""The capabilities beyond the acceptance questions: search, filters and paging, near misses,
exclusions, targets of pathways, unknown inputs as answers, relationship fields."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import data, gql


def test_search_finds_both_srdi_designations(client: TestClient) -> None:
    query = """query ($t: String!) { search(text: $t) { score node { __typename
        ... on Designation { name level } ... on Program { name } ... on Department { name } ... on Policy { title } } } }"""
    hits = data(client, query, t="专精特新")["search"]
    designations = {h["node"]["name"] for h in hits if h["node"]["__typename"] == "Designation"}
    assert {"专精特新小巨人企业", "专精特新中小企业"} <= designations
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    # Quotes typed by the client do not matter; an alias finds its designation.
    quoted = data(client, query, t='专精特新"小巨人"')["search"]
    assert any(h["node"].get("name") == "专精特新小巨人企业" for h in quoted)
    assert any(
        h["node"].get("name") == "专精特新小巨人企业" for h in data(client, query, t="小巨人企业")["search"]
    )
    # Segmented terms: 技术创新 ... 企业 finds the 示范企业 program although not contiguous in the query.
    hits = data(client, query, t="技术创新 示范")["search"]
    assert any(h["node"].get("name") == "国家技术创新示范企业项目申报" for h in hits)
    assert data(client, query, t="量子引力")["search"] == []


PROGRAMS = """query ($f: ProgramFilter, $first: Int, $after: String) { programs(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name } } } }"""


def _names(client: TestClient, **f: object) -> list[str]:
    return [e["node"]["name"] for e in data(client, PROGRAMS, f=f)["programs"]["edges"]]


def test_program_filters(client: TestClient) -> None:
    assert "江苏省制造业贷款财政贴息实施方案" in _names(
        client, region="徐州"
    )  # its region is 江苏省, above 徐州
    assert "江苏省制造业贷款财政贴息实施方案" not in _names(client, region="鄂州")
    assert _names(client, region="鄂州", level="NATIONAL") == [
        "国家技术创新示范企业项目申报",
        "国家级专精特新“小巨人”企业申报",
    ]
    assert _names(client, requires={"name": "企业技术中心"}) == ["国家技术创新示范企业项目申报"]
    assert _names(client, grants={"name": "专精特新中小企业"}) == [
        "专精特新中小企业认定",
        "省级专精特新中小企业申报",
    ]
    assert _names(client, benefitMinWan=50) == [
        "国家技术创新示范企业项目申报",
        "国家级专精特新“小巨人”企业申报",
    ]
    assert _names(client, benefitType="INTEREST_SUBSIDY") == ["江苏省制造业贷款财政贴息实施方案"]
    assert _names(client, department="江苏省工业和信息化厅") == [
        "专精特新中小企业认定",
        "江苏省制造业贷款财政贴息实施方案",
    ]
    assert _names(client, kind="finance") == ["江苏省制造业贷款财政贴息实施方案"]
    assert _names(client, text="贷款贴息") == ["江苏省制造业贷款财政贴息实施方案"]
    # A city no document names is placed by the region lexicon: 南京 lies in 江苏省.
    assert "江苏省制造业贷款财政贴息实施方案" in _names(client, region="南京")
    assert "国家级专精特新“小巨人”企业申报" not in _names(client, region="南京")
    body = gql(client, PROGRAMS, f={"region": "火星"})
    assert "no region named '火星'" in body["errors"][0]["message"]


def test_program_paging(client: TestClient) -> None:
    first = data(client, PROGRAMS, first=2)["programs"]
    assert first["totalCount"] == 6 and len(first["edges"]) == 2 and first["pageInfo"]["hasNextPage"]
    seen = [e["node"]["name"] for e in first["edges"]]
    after = first["pageInfo"]["endCursor"]
    while after:
        page = data(client, PROGRAMS, first=2, after=after)["programs"]
        assert page["pageInfo"]["hasPreviousPage"]
        seen += [e["node"]["name"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert len(seen) == len(set(seen)) == 6


def test_nearly_eligible_names_the_missing_requirement_and_who_grants_it(client: TestClient) -> None:
    query = """query ($h: [DesignationInput!]!, $r: String) { nearlyEligible(holding: $h, region: $r) {
        ... on NearlyEligiblePrograms { programs { program { name } missing { designation { name level } levelMin evidence }
            grantedBy { program { name } evidence } } } } }"""
    out = data(client, query, h=[{"name": "创新型中小企业"}], r="鄂州")["nearlyEligible"]["programs"]
    giant = next(p for p in out if p["program"]["name"] == "国家级专精特新“小巨人”企业申报")
    [missing] = giant["missing"]
    assert missing["designation"] == {"name": "专精特新中小企业", "level": "PROVINCIAL"}
    assert missing["evidence"] == "获批省级专精特新“小巨人”企业（现名：专精特新中小企业）"
    granted = {g["program"]["name"] for g in giant["grantedBy"]}
    assert {"省级专精特新中小企业申报", "专精特新中小企业认定"} <= granted


def test_implies_closure_level_order_and_exclusion(client: TestClient) -> None:
    query = """query ($h: [DesignationInput!]!) { eligible(holding: $h, region: "鄂州", includeOpen: true) {
        ... on EligiblePrograms { holding { name level } programs { program { name } } } } }"""
    out = data(client, query, h=[{"name": '国家级专精特新"小巨人"企业'}])["eligible"]
    held = {(d["name"], d["level"]) for d in out["holding"]}
    assert held == {
        ("专精特新小巨人企业", "NATIONAL"),
        ("专精特新中小企业", "PROVINCIAL"),
        ("创新型中小企业", "PROVINCIAL"),
    }
    names = {p["program"]["name"] for p in out["programs"]}
    assert "国家级专精特新“小巨人”企业申报" in names  # through IMPLIES
    assert out["programs"][0]["program"]["name"] == "国家级专精特新“小巨人”企业申报"  # pays most: first
    assert "省级专精特新中小企业申报" not in names  # EXCLUDES what a 小巨人 already is
    assert "省级创新型中小企业申报" in names  # open to all
    # Level order without an IMPLIES edge: a national 专精特新中小企业 meets the provincial requirement.
    out = data(client, query, h=[{"name": "专精特新中小企业", "level": "NATIONAL"}])["eligible"]
    assert "国家级专精特新“小巨人”企业申报" in {p["program"]["name"] for p in out["programs"]}
    # ...and a lower level does not.
    out = data(client, query, h=[{"name": "专精特新中小企业", "level": "MUNICIPAL"}])["eligible"]
    assert "国家级专精特新“小巨人”企业申报" not in {p["program"]["name"] for p in out["programs"]}


def test_unknown_inputs_are_answers(client: TestClient) -> None:
    query = """query ($h: [DesignationInput!]!, $r: String) { eligible(holding: $h, region: $r) {
        __typename ... on UnknownInput { field value message suggestions } } }"""
    out = data(client, query, h=[{"name": "专精特新中小企"}], r=None)["eligible"]
    assert out["__typename"] == "UnknownInput" and out["field"] == "holding"
    assert "专精特新中小企业" in out["suggestions"]
    out = data(client, query, h=[{"name": "专精特新中小企业"}], r="火星")["eligible"]
    assert out["__typename"] == "UnknownInput" and out["field"] == "region"


PATHS = """query ($from: [DesignationInput!]!, $to: PathTarget!, $n: Int!) { pathways(from: $from, to: $to, maxSteps: $n) {
    __typename ... on Pathways { pathways { length steps { program { id name } } } } ... on UnknownInput { field } } }"""


def test_pathway_targets(client: TestClient) -> None:
    start = [{"name": "创新型中小企业"}]
    out = data(
        client, PATHS, **{"from": start, "to": {"designation": {"name": "专精特新小巨人企业"}}, "n": 4}
    )
    chains = out["pathways"]["pathways"]
    assert [s["program"]["name"] for s in chains[0]["steps"]] == [
        "专精特新中小企业认定",
        "国家级专精特新“小巨人”企业申报",
    ]
    target = chains[0]["steps"][-1]["program"]["id"]
    out = data(client, PATHS, **{"from": start, "to": {"program": target}, "n": 4})
    assert out["pathways"]["pathways"][0]["length"] == 2
    # In 徐州 the 小巨人 program of 鄂州 does not apply, so there is no chain there.
    regional = """query ($from: [DesignationInput!]!, $r: String) { pathways(from: $from, to: {benefitMinWan: 100}, region: $r) {
        ... on Pathways { pathways { length } } } }"""
    assert data(client, regional, **{"from": start, "r": None})["pathways"]["pathways"]
    assert data(client, regional, **{"from": start, "r": "徐州"})["pathways"]["pathways"] == []
    # One step is not enough.
    assert (
        data(client, PATHS, **{"from": start, "to": {"program": target}, "n": 1})["pathways"]["pathways"]
        == []
    )
    out = data(client, PATHS, **{"from": start, "to": {"designation": {"name": "不存在的称号"}}, "n": 3})
    assert out["pathways"] == {"__typename": "UnknownInput", "field": "to.designation"}
    body = gql(client, PATHS, **{"from": start, "to": {"benefitMinWan": 1}, "n": 7})
    assert "maxSteps must be between 1 and 6" in body["errors"][0]["message"]
    body = gql(client, PATHS, **{"from": start, "to": {"benefitMinWan": 1, "program": target}, "n": 3})
    assert "set exactly one of" in body["errors"][0]["message"]


def test_relationship_fields(client: TestClient) -> None:
    query = """{ designation(name: "专精特新中小企业", level: PROVINCIAL) {
        implies { designation { name } evidence } impliedBy { designation { name } }
        grantedBy { program { name } } requiredBy { program { name administeredBy { department { name
            parent { department { name aliases programs { program { name } } } } } } basedOn { policy { title docNumber
            issuedBy { department { name } } } } regions { region { name parent { region { name } } } } } } } }"""
    d = data(client, query)["designation"]
    assert [x["designation"]["name"] for x in d["implies"]] == ["创新型中小企业"]
    assert [x["designation"]["name"] for x in d["impliedBy"]] == ["专精特新小巨人企业"]
    program = d["requiredBy"][0]["program"]
    dept = program["administeredBy"][0]["department"]
    assert dept["parent"][0]["department"]["name"] == "鄂州市经济和信息化局"
    assert program["basedOn"][0]["policy"]["docNumber"] == "工信部企业〔2022〕63号"
    assert (
        program["basedOn"][0]["policy"]["issuedBy"][0]["department"]["name"] == "中华人民共和国工业和信息化部"
    )
    assert program["regions"][0]["region"]["parent"][0]["region"]["name"] == "湖北省"
    found = data(client, '{ department(name: "省工信厅") { name children { department { name } } } }')[
        "department"
    ]
    assert found["name"] == "江苏省工业和信息化厅"
    assert {c["department"]["name"] for c in found["children"]} == {"江苏省工业和信息化厅综合规划处"}
    region = data(client, '{ region(name: "鄂州") { name level programs { program { name } } } }')["region"]
    assert region["name"] == "鄂州市" and region["level"] == "MUNICIPAL" and len(region["programs"]) == 4


def test_pathway_steps_show_the_implies_facts_they_rest_on(client: TestClient) -> None:
    query = """{ pathways(from: [{name: "专精特新小巨人企业"}], to: {benefitMinWan: 100}) { ... on Pathways {
        pathways { steps { program { name } met { designation { name } } implied { designation { name level } evidence span } } } } } }"""
    chains = data(client, query)["pathways"]["pathways"]
    step = next(
        c["steps"][0] for c in chains if c["steps"][0]["program"]["name"] == "国家级专精特新“小巨人”企业申报"
    )
    assert [m["designation"]["name"] for m in step["met"]] == ["专精特新中小企业"]
    [hop] = step["implied"]
    assert hop["designation"] == {"name": "专精特新中小企业", "level": "PROVINCIAL"}
    assert hop["evidence"].startswith("优质中小企业根据企业不同规模") and hop["span"]
