import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hearings.attachments import attachment_inspect
from hearings.models import Answer, MailDelivery, Passage, PathwayComment, Response
from hearings.services import (
    CommentInput,
    HearingClosed,
    ResponseInput,
    SaveConflict,
    response_new_reference,
    response_save,
)
from hearings.tokens import EDIT_SALT, InvalidLink, make_token, read_token

from .helpers import docx_bytes, make_hearing


def make_input(hearing, **overrides) -> ResponseInput:
    questions = list(hearing.questions.order_by("sort_order"))
    data = ResponseInput(
        respondent_kind="organisasjon",
        category="kommune",
        publication_choice="full",
        organisation_name="Fiktiv kommune",
        contact_name="Kari Nordmann",
        contact_email="kari@example.org",
        answers={q.pk: ("ja", f"Tekst til {q.code}") for q in questions},
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


pytestmark = pytest.mark.django_db


def test_submit_creates_rows_reference_and_mails_receipt(hearing):
    result = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True
    )
    response = result.response
    assert result.created and not result.duplicate
    assert response.status == "submitted" and response.submitted_at
    assert response.answers.count() == 4
    assert response.reference.startswith("H") and len(response.reference) == 11
    assert len(mail.outbox) == 1
    assert response.reference in mail.outbox[0].subject
    assert "Tekst til Q1" in mail.outbox[0].body
    assert "/svar/" in mail.outbox[0].body


def test_draft_mails_edit_link_once(hearing):
    result = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
    )
    assert result.response.status == "draft"
    assert len(mail.outbox) == 1 and "utkast" in mail.outbox[0].subject.lower()
    response_save(
        hearing=hearing,
        data=make_input(hearing),
        form_token=uuid.uuid4(),
        submit=False,
        response=result.response,
        expected_version=result.response.version,
    )
    assert len(mail.outbox) == 1


def test_same_form_token_yields_one_response(hearing):
    token = uuid.uuid4()
    first = response_save(hearing=hearing, data=make_input(hearing), form_token=token, submit=True)
    second = response_save(hearing=hearing, data=make_input(hearing), form_token=token, submit=True)
    assert second.duplicate and second.response.pk == first.response.pk
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 4


def test_repeated_edit_with_same_token_is_not_a_conflict(hearing):
    created = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
    )
    edit_token, version = uuid.uuid4(), created.response.version
    kwargs = dict(
        hearing=hearing,
        data=make_input(hearing, general_comment="Ny"),
        form_token=edit_token,
        submit=True,
        response=created.response,
        expected_version=version,
    )
    response_save(**kwargs)
    again = response_save(**kwargs)
    assert again.duplicate
    assert Response.objects.get().version == version + 1


def test_concurrent_save_is_refused_and_nothing_written(hearing):
    created = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
    )
    loaded_version = created.response.version
    response_save(
        hearing=hearing,
        data=make_input(hearing, general_comment="Kollega A"),
        form_token=uuid.uuid4(),
        submit=False,
        response=created.response,
        expected_version=loaded_version,
    )
    with pytest.raises(SaveConflict) as conflict:
        response_save(
            hearing=hearing,
            data=make_input(hearing, general_comment="Kollega B"),
            form_token=uuid.uuid4(),
            submit=False,
            response=created.response,
            expected_version=loaded_version,
        )
    assert conflict.value.current.general_comment == "Kollega A"
    assert Response.objects.get().general_comment == "Kollega A"


def test_refused_after_deadline_and_before_opening():
    hearing = make_hearing(
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(HearingClosed) as closed:
        response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True
        )
    assert closed.value.closes_at == hearing.closes_at
    upcoming = make_hearing(slug="kommende", opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(HearingClosed) as early:
        response_save(
            hearing=upcoming, data=make_input(upcoming), form_token=uuid.uuid4(), submit=True
        )
    assert early.value.not_yet_open
    assert Response.objects.count() == 0


def test_failure_midway_leaves_no_partial_rows_or_files(hearing, settings):
    import pathlib

    root = pathlib.Path(settings.PRIVATE_STORAGE_ROOT)
    # The folder is shared by the whole test session; only files this call leaves behind count.
    before = {p for p in root.rglob("*") if p.is_file()}
    upload = SimpleUploadedFile("svar.docx", docx_bytes())
    info = attachment_inspect(upload=upload)
    data = make_input(
        hearing,
        attachment=upload,
        attachment_info=info,
        pathway_comments=[CommentInput(hearing.proposal_links.first().proposal_id, 0, "", "", "x")],
    )
    with (
        mock.patch("hearings.services.responses._write_rows", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        response_save(hearing=hearing, data=data, form_token=uuid.uuid4(), submit=True)
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    assert PathwayComment.objects.count() == 0
    left = {p for p in root.rglob("*") if p.is_file()} - before
    assert not [p for p in left if f"hearings/{hearing.pk}/" in str(p)]


def test_edit_keeps_answer_ids_stable(hearing):
    created = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
    )
    ids = sorted(created.response.answers.values_list("pk", flat=True))
    response_save(
        hearing=hearing,
        data=make_input(hearing),
        form_token=uuid.uuid4(),
        submit=True,
        response=created.response,
        expected_version=created.response.version,
    )
    assert sorted(Response.objects.get().answers.values_list("pk", flat=True)) == ids


def test_submit_has_the_hearing_analysed_once_it_commits(
    hearing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True
        )
    assert not Passage.objects.filter(response=result.response).exists()  # nothing before commit
    for callback in callbacks:
        callback()
    assert Passage.objects.filter(response=result.response).exists()


def test_the_receipt_owed_is_stored_with_the_response(hearing):
    result = response_save(
        hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True
    )
    delivery = MailDelivery.objects.get(response=result.response)
    assert delivery.kind == "receipt" and delivery.status == "sent"


def test_attachment_text_is_extracted_by_the_task(hearing, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("svar.docx", docx_bytes("Vi ønsker mer brukermedvirkning."))
    data = make_input(hearing, attachment=upload, attachment_info=attachment_inspect(upload=upload))
    with django_capture_on_commit_callbacks(execute=True):
        result = response_save(hearing=hearing, data=data, form_token=uuid.uuid4(), submit=True)
    response = Response.objects.get(pk=result.response.pk)
    assert response.attachment_type == "docx"
    assert "brukermedvirkning" in response.attachment_text
    assert response.attachment.storage.location.endswith("private")


def test_reference_is_unique_and_readable():
    refs = {response_new_reference() for _ in range(50)}
    assert len(refs) == 50
    assert all(ref[0] == "H" and ref[3] == "-" and ref[8] == "-" for ref in refs)
    assert not any(c in ref[4:8] for ref in refs for c in "01IO")


class TestLinks:
    def test_token_round_trip(self, hearing):
        response = response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
        ).response
        token = make_token(response=response, salt=EDIT_SALT)
        assert read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk) == response
        assert all(c.isalnum() or c in "-_" for c in token)

    def test_wrong_purpose_forged_other_hearing_and_expired(self, hearing, settings):
        response = response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
        ).response
        token = make_token(response=response, salt=EDIT_SALT)
        with pytest.raises(InvalidLink):
            read_token(token=token, salt="hearings.response.receipt", hearing_id=hearing.pk)
        with pytest.raises(InvalidLink):
            read_token(token=token[:-3] + "AAA", salt=EDIT_SALT, hearing_id=hearing.pk)
        with pytest.raises(InvalidLink):
            read_token(token="%%%not-base64", salt=EDIT_SALT, hearing_id=hearing.pk)
        with pytest.raises(InvalidLink):
            read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk + 1)
        settings.RESPONSE_LINK_MAX_AGE_DAYS = 1
        later = timezone.now().timestamp() + 2 * 86400
        with mock.patch("time.time", return_value=later), pytest.raises(InvalidLink):
            read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk)

    def test_rotated_key_revokes_links(self, hearing):
        response = response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=False
        ).response
        token = make_token(response=response, salt=EDIT_SALT)
        Response.objects.filter(pk=response.pk).update(link_key="rotated")
        with pytest.raises(InvalidLink):
            read_token(token=token, salt=EDIT_SALT, hearing_id=hearing.pk)


def test_with_the_database_queue_a_submission_queues_its_mail_in_its_own_transaction(
    hearing, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = response_save(
            hearing=hearing, data=make_input(hearing), form_token=uuid.uuid4(), submit=True
        )
        queued = list(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    delivery = MailDelivery.objects.get(response=result.response)
    assert queued == [
        ("hearings.tasks.send_response_mail", {"args": [delivery.pk], "kwargs": {}})
    ]  # before commit: the mail task row is part of the save
    for callback in callbacks:
        callback()
    paths = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "hearings.tasks.analyse_response" not in paths  # no task row per submission
    assert "hearings.tasks.analyse_pending" in paths  # one batch for the hearing
