"""Writes for consultation responses: save, submit, links, receipts.

Every save runs in one transaction, is idempotent per form token and refuses to overwrite a newer
save (optimistic concurrency on ``Response.version``).
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .. import tasks
from ..attachments import AttachmentInfo
from ..models.mail import MailDelivery
from ..models.responses import (
    Answer,
    PathwayComment,
    Response,
    ResponseSource,
    ResponseStatus,
    ReviewStatus,
    StanceSource,
    private_storage,
)
from ..receipt_cache import remember_receipt
from ..selectors import hearing_proposals, hearing_question_rows, hearing_status
from .mail import response_link_request, response_links  # noqa: F401 - part of this API

if TYPE_CHECKING:
    from ..models.pages import HearingPage

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
    #: ``ResponseSource.FORM``, or ``FORM_LETTER`` when the respondent answers with a letter.
    source: str = ResponseSource.FORM


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
    if response.source != ResponseSource.LETTER:  # a letter staff registered stays one
        response.source = data.source


def _write_rows(response: Response, data: ResponseInput, *, created: bool = False):
    """Upsert answer and comment rows so their ids (which analysis passages point to) stay stable.

    A response created by this save has no rows yet: they go in with one insert per table instead
    of a lookup and an insert per row (a deadline rush is nearly all first submissions), and the
    new rows are returned (answers, comments) for the receipt; an update returns None.
    """
    if created:
        answers = Answer.objects.bulk_create(
            Answer(response=response, question_id=question_id, stance=stance, text=text)
            for question_id, (stance, text) in data.answers.items()
        )
        latest = {(item.proposal_id, item.section_id): item for item in data.pathway_comments}
        comments = PathwayComment.objects.bulk_create(
            PathwayComment(
                response=response,
                proposal_id=item.proposal_id,
                section_id=item.section_id,
                pathway_id=item.pathway_id,
                section_heading=item.section_heading[:255],
                text=item.text,
            )
            for item in latest.values()
        )
        return answers, comments
    existing = {answer.question_id: answer for answer in response.answers.all()}
    for question_id, (stance, text) in data.answers.items():
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        if answer.stance_source == StanceSource.MACHINE:
            # The form never showed the machine's proposal as the respondent's own: an empty
            # choice keeps the proposal, a choice of their own replaces it.
            if stance:
                answer.stance_source = StanceSource.RESPONDENT
            else:
                stance = answer.stance
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
        response.attachment_extraction = ""
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
    response.attachment_extraction = ""
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
    client: str = "",
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
    stored_name = delivery_id = None
    try:
        with transaction.atomic():
            result = _save_locked(
                hearing, data, form_token, submit, response, expected_version, now
            )
            if result.created:
                result.response.creation_client = client
            if result.duplicate:
                return result
            stored_name = _store_attachment(result.response, data)
            result.response.save()
            rows = _write_rows(result.response, data, created=result.created)
            if result.response.status == ResponseStatus.SUBMITTED:
                if rows is not None and not result.response.attachment:
                    # Before the analysis is scheduled: in-process tasks run it at once, and its
                    # save must find the kept receipt to forget it.
                    transaction.on_commit(lambda: _keep_receipt(hearing, result.response, *rows))
                transaction.on_commit(lambda: _schedule_analysis(hearing.pk))
            delivery_id = _notify(result.response, created=result.created, submitted=submit)
    except Exception:
        if stored_name:
            Response._meta.get_field("attachment").storage.delete(stored_name)
        raise
    if delivery_id is not None and not tasks.queued_in_database():
        tasks.mail_schedule(delivery_id)  # sent by this process: only once the save is stored
    return result


def _save_locked(hearing, data, form_token, submit, response, expected_version, now) -> SaveResult:
    if response is None:
        existing = Response.objects.filter(creation_token=form_token).first()
        if existing is not None:
            return SaveResult(existing, created=False, duplicate=True)
        target = Response(
            hearing=hearing, reference=response_new_reference(now=now), creation_token=form_token
        )
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
    if target.status == ResponseStatus.SUBMITTED:
        # Any change to a submitted response, even one saved with "Lagre utkast" through the
        # edit link, goes back through screening, analysis and approval before it is public
        # again. A submitted response never falls back to a draft: nothing accepted is lost.
        target.review_status = ReviewStatus.PENDING
    return SaveResult(target, created=created, duplicate=False)


def _keep_receipt(hearing: HearingPage, response: Response, answers, comments) -> None:
    """Keep what the receipt page shows (see :mod:`hearings.receipt_cache`), with the questions
    and pathway titles the form was built from; nothing is kept if one of them is not there.
    Not called for a response with an attachment: its text is read afterwards, and the receipt
    must say so if that fails."""
    questions = {q.pk: q for q, _goals in hearing_question_rows(hearing=hearing)}
    titles = {p.pathway_id: p.pathway.title for p in hearing_proposals(hearing=hearing)}
    if any(a.question_id not in questions for a in answers) or any(
        c.pathway_id not in titles for c in comments
    ):
        return
    for answer in answers:
        answer.question = questions[answer.question_id]
        answer.response = response
    answers.sort(key=lambda answer: (answer.question.sort_order, answer.pk))
    shown = [
        {
            "pathway": {"title": titles[c.pathway_id]},
            "section_heading": c.section_heading,
            "text": c.text,
        }
        for c in sorted(comments, key=lambda comment: comment.pk)
    ]
    remember_receipt(response=response, answers=answers, comments=shown)


def _schedule_analysis(hearing_id: int) -> None:
    """Make sure the hearing's waiting responses get analysed in the next batch.

    Called once the submission has committed. It queues no task of its own per submission: the
    cache mark of :func:`hearings.tasks.analysis_schedule` lets one batch task in a few seconds
    take every submission meanwhile, so a rush costs one task row per batch, not per response.
    """
    if not tasks.analysis_schedule(hearing_id):  # the response waits; see analysis_schedule
        logger.warning("Analysis of hearing %s not queued; it runs with the next one", hearing_id)


def _notify(response: Response, *, created: bool, submitted: bool) -> int | None:
    """Record the receipt (or draft link) owed, in the save's own transaction; its delivery id.

    The delivery row is written with the response, so a stored answer always has its receipt
    owed and there is one commit per submission. With the database task queue the task row goes
    in the same transaction too; other backends run the task in this process, so the caller
    queues it after the save is stored. A mail server that is down only delays the message: the
    task retries with back-off, staff see failures in the admin, and ``manage.py retry_mail``
    sends any delivery whose task could not be queued.
    """
    if not response.contact_email or not (created or submitted):
        return None
    kind = MailDelivery.Kind.RECEIPT if submitted else MailDelivery.Kind.DRAFT_LINK
    delivery_id = MailDelivery.objects.create(response=response, kind=kind).pk
    if tasks.queued_in_database():
        tasks.mail_schedule(delivery_id)
    return delivery_id


HELD_ATTACHMENT_SALT = "hearings.held-attachment"
HELD_ATTACHMENT_MAX_AGE = 2 * 24 * 3600


def response_attachment_hold(
    *, hearing_id: int, form_token: uuid.UUID, upload, info: AttachmentInfo
) -> str:
    """Keep a checked upload privately while the form is shown again (error or edit conflict).

    A browser cannot refill a file input, so without this the respondent would silently lose the
    attachment. Returns a signed token for a hidden field; only this hearing and form may use it.
    """
    storage = private_storage()
    upload.seek(0)
    path = storage.save(f"held/{hearing_id}/{secrets.token_hex(16)}", upload)
    payload = {
        "h": hearing_id,
        "f": str(form_token),
        "p": path,
        "n": info.name,
        "k": info.kind,
        "s": info.size,
    }
    return signing.dumps(payload, salt=HELD_ATTACHMENT_SALT, compress=True)


def response_attachment_held(*, hearing_id: int, form_token: uuid.UUID | None, token: str):
    """The (file, info, path) a hold token stands for, or None when it is forged, expired or gone."""
    try:
        payload = signing.loads(token, salt=HELD_ATTACHMENT_SALT, max_age=HELD_ATTACHMENT_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("h") != hearing_id or payload.get("f") != str(form_token):
        return None
    storage = private_storage()
    if not storage.exists(payload["p"]):
        return None
    handle = File(storage.open(payload["p"], "rb"), name=payload["n"])
    return (
        handle,
        AttachmentInfo(kind=payload["k"], size=payload["s"], name=payload["n"]),
        payload["p"],
    )


def response_attachment_release(*, path: str) -> None:
    """Delete a held upload once it is stored on the response (or no longer needed)."""
    if path and path.startswith("held/"):
        private_storage().delete(path)


def response_attachments_purge_held(*, now=None) -> int:
    """Delete held uploads whose hold token has expired; returns how many were deleted.

    A respondent who leaves after a failed submit never comes back for the held file, and its
    token stops working after ``HELD_ATTACHMENT_MAX_AGE``; after that the file is only a privacy
    risk. Run by ``purge_held_attachments`` (cron, daily or more often).
    """
    storage = private_storage()
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=HELD_ATTACHMENT_MAX_AGE)
    deleted = 0
    if not storage.exists("held"):
        return 0
    folders, _files = storage.listdir("held")
    for folder in folders:
        for name in storage.listdir(f"held/{folder}")[1]:
            path = f"held/{folder}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                deleted += 1
    return deleted


def response_submit(**kwargs) -> SaveResult:
    """Submit (or resubmit) a response; see ``response_save`` for the arguments and rules."""
    return response_save(submit=True, **kwargs)


def response_save_draft(**kwargs) -> SaveResult:
    """Save a response as a draft; see ``response_save``."""
    return response_save(submit=False, **kwargs)
