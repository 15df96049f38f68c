"""Responses per day and category, stance per question, the goal × question matrix."""

from __future__ import annotations

import re
from collections import defaultdict

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from guidelines.models import PathwayPage

from ...models import (
    GOAL_CODES,
    Answer,
    Category,
    GoalLabel,
    HearingPage,
    HearingQuestion,
    Passage,
    PathwayComment,
    ResponseStatus,
    Source,
    Stance,
    StanceSource,
)
from .common import _text_key, goal_titles, submitted_responses

# ---------------------------------------------------------------------------- responses


def response_counts_by_day(*, hearing: HearingPage) -> list[dict]:
    rows = (
        submitted_responses(hearing=hearing)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [{"day": row["day"], "n": row["n"]} for row in rows]


def response_counts_by_category(*, hearing: HearingPage) -> list[dict]:
    """Responses and distinct texts per respondent category, in the form's category order."""
    rows = (
        submitted_responses(hearing=hearing)
        .values("category")
        .annotate(n=Count("pk"), distinct=Count(_text_key(), distinct=True))
    )
    by_category = {row["category"]: row for row in rows}
    return [
        {
            "category": value,
            "label": label,
            "n": by_category[value]["n"],
            "distinct": by_category[value]["distinct"],
        }
        for value, label in Category.choices
        if value in by_category
    ]


def response_totals(*, hearing: HearingPage) -> dict:
    return submitted_responses(hearing=hearing).aggregate(
        n=Count("pk"), distinct=Count(_text_key(), distinct=True)
    )


# ---------------------------------------------------------------------------- stance


def stance_counts(*, hearing: HearingPage, pathway_id: int | None = None) -> list[dict]:
    """Stance per question; with ``pathway_id`` only responses that commented on that pathway.

    A response names its pathways through its pathway comments, so "per pathway" means the
    respondents who wrote about that pathway.
    """
    answers = Answer.objects.filter(
        response__hearing_id=hearing.pk, response__status=ResponseStatus.SUBMITTED
    ).exclude(stance="")
    if pathway_id:
        answers = answers.filter(
            Exists(
                PathwayComment.objects.filter(
                    response_id=OuterRef("response_id"), pathway_id=pathway_id
                )
            )
        )
    # Distinct texts = all answers - answers in duplicate groups + the groups themselves; the
    # group part touches only grouped responses, so no COUNT(DISTINCT) over every answer.
    table: dict[int, dict] = defaultdict(dict)
    for qid, stance, n in (
        answers.values_list("question_id", "stance").annotate(n=Count("pk")).order_by()
    ):
        table[qid][stance] = [n, n]
    grouped = (
        answers.filter(response__analysis__duplicate_group__isnull=False)
        .values_list("question_id", "stance")
        .annotate(
            members=Count("pk"),
            groups=Count("response__analysis__duplicate_group_id", distinct=True),
        )
        .order_by()
    )
    for qid, stance, members, groups in grouped:
        table[qid][stance][1] -= members - groups
    # Stances the machine proposed from a letter count, and are shown as such.
    proposed = dict(
        ((qid, stance), n)
        for qid, stance, n in answers.filter(stance_source=StanceSource.MACHINE)
        .values_list("question_id", "stance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = []
    for question in HearingQuestion.objects.filter(hearing_id=hearing.pk).order_by("sort_order"):
        cells = table.get(question.pk, {})
        counts = [
            {
                "stance": s,
                "label": label,
                "n": cells.get(s, (0, 0))[0],
                "distinct": cells.get(s, (0, 0))[1],
                "proposed": proposed.get((question.pk, s), 0),
            }
            for s, label in Stance.choices
        ]
        total = sum(c["n"] for c in counts)
        for cell in counts:
            cell["percent"] = round(100 * cell["n"] / total) if total else 0
        result.append({"question": question, "counts": counts, "total": total})
    return result


def hearing_pathways(*, hearing: HearingPage) -> list:
    ids = (
        PathwayComment.objects.filter(response__hearing_id=hearing.pk)
        .values_list("pathway_id", flat=True)
        .distinct()
    )
    proposal_pathways = hearing.proposal_links.values_list("proposal__pathway_id", flat=True)
    return list(
        PathwayPage.objects.filter(Q(pk__in=ids) | Q(pk__in=proposal_pathways)).order_by("title")
    )


def stance_counts_per_pathway(*, hearing: HearingPage) -> list[dict]:
    return [
        {"pathway": pathway, "rows": stance_counts(hearing=hearing, pathway_id=pathway.pk)}
        for pathway in hearing_pathways(hearing=hearing)
    ]


# ---------------------------------------------------------------------------- goals


def effective_goal_labels(*, hearing: HearingPage) -> QuerySet[GoalLabel]:
    return GoalLabel.objects.filter(
        passage__hearing_id=hearing.pk,
        passage__not_relevant=False,
        is_effective=True,
        assigned=True,
    )


def goal_question_matrix(*, hearing: HearingPage) -> dict:
    """Passages per goal × question (plus a column for text not tied to a question).

    One query: a passage has at most one effective row per goal, so counting rows counts
    passages, and a passage has one question, so a goal's total is the sum of its row.
    """
    rows = (
        effective_goal_labels(hearing=hearing)
        .values_list("goal", "passage__question_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells = {(goal, qid): n for goal, qid, n in rows}
    questions = list(HearingQuestion.objects.filter(hearing_id=hearing.pk).order_by("sort_order"))
    titles = goal_titles()
    columns = [(q.pk, q.code) for q in questions] + [(None, _("Annen tekst"))]
    matrix = []
    for goal in GOAL_CODES:
        row = [{"question_id": qid, "n": cells.get((goal, qid), 0)} for qid, _c in columns]
        total = sum(n for (g, _q), n in cells.items() if g == goal)
        matrix.append({"goal": goal, "title": titles.get(goal, goal), "cells": row, "total": total})
    return {"columns": columns, "rows": matrix, "questions": questions}


def goal_passage_counts(*, hearing: HearingPage) -> dict[str, int]:
    return dict(
        effective_goal_labels(hearing=hearing)
        .values_list("goal")
        .annotate(n=Count("pk"))
        .order_by()
    )


def passage_goals(*, passage: Passage) -> list[dict]:
    """Per goal: what the machine said, what a reviewer said, and what counts."""
    labels = defaultdict(dict)
    for label in passage.goal_labels.select_related("decided_by"):
        labels[label.goal][label.source] = label
    titles = goal_titles()
    result = []
    for goal in GOAL_CODES:
        machine = labels[goal].get(Source.MACHINE)
        human = labels[goal].get(Source.HUMAN)
        effective = human if human and human.is_effective else machine
        result.append(
            {
                "goal": goal,
                "title": titles.get(goal, goal),
                "machine": machine,
                "human": human,
                "assigned": bool(effective and effective.is_effective and effective.assigned),
                "score": passage.scores.get(goal) if isinstance(passage.scores, dict) else None,
            }
        )
    return result


def passage_evidence_segments(*, text: str, goal_rows: list[dict]) -> list[dict]:
    """The passage cut into pieces, each evidence phrase of a machine goal marked with its goal.

    Evidence is stored as the words the classifier leaned on, as written (lower-cased); each
    is found case-insensitively at word boundaries. Overlaps go to the earlier, longer match.
    """
    spans: list[tuple[int, int, str]] = []
    for row in goal_rows:
        machine = row.get("machine")
        if not machine or not machine.assigned:
            continue
        for phrase in machine.evidence or []:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, str(phrase).split())) + r"(?!\w)"
            for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                spans.append((match.start(), match.end(), row["goal"]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments, position = [], 0
    for start, end, goal in spans:
        if start < position:
            continue
        if start > position:
            segments.append({"text": text[position:start], "goal": None})
        segments.append({"text": text[start:end], "goal": goal})
        position = end
    if position < len(text):
        segments.append({"text": text[position:], "goal": None})
    return segments
