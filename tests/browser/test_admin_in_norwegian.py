"""The admin speaks bokmål where Wagtail's own catalogue falls silent, and every absolute link
(workflow e-mails, the API's html_url) uses the configured site address, not http://localhost/."""

import re

import pytest
from django.core import mail

from cms.sites import default_site_sync
from guidelines.models import PathwayPage
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ENGLISH = [
    "The page could not be saved",
    "Request changes",
    "Approve with comment",
    "in moderation",
    " Pages",
    "Help",
]


@pytest.fixture
def site_url(settings, live_server, demo_site):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    default_site_sync()
    return live_server.url


def open_actions_menu(page):
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def assert_no_english(text: str):
    found = [phrase for phrase in ENGLISH if phrase.lower() in text.lower()]
    assert found == [], found


def test_workflow_screens_and_mail_are_norwegian_and_link_to_the_site(page, live_server, site_url):
    pathway = PathwayPage.objects.live().first()
    login(page, live_server, "redaktor1")
    body = page.inner_text("body")
    assert re.search(r"\d+ sider", body), body[:500]
    assert "Hjelp" in body
    assert_no_english(body)
    screenshot(page, "70-admin-dashboard-nb")

    # A validation error reads in bokmål.
    page.goto(f"{live_server.url}/admin/pages/{pathway.pk}/edit/")
    page.fill("input[name=title]", "")
    page.click("footer button[type=submit]:not([name])")
    page.wait_for_selector(".messages .error, .messages [class*=error]")
    messages = page.inner_text(".messages")
    assert "Siden kunne ikke lagres på grunn av valideringsfeil" in messages
    assert_no_english(messages)
    screenshot(page, "71-admin-validation-error-nb")

    # Submit a substantive change to the four-eyes workflow; the moderator is mailed in bokmål.
    mail.outbox.clear()
    page.goto(f"{live_server.url}/admin/pages/{pathway.pk}/edit/")
    page.fill("textarea[name=target_group]", "Voksne med psykiske lidelser og rusproblemer.")
    page.select_option("select[name=change_kind]", "substantive")
    page.fill("textarea[name=change_note]", "Målgruppen er presisert.")
    open_actions_menu(page)
    page.click("button[name=action-submit]")
    page.wait_for_url(f"{live_server.url}/admin/pages/**")
    sent = [m for m in mail.outbox if "redaktor2" in " ".join(m.to) or m.to]
    assert sent, "no workflow e-mail"
    for message in sent:
        text = message.subject + "\n" + message.body
        assert "localhost/" not in text.replace(live_server.url, "")
        assert "sendt til godkjenning" in text, text
        assert_no_english(text)
        for link in re.findall(r"https?://\S+", text):
            assert link.startswith(live_server.url), link

    # The second editor sees the workflow's actions and status in bokmål.
    page.context.clear_cookies()
    login(page, live_server, "redaktor2")
    page.goto(f"{live_server.url}/admin/pages/{pathway.pk}/edit/")
    open_actions_menu(page)
    footer = page.inner_text("footer")
    assert "Be om endringer" in footer and "Godkjenn med kommentar" in footer
    assert_no_english(footer)
    screenshot(page, "72-admin-workflow-actions-nb")

    # The explorer names the state of a live page with a change awaiting approval.
    page.goto(f"{live_server.url}/admin/pages/{pathway.get_parent().pk}/")
    listing = page.inner_text("main")
    assert "publisert + til godkjenning" in listing.lower()
    assert_no_english(listing)
    screenshot(page, "73-admin-explorer-status-nb")

    # The API names the page by the site's address.
    data = page.request.get(f"{live_server.url}/api/v2/pages/{pathway.pk}/").json()
    assert data["meta"]["html_url"].startswith(live_server.url + "/")


def test_admin_dashboard_is_accessible_in_norwegian(page, live_server, site_url):
    login(page, live_server, "saksbehandler")
    assert page.locator("html").get_attribute("lang") in ("nb", "nb-no")
    assert_no_english(page.inner_text("body"))
    assert_accessible(page)
