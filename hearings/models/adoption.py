from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalAdoption(models.Model):
    """The record that a proposal on a hearing became a pathway version.

    Written only when a second editor has approved the adoption in the four-eyes workflow (see
    ``AdoptionRequest``); ``adopted_by`` is the editor who asked, ``approved_by`` the one who
    approved.
    """

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.PROTECT, related_name="adoptions"
    )
    proposal = models.OneToOneField(
        "guidelines.RevisionProposalPage", on_delete=models.PROTECT, related_name="adoption"
    )
    version = models.ForeignKey(
        "guidelines.PathwayVersion", on_delete=models.PROTECT, related_name="adoptions"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(_("vedtatt"))

    class Meta:
        ordering = ["-adopted_at"]
        verbose_name = _("vedtatt forslag")
        verbose_name_plural = _("vedtatte forslag")

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.version_id}"


class AdoptionRequest(models.Model):
    """An editor's decision to adopt a proposal, waiting for a second editor's approval.

    Adoption makes a new public substantive version, so it goes through the pathway's four-eyes
    workflow like any other substantive change: the request holds the workflow state that carries
    the pathway revision, and approving that workflow is what publishes the version and writes
    the ``ProposalAdoption``. A cancelled workflow leaves the request closed; a new one may follow.
    """

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="adoption_requests"
    )
    proposal = models.ForeignKey(
        "guidelines.RevisionProposalPage",
        on_delete=models.CASCADE,
        related_name="adoption_requests",
    )
    workflow_state = models.OneToOneField(
        "wagtailcore.WorkflowState",
        null=True,
        on_delete=models.SET_NULL,
        related_name="adoption_request",
    )
    change_note = models.TextField(_("endringsnotat"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("sendt til godkjenning"))

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("vedtak til godkjenning")
        verbose_name_plural = _("vedtak til godkjenning")

    def __str__(self) -> str:
        return f"{self.proposal_id} ({self.requested_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        """True while the workflow still runs (waiting, or sent back for changes)."""
        state = self.workflow_state
        return state is not None and state.status in (
            state.STATUS_IN_PROGRESS,
            state.STATUS_NEEDS_CHANGES,
        )
