from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalAdoption(models.Model):
    """The record that a proposal on a hearing became a pathway version."""

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
    adopted_at = models.DateTimeField(_("vedtatt"))

    class Meta:
        ordering = ["-adopted_at"]
        verbose_name = _("vedtatt forslag")
        verbose_name_plural = _("vedtatte forslag")

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.version_id}"
