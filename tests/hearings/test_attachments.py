import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hearings.attachments import MAX_ATTACHMENT_BYTES, attachment_extract_text, attachment_inspect

from .helpers import docx_bytes, odt_bytes, pdf_bytes, zip_bytes


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", pdf_bytes(), "pdf"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.odt", odt_bytes(), "odt"),
    ],
)
def test_accepted_types(name, data, kind):
    assert attachment_inspect(upload=SimpleUploadedFile(name, data)).kind == kind


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("fake.pdf", zip_bytes(), "type"),  # a "PDF" that is really a zip
        ("fake.docx", zip_bytes(), "type"),
        ("script.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "type"),  # header only, no structure
        ("page.pdf", b"<html><body>hei</body></html>", "type"),
        ("bilde.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "type"),
        ("empty.pdf", b"", "empty"),
        ("svar.pdf", docx_bytes(), "extension"),  # real docx with the wrong name
    ],
)
def test_refused_uploads(name, data, code):
    with pytest.raises(ValidationError) as error:
        attachment_inspect(upload=SimpleUploadedFile(name, data))
    assert error.value.code == code


def test_oversize_refused_before_reading():
    upload = SimpleUploadedFile("stor.pdf", b"%PDF-")
    upload.size = MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ValidationError, match="20 MB"):
        attachment_inspect(upload=upload)


def test_text_extraction():
    assert "brukermedvirkning" in attachment_extract_text(data=docx_bytes(), kind="docx")
    assert (
        attachment_extract_text(data=odt_bytes("Vi støttar forslaget."), kind="odt")
        == "Vi støttar forslaget."
    )
    assert attachment_extract_text(data=pdf_bytes(), kind="pdf") == ""
