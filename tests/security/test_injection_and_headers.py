"""Script injection reaching every place text is shown; security headers; deploy settings; floods."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from hearings.models import Answer, PathwayComment, Response

from .conftest import World
from .test_permissions import _kwargs, our_admin_views

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# What a respondent can type past the form (no tags) and what arrives by other roads (attachment
# text, imports): both must come out escaped wherever they are shown.
TYPED = '" onmouseover="alert(1)" x=" &lt;script&gt;alert(2)&lt;/script&gt; {{ 7*7 }}'
RAW = "<script>alert('xss')</script><img src=x onerror=alert(3)>"
FORMULA = '=HYPERLINK("http://angriper.example","Klikk")'


def _inject(world: World) -> Response:
    response = world.published
    payload = f"{RAW} {TYPED}"
    Response.objects.filter(pk=response.pk).update(
        organisation_name=f"Org {RAW}"[:200],
        general_comment=f"{FORMULA} {payload}",
        interests=payload,
        attachment_text=payload,
    )
    Answer.objects.filter(response=response).update(text=payload)
    PathwayComment.objects.create(
        response=response,
        proposal=world.proposal,
        pathway=world.pathway,
        section_id="",
        text=payload,
    )
    response.refresh_from_db()
    return response


def _body(reply) -> str:
    content = b"".join(reply.streaming_content) if reply.streaming else reply.content
    return content.decode("utf-8", errors="replace")


def _assert_escaped(text: str, where: str) -> None:
    assert "<script>alert('xss')" not in text, where
    assert "<img src=x onerror" not in text, where
    assert '" onmouseover="alert(1)"' not in text, where
    assert "<script>alert(2)" not in text, where


def test_script_injection_is_escaped_everywhere(world, client_for):
    response = _inject(world)
    cache.clear()
    anonymous = client_for("anonymous")
    public = [world.closed_hearing.url, world.receipt_url(response)]
    with contextlib.suppress(NoReverseMatch):  # the public search is optional
        public.append(reverse("search") + "?q=alert")
    shown = 0
    for url in public:
        reply = anonymous.get(url)
        assert reply.status_code == 200, url
        text = _body(reply)
        _assert_escaped(text, url)
        shown += "alert(1)" in text
    assert shown >= 2, "the payload should be on the published page and the receipt (escaped)"
    reviewer = client_for("reviewer")
    staff_urls = [reverse("hearings_review_detail", args=[response.pk])]
    for name, pattern in our_admin_views().items():
        if name.startswith("hearing_review:") and "passage" not in name:
            staff_urls.append(reverse(name, kwargs=_kwargs(name, pattern, world)))
    for url in staff_urls:
        reply = reviewer.get(url)
        assert reply.status_code == 200, url
        if reply.get("Content-Type", "").startswith("text/html"):
            _assert_escaped(_body(reply), url)
    detail = _body(reviewer.get(staff_urls[0]))
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)" in detail


def test_exported_csv_neutralises_formulas(world, client_for):
    _inject(world)
    Response.objects.filter(pk=world.published.pk).update(organisation_name=FORMULA)
    exports = [n for n in our_admin_views() if n.endswith(":export")]
    assert exports, "no export view registered"
    reply = client_for("reviewer").get(
        reverse(
            exports[0], kwargs={"hearing_id": world.closed_hearing.pk, "kind": "svar", "fmt": "csv"}
        )
    )
    assert reply.status_code == 200
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_body(reply).lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert any("HYPERLINK" in cell for cell in cells), "the comment should be exported"
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@") and "HYPERLINK" in cell]


def test_security_headers_on_pages_admin_and_api(world, client_for):
    for role, url in (
        ("anonymous", "/"),
        ("anonymous", world.pathway.url),
        ("anonymous", "/api/v2/pages/"),
        ("anonymous", f"{world.open_hearing.url}svar/"),
        ("reviewer", "/admin/"),
    ):
        reply = client_for(role).get(url)
        assert reply.status_code == 200, url
        csp = reply.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, url
        assert "form-action 'self'" in csp and "object-src 'none'" in csp, url
        assert reply.get("X-Frame-Options") == "DENY", url
        assert reply.get("X-Content-Type-Options") == "nosniff", url
        assert reply.get("Referrer-Policy") == "strict-origin-when-cross-origin", url


PRODUCTION_PROBE = """
import django
django.setup()
from django.test import Client
reply = Client().post("/i18n/setlang/", {"language": "nb", "next": "/"}, secure=True)
for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options",
             "X-Content-Type-Options", "Referrer-Policy"):
    print(f"{name}: {reply.get(name)}")
print("plain:", Client().get("/", secure=False).status_code)
"""


def _production(env_extra: dict, *args) -> subprocess.CompletedProcess:
    # Only what a production process would get: no leftovers from the test process (another
    # suite's DJANGO_ALLOW_ASYNC_UNSAFE, the test database, service URLs).
    env = {
        k: v
        for k, v in os.environ.items()
        if k in ("PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "ALLOWED_HOSTS": "example.org,testserver",
            "SQLITE_PATH": ":memory:",
            **env_extra,
        }
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_headers_and_https():
    result = _production({"SECRET_KEY": "x" * 60}, "-c", PRODUCTION_PROBE)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in out
    assert "frame-ancestors 'none'" in out
    assert "X-Frame-Options: DENY" in out and "X-Content-Type-Options: nosniff" in out
    assert "plain: 301" in out  # plain HTTP is redirected to HTTPS


def test_check_deploy_is_clean():
    result = _production(
        {"SECRET_KEY": "ci-" + os.urandom(32).hex()},
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _production({}, "manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    text = (ROOT / "cms/settings/production.py").read_text()
    assert 'os.environ["SECRET_KEY"]' in text


def test_rate_limit_holds_for_one_client_and_spares_others(world, client, settings):
    settings.HEARINGS_RATE_LIMITS = {"response_post": (5, 3600)}
    from tests.hearings.helpers import form_data

    url = f"{world.open_hearing.url}svar/"
    statuses = [
        client.post(
            url,
            form_data(world.open_hearing, general_comment=f"Flom {i}."),
            REMOTE_ADDR="203.0.113.7",
        ).status_code
        for i in range(12)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429] * 7
    # Spoofed X-Forwarded-For does not buy new attempts when the proxy header is not trusted.
    spoofed = client.post(
        url,
        form_data(world.open_hearing),
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert spoofed.status_code == 429
    assert "Vent litt og prøv igjen" in spoofed.content.decode()
    other = client.post(
        url,
        form_data(world.open_hearing, general_comment="Annen klient."),
        REMOTE_ADDR="203.0.113.8",
    )
    assert other.status_code == 302
    assert Response.objects.filter(general_comment__startswith="Flom").count() == 5
