import io

import pytest

from hearings.demo import OPEN_DEMO_SLUG, REVISION_SLUG, load_hearing_demo
from hearings.models import Category, HearingPage, Response
from hearings.selectors import HearingStatus, hearing_status

from .helpers import make_pathway


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(client):
    from guidelines.models import ProposalIndexPage

    from .helpers import _child, home

    make_pathway()
    _child(home(), ProposalIndexPage, title="Endringsforslag", slug="forslag")
    out = io.StringIO()
    load_hearing_demo(stdout=out)
    load_hearing_demo(stdout=out)
    closed = HearingPage.objects.get(slug=REVISION_SLUG)
    open_ = HearingPage.objects.get(slug=OPEN_DEMO_SLUG)
    assert closed.deadline.isoformat() == "2024-05-08"
    assert hearing_status(hearing=closed).code == HearingStatus.CLOSED
    assert hearing_status(hearing=open_).code == HearingStatus.OPEN
    responses = Response.objects.filter(hearing=closed)
    assert responses.count() >= 60
    assert all(r.is_demo for r in responses)
    assert set(responses.values_list("category", flat=True)) == set(Category.values)
    assert responses.filter(review_status="approved").exists()
    proposal = closed.proposal_links.first().proposal.specific
    assert any(block["value"].get("rationale") for block in proposal.body.raw_data)
    page = client.get(closed.url).content.decode()
    assert "Oppdiktet eksempelsvar" in page
    assert 'lang="nn"' in page
    assert "@eksempel.invalid" not in page
    assert client.get(f"{open_.url}svar/").status_code == 200
