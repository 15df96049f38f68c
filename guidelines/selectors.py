"""Reads for pathways: version summaries, history, comparisons, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from . import diff
from .models.versions import PathwayChange, PathwayVersion

# Model modules, never the ``guidelines.models`` package: the page models import this module for
# their context, so the page classes are named for type checkers only.
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models.pages import PathwayPage, RevisionProposalPage

PAGE_FIELDS = [
    ("title", _("Tittel")),
    ("target_group", _("Målgruppe")),
    ("introduction", _("Innledning")),
]


def pathway_version_summary(*, pathway: PathwayPage) -> dict:
    versions = list(
        PathwayVersion.objects.filter(pathway_id=pathway.pk)
        .order_by("number")
        .values("number", "published_at")
    )
    if not versions:
        return {
            "number": None,
            "first_published_at": None,
            "last_substantive_change_at": None,
            "count": 0,
        }
    return {
        "number": versions[-1]["number"],
        "first_published_at": versions[0]["published_at"],
        "last_substantive_change_at": versions[-1]["published_at"],
        "count": len(versions),
    }


def pathway_index_entries(*, pathways: Iterable[PathwayPage]) -> list[dict]:
    """The index page's list: each live pathway with its latest public version."""
    pathways = list(pathways)
    latest: dict[int, PathwayVersion] = {}
    for version in PathwayVersion.objects.filter(pathway_id__in=[p.pk for p in pathways]).order_by(
        "number"
    ):
        latest[version.pathway_id] = version
    entries = []
    for pathway in pathways:
        version = latest.get(pathway.pk)
        entries.append({"page": pathway, "version": version})
    return entries


def pathway_versions(*, pathway: PathwayPage) -> list[PathwayVersion]:
    return list(
        PathwayVersion.objects.filter(pathway_id=pathway.pk)
        .select_related("source_proposal")
        .prefetch_related("changes", "theme_links__theme")
        .order_by("-number")
    )


def pathway_changes(*, pathway: PathwayPage) -> list[PathwayChange]:
    return list(PathwayChange.objects.filter(pathway_id=pathway.pk).select_related("version"))


def pathway_version_get(*, pathway: PathwayPage, number: int) -> PathwayVersion | None:
    return PathwayVersion.objects.filter(pathway_id=pathway.pk, number=number).first()


@dataclass
class Comparison:
    old_label: str
    new_label: str
    fields: list
    sections: list[diff.SectionDiff]
    counts: dict


def version_comparison(*, old: PathwayVersion, new: PathwayVersion) -> Comparison:
    sections = diff.compare_sections(old.content.get("body", []), new.content.get("body", []))
    return Comparison(
        old_label=_("Versjon %(n)s") % {"n": old.number},
        new_label=_("Versjon %(n)s") % {"n": new.number},
        fields=diff.compare_fields(old.content, new.content, PAGE_FIELDS),
        sections=sections,
        counts=diff.summarise(sections),
    )


def proposal_base_content(*, proposal: RevisionProposalPage) -> dict:
    """The text in force that the proposal is compared against: the pathway's current version."""
    current = (
        PathwayVersion.objects.filter(pathway_id=proposal.pathway_id).order_by("-number").first()
    )
    return current.content if current else {"title": "", "body": []}


def proposal_comparison(*, proposal: RevisionProposalPage) -> Comparison:
    base = proposal_base_content(proposal=proposal)
    proposed = {
        "title": proposal.title,
        "target_group": proposal.target_group,
        "introduction": proposal.introduction,
        "body": list(proposal.body.raw_data),
    }
    sections = diff.compare_sections(base.get("body", []), proposed["body"])
    return Comparison(
        old_label=_("Gjeldende tekst"),
        new_label=_("Forslag"),
        fields=diff.compare_fields(base, proposed, PAGE_FIELDS[1:]),
        sections=sections,
        counts=diff.summarise(sections),
    )


def pathway_open_proposals(*, pathway: PathwayPage) -> list[RevisionProposalPage]:
    return list(pathway.proposals.live().exclude(adopted_versions__isnull=False))


def recent_changes(*, pathway_id: int | None = None, limit: int = 30) -> list[PathwayVersion]:
    versions = PathwayVersion.objects.select_related("pathway").order_by("-published_at", "-pk")
    if pathway_id is not None:
        versions = versions.filter(pathway_id=pathway_id)
    return list(versions[:limit])


def home_highlights() -> dict:
    return {"recent_versions": recent_changes(limit=5)}
