"""Elasticsearch faults during indexing, on a real 3-node cluster with one replica.

Two faults: a node stops while responses are being indexed, and later the whole cluster is down
for a while. In both, every change reaches the database copy at once (search falls back to it and
says so), changes Elasticsearch did not accept wait in ``PendingChange``, and when the cluster is
back the queue is applied: Elasticsearch then holds exactly the documents the database holds.

Uses the cluster of ``tests/search/test_cluster.py`` (HTTP 9250-9252, ``.ci/elasticsearch.sh``).
"""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from search import indexing, service
from search.models import PendingChange, SearchDocument
from tests.hearings.helpers import make_hearing
from tests.search.conftest import make_response
from tests.search.test_cluster import ENV, _script, cluster  # noqa: F401 (fixture)

pytestmark = [pytest.mark.elasticsearch, pytest.mark.slow, pytest.mark.django_db]

CONTROL = Path(ENV["ES_BASE"]) / "control"
WORD = "nattevaktordning"


@pytest.fixture
def es_cluster(cluster, settings):  # noqa: F811
    from search.backends import elasticsearch

    settings.ELASTICSEARCH_URL = ",".join(cluster)
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = f"fault-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_REPLICAS = 1
    _wait_for_nodes(3)
    yield elasticsearch
    for number in (1, 2, 3):  # leave the cluster whole for whoever comes next
        _control(f"start-node-{number}")
    _wait_for_nodes(3)
    elasticsearch.client().indices.delete(
        index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
    )


def _control(name: str) -> None:
    """Ask the launcher to stop or start a node (it polls the control directory)."""
    (CONTROL / name).touch()


def _nodes() -> int:
    from search.backends import elasticsearch

    try:
        return elasticsearch.client().options(request_timeout=3).cluster.health()["number_of_nodes"]
    except Exception:
        return 0


def _wait_for_nodes(count: int, timeout: int = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _nodes() != count:
        time.sleep(1)
    assert _nodes() == count, f"the cluster did not reach {count} node(s)"


def _wait_for_index(es, timeout: int = 300) -> None:
    """Until every primary shard of our index is assigned again (yellow or better)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            health = es.client().cluster.health(
                index=es.alias_name(), wait_for_status="yellow", timeout="5s"
            )
            if not health["timed_out"]:
                return
        except Exception:
            time.sleep(1)
    pytest.fail("our index did not come back within the time limit")


def _closed_hearing():
    return make_hearing(
        opens_at=timezone.now() - timedelta(days=60),
        deadline=timezone.localdate() - timedelta(days=5),
        slug=f"utfall-{uuid.uuid4().hex[:6]}",
    )


def _new_responses(hearing, prefix: str, count: int) -> list:
    return [
        make_response(hearing, ref=f"{prefix}-{i}", text=f"{WORD.capitalize()} i region {i}.")
        for i in range(count)
    ]


def _es_keys(es) -> set[str]:
    es.refresh()
    hits = es.client().search(index=es.alias_name(), size=1000, source=False)["hits"]["hits"]
    return {hit["_id"] for hit in hits}


def _assert_nothing_lost(es, responses) -> None:
    assert PendingChange.objects.count() == 0
    assert _es_keys(es) == set(SearchDocument.objects.values_list("key", flat=True))
    result = service.search_public(WORD, per_page=100)
    assert not result.degraded and result.backend == "elasticsearch"
    assert {h.key for h in result.hits} == {f"response:{r.pk}:public" for r in responses}


def test_node_lost_during_indexing_then_whole_cluster_down(es_cluster):
    es = es_cluster
    hearing = _closed_hearing()
    indexing.rebuild_database()
    indexing.rebuild_elasticsearch()
    es.client().cluster.health(index=es.alias_name(), wait_for_status="green", timeout="120s")

    # 1. A node stops while 40 responses are indexed one by one (as the tasks do it).
    during = _new_responses(hearing, "NODE", 40)
    nodes_seen = []
    for i, response in enumerate(during):
        if i == 8:
            _control("stop-node-2")
        indexing.index_source(f"response:{response.pk}")
        nodes_seen.append(_nodes())
        if i >= 8:
            time.sleep(0.3)
    assert 3 in nodes_seen[:8] and nodes_seen[-1] == 2, nodes_seen  # it really went mid-run
    _wait_for_index(es)
    if PendingChange.objects.exists():  # writes refused while the replica took over
        indexing.catch_up()
    _assert_nothing_lost(es, during)

    # 2. The whole cluster is down for a while: indexing goes on, search falls back.
    for number in (1, 3):
        _control(f"stop-node-{number}")
    _wait_for_nodes(0, timeout=120)
    outage = _new_responses(hearing, "DOWN", 10)
    for response in outage:
        indexing.index_source(f"response:{response.pk}")
    withdrawn = during[0]
    withdrawn.review_status = "pending"  # taken out of publication during the outage
    withdrawn.save()
    indexing.index_source(f"response:{withdrawn.pk}")
    queued = set(PendingChange.objects.values_list("key", flat=True))
    assert {f"response:{r.pk}:public" for r in [*outage, withdrawn]} <= queued
    degraded = service.search_public(WORD, per_page=100)
    assert degraded.degraded and degraded.backend == "database"
    assert {f"response:{r.pk}:public" for r in outage} <= {h.key for h in degraded.hits}
    assert f"response:{withdrawn.pk}:public" not in {h.key for h in degraded.hits}

    # 3. It comes back; the next change written drains the queue first (push_to_elasticsearch).
    for number in (1, 2, 3):
        _control(f"start-node-{number}")
    _wait_for_nodes(3)
    _wait_for_index(es)
    late = _new_responses(hearing, "BACK", 1)
    indexing.index_source(f"response:{late[0].pk}")
    _assert_nothing_lost(es, [*during[1:], *outage, *late])
