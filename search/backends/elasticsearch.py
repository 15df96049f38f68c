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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import Date, Document, Integer, Keyword, MultiSearch, Q, Search, Text
from elasticsearch.helpers import bulk

from search.analysis import query_forms, query_words

from .base import PUBLIC_TIE_ORDER, BackendUnavailable, Hit, SearchQuery, SearchResult

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
# Prefixes up to 8 characters are indexed as terms (short prefixes are the ones that would expand
# to thousands of terms); a longer query form is a plain prefix query over the few terms it
# matches. Up to 19 characters this cost ~18 extra tokens per long term and halved indexing.
PREFIXES = {"min_chars": 2, "max_chars": 8}
# The analysed terms are only searched, never shown: keeping them out of _source saves disk and
# indexing work.
SOURCE_EXCLUDES = ["title_terms", "body_terms"]
BULK_CHUNK = 1000
BULK_THREADS = 2
CONNECTION_ERRORS = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
)


class SearchDoc(Document):
    """One searchable thing, as in ``search.models.SearchDocument``."""

    key = Keyword()
    kind = Keyword(eager_global_ordinals=True)
    audience = Keyword()
    title = Text(analyzer="standard")
    # more_like_this analyses the liked document from _source; no term vectors needed.
    body = Text(analyzer="standard")
    url = Keyword(index=False)
    # index_prefixes turns our prefix queries into term lookups (no multi-term expansion).
    title_terms = Text(analyzer="whitespace", norms=False, index_prefixes=PREFIXES)
    body_terms = Text(analyzer="whitespace", norms=False, index_prefixes=PREFIXES)
    pathway_id = Integer()
    pathway_title = Keyword()
    pathway_facet = Keyword(eager_global_ordinals=True)
    year = Integer()
    visible_from = Date()
    goal = Keyword(eager_global_ordinals=True)
    theme = Keyword(eager_global_ordinals=True)
    question = Keyword(eager_global_ordinals=True)
    category = Keyword(eager_global_ordinals=True)
    stance = Keyword(eager_global_ordinals=True)
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


def index_settings(replicas: int | None = None, *, bulk_load: bool = False) -> dict:
    """Index settings; ``bulk_load`` for a new index being filled by a rebuild (no refreshes,
    no replicas until :func:`finish_bulk_load`)."""
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0 if bulk_load else _replicas(replicas),
        "refresh_interval": "-1" if bulk_load else refresh_interval(),
        # A rebuild can simply be run again, so it need not fsync the translog per request.
        "translog.durability": "async" if bulk_load else "request",
    }


def _replicas(replicas: int | None) -> int:
    return settings_replicas() if replicas is None else replicas


def settings_replicas() -> int:
    return int(getattr(settings, "SEARCH_INDEX_REPLICAS", 0))


def refresh_interval() -> str:
    return str(getattr(settings, "SEARCH_INDEX_REFRESH_INTERVAL", "5s"))


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


def create_index(name: str, *, replicas: int | None = None, bulk_load: bool = False) -> None:
    es = client()
    mappings = SearchDoc._doc_type.mapping.to_dict()
    mappings["_source"] = {"excludes": SOURCE_EXCLUDES}
    body = {"settings": index_settings(replicas, bulk_load=bulk_load), "mappings": mappings}
    es.indices.create(index=name, body=body)


def finish_bulk_load(name: str) -> None:
    """Give a freshly filled index its replicas and refreshes back, and make it searchable.

    The first refresh of a million-document index takes seconds (7 s measured at 1,000,000) and
    the health wait up to 120 s, both beyond the client's 5 s default: give them time.
    """
    es = client().options(request_timeout=180)
    es.indices.put_settings(
        index=name,
        body={
            "index": {
                "number_of_replicas": settings_replicas(),
                "refresh_interval": refresh_interval(),
                "translog.durability": "request",
            }
        },
    )
    es.indices.refresh(index=name)
    if settings_replicas():
        # Best effort: a replica that cannot be placed yet must not fail the rebuild.
        es.options(ignore_status=408).cluster.health(
            index=name, wait_for_status="green", timeout="120s"
        )


def bulk_load(rows: Iterable[tuple[str, dict]], *, index: str, progress=lambda n: None) -> int:
    """Index many documents into ``index`` (a rebuild's new index); returns how many.

    ``rows`` is read in the calling thread (it may query the database, whose connections are
    per thread); up to ``BULK_THREADS`` bulk requests are in flight meanwhile, so reading the
    next chunk overlaps with Elasticsearch indexing the previous ones.
    """
    es = client().options(request_timeout=120)
    in_flight: deque[Future] = deque()
    done = 0

    def settle(future: Future) -> None:
        nonlocal done
        sent, errors = future.result()
        if errors:
            raise BackendUnavailable(f"{len(errors)} document(s) rejected: {errors[:1]}")
        done += sent
        progress(sent)

    with ThreadPoolExecutor(max_workers=BULK_THREADS) as pool:
        for chunk in _chunked(rows, BULK_CHUNK):
            actions = [
                {"_op_type": "index", "_index": index, "_id": key, **SearchDoc.prepare(key, data)}
                for key, data in chunk
            ]
            in_flight.append(
                pool.submit(bulk, es, actions, chunk_size=BULK_CHUNK, raise_on_error=False)
            )
            while len(in_flight) > BULK_THREADS:
                settle(in_flight.popleft())
        while in_flight:
            settle(in_flight.popleft())
    return done


def _chunked(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_known_aliases: set[tuple[str, str]] = set()


def ensure_alias() -> str:
    """Create a first index behind the alias when there is none; return the alias.

    Remembered per process once seen, so a search costs one request, not two.
    """
    alias = alias_name()
    known = (settings.ELASTICSEARCH_URL, alias)
    if known in _known_aliases:
        return alias
    es = client()
    if not es.indices.exists_alias(name=alias):
        name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}"
        create_index(name)
        es.indices.put_alias(index=name, name=alias)
    _known_aliases.add(known)
    return alias


def forget_alias() -> None:
    _known_aliases.discard((settings.ELASTICSEARCH_URL, alias_name()))


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


#: A kind's tie-break step in a public score (scores are sums of weights 1 and 3).
TIE_BOOST = 0.01


def _filtered(query: SearchQuery, words: list[str]) -> Search:
    """The query: words scored in query context, everything else in (cached) filter context."""
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
    must = [_word_query(w) for w in words]
    if query.audience != "public":
        return s.query(Q("bool", must=must))
    return s.query(Q("bool", must=must, should=_tie_boosts()))


def _tie_boosts() -> list[Q]:
    """Public ties in ``PUBLIC_TIE_ORDER``: a kind adds a boost far below the smallest weight
    (1), so it orders only hits that score alike, as the database backend's second sort key
    does. A boost, not a sort: it reads no doc values (see :func:`_search`)."""
    last = len(PUBLIC_TIE_ORDER) - 1
    return [
        Q("constant_score", filter=Q("term", kind=kind), boost=TIE_BOOST * (last - i))
        for i, kind in enumerate(PUBLIC_TIE_ORDER[:last])
    ]


def _preference(query: SearchQuery) -> str:
    """The same query always goes to the same shard copies (Elasticsearch's ``preference``).

    Why: ties in score are ordered by position in the shard copy, which differs between a
    primary and its replica, so the pages of one query must come from one copy; and the shard
    request cache that answers repeated facet counts lives per copy.
    """
    filters = ",".join(f"{name}={value}" for name, value in query.filters)
    return (
        f"q:{query.audience}:{query.text}:{filters}:{query.kinds}:{query.pathway_id}:{query.year}"
    )


def _search(query: SearchQuery, words: list[str]) -> MultiSearch:
    """Two searches in one round trip: the page of hits, and the facet counts with the total.

    Why split: the counts request has ``size=0``, so Elasticsearch's shard request cache can
    answer it again (paging, the same facets, repeated queries) until the next refresh.

    Why the hits are sorted by score alone: prefix queries score by constant boosts, so most
    matches tie; a secondary sort key made every tied match read that key's doc values, which
    cost +50 % latency at 1,000,000 passages (p95 36 -> 63 ms, see docs/search.md). Ties keep
    the shard's document order, which is stable between refreshes, and new documents join the
    end of their score group instead of moving earlier pages.
    """
    base = _filtered(query, words).params(preference=_preference(query))
    start = (query.page - 1) * query.per_page
    hits = base.sort("_score").extra(track_total_hits=False)
    hits = hits.source(excludes=SOURCE_EXCLUDES)[start : start + query.per_page]
    counts = base.extra(size=0, track_total_hits=True).params(request_cache=True)
    for name in query.facet_names:
        counts.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=100)
    return MultiSearch(using=client(), index=alias_name()).add(hits).add(counts)


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
        try:
            response, counted = _search(query, words).execute()
        except es_exceptions.ApiError as exc:
            if "index_not_found" not in str(exc):
                raise
            forget_alias()  # the index went away (deleted by hand); make a new empty one
            ensure_alias()
            response, counted = _search(query, words).execute()
    except CONNECTION_ERRORS as exc:
        raise BackendUnavailable(str(exc)) from exc
    facets = {}
    for name in query.facet_names:
        buckets = getattr(counted.aggregations, name).buckets
        facets[name] = sorted(
            ((str(b.key), b.doc_count) for b in buckets), key=lambda i: (-i[1], i[0])
        )
    return SearchResult(
        [_hit(h) for h in response],
        counted.hits.total.value,
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
