from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataLog(models.Model):
    """Audit trail of access requests and erasures. Holds a hash of the e-mail, never the address."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Innsyn")
        ERASE = "erase", _("Sletting på forespørsel")
        RETENTION = "retention", _("Sletting etter lagringstid")

    action = models.CharField(_("handling"), max_length=10, choices=Action.choices)
    subject_hash = models.CharField(_("hash av e-post"), max_length=64, blank=True)
    response_count = models.PositiveIntegerField(_("antall svar"), default=0)
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    performed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["-performed_at"]
        verbose_name = _("personvernlogg")
        verbose_name_plural = _("personvernlogg")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.performed_at:%Y-%m-%d %H:%M}"
