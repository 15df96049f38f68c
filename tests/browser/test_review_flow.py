"""A reviewer in a real browser: overview → goal × question cell → passage → correct → counts change."""

import shutil
import subprocess

import pytest

from hearings.models import HearingPage
from hearings.review.report import render_pdf
from tests.browser.conftest import SCREENSHOTS, assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def analysed_demo(demo_site):
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return HearingPage.objects.get(slug="revisjon-2024")


def cell_count(page, goal: str, question: str) -> int:
    return int(page.inner_text(f"td[data-goal='{goal}'][data-question='{question}'] a"))


def test_reviewer_drills_down_and_corrects_a_goal(page, live_server, analysed_demo):
    hearing = analysed_demo
    login(page, live_server, "saksbehandler")
    page.click("text=Høringsarbeid")  # the reviewers' menu group
    page.click("text=Innspillsanalyse")
    page.click(f"a[href='/admin/innspill/{hearing.pk}/']")
    page.wait_for_selector("#goal-question-matrix")
    screenshot(page, "30-review-overview")
    assert_accessible(page)

    # The largest goal × question cell.
    cells = page.locator("#goal-question-matrix td[data-goal]").all()
    best = max(cells, key=lambda c: int(c.inner_text() or 0))
    goal, question = best.get_attribute("data-goal"), best.get_attribute("data-question")
    before = cell_count(page, goal, question)
    assert before > 0
    best.locator("a").click()
    page.wait_for_selector("#passage-list")
    assert f"{before} tekstutdrag" in page.inner_text("#result-count")
    screenshot(page, "31-review-passages")
    assert_accessible(page)

    page.locator("#passage-list tbody tr td:first-child a").first.click()
    page.wait_for_selector("#passage-context mark")
    assert page.inner_text("#passage-text").strip()
    assert page.locator("#contact-details").count() == 1
    screenshot(page, "32-review-passage")
    assert_accessible(page)

    page.click(f"button[name='remove-{goal}']")
    page.wait_for_selector(f"button[name='add-{goal}']")
    assert "fjernet" in page.inner_text("#goal-table")
    assert "Mål endret av saksbehandler" in page.inner_text("#history")
    screenshot(page, "33-review-corrected")

    page.goto(f"{live_server.url}/admin/innspill/{hearing.pk}/")
    assert cell_count(page, goal, question) == before - 1
    screenshot(page, "34-review-overview-after")

    page.goto(f"{live_server.url}/admin/innspill/{hearing.pk}/mal/{goal}/")
    page.wait_for_selector("#themes")
    screenshot(page, "35-review-goal")
    assert_accessible(page)

    page.goto(f"{live_server.url}/admin/innspill/{hearing.pk}/rapport/")
    screenshot(page, "36-review-report")


def test_editor_is_refused_and_pdf_report_renders(page, live_server, analysed_demo):
    login(page, live_server, "redaktor1")
    assert page.locator("text=Innspillsanalyse").count() == 0
    response = page.goto(f"{live_server.url}/admin/innspill/{analysed_demo.pk}/")
    assert response.status == 403
    assert "Ingen tilgang" in page.inner_text("h1")

    SCREENSHOTS.mkdir(exist_ok=True)
    pdf = SCREENSHOTS / "37-report.pdf"
    pdf.write_bytes(render_pdf(hearing=analysed_demo))
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(SCREENSHOTS / "37-report"),
            ],
            check=True,
        )
        assert sorted(SCREENSHOTS.glob("37-report-*.png"))
    else:
        page.goto(pdf.as_uri())
        screenshot(page, "37-report-1")


def test_demo_shows_duplicates_earlier_round_and_screening(page, live_server, analysed_demo):
    """What the demo offers a reviewer: a campaign grouped as one, two rounds, flags to screen."""
    from hearings.demo_review import EARLIER_SLUG
    from hearings.models import DuplicateGroup, PersonalDataFlag

    hearing = analysed_demo
    earlier = HearingPage.objects.get(slug=EARLIER_SLUG)
    campaign = DuplicateGroup.objects.get(hearing=hearing)
    assert campaign.size == 8
    flagged = PersonalDataFlag.objects.filter(response__hearing=hearing).first().response
    assert flagged.review_status == "pending"
    base = f"{live_server.url}/admin/innspill/{hearing.pk}"
    login(page, live_server, "saksbehandler")

    page.goto(f"{base}/")
    page.wait_for_selector("#goal-question-matrix")
    screenshot(page, "38-demo-overview")

    page.goto(f"{base}/mal/G1/")
    page.wait_for_selector("#themes")
    screenshot(page, "39-demo-goal")

    page.goto(f"{base}/utdrag/?duplicate_group={campaign.pk}")
    page.wait_for_selector("#passage-list")
    assert page.locator("#passage-list tbody tr").count() > 8
    assert "Kampanje" not in page.inner_text("#passage-list")  # no contact names in the list
    screenshot(page, "40-demo-duplicates")
    assert_accessible(page)

    page.goto(f"{base}/utdrag/?q=koordinatorer&goal=G2")
    page.wait_for_selector("#passage-list")
    assert "koordinator" in page.inner_text("#passage-list").lower()
    screenshot(page, "41-demo-text-search")

    page.goto(f"{base}/sammenlign/")
    assert page.locator("#med option:checked").inner_text().startswith(earlier.title)
    columns = page.locator(".rv-grid > div")
    assert columns.count() == 2
    assert "2018" in columns.nth(0).inner_text() and "2024" in columns.nth(1).inner_text()
    screenshot(page, "42-demo-compare")
    assert_accessible(page)

    page.goto(f"{live_server.url}/admin/innspill/svar/{flagged.pk}/personvern/")
    page.wait_for_selector("#flags")
    screenshot(page, "43-demo-screening")

    page.goto(f"{live_server.url}/admin/horinger/svar/{flagged.pk}/")
    page.click("#approve-form button[value=approve]")
    page.wait_for_selector("#approve-form [role=alert]")
    assert "forslag om sladding" in page.inner_text("#approve-form")
    screenshot(page, "44-demo-approve-blocked")
    assert_accessible(page)
