"""Registers the staff search in the admin (thin: URLs and a menu item only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import service, views


@hooks.register("register_admin_urls")
def register_search_urls():
    return [path("sok-innspill/", views.StaffSearchView.as_view(), name="search_feedback")]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return service.can_search_feedback(request.user)


# Joins the reviewers' menu group ("Høringsarbeid") by the group's hook name, so this app needs
# no import of the review workspace.
@hooks.register("register_hearings_staff_menu_item")
def search_menu_item():
    return ReviewerMenuItem(
        _("Søk i innspill"), reverse("search_feedback"), icon_name="search", order=40
    )
