"""English is available next to Norwegian bokmål: negotiated, switchable, and shipped compiled."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def test_both_languages_are_configured():
    assert [code for code, _name in settings.LANGUAGES] == ["nb", "en"]
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


def test_compiled_catalogue_ships_with_the_repository():
    # `make run` must not need GNU gettext, so the .mo file is committed next to the .po file.
    assert (LOCALE / "django.po").exists() and (LOCALE / "django.mo").exists()
    with translation.override("en"):
        assert translation.gettext("Høringsfristen er ute") == "The deadline has passed"
        assert translation.ngettext("%(days)s dag igjen", "%(days)s dager igjen", 3) == (
            "%(days)s days left"
        )


def test_norwegian_is_the_default(client, home):
    body = client.get(home.url).content.decode()
    assert "Hopp til hovedinnhold" in body and "Pasientforløp" in body


def test_english_page_renders_english_text(client, home):
    body = client.get(home.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in body
    assert "Skip to main content" in body and "Hopp til hovedinnhold" not in body
    assert "Patient pathways" in body and "Hearings" in body


def test_language_switcher_sets_english_and_back(client, home):
    body = client.get(home.url).content.decode()
    assert 'action="/i18n/setlang/"' in body and 'value="en"' in body
    reply = client.post("/i18n/setlang/", {"language": "en", "next": home.url})
    assert reply.status_code == 302
    english = client.get(home.url).content.decode()
    assert "Skip to main content" in english and 'value="nb"' in english
    client.post("/i18n/setlang/", {"language": "nb", "next": home.url})
    assert "Hopp til hovedinnhold" in client.get(home.url).content.decode()


def test_english_hearing_form_labels(client):
    from tests.hearings.helpers import make_hearing

    hearing = make_hearing()
    body = client.get(f"{hearing.url}svar/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Respond to the hearing" in body and "Save draft" in body
    assert "Publish the response without person names" in body


def test_document_language_follows_the_interface_and_main_the_text(client, pathway_index):
    from tests.conftest import make_pathway

    page = make_pathway(pathway_index, slug="nynorskforlop")
    page.language = "nn"
    page.save_revision().publish()
    norwegian = client.get(page.url).content.decode()
    assert (
        '<html lang="nb">' in norwegian
        and '<main id="main" class="container" tabindex="-1" lang="nn">' in norwegian
    )
    english = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english and 'tabindex="-1" lang="nn">' in english
    page.language = "nb"
    page.save_revision().publish()
    bokmal = client.get(page.url).content.decode()
    assert '<html lang="nb">' in bokmal and 'tabindex="-1">' in bokmal
