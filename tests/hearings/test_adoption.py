from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines.models import PathwayVersion
from hearings.models import ProposalAdoption
from hearings.selectors import HearingStatus, hearing_status
from hearings.services import AdoptionRefused, hearing_adopt_proposal, hearing_conclude

from .helpers import make_hearing, make_pathway, make_proposal

pytestmark = pytest.mark.django_db


def closed_hearing(proposals=None):
    return make_hearing(
        proposals=proposals,
        opens_at=timezone.now() - timedelta(days=60),
        deadline=timezone.localdate() - timedelta(days=2),
    )


def test_adoption_refused_while_open(editor):
    hearing = make_hearing()
    proposal = hearing.proposal_links.first().proposal
    with pytest.raises(AdoptionRefused, match="før høringsfristen er ute"):
        hearing_adopt_proposal(hearing=hearing, proposal=proposal, user=editor)
    assert not ProposalAdoption.objects.exists()


def test_adoption_creates_version_with_history_links(editor, client):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal.specific
    body = list(proposal.body.raw_data)
    body[0]["value"]["heading"] = "Om forløpet, forenklet"
    proposal.body = body
    proposal.save_revision().publish()
    adoption = hearing_adopt_proposal(hearing=hearing, proposal=proposal, user=editor)
    version = adoption.version
    assert version.number == 2
    assert version.source_proposal_id == proposal.pk
    assert hearing.title in version.change_note and "23/12345" in version.change_note
    assert version.content["body"][0]["value"]["heading"] == "Om forløpet, forenklet"
    assert list(version.adoptions.all()) == [adoption]
    history = client.get(f"{proposal.pathway.url}versjoner/").content.decode()
    assert hearing.url in history
    assert proposal.url in history
    status = hearing_status(hearing=hearing)
    assert status.code == HearingStatus.CONCLUDED  # the only proposal is adopted
    assert version in status.adopted_versions
    assert f"versjoner/{version.number}/" in client.get(hearing.url).content.decode()


def test_second_adoption_refused(editor):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal
    hearing_adopt_proposal(hearing=hearing, proposal=proposal, user=editor)
    with pytest.raises(AdoptionRefused, match="allerede vedtatt"):
        hearing_adopt_proposal(hearing=hearing, proposal=proposal, user=editor)
    assert PathwayVersion.objects.filter(source_proposal=proposal).count() == 1


def test_adoption_of_foreign_proposal_refused(editor):
    hearing = closed_hearing()
    other = make_proposal(pathway=make_pathway(slug="ocd", title="Tvangslidelser"))
    with pytest.raises(AdoptionRefused, match="ikke en del av"):
        hearing_adopt_proposal(hearing=hearing, proposal=other, user=editor)


def test_partial_adoption_is_under_consideration_then_concluded(editor):
    first = make_proposal()
    second = make_proposal(pathway=make_pathway(slug="ocd", title="Tvangslidelser"))
    hearing = closed_hearing(proposals=[first, second])
    assert hearing_status(hearing=hearing).code == HearingStatus.CLOSED
    hearing_adopt_proposal(hearing=hearing, proposal=first, user=editor)
    hearing.refresh_from_db()
    assert hearing_status(hearing=hearing).code == HearingStatus.UNDER_CONSIDERATION
    hearing_conclude(hearing=hearing)
    assert hearing_status(hearing=hearing).code == HearingStatus.CONCLUDED


def test_workflow_timestamps_survive_a_republish(editor):
    hearing = closed_hearing()
    hearing_conclude(hearing=hearing)
    hearing.refresh_from_db()
    hearing.title = "Ny tittel"
    hearing.save_revision().publish()
    hearing.refresh_from_db()
    assert hearing.concluded_at is not None


def test_admin_adoption_view(client, editor):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal
    client.force_login(editor)
    page = client.get(f"/admin/horinger/{hearing.pk}/vedtak/")
    assert page.status_code == 200
    assert proposal.title in page.content.decode()
    reply = client.post(
        f"/admin/horinger/{hearing.pk}/vedtak/", {"proposal": proposal.pk}, follow=True
    )
    assert "vedtatt som versjon 2" in reply.content.decode()
    reply = client.post(
        f"/admin/horinger/{hearing.pk}/vedtak/", {"proposal": proposal.pk}, follow=True
    )
    assert "allerede vedtatt" in reply.content.decode()
    edit = client.get(f"/admin/pages/{hearing.pk}/edit/")
    assert f"/admin/horinger/{hearing.pk}/vedtak/" in edit.content.decode()


def test_admin_adoption_view_refuses_open_hearing(client, editor):
    hearing = make_hearing()
    client.force_login(editor)
    reply = client.post(
        f"/admin/horinger/{hearing.pk}/vedtak/",
        {"proposal": hearing.proposal_links.first().proposal_id},
        follow=True,
    )
    assert "før høringsfristen er ute" in reply.content.decode()
    assert not ProposalAdoption.objects.exists()
