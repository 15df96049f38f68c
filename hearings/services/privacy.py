"""Personal data over time: access requests, erasure on request, erasure after retention."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import (
    Answer,
    LetterDocument,
    Passage,
    PathwayComment,
    PersonalDataFlag,
    PersonalDataLog,
    PublicationChoice,
    RespondentKind,
    Response,
)
from ..models.responses import new_link_key
from ..selectors import respondent_data, respondent_responses


def _email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def respondent_export(*, email: str, user) -> dict:
    """Everything stored about a respondent, for a request for access; the lookup is logged."""
    data = respondent_data(email=email)
    PersonalDataLog.objects.create(
        action=PersonalDataLog.Action.EXPORT,
        subject_hash=_email_hash(email),
        response_count=len(data["responses"]),
        performed_by=user,
    )
    return data


@transaction.atomic
def respondent_erase(*, email: str, user, note: str = "") -> int:
    """Erase a respondent's personal data in one logged action, keeping the rows (and counts).

    Contact details go for everyone and edit links stop working. For a private person the whole
    answer is personal data: free text and attachment go too, the stances stay for the counts,
    and nothing is published.
    """
    responses = list(respondent_responses(email=email))
    for response in responses:
        _erase_contact(response)
        if response.respondent_kind == RespondentKind.PRIVATE:
            _erase_private_text(response)
        response.save()
    PersonalDataLog.objects.create(
        action=PersonalDataLog.Action.ERASE,
        subject_hash=_email_hash(email),
        response_count=len(responses),
        performed_by=user,
        note=note[:500],
    )
    return len(responses)


def _erase_contact(response: Response) -> None:
    response.contact_name = ""
    response.contact_email = ""
    response.link_key = new_link_key()
    response.contact_erased_at = timezone.now()


def _erase_private_text(response: Response) -> None:
    Answer.objects.filter(response=response).update(text="")
    PathwayComment.objects.filter(response=response).update(text="")
    response.general_comment = ""
    response.interests = ""
    response.publication_choice = PublicationChoice.NONE
    if response.attachment:
        response.attachment.delete(save=False)
    response.attachment_name = ""
    response.attachment_text = ""
    for letter in LetterDocument.objects.filter(response=response):
        if letter.file:
            letter.file.delete(save=False)
        letter.delete()
    # The analysis copied the text into passages (with their labels and theme links) and the
    # screening into personal-data flags: they go with it, in the same transaction.
    Passage.objects.filter(response=response).delete()
    PersonalDataFlag.objects.filter(response=response).delete()


@transaction.atomic
def contact_details_erase_expired(
    *, now: datetime | None = None, retention_days: int | None = None
) -> int:
    """Erase contact details of responses to hearings concluded more than the retention time ago."""
    now = now or timezone.now()
    days = settings.CONTACT_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = now - timedelta(days=days)
    responses = Response.objects.filter(
        hearing__concluded_at__isnull=False,
        hearing__concluded_at__lte=cutoff,
        contact_erased_at__isnull=True,
    )
    count = 0
    for response in responses:
        _erase_contact(response)
        response.save(
            update_fields=["contact_name", "contact_email", "link_key", "contact_erased_at"]
        )
        count += 1
    if count:
        PersonalDataLog.objects.create(
            action=PersonalDataLog.Action.RETENTION,
            response_count=count,
            note=f"retention {days} days",
        )
    return count
