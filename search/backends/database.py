"""Search on the database copy of the index (SQLite or PostgreSQL).

Matching is the same on both vendors: every query word must match a term (prefix) in the title
or the body terms, and a title match weighs three times a body match.

* PostgreSQL reads the stored ``title_tsv`` / ``body_tsv`` columns (migration
  ``sitesearch.0002``: ``array_to_tsvector`` of our own terms, GIN-indexed) with prefix tsqueries
  (``'form':*``), so a query is an index lookup instead of a substring scan of every row.
* SQLite has no such index; it matches ``" " + form`` as a substring of the term columns.

Total and facet counts are counted in the database, never by loading every match into Python:
on PostgreSQL by ``ts_stat`` over the stored ``facet_tsv``, on SQLite in the same single query
that ranks the page. Figures and the reasons behind each choice: docs/search.md.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from hearings.models import Passage
from search.analysis import query_forms, query_words, text_standard
from search.models import SearchDocument

from .base import PUBLIC_TIE_ORDER, Hit, SearchQuery, SearchResult

TITLE_WEIGHT = 3
BODY_WEIGHT = 1
# Stored tsvector columns of migration sitesearch.0002 (PostgreSQL only).
_COLUMNS = {"title_terms": "title_tsv", "body_terms": "body_tsv"}


def _on_postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(forms: tuple[str, ...]) -> str:
    """A prefix tsquery literal; the lexemes are quoted, so no character is an operator."""
    quoted = (form.replace("\\", "\\\\").replace("'", "''") for form in forms)
    return " | ".join(f"'{form}':*" for form in quoted)


def _word_q(forms: tuple[str, ...], field: str) -> Q:
    """A document field has a term starting with one of ``forms``."""
    if _on_postgres():
        sql = _COLUMNS[field] + " @@ %s::tsquery"
        # The SQL is constant; the user's words only travel as the tsquery parameter.
        return Q(RawSQL(sql, (_tsquery(forms),), output_field=BooleanField()))  # noqa: S611
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


def _matching(qs, words: list[str]):
    for word in words:
        forms = query_forms(word)
        qs = qs.filter(_word_q(forms, "title_terms") | _word_q(forms, "body_terms"))
    return qs


def _tie_rank(public: bool):
    """Where a hit goes among equal scores: ``PUBLIC_TIE_ORDER`` for the public, else none."""
    if not public:
        return Value(0, output_field=IntegerField())
    whens = [When(kind=kind, then=Value(i)) for i, kind in enumerate(PUBLIC_TIE_ORDER)]
    return Case(*whens, default=Value(len(PUBLIC_TIE_ORDER)), output_field=IntegerField())


def _scored(qs, words: list[str], public: bool = False):
    """Per word 3 for a title match, 1 for a body match (4 for both).

    Every row here already matches each word in the title or the body, so the body is only
    examined for rows whose title matches: scoring costs little even with many matches.
    """
    score = Value(0, output_field=IntegerField())
    for word in words:
        forms = query_forms(word)
        in_body = Case(
            When(_word_q(forms, "body_terms"), then=Value(TITLE_WEIGHT + BODY_WEIGHT)),
            default=Value(TITLE_WEIGHT),
            output_field=IntegerField(),
        )
        score = score + Case(
            When(_word_q(forms, "title_terms"), then=in_body),
            default=Value(BODY_WEIGHT),
            output_field=IntegerField(),
        )
    return qs.annotate(score=score, tie=_tie_rank(public)).order_by("-score", "tie", "pk")


# SQLite: each part reads the CTE ``m`` of matching rows and yields (name, value, count) rows.
_HITS_SQL = (
    "SELECT 'hit', CAST(id AS TEXT), score FROM "
    "(SELECT id, score FROM m ORDER BY score DESC, tie, id LIMIT %s OFFSET %s) AS page"
)
_FACET_SQL = {
    "": "SELECT '', '', COUNT(*) FROM m",  # the total
    "kind": "SELECT 'kind', kind, COUNT(*) FROM m GROUP BY kind",
    "year": "SELECT 'year', CAST(year AS TEXT), COUNT(*) FROM m WHERE year IS NOT NULL "
    "GROUP BY year",
    # A document's own pathway facet wins; otherwise its page's pathway title.
    "pathway": "SELECT 'pathway', pathway_title, COUNT(*) FROM m "
    "WHERE json_type(m.facets, '$.pathway') IS NULL AND pathway_title <> '' "
    "GROUP BY pathway_title",
    "listed": "SELECT 'terms', f.key || '=' || v.value, COUNT(*) "
    "FROM m, json_each(m.facets) f, "
    "json_each(CASE WHEN f.type = 'array' THEN f.value ELSE '[]' END) v "
    "GROUP BY f.key, v.value",
}


def _sqlite_page(scored, names: tuple[str, ...], start: int, size: int):
    """SQLite: the page's (id, score) pairs, the total and the facets in one pass.

    Why one query: with many matches, scanning the term columns is the cost, so ranking,
    counting and faceting share one read (the CTE) instead of three.
    """
    columns = ["id", "kind", "year", "pathway_title", "score", "tie", "facets"]
    matched_sql, params = scored.order_by().values(*columns).query.sql_with_params()
    parts = [_HITS_SQL, _FACET_SQL[""]]
    parts += [_FACET_SQL[name] for name in ("kind", "year", "pathway") if name in names]
    if set(names) - {"kind", "year"}:
        parts.append(_FACET_SQL["listed"])
    sql = "WITH m AS (" + matched_sql + ") " + " UNION ALL ".join(parts)
    page, total, counts = [], 0, {name: Counter() for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, size, start))
        for name, value, n in cursor.fetchall():
            if name == "hit":
                page.append((int(value), n))
            elif name == "":
                total = n
            elif name == "terms":
                facet, _sep, item = value.partition("=")
                if facet in counts and item:
                    counts[facet][item] += n
            elif value not in (None, ""):
                counts[name][str(value)] += n
    return page, total, {name: _ordered(c) for name, c in counts.items()}


def _pg_page(
    matching, words: list[str], start: int, size: int, public: bool = False
) -> list[SearchDocument]:
    """One page in score order without scoring every match.

    A document matching no query word in its title scores exactly ``len(words)`` (body only),
    the lowest possible score, and any title match scores more. So the order is: documents
    with a title match by score (few; found through the title index), then all the others
    by primary key, which PostgreSQL can read in key order and stop after one page (public
    hits first by kind, ``PUBLIC_TIE_ORDER``: there are few public documents).
    """
    in_title = Q()
    for word in words:
        in_title |= _word_q(query_forms(word), "title_terms")
    titled = list(_scored(matching.filter(in_title), words, public)[: start + size])
    page = titled[start:]
    if len(page) < size:
        offset = max(0, start - len(titled))
        rest = matching.exclude(in_title)
        if public:
            rest = rest.annotate(tie=_tie_rank(True)).order_by("tie", "pk")
        else:
            rest = rest.order_by("pk")
        rest = list(rest[offset : offset + size - len(page)])
        for doc in rest:
            doc.score = len(words) * BODY_WEIGHT
        page += rest
    return page


def _tune_postgres() -> None:
    """Planner settings for this transaction only.

    The planner's row guesses for text-search functions are far off, so it would JIT-compile
    (~0.5 s) queries that take a fraction of that. And the default ``random_page_cost`` (4, for
    spinning disks) made it scan the whole table instead of the GIN bitmap when a tenth of the
    documents match; the index and table are in memory here, so 1.1 says so (~80 ms vs ~200 ms
    for "somatisk helse" at 100,000 passages).
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL random_page_cost = 1.1")


def _pg_total_and_facets(matching, names: tuple[str, ...]):
    """PostgreSQL: total and facet counts with ``ts_stat`` over the matches' ``facet_tsv``.

    ``ts_stat`` counts lexemes in C in one pass; unnesting the facets row by row in SQL cost
    several times more at 50,000 matches. Its argument is a query text, so the matching
    query's parameters are bound into it by the driver (``compose_sql``), never by hand.
    """
    vectors = matching.order_by().annotate(_facets=RawSQL("facet_tsv", ())).values("_facets")
    inner = connection.ops.compose_sql(*vectors.query.sql_with_params())
    total, counts = 0, {name: Counter() for name in names}
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [inner])
        for word, n in cursor.fetchall():
            if word == "*":
                total = n
                continue
            facet, _sep, value = word.partition("=")
            if facet in counts and value:
                counts[facet][value] += n
    return total, {name: _ordered(c) for name, c in counts.items()}


def _ordered(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda i: (-i[1], i[0]))


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
    matching = _matching(_filtered(query), words)
    public = query.audience == "public"
    scored = _scored(matching, words, public)
    start = (query.page - 1) * query.per_page
    if _on_postgres():
        with transaction.atomic():
            _tune_postgres()
            total, facets = _pg_total_and_facets(matching, query.facet_names)
            docs = _pg_page(matching, words, start, query.per_page, public) if total > start else []
    else:
        page, total, facets = _sqlite_page(scored, query.facet_names, start, query.per_page)
        by_pk = SearchDocument.objects.in_bulk([pk for pk, _score in page])
        docs = [by_pk[pk] for pk, _score in page]
        for doc, (_pk, score) in zip(docs, page, strict=True):
            doc.score = score
    return SearchResult(
        [_hit(d) for d in docs], total, facets, query.page, query.per_page, backend="database"
    )


def more_like_this(key: str, *, size: int = 10) -> list[Hit]:
    """Passages sharing the most distinctive terms with the passage ``key``."""
    doc = SearchDocument.objects.filter(key=key).first()
    if doc is None:
        return []
    standard = text_standard(doc.body)
    words = sorted(set(query_words(doc.body)), key=len, reverse=True)[:12]
    words = [w for w in words if len(w) >= 5]
    if not words:
        return []
    score = Value(0, output_field=IntegerField())
    any_match = Q()
    for word in words:
        q = _word_q(query_forms(word, standard)[-1:], "body_terms")
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


def passage_ids_in_hearing(text: str, *, hearing_id: int):
    """Ids of one hearing's passages whose document matches every word of ``text``.

    A lazy ``values`` query of ints, so callers can use it inside ``pk__in`` as a subquery: a
    broad query in a large hearing matches tens of thousands of passages, more than SQLite
    accepts as query parameters.
    """
    words = query_words(text)
    if not words:
        return Passage.objects.none().values_list("pk", flat=True)
    # Match the passage documents first (GIN index on PostgreSQL), then keep this hearing's:
    # joining on keys built for every passage of a large hearing cost five times as much.
    matched = (
        _matching(SearchDocument.objects.filter(kind="passage"), words)
        .annotate(passage_id=Cast(Substr("key", len("passage:") + 1), IntegerField()))
        .values("passage_id")
    )
    return (
        Passage.objects.filter(hearing_id=hearing_id, pk__in=matched)
        .order_by()
        .values_list("pk", flat=True)
    )
