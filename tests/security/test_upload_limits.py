"""Issue 17, row 6: uploads are checked before anything reaches the disk, extraction is bounded,
and a failed extraction is shown to staff and to the respondent, never lost silently.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from hearings.models import Response
from hearings.models.responses import Extraction
from hearings.services.extraction import attachment_text_limited, response_extract_attachment_text
from tests.hearings.helpers import docx_bytes, form_data, pdf_bytes

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "<w:p><w:r><w:t>Vi støtter forslaget om brukermedvirkning i alle ledd.</w:t></w:r></w:p>"
)


def expanding_docx(xml_bytes: int) -> bytes:
    """A real .docx whose document.xml is padded with paragraphs to about ``xml_bytes``: a few
    dozen kilobytes on the wire, megabytes of XML once unpacked."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                count = xml_bytes // len(PARAGRAPH.encode())
                data = head + b"<w:body>" + (PARAGRAPH * count).encode() + tail
            archive.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def private_files() -> set[str]:
    root = Path(django_settings.STORAGES["private"]["OPTIONS"]["location"])
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def temp_files(monkeypatch):
    """Every temporary file Django's upload handling creates (it streams big uploads to disk)."""
    from django.core.files import uploadedfile

    created = []
    original = uploadedfile.tempfile.NamedTemporaryFile

    def recording(*args, **kwargs):
        handle = original(*args, **kwargs)
        created.append(handle.name)
        return handle

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", recording)
    return created


def post_with(client, hearing, upload, **extra):
    data = form_data(hearing, **extra)
    data["attachment"] = upload
    return client.post(f"{hearing.url}svar/", data)


def test_a_large_refused_upload_never_touches_the_disk(world, client, temp_files):
    before = private_files()
    junk = SimpleUploadedFile("svar.pdf", b"%PDF-1.4\n" + os.urandom(6 * 1024 * 1024))
    reply = post_with(client, world.open_hearing, junk)
    assert reply.status_code == 400
    assert "Vi kan bare ta imot PDF" in reply.content.decode()
    assert temp_files == []
    assert private_files() == before


def test_an_oversized_upload_is_refused_without_being_kept(world, client, temp_files):
    before = private_files()
    big = SimpleUploadedFile("svar.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    reply = post_with(client, world.open_hearing, big)
    assert reply.status_code == 400
    assert "Vedlegget er for stort" in reply.content.decode()
    assert temp_files == [] and private_files() == before


def test_a_rate_limited_post_keeps_no_upload(world, client, settings, temp_files):
    settings.HEARINGS_RATE_LIMITS = {"response_post": (1, 3600)}
    post_with(client, world.open_hearing, SimpleUploadedFile("a.pdf", pdf_bytes()), action="draft")
    before = private_files()
    reply = post_with(client, world.open_hearing, SimpleUploadedFile("b.pdf", pdf_bytes()))
    assert reply.status_code == 429
    body = reply.content.decode()
    assert "Vedlegget er ikke tatt imot" in body
    assert "Fiktiv forening for test" in body  # the typed text is kept
    assert private_files() == before  # nothing held for a refused post
    assert temp_files == []


def test_a_zip_bomb_docx_is_refused_at_upload(world, client):
    bomb = expanding_docx(20 * 1024 * 1024)
    assert len(bomb) < 400 * 1024
    before = private_files()
    reply = post_with(client, world.open_hearing, SimpleUploadedFile("svar.docx", bomb))
    assert reply.status_code == 400
    assert "pakker seg ut til mye mer tekst" in reply.content.decode()
    assert not Response.objects.filter(organisation_name="Fiktiv forening for test").exists()
    assert private_files() == before


def test_a_dense_docx_within_the_size_limits_is_refused_by_its_compression_ratio(world, client):
    dense = expanding_docx(4 * 1024 * 1024)  # 4 MB of XML in about 50 KB
    reply = post_with(client, world.open_hearing, SimpleUploadedFile("svar.docx", dense))
    assert reply.status_code == 400
    assert "pakker seg ut til mye mer tekst" in reply.content.decode()


def test_a_pdf_with_too_many_pages_is_refused(world, client):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(501):
        writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    reply = post_with(client, world.open_hearing, SimpleUploadedFile("svar.pdf", buffer.getvalue()))
    assert reply.status_code == 400
    assert "mer enn 500 sider" in reply.content.decode()


def test_extraction_is_stopped_by_its_time_limit(settings):
    settings.ATTACHMENT_EXTRACTION_SECONDS = 1
    started = time.monotonic()
    text, outcome = attachment_text_limited(data=expanding_docx(8 * 1024 * 1024), kind="docx")
    assert outcome == Extraction.TIMEOUT and text == ""
    assert time.monotonic() - started < 10


def test_extraction_is_stopped_by_its_memory_limit(settings):
    document = expanding_docx(8 * 1024 * 1024)
    settings.ATTACHMENT_EXTRACTION_MEMORY_MB = 130
    text, outcome = attachment_text_limited(data=document, kind="docx")
    # lxml reports a failed allocation as an unknown parse error, so both outcomes mean "memory".
    assert outcome in (Extraction.TOO_LARGE, Extraction.BROKEN) and text == ""
    settings.ATTACHMENT_EXTRACTION_MEMORY_MB = 1024  # the same file within a normal allowance
    text, outcome = attachment_text_limited(data=document, kind="docx")
    assert outcome in (Extraction.OK, Extraction.TRUNCATED) and text


def test_extracted_text_is_capped_and_the_cut_is_recorded(settings):
    settings.ATTACHMENT_TEXT_MAX_CHARS = 1000
    text, outcome = attachment_text_limited(data=docx_bytes("Ord " * 2000), kind="docx")
    assert outcome == Extraction.TRUNCATED and len(text) == 1000


def _response_with_attachment(world, data: bytes, name="svar.docx", kind="docx"):
    response = world.published
    response.attachment.save(name, io.BytesIO(data), save=False)
    response.attachment_name, response.attachment_type = name, kind
    response.save()
    return response


def test_a_failed_extraction_is_shown_to_staff_and_to_the_respondent(world, client, settings):
    from hearings.tokens import RECEIPT_SALT, make_token

    settings.ATTACHMENT_EXTRACTION_SECONDS = 1
    response = _response_with_attachment(world, expanding_docx(8 * 1024 * 1024))
    response_extract_attachment_text(response=response)
    response.refresh_from_db()
    assert response.attachment_extraction == Extraction.TIMEOUT
    assert response.attachment_extracted_at is not None and response.attachment_unread

    client.force_login(world.users["reviewer"])
    staff = client.get(f"/admin/horinger/svar/{response.pk}/").content.decode()
    assert "attachment-unread" in staff and "det tok for lang tid" in staff

    client.logout()
    receipt_url = (
        f"{response.hearing.url}svar/kvittering/{make_token(response=response, salt=RECEIPT_SALT)}/"
    )
    receipt = client.get(receipt_url).content.decode()
    assert "Vi klarte ikke å lese all teksten i vedlegget" in receipt


def test_a_readable_attachment_is_not_flagged(world, client):
    response = _response_with_attachment(world, docx_bytes("Vi støtter forslaget."))
    text = response_extract_attachment_text(response=response)
    response.refresh_from_db()
    assert text == "Vi støtter forslaget." and response.attachment_extraction == Extraction.OK
    assert not response.attachment_unread
