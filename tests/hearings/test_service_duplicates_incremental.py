"""A response analysed on submission finds its duplicate group without a whole-hearing run."""

from __future__ import annotations

import pytest

from hearings.models import DuplicateGroup, Response, ResponseAnalysis
from hearings.services.analysis import analyse_hearing, analyse_response

from .test_service_analysis import CAMPAIGN, invented_texts, make_response, populate

pytestmark = pytest.mark.django_db

EDITED = CAMPAIGN.replace("halveres", "kortes ned")  # a campaign variant (near, not exact)


def _group_of(response) -> DuplicateGroup | None:
    return ResponseAnalysis.objects.get(response=response).duplicate_group


def test_new_copy_joins_the_existing_campaign_group(hearing):
    responses = populate(hearing)
    analyse_hearing(hearing)
    group = DuplicateGroup.objects.get(hearing=hearing)
    assert group.size == 2 and group.kind == "exact"

    copy = make_response(hearing, 300, {"Q1": CAMPAIGN})
    assert analyse_response(copy) > 0
    assert _group_of(copy) == group
    group.refresh_from_db()
    assert group.size == 3 and group.kind == "exact"
    assert group.key == str(min(responses[-1].pk, responses[-2].pk))  # stable key

    edited = make_response(hearing, 301, {"Q1": EDITED})
    analyse_response(edited)
    assert _group_of(edited) == group
    group.refresh_from_db()
    assert group.size == 4 and group.kind == "near"

    unrelated = make_response(hearing, 302, invented_texts(99))
    analyse_response(unrelated)
    assert _group_of(unrelated) is None

    # the next whole-hearing run agrees: same group (same key and row), same members
    members = set(group.members.values_list("response_id", flat=True))
    analyse_hearing(hearing)
    again = DuplicateGroup.objects.get(hearing=hearing)
    assert again.pk == group.pk and again.size == 4
    assert set(again.members.values_list("response_id", flat=True)) == members


def test_two_single_responses_form_a_new_group(hearing):
    populate(hearing, 4)
    analyse_hearing(hearing)
    letter = (
        "Vi i pårørendeforeningen ber om at kommunen får plikt til å kalle inn pårørende til et "
        "møte før utskrivning, og at avtalen skrives inn i forløpet."
    )
    first = make_response(hearing, 400, {"Q2": letter})
    analyse_response(first)
    assert _group_of(first) is None  # nothing to match yet
    second = make_response(hearing, 401, {"Q2": letter.replace("et møte", "ett møte")})
    analyse_response(second)
    group = _group_of(second)
    assert group is not None and _group_of(first) == group
    assert group.size == 2 and group.key == str(first.pk) and group.canonical_id == first.pk
    assert DuplicateGroup.objects.filter(hearing=hearing).count() == 2  # + the campaign


def test_edited_response_leaves_its_group(hearing):
    responses = populate(hearing, 4)
    analyse_hearing(hearing)
    group = DuplicateGroup.objects.get(hearing=hearing)
    leaving = responses[-1]
    leaving.answers.update(text="Vi har ingen merknader til forslaget om forløpskoordinator.")
    analyse_response(leaving)
    assert _group_of(leaving) is None
    # a group of one is no group
    assert not DuplicateGroup.objects.filter(pk=group.pk).exists()
    assert _group_of(responses[-2]) is None


def test_canonical_member_leaving_hands_over_to_the_next(hearing):
    responses = populate(hearing, 4)
    analyse_hearing(hearing)
    group = DuplicateGroup.objects.get(hearing=hearing)
    third = make_response(hearing, 500, {"Q1": CAMPAIGN})
    analyse_response(third)
    group.refresh_from_db()
    assert group.size == 3
    canonical = Response.objects.get(pk=group.canonical_id)
    # a small edit keeps the canonical member in its own group
    canonical.answers.update(text=EDITED)
    analyse_response(canonical)
    assert _group_of(canonical) == group
    # a rewrite takes it out; the smallest remaining member becomes canonical
    canonical.answers.update(text="Vi har ingen merknader til forslaget om forløpskoordinator.")
    analyse_response(canonical)
    assert _group_of(canonical) is None
    group.refresh_from_db()
    remaining = sorted({r.pk for r in (responses[-1], responses[-2], third)} - {canonical.pk})
    assert group.size == 2 and group.canonical_id == remaining[0]
    assert set(group.members.values_list("response_id", flat=True)) == set(remaining)
