"""Atom feeds, double opt-in subscriptions with expiring unforgeable tokens, and the read API."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone

from guidelines import services
from guidelines.models import Subscription
from tests.conftest import make_pathway, publish_change

pytestmark = pytest.mark.django_db


def test_feed_lists_substantive_versions_only(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, kind="editorial", note="Skrivefeil.")
    publish_change(page, note="Ny frist.")
    body = client.get("/forlop/endringer.atom").content.decode()
    assert body.count("<entry>") == 2
    assert "versjon 2" in body and "Ny frist." in body and "Skrivefeil." not in body


def test_per_pathway_feed(client, pathway_index):
    make_pathway(pathway_index)
    make_pathway(pathway_index, slug="annet", title="Annet forløp")
    response = client.get("/forlop/annet/endringer.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Annet forløp" in body and "Testforløp" not in body


def _link_from_outbox(kind: str) -> str:
    return re.search(
        rf"http://testserver(/forlop/abonnement/{kind}/[^/\s]+/)", mail.outbox[-1].body
    ).group(1)


def test_subscription_double_opt_in_and_one_click_unsubscribe(
    client, pathway_index, django_capture_on_commit_callbacks
):
    page = make_pathway(pathway_index)
    response = client.post("/forlop/testforlop/abonner/", {"email": "Leser@Example.org"})
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "leser@example.org" and subscription.confirmed_at is None
    confirm = _link_from_outbox("bekreft")

    with django_capture_on_commit_callbacks(execute=True):
        publish_change(page, note="Før bekreftelse.")
    assert not any("Før bekreftelse." in m.body for m in mail.outbox)

    assert client.get(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        publish_change(page, note="Etter bekreftelse.")
    notice = mail.outbox[-1]
    assert notice.to == ["leser@example.org"] and "Etter bekreftelse." in notice.body
    unsubscribe = re.search(
        r"http://testserver(/forlop/abonnement/avslutt/[^/\s]+/)", notice.body
    ).group(1)
    assert client.get(unsubscribe).status_code == 200  # shows a button, does not unsubscribe on GET
    assert Subscription.objects.exists()
    assert client.post(unsubscribe).status_code == 200
    assert not Subscription.objects.exists()


def test_confirm_token_expires(client, pathway_index):
    make_pathway(pathway_index)
    client.post("/forlop/abonner/", {"email": "a@example.org"})
    confirm = _link_from_outbox("bekreft")
    later = timezone.now() + timedelta(hours=73)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(confirm)
    assert response.status_code == 410
    assert Subscription.objects.get().confirmed_at is None


def test_forged_tokens_are_refused(client, pathway_index):
    make_pathway(pathway_index)
    client.post("/forlop/abonner/", {"email": "a@example.org"})
    subscription = Subscription.objects.get()
    forged = signing.TimestampSigner(salt="wrong").sign_object(
        {"s": subscription.pk, "e": subscription.email}
    )
    assert client.get(f"/forlop/abonnement/bekreft/{forged}/").status_code == 400
    # An unsubscribe token cannot confirm, and a confirm token cannot unsubscribe.
    unsubscribe = services.unsubscribe_token(subscription)
    assert client.get(f"/forlop/abonnement/bekreft/{unsubscribe}/").status_code == 400
    confirm = _link_from_outbox("bekreft").split("/")[-2]
    assert client.post(f"/forlop/abonnement/avslutt/{confirm}/").status_code == 400
    assert Subscription.objects.exists()


def test_invalid_email_is_refused_next_to_the_field_and_kept(client, pathway_index):
    make_pathway(pathway_index)
    response = client.post("/forlop/abonner/", {"email": "ikke-en-adresse"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv inn en gyldig e-postadresse" in html
    assert 'value="ikke-en-adresse"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscription.objects.exists()


def test_honeypot_sends_nothing(client, pathway_index):
    make_pathway(pathway_index)
    client.post("/forlop/abonner/", {"email": "bot@example.org", "website": "http://spam"})
    assert not Subscription.objects.exists() and not mail.outbox


def test_api_pathway_fields_and_structured_blocks(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, note="Ny.")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["short_name"] == "Testforløp"
    assert data["version_summary"]["number"] == 2
    times = next(b for b in data["body"] if b["type"] == "pathway_times")
    assert times["value"]["times"][0]["limit"] == 10
    listing = client.get("/api/v2/pages/?type=guidelines.PathwayPage&fields=area,language").json()
    assert listing["meta"]["total_count"] == 1
    assert listing["items"][0]["area"] == "rus"


def test_api_versions_endpoint(client, pathway_index):
    page = make_pathway(pathway_index)
    publish_change(page, note="Ny.")
    make_pathway(pathway_index, slug="annet", title="Annet")
    data = client.get(f"/api/v2/versions/?pathway={page.pk}").json()
    assert data["meta"]["total_count"] == 2
    assert [item["number"] for item in data["items"]] == [1, 2]
    assert data["items"][1]["change_note"] == "Ny."
    assert client.get(f"/api/v2/versions/{data['items'][0]['id']}/").json()["title"] == "Testforløp"
    assert client.get("/api/v2/versions/999999/").status_code == 404
