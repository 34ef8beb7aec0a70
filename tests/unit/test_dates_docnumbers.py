"""Dates and document numbers (文号) with normalised brackets, and cited policy titles."""

from __future__ import annotations

from extraction.components.dates import find_dates
from extraction.components.docnumbers import find_doc_numbers, find_policy_refs


def test_dates_to_iso() -> None:
    assert [d.iso for d in find_dates("2024年1月18日；2024-03-05；2023 年 6 月")] == [
        "2024-01-18",
        "2024-03-05",
        "2023-06",
    ]


def test_doc_number_brackets_are_normalised() -> None:
    for printed in (
        "苏工信综合〔2024〕102号",
        "苏工信综合[2024]102号",
        "苏工信综合（2024）102 号",
        "苏工信综合(2024)102号",
    ):
        assert [n.normalised for n in find_doc_numbers(printed)] == ["苏工信综合〔2024〕102号"]


def test_policy_title_with_its_doc_number() -> None:
    text = "《工业和信息化部关于印发<绿色工厂梯度培育及管理暂行办法>的通知》（工信部节〔2024〕13号）"
    [ref] = find_policy_refs(text)
    assert ref.title == "工业和信息化部关于印发<绿色工厂梯度培育及管理暂行办法>的通知"
    assert ref.doc_number == "工信部节〔2024〕13号"
    assert ref.end == len(text)


def test_doc_number_with_spaces_inside() -> None:
    text = "《关于组织申报 2023 年度江苏省小型微型企业创业创新示范基地的通知》（苏工信服建〔2023〕211 号）"
    assert find_policy_refs(text)[0].doc_number == "苏工信服建〔2023〕211号"


def test_the_issuer_of_a_doc_number() -> None:
    from extraction.components.docnumbers import issuer_of

    def issuer(number: str) -> tuple[str, str | None] | None:
        found = issuer_of(number)
        return (found.name, found.level) if found else None

    assert issuer("苏工信综合〔2024〕102号") == ("江苏省工业和信息化厅", "provincial")
    assert issuer("工信部联科〔2024〕12号") == ("工业和信息化部", "national")
    assert issuer("鄂州经信发〔2023〕6号") == ("鄂州市经济和信息化局", "municipal")
    assert issuer("浙经信企业〔2022〕105号") == ("浙江省经济和信息化厅", "provincial")
    assert issuer("某某〔2021〕2号") is None
