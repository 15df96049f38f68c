"""Registering a letter in the admin and correcting the question a passage answers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearings.demo_letters import LETTERS, letter_file
from hearings.models import LetterDocument, Passage, QuestionLabel, Response
from hearings.services.analysis import analyse_response

from ..helpers import make_hearing, pdf_bytes
from .factories import make_user

pytestmark = pytest.mark.django_db


def _post(client, hearing, files, **extra):
    data = {
        "hearing": hearing.pk,
        "respondent_kind": "organisasjon",
        "organisation_name": "Oppdiktet forening (test)",
        "category": "bruker",
        "received_at": "2024-04-30",
        "contact_name": "Test Testesen",
        "contact_email": "test@eksempel.invalid",
        "publication_choice": "full",
        "files": files,
        **extra,
    }
    return client.post(reverse("hearing_review:letter_register"), data)


def test_staff_register_a_letter_and_see_its_questions(client):
    hearing = make_hearing()
    client.force_login(make_user("saksbehandler", reviewer=True))
    assert client.get(reverse("hearing_review:letter_register")).status_code == 200
    letter = letter_file(next(x for x in LETTERS if x["kind"] == "docx"))
    upload = SimpleUploadedFile(letter.name, letter.data)
    answer = _post(client, hearing, [upload])
    response = Response.objects.get(source="brev")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("hearings_review_detail", args=[response.pk])
    assert response.letters.get().kind == "docx"
    analyse_response(response)
    passage = Passage.objects.filter(response=response, question__code="Q3").first()
    page = client.get(reverse("hearing_review:passage", args=[hearing.pk, passage.pk]))
    html = page.content.decode()
    assert "Overskrift eller nummerering" in html and "Forløpskoordinering" in html
    q2 = hearing.questions.get(code="Q2")
    client.post(
        reverse("hearing_review:passage_question", args=[hearing.pk, passage.pk]),
        {"question": q2.pk},
    )
    passage.refresh_from_db()
    assert passage.question_id == q2.pk
    assert QuestionLabel.objects.get(passage=passage, source="human").is_effective


def test_a_bad_file_is_named_on_the_form_and_nothing_is_registered(client):
    hearing = make_hearing()
    client.force_login(make_user("saksbehandler", reviewer=True))
    good = letter_file(LETTERS[0])
    page = _post(
        client,
        hearing,
        [SimpleUploadedFile(good.name, good.data), SimpleUploadedFile("skann.pdf", pdf_bytes())],
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "skann.pdf" in html and "OCR" in html
    assert 'value="Oppdiktet forening (test)"' in html  # what staff typed is kept
    assert not Response.objects.exists() and not LetterDocument.objects.exists()


def test_only_reviewers_register_letters(client):
    make_hearing()
    client.force_login(make_user("ed", editor=True))
    assert client.get(reverse("hearing_review:letter_register")).status_code == 403


def test_letter_passages_are_a_filter_in_the_passage_list(client):
    hearing = make_hearing()
    client.force_login(make_user("saksbehandler", reviewer=True))
    letter = letter_file(LETTERS[2])
    _post(client, hearing, [SimpleUploadedFile(letter.name, letter.data)])
    analyse_response(Response.objects.get(source="brev"))
    url = reverse("hearing_review:passages", args=[hearing.pk])
    html = client.get(url, {"source": "letter"}).content.decode()
    assert "Forløpstiden fra mottatt henvisning" in html
    assert 'value="letter"' in html
