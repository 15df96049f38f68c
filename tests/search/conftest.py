"""A small corpus and the ``backend`` fixture the search contract tests run on.

The same test module runs against every backend: the database param on SQLite (default suite)
and, with DATABASE_URL pointing at PostgreSQL, under the ``postgres`` marker; the Elasticsearch
param under the ``elasticsearch`` marker against ELASTICSEARCH_URL.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
ES_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
DEAD_URL = "http://127.0.0.1:9"

BACKENDS = [
    pytest.param("database", marks=[pytest.mark.postgres] if ON_POSTGRES else []),
    pytest.param("elasticsearch", marks=[pytest.mark.elasticsearch]),
]


def es_reachable(url: str) -> bool:
    from elasticsearch import Elasticsearch

    try:
        # cluster health, not ping(): the test distribution has no GET / (rest-root module)
        return bool(Elasticsearch(url, request_timeout=3).cluster.health()["number_of_nodes"])
    except Exception:
        return False


@pytest.fixture
def use_elasticsearch(settings):
    """Point the project at the real cluster with an index prefix of its own; clean up after."""
    from tests.conftest import service_missing

    if not es_reachable(ES_URL):
        service_missing(f"Elasticsearch is not reachable at {ES_URL}")
    settings.ELASTICSEARCH_URL = ES_URL
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    yield settings
    from search.backends import elasticsearch

    settings.ELASTICSEARCH_URL = ES_URL
    elasticsearch.client().indices.delete(
        index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
    )


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    if request.param == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    else:
        settings.SEARCH_BACKEND = "database"
        settings.ELASTICSEARCH_URL = ""
    return request.param


def reindex(backend: str) -> None:
    """Full rebuild into the backend under test (what `search_index rebuild` does)."""
    from search import indexing

    indexing.rebuild_database()
    if backend == "elasticsearch":
        indexing.rebuild_elasticsearch()


def _section(text: str, heading: str = "Om forløpet") -> dict:
    return {
        "type": "text_section",
        "id": str(uuid.uuid4()),
        "value": {"heading": heading, "body": f"<p>{text}</p>"},
    }


def make_pathway(index, *, slug: str, title: str, text: str, language: str = "nb"):
    from guidelines.models import PathwayPage

    page = PathwayPage(
        title=title,
        slug=slug,
        target_group="Voksne",
        area="rus",
        language=language,
        introduction="<p>Innledning.</p>",
        body=[_section(text)],
        change_kind="substantive",
        change_note="Først publisert.",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return PathwayPage.objects.get(pk=page.pk)


def make_response(hearing, *, ref: str, text: str, approved=True, publish="full", cat="kommune"):
    from hearings.models import Response

    return Response.objects.create(
        hearing=hearing,
        reference=ref,
        status="submitted",
        respondent_kind="organisasjon",
        organisation_name=f"Organisasjon {ref}",
        category=cat,
        contact_name="Kari Kontakt",
        contact_email=f"{ref.lower()}@example.org",
        general_comment=text,
        publication_choice=publish,
        review_status="approved" if approved else "pending",
        updated_at=timezone.now(),
        submitted_at=timezone.now() - timedelta(days=20),
    )


def make_passage(response, *, text: str, index: int = 0, goals=(), stance="", question=None):
    from hearings.models import GoalLabel, Passage

    passage = Passage.objects.create(
        hearing=response.hearing,
        response=response,
        source="general_comment",
        index=index,
        start=0,
        end=len(text),
        text=text,
        language="nb",
        category=response.category,
        stance=stance,
        question=question,
    )
    for goal in goals:
        GoalLabel.objects.create(passage=passage, goal=goal, source="machine")
    return passage


@pytest.fixture
def corpus(db, backend):
    """Pages and feedback with known words; returns handles for assertions."""
    from tests.hearings.helpers import home, make_hearing
    from tests.hearings.helpers import make_pathway as make_base_pathway

    base = make_base_pathway()
    index = base.get_parent()
    title_hit = make_pathway(
        index,
        slug="ventetid",
        title="Ventetid i psykisk helsevern",
        text="Forløpet omtaler henvisning og utredning.",
    )
    body_hit = make_pathway(
        index,
        slug="utredning-barn",
        title="Utredning av barn og unge",
        text="Barn skal ikke ha unødig ventetid før utredning. Forløpskoordinatoren følger opp.",
    )
    nynorsk = make_pathway(
        index,
        slug="nynorsk",
        title="Behandling av eteforstyrringar",
        text=(
            "Ventetida skal vere kort, og forløpskoordinatoren skal følgje opp pasientane. "
            "Tenestene skal òg lytte til pårørande."
        ),
        language="nn",
    )
    many = [
        make_pathway(
            index,
            slug=f"mange-{i}",
            title=f"Forløp nummer {i}",
            text=f"Samhandling mellom tjenestene er tema i forløp {i}.",
        )
        for i in range(13)
    ]
    hearing = make_hearing(
        opens_at=timezone.now() - timedelta(days=60),
        deadline=timezone.localdate() - timedelta(days=5),
        slug="lukket-horing",
    )
    published = make_response(
        hearing, ref="PUB-1", text="Vi støtter kortere ventetider og en fast forløpskoordinator."
    )
    pending = make_response(
        hearing, ref="PEND-1", text="Hemmelig innspill om ventetider fra kommunen.", approved=False
    )
    private = make_response(
        hearing, ref="PRIV-1", text="Ventetider er for lange hos oss.", publish="ikke"
    )
    question = hearing.questions.first()
    passages = [
        make_passage(published, text="Kortere ventetider er viktig.", goals=["G3"], stance="ja"),
        make_passage(
            published,
            text="Forløpskoordinatoren gir sammenhengende forløp.",
            index=1,
            goals=["G2"],
            stance="ja",
            question=question,
        ),
        make_passage(pending, text="Ventetidene må ned.", goals=["G3"], stance="delvis"),
        make_passage(
            private, text="Ventetida er lang og brukarane ventar.", goals=["G3", "G1"], stance="nei"
        ),
    ]
    reindex(backend)
    home()
    return {
        "title_hit": title_hit,
        "body_hit": body_hit,
        "nynorsk": nynorsk,
        "many": many,
        "hearing": hearing,
        "published": published,
        "pending": pending,
        "private": private,
        "passages": passages,
    }


@pytest.fixture
def reviewer(db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get_or_create(name="Saksbehandler")[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(Permission.objects.get(codename="change_response"))
    user = django_user_model.objects.create_user("leser", password="x")
    user.groups.add(group)
    return user
