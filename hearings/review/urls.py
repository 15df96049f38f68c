"""Admin URLs of the review workspace, included under /admin/innspill/ by the hearings hooks."""

from django.urls import path

import cms.converters  # noqa: F401 - registers the <id:...> URL converter

from . import letters, views

app_name = "hearing_review"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<id:hearing_id>/", views.OverviewView.as_view(), name="overview"),
    path("<id:hearing_id>/mal/<str:goal>/", views.GoalView.as_view(), name="goal"),
    path("<id:hearing_id>/utdrag/", views.PassageListView.as_view(), name="passages"),
    path("<id:hearing_id>/ko/", views.PassageListView.as_view(queue=True), name="queue"),
    path(
        "<id:hearing_id>/utdrag/<id:passage_id>/",
        views.PassageDetailView.as_view(),
        name="passage",
    ),
    path(
        "<id:hearing_id>/utdrag/<id:passage_id>/sporsmal/",
        letters.PassageQuestionView.as_view(),
        name="passage_question",
    ),
    path("brev/ny/", letters.LetterRegisterView.as_view(), name="letter_register"),
    path("<id:hearing_id>/enighet/", views.AgreementView.as_view(), name="agreement"),
    path("<id:hearing_id>/sammenlign/", views.CompareView.as_view(), name="compare"),
    path("<id:hearing_id>/personvern/", views.ScreeningListView.as_view(), name="screening_list"),
    path("<id:hearing_id>/endringer/", views.ChangeLinksView.as_view(), name="changes"),
    path(
        "<id:hearing_id>/eksport/<str:kind>.<str:fmt>",
        views.ExportView.as_view(),
        name="export",
    ),
    path("<id:hearing_id>/rapport/", views.ReportView.as_view(), name="report"),
    path("<id:hearing_id>/rapport.<str:fmt>", views.ReportView.as_view(), name="report_file"),
    path("svar/<id:response_id>/personvern/", views.ScreeningView.as_view(), name="screening"),
]
