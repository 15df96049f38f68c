"""Hand-counted review fixtures, built row by row (no analysis run), so every figure is known.

The standard world (``build_world``), all responses submitted:

====  ==============  ===========  =========  ========  =====  ===============================
ref   category        publication  review     day       dup    answers (Q1 / Q2)
====  ==============  ===========  =========  ========  =====  ===============================
R1    bruker          full         approved   1 March          ja / delvis, + pathway comment
R2    kommune         uten_navn    approved   1 March   D      nei / ja
R3    kommune         ikke         approved   2 March   D      nei
R4    privatperson    full         pending    2 March          vet_ikke
R5    helseforetak    full         approved   3 March          delvis, + pathway comment
====  ==============  ===========  =========  ========  =====  ===============================

Passages (machine goals → machine theme, confidence):

* P1 R1/Q1 G1 → T1 (0.9)            * P5 R4/Q1 G2 → T2 (0.3)
* P2 R1/Q1 G3 → T3 (0.4)            * P6 R5/Q1 G1 → T1, G2 → T2 (0.7), personal-data flag
* P3 R2/Q1 G3 → T3 (0.6)            * P7 R1/comment G2 → T2 (0.8), no question
* P4 R3/Q1 G3 → T3 (0.6)            * P8 R2/Q2 no goal (0.2)

Effective counts: G1 = 2 (Q1 2), G2 = 3 (Q1 2, none 1), G3 = 3 (Q1 3); T1 2, T2 3, T3 3, T3b 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from hearings.models import (
    Answer,
    DuplicateGroup,
    GoalLabel,
    HearingPage,
    Passage,
    PassageTheme,
    PathwayComment,
    PersonalDataFlag,
    Response,
    ResponseAnalysis,
    Theme,
    ThemeSet,
)
from tests.hearings.helpers import make_hearing, make_pathway, make_proposal

OSLO = ZoneInfo("Europe/Oslo")
_counter = {"n": 0}


def review_permission():
    """The one reviewer permission (``hearings.permissions.REVIEW_PERMISSION``)."""
    return Permission.objects.get(content_type__app_label="hearings", codename="change_response")


def make_user(
    username: str, *, reviewer: bool = False, editor: bool = False, superuser: bool = False
):
    User = get_user_model()
    user = User.objects.create_user(username, f"{username}@example.org", "passord-123")
    user.is_superuser = user.is_staff = superuser
    user.save()
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, wanted in (("Saksbehandler", reviewer), ("Redaktør", editor)):
        if wanted:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(access)
            if name == "Saksbehandler":
                group.permissions.add(review_permission())
            user.groups.add(group)
    return user


def make_response(
    hearing: HearingPage,
    reference: str,
    *,
    category: str = "bruker",
    kind: str = "organisasjon",
    name: str = "Fiktiv forening",
    publication: str = "full",
    review: str = "approved",
    day: int = 1,
    answers: dict | None = None,
    contact_name: str = "Kari Kontakt",
) -> Response:
    """``answers`` maps question code to (stance, text)."""
    when = datetime(2024, 3, day, 12, 0, tzinfo=OSLO)
    response = Response.objects.create(
        hearing=hearing,
        reference=reference,
        status="submitted",
        respondent_kind=kind,
        organisation_name=name if kind == "organisasjon" else "",
        category=category,
        contact_name=contact_name,
        contact_email=f"{reference.lower()}@example.org",
        publication_choice=publication,
        review_status=review,
        updated_at=when,
        submitted_at=when,
    )
    questions = {q.code: q for q in hearing.questions.all()}
    for code, (stance, text) in (answers or {}).items():
        Answer.objects.create(response=response, question=questions[code], stance=stance, text=text)
    return response


def make_comment(response: Response, proposal, text: str, section_id: str = "", heading: str = ""):
    return PathwayComment.objects.create(
        response=response,
        proposal=proposal,
        pathway=proposal.pathway,
        section_id=section_id,
        section_heading=heading,
        text=text,
    )


def make_theme(
    hearing: HearingPage, goal: str, label: str, terms: list[str] | None = None
) -> Theme:
    theme_set, _ = ThemeSet.objects.get_or_create(hearing=hearing, goal=goal, generation=1)
    _counter["n"] += 1
    return Theme.objects.create(
        theme_set=theme_set,
        hearing=hearing,
        goal=goal,
        key=f"t{_counter['n']}",
        label=label,
        machine_label=label,
        terms=terms or [],
    )


def make_passage(
    response: Response,
    text: str,
    *,
    answer: Answer | None = None,
    comment: PathwayComment | None = None,
    goals: dict[str, Theme | None] | None = None,
    confidence: float = 1.0,
    index: int = 0,
) -> Passage:
    """A passage at ``text``'s offset in the answer or comment, with machine goals and themes."""
    if answer is not None:
        source, source_id, full = "answer", answer.pk, answer.text
        question, stance, pathway = answer.question, answer.stance, None
    else:
        source, source_id, full = "pathway_comment", comment.pk, comment.text
        question, stance, pathway = None, "", comment.pathway
    start = full.index(text)
    passage = Passage.objects.create(
        hearing=response.hearing,
        response=response,
        source=source,
        source_id=source_id,
        index=index,
        start=start,
        end=start + len(text),
        text=text,
        question=question,
        pathway=pathway,
        proposal=comment.proposal if comment else None,
        section_id=comment.section_id if comment else "",
        category=response.category,
        stance=stance,
        confidence=confidence,
        scores={g: 0.9 for g in (goals or {})},
    )
    for goal, theme in (goals or {}).items():
        GoalLabel.objects.create(passage=passage, goal=goal, source="machine", score=0.9)
        if theme is not None:
            PassageTheme.objects.create(
                passage=passage, theme=theme, goal=goal, source="machine", similarity=confidence
            )
    return passage


@dataclass
class World:
    hearing: HearingPage
    proposal: object
    responses: dict = field(default_factory=dict)
    passages: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)
    flag: PersonalDataFlag | None = None
    group: DuplicateGroup | None = None


def build_world(
    *, slug: str = "horing-2024", pathway_slug: str = "tsb", deadline=None, prefix: str = ""
) -> World:
    pathway = make_pathway(slug=pathway_slug)
    proposal = make_proposal(pathway=pathway)
    hearing = make_hearing(proposals=[proposal], slug=slug, deadline=deadline)
    w = World(hearing=hearing, proposal=proposal)
    r = w.responses
    r["R1"] = make_response(
        hearing,
        prefix + "R1",
        category="bruker",
        name="Brukerforeningen",
        day=1,
        answers={
            "Q1": ("ja", "Brukermedvirkning er viktig. Ventetiden er for lang."),
            "Q2": ("delvis", "Nyttig for pasienter."),
        },
    )
    dup_text = "Ventetiden i kommunen er for lang."
    r["R2"] = make_response(
        hearing,
        prefix + "R2",
        category="kommune",
        name="Fjordvik kommune",
        publication="uten_navn",
        day=1,
        answers={"Q1": ("nei", dup_text), "Q2": ("ja", "Ingen merknader.")},
    )
    r["R3"] = make_response(
        hearing,
        prefix + "R3",
        category="kommune",
        name="Elvdal kommune",
        publication="ikke",
        day=2,
        answers={"Q1": ("nei", dup_text)},
    )
    r["R4"] = make_response(
        hearing,
        prefix + "R4",
        category="privatperson",
        kind="privatperson",
        review="pending",
        day=2,
        contact_name="Per Privat",
        answers={"Q1": ("vet_ikke", "Jeg ble kasteball mellom tjenestene.")},
    )
    r["R5"] = make_response(
        hearing,
        prefix + "R5",
        category="helseforetak",
        name="Helse Midt HF",
        day=3,
        answers={"Q1": ("delvis", "Brukere må høres i koordineringen.")},
    )
    c1 = make_comment(
        r["R1"], proposal, "Forløpskoordinator må ha mandat.", "sec-1", "Forløpskoordinator"
    )
    make_comment(r["R5"], proposal, "Bra forslag.")
    w.group = DuplicateGroup.objects.create(
        hearing=hearing, key="dup1", kind="exact", size=2, canonical=r["R2"], excerpt=dup_text
    )
    now = timezone.now()
    for ref, response in r.items():
        ResponseAnalysis.objects.create(
            response=response,
            text_hash=ref,
            analysed_at=now,
            duplicate_group=w.group if ref in ("R2", "R3") else None,
        )
    t = w.themes
    t["T1"] = make_theme(hearing, "G1", "Brukermedvirkning", ["brukermedvirkning", "bruker"])
    t["T2"] = make_theme(hearing, "G2", "Koordinering", ["koordinering", "kasteball"])
    t["T3"] = make_theme(hearing, "G3", "Ventetid", ["ventetid"])
    t["T3b"] = make_theme(hearing, "G3", "Finansiering", ["finansiering"])

    def answer(ref: str, code: str) -> Answer:
        return Answer.objects.get(response=r[ref], question__code=code)

    p = w.passages
    p["P1"] = make_passage(
        r["R1"],
        "Brukermedvirkning er viktig.",
        answer=answer("R1", "Q1"),
        goals={"G1": t["T1"]},
        confidence=0.9,
    )
    p["P2"] = make_passage(
        r["R1"],
        "Ventetiden er for lang.",
        answer=answer("R1", "Q1"),
        goals={"G3": t["T3"]},
        confidence=0.4,
        index=1,
    )
    p["P3"] = make_passage(
        r["R2"], dup_text, answer=answer("R2", "Q1"), goals={"G3": t["T3"]}, confidence=0.6
    )
    p["P4"] = make_passage(
        r["R3"], dup_text, answer=answer("R3", "Q1"), goals={"G3": t["T3"]}, confidence=0.6
    )
    p["P5"] = make_passage(
        r["R4"],
        "Jeg ble kasteball mellom tjenestene.",
        answer=answer("R4", "Q1"),
        goals={"G2": t["T2"]},
        confidence=0.3,
    )
    p["P6"] = make_passage(
        r["R5"],
        "Brukere må høres i koordineringen.",
        answer=answer("R5", "Q1"),
        goals={"G1": t["T1"], "G2": t["T2"]},
        confidence=0.7,
    )
    p["P7"] = make_passage(
        r["R1"],
        "Forløpskoordinator må ha mandat.",
        comment=c1,
        goals={"G2": t["T2"]},
        confidence=0.8,
    )
    p["P8"] = make_passage(
        r["R2"], "Ingen merknader.", answer=answer("R2", "Q2"), goals={}, confidence=0.2
    )
    w.flag = PersonalDataFlag.objects.create(
        response=r["R5"],
        source="answer",
        source_id=answer("R5", "Q1").pk,
        start=0,
        end=7,
        kind="own_health",
        reason="Mulig helseopplysning",
    )
    return w
