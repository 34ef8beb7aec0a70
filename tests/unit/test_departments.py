"""Departments: national aliases, local bodies resolved by the document's region, divisions."""

from __future__ import annotations

from extraction.components.context import Context
from extraction.components.departments import find_departments
from extraction.lexicons import regions

XUZHOU = Context(regions().get("江苏省"), regions().get("徐州市"))
EZHOU = Context(regions().get("湖北省"), regions().get("鄂州市"))


def names(text: str, ctx: Context) -> list[str]:
    return [d.name for d in find_departments(text, ctx)]


def test_city_and_province_aliases_resolve_by_the_document_region() -> None:
    text = "2.申报流程： 企业申报并报送有关材料，市工信局进行初审推荐并报送至省工信厅，省工信厅审核后报国家工信部评定。"
    assert names(text, XUZHOU) == [
        "徐州市工业和信息化局",
        "江苏省工业和信息化厅",
        "江苏省工业和信息化厅",
        "工业和信息化部",
    ]


def test_keep_what_it_says_jingxin_is_not_gongxin() -> None:
    assert names("市经信局规划与技术改造科 027-60830819", EZHOU) == ["鄂州市经济和信息化局规划与技术改造科"]
    assert names("市经信局规划与技术改造科", XUZHOU) == ["徐州市经济和信息化局规划与技术改造科"]


def test_divisions_are_children_of_their_body() -> None:
    [d] = find_departments("江苏省工业和信息化厅技术创新处", XUZHOU)
    assert (d.body, d.division, d.level) == ("江苏省工业和信息化厅", "技术创新处", "provincial")
    [d] = find_departments("国家工信部原材料工业司", XUZHOU)
    assert (d.body, d.division, d.level) == ("工业和信息化部", "原材料工业司", "national")


def test_a_verb_phrase_is_not_a_division() -> None:
    assert names("市工信局进行初审推荐", XUZHOU) == ["徐州市工业和信息化局"]
    assert names("市工信局和市财政局联合", XUZHOU) == ["徐州市工业和信息化局", "徐州市财政局"]


def test_tax_bureaus_and_bank_branches() -> None:
    assert names("市税务局货劳科 027-56929315", EZHOU) == ["国家税务总局鄂州市税务局货劳科"]
    assert names("人行鄂州分行货币信贷科 0711-3708070", EZHOU) == ["中国人民银行鄂州市分行货币信贷科"]


def test_a_district_body_and_the_bare_district_alias() -> None:
    [d] = find_departments("徐州市鼓楼区工业和信息化局关于组织申报的通知", XUZHOU)
    assert (d.name, d.level) == ("徐州市鼓楼区工业和信息化局", "district")
    district = Context(XUZHOU.province, XUZHOU.city, district=d.region)
    assert names("联系人：区工信局企业科 85801234", district) == ["徐州市鼓楼区工业和信息化局企业科"]
    assert names("区工信局企业科", XUZHOU) == ["区工业和信息化局企业科"]  # no district known: left unresolved
    assert find_departments("区工信局企业科", XUZHOU)[0].region is None


def test_bodies_named_since_the_recent_reforms() -> None:
    shenzhen = Context(regions().get("广东省"), regions().get("深圳市"))
    assert names("市地方金融管理局；市中小企业服务局；市科技创新局", shenzhen) == [
        "深圳市地方金融管理局",
        "深圳市中小企业服务局",
        "深圳市科技创新局",
    ]
    assert names("市场监管局", shenzhen) == []  # 市场 is not 市 + 场监管局


def test_every_ministry_of_the_state_council_is_known_by_its_printed_names() -> None:
    # 北京 导引 PDF: a tax measure run by two ministries the lexicon lacked
    text = "联络方式：民政部、国家卫生健康委员会；国家医保局、国家药监局负责解释。"
    assert names(text, XUZHOU) == ["民政部", "国家卫生健康委员会", "国家医疗保障局", "国家药品监督管理局"]


def test_a_development_zones_own_body_is_named_as_printed() -> None:
    # 16-南沙: the issuer of the 入驻 rules
    (d,) = find_departments("广州南沙经济技术开发区科学技术局关于印发")
    assert (d.body, d.level) == ("广州南沙经济技术开发区科学技术局", "district")
    # the zone as printed, the body in full (科技局 -> 科学技术局), as every other body
    assert [d.body for d in find_departments("政策咨询：合肥高新区科技局，电话")] == ["合肥高新区科学技术局"]


def test_a_local_body_of_a_kind_the_lexicon_lacks_is_named_as_printed() -> None:
    foshan = Context(regions().get("广东省"), regions().get("佛山市"))
    assert names("佛山市顺德区经济促进局", foshan) == ["佛山市顺德区经济促进局"]
    assert names("由市口岸管理委员会负责", foshan) == ["佛山市口岸管理委员会"]
    # words that only contain a place word and a bureau's ending are no bodies
    assert names("城市管理局", foshan) == []
    assert names("区内企业布局；市级以上有关部门；各区主管部门", foshan) == []


def test_bodies_of_two_tiers_or_a_recognition_committee_are_no_single_department() -> None:
    foshan = Context(regions().get("广东省"), regions().get("佛山市"))
    assert names("资金由市县两级财政局按比例承担。", foshan) == []
    assert names("市区两级工信局负责审核。", foshan) == []
    assert names("由市专精特新企业认定委员会审定。", foshan) == []
    assert names("市工业和信息化局负责审核。", foshan) == ["佛山市工业和信息化局"]


def test_a_zones_management_committee_is_named_as_printed_in_full() -> None:
    hefei = Context(regions().get("安徽省"), regions().get("合肥市"))
    # 北京 产业政策导读: 联络方式 北京市科学技术委员会、中关村科技园区管理委员会：55572341
    assert (
        names("北京市科学技术委员会、中关村科技园区管理委员会：55572341", hefei)[1]
        == "中关村科技园区管理委员会"
    )
    assert names("常州经开区管委会", hefei) == ["常州经开区管理委员会"]
    assert names("苏州工业园区管理委员会", hefei) == ["苏州工业园区管理委员会"]
    assert names("合肥高新技术产业开发区管理委员会", hefei) == ["合肥高新技术产业开发区管理委员会"]
    # a bare zone is the document's city's
    assert names("由高新区管委会负责兑现", hefei) == ["合肥高新区管理委员会"]
    # every zone's committee is no one body
    assert names("各开发区管委会；有关国家高新技术产业开发区管理委员会", hefei) == []


def test_any_zones_committee_or_a_committees_bureau_is_no_committee_of_its_own() -> None:
    chengdu = Context(regions().get("四川省"), regions().get("成都市"))
    for text in (
        "本开发区管委会负责",
        "由企业所在开发区管委会负责初审",
        "项目所在地经开区管委会",
        "省级以上开发区管委会",
    ):
        assert names(text, chengdu) == [], text
    assert "管理委员会" not in "".join(names("由成都高新区管委会科技创新局负责", chengdu))


def test_a_county_bureaus_section_is_a_division_but_a_stake_is_not() -> None:
    assert names("市经信局投资与技术进步股 0711-6812316", EZHOU) == ["鄂州市经济和信息化局投资与技术进步股"]
    assert names("市国资委持有的股份", EZHOU) == ["鄂州市国有资产监督管理委员会"]


def test_a_zones_own_bodies_named_by_the_zone_kind_alone() -> None:
    # heldout11 f02: （牵头单位：高新区科技和人才工作局；配合单位：高新区财政金融局） in 玉溪高新区's own text
    from extraction.components.regions import Region

    zone = Region("玉溪高新区", "高新区", "district", "玉溪市", "0877")
    ctx = Context(regions().get("云南省"), regions().get("玉溪市"), district=zone)
    assert names("牵头单位：高新区科技和人才工作局；配合单位：高新区财政金融局", ctx) == [
        "玉溪高新区科技和人才工作局",
        "玉溪高新区财政金融局",
    ]
    # another zone's text does not take them
    other = Context(regions().get("云南省"), regions().get("玉溪市"))
    assert names("高新区财政金融局", other) == []
