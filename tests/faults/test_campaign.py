"""A campaign and a bot on deadline day, through the public form.

Many near-identical letters from different clients are ordinary democratic participation: every one
must be stored with a receipt, and the analysis must count them as one group so reviewers read the
letter once. A burst from a single client is something else: the rate limit stops it, and it must
not cost any other client a submission.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from hearings.models import DuplicateGroup, MailDelivery, Response, ResponseAnalysis
from hearings.services.analysis import analyse_hearing
from tests.hearings.helpers import form_data, make_hearing

pytestmark = pytest.mark.django_db

LETTER = (
    "Vi i aksjonen for et bedre psykisk helsevern krever at ventetiden i barne- og "
    "ungdomspsykiatrien halveres innen to år, at alle pasienter får en fast forløpskoordinator "
    "fra første samtale, at tilbudet skal være like godt uansett hvor i landet man bor, og at "
    "pårørende skal bli hørt når behandlingen planlegges og avsluttes. Pakkeforløpene må "
    "følges opp med penger og flere fagfolk, ikke bare med nye skjemaer og målinger."
)
TOWNS = ["Tromsø", "Bodø", "Molde", "Hamar", "Skien", "Arendal", "Førde", "Alta", "Steinkjer"]
OWN_WORDS = [
    "Kommunen vår mangler ambulante team, og fastlegene får ikke svar fra DPS i tide.",
    "Som erfaringskonsulent ser jeg at overgangen fra døgnbehandling hjem er det svakeste leddet.",
    "Rusbehandlingen må ha plass til pårørende, særlig barn som pårørende, i hele forløpet.",
]
REFERENCE_RE = re.compile(r'class="reference">([^<]+)<')


def _letter_data(hearing, text: str) -> dict:
    data = form_data(
        hearing,
        respondent_kind="privatperson",
        category="privatperson",
        organisation_name="",
        organisation_number="",
        general_comment=text,
    )
    for question in hearing.questions.all():  # campaign letters answer no question
        data[f"q{question.pk}_stance"] = data[f"q{question.pk}_text"] = ""
    return data


def _submit(hearing, data: dict, address: str) -> str:
    """Submit as the client at ``address``; return the reference on the receipt page."""
    client = Client(REMOTE_ADDR=address)
    reply = client.post(f"{hearing.url}svar/", data)
    assert reply.status_code == 302, (address, reply.status_code)
    receipt = client.get(reply["Location"])
    assert receipt.status_code == 200
    return REFERENCE_RE.search(receipt.content.decode()).group(1)


def test_campaign_copies_are_all_accepted_and_grouped_as_one(
    django_capture_on_commit_callbacks,
):
    hearing = make_hearing()
    mail.outbox = []
    campaign, others = {}, {}
    # Submissions are analysed as they arrive (on commit, as the task queue does it).
    with django_capture_on_commit_callbacks(execute=True):
        for i, town in enumerate(TOWNS):
            text = f"{LETTER}\n\nHilsen innbygger i {town}."
            if i % 3 == 1:
                text = text.replace("  ", " ").replace("halveres", "halveres raskt")
            campaign[_submit(hearing, _letter_data(hearing, text), f"198.51.100.{i + 1}")] = text
        for i, text in enumerate(OWN_WORDS):
            others[_submit(hearing, _letter_data(hearing, text), f"203.0.113.{i + 1}")] = text

    # Every receipt a client was shown is a stored, submitted response with the text it sent.
    assert len(campaign) == len(TOWNS) and len(others) == len(OWN_WORDS)
    stored = {r.reference: r for r in Response.objects.filter(hearing=hearing)}
    assert set(stored) == set(campaign) | set(others)
    for reference, text in {**campaign, **others}.items():
        assert stored[reference].status == "submitted"
        assert stored[reference].general_comment == text.replace("\r\n", "\n")
    receipts = MailDelivery.objects.filter(kind="receipt", response__hearing=hearing)
    assert receipts.count() == len(stored)
    assert {m.subject.rsplit(" ", 1)[-1] for m in mail.outbox} == set(stored)

    def groups() -> dict[str, str | None]:
        return {
            a.response.reference: (a.duplicate_group.key if a.duplicate_group else None)
            for a in ResponseAnalysis.objects.filter(response__hearing=hearing).select_related(
                "response", "duplicate_group"
            )
        }

    # Analysed on arrival: the copies joined one group as they came in.
    incremental = groups()
    assert set(incremental) == set(stored)
    assert len({incremental[ref] for ref in campaign}) == 1
    assert incremental[next(iter(campaign))] is not None
    assert all(incremental[ref] != incremental[next(iter(campaign))] for ref in others)

    # A whole-hearing run finds the same single group with every copy in it, and nothing else.
    analyse_hearing(hearing)
    after = groups()
    key = after[next(iter(campaign))]
    assert key == incremental[next(iter(campaign))]
    group = DuplicateGroup.objects.get(hearing=hearing, key=key)
    assert set(group.members.values_list("response__reference", flat=True)) == set(campaign)
    assert group.kind == DuplicateGroup.Kind.NEAR
    assert all(after[ref] is None for ref in others)


def test_a_burst_from_one_client_hits_the_limit_without_blocking_another(settings):
    settings.HEARINGS_RATE_LIMITS = {"response_post": (5, 3600)}
    hearing = make_hearing()
    bot, person = Client(REMOTE_ADDR="192.0.2.66"), Client(REMOTE_ADDR="192.0.2.77")
    bot_statuses, person_statuses = [], []
    for i in range(12):
        reply = bot.post(
            f"{hearing.url}svar/", _letter_data(hearing, f"{LETTER} Kopi nummer {i} fra roboten.")
        )
        bot_statuses.append(reply.status_code)
        if reply.status_code == 429:
            page = reply.content.decode()
            assert "mange skjema fra din maskin" in page
            assert f"Kopi nummer {i} fra roboten." in page  # what was typed is kept
        if i % 4 == 0:  # a real person submits in the middle of the burst
            answer = person.post(
                f"{hearing.url}svar/",
                _letter_data(hearing, f"Mitt eget svar nummer {i}: {OWN_WORDS[i % 3]}"),
            )
            person_statuses.append(answer.status_code)
    assert bot_statuses == [302] * 5 + [429] * 7
    assert person_statuses == [302, 302, 302]
    texts = list(Response.objects.filter(hearing=hearing).values_list("general_comment", flat=True))
    assert sum("fra roboten" in t for t in texts) == 5
    assert sum(t.startswith("Mitt eget svar") for t in texts) == 3
