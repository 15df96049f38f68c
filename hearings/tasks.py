"""Background work for responses and hearings. Tasks take ids and call services."""

from django_tasks import task

from .models import AnalysisRun, HearingPage, Response
from .services.analysis import analyse_hearing as analyse_hearing_service
from .services.analysis import analyse_response as analyse_response_service
from .services.responses import response_extract_attachment_text


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
    from .services.responses import response_mail_send

    return response_mail_send(delivery_id=delivery_id)
