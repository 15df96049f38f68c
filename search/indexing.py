"""Keeping the indexes in step: apply a source's documents, queue what Elasticsearch missed.

Every change is written to the database copy (``SearchDocument``) first; that copy is both the
database backend's index and the source Elasticsearch is fed from. When Elasticsearch is enabled
but unreachable, the document keys go to ``PendingChange`` and :func:`catch_up` sends their
current state later, in order, deleting queue rows only after Elasticsearch accepted them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from guidelines.models import PathwayVersion
from hearings.models import Passage, Response

from .backends.base import BackendUnavailable
from .documents import PAGE_KINDS, documents_for, passage_documents_batch
from .models import IndexRequest, PendingChange, SearchDocument

logger = logging.getLogger(__name__)
BATCH = 500


def elasticsearch_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL) and settings.SEARCH_BACKEND == "elasticsearch"


def _es():
    # lazy: the Elasticsearch client is loaded only when that backend is configured.
    from .backends import elasticsearch

    return elasticsearch


def save_documents(changes: dict[str, dict | None]) -> None:
    """Write documents to the database copy (None deletes)."""
    deletes = [key for key, data in changes.items() if data is None]
    if deletes:
        SearchDocument.objects.filter(key__in=deletes).delete()
    rows = [SearchDocument(key=key, **data) for key, data in changes.items() if data is not None]
    if rows:
        fields = [f.name for f in SearchDocument._meta.fields if f.name not in {"id", "key"}]
        now = timezone.now()
        for row in rows:
            row.updated_at = now
        SearchDocument.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["key"], update_fields=fields
        )


def push_to_elasticsearch(changes: dict[str, dict | None]) -> bool:
    """Send changes to Elasticsearch, or queue their keys when it cannot be reached."""
    if not elasticsearch_enabled() or not changes:
        return True
    try:
        if PendingChange.objects.exists():
            catch_up()
        _es().write(changes)
        return True
    except BackendUnavailable as exc:
        logger.warning("Elasticsearch unavailable, %d change(s) queued: %s", len(changes), exc)
        PendingChange.objects.bulk_create(
            [PendingChange(key=key, last_error=str(exc)[:500]) for key in changes]
        )
        return False


def index_source(source_key: str) -> dict[str, dict | None]:
    """Re-index everything one source object produces (the task body)."""
    changes = documents_for(source_key)
    with transaction.atomic():
        save_documents(changes)
    push_to_elasticsearch(changes)
    return changes


def index_sources(source_keys: list[str]) -> int:
    """Re-index many source objects at once: one write to each backend per call.

    Passages (the bulk of every large change, e.g. deleting a hearing) are built with a constant
    number of queries; a passage that no longer exists has its document deleted.
    """
    passage_ids = [int(key.split(":", 1)[1]) for key in source_keys if key.startswith("passage:")]
    changes: dict[str, dict | None] = passage_documents_batch(passage_ids)
    changes.update({f"passage:{pk}": None for pk in passage_ids if f"passage:{pk}" not in changes})
    for key in source_keys:
        if not key.startswith("passage:"):
            changes.update(documents_for(key))
    with transaction.atomic():
        save_documents(changes)
    push_to_elasticsearch(changes)
    return len(changes)


def index_requested(*, batch: int = BATCH) -> int:
    """Index every key waiting in ``IndexRequest``, ``batch`` rows at a time; returns the number
    of documents written. Rows are deleted by id once indexed, so a key requested meanwhile (even
    with a lower id from a transaction that committed late) is never dropped unindexed; two
    batch tasks at once only index some keys twice."""
    written = 0
    while True:
        rows = list(IndexRequest.objects.order_by("pk").values_list("pk", "key")[:batch])
        if not rows:
            return written
        written += index_sources(list(dict.fromkeys(key for _pk, key in rows)))
        IndexRequest.objects.filter(pk__in=[pk for pk, _key in rows]).delete()


def catch_up(*, batch: int = BATCH) -> int:
    """Apply queued changes to Elasticsearch; returns how many were applied.

    Raises BackendUnavailable if Elasticsearch is still away (the queue is kept).
    """
    applied = 0
    while True:
        pending = list(PendingChange.objects.order_by("pk")[:batch])
        if not pending:
            return applied
        keys = list(dict.fromkeys(p.key for p in pending))
        docs = {d.key: d for d in SearchDocument.objects.filter(key__in=keys)}
        changes = {key: _row_data(docs[key]) if key in docs else None for key in keys}
        _es().write(changes)
        PendingChange.objects.filter(pk__lte=pending[-1].pk).delete()
        applied += len(keys)


def _row_data(doc: SearchDocument) -> dict:
    return {
        f.name: getattr(doc, f.name)
        for f in SearchDocument._meta.fields
        if f.name not in {"id", "key", "updated_at"}
    }


# Rebuild ---------------------------------------------------------------------------------------


def source_keys() -> Iterator[str]:
    """Every non-passage source that may produce documents."""

    for page in Page.objects.live().specific().iterator():
        if page.specific_class.__name__.lower() in PAGE_KINDS:
            yield f"page:{page.pk}"
    for pk in PathwayVersion.objects.values_list("pk", flat=True).iterator():
        yield f"version:{pk}"
    for pk in Response.objects.filter(status="submitted").values_list("pk", flat=True).iterator():
        yield f"response:{pk}"


def passage_ids() -> list[int]:
    return list(Passage.objects.filter(response__status="submitted").values_list("pk", flat=True))


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rebuild_database(progress: Callable[[int], None] = lambda n: None) -> int:
    """Rebuild the database copy; documents no source produces any more are removed."""
    started = timezone.now()
    count = 0
    for key in source_keys():
        save_documents(documents_for(key))
        count += 1
        progress(1)
    for ids in _chunks(passage_ids(), BATCH):
        save_documents(passage_documents_batch(ids))
        count += len(ids)
        progress(len(ids))
    SearchDocument.objects.filter(updated_at__lt=started).delete()
    return count


def _all_rows(batch: int = 2000) -> Iterator[tuple[str, dict]]:
    """Every document of the database copy as (key, data), read in primary-key pages as plain
    values (no model instances: this is the rebuild's hot loop)."""
    fields = [f.name for f in SearchDocument._meta.fields if f.name not in {"updated_at"}]
    last = 0
    while True:
        rows = list(
            SearchDocument.objects.filter(pk__gt=last).order_by("pk").values(*fields)[:batch]
        )
        if not rows:
            return
        last = rows[-1]["id"]
        for row in rows:
            row.pop("id")
            yield row.pop("key"), row


def rebuild_elasticsearch(progress: Callable[[int], None] = lambda n: None) -> str:
    """Copy the database index into a NEW Elasticsearch index, then swap the alias to it.

    The new index is filled without refreshes or replicas (both restored before the swap).
    Changes made while copying went to the old index (through the alias) and to the database
    copy; they are re-sent to the new index right after the swap, so nothing is lost.
    """
    es = _es()
    name = f"{es.alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{int(time.time() * 1000) % 1000}"
    started = timezone.now()
    es.create_index(name, bulk_load=True)
    es.bulk_load(_all_rows(), index=name, progress=progress)
    es.finish_bulk_load(name)
    es.swap_alias(name)
    late = SearchDocument.objects.filter(updated_at__gte=started)
    es.write({r.key: _row_data(r) for r in late})
    catch_up()  # deletions queued while copying
    return name


def total_sources() -> int:
    return (
        Page.objects.live().count()
        + PathwayVersion.objects.count()
        + Response.objects.filter(status="submitted").count()
        + Passage.objects.count()
    )
