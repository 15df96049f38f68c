"""Publishing in the admin: change kind and note asked for, four-eyes rule, proposal start action."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from guidelines.models import FourEyesApprovalTask, PathwayVersion, RevisionProposalPage
from tests.conftest import make_pathway

pytestmark = pytest.mark.django_db


def edit_data(page, *, action=None, change_kind="", change_note="", limit=10):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "short_name": page.short_name,
            "area": page.area,
            "language": page.language,
            "target_group": page.target_group,
            "introduction": rich_text("Innledning."),
            "body": streamfield(
                [
                    (
                        "text_section",
                        {"heading": "Henvisning", "body": rich_text("Tekst om henvisning.")},
                    ),
                    (
                        "pathway_times",
                        {
                            "heading": "Forløpstider",
                            "intro": rich_text(""),
                            "times": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "name": "Første oppmøte",
                                            "from_event": "Henvisning mottatt",
                                            "to_event": "Første oppmøte",
                                            "limit": limit,
                                            "unit": "virkedager",
                                            "comment": "",
                                        },
                                    )
                                ]
                            ),
                        },
                    ),
                ]
            ),
            "change_kind": change_kind,
            "change_note": change_note,
        }
    )
    if action:
        data[action] = "1"
    return data


def post_edit(client, page, **kwargs):
    return client.post(f"/admin/pages/{page.pk}/edit/", edit_data(page, **kwargs))


@pytest.fixture
def editor_client(client, editors):
    client.force_login(editors[0])
    return client


def test_publishing_without_change_kind_and_note_is_refused_next_to_the_fields(
    editor_client, pathway_index
):
    page = make_pathway(pathway_index)
    response = post_edit(editor_client, page, action="action-publish", limit=12)
    assert response.status_code == 200
    form = response.context["form"]
    assert "change_kind" in form.errors and "change_note" in form.errors
    assert PathwayVersion.objects.filter(pathway=page).count() == 1


def test_direct_substantive_publish_is_refused_by_the_four_eyes_rule(editor_client, pathway_index):
    page = make_pathway(pathway_index)
    response = post_edit(
        editor_client,
        page,
        action="action-publish",
        change_kind="substantive",
        change_note="Ny frist.",
        limit=12,
    )
    assert response.status_code == 200
    assert "godkjennes av en annen redaktør" in str(response.context["form"].errors["change_kind"])
    assert PathwayVersion.objects.filter(pathway=page).count() == 1


def test_editorial_publish_goes_straight_through(editor_client, pathway_index):
    page = make_pathway(pathway_index)
    response = post_edit(
        editor_client,
        page,
        action="action-publish",
        change_kind="editorial",
        change_note="Rettet skrivefeil.",
    )
    assert response.status_code == 302
    versions = PathwayVersion.objects.filter(pathway=page)
    assert versions.count() == 1
    assert versions.get().last_editorial_change_at is not None


def test_saving_a_draft_needs_no_change_kind(editor_client, pathway_index):
    page = make_pathway(pathway_index)
    response = post_edit(editor_client, page, limit=14)
    assert response.status_code == 302
    page = type(page).objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().body[1].value["times"][0]["limit"] == 14


def test_change_note_is_not_carried_into_the_next_edit(editor_client, pathway_index):
    page = make_pathway(pathway_index, note="Gammelt notat.")
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert "Gammelt notat." not in response.content.decode()


@pytest.fixture
def four_eyes_workflow(pathway_index, editors):
    from django.contrib.auth.models import Group

    workflow = Workflow.objects.create(name="Faglig godkjenning")
    task = FourEyesApprovalTask.objects.create(name="Annen redaktør")
    task.groups.set([Group.objects.get(name="Redaktør")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=pathway_index, workflow=workflow)
    return workflow


def test_substantive_change_is_published_when_a_second_editor_approves(
    client, pathway_index, editors, four_eyes_workflow
):
    author, approver = editors
    page = make_pathway(pathway_index)
    client.force_login(author)
    response = post_edit(
        client,
        page,
        action="action-submit",
        change_kind="substantive",
        change_note="Kortere frist.",
        limit=7,
    )
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None and state.requested_by == author
    task = state.current_task_state.task.specific

    assert task.get_actions(page, author) == []
    with pytest.raises(PermissionDenied):
        task.on_action(state.current_task_state, author, "approve")
    assert PathwayVersion.objects.filter(pathway=page).count() == 1

    assert any(action[0] == "approve" for action in task.get_actions(page, approver))
    state.current_task_state.approve(user=approver)
    version = PathwayVersion.objects.get(pathway=page, number=2)
    assert version.change_note == "Kortere frist."
    first_time = version.content["body"][1]["value"]["times"][0]
    assert first_time.get("value", first_time)["limit"] == 7


def test_start_proposal_action_copies_text_in_force(client, editors, pathway_index, proposal_index):
    page = make_pathway(pathway_index)
    client.force_login(editors[0])
    response = client.post(f"/admin/forlop/{page.pk}/nytt-forslag/")
    proposal = RevisionProposalPage.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/admin/pages/{proposal.pk}/edit/"
    )
    assert not proposal.live
    assert proposal.pathway_id == page.pk
    assert proposal.base_version == PathwayVersion.objects.get(pathway=page)
    pathway_ids = [b["id"] for b in page.body.raw_data]
    assert [b["id"] for b in proposal.body.raw_data] == pathway_ids
    assert all(b["value"]["rationale"] == "" for b in proposal.body.raw_data)


def test_start_proposal_requires_a_post(client, editors, pathway_index, proposal_index):
    page = make_pathway(pathway_index)
    client.force_login(editors[0])
    assert client.get(f"/admin/forlop/{page.pk}/nytt-forslag/").status_code == 405
    assert not RevisionProposalPage.objects.exists()
