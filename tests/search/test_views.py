"""The public page /sok/ and the staff search view (database backend)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.parametrize("backend", ["database"], indirect=True)


def test_public_page_groups_filters_and_paginates(corpus, client):
    page = client.get("/sok/", {"q": "samhandling", "kind": "pathway"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "13 treff" in html and 'aria-current="page"' in html
    assert html.count('class="result"') == 10
    second = client.get("/sok/", {"q": "samhandling", "kind": "pathway", "page": 2})
    assert second.content.decode().count('class="result"') == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Skriv inn ett eller flere søkeord"),
        ("?!.,", "ingen ord vi kan søke etter"),
        ("zzxqy", "Ingen treff på «zzxqy»"),
        ("ventetid " * 300, "første 200 tegnene"),
    ],
)
def test_public_page_explains_odd_queries(corpus, client, query, message):
    html = client.get("/sok/", {"q": query}).content.decode()
    assert message in html


def test_public_page_keeps_input_and_escapes(corpus, client):
    html = client.get("/sok/", {"q": '<script>x</script> "ventetid'}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; &quot;ventetid" in html


def test_bad_filter_value_is_a_clear_error(corpus, client):
    page = client.get("/sok/", {"q": "ventetid", "year": "abc"})
    assert page.status_code == 400
    assert "ugyldige" in page.content.decode()


def test_staff_search_is_for_reviewers(corpus, client, reviewer, django_user_model):
    editor = django_user_model.objects.create_user("red", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/sok-innspill/", {"q": "ventetid"}).status_code in (302, 403)
    client.force_login(reviewer)
    page = client.get("/admin/sok-innspill/", {"q": "ventetid"})
    if page.status_code == 302:  # reviewer needs admin access
        pytest.fail(f"reviewer was redirected to {page.url}")
    html = page.content.decode()
    assert "3 treff" in html and "G3" in html and "(3)" in html
    similar = client.get("/admin/sok-innspill/", {"like": corpus["passages"][0].pk})
    assert "Lignende tekstutdrag" in similar.content.decode()


def test_search_index_command_rebuilds_and_reports(corpus, capsys):
    from django.core.management import call_command

    from guidelines.models import PathwayPage
    from search.models import SearchDocument

    pathways = PathwayPage.objects.live().count()
    assert pathways == 17
    SearchDocument.objects.filter(kind="pathway").delete()
    call_command("search_index", "rebuild")
    assert SearchDocument.objects.filter(kind="pathway").count() == pathways
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "pathway: 17" in out and "Ventende endringer til Elasticsearch: 0" in out


def test_staff_search_speaks_the_users_language(corpus, client, reviewer):
    # Labels defined at import time must follow the request's language, not the default one.
    client.force_login(reviewer)
    english = client.get("/admin/sok-innspill/", {"q": "ventetid"}, HTTP_ACCEPT_LANGUAGE="en")
    html = english.content.decode()
    assert "Search consultation input" in html and "Søk i innspill" not in html
    assert ">Goal<" in html or ">Goals<" in html
    norwegian = client.get("/admin/sok-innspill/", {"q": "ventetid"}).content.decode()
    assert "Søk i innspill" in norwegian
