"""The response form's cached fields: fast for a first visit, never stale, never shared state.

The fields of a new, empty form are rendered once and cached under a digest of what they show
(see ``ResponseForm.fragment_cache_key``); the per-visitor parts (CSRF token, form token) are not in
the fragment. These tests pin down that the cache changes nothing a respondent can see.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guidelines.models import Goal
from hearings.forms.response import ResponseForm
from hearings.models import HearingQuestion
from hearings.structure_cache import STAMP_KEY, structure_stamp
from tests.hearings.helpers import form_data, make_hearing, make_pathway, make_proposal

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def _strip_tokens(html: str) -> str:
    html = TOKEN_RE.sub('name="form_token" value=""', html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_first_visits_share_the_fields_but_never_the_form_token(client, hearing):
    first = client.get(f"{hearing.url}svar/").content.decode()
    key = ResponseForm(hearing=hearing).fragment_cache_key()
    assert cache.get(make_template_fragment_key("response_form_fields", [key])) is not None
    second = client.get(f"{hearing.url}svar/").content.decode()
    assert TOKEN_RE.search(first).group(1) != TOKEN_RE.search(second).group(1)
    assert _strip_tokens(first) == _strip_tokens(second)
    cache.clear()  # the cached page equals a freshly rendered one
    assert _strip_tokens(client.get(f"{hearing.url}svar/").content.decode()) == _strip_tokens(first)


def test_an_edited_question_shows_at_once(client, hearing):
    """An editor's save (the admin saves each question) replaces the structure stamp."""
    assert "Hva mener dere om endringene?" not in client.get(f"{hearing.url}svar/").content.decode()
    question = hearing.questions.order_by("sort_order").first()
    question.text = "Hva mener dere om endringene?"
    question.save()
    assert "Hva mener dere om endringene?" in client.get(f"{hearing.url}svar/").content.decode()


def test_a_change_without_a_signal_shows_when_the_stamp_expires(client, hearing):
    """A bulk update sends no signal: the old form stays until the stamp's lifetime ends."""
    client.get(f"{hearing.url}svar/")
    question = hearing.questions.order_by("sort_order").first()
    HearingQuestion.objects.filter(pk=question.pk).update(text="Hva mener dere om endringene?")
    assert "Hva mener dere om endringene?" not in client.get(f"{hearing.url}svar/").content.decode()
    cache.delete(STAMP_KEY)  # what the stamp's expiry does
    assert "Hva mener dere om endringene?" in client.get(f"{hearing.url}svar/").content.decode()


def test_a_published_proposal_and_a_saved_goal_replace_the_stamp(hearing):
    stamp = structure_stamp()
    proposal = hearing.proposal_links.first().proposal.specific
    proposal.save_revision().publish()
    assert structure_stamp() != stamp
    stamp = structure_stamp()
    goal = Goal.objects.order_by("code").first()
    goal.save()
    assert structure_stamp() != stamp


def test_the_response_path_reads_no_view_restrictions_while_none_exist(client, hearing):
    client.get(f"{hearing.url}svar/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{hearing.url}svar/")
    assert not [q for q in queries.captured_queries if "pageviewrestriction" in q["sql"]]
    PageViewRestriction.objects.create(
        page=hearing, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    reply = client.get(f"{hearing.url}svar/")
    assert reply.status_code == 200 and 'name="password"' in reply.content.decode()
    assert 'name="form_token"' not in reply.content.decode()


def test_forms_with_errors_or_a_saved_response_are_not_cached(client, hearing):
    client.get(f"{hearing.url}svar/")
    reply = client.post(
        f"{hearing.url}svar/", form_data(hearing, contact_name="", general_comment="Min tekst")
    )
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "Skriv navnet til kontaktpersonen." in page and "Min tekst" in page
    draft = client.post(
        f"{hearing.url}svar/", form_data(hearing, action="draft", general_comment="Lagret utkast")
    )
    edit = client.get(draft["Location"]).content.decode()
    assert "Lagret utkast" in edit and "Fiktiv forening for test" in edit


def test_form_queries_do_not_grow_with_the_number_of_proposals(client):
    one = make_hearing(slug="en-forslag")
    more = make_hearing(
        slug="tre-forslag",
        proposals=[make_proposal(pathway=make_pathway(slug=f"forlop-{i}")) for i in range(3)],
    )
    counts = []
    for hearing in (one, more):
        client.get(f"{hearing.url}svar/")  # warm the fragment cache and the site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{hearing.url}svar/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
