"""Wagtail's view-restriction check, without its two queries while the site has no restriction.

Why: before serving any page, Wagtail's ``check_view_restrictions`` hook asks the page for the
restrictions on it and its ancestors (one query for the ancestors, one for the restrictions).
That is two of the few queries a deadline rush's form, submission and receipt make, and the
directorate's public site normally restricts nothing. Whether any restriction exists at all is
kept in the cache; while none does, a page answers with an empty queryset and Wagtail's hook,
the admin's privacy dialog and page copying all see what the database would have told them.

Saving or deleting a restriction forgets the answer at once (in every process when the cache is
shared, as in production with ``CACHE_URL``); otherwise the answer lives ``LIFETIME`` seconds,
the same as the public page cache, so a per-process cache never shows a newly restricted page
for longer than a cached copy of it would be shown anyway.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from . import stamps

KEY = "cms:view-restrictions:any"


def site_has_view_restrictions() -> bool:
    found = cache.get(KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(KEY, found, stamps.lifetime())
    return found


class ViewRestrictionsFromCache:
    """Page mixin (before ``Page`` in the bases): no queries while nothing is restricted."""

    def get_view_restrictions(self):
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def forget_view_restrictions(**kwargs) -> None:
    cache.delete(KEY)


def connect_signals() -> None:
    post_save.connect(
        forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="view-restr-save"
    )
    post_delete.connect(
        forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="view-restr-del"
    )
