"""The passage list's text filter goes through the search service: inflections and compounds.

Hand-counted against ``build_world``: "Ventetiden" occurs in P2, P3, P4 (all G3);
"Forløpskoordinator" in P7 (G2). The same texts in a second hearing must never leak in.
"""

import pytest
from django.urls import reverse

from hearings.review import selectors

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    # The search index is written on commit (search/signals.py); run those callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


@pytest.fixture
def other_round(django_capture_on_commit_callbacks):
    """The same texts in another hearing, so restricting to the hearing is tested."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_world(slug="horing-2018", pathway_slug="tsb-2018", prefix="X")


@pytest.fixture
def reviewer():
    return make_user("saksbehandler", reviewer=True)


def ids(world, *names):
    return {world.passages[n].pk for n in names}


def found(world, user, **filters):
    qs = selectors.passages_filtered(hearing=world.hearing, filters=filters, user=user)
    return set(qs.values_list("pk", flat=True))


def test_inflected_query_with_goal_filter(world, other_round, reviewer):
    # a plain substring match finds nothing: no passage contains "ventetider"
    assert not world.hearing.passages.filter(text__icontains="ventetider").exists()
    assert found(world, reviewer, q="ventetider", goal="G3") == ids(world, "P2", "P3", "P4")
    assert found(world, reviewer, q="ventetider", goal="G1") == set()
    assert found(world, reviewer, q="ventetida", goal="G3", category="kommune") == ids(
        world, "P3", "P4"
    )


def test_compound_query_with_goal_filter(world, other_round, reviewer):
    assert not world.hearing.passages.filter(text__icontains="koordinatorer").exists()
    assert found(world, reviewer, q="koordinatorer", goal="G2") == ids(world, "P7")
    assert found(world, reviewer, q="koordinatorer", goal="G3") == set()
    # every word must match: "koordinator" is in P7 but "ventetid" is not
    assert found(world, reviewer, q="koordinator ventetid") == set()


def test_other_hearing_never_leaks_in(world, other_round, reviewer):
    mine = found(world, reviewer, q="ventetider")
    theirs = set(
        selectors.passages_filtered(
            hearing=other_round.hearing, filters={"q": "ventetider"}, user=reviewer
        ).values_list("pk", flat=True)
    )
    assert mine == ids(world, "P2", "P3", "P4")
    assert theirs == ids(other_round, "P2", "P3", "P4")


def test_text_filter_needs_a_reviewer(world):
    with pytest.raises(TypeError):
        selectors.passages_filtered(hearing=world.hearing, filters={"q": "ventetid"})
    with pytest.raises(PermissionError):
        selectors.passage_text_matches(
            query="ventetid", user=make_user("redaktor", editor=True), hearing_id=world.hearing.pk
        )


def test_passage_list_view_counts(client, world, other_round, reviewer):
    client.force_login(reviewer)
    base = reverse("hearing_review:passages", args=[world.hearing.pk])
    page = client.get(base, {"q": "ventetider", "goal": "G3"}).content.decode()
    assert '<strong id="result-count">3 tekstutdrag</strong>' in page
    page = client.get(base, {"q": "koordinatorer", "goal": "G2"}).content.decode()
    assert '<strong id="result-count">1 tekstutdrag</strong>' in page
    assert "Forløpskoordinator må ha mandat." in page
    export = reverse("hearing_review:export", args=[world.hearing.pk, "utdrag", "csv"])
    body = client.get(export, {"q": "ventetider", "goal": "G3"}).content.decode("utf-8-sig")
    assert len([line for line in body.splitlines() if line.strip()]) == 1 + 3
