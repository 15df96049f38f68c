"""Text of response attachments for the analysis (run by the background analysis task).

Extraction runs in a child process (``hearings.extraction_worker``) under a memory limit, a CPU
limit and a wall-clock timeout, and the text is capped. The outcome is stored on the response
(``attachment_extraction``): a failed or cut extraction is shown to staff in the review and to
the respondent on the receipt, never lost silently.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ..models.responses import Extraction, Response

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECONDS = 60
DEFAULT_MEMORY_MB = 1024
DEFAULT_MAX_CHARS = 200_000


def extraction_limits() -> tuple[int, int, int]:
    """(wall/CPU seconds, memory bytes, max characters) from settings, with safe defaults."""
    seconds = int(getattr(settings, "ATTACHMENT_EXTRACTION_SECONDS", DEFAULT_SECONDS))
    memory_mb = int(getattr(settings, "ATTACHMENT_EXTRACTION_MEMORY_MB", DEFAULT_MEMORY_MB))
    max_chars = int(getattr(settings, "ATTACHMENT_TEXT_MAX_CHARS", DEFAULT_MAX_CHARS))
    return max(1, seconds), memory_mb * 1024 * 1024, max_chars


def attachment_text_limited(*, data: bytes, kind: str) -> tuple[str, str]:
    """Extract in the limited child process; returns (text, outcome) with outcome an Extraction."""
    seconds, memory, max_chars = extraction_limits()
    command = [
        sys.executable,
        "-m",
        "hearings.extraction_worker",
        kind,
        str(memory),
        str(seconds),
        str(max_chars),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments are numbers and a kind
            command,
            input=data,
            capture_output=True,
            timeout=seconds + 5,
            cwd=PROJECT_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "", Extraction.TIMEOUT
    except OSError:  # the child could not be started (no memory or processes left)
        logger.exception("Could not start the extraction worker")
        return "", Extraction.BROKEN
    if done.returncode != 0:
        # RLIMIT_CPU ends the child with SIGXCPU; RLIMIT_AS shows as MemoryError (exit 3), or as
        # a crash when the interpreter itself cannot allocate.
        if done.returncode in (-24, 152):  # SIGXCPU
            return "", Extraction.TIMEOUT
        return "", Extraction.BROKEN if done.returncode == 4 else Extraction.TOO_LARGE
    text = done.stdout.decode("utf-8", errors="replace")
    if len(text) > max_chars:
        return text[:max_chars], Extraction.TRUNCATED
    return text, Extraction.OK


def response_extract_attachment_text(*, response: Response) -> str:
    """Extract and store the text of the response's attachment (for the analysis)."""
    if not response.attachment:
        return ""
    try:
        with response.attachment.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.exception("Attachment file of %s is missing", response.reference)
        text, outcome = "", Extraction.BROKEN
    else:
        text, outcome = attachment_text_limited(data=data, kind=response.attachment_type)
    if outcome not in (Extraction.OK, Extraction.TRUNCATED):
        logger.warning(
            "Could not extract text from the attachment of %s: %s", response.reference, outcome
        )
    Response.objects.filter(pk=response.pk).update(
        attachment_text=text,
        attachment_extraction=outcome,
        attachment_extracted_at=timezone.now(),
    )
    response.attachment_text = text
    response.attachment_extraction = outcome
    return text
