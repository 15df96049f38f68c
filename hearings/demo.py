"""Demo content for hearings: the 2024 revision proposals, two hearings and invented responses.

Called by ``manage.py load_demo`` after the pathway demo content exists. Idempotent: what already
exists is left alone. Every sample response is marked ``is_demo=True`` and carries an obviously
invented organisation name.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission

from cms.models import HomePage
from guidelines.demo import EDITORS_GROUP
from guidelines.models import PathwayPage, ProposalIndexPage, RevisionProposalPage
from guidelines.services import proposal_create_from_pathway

from .demo_letters import ensure_letters
from .demo_review import (
    EARLIER_REVISION,
    ensure_campaign,
    ensure_earlier_round,
    ensure_hearing,
    unapprove_unscreened,
)
from .demo_texts import GOAL_SENTENCES, OPENINGS, ORGANISATIONS
from .models import (
    Answer,
    HearingIndexPage,
    HearingPage,
    PathwayComment,
    RespondentKind,
    Response,
    ResponseStatus,
    ReviewStatus,
)
from .selectors import hearing_proposals, proposal_sections
from .services.analysis import analyse_hearing
from .services.responses import response_new_reference

OSLO = ZoneInfo("Europe/Oslo")
REVISION_SLUG = "revisjon-2024"
OPEN_DEMO_SLUG = "demohoring"
RESPONSES_PER_CATEGORY = 6

RATIONALES = {
    "pathway_times": "Forslaget slår sammen forløpstider og fjerner dem som i liten grad ble brukt, slik at "
    "tjenestene kan konsentrere seg om de tidene som betyr mest for pasientene.",
    "coordinator": "Tjenestene har meldt at samarbeidet mellom spesialisthelsetjenesten og kommunen svikter "
    "ved overganger. Koordinatoren får derfor et tydeligere ansvar for å involvere kommunen tidlig.",
    "somatic_health": "Tilbudet skal være likeverdig uansett bosted. Teksten beskriver nå hva som skal gjøres "
    "også der fagmiljøet er lite, blant annet med digitale konsultasjoner.",
    "text": "Brukermedvirkning skal prege hele forløpet. Pasientens egne mål og pårørendes erfaringer nevnes "
    "nå eksplisitt i teksten.",
}


def _log(stdout, message: str) -> None:
    (stdout or sys.stdout).write(message + "\n")


def load_hearing_demo(stdout=None) -> None:
    home = HomePage.objects.first()
    if home is None:
        _log(stdout, "Hearings demo: no home page, skipped.")
        return
    index = HearingIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=HearingIndexPage(
                title="Høringer",
                slug="horinger",
                introduction="<p>Her finner du høringer om de nasjonale pasientforløpene.</p>",
            )
        )
        index.save_revision().publish()
    _ensure_editor_permissions(index)
    proposals = _ensure_proposals(stdout)
    closed = ensure_hearing(
        index,
        proposals,
        slug=REVISION_SLUG,
        title="Høring: videreutvikling av de nasjonale pasientforløpene for psykisk helse og rus",
        reference="23/12345",
        opens_at=datetime(2024, 2, 12, 9, 0, tzinfo=OSLO),
        deadline=date(2024, 5, 8),
    )
    ensure_hearing(
        index,
        proposals,
        slug=OPEN_DEMO_SLUG,
        title="Demohøring: prøv å svare på forslagene",
        reference="99/00001",
        opens_at=timezone.now() - timedelta(days=1),
        deadline=timezone.localdate() + timedelta(days=60),
    )
    created = _ensure_responses(closed)
    campaign = ensure_campaign(closed)
    _log(
        stdout,
        f"Hearings demo: {len(proposals)} proposals, 2 hearings, {created} new invented responses, "
        f"{campaign} new campaign copies.",
    )
    _analyse(closed, stdout)
    earlier = ensure_earlier_round(index, closed)
    if earlier is not None:
        letters = ensure_letters(earlier)
        _log(stdout, f"Hearings demo: {letters} new invented letters in the 2017–2018 round.")
        _analyse(earlier, stdout)
    for hearing in (closed, earlier):
        if hearing is not None and (reopened := unapprove_unscreened(hearing)):
            _log(stdout, f"Hearings demo: {reopened} responses wait for the personal-data check.")


def _ensure_editor_permissions(index: HearingIndexPage) -> None:
    """Editors open hearings and adopt proposals after them, so they add and publish hearing pages."""
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def _analyse(hearing: HearingPage, stdout) -> None:
    """Analyse the demo responses so a newcomer sees goals and themes; unchanged ones are skipped."""
    run = analyse_hearing(hearing)
    _log(stdout, f"Hearings demo: analysis {run.status}, {hearing.passages.count()} passages.")


# Proposals -------------------------------------------------------------------------------------


def _ensure_proposals(stdout) -> list:
    existing = list(
        RevisionProposalPage.objects.live().exclude(revision_name=EARLIER_REVISION).specific()
    )
    if existing:
        return existing
    parent = ProposalIndexPage.objects.first()
    if parent is None:
        _log(stdout, "Hearings demo: no proposal index page, no proposals made.")
        return []
    proposals = []
    for pathway in PathwayPage.objects.live().specific().order_by("title"):
        proposal = proposal_create_from_pathway(pathway=pathway, parent=parent)
        _revise(proposal)
        proposal.save_revision().publish()
        proposals.append(proposal)
    return proposals


def _revise(proposal) -> None:
    """Write the demo changes: simpler times, closer cooperation, equal services, user involvement."""
    body = list(proposal.body.raw_data)
    touched_text = False
    for block in body:
        value = block["value"]
        kind = block["type"]
        if kind == "pathway_times" and value.get("times"):
            first = value["times"][0]
            first["comment"] = "Forenklet: én forløpstid erstatter to tidligere."
            value["times"] = value["times"][:2]
            value["rationale"] = RATIONALES["pathway_times"]
        elif kind == "coordinator":
            value["body"] += (
                "<p>Koordinatoren avtaler tidlig i forløpet hvem i kommunen som skal følge opp "
                "etter utskrivning, og inviterer dem til samarbeidsmøter.</p>"
            )
            value["rationale"] = RATIONALES["coordinator"]
        elif kind == "somatic_health":
            value["body"] += (
                "<p>Kartlegging og oppfølging av somatisk helse skal tilbys likt i hele landet, "
                "også der tjenesten må bruke digitale konsultasjoner.</p>"
            )
            value["rationale"] = RATIONALES["somatic_health"]
        elif kind in ("text_section", "phase") and not touched_text:
            value["body"] += (
                "<p>Pasienten og pårørende skal være med på å bestemme målene for forløpet, "
                "og målene skrives inn i behandlingsplanen.</p>"
            )
            value["rationale"] = RATIONALES["text"]
            touched_text = True
    proposal.body = body
    proposal.summary = (
        "<p>Forslaget forenkler forløpet, styrker samarbeidet mellom tjenestene, skal gi et "
        "likeverdig tilbud i hele landet og gir brukerne større innflytelse.</p>"
    )


# Hearings --------------------------------------------------------------------------------------


def _paragraph(rng: random.Random, lang: str, goals: list[str]) -> str:
    bank = GOAL_SENTENCES[lang]
    sentences = [rng.choice(bank[goal]) for goal in goals]
    if rng.random() < 0.4:
        sentences.append(rng.choice(bank["other"]))
    return " ".join(sentences)


def _ensure_responses(hearing: HearingPage) -> int:
    if Response.objects.filter(hearing=hearing, is_demo=True).exists():
        return 0
    rng = random.Random(2024)  # reproducible demo data
    questions = list(hearing.questions.order_by("sort_order"))
    proposals = hearing_proposals(hearing=hearing)
    created = 0
    with transaction.atomic():
        for category, names in ORGANISATIONS.items():
            for number, name in enumerate(names[:RESPONSES_PER_CATEGORY]):
                _make_response(hearing, questions, proposals, rng, category, name, number)
                created += 1
    return created


def _make_response(hearing, questions, proposals, rng, category, name, number) -> Response:
    lang = "nn" if rng.random() < 0.25 else "nb"
    private = category == "privatperson"
    submitted = datetime(2024, 4, 1, 10, tzinfo=OSLO) + timedelta(hours=rng.randint(0, 900))
    choice = rng.choices(["full", "uten_navn", "ikke"], weights=[7, 2, 1])[0]
    response = Response.objects.create(
        hearing=hearing,
        reference=response_new_reference(now=submitted),
        status=ResponseStatus.SUBMITTED,
        respondent_kind=RespondentKind.PRIVATE if private else RespondentKind.ORGANISATION,
        organisation_name="" if private else f"{name} (oppdiktet)",
        category=category,
        contact_name=f"{name} (oppdiktet)" if private else "Kontaktperson (oppdiktet)",
        contact_email=f"demo{category}{number}@eksempel.invalid",
        general_comment=f"{rng.choice(OPENINGS[lang])} {_paragraph(rng, lang, [f'G{rng.randint(1, 5)}'])}",
        publication_choice=choice,
        updated_at=submitted,
        submitted_at=submitted,
        is_demo=True,
        review_status=ReviewStatus.APPROVED if rng.random() < 0.6 else ReviewStatus.PENDING,
    )
    focus = {"Q1": ["G1", "G2", "G3", "G4", "G5"], "Q2": ["G1", "G4"], "Q3": ["G2"], "Q4": ["G3"]}
    for question in questions:
        pool = focus.get(question.code, ["G1", "G2"])
        goals = rng.sample(pool, k=min(2, len(pool)))
        Answer.objects.create(
            response=response,
            question=question,
            stance=rng.choices(["ja", "delvis", "nei", "vet_ikke"], weights=[4, 4, 2, 1])[0],
            text=_paragraph(rng, lang, goals),
        )
    if proposals and rng.random() < 0.5:
        proposal = rng.choice(proposals)
        sections = proposal_sections(proposal=proposal)
        section = (
            rng.choice(sections) if sections and rng.random() < 0.6 else {"id": "", "heading": ""}
        )
        PathwayComment.objects.create(
            response=response,
            proposal=proposal,
            pathway_id=proposal.pathway_id,
            section_id=section["id"],
            section_heading=section["heading"],
            text=_paragraph(rng, lang, [f"G{rng.randint(1, 5)}"]),
        )
    return response
