"""The API's search index: bigram candidates, checked and ranked as api/graphql/search.py scores."""

from __future__ import annotations

from api.graphql import search as searching
from api.graphql.search_index import SearchIndex

ROWS = [
    {"id": "d1", "label": "Designation", "name": "专精特新中小企业", "aliases": ["省专精特新"]},
    {"id": "d2", "label": "Designation", "name": '专精特新"小巨人"企业', "aliases": ["小巨人"]},
    {"id": "p1", "label": "Program", "name": "国家级专精特新“小巨人”企业申报"},
    {"id": "p2", "label": "Program", "name": "江苏省制造业贷款财政贴息实施方案"},
    {"id": "x1", "label": "Policy", "title": "关于促进中小企业发展的若干措施"},
]


def _search(text: str) -> list[str]:
    full, words = searching.terms(text)
    return [entry.id for _, entry in SearchIndex(ROWS).search(full, words)]


def test_the_whole_query_in_a_short_name_ranks_first() -> None:
    assert _search("专精特新") == ["d1", "d2", "p1"]
    assert _search("小巨人")[0] == "d2"  # its alias is the whole query


def test_quotes_and_spaces_do_not_matter() -> None:
    assert _search("专精特新 “小巨人”")[:2] == ["d2", "p1"]


def test_every_term_must_be_in_one_name() -> None:
    assert _search("贷款贴息") == ["p2"]  # 贷款 and 贴息, apart in the name
    assert _search("贷款小巨人") == []


def test_a_single_character_and_a_title_are_found() -> None:
    assert _search("息") == ["p2"]
    assert _search("若干措施") == ["x1"]
