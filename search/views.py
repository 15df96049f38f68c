"""The public search page (/sok/) and the staff search in the admin."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hearings.models import Category, Stance

from . import service
from .backends.base import STAFF_FACETS
from .forms import PublicSearchForm
from .models import Kind
from .selectors import search_filter_choices

KIND_LABELS = dict(Kind.choices)
FACET_LABELS = {
    "kind": gettext_lazy("Type innhold"),
    "pathway": gettext_lazy("Pasientforløp"),
    "year": gettext_lazy("År"),
    "goal": gettext_lazy("Mål"),
    "theme": gettext_lazy("Tema"),
    "question": gettext_lazy("Spørsmål"),
    "category": gettext_lazy("Kategori"),
    "stance": gettext_lazy("Standpunkt"),
}


# Facets whose stored values are codes; staff read the labels the respondent chose from.
FACET_VALUE_LABELS = {
    "kind": KIND_LABELS,
    "category": dict(Category.choices),
    "stance": dict(Stance.choices),
}


def facet_value_label(name: str, value: str) -> str:
    """A facet value as people read it ("Brukerorganisasjon", "Vet ikke"), not as indexed."""
    return str(FACET_VALUE_LABELS.get(name, {}).get(value, value))


def _grouped(hits) -> list[dict]:
    """Hits of the page grouped by kind, groups in the order of their best hit."""
    groups: dict[str, list] = {}
    for hit in hits:
        groups.setdefault(hit.kind, []).append(hit)
    return [{"kind": k, "label": KIND_LABELS.get(k, k), "hits": v} for k, v in groups.items()]


def _page_links(request, result) -> list[dict]:
    params = request.GET.copy()
    links = []
    for number in range(1, result.pages + 1):
        if abs(number - result.page) > 3 and number not in (1, result.pages):
            continue
        params["page"] = number
        links.append({"number": number, "url": "?" + params.urlencode()})
    return links


def public_search(request):
    choices = search_filter_choices()
    form = PublicSearchForm(
        request.GET or None,
        pathways=[(str(pk), title) for pk, title in choices["pathways"]],
        years=[str(y) for y in choices["years"]],
    )
    context = {"form": form, "result": None, "message": None, "kind_labels": KIND_LABELS}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = data["q"]
        if form.too_long:
            context["notice"] = _(
                "Søket var svært langt. Vi har søkt på de første %(n)s tegnene."
            ) % {"n": service.MAX_QUERY_LENGTH}
        if not query:
            context["message"] = _("Skriv inn ett eller flere søkeord.")
        elif not service.has_words(query):
            context["message"] = _(
                "Søket inneholder ingen ord vi kan søke etter. Prøv med bokstaver eller tall."
            )
        else:
            result = service.search_public(
                query,
                kinds=data["kind"],
                pathway=data["pathway"],
                year=data["year"],
                page=data["page"] or 1,
            )
            context.update(
                result=result,
                groups=_grouped(result.hits),
                page_links=_page_links(request, result),
                facets=_public_facets(request, result.facets, choices["pathways"]),
            )
            if not result.total:
                context["message"] = _("Ingen treff på «%(q)s».") % {"q": query}
    if form.is_bound and form.is_valid():
        context["active_filters"] = _active_filters(request, form.cleaned_data, choices)
    status = 200 if not form.is_bound or form.is_valid() else 400
    return render(request, "search/search_page.html", context, status=status)


def _toggled(request, name: str, value: str) -> str:
    """The current search with one filter value switched on or off (back to the first page)."""
    params = request.GET.copy()
    params.pop("page", None)
    current = params.getlist(name)
    if value in current:
        params.setlist(name, [v for v in current if v != value])
    elif name == "kind":
        params.setlist(name, [*current, value])
    else:
        params.setlist(name, [value])
    return "?" + params.urlencode()


def _public_facets(request, facets: dict, pathways: list) -> list[dict]:
    """The facets of the public search as filters: each value a link that applies or removes it.

    The pathway facet counts titles; the filter takes the pathway's id.
    """
    ids_by_title = {title: str(pk) for pk, title in pathways}
    result = []
    for name, values in facets.items():
        links = []
        for value, count in values:
            param = ids_by_title.get(value) if name == "pathway" else str(value)
            if not param:
                continue
            label = KIND_LABELS.get(value, value) if name == "kind" else value
            selected = param in request.GET.getlist(name)
            links.append(
                {
                    "label": label,
                    "count": count,
                    "url": _toggled(request, name, param),
                    "selected": selected,
                }
            )
        if links:
            result.append({"name": name, "label": FACET_LABELS[name], "values": links})
    return result


def _active_filters(request, data: dict, choices: dict) -> list[dict]:
    """Filters in force, each with a link that removes it (shown even when nothing matched)."""
    titles = {pk: title for pk, title in choices["pathways"]}
    active = [
        {"label": KIND_LABELS.get(k, k), "url": _toggled(request, "kind", k)}
        for k in data.get("kind") or []
    ]
    if data.get("pathway"):
        label = titles.get(data["pathway"], data["pathway"])
        active.append({"label": label, "url": _toggled(request, "pathway", str(data["pathway"]))})
    if data.get("year"):
        active.append({"label": data["year"], "url": _toggled(request, "year", str(data["year"]))})
    return active


class StaffSearchView(WagtailAdminTemplateMixin, TemplateView):
    """Passages and responses, unpublished included, with facets and counts."""

    template_name = "search/admin_search.html"
    page_title = gettext_lazy("Søk i innspill")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        # Without its own crumb the slim header showed only "Hjem" as the page's heading.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not service.can_search_feedback(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query = service.clean_query(request.GET.get("q", ""))
        kind = request.GET.get("type", Kind.PASSAGE)
        kinds = (kind,) if kind in service.STAFF_KINDS else (Kind.PASSAGE,)
        filters = {name: request.GET.get(name, "") for name in STAFF_FACETS}
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        context.update(query=query, kind=kinds[0], filters=filters, result=None)
        similar_to = request.GET.get("like")
        if similar_to and similar_to.isdigit():
            hits, degraded = service.more_like_this(int(similar_to), user=request.user)
            for hit in hits:
                hit.snippet = hit.body[:300]
            context.update(similar=hits, similar_to=similar_to, degraded=degraded)
        elif query and service.has_words(query):
            result = service.search_feedback(
                query, filters=filters, user=request.user, kinds=kinds, page=page
            )
            params = request.GET.copy()
            facets = []
            for name, values in result.facets.items():
                links = []
                for value, n in values:
                    params[name] = value
                    params["page"] = 1
                    links.append(
                        {
                            "value": facet_value_label(name, value),
                            "count": n,
                            "url": "?" + params.urlencode(),
                        }
                    )
                params[name] = filters.get(name, "")
                facets.append({"name": name, "label": FACET_LABELS[name], "values": links})
            for hit in result.hits:
                hit.facet_labels = [
                    (FACET_LABELS.get(name, name), [facet_value_label(name, v) for v in values])
                    for name, values in hit.facets.items()
                    if values
                ]
            context.update(
                result=result,
                facets=facets,
                degraded=result.degraded,
                page_links=_page_links(request, result),
                active_filters=[
                    (FACET_LABELS[k], facet_value_label(k, v)) for k, v in filters.items() if v
                ],
            )
        return context
