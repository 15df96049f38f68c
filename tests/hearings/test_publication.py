import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from hearings.models import Redaction, Response
from hearings.selectors import hearing_published_responses
from hearings.services import (
    response_approve,
    response_save,
    response_withhold,
    response_withhold_passage,
)

from .test_services_response import make_input

pytestmark = pytest.mark.django_db


def submit(hearing, **overrides):
    return response_save(
        hearing=hearing, data=make_input(hearing, **overrides), form_token=uuid.uuid4(), submit=True
    ).response


def after_deadline(hearing):
    return mock.patch(
        "django.utils.timezone.now", return_value=hearing.closes_at + timedelta(hours=1)
    )


def test_nothing_public_before_deadline_or_approval(hearing, editor, client):
    response = submit(hearing)
    response_approve(response=response, user=editor)
    assert hearing_published_responses(hearing=hearing) == []
    assert "Fiktiv kommune" not in client.get(hearing.url).content.decode()
    pending = submit(hearing, organisation_name="Ventende kommune")
    with after_deadline(hearing):
        names = [item["name"] for item in hearing_published_responses(hearing=hearing)]
    assert names == ["Fiktiv kommune"]
    assert pending.review_status == "pending"


def test_publication_choice_and_contact_details(hearing, editor, client):
    full = submit(hearing, contact_email="hemmelig@example.org", contact_name="Hemmelig Person")
    hidden = submit(hearing, publication_choice="ikke", organisation_name="Skjult etat")
    private = submit(
        hearing,
        respondent_kind="privatperson",
        category="privatperson",
        organisation_name="",
        contact_name="Per Privat",
        contact_email="per@example.org",
        publication_choice="uten_navn",
    )
    for response in (full, hidden, private):
        response_approve(response=response, user=editor)
    with after_deadline(hearing):
        body = client.get(hearing.url).content.decode()
        items = hearing_published_responses(hearing=hearing)
    assert "Fiktiv kommune" in body
    assert "Skjult etat" not in body
    assert "Per Privat" not in body and "Privatperson" in body
    for secret in ("hemmelig@example.org", "Hemmelig Person", "per@example.org", "Kari Nordmann"):
        assert secret not in body
        assert secret not in str(items)
    assert {item["category"] for item in items} == {"Kommune", "Privatperson"}


def test_withheld_response_and_passage(hearing, editor, client):
    response = submit(
        hearing, general_comment="Vi støtter forslaget. Overlege Ola Hansen gjorde feil."
    )
    withheld = submit(hearing, organisation_name="Holdt tilbake AS")
    response_approve(response=response, user=editor)
    with pytest.raises(Exception, match="hvorfor"):
        response_withhold(response=withheld, user=editor, reason=" ")
    response_withhold(response=withheld, user=editor, reason="Hatefulle ytringer")
    redaction = response_withhold_passage(
        response=response,
        source=Redaction.Source.GENERAL_COMMENT,
        source_id=None,
        passage="Overlege Ola Hansen gjorde feil.",
        reason="personopplysninger",
        user=editor,
    )
    assert (redaction.start, redaction.end) == (22, 54)
    with after_deadline(hearing):
        body = client.get(hearing.url).content.decode()
    assert "Ola Hansen" not in body
    assert "Tekst holdt tilbake: Personopplysninger" in body
    assert "Holdt tilbake AS" not in body
    assert Response.objects.get(pk=response.pk).general_comment.endswith(
        "gjorde feil."
    )  # stored text intact


def test_passage_must_exist(hearing, editor):
    response = submit(hearing)
    with pytest.raises(Exception, match="Fant ikke"):
        response_withhold_passage(
            response=response,
            source="general_comment",
            source_id=None,
            passage="finnes ikke",
            reason="annet",
            user=editor,
        )


def test_review_admin_screens(hearing, editor, client):
    response = submit(hearing)
    client.force_login(editor)
    listing = client.get("/admin/horinger/svar/")
    assert response.reference in listing.content.decode()
    detail = client.get(f"/admin/horinger/svar/{response.pk}/")
    assert "kari@example.org" in detail.content.decode()  # staff see contact details
    # The header's breadcrumbs lead back to the list of this hearing and name the response.
    html = detail.content.decode()
    crumbs = html[html.index('aria-label="Brødsmuler"') :].split("</nav>", 1)[0]
    assert f'href="/admin/horinger/svar/?hearing={hearing.pk}"' in crumbs
    assert f"Høringssvar {response.reference}" in crumbs
    answer = response.answers.first()
    client.post(
        f"/admin/horinger/svar/{response.pk}/",
        {
            "action": "redact",
            "source": f"answer:{answer.pk}",
            "passage": "Tekst",
            "reason": "annet",
        },
    )
    client.post(f"/admin/horinger/svar/{response.pk}/", {"action": "approve"})
    response.refresh_from_db()
    assert response.review_status == "approved" and response.redactions.count() == 1


def test_editing_after_approval_needs_new_approval(hearing, editor):
    response = submit(hearing)
    response_approve(response=response, user=editor)
    response_save(
        hearing=hearing,
        data=make_input(hearing, general_comment="Endret"),
        form_token=uuid.uuid4(),
        submit=True,
        response=response,
        expected_version=response.version,
    )
    assert Response.objects.get(pk=response.pk).review_status == "pending"
    assert timezone.now() < hearing.closes_at


def test_without_names_for_an_organisation_keeps_the_organisation_and_removes_person_names(
    hearing, editor
):
    response = submit(
        hearing,
        organisation_name="Fiktiv kommune",
        contact_name="Kari Nordmann",
        publication_choice="uten_navn",
        general_comment="Kari Nordmann har skrevet dette.\nMed vennlig hilsen\nOla Fjellheim",
    )
    response_approve(response=response, user=editor)
    with after_deadline(hearing):
        (item,) = hearing_published_responses(hearing=hearing)
    assert item["name"] == "Fiktiv kommune"
    text = item["general_comment"]["text"]
    assert "Kari Nordmann" not in text and "Ola Fjellheim" not in text
    assert text.startswith("[navn fjernet] har skrevet dette.")
    assert "Med vennlig hilsen" in text


def _flag(response, *, start=0, end=5, kind="person_name"):
    from hearings.models import PersonalDataFlag

    answer = response.answers.order_by("question__sort_order").first()
    return PersonalDataFlag.objects.create(
        response=response,
        source="answer",
        source_id=answer.pk,
        start=start,
        end=end,
        kind=kind,
        reason="Mulig personnavn",
    )


def test_approval_refused_while_personal_data_flags_are_only_proposed(hearing, editor):
    from django.core.exceptions import ValidationError

    from hearings.review.services import personal_data_flag_accept, personal_data_flag_dismiss

    response = submit(hearing)
    first, second, third = (
        _flag(response),
        _flag(response, start=6, end=9),
        _flag(response, kind="phone"),
    )
    with pytest.raises(ValidationError) as refused:
        response_approve(response=response, user=editor)
    assert refused.value.code == "open_personal_data_flags"
    assert "3 forslag om sladding" in refused.value.messages[0]
    response.refresh_from_db()
    assert response.review_status == "pending" and response.reviewed_at is None

    personal_data_flag_accept(flag=first, user=editor)  # as proposed
    personal_data_flag_accept(flag=second, user=editor, start=6, end=8)  # adjusted ("edited")
    with pytest.raises(ValidationError) as refused:
        response_approve(response=response, user=editor)
    assert "1 forslag om sladding" in refused.value.messages[0]

    personal_data_flag_dismiss(flag=third, user=editor)
    response_approve(response=response, user=editor)
    response.refresh_from_db()
    assert response.review_status == "approved"
    assert response.redactions.count() == 2


def test_approve_button_explains_open_flags_next_to_it(hearing, editor, client):
    response = submit(hearing)
    _flag(response)
    _flag(response, start=6, end=9)
    client.force_login(editor)
    page = client.get(f"/admin/horinger/svar/{response.pk}/").content.decode()
    form = page[
        page.index('id="approve-form"') : page.index("</form>", page.index('id="approve-form"'))
    ]
    assert "2 forslag om sladding av personopplysninger er ikke vurdert" in form
    assert f"/admin/innspill/svar/{response.pk}/personvern/" in form

    refused = client.post(f"/admin/horinger/svar/{response.pk}/", {"action": "approve"})
    assert refused.status_code == 400
    body = refused.content.decode()
    form = body[
        body.index('id="approve-form"') : body.index("</form>", body.index('id="approve-form"'))
    ]
    assert 'role="alert"' in form and "Svaret kan ikke godkjennes ennå: 2 forslag" in form
    response.refresh_from_db()
    assert response.review_status == "pending"
