"""Writes for pathways: publication records, proposals, adoption, subscriptions."""

from __future__ import annotations

import copy
import logging
import uuid

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .models import (
    FourEyesApprovalTask,
    PathwayChange,
    PathwayPage,
    PathwayVersion,
    RevisionProposalPage,
    Subscription,
)
from .models.versions import ChangeKind
from .notifications import UNSUBSCRIBE_SALT, unsubscribe_token  # noqa: F401 - part of this API

logger = logging.getLogger(__name__)

SNAPSHOT_FIELDS = ("title", "short_name", "target_group", "area", "language", "introduction")
CONFIRM_SALT = "guidelines.subscription.confirm"


def pathway_snapshot(*, pathway: PathwayPage) -> dict:
    """The published text of a pathway as plain JSON, with the body's block ids kept."""
    snapshot = {name: getattr(pathway, name) for name in SNAPSHOT_FIELDS}
    snapshot["body"] = list(pathway.body.raw_data)
    snapshot["goals"] = sorted(goal.code for goal in pathway.goals.all())
    return snapshot


@transaction.atomic
def pathway_record_publication(
    *, pathway: PathwayPage, revision=None, user=None, published_at=None, source_proposal=None
) -> PathwayChange:
    """Record a publish: a substantive one makes the next numbered version, an editorial one does not.

    The very first publication is always version 1. Idempotent per revision, so a repeated
    ``page_published`` signal for the same revision records nothing new.
    """
    if revision is not None:
        existing = PathwayChange.objects.filter(revision=revision).first()
        if existing:
            return existing
    published_at = published_at or timezone.now()
    latest = (
        PathwayVersion.objects.select_for_update()
        .filter(pathway=pathway)
        .order_by("-number")
        .first()
    )
    kind = pathway.change_kind or ChangeKind.EDITORIAL
    if latest is None:
        kind = ChangeKind.SUBSTANTIVE
    note = (pathway.change_note or "").strip() or (_("Først publisert") if latest is None else "")
    snapshot = pathway_snapshot(pathway=pathway)
    if kind == ChangeKind.SUBSTANTIVE:
        version = PathwayVersion.objects.create(
            pathway=pathway,
            number=(latest.number + 1) if latest else 1,
            published_at=published_at,
            change_note=note,
            content=snapshot,
            revision=revision,
            published_by=user,
            source_proposal=source_proposal,
        )
        transaction.on_commit(lambda: _enqueue_notification(version.pk))
    else:
        version = latest
        version.content = snapshot
        version.last_editorial_change_at = published_at
        version.save(update_fields=["content", "last_editorial_change_at"])
    return PathwayChange.objects.create(
        pathway=pathway,
        version=version,
        kind=kind,
        note=note,
        published_at=published_at,
        revision=revision,
        user=user,
    )


def _enqueue_notification(version_id: int) -> None:
    tasks.notify_subscribers.enqueue(version_id)


def _proposal_body_from(raw_body: list[dict]) -> list[dict]:
    body = copy.deepcopy(raw_body)
    for block in body:
        block.setdefault("id", str(uuid.uuid4()))
        block["value"]["rationale"] = ""
    return body


@transaction.atomic
def proposal_create_from_pathway(
    *, pathway: PathwayPage, parent, user=None, revision_name: str = "Revisjon 2023–2024"
) -> RevisionProposalPage:
    """Start a revision proposal as a draft copy of the text in force (block ids kept)."""
    current = PathwayVersion.objects.filter(pathway=pathway).order_by("-number").first()
    source = current.content if current else pathway_snapshot(pathway=pathway)
    base_slug = f"{pathway.slug}-forslag"
    slug, counter = base_slug, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, counter = f"{base_slug}-{counter}", counter + 1
    proposal = RevisionProposalPage(
        title=_("Forslag til endringer: %(title)s") % {"title": source["title"]},
        slug=slug,
        pathway=pathway,
        base_version=current,
        revision_name=revision_name,
        target_group=source["target_group"],
        introduction=source["introduction"],
        body=_proposal_body_from(source["body"]),
        live=False,
        owner=user,
    )
    parent.add_child(instance=proposal)
    proposal.save_revision(user=user, log_action=True)
    return proposal


def proposal_body_for_pathway(*, proposal: RevisionProposalPage) -> list[dict]:
    """The proposal's sections without rationales, ready to become the pathway's body."""
    body = copy.deepcopy(list(proposal.body.raw_data))
    for block in body:
        block["value"].pop("rationale", None)
    return body


class AdoptionNotPossible(Exception):
    """A proposal cannot be sent for adoption now; the message says why, for an editor."""


def pathway_four_eyes_workflow(*, pathway: PathwayPage):
    """The pathway's workflow if it has an active four-eyes task, else None.

    Only that task guarantees that the person who asks is not the person who approves; a workflow
    without it (or none at all) could publish on the requester's word alone.
    """
    workflow = pathway.get_workflow()
    if workflow is None or not workflow.active:
        return None
    tasks_ = [task.specific for task in workflow.tasks.filter(active=True)]
    if not any(isinstance(task, FourEyesApprovalTask) for task in tasks_):
        return None
    return workflow


@transaction.atomic
def proposal_submit_for_adoption(*, proposal: RevisionProposalPage, user, change_note: str):
    """Put a proposal's text on its pathway as a substantive draft and send it for approval.

    Nothing is published here: the pathway's four-eyes workflow publishes the draft as the next
    version only when a second editor approves it. Refused (``AdoptionNotPossible``) when the
    proposal is already adopted, when the pathway has no four-eyes workflow, and while another
    change to the pathway waits for approval (the approver would otherwise approve both).
    Returns the workflow state.
    """
    if PathwayVersion.objects.filter(source_proposal=proposal).exists():
        raise AdoptionNotPossible(_("Forslaget er allerede vedtatt."))
    pathway = PathwayPage.objects.select_for_update().get(pk=proposal.pathway_id)
    workflow = pathway_four_eyes_workflow(pathway=pathway)
    if workflow is None:
        raise AdoptionNotPossible(
            _(
                "Forløpet har ingen godkjenning av en annen redaktør. Et vedtak blir en ny "
                "faglig versjon og må godkjennes av en annen redaktør; be en administrator "
                "koble forløpet til godkjenningsflyten."
            )
        )
    if pathway.workflow_in_progress:
        raise AdoptionNotPossible(
            _(
                "Forløpet har allerede en endring som venter på godkjenning. Vent til den er "
                "godkjent eller trukket tilbake, og send vedtaket etterpå."
            )
        )
    draft = pathway.get_latest_revision_as_object()
    draft.title = proposal.title.replace(_("Forslag til endringer: "), "")
    draft.target_group = proposal.target_group
    draft.introduction = proposal.introduction
    draft.body = proposal_body_for_pathway(proposal=proposal)
    draft.change_kind = ChangeKind.SUBSTANTIVE
    draft.change_note = change_note
    draft.save_revision(user=user, log_action=True)
    return workflow.start(draft, user)


def version_link_proposal(*, version: PathwayVersion, proposal: RevisionProposalPage) -> None:
    """Record that a published version came from a proposal (its adoption was approved)."""
    if version.source_proposal_id is None:
        version.source_proposal = proposal
        version.save(update_fields=["source_proposal"])


def _confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"s": subscription.pk, "e": subscription.email}
    )


def subscription_request(*, email: str, pathway: PathwayPage | None, base_url: str) -> Subscription:
    """Create (or reuse) a pending subscription and send the confirmation link (double opt-in)."""
    email = email.strip().lower()
    try:
        subscription, _created = Subscription.objects.get_or_create(email=email, pathway=pathway)
    except IntegrityError:
        subscription = Subscription.objects.get(email=email, pathway=pathway)
    if subscription.confirmed_at is None:
        link = f"{base_url}/forlop/abonnement/bekreft/{_confirm_token(subscription)}/"
        context = {
            "subscription": subscription,
            "pathway": pathway,
            "link": link,
            "hours": settings.SUBSCRIPTION_CONFIRM_MAX_AGE_HOURS,
        }
        send_mail(
            _("Bekreft abonnementet ditt"),
            render_to_string("guidelines/email/subscription_confirm.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    return subscription


def subscription_confirm(*, token: str) -> Subscription:
    """Confirm a subscription from its signed, expiring link. Raises signing.BadSignature."""
    max_age = settings.SUBSCRIPTION_CONFIRM_MAX_AGE_HOURS * 3600
    data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    subscription = Subscription.objects.get(pk=data["s"], email=data["e"])
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_unsubscribe(*, token: str) -> bool:
    """One-click unsubscribe. Returns False when the subscription was already gone."""
    data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    deleted, _rows = Subscription.objects.filter(pk=data["s"], email=data["e"]).delete()
    return bool(deleted)
