"""What is indexed: one function per source object, each returning the documents it produces.

A *source key* names an object ("page:12", "version:3", "response:7", "passage:42"); a source
produces zero or more documents, each with its own document key. A response produces a staff
document always and a public document only while :func:`response_is_published` holds, so
withholding a response removes its public document on the next index run.

Public response text is built from ``hearings.selectors.response_public_view`` (redactions
applied, contact details never included); staff documents carry the raw text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from django.utils import timezone
from wagtail.models import Page

from guidelines.models import PathwayVersion
from hearings.models import Passage, PublicationChoice, Response, ResponseStatus, ReviewStatus
from hearings.selectors import response_public_view

from .analysis import index_terms
from .models import Audience, Kind

PAGE_KINDS = {
    "pathwaypage": Kind.PATHWAY,
    "revisionproposalpage": Kind.PROPOSAL,
    "hearingpage": Kind.HEARING,
}


def _strings(value) -> Iterator[str]:
    """Every string inside raw StreamField data / JSON, tags stripped."""
    if isinstance(value, str):
        text = html.unescape(re.sub(r"<[^>]*>", " ", value)).strip()
        if text and not re.fullmatch(r"[0-9a-f-]{8,}", text):
            yield text
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"id", "type"}:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _document(
    *, kind, audience, title, body, url, pathway=None, year=None, facets=None, visible_from=None
) -> dict:
    body = re.sub(r"\s+", " ", body).strip()
    return {
        "kind": kind,
        "audience": audience,
        "title": title[:500],
        "body": body,
        "url": url or "",
        "title_terms": index_terms(title),
        "body_terms": index_terms(body),
        "pathway_id": pathway.pk if pathway else None,
        "pathway_title": pathway.title if pathway else "",
        "year": year,
        "facets": facets or {},
        "facet_terms": facet_terms(facets or {}),
        "visible_from": visible_from,
    }


def facet_terms(facets: dict[str, list[str]]) -> str:
    values = [f"{name}={value}" for name, items in facets.items() for value in items]
    return "|" + "|".join(values) + "|" if values else ""


def page_documents(page_id: int) -> dict[str, dict | None]:
    key = f"page:{page_id}"
    page = Page.objects.filter(pk=page_id).specific().first()
    kind = PAGE_KINDS.get(page.specific_class.__name__.lower()) if page else None
    if page is None or kind is None or not page.live or page.get_view_restrictions().exists():
        return {key: None}
    if kind == Kind.PATHWAY:
        pathway = page
        parts = [page.short_name, page.target_group, page.introduction, page.body.get_prep_value()]
    elif kind == Kind.PROPOSAL:
        pathway = page.pathway
        parts = [page.summary, page.target_group, page.introduction, page.body.get_prep_value()]
    else:
        pathway = None
        parts = [page.reference_number, page.hearing_letter]
    published = page.last_published_at or page.first_published_at or timezone.now()
    if kind == Kind.PATHWAY:
        published = _pathway_changed_at(page) or published
    return {
        key: _document(
            kind=kind,
            audience=Audience.PUBLIC,
            title=page.title,
            body=" ".join(_strings(parts)),
            url=page.url or "",
            pathway=pathway,
            year=published.year,
        )
    }


def _pathway_changed_at(pathway):
    """When the pathway's text last changed (a version or an editorial change), not when the page
    was last saved: a re-publish without a change (a demo load, a migration) is no change."""
    dates = [
        pathway.pathway_versions.order_by("-published_at")
        .values_list("published_at", flat=True)
        .first(),
        pathway.pathway_changes.order_by("-published_at")
        .values_list("published_at", flat=True)
        .first(),
    ]
    return max((d for d in dates if d is not None), default=None)


def version_documents(version_id: int) -> dict[str, dict | None]:
    key = f"version:{version_id}"
    version = PathwayVersion.objects.filter(pk=version_id).select_related("pathway").first()
    if (
        version is None
        or not version.pathway.live
        or version.pathway.get_view_restrictions().exists()
    ):
        return {key: None}  # gone, unpublished or behind a login: nothing public
    pathway = version.pathway.specific
    current = pathway.pathway_versions.order_by("-number").values_list("pk", flat=True).first()
    if current == version.pk:
        return {key: None}  # the version in force is searched as the pathway page itself
    content = version.content or {}
    title = f"{content.get('title') or pathway.title} – versjon {version.number}"
    body = " ".join(_strings([content.get(k) for k in ("introduction", "target_group", "body")]))
    return {
        key: _document(
            kind=Kind.VERSION,
            audience=Audience.PUBLIC,
            title=title,
            body=body,
            url=f"{pathway.url}versjoner/{version.number}/" if pathway.url else "",
            pathway=pathway,
            year=version.published_at.year,
        )
    }


def response_is_published(response) -> bool:
    """The rule of ``hearings.selectors.hearing_published_responses`` for one response.

    The deadline part of the rule is applied at query time (``visible_from``), so a response
    approved before the deadline becomes findable when the deadline passes without re-indexing.
    """
    return (
        response.status == ResponseStatus.SUBMITTED
        and response.review_status == ReviewStatus.APPROVED
        and response.publication_choice != PublicationChoice.NONE
    )


def _public_response_body(view: dict) -> str:
    parts = [view["name"], view["category"]]
    for answer in view["answers"]:
        parts += [answer["stance"], answer["text"]["text"]]
    for comment in view["pathway_comments"]:
        parts += [comment["section_heading"], comment["text"]["text"]]
    parts += [view["general_comment"]["text"]]
    return " ".join(p for p in parts if p)


def response_documents(response_id: int) -> dict[str, dict | None]:
    staff_key, public_key = f"response:{response_id}", f"response:{response_id}:public"
    response = (
        Response.objects.filter(pk=response_id)
        .select_related("hearing")
        .prefetch_related("answers__question", "pathway_comments__pathway", "redactions")
        .first()
    )
    if response is None or response.status != "submitted":
        return {staff_key: None, public_key: None}
    hearing = response.hearing
    year = (response.submitted_at or timezone.now()).year
    facets = {"category": [response.category], "hearing": [hearing.title]}
    staff_parts = [response.organisation_name, response.general_comment, response.interests]
    staff_parts += [a.text for a in response.answers.all()]
    staff_parts += [c.text for c in response.pathway_comments.all()]
    staff_parts += [response.attachment_text]
    docs = {
        staff_key: _document(
            kind=Kind.RESPONSE,
            audience=Audience.STAFF,
            title=f"{response.display_name} ({response.reference})",
            body=" ".join(p for p in staff_parts if p),
            url=f"/admin/horinger/svar/{response.pk}/",
            year=year,
            facets={**facets, "review_status": [response.review_status]},
        ),
        public_key: None,
    }
    if response_is_published(response):
        view = response_public_view(response=response)
        docs[public_key] = _document(
            kind=Kind.RESPONSE,
            audience=Audience.PUBLIC,
            title=f"{view['name']} – {hearing.title}",
            body=_public_response_body(view),
            url=f"{hearing.url}#svar-{response.reference}" if hearing.url else "",
            year=year,
            facets=facets,
            visible_from=hearing.closes_at,
        )
    return docs


def _passages():
    return (
        Passage.objects.filter(response__status="submitted")
        .select_related("response", "question", "pathway")
        .prefetch_related("goal_labels", "theme_links__theme")
    )


def _passage_document(passage) -> dict:
    goals = sorted({g.goal for g in passage.goal_labels.all() if g.is_effective and g.assigned})
    themes = sorted({str(t.theme) for t in passage.theme_links.all() if t.is_effective})
    facets = {
        "goal": goals,
        "theme": themes,
        "question": [str(passage.question)] if passage.question else [],
        "pathway": [passage.pathway.title] if passage.pathway else [],
        "category": [passage.category] if passage.category else [],
        "stance": [passage.stance] if passage.stance else [],
    }
    response = passage.response
    return _document(
        kind=Kind.PASSAGE,
        audience=Audience.STAFF,
        title=f"{response.display_name} ({response.reference})",
        body=passage.text,
        url=f"/admin/innspill/{passage.hearing_id}/utdrag/{passage.pk}/",
        pathway=passage.pathway,
        year=(response.submitted_at or passage.created_at).year,
        facets=facets,
    )


def passage_documents(passage_id: int) -> dict[str, dict | None]:
    passage = _passages().filter(pk=passage_id).first()
    return {f"passage:{passage_id}": _passage_document(passage) if passage else None}


def passage_documents_batch(ids: list[int]) -> dict[str, dict]:
    """Documents for many passages with a constant number of queries (rebuilds, benchmarks)."""
    return {f"passage:{p.pk}": _passage_document(p) for p in _passages().filter(pk__in=ids)}


BUILDERS = {
    "page": page_documents,
    "version": version_documents,
    "response": response_documents,
    "passage": passage_documents,
}


def documents_for(source_key: str) -> dict[str, dict | None]:
    """Documents for a source key; ``None`` values mean "delete this document"."""
    prefix, _sep, ident = source_key.partition(":")
    return BUILDERS[prefix](int(ident.split(":")[0]))
