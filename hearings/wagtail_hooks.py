from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import cms.converters  # noqa: F401 - registers the <id:...> URL converter

from .models import HearingPage, MailDelivery, StakeholderGroup
from .views import adoption


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
            "horinger/<id:hearing_id>/vedtak/",
            adoption.HearingAdoptionView.as_view(),
            name="hearings_adoption",
        ),
    ]


@hooks.register("register_page_header_buttons")
def adoption_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, HearingPage) and page.live:
        yield Button(
            _("Vedtak etter høringen"),
            reverse("hearings_adoption", args=[page.pk]),
            icon_name="tick",
            priority=60,
        )
