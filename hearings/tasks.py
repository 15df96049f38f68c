"""Background work for responses. Tasks take ids and call services."""

from django_tasks import task

from .models import Response
from .services.responses import response_extract_attachment_text


@task()
def analyse_response(response_id: int) -> int:
    """Prepare a submitted response for analysis: for now, extract its attachment's text."""
    response = Response.objects.filter(pk=response_id).first()
    if response is None:
        return 0
    return len(response_extract_attachment_text(response=response))
