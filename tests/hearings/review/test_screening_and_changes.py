"""Publication screening of personal-data flags; linking themes to adopted changes; comparing rounds."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearings.models import PersonalDataFlag, Redaction, Theme, ThemeChangeLink
from hearings.review import selectors, services
from hearings.selectors import response_public_view

from ..helpers import adopt_with_approval, make_hearing
from .factories import build_world, make_theme, make_user

pytestmark = pytest.mark.django_db


def test_accepting_a_flag_creates_a_redaction_with_the_same_offsets(client):
    world = build_world()
    reviewer = make_user("sb", reviewer=True)
    client.force_login(reviewer)
    flag = world.flag
    page = client.get(reverse("hearing_review:screening", args=[flag.response_id])).content.decode()
    assert "<mark>Brukere</mark>" in page
    client.post(
        reverse("hearing_review:screening", args=[flag.response_id]),
        {"flag": flag.pk, "action": "accept", "start": "0", "end": "7"},
    )
    flag.refresh_from_db()
    assert flag.decision == "accepted" and flag.decided_by == reviewer
    redaction = flag.redaction
    assert (redaction.source, redaction.source_id, redaction.start, redaction.end) == (
        "answer",
        flag.source_id,
        0,
        7,
    )
    public = response_public_view(response=flag.response)
    assert public["answers"][0]["text"]["text"].startswith("[Tekst holdt tilbake")
    with pytest.raises(ValidationError):
        services.personal_data_flag_accept(flag=flag, user=reviewer)


def test_edited_offsets_outside_text_are_refused_and_dismiss_works():
    world = build_world()
    reviewer = make_user("sb", reviewer=True)
    with pytest.raises(ValidationError):
        services.personal_data_flag_accept(flag=world.flag, user=reviewer, start=0, end=9999)
    assert not Redaction.objects.exists()
    services.personal_data_flag_dismiss(flag=world.flag, user=reviewer)
    assert PersonalDataFlag.objects.get().decision == "dismissed"
    assert not selectors.responses_with_open_flags(hearing=world.hearing).exists()


def test_attachment_flags_cannot_be_redacted_as_text():
    world = build_world()
    flag = PersonalDataFlag.objects.create(
        response=world.responses["R1"],
        source="attachment",
        start=0,
        end=3,
        kind="phone",
        reason="x",
    )
    with pytest.raises(ValidationError):
        services.personal_data_flag_accept(flag=flag, user=make_user("sb", reviewer=True))


def test_link_theme_to_adopted_change_shows_on_public_history(client):
    world = build_world(deadline=timezone.localdate() - timedelta(days=1))
    editor = make_user("boss", superuser=True)
    adoption = adopt_with_approval(
        hearing=world.hearing,
        proposal=world.proposal,
        requester=editor,
        approver=make_user("boss2", superuser=True),
    )
    version = adoption.version
    sections = selectors.version_sections(version=version)
    assert sections
    section_id, heading = sections[0]
    client.force_login(make_user("sb", reviewer=True))
    response = client.post(
        reverse("hearing_review:changes", args=[world.hearing.pk]),
        {
            "theme": world.themes["T3"].pk,
            "target": f"{version.pk}|{section_id}",
            "note": "Kortere frist",
        },
    )
    assert response.status_code == 302
    link = ThemeChangeLink.objects.get()
    assert (link.theme, link.version, link.section_heading) == (
        world.themes["T3"],
        version,
        heading,
    )
    pathway = world.proposal.pathway
    history = client.get(pathway.url + "versjoner/").content.decode()
    assert "Endret som følge av innspill: Ventetid" in history
    from hearings.review import report

    assert "Endret som følge av innspill:" in report.render_html(hearing=world.hearing)


def test_link_to_version_not_adopted_from_this_hearing_is_refused():
    world = build_world()
    from guidelines.models import PathwayVersion

    version = PathwayVersion.objects.filter(pathway_id=world.proposal.pathway_id).first()
    with pytest.raises(ValidationError):
        services.theme_change_link_create(
            theme=world.themes["T1"],
            version=version,
            section_id="x",
            section_heading="",
            note="",
            user=None,
        )


def test_compare_rounds_marks_themes_raised_again_and_new(client):
    later = build_world()
    earlier_hearing = build_world(
        slug="horing-2018", prefix="E", deadline=timezone.localdate() - timedelta(days=2000)
    ).hearing
    Theme.objects.filter(hearing=earlier_hearing, goal="G3").delete()
    make_theme(earlier_hearing, "G3", "Lang ventetid på utredning", ["ventetid", "utredning"])
    make_theme(earlier_hearing, "G3", "Digitale løsninger", ["digital"])
    result = selectors.compare_rounds(earlier=earlier_hearing, later=later.hearing, goal="G3")
    again = {r["theme"].label: r["shared"] for r in result["again"]}
    assert again == {"Ventetid": ["ventetid"]}
    assert [r["theme"].label for r in result["new"]] == ["Finansiering"]
    assert "Digitale løsninger" in [r["theme"].label for r in result["dropped"]]
    assert earlier_hearing in selectors.comparable_hearings(hearing=later.hearing)
    client.force_login(make_user("sb", reviewer=True))
    page = client.get(
        reverse("hearing_review:compare", args=[later.hearing.pk])
        + f"?med={earlier_hearing.pk}&mal=G3"
    ).content.decode()
    assert "tatt opp igjen" in page and "nytt" in page


def test_compare_rounds_leaves_the_catch_all_theme_out_of_again_and_new(client):
    later = build_world()
    earlier = build_world(
        slug="horing-2018", prefix="E", deadline=timezone.localdate() - timedelta(days=2000)
    ).hearing
    Theme.objects.filter(hearing=earlier, goal="G3").delete()
    make_theme(earlier, "G3", "Lang ventetid", ["ventetid"])
    make_theme(earlier, "G3", "Digitale løsninger", ["digital"])
    for hearing in (later.hearing, earlier):
        other = make_theme(hearing, "G3", "Annet")
        Theme.objects.filter(pk=other.pk).update(key="other")
    result = selectors.compare_rounds(earlier=earlier, later=later.hearing, goal="G3")

    def labels(rows):
        return sorted(r["theme"].label for r in rows)

    assert labels(result["again"]) == ["Ventetid"]  # not "Annet", though the labels are equal
    assert labels(result["new"]) == ["Finansiering"]
    assert labels(result["dropped"]) == ["Digitale løsninger"]
    assert "Annet" in labels(result["later"]) and "Annet" in labels(result["earlier"])


def test_compare_defaults_to_a_round_with_passages(client):
    later = build_world()
    earlier = build_world(
        slug="horing-2018", prefix="E", deadline=timezone.localdate() - timedelta(days=2000)
    ).hearing
    empty_open = make_hearing(
        proposals=[later.proposal], slug="apen", deadline=timezone.localdate() + timedelta(days=30)
    )
    others = selectors.comparable_hearings(hearing=later.hearing)
    assert others[0] == empty_open  # latest deadline first
    assert selectors.default_comparison(hearing=later.hearing, others=others) == earlier
    client.force_login(make_user("sb", reviewer=True))
    page = client.get(reverse("hearing_review:compare", args=[later.hearing.pk])).content.decode()
    assert f'<option value="{earlier.pk}" selected>' in page


def test_compare_defaults_to_the_latest_earlier_round_with_themes(client):
    later = build_world()
    themeless = build_world(
        slug="horing-2021", prefix="M", deadline=timezone.localdate() - timedelta(days=900)
    ).hearing
    Theme.objects.filter(hearing=themeless).delete()
    earliest = build_world(
        slug="horing-2018", prefix="E", deadline=timezone.localdate() - timedelta(days=2000)
    ).hearing
    others = selectors.comparable_hearings(hearing=later.hearing)
    assert themeless in others  # it has passages, so the old rule picked it
    assert selectors.default_comparison(hearing=later.hearing, others=others) == earliest
    client.force_login(make_user("sb", reviewer=True))
    page = client.get(reverse("hearing_review:compare", args=[later.hearing.pk])).content.decode()
    assert f'<option value="{earliest.pk}" selected>' in page
    assert "ingen temaer ennå" in page  # the themeless round says so in the list
    assert 'id="compare-selection"' in page
