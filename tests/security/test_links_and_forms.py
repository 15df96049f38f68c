"""Forged, replayed and expired links; CSRF; oversized and malformed requests and uploads."""

from __future__ import annotations

import base64
import io
import time
import zipfile

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hearings.models import Response
from hearings.tokens import EDIT_SALT, RECEIPT_SALT, make_token
from tests.hearings.helpers import docx_bytes, form_data, pdf_bytes

pytestmark = pytest.mark.django_db


def _token_signed_at(response, salt: str, when: float) -> str:
    class OldSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(when))

    signed = OldSigner(salt=salt).sign_object(
        {"r": response.pk, "h": response.hearing_id, "k": response.link_key}
    )
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def test_forged_links_are_refused(world, client):
    hearing = world.open_hearing
    valid = make_token(response=world.draft, salt=EDIT_SALT)
    forged = [
        "x",
        "not-base64-%%",
        valid[:-3] + ("AAA" if not valid.endswith("AAA") else "BBB"),  # tampered signature
        base64.urlsafe_b64encode(b'{"r":1,"h":1,"k":"x"}:abc:def').decode().rstrip("="),
        make_token(response=world.draft, salt=RECEIPT_SALT),  # a receipt token is not an edit token
    ]
    for token in forged:
        reply = client.get(f"{hearing.url}svar/{token}/")
        assert reply.status_code in (400, 404), token
        assert world.draft.contact_email not in reply.content.decode()
    for token in forged[:4]:
        reply = client.get(f"{hearing.url}svar/kvittering/{token}/")
        assert reply.status_code in (400, 404), token


def test_expired_link_is_refused_and_fresh_one_accepted(world, client, settings):
    hearing = world.open_hearing
    old = _token_signed_at(
        world.draft, EDIT_SALT, time.time() - (settings.RESPONSE_LINK_MAX_AGE_DAYS + 1) * 86400
    )
    assert client.get(f"{hearing.url}svar/{old}/").status_code == 400
    recent = _token_signed_at(world.draft, EDIT_SALT, time.time() - 3600)
    assert client.get(f"{hearing.url}svar/{recent}/").status_code == 200


def test_revoked_link_cannot_be_replayed(world, client):
    token = make_token(response=world.draft, salt=EDIT_SALT)
    url = f"{world.open_hearing.url}svar/{token}/"
    assert client.get(url).status_code == 200
    Response.objects.filter(pk=world.draft.pk).update(link_key="rotated-after-leak")
    assert client.get(url).status_code == 400


def test_replayed_submission_is_stored_once(world, client):
    data = form_data(world.open_hearing, general_comment="Samme innsending to ganger.")
    first = client.post(f"{world.open_hearing.url}svar/", data)
    second = client.post(f"{world.open_hearing.url}svar/", data)
    assert first.status_code == second.status_code == 302
    assert Response.objects.filter(general_comment="Samme innsending to ganger.").count() == 1


def test_forged_subscription_tokens_do_not_crash(world, client):
    from django.urls import reverse

    for name in ("subscription_confirm", "subscription_unsubscribe"):
        for token in ("x", "eyJ0IjoxfQ:1abc:forged", "A" * 500):
            reply = client.get(reverse(name, args=[token]))
            assert reply.status_code in (200, 400, 404), (name, token, reply.status_code)


def test_csrf_is_enforced_on_the_response_form(world):
    client = Client(enforce_csrf_checks=True)
    url = f"{world.open_hearing.url}svar/"
    before = Response.objects.count()
    reply = client.post(url, form_data(world.open_hearing))
    assert reply.status_code == 403
    assert "Skjemaet er utløpt" in reply.content.decode()
    assert Response.objects.count() == before
    # With the token from the form it goes through.
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    reply = client.post(url, {**form_data(world.open_hearing), "csrfmiddlewaretoken": token})
    assert reply.status_code == 302
    assert Response.objects.count() == before + 1


def test_oversized_body_is_refused_with_a_clear_message(world, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    reply = client.post(
        f"{world.open_hearing.url}svar/", form_data(world.open_hearing, interests="x" * 60_000)
    )
    assert reply.status_code == 400
    assert "for stor" in reply.content.decode()


def test_oversized_attachment_is_refused_with_a_clear_message(world, client):
    big = pdf_bytes() + b"%" + b"0" * (20 * 1024 * 1024)
    upload = SimpleUploadedFile("stor.pdf", big, content_type="application/pdf")
    reply = client.post(
        f"{world.open_hearing.url}svar/", {**form_data(world.open_hearing), "attachment": upload}
    )
    assert reply.status_code == 400
    assert "for stort" in reply.content.decode()


def _bomb_docx(declared_small: bool = False) -> bytes:
    """A DOCX whose document.xml inflates from ~100 kB to 200 MB."""
    valid = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in valid.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, valid.read(item))
        archive.writestr(
            "word/document.xml", b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>"
        )
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    return data


def _pdf_with_javascript() -> bytes:
    """A one-page PDF that runs a script when opened (an /OpenAction of type /JavaScript)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hei');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _escaped_javascript_pdf() -> bytes:
    """The same script, with the name written as /J#61vaScript to dodge a naive byte scan."""
    return _pdf_with_javascript().replace(b"/JavaScript", b"/J#61vaScript")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bombe.docx", _bomb_docx, "pakker seg ut"),
        ("skript.pdf", _pdf_with_javascript, "skript"),
        ("skript2.pdf", _escaped_javascript_pdf, "skript"),
        (
            "faktura.pdf",
            lambda: b"MZ\x90\x00" + b"\x00" * 2000,
            "samsvarer ikke",
        ),  # an .exe named .pdf
        ("svar.docx", lambda: pdf_bytes(), "filendelse"),  # a PDF named .docx
        ("svar.pdf", lambda: b"%PDF-1.4\n%broken\n", "samsvarer ikke"),
    ],
)
def test_malformed_uploads_are_refused(world, client, name, content, message):
    started = time.monotonic()
    upload = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    reply = client.post(
        f"{world.open_hearing.url}svar/", {**form_data(world.open_hearing), "attachment": upload}
    )
    assert reply.status_code == 400
    assert message in reply.content.decode()
    assert not Response.objects.filter(attachment_name=name).exists()
    assert time.monotonic() - started < 20  # the bomb was not inflated


def test_plain_pdf_and_docx_are_accepted(world, client):
    for name, data in (("svar.pdf", pdf_bytes()), ("svar.docx", docx_bytes())):
        data_form = form_data(world.open_hearing)
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        reply = client.post(f"{world.open_hearing.url}svar/", {**data_form, "attachment": upload})
        assert reply.status_code == 302, name
        stored = Response.objects.get(attachment_name=name)
        assert stored.attachment_type == name.rsplit(".", 1)[1]
        stored.attachment.delete(save=False)  # the private storage is shared by the whole test run


def test_replayed_form_token_from_another_browser_reveals_nothing(world, client):
    """Issue 17 row 8: the token alone used to hand over the response (receipt and edit link)."""
    from django.test import Client

    data = form_data(
        world.open_hearing,
        general_comment="Første nettleser sitt svar.",
        contact_email="forste@eksempel.invalid",
    )
    first = client.post(f"{world.open_hearing.url}svar/", data)
    assert first.status_code == 302
    stored = Response.objects.get(general_comment="Første nettleser sitt svar.")
    intruder = Client()
    replay = intruder.post(f"{world.open_hearing.url}svar/", data)
    body = replay.content.decode()
    assert replay.status_code == 409
    assert "kvittering" not in replay.get("Location", "")
    assert stored.reference not in body
    assert "allerede sendt inn" in body
    assert Response.objects.filter(general_comment="Første nettleser sitt svar.").count() == 1
