"""Three nodes, one replica: stop a node mid-test and search still returns complete results.

Starts its own cluster (HTTP 9250-9252) with .ci/elasticsearch.sh so the single-node suite on 9200
is left alone.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from search import service
from search.models import SearchDocument

pytestmark = [pytest.mark.elasticsearch, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PORT = 9250
ENV = {
    **os.environ,
    "ES_BASE": "/tmp/pasientforlop-es-cluster",
    "ES_HTTP_PORT": str(PORT),
    "ES_TRANSPORT_PORT": "9350",
}
URLS = [f"http://127.0.0.1:{PORT + i}" for i in range(3)]


def _script(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / ".ci/elasticsearch.sh"), *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
        check=check,
    )


@pytest.fixture(scope="module")
def cluster():
    from tests.conftest import service_missing

    started = _script("start", "3", check=False)
    if started.returncode != 0:
        service_missing(f"3-node Elasticsearch did not start: {started.stderr[-500:]}")
    yield URLS
    _script("stop", check=False)


@pytest.fixture
def cluster_backend(cluster, settings):
    settings.ELASTICSEARCH_URL = ",".join(cluster)
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = "cluster-test"
    settings.SEARCH_INDEX_REPLICAS = 1
    return "elasticsearch"


@pytest.fixture
def backend(cluster_backend):
    return cluster_backend


def _wait_green(es, timeout: int = 120) -> None:
    health = es.cluster.health(wait_for_status="green", timeout=f"{timeout}s")
    assert health["status"] == "green", health


def test_search_survives_losing_a_node(corpus):
    from search.backends import elasticsearch

    es = elasticsearch.client()
    _wait_green(es)
    settings_ = es.indices.get_settings(index=elasticsearch.alias_name())
    assert {s["settings"]["index"]["number_of_replicas"] for s in settings_.values()} == {"1"}
    expected_keys = set(
        SearchDocument.objects.filter(audience="public").values_list("key", flat=True)
    )
    before = service.search_public("ventetid", per_page=100)
    assert before.total > 3

    _script("stop-node", "2")
    deadline = time.time() + 60
    while time.time() < deadline and es.cluster.health()["number_of_nodes"] != 2:
        time.sleep(1)
    assert es.cluster.health()["number_of_nodes"] == 2

    for _ in range(5):
        after = service.search_public("ventetid", per_page=100)
        assert not after.degraded and after.backend == "elasticsearch"
        assert after.total == before.total
        assert [h.key for h in after.hits] == [h.key for h in before.hits]
    everything = elasticsearch.client().count(index=elasticsearch.alias_name())["count"]
    assert everything == SearchDocument.objects.count()
    assert {h.key for h in before.hits} <= expected_keys
    _script("start-node", "2")
