"""Issue 21, point 2, as the respondent sees it: "Svar med brev" hides the four text boxes, asks
for the letter next to the file field when it is missing (keeping what was typed), and gives the
same receipt and edit link as a form answer.
"""

from __future__ import annotations

import pytest

from hearings.models import Response
from tests.browser.conftest import DOCX, FORM, assert_accessible, screenshot
from tests.hearings.helpers import docx_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_answer_with_a_letter(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}{FORM}")
    boxes = page.locator(".question-text textarea")
    assert boxes.count() == 4 and boxes.first.is_visible()
    page.check("#id_respondent_kind_0")
    page.fill("#id_organisation_name", "Brevforeningen")
    page.select_option("#id_category", "frivillig")
    page.fill("#id_contact_name", "Berit Brev")
    page.fill("#id_contact_email", "berit@example.org")
    page.check("#id_publication_choice_1")
    page.check("input[name=answer_mode][value=skjemabrev]")
    assert not boxes.first.is_visible()  # the letter replaces the four text boxes
    assert page.locator(".letter-mode-hint a").is_visible()
    screenshot(page, "64-letter-mode")

    page.click("button[value=submit]")
    error = page.locator("#id_attachment-error")
    error.wait_for()
    assert "Du har valgt å svare med brev" in error.inner_text()
    assert page.input_value("#id_organisation_name") == "Brevforeningen"
    assert page.is_checked("input[name=answer_mode][value=skjemabrev]")
    assert not Response.objects.filter(contact_email="berit@example.org").exists()
    assert_accessible(page)

    letter = docx_bytes("Vi støtter målene i forslaget.")
    page.set_input_files(
        "#id_attachment", {"name": "brev.docx", "mimeType": DOCX, "buffer": letter}
    )
    page.click("button[value=submit]")
    page.wait_for_selector(".receipt-panel")
    assert "Svar med brev" in page.inner_text(".receipt-summary")
    saved = Response.objects.get(contact_email="berit@example.org")
    assert saved.source == "skjemabrev" and saved.attachment_name == "brev.docx"
    screenshot(page, "65-letter-receipt")
    assert_accessible(page)

    page.click("text=Endre svaret")
    page.wait_for_selector("input[name=answer_mode][value=skjemabrev]:checked")
    assert not page.locator(".question-text textarea").first.is_visible()
