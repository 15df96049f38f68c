"""The query and result types every backend speaks."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Facets shown to the public and to staff, in display order.
PUBLIC_FACETS = ("kind", "pathway", "year")
STAFF_FACETS = ("goal", "theme", "question", "pathway", "category", "stance")

#: Public hits that score alike come in this order of kind: the text in force before proposals,
#: hearings and responses, and superseded versions last. Why: scores are sums of constant
#: title/body weights, so most matches tie, and ties otherwise follow indexing order, which put
#: a pathway's old versions above the pathway itself. Staff search keeps indexing order (it is
#: sorted over up to a million passages, where a second sort key costs; docs/search.md).
PUBLIC_TIE_ORDER = ("pathway", "proposal", "hearing", "response", "version")


@dataclass(frozen=True)
class SearchQuery:
    text: str
    audience: str
    kinds: tuple[str, ...] = ()
    pathway_id: int | None = None
    year: int | None = None
    filters: tuple[tuple[str, str], ...] = ()  # (facet, value) pairs, e.g. ("goal", "G3")
    page: int = 1
    per_page: int = 10
    facet_names: tuple[str, ...] = PUBLIC_FACETS


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    body: str
    score: float
    pathway_title: str = ""
    year: int | None = None
    facets: dict = field(default_factory=dict)
    snippet: str = ""


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int
    backend: str
    degraded: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class BackendUnavailable(Exception):
    """The engine cannot be reached; the service falls back and reports degraded mode."""
