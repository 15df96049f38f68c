"""Respondents who answer with a letter in the public form ("Svar med brev")."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearings.demo_letters import HEADING, TEXT, simple_docx
from hearings.models import Answer, Passage, Response
from hearings.services.analysis import analyse_response

from .helpers import form_data
from .review.factories import make_user

pytestmark = pytest.mark.django_db

LETTER_NAME = "horingsbrev.docx"
#: An invented letter with a heading for one question and a stance stated in so many words.
LETTER = simple_docx(
    [
        (TEXT, "Oppdiktet høringsbrev fra en testforening"),
        (HEADING, "Forløpskoordinering"),
        (TEXT, "Vi støtter forslaget om en fast forløpskoordinator for hver pasient."),
    ]
)


def _letter_data(hearing, **overrides):
    """A letter answer: no text in the four boxes, a stance on Q1 only."""
    data = form_data(hearing, answer_mode="skjemabrev", **overrides)
    for question in hearing.questions.all():
        data[f"q{question.pk}_text"] = ""
        data[f"q{question.pk}_stance"] = "delvis" if question.code == "Q1" else ""
    return data


def _resend(client, edit, hearing, **overrides):
    """What the respondent sends again from the edit page: a fresh form token and version."""
    form = client.get(edit).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    data = _letter_data(hearing, form_token=token, version=version)
    data.update(overrides)
    return data


def _upload():
    return SimpleUploadedFile(LETTER_NAME, LETTER)


def test_the_form_offers_to_answer_with_a_letter(client, hearing):
    html = client.get(f"{hearing.url}svar/").content.decode()
    assert "Svar med brev" in html
    assert 'name="answer_mode" value="skjemabrev"' in html
    assert 'name="answer_mode" value="skjema"' in html and "checked" in html
    assert 'id="brev-og-vedlegg"' in html  # the hint's link target


def test_letter_mode_without_a_letter_is_refused_next_to_the_file_field(client, hearing):
    data = _letter_data(hearing, general_comment="Dette skal stå igjen i skjemaet")
    reply = client.post(f"{hearing.url}svar/", data)
    html = reply.content.decode()
    assert reply.status_code == 400
    error = re.search(r'<p class="error-message" id="id_attachment-error">(.*?)</p>', html, re.S)
    assert error and "Du har valgt å svare med brev" in error.group(1)
    assert "Dette skal stå igjen i skjemaet" in html
    assert re.search(r'value="skjemabrev"[^>]*checked', html)
    assert not Response.objects.exists()


def test_a_draft_in_letter_mode_needs_no_letter_yet(client, hearing):
    reply = client.post(f"{hearing.url}svar/", _letter_data(hearing, action="draft"))
    assert reply.status_code == 302
    assert Response.objects.get().source == "skjemabrev"


def test_a_letter_answer_gets_a_receipt_and_its_questions_read(
    client, hearing, django_capture_on_commit_callbacks
):
    data = _letter_data(hearing)
    data["attachment"] = _upload()
    with django_capture_on_commit_callbacks(execute=True):  # the extraction task
        reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302 and "/kvittering/" in reply["Location"]
    response = Response.objects.get()
    assert response.source == "skjemabrev" and response.attachment_name == LETTER_NAME
    assert "forløpskoordinator" in response.attachment_text.lower()
    receipt = client.get(reply["Location"]).content.decode()
    assert "Svar med brev" in receipt and response.attachment_name in receipt

    analyse_response(response)
    q1, q3 = (hearing.questions.get(code=c) for c in ("Q1", "Q3"))
    letter_passages = Passage.objects.filter(response=response, source="attachment")
    assert letter_passages.filter(question=q3).exists()  # the heading "Forløpskoordinering"
    proposed = Answer.objects.get(response=response, question=q3)
    assert proposed.stance == "ja" and proposed.stance_source == "machine"
    own = Answer.objects.get(response=response, question=q1)
    assert own.stance == "delvis" and own.stance_source == "respondent"

    # The receipt never shows the machine's proposal as the respondent's stance.
    receipt = client.get(reply["Location"]).content.decode()
    assert "Standpunkt:</strong> Delvis" in receipt and "Standpunkt:</strong> Ja" not in receipt

    # Editing: letter mode is kept, and the proposal is not put in the respondent's mouth.
    edit = re.search(r'href="([^"]+/svar/[^"/]+/)"', receipt).group(1)
    form = client.get(edit).content.decode()
    assert re.search(r'value="skjemabrev"[^>]*checked', form)
    assert not re.search(rf'name="q{q3.pk}_stance" value="ja"[^>]*checked', form)
    assert client.post(edit, _resend(client, edit, hearing)).status_code == 302
    proposed.refresh_from_db()  # the saved letter counts, and an empty choice keeps the proposal
    assert proposed.stance == "ja" and proposed.stance_source == "machine"
    own_choice = _resend(client, edit, hearing, **{f"q{q3.pk}_stance": "nei"})
    assert client.post(edit, own_choice).status_code == 302
    proposed.refresh_from_db()
    assert proposed.stance == "nei" and proposed.stance_source == "respondent"
    analyse_response(Response.objects.get())
    proposed.refresh_from_db()
    assert proposed.stance == "nei"  # the respondent's own choice is never overwritten


def test_staff_filter_letters_sent_through_the_form(
    client, hearing, django_capture_on_commit_callbacks
):
    data = _letter_data(hearing)
    data["attachment"] = _upload()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{hearing.url}svar/", data)
    client.post(f"{hearing.url}svar/", form_data(hearing, organisation_name="Skjemaforeningen"))
    letter, ordinary = Response.objects.order_by("pk")
    analyse_response(letter)
    analyse_response(ordinary)
    client.force_login(make_user("saksbehandler", reviewer=True))
    url = reverse("hearing_review:passages", args=[hearing.pk])
    html = client.get(url, {"received_as": "skjemabrev"}).content.decode()
    assert "Brev via skjema" in html
    assert letter.reference in html and ordinary.reference not in html
    html = client.get(url, {"received_as": "skjema"}).content.decode()
    assert ordinary.reference in html and letter.reference not in html
