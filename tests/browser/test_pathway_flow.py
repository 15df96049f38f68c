"""End to end in a real browser: editors publish, a second editor approves, readers trace the change."""

import pytest

from guidelines.models import PathwayPage, PathwayVersion
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "tverrfaglig-spesialisert-rusbehandling"


def open_actions_menu(page):
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def test_editor_publishes_and_second_editor_approves_then_reader_sees_diff(
    page, live_server, demo_site
):
    tsb = PathwayPage.objects.get(slug=SLUG)
    versions_before = PathwayVersion.objects.filter(pathway=tsb).count()

    # An editorial fix is published directly, with its change kind and note.
    login(page, live_server, "redaktor1")
    page.goto(f"{live_server.url}/admin/pages/{tsb.pk}/edit/")
    page.fill(
        "textarea[name=target_group]",
        tsb.target_group + " Gjelder også pårørende som ber om hjelp.",
    )
    page.select_option("select[name=change_kind]", "editorial")
    page.fill("textarea[name=change_note]", "Presisert målgruppen.")
    screenshot(page, "01-editor-edit-form")
    open_actions_menu(page)
    page.click("button[name=action-publish]")
    page.wait_for_url(f"{live_server.url}/admin/pages/{tsb.get_parent().pk}/")
    assert PathwayVersion.objects.filter(pathway=tsb).count() == versions_before

    # A substantive change trying the Publish button is refused next to the field, text kept.
    page.goto(f"{live_server.url}/admin/pages/{tsb.pk}/edit/")
    page.fill("input[name=short_name]", "TSB (rus)")
    page.select_option("select[name=change_kind]", "substantive")
    page.fill("textarea[name=change_note]", "Nytt kortnavn og presisering.")
    open_actions_menu(page)
    page.click("button[name=action-publish]")
    page.wait_for_selector("text=godkjennes av en annen redaktør")
    assert page.input_value("textarea[name=change_note]") == "Nytt kortnavn og presisering."
    screenshot(page, "02-four-eyes-refusal")

    # Preview works before submitting.
    preview = page.request.get(f"{live_server.url}/admin/pages/{tsb.pk}/edit/preview/")
    assert preview.status == 200

    # So the editor submits it for approval instead.
    page.select_option("select[name=change_kind]", "substantive")
    open_actions_menu(page)
    page.click("button[name=action-submit]")
    page.wait_for_url(f"{live_server.url}/admin/pages/**")
    assert PathwayVersion.objects.filter(pathway=tsb).count() == versions_before

    # A second editor approves it from the edit screen's workflow actions.
    page.context.clear_cookies()
    login(page, live_server, "redaktor2")
    page.goto(f"{live_server.url}/admin/pages/{tsb.pk}/edit/")
    open_actions_menu(page)
    assert page.input_value("textarea[name=change_note]") == "Nytt kortnavn og presisering."
    screenshot(page, "03-approver-sees-change")
    page.locator("button[data-workflow-action-name='approve']").first.click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{tsb.get_parent().pk}/")
    tsb_versions = PathwayVersion.objects.filter(pathway=tsb).order_by("-number")
    assert tsb_versions.count() == versions_before + 1
    newest = tsb_versions.first()
    assert newest.change_note == "Nytt kortnavn og presisering."
    screenshot(page, "04-approved")

    # The reader sees the new version in the history and its diff against the one before.
    page.goto(f"{live_server.url}/forlop/{SLUG}/versjoner/")
    assert page.locator(f"text=Versjon {newest.number}").first.is_visible()
    screenshot(page, "05-history")
    page.goto(
        f"{live_server.url}/forlop/{SLUG}/versjoner/sammenlign/?fra={newest.number - 1}&til={newest.number}"
    )
    assert page.locator("h1").inner_text().startswith("Endringer fra versjon")
    screenshot(page, "06-diff")


@pytest.mark.parametrize(
    "path",
    [
        "/forlop/",
        f"/forlop/{SLUG}/",
        f"/forlop/{SLUG}/versjoner/",
        f"/forlop/{SLUG}/versjoner/1/",
        f"/forlop/{SLUG}/versjoner/sammenlign/?fra=1&til=3",
        "/forlop/spiseforstyrrelser-barn-og-unge/",
        "/forlop/abonner/",
    ],
)
def test_public_pathway_pages_have_no_wcag_violations(page, live_server, demo_site, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)


def test_subscription_error_state_is_accessible(page, live_server, demo_site):
    page.goto(f"{live_server.url}/forlop/abonner/")
    page.fill("input[name=email]", "ikke-gyldig")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.input_value("input[name=email]") == "ikke-gyldig"
    screenshot(page, "07-subscribe-error")
    assert_accessible(page)
