"""Search on the database copy of the index (SQLite or PostgreSQL).

Matching is the same on both vendors: every query word must match a term (prefix) in the title
or the body terms. Ranking gives a title match three times the weight of a body match; on
PostgreSQL the Norwegian text-search configuration adds ``ts_rank`` over the title and body, so
stemmed matches of the whole query rank higher.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from search.analysis import query_forms, query_words
from search.models import SearchDocument

from .base import Hit, SearchQuery, SearchResult

TITLE_WEIGHT = 3
BODY_WEIGHT = 1


def _word_q(forms: tuple[str, ...], field: str) -> Q:
    q = Q()
    for form in forms:
        q |= Q(**{f"{field}__contains": " " + form})
    return q


def _filtered(query: SearchQuery):
    qs = SearchDocument.objects.filter(audience=query.audience)
    if query.audience == "public":
        qs = qs.filter(Q(visible_from__isnull=True) | Q(visible_from__lt=timezone.now()))
    if query.kinds:
        qs = qs.filter(kind__in=query.kinds)
    if query.pathway_id:
        qs = qs.filter(pathway_id=query.pathway_id)
    if query.year:
        qs = qs.filter(year=query.year)
    for name, value in query.filters:
        qs = qs.filter(facet_terms__contains=f"|{name}={value}|")
    return qs


def _scored(qs, words: list[str]):
    score = Value(0, output_field=IntegerField())
    for word in words:
        forms = query_forms(word)
        qs = qs.filter(_word_q(forms, "title_terms") | _word_q(forms, "body_terms"))
        score = score + Case(
            When(_word_q(forms, "title_terms"), then=Value(TITLE_WEIGHT)),
            default=Value(0),
            output_field=IntegerField(),
        )
        score = score + Case(
            When(_word_q(forms, "body_terms"), then=Value(BODY_WEIGHT)),
            default=Value(0),
            output_field=IntegerField(),
        )
    qs = qs.annotate(score=score)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery as PgQuery
        from django.contrib.postgres.search import SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config="norwegian") + SearchVector(
            "body", weight="B", config="norwegian"
        )
        pg_query = PgQuery(" ".join(words), search_type="plain", config="norwegian")
        qs = qs.annotate(rank=Coalesce(SearchRank(vector, pg_query), 0.0)).order_by(
            "-score", "-rank", "pk"
        )
    else:
        qs = qs.order_by("-score", "pk")
    return qs


def _facets(qs, names: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
    counters: dict[str, Counter] = {name: Counter() for name in names}
    rows = qs.values_list("kind", "pathway_title", "year", "facets")
    for kind, pathway_title, year, facets in rows.iterator(chunk_size=5000):
        for name in names:
            if name == "kind":
                counters[name][kind] += 1
            elif name == "year":
                if year:
                    counters[name][str(year)] += 1
            elif name == "pathway" and "pathway" not in (facets or {}):
                if pathway_title:
                    counters[name][pathway_title] += 1
            else:
                for value in (facets or {}).get(name, []):
                    counters[name][value] += 1
    return {name: sorted(c.items(), key=lambda i: (-i[1], i[0])) for name, c in counters.items()}


def _hit(doc: SearchDocument) -> Hit:
    return Hit(
        key=doc.key,
        kind=doc.kind,
        title=doc.title,
        url=doc.url,
        body=doc.body,
        score=float(getattr(doc, "score", 0)),
        pathway_title=doc.pathway_title,
        year=doc.year,
        facets=doc.facets,
    )


def search(query: SearchQuery) -> SearchResult:
    words = query_words(query.text)
    if not words:
        return SearchResult([], 0, {}, query.page, query.per_page, backend="database")
    qs = _scored(_filtered(query), words)
    total = qs.count()
    start = (query.page - 1) * query.per_page
    docs = list(qs[start : start + query.per_page])
    facets = _facets(qs.order_by(), query.facet_names)
    return SearchResult(
        [_hit(d) for d in docs], total, facets, query.page, query.per_page, backend="database"
    )


def more_like_this(key: str, *, size: int = 10) -> list[Hit]:
    """Passages sharing the most distinctive terms with the passage ``key``."""
    doc = SearchDocument.objects.filter(key=key).first()
    if doc is None:
        return []
    words = sorted(set(query_words(doc.body)), key=len, reverse=True)[:12]
    words = [w for w in words if len(w) >= 5]
    if not words:
        return []
    score = Value(0, output_field=IntegerField())
    any_match = Q()
    for word in words:
        q = _word_q(query_forms(word)[-1:], "body_terms")
        any_match |= q
        score = score + Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField())
    qs = (
        SearchDocument.objects.filter(audience=doc.audience, kind=doc.kind)
        .exclude(pk=doc.pk)
        .filter(any_match)
        .annotate(score=score)
        .filter(score__gte=min(2, len(words)))
        .order_by("-score", "pk")
    )
    return [_hit(d) for d in qs[:size]]
