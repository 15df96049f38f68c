"""Held uploads (kept while a form is shown again) are deleted once their hold has expired."""

import os
import time
import uuid
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from hearings.attachments import AttachmentInfo
from hearings.models.responses import private_storage
from hearings.services.responses import (
    HELD_ATTACHMENT_MAX_AGE,
    response_attachment_held,
    response_attachment_hold,
)


def _hold(hearing_id: int, form_token: uuid.UUID) -> str:
    upload = SimpleUploadedFile("svar.pdf", b"%PDF-1.4 innhold")
    info = AttachmentInfo(kind="pdf", size=16, name="svar.pdf")
    return response_attachment_hold(
        hearing_id=hearing_id, form_token=form_token, upload=upload, info=info
    )


def test_expired_holds_are_purged_and_fresh_ones_kept():
    storage = private_storage()
    hearing_id = 900000 + os.getpid() % 1000  # a folder no other test writes to
    old_form, fresh_form = uuid.uuid4(), uuid.uuid4()
    old_token, fresh_token = _hold(hearing_id, old_form), _hold(hearing_id, fresh_form)
    old = response_attachment_held(hearing_id=hearing_id, form_token=old_form, token=old_token)
    old[0].close()
    old_path = old[2]
    fresh = response_attachment_held(
        hearing_id=hearing_id, form_token=fresh_form, token=fresh_token
    )
    fresh[0].close()
    past = time.time() - HELD_ATTACHMENT_MAX_AGE - 60
    os.utime(storage.path(old_path), (past, past))

    out = StringIO()
    call_command("purge_held_attachments", stdout=out)

    assert "Slettet:" in out.getvalue() and int(out.getvalue().split(":")[1]) >= 1
    assert not storage.exists(old_path)
    assert storage.exists(fresh[2])
    kept = response_attachment_held(hearing_id=hearing_id, form_token=fresh_form, token=fresh_token)
    assert kept is not None
    kept[0].close()
    storage.delete(fresh[2])


def test_purge_with_nothing_held_is_harmless():
    out = StringIO()
    call_command("purge_held_attachments", stdout=out)
    assert out.getvalue().startswith("Slettet:")
