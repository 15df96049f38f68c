"""Property-based fuzzing of the public endpoints (issue 17): whatever a visitor sends to search,
version comparison, the API and the response form, the answer is never a 5xx and never echoes
input unescaped, and a rejected form keeps every value that was typed."""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.text import clean_text
from tests.hearings.helpers import form_data

FUZZ = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
probe = st.builds(lambda a, b: f"{a}<script>x</script>{b}", noise, noise)


def _no_raw_markup(body: str, value: str) -> None:
    if "<script>x</script>" in value:
        assert "<script>x</script>" not in body


@pytest.mark.django_db
@FUZZ
@given(q=st.one_of(noise, probe), page=noise, year=noise, kind=noise)
def test_search_never_fails_or_echoes_markup(world, client, q, page, year, kind):
    url = f"/sok/?q={quote(q)}&page={quote(page)}&aar={quote(year)}&type={quote(kind)}"
    reply = client.get(url)
    assert reply.status_code < 500
    _no_raw_markup(reply.content.decode(), q)


@pytest.mark.django_db
@FUZZ
@given(first=noise, second=noise)
def test_version_comparison_never_fails(world, client, first, second):
    url = f"{world.pathway.url}versjoner/sammenlign/?fra={quote(first)}&til={quote(second)}"
    reply = client.get(url)
    assert reply.status_code < 500
    _no_raw_markup(reply.content.decode(), first + second)


@pytest.mark.django_db
@FUZZ
@given(search=noise, operator=noise, offset=noise, limit=noise, kind=noise)
def test_api_never_fails(world, client, search, operator, offset, limit, kind):
    params = f"search={quote(search)}&search_operator={quote(operator)}&offset={quote(offset)}"
    params += f"&limit={quote(limit)}&type={quote(kind)}"
    assert client.get(f"/api/v2/pages/?{params}").status_code < 500
    assert (
        client.get(
            f"/api/v2/versions/?offset={quote(offset)}&limit={quote(limit)}&pathway={quote(kind)}"
        ).status_code
        < 500
    )


@pytest.mark.django_db
@FUZZ
@given(name=st.one_of(noise, probe), comment=st.one_of(noise, probe), email=noise)
def test_rejected_form_keeps_what_was_typed(world, client, name, comment, email):
    data = form_data(
        world.open_hearing, organisation_name=name, general_comment=comment, contact_email=email
    )
    reply = client.post(f"{world.open_hearing.url}svar/", data)
    assert reply.status_code in (302, 400, 429)
    if reply.status_code == 400:
        body = reply.content.decode()
        unescaped = html.unescape(body).replace("\r\n", "\n").replace("\r", "\n")
        for value in (name, comment, email):
            if "\x00" in value:
                continue  # refused with its own message; browsers never send it
            # Shown as typed, or as the form stores it (control characters cleaned).
            forms = {
                v.replace("\r\n", "\n").replace("\r", "\n").strip()
                for v in (value, clean_text(value))
            }
            forms.discard("")
            assert not forms or any(f in unescaped for f in forms), repr(value)
        _no_raw_markup(body, name + comment)
