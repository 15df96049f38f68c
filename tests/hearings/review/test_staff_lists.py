"""The two staff lists on Wagtail's listing view: every row reachable, filters, export, access."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hearings.models import Passage, Response
from hearings.review.filters import PassageFilterSet, ResponseReviewFilterSet
from hearings.review.views import PassageListView

from .factories import build_world, make_user

pytestmark = pytest.mark.django_db

APPROVAL = "/admin/horinger/svar/"


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_user("sb", reviewer=True))
    return client


def add_pending(world, n: int) -> list[Response]:
    """``n`` pending responses, one query, each submitted a minute after the one before."""
    first = world.responses["R4"].submitted_at
    return Response.objects.bulk_create(
        Response(
            hearing=world.hearing,
            reference=f"M{i:04d}",
            status="submitted",
            respondent_kind="organisasjon",
            organisation_name=f"Forening {i}",
            category="bruker",
            publication_choice="full",
            review_status="pending",
            updated_at=first + timedelta(minutes=i + 1),
            submitted_at=first + timedelta(minutes=i + 1),
        )
        for i in range(n)
    )


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return [line.split(";") for line in body.decode("utf-8-sig").splitlines() if line]


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(values_only=True))


# ---------------------------------------------------------------------------- approval list


def test_approval_list_reaches_rows_beyond_500(reviewer_client, world):
    added = add_pending(world, 510)
    listing = reviewer_client.get(APPROVAL, {"hearing": world.hearing.pk})
    paginator = listing.context["paginator"]
    assert paginator.count == 511  # R4 and the 510 new ones; the old list stopped at 500
    last = reviewer_client.get(APPROVAL, {"hearing": world.hearing.pk, "p": paginator.num_pages})
    assert added[-1].reference in last.content.decode()  # the 511th row, ordered by submission
    assert 'class="pagination"' in last.content.decode()
    # The export is never paginated: every filtered row.
    export = reviewer_client.get(APPROVAL, {"hearing": world.hearing.pk, "export": "csv"})
    assert len(csv_rows(export)) == 1 + 511


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"R4"}),  # no status given: pending ones
        ({"status": ""}, {"R1", "R2", "R3", "R4", "R5"}),  # "Alle"
        ({"status": "approved"}, {"R1", "R2", "R3", "R5"}),
        ({"status": "approved", "hearing": "tull"}, {"R1", "R2", "R3", "R5"}),  # bad one dropped
        ({"status": "", "hearing": "99999999999999999999"}, {"R1", "R2", "R3", "R4", "R5"}),
    ],
)
def test_approval_list_filters_through_the_filterset(reviewer_client, world, query, expected):
    other = build_world(slug="horing-2018", pathway_slug="tsb-2018", prefix="X")
    listing = reviewer_client.get(APPROVAL, {"hearing": world.hearing.pk, **query})
    assert listing.status_code == 200
    assert isinstance(listing.context["filters"], ResponseReviewFilterSet)
    shown = {r.reference for r in listing.context["responses"]}
    if query.get("hearing"):  # an invalid hearing leaves the other hearing's rows in
        shown -= {r.reference for r in other.responses.values()}
    assert shown == {world.responses[k].reference for k in expected}


def test_approval_export_is_filtered_and_neutralised(reviewer_client, world):
    Response.objects.filter(pk=world.responses["R1"].pk).update(
        organisation_name='=HYPERLINK("http://x")'
    )
    query = {"hearing": world.hearing.pk, "status": "approved"}
    rows = csv_rows(reviewer_client.get(APPROVAL, {**query, "export": "csv"}))
    assert rows[0][:2] == ["Referanse", "Avsender"]
    assert sorted(row[0] for row in rows[1:]) == sorted(
        world.responses[k].reference for k in ("R1", "R2", "R3", "R5")
    )
    assert '"\'=HYPERLINK(""http://x"")"' in [row[1] for row in rows]
    sheet = xlsx_rows(reviewer_client.get(APPROVAL, {**query, "export": "xlsx"}))
    assert len(sheet) == 1 + 4
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in sheet]
    # Private persons' names stay out of files.
    pending = csv_rows(
        reviewer_client.get(APPROVAL, {"hearing": world.hearing.pk, "export": "csv"})
    )
    assert [row[1] for row in pending[1:]] == ["Privatperson"]


# ---------------------------------------------------------------------------- passage list


def passages_url(world, name="passages"):
    return reverse(f"hearing_review:{name}", args=[world.hearing.pk])


def test_passage_list_pages_through_every_filtered_row(reviewer_client, world, monkeypatch):
    monkeypatch.setattr(PassageListView, "paginate_by", 2)
    seen = []
    for page in (1, 2):
        listing = reviewer_client.get(passages_url(world), {"goal": "G2", "p": page})
        assert isinstance(listing.context["filters"], PassageFilterSet)
        assert listing.context["paginator"].count == 3
        seen += [p.pk for p in listing.context["page_obj"].object_list]
    assert sorted(seen) == sorted(world.passages[k].pk for k in ("P5", "P6", "P7"))
    assert "goal=G2" in listing.content.decode()  # the page links keep the filters


def test_passage_export_is_filtered_and_neutralised(reviewer_client, world):
    Passage.objects.filter(pk=world.passages["P8"].pk).update(text="=1+1 og @SUM(A1)")
    query = {"category": "kommune", "export": "csv"}
    page = reviewer_client.get(passages_url(world), {"category": "kommune"}).content.decode()
    assert "category=kommune&amp;export=csv" in page and "category=kommune&amp;export=xlsx" in page
    rows = csv_rows(reviewer_client.get(passages_url(world), query))
    assert rows[0][0] == "Utdrag-id"
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(
        world.passages[k].pk for k in ("P3", "P4", "P8")
    )
    assert "'=1+1 og @SUM(A1)" in [row[6] for row in rows]
    sheet = xlsx_rows(reviewer_client.get(passages_url(world), {**query, "export": "xlsx"}))
    assert len(sheet) == 1 + 3
    assert "'=1+1 og @SUM(A1)" in [row[6] for row in sheet]


def test_queue_export_keeps_the_queue_defaults(reviewer_client, world):
    rows = csv_rows(reviewer_client.get(passages_url(world, "queue"), {"export": "csv"}))
    # unreviewed and relevant, least confident first
    assert [int(row[0]) for row in rows[1:3]] == [world.passages["P8"].pk, world.passages["P5"].pk]


# ---------------------------------------------------------------------------- access


def test_non_reviewer_gets_neither_list_nor_export(client, world):
    client.force_login(make_user("ed", editor=True))
    # Refused as before: the approval list sends to the admin home (Wagtail's refusal), the
    # workspace answers with its own 403 page.
    for url, status in (
        (APPROVAL, 302),
        (passages_url(world), 403),
        (passages_url(world, "queue"), 403),
    ):
        for query in ({}, {"export": "csv"}, {"export": "xlsx"}):
            response = client.get(url, query)
            assert response.status_code == status, (url, query)
            assert not getattr(response, "streaming", False)
            assert b"Per Privat" not in response.content
            assert b"Ingen merknader" not in response.content
            if status == 302:
                assert response["Location"] == "/admin/"


def test_passage_list_shows_stances_as_words(reviewer_client, world):
    Passage.objects.filter(pk=world.passages["P5"].pk).update(stance="vet_ikke")
    page = reviewer_client.get(passages_url(world), {"goal": "G2"}).content.decode()
    assert "<small>Vet ikke</small>" in page
    assert "<small>vet_ikke</small>" not in page
