"""Writes for the publication review: approve, withhold, withhold a passage."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Answer, LetterDocument, PathwayComment, Redaction, Response, ReviewStatus
from ..selectors import response_open_flag_count


def response_approve(*, response: Response, user) -> Response:
    """Approve a response for publication once every proposed personal-data redaction is decided.

    The rule lives here rather than in the view so that no path (admin, shell, task) can publish
    a name or a health detail the analysis flagged but nobody has looked at.
    """
    open_flags = response_open_flag_count(response=response)
    if open_flags:
        raise ValidationError(
            ngettext(
                "Svaret kan ikke godkjennes ennå: %(n)s forslag om sladding av "
                "personopplysninger er ikke vurdert. Sladd eller avvis det i personvernsjekken først.",
                "Svaret kan ikke godkjennes ennå: %(n)s forslag om sladding av "
                "personopplysninger er ikke vurdert. Sladd eller avvis dem i personvernsjekken først.",
                open_flags,
            )
            % {"n": open_flags},
            code="open_personal_data_flags",
        )
    response.review_status = ReviewStatus.APPROVED
    response.review_reason = ""
    response.reviewed_by = user
    response.reviewed_at = timezone.now()
    response.save(update_fields=["review_status", "review_reason", "reviewed_by", "reviewed_at"])
    return response


def response_withhold(*, response: Response, user, reason: str) -> Response:
    """Keep a whole response from publication; a reason is required."""
    if not reason.strip():
        raise ValidationError(_("Skriv hvorfor svaret holdes tilbake."), code="reason")
    response.review_status = ReviewStatus.WITHHELD
    response.review_reason = reason.strip()
    response.reviewed_by = user
    response.reviewed_at = timezone.now()
    response.save(update_fields=["review_status", "review_reason", "reviewed_by", "reviewed_at"])
    return response


def _source_text(response: Response, source: str, source_id: int | None) -> str:
    if source == Redaction.Source.ANSWER:
        return Answer.objects.get(pk=source_id, response=response).text
    if source == Redaction.Source.PATHWAY_COMMENT:
        return PathwayComment.objects.get(pk=source_id, response=response).text
    if source == Redaction.Source.GENERAL_COMMENT:
        return response.general_comment
    if source == Redaction.Source.INTERESTS:
        return response.interests
    if source == Redaction.Source.LETTER:
        return LetterDocument.objects.get(pk=source_id, response=response).text
    raise ValidationError(_("Ukjent tekstfelt."))


@transaction.atomic
def passage_find(*, text: str, passage: str, near: int | None = None) -> int:
    """Where ``passage`` starts in ``text``: the occurrence closest to ``near``, or -1."""
    if not passage:
        return -1
    starts = []
    start = text.find(passage)
    while start >= 0:
        starts.append(start)
        start = text.find(passage, start + 1)
    if not starts:
        return -1
    if near is None:
        return starts[0]
    return min(starts, key=lambda candidate: abs(candidate - near))


def response_withhold_passage(
    *,
    response: Response,
    source: str,
    source_id: int | None,
    passage: str,
    reason: str,
    user,
    note: str = "",
    near: int | None = None,
) -> Redaction:
    """Withhold ``passage`` in one stored text of the response.

    Staff select the passage on screen; ``near`` is where the selection began, so of a phrase that
    occurs more than once the selected occurrence is withheld (the first one without it).
    """
    text = _source_text(response, source, source_id)
    passage = passage.strip()
    start = passage_find(text=text, passage=passage, near=near)
    if start < 0:
        raise ValidationError(
            _("Fant ikke teksten som skal holdes tilbake. Kopier den nøyaktig fra svaret.")
        )
    return Redaction.objects.create(
        response=response,
        source=source,
        source_id=source_id,
        start=start,
        end=start + len(passage),
        reason=reason,
        note=note[:500],
        created_by=user,
    )


def redaction_remove(*, redaction: Redaction) -> None:
    redaction.delete()
