"""Writes for consultation responses: save, submit, links, receipts.

Every save runs in one transaction, is idempotent per form token and refuses to overwrite a newer
save (optimistic concurrency on ``Response.version``).
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..attachments import AttachmentInfo
from ..models import Answer, HearingPage, PathwayComment, Response, ResponseStatus, ReviewStatus
from ..selectors import hearing_status
from ..tokens import EDIT_SALT, RECEIPT_SALT, make_token

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class CommentInput:
    proposal_id: int
    pathway_id: int
    section_id: str
    section_heading: str
    text: str


@dataclass
class ResponseInput:
    """Cleaned respondent input, independent of the HTML form that collected it."""

    respondent_kind: str
    category: str
    publication_choice: str
    contact_name: str = ""
    contact_email: str = ""
    organisation_name: str = ""
    organisation_number: str = ""
    answers: dict[int, tuple[str, str]] = field(default_factory=dict)
    pathway_comments: list[CommentInput] = field(default_factory=list)
    general_comment: str = ""
    interests: str = ""
    attachment: UploadedFile | None = None
    attachment_info: AttachmentInfo | None = None
    remove_attachment: bool = False


@dataclass
class SaveResult:
    response: Response
    created: bool
    duplicate: bool


class HearingClosed(Exception):
    def __init__(self, closes_at: datetime, not_yet_open: bool = False):
        super().__init__(str(closes_at))
        self.closes_at = closes_at
        self.not_yet_open = not_yet_open


class SaveConflict(Exception):
    """Someone saved the response after this form was loaded; nothing was written."""

    def __init__(self, current: Response):
        super().__init__(current.reference)
        self.current = current


def response_new_reference(*, now: datetime | None = None) -> str:
    """A short, unique, readable reference like H24-7K3Q-92 (no 0/O/1/I to misread)."""
    year = timezone.localtime(now or timezone.now()).strftime("%y")
    while True:
        body = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(4))
        check = sum((i + 1) * ord(c) for i, c in enumerate(f"H{year}{body}")) % 97
        reference = f"H{year}-{body}-{check:02d}"
        if not Response.objects.filter(reference=reference).exists():
            return reference


def _apply_fields(response: Response, data: ResponseInput) -> None:
    response.respondent_kind = data.respondent_kind
    response.category = data.category
    response.publication_choice = data.publication_choice
    response.organisation_name = data.organisation_name
    response.organisation_number = data.organisation_number
    response.contact_name = data.contact_name
    response.contact_email = data.contact_email
    response.general_comment = data.general_comment
    response.interests = data.interests


def _write_rows(response: Response, data: ResponseInput) -> None:
    """Upsert answer and comment rows so their ids (which analysis passages point to) stay stable."""
    existing = {answer.question_id: answer for answer in response.answers.all()}
    for question_id, (stance, text) in data.answers.items():
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        if answer.pk is None or (answer.stance, answer.text) != (stance, text):
            answer.stance, answer.text = stance, text
            answer.save()
    comments = {(c.proposal_id, c.section_id): c for c in response.pathway_comments.all()}
    kept = set()
    for item in data.pathway_comments:
        key = (item.proposal_id, item.section_id)
        kept.add(key)
        comment = comments.get(key) or PathwayComment(
            response=response, proposal_id=item.proposal_id, section_id=item.section_id
        )
        comment.pathway_id = item.pathway_id
        comment.section_heading = item.section_heading[:255]
        comment.text = item.text
        comment.save()
    stale = [c.pk for key, c in comments.items() if key not in kept]
    if stale:
        PathwayComment.objects.filter(pk__in=stale).delete()


def _store_attachment(response: Response, data: ResponseInput) -> str | None:
    if data.remove_attachment and response.attachment:
        response.attachment.delete(save=False)
        response.attachment_name = response.attachment_type = response.attachment_text = ""
        response.attachment_size = None
    if data.attachment is None or data.attachment_info is None:
        return None
    if response.attachment:
        response.attachment.delete(save=False)
    data.attachment.seek(0)
    response.attachment.save(data.attachment_info.name, data.attachment, save=False)
    response.attachment_name = data.attachment_info.name
    response.attachment_type = data.attachment_info.kind
    response.attachment_size = data.attachment_info.size
    response.attachment_text = ""
    response.attachment_extracted_at = None
    return response.attachment.name


def response_save(
    *,
    hearing: HearingPage,
    data: ResponseInput,
    form_token: uuid.UUID,
    submit: bool,
    response: Response | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> SaveResult:
    """Create or update a response as a draft (``submit=False``) or submit it.

    Idempotent: a repeated form token returns the response it already produced, unchanged.
    Raises HearingClosed outside the hearing period and SaveConflict when ``expected_version``
    is older than the stored one. Writes all rows or none.
    """
    now = now or timezone.now()
    status = hearing_status(hearing=hearing, now=now)
    if not status.accepts_responses:
        raise HearingClosed(status.closes_at, not_yet_open=now < status.opens_at)
    stored_name = None
    try:
        with transaction.atomic():
            result = _save_locked(hearing, data, form_token, submit, response, expected_version, now)
            if result.duplicate:
                return result
            stored_name = _store_attachment(result.response, data)
            result.response.save()
            _write_rows(result.response, data)
            if submit:
                response_id = result.response.pk
                transaction.on_commit(lambda: _enqueue_analysis(response_id))
    except Exception:
        if stored_name:
            Response._meta.get_field("attachment").storage.delete(stored_name)
        raise
    _notify(result.response, created=result.created, submitted=submit)
    return result


def _save_locked(hearing, data, form_token, submit, response, expected_version, now) -> SaveResult:
    if response is None:
        existing = Response.objects.filter(creation_token=form_token).first()
        if existing is not None:
            return SaveResult(existing, created=False, duplicate=True)
        target = Response(hearing=hearing, reference=response_new_reference(now=now), creation_token=form_token)
        created = True
    else:
        target = Response.objects.select_for_update().get(pk=response.pk)
        if target.last_save_token == form_token:
            return SaveResult(target, created=False, duplicate=True)
        if expected_version is not None and expected_version != target.version:
            raise SaveConflict(target)
        target.version += 1
        created = False
    _apply_fields(target, data)
    target.last_save_token = form_token
    target.updated_at = now
    if submit:
        if target.status != ResponseStatus.SUBMITTED:
            target.submitted_at = now
        target.status = ResponseStatus.SUBMITTED
        target.review_status = ReviewStatus.PENDING
    return SaveResult(target, created=created, duplicate=False)


def _enqueue_analysis(response_id: int) -> None:
    """Hand a submitted response to background analysis, if the tasks module offers it."""
    try:
        from .. import tasks
    except ImportError:
        return
    task = getattr(tasks, "analyse_response", None)
    if task is None:
        return
    try:
        task.enqueue(response_id)
    except Exception:  # the response is stored; analysis can be rerun by command
        logger.exception("Could not enqueue analysis of response %s", response_id)


def response_links(*, response: Response) -> dict:
    base = settings.SITE_URL.rstrip("/")
    hearing_url = response.hearing.get_url() or ""
    if hearing_url.startswith("http"):
        base = ""
    return {
        "edit": f"{base}{hearing_url}svar/{make_token(response=response, salt=EDIT_SALT)}/",
        "receipt": f"{base}{hearing_url}svar/kvittering/{make_token(response=response, salt=RECEIPT_SALT)}/",
    }


def _notify(response: Response, *, created: bool, submitted: bool) -> None:
    if not response.contact_email or not (created or submitted):
        return
    hearing = response.hearing
    context = {
        "response": response,
        "hearing": hearing,
        "links": response_links(response=response),
        "status": hearing_status(hearing=hearing),
        "answers": list(response.answers.select_related("question").order_by("question__sort_order")),
        "comments": list(response.pathway_comments.select_related("pathway")),
    }
    if submitted:
        subject = _("Kvittering for høringssvar %(ref)s") % {"ref": response.reference}
        template = "hearings/email/receipt.txt"
    else:
        subject = _("Lenke til utkastet ditt til høringssvar")
        template = "hearings/email/draft_link.txt"
    try:
        send_mail(subject, render_to_string(template, context), settings.DEFAULT_FROM_EMAIL,
                  [response.contact_email])
    except Exception:  # the response is stored; the receipt page shows the same information
        logger.exception("Could not e-mail response %s", response.reference)


def response_link_request(*, hearing: HearingPage, email: str) -> int:
    """E-mail fresh edit links for every response with this address on this hearing.

    Returns how many were found; callers show the same message either way, so the page does not
    reveal who has answered.
    """
    responses = list(Response.objects.filter(hearing_id=hearing.pk, contact_email__iexact=email.strip()))
    if not responses:
        return 0
    context = {
        "hearing": hearing,
        "items": [{"response": r, "links": response_links(response=r)} for r in responses],
        "status": hearing_status(hearing=hearing),
    }
    send_mail(
        _("Lenke til høringssvaret ditt"),
        render_to_string("hearings/email/links.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [responses[0].contact_email],
    )
    return len(responses)


def response_extract_attachment_text(*, response: Response) -> str:
    """Extract and store the text of the response's attachment (for the analysis)."""
    from ..attachments import attachment_extract_text

    if not response.attachment:
        return ""
    with response.attachment.open("rb") as handle:
        data = handle.read()
    try:
        text = attachment_extract_text(data=data, kind=response.attachment_type)
    except Exception:  # a broken file must not stop the rest of the analysis
        logger.exception("Could not extract text from attachment of %s", response.reference)
        text = ""
    Response.objects.filter(pk=response.pk).update(attachment_text=text, attachment_extracted_at=timezone.now())
    response.attachment_text = text
    return text


def response_submit(**kwargs) -> SaveResult:
    """Submit (or resubmit) a response; see ``response_save`` for the arguments and rules."""
    return response_save(submit=True, **kwargs)


def response_save_draft(**kwargs) -> SaveResult:
    """Save a response as a draft; see ``response_save``."""
    return response_save(submit=False, **kwargs)
