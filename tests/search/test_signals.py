"""Index changes follow saves and deletes, batched per transaction (search/signals.py)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks.signals import task_enqueued

from hearings.models import Passage
from search.indexing import BATCH
from search.models import SearchDocument
from tests.search.conftest import make_passage, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def response_with_passages(django_capture_on_commit_callbacks):
    from tests.hearings.helpers import make_hearing

    response = make_response(make_hearing(), ref="MANGE-1", text="Mange avsnitt.")
    texts = [f"Avsnitt nummer {i} om ventetid." for i in range(BATCH * 2 + 7)]
    Passage.objects.bulk_create(
        Passage(
            hearing=response.hearing,
            response=response,
            source="general_comment",
            index=i,
            start=0,
            end=len(text),
            text=text,
            language="nb",
        )
        for i, text in enumerate(texts)
    )
    from search.tasks import index_hearing_passages

    index_hearing_passages.enqueue(response.hearing_id)
    with django_capture_on_commit_callbacks(execute=True):
        response.save()
    return response


def _passage_documents() -> int:
    return SearchDocument.objects.filter(key__startswith="passage:").count()


def test_deleting_many_rows_queues_one_callback_and_removes_every_document(
    response_with_passages, django_capture_on_commit_callbacks
):
    assert _passage_documents() == BATCH * 2 + 7
    assert SearchDocument.objects.filter(key=f"response:{response_with_passages.pk}").exists()

    tasks = []

    def record(sender, task_result, **kwargs):
        tasks.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response_with_passages.delete()  # cascades: one post_delete per passage
    finally:
        task_enqueued.disconnect(record)

    # 2 * BATCH + 7 passages and the response: three tasks, not 1,008.
    assert tasks == ["index_sources"] * 3
    assert _passage_documents() == 0
    assert not SearchDocument.objects.filter(key__startswith="response:").exists()


def test_a_rolled_back_savepoint_drops_its_batch_and_later_changes_still_index(
    response_with_passages, django_capture_on_commit_callbacks
):
    response = response_with_passages
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                make_passage(response, text="Denne forsvinner.", index=9000)
                raise RuntimeError("avbrutt")
        except RuntimeError:
            pass
        kept = make_passage(response, text="Denne blir stående om forløpskoordinator.", index=9001)

    assert SearchDocument.objects.filter(key=f"passage:{kept.pk}").exists()
    assert not Passage.objects.filter(index=9000).exists()
    assert _passage_documents() == BATCH * 2 + 7 + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_change_is_indexed_at_once():
    from tests.hearings.helpers import make_hearing

    response = make_response(make_hearing(), ref="NAA-1", text="Straks indeksert.")
    assert SearchDocument.objects.filter(key=f"response:{response.pk}").exists()


def test_with_the_database_queue_changes_wait_as_rows_for_one_batch_task(
    settings, django_capture_on_commit_callbacks
):
    """A rush of submissions queues one batch task, not one task per submission."""
    from django_tasks_db.models import DBTaskResult

    from search.indexing import index_requested
    from search.models import IndexRequest
    from tests.hearings.helpers import make_hearing

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    hearing = make_hearing()
    with django_capture_on_commit_callbacks(execute=True):
        first = make_response(hearing, ref="RUSH-1", text="Første svar om ventetid.")
    with django_capture_on_commit_callbacks(execute=True):
        second = make_response(hearing, ref="RUSH-2", text="Andre svar om samhandling.")
    keys = {f"response:{first.pk}", f"response:{second.pk}"}
    assert keys <= set(IndexRequest.objects.values_list("key", flat=True))
    tasks = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert tasks.count("search.tasks.index_requested") == 1, tasks
    assert "search.tasks.index_sources" not in tasks
    assert not SearchDocument.objects.filter(key__in=keys).exists()

    index_requested()
    assert SearchDocument.objects.filter(key__in=keys).count() == 2
    assert not IndexRequest.objects.exists()
