"""Reads for the search screens (filter choices, index status)."""

from __future__ import annotations

from django.db.models import Count

from .models import Audience, PendingChange, SearchDocument


def search_filter_choices() -> dict:
    """Pathways and years that public documents have, for the filter drop-downs."""
    public = SearchDocument.objects.filter(audience=Audience.PUBLIC)
    pathways = (
        public.exclude(pathway_id=None)
        .values_list("pathway_id", "pathway_title")
        .distinct()
        .order_by("pathway_title")
    )
    years = public.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
    return {"pathways": list(dict(pathways).items()), "years": list(years)}


def search_index_status() -> dict:
    counts = dict(
        SearchDocument.objects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    return {
        "documents": sum(counts.values()),
        "by_kind": counts,
        "pending": PendingChange.objects.count(),
    }
