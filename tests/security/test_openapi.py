"""The read API matches its OpenAPI description and never fails with a server error (schemathesis)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from cms.openapi import openapi_document


def _schema():
    from cms.wsgi import application

    # Fetched through the WSGI app, so the served document is what gets tested.
    return schemathesis.openapi.from_wsgi("/api/v2/openapi.json", application)


schema = _schema()


@pytest.fixture
def keep_test_connection():
    """Calls go straight to the WSGI app, not through Django's test client, so Django's
    ``close_old_connections`` would close the test's connection inside its transaction after the
    first request (with CONN_MAX_AGE=0 on PostgreSQL). Do what the test client does: detach it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_openapi_is_served(client):
    reply = client.get("/api/v2/openapi.json")
    assert reply.status_code == 200
    document = reply.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/versions/",
        "/api/v2/versions/{id}/",
    }
    assert document == openapi_document()


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_conforms_to_its_description(world, keep_test_connection, case):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
        excluded_checks=[],
    )


@pytest.mark.django_db
def test_search_with_control_characters_is_a_client_error(client):
    """Schemathesis found that a NUL byte in ?search= reached the database (a 5xx)."""
    reply = client.get("/api/v2/pages/?search=a%00b")
    assert reply.status_code == 400
    assert "control characters" in reply.json()["message"]


@pytest.mark.django_db
def test_huge_ids_and_offsets_are_not_server_errors(client):
    """Schemathesis found ids beyond the database's integer range giving a 500."""
    huge = "2698205631580339963953152"
    assert client.get(f"/api/v2/versions/?pathway={huge}&offset={huge}").status_code == 200
    assert client.get(f"/api/v2/versions/{huge}/").status_code == 404
    assert client.get(f"/api/v2/pages/{huge}/").status_code == 404
