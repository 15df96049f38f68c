"""Throttling where a request costs a victim (mail, password guesses), the client address behind
trusted proxies, Retry-After, and a strict CSP on public pages (issue 17, rows 10 and 11)."""

from __future__ import annotations

import os
import re

import pytest
from django.core import mail
from django.test import RequestFactory

from cms.ratelimit import client_address, rate_limit_exceeded
from tests.conftest import service_missing
from tests.hearings.helpers import form_data

pytestmark = pytest.mark.django_db


def test_subscription_mails_are_throttled_per_client(world, client):
    mail.outbox = []
    replies = [
        client.post("/forlop/abonner/", {"email": "offer@eksempel.invalid", "website": ""})
        for _ in range(8)
    ]
    assert [r.status_code for r in replies[:5]] == [200] * 5
    assert replies[5].status_code == 429
    assert int(replies[5]["Retry-After"]) > 0
    assert "Vent litt" in replies[5].content.decode()
    assert len(mail.outbox) <= 5


def test_admin_login_is_throttled(world, client):
    codes = [
        client.post("/admin/login/", {"username": "admin", "password": f"feil-{i}"}).status_code
        for i in range(12)
    ]
    assert 429 in codes and codes.index(429) == 10
    reply = client.post("/admin/login/", {"username": "admin", "password": "x"})
    assert reply.status_code == 429 and int(reply["Retry-After"]) > 0


def test_response_form_429_says_when_to_retry(world, client, settings):
    settings.HEARINGS_RATE_LIMITS = {"response_post": (1, 3600)}
    url = f"{world.open_hearing.url}svar/"
    client.post(url, form_data(world.open_hearing))
    reply = client.post(url, form_data(world.open_hearing))
    assert reply.status_code == 429
    assert reply["Retry-After"] == "3600"


def test_client_address_comes_from_the_trusted_proxy_hop(settings):
    factory = RequestFactory()
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    request = factory.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "203.0.113.9"  # the leftmost entry is the client's own
    settings.RATE_LIMIT_TRUSTED_PROXIES = 2
    assert client_address(request) == "6.6.6.6"
    settings.RATE_LIMIT_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.1"


def test_spoofed_forwarded_for_does_not_escape_the_limit(settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    settings.HEARINGS_RATE_LIMITS = {"link_request": (2, 3600)}
    factory = RequestFactory()
    results = [
        rate_limit_exceeded(
            request=factory.post("/", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 203.0.113.9"),
            purpose="link_request",
        )
        for i in range(4)
    ]
    assert results == [False, False, True, True]


def test_public_pages_have_a_strict_csp_and_no_inline_code(world, client):
    for url in [
        "/",
        "/forlop/",
        world.pathway.url,
        world.open_hearing.url,
        f"{world.open_hearing.url}svar/",
        "/sok/?q=ventetid",
    ]:
        reply = client.get(url)
        assert reply.status_code == 200, url
        policy = reply["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        body = reply.content.decode()
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body)
        assert not inline_scripts, (url, inline_scripts)
        assert not re.search(r"\sstyle=\"", body), url
        assert not re.search(r"\son[a-z]+=\"", body), url


def test_admin_keeps_its_own_policy(world, client):
    client.force_login(world.users["superuser"])
    reply = client.get("/admin/")
    assert "script-src 'self' 'unsafe-inline'" in reply["Content-Security-Policy"]


@pytest.mark.postgres
def test_rate_limit_is_shared_through_redis(settings):
    """Production counts in Redis, so every process and machine shares one limit."""
    url = os.environ.get("REDIS_URL")
    if not url:
        service_missing("REDIS_URL not set (make test-postgres starts redis-server)")
    import redis
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    settings.HEARINGS_RATE_LIMITS = {"link_request": (2, 60)}
    caches["default"].clear()
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    assert [rate_limit_exceeded(request=request, purpose="link_request") for _ in range(3)] == [
        False,
        False,
        True,
    ]
    keys = redis.Redis.from_url(url).keys("*hearings:rl:link_request:*")
    assert keys, "the counter must live in Redis"
    caches["default"].clear()
