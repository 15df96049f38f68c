from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

import cms.converters  # noqa: F401 - registers the <id:...> URL converter

from .models import PathwayPage
from .views import admin as admin_views
from .views.admin_viewsets import GoalViewSet

register_snippet(GoalViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "forlop/<id:pathway_id>/nytt-forslag/",
            admin_views.proposal_start,
            name="guidelines_proposal_start",
        )
    ]


@hooks.register("register_page_header_buttons")
def proposal_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, PathwayPage) and page.live:
        url = reverse("guidelines_proposal_start", args=[page.pk])
        yield Button(
            _("Lag endringsforslag"),
            url,
            icon_name="doc-full-inverse",
            priority=60,
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": url,
            },
        )
