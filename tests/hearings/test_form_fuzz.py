"""Throw arbitrary input at the response form: a clear error or a stored response, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearings.models import Answer, PathwayComment, Response

from .helpers import docx_bytes, form_data, make_hearing, pdf_bytes

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
huge = st.integers(min_value=19_990, max_value=25_000).map(lambda n: "æ" * n)


@pytest.fixture
def fuzz_hearing(db):
    return make_hearing()


def _check(reply, before):
    assert reply.status_code in (302, 400), reply.status_code
    after = Response.objects.count()
    if reply.status_code == 400:
        assert after == before
        assert b"error-summary" in reply.content
    else:
        assert after in (before, before + 1)
    for response in Response.objects.all():
        assert response.answers.count() == 4  # every stored response is whole
    assert Answer.objects.filter(response__isnull=True).count() == 0
    assert PathwayComment.objects.filter(response__isnull=True).count() == 0


@pytest.mark.django_db(transaction=False)
@FUZZ
@given(
    name=text,
    number=st.text(max_size=20),
    email=text,
    comment=st.one_of(text, huge),
    kind=text,
    stance=st.sampled_from(["ja", "nei", "delvis", "vet_ikke", "", "maybe", "<b>"]),
    category=text,
)
def test_arbitrary_text(client, fuzz_hearing, name, number, email, comment, kind, stance, category):
    from django.core.cache import cache

    cache.clear()
    question = fuzz_hearing.questions.first()
    data = form_data(
        fuzz_hearing,
        organisation_name=name,
        organisation_number=number,
        contact_email=email or "x@example.org",
        general_comment=comment,
        **{f"q{question.pk}_stance": stance, f"q{question.pk}_text": comment},
    )
    if kind:
        data["respondent_kind"] = kind[:30]
    if category:
        data["category"] = category[:30]
    before = Response.objects.count()
    _check(client.post(f"{fuzz_hearing.url}svar/", data), before)


@pytest.mark.django_db(transaction=False)
@FUZZ
@given(
    payload=st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=500).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=200).map(lambda b: docx_bytes()[:1500] + b),
        st.binary(max_size=200).map(lambda b: pdf_bytes()[:-30] + b),
    ),
    name=st.sampled_from(
        ["a.pdf", "a.docx", "a.odt", "a", "a.exe", "../../etc/passwd.pdf", "æøå.odt"]
    ),
)
def test_malformed_uploads(client, fuzz_hearing, payload, name):
    from django.core.cache import cache

    cache.clear()
    data = form_data(fuzz_hearing)
    data["attachment"] = SimpleUploadedFile(name, payload)
    before = Response.objects.count()
    reply = client.post(f"{fuzz_hearing.url}svar/", data)
    _check(reply, before)
    if reply.status_code == 302:
        assert Response.objects.order_by("-pk").first().attachment_type in ("pdf", "docx", "odt")
