"""Wagtail's page serving with the walk down the page tree remembered.

Why: Wagtail finds the page for a URL by walking from the site's root page, one query for each
path component and one more for each page's specific type: six queries for a hearing's response
form, on every request, before the view does anything. During a deadline rush that was a quarter
of a submission's cost. The pages a path passes through change rarely, so the result of the walk
is kept in the cache: for each page reached, its URL path (per host and language) and its id.

On a request the longest remembered prefix of the path is looked up (one cache round trip for
all prefixes), the page is taken by id (from this process's copy while no page has been
published, unpublished, moved or deleted since, see ``_page``; otherwise one query), and routing
continues from that page
exactly as Wagtail would have continued there (sub-page routes, child pages, the ``live``
check). The entry is used only if the page's current ``url_path`` still is the one remembered,
so a moved or renamed page falls back to the full walk at once; otherwise entries live for
``PAGE_CACHE_SECONDS``. Everything after routing (``before_serve_page`` hooks such as view
restrictions, ``on_serve_page`` hooks, the page's ``serve``) is Wagtail's own
:func:`wagtail.views.serve`, which takes the route from the request.
"""

from __future__ import annotations

import copy
import hashlib

from django.apps import apps
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import stamps


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)
    return wagtail_views.serve(request, path)


def _route(request, path: str):
    components = [component for component in path.split("/") if component]
    keys = {_key(request, components[:n]): n for n in range(len(components), 0, -1)}
    found = cache.get_many(list(keys)) if keys else {}
    for key, consumed in keys.items():  # longest prefix first
        if key in found:
            result = _route_from(request, found[key], components, consumed)
            if result is not None:
                return result
            break
    return _walk(request, path, components)


def _route_from(request, entry: tuple[str, int, str, str], components, consumed):
    """Continue routing from a remembered page; None if the entry no longer holds."""
    label, pk, url_path, root = entry
    page = _page(label, pk)
    if page is None or page.url_path != url_path:
        return None
    try:
        result = page.route(request, components[consumed:])
    except Http404:
        return None  # let the full walk decide (and answer 404 the usual way)
    if result[0].pk != page.pk:  # went on to a child page
        _remember(request, result[0], root, components)
    return result


#: Pages this process loaded for a route, under the page stamp current then (see ``_page``).
_PAGES: dict[tuple, Page] = {}
_PAGES_MAX = 512
STAMP_KEY = "page-routes:stamp"


def _page(label: str, pk: int):
    """A copy of the page with this id: loaded once per page stamp and process, then copied.

    The stamp (:mod:`cms.stamps`) is replaced whenever any page is published, unpublished, moved
    or deleted and lives ``stamps.lifetime()`` seconds, so a page kept here is never older than
    the last such change this process's cache has heard of, and never older than a cached public
    page may be. Each request gets its own shallow copy, so nothing one request sets on its page
    reaches another's. Why: loading the hearing page was one query on each of a submission's
    three requests.
    """
    key = (label, pk, stamps.current(STAMP_KEY))
    kept = _PAGES.get(key)
    if kept is None:
        kept = apps.get_model(label).objects.filter(pk=pk).first()
        if kept is None:
            return None
        if len(_PAGES) >= _PAGES_MAX:
            _PAGES.clear()
        _PAGES[key] = kept
    return copy.copy(kept)


def forget_pages() -> None:
    """The next route loads its page afresh (on any page's publication, move or deletion)."""
    stamps.forget(STAMP_KEY)


def connect_signals() -> None:
    stamps.on_page_change(forget_pages, "page-routes")


def _walk(request, path: str, components):
    """Wagtail's own routing; remembers the page it ends at (not sub-page routes or misses)."""
    result = Page.route_for_request(request, path)
    if result is not None:
        site = Site.find_for_request(request)
        if site is not None:
            _remember(request, result[0], site.root_page.url_path, components)
    return result


def _remember(request, page, root: str, components) -> None:
    if not page.url_path.startswith(root):
        return
    own = [c for c in page.url_path[len(root) :].split("/") if c]
    if own and own == components[: len(own)]:
        entry = (page.specific_class._meta.label, page.pk, page.url_path, root)
        cache.set(_key(request, own), entry, stamps.lifetime())


def _key(request, components) -> str:
    raw = f"{request.get_host()}|{get_language()}|{'/'.join(components)}"
    return "page-route:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
