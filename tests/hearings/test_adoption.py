from datetime import timedelta

import pytest
from django.utils import timezone

from guidelines.models import PathwayVersion
from hearings.models import AdoptionRequest, ProposalAdoption
from hearings.selectors import HearingStatus, hearing_status
from hearings.services import AdoptionRefused, hearing_conclude, hearing_request_adoption

from .helpers import (
    adopt_with_approval,
    ensure_four_eyes_workflow,
    make_hearing,
    make_pathway,
    make_proposal,
)

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
    ensure_four_eyes_workflow(proposal.specific.pathway)
    with pytest.raises(AdoptionRefused, match="før høringsfristen er ute"):
        hearing_request_adoption(hearing=hearing, proposal=proposal, user=editor, change_note="x")
    assert not ProposalAdoption.objects.exists() and not AdoptionRequest.objects.exists()


def test_adoption_creates_version_with_history_links(editor, second_editor, client):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal.specific
    body = list(proposal.body.raw_data)
    body[0]["value"]["heading"] = "Om forløpet, forenklet"
    proposal.body = body
    proposal.save_revision().publish()
    adoption = adopt_with_approval(
        hearing=hearing,
        proposal=proposal,
        requester=editor,
        approver=second_editor,
        note="Enklere overskrift.",
    )
    version = adoption.version
    assert (adoption.adopted_by, adoption.approved_by) == (editor, second_editor)
    assert version.change_note.startswith("Enklere overskrift.")
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


def test_second_adoption_refused(editor, second_editor):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal
    adopt_with_approval(
        hearing=hearing, proposal=proposal, requester=editor, approver=second_editor
    )
    with pytest.raises(AdoptionRefused, match="allerede vedtatt"):
        hearing_request_adoption(
            hearing=hearing, proposal=proposal, user=editor, change_note="Igjen."
        )
    assert PathwayVersion.objects.filter(source_proposal=proposal).count() == 1


def test_adoption_of_foreign_proposal_refused(editor):
    hearing = closed_hearing()
    other = make_proposal(pathway=make_pathway(slug="ocd", title="Tvangslidelser"))
    with pytest.raises(AdoptionRefused, match="ikke en del av"):
        hearing_request_adoption(hearing=hearing, proposal=other, user=editor, change_note="x")


def test_partial_adoption_is_under_consideration_then_concluded(editor, second_editor):
    first = make_proposal()
    second = make_proposal(pathway=make_pathway(slug="ocd", title="Tvangslidelser"))
    hearing = closed_hearing(proposals=[first, second])
    assert hearing_status(hearing=hearing).code == HearingStatus.CLOSED
    adopt_with_approval(hearing=hearing, proposal=first, requester=editor, approver=second_editor)
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


def test_admin_adoption_view_sends_for_approval_and_keeps_a_refused_note(
    client, editor, second_editor
):
    hearing = closed_hearing()
    proposal = hearing.proposal_links.first().proposal
    ensure_four_eyes_workflow(proposal.specific.pathway)
    url = f"/admin/horinger/{hearing.pk}/vedtak/"
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert proposal.title in page.content.decode()
    prefix = f"p{proposal.pk}"
    # Without the confirmation: refused next to the field, the typed note kept, nothing sent.
    reply = client.post(url, {"proposal": proposal.pk, f"{prefix}-change_note": "Mitt notat."})
    assert reply.status_code == 400
    body = reply.content.decode()
    assert "Bekreft at du vil sende forslaget" in body and "Mitt notat." in body
    assert not AdoptionRequest.objects.exists()
    reply = client.post(
        url,
        {
            "proposal": proposal.pk,
            f"{prefix}-change_note": "Mitt notat.",
            f"{prefix}-confirm": "on",
        },
        follow=True,
    )
    assert "sendt til godkjenning" in reply.content.decode()
    assert "Venter på en annen redaktør" in reply.content.decode()
    assert PathwayVersion.objects.filter(pathway=proposal.specific.pathway).count() == 1
    reply = client.post(
        url,
        {"proposal": proposal.pk, f"{prefix}-change_note": "Igjen.", f"{prefix}-confirm": "on"},
    )
    assert reply.status_code == 400
    assert "venter allerede på godkjenning" in reply.content.decode()
    edit = client.get(f"/admin/pages/{hearing.pk}/edit/")
    assert url in edit.content.decode()


def test_admin_adoption_view_refuses_open_hearing(client, editor):
    hearing = make_hearing()
    client.force_login(editor)
    reply = client.post(
        f"/admin/horinger/{hearing.pk}/vedtak/",
        {
            "proposal": hearing.proposal_links.first().proposal_id,
            f"p{hearing.proposal_links.first().proposal_id}-change_note": "Notat.",
            f"p{hearing.proposal_links.first().proposal_id}-confirm": "on",
        },
    )
    assert "før høringsfristen er ute" in reply.content.decode()
    assert not ProposalAdoption.objects.exists()
