"""A small world for attack and misuse tests: two hearings, responses with secret markers, roles.

Every secret (contact details, unpublished text) carries a unique marker so a test can search any
page, feed, API answer or export for it: a marker found where it must not be is a leak.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import timezone

from hearings.models import Answer, Response
from hearings.tokens import EDIT_SALT, RECEIPT_SALT, make_token
from tests.hearings.helpers import make_hearing, make_pathway, make_proposal

PASSWORD = "passord-for-test-123"

# Markers that must never be shown to the public.
CONTACT_NAME = "Kontaktnavn Hemmeligsen"
CONTACT_EMAIL = "hemmelig.kontakt@eksempel.invalid"
UNPUBLISHED = "UPUBLISERT-SVAR-7Q3"
WITHHELD = "IKKE-PUBLISER-SVAR-5K2"
DRAFT = "UTKAST-SVAR-9X1"
PUBLISHED = "PUBLISERT-SVAR-4M8"
SECRETS = (CONTACT_NAME, CONTACT_EMAIL, UNPUBLISHED, WITHHELD, DRAFT)


@dataclass
class World:
    open_hearing: object
    closed_hearing: object
    pathway: object
    proposal: object
    published: Response
    unpublished: Response
    withheld: Response
    draft: Response
    users: dict

    def edit_url(self, response) -> str:
        return f"{response.hearing.url}svar/{make_token(response=response, salt=EDIT_SALT)}/"

    def receipt_url(self, response) -> str:
        return f"{response.hearing.url}svar/kvittering/{make_token(response=response, salt=RECEIPT_SALT)}/"


def _response(
    hearing, *, text: str, status="submitted", review="approved", choice="full", suffix=""
):
    now = timezone.now()
    response = Response.objects.create(
        hearing=hearing,
        reference=f"H24-T{uuid.uuid4().hex[:3].upper()}-{suffix or '00'}",
        status=status,
        respondent_kind="organisasjon",
        organisation_name=f"Fiktiv forening {suffix}",
        category="bruker",
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
        general_comment=f"Generell kommentar {text}.",
        publication_choice=choice,
        updated_at=now,
        submitted_at=now if status == "submitted" else None,
        review_status=review,
    )
    for question in hearing.questions.all():
        Answer.objects.create(
            response=response, question=question, stance="ja", text=f"Svar {text}."
        )
    return response


def _users(pathway_index, proposal_index) -> dict:
    """The demo's roles (guidelines.demo), plus the response permissions reviewers need."""
    from guidelines.demo import ensure_groups_and_users

    ensure_groups_and_users(pathway_index, proposal_index)
    reviewers = Group.objects.get(name="Saksbehandler")
    for codename in ("view_response", "change_response"):
        reviewers.permissions.add(
            Permission.objects.get(content_type__app_label="hearings", codename=codename)
        )
    # Editors open hearings and adopt proposals (DESIGN.md): page rights on the hearing index too.
    from wagtail.models import GroupPagePermission

    from hearings.models import HearingIndexPage

    editors = Group.objects.get(name="Redaktør")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=HearingIndexPage.objects.first(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    User = get_user_model()
    users = {}
    for role, username in (
        ("editor", "redaktor1"),
        ("reviewer", "saksbehandler"),
        ("superuser", "admin"),
    ):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
        users[role] = user
    return users


@pytest.fixture
def world(db) -> World:
    cache.clear()
    pathway = make_pathway()
    proposal = make_proposal(pathway=pathway)
    today = timezone.localdate()
    open_hearing = make_hearing(proposals=[proposal], slug="apen-horing")
    closed_hearing = make_hearing(
        proposals=[proposal],
        slug="lukket-horing",
        opens_at=timezone.now() - timedelta(days=60),
        deadline=today - timedelta(days=5),
    )
    users = _users(pathway.get_parent(), proposal.get_parent())
    world = World(
        open_hearing=open_hearing,
        closed_hearing=closed_hearing,
        pathway=pathway,
        proposal=proposal,
        published=_response(closed_hearing, text=PUBLISHED, suffix="01"),
        unpublished=_response(closed_hearing, text=UNPUBLISHED, review="pending", suffix="02"),
        withheld=_response(closed_hearing, text=WITHHELD, choice="ikke", suffix="03"),
        draft=_response(open_hearing, text=DRAFT, status="draft", review="pending", suffix="04"),
        users=users,
    )
    yield world
    cache.clear()


ROLES = ("anonymous", "respondent", "editor", "reviewer", "superuser")


@pytest.fixture
def client_for(client, world):
    """A test client logged in as one of ROLES (the respondent is anonymous but holds a link)."""
    from django.test import Client

    def make(role: str) -> Client:
        fresh = Client()
        if role in world.users:
            fresh.force_login(world.users[role])
        return fresh

    return make
