from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    """An e-mail subscription to substantive changes (one pathway, or all when ``pathway`` is null).

    Double opt-in: nothing is sent until ``confirmed_at`` is set through the signed link.
    """

    email = models.EmailField(_("e-post"))
    pathway = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "pathway"], name="unique_subscription"),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(pathway__isnull=True),
                name="unique_all_subscription",
            ),
        ]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")

    def __str__(self) -> str:
        return self.email
