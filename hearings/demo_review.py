"""Demo content that shows what the review workspace can do (all invented, marked ``is_demo``).

* A campaign letter sent many times, some copies lightly edited, so the analysis groups them as
  duplicates and the duplicate filter and "per distinct text" figures have something to show.
* An earlier round: a 2017–2018 hearing on one of the same pathways with analysed responses, so
  "Sammenlign runder" has two rounds to put side by side.
* The publication rule: a response is never left approved while one of its personal-data flags
  is only proposed (the demo approves responses before the analysis flags them).

Called from :func:`hearings.demo.load_hearing_demo`. Idempotent: each part checks what exists.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from guidelines.models import ProposalIndexPage
from guidelines.services import proposal_create_from_pathway

from .demo_texts import (
    CAMPAIGN_EDITS,
    CAMPAIGN_LETTER,
    EARLIER_OPENINGS,
    EARLIER_SENTENCES,
    ORGANISATIONS,
)
from .models import (
    Answer,
    HearingPage,
    HearingProposal,
    HearingQuestion,
    PathwayComment,
    PersonalDataFlag,
    RespondentKind,
    Response,
    ResponseStatus,
    ReviewStatus,
    StakeholderGroup,
)
from .questions import default_question_rows
from .services.responses import response_new_reference

OSLO = ZoneInfo("Europe/Oslo")
CAMPAIGN_EMAIL = "kampanje{n}@eksempel.invalid"
EARLIER_SLUG = "pakkeforlop-2017"
EARLIER_REVISION = "Høring 2017–2018"
EARLIER_PER_CATEGORY = 3
LETTER = (
    "<p>Helsedirektoratet sender med dette forslag til endringer i de nasjonale pasientforløpene for psykisk "
    "helse og rus på høring. Forslagene skal gjøre forløpene enklere å bruke, styrke samhandlingen mellom "
    "tjenestene, bidra til likeverdige tjenester og øke brukermedvirkningen.</p>"
    "<p>Vi ber særlig om svar på de fire spørsmålene nedenfor. Svar gjerne for hvert forløp der det er "
    "relevant. Alle kan svare, også de som ikke står på listen over høringsinstanser.</p>"
)


# Campaign ---------------------------------------------------------------------------------------


def ensure_hearing(index, proposals, *, slug, title, reference, opens_at, deadline) -> HearingPage:
    existing = HearingPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    hearing = HearingPage(
        title=title,
        slug=slug,
        reference_number=reference,
        hearing_letter=LETTER,
        opens_at=opens_at,
        deadline=deadline,
        contact_name="Seksjon for psykisk helse og rus",
        contact_email="horing@pasientforlop.example",
    )
    for order, row in enumerate(default_question_rows()):
        hearing.questions.add(HearingQuestion(sort_order=order, **row))
    for order, proposal in enumerate(proposals):
        hearing.proposal_links.add(HearingProposal(sort_order=order, proposal=proposal))
    hearing.recipients = list(StakeholderGroup.objects.all())
    index.add_child(instance=hearing)
    hearing.save_revision().publish()
    return hearing


# Responses -------------------------------------------------------------------------------------


def ensure_campaign(hearing: HearingPage) -> int:
    """Add the campaign copies to ``hearing`` once; returns how many were created."""
    if Response.objects.filter(hearing=hearing, contact_email__startswith="kampanje").exists():
        return 0
    questions = {q.code: q for q in hearing.questions.all()}
    with transaction.atomic():
        for number, edit in enumerate(CAMPAIGN_EDITS, start=1):
            _campaign_copy(hearing, questions, number, edit)
    return len(CAMPAIGN_EDITS)


def _campaign_copy(hearing, questions, number: int, edit: str) -> Response:
    # The letter arrives in a burst in the last days before the deadline, as campaigns do.
    submitted = datetime(2024, 5, 6, 9, tzinfo=OSLO) + timedelta(hours=5 * number)
    response = Response.objects.create(
        hearing=hearing,
        reference=response_new_reference(now=submitted),
        status=ResponseStatus.SUBMITTED,
        respondent_kind=RespondentKind.PRIVATE,
        category="privatperson",
        contact_name=f"Kampanjedeltaker {number} (oppdiktet)",
        contact_email=CAMPAIGN_EMAIL.format(n=number),
        general_comment=CAMPAIGN_LETTER["general"] + edit,
        publication_choice="uten_navn",
        updated_at=submitted,
        submitted_at=submitted,
        is_demo=True,
        review_status=ReviewStatus.PENDING,
    )
    for code in ("Q1", "Q3"):
        if code in questions:
            stance, text = CAMPAIGN_LETTER[code]
            Answer.objects.create(
                response=response, question=questions[code], stance=stance, text=text
            )
    return response


# Earlier round ----------------------------------------------------------------------------------


def ensure_earlier_round(index, later: HearingPage, stdout=None) -> HearingPage | None:
    """A closed 2017–2018 hearing on the first pathway of ``later``, with invented responses."""
    existing = HearingPage.objects.filter(slug=EARLIER_SLUG).first()
    if existing:
        return existing
    link = later.proposal_links.select_related("proposal").order_by("sort_order").first()
    if link is None:
        return None
    proposal = _earlier_proposal(link.proposal.specific.pathway)
    hearing = ensure_hearing(
        index,
        [proposal],
        slug=EARLIER_SLUG,
        title=f"Høring 2017–2018: utkast til {_lower_first(proposal.pathway.title)}",
        reference="17/04321",
        opens_at=datetime(2017, 10, 2, 9, 0, tzinfo=OSLO),
        deadline=date(2018, 1, 15),
    )
    _earlier_responses(hearing, proposal)
    return hearing


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _earlier_proposal(pathway):
    proposal = proposal_create_from_pathway(
        pathway=pathway,
        parent=ProposalIndexPage.objects.first(),
        revision_name=EARLIER_REVISION,
    )
    proposal.title = f"Utkast (høring 2017–2018): {pathway.title}"
    proposal.slug = f"{pathway.slug}-utkast-2017"
    proposal.summary = (
        "<p>Oppdiktet demo: utkastet som var på høring i 2017–2018, før de første "
        "pakkeforløpene ble innført.</p>"
    )
    proposal.save_revision().publish()
    return proposal


def _earlier_paragraph(rng: random.Random, goals: list[str]) -> str:
    sentences = [rng.choice(EARLIER_SENTENCES[goal]) for goal in goals]
    if rng.random() < 0.4:
        sentences.append(rng.choice(EARLIER_SENTENCES["other"]))
    return " ".join(sentences)


def _earlier_responses(hearing: HearingPage, proposal) -> int:
    rng = random.Random(2017)  # reproducible demo data
    questions = list(hearing.questions.order_by("sort_order"))
    created = 0
    with transaction.atomic():
        for category, names in ORGANISATIONS.items():
            for number, name in enumerate(names[:EARLIER_PER_CATEGORY]):
                _earlier_response(hearing, proposal, questions, rng, category, name, number)
                created += 1
    return created


def _earlier_response(hearing, proposal, questions, rng, category, name, number) -> Response:
    private = category == "privatperson"
    submitted = datetime(2017, 11, 1, 10, tzinfo=OSLO) + timedelta(hours=rng.randint(0, 1700))
    response = Response.objects.create(
        hearing=hearing,
        reference=response_new_reference(now=submitted),
        status=ResponseStatus.SUBMITTED,
        respondent_kind=RespondentKind.PRIVATE if private else RespondentKind.ORGANISATION,
        organisation_name="" if private else f"{name} (oppdiktet)",
        category=category,
        contact_name=f"{name} (oppdiktet)" if private else "Kontaktperson (oppdiktet)",
        contact_email=f"demo2017{category}{number}@eksempel.invalid",
        general_comment=f"{rng.choice(EARLIER_OPENINGS)} {_earlier_paragraph(rng, ['other'])}",
        publication_choice=rng.choices(["full", "uten_navn", "ikke"], weights=[7, 2, 1])[0],
        updated_at=submitted,
        submitted_at=submitted,
        is_demo=True,
        review_status=ReviewStatus.APPROVED if rng.random() < 0.7 else ReviewStatus.PENDING,
    )
    focus = {"Q1": ["G1", "G2", "G3", "G4", "G5"], "Q2": ["G1", "G4"], "Q3": ["G2"], "Q4": ["G3"]}
    for question in questions:
        pool = focus.get(question.code, ["G1", "G2"])
        Answer.objects.create(
            response=response,
            question=question,
            stance=rng.choices(["ja", "delvis", "nei", "vet_ikke"], weights=[4, 4, 2, 1])[0],
            text=_earlier_paragraph(rng, rng.sample(pool, k=min(2, len(pool)))),
        )
    if rng.random() < 0.5:
        PathwayComment.objects.create(
            response=response,
            proposal=proposal,
            pathway_id=proposal.pathway_id,
            text=_earlier_paragraph(rng, [f"G{rng.randint(1, 5)}"]),
        )
    return response


# Publication rule -------------------------------------------------------------------------------


def unapprove_unscreened(hearing: HearingPage) -> int:
    """Demo responses approved before the analysis flagged personal data go back to pending.

    ``response_approve`` refuses a response with proposed flags; the demo sets statuses directly
    when it creates responses, so it keeps the same rule afterwards.
    """
    open_flags = PersonalDataFlag.objects.filter(decision=PersonalDataFlag.Decision.PROPOSED)
    responses = Response.objects.filter(
        hearing=hearing,
        is_demo=True,
        review_status=ReviewStatus.APPROVED,
        pk__in=open_flags.values("response_id"),
    )
    count = 0
    for response in responses:  # save(), not update(): the search index follows saves
        response.review_status = ReviewStatus.PENDING
        response.reviewed_at = response.reviewed_by = None
        response.save(update_fields=["review_status", "reviewed_at", "reviewed_by"])
        count += 1
    return count
