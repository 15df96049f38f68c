import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearings.models import Answer, HearingPage, PersonalDataLog, Response
from hearings.services import respondent_erase, respondent_export, response_save
from hearings.tokens import EDIT_SALT, InvalidLink, make_token, read_token

from .test_services_response import make_input

pytestmark = pytest.mark.django_db


def submit(hearing, **overrides):
    return response_save(
        hearing=hearing, data=make_input(hearing, **overrides), form_token=uuid.uuid4(), submit=True
    ).response


def test_contact_details_erased_after_retention(hearing):
    response = submit(hearing)
    other = submit(hearing, contact_email="beholdt@example.org")
    HearingPage.objects.filter(pk=hearing.pk).update(
        concluded_at=timezone.now() - timedelta(days=400)
    )
    call_command("erase_contact_details", "--days", "365")
    response.refresh_from_db()
    assert (
        response.contact_email == "" and response.contact_name == "" and response.contact_erased_at
    )
    assert response.answers.count() == 4 and response.organisation_name == "Fiktiv kommune"
    other.refresh_from_db()
    assert other.contact_email == ""
    assert PersonalDataLog.objects.filter(action="retention", response_count=2).exists()


def test_contact_details_kept_within_retention_or_before_conclusion(hearing, settings):
    response = submit(hearing)
    call_command("erase_contact_details")
    HearingPage.objects.filter(pk=hearing.pk).update(
        concluded_at=timezone.now() - timedelta(days=10)
    )
    settings.CONTACT_RETENTION_DAYS = 365
    call_command("erase_contact_details")
    response.refresh_from_db()
    assert response.contact_email == "kari@example.org"


def test_access_request_export_is_complete_and_logged(hearing, editor):
    submit(hearing, general_comment="Min kommentar")
    data = respondent_export(email="KARI@example.org", user=editor)
    assert len(data["responses"]) == 1
    item = data["responses"][0]
    assert (
        item["contact_email"] == "kari@example.org" and item["general_comment"] == "Min kommentar"
    )
    assert len(item["answers"]) == 4
    log = PersonalDataLog.objects.get(action="export")
    assert log.performed_by == editor and "kari" not in log.subject_hash


def test_erasure_keeps_counts_and_kills_links(hearing, editor):
    organisation = submit(hearing)
    private = submit(
        hearing,
        respondent_kind="privatperson",
        category="privatperson",
        organisation_name="",
        contact_name="Per Privat",
        contact_email="kari@example.org",
    )
    token = make_token(response=organisation, salt=EDIT_SALT)
    assert respondent_erase(email="kari@example.org", user=editor, note="sak 1") == 2
    assert Response.objects.count() == 2 and Answer.objects.count() == 8
    private.refresh_from_db()
    organisation.refresh_from_db()
    assert private.contact_name == "" and private.publication_choice == "ikke"
    assert set(private.answers.values_list("text", flat=True)) == {""}
    assert set(private.answers.values_list("stance", flat=True)) == {"ja"}
    assert organisation.answers.first().text  # an organisation's answer stays
    with pytest.raises(InvalidLink):
        read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk)
    assert PersonalDataLog.objects.get(action="erase").response_count == 2


def test_personal_data_admin_screen(hearing, editor, client):
    submit(hearing)
    client.force_login(editor)
    shown = client.post(
        "/admin/horinger/personvern/", {"email": "kari@example.org", "action": "export"}
    )
    assert "Fiktiv kommune" in shown.content.decode()
    refused = client.post(
        "/admin/horinger/personvern/", {"email": "kari@example.org", "action": "erase"}
    )
    assert "bekrefte" in refused.content.decode()
    client.post(
        "/admin/horinger/personvern/",
        {"email": "kari@example.org", "action": "erase", "confirm": "on"},
    )
    assert Response.objects.get().contact_email == ""
