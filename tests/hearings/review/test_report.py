"""The summary report: counts, quotations only from publishable responses, PDF and DOCX."""

import io

import pytest
from django.urls import reverse

from hearings.models import Redaction
from hearings.review import report

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def quotes(data, goal, label):
    g = next(g for g in data["goals"] if g["goal"] == goal)
    theme = next(t for t in g["themes"] if t["theme"].label == label)
    return [(q["text"], q["by"]) for q in theme["quotes"]], theme


def test_quotes_only_from_publishable_responses(world):
    data = report.report_data(hearing=world.hearing)
    got, theme = quotes(data, "G3", "Ventetid")
    assert (theme["size"], theme["responses"]) == (3, 3)
    # R3 refused publication; R2 chose "uten_navn" and is named by category only
    # closest to the theme first (similarity 0.6 before 0.4)
    assert got == [
        ("Ventetiden i kommunen er for lang.", "Kommune"),
        ("Ventetiden er for lang.", "Brukerforeningen"),
    ]
    # R4 is not approved; R5's passage overlaps an undismissed personal-data flag
    got, _theme = quotes(data, "G2", "Koordinering")
    assert got == [("Forløpskoordinator må ha mandat.", "Brukerforeningen")]


def test_redacted_passage_is_not_quoted(world):
    p1 = world.passages["P1"]
    Redaction.objects.create(
        response=p1.response,
        source="answer",
        source_id=p1.source_id,
        start=0,
        end=5,
        reason="annet",
    )
    got, _theme = quotes(report.report_data(hearing=world.hearing), "G1", "Brukermedvirkning")
    assert got == []


def test_report_figures_and_respondent_list(world):
    data = report.report_data(hearing=world.hearing)
    assert data["totals"] == {"n": 5, "distinct": 4}
    assert {g["goal"]: g["passages"] for g in data["goals"]} == {
        "G1": 2,
        "G2": 3,
        "G3": 3,
        "G4": 0,
        "G5": 0,
    }
    q1 = data["questions"][0]
    assert [c["n"] for c in q1["counts"]] == [1, 1, 2, 1]
    assert {(t["label"], t["n"]) for t in q1["themes"]} == {
        ("Ventetid", 3),
        ("Koordinering", 2),
        ("Brukermedvirkning", 2),
    }
    names = {str(g["label"]): g["names"] for g in data["respondents"]}
    assert names == {
        "Bruker- og pårørendeorganisasjon": ["Brukerforeningen"],
        "Helseforetak eller regionalt helseforetak": ["Helse Midt HF"],
        "Kommune": ["Fjordvik kommune"],
    }
    assert (data["private_count"], data["unnamed_count"]) == (1, 1)


def test_html_never_contains_contact_details_or_unpublishable_text(world):
    html = report.render_html(hearing=world.hearing)
    assert "Oppsummering av høringsinnspill" in html
    assert "Per Privat" not in html and "@example.org" not in html
    assert "kasteball" not in html  # only in R4, which is not approved
    assert "Elvdal kommune" not in html  # R3 refused publication


def test_pdf_renders_with_pages_and_text(world):
    from pypdf import PdfReader

    body = report.render_pdf(hearing=world.hearing)
    assert body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) >= 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Oppsummering av høringsinnspill" in text
    assert "Ventetid" in text and "Brukerforeningen" in text


def test_docx_content(world):
    import docx

    document = docx.Document(io.BytesIO(report.render_docx(hearing=world.hearing)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Oppsummering av høringsinnspill" in text
    assert "Ventetid: 3 utdrag fra 3 svar" in text
    assert "«Ventetiden i kommunen er for lang.» – Kommune" in text
    assert "kasteball" not in text
    cells = [c.text for t in document.tables for c in t.rows[0].cells]
    assert "Nei: 2" in cells


def test_report_views(client, world):
    client.force_login(make_user("sb", reviewer=True))
    h = world.hearing.pk
    page = client.get(reverse("hearing_review:report", args=[h]))
    assert "Oppsummering av høringsinnspill" in page.content.decode()
    pdf = client.get(reverse("hearing_review:report_file", args=[h, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx_response = client.get(reverse("hearing_review:report_file", args=[h, "docx"]))
    assert docx_response.content.startswith(b"PK")
    assert client.get(reverse("hearing_review:report_file", args=[h, "exe"])).status_code == 404
