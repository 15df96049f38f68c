from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Goal


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "crosshairs"
    menu_label = _("Mål")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["code", "title"]
    ordering = ["sort_order"]
