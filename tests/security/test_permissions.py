"""Permissions matrix: every public URL, API endpoint, feed and our admin views, per role.

The admin views are discovered from the ``register_admin_urls`` hooks of our apps, so a new view
that is not in POLICY fails ``test_every_admin_view_has_a_policy`` until someone decides who may use it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, reverse
from wagtail import hooks

from .conftest import PUBLISHED, ROLES, SECRETS

pytestmark = pytest.mark.django_db

OUR_APPS = {"hearings", "guidelines", "search", "cms"}
STAFF_REVIEW = {"reviewer", "superuser"}
EDITING = {"editor", "superuser"}

# Who may use each of our admin views, by URL name (prefix match on the first that fits).
POLICY = [
    ("hearing_review:", STAFF_REVIEW),
    ("hearings_analysis", STAFF_REVIEW),
    ("hearings_review_", STAFF_REVIEW),
    ("hearings_personal_data", STAFF_REVIEW),
    ("hearings_adoption", EDITING),
    ("guidelines_proposal_start", EDITING),
    ("search", STAFF_REVIEW),
]
POST_ONLY = {"guidelines_proposal_start"}


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def our_admin_views() -> dict[str, URLPattern]:
    views = {}
    for hook in hooks.get_hooks("register_admin_urls"):
        if hook.__module__.split(".")[0] in OUR_APPS:
            views.update(dict(_walk(hook())))
    return views


def _policy(name: str):
    for prefix, roles in POLICY:
        if name.startswith(prefix):
            return roles
    return None


def _kwargs(name: str, pattern: URLPattern, world) -> dict:
    values = {
        "hearing_id": world.closed_hearing.pk,
        "response_id": world.unpublished.pk,
        "pathway_id": world.pathway.pk,
        "passage_id": 999_999,
        "goal": "G1",
        "kind": "svar",
        "fmt": "docx" if "report" in name else "csv",
        "number": 1,
    }
    return {key: values[key] for key in pattern.pattern.converters}


def _denied(response) -> bool:
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    return (
        response.status_code in (401, 403)
        or "/login/" in location
        or location.rstrip("/").endswith("/admin")
    )


def test_every_admin_view_has_a_policy():
    views = our_admin_views()
    assert "hearings_review_list" in views and "guidelines_proposal_start" in views
    missing = sorted(name for name in views if _policy(name) is None)
    assert missing == [], f"decide who may use these admin views and add them to POLICY: {missing}"


def test_admin_views_matrix(world, client_for):
    failures = []
    for name, pattern in sorted(our_admin_views().items()):
        allowed = _policy(name)
        url = reverse(name, kwargs=_kwargs(name, pattern, world))
        for role in ROLES:
            client = client_for(role)
            response = client.post(url) if name in POST_ONLY else client.get(url)
            if response.status_code >= 500:
                failures.append(f"{role} {url}: server error {response.status_code}")
                continue
            denied = _denied(response)
            if role in allowed and denied:
                failures.append(
                    f"{role} {url}: denied ({response.status_code}) but should be allowed"
                )
            if role not in allowed and not denied:
                failures.append(
                    f"{role} {url}: allowed ({response.status_code}) but should be denied"
                )
    assert failures == []


def test_wagtail_admin_needs_staff(world, client_for):
    """Anonymous visitors and respondents never reach the admin; every staff role does."""
    for role in ROLES:
        response = client_for(role).get("/admin/")
        if role in ("anonymous", "respondent"):
            assert _denied(response), role
        else:
            assert response.status_code == 200, role
    # Editing a hearing (and so seeing its contact fields) needs page rights on it.
    edit = f"/admin/pages/{world.closed_hearing.pk}/edit/"
    assert _denied(client_for("reviewer").get(edit))
    assert client_for("editor").get(edit).status_code == 200


def public_urls(world) -> list[str]:
    pathway, proposal = world.pathway, world.proposal
    urls = [
        "/",
        pathway.get_parent().url,
        pathway.url,
        pathway.url + pathway.reverse_subpage("history"),
        pathway.url + pathway.reverse_subpage("compare"),
        pathway.url + pathway.reverse_subpage("subscribe"),
        proposal.get_parent().url,
        proposal.url,
        world.closed_hearing.get_parent().url,
        world.closed_hearing.url,
        world.open_hearing.url,
        f"{world.open_hearing.url}svar/",
        f"{world.open_hearing.url}svar/lenke/",
        reverse("all_changes_feed"),
        reverse("pathway_changes_feed", args=[pathway.slug]),
        reverse("subscribe_all"),
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?type=hearings.HearingPage&fields=*",
        f"/api/v2/pages/{world.closed_hearing.pk}/",
        f"/api/v2/pages/{world.open_hearing.pk}/",
        f"/api/v2/pages/{pathway.pk}/",
        f"/api/v2/pages/{proposal.pk}/",
        "/api/v2/versions/",
        f"/api/v2/versions/?pathway={pathway.pk}",
    ]
    for name, query in (("api_openapi", ""), ("search", "?q=svar"), ("search_index", "?q=svar")):
        try:
            urls.append(reverse(name) + query)
        except Exception:  # noqa: BLE001, S112 - optional views extend the list when registered
            continue
    return urls


def test_public_urls_open_to_everyone_and_leak_nothing(world, client_for):
    bodies = []
    for role in ("anonymous", "respondent", "editor"):
        client = client_for(role)
        for url in public_urls(world):
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode()
            leaked = [secret for secret in SECRETS if secret in text]
            assert leaked == [], (role, url, leaked)
            bodies.append(text)
    # Not vacuous: the published response is on the closed hearing's page.
    assert any(PUBLISHED in body for body in bodies)


def test_respondent_link_reaches_only_its_own_response(world, client_for):
    client = client_for("respondent")
    edit = client.get(world.edit_url(world.draft))
    assert edit.status_code == 200
    assert "Kontaktnavn Hemmeligsen" in edit.content.decode()  # their own contact details
    # The same token against another hearing, or another response's token: refused.
    token = world.edit_url(world.draft).rstrip("/").rsplit("/", 1)[1]
    other = client.get(f"{world.closed_hearing.url}svar/{token}/")
    assert other.status_code == 400
    assert "Hemmeligsen" not in other.content.decode()


def test_unpublished_responses_stay_out_of_the_api(world, client_for):
    for role in ROLES:
        for url in (
            f"/api/v2/pages/{world.closed_hearing.pk}/?fields=*",
            "/api/v2/pages/?search=UPUBLISERT",
        ):
            response = client_for(role).get(url)
            assert response.status_code in (200, 400), (role, url)
            assert not any(secret in response.content.decode() for secret in SECRETS), (role, url)


def test_exports_and_reports_only_for_reviewers(world, client_for):
    """Exports carry unpublished text, so only reviewers get them, and never contact details."""
    exports = [
        (name, p) for name, p in our_admin_views().items() if "export" in name or "report" in name
    ]
    if not exports:
        pytest.fail("the review workspace registers no export or report URLs")
    for name, pattern in exports:
        url = reverse(name, kwargs=_kwargs(name, pattern, world))
        for role in ("anonymous", "editor"):
            assert _denied(client_for(role).get(url)), (role, url)
        response = client_for("reviewer").get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith((".csv", "/")):
            text = body.decode("utf-8-sig", errors="replace")
            assert "hemmelig.kontakt@eksempel.invalid" not in text, url
