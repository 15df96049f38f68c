"""Background work for responses and hearings. Tasks take ids and call services.

Services enqueue these tasks; the services the tasks call (analysis, extraction, mail) never
import this module back, except through the ``on_retry`` callback the mail task hands over.
"""

import logging
from datetime import datetime

from django_tasks import task

from .models.analysis import AnalysisRun
from .models.pages import HearingPage
from .models.responses import Response
from .services.analysis import analyse_hearing as analyse_hearing_service
from .services.analysis import analyse_response as analyse_response_service
from .services.extraction import response_extract_attachment_text
from .services.mail import response_mail_send

logger = logging.getLogger(__name__)


@task()
def analyse_response(response_id: int) -> int:
    """Extract a submitted response's attachment text, then analyse the response (incremental).

    Returns the number of passages written (0 when nothing changed).
    """
    response = Response.objects.filter(pk=response_id).first()
    if response is None:
        return 0
    response_extract_attachment_text(response=response)
    return analyse_response_service(response)


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
