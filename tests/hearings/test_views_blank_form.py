"""The blank response form from its cached copy (hearings/views/blank_form.py): the same page as a
fresh render, with each visitor's own CSRF token and form token, and never for anything personal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearings.models import Response

from .helpers import form_data

pytestmark = pytest.mark.django_db

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def _visit(hearing):
    client = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        reply = client.get(f"{hearing.url}svar/")
    assert reply.status_code == 200
    return client, reply, len(queries)


def _strip(page: str) -> str:
    return TOKEN_RE.sub("", CSRF_RE.sub("", page))


def test_the_copy_is_the_page_with_the_visitors_own_tokens(hearing):
    cache.clear()
    _first, fresh, fresh_queries = _visit(hearing)
    client, copy, copy_queries = _visit(hearing)
    assert copy_queries < fresh_queries
    assert _strip(copy.content.decode()) == _strip(fresh.content.decode())
    assert TOKEN_RE.search(copy.content.decode()).group(1) != TOKEN_RE.search(
        fresh.content.decode()
    ).group(1)
    assert "csrftoken" in copy.cookies and "no-cache" in copy["Cache-Control"]
    # the copy's tokens work: the response is stored and the receipt follows
    page = copy.content.decode()
    data = form_data(hearing, form_token=TOKEN_RE.search(page).group(1))
    data["csrfmiddlewaretoken"] = CSRF_RE.search(page).group(1)
    reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302 and "kvittering" in reply["Location"]
    assert Response.objects.get().creation_token.hex == data["form_token"].replace("-", "")


def test_personal_requests_get_the_ordinary_page(hearing, editor):
    cache.clear()
    _visit(hearing)
    staff = Client()
    staff.force_login(editor)
    with CaptureQueriesContext(connection) as signed_in:
        assert staff.get(f"{hearing.url}svar/").status_code == 200
    _client, _copy, copy_queries = _visit(hearing)
    assert len(signed_in) > copy_queries  # rendered, not copied
    with CaptureQueriesContext(connection) as with_query:
        assert Client().get(f"{hearing.url}svar/?fra=epost").status_code == 200
    assert len(with_query) > copy_queries


def test_a_closed_hearing_shows_its_closed_page(hearing):
    cache.clear()
    _visit(hearing)
    type(hearing).objects.filter(pk=hearing.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )
    hearing.refresh_from_db()
    reply = Client().get(f"{hearing.url}svar/")
    assert reply.status_code == 200 and not TOKEN_RE.search(reply.content.decode())
