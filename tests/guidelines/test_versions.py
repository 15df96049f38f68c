"""Substantive publishes make numbered versions; editorial ones are logged without renumbering."""

import pytest

from guidelines.models import PathwayChange, PathwayVersion
from guidelines.selectors import pathway_version_summary
from tests.conftest import make_pathway, publish_change, section, times_section

pytestmark = pytest.mark.django_db


def test_first_publication_is_version_one(pathway_index):
    page = make_pathway(pathway_index)
    version = PathwayVersion.objects.get(pathway=page)
    assert version.number == 1
    assert version.content["title"] == "Testforløp"
    assert PathwayChange.objects.get(pathway=page).kind == "substantive"


def test_substantive_publish_creates_next_version(pathway_index):
    page = make_pathway(pathway_index)
    publish_change(
        page,
        body=[section("a", "Henvisning", "Ny tekst."), times_section(7)],
        note="Kortere frist.",
    )
    numbers = list(
        PathwayVersion.objects.filter(pathway=page)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == [1, 2]
    latest = PathwayVersion.objects.get(pathway=page, number=2)
    assert latest.change_note == "Kortere frist."
    assert latest.content["body"][1]["value"]["times"][0]["limit"] == 7


def test_editorial_publish_keeps_number_but_is_logged_and_updates_text(pathway_index):
    page = make_pathway(pathway_index)
    publish_change(
        page,
        body=[section("a", "Henvisning", "Rettet skrivefeil."), times_section()],
        kind="editorial",
        note="Skrivefeil.",
    )
    assert PathwayVersion.objects.filter(pathway=page).count() == 1
    version = PathwayVersion.objects.get(pathway=page)
    assert "Rettet skrivefeil." in version.content["body"][0]["value"]["body"]
    assert version.last_editorial_change_at is not None
    kinds = list(
        PathwayChange.objects.filter(pathway=page).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == ["substantive", "editorial"]


def test_summary_has_first_published_and_last_substantive_change(pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, kind="editorial", note="Lenker.")
    publish_change(page, note="Faglig.")
    summary = pathway_version_summary(pathway=page)
    assert summary["number"] == 2
    assert summary["count"] == 2
    assert summary["first_published_at"] <= summary["last_substantive_change_at"]


def test_repeated_signal_for_same_revision_records_once(pathway_index):
    from guidelines.services import pathway_record_publication

    page = make_pathway(pathway_index)
    revision = page.live_revision
    pathway_record_publication(pathway=page, revision=revision)
    assert PathwayChange.objects.filter(revision=revision).count() == 1
    assert PathwayVersion.objects.filter(pathway=page).count() == 1


def test_block_ids_survive_versions_so_sections_align(pathway_index):
    page = make_pathway(pathway_index)
    publish_change(
        page, body=[times_section(5), section("a", "Henvisning", "Tekst om henvisning.")]
    )
    v1, v2 = PathwayVersion.objects.filter(pathway=page).order_by("number")
    ids_v1 = {b["id"] for b in v1.content["body"]}
    ids_v2 = {b["id"] for b in v2.content["body"]}
    assert ids_v1 == ids_v2


def test_scheduled_substantive_change_becomes_a_version_when_it_goes_live(pathway_index):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision

    page = make_pathway(pathway_index).get_latest_revision_as_object()
    page.body = [section("a", "Henvisning", "Planlagt endring."), times_section(5)]
    page.change_kind, page.change_note = "substantive", "Planlagt."
    page.go_live_at = timezone.now() + timedelta(hours=2)
    revision = page.save_revision()
    revision.publish()
    assert PathwayVersion.objects.filter(pathway=page).count() == 1  # scheduled, not yet live

    # Let the clock pass the scheduled time, as far as the revision is concerned.
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    latest = PathwayVersion.objects.filter(pathway=page).order_by("-number").first()
    assert latest.number == 2 and latest.change_note == "Planlagt."
