"""Reads for hearings: status, index entries, published responses, respondent data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guidelines.models import Goal, RevisionProposalPage

# Model modules, never the ``hearings.models`` package: the hearing page model imports this module
# for its context, so the page class is named for type checkers only.
from .models.adoption import ProposalAdoption
from .models.analysis import PersonalDataFlag
from .models.responses import (
    Category,
    PublicationChoice,
    Redaction,
    RespondentKind,
    Response,
    ResponseStatus,
    ReviewStatus,
)
from .nlp.language import text_language
from .nlp.personal_data import find_names_by_cue
from .questions import question_asks_about_goals
from .structure_cache import remembered

if TYPE_CHECKING:
    from .models.pages import HearingPage


class HearingStatus:
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    UNDER_CONSIDERATION = "under_consideration"
    CONCLUDED = "concluded"

    LABELS = {
        UPCOMING: _("Kommende"),
        OPEN: _("Åpen for innspill"),
        CLOSED: _("Høringsfristen er ute"),
        UNDER_CONSIDERATION: _("Til behandling"),
        CONCLUDED: _("Avsluttet"),
    }


@dataclass
class StatusInfo:
    code: str
    label: str
    opens_at: datetime
    closes_at: datetime
    time_left: timedelta | None = None
    adopted_versions: list = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.code == HearingStatus.OPEN

    @property
    def accepts_responses(self) -> bool:
        return self.is_open

    @property
    def past_deadline(self) -> bool:
        return self.code not in (HearingStatus.UPCOMING, HearingStatus.OPEN)

    @property
    def days_left(self) -> int | None:
        return self.time_left.days if self.time_left is not None else None

    @property
    def hours_left(self) -> int | None:
        return int(self.time_left.total_seconds() // 3600) if self.time_left is not None else None


def hearing_status(*, hearing: HearingPage, now: datetime | None = None) -> StatusInfo:
    """Where a hearing stands at ``now``; open up to and including 23:59:59 Oslo time on the deadline."""
    now = now or timezone.now()
    closes_at = hearing.closes_at
    # Adoptions follow the deadline; an upcoming or open hearing (every request of a deadline
    # rush asks, some several times) needs no query.
    adoptions = (
        list(
            ProposalAdoption.objects.filter(hearing_id=hearing.pk).select_related(
                "version", "proposal"
            )
        )
        if hearing.pk and now > closes_at
        else []
    )
    if now < hearing.opens_at:
        code = HearingStatus.UPCOMING
    elif now <= closes_at:
        code = HearingStatus.OPEN
    elif hearing.concluded_at or (adoptions and _all_adopted(hearing, adoptions)):
        code = HearingStatus.CONCLUDED
    elif hearing.under_consideration_at or adoptions:
        code = HearingStatus.UNDER_CONSIDERATION
    else:
        code = HearingStatus.CLOSED
    return StatusInfo(
        code=code,
        label=str(HearingStatus.LABELS[code]),
        opens_at=hearing.opens_at,
        closes_at=closes_at,
        time_left=(closes_at - now) if code == HearingStatus.OPEN else None,
        adopted_versions=[adoption.version for adoption in adoptions],
    )


def _all_adopted(hearing: HearingPage, adoptions: list[ProposalAdoption]) -> bool:
    proposal_ids = set(hearing.proposal_links.values_list("proposal_id", flat=True))
    return bool(proposal_ids) and proposal_ids <= {a.proposal_id for a in adoptions}


def hearing_questions_locked(*, hearing_id: int) -> bool:
    """Questions freeze as soon as any response (even a draft) exists."""
    return Response.objects.filter(hearing_id=hearing_id).exists()


def hearing_index_entries(*, hearings: Iterable[HearingPage]) -> list[dict]:
    """The index page's list: each live hearing (newest deadline first) with its status."""
    return [{"page": h, "status": hearing_status(hearing=h)} for h in hearings]


def hearing_proposals(*, hearing: HearingPage) -> list:
    """The hearing's proposals (specific pages, pathway loaded) in the hearing's order.

    A fixed number of queries whatever the number of proposals, and usually none: the response
    form builds on this on every request of a deadline rush. Loading nine proposals with their
    pathways built some twenty page objects per form, a sixth of a submission's CPU, so the pages
    are kept in the cache under the structure stamp (:mod:`hearings.structure_cache`), which a
    publication of any page replaces.
    """
    return remembered("proposals", hearing.pk, lambda: _proposal_pages(hearing))


def _proposal_pages(hearing: HearingPage) -> list:
    ids = list(hearing.proposal_links.order_by("sort_order").values_list("proposal_id", flat=True))
    pages = RevisionProposalPage.objects.select_related("pathway").in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


def hearing_question_rows(*, hearing: HearingPage) -> list[tuple]:
    """The hearing's questions in order, each with the goals it asks about (empty for most).

    Q1 asks whether the drafts help reach "de fem målene"; respondents need the goals in front of
    them to answer, so the question that names them carries the list. Kept in the cache under the
    structure stamp, like the proposals: a saved question or goal replaces the stamp.
    """
    return remembered("questions", hearing.pk, lambda: _question_rows(hearing))


def _question_rows(hearing: HearingPage) -> list[tuple]:
    questions = list(hearing.questions.order_by("sort_order"))
    goals = []
    if any(question_asks_about_goals(q.text) for q in questions):
        goals = list(Goal.objects.order_by("sort_order", "code"))
    return [(q, goals if question_asks_about_goals(q.text) else []) for q in questions]


def hearing_page_context(*, hearing: HearingPage) -> dict:
    status = hearing_status(hearing=hearing)
    question_rows = hearing_question_rows(hearing=hearing)
    context = {
        "status": status,
        "proposals": hearing_proposals(hearing=hearing),
        "questions": [question for question, _goals in question_rows],
        "question_rows": question_rows,
        "recipients": list(hearing.recipients.all()),
        "published_responses": [],
    }
    if status.past_deadline:
        context["published_responses"] = hearing_published_responses(hearing=hearing)
    return context


def proposal_sections(*, proposal) -> list[dict]:
    """The sections of a proposal a respondent can comment on: block id and heading."""
    sections = []
    for block in proposal.body.raw_data:
        heading = (block.get("value") or {}).get("heading") or ""
        if block.get("id"):
            sections.append({"id": block["id"], "heading": heading})
    return sections


# Publication ---------------------------------------------------------------------------------


def _apply_redactions(text: str, redactions: list[Redaction]) -> str:
    """Replace withheld passages, working from the end so earlier offsets stay valid."""
    for redaction in sorted(redactions, key=lambda r: r.start, reverse=True):
        label = _("[Tekst holdt tilbake: %(reason)s]") % {"reason": redaction.get_reason_display()}
        text = text[: redaction.start] + str(label) + text[redaction.end :]
    return text


def _name_spans(
    response: Response, source: str, source_id: int | None, text: str
) -> list[tuple[int, int]]:
    """Where person names occur in a text whose respondent chose "publish without person names".

    The contact person's name, names after signature cues and names the analysis flagged (and staff
    did not dismiss) are removed; an organisation's own name is not a person name and stays.
    """
    spans = [(flag.start, flag.end) for flag in find_names_by_cue(text)]
    spans += [
        (flag.start, flag.end)
        for flag in response.personal_data_flags.all()
        if flag.kind == "person_name"
        and flag.decision != "dismissed"
        and flag.source == source
        and flag.source_id == source_id
        and flag.end <= len(text)
    ]
    name = (response.contact_name or "").strip()
    if name:
        lowered, needle = text.lower(), name.lower()
        start = lowered.find(needle)
        while start != -1:
            spans.append((start, start + len(name)))
            start = lowered.find(needle, start + len(name))
    return spans


def _remove_names(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank the name spans, keeping offsets valid for later redactions (same-length replacement)."""
    chars = list(text)
    for start, end in spans:
        for index in range(start, min(end, len(chars))):
            chars[index] = "\0"
    return "".join(chars)


def _collapse_removed(text: str) -> str:
    label = str(_("[navn fjernet]"))
    out, previous = [], False
    for char in text:
        if char == "\0":
            if not previous:
                out.append(label)
            previous = True
        else:
            out.append(char)
            previous = False
    return "".join(out)


def _published_name(response: Response) -> str:
    if response.respondent_kind == RespondentKind.PRIVATE:
        if response.publication_choice == PublicationChoice.FULL and response.contact_name:
            return response.contact_name
        return str(_("Privatperson"))
    return response.organisation_name


def response_public_view(*, response: Response) -> dict:
    """What the public may see of a response. Contact details are never part of it."""
    redactions = list(response.redactions.all())

    without_names = response.publication_choice == PublicationChoice.WITHOUT_NAMES

    def redacted(source: str, source_id: int | None, text: str) -> dict:
        if without_names and text:
            text = _remove_names(text, _name_spans(response, source, source_id, text))
        shown = _apply_redactions(
            text, [r for r in redactions if r.source == source and r.source_id == source_id]
        )
        if without_names:
            shown = _collapse_removed(shown)
        return {"text": shown, "lang": text_language(shown)}

    return {
        "reference": response.reference,
        "name": _published_name(response),
        "category": response.get_category_display(),
        "is_demo": response.is_demo,
        "submitted_at": response.submitted_at,
        "answers": [
            {
                "question": answer.question,
                "stance": answer.get_stance_display() if answer.stated_stance else "",
                "text": redacted(Redaction.Source.ANSWER, answer.pk, answer.text),
            }
            for answer in response.answers.all()
            if answer.stated_stance or answer.text
        ],
        "letters": [
            redacted(Redaction.Source.LETTER, letter.pk, letter.text)
            for letter in response.letters.all()
        ],
        "pathway_comments": [
            {
                "pathway": comment.pathway,
                "section_heading": comment.section_heading,
                "text": redacted(Redaction.Source.PATHWAY_COMMENT, comment.pk, comment.text),
            }
            for comment in response.pathway_comments.all()
        ],
        "general_comment": redacted(
            Redaction.Source.GENERAL_COMMENT, None, response.general_comment
        ),
        "interests": redacted(Redaction.Source.INTERESTS, None, response.interests),
    }


def hearing_published_responses(*, hearing: HearingPage, now: datetime | None = None) -> list[dict]:
    """Approved, submitted responses whose respondents allowed publication, after the deadline."""
    if (now or timezone.now()) <= hearing.closes_at:
        return []
    responses = (
        Response.objects.filter(
            hearing_id=hearing.pk,
            status=ResponseStatus.SUBMITTED,
            review_status=ReviewStatus.APPROVED,
        )
        .exclude(publication_choice=PublicationChoice.NONE)
        .prefetch_related(
            "answers__question",
            "pathway_comments__pathway",
            "redactions",
            "personal_data_flags",
            "letters",
        )
        .order_by("category", "organisation_name", "pk")
    )
    return [response_public_view(response=response) for response in responses]


def hearing_response_counts(*, hearing: HearingPage) -> dict:
    rows = (
        Response.objects.filter(hearing_id=hearing.pk, status=ResponseStatus.SUBMITTED)
        .values("category")
        .annotate(n=Count("pk"))
    )
    counts = {row["category"]: row["n"] for row in rows}
    return {label: counts.get(value, 0) for value, label in Category.choices}


def responses_for_review(*, hearing_id: int | None = None, review_status: str | None = None):
    responses = Response.objects.filter(status=ResponseStatus.SUBMITTED).select_related("hearing")
    if hearing_id:
        responses = responses.filter(hearing_id=hearing_id)
    if review_status:
        responses = responses.filter(review_status=review_status)
    return responses.order_by("review_status", "submitted_at")


def respondent_responses(*, email: str):
    email = email.strip()
    return Response.objects.filter(Q(contact_email__iexact=email)).prefetch_related(
        "answers__question", "pathway_comments", "redactions"
    )


def respondent_data(*, email: str) -> dict:
    """Everything stored about the respondent with this e-mail address (for a request for access)."""
    responses = []
    for response in respondent_responses(email=email):
        responses.append(
            {
                "reference": response.reference,
                "hearing": response.hearing.title,
                "status": response.get_status_display(),
                "respondent_kind": response.get_respondent_kind_display(),
                "organisation_name": response.organisation_name,
                "organisation_number": response.organisation_number,
                "category": response.get_category_display(),
                "contact_name": response.contact_name,
                "contact_email": response.contact_email,
                "publication_choice": response.get_publication_choice_display(),
                "interests": response.interests,
                "general_comment": response.general_comment,
                "attachment_name": response.attachment_name,
                "created_at": response.created_at.isoformat(),
                "updated_at": response.updated_at.isoformat(),
                "submitted_at": response.submitted_at.isoformat()
                if response.submitted_at
                else None,
                "answers": [
                    {"question": a.question.code, "stance": a.stance, "text": a.text}
                    for a in response.answers.all()
                ],
                "pathway_comments": [
                    {"pathway_id": c.pathway_id, "section": c.section_heading, "text": c.text}
                    for c in response.pathway_comments.all()
                ],
                "review_status": response.get_review_status_display(),
            }
        )
    return {"email": email, "responses": responses}


def response_open_flag_count(*, response: Response) -> int:
    """Personal-data flags no reviewer has accepted, adjusted or dismissed yet (block approval)."""
    return response.personal_data_flags.filter(decision=PersonalDataFlag.Decision.PROPOSED).count()
