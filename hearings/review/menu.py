"""The one admin menu group for reviewers' screens ("Høringsarbeid").

Every screen a reviewer (saksbehandler) uses registers an item under the hook named by
:data:`STAFF_MENU_HOOK`, including the staff search of the ``search`` app, which does so by the
hook's name alone and so needs no import of this package. Each item is shown by the same rule that
guards its view (:func:`hearings.permissions.user_can_review`), and the group disappears when none
of its items is shown.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from hearings.permissions import user_can_review

STAFF_MENU_HOOK = "register_hearings_staff_menu_item"


class ReviewerMenuItem(MenuItem):
    """A menu item shown to reviewers only."""

    def is_shown(self, request):
        return user_can_review(user=request.user)


def staff_menu_group() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Høringsarbeid"),
        Menu(register_hook_name=STAFF_MENU_HOOK),
        icon_name="clipboard-list",
        name="hearings-staff",
        order=305,
    )
