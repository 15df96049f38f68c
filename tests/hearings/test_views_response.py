import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hearings.models import Answer, Response

from .helpers import docx_bytes, form_data, make_hearing, zip_bytes

pytestmark = pytest.mark.django_db


def test_form_renders_accessibly(client, hearing):
    body = client.get(f"{hearing.url}svar/").content.decode()
    assert body.count("<fieldset") >= 6  # kind, four stances, publication
    assert "<legend>Vil utkastene bidra til å oppnå de fem målene?" in body
    assert 'class="honeypot"' in body and 'tabindex="-1"' in body
    assert 'name="form_token"' in body


def test_errors_are_summarised_and_typed_text_kept(client, hearing):
    data = form_data(
        hearing,
        organisation_number="123456789",
        contact_email="ikke-epost",
        general_comment="Teksten min skal ikke forsvinne æøå",
    )
    reply = client.post(f"{hearing.url}svar/", data)
    body = reply.content.decode()
    assert reply.status_code == 400
    assert 'id="error-summary"' in body
    assert 'href="#id_organisation_number"' in body and 'href="#id_contact_email"' in body
    assert 'aria-invalid="true"' in body
    assert "Teksten min skal ikke forsvinne æøå" in body
    assert Response.objects.count() == 0


def test_html_is_refused(client, hearing):
    question = hearing.questions.first()
    reply = client.post(
        f"{hearing.url}svar/", form_data(hearing, **{f"q{question.pk}_text": "<script>x</script>"})
    )
    assert reply.status_code == 400
    assert "HTML" in reply.content.decode()
    assert Response.objects.count() == 0


def test_too_long_text_is_refused(client, hearing):
    reply = client.post(f"{hearing.url}svar/", form_data(hearing, general_comment="a" * 20_001))
    assert reply.status_code == 400
    assert Response.objects.count() == 0


def test_honeypot_drops_bot_submissions_silently(client, hearing):
    mail.outbox.clear()
    reply = client.post(f"{hearing.url}svar/", form_data(hearing, website="http://spam.example"))
    body = reply.content.decode()
    assert reply.status_code == 200
    assert "Skjemaet er mottatt" in body
    assert "Nettsted" not in body and "error-summary" not in body
    assert Response.objects.count() == 0 and mail.outbox == []
    link = client.post(f"{hearing.url}svar/lenke/", {"email": "ola@example.org", "website": "x"})
    assert link.status_code == 200 and mail.outbox == []


def test_private_person_needs_no_organisation(client, hearing):
    data = form_data(
        hearing,
        respondent_kind="privatperson",
        organisation_name="",
        organisation_number="",
        category="",
    )
    reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302
    response = Response.objects.get()
    assert response.category == "privatperson" and response.organisation_name == ""


def test_organisation_needs_a_name(client, hearing):
    reply = client.post(f"{hearing.url}svar/", form_data(hearing, organisation_name=""))
    assert reply.status_code == 400
    assert "Skriv navnet på virksomheten" in reply.content.decode()


def test_empty_submission_refused_but_empty_draft_allowed(client, hearing):
    data = form_data(hearing)
    for key in list(data):
        if key.startswith("q"):
            data[key] = ""
    assert client.post(f"{hearing.url}svar/", data).status_code == 400
    data["action"] = "draft"
    assert client.post(f"{hearing.url}svar/", data).status_code == 302


def test_double_submit_gives_one_response_and_same_receipt(client, hearing):
    data = form_data(hearing)
    first = client.post(f"{hearing.url}svar/", data)
    second = client.post(f"{hearing.url}svar/", data)
    assert first.status_code == second.status_code == 302
    assert Response.objects.count() == 1
    receipt = client.get(second["Location"]).content.decode()
    assert Response.objects.get().reference in receipt


def test_draft_link_edit_and_submit_flow(client, hearing):
    data = form_data(hearing, action="draft")
    reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302
    link = re.search(r"http://testserver(/\S+/svar/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert "Fiktiv forening for test" in page.content.decode()
    version = re.search(r'name="version" value="(\d+)"', page.content.decode()).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    edited = form_data(
        hearing, version=version, form_token=token, general_comment="Lagt til senere"
    )
    reply = client.post(link, edited)
    assert reply.status_code == 302 and "kvittering" in reply["Location"]
    response = Response.objects.get()
    assert response.status == "submitted" and response.general_comment == "Lagt til senere"
    assert "Kvittering" in mail.outbox[-1].subject


def test_conflict_keeps_second_savers_text(client, hearing):
    client.post(f"{hearing.url}svar/", form_data(hearing, action="draft"))
    link = re.search(r"http://testserver(/\S+/svar/\S+/)", mail.outbox[0].body).group(1)
    version = str(Response.objects.get().version)
    client.post(
        link, form_data(hearing, action="draft", version=version, general_comment="Kollega A")
    )
    reply = client.post(
        link, form_data(hearing, action="draft", version=version, general_comment="Kollega B")
    )
    assert reply.status_code == 409
    body = reply.content.decode()
    assert "Kollega B" in body and "Noen andre lagret" in body
    assert Response.objects.get().general_comment == "Kollega A"
    new_version = re.search(r'name="version" value="(\d+)"', body).group(1)
    again = client.post(
        link, form_data(hearing, action="draft", version=new_version, general_comment="Kollega B")
    )
    assert again.status_code == 302
    assert Response.objects.get().general_comment == "Kollega B"


def test_forged_link_is_refused(client, hearing):
    reply = client.get(f"{hearing.url}svar/eyJmb3JnZWQiOjF9/")
    assert reply.status_code == 400
    assert "Lenken virker ikke" in reply.content.decode()


def test_after_deadline_the_form_says_when_it_closed(client):
    hearing = make_hearing(
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.localdate() - timedelta(days=1),
    )
    page = client.get(f"{hearing.url}svar/")
    assert "Høringen er stengt" in page.content.decode()
    reply = client.post(f"{hearing.url}svar/", form_data(hearing))
    assert reply.status_code == 403
    deadline = hearing.deadline
    assert f"{deadline.day}." in reply.content.decode() and "23.59" in reply.content.decode()
    assert Response.objects.count() == 0


def test_rate_limit_on_submissions(client, hearing, settings):
    settings.HEARINGS_RATE_LIMITS = {"response_post": (2, 3600)}
    for _ in range(2):
        assert client.post(f"{hearing.url}svar/", form_data(hearing)).status_code == 302
    reply = client.post(f"{hearing.url}svar/", form_data(hearing, general_comment="Min tekst"))
    assert reply.status_code == 429
    assert "Min tekst" in reply.content.decode()
    assert Response.objects.count() == 2


def test_link_request_is_rate_limited_and_does_not_reveal(client, hearing, settings):
    settings.HEARINGS_RATE_LIMITS = {"link_request": (2, 3600)}
    client.post(f"{hearing.url}svar/", form_data(hearing, action="draft"))
    mail.outbox.clear()
    known = client.post(f"{hearing.url}svar/lenke/", {"email": "ola@example.org"})
    unknown = client.post(f"{hearing.url}svar/lenke/", {"email": "ukjent@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert len(mail.outbox) == 1 and "/svar/" in mail.outbox[0].body
    assert client.post(f"{hearing.url}svar/lenke/", {"email": "ola@example.org"}).status_code == 429


def test_upload_type_checked_in_form(client, hearing):
    data = form_data(hearing)
    data["attachment"] = SimpleUploadedFile("falsk.pdf", zip_bytes())
    reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 400
    assert "samsvarer ikke" in reply.content.decode()
    data = form_data(hearing)
    data["attachment"] = SimpleUploadedFile("svar.docx", docx_bytes())
    assert client.post(f"{hearing.url}svar/", data).status_code == 302
    assert Response.objects.get().attachment_name == "svar.docx"


def test_section_comments_are_stored_with_section_ids(client, hearing):
    proposal = hearing.proposal_links.first().proposal.specific
    block = list(proposal.body.raw_data)[1]
    data = form_data(
        hearing,
        **{f"p{proposal.pk}": "Generelt om forløpet", f"s{proposal.pk}_1": "Om forløpstidene"},
    )
    assert client.post(f"{hearing.url}svar/", data).status_code == 302
    comments = {c.section_id: c for c in Response.objects.get().pathway_comments.all()}
    assert comments[""].text == "Generelt om forløpet"
    assert comments[block["id"]].section_heading == "Forløpstider"
    assert comments[block["id"]].pathway_id == proposal.pathway_id
    assert Answer.objects.count() == 4


def test_conflict_keeps_the_uploaded_attachment(client, hearing):
    client.post(f"{hearing.url}svar/", form_data(hearing, action="draft"))
    link = re.search(r"http://testserver(/\S+/svar/\S+/)", mail.outbox[0].body).group(1)
    version = str(Response.objects.get().version)
    client.post(
        link, form_data(hearing, action="draft", version=version, general_comment="Kollega A")
    )
    data = form_data(hearing, action="draft", version=version, general_comment="Kollega B")
    content = docx_bytes()  # once: a .docx embeds the time it was made
    data["attachment"] = SimpleUploadedFile("innspill.docx", content)
    reply = client.post(link, data)
    body = reply.content.decode()
    assert reply.status_code == 409
    assert "Vedlegget innspill.docx er tatt vare på" in body
    assert not Response.objects.get().attachment
    held = re.search(r'name="held_attachment" value="([^"]+)"', body).group(1)
    new_version = re.search(r'name="version" value="(\d+)"', body).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', body).group(1)
    again = form_data(
        hearing,
        action="draft",
        version=new_version,
        general_comment="Kollega B",
        held_attachment=held,
        form_token=token,
    )
    assert client.post(link, again).status_code == 302
    response = Response.objects.get()
    assert response.general_comment == "Kollega B" and response.attachment_name == "innspill.docx"
    with response.attachment.open("rb") as handle:
        assert handle.read() == content


def test_held_attachment_token_cannot_be_reused_by_another_form(client, hearing):
    data = form_data(hearing, contact_email="ikke-epost")
    data["attachment"] = SimpleUploadedFile("innspill.docx", docx_bytes())
    body = client.post(f"{hearing.url}svar/", data).content.decode()
    assert "Vedlegget innspill.docx er tatt vare på" in body
    held = re.search(r'name="held_attachment" value="([^"]+)"', body).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', body).group(1)
    other = form_data(hearing, held_attachment=held)  # a different form token
    assert client.post(f"{hearing.url}svar/", other).status_code == 302
    assert not Response.objects.get().attachment
    fixed = form_data(
        hearing, held_attachment=held, form_token=token, organisation_name="Andre forening"
    )
    Response.objects.all().delete()
    assert client.post(f"{hearing.url}svar/", fixed).status_code == 302
    assert Response.objects.get().attachment_name == "innspill.docx"
