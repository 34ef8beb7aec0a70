"""Application windows and validity through HTTP, over the graph the real extraction builds from
seed/: programs(filter: {openOn, closingBefore}), and eligible / pathways with `on`.

The dated seed programs (tests/unit/test_seed_windows.py lists where each date is printed):
    2025年市工业企业重大设备技改…     2025-12-09 .. 2025-12-23
    第七批产业技术基础公共服务平台      .. 2025-12-26
    2025年首版次软件                   .. 2026-01-16
    省工信厅组织开展…“三走进”…         .. 2026-01-23 (year inferred from the notice)
    2025年省级企业技术中心评价          .. 2026-01-30
    工信部发布国家重点研发计划…          2026-01-04 .. 2026-02-05
    先进制造业企业增值税加计抵减…        2026-02-01 .. 2026-02-10
    2026年度绿色工厂入库培育申报        .. 2026-02-26
    湖北省上云标杆企业项目申报          .. 2022-09-27
    湖北省绿色制造项目申报              .. 2023-08-14
and every January 国家重点新材料首批次应用保险补偿机制试点 and 国家低噪声施工设备推荐项目 (000).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import data, gql

TECH_UPGRADE = "2025年市工业企业重大设备技改项目奖补资金正在申报"
PLATFORMS = "第七批产业技术基础公共服务平台"
SOFTWARE = "2025年首版次软件"
SERVICE_TOUR = "省工信厅组织开展2026年全省“三走进”公益服务行活动推荐报送工作"
CENTRE_REVIEW = "2025年省级企业技术中心评价"
KEY_RD = "工信部发布国家重点研发计划7个重点专项2025年度项目申报指南"
VAT_CREDIT = "先进制造业企业增值税加计抵减政策2026年2月申报提示"
GREEN_POOL = "2026年度绿色工厂入库培育申报"
CLOUD = "湖北省上云标杆企业项目申报"
GREEN_HUBEI = "湖北省绿色制造项目申报"
NEW_MATERIALS = "国家重点新材料首批次应用保险补偿机制试点"  # 1 月（具体时间以每年通知为准）
LOW_NOISE = "国家低噪声施工设备推荐项目"  # 1月(仅供参考,具体时间以每年通知为准)
LOAN_SUBSIDY = "@专精特新企业！2026年省制造业贷款财政贴息政策公布"  # 本贴息政策暂定执行至2026年

PROGRAMS = """query ($filter: ProgramFilter) { programs(filter: $filter, first: 500) {
    totalCount edges { node { name window windowSpan opensOn closesOn windowYearInferred recurring
        sources { document { name } } } } } }"""
ELIGIBLE = """query ($holding: [DesignationInput!]!, $on: Date) { eligible(holding: $holding, on: $on) {
    ... on EligiblePrograms { leftOut programs { program { name closesOn validUntil } } } } }"""
PATHWAYS = """query ($from: [DesignationInput!]!, $to: PathTarget!, $on: Date) {
    pathways(from: $from, to: $to, on: $on) {
        ... on Pathways { leftOut pathways { steps { program { name } } } } } }"""


def open_on(client: TestClient, **filter_: str) -> dict[str, dict[str, Any]]:
    edges = data(client, PROGRAMS, filter=filter_)["programs"]["edges"]
    return {e["node"]["name"]: e["node"] for e in edges}


# (program, a day its window is open, the first day it is closed, the last day before it opens)
WINDOWS = [
    (TECH_UPGRADE, "2025-12-15", "2025-12-24", "2025-12-08"),
    (PLATFORMS, "2025-12-26", "2025-12-27", None),
    (SOFTWARE, "2026-01-10", "2026-01-17", None),
    (SERVICE_TOUR, "2026-01-23", "2026-01-24", None),
    (CENTRE_REVIEW, "2026-01-30", "2026-01-31", None),
    (KEY_RD, "2026-01-04", "2026-02-06", "2026-01-03"),
    (VAT_CREDIT, "2026-02-10", "2026-02-11", "2026-01-31"),
    (GREEN_POOL, "2026-02-01", "2026-02-27", None),
    (CLOUD, "2022-09-01", "2022-09-28", None),
    (GREEN_HUBEI, "2023-08-14", "2023-08-15", None),
]


@pytest.mark.parametrize(("program", "inside", "closed", "before"), WINDOWS, ids=[w[0][:12] for w in WINDOWS])
def test_open_on_answers_for_each_seed_program_with_dates(
    seed_client: TestClient, program: str, inside: str, closed: str, before: str | None
) -> None:
    assert program in open_on(seed_client, openOn=inside), (program, inside)
    assert program not in open_on(seed_client, openOn=closed), (program, closed)
    if before is not None:
        assert program not in open_on(seed_client, openOn=before), (program, before)


def test_open_on_a_day_lists_exactly_the_windows_open_then(seed_client: TestClient) -> None:
    found = open_on(seed_client, openOn="2026-01-20")
    assert set(found) == {SERVICE_TOUR, CENTRE_REVIEW, KEY_RD, GREEN_POOL, NEW_MATERIALS, LOW_NOISE}
    tour = found[SERVICE_TOUR]
    assert tour["closesOn"] == "2026-01-23" and tour["windowYearInferred"] is True
    assert "于1月23日前报省工信厅" in tour["window"]  # the printed words are kept, with their span
    assert found[NEW_MATERIALS]["recurring"] == [1] and found[NEW_MATERIALS]["opensOn"] is None
    assert found[KEY_RD]["opensOn"] == "2026-01-04" and found[KEY_RD]["windowYearInferred"] is False


def test_a_window_span_points_at_the_printed_words(seed_client: TestClient, seed_dir: Any) -> None:
    found = open_on(seed_client, openOn="2025-12-15")[TECH_UPGRADE]
    text = (seed_dir / found["sources"][0]["document"]["name"]).read_text(encoding="utf-8")
    start, end = found["windowSpan"]
    assert text[start:end] == found["window"] == "网上申报受理时间为2025年12月9日-12月23日，逾期将不予受理"


def test_closing_before(seed_client: TestClient) -> None:
    # open on 20 January and closing within the month: the January windows close on the 31st
    soon = open_on(seed_client, openOn="2026-01-20", closingBefore="2026-02-01")
    assert set(soon) == {SERVICE_TOUR, CENTRE_REVIEW, NEW_MATERIALS, LOW_NOISE}
    # alone it needs a printed end: a recurring window closes only relative to a day it is open on
    assert set(open_on(seed_client, closingBefore="2024-01-01")) == {CLOUD, GREEN_HUBEI}


def test_a_bad_date_is_refused(seed_client: TestClient) -> None:
    body = gql(seed_client, PROGRAMS, filter={"openOn": "2026-02-30"})
    assert body.get("errors") and "openOn" in str(body["errors"])


def eligible(client: TestClient, holding: list[dict[str, str]], on: str | None) -> tuple[set[str], int]:
    out = data(client, ELIGIBLE, holding=holding, on=on)["eligible"]
    return {p["program"]["name"] for p in out["programs"]}, out["leftOut"]


def test_eligible_on_a_day_leaves_out_closed_windows_and_says_how_many(seed_client: TestClient) -> None:
    centre = [{"name": "企业技术中心", "level": "PROVINCIAL"}]
    always, none_left = eligible(seed_client, centre, None)
    assert CENTRE_REVIEW in always and none_left == 0
    before, _ = eligible(seed_client, centre, "2026-01-15")
    assert CENTRE_REVIEW in before
    after, left_out = eligible(seed_client, centre, "2026-02-15")
    assert CENTRE_REVIEW not in after and left_out == len(always) - len(after) >= 1


def test_eligible_on_a_day_leaves_out_expired_policies(seed_client: TestClient) -> None:
    giant = [{"name": "专精特新小巨人企业", "level": "NATIONAL"}]  # implies 专精特新中小企业 too
    always, _ = eligible(seed_client, giant, None)
    in_force, _ = eligible(seed_client, giant, "2026-06-01")
    assert LOAN_SUBSIDY in in_force
    expired, left_out = eligible(seed_client, giant, "2027-01-01")  # 暂定执行至2026年
    assert LOAN_SUBSIDY not in expired and left_out == len(always) - len(expired) >= 1


def test_pathways_on_a_day_leave_out_expired_programs(seed_client: TestClient) -> None:
    ask = {"from": [{"name": "专精特新小巨人企业", "level": "NATIONAL"}], "to": {"benefitMinWan": 2000}}
    in_force = data(seed_client, PATHWAYS, **ask, on="2026-06-01")["pathways"]
    steps = {s["program"]["name"] for p in in_force["pathways"] for s in p["steps"]}
    assert LOAN_SUBSIDY in steps and in_force["leftOut"] == 0
    expired = data(seed_client, PATHWAYS, **ask, on="2027-01-01")["pathways"]
    steps = {s["program"]["name"] for p in expired["pathways"] for s in p["steps"]}
    assert LOAN_SUBSIDY not in steps and expired["leftOut"] >= 1
