"""Responses waiting for analysis are analysed in batches, and queued once per hearing per few
seconds rather than once per submission (issue 20)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from hearings import tasks
from hearings.models import DuplicateGroup, Passage, ResponseAnalysis
from hearings.services.analysis import (
    analyse_hearing,
    analyse_pending_responses,
    analyse_response,
    pending_response_ids,
)

from .test_service_analysis import CAMPAIGN, invented_texts, make_response, populate

pytestmark = pytest.mark.django_db


def _group_of(response) -> DuplicateGroup | None:
    return ResponseAnalysis.objects.get(response=response).duplicate_group


def test_a_batch_gives_what_one_task_per_response_gave(hearing):
    responses = populate(hearing, 6)
    analyse_hearing(hearing)
    letter = (
        "Vi i pårørendeforeningen ber om at kommunen får plikt til å kalle inn pårørende til et "
        "møte før utskrivning, og at avtalen skrives inn i forløpet."
    )
    new = [
        make_response(hearing, 300, {"Q1": CAMPAIGN}),  # joins the campaign group
        make_response(hearing, 301, {"Q2": letter}),  # these two form a new group
        make_response(hearing, 302, {"Q2": letter.replace("et møte", "ett møte")}),
        make_response(hearing, 303, invented_texts(99)),  # in no group
    ]
    assert pending_response_ids(hearing_id=hearing.pk) == [r.pk for r in new]

    assert analyse_pending_responses(hearing=hearing, batch_size=3) > 0

    assert pending_response_ids(hearing_id=hearing.pk) == []
    campaign = _group_of(responses[-1])
    assert _group_of(new[0]) == campaign and campaign.size == 3
    letters = _group_of(new[1])
    assert letters is not None and _group_of(new[2]) == letters
    assert letters.size == 2 and letters.key == str(new[1].pk) and letters.kind == "near"
    assert _group_of(new[3]) is None
    assert all(Passage.objects.filter(response=r).exists() for r in new)
    # nothing left to do: a second pass writes nothing
    assert analyse_pending_responses(hearing=hearing) == 0


def test_same_passages_as_one_response_at_a_time(hearing):
    populate(hearing, 4)
    analyse_hearing(hearing)
    one = make_response(hearing, 500, invented_texts(7))
    analyse_response(one)
    by_one = sorted(Passage.objects.filter(response=one).values_list("text", "goal_labels__goal"))
    two = make_response(hearing, 501, invented_texts(7))
    analyse_pending_responses(hearing=hearing)
    by_batch = sorted(Passage.objects.filter(response=two).values_list("text", "goal_labels__goal"))
    assert by_batch == by_one


def test_a_response_saved_again_waits_for_the_next_batch(hearing):
    populate(hearing, 3)
    analyse_pending_responses(hearing=hearing)
    assert pending_response_ids(hearing_id=hearing.pk) == []
    edited = make_response(hearing, 600, {"Q1": CAMPAIGN})
    analyse_pending_responses(hearing=hearing)
    edited.answers.update(text="Vi har ingen merknader til forslaget om forløpskoordinator.")
    type(edited).objects.filter(pk=edited.pk).update(updated_at=timezone.now() + timedelta(1))
    assert pending_response_ids(hearing_id=hearing.pk) == [edited.pk]
    analyse_pending_responses(hearing=hearing)
    assert pending_response_ids(hearing_id=hearing.pk) == []
    assert "merknader" in Passage.objects.filter(response=edited).first().text


def test_submissions_queue_one_task_per_hearing_while_one_waits(hearing):
    cache.clear()
    with mock.patch.object(tasks, "analyse_pending") as task:
        task.get_backend.return_value.supports_defer = True
        for _i in range(5):
            assert tasks.analysis_schedule(hearing.pk)
    assert task.using.return_value.enqueue.call_count == 1
    task.using.return_value.enqueue.assert_called_with(hearing.pk)
    run_after = task.using.call_args.kwargs["run_after"]
    assert run_after > timezone.now() + timedelta(seconds=tasks.ANALYSIS_BATCH_SECONDS - 2)


def test_without_a_deferring_backend_the_analysis_runs_at_once(hearing):
    response = make_response(hearing, 700, invented_texts(3))
    assert tasks.analysis_schedule(hearing.pk)  # test settings: the immediate backend
    assert ResponseAnalysis.objects.filter(response=response).exists()


def test_the_submission_task_only_queues_the_batch(hearing):
    cache.clear()
    response = make_response(hearing, 800, invented_texts(4))
    with mock.patch.object(tasks, "analyse_pending") as batch:
        batch.get_backend.return_value.supports_defer = True
        assert tasks.analyse_response.call(response.pk) == 0
        assert tasks.analyse_response.call(response.pk) == 0
    batch.using.return_value.enqueue.assert_called_once_with(hearing.pk)
    assert not ResponseAnalysis.objects.filter(response=response).exists()
    assert pending_response_ids(hearing_id=hearing.pk) == [response.pk]
