"""Entry points: a whole-hearing run, one response on submission, and queuing a run.

Why: both paths share the batch work (:mod:`.storing`), themes and duplicate grouping; this
module adds the :class:`AnalysisRun` bookkeeping (status, stage, progress, heartbeat, error) that
the admin and the command show, and commits per batch of responses so a crash loses little.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from ...models import (
    AnalysisRun,
    HearingPage,
    Passage,
    Response,
    ResponseAnalysis,
    ResponseStatus,
)
from .duplicates import join_duplicates, join_duplicates_many, response_text, update_duplicates
from .engine import STAGE_DUPLICATES, STAGE_PASSAGES, Engine, Progress, analysis_engine
from .sources import _responses
from .storing import _analyse_batch
from .themes import update_themes

#: A running run without a heartbeat for this long has lost its worker (killed, machine restarted).
STALE_AFTER = timedelta(minutes=15)

#: Responses per transaction: large enough for fast bulk writes, small enough to lose little on a crash.
BATCH_SIZE = 200


def _batches(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _RunTracker:
    """Keeps an AnalysisRun row in step with the work and forwards progress to a callback."""

    def __init__(self, run: AnalysisRun, progress: Progress | None) -> None:
        self.run = run
        self.progress = progress

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.run.stage, self.run.done, self.run.total = stage, done, total
        self.run.heartbeat_at = timezone.now()
        self.run.save(update_fields=["stage", "done", "total", "heartbeat_at"])
        if self.progress:
            self.progress(stage, done, total)


def _start_run(
    run: AnalysisRun | None, hearing: HearingPage, engine: Engine, **fields
) -> AnalysisRun:
    run = run or AnalysisRun(hearing=hearing, **fields)
    run.status = AnalysisRun.Status.RUNNING
    run.started_at = run.heartbeat_at = timezone.now()
    run.finished_at = None
    run.error = ""
    run.pipeline_version = engine.pipeline_version
    run.model_version = engine.model_version
    run.save()
    return run


def _close_abandoned_runs(hearing: HearingPage) -> int:
    """Mark runs whose worker died as failed, so the run list does not show them running forever.

    A killed worker cannot record its own end; the next whole-hearing run (which resumes its
    work) closes it, with the reason in ``error``.
    """
    return AnalysisRun.objects.filter(
        hearing=hearing,
        status=AnalysisRun.Status.RUNNING,
        heartbeat_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=AnalysisRun.Status.FAILED,
        finished_at=timezone.now(),
        error=gettext("Avbrutt: arbeidsprosessen stoppet uten å melde fra (ingen livstegn)."),
    )


def _finish_run(run: AnalysisRun, error: BaseException | None = None) -> None:
    run.status = AnalysisRun.Status.FAILED if error else AnalysisRun.Status.DONE
    run.finished_at = timezone.now()
    if error is not None:
        run.error = "".join(traceback.format_exception_only(type(error), error)).strip()[:2000]
    run.save(update_fields=["status", "finished_at", "error"])


def analyse_hearing(
    hearing: HearingPage,
    *,
    fresh_themes: bool = False,
    progress: Progress | None = None,
    run: AnalysisRun | None = None,
    engine: Engine | None = None,
) -> AnalysisRun:
    """Analyse every submitted response of ``hearing`` (skipping unchanged ones); see module doc.

    ``progress(stage, done, total)`` is called after each committed batch and each goal's
    themes; an exception from it stops the run like a crash would (the run is marked failed). A
    given ``engine`` (see :func:`analysis_engine`) collects step timings for the benchmark.
    """
    engine = engine or analysis_engine()
    _close_abandoned_runs(hearing)
    run = _start_run(
        run, hearing, engine, scope=AnalysisRun.Scope.HEARING, fresh_themes=fresh_themes
    )
    tracker = _RunTracker(run, progress)
    try:
        ids = list(
            Response.objects.filter(hearing=hearing, status=ResponseStatus.SUBMITTED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        texts: dict[int, str] = {}
        done = 0
        tracker(STAGE_PASSAGES, 0, len(ids))
        for chunk in _batches(ids, BATCH_SIZE):
            started = time.perf_counter()
            responses = _responses(chunk)
            engine.timed("load", started)
            _analyse_batch(hearing.pk, responses, engine)
            for response in responses:
                texts[response.pk] = response_text(response)
            done += len(chunk)
            tracker(STAGE_PASSAGES, done, len(ids))
        update_themes(hearing=hearing, fresh=fresh_themes or run.fresh_themes, progress=tracker)
        tracker(STAGE_DUPLICATES, 0, 1)
        update_duplicates(hearing=hearing, texts=texts)
        tracker(STAGE_DUPLICATES, 1, 1)
    except BaseException as exc:
        _finish_run(run, exc)
        raise
    _finish_run(run)
    return run


def analyse_response(response: Response, *, run: AnalysisRun | None = None) -> int:
    """Analyse one submitted response (incremental: its passages join the existing themes).

    A changed response also joins (or forms) its duplicate group (:func:`.duplicates.join_duplicates`)
    so a campaign letter is counted as one at once. Returns the number of passages written (0
    when the response was unchanged or is not submitted).
    """
    if response.status != ResponseStatus.SUBMITTED:
        return 0
    engine = analysis_engine()
    if run is not None:
        _start_run(run, response.hearing, engine)
    try:
        written = _analyse_batch(response.hearing_id, _responses([response.pk]), engine)
        if written:
            update_themes(hearing=response.hearing, response=response)
            join_duplicates(response)
    except BaseException as exc:
        if run is not None:
            _finish_run(run, exc)
        raise
    if run is not None:
        _finish_run(run)
    return len(written)


def pending_response_ids(*, hearing_id: int, limit: int = BATCH_SIZE) -> list[int]:
    """Submitted responses of the hearing never analysed, or saved again since their analysis."""
    return list(
        Response.objects.filter(hearing_id=hearing_id, status=ResponseStatus.SUBMITTED)
        .filter(Q(analysis__isnull=True) | Q(analysis__analysed_at__lt=F("updated_at")))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def analyse_pending_responses(
    *, hearing: HearingPage, prepare=None, batch_size: int = BATCH_SIZE
) -> int:
    """Analyse every response of ``hearing`` waiting for analysis, a batch at a time.

    What the background work does after a rush of submissions: no task per response, one
    split/classify/store, one theme placement and one duplicate comparison per batch. Each
    batch is marked analysed as of each response's ``updated_at`` as read with its text, so a
    save that lands while the batch runs leaves its response waiting for the next batch.
    ``prepare(responses)`` runs first on each batch (the task extracts attachment text there).
    Returns the number of passages written.
    """
    engine = analysis_engine()
    written, last = 0, None
    while ids := pending_response_ids(hearing_id=hearing.pk, limit=batch_size):
        if ids == last:  # cannot happen unless marking failed; never loop on it
            break
        last = ids
        responses = _responses(ids)
        if prepare is not None:
            prepare(responses)
        passages = _analyse_batch(hearing.pk, responses, engine)
        _mark_analysed(responses)
        changed = sorted(
            set(Passage.objects.filter(pk__in=passages).values_list("response_id", flat=True))
        )
        if changed:
            update_themes(hearing=hearing, responses=changed)
            join_duplicates_many([r for r in responses if r.pk in set(changed)])
        written += len(passages)
    return written


def _mark_analysed(responses: Sequence[Response]) -> None:
    analyses = list(ResponseAnalysis.objects.filter(response_id__in=[r.pk for r in responses]))
    saved_at = {r.pk: r.updated_at for r in responses}
    for analysis in analyses:
        analysis.analysed_at = saved_at[analysis.response_id]
    ResponseAnalysis.objects.bulk_update(analyses, ["analysed_at"])


def analysis_run_request(
    *, hearing: HearingPage, user=None, fresh_themes: bool = False
) -> AnalysisRun:
    """Queue a whole-hearing run (the admin button); the task picks it up by id."""
    return AnalysisRun.objects.create(
        hearing=hearing,
        scope=AnalysisRun.Scope.HEARING,
        status=AnalysisRun.Status.QUEUED,
        fresh_themes=fresh_themes,
        requested_by=user if getattr(user, "pk", None) else None,
    )
