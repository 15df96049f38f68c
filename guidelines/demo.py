"""Loads the demo site structure, editors, the approval workflow and the pathways with versions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from cms.models import HomePage

from . import demo_content as content
from .models import (
    FourEyesApprovalTask,
    Goal,
    PathwayChange,
    PathwayIndexPage,
    PathwayPage,
    PathwayVersion,
    ProposalIndexPage,
)

EDITORS_GROUP = "Redaktør"
REVIEWERS_GROUP = "Saksbehandler"
DEMO_PASSWORD = "demo-passord-2024"  # noqa: S105 - printed for the local demo only
DEMO_USERS = [
    ("admin", "Admin", "Administrator", None, True),
    ("redaktor1", "Ragnhild", "Redaktør", EDITORS_GROUP, False),
    ("redaktor2", "Rune", "Redaktør", EDITORS_GROUP, False),
    ("saksbehandler", "Siri", "Saksbehandler", REVIEWERS_GROUP, False),
]


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_structure() -> tuple[HomePage, PathwayIndexPage, ProposalIndexPage]:
    home = HomePage.objects.first()
    if not home.introduction:
        home.introduction = content.p(
            "Her publiserer Helsedirektoratet de nasjonale pasientforløpene for psykisk helse og rus, med "
            "alle versjoner og endringer, forslagene fra revisjonen 2023–2024 og høringene om dem.",
            "<em>Demoinnhold:</em> tekstene er skrevet for dette systemet og er ikke de offisielle forløpene.",
        )
        home.save_revision().publish()
    pathways = _child(
        home,
        PathwayIndexPage,
        "forlop",
        title="Pasientforløp",
        introduction=content.p(
            "De nasjonale pasientforløpene for psykisk helse og rus. Hvert forløp viser "
            "når det først ble publisert, siste faglige endring og alle tidligere versjoner."
        ),
    )
    proposals = _child(
        home,
        ProposalIndexPage,
        "forslag",
        title="Forslag til endringer",
        introduction=content.p(
            "Høringsutkast fra revisjonen 2023–2024, vist side om side med teksten som gjelder."
        ),
    )
    return home, pathways, proposals


def ensure_groups_and_users(pathway_index: Page, proposal_index: Page) -> list[tuple[str, str]]:
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(admin_access)
    reviewers.permissions.add(admin_access)
    for codename in ("add_goal", "change_goal"):
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="guidelines", codename=codename)
        )
    # Reviewers screen and approve responses for publication and follow receipt e-mails.
    for codename in (
        "view_response",
        "change_response",
        "view_maildelivery",
        "change_maildelivery",
    ):
        permission = Permission.objects.filter(
            content_type__app_label="hearings", codename=codename
        ).first()
        if permission:
            reviewers.permissions.add(permission)
    for page in (pathway_index, proposal_index):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    User = get_user_model()
    created = []
    for username, first, last, group, superuser in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@pasientforlop.example",
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        created.append((username, DEMO_PASSWORD))
    return created


def ensure_workflow(pathway_index: Page) -> Workflow:
    """Four-eyes rule: substantive changes are approved by a second editor before publication."""
    workflow, _ = Workflow.objects.get_or_create(name="Faglig godkjenning")
    task = FourEyesApprovalTask.objects.filter(name="Godkjenning av en annen redaktør").first()
    if task is None:
        task = FourEyesApprovalTask.objects.create(name="Godkjenning av en annen redaktør")
        task.groups.set([Group.objects.get(name=EDITORS_GROUP)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=pathway_index, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def load_pathway(index: PathwayIndexPage, spec: dict) -> PathwayPage:
    existing = PathwayPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    nn = spec.get("nn", False)
    body = content.sections(spec["slug"], spec, nn=nn)
    page = PathwayPage(
        slug=spec["slug"],
        title=spec["title"],
        short_name=spec["short_name"],
        area=spec["area"],
        language=spec["language"],
        target_group=spec["target_group"],
        introduction=spec["intro"],
        body=body,
    )
    index.add_child(instance=page)
    page.goals.set(Goal.objects.filter(code__in=spec["goals"]))
    first_at = content.when(spec["versions"][0]["at"])
    for step in spec["versions"]:
        if step.get("change"):
            body = content.apply_change(body, step["change"], spec["slug"])
        page.body = body
        page.change_kind = step.get("kind", "substantive")
        page.change_note = step["note"]
        revision = page.save_revision()
        revision.publish()
        at = content.when(step["at"])
        change = PathwayChange.objects.get(revision=revision)
        PathwayChange.objects.filter(pk=change.pk).update(published_at=at)
        if change.kind == "substantive":
            PathwayVersion.objects.filter(pk=change.version_id).update(published_at=at)
        else:
            PathwayVersion.objects.filter(pk=change.version_id).update(last_editorial_change_at=at)
        page = PathwayPage.objects.get(pk=page.pk)
    Page.objects.filter(pk=page.pk).update(first_published_at=first_at)
    return page


def load_guidelines_demo(stdout=None) -> dict:
    _home, pathway_index, proposal_index = ensure_structure()
    users = ensure_groups_and_users(pathway_index, proposal_index)
    ensure_workflow(pathway_index)
    pages = [load_pathway(pathway_index, spec) for spec in content.PATHWAYS]
    if stdout:
        stdout.write(
            f"Pasientforløp: {len(pages)} (med {PathwayVersion.objects.count()} versjoner)"
        )
    return {"users": users, "pathways": pages}
