"""Security headers that Django's own middleware does not set, and the database-outage page."""

import logging

from django.conf import settings
from django.http import HttpResponse

logger = logging.getLogger(__name__)

DEFAULT_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and Permissions-Policy to every response.

    The admin needs inline scripts and styles, so the policy is the same for the whole site
    and strict where it matters: no third-party origins, no framing, forms post only here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
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
        from django.db import InterfaceError, OperationalError, close_old_connections
        from django.template.loader import render_to_string

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s", request.method, request.path, exception
        )
        close_old_connections()
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = "10"
        response["Cache-Control"] = "no-store"
        return response
