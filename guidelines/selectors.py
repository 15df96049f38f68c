"""Reads for pathways: version summaries, history, comparisons, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Min
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

    @property
    def changed_field_labels(self) -> list[str]:
        """Fields outside the sections that changed (title, target group, introduction)."""
        return [str(label) for label, _tokens in self.fields]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(section.is_change for section in self.sections)


def version_comparison(*, old: PathwayVersion, new: PathwayVersion) -> Comparison:
    sections = diff.compare_sections(old.content.get("body", []), new.content.get("body", []))
    fields = diff.compare_fields(old.content, new.content, PAGE_FIELDS)
    return Comparison(
        old_label=_("Versjon %(n)s") % {"n": old.number},
        new_label=_("Versjon %(n)s") % {"n": new.number},
        fields=fields,
        sections=sections,
        counts=diff.summarise(sections, fields=fields),
    )


def proposal_adopted_version(*, proposal: RevisionProposalPage) -> PathwayVersion | None:
    """The pathway version the proposal became, once adopted."""
    return proposal.adopted_versions.order_by("number").first()


def proposal_hearing_opened_at(*, proposal: RevisionProposalPage):
    """When the first hearing on the proposal opened, or None.

    Read through the reverse relation the hearings app declares (``hearing_links``), by name, so
    this package does not import the consultations that build on it.
    """
    links = getattr(proposal, "hearing_links", None)
    if links is None:
        return None
    return links.aggregate(opened=Min("hearing__opens_at"))["opened"]


def proposal_base_version(*, proposal: RevisionProposalPage) -> PathwayVersion | None:
    """The version a proposal is read against.

    While open: the version in force now. Once adopted the version in force is the proposal
    itself, so it is read against the version that was in force when its hearing opened (or the
    version it was made from, or the one before the adopted version).
    """
    versions = PathwayVersion.objects.filter(pathway_id=proposal.pathway_id)
    adopted = proposal_adopted_version(proposal=proposal)
    if adopted is None:
        return versions.order_by("-number").first()
    earlier = versions.filter(number__lt=adopted.number).order_by("-number")
    opened = proposal_hearing_opened_at(proposal=proposal)
    at_opening = earlier.filter(published_at__lte=opened).first() if opened else None
    made_from = proposal.base_version if proposal.base_version_id else None
    if made_from is not None and made_from.number >= adopted.number:
        made_from = None
    return at_opening or made_from or earlier.first()


def proposal_base_content(*, proposal: RevisionProposalPage) -> dict:
    """The text the proposal is compared against (see :func:`proposal_base_version`)."""
    base = proposal_base_version(proposal=proposal)
    return base.content if base else {"title": "", "body": []}


def proposal_comparison(
    *, proposal: RevisionProposalPage, base: PathwayVersion | None = None, adopted: bool = False
) -> Comparison:
    """The proposal against the text in force (or, once adopted, the text in force before)."""
    base_content = base.content if base else proposal_base_content(proposal=proposal)
    proposed = {
        "title": proposal.title,
        "target_group": proposal.target_group,
        "introduction": proposal.introduction,
        "body": list(proposal.body.raw_data),
    }
    sections = diff.compare_sections(base_content.get("body", []), proposed["body"])
    fields = diff.compare_fields(base_content, proposed, PAGE_FIELDS[1:])
    return Comparison(
        old_label=_("Tekst før vedtaket") if adopted else _("Gjeldende tekst"),
        new_label=_("Forslag"),
        fields=fields,
        sections=sections,
        counts=diff.summarise(sections, fields=fields),
    )


PROPOSAL_VIEWS = ("endringer", "side-om-side", "forslag", "gjeldende")


def proposal_side_by_side(
    *, proposal: RevisionProposalPage, base_page, comparison: Comparison
) -> list[dict]:
    """Rows of the side-by-side view: each aligned section as proposed and as in force.

    The blocks are the pages' own bound blocks, so each side renders with its usual template.
    """
    proposed = list(proposal.body)
    in_force = list(base_page.body) if base_page is not None else []
    rows = []
    for index, section in enumerate(comparison.sections):
        rows.append(
            {
                "index": index,
                "section": section,
                # Both sides render their block's heading; distinct ids keep them apart.
                "proposed_anchor": f"forslag-{index}",
                "in_force_anchor": f"gjeldende-{index}",
                "proposed": proposed[section.new_position]
                if section.new_position is not None and section.new_position < len(proposed)
                else None,
                "in_force": in_force[section.old_position]
                if section.old_position is not None and section.old_position < len(in_force)
                else None,
            }
        )
    return rows


def proposal_page_context(*, proposal: RevisionProposalPage, view: str) -> dict:
    """What the proposal page shows: the chosen view, the comparison, and after adoption the
    version it became and the version it is read against."""
    view = view if view in PROPOSAL_VIEWS else "endringer"
    adopted = proposal_adopted_version(proposal=proposal)
    base = proposal_base_version(proposal=proposal)
    comparison = proposal_comparison(proposal=proposal, base=base, adopted=adopted is not None)
    base_page = type(proposal.pathway).from_snapshot(base.content) if base else None
    context = {
        "view_mode": view,
        "comparison": comparison,
        "adopted_version": adopted,
        "base_version": base,
        "base_page": base_page,
    }
    if view == "side-om-side":
        context["side_rows"] = proposal_side_by_side(
            proposal=proposal, base_page=base_page, comparison=comparison
        )
    return context


def pathway_open_proposals(*, pathway: PathwayPage) -> list[RevisionProposalPage]:
    return list(pathway.proposals.live().exclude(adopted_versions__isnull=False))


def recent_changes(*, pathway_id: int | None = None, limit: int = 30) -> list[PathwayVersion]:
    versions = PathwayVersion.objects.select_related("pathway").order_by("-published_at", "-pk")
    if pathway_id is not None:
        versions = versions.filter(pathway_id=pathway_id)
    return list(versions[:limit])


def home_highlights() -> dict:
    return {"recent_versions": recent_changes(limit=5)}
