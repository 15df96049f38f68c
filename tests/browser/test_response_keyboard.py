"""Answering a hearing with the keyboard alone: Tab, Shift+Tab, Space, Enter (and typing text).

Every stop on the way must show where the focus is; after a failed submit the error summary takes
the focus and its links move the focus to the fields.
"""

import pytest

from hearings.models import Response
from tests.browser.conftest import FORM, assert_accessible, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_STATE = """(selector) => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {
        matches: el.matches(selector),
        visible: outline || style.boxShadow !== 'none',
        honeypot: el.name === 'website',
        id: el.id,
        desc: el.outerHTML.slice(0, 160),
    };
}"""


def focused(page, selector="*") -> dict:
    return page.evaluate(FOCUS_STATE, selector)


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 300) -> None:
    """Press Tab (or Shift+Tab) until the focus is on ``selector``; every stop must be visible."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page, selector)
        assert state["visible"], f"no visible focus indicator on {state['desc']}"
        assert not state["honeypot"], "the honeypot field must not be reachable with Tab"
        if state["matches"]:
            return
    raise AssertionError(f"{selector} not reached with {key}")


def test_answer_a_hearing_with_the_keyboard_only(page, live_server, demo_with_hearings):
    page.goto(f"{live_server.url}{FORM}")

    # The skip link comes first and moves the focus to the main content.
    tab_to(page, "a.skip-link", limit=1)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_to(page, "#id_respondent_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_organisation_name")
    page.keyboard.type("Tastaturforeningen")
    tab_to(page, "#id_category")
    page.keyboard.type("Kommune")  # type-ahead in a closed select
    assert page.input_value("#id_category") == "kommune"
    tab_to(page, "#id_contact_name")
    page.keyboard.type("Kari Tastatur")
    tab_to(page, "#id_contact_email")
    page.keyboard.type("ikke-en-adresse")
    first_stance = page.locator("input[type=radio][name$=_stance]").first.get_attribute("id")
    tab_to(page, f"#{first_stance}")
    page.keyboard.press("Space")
    tab_to(page, "textarea[name$=_text]")
    page.keyboard.type("Vi svarer med tastaturet. Forslagene er tydelige.")
    # Publication choice is left out on purpose, and the e-mail address is wrong.
    tab_to(page, "button[value=submit]")
    screenshot(page, "40-keyboard-before-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")

    # The error summary has the focus and lists the two problems as links.
    assert focused(page)["id"] == "error-summary"
    links = page.locator("#error-summary a")
    assert links.count() == 2
    screenshot(page, "41-keyboard-error-summary")
    assert_accessible(page)
    assert page.input_value("#id_organisation_name") == "Tastaturforeningen"
    assert "Vi svarer med tastaturet" in page.locator("textarea[name$=_text]").first.input_value()

    # The first link moves the focus to the e-mail field.
    tab_to(page, "#error-summary a", limit=1)
    assert links.first.get_attribute("href") == "#id_contact_email"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_contact_email"
    page.keyboard.press("Control+A")
    page.keyboard.type("kari.tastatur@example.org")

    # Back to the summary with Shift+Tab, then the second link to the radio group.
    tab_to(page, "#error-summary a[href='#id_publication_choice_0']", backwards=True)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_publication_choice_0"
    page.keyboard.press("Space")
    assert page.is_checked("#id_publication_choice_0")

    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".receipt-panel")
    receipt = page.inner_text("main")
    response = Response.objects.get(contact_email="kari.tastatur@example.org")
    assert response.status == "submitted" and response.reference in receipt
    assert response.organisation_name == "Tastaturforeningen" and response.category == "kommune"
    assert "Svaret ditt er sendt inn" in receipt
    screenshot(page, "42-keyboard-receipt")
    assert_accessible(page)

    # The receipt is usable by keyboard too: its links take visible focus.
    tab_to(page, "main a")
