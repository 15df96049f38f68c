"""Shared fixtures: the site tree, pathway builders and people in their roles."""

import os
import shutil

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from guidelines.blocks import PathwayBodyBlock
from guidelines.demo_content import block_id


def service_missing(reason: str):
    """Skip locally when a service is missing, but fail in CI (CI=true): no suite skips there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: integration suites must not skip)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the locmem cache, which outlives a test; start each test at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from cms.models import HomePage

    return HomePage.objects.first()


@pytest.fixture
def pathway_index(home):
    from guidelines.models import PathwayIndexPage

    index = PathwayIndexPage(title="Pasientforløp", slug="forlop")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def proposal_index(home):
    from guidelines.models import ProposalIndexPage

    index = ProposalIndexPage(title="Forslag", slug="forslag")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def section(key: str, heading: str, text: str, slug: str = "test") -> dict:
    return {
        "type": "text_section",
        "id": block_id(slug, key),
        "value": {"heading": heading, "body": f"<p>{text}</p>"},
    }


def times_section(limit: int = 10, slug: str = "test") -> dict:
    return {
        "type": "pathway_times",
        "id": block_id(slug, "times"),
        "value": {
            "heading": "Forløpstider",
            "intro": "",
            "times": [
                {
                    "name": "Første oppmøte",
                    "from_event": "Henvisning mottatt",
                    "to_event": "Første oppmøte",
                    "limit": limit,
                    "unit": "virkedager",
                    "comment": "",
                },
            ],
        },
    }


def make_pathway(index, slug="testforlop", title="Testforløp", body=None, note="Først publisert."):
    from guidelines.models import PathwayPage

    page = PathwayPage(
        title=title,
        slug=slug,
        short_name=title,
        area="rus",
        language="nb",
        target_group="Voksne.",
        introduction="<p>Innledning.</p>",
        body=body
        if body is not None
        else [section("a", "Henvisning", "Tekst om henvisning."), times_section()],
        change_note=note,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return PathwayPage.objects.get(pk=page.pk)


def publish_change(page, *, body=None, kind="substantive", note="Endret.", user=None):
    from guidelines.models import PathwayPage

    page = page.get_latest_revision_as_object()
    if body is not None:
        page.body = body
    page.change_kind = kind
    page.change_note = note
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return PathwayPage.objects.get(pk=page.pk)


@pytest.fixture
def editors(db, pathway_index, proposal_index):
    """Two editors in the "Redaktør" group with edit/publish rights on the pathway tree."""
    from django.contrib.auth import get_user_model

    group, _ = Group.objects.get_or_create(name="Redaktør")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in (pathway_index, proposal_index):
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    User = get_user_model()
    people = []
    for name in ("redaktor1", "redaktor2"):
        user = User.objects.create_user(name, f"{name}@example.org", "pw")
        user.groups.add(group)
        people.append(user)
    return people


@pytest.fixture
def raw_body():
    return lambda page: list(page.body.raw_data)


def stream(value):
    return PathwayBodyBlock().to_python(value)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def root_page():
    return Page.objects.get(depth=1)
