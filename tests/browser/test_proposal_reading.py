"""Reading a proposal: after adoption it still shows what was proposed (against the text in force
when its hearing opened) and says it was adopted; summaries count changes outside the sections;
the diff fits a phone; wide screens can read proposal and text in force side by side."""

import pytest
from django.contrib.auth import get_user_model

from guidelines.demo import ensure_workflow
from guidelines.models import PathwayPage, PathwayVersion, RevisionProposalPage
from guidelines.services import proposal_submit_for_adoption, version_link_proposal
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHANGED_TARGET = "Barn, unge og voksne med tvangslidelse (OCD) og deres pårørende."
WIDER_THAN_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll("main *"))
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => el.tagName.toLowerCase() + "." + el.className).slice(0, 5);
}"""


@pytest.fixture
def demo_with_hearings(demo_site):
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return demo_site


@pytest.fixture
def adopted_ocd(demo_with_hearings):
    """The OCD proposal with a changed target group, adopted as version 2."""
    pathway = PathwayPage.objects.get(slug="tvangslidelser-ocd")
    proposal = RevisionProposalPage.objects.get(pathway=pathway)
    proposal.target_group = CHANGED_TARGET
    proposal.save_revision().publish()
    users = get_user_model().objects
    ensure_workflow(pathway.get_parent())
    state = proposal_submit_for_adoption(
        proposal=proposal,
        user=users.get(username="redaktor1"),
        change_note="Vedtatt etter høringen.",
    )
    task_state = state.current_task_state  # a second editor approves: the version is published
    task_state.task.specific.on_action(task_state, users.get(username="redaktor2"), "approve")
    version = PathwayVersion.objects.filter(pathway=pathway).order_by("-number").first()
    version_link_proposal(version=version, proposal=proposal)
    assert version.number == 2
    return proposal, pathway


def test_adopted_proposal_says_so_and_shows_what_was_proposed(page, live_server, adopted_ocd):
    proposal, pathway = adopted_ocd
    page.goto(f"{live_server.url}{proposal.url}")
    banner = page.inner_text(".adopted-banner")
    assert "Vedtatt" in banner and "versjon 2" in banner and "versjon 1" in banner
    assert page.locator(".draft-banner").count() == 0
    assert "Høringsutkast" not in page.inner_text("main")
    summary = page.inner_text(".diff-summary")
    assert "Også endret: målgruppe" in summary
    fields = page.inner_text("#felt")
    assert "pårørende" in page.inner_text("#felt ins") and "Målgruppe" in fields
    screenshot(page, "80-adopted-proposal")
    assert_accessible(page)

    # The view of the old text shows version 1, not the adopted text.
    page.click("a[href='?visning=gjeldende']")
    main = page.inner_text("main")
    assert "versjon 1" in main and CHANGED_TARGET not in main
    assert_accessible(page)

    page.click(".adopted-banner a:has-text('Les versjon 2')")
    page.wait_for_url("**/versjoner/2/")
    assert CHANGED_TARGET in page.inner_text("main")


@pytest.mark.parametrize("width", [1200, 390])
def test_version_comparison_counts_a_changed_target_group(page, live_server, adopted_ocd, width):
    _proposal, pathway = adopted_ocd
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{pathway.url}versjoner/sammenlign/?fra=1&til=2")
    summary = page.inner_text(".diff-summary")
    assert "Også endret: målgruppe" in summary, summary
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    screenshot(page, f"81-compare-target-group-{width}")
    assert_accessible(page)


def test_diff_table_fits_a_phone(page, live_server, demo_with_hearings):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/forslag/tverrfaglig-spesialisert-rusbehandling-forslag/")
    table = page.locator(".diff-table").first
    assert table.count() == 1
    assert table.evaluate("t => t.getBoundingClientRect().width") <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    # The side-by-side view is not offered on a phone; the inline view is.
    assert not page.locator("a[href='?visning=side-om-side']").is_visible()
    table.scroll_into_view_if_needed()
    screenshot(page, "82-diff-table-390")
    assert_accessible(page)


def test_side_by_side_aligns_sections_on_wide_screens(page, live_server, demo_with_hearings):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/forslag/tverrfaglig-spesialisert-rusbehandling-forslag/")
    page.click("a[href='?visning=side-om-side']")
    rows = page.locator(".side-row")
    assert rows.count() >= 3
    for index in range(rows.count()):
        row = rows.nth(index)
        proposed = row.locator(".side-proposed").bounding_box()
        in_force = row.locator(".side-in-force").bounding_box()
        assert abs(proposed["y"] - in_force["y"]) < 2  # same section, same line
        assert proposed["x"] < in_force["x"]  # proposal left, text in force right
    head = page.inner_text(".side-by-side-head")
    assert "Forslag" in head and "Gjeldende tekst" in head
    changed = page.locator(".side-row.diff-changed").first
    assert changed.count() == 1
    screenshot(page, "83-side-by-side-1400")
    assert_accessible(page)

    # On a phone the same address stacks the two texts, proposal first.
    page.set_viewport_size({"width": 390, "height": 844})
    proposed = rows.first.locator(".side-proposed").bounding_box()
    in_force = rows.first.locator(".side-in-force").bounding_box()
    assert in_force["y"] > proposed["y"]
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    assert_accessible(page)
