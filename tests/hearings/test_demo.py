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


@pytest.mark.django_db
def test_demo_shows_campaign_earlier_round_and_keeps_the_screening_rule():
    from guidelines.models import ProposalIndexPage, RevisionProposalPage
    from hearings.demo_review import CAMPAIGN_EDITS, EARLIER_SLUG
    from hearings.models import DuplicateGroup, Passage, PersonalDataFlag
    from hearings.review import selectors

    from .helpers import _child, home

    make_pathway()
    _child(home(), ProposalIndexPage, title="Endringsforslag", slug="forslag")
    load_hearing_demo(stdout=io.StringIO())
    load_hearing_demo(stdout=io.StringIO())  # idempotent: nothing is added twice
    closed = HearingPage.objects.get(slug=REVISION_SLUG)
    earlier = HearingPage.objects.get(slug=EARLIER_SLUG)

    campaign = Response.objects.filter(hearing=closed, contact_email__startswith="kampanje")
    assert campaign.count() == len(CAMPAIGN_EDITS)
    assert all(r.is_demo and "oppdiktet" in r.contact_name for r in campaign)
    groups = DuplicateGroup.objects.filter(hearing=closed)
    assert [g.size for g in groups] == [len(CAMPAIGN_EDITS)]
    members = set(
        Response.objects.filter(analysis__duplicate_group=groups[0]).values_list("pk", flat=True)
    )
    assert members == set(campaign.values_list("pk", flat=True))

    assert earlier.deadline.year == 2018 and earlier.closes_at < closed.closes_at
    assert Response.objects.filter(hearing=earlier, is_demo=True).count() >= 20
    assert Passage.objects.filter(hearing=earlier).count() > 100
    assert RevisionProposalPage.objects.filter(revision_name="Høring 2017–2018").count() == 1
    others = selectors.comparable_hearings(hearing=closed)
    assert selectors.default_comparison(hearing=closed, others=others) == earlier
    comparison = selectors.compare_rounds(earlier=earlier, later=closed, goal="G2")
    assert comparison["earlier"] and comparison["later"] and comparison["again"]

    # The analysis flags personal data in some campaign copies; none of them may stay approved.
    assert PersonalDataFlag.objects.filter(response__hearing=closed, decision="proposed").exists()
    assert not Response.objects.filter(
        review_status="approved", personal_data_flags__decision="proposed"
    ).exists()
