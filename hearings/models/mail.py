"""Outgoing e-mail to respondents, one row per message, so a failed receipt is retried and seen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailDelivery(models.Model):
    """A receipt or draft link owed to a respondent.

    Sending happens in a background task that retries with back-off; the submission never waits
    for (or fails because of) the mail server. Staff see failed deliveries in the admin.
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Kvittering")
        DRAFT_LINK = "draft_link", _("Lenke til utkast")

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        RETRYING = "retrying", _("Prøver igjen")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")

    response = models.ForeignKey(
        "hearings.Response",
        on_delete=models.CASCADE,
        related_name="mail_deliveries",
        verbose_name=_("høringssvar"),
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    last_error = models.CharField(_("siste feil"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("neste forsøk"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-post til innsender")
        verbose_name_plural = _("e-post til innsendere")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.response_id} ({self.get_status_display()})"
