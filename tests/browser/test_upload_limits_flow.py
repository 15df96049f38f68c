"""Issue 17, row 6, as the respondent sees it: a document that unpacks to far too much text is
refused next to the file field with what was typed kept; an attachment whose text cannot be read
within the extraction limits is accepted, and the receipt says so instead of hiding it.
"""

from __future__ import annotations

import pytest

from hearings.models import Response
from tests.browser.conftest import DOCX, FORM, assert_accessible, screenshot
from tests.hearings.helpers import docx_bytes
from tests.security.test_upload_limits import expanding_docx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fill_form(page):
    page.check("#id_respondent_kind_0")
    page.fill("#id_organisation_name", "Vedleggsforeningen")
    page.select_option("#id_category", "frivillig")
    page.fill("#id_contact_name", "Vera Vedlegg")
    page.fill("#id_contact_email", "vera@example.org")
    page.check("#id_publication_choice_1")
    page.locator("textarea[name$=_text]").first.fill("Vi støtter forslaget, se vedlegget.")


def test_refused_and_unreadable_attachments_are_told_to_the_respondent(
    page, live_server, settings, demo_with_hearings
):
    page.goto(f"{live_server.url}{FORM}")
    fill_form(page)
    bomb = {"name": "svar.docx", "mimeType": DOCX, "buffer": expanding_docx(20 * 1024 * 1024)}
    page.set_input_files("#id_attachment", bomb)
    page.click("button[value=submit]")
    error = page.locator("#id_attachment-error")
    error.wait_for()
    assert "pakker seg ut til mye mer tekst" in error.inner_text()
    assert page.input_value("#id_organisation_name") == "Vedleggsforeningen"
    assert (
        page.locator("textarea[name$=_text]").first.input_value()
        == "Vi støtter forslaget, se vedlegget."
    )
    assert not Response.objects.filter(contact_email="vera@example.org").exists()
    screenshot(page, "60-upload-refused-expands")
    assert_accessible(page)

    # A normal document, but the extraction limit is too small for any file: the respondent's
    # answer is received, and the receipt says the attachment text could not be read.
    settings.ATTACHMENT_EXTRACTION_MEMORY_MB = 40
    page.set_input_files(
        "#id_attachment",
        {"name": "svar.docx", "mimeType": DOCX, "buffer": docx_bytes("Utdypende innspill.")},
    )
    page.click("button[value=submit]")
    page.wait_for_selector(".receipt-panel")
    notice = page.locator(".attachment-unread")
    assert "Vi klarte ikke å lese all teksten i vedlegget" in notice.inner_text()
    saved = Response.objects.get(contact_email="vera@example.org")
    assert saved.attachment_unread and saved.attachment_text == ""
    screenshot(page, "61-receipt-attachment-unread")
    assert_accessible(page)
