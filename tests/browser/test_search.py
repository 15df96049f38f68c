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

    # The facets are the filters.
    page.locator("#facet-kind + .facet-list a", has_text="Pasientforløp").click()
    page.wait_for_url("**kind=pathway*")
    kinds = page.locator(".result-group h3").all_inner_texts()
    assert kinds == ["Pasientforløp"]
    assert "Pasientforløp" in page.inner_text("#active-filters")
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


@pytest.mark.parametrize("width", [1200, 390])
def test_facets_filter_and_show_the_year_of_the_last_change(page, live_server, indexed_demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/sok/?q=tvangslidelse")
    assert page.locator("details.search-filters").count() == 0  # no closed filter panel
    years = page.locator("#facet-year + .facet-list a")
    assert years.count() >= 1
    page.goto(f"{live_server.url}/sok/?q=tvangslidelse&kind=pathway")
    # The pathway was last changed in 2018 (demo version 1), not when the demo was loaded.
    years_shown = page.locator("#facet-year + .facet-list a").all_inner_texts()
    assert [" ".join(text.split()) for text in years_shown] == ["2018 (1)"]
    page.goto(f"{live_server.url}/sok/?q=tvangslidelse")
    pathways = page.locator("#facet-pathway + .facet-list a")
    before = int(page.inner_text("#results-heading").split()[0])
    pathways.filter(has_text="tvangslidelser").first.click()
    page.wait_for_url("**pathway=*")
    selected = page.locator("#facet-pathway + .facet-list a.facet-selected")
    assert selected.count() == 1 and selected.get_attribute("aria-current") == "true"
    assert int(page.inner_text("#results-heading").split()[0]) <= before
    assert "tvangslidelser" in page.inner_text("#active-filters")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(page, f"84-search-facet-filters-{width}")
    assert_accessible(page)
    # Choosing the selected value again removes the filter.
    selected.click()
    page.wait_for_url(lambda url: "pathway=" not in url)
    assert page.locator("#active-filters").count() == 0
