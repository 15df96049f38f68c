"""Faults: the mail server down during submissions (default suite) and PostgreSQL restarted
during a rush of submissions (marked postgres)."""

from __future__ import annotations

import os
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from hearings.models import MailDelivery, Response
from hearings.services.mail import (
    MAIL_MAX_ATTEMPTS,
    response_mail_retry_due,
    response_mail_send,
)
from tests.hearings.helpers import form_data


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.mark.django_db
def test_mail_failure_does_not_fail_submission_and_is_retried(world, client, client_for, settings):
    settings.EMAIL_BACKEND = "tests.security.test_faults.FailingBackend"
    mail.outbox = []
    reply = client.post(
        f"{world.open_hearing.url}svar/",
        form_data(world.open_hearing, general_comment="Post nede."),
    )
    assert reply.status_code == 302 and "kvittering" in reply["Location"]
    response = Response.objects.get(general_comment="Post nede.")
    assert response.status == "submitted"
    delivery = MailDelivery.objects.get(response=response)
    assert delivery.kind == "receipt" and delivery.status == "retrying" and delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    # Staff see it in the admin.
    listing = client_for("superuser").get("/admin/snippets/hearings/maildelivery/")
    assert listing.status_code == 200
    assert "Prøver igjen" in listing.content.decode()
    # Not due yet: nothing happens. Due and the server back: sent once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert response_mail_retry_due() == 0
    assert response_mail_retry_due(now=timezone.now() + timedelta(minutes=5)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 2 and delivery.sent_at
    assert len(mail.outbox) == 1 and response.reference in mail.outbox[0].subject
    assert response_mail_send(delivery_id=delivery.pk) == "sent" and len(mail.outbox) == 1


@pytest.mark.django_db
def test_mail_gives_up_visibly_after_the_last_attempt(world, client, settings):
    settings.EMAIL_BACKEND = "tests.security.test_faults.FailingBackend"
    client.post(
        f"{world.open_hearing.url}svar/",
        form_data(world.open_hearing, general_comment="Aldri post."),
    )
    delivery = MailDelivery.objects.get(response__general_comment="Aldri post.")
    later = timezone.now()
    for _attempt in range(MAIL_MAX_ATTEMPTS):
        later += timedelta(days=1)
        response_mail_retry_due(now=later)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == MAIL_MAX_ATTEMPTS


def _restart_postgres() -> None:
    import shutil
    import subprocess

    from tests.conftest import service_missing

    if not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        service_missing("pg_ctlcluster (as root) is needed to restart PostgreSQL")
    version = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(v))[-1]
    subprocess.run(
        ["pg_ctlcluster", version, "main", "restart", "-m", "fast"], check=True, timeout=120
    )


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_restart_during_submissions(client, settings):
    """Each submission in flight either completes or gets the "prøv igjen" page; nothing is
    half-stored; retrying the same form stores it exactly once; the site recovers by itself."""
    import threading
    import time
    import uuid

    from django.db import connection

    from tests.hearings.helpers import make_hearing

    if connection.vendor != "postgresql":
        from tests.conftest import service_missing

        service_missing("DATABASE_URL must point at PostgreSQL")
    settings.HEARINGS_RATE_LIMITS = {"response_post": (100_000, 3600)}
    hearing = make_hearing(slug="omstart")
    url = f"{hearing.url}svar/"
    restart = threading.Thread(target=_restart_postgres)
    outcomes = []
    deadline = time.monotonic() + 60
    restart_started = False
    base = form_data(
        hearing
    )  # queried once: the test itself must not touch the database mid-restart
    while time.monotonic() < deadline:
        data = {
            **base,
            "general_comment": f"Omstart {len(outcomes)}.",
            "form_token": str(uuid.uuid4()),
        }
        reply = client.post(url, data, REMOTE_ADDR=f"10.9.{len(outcomes) % 250}.1")
        outcomes.append((data, reply.status_code, reply.content.decode()))
        if len(outcomes) == 5:
            restart.start()
            restart_started = True
        recovered = sum(1 for _d, code, _b in outcomes[-3:] if code == 302) == 3
        if (
            restart_started
            and not restart.is_alive()
            and recovered
            and any(c == 503 for _d, c, _b in outcomes)
        ):
            break
        time.sleep(0.05)
    restart.join()
    codes = [code for _d, code, _b in outcomes]
    assert set(codes) <= {302, 503}, codes
    assert 503 in codes, "the restart should have hit at least one submission"
    assert codes[-1] == 302, "the site should have recovered by itself"
    for _data, code, body in outcomes:
        if code == 503:
            assert "prøv igjen" in body
    connection.close()
    questions = hearing.questions.count()
    for data, code, _body in outcomes:
        stored = Response.objects.filter(creation_token=data["form_token"]).first()
        if code == 302:
            assert stored is not None and stored.answers.count() == questions
        elif stored is not None:  # committed just before the connection dropped: complete
            assert stored.answers.count() == questions
        # Retrying the same form after an error stores it exactly once.
        again = client.post(url, data, REMOTE_ADDR="10.8.0.1")
        assert again.status_code == 302
        assert Response.objects.filter(creation_token=data["form_token"]).count() == 1
