"""CSV and XLSX exports: cells, filters in force, BOM for Excel, formula neutralisation."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hearings.models import Answer
from hearings.review import exports

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+47 999", "'+47 999"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Helt vanlig", "Helt vanlig"),
        (3, 3),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert exports.neutralise(value) == expected


def test_csv_has_bom_semicolons_and_norwegian_letters():
    body = exports.to_csv(["Navn"], [["Blåbær-æøå"], ['=HYPERLINK("x")']])
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines() == ["Navn", "Blåbær-æøå", '"\'=HYPERLINK(""x"")"']


def test_passages_xlsx_with_filters_and_reviewer_decisions(client, world):
    reviewer = make_user("sb", reviewer=True)
    client.force_login(reviewer)
    h = world.hearing.pk
    client.post(
        reverse("hearing_review:passage", args=[h, world.passages["P2"].pk]),
        {"action": "goal", "goal": "G3", "assigned": "0"},
    )
    response = client.get(
        reverse("hearing_review:export", args=[h, "utdrag", "xlsx"]) + "?category=bruker"
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Utdrag-id", "Svar", "Kategori")
    body = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(body) == {world.passages[k].pk for k in ("P1", "P2", "P7")}
    p2 = body[world.passages["P2"].pk]
    assert p2["Mål (gjeldende)"] is None and p2["Mål (maskin)"] == "G3"
    assert p2["Gjennomgått av"] == "sb" and p2["Tema"] is None
    p1 = body[world.passages["P1"].pk]
    assert (p1["Mål (gjeldende)"], p1["Tema"], p1["Spørsmål"]) == (
        "G1",
        "G1: Brukermedvirkning",
        "Q1",
    )


def test_responses_export_neutralises_formulas_and_omits_contact(client, world):
    Answer.objects.filter(response=world.responses["R1"], question__code="Q1").update(stance="ja")
    r1 = world.responses["R1"]
    r1.organisation_name = "=cmd|' /C calc'!A0"
    r1.save()
    client.force_login(make_user("sb", reviewer=True))
    h = world.hearing.pk
    xlsx = client.get(reverse("hearing_review:export", args=[h, "svar", "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    by_ref = {row[0]: row for row in rows[1:]}
    assert sorted(by_ref) == ["R1", "R2", "R3", "R4", "R5"]
    assert by_ref["R1"][1] == "'=cmd|' /C calc'!A0"
    assert by_ref["R4"][1] == "Privatperson"
    assert by_ref["R2"][6] == world.group.pk
    assert by_ref["R2"][7] == "Nei"
    csv_body = client.get(reverse("hearing_review:export", args=[h, "svar", "csv"])).content
    assert csv_body.startswith(b"\xef\xbb\xbf")
    text = csv_body.decode("utf-8-sig")
    assert "'=cmd" in text and "r4@example.org" not in text and "Per Privat" not in text


def test_counts_xlsx_matches_overview(client, world):
    client.force_login(make_user("sb", reviewer=True))
    response = client.get(reverse("hearing_review:export", args=[world.hearing.pk, "tall", "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kategorier", "Standpunkt", "Mål og spørsmål"]
    categories = {
        row[0]: row[1:] for row in book["Kategorier"].iter_rows(min_row=2, values_only=True)
    }
    assert categories["Kommune"] == (2, 1)
    stance = list(book["Standpunkt"].iter_rows(values_only=True))
    assert stance[0] == ("Spørsmål", "Ja", "Delvis", "Nei", "Vet ikke", "Sum")
    assert stance[1] == ("Q1", 1, 1, 2, 1, 5)
    matrix = {
        row[0]: row[1:] for row in book["Mål og spørsmål"].iter_rows(min_row=2, values_only=True)
    }
    assert matrix["G2"] == (2, 0, 0, 0, 1, 3)
    csv_text = client.get(
        reverse("hearing_review:export", args=[world.hearing.pk, "tall", "csv"])
    ).content.decode("utf-8-sig")
    assert "Q1;1;1;2;1;5" in csv_text


def test_unknown_export_is_404(client, world):
    client.force_login(make_user("sb", reviewer=True))
    assert (
        client.get(
            reverse("hearing_review:export", args=[world.hearing.pk, "alt", "csv"])
        ).status_code
        == 404
    )
