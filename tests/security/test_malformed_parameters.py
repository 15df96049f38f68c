"""Malformed public parameters and huge ids get a 4xx, never a 500 or a false 503 (issue 17,
row 7). Each case answered 500 (or 503 for the lone quote) before."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
BIG = "99999999999999999999"

PUBLIC = [
    "/sok/?page=99999999999999999999",
    "/sok/?q=%22",
    "/sok/?q=" + "a" * 5000,
    "/api/v2/pages/?offset=99999999999999999999",
    "/api/v2/pages/?limit=-3",
    "/api/v2/pages/?search_operator=xx&search=ventetid",
    "/api/v2/pages/?search=" + "ord%20" * 500,
    "/api/v2/pages/?search=%22",
    "/api/v2/versions/?offset=99999999999999999999",
    f"/api/v2/pages/{BIG}/",
]
STAFF = [
    f"/admin/horinger/svar/{BIG}/",
    f"/admin/innspill/{BIG}/",
    f"/admin/innspill/{BIG}/utdrag/{BIG}/",
    f"/admin/horinger/{BIG}/analyse/",
    f"/admin/horinger/{BIG}/vedtak/",
    f"/admin/innspill/svar/{BIG}/personvern/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_parameters_never_cost_a_server_error(world, client, url):
    reply = client.get(url)
    assert 200 <= reply.status_code < 500, reply.status_code


@pytest.mark.parametrize("url", STAFF)
def test_huge_ids_on_staff_pages_are_not_found(world, client, url):
    client.force_login(world.users["superuser"])
    assert client.get(url).status_code == 404


def test_api_says_what_is_wrong(world, client):
    reply = client.get("/api/v2/pages/?search_operator=xx&search=ventetid")
    assert reply.status_code == 400
    assert "search_operator" in reply.json()["message"]


def test_not_found_and_server_error_pages_wear_the_site_design(world, client, settings):
    from django.template.loader import render_to_string

    settings.DEBUG = False
    reply = client.get("/finnes-ikke-her/")
    assert reply.status_code == 404
    body = reply.content.decode()
    assert "Fant ikke siden" in body and "site-header" in body
    # Django renders 500.html without a request or context processors: it must still render.
    page = render_to_string("500.html")
    assert "Noe gikk galt" in page and "site-header" in page
