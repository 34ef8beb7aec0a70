"""The explorer, the document view and GraphiQL in a real headless Chromium, against a live
`policykg serve` over the seed graph, with every request to another host made to fail.

Each test also asserts (in the `page` fixture) that nothing the pages loaded left the machine."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

from tests.browser.conftest import PHONE, Browser, Server, artifacts_dir, save_for_readme

GIANT = "国家级专精特新“小巨人”企业申报"
SRDI = "专精特新中小企业"
PHONE_NUMBER = "027-60830052"
REQUIREMENT = "获批省级专精特新“小巨人”企业（现名：专精特新中小企业）"  # the REQUIRES fact's sentence
COMPANY = "/?region=鄂州&hold=专精特新中小企业:PROVINCIAL"


def ready(page: Browser) -> None:
    page.wait(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'"), message="explorer start"
    )


def suggestion(page: Browser, input_el: WebElement, text: str, hint: str = "") -> WebElement:
    """The autocomplete entry under `input_el` reading `text` (and `hint`, the level)."""

    def find(_: Any) -> WebElement | None:
        options = input_el.find_elements(By.XPATH, "following-sibling::ul[@role='listbox']/li")
        for option in options:
            label = option.text.split(" ")[0]
            if label == text and hint in option.text and option.is_displayed():
                return option
        return None

    return page.wait(find, message=f"a suggestion {text} {hint}")


def program_card(page: Browser, section: str, name: str) -> WebElement:
    def find(_: Any) -> WebElement | None:
        for card in page.driver.find_elements(By.CSS_SELECTOR, f"#{section} article.program"):
            if card.find_element(By.CSS_SELECTOR, "h3 a").text == name:
                return card
        return None

    return page.wait(find, message=f"{name} in #{section}")


def click_canvas_at(page: Browser, x: float, y: float) -> None:
    """A real mouse click at (x, y) in the graph's rendered coordinates (from its top left)."""
    container = page.driver.find_element(By.ID, "cy")
    size = container.size
    # Selenium measures offsets from the element's centre.
    ActionChains(page.driver).move_to_element_with_offset(
        container, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()


# A point on the REQUIRES edge from arguments[0] to arguments[1] that no node covers (the one
# farthest from every node's rim, along the middle half of the edge), in rendered coordinates.
CLEAR_POINT_ON_EDGE = """
const cy = window.pkgExplorer.cy;
const edge = cy.edges().filter(e => e.data('type') === 'REQUIRES'
  && e.source().id() === arguments[0] && e.target().id() === arguments[1])[0];
const a = edge.renderedSourceEndpoint(), b = edge.renderedTargetEndpoint();
let best = null, bestGap = -Infinity;
for (let t = 0.25; t <= 0.75; t += 0.05) {
  const p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
  const gap = Math.min(...cy.nodes().map(n => {
    const c = n.renderedPosition();
    return Math.hypot(c.x - p.x, c.y - p.y) - n.renderedOuterWidth() / 2;
  }));
  if (gap > bestGap) { bestGap = gap; best = p; }
}
return [best.x, best.y];
"""


def graph_nodes(page: Browser) -> list[dict[str, Any]]:
    return page.js(
        "return window.pkgExplorer ? window.pkgExplorer.cy.nodes().map(n => ({id: n.id(), label: n.data('label'),"
        " name: n.data('full'), level: n.data('props').level, expanded: n.hasClass('expanded')})) : []"
    )


def test_my_company_in_ezhou_finds_the_giant_program_with_its_phone(page: Browser, server: Server) -> None:
    page.open("/")
    ready(page)
    region = page.driver.find_element(By.ID, "region")
    region.send_keys("鄂州")
    suggestion(page, region, "鄂州市").click()
    assert region.get_attribute("value") == "鄂州市"

    name = page.driver.find_element(By.CSS_SELECTOR, "#holding-rows .h-name")
    name.send_keys("省专精特新")  # a level word and part of a name, as planners type it
    suggestion(page, name, SRDI, "省级").click()
    assert name.get_attribute("value") == SRDI
    level = page.driver.find_element(By.CSS_SELECTOR, "#holding-rows .h-level")
    assert level.get_attribute("value") == "PROVINCIAL"

    started = time.perf_counter()
    page.driver.find_element(By.ID, "find").click()
    card = program_card(page, "eligible", GIANT)
    seen_s = time.perf_counter() - started
    assert PHONE_NUMBER in card.text
    phone = card.find_element(By.CSS_SELECTOR, "a.phone")
    assert phone.get_attribute("href") == f"tel:{PHONE_NUMBER}"
    assert "奖励" in card.text and "100 万元" in card.text  # the benefit and its amount
    assert "鄂州市经济和信息化局中小企业发展科" in card.text  # administering department
    # Every fact carries its sentence and a link into the document it came from.
    facts = card.find_elements(By.CSS_SELECTOR, ".ev")
    assert len(facts) >= 4
    for fact in facts:
        link = fact.find_element(By.CSS_SELECTOR, "a.ev-link").get_attribute("href")
        assert "/documents/document-" in link and "start=" in link and "end=" in link
    assert any(
        f.find_element(By.CSS_SELECTOR, ".ev-text").get_attribute("title") == REQUIREMENT for f in facts
    )

    # One designation away, and pathways to the target amount.
    page.wait(lambda d: "One designation away" in d.find_element(By.ID, "nearly").text, message="nearly")
    assert page.driver.find_elements(By.CSS_SELECTOR, "#nearly .missing a")
    page.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#pathways .pathway"), message="a pathway")

    # The state is in the address: reopening it answers the same.
    query = parse_qs(urlsplit(page.driver.current_url).query)
    assert query["region"] == ["鄂州市"] and query["hold"] == [f"{SRDI}:PROVINCIAL"]
    eligible = page.driver.find_element(By.ID, "eligible")
    timings = {
        "submit_to_first_result_ms_in_page": int(eligible.get_attribute("data-ms")),
        "submit_to_first_result_ms_seen_by_test": round(seen_s * 1000),
    }
    page.screenshot("explorer-results")
    page.open(page.driver.current_url.removeprefix(server.base))
    program_card(page, "eligible", GIANT)
    timings["shared_link_to_first_result_ms"] = int(
        page.driver.find_element(By.ID, "eligible").get_attribute("data-at")
    )
    (artifacts_dir() / "timings.json").write_text(json.dumps(timings, indent=2), encoding="utf-8")
    assert not page.console_errors()


def test_graph_view_expands_a_node_and_shows_an_edge_with_evidence_in_its_document(page: Browser) -> None:
    page.open(COMPANY)
    ready(page)
    card = program_card(page, "eligible", GIANT)
    card.find_element(By.CSS_SELECTOR, "h3 a").click()
    page.wait(
        lambda _: any(n["name"] == GIANT and n["expanded"] for n in graph_nodes(page)),
        message="program drawn",
    )
    nodes = graph_nodes(page)
    program_id = next(n["id"] for n in nodes if n["name"] == GIANT)
    assert parse_qs(urlsplit(page.driver.current_url).query)["node"] == [program_id]
    labels = {n["label"] for n in nodes}
    assert {"Designation", "Benefit", "ContactOffice", "Department"} <= labels
    # Coloured as the Browser style sheet says (one source: schema/).
    style = page.js("return fetch('/explorer/style.json').then(r => r.json())")
    colour = page.js(
        "return window.pkgExplorer.cy.getElementById(arguments[0]).style('background-color')", program_id
    )
    assert colour == _rgb(style["nodes"]["Program"]["color"])
    save_for_readme(page.screenshot("explorer"), "explorer.png")

    # Click the 专精特新中小企业 node: it expands (the programs that grant or require it come in).
    srdi = next(n for n in nodes if n["name"] == SRDI and n["level"] == "PROVINCIAL")
    before = len(nodes)
    x, y = page.js(
        "const p = window.pkgExplorer.cy.getElementById(arguments[0]).renderedPosition(); return [p.x, p.y]",
        srdi["id"],
    )
    click_canvas_at(page, x, y)
    page.wait(
        lambda _: any(n["id"] == srdi["id"] and n["expanded"] for n in graph_nodes(page)), message="expanded"
    )
    assert len(graph_nodes(page)) > before
    assert SRDI in page.driver.find_element(By.ID, "details").text
    assert parse_qs(urlsplit(page.driver.current_url).query)["node"] == [srdi["id"]]

    # Click the REQUIRES edge between them: its evidence shows, with the link to the document.
    x, y = page.js(CLEAR_POINT_ON_EDGE, program_id, srdi["id"])
    click_canvas_at(page, x, y)
    details = page.driver.find_element(By.ID, "details")
    page.wait(lambda _: "REQUIRES" in details.text, message="edge details")
    assert REQUIREMENT in details.text
    save_for_readme(page.screenshot("graph-view"), "graph-view.png")

    # Follow the evidence link: the document view shows that sentence highlighted, on screen.
    link = next(
        a
        for a in details.find_elements(By.CSS_SELECTOR, "a.ev-link")
        if a.find_element(By.XPATH, "preceding-sibling::q").get_attribute("title") == REQUIREMENT
    )
    link.click()
    mark = page.wait(
        lambda d: d.find_elements(By.ID, "hl") and d.find_element(By.ID, "hl"), message="document view"
    )
    page.wait(lambda _: page.js("return document.readyState") == "complete")
    assert mark.text == REQUIREMENT
    page.wait(
        lambda _: page.js(
            "const r = document.getElementById('hl').getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight"
        ),
        message="the highlighted span scrolled into view",
    )
    page.screenshot("document-view")
    assert not page.console_errors()


def _rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return f"rgb({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)})"


def test_graphiql_loads_offline_and_runs_a_query(page: Browser) -> None:
    page.open("/graphql")
    run = page.wait(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, ".graphiql-execute-button")
            and d.find_element(By.CSS_SELECTOR, ".graphiql-execute-button")
        ),
        message="GraphiQL rendered",
    )
    # The explorer plugin is there too (its button in GraphiQL's sidebar).
    assert page.driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Show GraphiQL Explorer']")
    run.click()
    page.wait(
        lambda d: GIANT in d.find_element(By.CSS_SELECTOR, ".graphiql-response").text, message="an answer"
    )
    page.screenshot("graphiql")
    assert not page.console_errors()


def test_windows_show_their_dates_and_what_closes_within_30_days(page: Browser) -> None:
    # As of a day in the seeds' season (?today=), with the programs that require nothing too.
    page.open(COMPANY + "&open=1&today=2026-01-10")
    ready(page)
    soon = program_card(page, "eligible", "2025年首版次软件")  # 请…于2026年1月16日前报送
    assert "截至 until 2026-01-16" in soon.text and "6 天后截止 closes in 6 days" in soon.text
    assert soon.find_element(By.CSS_SELECTOR, ".badge.soon")
    closed = program_card(page, "eligible", "第七批产业技术基础公共服务平台")  # 请于2025年12月26日前
    assert "已截止 closed" in closed.text and not closed.find_elements(By.CSS_SELECTOR, ".badge.soon")
    later = program_card(page, "eligible", "工信部发布国家重点研发计划7个重点专项2025年度项目申报指南")
    assert "2026-01-04 至 2026-02-05" in later.text and "26 天后截止 closes in 26 days" in later.text
    assert parse_qs(urlsplit(page.driver.current_url).query)["today"] == ["2026-01-10"]
    page.driver.execute_script("arguments[0].scrollIntoView()", soon)
    page.screenshot("explorer-windows")
    assert not page.console_errors()


def test_search_finds_programs_and_designations(page: Browser) -> None:
    page.open("/")
    ready(page)
    page.driver.find_element(By.ID, "search").send_keys("小巨人", Keys.ENTER)
    page.wait(lambda d: GIANT in d.find_element(By.ID, "search-results").text, message="search hits")
    hits = page.driver.find_element(By.ID, "search-results").text
    assert "专精特新小巨人企业" in hits and "资质" in hits and "扶持项目" in hits
    assert parse_qs(urlsplit(page.driver.current_url).query)["q"] == ["小巨人"]


def test_every_page_loads_only_from_this_server(page: Browser, server: Server) -> None:
    """Each HTML page, as a browser loads it (scripts, styles, fonts, what the scripts fetch): no
    request to another host, none refused by this one."""
    document = server.gql('{ document(name: "004_477b3b47acea63bc.txt") { id } }')["document"]["id"]
    program = server.gql('{ search(text: "小巨人") { node { ... on Program { id } } } }')["search"]
    program_id = next(hit["node"]["id"] for hit in program if hit["node"])
    pages = [
        COMPANY + f"&node={program_id}",
        "/graphql",
        f"/documents/{document}?start=11624&end=11648",
        f"/id/program/{program_id}",
        "/browser/guide",
        "/docs",
    ]
    for path in pages:
        page.open(path)
        page.wait(lambda _: page.js("return document.readyState") == "complete")
        time.sleep(1.0)  # what the page's scripts fetch after load
        requests = page.assert_only_local()
        refused = [r for r in requests if r.get("status", 200) >= 400 or "failed" in r]
        assert not refused, f"{path}: {refused}"
        assert len(requests) >= 1


def test_usable_at_phone_width(page: Browser) -> None:
    page.viewport(*PHONE)
    page.open(COMPANY)
    ready(page)
    program_card(page, "eligible", GIANT)
    # One column, nothing wider than the screen.
    assert page.js("return document.documentElement.scrollWidth") <= PHONE[0]
    graph = page.driver.find_element(By.ID, "cy")
    results = page.driver.find_element(By.ID, "eligible")
    assert graph.location["y"] > results.location["y"]  # the graph below the results
    page.screenshot("explorer-phone")
