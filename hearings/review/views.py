"""Admin screens of the review workspace ("Innspillsanalyse").

Class-based views on Wagtail's admin template mixin so they share its header, breadcrumbs and
styles. They parse input, call selectors and services, and render; no rules live here.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from guidelines.models import PathwayVersion

from ..models import (
    GOAL_CODES,
    GoalLabel,
    HearingPage,
    Passage,
    PassageTheme,
    PersonalDataFlag,
    Response,
    Source,
    Theme,
    ThemeChangeLink,
)
from . import exports, report, selectors, services
from .filters import PassageFilterSet
from .forms import ChangeLinkForm, NoteForm, PassageFilterForm, ThemeMergeForm
from .listing import ReviewListingMixin

PAGE_SIZE = 50


class ReviewerMixin:
    """Only reviewers and superusers; everyone else gets 403 (contact details live here)."""

    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_can_review(user=request.user):
            # A real 403 rather than Wagtail's redirect-with-message: the refusal must be plain.
            return HttpResponseForbidden(
                render_to_string("hearings/review/forbidden.html", request=request)
            )
        if "hearing_id" in kwargs:
            self.hearing = get_object_or_404(HearingPage, pk=kwargs["hearing_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("hearing_review:index"), "label": _("Innspillsanalyse")}]
        if getattr(self, "hearing", None):
            items.append(
                {
                    "url": reverse("hearing_review:overview", args=[self.hearing.pk]),
                    "label": self.hearing.title,
                }
            )
        return self.breadcrumbs_items + items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if getattr(self, "hearing", None):
            context["hearing"] = self.hearing
            context["goals"] = GOAL_CODES
        return context


class ReviewerView(ReviewerMixin, WagtailAdminTemplateMixin, TemplateView):
    pass


class IndexView(ReviewerView):
    template_name = "hearings/review/index.html"
    page_title = gettext_lazy("Innspillsanalyse")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.review_hearings()
        return context


class OverviewView(ReviewerView):
    template_name = "hearings/review/overview.html"

    def get_page_title(self):
        return _("Oversikt")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        h = self.hearing
        by_day = selectors.response_counts_by_day(hearing=h)
        by_category = selectors.response_counts_by_category(hearing=h)
        peak = max((r["n"] for r in by_day), default=0) or 1
        for i, row in enumerate(by_day):
            row["height"] = round(100 * row["n"] / peak)
            row["y"] = 100 - row["height"]
            row["x"] = i * 10 + 1
        context.update(
            totals=selectors.response_totals(hearing=h),
            by_day=by_day,
            by_day_width=max(10, 10 * len(by_day)),
            by_category=by_category,
            by_category_max=max((r["n"] for r in by_category), default=0),
            stance=selectors.stance_counts(hearing=h),
            stance_per_pathway=selectors.stance_counts_per_pathway(hearing=h),
            matrix=selectors.goal_question_matrix(hearing=h),
            progress=selectors.review_progress(hearing=h),
            comparable=selectors.comparable_hearings(hearing=h),
        )
        return context


class GoalView(ReviewerView):
    template_name = "hearings/review/goal.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["goal"] not in GOAL_CODES:
            raise Http404
        self.goal = kwargs["goal"]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.goal} {selectors.goal_titles()[self.goal]}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes = selectors.goal_themes(hearing=self.hearing, goal=self.goal)
        all_themes = [row["theme"] for row in themes]
        for row in themes:
            row["merge_form"] = ThemeMergeForm(themes=all_themes, exclude=row["theme"].pk)
        context.update(
            goal=self.goal,
            themes=themes,
            theme_max=max((r["size"] for r in themes), default=0),
            stance_by_category=selectors.goal_stance_by_category(
                hearing=self.hearing, goal=self.goal
            ),
            errors=kwargs.get("errors", {}),
        )
        return context

    def post(self, request, *args, **kwargs):
        theme = get_object_or_404(Theme, pk=request.POST.get("theme"), hearing_id=self.hearing.pk)
        try:
            if request.POST.get("action") == "rename":
                services.theme_rename(
                    theme=theme, label=request.POST.get("label", ""), user=request.user
                )
                messages.success(request, _("Temaet har fått nytt navn."))
            elif request.POST.get("action") == "merge":
                form = ThemeMergeForm(
                    request.POST,
                    themes=selectors.current_themes(hearing=self.hearing, goal=self.goal),
                    exclude=theme.pk,
                )
                if not form.is_valid():
                    raise ValidationError({"target": _("Velg et tema å slå sammen med.")})
                target = get_object_or_404(
                    Theme, pk=form.cleaned_data["target"], hearing_id=self.hearing.pk
                )
                services.theme_merge(source=theme, target=target, user=request.user)
                messages.success(request, _("Temaene er slått sammen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            context = self.get_context_data(
                errors={theme.pk: error.messages, "typed": request.POST.get("label", "")}
            )
            return self.render_to_response(context)
        return redirect("hearing_review:goal", hearing_id=self.hearing.pk, goal=self.goal)


class PassageListView(ReviewerMixin, ReviewListingMixin, BaseListingView):
    """The hearing's passages, filtered, page by page, exportable; ``queue`` presets the filters."""

    template_name = "hearings/review/passages.html"
    queue = False
    paginate_by = PAGE_SIZE
    filterset_class = PassageFilterSet
    list_export = [
        "id",
        "response",
        "category",
        "question",
        "stance",
        "source",
        "text",
        "goals",
        "machine_goals",
        "themes",
        "confidence",
        "read",
        "flagged",
        "evidence",
        "not_relevant",
        "reviewed_by",
        "reviewed_at",
    ]
    # The columns and headings of the passage file of exports.passages_table.
    export_headings = {
        "id": gettext_lazy("Utdrag-id"),
        "response": gettext_lazy("Svar"),
        "category": gettext_lazy("Kategori"),
        "question": gettext_lazy("Spørsmål"),
        "stance": gettext_lazy("Standpunkt"),
        "source": gettext_lazy("Kilde"),
        "text": gettext_lazy("Tekst"),
        "goals": gettext_lazy("Mål (gjeldende)"),
        "machine_goals": gettext_lazy("Mål (maskin)"),
        "themes": gettext_lazy("Tema"),
        "confidence": gettext_lazy("Sikkerhet"),
        "read": gettext_lazy("Lest"),
        "flagged": gettext_lazy("Flagget"),
        "evidence": gettext_lazy("Godt begrunnet"),
        "not_relevant": gettext_lazy("Ikke relevant"),
        "reviewed_by": gettext_lazy("Gjennomgått av"),
        "reviewed_at": gettext_lazy("Gjennomgått"),
    }

    def get_page_title(self):
        return _("Kø: minst sikre først") if self.queue else _("Tekstutdrag")

    def get_filename(self):
        return f"{slugify(self.hearing.slug)}-utdrag"

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        if self.queue:
            data.setdefault("reviewed", "nei")
            data.setdefault("relevant", "ja")
            data.setdefault("order", "confidence")
        return {**super().get_filterset_kwargs(), "data": data, "hearing": self.hearing}

    def get_base_queryset(self):
        return Passage.objects.filter(hearing_id=self.hearing.pk).select_related(
            "response", "question"
        )

    def get_export_queryset(self):
        return (
            super()
            .get_export_queryset()
            .select_related("reviewed_by")
            .prefetch_related(
                Prefetch("goal_labels", queryset=GoalLabel.objects.order_by("goal")),
                Prefetch(
                    "theme_links",
                    queryset=PassageTheme.objects.filter(is_effective=True).select_related("theme"),
                ),
            )
        )

    def to_row_dict(self, item):
        labels = list(item.goal_labels.all())
        yes = _("ja")
        return {
            "id": item.pk,
            "response": item.response.reference,
            "category": item.category,
            "question": item.question.code if item.question else "",
            "stance": item.stance,
            "source": item.get_source_display(),
            "text": item.text,
            "goals": ", ".join(g.goal for g in labels if g.is_effective and g.assigned),
            "machine_goals": ", ".join(
                g.goal for g in labels if g.source == Source.MACHINE and g.assigned
            ),
            "themes": "; ".join(f"{t.goal}: {t.theme.label}" for t in item.theme_links.all()),
            "confidence": round(item.confidence, 3),
            "read": yes if item.is_read else "",
            "flagged": yes if item.is_flagged else "",
            "evidence": yes if item.is_evidence_rich else "",
            "not_relevant": yes if item.not_relevant else "",
            "reviewed_by": item.reviewed_by.get_username() if item.reviewed_by else "",
            "reviewed_at": (
                localtime(item.reviewed_at).strftime("%Y-%m-%d %H:%M") if item.reviewed_at else ""
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.filters.form,
            rows=selectors.passage_list_rows(passages=list(context["object_list"])),
            queue=self.queue,
            next_url=self.request.get_full_path(),
        )
        return context


class PassageDetailView(ReviewerView):
    template_name = "hearings/review/passage.html"

    def get_passage(self) -> Passage:
        return get_object_or_404(
            Passage.objects.select_related("response", "question", "pathway", "reviewed_by"),
            pk=self.kwargs["passage_id"],
            hearing_id=self.hearing.pk,
        )

    def get_page_title(self):
        return _("Tekstutdrag %(id)s") % {"id": self.kwargs["passage_id"]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        passage = self.get_passage()
        goals = selectors.passage_goals(passage=passage)
        for row in goals:
            row["theme"] = selectors.passage_theme(passage=passage, goal=row["goal"])
            row["themes"] = selectors.current_themes(hearing=self.hearing, goal=row["goal"])
        in_context = selectors.passage_in_context(passage=passage)
        context.update(
            passage=passage,
            stance_label=selectors.stance_label(value=passage.stance),
            response=passage.response,
            context=in_context,
            evidence_segments=selectors.passage_evidence_segments(
                text=in_context["passage"], goal_rows=goals
            ),
            goal_rows=goals,
            answers=passage.response.answers.select_related("question").order_by(
                "question__sort_order"
            ),
            comments=passage.response.pathway_comments.select_related("pathway"),
            notes=passage.notes.select_related("author"),
            note_form=NoteForm(),
            next_url=_safe_next(self.request.GET.get("next", "")),
            history=selectors.passage_history(passage=passage),
        )
        return context

    def post(self, request, *args, **kwargs):
        passage = self.get_passage()
        action = request.POST.get("action", "")
        user = request.user
        try:
            if action == "goal":
                services.passage_goal_set(
                    passage=passage,
                    goal=request.POST.get("goal", ""),
                    assigned=request.POST.get("assigned") == "1",
                    user=user,
                )
                messages.success(request, _("Målet er endret."))
            elif action == "confirm":
                services.passage_goal_confirm(passage=passage, user=user)
                messages.success(request, _("Utdraget er markert som gjennomgått."))
            elif action == "theme":
                theme = get_object_or_404(
                    Theme, pk=request.POST.get("theme"), hearing_id=self.hearing.pk
                )
                services.passage_theme_move(passage=passage, theme=theme, user=user)
                messages.success(
                    request, _("Utdraget er flyttet til «%(t)s».") % {"t": theme.label}
                )
            elif action in services.TRIAGE_FIELDS:
                services.passage_triage(
                    passage=passage, user=user, **{action: request.POST.get("value") == "1"}
                )
                messages.success(request, _("Lagret."))
            elif action == "note":
                services.review_note_add(
                    hearing=self.hearing,
                    passage=passage,
                    user=user,
                    text=request.POST.get("text", ""),
                )
                messages.success(request, _("Notatet er lagret."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        url = reverse("hearing_review:passage", args=[self.hearing.pk, passage.pk])
        if _safe_next(request.POST.get("next", "")):
            url += "?" + urlencode({"next": request.POST["next"]})
        return redirect(url)


def _safe_next(url: str) -> str:
    """Only links back into the admin; anything else (other hosts, javascript:) is dropped."""
    return url if url.startswith("/admin/") and not url.startswith("//") else ""


class AgreementView(ReviewerView):
    template_name = "hearings/review/agreement.html"

    def get_page_title(self):
        return _("Enighet mellom maskin og saksbehandlere")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.machine_agreement(hearing=self.hearing)
        context["progress"] = selectors.review_progress(hearing=self.hearing)
        return context


class CompareView(ReviewerView):
    template_name = "hearings/review/compare.html"

    def get_page_title(self):
        return _("Sammenlign høringsrunder")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        others = selectors.comparable_hearings(hearing=self.hearing)
        other_id = self.request.GET.get("med", "")
        other = next(
            (o for o in others if str(o.pk) == other_id),
            selectors.default_comparison(hearing=self.hearing, others=others),
        )
        goal = self.request.GET.get("mal") if self.request.GET.get("mal") in GOAL_CODES else "G1"
        themed = selectors.hearings_with_themes(hearings=[*others, self.hearing])
        titles = selectors.goal_titles()
        context.update(
            others=others,
            other=other,
            goal=goal,
            titles=titles,
            goal_title=titles.get(goal, ""),
            goal_options=[(code, titles.get(code, "")) for code in GOAL_CODES],
            themed=themed,
            other_has_themes=bool(other) and other.pk in themed,
        )
        if other:
            earlier, later = sorted([other, self.hearing], key=lambda h: h.deadline)
            context.update(
                earlier=earlier,
                later=later,
                comparison=selectors.compare_rounds(earlier=earlier, later=later, goal=goal),
            )
        return context


class ScreeningView(ReviewerView):
    """Personal-data flags of one response: accept (redact) or dismiss before approving it."""

    template_name = "hearings/review/screening.html"

    def dispatch(self, request, *args, **kwargs):
        self.response_obj = get_object_or_404(
            Response.objects.select_related("hearing"), pk=kwargs["response_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Personvernsjekk av %(ref)s") % {"ref": self.response_obj.reference}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["response"] = self.response_obj
        context["flags"] = selectors.response_flags(response=self.response_obj)
        context["open_count"] = sum(
            1
            for row in context["flags"]
            if row["flag"].decision == PersonalDataFlag.Decision.PROPOSED
        )
        return context

    def post(self, request, *args, **kwargs):
        flag = get_object_or_404(
            PersonalDataFlag, pk=request.POST.get("flag"), response=self.response_obj
        )
        try:
            if request.POST.get("action") == "accept":
                start, end = request.POST.get("start", ""), request.POST.get("end", "")
                near = request.POST.get("near", "")
                services.personal_data_flag_accept(
                    flag=flag,
                    user=request.user,
                    start=int(start) if start.isdigit() else None,
                    end=int(end) if end.isdigit() else None,
                    passage=request.POST.get("passage", "")[:2000],
                    near=int(near) if near.isdigit() else None,
                )
                messages.success(request, _("Teksten er sladdet."))
            else:
                services.personal_data_flag_dismiss(flag=flag, user=request.user)
                messages.success(request, _("Forslaget er avvist."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("hearing_review:screening", response_id=self.response_obj.pk)


class ScreeningListView(ReviewerView):
    template_name = "hearings/review/screening_list.html"

    def get_page_title(self):
        return _("Personvernsjekk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["responses"] = selectors.responses_with_open_flags(hearing=self.hearing)
        return context


class ChangeLinksView(ReviewerView):
    """Link themes to the sections an adopted version changed ("Endret som følge av innspill")."""

    template_name = "hearings/review/changes.html"

    def get_page_title(self):
        return _("Endret som følge av innspill")

    def form(self, data=None):
        return ChangeLinkForm(
            data,
            themes=selectors.current_themes(hearing=self.hearing).order_by("goal", "label"),
            versions=selectors.hearing_adopted_versions(hearing=self.hearing),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.form()
        context["links"] = selectors.hearing_change_links(hearing=self.hearing)
        context["versions"] = selectors.hearing_adopted_versions(hearing=self.hearing)
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "delete":
            link = get_object_or_404(
                ThemeChangeLink, pk=request.POST.get("link"), theme__hearing_id=self.hearing.pk
            )
            services.theme_change_link_delete(link=link, user=request.user)
            messages.success(request, _("Koblingen er fjernet."))
            return redirect("hearing_review:changes", hearing_id=self.hearing.pk)
        form = self.form(request.POST)
        if form.is_valid():
            theme = get_object_or_404(
                Theme, pk=form.cleaned_data["theme"], hearing_id=self.hearing.pk
            )
            version_id, _sep, section_id = form.cleaned_data["target"].partition("|")
            version = get_object_or_404(PathwayVersion, pk=version_id)
            heading = dict(selectors.version_sections(version=version)).get(section_id, "")
            try:
                services.theme_change_link_create(
                    theme=theme,
                    version=version,
                    section_id=section_id,
                    section_heading=heading,
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
                messages.success(request, _("Temaet er knyttet til endringen."))
                return redirect("hearing_review:changes", hearing_id=self.hearing.pk)
            except ValidationError as error:
                form.add_error(None, error)
        return self.render_to_response(self.get_context_data(form=form))


class ExportView(ReviewerView):
    def get(self, request, *args, **kwargs):
        kind, fmt = kwargs["kind"], kwargs["fmt"]
        if kind not in ("svar", "utdrag", "tall") or fmt not in ("csv", "xlsx"):
            raise Http404
        filters = (
            PassageFilterForm(request.GET, hearing=self.hearing).filters() if request.GET else {}
        )
        body, content_type = exports.export(
            hearing=self.hearing, kind=kind, fmt=fmt, filters=filters, user=request.user
        )
        response = HttpResponse(body, content_type=content_type)
        name = f"{slugify(self.hearing.slug)}-{kind}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportView(ReviewerView):
    template_name = "hearings/review/report.html"

    def get_page_title(self):
        return _("Oppsummering av høringsinnspill")

    def get(self, request, *args, **kwargs):
        fmt = kwargs.get("fmt")
        if fmt == "pdf":
            response = HttpResponse(
                report.render_pdf(hearing=self.hearing), content_type="application/pdf"
            )
        elif fmt == "docx":
            response = HttpResponse(
                report.render_docx(hearing=self.hearing),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        elif fmt is None:
            return super().get(request, *args, **kwargs)
        else:
            raise Http404
        response["Content-Disposition"] = (
            f'attachment; filename="oppsummering-{self.hearing.slug}.{fmt}"'
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report_html"] = report.render_html(hearing=self.hearing, fragment=True)
        return context
