"""Security headers that Django's own middleware does not set, and the database-outage page."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections
from django.http import HttpResponse
from django.template.loader import render_to_string

from .ratelimit import rate_limit_exceeded, retry_after

logger = logging.getLogger(__name__)

#: Public pages: our own files only, no inline script or style, no eval.
DEFAULT_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)
#: Wagtail's admin (and Django's) needs inline scripts and styles; only staff reach it.
ADMIN_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and Permissions-Policy to every response.

    Public pages get a strict policy (no inline script or style, no eval: an injected script
    cannot run). Wagtail's admin needs inline scripts and styles and gets its own policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        self.admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", ADMIN_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(ADMIN_PREFIXES)
        response.setdefault("Content-Security-Policy", self.admin_policy if admin else self.policy)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response


class DatabaseUnavailableMiddleware:
    """A friendly 503 with Retry-After when the database is briefly away (restart, failover).

    Every write runs in a transaction, so a request that fails here has stored nothing; the page
    says so and asks the user to try again. Connections are health-checked (CONN_HEALTH_CHECKS), so
    the next request after the database is back gets a fresh connection without a restart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        close_old_connections()
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        # A view may need to tell the browser something even when it failed half-way (the
        # response form remembers which form this browser sent, so its retry is recognised).
        for hook in getattr(request, "error_response_hooks", ()):
            hook(response)
        return response


class LoginThrottleMiddleware:
    """Limits sign-in attempts to the admin per client (``admin_login`` in cms.ratelimit).

    Every POST to the login page counts, right or wrong, so guessing passwords costs time; a
    refused attempt gets 429 with Retry-After and a page saying when to try again.
    """

    LOGIN_PATHS = ("/admin/login/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path in self.LOGIN_PATHS
            and rate_limit_exceeded(request=request, purpose="admin_login")
        ):
            wait = retry_after("admin_login")
            response = HttpResponse(
                render_to_string("429.html", {"minutes": max(1, wait // 60)}), status=429
            )
            response["Retry-After"] = str(wait)
            return response
        return self.get_response(request)
