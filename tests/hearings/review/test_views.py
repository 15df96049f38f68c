"""The admin screens: who may see them, filters, drill-down and corrections through HTTP."""

import pytest
from django.urls import reverse

from hearings.models import GoalLabel

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def url(name, *args):
    return reverse(f"hearing_review:{name}", args=args)


@pytest.mark.parametrize("role", ["reviewer", "superuser"])
def test_reviewers_and_superusers_see_workspace_and_contact_details(client, world, role):
    client.force_login(make_user("u", **{role: True}))
    h = world.hearing.pk
    for target in (
        url("index"),
        url("overview", h),
        url("goal", h, "G3"),
        url("passages", h),
        url("queue", h),
        url("agreement", h),
        url("compare", h),
        url("screening_list", h),
        url("changes", h),
        url("report", h),
    ):
        assert client.get(target).status_code == 200, target
    page = client.get(url("passage", h, world.passages["P5"].pk)).content.decode()
    assert "r4@example.org" in page and "Per Privat" in page


def test_editor_without_reviewer_role_gets_403_everywhere(client, world):
    client.force_login(make_user("ed", editor=True))
    h = world.hearing.pk
    for target in (
        url("index"),
        url("overview", h),
        url("passages", h),
        url("passage", h, world.passages["P5"].pk),
        url("export", h, "svar", "csv"),
        url("report_file", h, "pdf"),
        url("screening", world.responses["R4"].pk),
    ):
        response = client.get(target)
        assert response.status_code == 403, target
        assert b"r4@example.org" not in response.content
    response = client.post(
        url("passage", h, world.passages["P1"].pk),
        {"action": "goal", "goal": "G1", "assigned": "0"},
    )
    assert response.status_code == 403
    assert not GoalLabel.objects.filter(source="human").exists()


def test_menu_item_only_for_reviewers(client, world):
    client.force_login(make_user("ed", editor=True))
    assert "Innspillsanalyse" not in client.get("/admin/").content.decode()
    client.force_login(make_user("sb", reviewer=True))
    assert "Innspillsanalyse" in client.get("/admin/").content.decode()


def test_overview_matrix_cell_links_to_filtered_list(client, world):
    client.force_login(make_user("sb", reviewer=True))
    h = world.hearing
    q1 = h.questions.get(code="Q1").pk
    page = client.get(url("overview", h.pk)).content.decode()
    link = f"{url('passages', h.pk)}?goal=G3&amp;question={q1}"
    assert link in page
    listing = client.get(f"{url('passages', h.pk)}?goal=G3&question={q1}")
    assert listing.context["page_obj"].paginator.count == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("goal=G2", {"P5", "P6", "P7"}),
        ("goal=G2&question=none", {"P7"}),
        ("category=kommune", {"P3", "P4", "P8"}),
        ("category=kommune&goal=G3", {"P3", "P4"}),
        ("stance=nei", {"P3", "P4"}),
        ("confidence=lav", {"P2", "P5", "P8"}),
        ("confidence=hoy", {"P1", "P7"}),
        ("q=ventetiden", {"P2", "P3", "P4"}),
        ("source=pathway_comment", {"P7"}),
        ("section=sec-1", {"P7"}),
        ("reviewed=ja", set()),
    ],
)
def test_passage_filters_combine(client, world, query, expected):
    client.force_login(make_user("sb", reviewer=True))
    response = client.get(f"{url('passages', world.hearing.pk)}?{query}")
    ids = {p.pk for p in response.context["page_obj"].object_list}
    assert ids == {world.passages[k].pk for k in expected}


def test_theme_pathway_and_duplicate_filters(client, world):
    client.force_login(make_user("sb", reviewer=True))
    base = url("passages", world.hearing.pk)
    theme = client.get(f"{base}?theme={world.themes['T1'].pk}").context["page_obj"].object_list
    assert {p.pk for p in theme} == {world.passages["P1"].pk, world.passages["P6"].pk}
    dup = client.get(f"{base}?duplicate_group={world.group.pk}").context["page_obj"].object_list
    assert {p.pk for p in dup} == {world.passages[k].pk for k in ("P3", "P4", "P8")}
    pathway = (
        client.get(f"{base}?pathway={world.proposal.pathway_id}").context["page_obj"].object_list
    )
    assert {p.pk for p in pathway} == {world.passages["P7"].pk}


def test_invalid_filter_value_is_ignored_not_an_error(client, world):
    client.force_login(make_user("sb", reviewer=True))
    response = client.get(f"{url('passages', world.hearing.pk)}?category=nonsense&goal=G3")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3


def test_queue_lists_least_confident_first(client, world):
    client.force_login(make_user("sb", reviewer=True))
    rows = client.get(url("queue", world.hearing.pk)).context["page_obj"].object_list
    assert [p.pk for p in rows][:2] == [world.passages["P8"].pk, world.passages["P5"].pk]


def test_correcting_goal_through_the_screen_changes_the_overview(client, world):
    reviewer = make_user("sb", reviewer=True)
    client.force_login(reviewer)
    h = world.hearing.pk
    p2 = world.passages["P2"]
    page = client.get(url("passage", h, p2.pk)).content.decode()
    assert '<mark id="passage-text">Ventetiden er for lang.</mark>' in page
    response = client.post(
        url("passage", h, p2.pk), {"action": "goal", "goal": "G3", "assigned": "0"}
    )
    assert response.status_code == 302
    overview = client.get(url("overview", h))
    g3 = next(r for r in overview.context["matrix"]["rows"] if r["goal"] == "G3")
    assert g3["total"] == 2
    detail = client.get(url("passage", h, p2.pk)).content.decode()
    assert "Mål endret av saksbehandler" in detail
    client.post(url("passage", h, p2.pk), {"action": "flagged", "value": "1"})
    p2.refresh_from_db()
    assert p2.is_flagged


def test_goal_view_rename_error_keeps_typed_text(client, world):
    client.force_login(make_user("sb", reviewer=True))
    theme = world.themes["T3"]
    response = client.post(
        url("goal", world.hearing.pk, "G3"), {"action": "rename", "theme": theme.pk, "label": " "}
    )
    assert response.status_code == 200
    assert "Skriv et navn på temaet." in response.content.decode()
    response = client.post(
        url("goal", world.hearing.pk, "G3"),
        {"action": "merge", "theme": world.themes["T3b"].pk, "target": theme.pk},
    )
    assert response.status_code == 302
    world.themes["T3b"].refresh_from_db()
    assert world.themes["T3b"].merged_into == theme


def test_back_link_only_points_into_the_admin(client, world):
    client.force_login(make_user("sb", reviewer=True))
    target = url("passage", world.hearing.pk, world.passages["P1"].pk)
    assert client.get(target + "?next=javascript:alert(1)").context["next_url"] == ""
    assert client.get(target + "?next=//evil.example/admin/").context["next_url"] == ""
    assert client.get(target + "?next=/admin/innspill/").context["next_url"] == "/admin/innspill/"


def test_passage_page_shows_the_whole_response(client, world):
    client.force_login(make_user("sb", reviewer=True))
    page = client.get(url("passage", world.hearing.pk, world.passages["P1"].pk)).content.decode()
    assert 'id="full-response"' in page
    assert "Nyttig for pasienter." in page  # R1's answer to Q2
    assert "Forløpskoordinator må ha mandat." in page  # R1's pathway comment
