import uuid

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from hearings.models import HearingIndexPage, HearingPage, HearingQuestion
from hearings.services import hearing_questions_set, response_save

from .helpers import make_hearing, make_proposal
from .test_services_response import make_input


def test_new_hearing_form_is_prefilled_with_the_four_questions(client, editor):
    hearing = make_hearing()
    index = HearingIndexPage.objects.get()
    client.force_login(editor)
    page = client.get(f"/admin/pages/add/hearings/hearingpage/{index.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Vil utkastene bidra til å oppnå de fem målene?" in body
    assert 'name="questions-TOTAL_FORMS" value="4"' in body
    assert hearing.questions.count() == 4


def _edit_data(hearing, questions, proposal):
    return nested_form_data(
        {
            "title": hearing.title,
            "slug": hearing.slug,
            "reference_number": hearing.reference_number,
            "opens_at": hearing.opens_at.strftime("%Y-%m-%d %H:%M"),
            "deadline": hearing.deadline.isoformat(),
            "hearing_letter": rich_text("<p>Brev</p>"),
            "contact_name": hearing.contact_name,
            "contact_email": hearing.contact_email,
            "recipients": [],
            "proposal_links": inline_formset(
                [{"id": link.pk, "proposal": proposal.pk} for link in hearing.proposal_links.all()],
                initial=hearing.proposal_links.count(),
            ),
            "questions": inline_formset(questions, initial=hearing.questions.count()),
        }
    )


def _rows(hearing, **change):
    rows = []
    for index, q in enumerate(hearing.questions.order_by("sort_order")):
        row = {
            "id": q.pk,
            "code": q.code,
            "text": q.text,
            "help_text": q.help_text,
            "ORDER": index + 1,
        }
        rows.append(row)
    rows[0].update(change)
    return rows


@pytest.mark.django_db
def test_questions_editable_before_first_response(client, editor):
    hearing = make_hearing()
    proposal = hearing.proposal_links.first().proposal
    client.force_login(editor)
    data = _edit_data(hearing, _rows(hearing, text="Omformulert spørsmål"), proposal)
    data["action-publish"] = "1"
    reply = client.post(f"/admin/pages/{hearing.pk}/edit/", data)
    assert reply.status_code == 302, reply.content.decode()[:3000]
    assert hearing.questions.order_by("sort_order").first().text == "Omformulert spørsmål"


@pytest.mark.django_db
def test_questions_locked_in_admin_form_once_a_response_exists(client, editor):
    hearing = make_hearing()
    response_save(hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False)
    proposal = hearing.proposal_links.first().proposal
    client.force_login(editor)
    data = _edit_data(hearing, _rows(hearing, text="Endret etter svar"), proposal)
    data["action-publish"] = "1"
    reply = client.post(f"/admin/pages/{hearing.pk}/edit/", data)
    assert reply.status_code == 200
    assert "Spørsmålene kan ikke endres" in reply.content.decode()
    assert (
        HearingPage.objects.get(pk=hearing.pk).questions.order_by("sort_order").first().text
        != "Endret etter svar"
    )
    # An unrelated edit with the questions untouched still saves.
    data = _edit_data(hearing, _rows(hearing), proposal)
    data["title"] = "Ny tittel"
    data["action-publish"] = "1"
    assert client.post(f"/admin/pages/{hearing.pk}/edit/", data).status_code == 302


@pytest.mark.django_db
def test_questions_locked_in_service_and_model_clean():
    hearing = make_hearing()
    hearing_questions_set(hearing=hearing, questions=[{"code": "Q1", "text": "Ett spørsmål"}])
    assert hearing.questions.count() == 1
    response_save(hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True)
    with pytest.raises(ValidationError, match="kan ikke endres"):
        hearing_questions_set(hearing=hearing, questions=[{"code": "Q9", "text": "Nytt"}])
    question = HearingQuestion.objects.get(hearing=hearing)
    question.text = "Endret"
    with pytest.raises(ValidationError):
        question.full_clean()


@pytest.mark.django_db
def test_questions_reorderable_and_addable_before_opening():
    hearing = make_hearing(proposals=[make_proposal()])
    rows = [
        {"code": "Q2", "text": "B"},
        {"code": "Q1", "text": "A"},
        {"code": "Q5", "text": "Nytt"},
    ]
    hearing_questions_set(hearing=hearing, questions=rows)
    assert [q.code for q in hearing.questions.order_by("sort_order")] == ["Q2", "Q1", "Q5"]
