"""Registers the reviewers' screens: URLs, the one menu group and its items, log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

import cms.converters  # noqa: F401 - registers the <id:...> URL converter
from hearings.models import HearingPage
from hearings.permissions import user_can_review

from . import analysis_runs, approval, services, urls
from .menu import STAFF_MENU_HOOK, ReviewerMenuItem, staff_menu_group


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("horinger/svar/", approval.ReviewListView.as_view(), name="hearings_review_list"),
        path(
            "horinger/svar/<id:response_id>/",
            approval.ReviewDetailView.as_view(),
            name="hearings_review_detail",
        ),
        path(
            "horinger/personvern/",
            approval.PersonalDataView.as_view(),
            name="hearings_personal_data",
        ),
        path(
            "horinger/analyse/",
            analysis_runs.AnalysisIndexView.as_view(),
            name="hearings_analysis_index",
        ),
        path(
            "horinger/<id:hearing_id>/analyse/",
            analysis_runs.HearingAnalysisView.as_view(),
            name="hearings_analysis",
        ),
        path(
            "horinger/<id:hearing_id>/analyse/status/",
            analysis_runs.analysis_status,
            name="hearings_analysis_status",
        ),
        path("innspill/", include(urls)),
    ]


@hooks.register("register_admin_menu_item")
def staff_menu():
    return staff_menu_group()


@hooks.register(STAFF_MENU_HOOK)
def review_workspace_menu_item():
    return ReviewerMenuItem(
        _("Innspillsanalyse"), reverse("hearing_review:index"), icon_name="clipboard-list", order=10
    )


@hooks.register(STAFF_MENU_HOOK)
def analysis_menu_item():
    return ReviewerMenuItem(
        _("Analysekjøringer"), reverse("hearings_analysis_index"), icon_name="pick", order=20
    )


@hooks.register(STAFF_MENU_HOOK)
def approval_menu_item():
    return ReviewerMenuItem(
        _("Høringssvar"), reverse("hearings_review_list"), icon_name="form", order=30
    )


@hooks.register(STAFF_MENU_HOOK)
def letter_menu_item():
    return ReviewerMenuItem(
        _("Registrer brev"), reverse("hearing_review:letter_register"), icon_name="mail", order=35
    )


@hooks.register(STAFF_MENU_HOOK)
def personal_data_menu_item():
    return ReviewerMenuItem(
        _("Innsyn og sletting"), reverse("hearings_personal_data"), icon_name="user", order=50
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    services.register_log_actions(actions)


@hooks.register("register_page_header_buttons")
def analysis_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, HearingPage) and user_can_review(user=user):
        yield Button(
            _("Analyse"),
            reverse("hearings_analysis", args=[page.pk]),
            icon_name="pick",
            priority=65,
        )
