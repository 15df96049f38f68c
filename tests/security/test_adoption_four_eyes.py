"""Issue 17, row 3: adopting a proposal is a substantive change and obeys the four-eyes rule.

One editor's "send for adoption" publishes nothing: the proposal's text waits in the pathway's
workflow until a second editor approves it; the requester cannot approve it; a pathway without a
four-eyes workflow refuses adoption; and the editor writes the change note and confirms.
Everything goes through the admin over HTTP, as an editor would.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from guidelines.demo import ensure_workflow
from guidelines.models import PathwayPage, PathwayVersion
from hearings.models import AdoptionRequest, ProposalAdoption

pytestmark = pytest.mark.django_db

MARKER = "VEDTATT-TEKST-8Z4"


def _proposal_with_marker(world):
    proposal = world.proposal.specific
    body = list(proposal.body.raw_data)
    body[0]["value"]["heading"] = MARKER
    proposal.body = body
    proposal.save_revision().publish()
    return proposal


def _send(client, world, proposal, note="Ny overskrift.", confirm=True):
    data = {"proposal": proposal.pk, f"p{proposal.pk}-change_note": note}
    if confirm:
        data[f"p{proposal.pk}-confirm"] = "on"
    return client.post(f"/admin/horinger/{world.closed_hearing.pk}/vedtak/", data)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _public_texts(world) -> str:
    pathway = PathwayPage.objects.get(pk=world.pathway.pk)
    anonymous = Client()
    return (
        anonymous.get(pathway.url).content.decode()
        + anonymous.get("/api/v2/versions/").content.decode()
    )


def test_adoption_publishes_nothing_until_a_second_editor_approves(world):
    ensure_workflow(world.pathway.get_parent())
    proposal = _proposal_with_marker(world)
    requester = world.users["editor"]
    approver = get_user_model().objects.get(username="redaktor2")
    versions_before = PathwayVersion.objects.filter(pathway=world.pathway).count()

    reply = _send(_client(requester), world, proposal)
    assert reply.status_code == 302
    request = AdoptionRequest.objects.get(proposal=proposal)
    state = request.workflow_state
    assert state.status == state.STATUS_IN_PROGRESS and state.requested_by == requester
    assert PathwayVersion.objects.filter(pathway=world.pathway).count() == versions_before
    assert not ProposalAdoption.objects.exists()
    assert MARKER not in _public_texts(world)

    # The requester's own approval is refused, and still nothing is public.
    task_state = state.current_task_state
    action = f"/admin/pages/workflow/action/{world.pathway.pk}/approve/{task_state.pk}/"
    own = _client(requester).post(action, {})
    assert own.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert PathwayVersion.objects.filter(pathway=world.pathway).count() == versions_before
    assert MARKER not in _public_texts(world)

    # A second editor approves: now the version is public and the adoption recorded.
    second = _client(approver).post(action, {})
    assert second.status_code in (200, 302)
    newest = PathwayVersion.objects.filter(pathway=world.pathway).order_by("-number").first()
    assert newest.number == versions_before + 1
    assert newest.source_proposal_id == proposal.pk
    assert newest.change_note.startswith("Ny overskrift.")
    assert world.closed_hearing.reference_number in newest.change_note
    adoption = ProposalAdoption.objects.get(proposal=proposal)
    assert (adoption.version, adoption.adopted_by, adoption.approved_by) == (
        newest,
        requester,
        approver,
    )
    assert MARKER in _public_texts(world)


def test_adoption_is_refused_on_a_pathway_without_the_four_eyes_workflow(world):
    proposal = _proposal_with_marker(world)
    versions_before = PathwayVersion.objects.filter(pathway=world.pathway).count()
    reply = _send(_client(world.users["superuser"]), world, proposal)
    assert reply.status_code == 400
    assert "må godkjennes av en annen redaktør" in reply.content.decode()
    assert not AdoptionRequest.objects.exists()
    assert PathwayVersion.objects.filter(pathway=world.pathway).count() == versions_before
    assert PathwayPage.objects.get(pk=world.pathway.pk).current_workflow_state is None
    assert MARKER not in _public_texts(world)


@pytest.mark.parametrize(
    ("note", "confirm", "message"),
    [
        ("", True, "Skriv et endringsnotat"),
        ("   ", True, "Skriv et endringsnotat"),
        ("Ny overskrift.", False, "Bekreft at du vil sende forslaget"),
    ],
)
def test_adoption_needs_the_editors_own_note_and_a_confirmation(world, note, confirm, message):
    ensure_workflow(world.pathway.get_parent())
    proposal = _proposal_with_marker(world)
    reply = _send(_client(world.users["editor"]), world, proposal, note=note, confirm=confirm)
    assert reply.status_code == 400
    body = reply.content.decode()
    assert message in body
    if note.strip():
        assert note in body  # what the editor typed is kept
    assert not AdoptionRequest.objects.exists()
    assert PathwayPage.objects.get(pk=world.pathway.pk).current_workflow_state is None


def test_reviewers_cannot_send_an_adoption(world):
    ensure_workflow(world.pathway.get_parent())
    proposal = _proposal_with_marker(world)
    reply = _send(_client(world.users["reviewer"]), world, proposal)
    assert reply.status_code in (302, 403)
    assert not AdoptionRequest.objects.exists()
