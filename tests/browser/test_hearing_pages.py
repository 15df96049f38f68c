"""Proposal and hearing pages in a real browser: the three proposal views, the form, its errors."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROPOSAL = "/forslag/tverrfaglig-spesialisert-rusbehandling-forslag/"


@pytest.fixture
def demo_with_hearings(demo_site):
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return demo_site


@pytest.mark.parametrize("view", ["endringer", "forslag", "gjeldende"])
def test_proposal_views_are_accessible(page, live_server, demo_with_hearings, view):
    page.goto(f"{live_server.url}{PROPOSAL}?visning={view}")
    assert "Høringsutkast" in page.inner_text(".draft-banner")
    screenshot(page, f"10-proposal-{view}")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/horinger/", "/horinger/revisjon-2024/", "/horinger/demohoring/"]
)
def test_hearing_pages_are_accessible(page, live_server, demo_with_hearings, path):
    page.goto(f"{live_server.url}{path}")
    screenshot(page, "11-hearing" + path.replace("/", "-").rstrip("-"))
    assert_accessible(page)


def test_response_form_and_its_error_state_are_accessible(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}/horinger/demohoring/svar/")
    screenshot(page, "12-response-form")
    assert_accessible(page)
    page.locator("form button[type=submit][name]").last.click()
    page.wait_for_selector(".error-summary")
    screenshot(page, "13-response-form-errors")
    assert_accessible(page)


def test_closed_hearing_form_refuses_politely(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}/horinger/revisjon-2024/svar/")
    text = page.inner_text("main")
    assert "8. mai 2024" in text or "08.05.2024" in text
    assert page.locator("main textarea").count() == 0
    screenshot(page, "14-closed-hearing-form")
    assert_accessible(page)
