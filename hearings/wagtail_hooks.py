from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HearingPage, StakeholderGroup
from .views import admin as admin_views


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    icon = "group"
    menu_label = _("Høringsinstanser")
    list_display = ["name", "sort_order"]


register_snippet(StakeholderGroupViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("horinger/<int:hearing_id>/vedtak/", admin_views.HearingAdoptionView.as_view(), name="hearings_adoption"),
        path("horinger/svar/", admin_views.ReviewListView.as_view(), name="hearings_review_list"),
        path(
            "horinger/svar/<int:response_id>/",
            admin_views.ReviewDetailView.as_view(),
            name="hearings_review_detail",
        ),
        path("horinger/personvern/", admin_views.PersonalDataView.as_view(), name="hearings_personal_data"),
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
        _("Høringssvar"), reverse("hearings_review_list"), icon_name="form", order=310,
        permission=admin_views.REVIEW_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    return PermissionMenuItem(
        _("Innsyn og sletting"), reverse("hearings_personal_data"), icon_name="user", order=320,
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
