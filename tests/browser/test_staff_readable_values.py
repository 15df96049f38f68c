"""Staff read words, not stored values: stances, categories and history in plain language,
redactions chosen by selecting text, dropdowns that fit a 1280 px screen."""

import pytest

from hearings.models import HearingPage, Passage, PersonalDataFlag, Redaction
from hearings.review.selectors import source_text
from search.indexing import rebuild_database
from tests.browser.conftest import assert_accessible, login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Selects the first occurrence of `text` inside `selector` and lets the page hear the mouse go up.
SELECT_TEXT = """([selector, text]) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let full = "", nodes = [];
    while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
    const start = full.indexOf(text), end = start + text.length;
    if (start < 0) throw new Error("text not on screen: " + text);
    const at = (offset) => { for (const [node, from] of nodes) if (offset <= from + node.data.length) return [node, offset - from]; };
    const range = document.createRange();
    range.setStart(...at(start)); range.setEnd(...at(end));
    const selection = window.getSelection();
    selection.removeAllRanges(); selection.addRange(range);
    root.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""

SELECTS_CUT_OFF = """() => Array.from(document.querySelectorAll("main select, #main select, select"))
    .filter(s => s.offsetParent !== null)
    .filter(s => s.getBoundingClientRect().right > window.innerWidth + 1)
    .map(s => s.id || s.name)"""


@pytest.fixture
def analysed_demo(demo_site):
    from hearings.demo import load_hearing_demo

    load_hearing_demo()
    return HearingPage.objects.get(slug="revisjon-2024")


def settled(page):
    """Wagtail's messages fade in; axe reads colours mid-fade as too faint."""
    page.locator(".messages").first.wait_for()
    page.wait_for_timeout(1500)
    return page


def wide(page):
    page.set_viewport_size({"width": 1280, "height": 900})


def test_screening_redacts_the_text_staff_select(page, live_server, analysed_demo):
    flag = (
        PersonalDataFlag.objects.filter(response__hearing=analysed_demo, decision="proposed")
        .exclude(source="attachment")
        .first()
    )
    wide(page)
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/innspill/svar/{flag.response_id}/personvern/")
    row_text = page.locator(f"[data-select-text='flag-form-{flag.pk}']")
    assert "Fra tegn" not in page.inner_text("main") and "til tegn" not in page.inner_text("main")
    field = page.locator(f"#passage-{flag.pk}")
    flagged = field.input_value()
    assert flagged and flagged in row_text.inner_text()
    # Widen the proposal to the flagged words and the word after them, by selecting on screen.
    context = row_text.inner_text()
    after = context[context.index(flagged) + len(flagged) :].split()[0]
    chosen = context[context.index(flagged) : context.index(flagged) + len(flagged)]
    chosen = chosen + context[context.index(flagged) + len(flagged) :].split(after)[0] + after
    page.evaluate(SELECT_TEXT, [f"[data-select-text='flag-form-{flag.pk}']", chosen])
    assert field.input_value() == chosen.strip()
    screenshot(page, "63-screening-select-text")
    assert_accessible(page)
    assert page.evaluate(SELECTS_CUT_OFF) == []
    page.locator(f"#flag-form-{flag.pk} button[value=accept]").click()
    page.wait_for_selector("text=Teksten er sladdet")
    flag.refresh_from_db()
    redaction = flag.redaction
    text = source_text(response=flag.response, source=flag.source, source_id=flag.source_id)
    assert text[redaction.start : redaction.end] == chosen.strip()


def test_review_detail_withholds_selected_text_and_lists_it_in_words(
    page, live_server, analysed_demo
):
    response = analysed_demo.responses.filter(status="submitted").exclude(answers=None).first()
    answer = response.answers.exclude(text="").first()
    words = answer.text.split()[2:5]
    chosen = " ".join(words)
    assert chosen in answer.text
    wide(page)
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/horinger/svar/{response.pk}/")
    page.evaluate(SELECT_TEXT, [f"[data-source='answer:{answer.pk}']", chosen])
    assert page.input_value("#redact-passage") == chosen
    assert page.input_value("#redact-source") == f"answer:{answer.pk}"
    assert page.evaluate(SELECTS_CUT_OFF) == []
    page.click("#redact-form button[type=submit]")
    page.wait_for_selector("#redactions")
    listed = page.inner_text("#redactions")
    assert f"«{chosen}»" in listed
    assert "[" not in listed  # no character positions
    redaction = Redaction.objects.get(response=response)
    assert answer.text[redaction.start : redaction.end] == chosen
    page.locator("#redactions").scroll_into_view_if_needed()
    screenshot(page, "64-review-detail-redaction-in-words")
    assert_accessible(settled(page))


def test_passage_shows_stance_and_history_in_words(page, live_server, analysed_demo):
    passage = Passage.objects.filter(hearing=analysed_demo, stance="vet_ikke").first()
    wide(page)
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/innspill/{analysed_demo.pk}/utdrag/{passage.pk}/")
    page.wait_for_selector("#goal-table")
    assert "standpunkt: Vet ikke" in page.inner_text("main")
    assert "vet_ikke" not in page.inner_text("main")
    add = page.locator("#goal-table button[name^=add-]").first
    goal = add.get_attribute("name").removeprefix("add-")
    add.click()
    page.wait_for_selector(f"button[name='remove-{goal}']")
    page.locator("form:has(input[name=action][value=flagged]) button").click()
    page.wait_for_selector("text=Lagret.")
    history = page.inner_text("#history")
    assert f"Målet {goal} " in history and "er lagt til" in history
    assert "Flagget" in history
    assert "{" not in history and "True" not in history and "assigned" not in history
    assert page.evaluate(SELECTS_CUT_OFF) == []
    page.locator("#history").scroll_into_view_if_needed()
    screenshot(page, "65-passage-history-in-words")
    assert_accessible(settled(page))


def test_staff_search_names_categories_and_stances(page, live_server, analysed_demo):
    rebuild_database()
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/sok-innspill/?q=ventetid")
    page.wait_for_selector("#staff-results")
    text = page.inner_text("main")
    assert "Kategori: bruker" not in text and "vet_ikke" not in text
    assert "Bruker- og pårørendeorganisasjon" in text
    page.get_by_role("link", name="Vet ikke").first.click()
    page.wait_for_selector("#staff-results")
    assert "Standpunkt: Vet ikke" in page.inner_text("main")
    screenshot(page, "66-staff-search-labels")
    assert_accessible(page)


def test_round_comparison_opens_on_the_latest_earlier_round_with_themes(
    page, live_server, analysed_demo
):
    from hearings.demo_review import EARLIER_SLUG

    earlier = HearingPage.objects.get(slug=EARLIER_SLUG)
    wide(page)
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/innspill/{analysed_demo.pk}/sammenlign/")
    assert page.locator("#med option:checked").inner_text().startswith(earlier.title)
    selection = page.inner_text("#compare-selection")
    assert earlier.title in selection and analysed_demo.title in selection
    assert "tatt opp igjen" in page.inner_text("main")
    assert page.evaluate(SELECTS_CUT_OFF) == []
    med = page.locator("#med")
    assert med.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    screenshot(page, "67-compare-default-round")
    assert_accessible(page)


def test_touched_staff_screens_are_accessible_at_390(page, live_server, analysed_demo):
    flag = PersonalDataFlag.objects.filter(response__hearing=analysed_demo).first()
    passage = Passage.objects.filter(hearing=analysed_demo, stance="vet_ikke").first()
    base = f"{live_server.url}/admin/innspill/{analysed_demo.pk}"
    login(page, live_server, "saksbehandler")
    page.set_viewport_size({"width": 390, "height": 844})
    for name, url in [
        ("screening", f"{live_server.url}/admin/innspill/svar/{flag.response_id}/personvern/"),
        ("detail", f"{live_server.url}/admin/horinger/svar/{flag.response_id}/"),
        ("passage", f"{base}/utdrag/{passage.pk}/"),
        ("compare", f"{base}/sammenlign/"),
    ]:
        page.goto(url)  # (the goal table scrolls sideways on a phone)
        screenshot(page, f"68-staff-{name}-390")
        assert_accessible(page)


def test_approval_list_filters_fit_a_1280_screen(page, live_server, analysed_demo):
    wide(page)
    login(page, live_server, "saksbehandler")
    page.goto(f"{live_server.url}/admin/horinger/svar/")
    page.wait_for_selector("main table")
    toggle = page.locator("[data-w-dropdown-target=toggle], button:has-text('Filter')").first
    if toggle.count() and toggle.is_visible():
        toggle.click()
        page.wait_for_timeout(300)
    assert page.locator("select").evaluate_all("s => s.filter(x => x.offsetParent).length") > 0
    assert page.evaluate(SELECTS_CUT_OFF) == []
    screenshot(page, "69-approval-list-filters-1280")
    assert_accessible(page)
