"""Issue 3 end to end: proposal from the text in force, a hearing on it, reading it, adopting it.

The editor's and the reader's steps run in the browser; only waiting for the deadline is replaced
by moving the hearing's dates through the ORM.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines.models import PathwayPage, PathwayVersion, RevisionProposalPage
from hearings.models import HearingIndexPage, HearingPage
from tests.browser.conftest import assert_accessible, login, screenshot, type_rich_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "tvangslidelser-ocd"
HEARING_TITLE = "Høring om nytt forløp for tvangslidelser"
NEW_SENTENCE = "Pasienten får tilbud om eksponeringsbehandling i hjemmet."


@pytest.fixture
def demo_with_hearings(demo_site):
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return demo_site


def open_actions_menu(page):
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def header_action(page, label: str):
    """Page actions added by our hooks live in the "..." menu of the admin page header."""
    page.locator("header .w-dropdown__toggle, header [data-w-dropdown-target=toggle]").first.click()
    page.get_by_role("link", name=label).first.click()


def publish(page):
    open_actions_menu(page)
    page.click("button[name=action-publish]")


def block_index(proposal, block_type: str) -> int:
    return [block.block_type for block in proposal.body].index(block_type)


def edit_proposal(page, proposal):
    times = block_index(proposal, "pathway_times")
    old_limit = proposal.body[times].value["times"][0]["limit"]
    page.fill(f"input[name=body-{times}-value-times-0-value-limit]", str(old_limit + 7))
    page.fill(
        f"textarea[name=body-{times}-value-rationale]",
        "Tjenestene trenger mer tid når pasienten skal utredes hjemme.",
    )
    text = block_index(proposal, "phase")
    editor = page.locator(f"[data-field-input]:has(#body-{text}-value-body) [contenteditable=true]")
    type_rich_text(page, editor.first, NEW_SENTENCE, at_end=True)
    page.fill(
        f"textarea[name=body-{text}-value-rationale]", "Brukerne ba om behandling nær hjemmet."
    )
    return old_limit


def create_hearing(page, live_server, proposal):
    index = HearingIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/hearings/hearingpage/{index.pk}/")
    page.fill("input[name=title]", HEARING_TITLE)
    page.fill("input[name=reference_number]", "26/4242")
    opens = timezone.localtime() - timedelta(hours=1)
    page.fill("input[name=opens_at]", opens.strftime("%d.%m.%Y %H:%M"))
    deadline = timezone.localdate() + timedelta(days=14)
    page.fill("input[name=deadline]", deadline.strftime("%d.%m.%Y"))
    page.click("input[name=title]")  # closes the date picker
    type_rich_text(
        page,
        page.locator("[data-contentpath=hearing_letter] [contenteditable=true]").first,
        "Vi ber om innspill til forslaget om et enklere forløp.",
    )
    page.locator(
        "#inline_child_proposal_links-0-panel-content button[data-chooser-action-choose],"
        " #inline_child_proposal_links-0-panel-content button.action-choose"
    ).first.click()
    page.locator(f".modal-content a.choose-page[data-id='{proposal.pk}']").click()
    page.wait_for_selector(".modal-content", state="detached")
    page.locator("input[name=recipients]").first.check()
    page.fill("input[name=contact_name]", "Kari Saksbehandler")
    page.fill("input[name=contact_email]", "kari@pasientforlop.example")
    # The four questions Q1–Q4 are pre-filled; the editor keeps them.
    assert page.input_value("input[name=questions-0-code]") == "Q1"
    screenshot(page, "30-proposal-editor-creates-hearing")
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")
    return HearingPage.objects.get(title=HEARING_TITLE)


def test_proposal_hearing_adoption_end_to_end(browser, page, live_server, demo_with_hearings):
    pathway = PathwayPage.objects.get(slug=SLUG)
    versions_before = PathwayVersion.objects.filter(pathway=pathway).count()

    # 1. One action on the pathway in force starts a proposal as a copy of it.
    login(page, live_server, "redaktor1")
    page.goto(f"{live_server.url}/admin/pages/{pathway.pk}/edit/")
    header_action(page, "Lag endringsforslag")
    page.wait_for_selector("text=Forslaget er opprettet som utkast")
    proposal = RevisionProposalPage.objects.filter(pathway=pathway).order_by("-pk").first()
    assert page.url.endswith(f"/admin/pages/{proposal.pk}/edit/")
    assert [b.block_type for b in proposal.body] == [b.block_type for b in pathway.body]

    # 2. The editor changes a pathway time and a section, with rationales, and publishes.
    old_limit = edit_proposal(page, proposal)
    screenshot(page, "31-proposal-editor-edits-proposal")
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/pages/{proposal.get_parent().pk}/")
    proposal.refresh_from_db()
    assert proposal.live

    # 3. The editor opens a hearing on it.
    hearing = create_hearing(page, live_server, proposal)
    assert hearing.live and [link.proposal_id for link in hearing.proposal_links.all()] == [
        proposal.pk
    ]
    assert list(hearing.questions.values_list("code", flat=True)) == ["Q1", "Q2", "Q3", "Q4"]

    # 4. A reader sees the proposal with its changes beside the text in force.
    reader = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="nb-NO", bypass_csp=True
    ).new_page()
    reader.goto(f"{live_server.url}{proposal.url}?visning=endringer")
    assert "Høringsutkast" in reader.inner_text(".draft-banner")
    main = reader.inner_text("main")
    assert NEW_SENTENCE in " ".join(reader.locator("main .diff-section ins").all_inner_texts())
    assert str(old_limit) in reader.inner_text("main .diff-table del")
    assert str(old_limit + 7) in reader.inner_text("main .diff-table ins")
    assert "Brukerne ba om behandling nær hjemmet." in main
    screenshot(reader, "32-proposal-reader-sees-proposal-changes")
    assert_accessible(reader)
    reader.goto(f"{live_server.url}{hearing.url}")
    assert "Åpen for innspill" in reader.inner_text("main")
    assert reader.locator(f"main a[href='{proposal.url}']").count() >= 1
    screenshot(reader, "33-proposal-reader-sees-open-hearing")
    assert_accessible(reader)

    # 5. Adopting while the hearing is open is refused with a clear message.
    page.goto(f"{live_server.url}/admin/pages/{hearing.pk}/edit/")
    header_action(page, "Vedtak etter høringen")
    page.wait_for_url(f"{live_server.url}/admin/horinger/{hearing.pk}/vedtak/")
    assert page.locator("button", has_text="Send til godkjenning som ny versjon").is_disabled()

    # 6. The deadline passes (moved through the ORM). The editor must write a change note and
    #    confirm; a send without the confirmation is refused next to the box, the note kept.
    HearingPage.objects.filter(pk=hearing.pk).update(
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.localdate() - timedelta(days=1),
    )
    page.reload()
    page.get_by_label("Endringsnotat").fill("Eksponeringsbehandling i hjemmet og ny frist.")
    page.locator("button", has_text="Send til godkjenning som ny versjon").click()
    page.wait_for_selector("text=Bekreft at du vil sende forslaget til godkjenning")
    assert (
        page.get_by_label("Endringsnotat").input_value()
        == "Eksponeringsbehandling i hjemmet og ny frist."
    )
    page.get_by_label("Jeg har lest forslaget").check()
    page.locator("button", has_text="Send til godkjenning som ny versjon").click()
    page.wait_for_selector("text=Vedtaket er sendt til godkjenning")
    assert "Venter på en annen redaktør" in page.inner_text("main")
    screenshot(page, "34-proposal-editor-sends-adoption-for-approval")
    # Nothing is public yet: the four-eyes rule holds for adoption too.
    assert PathwayVersion.objects.filter(pathway=pathway).count() == versions_before

    # 6b. A second editor approves the pathway change; only now is the version published.
    page.context.clear_cookies()
    login(page, live_server, "redaktor2")
    page.goto(f"{live_server.url}/admin/pages/{pathway.pk}/edit/")
    open_actions_menu(page)
    page.locator("button[data-workflow-action-name='approve']").first.click()
    for _ in range(100):
        if PathwayVersion.objects.filter(pathway=pathway).count() > versions_before:
            break
        page.wait_for_timeout(150)
    newest = PathwayVersion.objects.filter(pathway=pathway).order_by("-number").first()
    assert PathwayVersion.objects.filter(pathway=pathway).count() == versions_before + 1
    assert HEARING_TITLE in newest.change_note
    assert newest.change_note.startswith("Eksponeringsbehandling i hjemmet og ny frist.")

    # Adopting twice is not offered any more (the service refuses it too; see tests/hearings).
    page.goto(f"{live_server.url}/admin/horinger/{hearing.pk}/vedtak/")
    assert page.locator("button", has_text="Send til godkjenning som ny versjon").count() == 0
    assert f"Vedtatt som versjon {newest.number}" in page.inner_text("main")
    screenshot(page, "34b-proposal-second-editor-approved-adoption")

    # 7. The reader sees the new version in the pathway's history, linked to the hearing.
    reader.goto(f"{live_server.url}{pathway.url}versjoner/")
    history = reader.inner_text("main")
    assert f"Versjon {newest.number}" in history
    assert "Vedtatt etter høring av" in history
    assert reader.locator(f"main a[href='{hearing.url}']").count() >= 1
    screenshot(reader, "35-proposal-reader-sees-history")
    assert_accessible(reader)
    reader.goto(f"{live_server.url}{pathway.url}")
    assert NEW_SENTENCE in reader.inner_text("main")
    assert re.search(rf"Versjon\s+{newest.number}\b", reader.inner_text("main"))
    reader.context.close()
