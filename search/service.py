"""The search service: one interface, the backend chosen by settings.

``search_public`` serves ``/sok/``; ``search_feedback`` serves the staff search in the admin;
``more_like_this`` finds passages similar to one passage. With ``SEARCH_BACKEND =
"elasticsearch"`` the Elasticsearch backend answers; when it cannot be reached the database
backend answers instead and the result says ``degraded`` so the page can tell the user.
"""

from __future__ import annotations

import logging

from django.conf import settings

from hearings.permissions import user_can_review

from .analysis import highlight, query_words
from .backends import database
from .backends.base import (
    PUBLIC_FACETS,
    STAFF_FACETS,
    BackendUnavailable,
    Hit,
    SearchQuery,
    SearchResult,
)
from .models import Audience, Kind

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PUBLIC_PER_PAGE = 10
STAFF_PER_PAGE = 20
PUBLIC_KINDS = (Kind.PATHWAY, Kind.VERSION, Kind.PROPOSAL, Kind.HEARING, Kind.RESPONSE)
STAFF_KINDS = (Kind.PASSAGE, Kind.RESPONSE)


def active_backend() -> str:
    if settings.SEARCH_BACKEND == "elasticsearch" and settings.ELASTICSEARCH_URL:
        return "elasticsearch"
    return "database"


def _engine():
    if active_backend() == "elasticsearch":
        # lazy: the Elasticsearch client is loaded only when that backend is configured.
        from .backends import elasticsearch

        return elasticsearch
    return database


def _run(query: SearchQuery) -> SearchResult:
    engine = _engine()
    try:
        result = engine.search(query)
    except BackendUnavailable as exc:
        logger.warning("search degraded, falling back to the database: %s", exc)
        result = database.search(query)
        result.degraded = True
    for hit in result.hits:
        hit.snippet, _matched = highlight(hit.body, query.text)
    return result


def clean_query(text: str) -> str:
    """The query as searched: whitespace collapsed and cut at MAX_QUERY_LENGTH characters."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def search_public(
    query: str,
    *,
    kinds: list[str] | tuple[str, ...] = (),
    pathway: int | None = None,
    year: int | None = None,
    page: int = 1,
    per_page: int = PUBLIC_PER_PAGE,
) -> SearchResult:
    """Everything public: pages in force, older versions, proposals, hearings, published
    responses (never unpublished feedback, never contact details)."""
    kinds = tuple(k for k in kinds if k in PUBLIC_KINDS)
    return _run(
        SearchQuery(
            text=clean_query(query),
            audience=Audience.PUBLIC,
            kinds=kinds,
            pathway_id=pathway,
            year=year,
            page=max(1, page),
            per_page=per_page,
            facet_names=PUBLIC_FACETS,
        )
    )


def can_search_feedback(user) -> bool:
    """Feedback search is for the same people as the review workspace."""
    return user_can_review(user=user)


def search_feedback(
    query: str,
    *,
    filters: dict[str, str] | None = None,
    user,
    kinds: tuple[str, ...] = (Kind.PASSAGE,),
    page: int = 1,
    per_page: int = STAFF_PER_PAGE,
) -> SearchResult:
    """All passages and responses, unpublished included: reviewers and superusers only."""
    if not can_search_feedback(user):
        raise PermissionError("search_feedback is for reviewers")
    filters = {k: v for k, v in (filters or {}).items() if k in STAFF_FACETS and v}
    return _run(
        SearchQuery(
            text=clean_query(query),
            audience=Audience.STAFF,
            kinds=tuple(k for k in kinds if k in STAFF_KINDS),
            filters=tuple(sorted(filters.items())),
            page=max(1, page),
            per_page=per_page,
            facet_names=STAFF_FACETS,
        )
    )


def more_like_this(passage_id: int, *, user, size: int = 10) -> tuple[list[Hit], bool]:
    """Passages similar to one passage; returns (hits, degraded)."""
    if not can_search_feedback(user):
        raise PermissionError("more_like_this is for reviewers")
    key = f"passage:{passage_id}"
    engine = _engine()
    try:
        return engine.more_like_this(key, size=size), False
    except BackendUnavailable:
        return database.more_like_this(key, size=size), True


def passage_ids_matching(query: str, *, hearing_id: int, user) -> list[int]:
    """Ids of every passage of one hearing that matches ``query`` (reviewers only).

    Same analysis as the staff search ("ventetider" finds "ventetid"), but never cut to a page
    and never degraded: it reads the database copy of the index, which every change reaches
    first, whichever backend serves the search pages.
    """
    return sorted(passage_ids_query(query, hearing_id=hearing_id, user=user))


def passage_ids_query(query: str, *, hearing_id: int, user):
    """:func:`passage_ids_matching` as a lazy query of ids, for ``pk__in`` in the database."""
    if not can_search_feedback(user):
        raise PermissionError("passage_ids_matching is for reviewers")
    return database.passage_ids_in_hearing(clean_query(query), hearing_id=hearing_id)


def has_words(query: str) -> bool:
    return bool(query_words(query))
