"""Background work for responses and hearings. Tasks take ids and call services.

Services enqueue these tasks; the services the tasks call (analysis, extraction, mail) never
import this module back, except through the ``on_retry`` callback the mail task hands over.
"""

import logging
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

from .models.analysis import AnalysisRun
from .models.pages import HearingPage
from .models.responses import Response
from .services.analysis import analyse_hearing as analyse_hearing_service
from .services.analysis import analyse_pending_responses
from .services.extraction import response_extract_attachment_text
from .services.mail import response_mail_send

logger = logging.getLogger(__name__)


@task()
def analyse_response(response_id: int) -> int:
    """Have a response analysed with the other responses of its hearing waiting for analysis:
    queued for a letter staff registered, it only makes sure one batched :func:`analyse_pending`
    is queued (see :func:`analysis_schedule`; form submissions call that directly, without a
    task row of their own). With a backend that cannot defer (immediate, in
    tests and development) the batch runs at once; returns the passages it wrote (else 0).
    """
    hearing_id = (
        Response.objects.filter(pk=response_id).values_list("hearing_id", flat=True).first()
    )
    if hearing_id is None:
        return 0
    if not analyse_pending.get_backend().supports_defer:
        return analyse_pending.call(hearing_id)
    analysis_schedule(hearing_id)
    return 0


#: Submissions to one hearing within this many seconds share one analysis task: during a rush the
#: work is done in batches (one split, classification, store, theme placement and duplicate
#: comparison per batch) rather than once per response.
ANALYSIS_BATCH_SECONDS = 5


@task()
def analyse_pending(hearing_id: int) -> int:
    """Analyse every response of the hearing waiting for analysis, in batches; returns the
    number of passages written. Queued by :func:`analysis_schedule`."""
    hearing = HearingPage.objects.filter(pk=hearing_id).first()
    if hearing is None:
        return 0
    with _hearing_lock(hearing_id) as locked:
        if not locked:  # another worker is at it; look again when it should be done
            _enqueue_pending(hearing_id, delay=ANALYSIS_BATCH_SECONDS)
            return 0
        return analyse_pending_responses(hearing=hearing, prepare=_extract_attachments)


def analysis_schedule(hearing_id: int) -> bool:
    """Make sure a batched analysis of the hearing's waiting responses is queued.

    Called after each submission commits. The first call queues a task to run
    ``ANALYSIS_BATCH_SECONDS`` later and marks it in the cache for as long; calls meanwhile
    queue nothing, because that task starts after the mark expires and so sees every response
    committed before them. With a backend that cannot defer (immediate, in tests and development)
    the task runs at once. Returns False when nothing could be queued: the response stays
    waiting and the next submission's task, or ``manage.py analyse_hearing``, analyses it.
    """
    try:
        if not analyse_pending.get_backend().supports_defer:
            analyse_pending.enqueue(hearing_id)
            return True
        if cache.add(f"hearings:analysis-queued:{hearing_id}", 1, ANALYSIS_BATCH_SECONDS):
            _enqueue_pending(hearing_id, delay=ANALYSIS_BATCH_SECONDS)
        return True
    except Exception:  # the response is stored and waits; see the docstring
        logger.exception("Could not queue the analysis of hearing %s", hearing_id)
        return False


def _enqueue_pending(hearing_id: int, *, delay: float) -> None:
    run_after = timezone.now() + timedelta(seconds=delay)
    analyse_pending.using(run_after=run_after).enqueue(hearing_id)


def _extract_attachments(responses) -> None:
    for response in responses:
        if response.attachment and response.attachment_extracted_at is None:
            response_extract_attachment_text(response=response)


@contextmanager
def _hearing_lock(hearing_id: int):
    """One batched analysis per hearing at a time, across worker processes (PostgreSQL advisory
    lock; other databases have one writer anyway)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = 0x4845_0000 + hearing_id  # "HE": keeps clear of other advisory-lock users
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@task()
def analyse_hearing(run_id: int) -> str:
    """Run a queued whole-hearing analysis (see ``analysis_run_request``); returns its status."""
    run = AnalysisRun.objects.filter(pk=run_id).select_related("hearing").first()
    if run is None or run.status in (AnalysisRun.Status.RUNNING, AnalysisRun.Status.DONE):
        return run.status if run else "missing"
    hearing = HearingPage.objects.get(pk=run.hearing_id)
    analyse_hearing_service(hearing, fresh_themes=run.fresh_themes, run=run)
    return run.status


@task()
def send_response_mail(delivery_id: int) -> str:
    """Send a receipt or draft link; retries itself with back-off (see ``response_mail_send``)."""
    return response_mail_send(delivery_id=delivery_id, on_retry=mail_schedule)


def queued_in_database() -> bool:
    """True when tasks are rows of this database: then a task queued inside a transaction is
    committed or rolled back with it, and needs no commit of its own afterwards."""
    return isinstance(send_response_mail.get_backend(), DatabaseBackend)


def mail_schedule(delivery_id: int, run_after: datetime | None = None) -> bool:
    """Queue the sending of one owed e-mail, now or at ``run_after``.

    Returns False when it could not be queued; the delivery row then stays pending or retrying
    and ``manage.py retry_mail`` sends it later.
    """
    job = send_response_mail
    try:
        if run_after is not None:
            if not job.get_backend().supports_defer:
                return False
            job = job.using(run_after=run_after)
        job.enqueue(delivery_id)
        return True
    except Exception:  # the delivery row stays pending; retry_mail sends it later
        logger.exception("Could not enqueue e-mail delivery %s", delivery_id)
        return False
