"""Who may use the staff screens of a consultation: one rule for menus and views alike.

A reviewer (saksbehandler) is a user holding the model permission ``hearings.change_response``,
granted through a Wagtail group (the demo's "Saksbehandler"), or a superuser. Menus ask
:func:`user_can_review` whether to show an item and views ask it whether to serve, so the two can
never disagree. Editors without the permission see neither.
"""

from __future__ import annotations

REVIEW_PERMISSION = "hearings.change_response"


def user_can_review(user) -> bool:
    """True for active users holding the reviewer permission (superusers hold every permission)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(REVIEW_PERMISSION)
