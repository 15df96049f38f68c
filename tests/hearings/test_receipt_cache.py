"""The receipt right after a submission comes from what the submission wrote, never stale.

See ``hearings.receipt_cache``: the submission keeps the response, its answers and comments once
they are committed; the receipt uses them while the link's key matches and nothing has been saved
since.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearings.models import Response
from hearings.services.privacy import respondent_erase
from tests.hearings.helpers import form_data

pytestmark = pytest.mark.django_db


def _without_edit_token(page: str) -> str:
    """The edit link is signed (with the time) each time the receipt renders; the rest must match."""
    return re.sub(r"/svar/[^/\"]+/", "/svar/TOKEN/", page)


def _submit(client, hearing, commit_callbacks):
    proposal = hearing.proposal_links.first().proposal
    data = form_data(hearing, general_comment="Andre ting vi vil si.")
    data[f"p{proposal.pk}"] = "Forslaget bør si mer om ventetid."
    with commit_callbacks(execute=True):  # the receipt is kept once the submission commits
        reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302, reply.content[:2000]
    return reply["Location"]


def test_the_receipt_reads_no_response_rows_and_matches_the_database_copy(
    client, hearing, django_capture_on_commit_callbacks
):
    receipt = _submit(client, hearing, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(receipt)
    assert kept.status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "hearings_response" not in read and "hearings_answer" not in read, read
    assert "hearings_pathwaycomment" not in read
    page = kept.content.decode()
    assert "Forslaget bør si mer om ventetid." in page and "Svar på Q1" in page
    cache.clear()
    from_database = client.get(receipt).content.decode()
    assert "/svar/TOKEN/" in _without_edit_token(page)
    assert _without_edit_token(from_database) == _without_edit_token(page)


def test_a_later_save_or_a_revoked_link_is_never_shown_from_the_copy(
    client, hearing, django_user_model, django_capture_on_commit_callbacks
):
    receipt = _submit(client, hearing, django_capture_on_commit_callbacks)
    assert cache.get(f"hearings:receipt:{Response.objects.get().pk}") is not None
    response = Response.objects.get()
    response.general_comment = "Endret av saksbehandler."
    response.save()
    assert "Endret av saksbehandler." in client.get(receipt).content.decode()
    answer = response.answers.order_by("question__sort_order").first()
    answer.text = "Et nytt svar på spørsmålet."
    answer.save()
    assert "Et nytt svar på spørsmålet." in client.get(receipt).content.decode()
    staff = django_user_model.objects.create_user("saksbehandler")
    respondent_erase(email="ola@example.org", user=staff)  # links stop working: a new link key
    assert client.get(receipt).status_code == 400


def test_a_response_with_an_attachment_is_not_kept(
    client, hearing, django_capture_on_commit_callbacks
):
    """Its text is read after the submission; if that fails, the receipt must say so."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.hearings.helpers import docx_bytes

    data = form_data(hearing)
    data["attachment"] = SimpleUploadedFile(
        "svar.docx", docx_bytes("Utdypende innspill."), content_type="application/zip"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{hearing.url}svar/", data).status_code == 302
    assert cache.get(f"hearings:receipt:{Response.objects.get().pk}") is None
