"""The cache-backed rate limiter works on the locmem cache the tests (and a fresh machine) use."""

from django.core.cache import cache
from django.test import RequestFactory

from cms.ratelimit import client_key, rate_limit_exceeded


def post_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_counts_per_client_and_purpose(settings):
    settings.HEARINGS_RATE_LIMITS = {"link_request": (2, 3600), "response_post": (1, 3600)}
    first, second = post_from("10.0.0.1"), post_from("10.0.0.2")
    assert [rate_limit_exceeded(request=first, purpose="link_request") for _ in range(3)] == [
        False,
        False,
        True,
    ]
    assert rate_limit_exceeded(request=second, purpose="link_request") is False
    assert rate_limit_exceeded(request=first, purpose="response_post") is False


def test_window_expiry_resets_the_count(settings):
    settings.HEARINGS_RATE_LIMITS = {"link_request": (1, 3600)}
    request = post_from("10.0.0.3")
    assert rate_limit_exceeded(request=request, purpose="link_request") is False
    assert rate_limit_exceeded(request=request, purpose="link_request") is True
    cache.delete(f"hearings:rl:link_request:{client_key(request)}")  # the window has passed
    assert rate_limit_exceeded(request=request, purpose="link_request") is False


def test_raw_addresses_never_reach_the_cache():
    key = client_key(post_from("192.0.2.44"))
    assert "192.0.2.44" not in key and len(key) == 32
