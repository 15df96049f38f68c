"""The passage list and its filters, a passage in context, agreement, screening, changes."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from search.service import passage_ids_query

from ...models import (
    GOAL_CODES,
    Answer,
    GoalLabel,
    HearingPage,
    LetterDocument,
    Passage,
    PassageTheme,
    PathwayComment,
    PersonalDataFlag,
    PublicationChoice,
    Redaction,
    Response,
    ReviewStatus,
    Source,
    ThemeChangeLink,
)
from ...selectors import response_open_flag_count  # noqa: F401 - part of this API
from .common import CONFIDENCE_BANDS, goal_titles, submitted_responses

# ---------------------------------------------------------------------------- passages


#: One request to the search service; Elasticsearch answers at most 10,000 hits per request
#: (``index.max_result_window``), so more than that cannot be fetched in one go.


@dataclass
class TextMatches:
    """The passages of one hearing that the search service finds for a query (lazy id query)."""

    query: str
    ids: object
    degraded: bool = False
    truncated: bool = False


def passage_text_matches(*, query: str, user, hearing_id: int) -> TextMatches:
    """Ask the search service, so "ventetider" finds "ventetid" and "koordinator" finds
    "forløpskoordinator" exactly as in the staff search.

    The service answers within the hearing with every match (never cut to a page), which
    :func:`passages_filtered` combines with the other filters in the database. Where the
    database takes any number of parameters (PostgreSQL) the ids are fetched once, so a page
    and its count do not run the search twice; elsewhere (SQLite caps parameters, and its
    databases are small) they stay a subquery. ``user`` must be a reviewer: the service checks it.
    """
    ids = passage_ids_query(query, hearing_id=hearing_id, user=user)
    if connection.vendor == "postgresql":
        ids = list(ids)
    return TextMatches(query=query, ids=ids)


def _ids_q(ids) -> Q:
    """``pk IN ids``; a fetched list goes to PostgreSQL as ONE array parameter.

    Tens of thousands of ids as separate parameters cost far more to build and send than the
    query costs to run (0.9 s of 1 s for 44,000 ids, twice per page: count and rows).
    """
    if isinstance(ids, list):
        return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return Q(pk__in=ids)


def _text_q(query: str, matches: TextMatches) -> Q:
    # The plain substring match is kept beside the search hits: it finds passages analysed a
    # moment ago whose index documents are still queued, and text the analyser splits oddly.
    return _ids_q(matches.ids) | Q(text__icontains=query)


def passages_filtered(
    *,
    hearing: HearingPage,
    filters: dict,
    user=None,
    text_matches: TextMatches | None = None,
) -> QuerySet[Passage]:
    """The passage list behind every figure; every key is optional and they combine (AND).

    The text filter ``q`` goes through the search service and needs ``user`` (or the
    ``text_matches`` a caller already fetched, to show whether the search was cut short).
    """
    qs = Passage.objects.filter(hearing_id=hearing.pk)
    goal = filters.get("goal")
    if goal:
        qs = qs.filter(
            Exists(
                GoalLabel.objects.filter(
                    passage_id=OuterRef("pk"), goal=goal, is_effective=True, assigned=True
                )
            )
        )
    if filters.get("theme"):
        qs = qs.filter(
            Exists(
                PassageTheme.objects.filter(
                    passage_id=OuterRef("pk"), theme_id=filters["theme"], is_effective=True
                )
            )
        )
    if filters.get("question") == "none":
        qs = qs.filter(question__isnull=True)
    elif filters.get("question"):
        qs = qs.filter(question_id=filters["question"])
    simple = {
        "pathway": "pathway_id",
        "proposal": "proposal_id",
        "section": "section_id",
        "category": "category",
        "stance": "stance",
        "source": "source",
        "received_as": "response__source",
    }
    for key, field in simple.items():
        if filters.get(key):
            qs = qs.filter(**{field: filters[key]})
    band = CONFIDENCE_BANDS.get(filters.get("confidence") or "")
    if band:
        qs = qs.filter(confidence__gte=band[0], confidence__lt=band[1])
    reviewed = filters.get("reviewed")
    if reviewed in ("ja", "nei"):
        qs = qs.filter(reviewed_at__isnull=(reviewed == "nei"))
    for key, field in (
        ("flagged", "is_flagged"),
        ("evidence", "is_evidence_rich"),
        ("read", "is_read"),
    ):
        if filters.get(key) in ("ja", "nei"):
            qs = qs.filter(**{field: filters[key] == "ja"})
    relevant = filters.get("relevant") or ("ja" if goal or filters.get("theme") else "")
    if relevant in ("ja", "nei"):
        qs = qs.filter(not_relevant=(relevant == "nei"))
    if filters.get("duplicate_group"):
        qs = qs.filter(response__analysis__duplicate_group_id=filters["duplicate_group"])
    if filters.get("q"):
        if text_matches is None:
            if user is None:
                raise TypeError("the text filter needs the user: the search service checks rights")
            text_matches = passage_text_matches(
                query=filters["q"], user=user, hearing_id=hearing.pk
            )
        qs = qs.filter(_text_q(filters["q"], text_matches))
    if filters.get("order") == "confidence":
        return qs.order_by("confidence", "pk")
    return qs.order_by("response_id", "source", "source_id", "index")


def review_queue(*, hearing: HearingPage) -> QuerySet[Passage]:
    """Unreviewed, still relevant passages, least confident first."""
    return passages_filtered(
        hearing=hearing, filters={"reviewed": "nei", "relevant": "ja", "order": "confidence"}
    )


def passage_list_rows(*, passages: list[Passage]) -> list[dict]:
    """Effective goals and themes for one page of passages, in two queries."""
    ids = [p.pk for p in passages]
    goals: dict[int, list[str]] = defaultdict(list)
    for pid, goal, source in (
        GoalLabel.objects.filter(passage_id__in=ids, is_effective=True, assigned=True)
        .order_by("goal")
        .values_list("passage_id", "goal", "source")
    ):
        goals[pid].append(goal + ("*" if source == Source.HUMAN else ""))
    themes: dict[int, list[str]] = defaultdict(list)
    for pid, label in (
        PassageTheme.objects.filter(passage_id__in=ids, is_effective=True)
        .order_by("goal")
        .values_list("passage_id", "theme__label")
    ):
        themes[pid].append(label)
    return [{"passage": p, "goals": goals[p.pk], "themes": themes[p.pk]} for p in passages]


def source_text(*, response: Response, source: str, source_id: int | None) -> str:
    """The stored text a passage or flag points into (offsets are into this string)."""
    if source == "answer":
        answer = Answer.objects.filter(pk=source_id, response=response).first()
        return answer.text if answer else ""
    if source == "pathway_comment":
        comment = PathwayComment.objects.filter(pk=source_id, response=response).first()
        return comment.text if comment else ""
    if source == "general_comment":
        return response.general_comment
    if source == "interests":
        return response.interests
    if source == "attachment":
        return response.attachment_text
    if source == "letter":
        letter = LetterDocument.objects.filter(pk=source_id, response=response).first()
        return letter.text if letter else ""
    return ""


def passage_in_context(*, passage: Passage) -> dict:
    """The passage's source text split around it, plus the response's other texts."""
    text = source_text(
        response=passage.response, source=passage.source, source_id=passage.source_id
    )
    start, end = passage.start, passage.end
    if not (0 <= start <= end <= len(text)) or text[start:end].strip() != passage.text.strip():
        found = text.find(passage.text)
        start, end = (found, found + len(passage.text)) if found >= 0 else (0, 0)
    return {
        "before": text[:start],
        "passage": text[start:end] if end > start else passage.text,
        "after": text[end:] if end > start else "",
        "found": end > start,
    }


@dataclass
class Agreement:
    goal: str
    title: str
    n: int
    both: int
    machine_only: int
    human_only: int
    neither: int

    @property
    def percent(self) -> float | None:
        return round(100 * (self.both + self.neither) / self.n, 1) if self.n else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa between machine and effective label over the reviewed passages."""
        if not self.n:
            return None
        observed = (self.both + self.neither) / self.n
        machine_yes = (self.both + self.machine_only) / self.n
        human_yes = (self.both + self.human_only) / self.n
        expected = machine_yes * human_yes + (1 - machine_yes) * (1 - human_yes)
        if expected >= 1:
            return 1.0 if observed == 1 else None
        return round((observed - expected) / (1 - expected), 3)


def machine_agreement(*, hearing: HearingPage) -> list[Agreement]:
    """Per goal, over passages a reviewer has looked at: machine label vs the label that counts."""
    reviewed = list(
        Passage.objects.filter(hearing_id=hearing.pk, reviewed_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    machine: set[tuple[int, str]] = set()
    effective: set[tuple[int, str]] = set()
    for pid, goal, source, assigned, is_effective in GoalLabel.objects.filter(
        passage__hearing_id=hearing.pk, passage__reviewed_at__isnull=False
    ).values_list("passage_id", "goal", "source", "assigned", "is_effective"):
        if source == Source.MACHINE and assigned:
            machine.add((pid, goal))
        if is_effective and assigned:
            effective.add((pid, goal))
    titles = goal_titles()
    result = []
    for goal in GOAL_CODES:
        counts = Counter(((pid, goal) in machine, (pid, goal) in effective) for pid in reviewed)
        result.append(
            Agreement(
                goal=goal,
                title=titles.get(goal, goal),
                n=len(reviewed),
                both=counts[(True, True)],
                machine_only=counts[(True, False)],
                human_only=counts[(False, True)],
                neither=counts[(False, False)],
            )
        )
    return result


def review_progress(*, hearing: HearingPage) -> dict:
    return Passage.objects.filter(hearing_id=hearing.pk).aggregate(
        total=Count("pk"),
        reviewed=Count("pk", filter=Q(reviewed_at__isnull=False)),
        read=Count("pk", filter=Q(is_read=True)),
        flagged=Count("pk", filter=Q(is_flagged=True)),
        evidence=Count("pk", filter=Q(is_evidence_rich=True)),
        not_relevant=Count("pk", filter=Q(not_relevant=True)),
    )


# ---------------------------------------------------------------------------- screening


def response_redaction_rows(*, response: Response) -> list[dict]:
    """The response's redactions, each with the words it withholds (staff never see offsets)."""
    rows = []
    for redaction in response.redactions.all():
        text = source_text(
            response=response, source=redaction.source, source_id=redaction.source_id
        )
        rows.append({"redaction": redaction, "text": text[redaction.start : redaction.end]})
    return rows


def response_flags(*, response: Response) -> list[dict]:
    """Personal-data flags with the flagged text and a little context around it."""
    rows = []
    for flag in response.personal_data_flags.select_related("decided_by", "redaction"):
        text = source_text(response=response, source=flag.source, source_id=flag.source_id)
        rows.append(
            {
                "flag": flag,
                # Where "before" starts in the stored text: a selection on screen maps back to it.
                "context_start": max(0, flag.start - 60),
                "before": text[max(0, flag.start - 60) : flag.start],
                "span": text[flag.start : flag.end],
                "after": text[flag.end : flag.end + 60],
            }
        )
    return rows


def responses_with_open_flags(*, hearing: HearingPage) -> QuerySet[Response]:
    return (
        submitted_responses(hearing=hearing)
        .annotate(
            open_flags=Count(
                "personal_data_flags",
                filter=Q(personal_data_flags__decision=PersonalDataFlag.Decision.PROPOSED),
            )
        )
        .filter(open_flags__gt=0)
        .order_by("reference")
    )


# ---------------------------------------------------------------------------- changes


def hearing_change_links(*, hearing: HearingPage) -> QuerySet[ThemeChangeLink]:
    return ThemeChangeLink.objects.filter(theme__hearing_id=hearing.pk).select_related(
        "theme", "version", "created_by"
    )


def hearing_adopted_versions(*, hearing: HearingPage) -> list:
    return [adoption.version for adoption in hearing.adoptions.select_related("version")]


def version_sections(*, version) -> list[tuple[str, str]]:
    """(block id, heading) of the sections in a version snapshot, for the link form."""
    sections = []
    for block in version.content.get("body", []) or []:
        value = block.get("value") or {}
        heading = value.get("heading") if isinstance(value, dict) else None
        if block.get("id") and heading:
            sections.append((block["id"], heading))
    return sections


# ---------------------------------------------------------------------------- publishing


def publishable_responses(*, hearing: HearingPage) -> QuerySet[Response]:
    """Approved responses whose respondents allowed publication: the only source of quotations."""
    return (
        submitted_responses(hearing=hearing)
        .filter(review_status=ReviewStatus.APPROVED)
        .exclude(publication_choice=PublicationChoice.NONE)
    )


def quotable(
    *, passage: Passage, redactions: list[Redaction], flags: list[PersonalDataFlag]
) -> bool:
    """A passage may be quoted when nothing withheld or flagged as personal data overlaps it."""

    def overlaps(item) -> bool:
        return (
            item.source == passage.source
            and item.source_id == passage.source_id
            and item.start < passage.end
            and item.end > passage.start
        )

    if any(overlaps(r) for r in redactions):
        return False
    return not any(overlaps(f) for f in flags if f.decision != PersonalDataFlag.Decision.DISMISSED)
