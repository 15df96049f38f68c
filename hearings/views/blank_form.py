"""The blank response form, rendered once per hearing, language and status and then copied.

Why: during a deadline rush most requests for the form are anonymous visitors opening a new,
empty form, and every one of them used to build the form (questions, goals, proposals: four
queries and some hundred widgets) and render the page. What differs between two such pages is
only the CSRF token and the form token, so the page is rendered by the ordinary view once,
those two values are cut out, and later visitors get the copy with their own values put in.

The copy is kept under a key made of everything the page shows that can change: the hearing's
title and last publication, the structure stamp (:mod:`hearings.structure_cache`: replaced when a
question, a goal or a proposal link is saved or any page is published, so an edited question or a
republished proposal shows at once, without a query per request), the language and the status
line; entries expire after ``PAGE_CACHE_SECONDS`` at the latest. Anything that could make the
page personal goes to the ordinary view: a session or messages cookie (signed-in staff, a
message after saving), a query string, or a hearing that does not accept responses now.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from ..selectors import hearing_status
from ..structure_cache import structure_stamp

_CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_FORM_TOKEN_VALUE = re.compile(r'name="form_token" value="([^"]+)"')
#: Cookies that can change what the form page shows (sign-in, flash messages).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def blank_form(request, hearing, render):
    """The form page for a new response: the cached copy, or ``render(request, hearing)``."""
    if not _cacheable_request(request):
        return render(request, hearing)
    status = hearing_status(hearing=hearing)
    if not status.accepts_responses:
        return render(request, hearing)
    key = _key(hearing, status)
    template = cache.get(key)
    if template is None:
        response = render(request, hearing)
        template = _template_of(response)
        if template is not None:
            cache.set(key, template, _lifetime())
        return response
    page, csrf_slot, token_slot = template
    page = page.replace(csrf_slot, get_token(request), 1)
    page = page.replace(token_slot, str(uuid.uuid4()), 1)
    response = HttpResponse(page)
    add_never_cache_headers(response)
    return response


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and _lifetime() > 0
    )


def _lifetime() -> int:
    return getattr(settings, "CACHE_MIDDLEWARE_SECONDS", 60) or 60


def _key(hearing, status) -> str:
    shown = (
        hearing.pk,
        hearing.title,
        str(hearing.last_published_at),
        structure_stamp(),
        get_language(),
        status.code,
        status.days_left,
        status.hours_left,
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
    return f"hearings:blank-form:{digest}"


def _template_of(response) -> tuple[str, str, str] | None:
    """The rendered page with its two tokens replaced by random slot names (page text cannot
    contain them by chance), and the slot names; None unless it is a plain 200 page with exactly
    one of each token."""
    if response.status_code != 200 or response.has_header("Set-Cookie") or response.cookies:
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    page = response.content.decode(response.charset)
    csrf, token = _CSRF_VALUE.findall(page), _FORM_TOKEN_VALUE.findall(page)
    if len(csrf) != 1 or len(token) != 1:
        return None
    csrf_slot, token_slot = (f"slot-{secrets.token_hex(16)}" for _i in range(2))
    page = page.replace(f'value="{csrf[0]}"', f'value="{csrf_slot}"', 1)
    page = page.replace(f'value="{token[0]}"', f'value="{token_slot}"', 1)
    return page, csrf_slot, token_slot
