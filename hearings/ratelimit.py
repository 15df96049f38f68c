"""A small fixed-window rate limiter on the cache, keyed per client and purpose."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {
    # purpose: (requests, window in seconds)
    "response_post": (30, 3600),
    "link_request": (5, 3600),
}


def client_key(request) -> str:
    """The client's address, hashed so raw IP addresses never land in the cache."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "HEARINGS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.split(",")[0].strip() or address
    return hashlib.sha256(address.encode()).hexdigest()[:32]


def rate_limit_exceeded(*, request, purpose: str) -> bool:
    """Count this request; True when the client has gone over the limit for the purpose."""
    limits = {**DEFAULT_LIMITS, **getattr(settings, "HEARINGS_RATE_LIMITS", {})}
    allowed, window = limits[purpose]
    key = f"hearings:rl:{purpose}:{client_key(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
