"""The respondent sees the five goals where Q1 asks about them, and saves a draft without choosing
whether it may be published."""

import pytest

from hearings.models import Response
from tests.browser.conftest import FORM, SCREENSHOTS, assert_accessible, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOALS = ["Økt brukermedvirkning", "Sammenhengende og koordinerte", "Unngå unødig ventetid"]


@pytest.mark.parametrize("width", [1200, 390])
def test_hearing_page_lists_the_goals_under_q1(page, live_server, demo_with_hearings, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/horinger/demohoring/")
    first_question = page.locator("ol.question-list > li").first
    text = first_question.inner_text()
    assert "de fem målene" in text
    assert all(goal in text for goal in GOALS)
    assert first_question.locator(".goal-list li").count() == 5
    # Only the question that asks about the goals lists them.
    assert page.locator("ol.question-list .goal-list").count() == 1
    first_question.scroll_into_view_if_needed()
    screenshot(page, f"60-hearing-q1-goals-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", [1200, 390])
def test_form_lists_the_goals_where_q1_is_asked(page, live_server, demo_with_hearings, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{FORM}")
    block = page.locator(".question-block").first
    assert "Spørsmål Q1" in block.inner_text()
    assert block.locator(".goal-list li").count() == 5
    assert all(goal in block.inner_text() for goal in GOALS)
    assert page.locator(".question-block .goal-list").count() == 1
    SCREENSHOTS.mkdir(exist_ok=True)
    block.screenshot(path=str(SCREENSHOTS / f"61-form-q1-goals-{width}.png"))
    assert_accessible(page)


def test_draft_saves_without_a_publication_choice(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}{FORM}")
    page.check("#id_respondent_kind_1")
    page.fill("#id_contact_name", "Per Utkast")
    page.fill("#id_contact_email", "per.utkast@example.org")
    page.locator("textarea[name$=_text]").first.fill("Halvferdig tanke om målene.")
    assert page.locator("input[name=publication_choice]:checked").count() == 0
    page.click("button[value=draft]")
    page.wait_for_selector("text=Utkastet er lagret")
    assert page.locator(".error-summary").count() == 0
    draft = Response.objects.get(contact_email="per.utkast@example.org")
    assert draft.status == "draft" and draft.publication_choice == ""
    screenshot(page, "62-draft-saved-without-publication-choice")
    assert_accessible(page)

    # Sending still asks for the choice.
    page.goto(f"{live_server.url}{FORM}")
    page.check("#id_respondent_kind_1")
    page.fill("#id_contact_name", "Per Sender")
    page.fill("#id_contact_email", "per.sender@example.org")
    page.locator("textarea[name$=_text]").first.fill("Ferdig svar.")
    page.click("button[value=submit]")
    page.wait_for_selector(".error-summary")
    assert "Velg om svaret kan publiseres" in page.inner_text(".error-summary")
    assert not Response.objects.filter(contact_email="per.sender@example.org").exists()
