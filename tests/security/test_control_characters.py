"""One control character pasted into a form must not break exports or the report (issue 17,
row 5). Failed before: openpyxl and python-docx refuse XML-illegal characters with a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.forms import PlainTextField
from cms.text import clean_text

pytestmark = pytest.mark.django_db
PASTED = "Forening for\x0blinjeskift\x01 og kontroll\x7f"


def test_plain_text_field_cleans_control_characters():
    assert PlainTextField().clean(PASTED) == "Forening for\nlinjeskift og kontroll"
    assert clean_text("tab\tand\nnewline") == "tab\tand\nnewline"


@pytest.mark.parametrize("kind", ["svar", "utdrag", "tall"])
def test_xlsx_exports_survive_stored_control_characters(world, client, kind):
    response = world.published
    response.organisation_name = PASTED
    response.general_comment = "Tekst med\x0b linjeskift og\x02 styretegn."
    response.save()
    client.force_login(world.users["reviewer"])
    url = reverse("hearing_review:export", args=[response.hearing_id, kind, "xlsx"])
    reply = client.get(url)
    assert reply.status_code == 200
    assert reply.content[:2] == b"PK"


def test_docx_report_survives_stored_control_characters(world, client):
    response = world.published
    response.organisation_name = PASTED
    response.save()
    client.force_login(world.users["reviewer"])
    reply = client.get(reverse("hearing_review:report_file", args=[response.hearing_id, "docx"]))
    assert reply.status_code == 200
    assert reply.content[:2] == b"PK"
