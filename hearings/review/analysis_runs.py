"""Staff screens for the analysis: runs per hearing with progress, and the button that starts one.

The work itself runs as a background task (``hearings.tasks.analyse_hearing``); these views only
queue it and show the AnalysisRun rows it keeps up to date. Reviewers (group "Saksbehandler") and
superusers may use them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from hearings.permissions import user_can_review

from .. import tasks
from ..models import AnalysisRun, HearingPage
from ..services.analysis import (
    STAGE_DUPLICATES,
    STAGE_PASSAGES,
    STAGE_THEMES,
    analysis_run_request,
)
from ..services.analysis.runs import STALE_AFTER

STAGE_LABELS = {
    STAGE_PASSAGES: gettext_lazy("Svar: tekstutdrag, mål og personopplysninger"),
    STAGE_THEMES: gettext_lazy("Temaer per mål"),
    STAGE_DUPLICATES: gettext_lazy("Like og nesten like svar"),
}


def _active_run(hearing: HearingPage) -> AnalysisRun | None:
    cutoff = timezone.now() - STALE_AFTER
    for run in hearing.analysis_runs.filter(
        scope=AnalysisRun.Scope.HEARING,
        status__in=[AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING],
    ):
        if (run.heartbeat_at or run.created_at) >= cutoff:
            return run
    return None


def _run_row(run: AnalysisRun) -> dict:
    stale = run.status == AnalysisRun.Status.RUNNING and (
        (run.heartbeat_at or run.created_at) < timezone.now() - STALE_AFTER
    )
    return {
        "run": run,
        "stage_label": STAGE_LABELS.get(run.stage, run.stage),
        "stale": stale,
    }


class AnalysisAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_review(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnalysisIndexView(AnalysisAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every hearing with its latest analysis run."""

    template_name = "hearings/admin/analysis/index.html"
    page_title = gettext_lazy("Analyse av høringssvar")
    header_icon = "pick"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for hearing in HearingPage.objects.order_by("-deadline"):
            latest = hearing.analysis_runs.filter(scope=AnalysisRun.Scope.HEARING).first()
            rows.append({"hearing": hearing, "latest": _run_row(latest) if latest else None})
        context["rows"] = rows
        return context


class HearingAnalysisView(AnalysisAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """One hearing's runs with progress, and the buttons that queue a new run."""

    template_name = "hearings/admin/analysis/hearing.html"
    header_icon = "pick"

    def dispatch(self, request, *args, **kwargs):
        self.hearing = get_object_or_404(HearingPage, pk=kwargs["hearing_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Analyse: %(title)s") % {"title": self.hearing.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("hearings_analysis_index"), "label": _("Analyse av høringssvar")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = list(self.hearing.analysis_runs.select_related("requested_by")[:20])
        context.update(
            hearing=self.hearing,
            runs=[_run_row(run) for run in runs],
            active=_active_run(self.hearing),
            passages=self.hearing.passages.count(),
            responses_analysed=self.hearing.responses.filter(analysis__isnull=False).count(),
            responses_submitted=self.hearing.responses.filter(status="submitted").count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if _active_run(self.hearing) is not None:
            messages.warning(request, _("En analyse av denne høringen er allerede i gang."))
            return redirect("hearings_analysis", hearing_id=self.hearing.pk)
        fresh = request.POST.get("action") == "fresh_themes"
        run = analysis_run_request(hearing=self.hearing, user=request.user, fresh_themes=fresh)
        transaction.on_commit(lambda: _enqueue(run.pk))
        messages.success(
            request,
            _("Ny temainndeling er satt i kø.") if fresh else _("Analysen er satt i kø."),
        )
        return redirect("hearings_analysis", hearing_id=self.hearing.pk)


def _enqueue(run_id: int) -> None:
    try:
        tasks.analyse_hearing.enqueue(run_id)
    except Exception as exc:  # the immediate backend runs the task here; the run row has the error
        AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.QUEUED).update(
            status=AnalysisRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )


def analysis_status(request, hearing_id: int):
    """The latest runs as JSON, so the page can update its progress bars without reloading."""
    if not user_can_review(user=request.user):
        raise PermissionDenied
    hearing = get_object_or_404(HearingPage, pk=hearing_id)
    runs = [
        {
            "id": run.pk,
            "status": run.status,
            "status_label": run.get_status_display(),
            "stage": run.stage,
            "stage_label": str(STAGE_LABELS.get(run.stage, run.stage)),
            "done": run.done,
            "total": run.total,
            "percent": run.percent,
            "error": run.error,
        }
        for run in hearing.analysis_runs.all()[:20]
    ]
    return JsonResponse({"runs": runs, "active": _active_run(hearing) is not None})
