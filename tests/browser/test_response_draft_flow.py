"""Save a draft, follow the e-mailed link (Django's locmem outbox), edit, submit, get a receipt.

The live server runs in this process, so the e-mail it sends lands in ``django.core.mail.outbox``.
"""

import re

import pytest
from django.core import mail

from hearings.models import Response
from tests.browser.conftest import FORM, assert_accessible, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_url(settings, live_server):
    """Links in e-mails are absolute; point them at the live server."""
    settings.SITE_URL = live_server.url
    return live_server.url


def test_draft_link_edit_and_submit(browser, page, site_url, demo_with_hearings):
    mail.outbox.clear()
    page.goto(f"{site_url}{FORM}")
    page.check("#id_respondent_kind_0")
    page.fill("#id_organisation_name", "Utkastforeningen")
    page.select_option("#id_category", "frivillig")
    page.fill("#id_contact_name", "Siri Utkast")
    page.fill("#id_contact_email", "siri@example.org")
    page.check("#id_publication_choice_1")
    page.locator("textarea[name$=_text]").first.fill("Første utkast: vi trenger mer tid.")
    page.click("button[value=draft]")
    page.wait_for_selector("text=Utkastet er lagret")
    draft = Response.objects.get(contact_email="siri@example.org")
    assert draft.status == "draft"
    screenshot(page, "50-draft-saved")

    # The e-mail carries a signed link to the draft.
    (message,) = [m for m in mail.outbox if "siri@example.org" in m.to]
    assert draft.reference in message.body
    link = re.search(rf"{re.escape(site_url)}/\S+/svar/\S+/", message.body).group(0)

    # A colleague opens the link in another browser, edits and submits.
    colleague = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="nb-NO", bypass_csp=True
    )
    other = colleague.new_page()
    other.goto(link)
    assert draft.reference in other.inner_text(".response-meta")
    assert other.input_value("#id_organisation_name") == "Utkastforeningen"
    textarea = other.locator("textarea[name$=_text]").first
    assert textarea.input_value() == "Første utkast: vi trenger mer tid."
    textarea.fill("Endelig svar: vi trenger mer tid og bedre samarbeid.")
    other.fill("#id_general_comment", "Skrevet av en kollega med lenken.")
    screenshot(other, "51-draft-opened-from-link")
    other.click("button[value=submit]")
    other.wait_for_selector(".receipt-panel")
    assert draft.reference in other.inner_text(".receipt-panel")
    screenshot(other, "52-draft-receipt")
    assert_accessible(other)
    colleague.close()

    submitted = Response.objects.get(pk=draft.pk)
    assert submitted.status == "submitted"
    assert submitted.general_comment == "Skrevet av en kollega med lenken."
    assert submitted.answers.filter(text__startswith="Endelig svar").count() == 1
    assert Response.objects.filter(contact_email="siri@example.org").count() == 1
    receipts = [m for m in mail.outbox if "Kvittering" in m.subject]
    assert len(receipts) == 1 and "Endelig svar" in receipts[0].body


def test_published_responses_page_is_accessible(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}/horinger/revisjon-2024/")
    published = page.locator("article.published-response")
    assert published.count() > 10
    assert "Publiserte høringssvar" in page.inner_text("main")
    responses_text = " ".join(published.all_inner_texts())
    assert "@" not in responses_text  # contact details are never published
    screenshot(page, "53-draft-published-responses")
    assert_accessible(page)
