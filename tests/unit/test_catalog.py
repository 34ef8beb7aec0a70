"""Decision tables the API derives from whole-graph rows."""

from __future__ import annotations

from api.graphql.catalog import department_names


def test_a_department_is_known_by_its_own_name_and_its_parents() -> None:
    rows = [
        {"id": "d-bureau", "name": "中小企业局", "parents": ["d-ministry", "d-ministry"]},
        {"id": "d-ministry", "name": "工业和信息化部", "parents": [None]},
        {"id": "d-office", "name": "综合处", "parents": ["d-bureau"]},
        {"id": "d-loop", "name": "甲", "parents": ["d-loop2"]},
        {"id": "d-loop2", "name": "乙", "parents": ["d-loop"]},
    ]
    names = department_names(rows)
    assert names["d-office"] == ("综合处", "中小企业局", "工业和信息化部")
    assert names["d-ministry"] == ("工业和信息化部",)
    assert names["d-loop"] == ("甲", "乙")  # a cycle of PART_OF ends
