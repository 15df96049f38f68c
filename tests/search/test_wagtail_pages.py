"""Wagtail's own page search on the real cluster (search/wagtail_elasticsearch.py).

With ELASTICSEARCH_URL set, ``WAGTAILSEARCH_BACKENDS`` points Wagtail at the same cluster as
``/sok/``. Wagtail's stock index settings need analysis filters our Elasticsearch build lacks; these
tests prove the indices are created, pages are indexed on publish and found by search, autocomplete
and the admin's page search, and drafts stay out of ``live()`` results.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from guidelines.models import PathwayPage
from tests.search.conftest import ES_URL, make_pathway

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def pages_on_cluster(settings, use_elasticsearch):
    """Wagtail's default backend on the cluster, under the test's own index prefix."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.wagtail_elasticsearch",
            "URLS": [ES_URL],
            "INDEX_PREFIX": f"{settings.SEARCH_INDEX_PREFIX}-wagtail-",
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": 0}}},
        }
    }
    backend = get_search_backend()
    assert type(backend).__name__ == "NorwegianElasticsearch8SearchBackend"
    return backend


@pytest.fixture
def pathways(db, pages_on_cluster):
    from tests.hearings.helpers import make_pathway as make_base_pathway

    index = make_base_pathway().get_parent()
    pages = {
        "title": make_pathway(
            index,
            slug="ventetid",
            title="Ventetid i psykisk helsevern",
            text="Forløpet omtaler henvisning og utredning.",
        ),
        "body": make_pathway(
            index,
            slug="utredning-barn",
            title="Utredning av barn og unge",
            text="Barn skal ikke ha unødig ventetid før utredning.",
        ),
    }
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    return pages


def _refresh(backend) -> None:
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")


def test_update_index_creates_the_page_index_behind_an_alias(pages_on_cluster, pathways):
    es = pages_on_cluster.es
    alias = f"{pages_on_cluster.index_prefix}wagtailcore_page"
    assert es.indices.exists_alias(name=alias)
    assert es.count(index=alias)["count"] >= len(pathways)


def test_search_finds_pages_and_ranks_title_before_body(pages_on_cluster, pathways):
    hits = list(PathwayPage.objects.live().search("ventetid"))
    assert hits[:2] == [pathways["title"], pathways["body"]]
    assert list(PathwayPage.objects.live().search("tannlegeskrekk")) == []


def test_autocomplete_matches_the_word_being_typed(pages_on_cluster, pathways):
    assert pathways["title"] in list(PathwayPage.objects.live().autocomplete("ventet"))
    assert pathways["title"] in list(PathwayPage.objects.live().autocomplete("psykisk helsev"))
    assert pathways["body"] not in list(PathwayPage.objects.live().autocomplete("ventet"))


def test_publishing_indexes_a_new_page_and_drafts_stay_out_of_live_results(
    pages_on_cluster, pathways
):
    index = pathways["title"].get_parent()
    published = make_pathway(
        index, slug="ny", title="Samhandling med kommunen", text="Kommunen følger opp."
    )
    draft = PathwayPage(
        title="Samhandling i utkast",
        slug="utkast",
        target_group="Voksne",
        area="rus",
        introduction="<p>Utkast.</p>",
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision()
    _refresh(pages_on_cluster)

    hits = list(PathwayPage.objects.live().search("samhandling"))
    assert published in hits
    assert PathwayPage.objects.get(pk=draft.pk) not in hits


def test_admin_page_search_answers_from_the_cluster(client, django_user_model, pathways):
    admin = django_user_model.objects.create_superuser("sjef", "sjef@example.org", "x")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "ventetid"})
    assert response.status_code == 200
    assert "Ventetid i psykisk helsevern" in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "tannlegeskrekk"})
    assert "Ventetid i psykisk helsevern" not in response.content.decode()


def test_test_runs_keep_out_of_the_sites_own_indices():
    """With ELASTICSEARCH_URL set, the test settings give Wagtail's page index a prefix of its
    own, so publishing pages in tests never writes into a local instance's indices."""
    from django.conf import settings as live

    prefix = live.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    assert prefix.startswith(live.SEARCH_INDEX_PREFIX)
    assert live.SEARCH_INDEX_PREFIX != "pasientforlop"
