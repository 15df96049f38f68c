"""The search contract: the same cases on every backend (see conftest.BACKENDS)."""

from __future__ import annotations

import re

import pytest

from search import service
from search.models import SearchDocument

from .conftest import make_passage, make_response


def keys(result) -> list[str]:
    return [hit.key for hit in result.hits]


def public_keys(query: str, **kwargs) -> set[str]:
    return {h.key for h in service.search_public(query, per_page=100, **kwargs).hits}


def test_title_beats_body(corpus):
    result = service.search_public("ventetid", kinds=["pathway"])
    found = keys(result)
    title, body = f"page:{corpus['title_hit'].pk}", f"page:{corpus['body_hit'].pk}"
    assert title in found and body in found
    assert found.index(title) < found.index(body)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ventetider", "body_hit"),  # bokmål plural finds the singular
        ("ventetid", "nynorsk"),  # nynorsk definite form "ventetida"
        ("ventetida", "body_hit"),  # nynorsk query finds bokmål text
        ("koordinator", "body_hit"),  # compound head finds "forløpskoordinatoren"
        ("koordinatoren", "nynorsk"),
        ("forløpskoordinator", "nynorsk"),
        ("forlopskoordinator", "body_hit"),  # without ø
        ("eteforstyrring", "nynorsk"),  # nynorsk plural in the title
        ("pasientar", "nynorsk"),
        ("tjenester", "nynorsk"),  # bokmål query, nynorsk "Tenestene" (indexed as *tjeneste* too)
        ("pårørende", "nynorsk"),  # nynorsk "pårørande"
    ],
)
def test_inflection_and_compounds(corpus, query, expected):
    assert f"page:{corpus[expected].pk}" in public_keys(query)


def test_all_words_must_match(corpus):
    found = public_keys("ventetid barn")
    assert f"page:{corpus['body_hit'].pk}" in found
    assert f"page:{corpus['title_hit'].pk}" not in found


def test_unpublished_feedback_never_public(corpus):
    for query in ["ventetider", "hemmelig", "kommunen", "lange", "Kari", "example.org"]:
        found = public_keys(query)
        assert f"response:{corpus['published'].pk}:public" in public_keys("ventetider")
        assert not any(k.startswith("passage:") for k in found)
        assert not any(k.startswith("response:") and not k.endswith(":public") for k in found)
        for other in ("pending", "private"):
            assert f"response:{corpus[other].pk}:public" not in found
    for hit in service.search_public("ventetider", per_page=100).hits:
        assert "example.org" not in hit.body and "Kari Kontakt" not in hit.body


def test_withholding_removes_public_document(corpus, backend):
    from hearings.services.publication import response_withhold
    from search.indexing import index_source

    key = f"response:{corpus['published'].pk}:public"
    assert key in public_keys("forløpskoordinator")
    response_withhold(response=corpus["published"], user=None, reason="Test")
    index_source(f"response:{corpus['published'].pk}")
    _refresh(backend)
    assert key not in public_keys("forløpskoordinator")


def test_responses_hidden_before_deadline(corpus, backend):
    from django.utils import timezone

    hearing = corpus["hearing"]
    hearing.deadline = timezone.localdate() + timezone.timedelta(days=3)
    hearing.save()
    from search.indexing import index_source

    index_source(f"response:{corpus['published'].pk}")
    _refresh(backend)
    assert f"response:{corpus['published'].pk}:public" not in public_keys("ventetider")


def test_highlighting_marks_matches_and_escapes(corpus, backend):
    response = make_response(
        corpus["hearing"], ref="XSS-1", text="<script>alert(1)</script> Lange ventetider & kø."
    )
    from search.indexing import index_source

    index_source(f"response:{response.pk}")
    _refresh(backend)
    hits = {h.key: h for h in service.search_public("ventetid", per_page=100).hits}
    snippet = hits[f"response:{response.pk}:public"].snippet
    assert "<mark>ventetider</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert set(re.findall(r"</?([a-z]+)", snippet)) == {"mark"}


def test_pagination(corpus):
    first = service.search_public("samhandling", per_page=5)
    assert first.total == 13 and first.pages == 3
    seen = []
    for page in (1, 2, 3):
        seen += keys(service.search_public("samhandling", per_page=5, page=page))
    assert len(seen) == 13 and len(set(seen)) == 13
    assert keys(service.search_public("samhandling", per_page=5, page=9)) == []


def test_public_facets_match_database_counts(corpus):
    result = service.search_public("ventetid", per_page=100)
    docs = SearchDocument.objects.filter(key__in=keys(result))
    expected = {}
    for doc in docs:
        expected[doc.kind] = expected.get(doc.kind, 0) + 1
    assert dict(result.facets["kind"]) == expected
    assert sum(n for _v, n in result.facets["kind"]) == result.total
    narrowed = service.search_public("ventetid", kinds=["response"])
    assert narrowed.total == expected["response"]


def test_staff_facets_and_filters(corpus, reviewer):
    result = service.search_feedback("ventetid", user=reviewer)
    assert result.total == 3  # published, pending and private passages all count for staff
    assert dict(result.facets["goal"]) == {"G3": 3, "G1": 1}
    assert dict(result.facets["stance"]) == {"ja": 1, "delvis": 1, "nei": 1}
    only_g1 = service.search_feedback("ventetid", user=reviewer, filters={"goal": "G1"})
    assert keys(only_g1) == [f"passage:{corpus['passages'][3].pk}"]
    question = service.search_feedback("forløpskoordinator", user=reviewer)
    assert dict(question.facets["question"]) == {str(corpus["hearing"].questions.first()): 1}


def test_staff_search_needs_reviewer(corpus, django_user_model):
    visitor = django_user_model.objects.create_user("besok", password="x")
    with pytest.raises(PermissionError):
        service.search_feedback("ventetid", user=visitor)


def test_more_like_this(corpus, reviewer, backend):
    extra = make_passage(
        corpus["pending"], text="Ventetidene er altfor lange, kortere ventetider trengs.", index=5
    )
    from search.indexing import index_source

    index_source(f"passage:{extra.pk}")
    _refresh(backend)
    hits, degraded = service.more_like_this(corpus["passages"][0].pk, user=reviewer)
    found = [h.key for h in hits]
    assert not degraded
    assert f"passage:{extra.pk}" in found
    assert f"passage:{corpus['passages'][0].pk}" not in found
    assert f"passage:{corpus['passages'][1].pk}" not in found


@pytest.mark.parametrize(
    "query", ["", "   ", "!!! ???", '"', "'; DROP TABLE x; --", "<b>ventetid</b>", "ø" * 2000]
)
def test_odd_queries_do_not_break(corpus, query):
    result = service.search_public(query)
    assert result.total >= 0
    if query == "<b>ventetid</b>":
        assert result.total > 0


def _refresh(backend: str) -> None:
    if backend == "elasticsearch":
        from search.backends import elasticsearch

        elasticsearch.refresh()


def test_passage_ids_matching_within_a_hearing(corpus, reviewer, django_user_model):
    from tests.hearings.helpers import make_hearing

    passages = corpus["passages"]
    found = service.passage_ids_matching(
        "ventetider", hearing_id=corpus["hearing"].pk, user=reviewer
    )
    assert found == sorted([passages[0].pk, passages[2].pk, passages[3].pk])
    other = make_hearing(slug="annen-horing")
    assert service.passage_ids_matching("ventetider", hearing_id=other.pk, user=reviewer) == []
    assert service.passage_ids_matching("!!!", hearing_id=corpus["hearing"].pk, user=reviewer) == []
    visitor = django_user_model.objects.create_user("nysgjerrig", password="x")
    with pytest.raises(PermissionError):
        service.passage_ids_matching("ventetider", hearing_id=corpus["hearing"].pk, user=visitor)


def test_public_hits_that_tie_list_the_text_in_force_before_feedback(corpus, backend):
    """Equal scores follow ``PUBLIC_TIE_ORDER``, not the order documents were indexed in."""
    from .conftest import make_pathway, reindex

    later = make_pathway(
        corpus["body_hit"].get_parent(),
        slug="senere",
        title="Et forløp lagt til senere",
        text="Forløpet beskriver hvordan kortere ventetider nås.",
    )
    reindex(backend)  # indexed after the published response, so it has the larger key
    found = keys(service.search_public("ventetider", per_page=100))
    pathway, response = f"page:{later.pk}", f"response:{corpus['published'].pk}:public"
    assert pathway in found and response in found
    assert found.index(pathway) < found.index(response)
