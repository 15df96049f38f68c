"""Text of response attachments for the analysis (run by the background analysis task)."""

from __future__ import annotations

import logging

from django.utils import timezone

from ..attachments import attachment_extract_text
from ..models.responses import Response

logger = logging.getLogger(__name__)


def response_extract_attachment_text(*, response: Response) -> str:
    """Extract and store the text of the response's attachment (for the analysis)."""
    if not response.attachment:
        return ""
    with response.attachment.open("rb") as handle:
        data = handle.read()
    try:
        text = attachment_extract_text(data=data, kind=response.attachment_type)
    except Exception:  # a broken file must not stop the rest of the analysis
        logger.exception("Could not extract text from attachment of %s", response.reference)
        text = ""
    Response.objects.filter(pk=response.pk).update(
        attachment_text=text, attachment_extracted_at=timezone.now()
    )
    response.attachment_text = text
    return text
