from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    SUBSTANTIVE = "substantive", _("Faglig endring")
    EDITORIAL = "editorial", _("Redaksjonell endring")


class PathwayVersion(models.Model):
    """A numbered public version of a pathway, created by a substantive publish.

    ``content`` is a snapshot of the published text (title, introduction, target group, body as raw
    stream data with its block ids), so old versions render and diff independently of revisions.
    Editorial publishes update the snapshot of the version in force without renumbering.
    """

    pathway = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="pathway_versions"
    )
    number = models.PositiveIntegerField(_("versjon"))
    published_at = models.DateTimeField(_("publisert"))
    change_note = models.TextField(_("endringsnotat"), blank=True)
    content = models.JSONField(_("innhold"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_editorial_change_at = models.DateTimeField(
        _("siste redaksjonelle endring"), null=True, blank=True
    )
    source_proposal = models.ForeignKey(
        "guidelines.RevisionProposalPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adopted_versions",
        verbose_name=_("vedtatt fra forslag"),
    )

    class Meta:
        ordering = ["pathway", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "number"], name="unique_pathway_version_number"
            )
        ]
        verbose_name = _("versjon")
        verbose_name_plural = _("versjoner")

    def __str__(self) -> str:
        return f"{self.content.get('title', '')} v{self.number}"


class PathwayChange(models.Model):
    """The log of every publish of a pathway, substantive or editorial."""

    pathway = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="pathway_changes"
    )
    version = models.ForeignKey(PathwayVersion, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("type endring"), max_length=20, choices=ChangeKind.choices)
    note = models.TextField(_("endringsnotat"), blank=True)
    published_at = models.DateTimeField(_("publisert"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["revision"], name="unique_change_per_revision")
        ]
        verbose_name = _("publisering")
        verbose_name_plural = _("publiseringer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.published_at:%Y-%m-%d}"
