"""Page routes remembered in the cache (cms/page_routes.py): fewer queries, same answers, and a
moved, renamed or unpublished page is never served from a stale route."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.hearings.helpers import make_hearing

pytestmark = pytest.mark.django_db


def _get(url: str):
    with CaptureQueriesContext(connection) as queries:
        reply = Client().get(url)
    return reply, len(queries)


def test_a_remembered_route_saves_the_walk_down_the_tree():
    hearing = make_hearing()
    cache.clear()
    first, walked = _get(f"{hearing.url}svar/lenke/")
    second, remembered = _get(f"{hearing.url}svar/lenke/")
    assert first.status_code == second.status_code == 200
    assert remembered < walked
    page, _queries = _get(hearing.url)  # the page itself, from the same entry
    assert page.status_code == 200


def test_a_renamed_page_is_not_served_at_its_old_address():
    hearing = make_hearing()
    old = hearing.url
    Client().get(f"{old}svar/lenke/")
    hearing.slug = "ny-adresse"
    hearing.save_revision().publish()
    assert Client().get(f"{old}svar/lenke/").status_code == 404
    new = type(hearing).objects.get(pk=hearing.pk).url
    assert new != old and Client().get(f"{new}svar/lenke/").status_code == 200


def test_an_unpublished_page_is_gone_at_once():
    hearing = make_hearing()
    Client().get(f"{hearing.url}svar/lenke/")
    hearing.unpublish()
    assert Client().get(f"{hearing.url}svar/lenke/").status_code == 404
    assert Client().get(hearing.url).status_code == 404


def test_unknown_addresses_still_answer_404():
    make_hearing()
    assert Client().get("/finnes/ikke/").status_code == 404


def test_a_kept_page_costs_no_query_until_a_page_is_published():
    hearing = make_hearing()
    for _warm in range(2):  # the walk remembers the route; the next request keeps the page
        Client().get(f"{hearing.url}svar/lenke/")
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(f"{hearing.url}svar/lenke/").status_code == 200
    assert not [q for q in queries.captured_queries if "wagtailcore_page" in q["sql"]]
    hearing.title = "Høring med ny tittel"
    hearing.save_revision().publish()  # any publication replaces the page stamp
    assert "Høring med ny tittel" in Client().get(hearing.url).content.decode()


def test_a_change_without_a_signal_shows_when_the_page_stamp_expires():
    from wagtail.models import Page

    from cms.page_routes import STAMP_KEY

    hearing = make_hearing()
    for _warm in range(2):
        Client().get(f"{hearing.url}svar/lenke/")
    Page.objects.filter(pk=hearing.pk).update(title="Endret uten signal")
    assert "Endret uten signal" not in Client().get(f"{hearing.url}svar/lenke/").content.decode()
    cache.delete(STAMP_KEY)  # what the stamp's expiry does
    assert "Endret uten signal" in Client().get(f"{hearing.url}svar/lenke/").content.decode()
