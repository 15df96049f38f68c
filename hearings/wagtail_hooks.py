from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HearingPage, MailDelivery, StakeholderGroup
from .review import selectors as review_selectors
from .review import services as review_services
from .review import urls as review_urls
from .views import admin as admin_views


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    icon = "group"
    menu_label = _("Høringsinstanser")
    list_display = ["name", "sort_order"]


register_snippet(StakeholderGroupViewSet)


class MailDeliveryViewSet(SnippetViewSet):
    """Receipts and draft links owed to respondents; failed ones are what staff must follow up."""

    model = MailDelivery
    icon = "mail"
    menu_label = _("E-post til innsendere")
    list_display = ["response", "kind", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True


register_snippet(MailDeliveryViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "horinger/<int:hearing_id>/vedtak/",
            admin_views.HearingAdoptionView.as_view(),
            name="hearings_adoption",
        ),
        path("horinger/svar/", admin_views.ReviewListView.as_view(), name="hearings_review_list"),
        path(
            "horinger/svar/<int:response_id>/",
            admin_views.ReviewDetailView.as_view(),
            name="hearings_review_detail",
        ),
        path(
            "horinger/personvern/",
            admin_views.PersonalDataView.as_view(),
            name="hearings_personal_data",
        ),
        path("innspill/", include(review_urls)),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return PermissionMenuItem(
        _("Høringssvar"),
        reverse("hearings_review_list"),
        icon_name="form",
        order=310,
        permission=admin_views.REVIEW_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    return PermissionMenuItem(
        _("Innsyn og sletting"),
        reverse("hearings_personal_data"),
        icon_name="user",
        order=320,
        permission=admin_views.REVIEW_PERMISSION,
    )


@hooks.register("register_page_header_buttons")
def adoption_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, HearingPage) and page.live:
        yield Button(
            _("Vedtak etter høringen"),
            reverse("hearings_adoption", args=[page.pk]),
            icon_name="tick",
            priority=60,
        )


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return review_selectors.user_can_review(user=request.user)


@hooks.register("register_admin_menu_item")
def review_workspace_menu_item():
    return ReviewerMenuItem(
        _("Innspillsanalyse"),
        reverse("hearing_review:index"),
        icon_name="clipboard-list",
        order=305,
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    review_services.register_log_actions(actions)


@hooks.register("register_admin_urls")
def register_analysis_urls():
    from .views import analysis_admin

    return [
        path(
            "horinger/analyse/",
            analysis_admin.AnalysisIndexView.as_view(),
            name="hearings_analysis_index",
        ),
        path(
            "horinger/<int:hearing_id>/analyse/",
            analysis_admin.HearingAnalysisView.as_view(),
            name="hearings_analysis",
        ),
        path(
            "horinger/<int:hearing_id>/analyse/status/",
            analysis_admin.analysis_status,
            name="hearings_analysis_status",
        ),
    ]


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        from .views.analysis_admin import can_run_analysis

        return can_run_analysis(request.user)


@hooks.register("register_admin_menu_item")
def analysis_menu_item():
    return AnalysisMenuItem(
        _("Analysekjøringer"), reverse("hearings_analysis_index"), icon_name="pick", order=306
    )


@hooks.register("register_page_header_buttons")
def analysis_button(page, user, view_name=None, next_url=None):
    from .views.analysis_admin import can_run_analysis

    if isinstance(page.specific_deferred, HearingPage) and can_run_analysis(user):
        yield Button(
            _("Analyse"),
            reverse("hearings_analysis", args=[page.pk]),
            icon_name="pick",
            priority=65,
        )
