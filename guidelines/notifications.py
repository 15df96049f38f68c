"""E-mail to confirmed subscribers when a pathway gets a new public version.

Apart from :mod:`guidelines.services` because the background task that sends it is enqueued by
those services: tasks call this module, services call tasks, and nothing calls back.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .models.subscriptions import Subscription
from .models.versions import PathwayVersion

UNSUBSCRIBE_SALT = "guidelines.subscription.unsubscribe"


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"s": subscription.pk, "e": subscription.email}
    )


def subscribers_notify(*, version: PathwayVersion, base_url: str) -> int:
    """E-mail every confirmed subscriber of this pathway (and of all pathways) about a new version."""
    recipients = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        pathway_id__in=[version.pathway_id]
    ) | Subscription.objects.filter(confirmed_at__isnull=False, pathway__isnull=True)
    sent = 0
    page_url = f"{base_url}{version.pathway.url}"
    for subscription in recipients.distinct():
        context = {
            "version": version,
            "page_url": page_url,
            "unsubscribe_url": f"{base_url}/forlop/abonnement/avslutt/{unsubscribe_token(subscription)}/",
        }
        send_mail(
            _("Ny versjon: %(title)s") % {"title": version.content.get("title", "")},
            render_to_string("guidelines/email/new_version.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [subscription.email],
            fail_silently=False,
        )
        sent += 1
    return sent
