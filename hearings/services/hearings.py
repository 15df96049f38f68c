"""Writes for hearings: questions, adoption, conclusion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guidelines.services import proposal_adopt

from ..models import HearingPage, HearingQuestion, ProposalAdoption
from ..models.pages import LOCKED_MESSAGE
from ..selectors import hearing_questions_locked, hearing_status


class AdoptionRefused(Exception):
    """Adoption is not allowed now; the message says why, in words an editor understands."""


def hearing_questions_set(*, hearing: HearingPage, questions: list[dict]) -> list[HearingQuestion]:
    """Replace a hearing's questions (code, text, help_text) in the given order.

    Refused once the hearing has any response, because answers point at the questions as asked.
    """
    with transaction.atomic():
        if hearing_questions_locked(hearing_id=hearing.pk):
            raise ValidationError(LOCKED_MESSAGE, code="locked")
        HearingQuestion.objects.filter(hearing=hearing).delete()
        created = [
            HearingQuestion.objects.create(
                hearing=hearing,
                sort_order=index,
                code=row["code"],
                text=row["text"],
                help_text=row.get("help_text", ""),
            )
            for index, row in enumerate(questions)
        ]
    return created


def hearing_adopt_proposal(*, hearing: HearingPage, proposal, user) -> ProposalAdoption:
    """Adopt one proposal of a hearing as the pathway's next substantive version.

    Refused while the hearing is upcoming or open, for a proposal the hearing does not cover, and
    for a proposal that is already adopted. The change note names the hearing.
    """
    status = hearing_status(hearing=hearing)
    if not status.past_deadline:
        raise AdoptionRefused(
            _("Forslaget kan ikke vedtas før høringsfristen er ute (%(deadline)s).")
            % {"deadline": date_format(timezone.localtime(status.closes_at), "j. F Y \\k\\l. H.i")}
        )
    if not hearing.proposal_links.filter(proposal_id=proposal.pk).exists():
        raise AdoptionRefused(_("Forslaget er ikke en del av denne høringen."))
    with transaction.atomic():
        if ProposalAdoption.objects.select_for_update().filter(proposal_id=proposal.pk).exists():
            raise AdoptionRefused(
                _("Forslaget er allerede vedtatt. Et forslag kan bare vedtas én gang.")
            )
        note = _("Vedtatt etter høringen «%(title)s» (saksnummer %(ref)s).") % {
            "title": hearing.title,
            "ref": hearing.reference_number,
        }
        try:
            version = proposal_adopt(proposal=proposal, user=user, change_note=note)
        except ValueError as error:
            raise AdoptionRefused(str(error)) from error
        adoption = ProposalAdoption.objects.create(
            hearing=hearing,
            proposal=proposal,
            version=version,
            adopted_by=user,
            adopted_at=timezone.now(),
        )
        if hearing.under_consideration_at is None:
            HearingPage.objects.filter(pk=hearing.pk).update(under_consideration_at=timezone.now())
    return adoption


def hearing_mark_under_consideration(*, hearing: HearingPage) -> None:
    if hearing.under_consideration_at is None:
        hearing.under_consideration_at = timezone.now()
        HearingPage.objects.filter(pk=hearing.pk).update(
            under_consideration_at=hearing.under_consideration_at
        )


def hearing_conclude(*, hearing: HearingPage) -> None:
    """Mark the hearing as concluded; starts the retention clock for contact details."""
    if not hearing_status(hearing=hearing).past_deadline:
        raise AdoptionRefused(_("En høring kan ikke avsluttes før fristen er ute."))
    if hearing.concluded_at is None:
        hearing.concluded_at = timezone.now()
        HearingPage.objects.filter(pk=hearing.pk).update(concluded_at=hearing.concluded_at)
