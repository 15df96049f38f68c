"""Snippets are rendered without ``|safe``: indexed text can never become markup (both backends)."""

from __future__ import annotations

import re

from .conftest import make_passage, make_response

NASTY = "<script>alert('x')</script> Kortere ventetider & kø <b>fet</b>."


def _index_nasty(corpus, backend):
    from search.indexing import index_source

    response = make_response(corpus["hearing"], ref="XSS-2", text=NASTY)
    passage = make_passage(response, text=NASTY, goals=["G3"])
    index_source(f"response:{response.pk}")
    index_source(f"passage:{passage.pk}")
    if backend == "elasticsearch":
        from search.backends import elasticsearch

        elasticsearch.refresh()
    return passage


def _assert_only_marks(html: str) -> None:
    assert "<script>alert" not in html and "<b>fet</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert re.search(r"ventetider(</mark>)? &amp; (<mark>)?kø", html)
    assert "&amp;amp;" not in html


def test_public_page_escapes_indexed_markup(corpus, backend, client):
    _index_nasty(corpus, backend)
    html = client.get("/sok/", {"q": "ventetider kø"}).content.decode()
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippets and all(set(re.findall(r"</?([a-z]+)", s)) == {"mark"} for s in snippets)
    _assert_only_marks(html)


def test_staff_page_and_more_like_this_escape_indexed_markup(corpus, backend, client, reviewer):
    passage = _index_nasty(corpus, backend)
    client.force_login(reviewer)
    html = client.get("/admin/sok-innspill/", {"q": "ventetider kø"}).content.decode()
    assert "<mark>ventetider</mark>" in html
    _assert_only_marks(html)
    like = client.get("/admin/sok-innspill/", {"like": corpus["passages"][0].pk}).content.decode()
    assert f"/utdrag/{passage.pk}/" in like  # the nasty passage is among the similar ones
    _assert_only_marks(like)
