"""``manage.py import_letters``: a folder of letters plus a CSV, idempotent, nothing dropped."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hearings.demo_letters import LETTERS, letter_file
from hearings.models import Response

from .helpers import pdf_bytes

pytestmark = pytest.mark.django_db

CSV = """file;organisation;category;received;publication;contact_email
{a};Oppdiktet forening A;Bruker- og pårørendeorganisasjon;2018-01-10;full;a@eksempel.invalid
{b};Oppdiktet kommune B;kommune;2018-01-11;ikke;
"""


def _folder(tmp_path, extra: dict[str, bytes] | None = None):
    files = {}
    for letter in LETTERS[:2]:
        f = letter_file(letter)
        files[f.name] = f.data
    files.update(extra or {})
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    names = list(files)
    (tmp_path / "metadata.csv").write_text(CSV.format(a=names[0], b=names[1]), encoding="utf-8")
    return tmp_path


def test_import_is_idempotent_and_reads_the_metadata(hearing, tmp_path):
    folder = _folder(tmp_path)
    out, err = StringIO(), StringIO()
    call_command("import_letters", hearing.slug, str(folder), stdout=out, stderr=err)
    assert "2 registrert, 0 fantes fra før" in out.getvalue()
    assert "brev" in err.getvalue()  # the progress bar
    first = Response.objects.get(organisation_name="Oppdiktet forening A")
    assert first.category == "bruker" and first.publication_choice == "full"
    assert first.source == "brev" and first.received_at.isoformat() == "2018-01-10"
    out = StringIO()
    call_command("import_letters", hearing.slug, str(folder), stdout=out, stderr=StringIO())
    assert "0 registrert, 2 fantes fra før" in out.getvalue()
    assert Response.objects.count() == 2


def test_bad_rows_and_unlisted_files_are_reported_not_dropped(hearing, tmp_path):
    folder = _folder(tmp_path, {"skannet.pdf": pdf_bytes()})
    with (folder / "metadata.csv").open("a", encoding="utf-8") as handle:
        handle.write("skannet.pdf;Oppdiktet C;kommune;2018-01-12;;\n")
        handle.write("mangler.pdf;Oppdiktet D;kommune;2018-01-12;;\n")
    (folder / "glemt.docx").write_bytes(b"x")
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_letters", hearing.slug, str(folder), stdout=StringIO(), stderr=StringIO()
        )
    message = str(caught.value)
    assert "linje 4" in message and "OCR" in message
    assert "linje 5" in message and "mangler.pdf" in message
    assert "ikke i CSV-filen: glemt.docx" in message
    assert Response.objects.count() == 2
