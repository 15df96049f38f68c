"""Letters registered by staff: checks before anything is stored, then the ordinary analysis."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfWriter

from hearings.demo_letters import LETTERS, letter_file, simple_pdf
from hearings.models import (
    Answer,
    LetterDocument,
    Passage,
    QuestionLabel,
    Response,
    ResponseSource,
)
from hearings.review.services import passage_question_set
from hearings.services.analysis import analyse_response
from hearings.services.letters import LetterDetails, LetterFile, letter_register, letters_read

from .helpers import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

DETAILS = LetterDetails(
    organisation_name="Oppdiktet forening for test",
    category="bruker",
    received_at=date(2024, 4, 30),
    publication_choice="full",
    contact_name="Test Testesen",
    contact_email="test@eksempel.invalid",
)


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("hemmelig")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


ENGLISH = (
    "We write on behalf of the association. The draft pathways are useful for patients and "
    "their families, and we support the proposal that each patient should have a coordinator."
)


@pytest.mark.parametrize(
    ("file", "code", "words"),
    [
        (LetterFile("tom.pdf", b""), "empty", "tom"),
        (LetterFile("skannet.pdf", pdf_bytes()), "no_text", "skannet"),
        (LetterFile("passord.pdf", _encrypted_pdf()), "encrypted", "passord"),
        (LetterFile("english.docx", docx_bytes(ENGLISH)), "language", "engelsk"),
        (LetterFile("bilde.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "type", "PDF"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_stored(hearing, file, code, words):
    good = LetterFile("brev.docx", docx_bytes("Vi støtter forslaget om en fast koordinator. " * 3))
    with pytest.raises(ValidationError) as caught, translation.override("nb"):
        letters_read(files=[good, file])
    assert [e.code for e in caught.value.error_list] == [code]
    message = caught.value.messages[0]
    assert file.name in message and words in message
    assert not Response.objects.exists() and not LetterDocument.objects.exists()


def test_english_letter_is_registered_when_staff_say_so(hearing):
    letters = letters_read(
        files=[LetterFile("english.docx", docx_bytes(ENGLISH))], accept_foreign_language=True
    )
    response = letter_register(hearing=hearing, details=DETAILS, letters=letters)
    assert response.letters.get().language == "en"


def test_nothing_at_all_is_refused(hearing):
    with pytest.raises(ValidationError) as caught:
        letters_read(files=[], pasted_text="  ")
    assert caught.value.error_list[0].code == "required"


def test_registered_letter_is_a_submitted_response_read_against_the_questions(hearing, editor):
    letter = next(x for x in LETTERS if x["key"] == "brukerforening")
    letters = letters_read(
        files=[letter_file(letter)], pasted_text="Vi er kritiske til forløpstidene."
    )
    response = letter_register(hearing=hearing, details=DETAILS, letters=letters, user=editor)
    assert response.source == ResponseSource.LETTER
    assert response.status == "submitted" and response.review_status == "pending"
    assert response.reference and response.registered_by == editor
    assert response.received_at == date(2024, 4, 30)
    documents = list(response.letters.all())
    assert [d.kind for d in documents] == ["pdf", "text"]
    assert documents[0].file and documents[0].sha256
    assert analyse_response(response) > 0

    passages = Passage.objects.filter(response=response, source="letter")
    by_text = {p.text: p for p in passages.select_related("question")}
    goal_passage = next(p for t, p in by_text.items() if t.startswith("Vi støtter målene"))
    assert goal_passage.question.code == "Q1"
    label = goal_passage.question_labels.get()
    assert label.method == "structure" and label.is_effective and label.source == "machine"
    assert label.stance == "delvis"  # "Vi støtter …, men …"
    times = next(p for t, p in by_text.items() if t.startswith("Vi er kritiske til at målepunkt"))
    assert times.question.code == "Q4"
    # Stance per question proposed by the machine, never as the respondent's.
    stances = {
        a.question.code: (a.stance, a.stance_source)
        for a in Answer.objects.filter(response=response).select_related("question")
    }
    assert stances["Q1"] == ("delvis", "machine")
    assert stances["Q4"] == ("nei", "machine")


def test_a_reviewers_question_wins_and_survives_reanalysis(hearing, editor):
    pdf = simple_pdf([text for _style, text in LETTERS[0]["paragraphs"]])
    letters = letters_read(files=[LetterFile("brev.pdf", pdf)])
    response = letter_register(hearing=hearing, details=DETAILS, letters=letters)
    analyse_response(response)
    passage = Passage.objects.filter(response=response, question__code="Q2").first()
    q3 = hearing.questions.get(code="Q3")
    passage_question_set(passage=passage, question=q3, user=editor)
    passage.refresh_from_db()
    assert passage.question_id == q3.pk
    Response.objects.filter(pk=response.pk).update(organisation_name="Nytt navn")
    response.analysis.delete()
    response.refresh_from_db()
    analyse_response(response)
    passage.refresh_from_db()
    assert passage.question_id == q3.pk
    labels = {label.source: label for label in QuestionLabel.objects.filter(passage=passage)}
    assert labels["human"].is_effective and not labels["machine"].is_effective
    assert labels["machine"].question.code == "Q2"


def test_stance_per_question_counts_letters_and_marks_machine_proposals(hearing):
    from hearings.review.selectors import stance_counts

    letter = next(x for x in LETTERS if x["key"] == "brukerforening")
    response = letter_register(
        hearing=hearing, details=DETAILS, letters=letters_read(files=[letter_file(letter)])
    )
    analyse_response(response)
    rows = {row["question"].code: row for row in stance_counts(hearing=hearing)}
    q4 = {cell["stance"]: cell for cell in rows["Q4"]["counts"]}
    assert q4["nei"]["n"] == 1 and q4["nei"]["proposed"] == 1


def test_public_view_shows_the_letter_but_not_the_machines_stance(hearing):
    from hearings.selectors import response_public_view

    letter = next(x for x in LETTERS if x["key"] == "brukerforening")
    response = letter_register(
        hearing=hearing, details=DETAILS, letters=letters_read(files=[letter_file(letter)])
    )
    analyse_response(response)
    view = response_public_view(response=Response.objects.get(pk=response.pk))
    assert "Vi er kritiske til at målepunktene" in view["letters"][0]["text"]
    assert view["answers"] == []  # only machine-proposed stances, no text
    assert "@" not in str(view)
