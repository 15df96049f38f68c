"""Cache stamps: a random value per kind of content, replaced when that content changes.

Why: a few reads on every request of a deadline rush (the page a route reaches, a hearing's
questions and proposals) change only when an editor saves or publishes. Whatever is cached
under a stamp is never read again once the stamp is replaced, so no entry has to be found and
deleted. A stamp lives ``lifetime()`` seconds, so a change made without a signal (a bulk
``update()``, another process with a per-process cache) shows after at most that long, the same
promise the public page cache makes.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def lifetime() -> int:
    """How long a stamp, and anything cached under it, may be used at most."""
    return getattr(settings, "CACHE_MIDDLEWARE_SECONDS", 60) or 60


def current(key: str) -> str:
    """The stamp under ``key`` (one cache read; a new one is made when none is set)."""
    stamp = cache.get(key)
    if stamp is None:
        stamp = secrets.token_hex(8)
        # add(): two processes starting at once agree on one stamp.
        if not cache.add(key, stamp, lifetime()):
            stamp = cache.get(key) or stamp
    return stamp


def forget(key: str) -> None:
    cache.delete(key)


def on_page_change(receiver, uid: str) -> None:
    """Call ``receiver()`` whenever any page is published, unpublished, moved or deleted."""

    def changed(**kwargs) -> None:
        receiver()

    def deleted(sender, instance, **kwargs) -> None:
        if isinstance(instance, Page):
            receiver()

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, weak=False, dispatch_uid=f"{uid}-{id(signal)}")
    post_delete.connect(deleted, weak=False, dispatch_uid=f"{uid}-page-deleted")
