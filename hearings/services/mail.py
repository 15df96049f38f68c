"""E-mail to respondents: receipts, draft links and fresh edit links, with retries.

Apart from :mod:`hearings.services.responses` because a background task sends these mails:
responses enqueue tasks, tasks call this module, and nothing here calls back. A failed send is
marked for retry and the caller that owns scheduling (the task, or ``manage.py retry_mail``)
decides when to try again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.mail import MailDelivery
from ..models.responses import Response
from ..selectors import hearing_status
from ..tokens import EDIT_SALT, RECEIPT_SALT, make_token

if TYPE_CHECKING:
    from ..models.pages import HearingPage

logger = logging.getLogger(__name__)

MAIL_MAX_ATTEMPTS = 6
MAIL_RETRY_BASE_SECONDS = 60


def response_links(*, response: Response) -> dict:
    base = settings.SITE_URL.rstrip("/")
    hearing_url = response.hearing.get_url() or ""
    if hearing_url.startswith("http"):
        base = ""
    return {
        "edit": f"{base}{hearing_url}svar/{make_token(response=response, salt=EDIT_SALT)}/",
        "receipt": f"{base}{hearing_url}svar/kvittering/{make_token(response=response, salt=RECEIPT_SALT)}/",
    }


def _mail_message(response: Response, kind: str) -> tuple[str, str]:
    hearing = response.hearing
    context = {
        "response": response,
        "hearing": hearing,
        "links": response_links(response=response),
        "status": hearing_status(hearing=hearing),
        "answers": list(
            response.answers.select_related("question").order_by("question__sort_order")
        ),
        "comments": list(response.pathway_comments.select_related("pathway")),
    }
    if kind == "receipt":
        subject = _("Kvittering for høringssvar %(ref)s") % {"ref": response.reference}
        template = "hearings/email/receipt.txt"
    else:
        subject = _("Lenke til utkastet ditt til høringssvar")
        template = "hearings/email/draft_link.txt"
    return subject, render_to_string(template, context)


def response_mail_send(
    *,
    delivery_id: int,
    now: datetime | None = None,
    on_retry: Callable[[int, datetime], object] | None = None,
) -> str:
    """Send one owed e-mail; on failure mark a retry, or mark it failed after the last attempt.

    ``on_retry(delivery_id, when)`` is called after commit when a retry is due later. Returns the delivery's new status. Safe to call twice: a sent delivery is not sent again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            MailDelivery.objects.select_for_update()
            .select_related("response__hearing")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in (
            MailDelivery.Status.SENT,
            MailDelivery.Status.FAILED,
        ):
            return delivery.status if delivery else "missing"
        response = delivery.response
        delivery.attempts += 1
        try:
            if not response.contact_email:
                raise ValueError("no address (erased)")
            subject, body = _mail_message(response, delivery.kind)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [response.contact_email])
        except Exception as error:  # noqa: BLE001 - any mail failure is retried the same way
            delivery.last_error = f"{type(error).__name__}: {error}"[:500]
            if delivery.attempts >= MAIL_MAX_ATTEMPTS:
                delivery.status = MailDelivery.Status.FAILED
                delivery.next_attempt_at = None
                logger.error(
                    "Gave up e-mailing %s after %s attempts: %s",
                    response.reference,
                    delivery.attempts,
                    delivery.last_error,
                )
            else:
                delivery.status = MailDelivery.Status.RETRYING
                delivery.next_attempt_at = now + timedelta(
                    seconds=MAIL_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
                )
                logger.warning(
                    "Could not e-mail %s (attempt %s): %s",
                    response.reference,
                    delivery.attempts,
                    delivery.last_error,
                )
        else:
            delivery.status = MailDelivery.Status.SENT
            delivery.sent_at = now
            delivery.next_attempt_at = None
            delivery.last_error = ""
        delivery.save()
    if delivery.status == MailDelivery.Status.RETRYING and on_retry is not None:
        retry_id, retry_at = delivery.pk, delivery.next_attempt_at
        transaction.on_commit(lambda: on_retry(retry_id, retry_at))
    return delivery.status


def response_mail_retry_due(*, now: datetime | None = None) -> int:
    """Send every pending or retrying delivery that is due (for backends without deferred tasks)."""
    now = now or timezone.now()
    due = MailDelivery.objects.filter(
        models.Q(status=MailDelivery.Status.PENDING)
        | models.Q(status=MailDelivery.Status.RETRYING, next_attempt_at__lte=now)
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if response_mail_send(delivery_id=pk, now=now) == "sent")


def response_link_request(*, hearing: HearingPage, email: str) -> int:
    """E-mail fresh edit links for every response with this address on this hearing.

    Returns how many were found; callers show the same message either way, so the page does not
    reveal who has answered.
    """
    responses = list(
        Response.objects.filter(hearing_id=hearing.pk, contact_email__iexact=email.strip())
    )
    if not responses:
        return 0
    context = {
        "hearing": hearing,
        "items": [{"response": r, "links": response_links(response=r)} for r in responses],
        "status": hearing_status(hearing=hearing),
    }
    send_mail(
        _("Lenke til høringssvaret ditt"),
        render_to_string("hearings/email/links.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [responses[0].contact_email],
    )
    return len(responses)
