"""The public search page in a real browser: results, filters, pagination, accessibility."""

import pytest

from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def indexed_demo(demo_site):
    from hearings.demo import load_hearing_demo
    from search.indexing import rebuild_database

    load_hearing_demo()
    rebuild_database()
    return demo_site


def test_search_page_results_filters_and_accessibility(page, live_server, indexed_demo):
    page.goto(f"{live_server.url}/")
    page.fill("#header-q", "forløpskoordinatorer")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/sok/?q=*")
    assert page.locator("h1").inner_text() == "Søk"
    assert page.locator(".result").count() > 0
    assert page.locator(".snippet mark").count() > 0
    assert page.input_value("#id_q") == "forløpskoordinatorer"
    screenshot(page, "30-search-results")
    assert_accessible(page)

    page.click("summary")
    page.check("input[name=kind][value=pathway]")
    page.click("text=Bruk filtrene")
    kinds = page.locator(".result-group h3").all_inner_texts()
    assert kinds == ["Pasientforløp"]
    screenshot(page, "31-search-filtered")
    assert_accessible(page)


@pytest.mark.parametrize("query", ["", "!!!", "x" * 2000, "ingenting-her-qwxz"])
def test_odd_queries_show_a_message(page, live_server, indexed_demo, query):
    page.goto(f"{live_server.url}/sok/?q={query}")
    assert page.locator(".notice").count() >= 1
    assert page.locator(".result").count() == 0 or len(query) == 2000
    assert_accessible(page)


def test_staff_search_facets_and_more_like_this(page, live_server, indexed_demo):
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/sok-innspill/")
    page.fill("#staff-q", "ventetid")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#staff-results")
    total = int(page.inner_text("#staff-results").split()[0])
    assert total > 0
    assert page.locator("ol li mark").count() > 0
    assert page.locator("#staff-facets ~ h3").count() >= 3  # goal, stance, category, ...
    screenshot(page, "32-staff-search")
    assert_accessible(page)

    # The first goal facet narrows the results to that goal, with the count it promised.
    goal = page.locator("aside h3:has-text('Mål') + ul a").first
    value, promised = goal.inner_text(), goal.locator("xpath=..").inner_text()
    goal.click()
    page.wait_for_selector("text=Filtre:")
    narrowed = int(page.inner_text("#staff-results").split()[0])
    assert f"({narrowed})" in promised and narrowed <= total
    assert f"Mål: {value}" in page.inner_text("main")
    screenshot(page, "33-staff-search-filtered")
    assert_accessible(page)

    page.click("text=Finn lignende >> nth=0")
    page.wait_for_selector("h2:has-text('Lignende tekstutdrag')")
    assert page.locator("main ol li a").count() > 0
    screenshot(page, "34-staff-more-like-this")
    assert_accessible(page)
