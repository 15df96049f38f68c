"""Writes for hearings: questions, adoption, conclusion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guidelines.models import PathwayChange, PathwayPage
from guidelines.services import (
    AdoptionNotPossible,
    proposal_submit_for_adoption,
    version_link_proposal,
)

from ..models import AdoptionRequest, HearingPage, HearingQuestion, ProposalAdoption
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


def hearing_request_adoption(
    *, hearing: HearingPage, proposal, user, change_note: str
) -> AdoptionRequest:
    """Send a proposal of a closed hearing for adoption as the pathway's next substantive version.

    Adoption changes the public text, so one editor's click must not publish it: the proposal's
    text becomes a pathway draft in the four-eyes workflow, and the version (with its
    ``ProposalAdoption``) exists only once a second editor approves (``hearing_adoption_approved``).
    The editor writes the change note readers will see; the hearing reference is added to it.
    Refused while the hearing is upcoming or open, for a proposal the hearing does not cover,
    for one already adopted or already waiting for approval, and for an empty note.
    """
    status = hearing_status(hearing=hearing)
    if not status.past_deadline:
        raise AdoptionRefused(
            _("Forslaget kan ikke vedtas før høringsfristen er ute (%(deadline)s).")
            % {"deadline": date_format(timezone.localtime(status.closes_at), "j. F Y \\k\\l. H.i")}
        )
    if not hearing.proposal_links.filter(proposal_id=proposal.pk).exists():
        raise AdoptionRefused(_("Forslaget er ikke en del av denne høringen."))
    note = " ".join((change_note or "").split())
    if not note:
        raise AdoptionRefused(
            _("Skriv et endringsnotat som forteller leserne hva som er endret i den nye versjonen.")
        )
    with transaction.atomic():
        if ProposalAdoption.objects.select_for_update().filter(proposal_id=proposal.pk).exists():
            raise AdoptionRefused(
                _("Forslaget er allerede vedtatt. Et forslag kan bare vedtas én gang.")
            )
        pending = AdoptionRequest.objects.select_for_update(of=("self",)).filter(
            proposal_id=proposal.pk
        )
        if any(request.is_open for request in pending.select_related("workflow_state")):
            raise AdoptionRefused(
                _("Vedtaket venter allerede på godkjenning av en annen redaktør.")
            )
        full_note = _("%(note)s Vedtatt etter høringen «%(title)s» (saksnummer %(ref)s).") % {
            "note": note,
            "title": hearing.title,
            "ref": hearing.reference_number,
        }
        try:
            state = proposal_submit_for_adoption(
                proposal=proposal, user=user, change_note=full_note
            )
        except AdoptionNotPossible as error:
            raise AdoptionRefused(str(error)) from error
        request = AdoptionRequest.objects.create(
            hearing=hearing,
            proposal=proposal,
            workflow_state=state,
            change_note=full_note,
            requested_by=user,
            requested_at=timezone.now(),
        )
        if hearing.under_consideration_at is None:
            HearingPage.objects.filter(pk=hearing.pk).update(under_consideration_at=timezone.now())
    return request


def hearing_adoption_approved(*, workflow_state, user) -> ProposalAdoption | None:
    """Record the adoption whose workflow a second editor just approved (and so published).

    Called from the ``workflow_approved`` signal, inside the approval's transaction, after the
    pathway was published and its version recorded. Returns None for workflows that carry no
    adoption.
    """
    request = (
        AdoptionRequest.objects.select_for_update(of=("self",))
        .filter(workflow_state_id=workflow_state.pk)
        .select_related("proposal")
        .first()
    )
    if request is None or ProposalAdoption.objects.filter(proposal_id=request.proposal_id).exists():
        return None
    live_revision_id = (
        PathwayPage.objects.filter(pk=workflow_state.object_id)
        .values_list("live_revision_id", flat=True)
        .first()
    )
    change = (
        PathwayChange.objects.filter(revision_id=live_revision_id).select_related("version").first()
    )
    if change is None:
        return None
    version_link_proposal(version=change.version, proposal=request.proposal)
    return ProposalAdoption.objects.create(
        hearing_id=request.hearing_id,
        proposal_id=request.proposal_id,
        version=change.version,
        adopted_by_id=request.requested_by_id,
        approved_by=user,
        adopted_at=timezone.now(),
    )


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
