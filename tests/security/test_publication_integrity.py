"""Nothing reaches the public unreviewed: edits, withheld passages and erasure (issue 17, rows
1, 2 and 4). Each test failed before its fix."""

from __future__ import annotations

import pytest

from hearings.models import Passage, PersonalDataFlag, ReviewStatus
from hearings.selectors import hearing_published_responses
from hearings.services import respondent_erase
from hearings.services.publication import response_withhold_passage
from search import service
from search.indexing import index_source
from tests.hearings.helpers import form_data

from .conftest import CONTACT_EMAIL, PUBLISHED, _response

pytestmark = pytest.mark.django_db
CHANGED = "ENDRET-ETTER-GODKJENNING-8H2"


def _public_keys(query: str) -> set[str]:
    return {hit.key for hit in service.search_public(query, per_page=100).hits}


def test_saving_an_approved_response_as_draft_sends_it_back_to_review(world, client):
    response = _response(world.open_hearing, text=PUBLISHED, suffix="09")
    assert response.review_status == ReviewStatus.APPROVED
    data = form_data(
        response.hearing,
        general_comment=f"Ny tekst {CHANGED}.",
        action="draft",
        version=str(response.version),
    )
    reply = client.post(world.edit_url(response), data)
    assert reply.status_code in (200, 302)
    response.refresh_from_db()
    assert CHANGED in response.general_comment
    assert response.status == "submitted"  # never falls back to a draft
    assert response.review_status == ReviewStatus.PENDING
    published = hearing_published_responses(hearing=response.hearing)
    assert all(CHANGED not in str(row) for row in published)


def test_withheld_passage_leaves_the_public_search_at_once(
    world, django_capture_on_commit_callbacks
):
    response = world.published
    answer = response.answers.first()
    answer.text = f"Svar {PUBLISHED}. Navnet Hemmelig Personsen skal ikke ut."
    answer.save()
    index_source(f"response:{response.pk}")
    world.closed_hearing.refresh_from_db()
    hits = {h.key: h for h in service.search_public("Personsen", per_page=100).hits}
    public_key = f"response:{response.pk}:public"
    if public_key not in hits:  # only findable after the deadline; the fixture's is past
        pytest.skip("published response not findable in this world")
    with django_capture_on_commit_callbacks(execute=True):
        response_withhold_passage(
            response=response,
            source="answer",
            source_id=answer.pk,
            passage="Navnet Hemmelig Personsen skal ikke ut.",
            reason="personopplysninger",
            user=None,
        )
    # No explicit re-index: the redaction itself must reach the index on commit.
    assert public_key not in _public_keys("Personsen")


def test_erasure_removes_the_text_from_passages_and_flags(world):
    response = world.published
    response.respondent_kind = "privatperson"
    response.save()
    Passage.objects.create(
        hearing=response.hearing,
        response=response,
        source="general_comment",
        source_id=None,
        index=0,
        start=0,
        end=10,
        text="Kari Hemmelig har vært syk lenge.",
    )
    PersonalDataFlag.objects.create(
        response=response,
        source="general_comment",
        start=0,
        end=12,
        kind="person_name",
        reason="Kari Hemmelig",
    )
    respondent_erase(email=CONTACT_EMAIL, user=None)
    assert not Passage.objects.filter(response=response).exists()
    assert not PersonalDataFlag.objects.filter(response=response).exists()
