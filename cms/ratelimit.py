"""A small fixed-window rate limiter on the shared cache, keyed per client and purpose.

In production the cache is Redis (``CACHE_URL=redis://...``), so every process and machine
counts together; with the default local-memory cache each process counts alone.

The client is the address the request came from, or, behind ``RATE_LIMIT_TRUSTED_PROXIES``
reverse proxies, the address the outermost trusted proxy saw: the entry that many places from the
right of ``X-Forwarded-For``. Entries further left are written by the client and are never
trusted (a client could otherwise pick a new address per request).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {
    # purpose: (requests, window in seconds)
    "response_post": (30, 3600),
    "link_request": (5, 3600),
    "subscription": (5, 3600),
    "admin_login": (10, 900),
}


def trusted_proxies() -> int:
    count = getattr(settings, "RATE_LIMIT_TRUSTED_PROXIES", None)
    if count is None:  # the older switch: one proxy in front
        count = 1 if getattr(settings, "HEARINGS_TRUST_X_FORWARDED_FOR", False) else 0
    return max(0, int(count))


def client_address(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            address = hops[-proxies]
    return address


def client_key(request) -> str:
    """The client's address, hashed so raw IP addresses never land in the cache."""
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def limit_for(purpose: str) -> tuple[int, int]:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "HEARINGS_RATE_LIMITS", {})}
    return limits[purpose]


def rate_limit_exceeded(*, request, purpose: str) -> bool:
    """Count this request; True when the client has gone over the limit for the purpose."""
    allowed, window = limit_for(purpose)
    key = f"hearings:rl:{purpose}:{client_key(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed


def retry_after(purpose: str) -> int:
    """Seconds a refused client should wait (the window; the count may reset sooner)."""
    return limit_for(purpose)[1]
