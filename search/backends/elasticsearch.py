"""Search on Elasticsearch 8 through elasticsearch-dsl.

The index holds the same documents as the database copy (see ``search.documents``). Text fields
exist twice: ``title``/``body`` with the standard analyser (used by "more like this" and shown
back), and ``title_terms``/``body_terms`` holding the Norwegian terms from ``search.analysis``
(lemmas for bokmål and nynorsk, compound heads, folded forms) split on whitespace. Queries are
prefix queries on the terms, a title match weighted three times a body match, so the ranking and
the hit set match the database backend. Facets are ``terms`` aggregations on keyword fields.

Readers and writers use an alias (``<prefix>-documents``); a rebuild fills a new index and
swaps the alias in one ``_aliases`` call, so search keeps answering during a rebuild.
"""

from __future__ import annotations

import time
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import Date, Document, Integer, Keyword, Q, Search, Text
from elasticsearch.helpers import bulk

from search.analysis import query_forms, query_words

from .base import BackendUnavailable, Hit, SearchQuery, SearchResult

TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
FACET_FIELDS = {
    "kind": "kind",
    "year": "year",
    "pathway": "pathway_facet",
    "goal": "goal",
    "theme": "theme",
    "question": "question",
    "category": "category",
    "stance": "stance",
}
PREFIXES = {"min_chars": 2, "max_chars": 19}
CONNECTION_ERRORS = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
)


class SearchDoc(Document):
    """One searchable thing, as in ``search.models.SearchDocument``."""

    key = Keyword()
    kind = Keyword()
    audience = Keyword()
    title = Text(analyzer="standard")
    body = Text(analyzer="standard", term_vector="yes")
    url = Keyword(index=False)
    # index_prefixes turns our prefix queries into term lookups (no multi-term expansion).
    title_terms = Text(analyzer="whitespace", norms=False, index_prefixes=PREFIXES)
    body_terms = Text(analyzer="whitespace", norms=False, index_prefixes=PREFIXES)
    pathway_id = Integer()
    pathway_title = Keyword()
    pathway_facet = Keyword()
    year = Integer()
    visible_from = Date()
    goal = Keyword()
    theme = Keyword()
    question = Keyword()
    category = Keyword()
    stance = Keyword()
    review_status = Keyword()
    hearing = Keyword()

    @classmethod
    def prepare(cls, key: str, data: dict) -> dict:
        """The ``_source`` for one document (plain dict, ready for the bulk helper)."""
        facets = data.get("facets") or {}
        fields = ("kind", "audience", "title", "body", "url", "year", "visible_from")
        source = {k: data.get(k) for k in fields}
        source.update(
            key=key,
            title_terms=data["title_terms"],
            body_terms=data["body_terms"],
            pathway_id=data["pathway_id"],
            pathway_title=data["pathway_title"],
            pathway_facet=facets.get("pathway")
            or ([data["pathway_title"]] if data["pathway_title"] else []),
        )
        for name in ("goal", "theme", "question", "category", "stance", "review_status", "hearing"):
            source[name] = facets.get(name, [])
        return source


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def index_settings(replicas: int | None = None) -> dict:
    return {
        "number_of_shards": 1,
        "number_of_replicas": settings_replicas() if replicas is None else replicas,
        "refresh_interval": "1s",
    }


def settings_replicas() -> int:
    return int(getattr(settings, "SEARCH_INDEX_REPLICAS", 0))


@lru_cache(maxsize=4)
def _client(urls: str) -> Elasticsearch:
    """One client per URL list (comma-separated: every node of a cluster)."""
    hosts = [u.strip() for u in urls.split(",") if u.strip()]
    return Elasticsearch(hosts, request_timeout=5, max_retries=len(hosts), retry_on_timeout=True)


def client() -> Elasticsearch:
    if not settings.ELASTICSEARCH_URL:
        raise BackendUnavailable("ELASTICSEARCH_URL is not set")
    return _client(settings.ELASTICSEARCH_URL)


def is_available() -> bool:
    try:
        return bool(client().cluster.health()["number_of_nodes"])
    except Exception:
        return False


# Index management -----------------------------------------------------------------------------


def create_index(name: str, *, replicas: int | None = None) -> None:
    es = client()
    body = {"settings": index_settings(replicas), "mappings": SearchDoc._doc_type.mapping.to_dict()}
    es.indices.create(index=name, body=body)


def ensure_alias() -> str:
    """Create a first index behind the alias when there is none; return the alias."""
    es = client()
    alias = alias_name()
    if not es.indices.exists_alias(name=alias):
        name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}"
        create_index(name)
        es.indices.put_alias(index=name, name=alias)
    return alias


def swap_alias(new_index: str) -> list[str]:
    """Point the alias at ``new_index`` atomically; delete and return the old indices."""
    es = client()
    alias = alias_name()
    old = (
        list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    )
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    es.indices.update_aliases(body={"actions": actions})
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    return old


def write(changes: dict[str, dict | None], *, index: str | None = None, refresh=False) -> None:
    """Index or delete documents; raises BackendUnavailable when the cluster cannot be reached."""
    actions = []
    target = index or alias_name()
    for key, data in changes.items():
        if data is None:
            actions.append({"_op_type": "delete", "_index": target, "_id": key})
        else:
            actions.append(
                {"_op_type": "index", "_index": target, "_id": key, **SearchDoc.prepare(key, data)}
            )
    if not actions:
        return
    try:
        if index is None:
            ensure_alias()
        _ok, errors = bulk(
            client().options(request_timeout=30), actions, raise_on_error=False, refresh=refresh
        )
    except CONNECTION_ERRORS as exc:
        raise BackendUnavailable(str(exc)) from exc
    # Deleting a document that is not there is fine; anything else is a real failure.
    failures = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if failures:
        raise BackendUnavailable(f"{len(failures)} document(s) rejected: {failures[:1]}")


def refresh() -> None:
    client().indices.refresh(index=alias_name())


# Search -----------------------------------------------------------------------------------------


def _word_query(word: str) -> Q:
    should = []
    for form in query_forms(word):
        should.append(Q("prefix", title_terms={"value": form, "boost": TITLE_WEIGHT}))
        should.append(Q("prefix", body_terms={"value": form, "boost": BODY_WEIGHT}))
    return Q("bool", should=should, minimum_should_match=1)


def _search(query: SearchQuery, words: list[str]) -> Search:
    s = Search(using=client(), index=alias_name())
    s = s.filter("term", audience=query.audience)
    if query.audience == "public":
        s = s.exclude("range", visible_from={"gte": "now"})
    if query.kinds:
        s = s.filter("terms", kind=list(query.kinds))
    if query.pathway_id:
        s = s.filter("term", pathway_id=query.pathway_id)
    if query.year:
        s = s.filter("term", year=query.year)
    for name, value in query.filters:
        s = s.filter("term", **{FACET_FIELDS.get(name, name): value})
    s = s.query(Q("bool", must=[_word_query(w) for w in words]))
    for name in query.facet_names:
        s.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=100)
    s = s.sort("_score", {"key": "asc"})
    start = (query.page - 1) * query.per_page
    s = s.extra(track_total_hits=True)[start : start + query.per_page]
    return s.source(excludes=["title_terms", "body_terms"])


def _hit(h) -> Hit:
    src = h.to_dict()
    facets = {n: src.get(n, []) for n in ("goal", "theme", "question", "category", "stance")}
    return Hit(
        key=src["key"],
        kind=src["kind"],
        title=src["title"],
        url=src.get("url", ""),
        body=src.get("body", ""),
        score=h.meta.score or 0.0,
        pathway_title=src.get("pathway_title", ""),
        year=src.get("year"),
        facets={k: v for k, v in facets.items() if v},
    )


def search(query: SearchQuery) -> SearchResult:
    words = query_words(query.text)
    if not words:
        return SearchResult([], 0, {}, query.page, query.per_page, backend="elasticsearch")
    try:
        ensure_alias()
        response = _search(query, words).execute()
    except CONNECTION_ERRORS as exc:
        raise BackendUnavailable(str(exc)) from exc
    facets = {}
    for name in query.facet_names:
        buckets = getattr(response.aggregations, name).buckets
        facets[name] = sorted(
            ((str(b.key), b.doc_count) for b in buckets), key=lambda i: (-i[1], i[0])
        )
    return SearchResult(
        [_hit(h) for h in response],
        response.hits.total.value,
        facets,
        query.page,
        query.per_page,
        backend="elasticsearch",
    )


def more_like_this(key: str, *, size: int = 10) -> list[Hit]:
    try:
        s = Search(using=client(), index=alias_name())
        s = s.query(
            Q(
                "more_like_this",
                fields=["body"],
                like=[{"_index": alias_name(), "_id": key}],
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=25,
                minimum_should_match="10%",
            )
        ).filter("term", kind="passage")
        return [_hit(h) for h in s[:size].execute()]
    except CONNECTION_ERRORS as exc:
        raise BackendUnavailable(str(exc)) from exc


def count() -> int:
    try:
        return client().count(index=alias_name())["count"]
    except CONNECTION_ERRORS as exc:
        raise BackendUnavailable(str(exc)) from exc
