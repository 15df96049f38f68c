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
