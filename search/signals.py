"""Follows publishing and feedback through Django/Wagtail signals, so other apps stay untouched.

Handlers only enqueue tasks after the transaction commits; the tasks do the work.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from guidelines.models import PathwayVersion
from hearings.models import (
    AnalysisRun,
    GoalLabel,
    Passage,
    PassageTheme,
    PersonalDataFlag,
    Redaction,
    Response,
)

from .documents import PAGE_KINDS
from .indexing import BATCH
from .models import IndexRequest
from .tasks import index_hearing_passages, index_requested, index_sources

_local = threading.local()


def _pending() -> dict[str, None]:
    if not hasattr(_local, "keys"):
        _local.keys = {}
    return _local.keys


#: With a task queue that can defer (the database queue in production), changed keys wait this
#: long and are then indexed in one batch; see ``IndexRequest``.
BATCH_SECONDS = 5
BATCH_MARK = "search:index-batch-queued"


def _flush() -> None:
    """Send every key waiting in this thread to be indexed.

    The first commit callback of a transaction sends them all; the others find nothing left.
    Keys left over from a rolled-back transaction go out with the next commit: re-indexing
    reads the current state, so that is harmless. With a queue that can defer, the keys are
    stored as ``IndexRequest`` rows and one batch task per ``BATCH_SECONDS`` (and process) indexes
    them all; otherwise (in-process tasks) they go as tasks of ``indexing.BATCH`` keys each.
    """
    keys = list(_pending())
    _local.keys = {}
    if not keys:
        return
    if index_requested.get_backend().supports_defer:
        if len(keys) == 1:  # a submission's one key: one statement, no transaction of its own
            IndexRequest.objects.create(key=keys[0])
        else:
            IndexRequest.objects.bulk_create([IndexRequest(key=k) for k in keys], batch_size=BATCH)
        if cache.add(BATCH_MARK, 1, BATCH_SECONDS):
            run_after = timezone.now() + timedelta(seconds=BATCH_SECONDS)
            index_requested.using(run_after=run_after).enqueue()
        return
    for start in range(0, len(keys), BATCH):
        index_sources.enqueue(keys[start : start + BATCH])


def _enqueue(source_key: str) -> None:
    """Index ``source_key`` once the current transaction commits (at once outside one).

    Deleting a hearing deletes its passages row by row (a post_delete each); one task per key
    would queue 100,000 tasks of one write each. Collecting the keys until commit makes that
    one task per ``indexing.BATCH`` keys.
    """
    _pending()[source_key] = None
    # robust: a search problem must never break the save that triggered it.
    transaction.on_commit(_flush, robust=True)


def _is_indexed_page(instance) -> bool:
    return type(instance).__name__.lower() in PAGE_KINDS


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if _is_indexed_page(instance):
        _enqueue(f"page:{instance.pk}")


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and _is_indexed_page(instance):
        _enqueue(f"page:{instance.pk}")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """A login put on (or taken off) a page changes what is public below it: the pages and
    the older versions of every pathway there."""
    pages = Page.objects.descendant_of(instance.page, inclusive=True)
    for pk in pages.values_list("pk", flat=True):
        _enqueue(f"page:{pk}")
    for pk in PathwayVersion.objects.filter(pathway__in=pages).values_list("pk", flat=True):
        _enqueue(f"version:{pk}")


@receiver(post_save, sender=PathwayVersion)
@receiver(post_delete, sender=PathwayVersion)
def version_changed(sender, instance, **kwargs):
    """A new version turns the previous one into an 'older version': re-index them all."""
    for pk in PathwayVersion.objects.filter(pathway_id=instance.pathway_id).values_list(
        "pk", flat=True
    ):
        _enqueue(f"version:{pk}")
    _enqueue(f"version:{instance.pk}")


@receiver(post_save, sender=Response)
@receiver(post_delete, sender=Response)
def response_changed(sender, instance, **kwargs):
    """Submit, approve, withhold and edits all save the response."""
    _enqueue(f"response:{instance.pk}")


@receiver(post_save, sender=Redaction)
@receiver(post_delete, sender=Redaction)
@receiver(post_save, sender=PersonalDataFlag)
@receiver(post_delete, sender=PersonalDataFlag)
def withheld_text_changed(sender, instance, **kwargs):
    """Text withheld by staff (a redaction, an accepted personal-data flag) or released again:
    the public document is rebuilt from the response's public view on commit."""
    _enqueue(f"response:{instance.response_id}")


@receiver(post_save, sender=Passage)
@receiver(post_delete, sender=Passage)
def passage_changed(sender, instance, **kwargs):
    _enqueue(f"passage:{instance.pk}")


@receiver(post_save, sender=GoalLabel)
@receiver(post_save, sender=PassageTheme)
def passage_label_changed(sender, instance, **kwargs):
    _enqueue(f"passage:{instance.passage_id}")


@receiver(post_save, sender=AnalysisRun)
def analysis_finished(sender, instance, **kwargs):
    """The analysis writes passages in bulk (no post_save); index them when a run is done."""
    if instance.status == AnalysisRun.Status.DONE:
        hearing_id = instance.hearing_id
        transaction.on_commit(lambda: index_hearing_passages.enqueue(hearing_id), robust=True)
