"""Degraded mode: Elasticsearch away -> search falls back, changes are queued, then caught up."""

from __future__ import annotations

import pytest

from search import indexing, service
from search.models import PendingChange, SearchDocument

from .conftest import DEAD_URL, ES_URL, make_response


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_unreachable_elasticsearch_falls_back_and_queues(corpus, settings, client):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = DEAD_URL
    result = service.search_public("ventetid", per_page=100)
    assert result.degraded and result.backend == "database"
    assert f"page:{corpus['title_hit'].pk}" in [h.key for h in result.hits]

    response = make_response(corpus["hearing"], ref="NEW-1", text="Nye ventetider i nord.")
    indexing.index_source(f"response:{response.pk}")
    queued = set(PendingChange.objects.values_list("key", flat=True))
    assert queued == {f"response:{response.pk}", f"response:{response.pk}:public"}
    assert SearchDocument.objects.filter(key=f"response:{response.pk}:public").exists()

    page = client.get("/sok/", {"q": "ventetider"})
    assert page.status_code == 200
    assert "forenklet reserveløsning" in page.content.decode()
    assert "Organisasjon NEW-1" in page.content.decode()


@pytest.mark.parametrize(
    "backend", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)
def test_catch_up_after_outage_loses_nothing(corpus, settings):
    from hearings.services.publication import response_withhold
    from search.backends import elasticsearch

    settings.ELASTICSEARCH_URL = DEAD_URL  # the cluster "goes away"
    new = [
        make_response(corpus["hearing"], ref=f"OUT-{i}", text=f"Ventetider i region {i}.")
        for i in range(5)
    ]
    for response in new:
        indexing.index_source(f"response:{response.pk}")
    response_withhold(response=corpus["published"], user=None, reason="Personopplysninger")
    indexing.index_source(f"response:{corpus['published'].pk}")
    assert service.search_public("ventetider").degraded
    assert PendingChange.objects.count() == 12

    settings.ELASTICSEARCH_URL = ES_URL  # it comes back
    assert indexing.catch_up() == 12
    elasticsearch.refresh()
    assert PendingChange.objects.count() == 0
    result = service.search_public("ventetider", per_page=100)
    assert not result.degraded and result.backend == "elasticsearch"
    found = {h.key for h in result.hits}
    assert {f"response:{r.pk}:public" for r in new} <= found
    assert f"response:{corpus['published'].pk}:public" not in found
    es_ids = {
        hit["_id"]
        for hit in elasticsearch.client().search(
            index=elasticsearch.alias_name(), size=1000, source=False
        )["hits"]["hits"]
    }
    assert es_ids == set(SearchDocument.objects.values_list("key", flat=True))


@pytest.mark.parametrize(
    "backend", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)
def test_rebuild_switches_alias_and_keeps_answering(corpus):
    from search.backends import elasticsearch

    es = elasticsearch.client()
    before = set(es.indices.get_alias(name=elasticsearch.alias_name()))
    total = service.search_public("ventetid").total
    new_index = indexing.rebuild_elasticsearch()
    after = set(es.indices.get_alias(name=elasticsearch.alias_name()))
    assert after == {new_index} and not (before & after)
    assert service.search_public("ventetid").total == total
