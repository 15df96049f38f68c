"""A new pathway from the admin's blank form to the reader: blocks, schedule, four-eyes approval."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from guidelines.models import PathwayIndexPage, PathwayPage, PathwayVersion
from tests.browser.conftest import assert_accessible, login, screenshot, type_rich_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Pakkeforløp for testing i nettleser"


def add_block(page, label: str):
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    page.locator(".w-combobox__option", has_text=label).first.click()


def type_rich_text_in(page, selector: str, text: str):
    type_rich_text(page, page.locator(f"{selector} [contenteditable=true]").first, text)


def open_actions_menu(page):
    page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def fill_new_pathway(page):
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=short_name]", "Testforløpet")
    page.select_option("select[name=area]", index=1)
    page.select_option("select[name=language]", "nb")
    page.fill("textarea[name=target_group]", "Voksne som tester nettsider.")
    type_rich_text_in(page, "[data-contentpath=introduction]", "Forløpet beskriver en prøvetur.")

    add_block(page, "Fase")
    page.fill("input[name=body-0-value-heading]", "Utredning av testen")
    page.select_option("select[name=body-0-value-kind]", "utredning")
    type_rich_text_in(
        page, "[data-field-input]:has(#body-0-value-body)", "Utredningen tar kort tid."
    )

    add_block(page, "Forløpstider")
    page.fill("input[name=body-1-value-heading]", "Forløpstider for testen")
    page.fill("input[name=body-1-value-times-0-value-name]", "Fra henvisning til første samtale")
    page.fill("input[name=body-1-value-times-0-value-from_event]", "Henvisning mottatt")
    page.fill("input[name=body-1-value-times-0-value-to_event]", "Første samtale")
    page.fill("input[name=body-1-value-times-0-value-limit]", "14")
    page.select_option("select[name=body-1-value-times-0-value-unit]", "kalenderdager")

    page.locator("input[name=goals]").first.check()
    page.select_option("select[name=change_kind]", "substantive")
    page.fill("textarea[name=change_note]", "Først publisert.")


def set_go_live(page, when):
    page.click("button[data-side-panel-toggle=status]")
    page.click("button[data-a11y-dialog-show=schedule-publishing-dialog]")
    page.fill("#id_go_live_at", timezone.localtime(when).strftime("%d.%m.%Y %H:%M"))
    screenshot(page, "20b-admin-new-pathway-schedule")
    save = page.locator("#schedule-publishing-dialog button.action-save")
    save.dispatch_event("click")  # the open date picker covers the button


def wait_for_scheduled_draft(title: str, timeout: float = 20.0) -> PathwayPage:
    """The page once the schedule dialog's save has reached the database.

    Why wait: Wagtail's autosave creates the page (and moves the browser to its edit URL) while
    the form is still being filled, so the edit URL alone does not mean the explicit save is done.
    """
    deadline = time.monotonic() + timeout
    while True:
        found = PathwayPage.objects.filter(title=title).first()
        revision = found.latest_revision.as_object() if found and found.latest_revision else None
        if revision is not None and revision.go_live_at is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"no scheduled draft of {title!r} was saved within {timeout} s")
        time.sleep(0.2)


def test_editor_creates_schedules_and_a_second_editor_approves_a_new_pathway(
    page, live_server, demo_site
):
    index = PathwayIndexPage.objects.get()
    go_live = timezone.now() + timedelta(days=2)

    login(page, live_server, "redaktor1")
    page.goto(f"{live_server.url}/admin/pages/add/guidelines/pathwaypage/{index.pk}/")
    fill_new_pathway(page)
    screenshot(page, "20-admin-new-pathway-form")
    set_go_live(page, go_live)
    page.wait_for_url("**/admin/pages/*/edit/**")
    new = wait_for_scheduled_draft(TITLE)
    public_url = f"{live_server.url}{new.get_parent().url}{new.slug}/"
    assert not new.live
    body = new.latest_revision.as_object().body
    assert [block.block_type for block in body] == ["phase", "pathway_times"]
    assert body[1].value["times"][0]["limit"] == 14
    assert new.latest_revision.as_object().go_live_at is not None

    # The author cannot approve their own substantive text: it goes to the second editor.
    open_actions_menu(page)
    page.click("button[name=action-submit]")
    # The edit URL already matches any admin-pages pattern, so wait for the submission itself.
    for _ in range(100):
        new.refresh_from_db()
        if new.current_workflow_state is not None:
            break
        page.wait_for_timeout(150)
    assert new.current_workflow_state is not None and not new.live

    page.context.clear_cookies()
    login(page, live_server, "redaktor2")
    page.goto(f"{live_server.url}/admin/pages/{new.pk}/edit/")
    screenshot(page, "21-admin-new-pathway-awaiting-approval")
    open_actions_menu(page)
    page.locator("button[data-workflow-action-name='approve']").first.click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")
    screenshot(page, "22-admin-new-pathway-approved-and-scheduled")

    # Approved but scheduled: nothing public until the go-live time.
    new.refresh_from_db()
    assert not new.live
    assert new.scheduled_revision is not None
    assert page.request.get(public_url).status == 404

    # Time passes (moved through the ORM) and the scheduler publishes it.
    past = timezone.now() - timedelta(minutes=1)
    revision = new.scheduled_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    PathwayPage.objects.filter(pk=new.pk).update(go_live_at=past)
    call_command("publish_scheduled", verbosity=0)
    new.refresh_from_db()
    assert new.live
    (version,) = PathwayVersion.objects.filter(pathway=new)
    assert version.number == 1

    page.goto(public_url)
    main = page.inner_text("main")
    assert TITLE in main and "Utredning av testen" in main
    assert "14" in page.inner_text("main") and "kalenderdager" in main
    assert "Først publisert" in main
    screenshot(page, "23-admin-new-pathway-public")
    assert_accessible(page)
    page.goto(f"{public_url}versjoner/")
    assert page.locator("text=Versjon 1").first.is_visible()
    screenshot(page, "24-admin-new-pathway-history")
    assert_accessible(page)
